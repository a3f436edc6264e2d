/**
 * `domainops from-issue` against the fixture office: a valid body prints a request that `domainops
 * validate` accepts in a copy of the office; the office's own data (taken and reserved names, the
 * rules) refuses what it should, each finding at the form field it came from; usage mistakes exit 2.
 */
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { domainops, removeRoots, tempDir } from "../cli/helpers.ts";
import { OFFICE } from "../support/office.ts";
import { headingLine, VALID, withAnswer } from "./helpers.ts";

afterAll(removeRoots);

function bodyFile(text: string): string {
  const file = path.join(tempDir(), "body.md");
  writeFileSync(file, text);
  return file;
}

interface Output {
  file: string | null;
  content: string | null;
  diagnostics: {
    file: string;
    line: number;
    rule: string;
    field: string | null;
    message: { id: string; en: string };
  }[];
}

async function json(body: string, ...extra: string[]): Promise<{ code: number; output: Output }> {
  const result = await domainops([
    "from-issue",
    "--body",
    bodyFile(body),
    "--author",
    "dewi-lestari",
    "--root",
    OFFICE,
    "--format",
    "json",
    ...extra,
  ]);
  return { code: result.code, output: JSON.parse(result.out) as Output };
}

describe("domainops from-issue", () => {
  it("prints a valid request that validate accepts in a copy of the office", async () => {
    const result = await domainops([
      "from-issue",
      "--body",
      bodyFile(VALID),
      "--author",
      "dewi-lestari",
      "--root",
      OFFICE,
    ]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("github: dewi-lestari");
    const office = tempDir();
    cpSync(OFFICE, office, { recursive: true });
    writeFileSync(path.join(office, "requests/bappeda.yaml"), result.out);
    const check = await domainops(["validate", "--root", office, path.join(office, "requests/bappeda.yaml")]);
    expect(check.out + check.err).toContain("0 galat");
    expect(check.code).toBe(0);
  });

  it("json: file, content and no findings for a valid body", async () => {
    const { code, output } = await json(VALID);
    expect(code).toBe(0);
    expect(output.file).toBe("requests/bappeda.yaml");
    expect(output.content).toContain("subdomain: bappeda");
    expect(output.diagnostics).toEqual([]);
  });

  it("refuses a name that already has a request, at the subdomain field", async () => {
    const body = withAnswer(VALID, "Subdomain (requested name)", "dinkes");
    const { code, output } = await json(body);
    expect(code).toBe(1);
    const taken = output.diagnostics.filter((d) => d.rule === "issue-subdomain-taken");
    expect(taken).toEqual([
      expect.objectContaining({
        file: "issue",
        field: "subdomain",
        line: headingLine(body, "Subdomain (requested name)") + 2,
      }),
    ]);
    expect(taken[0]?.message.id).toContain("requests/dinkes.yaml");
  });

  it("maps the validator's findings back to the fields and DNS lines they came from", async () => {
    let body = withAnswer(VALID, "Subdomain (requested name)", "simpeg");
    body = withAnswer(body, "NIP penanggung jawab (official's civil servant number)", "_No response_");
    body = withAnswer(
      body,
      "Catatan DNS (DNS records)",
      "```text\nMX | @ | mail.kuduskab.go.id | priority=10\nA | @ | 999.1.1.1\n```",
    );
    const { code, output } = await json(body);
    expect(code).toBe(1);
    const byField = new Map(output.diagnostics.map((d) => [d.field, d]));
    expect(byField.get("subdomain")?.line).toBe(headingLine(body, "Subdomain (requested name)") + 2);
    expect(byField.get("pj-nama")?.rule ?? byField.get("pj-nip")?.rule).toBe("nip-required");
    const dns = output.diagnostics.filter((d) => d.field === "dns");
    expect(dns.length).toBeGreaterThan(0);
    expect(new Set(dns.map((d) => d.line))).toEqual(
      new Set([headingLine(body, "Catatan DNS (DNS records)") + 4]),
    );
    for (const d of output.diagnostics) {
      expect(d.file).toBe("issue");
      expect(d.message.id).toMatch(/^Kolom "/);
      expect(d.message.en).toMatch(/^Field "/);
    }
  });

  it("yaml format: findings on stderr, nothing on stdout, exit 1", async () => {
    const result = await domainops([
      "from-issue",
      "--body",
      bodyFile(`### Lainnya\n\nx\n`),
      "--author",
      "dewi-lestari",
      "--root",
      OFFICE,
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toContain("issue:1:1");
    expect(result.err).toContain("issue-unknown-heading");
  });

  it("a 1 MB body is reported without being read, file and content null", async () => {
    const { code, output } = await json(VALID + "x".repeat(1024 * 1024));
    expect(code).toBe(1);
    expect(output).toEqual({
      file: null,
      content: null,
      diagnostics: [expect.objectContaining({ rule: "issue-too-large", line: 1 })],
    });
  });

  it.each([
    [["--author", "dewi"], "--body"],
    [["--body", "x.md"], "--author"],
    [["--body", "x.md", "--author", "-dewi"], "tampak seperti opsi"],
    [["--body", "x.md", "--author=bad_login"], "bukan akun GitHub"],
    [["--body", "x.md", "--author", "a", "--format", "text"], "format tidak dikenal"],
    [["--body", "/nonexistent/body.md", "--author", "dewi"], "tidak dapat dibaca"],
  ])("usage mistake %j exits 2", async (args, message) => {
    const result = await domainops(["from-issue", ...args]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });
});
