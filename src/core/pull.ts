/**
 * The parts of GitHub's REST shapes the approval decision reads (GET /repos/{o}/{r}/pulls/{n},
 * .../reviews, .../files). Raw API JSON is checked against these at the boundary
 * (`src/adapters/github-shapes.ts`) before the core sees it.
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
