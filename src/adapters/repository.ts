/**
 * The file-system edge of validation: lists `requests/` once, reads the files asked for, and hands
 * bytes to the pure engine. Entries that are not plain `*.yaml` files become diagnostics here.
 */

import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { Worker } from "node:worker_threads";
import { instantOfLocalDate } from "../core/approvals/governance.ts";
import { DomainopsError } from "../core/errors.ts";
import type { EntryKind, EntryType, RequestEntry } from "../core/request/files.ts";
import {
  chooseRequestFiles,
  classifyEntry,
  entriesOfTree,
  entryDiagnostic,
  PLACEHOLDER,
  REQUESTS_DIR,
  selectRequestEntries,
} from "../core/request/files.ts";
import { DEFAULT_MAX_BYTES, tooLarge } from "../core/request/parse.ts";
import type { Rule, RuleStack, ValidationPolicy } from "../core/request/rule.ts";
import type { DateFindings, SourceFile, ValidationResult } from "../core/request/validate.ts";
import { summarize, validateSources } from "../core/request/validate.ts";
import type { Diagnostic, LoadedRequest } from "../core/types.ts";
import { listFilesAt, readFilesAt } from "./git.ts";
import { loadPolicy } from "./governance.ts";

export interface ValidateRepositoryOptions {
  /** Files to validate (absolute or relative to `cwd`); default: every entry of `requests/`. */
  paths?: readonly string[];
  now: Date;
  /**
   * Validate as of this calendar date (`YYYY-MM-DD`) in the office time zone instead of `now`'s date,
   * to reproduce a run of another day.
   */
  today?: string;
  policy?: ValidationPolicy;
  rules?: readonly Rule[];
  /** Base for relative `paths` (default: `root`). */
  cwd?: string;
  maxBytes?: number;
  /** Keep loaded requests in the result (default true). */
  collectRequests?: boolean;
  /** Threads for a full run (default: the idle cores); 1 = this thread only. */
  workers?: number;
  /** The worker thread's entry module (tests hand in one that fails). */
  workerEntry?: URL;
  /** Stack settings for the stack-dependent rules (tunnel origins). */
  stack?: RuleStack;
  /** The fast reader for bulk read-only work (`ValidateInput.fastYaml`); never for the gate. */
  fastYaml?: boolean;
}

const REQUESTS = REQUESTS_DIR;

function typeOf(dirent: { isSymbolicLink(): boolean; isDirectory(): boolean; isFile(): boolean }): EntryType {
  if (dirent.isSymbolicLink()) return "symlink";
  if (dirent.isDirectory()) return "directory";
  return dirent.isFile() ? "file" : "other";
}

/** Reads a regular file, refusing to read more than the cap (a huge file is reported, not loaded). */
function readCapped(absolute: string, maxBytes: number): Uint8Array | { size: number } {
  const fd = openSync(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes + 1);
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, null);
      if (n === 0) break;
      read += n;
    }
    if (read > maxBytes) return { size: Math.max(size, read) };
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function readSource(root: string, file: string, maxBytes: number): SourceFile | Diagnostic {
  try {
    const bytes = readCapped(resolve(root, file), maxBytes);
    if (bytes instanceof Uint8Array) return { path: file, bytes };
    return tooLarge(file, bytes.size, maxBytes);
  } catch (error) {
    return unreadable(file, (error as NodeJS.ErrnoException).code ?? "");
  }
}

function unreadable(file: string, code: string): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    rule: code === "ELOOP" ? "file-symlink" : "file-unreadable",
    severity: "error",
    message: {
      id: `${file} tidak dapat dibaca (${code || "galat"}). Pastikan berkas biasa yang dapat dibaca.`,
      en: `${file} cannot be read (${code || "error"}). Make sure it is a regular, readable file.`,
    },
  };
}

function readRequestsDir<T>(root: string, read: (dir: string) => T): T {
  try {
    return read(resolve(root, REQUESTS));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new DomainopsError(
        "usage",
        `folder ${REQUESTS}/ tidak ada di ${root} (no ${REQUESTS}/ folder under the root; use --root DIR)`,
      );
    }
    throw new DomainopsError(
      "io",
      `${REQUESTS}/ tidak dapat dibaca (cannot be read): ${code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Every entry with its type (one `readdir` with file types). */
function listEntries(root: string): RequestEntry[] {
  const dirents = readRequestsDir(root, (dir) => readdirSync(dir, { withFileTypes: true }));
  return dirents.map((dirent) => ({ name: dirent.name, type: typeOf(dirent) }));
}

/** Entry names only: cheaper than file types when only a few files are validated. */
function listNames(root: string): string[] {
  return readRequestsDir(root, (dir) => readdirSync(dir)).filter((name) => name !== PLACEHOLDER);
}

function kindAt(root: string, name: string): EntryKind | undefined {
  try {
    const stats = lstatSync(resolve(root, REQUESTS, name));
    return classifyEntry({ name, type: typeOf(stats) });
  } catch {
    return undefined;
  }
}

/**
 * Validates the requests under `root`. With `paths`, only those files are read, plus the few other
 * requests that cross-file rules ask for by name.
 */
export async function validateRepository(
  root: string,
  options: ValidateRepositoryOptions,
): Promise<ValidationResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const diagnostics: Diagnostic[] = [];
  let policy = options.policy;
  if (policy === undefined) {
    // Broken governance files are reported with the requests; validation goes on with what loaded.
    const loaded = await loadPolicy(root);
    policy = loaded.policy;
    diagnostics.push(...loaded.diagnostics);
  }
  const base = options.cwd ?? root;
  const requestsDir = resolve(root, REQUESTS);
  const wanted: string[] = [];
  let rejected = 0;
  const reject = (d: Diagnostic) => {
    diagnostics.push(d);
    rejected++;
  };

  // Given PATHs, as names inside requests/; `requests/` itself means every file.
  const given: string[] = [];
  let everything = options.paths === undefined || options.paths.length === 0;
  for (const path of options.paths ?? []) {
    const absolute = isAbsolute(path) ? path : resolve(base, path);
    if (absolute === requestsDir) {
      everything = true;
      continue;
    }
    const rel = relative(requestsDir, absolute);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
      throw new DomainopsError(
        "usage",
        `${path} di luar ${REQUESTS}/ (is outside ${REQUESTS}/); hanya berkas permohonan yang diperiksa (only request files are validated)`,
      );
    }
    given.push(rel.split(sep).join("/"));
  }

  let listing: string[];
  let siblings: string[];
  if (everything) {
    const selected = selectRequestEntries(listEntries(root));
    listing = selected.listing;
    siblings = selected.wanted;
    wanted.push(...selected.wanted);
    for (const d of selected.rejected) reject(d);
  } else {
    listing = listNames(root);
    // Kinds are not known here; reading refuses symlinks and folders, so a lookup of one finds nothing.
    siblings = listing.filter((name) => name.endsWith(".yaml"));
    const seen = new Set<string>();
    for (const name of given) {
      if (seen.has(name)) continue;
      seen.add(name);
      const file = `${REQUESTS}/${name}`;
      const kind = name.includes("/") ? "other" : kindAt(root, name);
      if (kind === undefined) {
        reject({
          file,
          line: 1,
          column: 1,
          rule: "file-missing",
          severity: "error",
          message: {
            id: `${file} tidak ada. Periksa ejaan nama berkas.`,
            en: `${file} does not exist. Check the spelling of the file name.`,
          },
        });
      } else if (kind === "yaml") wanted.push(name);
      else reject(entryDiagnostic(file, kind, name));
    }
  }

  const job: ValidateJob = {
    root,
    names: wanted,
    siblings,
    listing,
    policy,
    now: options.today === undefined ? options.now : instantOfLocalDate(options.today, policy.timeZone),
    // Only the files a run is asked about (a pull request's changes) fail on the calendar; a full run
    // (npm test, plan, apply, drift) must not start failing because a merged file grew older.
    dateFindings: everything ? "warning" : "error",
    maxBytes,
    collectRequests: options.collectRequests !== false,
    ...(options.stack ? { stack: options.stack } : {}),
    ...(options.fastYaml === true ? { fastYaml: true } : {}),
  };
  const parallel = options.rules
    ? { parts: [validateNames(job, options.rules)], started: 0, failed: [] }
    : await validateInParallel(job, options.workers, options.workerEntry ?? WORKER_ENTRY);
  const parts = parallel.parts;
  let files = rejected;
  const requests: LoadedRequest[] = [];
  for (const part of parts) {
    files += part.files;
    diagnostics.push(...part.diagnostics);
    for (const r of part.requests) requests.push(r);
  }
  const result = summarize(files, diagnostics, requests);
  return parallel.started > 0
    ? { ...result, workers: { started: parallel.started, failed: parallel.failed } }
    : result;
}

/**
 * The requests as they stood at a commit, read from git's object store (no checkout), through the
 * same entry rules, case choice and engine as the working tree. Runs in this thread.
 */
export function validateRepositoryAt(
  root: string,
  commit: string,
  options: { now: Date; policy: ValidationPolicy; rules?: readonly Rule[]; maxBytes?: number },
): ValidationResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const selected = selectRequestEntries(entriesOfTree(listFilesAt(root, commit, [REQUESTS])));
  const blobs = readFilesAt(
    root,
    commit,
    selected.wanted.map((name) => `${REQUESTS}/${name}`),
  );
  const job: ValidateJob = {
    root,
    names: selected.wanted,
    siblings: selected.wanted,
    listing: selected.listing,
    policy: options.policy,
    now: options.now,
    dateFindings: "warning",
    maxBytes,
    collectRequests: true,
  };
  const part = validateNames(job, options.rules, (file) => {
    const bytes = blobs.get(file);
    if (bytes === undefined) return unreadable(file, "ENOENT");
    return bytes.length > maxBytes ? tooLarge(file, bytes.length, maxBytes) : { path: file, bytes };
  });
  return summarize(
    part.files + selected.rejected.length,
    [...selected.rejected, ...part.diagnostics],
    part.requests,
  );
}

/** A share of the files to validate; plain data so it can cross to a worker thread. */
export interface ValidateJob {
  root: string;
  /** Entry names under `requests/` to validate. */
  names: readonly string[];
  /** Entry names of regular `*.yaml` files (the ones `lookup` may read). */
  siblings: readonly string[];
  /** Every entry name under `requests/`, for the cross-file rules. */
  listing: readonly string[];
  policy: ValidationPolicy;
  now: Date;
  dateFindings: DateFindings;
  maxBytes: number;
  collectRequests: boolean;
  stack?: RuleStack;
  fastYaml?: boolean;
}

/** Reads one request file (repository-relative path): its bytes, or why it cannot be read. */
type ReadRequest = (file: string) => SourceFile | Diagnostic;

/** Reads and validates the files of one job (in this thread); the working tree unless `read` says. */
export function validateNames(
  job: ValidateJob,
  rules?: readonly Rule[],
  read: ReadRequest = (file) => readSource(job.root, file, job.maxBytes),
): ValidationResult {
  const yamlByStem = chooseRequestFiles(job.siblings);
  const diagnostics: Diagnostic[] = [];
  const targets: SourceFile[] = [];
  for (const name of job.names) {
    const source = read(`${REQUESTS}/${name}`);
    if ("bytes" in source) targets.push(source);
    else diagnostics.push(source);
  }
  const result = validateSources({
    targets,
    siblings: job.listing,
    lookup: (name) => {
      const file = yamlByStem.get(name);
      if (file === undefined) return undefined;
      const source = read(`${REQUESTS}/${file}`);
      return "bytes" in source ? source : undefined;
    },
    policy: job.policy,
    now: job.now,
    dateFindings: job.dateFindings,
    ...(rules ? { rules } : {}),
    maxBytes: job.maxBytes,
    collectRequests: job.collectRequests,
    ...(job.stack ? { stack: job.stack } : {}),
    ...(job.fastYaml === true ? { fastYaml: true } : {}),
  });
  for (const d of result.diagnostics) diagnostics.push(d);
  return { ...result, files: job.names.length, diagnostics };
}

/**
 * Threads worth starting: the cores idle right now, sampled over a short window. On a busy machine a
 * second thread only competes for the same core (measured on 2 cores: 1.8 x the floor at load 4
 * against 1.2 x for one thread; 0.7 x on an idle machine). The load average lags by a minute, so it
 * would still count the previous job; a sample does not.
 */
async function idleCores(windowMs = 100): Promise<number> {
  const before = cpus();
  await new Promise((done) => setTimeout(done, windowMs));
  const after = cpus();
  let idle = 0;
  after.forEach((cpu, i) => {
    const prev = before[i];
    if (!prev) return;
    const total =
      Object.values(cpu.times).reduce((a, b) => a + b, 0) -
      Object.values(prev.times).reduce((a, b) => a + b, 0);
    if (total > 0) idle += (cpu.times.idle - prev.times.idle) / total;
  });
  return Math.max(1, Math.min(availableParallelism(), Math.round(idle)));
}

/** Below this many files a worker thread costs more to start than it saves. */
const PARALLEL_THRESHOLD = 2000;

/**
 * Full validation is YAML parsing bound; this thread and `workers - 1` worker threads each take a
 * contiguous share (contiguous keeps a nested name near its parent, which is then usually cached).
 */
// Compiled into `dist/` the worker is a `.js` file beside this one (the import rewriting of the build
// does not reach a URL).
const WORKER_ENTRY = new URL(
  import.meta.url.endsWith(".ts") ? "./validate-worker.ts" : "./validate-worker.js",
  import.meta.url,
);

interface ParallelRun {
  parts: ValidationResult[];
  started: number;
  /** Why each failed worker failed; its share was redone on this thread. */
  failed: string[];
}

async function validateInParallel(
  job: ValidateJob,
  workers: number | undefined,
  entry: URL,
): Promise<ParallelRun> {
  const alone = (): ParallelRun => ({ parts: [validateNames(job)], started: 0, failed: [] });
  if (job.names.length < PARALLEL_THRESHOLD || workers === 1) return alone();
  const threads = workers ?? (await idleCores());
  const count = Math.max(1, Math.min(threads, Math.ceil(job.names.length / (PARALLEL_THRESHOLD / 2))));
  if (count === 1) return alone();
  const size = Math.ceil(job.names.length / count);
  const shares = Array.from({ length: count }, (_, i) => job.names.slice(i * size, (i + 1) * size));
  const failed: string[] = [];
  // A worker that cannot start or dies hands its share back to this thread: slower, same findings,
  // and the failure is counted so the caller can say so.
  const pending = shares.slice(1).map((names) =>
    runWorker({ ...job, names }, entry).catch((error: unknown) => {
      failed.push(error instanceof Error ? error.message : String(error));
      return validateNames({ ...job, names });
    }),
  );
  const own = validateNames({ ...job, names: shares[0] ?? [] });
  const parts = [own, ...(await Promise.all(pending))];
  return { parts, started: pending.length, failed };
}

function runWorker(job: ValidateJob, entry: URL): Promise<ValidationResult> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(entry, { workerData: job });
    let settled = false;
    worker.once("message", (result: ValidationResult) => {
      settled = true;
      resolvePromise(result);
    });
    worker.once("error", (error) => {
      settled = true;
      reject(
        new DomainopsError(
          "internal",
          `validasi paralel gagal (parallel validation failed): ${error.message}`,
          { cause: error },
        ),
      );
    });
    worker.once("exit", (code) => {
      if (!settled)
        reject(new DomainopsError("internal", `worker validasi berhenti (validation worker exited) ${code}`));
    });
  });
}

/**
 * Validates request files held in memory as if they were in `root`'s `requests/` (a file of the
 * same name on disk is hidden by the one given), against the office's governance and its other
 * requests, which the cross-file rules read from disk. Returns the listing it judged against.
 */
export async function validateOverlay(
  root: string,
  files: readonly SourceFile[],
  options: { now: Date; stack?: RuleStack; maxBytes?: number },
): Promise<ValidationResult & { listing: string[] }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const loaded = await loadPolicy(root);
  const onDisk = listNames(root);
  const given = new Map(files.map((file) => [file.path, file]));
  const names = files.map((file) => file.path.slice(REQUESTS.length + 1));
  const listing = [...new Set([...onDisk, ...names])];
  const job: ValidateJob = {
    root,
    names,
    siblings: listing.filter((name) => name.endsWith(".yaml")),
    listing,
    policy: loaded.policy,
    now: options.now,
    dateFindings: "error",
    maxBytes,
    collectRequests: false,
    ...(options.stack ? { stack: options.stack } : {}),
  };
  const result = validateNames(job, undefined, (file) => given.get(file) ?? readSource(root, file, maxBytes));
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  return { ...summarize(result.files, diagnostics, result.requests), listing: onDisk };
}
