/** The service-report test month (test/fixtures/report): its governance and its saved pull requests. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadGovernance } from "../../src/adapters/governance.ts";
import type { Governance } from "../../src/core/approvals/governance.ts";
import type { SavedPull } from "../../src/core/reports/pulls-file.ts";
import { parseSavedPulls } from "../../src/core/reports/pulls-file.ts";

export const REPORT_ROOT = path.resolve(import.meta.dirname, "../fixtures/report");
export const PULLS_FILE = path.join(REPORT_ROOT, "pulls-2026-12.json");
/** Monday 4 January 2027, 12:00 WIB: the month is over and some reviews came after it. */
export const AFTER_MONTH = new Date("2027-01-04T12:00:00+07:00");

export async function reportGovernance(): Promise<Governance> {
  const { governance, diagnostics } = await loadGovernance(REPORT_ROOT);
  if (!governance) throw new Error(`report fixture governance: ${JSON.stringify(diagnostics)}`);
  return governance;
}

/** The raw JSON of the saved-pulls fixture (GitHub REST shapes). */
export function rawPulls(): Record<string, unknown>[] {
  return JSON.parse(readFileSync(PULLS_FILE, "utf8")) as Record<string, unknown>[];
}

export function savedPulls(raw: unknown = rawPulls()): SavedPull[] {
  const parsed = parseSavedPulls(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
