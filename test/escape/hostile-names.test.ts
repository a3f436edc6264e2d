/**
 * Hostile file names from a pull request, rendered in every medium they reach: the sticky comment
 * (Markdown), the job summary, log lines and workflow commands. Each must stay what it is: text.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { validateRepository } from "../../src/adapters/repository.ts";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import { checkPermissions } from "../../src/core/approvals/permissions.ts";
import type { PullFile } from "../../src/core/approvals/pull.ts";
import { COMMENT_LIMIT, renderApprovalComment, renderApprovalText } from "../../src/core/approvals/render.ts";
import {
  logLine,
  markdownCode,
  markdownCodeCell,
  markdownText,
  unsafeCharacter,
  visibleControls,
} from "../../src/core/escape.ts";
import { renderGithub, renderMarkdownSummary, renderText } from "../../src/core/request/render.ts";
import { APPLICANT, local, preset, pull } from "../approvals/helpers.ts";
import { NOW, POLICY, request } from "../validate/helpers.ts";

const HOSTILE = [
  "requests/a\n## ✅ Disetujui.yaml",
  "requests/a```b``.yaml",
  "requests/`tick.yaml",
  "requests/![x](http://evil).yaml",
  "requests/@org/team.yaml",
  "::error::pwned",
  "requests/::error::pwned.yaml",
  "\r::warning::x",
  "requests/x\r::warning::x.yaml",
  "requests/<img src=x>.yaml",
  "requests/<details open>.yaml",
  "requests/a\u2028## b.yaml",
  "requests/a\u202egpj.yaml",
  "  ::set-output name=x::y",
  "##[error]old style",
];

/** Line breaks as any renderer of these media could meet them. */
const lines = (text: string) => text.split(/\r\n|\r|\n|\u2028|\u2029/);
/** An @ that GitHub would read as a mention (not broken by a zero-width joiner, not in code). */
const MENTION = /@(?!\u200d)[A-Za-z0-9]/;

/** Markdown with its code spans removed (CommonMark: a run of N backticks up to the next run of N). */
function outsideCode(md: string): string {
  let out = "";
  let i = 0;
  while (i < md.length) {
    const run = /^`+/.exec(md.slice(i))?.[0];
    if (!run) {
      out += md[i];
      i++;
      continue;
    }
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
    close.lastIndex = i + run.length;
    const end = close.exec(md);
    if (!end) {
      out += run;
      i += run.length;
      continue;
    }
    out += "CODE";
    i = end.index + run.length;
  }
  return out;
}

function expectInertMarkdown(markdown: string, allowedHeadings: RegExp) {
  const md = outsideCode(markdown);
  for (const line of lines(md)) {
    if (allowedHeadings.test(line)) continue;
    expect(line).not.toMatch(/^\s*#/);
    expect(line).not.toMatch(/^\s*::/);
  }
  expect(md).not.toMatch(/(^|[^\\`])<img/);
  expect(md).not.toMatch(/<details open>\.yaml/);
  expect(md).not.toMatch(/(^|[^\\])!\[x\]/);
  expect(md).not.toMatch(/(^|[^\\])\]\(http:\/\/evil\)/);
}

describe("escaping per medium", () => {
  it.each(HOSTILE)("Markdown text: %j stays one inert line", (name) => {
    const out = markdownText(name);
    expect(lines(out)).toHaveLength(1);
    expect(out).not.toMatch(MENTION);
    expect(out).not.toMatch(/<|(^|[^\\])[[\]`!#|]/);
  });

  it.each(HOSTILE)("Markdown code: %j cannot close its span or the line", (name) => {
    const out = markdownCodeCell(name);
    expect(lines(out)).toHaveLength(1);
    const fence = /^`+/.exec(out)?.[0] ?? "";
    expect(fence.length).toBeGreaterThan(0);
    expect(out.endsWith(fence)).toBe(true);
    const inner = out.slice(fence.length, out.length - fence.length);
    // No backtick run inside as long as the fence, so nothing ends the span early.
    for (const run of inner.match(/`+/g) ?? []) expect(run.length).not.toBe(fence.length);
    // A table cell is not split by a pipe in the value.
    expect(inner).not.toMatch(/(^|[^\\])\|/);
  });

  it("pads a code span whose value starts or ends with a backtick or space", () => {
    expect(markdownCode("`a")).toBe("`` `a ``");
    expect(markdownCode("a``")).toBe("``` a`` ```");
    expect(markdownCode(" a ")).toBe("`  a  `");
    expect(markdownCode("a|b")).toBe("`a|b`");
    expect(markdownCodeCell("a|b")).toBe("`a\\|b`");
    expect(markdownCode("a\nb")).toBe("`a\\u000ab`");
  });

  it.each(HOSTILE)("log line: %j cannot break the line or start a workflow command", (name) => {
    const out = logLine(name);
    expect(lines(out)).toHaveLength(1);
    expect(out).not.toMatch(/^\s*(::|##\[)/);
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it("finds the characters refused in names", () => {
    expect(HOSTILE.filter((n) => unsafeCharacter(n) !== undefined)).toEqual([
      "requests/a\n## ✅ Disetujui.yaml",
      "\r::warning::x",
      "requests/x\r::warning::x.yaml",
      "requests/a\u2028## b.yaml",
      "requests/a\u202egpj.yaml",
    ]);
    for (const c of ["\u0000", "\u007f", "\u0085", "\u2029", "\u2066", "\u2069", "\t"])
      expect(unsafeCharacter(`a${c}b`)).toBe(c);
    expect(visibleControls("a\rb")).toBe("a\\u000db");
  });
});

describe("the sticky comment and the approvals log", () => {
  const files: PullFile[] = HOSTILE.map((filename) => ({ filename, status: "added" }));

  it("shows hostile names without headings, images, mentions or commands", async () => {
    const g = await preset("kudus");
    const at = local(g, "2026-11-24T09:00");
    const decision = decideApprovals({ pull: pull(at), reviews: [], files, governance: g, now: at });
    expect(decision.state).toBe("failure");
    const comment = renderApprovalComment(decision, g);
    expectInertMarkdown(comment, /^### Persetujuan SOP: /);
    expect(comment).not.toMatch(MENTION);
    expect(comment).toContain("requests/a\\\\u000a\\#\\# ✅ Disetujui.yaml");

    const text = renderApprovalText(decision, g);
    for (const line of lines(text)) expect(line).not.toMatch(/^\s*(::|##\[)/);
    expect(lines(text.trimEnd())).toHaveLength(1 + decision.steps.length + 2 * decision.reasons.length);
  });

  it("a pull request touching a name with control characters fails closed, also for an admin", async () => {
    const g = await preset("kudus");
    const at = local(g, "2026-11-24T09:00");
    const admin = { login: "kds-platform-admin", id: 91000101 };
    for (const author of [APPLICANT, admin]) {
      const result = checkPermissions({
        author,
        files: [{ filename: "requests/a\n## ✅ Disetujui.yaml", status: "added" }],
        governance: g,
        at,
      });
      expect(result.ok).toBe(false);
      expect(result.violations[0]?.message.en).toContain('"requests/a\\u000a## ✅ Disetujui.yaml"');
    }
  });

  it("stays under GitHub's comment limit with thousands of reasons, keeping the decision", async () => {
    const g = await preset("kudus");
    const at = local(g, "2026-11-24T09:00");
    const many: PullFile[] = Array.from({ length: 4000 }, (_, i) => ({
      filename: `.github/workflows/w${String(i).padStart(4, "0")}.yml`,
      status: "added",
    }));
    const decision = decideApprovals({ pull: pull(at), reviews: [], files: many, governance: g, now: at });
    const runUrl = "https://github.com/diskominfo-kudus/domain/actions/runs/1";
    const extra = `<details><summary>preview</summary>\n\n${"x".repeat(50_000)}\n</details>`;
    const comment = renderApprovalComment(decision, g, { runUrl, extra });
    expect(comment.length).toBeLessThan(COMMENT_LIMIT);
    expect(comment).toContain("### Persetujuan SOP: ");
    expect(comment).toContain("❌ **Belum dapat digabungkan**");
    expect(comment).toContain("w0000.yml");
    expect(comment).not.toContain("w3999.yml");
    expect(comment).not.toContain("x".repeat(1000));
    expect(comment).toMatch(/Komentar dipersingkat: \d+ dari 4000 catatan/);
    expect(comment).toContain(`(${runUrl})`);
    expect(renderApprovalComment(decision, g, { runUrl, extra })).toBe(comment);
    // A comment that fits is left whole.
    const small = renderApprovalComment(decision, g, { runUrl, extra: "preview" });
    expect(small.length).toBeGreaterThan(0);
    const few = decideApprovals({
      pull: pull(at),
      reviews: [],
      files: many.slice(0, 3),
      governance: g,
      now: at,
    });
    const whole = renderApprovalComment(few, g, { runUrl, extra: "preview" });
    expect(whole).toContain("preview");
    expect(whole).not.toContain("dipersingkat");
  });
});

describe("validation of hostile names", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("refuses control characters in a request's name with a located diagnostic, and renders every medium inertly", async () => {
    dir = mkdtempSync(join(tmpdir(), "domainops-hostile-"));
    const names = [
      "a\n## ✅ Disetujui.yaml",
      "x\r::warning::x.yaml",
      "a\u2028## b.yaml",
      "a\u202egpj.yaml",
      "a```b``.yaml",
      "![x](http:evil).yaml",
      "@org.yaml",
      "::error::pwned.yaml",
      "<img src=x>.yaml",
    ];
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "requests"));
    for (const name of names) writeFileSync(join(dir, "requests", name), request("dinkes"));
    const result = await validateRepository(dir, { now: NOW, policy: POLICY });
    const unsafe = result.diagnostics.filter((d) => d.rule === "file-name-unsafe");
    expect(unsafe.map((d) => [d.file, d.line, d.column, d.severity])).toEqual(
      names
        .slice(0, 4)
        .map((n) => [`requests/${n}`, 1, 1, "error"])
        .sort(),
    );
    expect(unsafe.find((d) => d.file.includes("Disetujui"))?.message.en).toContain(
      'The file name "requests/a\\u000a## ✅ Disetujui.yaml" holds the character \\u000a',
    );

    const text = renderText(result);
    expect(lines(text.trimEnd())).toHaveLength(result.diagnostics.length);
    for (const line of lines(text)) expect(line).not.toMatch(/^\s*(::|##\[)/);

    const github = renderGithub(result);
    const commands = lines(github.trimEnd());
    expect(commands).toHaveLength(result.diagnostics.length);
    for (const line of commands) expect(line).toMatch(/^::(error|warning) file=/);

    const md = renderMarkdownSummary(result);
    expectInertMarkdown(md, /^### (✅|❌) Validasi permohonan/);
    expect(outsideCode(md)).not.toMatch(MENTION);
  });
});
