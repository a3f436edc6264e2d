/**
 * `domainops approvals`: the SOP approval decision.
 *   offline  --pull pull.json --reviews reviews.json [--files files.json] [--base DIR] [--now ISO]
 *   online   --repo owner/name --pr N            (posts status, sticky comment, review requests)
 *   verify   --repo owner/name --verify-commit SHA [--since SHA]
 *            (before apply: did every commit since the last applied one come through an approved PR?)
 * Exit 0 = approved, 1 = pending or failure, 2 = usage or internal error.
 */

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { readBaseRequests } from "../adapters/base-requests.ts";
import { firstParentOf, firstParentRange, resolveCommit } from "../adapters/git.ts";
import type { GitHubAdapter } from "../adapters/github.ts";
import { createGitHub } from "../adapters/github.ts";
import { loadAcceptedCommits, loadGovernance, loadPolicy } from "../adapters/governance.ts";
import { readFromDir, readHeadRequests } from "../adapters/head-requests.ts";
import type { Decision } from "../core/approvals/decide.ts";
import { decideApprovals } from "../core/approvals/decide.ts";
import type { Governance } from "../core/approvals/governance.ts";
import { choosePullForCommit } from "../core/approvals/merged-pull.ts";
import type { NamePolicy } from "../core/approvals/name-owners.ts";
import type { Checked, GitHubUser, PullRequest } from "../core/approvals/pull.ts";
import { checkFiles, checkPull, checkReviews } from "../core/approvals/pull.ts";
import type { PullLimits, PullSize } from "../core/approvals/pull-size.ts";
import { checkPullSize } from "../core/approvals/pull-size.ts";
import {
  renderApprovalComment,
  renderApprovalText,
  renderRefusalComment,
  toApprovalJson,
} from "../core/approvals/render.ts";
import type { CommitVerdict, RangeDecision } from "../core/approvals/verify-range.ts";
import { decideRange } from "../core/approvals/verify-range.ts";
import { DomainopsError } from "../core/errors.ts";
import { logLine } from "../core/escape.ts";
import {
  applicantProblem,
  INTAKE_PROGRESS_MARKER,
  intakeIssueOf,
  intakeProgressComment,
} from "../core/intake/pull.ts";
import type { PolicyResult } from "../core/request/policy.ts";
import type { Message } from "../core/types.ts";
import { type GitHubFactory, githubToken, parseCommandArgs, parseRepo, usageError } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage):
  domainops approvals --pull pull.json --reviews reviews.json [--files files.json] [--base DIR]
                      [--root DIR] [--now ISO] [--format text|json|markdown]
  domainops approvals --repo owner/name --pr N [--root DIR] [--extra FILE] [--format ...]
  domainops approvals --repo owner/name --verify-commit SHA [--since SHA] [--root DIR] [--format ...]

Memutuskan persetujuan permintaan tarik sesuai SOP di governance/ (decides SOP approval of a pull
request). Berkas JSON = jawaban mentah REST GitHub GET /repos/{o}/{r}/pulls/{n}, .../reviews, .../files.

  --root DIR       folder berisi governance/ (holds governance/; default: .)
  --base DIR       checkout cabang dasar untuk pemilik permohonan lama (base-branch checkout for the
                   owners of existing requests; default: --root)
  --now ISO        waktu keputusan (decision time; default: sekarang / now)
  --repo, --pr     mode daring: token dari GITHUB_TOKEN atau DOMAINOPS_GITHUB_TOKEN; menulis status
                   domainops/sop, komentar tetap, dan permintaan tinjauan (online mode)
  --extra FILE     bagian Markdown tambahan untuk komentar (extra Markdown section for the comment)
  --verify-commit  sebelum penerapan: periksa setiap commit (jalur induk pertama) sejak --since sampai
                   SHA berasal dari PR yang disetujui saat digabungkan; governance tiap PR dibaca dari
                   induk merge-nya di git (--root harus repositori git berisi riwayatnya)
                   (before apply: every first-parent commit after --since up to SHA must come from a PR
                   approved when merged, judged by the governance of its merge's parent, read from git)
  --since SHA      commit terakhir yang diterapkan (last applied commit; default: hanya SHA / only SHA)
  DOMAINOPS_BOT_LOGIN  login penulis komentar untuk token GitHub App (comment author for App tokens;
                   default: dari GET /user, atau github-actions[bot] untuk GITHUB_TOKEN)
  --format FORMAT  text (bawaan/default), json, markdown

Kode keluar (exit codes): 0 disetujui (approved), 1 menunggu/ditolak (pending/failure), 2 salah pakai
(usage) atau galat (error).
`;

const FORMATS = ["text", "json", "markdown"] as const;
type Format = (typeof FORMATS)[number];

const SPEC = {
  help: HELP,
  options: {
    pull: { type: "string" },
    reviews: { type: "string" },
    files: { type: "string" },
    base: { type: "string" },
    root: { type: "string" },
    now: { type: "string" },
    repo: { type: "string" },
    pr: { type: "string" },
    extra: { type: "string" },
    "verify-commit": { type: "string" },
    since: { type: "string" },
  },
  formats: FORMATS,
  defaultFormat: "text",
} as const;

function usage(message: string): DomainopsError {
  return usageError(message);
}

async function readJson<T>(path: string, what: string, check: (json: unknown) => Checked<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new DomainopsError(
      "usage",
      `tidak dapat membaca ${what} ${path} (cannot read): ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DomainopsError(
      "usage",
      `${path}: bukan JSON yang sah (not valid JSON): ${(error as Error).message}`,
    );
  }
  const checked = check(json);
  if (!checked.ok) {
    throw new DomainopsError(
      "usage",
      `${path}: bukan jawaban REST GitHub untuk ${what} (not GitHub's ${what} response): ${checked.error}`,
    );
  }
  return checked.value;
}

/** The checked governance of the checkout (or at `commit`); broken data stops the command. */
async function governanceOf(root: string, io: Io, commit?: string): Promise<Governance> {
  const { governance, diagnostics } = await loadGovernance(root, commit === undefined ? {} : { commit });
  if (governance) return governance;
  const at = commit === undefined ? "" : `${commit.slice(0, 7)}:`;
  for (const d of diagnostics)
    io.stderr(`${at}${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message.id} / ${d.message.en}\n`);
  throw new DomainopsError(
    "config",
    commit === undefined
      ? "data governance/ tidak sah (invalid governance data); lihat di atas (see above)"
      : `governance/ di ${commit.slice(0, 7)} tidak sah, tidak dapat menilai (invalid governance at that commit, cannot judge)`,
  );
}

/** Zone and namespaces from governance/; left out when the policy files are broken. */
function namesFrom({ policy, diagnostics }: PolicyResult): { names?: NamePolicy } {
  return diagnostics.length === 0 ? { names: { zone: policy.zone, namespaces: policy.namespaces } } : {};
}

function parseNow(value: string | undefined, io: Io): Date {
  if (value === undefined) return io.now();
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw usage(`--now "${value}" bukan waktu ISO 8601 (not an ISO 8601 time)`);
  return date;
}

function print(io: Io, format: Format, decision: Decision, governance: Governance, extra?: string): void {
  if (format === "json") io.stdout(`${JSON.stringify(toApprovalJson(decision), null, 2)}\n`);
  else if (format === "markdown")
    io.stdout(renderApprovalComment(decision, governance, extra ? { extra } : {}));
  else io.stdout(renderApprovalText(decision, governance));
}

export async function run(argv: string[], io: Io, github: GitHubFactory = createGitHub): Promise<number> {
  const parsed = parseCommandArgs(argv, SPEC);
  if (parsed === "help") {
    io.stdout(HELP);
    return 0;
  }
  const { "verify-commit": verifyCommit, ...values } = parsed.values;
  const args = { ...values, verifyCommit, format: parsed.format, root: values.root ?? "." };
  const root = resolve(io.cwd, args.root);

  if (args.repo !== undefined) {
    if (args.pull || args.reviews || args.files)
      throw usage("--repo tidak dapat digabung dengan --pull/--reviews/--files");
    if ((args.pr === undefined) === (args.verifyCommit === undefined))
      throw usage("--repo perlu tepat satu dari --pr atau --verify-commit");
    const token = githubToken(io, usage);
    // A GitHub App token cannot read its own login; DOMAINOPS_BOT_LOGIN names it (e.g. "my-app[bot]").
    const botLogin = io.env.DOMAINOPS_BOT_LOGIN;
    const client = github({ token, ...parseRepo(args.repo, usage), ...(botLogin ? { botLogin } : {}) });
    if (args.verifyCommit !== undefined)
      return verifyRange(
        client,
        {
          root,
          sha: args.verifyCommit,
          since: args.since,
          format: args.format,
        },
        io,
      );
    if (args.since !== undefined)
      throw usage("--since hanya dengan --verify-commit (only with --verify-commit)");
    const governance = await governanceOf(root, io);
    const number = Number(args.pr);
    if (!Number.isInteger(number) || number < 1)
      throw usage(`--pr "${args.pr}" bukan nomor PR (not a PR number)`);
    const extra = args.extra
      ? await readFile(resolve(io.cwd, args.extra), "utf8").catch(() => {
          throw new DomainopsError("usage", `tidak dapat membaca --extra ${args.extra} (cannot read)`);
        })
      : undefined;
    const policy = await loadPolicy(root);
    return online(
      client,
      number,
      governance,
      namesFrom(policy),
      policy.pullLimits,
      policy.intakeApp,
      parseNow(args.now, io),
      args.format,
      io,
      extra,
    );
  }

  if (args.pr !== undefined || args.verifyCommit !== undefined || args.since !== undefined)
    throw usage("--pr, --verify-commit dan --since memerlukan --repo");
  if (!args.pull || !args.reviews)
    throw usage("perlu --pull dan --reviews (need --pull and --reviews), atau --repo");
  const pull = await readJson(resolve(io.cwd, args.pull), "pull request", checkPull);
  const reviews = await readJson(resolve(io.cwd, args.reviews), "reviews", checkReviews);
  const files = args.files ? await readJson(resolve(io.cwd, args.files), "files", checkFiles) : undefined;
  const governance = await governanceOf(root, io);
  const baseRequests = files
    ? await readBaseRequests(resolve(io.cwd, args.base ?? args.root), files)
    : undefined;
  const headRequests = files ? await readHeadRequests(files, readFromDir(root)) : undefined;
  const decision = decideApprovals({
    pull,
    reviews,
    governance,
    now: parseNow(args.now, io),
    ...(files ? { files } : {}),
    ...(baseRequests ? { baseRequests } : {}),
    ...(headRequests ? { headRequests } : {}),
    ...namesFrom(await loadPolicy(root)),
  });
  print(io, args.format, decision, governance);
  return decision.state === "success" ? 0 : 1;
}

/** Reads the reviews, files and both sides of the changed requests as data, then decides. */
/**
 * Reads what the decision needs and decides, unless the pull request is too big to read: its own
 * count is checked before any list is read, the file list before any file's contents.
 */
async function decideFromGitHub(
  client: GitHubAdapter,
  pull: PullRequest,
  governance: Governance,
  names: { names?: NamePolicy },
  limits: PullLimits,
  now: Date,
  intakeApp: string | null,
): Promise<{ decision: Decision; issue: number | null } | { refused: Extract<PullSize, { ok: false }> }> {
  const early = checkPullSize({ changedFiles: pull.changed_files, limits });
  if (!early.ok) return { refused: early };
  const issue = intakeIssueOf(pull, intakeApp);
  const applicant = issue === null ? undefined : await applicantOf(client, pull, issue);
  const [reviews, files, commits] = await Promise.all([
    client.fetchReviews(pull.number),
    client.fetchFiles(pull.number),
    client.fetchCommits(pull.number),
  ]);
  const size = checkPullSize({ changedFiles: pull.changed_files, files, limits });
  if (!size.ok) return { refused: size };
  const baseRequests = await client.fetchBaseRequests(files, pull.base.sha);
  const headRequests = await readHeadRequests(files, (path) => client.fetchFileAt(path, pull.head.sha));
  const decision = decideApprovals({
    pull,
    reviews,
    files,
    commits,
    governance,
    now,
    baseRequests,
    headRequests,
    ...names,
    ...(applicant ? { applicant } : {}),
  });
  return { decision, issue };
}

/**
 * The author of the issue an intake pull request came from (`src/core/intake/pull.ts`), or undefined
 * when the pull request is not one. An issue that cannot be read, or was not written by a person,
 * stops the decision: the gate fails closed rather than judge the app as the applicant.
 */
async function applicantOf(client: GitHubAdapter, pull: PullRequest, issue: number): Promise<GitHubUser> {
  const info = await client.fetchIssue(issue);
  const problem = info.isPull
    ? {
        id: `#${issue} adalah pull request, bukan isu permohonan`,
        en: `#${issue} is a pull request, not a request issue`,
      }
    : applicantProblem(info.user, await client.fetchIssueEditor(issue));
  if (problem !== null || info.user === null)
    throw new DomainopsError("github", `PR #${pull.number}: ${problem?.id} (${problem?.en})`);
  return info.user;
}

async function online(
  client: GitHubAdapter,
  number: number,
  governance: Governance,
  names: { names?: NamePolicy },
  limits: PullLimits,
  intakeApp: string | null,
  now: Date,
  format: Format,
  io: Io,
  extra?: string,
): Promise<number> {
  const runUrl =
    io.env.GITHUB_SERVER_URL && io.env.GITHUB_REPOSITORY && io.env.GITHUB_RUN_ID
      ? `${io.env.GITHUB_SERVER_URL}/${io.env.GITHUB_REPOSITORY}/actions/runs/${io.env.GITHUB_RUN_ID}`
      : undefined;
  const pull = await client.fetchPull(number);
  const decided = await decideFromGitHub(client, pull, governance, names, limits, now, intakeApp);
  if ("refused" in decided) return refuse(client, pull, decided.refused, format, io, runUrl);
  const { decision, issue } = decided;
  await client.postStatus(pull.head.sha, decision.state, decision.description, runUrl);
  // The applicant of an intake pull request follows it on their issue.
  if (issue !== null && pull.state === "open")
    await client.upsertStickyComment(
      issue,
      intakeProgressComment(pull.number, decision),
      INTAKE_PROGRESS_MARKER,
    );
  const body = renderApprovalComment(decision, governance, {
    headSha: pull.head.sha,
    ...(extra ? { extra } : {}),
    ...(runUrl ? { runUrl } : {}),
  });
  const comment = await client.upsertStickyComment(number, body);
  let requested: string[] = [];
  // Drafts are not ready for officials yet; closed pull requests need nobody.
  if (decision.state === "pending" && pull.state === "open" && !pull.draft) {
    const result = await client.requestReviewers(pull, decision.next);
    requested = result.requested;
    if (result.warning) io.stderr(`${result.warning}\n`);
  }
  print(io, format, decision, governance, extra);
  if (format === "text") {
    io.stdout(`status domainops/sop=${decision.state}; komentar #${comment.id} ${comment.action}`);
    io.stdout(
      requested.length > 0
        ? `; diminta meninjau (review requested): ${requested.map((l) => `@${l}`).join(", ")}\n`
        : "\n",
    );
  }
  return decision.state === "success" ? 0 : 1;
}

/** A pull request too big to read: failure status and comment with the reason, nothing else read. */
async function refuse(
  client: GitHubAdapter,
  pull: PullRequest,
  size: Extract<PullSize, { ok: false }>,
  format: Format,
  io: Io,
  runUrl: string | undefined,
): Promise<number> {
  await client.postStatus(pull.head.sha, "failure", size.description, runUrl);
  await client.upsertStickyComment(pull.number, renderRefusalComment(size.reason, runUrl ? { runUrl } : {}));
  if (format === "json") {
    io.stdout(
      `${JSON.stringify({ state: "failure", description: size.description, reasons: [size.reason] }, null, 2)}\n`,
    );
  } else if (format === "markdown") io.stdout(renderRefusalComment(size.reason));
  else io.stdout(`FAILURE: ${size.reason.id}\n  ${size.reason.en}\n`);
  return 1;
}

/** Most commits one deployment may bring in: each costs several API calls. */
export const MAX_VERIFY_COMMITS = 100;
const SHA_ARG = /^[0-9a-f]{7,40}$/i;

interface VerifyOptions {
  root: string;
  sha: string;
  since: string | undefined;
  format: Format;
}

/** A pull request too big to judge counts as not approved. */
function refusedDecision(reason: Message): Decision {
  return {
    state: "failure",
    steps: [],
    next: [],
    approvalSteps: 0,
    reasons: [reason],
    description: reason.id.slice(0, 140),
    sopApplies: true,
  };
}

async function verifyRange(client: GitHubAdapter, options: VerifyOptions, io: Io): Promise<number> {
  const { root, format } = options;
  for (const [flag, value] of [
    ["--verify-commit", options.sha],
    ["--since", options.since],
  ] as const) {
    if (value !== undefined && !SHA_ARG.test(value))
      throw usage(`${flag} "${value}" bukan SHA commit (not a commit SHA)`);
  }
  const until = resolveCommit(root, options.sha);
  const mainline = options.since
    ? firstParentRange(root, resolveCommit(root, options.since), until)
    : [until];
  if (mainline.length > MAX_VERIFY_COMMITS) {
    const text = {
      id: `${mainline.length} commit belum diterapkan (batas ${MAX_VERIFY_COMMITS}); tidak diperiksa satu per satu. Terapkan bertahap atau periksa manual.`,
      en: `${mainline.length} commits are not applied yet (limit ${MAX_VERIFY_COMMITS}); they are not checked one by one. Apply in steps or check by hand.`,
    };
    printRange(io, format, { ok: false, refused: [], accepted: [] }, [], [text]);
    return 1;
  }
  const defaultBranch = await client.fetchDefaultBranch();
  const decided = new Map<number, Decision>();
  const verdicts: CommitVerdict[] = [];
  for (const sha of mainline) {
    const accepts = await loadAcceptedCommits(root, { commit: sha });
    const listed = await client.listPullsForCommit(sha);
    // Full records for the rebase check (`commits`); the commit listing leaves the counts out.
    const candidates = await Promise.all(
      listed
        // Only a PR whose merge commit is in this deployment can be the commit's PR (merge, squash
        // or the last of a rebase); the others merely contain it and are not worth a call.
        .filter(
          (pull) =>
            pull.merged_at !== null &&
            pull.base.ref === defaultBranch &&
            mainline.some((commit) => commit === pull.merge_commit_sha?.toLowerCase()),
        )
        .map((pull) => client.fetchPull(pull.number)),
    );
    const chosen = choosePullForCommit({ sha, pulls: candidates, mainline, defaultBranch });
    if (!chosen.ok) {
      verdicts.push({ sha, pull: null, state: "failure", reasons: [chosen.reason], accepts });
      continue;
    }
    const pull = chosen.pull;
    let decision = decided.get(pull.number);
    if (!decision) {
      // Mainline is oldest first, so this is the PR's first commit here: its parent is the tree the
      // PR was merged into, whose officials and SOP judge it (not those the PR itself brings).
      const parent = firstParentOf(root, sha) ?? sha;
      const governance = await governanceOf(root, io, parent);
      const policy = await loadPolicy(root, { commit: parent });
      // Judged as it stood when merged: later reviews and later changes of office do not count.
      const outcome = await decideFromGitHub(
        client,
        pull,
        governance,
        namesFrom(policy),
        policy.pullLimits,
        new Date(pull.merged_at as string),
        policy.intakeApp,
      );
      decision = "decision" in outcome ? outcome.decision : refusedDecision(outcome.refused.reason);
      decided.set(pull.number, decision);
    }
    const reasons =
      decision.state === "success"
        ? []
        : [
            {
              id: `PR #${pull.number} digabungkan tanpa persetujuan SOP lengkap (keadaan saat merge: ${decision.state}).`,
              en: `PR #${pull.number} was merged without SOP approval (state at merge time: ${decision.state}).`,
            },
            ...decision.reasons,
          ];
    verdicts.push({ sha, pull: pull.number, state: decision.state, reasons, accepts });
  }
  const range = decideRange(verdicts);
  printRange(io, format, range, verdicts, []);
  return range.ok ? 0 : 1;
}

function printRange(
  io: Io,
  format: Format,
  range: RangeDecision,
  verdicts: readonly CommitVerdict[],
  extra: readonly Message[],
): void {
  const ok = range.ok && extra.length === 0;
  if (format === "json") {
    const json = {
      state: ok ? "success" : "failure",
      commits: verdicts.map(({ sha, pull, state, reasons }) => ({ sha, pull, state, reasons })),
      accepted: range.accepted,
      refused: range.refused.map((verdict) => verdict.sha),
      reasons: extra,
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const accepted = new Map(range.accepted.map((a) => [a.sha, a.by]));
  const lines: string[] = [];
  for (const verdict of verdicts) {
    const by = accepted.get(verdict.sha);
    const mark = verdict.state === "success" ? "OK" : by ? "ACCEPTED" : "FAILURE";
    const pull = verdict.pull === null ? "tanpa PR (no PR)" : `PR #${verdict.pull}`;
    lines.push(
      `${mark} ${verdict.sha.slice(0, 7)} ${pull}${by ? `, diterima oleh (accepted by) ${by.slice(0, 7)}` : ""}`,
    );
    if (!by) for (const reason of verdict.reasons) lines.push(`  ${reason.id}`, `  ${reason.en}`);
  }
  for (const reason of extra) lines.push(`FAILURE: ${reason.id}`, `  ${reason.en}`);
  lines.push(
    ok
      ? `Semua ${verdicts.length} commit disetujui (all ${verdicts.length} commits approved).`
      : "Penerapan ditolak: ada commit tanpa persetujuan SOP (apply refused: a commit lacks SOP approval).",
  );
  io.stdout(`${lines.map(logLine).join("\n")}\n`);
}
