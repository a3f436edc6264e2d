/**
 * Loads the office's governance data from `<root>/governance/` as data through the safe YAML parser,
 * then hands it to the pure check. Missing or unreadable files become diagnostics, not exceptions.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Governance } from "../core/approvals/governance.ts";
import type { GovernancePart, ParsedGovernanceFile } from "../core/approvals/governance-check.ts";
import { checkGovernance } from "../core/approvals/governance-check.ts";
import { parseYamlSafe } from "../core/request/parse.ts";
import type { Diagnostic } from "../core/types.ts";
import { readFilesAt } from "./git.ts";

export const GOVERNANCE_FILES: Record<GovernancePart, string> = {
  officials: "governance/officials.yaml",
  sop: "governance/sop.yaml",
  calendar: "governance/calendar.yaml",
};

export interface LoadedGovernance {
  governance?: Governance;
  diagnostics: Diagnostic[];
}

/** Reads one governance file's bytes; throws (with an errno `code` where there is one) when absent. */
type ReadBytes = (file: string) => Promise<Uint8Array>;

export async function loadGovernance(root: string, dir = "governance"): Promise<LoadedGovernance> {
  return loadGovernanceWith((file) => readFile(join(root, file)), dir);
}

/**
 * The governance as it stood at a commit, read from git's object store (no checkout): the officials
 * and SOP a pull request is judged by are those of its merge's parent, not those it brought in.
 */
export async function loadGovernanceAt(root: string, commit: string): Promise<LoadedGovernance> {
  const files = readFilesAt(root, commit, Object.values(GOVERNANCE_FILES));
  return loadGovernanceWith(async (file) => {
    const bytes = files.get(file);
    if (!bytes) throw Object.assign(new Error(`${file} missing at ${commit}`), { code: "ENOENT" });
    return bytes;
  }, "governance");
}

async function loadGovernanceWith(read: ReadBytes, dir: string): Promise<LoadedGovernance> {
  const diagnostics: Diagnostic[] = [];
  const parsed: Partial<Record<GovernancePart, ParsedGovernanceFile>> = {};
  for (const part of ["officials", "sop", "calendar"] as const) {
    const file = GOVERNANCE_FILES[part].replace(/^governance\//, `${dir}/`);
    let bytes: Uint8Array;
    try {
      bytes = await read(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "?";
      diagnostics.push({
        file,
        line: 1,
        column: 1,
        rule: "governance-missing",
        severity: "error",
        message: {
          id: `Berkas governance tidak dapat dibaca (${code}); salin dari governance/presets/<kabupaten>/.`,
          en: `Governance file cannot be read (${code}); copy it from governance/presets/<regency>/.`,
        },
      });
      continue;
    }
    // Governance files are bigger than a request (a calendar lists a year of holidays).
    const result = parseYamlSafe(file, bytes, { maxBytes: 256 * 1024 });
    diagnostics.push(...result.diagnostics);
    if (result.data !== undefined && result.diagnostics.every((d) => d.severity !== "error")) {
      parsed[part] = { file, data: result.data, at: (path, p) => result.at(path, p) };
    }
  }
  if (!parsed.officials || !parsed.sop || !parsed.calendar) return { diagnostics };
  const checked = checkGovernance({
    officials: parsed.officials,
    sop: parsed.sop,
    calendar: parsed.calendar,
  });
  return { ...checked, diagnostics: [...diagnostics, ...checked.diagnostics] };
}
