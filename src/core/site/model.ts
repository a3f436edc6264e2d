/**
 * What the public registry site shows, decided from data: every valid request as a live subdomain,
 * and every open pull request that changes a request file with its current SOP step. Pure: the
 * requests, saved pull requests, governance and the clock are arguments.
 *
 * Only what a request makes public is kept: the unit, hosting kind, letter number and date. Names,
 * NIP, e-mail addresses and GitHub logins of people never enter the model, so no renderer can leak
 * them.
 */
import { decideApprovals, type StepStatus } from "../approvals/decide.ts";
import type { Calendar, Governance, OfficeZone, TimeStandard } from "../approvals/governance.ts";
import { localDate } from "../approvals/governance.ts";
import {
  DURATION_UNITS_EN,
  DURATION_UNITS_ID,
  formatStandard,
  formatWorkingMinutes,
} from "../approvals/working-time.ts";
import type { SavedPull } from "../reports/pulls-file.ts";
import type { ServiceReport } from "../reports/service-report.ts";
import type { Diagnostic, HostingJenis, InstansiJenis, LoadedRequest, Message } from "../types.ts";

export interface LiveEntry {
  subdomain: string;
  /** `subdomain.zone`. */
  fqdn: string;
  unit: string;
  unitKind: InstansiJenis;
  hosting: HostingJenis;
  letter?: { nomor: string; tanggal: string };
  /** Office-local date (`YYYY-MM-DD`) it went live; undefined when neither source knows it. */
  since?: string;
  /**
   * Where `since` comes from: the merge of the pull request that added the file, else the commit
   * that brought the file onto the branch (git history), else the letter.
   */
  sinceFrom: "merge" | "commit" | "letter" | "unknown";
}

export interface PendingStep {
  label: string;
  pelaksana: string;
  elapsed: Message;
  /** The step's time standard as text; undefined when the SOP sets none for the step. */
  standard?: Message;
  overStandard: boolean;
}

export interface PendingEntry {
  number: number;
  title: string;
  /** The subdomains of the request files it adds, changes or removes. */
  subdomains: string[];
  /** Office-local date the pull request was opened. */
  opened: string;
  /** `waiting`: on `step`; `returned`: changes requested; `approved`: every approval given. */
  status: "waiting" | "returned" | "approved";
  step?: PendingStep;
}

export interface SiteModel {
  zone: string;
  timeZone: OfficeZone;
  /** `owner/name` of the office repository; without it no request link or pull request link. */
  repo?: string;
  /** When the site was built (ISO instant). */
  builtAt: string;
  live: LiveEntry[];
  /** Undefined when no pull requests were given: the site says the data is unknown, not "none". */
  pending?: PendingEntry[];
  hostingKinds: HostingJenis[];
  unitKinds: InstansiJenis[];
  /** This month's SOP service report (`src/core/reports/service-report.ts`), when pull requests were given. */
  report?: ReportView;
}

/** A duration or "none", in both languages. */
type Both = { id: string; en: string };

export interface ReportRow {
  label: string;
  count: number;
  median: Both;
  p90: Both;
  standard: Both | null;
  over: number;
}

/** The service report as the site shows it: counts, and per step the times in working-time words. */
export interface ReportView {
  month: string;
  asOf: string;
  received: number;
  completed: number;
  returned: number;
  open: number;
  steps: ReportRow[];
  total: ReportRow;
}

function duration(calendar: Calendar, minutes: number | null): Both {
  if (minutes === null) return { id: "-", en: "-" };
  return {
    id: formatWorkingMinutes(calendar, minutes, DURATION_UNITS_ID),
    en: formatWorkingMinutes(calendar, minutes, DURATION_UNITS_EN),
  };
}

/** The report's figures in words; steps nobody went through this month are left out. */
export function reportView(report: ServiceReport, calendar: Calendar): ReportView {
  const row = (
    label: string,
    figures: {
      count: number;
      medianMinutes: number | null;
      p90Minutes: number | null;
      standardMinutes: number | null;
      overStandard: number;
    },
  ): ReportRow => ({
    label,
    count: figures.count,
    median: duration(calendar, figures.medianMinutes),
    p90: duration(calendar, figures.p90Minutes),
    standard: figures.standardMinutes === null ? null : duration(calendar, figures.standardMinutes),
    over: figures.overStandard,
  });
  return {
    month: report.month,
    asOf: report.asOf,
    received: report.received,
    completed: report.completed,
    returned: report.returned,
    open: report.openAtMonthEnd,
    steps: report.steps.filter((step) => step.count > 0).map((step) => row(step.label, step)),
    total: row("", report.total),
  };
}

export interface SiteInput {
  zone: string;
  timeZone: OfficeZone;
  repo?: string;
  requests: readonly LoadedRequest[];
  /** The validation's findings: a file with an error is not a valid request and is not listed. */
  diagnostics: readonly Diagnostic[];
  pulls?: readonly SavedPull[];
  /**
   * When each request file last arrived on the branch, from its git history (`requests/x.yaml` → ISO
   * time): the date of requests whose pull request is not among `pulls` (older than the saved month).
   */
  arrivals?: ReadonlyMap<string, string>;
  governance?: Governance;
  now: Date;
}

const REQUEST_FILE = /^requests\/([^/]+)\.yaml$/;

function subdomainOf(path: string | undefined): string | undefined {
  return path === undefined ? undefined : REQUEST_FILE.exec(path)?.[1];
}

/** Merge time of the latest merged pull request that added each request file, by subdomain. */
function mergedAdditions(pulls: readonly SavedPull[]): Map<string, string> {
  const added = new Map<string, string>();
  for (const { pull, files } of pulls) {
    const merged = pull.merged_at;
    if (merged === null || Number.isNaN(Date.parse(merged))) continue;
    for (const file of files) {
      // A rename to a new name adds that name as much as a new file does.
      if (file.status !== "added" && file.status !== "renamed") continue;
      const name = subdomainOf(file.filename);
      if (name === undefined) continue;
      const known = added.get(name);
      if (known === undefined || Date.parse(known) < Date.parse(merged)) added.set(name, merged);
    }
  }
  return added;
}

function standardText(standard: TimeStandard | undefined): Message | undefined {
  if (standard === undefined) return undefined;
  const id = formatStandard(standard);
  if (id === "-") return undefined;
  const en =
    standard.menit !== undefined
      ? `${standard.menit} min`
      : standard.jam !== undefined
        ? `${standard.jam} h`
        : `${standard.hari_kerja} working days`;
  return { id, en };
}

/** Working minutes as text in both languages, in days of the office's own length. */
function elapsedText(governance: Governance, minutes: number): Message {
  return {
    id: formatWorkingMinutes(governance.calendar, minutes),
    en: formatWorkingMinutes(governance.calendar, minutes, DURATION_UNITS_EN),
  };
}

function stepOf(governance: Governance, step: StepStatus): PendingStep {
  const standard = standardText(step.standard);
  return {
    label: step.label,
    pelaksana: step.pelaksana,
    elapsed: elapsedText(governance, step.elapsedMinutes ?? 0),
    ...(standard === undefined ? {} : { standard }),
    overStandard: step.overStandard,
  };
}

function pendingOf(
  saved: SavedPull,
  governance: Governance | undefined,
  input: SiteInput,
): PendingEntry | undefined {
  const { pull, files, reviews } = saved;
  if (pull.state !== "open" || pull.merged_at !== null) return undefined;
  const names = new Set<string>();
  for (const file of files) {
    for (const path of [file.filename, file.previous_filename]) {
      const name = subdomainOf(path);
      if (name !== undefined) names.add(name);
    }
  }
  if (names.size === 0) return undefined;
  const entry: PendingEntry = {
    number: pull.number,
    title: maskPersonal(saved.title),
    subdomains: [...names].sort(),
    opened: localDate(new Date(pull.created_at), input.timeZone),
    status: "waiting",
  };
  if (governance === undefined) return entry;
  // Without the files: who may change a request is judged against the base branch's files, which a
  // saved pull request does not carry; the SOP gate on the pull request judges that. Here only the
  // SOP walk is wanted, and every pull request listed changes a request file.
  const decision = decideApprovals({ pull, reviews, governance, now: input.now });
  // A failure is a standing "request changes": the SOP's "dikembalikan ke pemohon". Success with the
  // pull request still open waits for the merge.
  if (decision.state === "failure") entry.status = "returned";
  else if (decision.state === "success") entry.status = "approved";
  else if (decision.current !== undefined) entry.step = stepOf(governance, decision.current);
  return entry;
}

/**
 * A pull request title is free text typed by the applicant: e-mail addresses, @mentions, and runs of
 * digits long enough to be a NIP (18 digits), a NIK (16) or a phone number (10 to 13) are masked before the title is shown.
 * Letter numbers (`400.7/2147/29.02/2026`) and dates keep their short groups.
 */
export function maskPersonal(text: string): string {
  return text
    .replace(/[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+/g, MASK)
    .replace(/(^|[^\w])@[A-Za-z0-9][A-Za-z0-9-]*/g, (_all, before: string) => `${before}${MASK}`)
    .replace(/\+?\d(?:[\d\s().-]{6,}\d)/g, (run) => (run.replace(/\D/g, "").length >= 10 ? MASK : run));
}

const MASK = "[•••]";

function byName(a: { subdomain: string }, b: { subdomain: string }): number {
  return a.subdomain < b.subdomain ? -1 : a.subdomain > b.subdomain ? 1 : 0;
}

export function buildSiteModel(input: SiteInput): SiteModel {
  const broken = new Set(input.diagnostics.filter((d) => d.severity === "error").map((d) => d.file));
  const added = mergedAdditions(input.pulls ?? []);
  const live: LiveEntry[] = [];
  for (const { file, request } of input.requests) {
    if (broken.has(file)) continue;
    const merged = added.get(request.subdomain);
    const arrival = input.arrivals?.get(file);
    const committed =
      merged === undefined && arrival !== undefined && !Number.isNaN(Date.parse(arrival))
        ? arrival
        : undefined;
    const arrived = merged ?? committed;
    const letter = request.surat;
    const since = arrived !== undefined ? localDate(new Date(arrived), input.timeZone) : letter?.tanggal;
    live.push({
      subdomain: request.subdomain,
      fqdn: `${request.subdomain}.${input.zone}`,
      unit: request.instansi.nama,
      unitKind: request.instansi.jenis,
      hosting: request.hosting.jenis,
      ...(letter === undefined ? {} : { letter: { nomor: letter.nomor, tanggal: letter.tanggal } }),
      ...(since === undefined ? {} : { since }),
      sinceFrom:
        merged !== undefined
          ? "merge"
          : committed !== undefined
            ? "commit"
            : letter !== undefined
              ? "letter"
              : "unknown",
    });
  }
  live.sort(byName);
  const pending =
    input.pulls === undefined
      ? undefined
      : input.pulls
          .map((saved) => pendingOf(saved, input.governance, input))
          .filter((entry): entry is PendingEntry => entry !== undefined)
          .sort((a, b) => a.number - b.number);
  return {
    zone: input.zone,
    timeZone: input.timeZone,
    ...(input.repo === undefined ? {} : { repo: input.repo }),
    builtAt: input.now.toISOString(),
    live,
    ...(pending === undefined ? {} : { pending }),
    hostingKinds: [...new Set(live.map((e) => e.hosting))].sort(),
    unitKinds: [...new Set(live.map((e) => e.unitKind))].sort(),
  };
}
