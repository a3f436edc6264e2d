import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { policyRules } from "../../src/core/request/policy.ts";
import type { Rule } from "../../src/core/request/rule.ts";
import { ruleConfiguration, rules } from "../../src/core/request/rules/index.ts";
import { renderRulesDoc } from "../../src/core/request/rules-doc.ts";
import { engineRules, validateSources } from "../../src/core/request/validate.ts";
import { TOOL } from "../support/office.ts";
import { NOW, policy, requestYaml } from "./helpers.ts";

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const allIds = [...engineRules, ...policyRules, ...rules].map((r) => r.id);

describe("the rule table", () => {
  it("has unique ids across engine, policy and content rules", () => {
    expect(allIds.length).toBeGreaterThan(60);
    expect(new Set(allIds).size).toBe(allIds.length);
  });

  it.each(allIds)("%s is kebab-case", (id) => {
    expect(id).toMatch(KEBAB);
  });

  it.each(rules.map((r) => [r.id, r] as const))("%s has a bilingual summary", (_id, rule) => {
    expect(rule.summary.id.length).toBeGreaterThan(10);
    expect(rule.summary.en.length).toBeGreaterThan(10);
    expect(rule.summary.id).not.toBe(rule.summary.en);
  });

  it("configures only rules that exist", () => {
    for (const id of Object.keys(ruleConfiguration)) expect(allIds).toContain(id);
  });

  it("has a test table for every content rule", () => {
    const dir = join(TOOL, "test", "rules");
    const text = readdirSync(dir)
      .filter((f) => f.endsWith(".test.ts") && f !== "meta.test.ts")
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const untested = rules.map((r) => r.id).filter((id) => !text.includes(`"${id}"`));
    expect(untested).toEqual([]);
  });
});

describe("date dependence", () => {
  // Requests that walk every rule down to its date comparison: a real NIP and an event with an end.
  const samples = [
    requestYaml(),
    requestYaml({
      klasifikasi: "kegiatan",
      nomor: '"556/903/29.11/2026"',
      extra: ["berlaku_sampai: 2027-01-05"],
    }),
  ];

  /** The ids of the rules that read `ctx.now` on the samples. */
  function readersOfNow(): Set<string> {
    const readers = new Set<string>();
    const spied = rules.map(
      (r): Rule => ({
        ...r,
        check: (ctx) =>
          r.check(
            new Proxy(ctx, {
              get(target, key, receiver) {
                if (key === "now") readers.add(r.id);
                return Reflect.get(target, key, receiver);
              },
            }),
          ),
      }),
    );
    for (const bytes of samples) {
      validateSources({
        targets: [{ path: "requests/dinkes.yaml", bytes }],
        siblings: ["dinkes.yaml"],
        lookup: () => undefined,
        policy,
        now: NOW,
        rules: spied,
      });
    }
    return readers;
  }

  it("is declared by exactly the rules that read the clock", () => {
    const declared = rules.filter((r) => r.dependsOnDate).map((r) => r.id);
    expect([...readersOfNow()].sort()).toEqual(declared.sort());
    expect(declared.sort()).toEqual([
      "kegiatan-expired",
      "nip-appointment",
      "nip-birth-date",
      "surat-date-future",
    ]);
  });
});

describe("docs/rules.md", () => {
  it("is the generated text (run npm run docs:rules after changing a rule)", () => {
    expect(readFileSync(join(TOOL, "docs", "rules.md"), "utf8")).toBe(renderRulesDoc());
  });

  it("lists every rule id", () => {
    const doc = renderRulesDoc();
    for (const id of allIds) expect(doc).toMatch(new RegExp(`^\\| \`${id}\` +\\|`, "m"));
  });
});
