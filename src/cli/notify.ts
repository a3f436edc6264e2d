/**
 * `domainops notify --repo owner/name --sha SHA [--root DIR] [--stack NAME]`: after apply, tells the
 * applicant on the merged pull request of SHA that the subdomain is live (URL, hosting, how to reach
 * its hosting account, records), and which subdomains were removed. The records and accounts come from
 * the desired state of the checkout at SHA, the very state the apply job just applied, and the servers
 * from its stack settings; a removed request's account from that file on the pull request's base.
 * One comment per pull request, updated on re-runs.
 * Exit 0 = posted (or no pull request to tell), 2 = usage or error.
 */

import { resolve } from "node:path";
import { createGitHub } from "../adapters/github.ts";
import { loadPolicy } from "../adapters/governance.ts";
import { validateRepository } from "../adapters/repository.ts";
import { choosePullForCommit } from "../core/approvals/merged-pull.ts";
import { DomainopsError } from "../core/errors.ts";
import { buildDesiredState } from "../core/infra/desired-state.ts";
import { intakeIssueOf, intakeLiveComment } from "../core/intake/pull.ts";
import type { LiveRequest, RemovedAccount } from "../core/reports/notify.ts";
import { NOTIFY_MARKER, removedAccountOf, renderNotifyComment } from "../core/reports/notify.ts";
import { parseYamlSafe } from "../core/request/parse.ts";
import { classifyPullFiles, subdomainOfRequestFile } from "../core/request/pull-files.ts";
import { type GitHubFactory, githubToken, parseCommandArgs, parseRepo, usageError } from "./args.ts";
import type { Io } from "./io.ts";
import { loadStackSettings } from "./plan.ts";

const HELP = `Pemakaian (usage): domainops notify --repo owner/name --sha SHA [--root DIR] [--stack NAME]

Mengabari pemohon di pull request yang digabungkan bahwa subdomainnya aktif (URL dan rekaman DNS).
(Tells the applicant on the merged pull request that the subdomain is live: URL and DNS records.)

  --repo owner/name  repositori GitHub; token dari GITHUB_TOKEN atau DOMAINOPS_GITHUB_TOKEN
  --sha SHA          commit yang diterapkan (the applied commit, e.g. \${GITHUB_SHA})
  --root DIR         checkout commit itu, berisi requests/ dan Pulumi.<stack>.yaml (default: .)
  --stack NAME       stack Pulumi (default: satu-satunya / the only Pulumi.<stack>.yaml)
  -h, --help         bantuan ini (this help)

Kode keluar (exit codes): 0 terkirim atau tidak ada PR (posted, or no pull request), 2 salah pakai
atau galat (usage or error).
`;

interface Args {
  owner: string;
  repo: string;
  sha: string;
  root: string;
  stack: string | undefined;
}

function parse(argv: string[]): Args | "help" {
  const args = parseCommandArgs(argv, {
    help: HELP,
    options: {
      repo: { type: "string" },
      sha: { type: "string" },
      root: { type: "string" },
      stack: { type: "string" },
    },
  });
  if (args === "help") return "help";
  const { repo, sha, root, stack } = args.values;
  const named = parseRepo(repo, args.usage);
  if (!sha || !/^[0-9a-f]{7,40}$/i.test(sha)) {
    throw args.usage(`--sha wajib berupa SHA commit (required, a commit SHA): "${sha ?? ""}"`);
  }
  return { ...named, sha: sha.toLowerCase(), root: root ?? ".", stack };
}

export async function run(argv: string[], io: Io, github: GitHubFactory = createGitHub): Promise<number> {
  const args = parse(argv);
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const token = githubToken(io, usageError);
  const client = github({ token, owner: args.owner, repo: args.repo });

  const [pulls, defaultBranch] = await Promise.all([
    client.listPullsForCommit(args.sha),
    client.fetchDefaultBranch(),
  ]);
  const chosen = choosePullForCommit({ sha: args.sha, pulls, mainline: [args.sha], defaultBranch });
  if (!chosen.ok) {
    io.stdout(
      `Commit ${args.sha.slice(0, 7)} tidak berasal dari pull request yang digabungkan; tidak ada yang dikabari. ` +
        "(Not from a merged pull request; nobody to tell.)\n",
    );
    return 0;
  }
  const pull = chosen.pull;
  const { touched, removed } = classifyPullFiles(await client.fetchFiles(pull.number));

  const root = resolve(io.cwd, args.root);
  const stack = loadStackSettings(root, args.stack);
  const result = await validateRepository(root, { now: io.now() });
  if (result.errors > 0) {
    throw new DomainopsError(
      "config",
      `${result.errors} galat pada permohonan di ${root}; keadaan yang diterapkan tidak dapat dipastikan ` +
        `(${result.errors} errors in the requests; the applied state cannot be told)`,
    );
  }
  const byFile = new Map(result.requests.map((loaded) => [loaded.file, loaded.request]));
  const live: LiveRequest[] = [];
  for (const file of touched) {
    const request = byFile.get(file);
    // Gone again by the time of SHA (a later commit of the same push): nothing live to announce.
    if (request) live.push({ subdomain: request.subdomain, hosting: request.hosting.jenis });
  }
  const goneFiles = removed.filter((file) => !byFile.has(file));
  const gone = goneFiles.map(subdomainOfRequestFile);
  const servers = stack.settings.hostingServers;
  const removedAccounts: RemovedAccount[] = [];
  for (const file of goneFiles) {
    const bytes = await client.fetchFileAt(file, pull.base.sha);
    if (bytes === null) continue;
    const parsed = parseYamlSafe(file, bytes);
    const account = removedAccountOf(subdomainOfRequestFile(file), parsed.data, servers);
    if (account !== null) removedAccounts.push(account);
  }

  const state = buildDesiredState(result.requests, stack.settings);
  const body = renderNotifyComment({
    state,
    servers,
    live,
    removed: gone,
    removedAccounts,
    sha: args.sha,
    stack: stack.name,
  });
  const comment = await client.upsertStickyComment(pull.number, body, NOTIFY_MARKER);
  io.stdout(
    `PR #${pull.number}: komentar (comment) #${comment.id} ${comment.action}; ` +
      `${live.length} aktif (live), ${gone.length} dihapus (removed)\n`,
  );
  // A pull request made from an applicant's issue: they follow it there, so it is told and closed.
  const issue = intakeIssueOf(pull, (await loadPolicy(root)).intakeApp);
  if (issue !== null) {
    const urls = live.map((request) => `https://${request.subdomain}.${state.zone}`);
    const closed = await client.closeIssue(issue, intakeLiveComment({ pull: pull.number, urls }));
    io.stdout(
      `isu (issue) #${issue}: ${closed === "closed" ? "ditutup (closed)" : "sudah tertutup (already closed)"}\n`,
    );
  }
  return 0;
}
