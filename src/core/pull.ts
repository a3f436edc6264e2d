/**
 * The parts of GitHub's REST shapes the approval decision reads (GET /repos/{o}/{r}/pulls/{n},
 * .../reviews, .../files). Raw API JSON is checked against these at the boundary
 * (`checkPull`, `checkReviews`, `checkFiles` below) before the core sees it.
 */

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
  head: { sha: string };
  base: { sha: string; ref: string };
  draft?: boolean;
  requested_reviewers: GitHubUser[];
  /** Files the pull request changes, counted by GitHub even when the file list is truncated. */
  changed_files?: number;
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

/**
 * What the base branch says about an existing request file: its technical admin's GitHub login,
 * `null` when the file does not exist on the base branch. A path absent from the map was not read.
 */
export type BaseRequests = Record<string, { pengelola_github: string | null } | null>;

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
      head: { sha: head.sha },
      base: { sha: base.sha, ref: base.ref },
      draft: json.draft === true,
      requested_reviewers: requested.map(toUser).filter((u): u is GitHubUser => u !== null),
      ...(typeof json.changed_files === "number" ? { changed_files: json.changed_files } : {}),
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
