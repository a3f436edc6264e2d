import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { workflowCommandData, workflowCommandProperty } from "../../src/core/escape.ts";
import { renderGithub, renderMarkdownSummary, renderText } from "../../src/core/request/render.ts";
import type { Diagnostic } from "../../src/core/types.ts";
import { OFFICE } from "../support/office.ts";
import type { TempRepo } from "./helpers.ts";
import { NOW, request, tempRepo } from "./helpers.ts";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

async function validate(args: string[], env: Record<string, string> = {}, cwd = repo?.root ?? OFFICE) {
  const io = memoryIo({ cwd, env, now: NOW });
  const code = await main(["validate", ...args], io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

const INJECTION = 'jenis: "x%0A::error::pwned"';

describe("domainops validate", () => {
  it("passes on the fixture office's requests", async () => {
    const { code, out, err } = await validate(["--root", OFFICE, "--format", "json"]);
    const report = JSON.parse(out) as { files: number; errors: number; diagnostics: unknown[] };
    expect(report.errors).toBe(0);
    expect(report.files).toBeGreaterThanOrEqual(3);
    expect(code).toBe(0);
    expect(err).toBe("");
  });

  it("prints one text line per problem and exits 1 on errors", async () => {
    repo = tempRepo({
      "requests/dinkes.yaml": request("dinkes"),
      "requests/rsud.yaml": request("rsud").replace("jenis: dinas", "jenis: rumahsakit"),
    });
    const { code, out, err } = await validate([]);
    expect(code).toBe(1);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^requests\/rsud\.yaml:5:10 error schema-enum: Nilai "rumahsakit" untuk instansi\.jenis tidak dikenal\. .* \(Value "rumahsakit" of instansi\.jenis is not known\. .*\)$/,
    );
    expect(err).toContain("2 files, 1 errors, 0 warnings");
  });

  it("checks tunnel origins against the stack file next to requests/", async () => {
    const tunnel = (sub: string, service: string) =>
      request(sub).replace("jenis: server", `jenis: tunnel\n  service: "${service}"`);
    const stack = [
      "config:",
      "  domainops:zone: kuduskab.go.id",
      "  domainops:zoneId: 3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b",
      "  domainops:accountId: 9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a",
      "  domainops:tunnelOrigins: { networks: [10.10.20.0/24], ports: [80] }",
      "",
    ].join("\n");
    repo = tempRepo({
      "requests/arsip.yaml": tunnel("arsip", "http://10.10.20.5:3306"),
      "requests/arsipdesa.yaml": tunnel("arsipdesa", "http://10.10.20.6"),
      "Pulumi.kudus.yaml": stack,
    });
    const { code, out } = await validate([]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^requests\/arsip\.yaml:23:12 error hosting-service-not-allowed: .*port 3306.*Pulumi\.kudus\.yaml/m,
    );
    expect(out).not.toContain("arsipdesa");
  });

  it("exits 0 with warnings only", async () => {
    repo = tempRepo({
      "requests/disdik.yaml": request("disdik"),
      "requests/spmb.disdik.yaml": request("spmb.disdik"),
    });
    const { code, out } = await validate(["--format", "json"]);
    const report = JSON.parse(out) as { errors: number; warnings: number };
    expect(report.errors).toBe(0);
    expect(report.warnings).toBeGreaterThan(0);
    expect(code).toBe(0);
  });

  it("prints the json shape of the contract", async () => {
    repo = tempRepo({ "requests/rsud.yaml": request("rsud").replace("jenis: dinas", "jenis: x") });
    const { code, out } = await validate(["--format", "json", "requests/rsud.yaml"]);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      files: 1,
      errors: 1,
      warnings: 0,
      diagnostics: [
        {
          file: "requests/rsud.yaml",
          line: 5,
          column: 10,
          rule: "schema-enum",
          severity: "error",
          message: { id: expect.stringContaining('"x"'), en: expect.stringContaining('"x"') },
        },
      ],
    });
  });

  it("github format: request content cannot inject a workflow command", async () => {
    repo = tempRepo({
      "requests/rsud.yaml": request("rsud").replace("jenis: dinas", INJECTION),
      "requests/a,b:c.yaml": "x: 1\n",
    });
    const summary = join(repo.root, "summary.md");
    writeFileSync(summary, "earlier step\n");
    const { code, out } = await validate(["--format", "github"], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(1);
    const lines = out.trimEnd().split("\n");
    for (const line of lines)
      expect(line).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::/);
    expect(out).not.toMatch(/^::error::pwned/m);
    expect(out).toContain("%250A::error::pwned");
    expect(out).toContain("file=requests/a%2Cb%3Ac.yaml,line=1,col=1,title=schema-additional-property::");
    const md = readFileSync(summary, "utf8");
    expect(md.startsWith("earlier step\n### ❌")).toBe(true);
    expect(md).toContain("| `requests/rsud.yaml` | 5:10 | ❌ schema-enum |");
  });

  it("github format without GITHUB_STEP_SUMMARY writes no summary", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const { code, out } = await validate(["--format", "github"]);
    expect([code, out]).toEqual([0, ""]);
  });

  it.each([
    [["--format", "xml"], "unknown format"],
    [["--bogus"], "--bogus"],
    [["--root", "/nonexistent-root-for-test"], "requests/"],
    [["../outside.yaml"], "outside requests/"],
  ])("exits 2 on usage error %j", async (args, words) => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const { code, out, err } = await validate(args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(words);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("exits 2 on a bad DOMAINOPS_WORKERS", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const { code, err } = await validate([], { DOMAINOPS_WORKERS: "many" });
    expect(code).toBe(2);
    expect(err).toContain("DOMAINOPS_WORKERS");
  });

  it("prints help", async () => {
    const { code, out } = await validate(["--help"]);
    expect(code).toBe(0);
    expect(out).toContain(
      "domainops validate [--root DIR] [--format text|json|github] [--today YYYY-MM-DD] [PATH...]",
    );
  });
});

describe("renderers escape what their medium interprets", () => {
  const nasty: Diagnostic = {
    file: "requests/a,b:c.yaml",
    line: 3,
    column: 7,
    rule: "x-rule",
    severity: "warning",
    message: { id: "baris\r\n::error::pwned 100%", en: "line\n::error file=x::pwned | `code` <b>" },
  };

  it("escapes data and properties like the actions toolkit", () => {
    expect(workflowCommandData("a%b\r\nc:d,e")).toBe("a%25b%0D%0Ac:d,e");
    expect(workflowCommandProperty("a%b\r\nc:d,e")).toBe("a%25b%0D%0Ac%3Ad%2Ce");
  });

  it("github: one line per diagnostic, whatever the message holds", () => {
    expect(renderGithub({ files: 1, errors: 0, warnings: 1, diagnostics: [nasty] })).toBe(
      "::warning file=requests/a%2Cb%3Ac.yaml,line=3,col=7,title=x-rule::baris%0D%0A::error::pwned 100%25 (line%0A::error file=x::pwned | `code` <b>)\n",
    );
  });

  it("text: control characters are shown, not obeyed", () => {
    const text = renderText({ files: 1, errors: 0, warnings: 1, diagnostics: [nasty] });
    expect(text.split("\n")).toHaveLength(2);
    expect(text).toContain("baris\\u000d\\u000a::error::pwned");
  });

  it("markdown: a message cannot break the table or add markup", () => {
    const md = renderMarkdownSummary({ files: 1, errors: 0, warnings: 1, diagnostics: [nasty] });
    const row = md.split("\n").find((l) => l.startsWith("| `requests/")) ?? "";
    expect(row.split(" | ")).toHaveLength(4);
    expect(row).toContain("\\| \\`code\\` &lt;b&gt;");
    expect(md).toContain("### ✅");
  });
});

describe("a summary file that cannot be written", () => {
  it("is an io error, exit 2", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const dir = mkdtempSync(join(tmpdir(), "domainops-summary-"));
    try {
      const { code, err } = await validate(["--format", "github"], { GITHUB_STEP_SUMMARY: dir });
      expect(code).toBe(2);
      expect(err).toContain("GITHUB_STEP_SUMMARY");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
