/**
 * `domainops init` in place, in a copy of the tool's repository: every preset scaffolds an office
 * whose `domainops check` is green, switching the example office archives what it replaces, and bad
 * input is refused before anything is written.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PRESETS } from "../../src/core/office/scaffold.ts";
import { OFFICE, TOOL } from "../support/office.ts";
import { domainops, makeTemp, removeAll, tempToolCopy } from "./helpers.ts";

const temps: string[] = [];
afterAll(() => removeAll(temps));

const toolCopy = () => tempToolCopy("init", temps);

/** The arguments of `domainops init`. */
const initArgs = (preset: string, zone: string, stack: string, ...more: string[]) => [
  ...["init", "--preset", preset, "--zone", zone, "--stack", stack],
  ...more,
];
const initKudus = (stack: string, ...more: string[]) => initArgs("kudus", "kuduskab.go.id", stack, ...more);

const ZONES: Record<(typeof PRESETS)[number], string> = {
  majalengka: "majalengkakab.go.id",
  kudus: "kuduskab.go.id",
  cirebon: "cirebonkab.go.id",
  buol: "buolkab.go.id",
  blank: "contohkota.go.id",
};

describe("domainops init in place", () => {
  it.each(PRESETS)("scaffolds the %s preset and check is green", async (preset) => {
    const dir = toolCopy();
    const init = await domainops(dir, initArgs(preset, ZONES[preset], `${preset}-prod`, "--force"));
    expect(init.err).toBe("");
    expect(init.code).toBe(0);
    expect(readdirSync(join(dir, "requests"))).toEqual([".gitkeep"]);
    expect(readdirSync(dir).filter((name) => /^Pulumi\..+\.yaml$/.test(name))).toEqual([
      `Pulumi.${preset}-prod.yaml`,
    ]);
    const check = await domainops(dir, ["check", "--format", "json"]);
    const report = JSON.parse(check.out) as { errors: number; diagnostics: { rule: string; file: string }[] };
    expect(report.errors).toBe(0);
    expect(check.code).toBe(0);
    // Each unfilled placeholder is a warning saying what to fill in.
    const placeholders = report.diagnostics.filter((d) => d.rule === "office-placeholder").map((d) => d.file);
    expect(placeholders).toContain("governance/officials.yaml");
    expect(placeholders).toContain(`Pulumi.${preset}-prod.yaml`);
    const policy = parse(readFileSync(join(dir, "governance/policy.yaml"), "utf8"));
    expect(policy.zone).toBe(ZONES[preset]);
    const apply = parse(readFileSync(join(dir, ".github/workflows/apply.yml"), "utf8"));
    expect(apply.env.STACK).toBe(`${preset}-prod`);
  });

  it("takes the time zone from the preset, or from --time-zone", async () => {
    const dir = toolCopy();
    await domainops(dir, initArgs("buol", "buolkab.go.id", "buol", "--force"));
    expect(parse(readFileSync(join(dir, "governance/calendar.yaml"), "utf8")).zona_waktu).toBe(
      "Asia/Makassar",
    );
    const drift = parse(readFileSync(join(dir, ".github/workflows/drift.yml"), "utf8"));
    expect(drift.on.schedule).toEqual([{ cron: "23 0 * * *" }]);
    const zone = ["--zone", "contohkab.go.id", "--stack", "papua", "--time-zone", "Asia/Jayapura", "--force"];
    expect((await domainops(dir, ["init", "--preset", "blank", ...zone])).code).toBe(0);
    expect(parse(readFileSync(join(dir, "governance/calendar.yaml"), "utf8")).zona_waktu).toBe(
      "Asia/Jayapura",
    );
    expect((await domainops(dir, ["check"])).code).toBe(0);
  });

  it("switches the example office to another preset, archiving what it replaces", async () => {
    const dir = toolCopy();
    const before = new Map(
      ["requests/dinkes.yaml", "Pulumi.kudus.yaml", "governance/officials.yaml"].map((path) => [
        path,
        readFileSync(join(dir, path), "utf8"),
      ]),
    );
    const init = await domainops(dir, initArgs("majalengka", "majalengkakab.go.id", "majalengka", "--force"));
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/diarsipkan \(archived\) \d+ berkas/);
    expect(existsSync(join(dir, "Pulumi.kudus.yaml"))).toBe(false);
    expect((await domainops(dir, ["check"])).code).toBe(0);
    // The replaced data is in the archive, byte for byte.
    const [stamp] = readdirSync(join(dir, ".domainops/archive"));
    const archive = join(dir, ".domainops/archive", stamp ?? "");
    for (const [path, text] of before) expect(readFileSync(join(archive, path), "utf8")).toBe(text);
    expect(readdirSync(join(archive, "requests")).length).toBe(readdirSync(join(OFFICE, "requests")).length);
  });

  it("init is idempotent: a second run changes nothing and archives nothing", async () => {
    const dir = toolCopy();
    const args = initKudus("kudus-baru", "--force");
    await domainops(dir, args);
    const again = await domainops(dir, args.slice(0, -1));
    expect(again.code).toBe(0);
    expect(again.out).not.toContain("diarsipkan");
    expect(again.out).toContain("0 berkas ditulis");
  });
});

describe("domainops init refuses", () => {
  const dir = toolCopy();
  const officials = readFileSync(join(dir, "governance/officials.yaml"), "utf8");

  it("to replace an office's requests or stack file without --force (exit 2, nothing written)", async () => {
    const result = await domainops(dir, initArgs("cirebon", "cirebonkab.go.id", "cirebon"));
    expect(result.code).toBe(2);
    expect(result.err).toContain("tanpa --force");
    expect(result.err).toContain("without --force");
    expect(result.err).toContain("Pulumi.kudus.yaml");
    expect(readFileSync(join(dir, "governance/officials.yaml"), "utf8")).toBe(officials);
    expect(existsSync(join(dir, ".domainops"))).toBe(false);
  });

  const ZONE = ["bukan nama DNS yang sah", "is not a valid DNS name"];
  const STACK = ["nama stack", "stack name"];
  it.each([
    ["--zone", "Kuduskab.go.id", ZONE],
    ["--zone", "kuduskab.go.id.", ZONE],
    ["--zone", "kudus..go.id", ZONE],
    ["--zone", "localhost", ZONE],
    ["--zone", "x.go.id\nfoo: bar", ZONE],
    ["--zone", "-kudus.go.id", ZONE],
    ["--stack", "Kudus", STACK],
    ["--stack", "../kudus", STACK],
    ["--stack", "kudus prod", STACK],
    ["--stack", "kudus\nSTACK: x", STACK],
    ["--stack", "kudus-", STACK],
    ["--preset", "jepara", ["preset tidak dikenal", "unknown preset"]],
    ["--time-zone", "Asia/Singapore", ["tidak dikenal", "unknown"]],
    ["--dir", "kantor\nbaru", ["bukan nama folder", "not a usable folder name"]],
    ["--dir", "package.json", ["bukan folder", "is not a folder"]],
  ])("%s %j with a bilingual usage error (exit 2)", async (flag, value, [id, en]) => {
    const args = { "--preset": "kudus", "--zone": "kuduskab.go.id", "--stack": "kudus", [flag]: value };
    const argv = ["init", ...Object.entries(args).map(([key, v]) => `${key}=${v}`), "--force"];
    const result = await domainops(dir, argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(id);
    expect(result.err).toContain(en);
    expect(result.err).toContain("domainops init --help");
    expect(readFileSync(join(dir, "governance/officials.yaml"), "utf8")).toBe(officials);
    expect(existsSync(join(dir, ".domainops"))).toBe(false);
  });

  it("an unknown preset names the presets in both languages", async () => {
    const result = await domainops(dir, initArgs("jepara", "jeparakab.go.id", "jepara"));
    expect(result.err).toContain('preset tidak dikenal (unknown preset) "jepara"');
    expect(result.err).toContain("majalengka, kudus, cirebon, buol, blank");
  });

  it("scaffolds in well under 5 s (median of 3 runs of the command)", () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const target = join(makeTemp("timing"), "kantor");
      temps.push(join(target, ".."));
      const start = performance.now();
      execFileSync(process.execPath, [
        join(TOOL, "bin/domainops.js"),
        ...initKudus("kudus", "--dir", target),
      ]);
      times.push(performance.now() - start);
    }
    const median = times.sort((a, b) => a - b)[1] ?? Number.POSITIVE_INFINITY;
    expect(median).toBeLessThan(5000);
  });
});
