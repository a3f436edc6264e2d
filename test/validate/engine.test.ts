import { describe, expect, it, vi } from "vitest";
import type { Rule } from "../../src/core/request/rule.ts";
import type { SourceFile } from "../../src/core/request/validate.ts";
import { engineRules, groupSiblings, validateSources } from "../../src/core/request/validate.ts";
import { NOW, POLICY, request } from "./helpers.ts";

const file = (name: string, text: string): SourceFile => ({ path: `requests/${name}.yaml`, bytes: text });

/** A rule that asks for the parent of a nested name, like the real parent rule does. */
const parentRule: Rule = {
  id: "test-parent",
  severity: "error",
  summary: { id: "induk", en: "parent" },
  check(ctx) {
    const name = ctx.request.subdomain;
    const dot = name.indexOf(".");
    if (dot === -1) return [];
    return ctx.findRequest(name.slice(dot + 1))
      ? []
      : [{ path: ["subdomain"], message: { id: "tanpa induk", en: "no parent" } }];
  },
};

function repo(names: string[]) {
  const files = new Map(names.map((n) => [n, file(n, request(n))]));
  const lookup = vi.fn((name: string) => files.get(name));
  return { files, lookup, siblings: names.map((n) => `${n}.yaml`) };
}

describe("validateSources", () => {
  it("reads only the parent a cross-file rule asks for, once", () => {
    const { files, lookup, siblings } = repo(["dinkes", "disdik", "a.disdik", "b.disdik", "rsud"]);
    const result = validateSources({
      targets: [files.get("b.disdik") as SourceFile, files.get("a.disdik") as SourceFile],
      siblings,
      lookup,
      policy: POLICY,
      now: NOW,
      rules: [parentRule],
    });
    expect(result.diagnostics).toEqual([]);
    expect(lookup.mock.calls).toEqual([["disdik"]]);
    expect(result.files).toBe(2);
    expect(result.requests.map((r) => r.file)).toEqual(["requests/a.disdik.yaml", "requests/b.disdik.yaml"]);
  });

  it("with the real rules, reads nothing but the parent of a nested name", () => {
    const { files, lookup, siblings } = repo(["dinkes", "disdik", "a.disdik", "rsud", "b.rsud"]);
    const result = validateSources({
      targets: [files.get("a.disdik") as SourceFile],
      siblings,
      lookup,
      policy: POLICY,
      now: NOW,
    });
    expect(result.errors).toBe(0);
    expect(lookup.mock.calls).toEqual([["disdik"]]);
  });

  it("does not read a parent that is among the targets, nor a name that has no file", () => {
    const { files, lookup, siblings } = repo(["disdik", "a.disdik"]);
    const orphan = file("x.nowhere", request("x.nowhere"));
    const result = validateSources({
      targets: [files.get("a.disdik") as SourceFile, orphan, files.get("disdik") as SourceFile],
      siblings: [...siblings, "x.nowhere.yaml"],
      lookup,
      policy: POLICY,
      now: NOW,
      rules: [parentRule],
    });
    expect(lookup).not.toHaveBeenCalled();
    expect(result.diagnostics.map((d) => [d.file, d.rule, d.line, d.column])).toEqual([
      ["requests/x.nowhere.yaml", "test-parent", 2, 12],
    ]);
  });

  it("treats a parent that fails the schema as absent", () => {
    const broken = file("disdik", request("disdik").replace("jenis: dinas", "jenis: ?"));
    const lookup = vi.fn(() => broken);
    const result = validateSources({
      targets: [file("a.disdik", request("a.disdik"))],
      siblings: ["disdik.yaml", "a.disdik.yaml"],
      lookup,
      policy: POLICY,
      now: NOW,
      rules: [parentRule],
    });
    expect(result.diagnostics.map((d) => d.rule)).toEqual(["test-parent"]);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it("runs rules only on schema-valid requests and sorts by file, line, column", () => {
    const check = vi.fn(() => [
      { path: ["hosting", "jenis"], message: { id: "b", en: "b" } },
      {
        path: ["subdomain"],
        part: "key" as const,
        message: { id: "a", en: "a" },
        severity: "warning" as const,
      },
    ]);
    const rule: Rule = { id: "test-two", severity: "error", summary: { id: "", en: "" }, check };
    const result = validateSources({
      targets: [file("b", request("b")), file("a", request("a")), file("c", "subdomain: c\n")],
      siblings: ["a.yaml", "b.yaml", "c.yaml"],
      lookup: () => undefined,
      policy: POLICY,
      now: NOW,
      rules: [rule],
    });
    expect(check).toHaveBeenCalledTimes(2);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      "requests/a.yaml:2:1 test-two",
      "requests/a.yaml:22:10 test-two",
      "requests/b.yaml:2:1 test-two",
      "requests/b.yaml:22:10 test-two",
      "requests/c.yaml:1:1 schema-required",
      "requests/c.yaml:1:1 schema-required",
      "requests/c.yaml:1:1 schema-required",
      "requests/c.yaml:1:1 schema-required",
      "requests/c.yaml:1:1 schema-required",
      "requests/c.yaml:1:1 schema-required",
      "requests/c.yaml:1:1 schema-required",
    ]);
    expect([result.errors, result.warnings]).toEqual([9, 2]);
  });

  it("turns a rule that throws into a diagnostic instead of crashing", () => {
    const rule: Rule = {
      id: "test-broken",
      severity: "error",
      summary: { id: "", en: "" },
      check: () => {
        throw new TypeError("boom");
      },
    };
    const result = validateSources({
      targets: [file("a", request("a"))],
      siblings: ["a.yaml"],
      lookup: () => undefined,
      policy: POLICY,
      now: NOW,
      rules: [rule],
    });
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([["rule-failed", 1, 1]]);
    expect(result.diagnostics[0]?.message.en).toContain("test-broken");
  });

  it("groups sibling names case-insensitively by stem", () => {
    expect([...groupSiblings(["Dinkes.yaml", "dinkes.yaml", "a.b.yml", "README.md"])]).toEqual([
      ["dinkes", ["Dinkes.yaml", "dinkes.yaml"]],
      ["a.b", ["a.b.yml"]],
      ["readme.md", ["README.md"]],
    ]);
  });

  it("lists each engine rule id once, with bilingual summaries", () => {
    const ids = engineRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of engineRules) {
      expect(r.id).toMatch(/^(yaml|file|schema|rule)-[a-z0-9-]+$/);
      expect(r.summary.id).not.toBe(r.summary.en);
    }
    for (const id of [
      "yaml-alias",
      "yaml-tag",
      "file-symlink",
      "schema-required",
      "schema-additional-property",
    ]) {
      expect(ids).toContain(id);
    }
  });
});
