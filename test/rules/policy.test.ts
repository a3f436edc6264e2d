import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/adapters/governance.ts";
import { parseYamlSafe } from "../../src/core/request/parse.ts";
import {
  buildPolicy,
  type ParsedPolicyFile,
  POLICY_FILES,
  type PolicyPart,
} from "../../src/core/request/policy.ts";
import { OFFICE } from "../support/office.ts";

function parsed(part: PolicyPart, text: string): ParsedPolicyFile {
  const file = POLICY_FILES[part];
  const result = parseYamlSafe(file, text);
  expect(result.diagnostics).toEqual([]);
  return { file, data: result.data, at: result.at };
}

const POLICY = `zone: kuduskab.go.id
allowIdn: false
officialEmailDomains: [go.id]
kegiatanMaxDays: 365
forbiddenCnameSuffixes: [github.io]
`;
const RESERVED = `reserved:
  www: { id: situs utama, en: main site }
`;
const EXISTING = `existing:
  lpse: LKPP
`;
const NAMESPACES = `namespaces:
  desa: [desa]
`;

function build(overrides: Partial<Record<PolicyPart, string>> = {}) {
  const texts = {
    policy: POLICY,
    reserved: RESERVED,
    existing: EXISTING,
    namespaces: NAMESPACES,
    ...overrides,
  };
  return buildPolicy({
    policy: parsed("policy", texts.policy),
    reserved: parsed("reserved", texts.reserved),
    existing: parsed("existing", texts.existing),
    namespaces: parsed("namespaces", texts.namespaces),
  });
}

const short = (d: { file: string; line: number; column: number; rule: string }) => ({
  file: d.file,
  line: d.line,
  column: d.column,
  rule: d.rule,
});

describe("buildPolicy", () => {
  it("builds lookups from valid files", () => {
    const { policy, diagnostics } = build();
    expect(diagnostics).toEqual([]);
    expect(policy.zone).toBe("kuduskab.go.id");
    expect(policy.reserved.get("www")).toEqual({ id: "situs utama", en: "main site" });
    expect([...policy.existing]).toEqual(["lpse"]);
    expect(policy.namespaces.get("desa")).toEqual(["desa"]);
    expect(policy.officialEmailDomains).toEqual(["go.id"]);
  });

  it.each([
    [
      "uppercase zone",
      { policy: POLICY.replace("kuduskab.go.id", "KudusKab.go.id") },
      "governance/policy.yaml",
      1,
      7,
    ],
    ["negative kegiatanMaxDays", { policy: POLICY.replace("365", "-1") }, "governance/policy.yaml", 4, 18],
    ["unknown key", { policy: `${POLICY}allowWildcards: true\n` }, "governance/policy.yaml", 6, 1],
    [
      "reason without English",
      { reserved: "reserved:\n  www: { id: situs utama }\n" },
      "governance/reserved.yaml",
      2,
      8,
    ],
    [
      "reserved name with uppercase",
      { reserved: "reserved:\n  WWW: { id: a, en: b }\n" },
      "governance/reserved.yaml",
      2,
      3,
    ],
    [
      "unknown unit kind",
      { namespaces: "namespaces:\n  desa: [kampung]\n" },
      "governance/namespaces.yaml",
      2,
      10,
    ],
  ])("reports %s on the governance file", (_n, overrides, file, line, column) => {
    const { diagnostics } = build(overrides);
    expect(diagnostics.map(short)).toContainEqual({ file, line, column, rule: "policy-schema" });
  });

  it("reports a namespace that is also reserved", () => {
    const { diagnostics } = build({ reserved: "reserved:\n  desa: { id: a, en: b }\n" });
    expect(diagnostics.map(short)).toEqual([
      { file: "governance/namespaces.yaml", line: 2, column: 3, rule: "policy-conflict" },
    ]);
  });

  it("reports an existing name written with the zone and keeps its relative form", () => {
    const { policy, diagnostics } = build({ existing: "existing:\n  lpse.kuduskab.go.id: LKPP\n" });
    expect(diagnostics.map(short)).toEqual([
      { file: "governance/existing.yaml", line: 2, column: 3, rule: "policy-schema" },
    ]);
    expect(policy.existing.has("lpse")).toBe(true);
  });

  it("still returns a usable policy when a file is broken", () => {
    const { policy, diagnostics } = build({ reserved: "reserved: []\n" });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(policy.reserved.size).toBe(0);
    expect(policy.zone).toBe("kuduskab.go.id");
  });
});

describe("loadPolicy", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("loads the fixture office's governance without findings", async () => {
    const { policy, diagnostics } = await loadPolicy(OFFICE);
    expect(diagnostics).toEqual([]);
    expect(policy.zone).toBe("kuduskab.go.id");
    expect(policy.reserved.has("www")).toBe(true);
    expect(policy.namespaces.get("desa")).toEqual(["desa"]);
  });

  it("turns a missing file and unsafe YAML into diagnostics", async () => {
    dir = mkdtempSync(join(tmpdir(), "policy-"));
    cpSync(join(OFFICE, "governance"), join(dir, "governance"), { recursive: true });
    rmSync(join(dir, POLICY_FILES.existing));
    writeFileSync(join(dir, POLICY_FILES.reserved), "reserved: &a\n  www: *a\n");
    const { policy, diagnostics } = await loadPolicy(dir);
    const rules = diagnostics.map((d) => `${d.file} ${d.rule}`);
    expect(rules).toContain("governance/existing.yaml policy-missing");
    expect(rules).toContain("governance/reserved.yaml yaml-anchor");
    expect(policy.zone).toBe("kuduskab.go.id");
    expect(policy.existing.size).toBe(0);
  });
});
