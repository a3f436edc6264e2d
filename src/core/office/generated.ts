/**
 * Files the tool generates for an office (`.github/CODEOWNERS`, the workflows) compared with the
 * files in the repository. Pure: a drifted or missing file becomes a diagnostic naming its first
 * differing line and the command that rewrites it.
 */
import requestSchema from "../../../schema/request.schema.json" with { type: "json" };
import { CODEOWNERS_PATH, renderCodeowners } from "../approvals/codeowners.ts";
import type { Governance } from "../approvals/governance.ts";
import { buildIssueForm, ISSUE_FORM_PATH, type SchemaNode } from "../intake/form.ts";
import type { Diagnostic } from "../types.ts";
import type { WorkflowFile, WorkflowValues } from "./workflows.ts";
import { renderWorkflow, TEMPLATES_DIR, WORKFLOW_FILES, WORKFLOWS_DIR } from "./workflows.ts";

export interface GeneratedFile {
  /** Path from the repository root, `/`-separated. */
  path: string;
  text: string;
  /** Where it is generated from, for the message (e.g. `governance/officials.yaml`). */
  source: string;
}

export const FIX_COMMAND = "npx domainops check --fix";

function firstDifferentLine(expected: string, actual: string): number {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i + 1;
  return 1;
}

/** `actual` maps each path to its text, or undefined when the file is absent. */
export function diffGenerated(
  expected: readonly GeneratedFile[],
  actual: ReadonlyMap<string, string | undefined>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of expected) {
    const current = actual.get(file.path);
    if (current === file.text) continue;
    const line = current === undefined ? 1 : firstDifferentLine(file.text, current);
    out.push({
      file: file.path,
      line,
      column: 1,
      rule: "generated-drift",
      severity: "error",
      message:
        current === undefined
          ? {
              id: `${file.path} tidak ada; berkas ini dibuat dari ${file.source}. Jalankan \`${FIX_COMMAND}\` lalu commit hasilnya.`,
              en: `${file.path} is missing; it is generated from ${file.source}. Run \`${FIX_COMMAND}\` and commit the result.`,
            }
          : {
              id: `${file.path} berbeda dari yang dibuat dari ${file.source} (mulai baris ${line}); jangan diubah manual. Jalankan \`${FIX_COMMAND}\` lalu commit hasilnya.`,
              en: `${file.path} differs from what ${file.source} generates (from line ${line}); do not edit it by hand. Run \`${FIX_COMMAND}\` and commit the result.`,
            },
    });
  }
  return out;
}

/** The request issue form, from the request schema the tool ships. */
export function issueFormFile(): GeneratedFile {
  return {
    path: ISSUE_FORM_PATH,
    text: buildIssueForm(requestSchema as SchemaNode),
    source: "schema/request.schema.json",
  };
}

/** Everything generated for an office; workflows only when its stack and time zone are known. */
export function buildGeneratedFiles(input: {
  governance?: Governance;
  values?: WorkflowValues;
  templates: ReadonlyMap<WorkflowFile, string>;
}): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  if (input.governance) {
    out.push({
      path: CODEOWNERS_PATH,
      text: renderCodeowners(input.governance),
      source: "governance/officials.yaml",
    });
  }
  out.push(issueFormFile());
  const { values } = input;
  if (values) {
    for (const file of WORKFLOW_FILES) {
      const template = input.templates.get(file);
      if (template === undefined) continue;
      out.push({
        path: `${WORKFLOWS_DIR}/${file}`,
        text: renderWorkflow(file, template, values),
        source: `${TEMPLATES_DIR}/${file} (stack ${values.stack}, ${values.timeZone})`,
      });
    }
  }
  return out;
}
