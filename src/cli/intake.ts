/**
 * `domainops intake --repo owner/name --issue N --result FILE`: the second half of the issue intake
 * (`docs/intake.md`). FILE is what `domainops from-issue --format json` made of the issue's body. A valid
 * request goes to the branch `permohonan/<N>` and its one open pull request; an invalid one gets the
 * issue's one bot comment saying what to fix. Only open issues with the form's label are handled, and
 * the request's technical contact must be the issue's author (who becomes the applicant).
 * Exit 0 pull request opened or up to date (or nothing to do), 1 the request is invalid, 2 usage or error.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { createGitHub } from "../adapters/github.ts";
import { createIntakeWriter, type IntakeWriter } from "../adapters/github-intake.ts";
import { DomainopsError } from "../core/errors.ts";
import { logLine } from "../core/escape.ts";
import {
  editedByOther,
  INTAKE_LABEL,
  INTAKE_MARKER,
  type IntakeDiagnostic,
  intakeBranch,
  intakeIssueComment,
  intakePullBody,
  intakePullTitle,
} from "../core/intake/pull.ts";
import type { Message } from "../core/types.ts";
import { type GitHubFactory, githubToken, parseCommandArgs, parseRepo, usageError } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops intake --repo owner/name --issue N --result FILE

Mengubah isu formulir permohonan menjadi pull request (cabang permohonan/<N>), atau berkomentar di isu
apa yang harus diperbaiki. FILE adalah keluaran \`domainops from-issue --format json\`.
(Turns a request-form issue into a pull request (branch permohonan/<N>), or comments on the issue what to
fix. FILE is the output of \`domainops from-issue --format json\`.)

  --repo owner/name  repositori; token dari GITHUB_TOKEN (token GitHub App kantor, agar pemeriksaan berjalan)
                     (the repository; token from GITHUB_TOKEN: the office's GitHub App, so the checks run)
  --issue N          nomor isu (the issue number)
  --result FILE      hasil from-issue (the from-issue result)
  -h, --help         bantuan ini (this help)

Kode keluar (exit codes): 0 PR dibuka atau sudah sesuai, atau tidak ada yang dikerjakan (PR opened or up to
date, or nothing to do), 1 permohonan tidak sah (invalid request), 2 salah pakai atau galat (usage or error).
`;

const REQUEST_FILE = /^requests\/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.yaml$/;
const MAX_RESULT_BYTES = 4 * 1024 * 1024;

interface FromIssueResult {
  file: string | null;
  content: string | null;
  diagnostics: IntakeDiagnostic[];
  errors: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function messageOf(value: unknown): Message | null {
  if (!isRecord(value) || typeof value.id !== "string" || typeof value.en !== "string") return null;
  return { id: value.id, en: value.en };
}

/** The from-issue JSON, checked: anything else is a usage error (the workflow is broken, not the issue). */
export function readFromIssueResult(text: string): FromIssueResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw usageError("--result bukan JSON keluaran from-issue (is not from-issue's JSON output)");
  }
  if (!isRecord(json) || !Array.isArray(json.diagnostics))
    throw usageError(
      "--result tidak berisi {file, content, diagnostics} (does not hold {file, content, diagnostics})",
    );
  const file = typeof json.file === "string" ? json.file : null;
  const content = typeof json.content === "string" ? json.content : null;
  const diagnostics: IntakeDiagnostic[] = [];
  let errors = 0;
  for (const item of json.diagnostics) {
    const message = isRecord(item) ? messageOf(item.message) : null;
    if (!isRecord(item) || message === null)
      throw usageError("--result: diagnostik tanpa message {id, en} (a diagnostic without message {id, en})");
    if (item.severity !== "warning" && item.severity !== "info") errors++;
    else continue;
    // from-issue names the form field by its label (what the applicant sees) and its id.
    const field =
      typeof item.label === "string" ? item.label : typeof item.field === "string" ? item.field : null;
    diagnostics.push({ field, message });
  }
  return { file, content, diagnostics, errors };
}

/** The technical contact's login the request names, read as data. */
function contactOf(content: string): string | null {
  try {
    const data: unknown = parseYaml(content, { maxAliasCount: 0 });
    const contact = isRecord(data) && isRecord(data.pengelola_teknis) ? data.pengelola_teknis.github : null;
    return typeof contact === "string" ? contact : null;
  } catch {
    return null;
  }
}

export type IntakeWriterFactory = (options: { token: string; owner: string; repo: string }) => IntakeWriter;

export async function run(
  argv: string[],
  io: Io,
  github: GitHubFactory = createGitHub,
  writer: IntakeWriterFactory = createIntakeWriter,
): Promise<number> {
  const args = parseCommandArgs(argv, {
    help: HELP,
    options: { repo: { type: "string" }, issue: { type: "string" }, result: { type: "string" } },
  });
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const named = parseRepo(args.values.repo, args.usage);
  const issue = Number(args.values.issue);
  if (!/^[1-9][0-9]{0,9}$/.test(args.values.issue ?? "") || !Number.isSafeInteger(issue))
    throw args.usage(`--issue "${args.values.issue ?? ""}" bukan nomor isu (not an issue number)`);
  if (args.values.result === undefined) throw args.usage("--result wajib (is required)");
  const path = resolve(io.cwd, args.values.result);
  const text = await readFile(path, "utf8").catch(() => {
    throw new DomainopsError("usage", `tidak dapat membaca --result ${args.values.result} (cannot read)`);
  });
  if (Buffer.byteLength(text) > MAX_RESULT_BYTES) throw usageError("--result terlalu besar (too large)");
  const result = readFromIssueResult(text);

  const token = githubToken(io, usageError);
  const botLogin = io.env.DOMAINOPS_BOT_LOGIN;
  const client = github({ token, ...named, ...(botLogin ? { botLogin } : {}) });
  const info = await client.fetchIssue(issue);
  if (info.isPull || info.state !== "open" || !info.labels.includes(INTAKE_LABEL)) {
    io.stdout(
      `#${issue}: bukan isu permohonan yang terbuka; tidak ada yang dikerjakan (not an open request issue; nothing done)\n`,
    );
    return 0;
  }
  const author = info.user?.login ?? null;
  const comment = (body: string) => client.upsertStickyComment(issue, body, INTAKE_MARKER);

  const invalid = (diagnostics: IntakeDiagnostic[]) =>
    comment(intakeIssueComment({ kind: "invalid", diagnostics }));
  if (result.errors > 0 || result.file === null || result.content === null) {
    await invalid(result.diagnostics);
    io.stdout(`#${issue}: ${result.errors} galat, dikomentari (errors, commented)\n`);
    return 1;
  }
  if (!REQUEST_FILE.test(result.file))
    throw usageError(
      `--result: berkas "${logLine(result.file)}" bukan requests/<nama>.yaml (not requests/<name>.yaml)`,
    );
  if (author === null || contactOf(result.content)?.toLowerCase() !== author.toLowerCase()) {
    // from-issue was run for someone else: never open a pull request in another person's name.
    throw new DomainopsError(
      "usage",
      `--result: pengelola_teknis.github bukan penulis isu #${issue} (is not the author of issue #${issue})`,
    );
  }

  // The request is the author's only while nobody else edited the issue: a maintainer's edit would be
  // judged with the author's rights (name owner, permissions). Nothing is written then.
  const editor = await client.fetchIssueEditor(issue);
  if (editor !== null && editedByOther(author, editor)) {
    await comment(intakeIssueComment({ kind: "edited", editor, author }));
    io.stdout(
      `#${issue}: ${logLine(`disunting oleh ${editor}, bukan pemohon; tidak ada yang ditulis (edited by someone else; nothing written)`)}\n`,
    );
    return 1;
  }

  const branch = intakeBranch(issue);
  const base = await client.fetchDefaultBranch();
  const write = writer({ token, ...named });
  const written = await write.writeBranch({
    branch,
    base,
    path: result.file,
    content: result.content,
    message: `${intakePullTitle(result.file, issue)}\n\nDari isu (from issue) #${issue}.`,
  });
  const pull = await write.upsertPull({
    branch,
    base,
    title: intakePullTitle(result.file, issue),
    body: intakePullBody({ issue, applicant: author, file: result.file }),
  });
  await comment(
    intakeIssueComment({
      kind: "opened",
      pull: pull.number,
      file: result.file,
      changed: written.changed || pull.created,
    }),
  );
  io.stdout(
    `#${issue}: PR #${pull.number} ${pull.created ? "dibuka (opened)" : "diperbarui (updated)"}; ` +
      `cabang (branch) ${branch} ${written.changed ? "ditulis (written)" : "sudah sesuai (up to date)"}\n`,
  );
  return 0;
}
