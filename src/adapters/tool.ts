/**
 * The one place external programs are started from. A program missing from PATH becomes a
 * bilingual `DomainopsError("tool")` naming it and the Debian/Ubuntu package that provides it,
 * instead of Node's bare `spawnSync git ENOENT` (or a caller reading the absent output as
 * `undefined`).
 */
import {
  type ExecFileOptions,
  type ExecFileSyncOptions,
  execFile,
  execFileSync,
  type SpawnSyncOptionsWithStringEncoding,
  type SpawnSyncReturns,
  spawnSync,
} from "node:child_process";
import { DomainopsError } from "../core/errors.ts";

/** The Debian/Ubuntu package of each program the project runs (`apt-get install <package>`). */
export const TOOL_PACKAGES: Readonly<Record<string, string>> = {
  git: "git",
  jq: "jq",
  "named-checkzone": "bind9-utils",
  "named-compilezone": "bind9-utils",
};

/** The error for a program that is not on PATH. */
export function missingToolError(tool: string, cause?: unknown): DomainopsError {
  const pkg = TOOL_PACKAGES[tool];
  const install =
    pkg === undefined
      ? "pasang dulu (install it first)"
      : `pasang paket ${pkg}: sudo apt-get install ${pkg} (install the Debian/Ubuntu package ${pkg})`;
  return new DomainopsError(
    "tool",
    `program "${tool}" tidak ditemukan di PATH (not found on PATH); ${install}`,
    cause === undefined ? {} : { cause },
  );
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "ENOENT";
}

/**
 * `execFileSync`: the program's standard output; a non-zero exit throws Node's error as usual (with
 * `status` and `stderr`), a missing program throws `missingToolError`.
 */
export function runTool(
  tool: string,
  args: readonly string[],
  options: Omit<ExecFileSyncOptions, "encoding"> = {},
): Buffer {
  try {
    // Without `encoding` the output is a Buffer (an `encoding` would also apply to a string `input`).
    return execFileSync(tool, args, options) as Buffer;
  } catch (error) {
    if (isNotFound(error)) throw missingToolError(tool, error);
    throw error;
  }
}

/**
 * `execFile`, for a program that may run beside this thread's own work: its standard output; a
 * non-zero exit rejects with Node's error (with `code` and `stderr`), a missing program with
 * `missingToolError`.
 */
export function runToolAsync(
  tool: string,
  args: readonly string[],
  options: Omit<ExecFileOptions, "encoding"> = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { ...options, encoding: "buffer" }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else if (isNotFound(error)) reject(missingToolError(tool, error));
      else reject(Object.assign(error, { stderr }));
    });
  });
}

/** `spawnSync` with text output: status and output as they are, a missing program throws. */
export function spawnTool(
  tool: string,
  args: readonly string[],
  options: Omit<SpawnSyncOptionsWithStringEncoding, "encoding"> = {},
): SpawnSyncReturns<string> {
  const result = spawnSync(tool, args, { ...options, encoding: "utf8" });
  if (isNotFound(result.error)) throw missingToolError(tool, result.error);
  return result;
}
