/**
 * `domainops validate [--root DIR] [--format text|json|github] [--today YYYY-MM-DD] [PATH...]`
 * Exit 0 = no errors (warnings allowed), 1 = errors found, 2 = usage or internal error.
 */
import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import { validateRepository } from "../adapters/repository.ts";
import { findRuleStack } from "../adapters/stack.ts";
import { DomainopsError } from "../core/errors.ts";
import { logLine } from "../core/escape.ts";
import {
  OUTPUT_FORMATS,
  renderMarkdownSummary,
  renderReport,
  renderTextSummary,
} from "../core/request/render.ts";
import type { RuleStack } from "../core/request/rule.ts";
import { dayNumber } from "../core/request/rules/util.ts";
import { parseCommandArgs, usageError } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops validate [--root DIR] [--format text|json|github] [--today YYYY-MM-DD] [PATH...]

Memeriksa berkas permohonan di requests/ (validates the request files in requests/).

  --root DIR        folder berisi requests/ dan governance/ (holds requests/ and governance/; default: .)
  --format FORMAT   text (bawaan/default), json, atau github (anotasi GitHub Actions + ringkasan
                    ke $GITHUB_STEP_SUMMARY / annotations + job summary)
  --today DATE      periksa seolah-olah hari ini DATE di zona waktu kantor (validate as if today were
                    DATE in the office time zone; default: tanggal sekarang / the current date)
  PATH...           hanya berkas ini (only these files; default: semua/every file in requests/);
                    aturan lintas berkas tetap melihat semua permohonan (cross-file rules still see all).
                    Temuan yang bergantung pada tanggal (usia NIP, kegiatan kedaluwarsa) adalah galat
                    hanya untuk berkas yang disebut; pada validasi penuh menjadi peringatan (date-dependent
                    findings are errors only for the files named; in a full run they are warnings)
  -h, --help        bantuan ini (this help)

Lingkungan (environment): DOMAINOPS_WORKERS=N  jumlah thread untuk validasi penuh (threads for a full run;
default: inti yang menganggur / one per idle core)

Kode keluar (exit codes): 0 tanpa galat (no errors), 1 ada galat (errors found), 2 salah pakai atau galat
internal (usage or internal error).
`;

const SPEC = {
  help: HELP,
  options: { root: { type: "string" }, today: { type: "string" } },
  positionals: true,
  formats: OUTPUT_FORMATS,
  defaultFormat: "text",
} as const;

function parseToday(value: string | undefined): { today?: string } {
  if (value === undefined) return {};
  if (dayNumber(value) === null) {
    throw usageError(`--today "${value}" bukan tanggal YYYY-MM-DD yang ada (is not a real YYYY-MM-DD date)`);
  }
  return { today: value };
}

/** `DOMAINOPS_WORKERS=N` fixes the threads of a full run (default: one per idle core). */
function workers(value: string | undefined): { workers?: number } {
  if (value === undefined || value === "") return {};
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new DomainopsError(
      "usage",
      `DOMAINOPS_WORKERS harus 1..64 (must be 1..64), bukan (not) "${value}"`,
    );
  }
  return { workers: n };
}

function stackOption(stack: RuleStack | undefined): { stack?: RuleStack } {
  return stack === undefined ? {} : { stack };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(argv, SPEC);
  if (parsed === "help") {
    io.stdout(HELP);
    return 0;
  }
  const args = {
    format: parsed.format,
    paths: parsed.positionals,
    ...parseToday(parsed.values.today),
  };
  const root = resolve(io.cwd, parsed.values.root ?? ".");
  // The report needs diagnostics only; not keeping every loaded request saves memory on big repositories.
  const result = await validateRepository(root, {
    paths: args.paths,
    now: io.now(),
    ...(args.today === undefined ? {} : { today: args.today }),
    cwd: io.cwd,
    collectRequests: false,
    ...workers(io.env.DOMAINOPS_WORKERS),
    // The stack file next to requests/ (when there is one) lets tunnel origins be checked here too.
    ...stackOption(findRuleStack(root)),
  });
  io.stdout(renderReport(result, args.format));
  if (args.format === "text") io.stderr(renderTextSummary(result));
  const failed = result.workers?.failed ?? [];
  if (failed.length > 0) {
    // Findings are complete (the main thread redid the share); the machine or the worker is not.
    io.stderr(
      `Peringatan (warning): ${failed.length} dari ${result.workers?.started} worker validasi gagal; bagiannya ` +
        `diperiksa ulang di thread utama (${failed.length} of ${result.workers?.started} validation workers failed; ` +
        `their share was validated again on the main thread): ${logLine(failed.join("; "))}\n`,
    );
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (args.format === "github" && summaryFile) {
    try {
      appendFileSync(summaryFile, renderMarkdownSummary(result));
    } catch (error) {
      throw new DomainopsError(
        "io",
        `GITHUB_STEP_SUMMARY tidak dapat ditulis (cannot be written): ${summaryFile}`,
        {
          cause: error,
        },
      );
    }
  }
  return result.errors > 0 ? 1 : 0;
}
