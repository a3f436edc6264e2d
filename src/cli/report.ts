/**
 * `domainops report`: the SOP's monthly activity report (laporan kegiatan) from the office's pull
 * requests, read from GitHub (`--repo`) or from a saved-pulls file (`--pulls`). The figures are
 * `buildServiceReport`'s; this module only reads, fetches and prints.
 * Exit 0 = report printed, 2 = usage, unreadable input or GitHub failure.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createGitHub } from "../adapters/github.ts";
import { loadGovernance } from "../adapters/governance.ts";
import { readSavedPullsFile } from "../adapters/pulls-file.ts";
import { type Governance, localDate } from "../core/approvals/governance.ts";
import { DomainopsError, unhandled } from "../core/errors.ts";
import type { SavedPull } from "../core/reports/pulls-file.ts";
import { toSavedPullsJson } from "../core/reports/pulls-file.ts";
import { buildServiceReport, isMonth } from "../core/reports/service-report.ts";
import {
  renderServiceReportCsv,
  renderServiceReportMarkdown,
  toServiceReportJson,
} from "../core/reports/service-report-render.ts";
import { type GitHubFactory, githubToken, parseCommandArgs, parseRepo, usageError } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage):
  domainops report [--month YYYY-MM] --repo owner/name [--save-pulls FILE] [--root DIR] [--format ...]
  domainops report [--month YYYY-MM] --pulls FILE [--root DIR] [--format ...]

Laporan kegiatan layanan SOP satu bulan: permohonan diterima, selesai, dikembalikan dan masih terbuka;
waktu kerja tiap langkah (median, persentil ke-90) terhadap mutu baku; keterlambatan per peran.
(The SOP's monthly service report: requests received, completed, returned and open; working time per
step, median and 90th percentile, against its standard; late steps per role.) Lihat docs/report.md.

  --month YYYY-MM   bulan menurut zona waktu kantor; bawaan: bulan ini di zona itu
                    (month in the office's time zone; default: the current month there)
  --repo owner/name baca PR dari GitHub; token dari GITHUB_TOKEN atau DOMAINOPS_GITHUB_TOKEN
                    (read the pull requests from GitHub)
  --pulls FILE      baca PR dari berkas JSON tersimpan (read a saved-pulls JSON file)
  --save-pulls FILE dengan --repo: simpan PR yang dibaca untuk \`domainops site --pulls\`
                    (with --repo: save the pull requests read, for reuse)
  --root DIR        folder berisi governance/ (holds governance/; default: .)
  --format FORMAT   markdown (bawaan/default), csv, json

Kode keluar (exit codes): 0 laporan dicetak (report printed), 2 salah pakai, masukan tak terbaca atau
galat GitHub (usage, unreadable input or GitHub error).
`;

const FORMATS = ["markdown", "csv", "json"] as const;

const SPEC = {
  help: HELP,
  options: {
    month: { type: "string" },
    repo: { type: "string" },
    pulls: { type: "string" },
    "save-pulls": { type: "string" },
    root: { type: "string" },
  },
  formats: FORMATS,
  defaultFormat: "markdown",
} as const;

/**
 * Closed pull requests are listed back to this long before the month starts. Every PR that figures in
 * a month was updated in it or later (opened, reviewed, merged or closed), so the margin only absorbs
 * clock and time-zone differences; open ones are always listed.
 */
const SINCE_MARGIN_DAYS = 7;

async function governanceOf(root: string, io: Io): Promise<Governance> {
  const { governance, diagnostics } = await loadGovernance(root);
  if (governance) return governance;
  for (const d of diagnostics)
    io.stderr(`${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message.id} / ${d.message.en}\n`);
  throw new DomainopsError(
    "config",
    "data governance/ tidak sah (invalid governance data); lihat di atas (see above)",
  );
}

export async function run(argv: string[], io: Io, github: GitHubFactory = createGitHub): Promise<number> {
  const parsed = parseCommandArgs(argv, SPEC);
  if (parsed === "help") {
    io.stdout(HELP);
    return 0;
  }
  const { month: asked, repo, pulls: pullsFile, "save-pulls": savePulls } = parsed.values;
  if (asked !== undefined && !isMonth(asked))
    throw usageError(
      `--month "${asked}" bukan bulan YYYY-MM, mis. 2026-12 (not a month YYYY-MM, e.g. 2026-12)`,
    );
  if ((repo === undefined) === (pullsFile === undefined))
    throw usageError("perlu tepat satu dari --repo atau --pulls (needs exactly one of --repo or --pulls)");
  if (savePulls !== undefined && repo === undefined)
    throw usageError("--save-pulls hanya dengan --repo (only with --repo)");
  const root = resolve(io.cwd, parsed.values.root ?? ".");
  const governance = await governanceOf(root, io);
  const now = io.now();
  // The office's month, not the runner's: a report run at 02:00 WIB on the 1st is the new month.
  const month = asked ?? localDate(now, governance.calendar.zona_waktu).slice(0, 7);

  let pulls: SavedPull[];
  if (pullsFile !== undefined) {
    pulls = await readSavedPullsFile(resolve(io.cwd, pullsFile));
  } else {
    const token = githubToken(io, usageError);
    const client = github({ token, ...parseRepo(repo, usageError) });
    // The month's first day at 00:00 UTC is within a day of its start in any Indonesian zone.
    const since = new Date(Date.parse(`${month}-01T00:00:00Z`) - SINCE_MARGIN_DAYS * 24 * 3_600_000);
    pulls = await client.listPullsWithReviews(since);
    if (savePulls !== undefined) {
      const target = resolve(io.cwd, savePulls);
      try {
        await writeFile(target, `${JSON.stringify(toSavedPullsJson(pulls), null, 2)}\n`);
      } catch (error) {
        throw usageError(
          `tidak dapat menulis --save-pulls ${savePulls} (cannot write): ${(error as Error).message}`,
        );
      }
    }
  }

  const report = buildServiceReport({ pulls, governance, month, now });
  switch (parsed.format) {
    case "markdown":
      io.stdout(renderServiceReportMarkdown(report, governance.calendar));
      break;
    case "csv":
      io.stdout(renderServiceReportCsv(report));
      break;
    case "json":
      io.stdout(`${JSON.stringify(toServiceReportJson(report), null, 2)}\n`);
      break;
    default:
      unhandled(parsed.format, "report format");
  }
  return 0;
}
