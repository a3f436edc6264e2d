/**
 * The pull request's own versions of the request files it changes, read as data (never run): which
 * Pages project each names and whether it carries the `impor` marker. Online through the contents API
 * at the head commit, offline from the checkout of the pull request.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isRequestPath } from "../core/approvals/permissions.ts";
import type { HeadRequests, PullFile } from "../core/approvals/pull.ts";
import { imporOf, projectOf } from "../core/approvals/pull.ts";
import { parseYamlSafe } from "../core/request/parse.ts";

/** `read` gives a file's bytes, or null when the file is not there. */
export async function readHeadRequests(
  files: readonly PullFile[],
  read: (path: string) => Promise<Uint8Array | null>,
): Promise<HeadRequests> {
  const result: HeadRequests = {};
  for (const file of files) {
    const path = file.filename;
    if (file.status === "removed" || !isRequestPath(path) || path in result) continue;
    const bytes = await read(path);
    if (bytes === null) {
      result[path] = null;
      continue;
    }
    const parsed = parseYamlSafe(path, bytes);
    // A file that does not parse is left out: its project is unknown, and the decision refuses.
    if (parsed.diagnostics.length === 0) {
      result[path] = { project: projectOf(parsed.data), impor: imporOf(parsed.data) };
    }
  }
  return result;
}

/** Reader for a local checkout: a missing file is null, any other failure propagates. */
export function readFromDir(dir: string): (path: string) => Promise<Uint8Array | null> {
  return (path) =>
    readFile(join(dir, path)).then(
      (bytes) => new Uint8Array(bytes),
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return null;
        throw error;
      },
    );
}
