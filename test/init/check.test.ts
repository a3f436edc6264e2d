/**
 * `domainops check` over a copy of this repository's example office: green as committed, and each
 * kind of drift or broken office file reported at its file and line with the fix.
 */
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { domainops, removeAll, tempToolCopy } from "./helpers.ts";

const temps: string[] = [];
afterAll(() => removeAll(temps));

const office = () => tempToolCopy("check", temps);

interface Finding {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: { id: string; en: string };
}

async function findings(dir: string, ...argv: string[]): Promise<{ code: number; list: Finding[] }> {
  const result = await domainops(dir, ["check", "--format", "json", ...argv]);
  return { code: result.code, list: (JSON.parse(result.out) as { diagnostics: Finding[] }).diagnostics };
}

describe("domainops check", () => {
  it("is green on the example office as committed", async () => {
    const { code, list } = await findings(office());
    expect(list.filter((d) => d.severity === "error")).toEqual([]);
    expect(code).toBe(0);
  });

  it("reports hand-edited CODEOWNERS and workflows at their first differing line, and --fix rewrites them", async () => {
    const dir = office();
    const codeowners = join(dir, ".github/CODEOWNERS");
    const original = readFileSync(codeowners, "utf8");
    writeFileSync(codeowners, original.replace("/requests/ ", "/requests/ @someone "));
    appendFileSync(join(dir, ".github/workflows/sop-gate.yml"), "# edited\n");
    rmSync(join(dir, ".github/workflows/drift.yml"));
    const { code, list } = await findings(dir);
    expect(code).toBe(1);
    const drift = list.filter((d) => d.rule === "generated-drift");
    expect(drift.map((d) => d.file).sort()).toEqual([
      ".github/CODEOWNERS",
      ".github/workflows/drift.yml",
      ".github/workflows/sop-gate.yml",
    ]);
    expect(drift.find((d) => d.file.endsWith("drift.yml"))?.message.en).toContain("is missing");
    const line = original.split("\n").findIndex((l) => l.startsWith("/requests/")) + 1;
    expect(drift.find((d) => d.file === ".github/CODEOWNERS")?.line).toBe(line);
    for (const d of drift) {
      expect(d.message.id).toContain("npx domainops check --fix");
      expect(d.message.en).toContain("npx domainops check --fix");
    }
    const fixed = await findings(dir, "--fix");
    expect(fixed.code).toBe(0);
    expect(readFileSync(codeowners, "utf8")).toBe(original);
  });

  it("renders the apply job on the runner the stack names, and reports the workflow until --fix", async () => {
    const dir = office();
    const stack = join(dir, "Pulumi.kudus.yaml");
    writeFileSync(
      stack,
      readFileSync(stack, "utf8").replace(
        /^config:\n/m,
        "config:\n  domainops:applyRunsOn: [self-hosted, diskominfo-dc]\n",
      ),
    );
    const { code, list } = await findings(dir);
    expect(code).toBe(1);
    const drift = list.find((d) => d.file === ".github/workflows/apply.yml");
    const before = readFileSync(join(dir, ".github/workflows/apply.yml"), "utf8").split("\n");
    expect(drift?.line).toBe(before.findIndex((l) => l.includes("runs-on: ubuntu-latest")) + 1);
    expect((await findings(dir, "--fix")).code).toBe(0);
    const after = readFileSync(join(dir, ".github/workflows/apply.yml"), "utf8");
    expect(after).toContain("    runs-on: [self-hosted, diskominfo-dc]\n");
    // Only the apply job moves; the notify and report jobs stay on GitHub's runners.
    expect(after.match(/runs-on: ubuntu-latest/g)).toHaveLength(2);
  });

  it("reports a stack for another zone, a broken stack file and more than one stack", async () => {
    const dir = office();
    cpSync(join(dir, "Pulumi.kudus.yaml"), join(dir, "Pulumi.cirebon.yaml"));
    const cirebon = readFileSync(join(dir, "Pulumi.cirebon.yaml"), "utf8");
    writeFileSync(
      join(dir, "Pulumi.cirebon.yaml"),
      cirebon.replace("domainops:zone: kuduskab.go.id", "domainops:zone: cirebonkab.go.id"),
    );
    const kudus = readFileSync(join(dir, "Pulumi.kudus.yaml"), "utf8");
    writeFileSync(join(dir, "Pulumi.kudus.yaml"), kudus.replace(/zoneId: \w+/, "zoneId: not-hex"));
    const { code, list } = await findings(dir);
    expect(code).toBe(1);
    const rules = list.filter((d) => d.severity === "error").map((d) => `${d.file} ${d.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        "Pulumi.cirebon.yaml stack-zone",
        "Pulumi.kudus.yaml stack-settings",
        ". stack-count",
      ]),
    );
    const zone = list.find((d) => d.rule === "stack-zone");
    expect(zone?.line).toBe(cirebon.split("\n").findIndex((l) => l.includes("domainops:zone")) + 1);
  });

  it("judges governance files with the governance loader's diagnostics", async () => {
    const dir = office();
    const sop = join(dir, "governance/sop.yaml");
    writeFileSync(sop, readFileSync(sop, "utf8").replace("role: kepala_dinas", "role: bupati"));
    const { code, list } = await findings(dir);
    expect(code).toBe(1);
    expect(list.map((d) => `${d.file} ${d.rule}`)).toContain("governance/sop.yaml governance-step-role");
    // Without valid governance there is no CODEOWNERS to compare, and no made-up drift either.
    expect(list.filter((d) => d.rule === "generated-drift")).toEqual([]);
  });
});
