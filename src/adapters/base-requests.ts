/**
 * Base-branch versions of request files from a local checkout (offline counterpart of
 * `GitHubAdapter.fetchBaseRequests`): who is the technical admin of each existing request and of each
 * parent name of a new one, and which Pages project each names.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { BaseRequests, PullFile } from "../core/approvals/pull.ts";
import { baseRequestOf, baseRequestPaths } from "../core/approvals/pull.ts";
import { DomainopsError } from "../core/errors.ts";
import { parseYamlSafe } from "../core/request/parse.ts";

export async function readBaseRequests(baseDir: string, files: PullFile[]): Promise<BaseRequests> {
  const result: BaseRequests = {};
  const isDir = await stat(baseDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new DomainopsError("usage", `--base ${baseDir}: bukan folder (not a directory)`);
  for (const path of baseRequestPaths(files)) {
    let text: string;
    try {
      text = await readFile(join(baseDir, path), "utf8");
    } catch (error) {
      // A modified, renamed or removed file must exist on the base branch. Missing or unreadable:
      // left out, so the permission check reports it instead of treating it as new. A parent name
      // without a file is an answer: there is no parent request.
      const changed = files.some((f) => (f.previous_filename ?? f.filename) === path);
      if (!changed && (error as NodeJS.ErrnoException).code === "ENOENT") result[path] = null;
      continue;
    }
    const parsed = parseYamlSafe(path, text);
    result[path] = baseRequestOf(parsed.diagnostics.length === 0 ? parsed.data : undefined);
  }
  return result;
}
