/**
 * `domainops approvals`: the SOP approval decision.
 *   offline  --pull pull.json --reviews reviews.json [--files files.json] [--base DIR] [--now ISO]
 *   online   --repo owner/name --pr N            (posts status, sticky comment, review requests)
 *   verify   --repo owner/name --verify-commit SHA   (after merge: was it approved at merge time?)
 * Exit 0 = approved, 1 = pending or failure, 2 = usage or internal error.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { readBaseRequests } from "../adapters/base-requests.ts";
import type { GitHubAdapter } from "../adapters/github.ts";
import { createGitHub } from "../adapters/github.ts";
import { loadGovernance } from "../adapters/governance.ts";
import { loadPolicy } from "../adapters/policy.ts";
import type { Decision } from "../core/approvals.ts";
import { decideApprovals } from "../core/approvals.ts";
import { DomainopsError } from "../core/errors.ts";
import type { Governance } from "../core/governance.ts";
import type { Checked, PullRequest } from "../core/pull.ts";
import { checkFiles, checkPull, checkReviews } from "../core/pull.ts";
import type { PullLimits, PullSize } from "../core/pull-size.ts";
import { checkPullSize } from "../core/pull-size.ts";
import {
  renderApprovalComment,
  renderApprovalText,
  renderRefusalComment,
  toApprovalJson,
} from "../core/render-approvals.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage):
  domainops approvals --pull pull.json --reviews reviews.json [--files files.json] [--base DIR]
                      [--root DIR] [--now ISO] [--format text|json|markdown]
  domainops approvals --repo owner/name --pr N [--root DIR] [--extra FILE] [--format ...]
  domainops approvals --repo owner/name --verify-commit SHA [--root DIR] [--format ...]

Memutuskan persetujuan permintaan tarik sesuai SOP di governance/ (decides SOP approval of a pull
request). Berkas JSON = jawaban mentah REST GitHub GET /repos/{o}/{r}/pulls/{n}, .../reviews, .../files.

  --root DIR       folder berisi governance/ (holds governance/; default: .)
  --base DIR       checkout cabang dasar untuk pemilik permohonan lama (base-branch checkout for the
                   owners of existing requests; default: --root)
  --now ISO        waktu keputusan (decision time; default: sekarang / now)
  --repo, --pr     mode daring: token dari GITHUB_TOKEN atau DOMAINOPS_GITHUB_TOKEN; menulis status
                   domainops/sop, komentar tetap, dan permintaan tinjauan (online mode)
  --extra FILE     bagian Markdown tambahan untuk komentar (extra Markdown section for the comment)
  --verify-commit  setelah merge: periksa PR dari commit itu disetujui saat digabungkan
                   (after merge: check the commit's PR was approved when merged)
  DOMAINOPS_BOT_LOGIN  login penulis komentar untuk token GitHub App (comment author for App tokens;
                   default: dari GET /user, atau github-actions[bot] untuk GITHUB_TOKEN)
  --format FORMAT  text (bawaan/default), json, markdown

Kode keluar (exit codes): 0 disetujui (approved), 1 menunggu/ditolak (pending/failure), 2 salah pakai
(usage) atau galat (error).
`;

const FORMATS = ["text", "json", "markdown"] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  pull?: string;
  reviews?: string;
  files?: string;
  base?: string;
  root: string;
  now?: string;
  format: Format;
  repo?: string;
  pr?: string;
  extra?: string;
  verifyCommit?: string;
  help: boolean;
}

function usage(message: string): DomainopsError {
  return new DomainopsError("usage", `${message}\n${HELP}`);
}

function parse(argv: string[]): Args {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        pull: { type: "string" },
        reviews: { type: "string" },
        files: { type: "string" },
        base: { type: "string" },
        root: { type: "string" },
        now: { type: "string" },
        format: { type: "string" },
        repo: { type: "string" },
        pr: { type: "string" },
        extra: { type: "string" },
        "verify-commit": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const format = (values.format as string | undefined) ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usage(`format tidak dikenal (unknown format) "${format}"; pilih (choose) ${FORMATS.join(", ")}`);
  }
  const str = (key: string): string | undefined => values[key] as string | undefined;
  const args: Args = { root: str("root") ?? ".", format: format as Format, help: values.help === true };
  for (const [key, field] of [
    ["pull", "pull"],
    ["reviews", "reviews"],
    ["files", "files"],
    ["base", "base"],
    ["now", "now"],
    ["repo", "repo"],
    ["pr", "pr"],
    ["extra", "extra"],
    ["verify-commit", "verifyCommit"],
  ] as const) {
    const value = str(key);
    if (value !== undefined) args[field] = value;
  }
  return args;
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

async function governanceOf(root: string, io: Io): Promise<Governance> {
  const { governance, diagnostics } = await loadGovernance(root);
  if (!governance) {
    for (const d of diagnostics)
      io.stderr(`${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message.id} / ${d.message.en}\n`);
    throw new DomainopsError(
      "config",
      "data governance/ tidak sah (invalid governance data); lihat di atas (see above)",
    );
  }
  return governance;
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

function splitRepo(value: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value);
  if (!match) throw usage(`--repo "${value}" harus berbentuk owner/name (must be owner/name)`);
  return { owner: match[1] as string, repo: match[2] as string };
}

/** Lets tests hand in a fake-fetch adapter. */
export type GitHubFactory = (options: {
  token: string;
  owner: string;
  repo: string;
  botLogin?: string;
}) => GitHubAdapter;

export async function run(argv: string[], io: Io, github: GitHubFactory = createGitHub): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    io.stdout(HELP);
    return 0;
  }
  const root = resolve(io.cwd, args.root);

  if (args.repo !== undefined) {
    if (args.pull || args.reviews || args.files)
      throw usage("--repo tidak dapat digabung dengan --pull/--reviews/--files");
    if ((args.pr === undefined) === (args.verifyCommit === undefined))
      throw usage("--repo perlu tepat satu dari --pr atau --verify-commit");
    const token = io.env.GITHUB_TOKEN || io.env.DOMAINOPS_GITHUB_TOKEN;
    if (!token)
      throw usage("token GitHub tidak ada: setel GITHUB_TOKEN atau DOMAINOPS_GITHUB_TOKEN (no GitHub token)");
    const governance = await governanceOf(root, io);
    // A GitHub App token cannot read its own login; DOMAINOPS_BOT_LOGIN names it (e.g. "my-app[bot]").
    const botLogin = io.env.DOMAINOPS_BOT_LOGIN;
    const client = github({ token, ...splitRepo(args.repo), ...(botLogin ? { botLogin } : {}) });
    if (args.verifyCommit !== undefined)
      return verify(client, args.verifyCommit, governance, args.format, io);
    const number = Number(args.pr);
    if (!Number.isInteger(number) || number < 1)
      throw usage(`--pr "${args.pr}" bukan nomor PR (not a PR number)`);
    const extra = args.extra
      ? await readFile(resolve(io.cwd, args.extra), "utf8").catch(() => {
          throw new DomainopsError("usage", `tidak dapat membaca --extra ${args.extra} (cannot read)`);
        })
      : undefined;
    const { pullLimits } = await loadPolicy(root);
    return online(client, number, governance, pullLimits, parseNow(args.now, io), args.format, io, extra);
  }

  if (args.pr !== undefined || args.verifyCommit !== undefined)
    throw usage("--pr dan --verify-commit memerlukan --repo");
  if (!args.pull || !args.reviews)
    throw usage("perlu --pull dan --reviews (need --pull and --reviews), atau --repo");
  const pull = await readJson(resolve(io.cwd, args.pull), "pull request", checkPull);
  const reviews = await readJson(resolve(io.cwd, args.reviews), "reviews", checkReviews);
  const files = args.files ? await readJson(resolve(io.cwd, args.files), "files", checkFiles) : undefined;
  const governance = await governanceOf(root, io);
  const baseRequests = files
    ? await readBaseRequests(resolve(io.cwd, args.base ?? args.root), files)
    : undefined;
  const decision = decideApprovals({
    pull,
    reviews,
    governance,
    now: parseNow(args.now, io),
    ...(files ? { files } : {}),
    ...(baseRequests ? { baseRequests } : {}),
  });
  print(io, args.format, decision, governance);
  return decision.state === "success" ? 0 : 1;
}

async function online(
  client: GitHubAdapter,
  number: number,
  governance: Governance,
  limits: PullLimits,
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
  // Size first, from the pull request's own count: a refused pull request costs no per-file call.
  const early = checkPullSize({ changedFiles: pull.changed_files, limits });
  if (!early.ok) return refuse(client, pull, early, format, io, runUrl);
  const [reviews, files] = await Promise.all([client.fetchReviews(number), client.fetchFiles(number)]);
  const size = checkPullSize({ changedFiles: pull.changed_files, files, limits });
  if (!size.ok) return refuse(client, pull, size, format, io, runUrl);
  const baseRequests = await client.fetchBaseRequests(files, pull.base.sha);
  const decision = decideApprovals({ pull, reviews, files, governance, now, baseRequests });
  await client.postStatus(pull.head.sha, decision.state, decision.description, runUrl);
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

async function verify(
  client: GitHubAdapter,
  sha: string,
  governance: Governance,
  format: Format,
  io: Io,
): Promise<number> {
  if (!/^[0-9a-f]{7,40}$/i.test(sha))
    throw usage(`--verify-commit "${sha}" bukan SHA commit (not a commit SHA)`);
  const found = await client.findMergedPullForCommit(sha);
  if (!found?.merged_at) {
    const text = {
      id: `Commit ${sha.slice(0, 7)} tidak berasal dari permintaan tarik yang digabungkan: digabungkan tanpa persetujuan SOP.`,
      en: `Commit ${sha.slice(0, 7)} does not come from a merged pull request: merged without SOP approval.`,
    };
    if (format === "json")
      io.stdout(`${JSON.stringify({ state: "failure", pull: null, reasons: [text] }, null, 2)}\n`);
    else io.stdout(`FAILURE: ${text.id}\n  ${text.en}\n`);
    return 1;
  }
  const pull = await client.fetchPull(found.number);
  const [reviews, files] = await Promise.all([
    client.fetchReviews(pull.number),
    client.fetchFiles(pull.number),
  ]);
  const baseRequests = await client.fetchBaseRequests(files, pull.base.sha);
  // Judged as it stood when merged: later reviews and later changes of office do not count.
  const decision = decideApprovals({
    pull,
    reviews,
    files,
    governance,
    now: new Date(pull.merged_at as string),
    baseRequests,
  });
  if (decision.state !== "success") {
    decision.reasons.unshift({
      id: `PR #${pull.number} digabungkan tanpa persetujuan SOP lengkap (keadaan saat merge: ${decision.state}).`,
      en: `PR #${pull.number} was merged without SOP approval (state at merge time: ${decision.state}).`,
    });
  }
  print(io, format, decision, governance);
  return decision.state === "success" ? 0 : 1;
}
