/**
 * Reads the policy files from `<root>/governance/` through the safe YAML loader and hands them to the
 * pure builder. A missing or unreadable file becomes a diagnostic on that file, never an exception.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseYamlSafe } from "../core/request/parse.ts";
import type { ParsedPolicyFile, PolicyPart, PolicyResult } from "../core/request/policy.ts";
import { buildPolicy, CALENDAR_FILE, POLICY_FILES } from "../core/request/policy.ts";
import type { Diagnostic } from "../core/types.ts";
import { readFilesAt } from "./git.ts";

/** Policy files are data lists (reserved names) and may outgrow a request's size cap. */
const MAX_BYTES = 256 * 1024;

/** Reads one file's bytes; throws (with an errno `code` where there is one) when it is absent. */
type ReadBytes = (file: string) => Promise<Uint8Array>;

async function readPart(
  read: ReadBytes,
  file: string,
  out: Diagnostic[],
  optional = false,
): Promise<ParsedPolicyFile | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await read(file);
  } catch (error) {
    if (optional) return undefined;
    const code = (error as NodeJS.ErrnoException).code ?? "?";
    out.push({
      file,
      line: 1,
      column: 1,
      rule: "policy-missing",
      severity: "error",
      message: {
        id: `berkas kebijakan ${file} tidak dapat dibaca (${code}); pulihkan dari riwayat git atau dari repositori induk`,
        en: `the policy file ${file} cannot be read (${code}); restore it from git history or the upstream repository`,
      },
    });
    return undefined;
  }
  const parsed = parseYamlSafe(file, bytes, { maxBytes: MAX_BYTES });
  out.push(...parsed.diagnostics);
  if (parsed.data === undefined || parsed.diagnostics.length > 0) return undefined;
  return { file, data: parsed.data, at: (path, p) => parsed.at(path, p) };
}

/** Loads the validation policy of the repository at `root`. */
export async function loadPolicy(root: string): Promise<PolicyResult> {
  return loadPolicyWith((file) => readFile(join(root, file)));
}

/**
 * The policy as it stood at a commit, read from git's object store: a merged pull request is judged
 * by the namespaces and limits of its merge's parent, not by those it brought in itself.
 */
export async function loadPolicyAt(root: string, commit: string): Promise<PolicyResult> {
  const files = readFilesAt(root, commit, [...Object.values(POLICY_FILES), CALENDAR_FILE]);
  return loadPolicyWith(async (file) => {
    const bytes = files.get(file);
    if (!bytes) throw Object.assign(new Error(`${file} missing at ${commit}`), { code: "ENOENT" });
    return bytes;
  });
}

async function loadPolicyWith(read: ReadBytes): Promise<PolicyResult> {
  const diagnostics: Diagnostic[] = [];
  const parts: Partial<Record<PolicyPart, ParsedPolicyFile>> = {};
  for (const part of Object.keys(POLICY_FILES) as PolicyPart[]) {
    const parsed = await readPart(read, POLICY_FILES[part], diagnostics);
    if (parsed !== undefined) parts[part] = parsed;
  }
  // Only the time zone is read from the calendar; the SOP gate checks the rest and requires the file.
  const calendar = await readPart(read, CALENDAR_FILE, diagnostics, true);
  const built = buildPolicy(parts, calendar);
  return { ...built, diagnostics: [...diagnostics, ...built.diagnostics] };
}
