import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnTool } from "../../src/adapters/tool.ts";
import { isSerialAfter } from "../../src/core/infra/serial.ts";
import { domainops, officeRoot, removeRoots, tempDir } from "./helpers.ts";

afterAll(removeRoots);

function soaSerial(zone: string): number {
  const match = /^@ IN SOA \S+ \S+ (\d+) /m.exec(zone);
  if (!match) throw new Error(`no SOA line in:\n${zone}`);
  return Number(match[1]);
}

function checkzone(zone: string): string {
  const file = path.join(tempDir(), "zone.db");
  writeFileSync(file, zone);
  const result = spawnTool("named-checkzone", ["kuduskab.go.id", file]);
  expect(result.status).toBe(0);
  return result.stdout;
}

describe("domainops export --format bind: the SOA serial", () => {
  const root = officeRoot(["bkd.yaml", "dinkes.yaml"]);
  const exportAt = (iso: string, ...args: string[]) =>
    domainops(["export", "--format", "bind", "--root", root, ...args], { now: new Date(iso) });

  it("two exports a minute apart on one day differ, and the later one is greater", async () => {
    const first = await exportAt("2026-12-01T10:00:00Z");
    const second = await exportAt("2026-12-01T10:01:00Z");
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(soaSerial(first.out)).toBe(2796119200);
    expect(soaSerial(second.out)).toBe(2796119260);
    expect(isSerialAfter(soaSerial(second.out), soaSerial(first.out))).toBe(true);
    expect(second.out.replace(/ 2796119260 /, " 2796119200 ")).toBe(first.out);
    expect(checkzone(second.out)).toContain("loaded serial 2796119260");
  });

  it("--previous-serial continues above the serial a server already has", async () => {
    const ahead = await exportAt("2026-12-01T10:00:00Z", "--previous-serial", "4000000000");
    expect(ahead.code).toBe(0);
    expect(soaSerial(ahead.out)).toBe(4000000001);
    const behind = await exportAt("2026-12-01T10:00:00Z", "--previous-serial", "2026120105");
    expect(soaSerial(behind.out)).toBe(2796119200);
  });

  it.each([["-1"], ["4294967296"], ["12x"], ["1e9"], [" 5"], [""]])(
    "--previous-serial %j is a usage error",
    async (value) => {
      const { code, out, err } = await exportAt("2026-12-01T10:00:00Z", `--previous-serial=${value}`);
      expect([code, out]).toEqual([2, ""]);
      expect(err).toContain(
        `--previous-serial "${value}" harus bilangan bulat 0–4294967295 (must be a whole number 0 to 4294967295)`,
      );
    },
  );

  it("the largest serial is accepted", async () => {
    const { code, out } = await exportAt("2026-12-01T10:00:00Z", "--previous-serial", "4294967295");
    expect(code).toBe(0);
    expect(soaSerial(out)).toBe(0);
  });
});
