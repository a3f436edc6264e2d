/**
 * The parts of GitHub's REST shapes the approval decision reads (GET /repos/{o}/{r}/pulls/{n},
 * .../reviews, .../files). Raw API JSON is checked against these at the boundary
 * (`checkPull`, `checkReviews`, `checkFiles` below) before the core sees it.
 */

import type { Message } from "../types.ts";
import { isRequestPath } from "./permissions.ts";

export interface GitHubUser {
  id: number;
  login: string;
  type?: string;
}

export interface PullRequest {
  number: number;
  state: string;
  user: GitHubUser;
  created_at: string;
  merged_at: string | null;
  merge_commit_sha?: string | null;
  /** `ref`: the branch name, when GitHub gave it (an intake branch is `permohonan/<issue>`). */
  head: { sha: string; ref?: string };
  base: { sha: string; ref: string };
  draft?: boolean;
  requested_reviewers: GitHubUser[];
  /** The real number of changed files; the files API stops listing at 3,000. */
  changed_files?: number;
  /** The real number of commits; the commits API stops listing at 250. */
  commits?: number;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface Review {
  id: number;
  user: GitHubUser | null;
  state: ReviewState | string;
  commit_id: string | null;
  submitted_at?: string | null;
}

export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface PullFile {
  filename: string;
  status: FileStatus | string;
  previous_filename?: string;
}

/** What the base branch says about one request file. */
export interface BaseRequest {
  /** Its technical admin's GitHub login; null when the file is broken or names none. */
  pengelola_github: string | null;
  /** Its explicit `hosting.project` (lowercase), null when it names none; absent when not read. */
  project?: string | null;
  /** Whether it carries the `impor` marker of `domainops import`; absent when not read. */
  impor?: boolean;
}

/**
 * What the base branch says about request files: the files the pull request changes and the parent
 * names of the ones it adds. `null` when the file does not exist on the base branch; a path absent
 * from the map was not read, and the decision treats it as unknown (it refuses).
 */
export type BaseRequests = Record<string, BaseRequest | null>;

/**
 * The explicit `hosting.project` (lowercase, null when none) and the `impor` marker of each request
 * file at the pull request's head; `null` when the file is not there. A path absent from the map was not read.
 */
export type HeadRequests = Record<string, { project: string | null; impor: boolean } | null>;

/** Result of checking raw JSON at the boundary: the value, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toUser(value: unknown): GitHubUser | null {
  if (!isRecord(value) || typeof value.id !== "number" || typeof value.login !== "string") return null;
  return {
    id: value.id,
    login: value.login,
    ...(typeof value.type === "string" ? { type: value.type } : {}),
  };
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** GET /repos/{o}/{r}/pulls/{n} (or one element of .../commits/{sha}/pulls). */
export function checkPull(json: unknown): Checked<PullRequest> {
  if (!isRecord(json)) return { ok: false, error: "not a pull request object" };
  const user = toUser(json.user);
  const head = json.head;
  const base = json.base;
  if (typeof json.number !== "number") return { ok: false, error: "missing number" };
  if (!user) return { ok: false, error: "missing user.id / user.login" };
  if (!isRecord(head) || typeof head.sha !== "string") return { ok: false, error: "missing head.sha" };
  if (!isRecord(base) || typeof base.sha !== "string" || typeof base.ref !== "string")
    return { ok: false, error: "missing base.sha / base.ref" };
  if (typeof json.created_at !== "string" || Number.isNaN(Date.parse(json.created_at)))
    return { ok: false, error: "missing created_at" };
  const merged = typeof json.merged_at === "string" ? json.merged_at : null;
  const requested = Array.isArray(json.requested_reviewers) ? json.requested_reviewers : [];
  return {
    ok: true,
    value: {
      number: json.number,
      state: typeof json.state === "string" ? json.state : "open",
      user,
      created_at: json.created_at,
      merged_at: merged,
      merge_commit_sha: typeof json.merge_commit_sha === "string" ? json.merge_commit_sha : null,
      head: typeof head.ref === "string" ? { sha: head.sha, ref: head.ref } : { sha: head.sha },
      base: { sha: base.sha, ref: base.ref },
      draft: json.draft === true,
      requested_reviewers: requested.map(toUser).filter((u): u is GitHubUser => u !== null),
      ...(count(json.changed_files) !== undefined ? { changed_files: count(json.changed_files) } : {}),
      ...(count(json.commits) !== undefined ? { commits: count(json.commits) } : {}),
    },
  };
}

/** GET /repos/{o}/{r}/pulls/{n}/reviews. */
export function checkReviews(json: unknown): Checked<Review[]> {
  if (!Array.isArray(json)) return { ok: false, error: "not a list of reviews" };
  const reviews: Review[] = [];
  for (const [i, item] of json.entries()) {
    if (!isRecord(item) || typeof item.id !== "number" || typeof item.state !== "string")
      return { ok: false, error: `review [${i}] lacks id / state` };
    reviews.push({
      id: item.id,
      user: toUser(item.user),
      state: item.state,
      commit_id: typeof item.commit_id === "string" ? item.commit_id : null,
      submitted_at: typeof item.submitted_at === "string" ? item.submitted_at : null,
    });
  }
  return { ok: true, value: reviews };
}

/** GET /repos/{o}/{r}/pulls/{n}/files. */
export function checkFiles(json: unknown): Checked<PullFile[]> {
  if (!Array.isArray(json)) return { ok: false, error: "not a list of files" };
  const files: PullFile[] = [];
  for (const [i, item] of json.entries()) {
    if (!isRecord(item) || typeof item.filename !== "string" || typeof item.status !== "string")
      return { ok: false, error: `file [${i}] lacks filename / status` };
    files.push({
      filename: item.filename,
      status: item.status,
      ...(typeof item.previous_filename === "string" ? { previous_filename: item.previous_filename } : {}),
    });
  }
  return { ok: true, value: files };
}

/** The technical admin's login in a request document (base-branch version), if it has one. */
export function pengelolaGithubOf(data: unknown): string | null {
  if (!isRecord(data) || !isRecord(data.pengelola_teknis)) return null;
  const login = data.pengelola_teknis.github;
  return typeof login === "string" && login.trim() !== "" ? login.trim().replace(/^@/, "") : null;
}

/** One commit of GET /repos/{o}/{r}/pulls/{n}/commits: who wrote and who pushed it, by GitHub login. */
export interface PullCommit {
  sha: string;
  /** GitHub accounts linked to the commit's author and committer e-mail; null when unlinked. */
  author: string | null;
  committer: string | null;
}

/** GET /repos/{o}/{r}/pulls/{n}/commits. */
export function checkCommits(json: unknown): Checked<PullCommit[]> {
  if (!Array.isArray(json)) return { ok: false, error: "not a list of commits" };
  const commits: PullCommit[] = [];
  for (const [i, item] of json.entries()) {
    if (!isRecord(item) || typeof item.sha !== "string")
      return { ok: false, error: `commit [${i}] lacks sha` };
    const login = (user: unknown): string | null =>
      isRecord(user) && typeof user.login === "string" ? user.login : null;
    commits.push({ sha: item.sha, author: login(item.author), committer: login(item.committer) });
  }
  return { ok: true, value: commits };
}

/**
 * Whether the listed files are all the files of the pull request. GitHub's files API stops at 3,000
 * entries while `changed_files` keeps the real count: a decision on a cut list could miss a change
 * outside requests/, so a short (or inconsistent) list fails closed. Null when the list is whole.
 */
export function checkFileListComplete(pull: PullRequest, files: readonly PullFile[]): Message | null {
  if (pull.changed_files === undefined) {
    return {
      id: `PR #${pull.number}: jumlah berkas (changed_files) tidak diketahui, daftar berkas tidak dapat dipastikan lengkap.`,
      en: `PR #${pull.number}: the number of changed files (changed_files) is unknown, so the file list cannot be shown to be complete.`,
    };
  }
  if (pull.changed_files === files.length) return null;
  return {
    id: `PR #${pull.number} mengubah ${pull.changed_files} berkas tetapi daftar berkas GitHub memuat ${files.length} (GitHub berhenti di 3.000): bagi menjadi PR yang lebih kecil.`,
    en: `PR #${pull.number} changes ${pull.changed_files} files but GitHub's file list holds ${files.length} (GitHub stops at 3,000): split it into smaller pull requests.`,
  };
}

/**
 * Whether the listed commits are all the commits of the pull request (the API lists at most 250):
 * who pushed to it decides who may approve it, so a cut list fails closed. Null when whole.
 */
export function checkCommitListComplete(pull: PullRequest, commits: readonly PullCommit[]): Message | null {
  if (pull.commits !== undefined && pull.commits === commits.length) return null;
  return {
    id: `PR #${pull.number}: daftar commit tidak lengkap (${commits.length} dari ${pull.commits ?? "?"}; GitHub berhenti di 250): gabungkan (squash) commit atau bagi PR.`,
    en: `PR #${pull.number}: the commit list is incomplete (${commits.length} of ${pull.commits ?? "?"}; GitHub stops at 250): squash the commits or split the pull request.`,
  };
}

/** The explicit Pages project in a request document, lowercase, if it names one. */
export function projectOf(data: unknown): string | null {
  if (!isRecord(data) || !isRecord(data.hosting)) return null;
  const project = data.hosting.project;
  return typeof project === "string" && project.trim() !== "" ? project.trim().toLowerCase() : null;
}

/** Whether a request document carries the `impor` marker (any value: the schema judges its shape). */
export function imporOf(data: unknown): boolean {
  return isRecord(data) && data.impor !== undefined && data.impor !== null;
}

/** What a base-branch request file says, from its safely parsed YAML (undefined: it did not parse). */
export function baseRequestOf(data: unknown): BaseRequest {
  // A broken file has no owner, an unknown project and an unknown marker (left out: they match nothing).
  if (data === undefined) return { pengelola_github: null };
  return { pengelola_github: pengelolaGithubOf(data), project: projectOf(data), impor: imporOf(data) };
}

/** `requests/a.b.yaml` → `a.b` (lowercase); null for anything else. */
export function requestNameOf(path: string): string | null {
  const match = /^requests\/([^/]+)\.yaml$/.exec(path);
  return match ? (match[1] as string).toLowerCase() : null;
}

/**
 * The base-branch paths a decision on `files` reads: each changed file's own path (its old path for
 * a rename) and, for each name the pull request adds, the request file of every ancestor name.
 */
export function baseRequestPaths(files: readonly PullFile[]): string[] {
  const paths = new Set<string>();
  for (const file of files) {
    if (file.status !== "added") paths.add(file.previous_filename ?? file.filename);
    if (file.status === "modified" || file.status === "removed") continue;
    const name = requestNameOf(file.filename);
    for (let dot = name?.indexOf(".") ?? -1; name && dot !== -1; dot = name.indexOf(".", dot + 1))
      paths.add(`requests/${name.slice(dot + 1)}.yaml`);
  }
  return [...paths].filter(isRequestPath);
}
