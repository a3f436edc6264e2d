/**
 * Renders validation results for people (text), machines (json) and GitHub Actions (workflow
 * commands + a Markdown job summary). Request content reaches all of these, so every renderer
 * neutralises what its medium would interpret.
 */
import type { Diagnostic } from "./types.ts";

export interface DiagnosticReport {
  files: number;
  errors: number;
  warnings: number;
  diagnostics: readonly Diagnostic[];
}

export type OutputFormat = "text" | "json" | "github";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "github"];

// C0/C1 controls and DEL would let a value rewrite a terminal line or hide text; bidi overrides
// (U+202A–U+202E, U+2066–U+2069) would let it read differently from what it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the purpose.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `requests/dinkes.yaml:4:3 error subdomain-reserved: <id> (<en>)`, one line per diagnostic. */
export function renderText(report: DiagnosticReport): string {
  let out = "";
  for (const d of report.diagnostics) {
    out += `${escapeControls(d.file)}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${escapeControls(d.message.id)} (${escapeControls(d.message.en)})\n`;
  }
  return out;
}

/** One line for the end of a text run: how many files and findings. */
export function renderTextSummary(report: DiagnosticReport): string {
  return (
    `${report.files} berkas, ${report.errors} galat, ${report.warnings} peringatan ` +
    `(${report.files} files, ${report.errors} errors, ${report.warnings} warnings)\n`
  );
}

export function renderJson(report: DiagnosticReport): string {
  return `${JSON.stringify({
    files: report.files,
    errors: report.errors,
    warnings: report.warnings,
    diagnostics: report.diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      rule: d.rule,
      severity: d.severity,
      message: { id: d.message.id, en: d.message.en },
    })),
  })}\n`;
}

/** Escaping of a workflow command's message (actions/toolkit `escapeData`). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a workflow command's property value (actions/toolkit `escapeProperty`). */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::error file=...,line=...,col=...,title=<rule>::<message>` per diagnostic. */
export function renderGithub(report: DiagnosticReport): string {
  let out = "";
  for (const d of report.diagnostics) {
    const props = [
      `file=${escapeGithubProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `title=${escapeGithubProperty(d.rule)}`,
    ].join(",");
    out += `::${d.severity === "error" ? "error" : "warning"} ${props}::${escapeGithubData(`${d.message.id} (${d.message.en})`)}\n`;
  }
  return out;
}

/** Markdown that shows literally: the table and inline markup characters are backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]{}()#+!|~@:]/g, (c) => `\\${c}`);
}

const SUMMARY_ROWS = 200;

/** The job summary (`$GITHUB_STEP_SUMMARY`): counts and a table of the first findings. */
export function renderMarkdownSummary(report: DiagnosticReport): string {
  const ok = report.errors === 0;
  const lines = [
    `### ${ok ? "✅" : "❌"} Validasi permohonan (request validation)`,
    "",
    `${report.files} berkas, ${report.errors} galat, ${report.warnings} peringatan ` +
      `(${report.files} files, ${report.errors} errors, ${report.warnings} warnings).`,
    "",
  ];
  if (report.diagnostics.length > 0) {
    lines.push(
      "| Berkas (file) | Baris (line) | Aturan (rule) | Pesan (message) |",
      "| --- | --- | --- | --- |",
    );
    for (const d of report.diagnostics.slice(0, SUMMARY_ROWS)) {
      const sign = d.severity === "error" ? "❌" : "⚠️";
      lines.push(
        `| ${escapeMarkdown(d.file)} | ${d.line}:${d.column} | ${sign} ${escapeMarkdown(d.rule)} | ` +
          `${escapeMarkdown(d.message.id)}<br>${escapeMarkdown(d.message.en)} |`,
      );
    }
    const more = report.diagnostics.length - SUMMARY_ROWS;
    if (more > 0)
      lines.push("", `… dan ${more} temuan lain (and ${more} more findings): lihat log (see the log).`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

export function renderReport(report: DiagnosticReport, format: OutputFormat): string {
  if (format === "json") return renderJson(report);
  if (format === "github") return renderGithub(report);
  return renderText(report);
}
