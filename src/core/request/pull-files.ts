/**
 * What a pull request does to request files, from GitHub's file list: which request files it leaves
 * in place and which it takes away (told to the applicant after the merge), and which working-tree
 * files become the pull request's version in the zone preview. Pure; the CLI fetches the list.
 */
import type { PullFile } from "../approvals/pull.ts";

/** One flat file name in requests/: no folders, no dot files, so no path can leave the folder. */
const REQUEST_ENTRY = /^requests\/[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

export interface Overlay {
  write: string[];
  remove: string[];
  /** Changed paths under requests/ that cannot be laid over (nested, odd names). */
  skipped: string[];
}

/** Which working-tree files become the pull request's version; pure. */
export function planOverlay(files: readonly PullFile[]): Overlay {
  const write = new Set<string>();
  const remove = new Set<string>();
  const skipped = new Set<string>();
  const take = (file: string, into: Set<string>) => {
    if (REQUEST_ENTRY.test(file)) into.add(file);
    else if (file.startsWith("requests/")) skipped.add(file);
  };
  for (const file of files) {
    if (file.status === "renamed" && file.previous_filename) take(file.previous_filename, remove);
    take(file.filename, file.status === "removed" ? remove : write);
  }
  for (const file of write) remove.delete(file);
  return { write: [...write].sort(), remove: [...remove].sort(), skipped: [...skipped].sort() };
}

const REQUEST_FILE = /^requests\/([^/]+)\.yaml$/;

/** Request files a pull request left in place (added/changed) and the ones it took away. */
export function classifyPullFiles(files: readonly PullFile[]): { touched: string[]; removed: string[] } {
  const touched = new Set<string>();
  const removed = new Set<string>();
  for (const file of files) {
    if (file.status === "renamed" && file.previous_filename && REQUEST_FILE.test(file.previous_filename)) {
      removed.add(file.previous_filename);
    }
    if (!REQUEST_FILE.test(file.filename)) continue;
    if (file.status === "removed") removed.add(file.filename);
    else touched.add(file.filename);
  }
  // A file removed and added again (e.g. a rename back) is live, not gone.
  for (const path of touched) removed.delete(path);
  return { touched: [...touched].sort(), removed: [...removed].sort() };
}

/** `requests/<name>.yaml` → `<name>`, as written; any other path is returned as it is. */
export function subdomainOfRequestFile(path: string): string {
  return REQUEST_FILE.exec(path)?.[1] ?? path;
}
