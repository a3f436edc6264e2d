/**
 * Files of another commit, read straight from the object store: `git ls-tree` lists them and one
 * `git cat-file --batch` process reads them all. No checkout, no worktree: the working tree and
 * index of whoever runs `domainops diff` are never touched.
 */
import { realpathSync } from "node:fs";
import { DomainopsError } from "../core/errors.ts";
import type { KnownArrivals } from "../core/site/arrivals.ts";
import { runTool, runToolAsync } from "./tool.ts";

const MAX_BUFFER = 1024 * 1024 * 1024;

/** A missing git is said as such, not taken for the answer "no such ref" or "not an ancestor". */
function rethrowMissingGit(error: unknown): void {
  if (error instanceof DomainopsError && error.code === "tool") throw error;
}

/** A failed git run as a DomainopsError with the subcommand and git's own words; a missing git as such. */
function gitFailure(args: readonly string[], error: unknown): never {
  rethrowMissingGit(error);
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  throw new DomainopsError("git", `git ${args[0]}: ${stderr || (error as Error).message}`, { cause: error });
}

function git(root: string, args: readonly string[], input?: string): Buffer {
  try {
    return runTool("git", ["-C", root, ...args], {
      ...(input === undefined ? {} : { input }),
      maxBuffer: MAX_BUFFER,
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (error) {
    gitFailure(args, error);
  }
}

/** Checks that `ref` names a commit; returns its full id. */
export function resolveCommit(root: string, ref: string): string {
  if (ref.startsWith("-")) throw new DomainopsError("usage", `ref git tidak sah (invalid git ref): ${ref}`);
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])
      .toString()
      .trim();
  } catch (error) {
    rethrowMissingGit(error);
    throw new DomainopsError(
      "git",
      `ref "${ref}" tidak ditemukan di repositori git (not found in the git repository); ` +
        "di GitHub Actions ambil riwayatnya dulu (in GitHub Actions fetch it first: fetch-depth: 0)",
    );
  }
}

/**
 * Blob paths at `commit` under the given folders/files, relative to `root` (which may be a
 * subfolder of the repository), with forward slashes.
 */
export function listFilesAt(root: string, commit: string, paths: readonly string[]): string[] {
  // ls-tree resolves pathspecs against the current directory and prints paths relative to it.
  const out = git(root, ["ls-tree", "-r", "-z", "--name-only", commit, "--", ...paths]).toString();
  return out.split("\0").filter((name) => name !== "");
}

/** Reads the blobs `<commit>:<path>` (paths relative to `root`); absent ones are left out. */
export function readFilesAt(root: string, commit: string, paths: readonly string[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  if (paths.length === 0) return files;
  const prefix = git(root, ["rev-parse", "--show-prefix"]).toString().trim();
  // One object name per line: a path with a newline cannot be asked for (git ls-tree -z could list it);
  // request files are plain `name.yaml`, so such a path is simply skipped.
  const wanted = paths.filter((path) => !/[\r\n]/.test(path));
  const input = wanted.map((path) => `${commit}:${prefix}${path}\n`).join("");
  const out = git(root, ["cat-file", "--batch"], input);
  let offset = 0;
  for (const path of wanted) {
    const newline = out.indexOf(0x0a, offset);
    if (newline === -1) break;
    const header = out.subarray(offset, newline).toString();
    offset = newline + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) continue; // "<name> missing" or "ambiguous"
    const size = Number(match[2]);
    if (match[1] === "blob") files.set(path, new Uint8Array(out.subarray(offset, offset + size)));
    offset += size + 1;
  }
  return files;
}

/**
 * The first-parent commits after `since` up to and including `until`, oldest first: the commits a
 * deployment from `since` to `until` brings in. Refuses when `since` is not an ancestor of `until`
 * (history rewritten by a force push), since nothing in between could then be vouched for.
 */
export function firstParentRange(root: string, since: string, until: string): string[] {
  try {
    runTool("git", ["-C", root, "merge-base", "--is-ancestor", since, until], { stdio: "ignore" });
  } catch (error) {
    rethrowMissingGit(error);
    throw new DomainopsError(
      "git",
      `commit ${since.slice(0, 7)} bukan leluhur ${until.slice(0, 7)}: riwayat ditulis ulang (force push)? ` +
        `(${since.slice(0, 7)} is not an ancestor of ${until.slice(0, 7)}: history rewritten?)`,
    );
  }
  return git(root, ["rev-list", "--first-parent", "--reverse", `${since}..${until}`])
    .toString()
    .split("\n")
    .filter((line) => /^[0-9a-f]{40}$/.test(line));
}

/** The first parent of a commit, or null for a root commit. */
export function firstParentOf(root: string, commit: string): string | null {
  const out = git(root, ["rev-list", "--parents", "-n", "1", commit]).toString().trim().split(" ");
  return out[1] ?? null;
}

/** What `additionsOnFirstParent` found: the dates as of `commit`, or why the history cannot give them. */
export type Additions = { dates: Map<string, string>; commit: string } | { skipped: "not-top" | "shallow" };

/** `git` in its own process, beside this thread's work. */
async function gitAsync(root: string, args: readonly string[]): Promise<string> {
  try {
    return (await runToolAsync("git", ["-C", root, ...args], { maxBuffer: MAX_BUFFER })).toString();
  } catch (error) {
    gitFailure(args, error);
  }
}

/**
 * When each file under `dir` last arrived on the branch checked out at `root`: path (as git prints
 * it, from the top of the work tree) → ISO time of the newest first-parent commit that added it (a
 * merged pull request's merge or squash commit; a rename adds the new name). With `known` dates of an
 * earlier commit on the same first-parent line, only the commits since are read (a rewritten history
 * reads everything again). Skipped when `root` is not the top of a git work tree, or when the history
 * is shallow (a CI checkout of depth 1 would date every file to its last commit). Throws when git is
 * missing or cannot read the history.
 */
export async function additionsOnFirstParent(
  root: string,
  dir: string,
  known?: KnownArrivals,
): Promise<Additions> {
  let probe: string[];
  try {
    probe = git(root, ["rev-parse", "--show-toplevel", "--is-shallow-repository"]).toString().split("\n");
  } catch (error) {
    rethrowMissingGit(error);
    return { skipped: "not-top" }; // not inside a git work tree
  }
  const [top = "", shallow = ""] = probe;
  if (realpathSync(top) !== realpathSync(root)) return { skipped: "not-top" };
  if (shallow.trim() !== "false") return { skipped: "shallow" };
  const commit = (await gitAsync(root, ["rev-parse", "--verify", "HEAD^{commit}"])).trim();
  let range = "HEAD";
  const dates = new Map<string, string>();
  if (known !== undefined && /^[0-9a-f]{40}$/.test(known.commit)) {
    if (known.commit === commit) return { dates: new Map(known.dates), commit };
    const ancestor = await runToolAsync("git", [
      "-C",
      root,
      "merge-base",
      "--is-ancestor",
      known.commit,
      commit,
    ])
      .then(() => true)
      .catch(() => false);
    if (ancestor) {
      range = `${known.commit}..${commit}`;
      for (const [path, date] of known.dates) dates.set(path, date);
    }
  }
  // Its own process, so it runs on another core while the caller validates. It diffs every
  // first-parent commit against its parent, which costs in proportion to the folder's size.
  const out = await gitAsync(root, [
    "log",
    "--first-parent",
    "--diff-merges=first-parent",
    "--no-renames",
    "--diff-filter=A",
    "--name-only",
    "-z",
    "--format=%x00date:%cI",
    range,
    "--",
    `${dir}/`,
  ]);
  const seen = new Set<string>();
  let date: string | undefined;
  for (const token of out.split("\0")) {
    if (token.startsWith("date:")) date = token.slice(5);
    else {
      const path = token.replace(/^\n/, "");
      // Newest first: the first date seen for a path is its latest arrival, newer than any known one.
      if (path !== "" && date !== undefined && !seen.has(path)) {
        seen.add(path);
        dates.set(path, date);
      }
    }
  }
  return { dates, commit };
}
