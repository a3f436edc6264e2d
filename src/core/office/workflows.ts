/**
 * The GitHub Actions workflows of an office, rendered from the tool's templates
 * (`templates/workflows/*.yml`). A template is a real workflow in which each office-specific value is
 * a whole scalar token (`__DOMAINOPS_STACK__`); rendering replaces the scalar through the `yaml`
 * document model, so no value is ever spliced into YAML text. Pure: the caller reads the templates.
 */
import { isScalar, parseDocument, visit } from "yaml";
import type { OfficeZone } from "../approvals/governance.ts";
import { ZONE_OFFSET_MINUTES } from "../approvals/governance.ts";
import { DomainopsError } from "../errors.ts";
import { checkStackName } from "./office.ts";

export const WORKFLOW_FILES = [
  "apply.yml",
  "drift.yml",
  "intake.yml",
  "sop-gate.yml",
  "sop-relay.yml",
  "site.yml",
  "validate.yml",
] as const;
export type WorkflowFile = (typeof WORKFLOW_FILES)[number];

export const WORKFLOWS_DIR = ".github/workflows";
export const TEMPLATES_DIR = "templates/workflows";

export interface WorkflowValues {
  stack: string;
  timeZone: OfficeZone;
  /** The apply job's runner labels (`domainops:applyRunsOn`); default GitHub's `ubuntu-latest`. */
  applyRunsOn?: readonly string[];
}

export const DEFAULT_RUNS_ON: readonly string[] = ["ubuntu-latest"];

/** The daily drift check runs at 08:23 office time, before the office day (07:30) is under way. */
export function driftCron(timeZone: OfficeZone): string {
  const minutes = (((8 * 60 + 23 - ZONE_OFFSET_MINUTES[timeZone]) % 1440) + 1440) % 1440;
  return `${minutes % 60} ${Math.floor(minutes / 60)} * * *`;
}

const TOKEN = /__DOMAINOPS_[A-Z_]+__/;
const RUNS_ON_TOKEN = "__DOMAINOPS_APPLY_RUNS_ON__";

/** Same layout as the templates as written: `[a, b]` flow lists, no folding of long lines. */
export const YAML_OUTPUT = { lineWidth: 0, flowCollectionPadding: false } as const;

export function renderWorkflow(file: WorkflowFile, template: string, values: WorkflowValues): string {
  const problem = checkStackName(values.stack);
  if (problem) throw new DomainopsError("usage", `${problem.id} (${problem.en})`);
  const replacements: Record<string, { value: string; quoted: boolean }> = {
    __DOMAINOPS_STACK__: { value: values.stack, quoted: false },
    __DOMAINOPS_DRIFT_CRON__: { value: driftCron(values.timeZone), quoted: true },
  };
  const doc = parseDocument(template);
  if (doc.errors.length > 0) {
    throw new DomainopsError("internal", `${TEMPLATES_DIR}/${file}: ${doc.errors[0]?.message ?? "YAML"}`);
  }
  const runsOn = values.applyRunsOn ?? DEFAULT_RUNS_ON;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string") return;
      if (node.value === RUNS_ON_TOKEN) {
        if (runsOn.length === 1) {
          node.value = runsOn[0];
          node.type = "PLAIN";
          return;
        }
        const labels = doc.createNode([...runsOn]);
        labels.flow = true;
        return labels;
      }
      const replacement = replacements[node.value];
      if (replacement === undefined) return;
      node.value = replacement.value;
      node.type = replacement.quoted ? "QUOTE_DOUBLE" : "PLAIN";
    },
  });
  const header = [
    ` Dibuat oleh domainops dari ${TEMPLATES_DIR}/${file} untuk kantor ini; jangan diubah manual, jalankan`,
    " `npx domainops check --fix` (rendered by domainops from its template for this office; do not edit by",
    " hand, run `npx domainops check --fix`).",
  ].join("\n");
  doc.commentBefore = doc.commentBefore ? `${header}\n\n${doc.commentBefore}` : header;
  const text = doc.toString(YAML_OUTPUT);
  let leftover: string | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && TOKEN.test(node.value)) leftover = node.value;
    },
  });
  if (leftover !== undefined) {
    throw new DomainopsError(
      "internal",
      `${TEMPLATES_DIR}/${file}: token tidak dikenal (unknown token) ${leftover}`,
    );
  }
  return text;
}
