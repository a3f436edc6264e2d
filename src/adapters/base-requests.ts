/**
 * Base-branch versions of request files from a local checkout (offline counterpart of
 * `GitHubAdapter.fetchBaseRequests`): who is the technical admin of each existing request.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { DomainopsError } from "../core/errors.ts";
import { parseYamlSafe } from "../core/parse.ts";
import { isRequestPath } from "../core/permissions.ts";
import type { BaseRequests, PullFile } from "../core/pull.ts";
import { pengelolaGithubOf } from "../core/pull.ts";

export async function readBaseRequests(baseDir: string, files: PullFile[]): Promise<BaseRequests> {
  const result: BaseRequests = {};
  const isDir = await stat(baseDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new DomainopsError("usage", `--base ${baseDir}: bukan folder (not a directory)`);
  for (const file of files) {
    if (file.status === "added") continue;
    const path = file.previous_filename ?? file.filename;
    if (!isRequestPath(path) || path in result) continue;
    let text: string;
    try {
      text = await readFile(join(baseDir, path), "utf8");
    } catch {
      // A modified, renamed or removed file must exist on the base branch. Missing or unreadable:
      // left out, so the permission check reports it instead of treating it as new.
      continue;
    }
    const parsed = parseYamlSafe(path, text);
    result[path] = {
      pengelola_github: parsed.diagnostics.length === 0 ? pengelolaGithubOf(parsed.data) : null,
    };
  }
  return result;
}
