/**
 * The SOP's activity report ("laporan kegiatan", the last step of the Cirebon SOP; Kudus and Buol
 * publish a time standard, "mutu baku", per step): for one calendar month of the office, how many
 * requests came in, were completed, were returned and are still open, and per SOP step how long it
 * took in working time against its standard. Pure: the saved pull requests, the governance and the
 * clock come in as arguments; the SOP timing is `decideApprovals`' own, so the report and the PR's
 * checklist never disagree.
 *
 * Decisions (each one is tested in test/report/):
 * - The month is the office's: `YYYY-MM` from 00:00 on the 1st to 00:00 on the 1st of the next month
 *   in the calendar's zone (WIB/WITA/WIT). Nothing after `now` is seen: the period ends at
 *   `asOf = min(month end, now)`; reviews, merges and closings after it are ignored, and each PR's
 *   decision is taken at `asOf` (the state the office was in at the month's end).
 * - Only pull requests that change a file under `requests/` are requests; any other PR (code,
 *   governance) is ignored everywhere.
 * - Received: opened in the month. Completed: merged in the month (opened earlier or not). Still open:
 *   opened before `asOf` and neither merged nor closed by then. A PR closed without merge is received
 *   but neither completed nor open.
 * - Returned ("dikembalikan ke pemohon"): a CHANGES_REQUESTED review submitted in the month by an
 *   official in office on that day (as the SOP gate counts it; anyone else's "request changes" does not
 *   return the request). A PR counts once however often it was returned, and still counts when it was
 *   approved afterwards.
 * - A step counts in the month its end falls in (the approval or the merge), so a PR opened last month
 *   and merged this month adds its later steps here. Steps never reached or still waiting at `asOf` are
 *   not counted; nor is the applicant's own step (`pengajuan`), which the tool sees only as the moment the
 *   PR was opened. A returned step keeps running while the applicant fixes the request: the SOP clock is
 *   not stopped.
 * - Median and 90th percentile are nearest-rank: the value at rank ⌈p/100 · n⌉ of the n sorted values
 *   (so the median of an even count is the lower middle value); an actual figure, never interpolated.
 *   Over standard is strictly more than the standard, as in the SOP checklist.
 * - Lateness per role covers review steps (persetujuan): per role, the officials who gave its approvals
 *   in the month (the approval is credited to each approver of a step), with their status on the day of
 *   the approval, so an acting official (Plt./Plh.) is shown as acting.
 * - Total time per request is the working time from opening to merge of the PRs completed in the month;
 *   its standard is the SOP's `sla_total` when that is counted in working time (a calendar-time total
 *   such as Buol's "1 x 24 jam" is not compared here).
 */

import { decideApprovals } from "../approvals/decide.ts";
import type { Governance, Official, OfficialStatus, StepKind } from "../approvals/governance.ts";
import { isOfficialValidAt, officialStatus, ZONE_OFFSET_MINUTES } from "../approvals/governance.ts";
import { isRequestPath } from "../approvals/permissions.ts";
import { standardMinutes, workingMinutesBetween } from "../approvals/working-time.ts";
import type { SavedPull } from "./pulls-file.ts";

export interface ServiceReportInput {
  pulls: readonly SavedPull[];
  governance: Governance;
  /** `YYYY-MM`, a month of the office's calendar. */
  month: string;
  now: Date;
}

/** Count, nearest-rank median and 90th percentile of working minutes (null when nothing counted). */
export interface Spread {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface StepFigures extends Spread {
  /** 1-based position among all SOP steps. */
  index: number;
  id: string;
  kind: StepKind;
  role: string | null;
  pelaksana: string;
  label: string;
  standardMinutes: number | null;
  overStandard: number;
}

export interface RoleOfficial {
  login: string;
  nama: string;
  jabatan: string;
  status: OfficialStatus;
  /** Plt. or Plh.: standing in for the holder of the position. */
  acting: boolean;
  /** Steps of this role the official approved in the month, and how many of them were late. */
  steps: number;
  late: number;
}

export interface RoleFigures {
  role: string;
  /** Who performs the role's steps, as the SOP names them. */
  pelaksana: string[];
  steps: number;
  late: number;
  officials: RoleOfficial[];
}

export interface PullLine {
  number: number;
  title: string;
  author: string;
  createdAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  received: boolean;
  completed: boolean;
  returned: boolean;
  openAtMonthEnd: boolean;
  /** Working minutes from opening to merge, for the completed ones. */
  totalMinutes: number | null;
}

export interface ServiceReport {
  month: string;
  zone: Governance["calendar"]["zona_waktu"];
  /** The month in the office's zone, as instants: [start, end). */
  start: string;
  end: string;
  /** The moment the figures describe: the month's end, or `now` while the month runs. */
  asOf: string;
  received: number;
  completed: number;
  returned: number;
  openAtMonthEnd: number;
  steps: StepFigures[];
  roles: RoleFigures[];
  total: Spread & { standardMinutes: number | null; overStandard: number };
  /** The requests that figure in the month, by number. */
  pulls: PullLine[];
}

const MINUTE = 60_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month `YYYY-MM`. */
export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/**
 * Nearest-rank percentile: the value at rank ⌈p/100 · n⌉ (1-based) of the sorted values; null for none.
 * Ranks are computed in integer arithmetic (p · n / 100) so that 90 % of 10 is rank 9, not 10.
 */
export function nearestRank(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

function spread(values: readonly number[]): Spread {
  return {
    count: values.length,
    medianMinutes: nearestRank(values, 50),
    p90Minutes: nearestRank(values, 90),
  };
}

function monthWindow(month: string, governance: Governance): { start: Date; end: Date } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`invalid month "${month}" (expected YYYY-MM)`);
  const offset = ZONE_OFFSET_MINUTES[governance.calendar.zona_waktu] * MINUTE;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return {
    start: new Date(Date.UTC(year, index, 1) - offset),
    end: new Date(Date.UTC(year, index + 1, 1) - offset),
  };
}

function time(value: string | null | undefined): number | null {
  if (typeof value !== "string") return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** The official entry under which `login` approved a step of `role` at `at`. */
function approverEntry(governance: Governance, login: string, role: string, at: Date): Official | undefined {
  const zone = governance.calendar.zona_waktu;
  return governance.officials.pejabat.find(
    (o) => o.login.toLowerCase() === login.toLowerCase() && o.role === role && isOfficialValidAt(o, at, zone),
  );
}

export function buildServiceReport(input: ServiceReportInput): ServiceReport {
  const { governance, month, now } = input;
  const zone = governance.calendar.zona_waktu;
  const { start, end } = monthWindow(month, governance);
  const asOf = new Date(Math.min(end.getTime(), now.getTime()));
  const inMonth = (t: number | null): t is number => t !== null && t >= start.getTime() && t < asOf.getTime();
  const officials = governance.officials.pejabat;

  const sopSteps = governance.sop.langkah;
  const stepValues = new Map<string, number[]>(sopSteps.map((s) => [s.id, []]));
  const stepLate = new Map<string, number>();
  const roleOfficials = new Map<string, Map<string, RoleOfficial>>();
  const roleCounts = new Map<string, { steps: number; late: number }>();
  const totals: number[] = [];
  const pulls: PullLine[] = [];
  let totalLate = 0;

  const sla = governance.sop.sla_total;
  const totalStandard = sla && sla.kalender !== true ? standardMinutes(governance.calendar, sla) : null;

  const requestPulls = input.pulls
    .filter((saved) =>
      saved.files.some((f) => isRequestPath(f.filename) || isRequestPath(f.previous_filename ?? "")),
    )
    .sort((a, b) => a.pull.number - b.pull.number);

  for (const saved of requestPulls) {
    const { pull } = saved;
    const created = time(pull.created_at) as number;
    if (created >= asOf.getTime()) continue;
    const merged = time(pull.merged_at);
    const closedTimes = [time(saved.closedAt), merged].filter((t): t is number => t !== null);
    const closed = closedTimes.length > 0 ? Math.min(...closedTimes) : null;
    // Closed before the month began: nothing of it can fall in the month (and deciding it is the cost).
    if (closed !== null && closed < start.getTime()) continue;

    const received = inMonth(created);
    const completed = inMonth(merged);
    const openAtMonthEnd = closed === null || closed >= asOf.getTime();
    const returned = saved.reviews.some((review) => {
      const at = time(review.submitted_at);
      if (review.state !== "CHANGES_REQUESTED" || !review.user || !inMonth(at)) return false;
      const user = review.user;
      return officials.some((o) => o.id === user.id && isOfficialValidAt(o, new Date(at), zone));
    });

    const decision = decideApprovals({ pull, reviews: saved.reviews, governance, now: asOf });
    let counted = false;
    for (const step of decision.steps) {
      const ended = time(step.endedAt);
      // The applicant's step ends when the PR opens: it has no row (below), and is no reason to list a PR.
      if (step.kind === "pengajuan" || !inMonth(ended) || step.elapsedMinutes === undefined) continue;
      counted = true;
      stepValues.get(step.id)?.push(step.elapsedMinutes);
      if (step.overStandard) stepLate.set(step.id, (stepLate.get(step.id) ?? 0) + 1);
      if (step.kind !== "persetujuan" || step.role === undefined) continue;
      const role = step.role;
      const counts = roleCounts.get(role) ?? { steps: 0, late: 0 };
      counts.steps += 1;
      if (step.overStandard) counts.late += 1;
      roleCounts.set(role, counts);
      const byLogin = roleOfficials.get(role) ?? new Map<string, RoleOfficial>();
      roleOfficials.set(role, byLogin);
      for (const login of step.approvedBy) {
        const entry = approverEntry(governance, login, role, new Date(ended));
        if (!entry) continue;
        const status = officialStatus(entry);
        // One person may hold a role both as holder and as acting official: kept apart.
        const key = `${entry.login.toLowerCase()}\u0000${status}`;
        const line = byLogin.get(key) ?? {
          login: entry.login,
          nama: entry.nama,
          jabatan: entry.jabatan,
          status,
          acting: status !== "definitif",
          steps: 0,
          late: 0,
        };
        line.steps += 1;
        if (step.overStandard) line.late += 1;
        byLogin.set(key, line);
      }
    }

    let totalMinutes: number | null = null;
    if (completed) {
      totalMinutes = workingMinutesBetween(governance.calendar, new Date(created), new Date(merged));
      totals.push(totalMinutes);
      if (totalStandard !== null && totalMinutes > totalStandard) totalLate += 1;
    }
    if (received || completed || returned || openAtMonthEnd || counted) {
      pulls.push({
        number: pull.number,
        title: saved.title,
        author: pull.user.login,
        createdAt: new Date(created).toISOString(),
        mergedAt: merged === null ? null : new Date(merged).toISOString(),
        closedAt: closed === null ? null : new Date(closed).toISOString(),
        received,
        completed,
        returned,
        openAtMonthEnd,
        totalMinutes,
      });
    }
  }

  const steps: StepFigures[] = [];
  sopSteps.forEach((step, i) => {
    const kind = step.jenis ?? "persetujuan";
    if (kind === "pengajuan") return;
    steps.push({
      index: i + 1,
      id: step.id,
      kind,
      role: step.role ?? null,
      pelaksana: step.pelaksana ?? step.role ?? step.label,
      label: step.label,
      ...spread(stepValues.get(step.id) ?? []),
      standardMinutes: step.waktu ? standardMinutes(governance.calendar, step.waktu) : null,
      overStandard: stepLate.get(step.id) ?? 0,
    });
  });

  const roles: RoleFigures[] = [];
  for (const role of new Set(
    sopSteps.filter((s) => (s.jenis ?? "persetujuan") === "persetujuan").map((s) => s.role),
  )) {
    if (role === undefined) continue;
    const counts = roleCounts.get(role) ?? { steps: 0, late: 0 };
    roles.push({
      role,
      pelaksana: [...new Set(sopSteps.filter((s) => s.role === role).map((s) => s.pelaksana ?? role))],
      ...counts,
      officials: [...(roleOfficials.get(role)?.values() ?? [])].sort(
        (a, b) => a.login.localeCompare(b.login) || a.status.localeCompare(b.status),
      ),
    });
  }

  return {
    month,
    zone,
    start: start.toISOString(),
    end: end.toISOString(),
    asOf: asOf.toISOString(),
    received: pulls.filter((p) => p.received).length,
    completed: pulls.filter((p) => p.completed).length,
    returned: pulls.filter((p) => p.returned).length,
    openAtMonthEnd: pulls.filter((p) => p.openAtMonthEnd).length,
    steps,
    roles,
    total: { ...spread(totals), standardMinutes: totalStandard, overStandard: totalLate },
    pulls,
  };
}
