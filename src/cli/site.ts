/**
 * `domainops site --out DIR [--root DIR] [--pulls FILE] [--repo OWNER/NAME]`: writes the public
 * registry site (`index.html` in Bahasa Indonesia, `en/index.html` in English, `assets/`) into DIR
 * from the valid requests of `requests/`, the office's governance, the git history of the root (when
 * it is the top of a work tree: the commit that brought each request file onto the branch) and, when
 * given, the saved pull requests (`src/core/reports/pulls-file.ts`): the merge that made each
 * subdomain live and the SOP step of each open request. The clock is read here and handed to the
 * pure core.
 * Exit 0 = written, 2 = usage or error.
 */

import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { additionsOnFirstParent } from "../adapters/git.ts";
import { loadGovernance, loadPolicy } from "../adapters/governance.ts";
import { readSavedPullsFile } from "../adapters/pulls-file.ts";
import { validateRepository } from "../adapters/repository.ts";
import { localDate } from "../core/approvals/governance.ts";
import { DomainopsError } from "../core/errors.ts";
import { logLine } from "../core/escape.ts";
import { buildServiceReport } from "../core/reports/service-report.ts";
import { arrivalsJson, type KnownArrivals, parseArrivals } from "../core/site/arrivals.ts";
import { buildSiteModel, reportView } from "../core/site/model.ts";
import { renderSite } from "../core/site/render.ts";
import type { Diagnostic } from "../core/types.ts";
import { parseCommandArgs, parseRepo } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops site --out DIR [--root DIR] [--pulls FILE] [--repo OWNER/NAME]
                          [--arrivals FILE]

Membuat situs registri publik: subdomain aktif dan permohonan yang sedang diproses.
(Builds the public registry site: live subdomains and the requests in progress.)

  --out DIR          folder tujuan (output folder): index.html, en/index.html, assets/
  --root DIR         repositori kantor, berisi requests/ dan governance/ (default: .)
  --pulls FILE       pull request tersimpan (saved pull requests, JSON): langkah SOP permohonan
                     terbuka dan laporan bulan ini; tanpa ini keduanya tidak ditampilkan
                     (the open requests' SOP steps and this month's report)

Tanggal aktif: merge PR yang menambahkan berkas, atau commit yang membawanya ke cabang menurut riwayat
git (bila --root puncak repositori git dengan riwayat penuh), atau tanggal surat. (Live date: the merge
of the adding pull request, else the commit that brought the file onto the branch, else the letter.)
  --repo OWNER/NAME  repositori GitHub kantor: tombol permohonan dan tautan pull request
  --arrivals FILE    tanggal tiba dari build sebelumnya, dibaca bila ada lalu ditulis ulang: hanya
                     commit sesudahnya yang dibaca dari riwayat git (dates of the previous build, read
                     when present and written back: only the commits since are read from git)
  -h, --help         bantuan ini (this help)

Kode keluar (exit codes): 0 ditulis (written), 2 salah pakai atau galat (usage or error).
`;

interface Args {
  out: string;
  root: string;
  pulls?: string;
  repo?: string;
  arrivals?: string;
}

function parse(argv: string[]): Args | "help" {
  const args = parseCommandArgs(argv, {
    help: HELP,
    options: {
      out: { type: "string" },
      root: { type: "string" },
      pulls: { type: "string" },
      repo: { type: "string" },
      arrivals: { type: "string" },
    },
  });
  if (args === "help") return "help";
  const { out, root, pulls, repo, arrivals } = args.values;
  if (!out) throw args.usage("--out DIR wajib (required)");
  const named = repo === undefined ? undefined : parseRepo(repo, args.usage);
  return {
    out,
    root: root ?? ".",
    ...(pulls === undefined ? {} : { pulls }),
    ...(named === undefined ? {} : { repo: `${named.owner}/${named.repo}` }),
    ...(arrivals === undefined ? {} : { arrivals }),
  };
}

/** An arrivals file larger than this is not one (a million dates are about 80 MiB). */
const MAX_ARRIVALS_BYTES = 128 * 1024 * 1024;

/** The dates of an earlier build from `--arrivals FILE`; absent, unreadable or malformed: none. */
async function knownArrivals(path: string, io: Io): Promise<KnownArrivals | undefined> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_ARRIVALS_BYTES) throw new RangeError("too large");
    text = bytes.toString("utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    io.stderr(
      `${logLine(`--arrivals ${path} tidak terbaca, dibuat ulang (unreadable, rebuilt): ${(error as Error).message}`)}\n`,
    );
    return undefined;
  }
  let parsed: ReturnType<typeof parseArrivals>;
  try {
    parsed = parseArrivals(JSON.parse(text));
  } catch {
    parsed = { ok: false, error: "not JSON" };
  }
  if (parsed.ok) return parsed.value;
  io.stderr(`${logLine(`--arrivals ${path} diabaikan, dibuat ulang (ignored, rebuilt): ${parsed.error}`)}\n`);
  return undefined;
}

/**
 * When each request file arrived on the checked-out branch, from git (starting from `known`);
 * undefined (with a word on stderr where something is amiss) when the root is not a repository's
 * top or its history is unreadable or shallow. The site then dates those requests by their pull
 * request or letter.
 */
async function arrivalsOf(
  root: string,
  known: KnownArrivals | undefined,
  io: Io,
): Promise<{ dates: Map<string, string>; commit: string } | undefined> {
  try {
    const found = await additionsOnFirstParent(root, "requests", known);
    if ("dates" in found) return found;
    if (found.skipped === "shallow") {
      io.stderr(
        "Riwayat git dangkal: tanggal aktif permohonan lama diambil dari tanggal surat; ambil riwayat penuh " +
          "(actions/checkout fetch-depth: 0). (Shallow git history: older requests are dated by their letter; " +
          "fetch the full history.)\n",
      );
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(
      `${logLine(
        `Riwayat git tidak dapat dibaca (${detail}): tanggal aktif diambil dari pull request atau surat. ` +
          "(The git history cannot be read: dates come from pull requests or letters.)",
      )}\n`,
    );
  }
  return undefined;
}

/** Writes the arrivals file for the next build: the request files present now, atomically. */
async function saveArrivals(
  path: string,
  root: string,
  found: { dates: Map<string, string>; commit: string },
): Promise<void> {
  const present = new Set((await readdir(join(root, "requests"))).map((name) => `requests/${name}`));
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(arrivalsJson(found.commit, found.dates, present))}\n`);
  await rename(temporary, path);
}

function firstError(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((d) => d.severity === "error");
}

function configError(what: string, d: Diagnostic): DomainopsError {
  return new DomainopsError(
    "config",
    `${what}: ${d.file}:${d.line}:${d.column} ${d.message.id} (${d.message.en})`,
  );
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parse(argv);
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const root = resolve(io.cwd, args.root);
  const out = resolve(io.cwd, args.out);
  const now = io.now();
  const [policy, governance, pulls] = await Promise.all([
    loadPolicy(root),
    loadGovernance(root),
    args.pulls === undefined ? undefined : readSavedPullsFile(resolve(io.cwd, args.pulls)),
  ]);
  const policyError = firstError(policy.diagnostics);
  if (policyError) throw configError("governance/", policyError);
  // The SOP step of an open request is only told from the office's own SOP, officials and calendar.
  const governanceError = firstError(governance.diagnostics);
  if (pulls !== undefined && (governance.governance === undefined || governanceError)) {
    throw configError("governance/", governanceError ?? (governance.diagnostics[0] as Diagnostic));
  }
  // The site only reads: the fast reader, which loads what the strict loader loads (or leaves the
  // file to it), saves most of the parsing of a large repository.
  // git reads the history in its own process while this one validates.
  const arrivalsFile = args.arrivals === undefined ? undefined : resolve(io.cwd, args.arrivals);
  const known = arrivalsFile === undefined ? undefined : await knownArrivals(arrivalsFile, io);
  const arriving = arrivalsOf(root, known, io);
  const result = await validateRepository(root, { now, fastYaml: true });
  const found = await arriving;
  if (found !== undefined && arrivalsFile !== undefined) {
    // The dates only save the next build some reading: a file that cannot be written does not stop this one.
    await saveArrivals(arrivalsFile, root, found).catch((error: unknown) => {
      const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      io.stderr(
        `${logLine(`--arrivals ${arrivalsFile} tidak dapat ditulis (cannot be written): ${detail}`)}\n`,
      );
    });
  }
  const arrivals = found?.dates;
  // This month's service report, in the office's calendar, when the pull requests are known.
  const office = governance.governance;
  const report =
    pulls === undefined || office === undefined
      ? undefined
      : reportView(
          buildServiceReport({
            pulls,
            governance: office,
            month: localDate(now, office.calendar.zona_waktu).slice(0, 7),
            now,
          }),
          office.calendar,
        );
  const model = buildSiteModel({
    zone: policy.policy.zone,
    timeZone: policy.policy.timeZone,
    ...(args.repo === undefined ? {} : { repo: args.repo }),
    requests: result.requests,
    diagnostics: result.diagnostics,
    ...(pulls === undefined ? {} : { pulls }),
    ...(arrivals === undefined ? {} : { arrivals }),
    ...(governance.governance === undefined ? {} : { governance: governance.governance }),
    now,
  });
  if (report !== undefined) model.report = report;
  for (const file of renderSite(model)) {
    const path = join(out, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  const skipped = new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.file)).size;
  if (skipped > 0) {
    io.stderr(
      `${skipped} berkas permohonan tidak sah tidak ditampilkan; lihat \`domainops validate\` ` +
        `(${skipped} invalid request files left out; see \`domainops validate\`)\n`,
    );
  }
  const pending = model.pending === undefined ? "-" : String(model.pending.length);
  io.stdout(
    `${logLine(
      `Situs registri ditulis ke ${out}: ${model.live.length} subdomain aktif, ${pending} permohonan terbuka ` +
        `(registry site written: ${model.live.length} live, ${pending} open)`,
    )}\n`,
  );
  return 0;
}
