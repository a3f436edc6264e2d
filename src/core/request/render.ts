/**
 * Renders validation results for people (text), machines (json) and GitHub Actions (workflow
 * commands + a Markdown job summary). Request content reaches all of these, so every renderer
 * neutralises what its medium would interpret.
 */
import {
  logLine,
  markdownCodeCell,
  markdownText,
  workflowCommandData,
  workflowCommandProperty,
} from "../escape.ts";
import type { Diagnostic } from "../types.ts";

export interface DiagnosticReport {
  files: number;
  errors: number;
  warnings: number;
  diagnostics: readonly Diagnostic[];
}

export type OutputFormat = "text" | "json" | "github";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "github"];

/** `requests/dinkes.yaml:4:3 error subdomain-reserved: <id> (<en>)`, one line per diagnostic. */
export function renderText(report: DiagnosticReport): string {
  let out = "";
  for (const d of report.diagnostics) {
    out += `${logLine(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message.id} (${d.message.en})`)}\n`;
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

/** `::error file=...,line=...,col=...,title=<rule>::<message>` per diagnostic. */
export function renderGithub(report: DiagnosticReport): string {
  let out = "";
  for (const d of report.diagnostics) {
    const props = [
      `file=${workflowCommandProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `title=${workflowCommandProperty(d.rule)}`,
    ].join(",");
    out += `::${d.severity === "error" ? "error" : "warning"} ${props}::${workflowCommandData(`${d.message.id} (${d.message.en})`)}\n`;
  }
  return out;
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
        `| ${markdownCodeCell(d.file)} | ${d.line}:${d.column} | ${sign} ${markdownText(d.rule)} | ` +
          `${markdownText(d.message.id)}<br>${markdownText(d.message.en)} |`,
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
