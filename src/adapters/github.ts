/**
 * GitHub behind one small interface: reads of the pull request, its reviews and files, the base
 * version of request files (as data, through the contents API — never a checkout), the commit status
 * `domainops/sop`, one sticky comment and review requests. Translation only; decisions live in
 * `src/core/approvals/decide.ts`. Octokit's retry and throttling plugins are on; tests inject `fetch`.
 */

import { Octokit } from "octokit";
import type {
  BaseRequests,
  GitHubUser,
  PullCommit,
  PullFile,
  PullRequest,
  Review,
} from "../core/approvals/pull.ts";
import {
  baseRequestOf,
  baseRequestPaths,
  checkCommits,
  checkFiles,
  checkPull,
  checkReviews,
} from "../core/approvals/pull.ts";
import { COMMENT_MARKER } from "../core/approvals/render.ts";
import { DomainopsError } from "../core/errors.ts";
import { visibleControls } from "../core/escape.ts";
import type { GitHubKeys } from "../core/hosting/github-keys.ts";
import { collectGitHubKeys, isGitHubLogin } from "../core/hosting/github-keys.ts";
import type { SavedPull } from "../core/reports/pulls-file.ts";
import { parseSavedPulls, SAVED_PULLS_MAX } from "../core/reports/pulls-file.ts";
import { parseYamlSafe } from "../core/request/parse.ts";

export const STATUS_CONTEXT = "domainops/sop";
/** Who writes comments with the workflow's GITHUB_TOKEN, which cannot read GET /user. */
export const ACTIONS_BOT_LOGIN = "github-actions[bot]";

export interface GitHubOptions {
  token: string;
  owner: string;
  repo: string;
  fetch?: typeof fetch;
  baseUrl?: string;
  /** Retries of failed requests (5xx, network); tests set 0. */
  retries?: number;
  /**
   * Octokit's pacing of writes (about one a second, as GitHub asks against secondary rate limits);
   * default on. Only a test against a fake server turns it off.
   */
  pacing?: boolean;
  /** Login the sticky comment is written by, when the token cannot tell (GitHub App tokens). */
  botLogin?: string;
}

export type CommitState = "success" | "pending" | "failure" | "error";

export interface GitHubAdapter {
  fetchPull(number: number): Promise<PullRequest>;
  fetchReviews(number: number): Promise<Review[]>;
  fetchFiles(number: number): Promise<PullFile[]>;
  fetchBaseRequests(files: PullFile[], baseSha: string): Promise<BaseRequests>;
  /**
   * Bytes of a regular file at a commit, read as data through the contents API; null when it is
   * absent, not a regular file (symlink, submodule, folder) or too large for the API to inline.
   */
  fetchFileAt(path: string, ref: string): Promise<Uint8Array | null>;
  postStatus(sha: string, state: CommitState, description: string, targetUrl?: string): Promise<void>;
  fetchBotLogin(): Promise<string>;
  /** `marker` tells one bot comment from another (default: the SOP checklist's). */
  upsertStickyComment(
    number: number,
    body: string,
    marker?: string,
  ): Promise<{ id: number; action: "created" | "updated" | "unchanged" }>;
  requestReviewers(pull: PullRequest, logins: string[]): Promise<{ requested: string[]; warning?: string }>;
  /** Every pull request GitHub associates with a commit; which one it came from is the core's choice. */
  listPullsForCommit(sha: string): Promise<PullRequest[]>;
  /** GET /pulls/{n}/commits (at most 250 listed; `pull.commits` has the real count). */
  fetchCommits(number: number): Promise<PullCommit[]>;
  fetchDefaultBranch(): Promise<string>;
  /**
   * The public SSH keys of a GitHub account (`GET /users/{username}/keys`), judged by the core; a
   * login that is not a GitHub login is refused before any request.
   */
  fetchUserKeys(login: string): Promise<GitHubKeys>;
  /** GET /issues/{n}: its author (who an intake pull request's applicant is), state and body. */
  fetchIssue(number: number): Promise<IssueInfo>;
  /**
   * Who last edited the body of issue N (GraphQL `editor`, which REST does not carry): a login, or null
   * when the body was never edited. An intake request is its author's only while nobody else edited it.
   */
  fetchIssueEditor(number: number): Promise<string | null>;
  /** Comments on an open issue, then closes it as completed; an issue already closed is left as it is. */
  closeIssue(number: number, comment: string): Promise<"closed" | "already-closed">;
  /**
   * Every pull request (open and closed) updated at or after `since`, newest update first, each with
   * all its reviews and files: the saved-pulls shape of `src/core/reports/pulls-file.ts`. Bounded: more
   * than MAX_PAGES pages of pull requests, or more than SAVED_PULLS_MAX of them, is an error.
   */
  listPullsWithReviews(since: Date): Promise<SavedPull[]>;
}

export interface IssueInfo {
  number: number;
  user: GitHubUser | null;
  state: string;
  /** The body as GitHub stores it; empty when there is none. */
  body: string;
  labels: string[];
  /** True for a pull request (GitHub lists those among issues). */
  isPull: boolean;
}

function failure(what: string, error: unknown): DomainopsError {
  const status = (error as { status?: number }).status;
  const detail = error instanceof Error ? error.message : String(error);
  return new DomainopsError(
    "github",
    `GitHub: gagal ${what}${status ? ` (HTTP ${status})` : ""}: ${detail} / failed to ${what}`,
    { cause: error },
  );
}

function shape<T>(what: string, checked: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!checked.ok)
    throw new DomainopsError(
      "github",
      `GitHub: jawaban ${what} tidak terduga (unexpected ${what} response): ${checked.error}`,
    );
  return checked.value;
}

/**
 * Pages of 100 read from any one listing: every loop over API results has a bound. GitHub itself
 * lists at most 3,000 files of a pull request (30 pages).
 */
const MAX_PAGES = 30;

function tooMany(what: string, count: number): DomainopsError {
  return new DomainopsError(
    "github",
    `GitHub: gagal ${what}: lebih dari ${count} entri, batas ${MAX_PAGES} halaman / more than ${count} entries, over the limit of ${MAX_PAGES} pages`,
  );
}

/** GitHub cuts commit status descriptions at 140 characters. */
function statusDescription(text: string): string {
  const flat = visibleControls(text);
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

export function createOctokit(
  options: Pick<GitHubOptions, "token" | "fetch" | "baseUrl" | "retries" | "pacing">,
): Octokit {
  return new Octokit({
    auth: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    request: { ...(options.fetch ? { fetch: options.fetch } : {}) },
    retry: { retries: options.retries ?? 3 },
    throttle: {
      enabled: options.pacing ?? true,
      // Retry once after GitHub's own wait, then give up with an error rather than hang a CI job.
      onRateLimit: (_after: number, opts: { request: { retryCount: number } }) =>
        opts.request.retryCount === 0,
      onSecondaryRateLimit: (_after: number, opts: { request: { retryCount: number } }) =>
        opts.request.retryCount === 0,
    },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

export function createGitHub(options: GitHubOptions): GitHubAdapter {
  const octokit = createOctokit(options);
  const { owner, repo } = options;
  let botLogin: string | undefined = options.botLogin;

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof DomainopsError) throw error;
      throw failure(what, error);
    }
  }

  /** Reads at most MAX_PAGES pages of a listing; `complete` is false when more were left. */
  async function capped<T>(
    what: string,
    pages: AsyncIterable<{ data: T[]; headers: { link?: string | undefined } }>,
  ): Promise<{ items: T[]; complete: boolean }> {
    const items: T[] = [];
    let read = 0;
    try {
      for await (const page of pages) {
        items.push(...page.data);
        read++;
        if (read >= MAX_PAGES) return { items, complete: !/rel="next"/.test(page.headers.link ?? "") };
      }
    } catch (error) {
      throw failure(what, error);
    }
    return { items, complete: true };
  }

  /** A listing that must be read whole: more than MAX_PAGES pages is an error, not a partial answer. */
  async function whole<T>(
    what: string,
    pages: AsyncIterable<{ data: T[]; headers: { link?: string | undefined } }>,
  ): Promise<T[]> {
    const { items, complete } = await capped(what, pages);
    if (!complete) throw tooMany(what, items.length);
    return items;
  }

  const adapter: GitHubAdapter = {
    async fetchPull(number) {
      const { data } = await call(`membaca PR #${number}`, () =>
        octokit.rest.pulls.get({ owner, repo, pull_number: number }),
      );
      const pull = shape("pull request", checkPull(data));
      // The single-PR endpoint always carries the real counts; without them a cut file or commit
      // list could not be noticed, so their absence is an unexpected answer, not a pass.
      if (pull.changed_files === undefined || pull.commits === undefined)
        throw new DomainopsError(
          "github",
          `GitHub: PR #${number} tanpa changed_files/commits (answer lacks changed_files/commits)`,
        );
      return pull;
    },

    async fetchReviews(number) {
      // A later review could withdraw an approval: a decision on part of the reviews is not made.
      const items = await whole(
        `membaca tinjauan PR #${number}`,
        octokit.paginate.iterator(octokit.rest.pulls.listReviews, {
          owner,
          repo,
          pull_number: number,
          per_page: 100,
        }),
      );
      return shape("reviews", checkReviews(items));
    },

    async fetchFiles(number) {
      // An incomplete list would hide files from the permission check.
      const items = await whole(
        `membaca berkas PR #${number}`,
        octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
          owner,
          repo,
          pull_number: number,
          per_page: 100,
        }),
      );
      return shape("files", checkFiles(items));
    },

    async fetchBaseRequests(files, baseSha) {
      const result: BaseRequests = {};
      for (const path of baseRequestPaths(files)) {
        try {
          const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref: baseSha });
          if (
            Array.isArray(data) ||
            data.type !== "file" ||
            typeof (data as { content?: unknown }).content !== "string"
          ) {
            result[path] = { pengelola_github: null };
            continue;
          }
          const text = Buffer.from((data as { content: string }).content, "base64").toString("utf8");
          // The base version is data: parsed safely, and a broken file simply has no owner.
          const parsed = parseYamlSafe(path, text);
          result[path] = baseRequestOf(parsed.diagnostics.length === 0 ? parsed.data : undefined);
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status !== 404) throw failure(`membaca ${path} di ${baseSha.slice(0, 7)}`, error);
          // A parent name without a file is an answer (null). A changed file the base sha lacks
          // (base moved?) is left out, so the permission check refuses rather than calling it new.
          if (!files.some((f) => (f.previous_filename ?? f.filename) === path)) result[path] = null;
        }
      }
      return result;
    },

    async fetchFileAt(path, ref) {
      try {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
        if (Array.isArray(data) || data.type !== "file") return null;
        const file = data as { content?: unknown; encoding?: unknown };
        if (file.encoding !== "base64" || typeof file.content !== "string") return null;
        // Bytes, not text: the validator judges the encoding itself (invalid UTF-8 is a diagnostic).
        return new Uint8Array(Buffer.from(file.content, "base64"));
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw failure(`membaca ${path} di ${ref.slice(0, 7)}`, error);
      }
    },

    async postStatus(sha, state, description, targetUrl) {
      await call("menulis status commit", () =>
        octokit.rest.repos.createCommitStatus({
          owner,
          repo,
          sha,
          state,
          context: STATUS_CONTEXT,
          // The description can quote a file name from the pull request: kept on one line.
          description: statusDescription(description),
          ...(targetUrl ? { target_url: targetUrl } : {}),
        }),
      );
    },

    async fetchBotLogin() {
      if (botLogin) return botLogin;
      try {
        const { data } = await octokit.rest.users.getAuthenticated();
        botLogin = data.login;
      } catch (error) {
        // GITHUB_TOKEN and App installation tokens cannot read /user (403 "Resource not accessible
        // by integration"); comments made with GITHUB_TOKEN are authored by github-actions[bot].
        const status = (error as { status?: number }).status;
        if (status !== 401 && status !== 403 && status !== 404) throw failure("membaca akun bot", error);
        botLogin = ACTIONS_BOT_LOGIN;
      }
      return botLogin;
    },

    async upsertStickyComment(number, body, marker = COMMENT_MARKER) {
      const login = (await adapter.fetchBotLogin()).toLowerCase();
      // Capped: on a pull request with more comments than that, a new sticky comment is made instead.
      const { items: comments } = await capped(
        `membaca komentar PR #${number}`,
        octokit.paginate.iterator(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: number,
          per_page: 100,
        }),
      );
      // Marker AND author: anyone can paste the marker into their own comment.
      const mine = comments.find(
        (c) => typeof c.body === "string" && c.body.includes(marker) && c.user?.login.toLowerCase() === login,
      );
      if (mine) {
        if (mine.body === body) return { id: mine.id, action: "unchanged" };
        await call("memperbarui komentar", () =>
          octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body }),
        );
        return { id: mine.id, action: "updated" };
      }
      const { data } = await call("membuat komentar", () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }),
      );
      return { id: data.id, action: "created" };
    },

    async requestReviewers(pull, logins) {
      const already = new Set(pull.requested_reviewers.map((u) => u.login.toLowerCase()));
      const wanted = [...new Set(logins)].filter(
        (login) => login.toLowerCase() !== pull.user.login.toLowerCase() && !already.has(login.toLowerCase()),
      );
      if (wanted.length === 0) return { requested: [] };
      try {
        await octokit.rest.pulls.requestReviewers({
          owner,
          repo,
          pull_number: pull.number,
          reviewers: wanted,
        });
        return { requested: wanted };
      } catch (error) {
        // 422: a reviewer is not a collaborator. The decision stands; the office must fix access.
        if ((error as { status?: number }).status === 422) {
          return {
            requested: [],
            warning: `Tidak dapat meminta tinjauan dari ${wanted.map((l) => `@${l}`).join(", ")} (bukan kolaborator?) / could not request review (not collaborators?)`,
          };
        }
        throw failure("meminta tinjauan", error);
      }
    },

    async listPullsForCommit(sha) {
      const data = await call(`mencari PR untuk commit ${sha.slice(0, 7)}`, () =>
        octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
          owner,
          repo,
          commit_sha: sha,
          per_page: 100,
        }),
      );
      return data.map((item) => shape("pull request", checkPull(item)));
    },

    async fetchCommits(number) {
      const data = await call(`membaca commit PR #${number}`, () =>
        octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number: number, per_page: 100 }),
      );
      return shape("commits", checkCommits(data));
    },

    async fetchDefaultBranch() {
      const { data } = await call("membaca repositori", () => octokit.rest.repos.get({ owner, repo }));
      if (typeof data.default_branch !== "string" || data.default_branch === "")
        throw new DomainopsError("github", "GitHub: repositori tanpa default_branch (no default branch)");
      return data.default_branch;
    },

    async fetchIssue(number) {
      const { data } = await call(`membaca isu #${number}`, () =>
        octokit.rest.issues.get({ owner, repo, issue_number: number }),
      );
      const user =
        data.user && typeof data.user.id === "number" && typeof data.user.login === "string"
          ? { id: data.user.id, login: data.user.login, ...(data.user.type ? { type: data.user.type } : {}) }
          : null;
      return {
        number: data.number,
        user,
        state: data.state,
        body: typeof data.body === "string" ? data.body : "",
        labels: data.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))),
        isPull: data.pull_request !== undefined && data.pull_request !== null,
      };
    },

    async fetchIssueEditor(number) {
      const answer = await call(`membaca penyunting isu #${number}`, () =>
        octokit.graphql<unknown>(
          `query($owner: String!, $repo: String!, $number: Int!) {
            repository(owner: $owner, name: $repo) {
              issueOrPullRequest(number: $number) { ... on Issue { editor { login } } }
            }
          }`,
          { owner, repo, number },
        ),
      );
      const found = (answer as { repository?: { issueOrPullRequest?: { editor?: unknown } | null } | null })
        ?.repository?.issueOrPullRequest;
      if (found === undefined || found === null || !("editor" in found))
        throw new DomainopsError("github", `GitHub: isu #${number} tidak ditemukan (issue not found)`);
      const editor = found.editor as { login?: unknown } | null;
      if (editor === null) return null;
      // A deleted account edits as "ghost"; anything without a login is not someone to trust.
      if (typeof editor.login !== "string" || editor.login === "")
        throw new DomainopsError(
          "github",
          `GitHub: penyunting isu #${number} tak terbaca (editor unreadable)`,
        );
      return editor.login;
    },

    async closeIssue(number, comment) {
      const issue = await adapter.fetchIssue(number);
      if (issue.state !== "open") return "already-closed";
      await call(`mengomentari isu #${number}`, () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: comment }),
      );
      await call(`menutup isu #${number}`, () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          state: "closed",
          state_reason: "completed",
        }),
      );
      return "closed";
    },

    async fetchUserKeys(login) {
      if (!isGitHubLogin(login))
        throw new DomainopsError(
          "github",
          `GitHub: "${visibleControls(login)}" bukan login GitHub; kunci SSH tidak dibaca (not a GitHub login; no SSH keys read)`,
        );
      const items = await whole(
        `membaca kunci SSH @${login}`,
        octokit.paginate.iterator(octokit.rest.users.listPublicKeysForUser, {
          username: login,
          per_page: 100,
        }),
      );
      return collectGitHubKeys(items);
    },

    async listPullsWithReviews(since) {
      const what = "membaca daftar PR";
      /** Pull requests of one state, newest update first; closed ones stop at the first older than `since`. */
      const listState = async (state: "open" | "closed"): Promise<Record<string, unknown>[]> => {
        const items: Record<string, unknown>[] = [];
        let read = 0;
        try {
          for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
            owner,
            repo,
            state,
            sort: "updated",
            direction: "desc",
            per_page: 100,
          })) {
            read++;
            for (const item of page.data as unknown as Record<string, unknown>[]) {
              const updated = Date.parse(String(item.updated_at ?? ""));
              if (state === "closed" && !(updated >= since.getTime())) return items;
              items.push(item);
            }
            if (read >= MAX_PAGES && /rel="next"/.test(page.headers.link ?? ""))
              throw tooMany(what, items.length);
          }
        } catch (error) {
          if (error instanceof DomainopsError) throw error;
          throw failure(what, error);
        }
        return items;
      };
      // Open ones whatever their age: a request untouched for months is still open at the month's end.
      // A PR closed between the two listings is in both: kept once.
      const byNumber = new Map<unknown, Record<string, unknown>>();
      for (const item of [...(await listState("open")), ...(await listState("closed"))])
        if (!byNumber.has(item.number)) byNumber.set(item.number, item);
      const listed = [...byNumber.values()];
      if (listed.length > SAVED_PULLS_MAX) throw tooMany(what, listed.length);
      const raw: unknown[] = [];
      for (const item of listed) {
        const number = Number(item.number);
        // Whole lists, as for the SOP gate: a later review could withdraw an approval.
        raw.push({
          pull: item,
          reviews: await adapter.fetchReviews(number),
          files: await adapter.fetchFiles(number),
        });
      }
      return shape("pull requests", parseSavedPulls(raw));
    },
  };
  return adapter;
}
