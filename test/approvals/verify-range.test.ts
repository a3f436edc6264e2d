/**
 * Before apply: every commit since the last applied one must come from an approved pull request,
 * judged by the governance of its merge's parent. A throwaway git repository holds the history;
 * GitHub is faked at the fetch level.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { MAX_VERIFY_COMMITS, run } from "../../src/cli/approvals.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { choosePullForCommit } from "../../src/core/approvals/merged-pull.ts";
import type { PullRequest } from "../../src/core/approvals/pull.ts";
import {
  type CommitVerdict,
  decideRange,
  parseAcceptedCommits,
} from "../../src/core/approvals/verify-range.ts";
import { PRESETS_DIR } from "../support/office.ts";
import { type FakeOptions, fakeGitHub, fixture } from "./fake-github.ts";
import { BASE, HEAD } from "./helpers.ts";

const OWNED = "pengelola_teknis:\n  github: opd-dinkes-admin\n";

/** A complete policy with a pull request size limit. */
function policyFiles(maxRequestFiles: number): Record<string, string> {
  return {
    "governance/policy.yaml": [
      "zone: kuduskab.go.id",
      "allowIdn: false",
      "officialEmailDomains: [go.id]",
      "kegiatanMaxDays: 365",
      `maxRequestFilesPerPull: ${maxRequestFiles}`,
      "forbiddenCnameSuffixes: [pages.dev]",
      "",
    ].join("\n"),
    "governance/reserved.yaml": "reserved: {}\n",
    "governance/existing.yaml": "existing: []\n",
    "governance/namespaces.yaml": "namespaces: []\n",
  };
}

/** All four Kudus steps approved in order on the head commit, before 01:35Z. */
const APPROVED_ALL = [
  ...(fixture("reviews.json") as unknown[]),
  {
    id: 2004,
    user: { login: "kds-kasi", id: 91000113, type: "User" },
    state: "APPROVED",
    commit_id: HEAD,
    submitted_at: "2026-11-24T01:20:00Z",
  },
  {
    id: 2005,
    user: { login: "kds-staf", id: 91000114, type: "User" },
    state: "APPROVED",
    commit_id: HEAD,
    submitted_at: "2026-11-24T01:30:00Z",
  },
];

let repo = "";

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
}

function commit(message: string, files: Record<string, string> = {}): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  git("add", "-A");
  git("commit", "-q", "--allow-empty", "-m", message);
  return git("rev-parse", "HEAD");
}

function merged(number: number, sha: string, at = "2026-11-24T01:35:00Z", extra: object = {}) {
  return {
    ...(fixture("pull.json") as Record<string, unknown>),
    number,
    state: "closed",
    merged: true,
    merged_at: at,
    closed_at: at,
    merge_commit_sha: sha,
    ...extra,
  };
}

function approvedPull(number: number, sha: string, at?: string, extra: object = {}) {
  return {
    pull: merged(number, sha, at, extra),
    reviews: APPROVED_ALL,
    files: fixture<unknown[]>("files.json"),
  };
}

async function verify(options: FakeOptions, args: string[]) {
  const fake = fakeGitHub({ contents: { "requests/puskesmas-jati.yaml": OWNED }, ...options });
  const factory = (o: { token: string; owner: string; repo: string }) =>
    createGitHub({ ...o, fetch: fake.fetch, retries: 0 });
  const io = memoryIo({
    cwd: repo,
    env: { GITHUB_TOKEN: "ghs_test" },
    now: new Date("2026-11-25T02:00:00Z"),
  });
  const code = await run(["--repo", "diskominfo-kudus/domain", "--root", repo, ...args], io, factory);
  return { code, out: io.out.join(""), calls: fake.calls };
}

let applied = "";

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "verify-range-"));
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Rehearsal");
  git("config", "user.email", "rehearsal@kuduskab.go.id");
  git("config", "commit.gpgsign", "false");
  cpSync(path.join(PRESETS_DIR, "kudus"), path.join(repo, "governance"), { recursive: true });
  applied = commit("Base, last applied", { "requests/puskesmas-jati.yaml": OWNED, ...policyFiles(2) });
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("verify every commit since the last applied one", () => {
  it("passes an approved squash merge, judged at merge time", async () => {
    const m1 = commit("PR 42", { "requests/dinkes.yaml": "subdomain: dinkes\n" });
    const result = await verify(
      { pulls: { 42: approvedPull(42, m1) }, commitPullsBySha: { [m1]: [merged(42, m1)] } },
      ["--verify-commit", m1, "--since", applied],
    );
    expect(result.out).toContain(`OK ${m1.slice(0, 7)} PR #42`);
    expect(result.code).toBe(0);
    git("reset", "-q", "--hard", applied);
  });

  it("refuses an approved merge that follows a direct push (the push would go live with it)", async () => {
    const pushed = commit("Direct push", { "requests/judi.yaml": "subdomain: judi\n" });
    const m2 = commit("PR 43", { "requests/dinkes.yaml": "subdomain: dinkes\n" });
    const options: FakeOptions = {
      pulls: { 43: approvedPull(43, m2) },
      // The pushed commit is contained in an unrelated open-then-merged PR elsewhere: never borrowed.
      commitPullsBySha: { [pushed]: [merged(44, "1".repeat(40))], [m2]: [merged(43, m2)] },
    };
    const alone = await verify(options, ["--verify-commit", m2]);
    expect(alone.code).toBe(0); // the old check of the pushed commit alone was blind to it
    const result = await verify(options, ["--verify-commit", m2, "--since", applied, "--format", "json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as { state: string; refused: string[] };
    expect(report.state).toBe("failure");
    expect(report.refused).toEqual([pushed]);

    // Admins vouch for it afterwards by an approved pull request; an unapproved one cannot.
    const accepted = `diterima:\n  - commit: "${pushed}"\n    alasan: ditinjau admin\n`;
    const m3 = commit("PR 45", { "governance/accepted-commits.yaml": accepted });
    const vouched = await verify(
      {
        ...options,
        pulls: { ...options.pulls, 45: approvedPull(45, m3) },
        commitPullsBySha: { ...options.commitPullsBySha, [m3]: [merged(45, m3)] },
      },
      ["--verify-commit", m3, "--since", applied, "--format", "json"],
    );
    expect(JSON.parse(vouched.out).accepted).toEqual([{ sha: pushed, by: m3 }]);
    expect(vouched.code).toBe(0);
    const selfVouched = await verify(
      { ...options, commitPullsBySha: { ...options.commitPullsBySha, [m3]: [] } },
      ["--verify-commit", m3, "--since", applied, "--format", "json"],
    );
    expect(JSON.parse(selfVouched.out).refused).toEqual([pushed, m3]);
    git("reset", "-q", "--hard", applied);
  });

  it("fails a merge whose last approval came after it", async () => {
    const m1 = commit("PR 42", { "requests/dinkes.yaml": "subdomain: dinkes\n" });
    const result = await verify(
      {
        pulls: { 42: approvedPull(42, m1, "2026-11-24T01:25:00Z") },
        commitPullsBySha: { [m1]: [merged(42, m1)] },
      },
      ["--verify-commit", m1, "--since", applied],
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain("PR #42 was merged without SOP approval (state at merge time: pending).");
    git("reset", "-q", "--hard", applied);
  });

  it("does not count the approval of an official who pushed commits to the pull request", async () => {
    const m1 = commit("PR 42", { "requests/dinkes.yaml": "subdomain: dinkes\n" });
    const commits = fixture<Record<string, unknown>[]>("commits.json");
    const kasi = { login: "kds-kasi", id: 91000113, type: "User" };
    const pushedByKasi = [commits[0], { ...commits[1], committer: kasi }];
    const result = await verify(
      {
        pulls: { 42: { ...approvedPull(42, m1), commits: pushedByKasi } },
        commitPullsBySha: { [m1]: [merged(42, m1)] },
      },
      ["--verify-commit", m1, "--since", applied],
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain("Approval by @kds-kasi does not count: they wrote or pushed commits");
    git("reset", "-q", "--hard", applied);
  });

  it("fails closed when GitHub's file list disagrees with changed_files", async () => {
    const m1 = commit("PR 42", { "requests/dinkes.yaml": "subdomain: dinkes\n" });
    const result = await verify(
      {
        pulls: { 42: approvedPull(42, m1, undefined, { changed_files: 5 }) },
        commitPullsBySha: { [m1]: [merged(42, m1)] },
      },
      ["--verify-commit", m1, "--since", applied],
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain("PR #42 changes 5 files but GitHub's file list holds 2");
    git("reset", "-q", "--hard", applied);
  });

  it("writes a hostile file name of a refused pull request as one inert log line", async () => {
    const m1 = commit("PR 42", { "requests/dinkes.yaml": "subdomain: dinkes\n" });
    const files = [{ filename: "requests/x\n::error::pwned.yaml", status: "added" }];
    const result = await verify(
      {
        pulls: { 42: { ...approvedPull(42, m1, undefined, { changed_files: 1 }), files } },
        commitPullsBySha: { [m1]: [merged(42, m1)] },
      },
      ["--verify-commit", m1, "--since", applied],
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain("\\u000a");
    expect(result.out.split("\n").some((line) => /^\s*::/.test(line))).toBe(false);
    git("reset", "-q", "--hard", applied);
  });

  it("judges a pull request by the limits of its merge's parent, not the ones it raises", async () => {
    // The base allows two request files per pull request; the PR raises it to 20 and adds three.
    const m1 = commit("PR 42", { "requests/dinkes.yaml": "subdomain: dinkes\n", ...policyFiles(20) });
    const files = ["dinkes", "disdik", "bappeda"].map((n) => ({
      filename: `requests/${n}.yaml`,
      status: "added",
    }));
    const result = await verify(
      {
        pulls: { 42: { ...approvedPull(42, m1, undefined, { changed_files: 3 }), files } },
        commitPullsBySha: { [m1]: [merged(42, m1)] },
      },
      ["--verify-commit", m1, "--since", applied],
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain("maxRequestFilesPerPull");
    git("reset", "-q", "--hard", applied);
  });

  it("judges a pull request by the officials of its merge's parent, not those it adds", async () => {
    const officials = path.join(repo, "governance/officials.yaml");
    const text = execFileSync("cat", [officials], { encoding: "utf8" });
    // The PR makes its own author an official of the last step; by its own list it would pass.
    const m1 = commit("PR 42", {
      "governance/officials.yaml": text.replace(/login: kds-staf/, "login: opd-dinkes-admin"),
    });
    const reviews = APPROVED_ALL.slice(0, 3);
    const result = await verify(
      {
        pulls: { 42: { ...approvedPull(42, m1), reviews } },
        commitPullsBySha: { [m1]: [merged(42, m1)] },
      },
      ["--verify-commit", m1, "--since", applied],
    );
    expect(result.code).toBe(1);
    git("reset", "-q", "--hard", applied);
  });

  it("refuses a rewritten history and too long a range, before any per-commit API call", async () => {
    const side = commit("Elsewhere");
    git("reset", "-q", "--hard", applied);
    const m1 = commit("PR 42");
    await expect(verify({}, ["--verify-commit", m1, "--since", side])).rejects.toThrow(/not an ancestor/);
    for (let i = 0; i < MAX_VERIFY_COMMITS; i++) commit(`push ${i}`);
    const tip = git("rev-parse", "HEAD");
    const result = await verify({}, ["--verify-commit", tip, "--since", applied]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${MAX_VERIFY_COMMITS + 1} commits are not applied yet`);
    expect(result.calls).toEqual([]);
    git("reset", "-q", "--hard", applied);
  });
});

describe("choosePullForCommit", () => {
  const sha = "a".repeat(40);
  const base = (number: number, extra: Partial<PullRequest>): PullRequest => ({
    number,
    state: "closed",
    user: { login: "opd", id: 1 },
    created_at: "2026-11-24T01:00:00Z",
    merged_at: "2026-11-24T02:00:00Z",
    merge_commit_sha: sha,
    head: { sha: HEAD },
    base: { sha: BASE, ref: "main" },
    requested_reviewers: [],
    commits: 1,
    ...extra,
  });
  const choose = (pulls: PullRequest[], mainline = [sha]) =>
    choosePullForCommit({ sha, pulls, mainline, defaultBranch: "main" });

  it.each([
    ["a later PR that merely contains the commit", [base(7, { merge_commit_sha: "b".repeat(40) })], null],
    ["a PR merged into another branch", [base(7, { base: { sha: BASE, ref: "release" } })], null],
    ["an unmerged PR", [base(7, { merged_at: null })], null],
    [
      "the merged PR among others",
      [base(6, { merge_commit_sha: "c".repeat(40) }), base(7, {}), base(8, { merged_at: null })],
      7,
    ],
  ])("%s", (_label, pulls, expected) => {
    const result = choose(pulls);
    expect(result.ok ? result.pull.number : null).toBe(expected);
  });

  it("finds a rebase merge's earlier commits through the PR's commit count, not beyond", () => {
    const last = "d".repeat(40);
    const mainline = ["e".repeat(40), sha, "f".repeat(40), last];
    const rebased = base(9, { merge_commit_sha: last, commits: 3 });
    expect(choose([rebased], mainline)).toMatchObject({ ok: true });
    expect(choose([{ ...rebased, commits: 2 }], mainline)).toMatchObject({ ok: false });
  });

  it("refuses two matching pull requests rather than picking one", () => {
    const result = choose([base(7, {}), base(8, {})]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.en).toContain("#7, #8");
  });
});

describe("decideRange", () => {
  const verdict = (sha: string, state: CommitVerdict["state"], accepts: string[] = []): CommitVerdict => ({
    sha,
    pull: null,
    state,
    reasons: [],
    accepts,
  });
  const [a, b, c] = ["a", "b", "c"].map((x) => x.repeat(40)) as [string, string, string];

  it("accepts an unapproved commit only when a later approved commit lists it", () => {
    expect(decideRange([verdict(a, "failure"), verdict(b, "success", [a])])).toEqual({
      ok: true,
      refused: [],
      accepted: [{ sha: a, by: b }],
    });
    expect(decideRange([verdict(a, "failure"), verdict(b, "pending", [a])]).ok).toBe(false);
    // Listed before it happened (an earlier tree) does not count.
    expect(decideRange([verdict(b, "success", [c]), verdict(c, "failure")]).ok).toBe(false);
    expect(decideRange([verdict(a, "success"), verdict(b, "success")]).ok).toBe(true);
  });

  it("reads only well-formed commit ids from the acceptance list", () => {
    expect(parseAcceptedCommits({ diterima: [{ commit: a.toUpperCase() }, { commit: "abc" }, "x"] })).toEqual(
      [a],
    );
    expect(parseAcceptedCommits(null)).toEqual([]);
  });
});
