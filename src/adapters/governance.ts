/**
 * The one reader of `governance/`: the office's data (officials, SOP, calendar, the validation
 * policy, the accepted commits), read from the working tree or, at a commit, from git's object store
 * (no checkout), through the safe YAML parser, and handed to the pure checks. Missing or unreadable
 * files become diagnostics, not exceptions.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Governance } from "../core/approvals/governance.ts";
import type { GovernancePart } from "../core/approvals/governance-check.ts";
import { checkGovernance } from "../core/approvals/governance-check.ts";
import { ACCEPTED_COMMITS_FILE, parseAcceptedCommits } from "../core/approvals/verify-range.ts";
import { parseYamlSafe } from "../core/request/parse.ts";
import type { PolicyPart, PolicyResult } from "../core/request/policy.ts";
import { buildPolicy, CALENDAR_FILE, POLICY_FILES } from "../core/request/policy.ts";
import type { NodePath, Position } from "../core/request/rule.ts";
import type { Diagnostic } from "../core/types.ts";
import { readFilesAt } from "./git.ts";

export const GOVERNANCE_FILES: Record<GovernancePart, string> = {
  officials: "governance/officials.yaml",
  sop: "governance/sop.yaml",
  calendar: CALENDAR_FILE,
};

/**
 * Where the files are read: the working tree under `root` (`dir` in place of `governance/`, for the
 * presets), or the tree of `commit` in the repository at `root`.
 */
export interface GovernanceSource {
  commit?: string;
  dir?: string;
}

export interface LoadedGovernance {
  governance?: Governance;
  diagnostics: Diagnostic[];
}

interface ParsedFile {
  file: string;
  data: unknown;
  at(path: NodePath, part?: "key" | "value"): Position;
}

/** A file's bytes, or the errno-like code of why it cannot be read. */
type Read = Uint8Array | { missing: string };

/** Governance files are bigger than a request (a calendar lists a year of holidays, reserved names). */
const MAX_BYTES = 256 * 1024;

async function readAll(root: string, source: GovernanceSource, files: readonly string[]): Promise<Read[]> {
  const { commit, dir } = source;
  if (commit !== undefined) {
    const blobs = readFilesAt(root, commit, files);
    return files.map((file) => blobs.get(file) ?? { missing: "ENOENT" });
  }
  return Promise.all(
    files.map((file) =>
      readFile(join(root, dir === undefined ? file : file.replace(/^governance\//, `${dir}/`))).then(
        (bytes): Read => new Uint8Array(bytes),
        (error: NodeJS.ErrnoException): Read => ({ missing: error.code ?? "?" }),
      ),
    ),
  );
}

/** The file's name as reported: the preset folder when reading one. */
function shown(file: string, source: GovernanceSource): string {
  return source.dir === undefined ? file : file.replace(/^governance\//, `${source.dir}/`);
}

/** Safe-parses a file that was read; undefined (with the diagnostics in `out`) when it is not usable. */
function parse(file: string, bytes: Uint8Array, out: Diagnostic[]): ParsedFile | undefined {
  const result = parseYamlSafe(file, bytes, { maxBytes: MAX_BYTES });
  out.push(...result.diagnostics);
  if (result.data === undefined || result.diagnostics.some((d) => d.severity === "error")) return undefined;
  return { file, data: result.data, at: (path, p) => result.at(path, p) };
}

/**
 * Reads and safe-parses `files` (the same order back); a file that cannot be read gets the diagnostic
 * `onMissing` makes for it (none for an optional file), one that does not parse its parser's findings.
 */
async function loadFiles(
  root: string,
  source: GovernanceSource,
  files: readonly string[],
  /** `name` is the file's path under `governance/`, `file` the path reported. */
  onMissing: (file: string, code: string, name: string) => Diagnostic | undefined,
  out: Diagnostic[],
): Promise<(ParsedFile | undefined)[]> {
  const read = await readAll(root, source, files);
  return files.map((name, i) => {
    const file = shown(name, source);
    const bytes = read[i] as Read;
    if (!("missing" in bytes)) return parse(file, bytes, out);
    const diagnostic = onMissing(file, bytes.missing, name);
    if (diagnostic) out.push(diagnostic);
    return undefined;
  });
}

function missing(file: string, rule: string, message: Diagnostic["message"]): Diagnostic {
  return { file, line: 1, column: 1, rule, severity: "error", message };
}

/** The officials, SOP and calendar, checked. */
export async function loadGovernance(root: string, source: GovernanceSource = {}): Promise<LoadedGovernance> {
  const diagnostics: Diagnostic[] = [];
  const [officials, sop, calendar] = await loadFiles(
    root,
    source,
    [GOVERNANCE_FILES.officials, GOVERNANCE_FILES.sop, GOVERNANCE_FILES.calendar],
    (file, code) =>
      missing(file, "governance-missing", {
        id: `Berkas governance tidak dapat dibaca (${code}); salin dari governance/presets/<kabupaten>/.`,
        en: `Governance file cannot be read (${code}); copy it from governance/presets/<regency>/.`,
      }),
    diagnostics,
  );
  if (!officials || !sop || !calendar) return { diagnostics };
  const checked = checkGovernance({ officials, sop, calendar });
  return { ...checked, diagnostics: [...diagnostics, ...checked.diagnostics] };
}

/** The validation policy (policy, reserved, existing, namespaces; the time zone from the calendar). */
export async function loadPolicy(root: string, source: GovernanceSource = {}): Promise<PolicyResult> {
  const parts = Object.keys(POLICY_FILES) as PolicyPart[];
  const diagnostics: Diagnostic[] = [];
  const loaded = await loadFiles(
    root,
    source,
    [...parts.map((part) => POLICY_FILES[part]), CALENDAR_FILE],
    // Only the time zone is read from the calendar; the SOP gate checks the rest and requires the file.
    (file, code, name) =>
      name === CALENDAR_FILE
        ? undefined
        : missing(file, "policy-missing", {
            id: `berkas kebijakan ${file} tidak dapat dibaca (${code}); pulihkan dari riwayat git atau dari repositori induk`,
            en: `the policy file ${file} cannot be read (${code}); restore it from git history or the upstream repository`,
          }),
    diagnostics,
  );
  const files: Partial<Record<PolicyPart, ParsedFile>> = {};
  parts.forEach((part, i) => {
    const file = loaded[i];
    if (file !== undefined) files[part] = file;
  });
  const built = buildPolicy(files, loaded[parts.length]);
  return { ...built, diagnostics: [...diagnostics, ...built.diagnostics] };
}

/** The commits an approved tree vouches for; a broken or absent list vouches for none. */
export async function loadAcceptedCommits(root: string, source: GovernanceSource = {}): Promise<string[]> {
  const [bytes] = await readAll(root, source, [ACCEPTED_COMMITS_FILE]);
  if (bytes === undefined || "missing" in bytes) return [];
  const parsed = parse(ACCEPTED_COMMITS_FILE, bytes, []);
  return parsed === undefined ? [] : parseAcceptedCommits(parsed.data);
}
