/**
 * The zone-change preview of a pull request for the SOP gate's sticky comment, made without ever
 * checking out the pull request: its request files are read as data through the API, laid over the
 * default branch's `requests/` in the working tree, and `domainops diff --base HEAD` renders what
 * merging would change (or the validator's findings when a file is invalid).
 *
 *   domainops pr-preview --repo owner/name --pr N --out FILE [--root DIR] [--stack NAME]
 *
 * Only `requests/<name>` files are written; nothing else of the pull request touches the disk.
 * Exit 0 = preview written, 2 = usage or outage. Token from GITHUB_TOKEN or DOMAINOPS_GITHUB_TOKEN.
 */

import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createGitHub } from "../adapters/github.ts";
import { loadPolicy } from "../adapters/governance.ts";
import { checkPullSize } from "../core/approvals/pull-size.ts";
import { markdownCode, markdownText } from "../core/escape.ts";
import { planOverlay } from "../core/request/pull-files.ts";
import type { Message } from "../core/types.ts";
import { type GitHubFactory, githubToken, parseCommandArgs, parseRepo } from "./args.ts";
import type { Io } from "./io.ts";
import { memoryIo } from "./io.ts";
import { runDiff } from "./plan.ts";

const HELP = `Pemakaian (usage): domainops pr-preview --repo owner/name --pr N --out FILE [--root DIR] [--stack NAME]

Pratinjau perubahan zona dari sebuah pull request untuk komentar gerbang SOP, tanpa checkout PR.
(Zone-change preview of a pull request for the SOP gate's comment, without checking the PR out.)

  --repo owner/name  repositori GitHub; token dari GITHUB_TOKEN atau DOMAINOPS_GITHUB_TOKEN
  --pr N             nomor pull request (pull request number)
  --out FILE         berkas Markdown yang ditulis (the Markdown file written)
  --root DIR         checkout cabang bawaan, berisi requests/ (default-branch checkout; default: .)
  --stack NAME       stack Pulumi (default: satu-satunya / the only Pulumi.<stack>.yaml)
  -h, --help         bantuan ini (this help)

Kode keluar (exit codes): 0 pratinjau ditulis (preview written), 2 salah pakai atau galat (usage or error).
`;

/** No preview for a pull request too big to read: a note saying why, in place of the preview. */
function skip(out: string, reason: Message, number: number, io: Io): number {
  const note = [
    "<details open><summary>Pratinjau perubahan zona (zone change preview)</summary>",
    "",
    `Tidak ada pratinjau: ${markdownText(reason.id)}`,
    "",
    `_No preview: ${markdownText(reason.en)}_`,
    "",
    "</details>",
    "",
  ];
  writeFileSync(path.resolve(io.cwd, out), note.join("\n"));
  io.stdout(`Pratinjau PR #${number} dilewati (preview skipped): ${reason.en}\n`);
  return 0;
}

export async function run(argv: string[], io: Io, github: GitHubFactory = createGitHub): Promise<number> {
  const args = parseCommandArgs(argv, {
    help: HELP,
    options: {
      repo: { type: "string" },
      pr: { type: "string" },
      out: { type: "string" },
      root: { type: "string" },
      stack: { type: "string" },
    },
  });
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const { values } = args;
  const number = Number(values.pr);
  if (!values.repo || !Number.isInteger(number) || number < 1 || !values.out) {
    throw args.usage("--repo owner/name, --pr N dan --out FILE wajib (are required)");
  }
  const client = github({ token: githubToken(io, args.usage), ...parseRepo(values.repo, args.usage) });
  const root = path.resolve(io.cwd, values.root ?? ".");

  const { pullLimits } = await loadPolicy(root);
  const pull = await client.fetchPull(number);
  // Size first, from the pull request's own count, so a huge one costs no per-file read.
  const early = checkPullSize({ changedFiles: pull.changed_files, limits: pullLimits });
  if (!early.ok) return skip(values.out, early.reason, number, io);
  const files = await client.fetchFiles(number);
  const size = checkPullSize({ changedFiles: pull.changed_files, files, limits: pullLimits });
  if (!size.ok) return skip(values.out, size.reason, number, io);
  const overlay = planOverlay(files);
  const unreadable = [...overlay.skipped];
  for (const file of overlay.remove) rmSync(path.join(root, file), { force: true });
  for (const file of overlay.write) {
    const bytes = await client.fetchFileAt(file, pull.head.sha);
    if (bytes === null) {
      unreadable.push(file);
      rmSync(path.join(root, file), { force: true });
    } else {
      writeFileSync(path.join(root, file), bytes);
    }
  }

  const diffIo = memoryIo({ cwd: root, env: {}, now: io.now() });
  const stack = values.stack ? ["--stack", values.stack] : [];
  await runDiff(["--root", root, "--base", "HEAD", "--format", "markdown", ...stack], diffIo);
  const lines = [
    `<details open><summary>Pratinjau perubahan zona pada commit <code>${pull.head.sha.slice(0, 7)}</code> ` +
      "(zone change preview)</summary>",
    "",
    diffIo.out.join("").trimEnd(),
  ];
  if (unreadable.length > 0) {
    lines.push(
      "",
      "Berkas ini tidak dapat dipratinjau (bukan berkas biasa, bersarang, atau terlalu besar) — " +
        "these files could not be previewed (not regular, nested or too large):",
      ...unreadable.map((file) => `- ${markdownCode(file)}`),
    );
  }
  lines.push("", "</details>", "");
  writeFileSync(path.resolve(io.cwd, values.out), lines.join("\n"));
  io.stdout(
    `Pratinjau PR #${number} ditulis ke ${values.out}: ${overlay.write.length} berkas diambil, ` +
      `${overlay.remove.length} dihapus (preview written: files fetched, removed)\n`,
  );
  return 0;
}
