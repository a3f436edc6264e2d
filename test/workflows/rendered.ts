/**
 * The workflows as `domainops check --fix` renders them for a test office (not this repository's
 * example office: the live `.github/workflows` are judged by `domainops check`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkflowFile, WorkflowValues } from "../../src/core/office/workflows.ts";
import { renderWorkflow, TEMPLATES_DIR, WORKFLOW_FILES } from "../../src/core/office/workflows.ts";
import { TOOL } from "../support/office.ts";

/** A WITA office, so the drift schedule and the stack name differ from the example office's. */
export const TEST_OFFICE: WorkflowValues = { stack: "contoh-wita", timeZone: "Asia/Makassar" };

const TEMPLATES = join(TOOL, TEMPLATES_DIR);

export const workflowFiles: readonly WorkflowFile[] = WORKFLOW_FILES;

export function renderedWorkflow(file: string, values: WorkflowValues = TEST_OFFICE): string {
  const name = WORKFLOW_FILES.find((f) => f === file);
  if (name === undefined) throw new Error(`no workflow template ${file}`);
  return renderWorkflow(name, readFileSync(join(TEMPLATES, name), "utf8"), values);
}
