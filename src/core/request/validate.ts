/**
 * The validation engine: text of request files → diagnostics. Pure: files arrive as bytes, other
 * requests are read on demand through `lookup`, and the clock is an argument.
 *
 * Cost follows what is validated, not what the repository holds: cross-file rules see the directory
 * listing (`siblings`) for free and parse another request only when they ask for it by name.
 */
import { codePointText, unsafeCharacter, visibleControls } from "../escape.ts";
import type { Diagnostic, LoadedRequest, Message, Severity } from "../types.ts";
import { DEFAULT_MAX_BYTES, type ParseOptions, parseYamlSafe } from "./parse.ts";
import type { NodePath, Position, Rule, RuleContext, RuleStack, ValidationPolicy } from "./rule.ts";
import { rules as defaultRules } from "./rules/index.ts";
import { checkRequestSchema } from "./schema.ts";

export interface SourceFile {
  /** Repository-relative, forward slashes, e.g. `requests/dinkes.yaml`. */
  path: string;
  bytes: Uint8Array | string;
}

export interface ValidateInput {
  /** Files to report on. */
  targets: SourceFile[];
  /** Every entry name in `requests/`, e.g. `["dinkes.yaml", ...]` (for cross-file rules). */
  siblings: readonly string[];
  /** Another request file by subdomain (lowercase), read on demand. */
  lookup(name: string): SourceFile | undefined;
  policy: ValidationPolicy;
  now: Date;
  /**
   * Severity of the findings of rules marked `dependsOnDate`: "error" when the targets are the files
   * a change is about, "warning" in a full run, where yesterday's valid file must not fail today.
   * Default "error".
   */
  dateFindings?: DateFindings;
  rules?: readonly Rule[];
  maxBytes?: number;
  /**
   * Read the files with the fast reader where it gives the strict loader's data (`fast-load.ts`):
   * for bulk read-only work such as the registry site; the gate's paths leave it off.
   */
  fastYaml?: boolean;
  /** Keep the loaded requests in the result (default true); a plain check can save the memory. */
  collectRequests?: boolean;
  /** The stack settings the stack-dependent rules check against, when known. */
  stack?: RuleStack;
}

export type DateFindings = "error" | "warning";

export interface ValidationResult {
  files: number;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  requests: LoadedRequest[];
  /**
   * Worker threads of a parallel run: how many were started and why any failed. A failed worker's
   * share is validated again on the main thread, so the findings stay complete, but the failure is
   * reported, not hidden.
   */
  workers?: { started: number; failed: string[] };
}

export interface EngineRule {
  id: string;
  severity: Severity;
  summary: Message;
}

/** The engine's own rule ids (loading, file and shape checks), for `docs/rules.md`. */
export const engineRules: readonly EngineRule[] = [
  rule("file-too-large", "Berkas tidak lebih dari 64 KiB.", "A file is at most 64 KiB."),
  rule("file-invalid-utf8", "Berkas disandikan UTF-8 yang sah.", "A file is valid UTF-8."),
  rule("file-empty", "Berkas tidak kosong.", "A file is not empty."),
  rule(
    "file-not-yaml",
    "Isi requests/ hanya berkas *.yaml (bukan folder atau berkas lain; .yml diberi saran ganti nama).",
    "requests/ holds only *.yaml files (no folders or other files; .yml gets a rename hint).",
  ),
  rule("file-symlink", "Tautan simbolik di requests/ ditolak.", "Symbolic links in requests/ are refused."),
  rule(
    "file-name-unsafe",
    "Nama berkas tanpa karakter kendali, pemisah baris atau pembalik arah teks (C0, DEL, C1, U+2028/2029, U+202A–202E, U+2066–2069).",
    "File names hold no control, line-separator or bidi characters (C0, DEL, C1, U+2028/2029, U+202A–202E, U+2066–2069).",
  ),
  rule(
    "file-outside-requests",
    "Berkas yang diperiksa berada di requests/.",
    "Files given to validate are inside requests/.",
  ),
  rule("file-missing", "Berkas yang disebut ada.", "A file named on the command line exists."),
  rule("file-unreadable", "Berkas dapat dibaca.", "A file can be read."),
  rule("yaml-syntax", "Sintaks YAML benar.", "YAML syntax is correct."),
  rule("yaml-duplicate-key", "Tidak ada kunci ganda.", "No key appears twice in a mapping."),
  rule("yaml-multiple-documents", "Satu dokumen YAML per berkas.", "One YAML document per file."),
  rule("yaml-alias", "Tanpa alias YAML (*nama).", "No YAML aliases (*name)."),
  rule("yaml-anchor", "Tanpa anchor YAML (&nama).", "No YAML anchors (&name)."),
  rule("yaml-tag", "Tanpa tag YAML (!!str, !kustom).", "No YAML tags (!!str, !custom)."),
  rule("yaml-directive", "Tanpa direktif YAML (%YAML, %TAG).", "No YAML directives (%YAML, %TAG)."),
  rule("yaml-complex-key", "Kunci berupa teks biasa.", "Keys are plain text."),
  rule("schema-required", "Kolom wajib ada.", "Required fields are present."),
  rule("schema-additional-property", "Tidak ada kolom yang tidak dikenal.", "No unknown fields."),
  rule("schema-type", "Nilai berjenis benar (teks, angka, daftar...).", "Values have the right type."),
  rule(
    "schema-enum",
    "Nilai pilihan termasuk daftar yang diizinkan.",
    "Choice values are from the allowed list.",
  ),
  rule(
    "schema-pattern",
    "Nilai berbentuk benar (tanggal YYYY-MM-DD, akun GitHub).",
    "Values have the right form.",
  ),
  rule("schema-format", "Tanggal ada di kalender.", "Dates exist in the calendar."),
  rule(
    "schema-length",
    "Teks tidak kosong dan tidak terlalu panjang.",
    "Text is not empty and not too long.",
  ),
  rule("schema-items", "Jumlah entri daftar dalam batas.", "Lists stay within their size limits."),
  rule("schema-invalid", "Bentuk lain sesuai skema.", "Any other shape constraint of the schema."),
  rule(
    "rule-failed",
    "Aturan berjalan tanpa galat internal (melaporkan cacat program).",
    "Rules run without internal errors (reports a program defect).",
  ),
];

function rule(id: string, summaryId: string, summaryEn: string): EngineRule {
  return { id, severity: "error", summary: { id: summaryId, en: summaryEn } };
}

/** The lowercase key of a `requests/` entry name: `Dinkes.yaml` → `dinkes`, `a.b.yml` → `a.b`. */
export function stemOf(name: string): string {
  return name.replace(/\.ya?ml$/i, "").toLowerCase();
}

export function groupSiblings(names: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const stem = stemOf(name);
    const group = groups.get(stem);
    if (group) group.push(name);
    else groups.set(stem, [name]);
  }
  return groups;
}

function baseName(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? path : path.slice(slash + 1);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

interface Loaded {
  loaded?: LoadedRequest;
  diagnostics: Diagnostic[];
  at: (path: NodePath, part?: "key" | "value") => Position;
}

function load(source: SourceFile, reading: ParseOptions): Loaded {
  const parsed = parseYamlSafe(source.path, source.bytes, reading);
  if (parsed.data === undefined || parsed.diagnostics.length > 0) {
    return { diagnostics: parsed.diagnostics, at: parsed.at };
  }
  const shape = checkRequestSchema(source.path, parsed.data, parsed);
  if (!shape.ok) return { diagnostics: shape.diagnostics, at: parsed.at };
  return { loaded: { file: source.path, request: shape.request }, diagnostics: [], at: parsed.at };
}

function depth(path: string): number {
  let dots = 0;
  const name = baseName(path);
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 46) dots++;
  return dots;
}

/**
 * Explicit Pages projects of every request, by lowercase name. Read from the YAML alone (no schema
 * check): a file that fails its schema still shows which project it tries to take.
 */
function indexProjects(
  siblings: ReadonlyMap<string, readonly string[]>,
  lookup: ValidateInput["lookup"],
  reading: ParseOptions,
): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const stem of siblings.keys()) {
    const source = lookup(stem);
    if (source === undefined) continue;
    const data = parseYamlSafe(source.path, source.bytes, reading).data as
      | { hosting?: { project?: unknown } }
      | undefined;
    const project = data?.hosting?.project;
    if (typeof project !== "string" || project === "") continue;
    const key = project.toLowerCase();
    const users = index.get(key);
    if (users === undefined) index.set(key, [source.path]);
    else users.push(source.path);
  }
  return index;
}

/** Validates `targets`; never throws on bad input. */
export function validateSources(input: ValidateInput): ValidationResult {
  const rules = input.rules ?? defaultRules;
  const reading: ParseOptions = {
    maxBytes: input.maxBytes ?? DEFAULT_MAX_BYTES,
    ...(input.fastYaml === true ? { fast: true } : {}),
  };
  const siblings = groupSiblings(input.siblings);
  const cache = new Map<string, LoadedRequest | null>();
  // Only names that are a suffix of another name can be asked for as a parent; caching just those
  // keeps memory flat in a repository of 100,000 requests. Anything else is re-read on demand.
  const parents = new Set<string>();
  for (const stem of siblings.keys()) {
    for (let dot = stem.indexOf("."); dot !== -1; dot = stem.indexOf(".", dot + 1))
      parents.add(stem.slice(dot + 1));
  }
  const collect = input.collectRequests !== false;
  const datedAsWarnings = input.dateFindings === "warning";

  const findRequest = (subdomain: string): LoadedRequest | undefined => {
    const key = subdomain.toLowerCase();
    const hit = cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    if (!siblings.has(key)) {
      cache.set(key, null);
      return undefined;
    }
    const source = input.lookup(key);
    const loaded = source ? load(source, reading).loaded : undefined;
    cache.set(key, loaded ?? null);
    return loaded;
  };

  let projects: Map<string, string[]> | undefined;
  const projectUsers = (project: string): readonly string[] => {
    projects ??= indexProjects(siblings, input.lookup, reading);
    return projects.get(project.toLowerCase()) ?? [];
  };

  // Parents before children, so a nested name's parent is usually in the cache when asked for.
  const targets = input.targets
    .map((source, index) => ({ source, index, depth: depth(source.path) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index);

  const diagnostics: Diagnostic[] = [];
  const requests: LoadedRequest[] = [];
  for (const { source } of targets) {
    const unsafe = unsafeCharacter(source.path);
    if (unsafe !== undefined) {
      diagnostics.push(unsafeName(source.path, unsafe));
      continue;
    }
    const result = load(source, reading);
    diagnostics.push(...result.diagnostics);
    const loaded = result.loaded;
    const stem = stemOf(baseName(source.path));
    if (parents.has(stem)) cache.set(stem, loaded ?? null);
    if (!loaded) continue;
    if (collect) requests.push(loaded);
    const ctx: RuleContext = {
      file: source.path,
      request: loaded.request,
      at: result.at,
      policy: input.policy,
      now: input.now,
      findRequest,
      projectUsers,
      siblings,
      ...(input.stack ? { stack: input.stack } : {}),
    };
    for (const r of rules) {
      try {
        for (const finding of r.check(ctx)) {
          const pos = result.at(finding.path, finding.part ?? "value");
          diagnostics.push({
            file: source.path,
            line: pos.line,
            column: pos.column,
            rule: r.id,
            severity: r.dependsOnDate && datedAsWarnings ? "warning" : (finding.severity ?? r.severity),
            message: finding.message,
          });
        }
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        diagnostics.push({
          file: source.path,
          line: 1,
          column: 1,
          rule: "rule-failed",
          severity: "error",
          message: {
            id: `Aturan ${r.id} gagal berjalan (${detail}). Ini cacat program, bukan kesalahan Anda; laporkan ke pengelola.`,
            en: `Rule ${r.id} failed to run (${detail}). This is a program defect, not your mistake; report it to the maintainers.`,
          },
        });
      }
    }
  }
  return summarize(input.targets.length, diagnostics, requests);
}

/**
 * A file name that could break a log line, a comment or a workflow command, or read differently from
 * what it is: refused before the file is read, and shown with the character made visible.
 */
function unsafeName(path: string, char: string): Diagnostic {
  const shown = visibleControls(path);
  const code = codePointText(char);
  return {
    file: path,
    line: 1,
    column: 1,
    rule: "file-name-unsafe",
    severity: "error",
    message: {
      id: `Nama berkas "${shown}" memuat karakter ${code} (karakter kendali, pemisah baris atau pembalik arah teks). Ganti nama menjadi requests/<subdomain>.yaml.`,
      en: `The file name "${shown}" holds the character ${code} (a control, line-separator or bidi character). Rename it to requests/<subdomain>.yaml.`,
    },
  };
}

/** Counts and sorts; also used by adapters that add their own file diagnostics. */
export function summarize(
  files: number,
  diagnostics: Diagnostic[],
  requests: LoadedRequest[],
): ValidationResult {
  diagnostics.sort(compareDiagnostics);
  // Directory order differs between file systems; consumers get the same order everywhere.
  requests.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else warnings++;
  }
  return { files, errors, warnings, diagnostics, requests };
}
