/**
 * The SOP approval decision: a pure function of the pull request, its reviews and changed files,
 * the office's governance data and the current time. Encodes the disposition chain of the source
 * SOPs (Kepala Dinas → Kepala Bidang → Kepala Seksi → staf) as GitHub reviews in strict order.
 *
 * Rules (issue 4):
 * - per official, the latest APPROVED / CHANGES_REQUESTED / DISMISSED review counts; COMMENTED and
 *   PENDING never do; DISMISSED is no vote;
 * - any official's standing CHANGES_REQUESTED fails the check ("dikembalikan ke pemohon") until that
 *   official approves again — the SOP's "dikembalikan ke pemohon untuk penggantian nama";
 * - an approval counts only on the current head commit, from an official valid (incl. Plt./Plh.
 *   validity) on the review date, not the PR author, for one step only, and only if it was submitted
 *   after the previous step completed. An early approval does not become valid later: a disposition
 *   is given on a file the official received, so it must be given again (re-requested) in turn.
 */

import { unhandled } from "../errors.ts";
import type { Message } from "../types.ts";
import type { Governance, Official, SopStep, StepKind, TimeStandard } from "./governance.ts";
import { isOfficialValidAt, stepKind } from "./governance.ts";
import type { NamePolicy, OwnershipDecision } from "./name-owners.ts";
import { decideOwnership } from "./name-owners.ts";
import type { PermissionResult } from "./permissions.ts";
import { checkPermissions } from "./permissions.ts";
import type {
  BaseRequests,
  GitHubUser,
  HeadRequests,
  PullCommit,
  PullFile,
  PullRequest,
  Review,
} from "./pull.ts";
import { checkCommitListComplete, checkFileListComplete } from "./pull.ts";
import {
  calendarGaps,
  calendarMinutesBetween,
  formatStandard,
  standardMinutes,
  workingMinutesBetween,
} from "./working-time.ts";

export type DecisionState = "success" | "pending" | "failure";

/** approved: enough valid approvals; done: non-review step finished; waiting: current; not_started. */
export type StepState = "approved" | "done" | "waiting" | "not_started";

export interface StepStatus {
  /** 1-based position among all SOP steps. */
  index: number;
  /** 1-based position among review steps (persetujuan), undefined for other kinds. */
  approvalIndex?: number;
  id: string;
  kind: StepKind;
  role?: string;
  pelaksana: string;
  label: string;
  required: number;
  state: StepState;
  approvedBy: string[];
  startedAt?: string;
  endedAt?: string;
  /** Working minutes spent (until `endedAt`, or until now while waiting). */
  elapsedMinutes?: number;
  standard?: TimeStandard;
  standardMinutes?: number;
  overStandard: boolean;
  /** Officials who may give this step's approval now (logins). */
  candidates: string[];
}

export interface Decision {
  state: DecisionState;
  steps: StepStatus[];
  /** Logins asked to act next. */
  next: string[];
  /** The review step being waited on, if any. */
  current?: StepStatus;
  approvalSteps: number;
  reasons: Message[];
  /** Short Bahasa Indonesia text for the commit status (≤ 140 characters). */
  description: string;
  total?: { elapsedMinutes: number; standardMinutes: number; kalender: boolean; overStandard: boolean };
  permissions?: PermissionResult;
  /** Owners of parent names and namespaces, and Pages projects (with the file list only). */
  ownership?: OwnershipDecision;
  /** The PR changed no request file: the SOP does not apply, CODEOWNERS (admins) does. */
  sopApplies: boolean;
}

export interface DecideInput {
  pull: PullRequest;
  reviews: Review[];
  /** Changed files; without them the permission check is skipped (offline use only). */
  files?: PullFile[];
  governance: Governance;
  now: Date;
  baseRequests?: BaseRequests;
  /** The PR's commits; who wrote or pushed them may not approve it. Offline use may leave them out. */
  commits?: PullCommit[];
  /** Explicit Pages projects at the head; without them the project check is skipped. */
  headRequests?: HeadRequests;
  /** Zone and namespaces; without them no derived project is accepted and no namespace is known. */
  names?: NamePolicy;
  /**
   * Who asks, when it is not the pull request's author: the author of the issue an intake pull request
   * was made from (`src/core/intake/pull.ts`). The permission, ownership and self-approval checks
   * judge this person; the app that opened the pull request approves nothing either.
   */
  applicant?: GitHubUser;
}

/** GitHub's own committer for commits made in its web interface: not a person who pushed. */
const WEB_COMMITTER = "web-flow";

/**
 * Logins that wrote or pushed commits of the pull request. An official who changed the request is
 * its co-author: approving it would be approving their own work, as with the PR's author.
 */
function contributorsOf(commits: readonly PullCommit[]): Set<string> {
  const logins = new Set<string>();
  for (const commit of commits) {
    for (const login of [commit.author, commit.committer]) {
      if (login && login.toLowerCase() !== WEB_COMMITTER) logins.add(login.toLowerCase());
    }
  }
  return logins;
}

const VOTES = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);
const STATUS_LIMIT = 140;

interface Vote {
  review: Review;
  userId: number;
  login: string;
  at: Date;
}

function shortSha(sha: string | null): string {
  return (sha ?? "").slice(0, 7) || "?";
}

function pelaksanaOf(step: SopStep): string {
  return step.pelaksana ?? step.role ?? step.label;
}

/** Latest voting review per user, ignoring reviews submitted after `now`. */
function latestVotes(reviews: Review[], now: Date): Vote[] {
  const byUser = new Map<number, Vote>();
  const ordered = reviews
    .filter((r) => r.user && VOTES.has(r.state) && r.submitted_at)
    .map((r) => ({ review: r, at: new Date(r.submitted_at as string) }))
    .filter((v) => !Number.isNaN(v.at.getTime()) && v.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.review.id - b.review.id);
  for (const { review, at } of ordered) {
    const user = review.user as { id: number; login: string };
    byUser.set(user.id, { review, userId: user.id, login: user.login, at });
  }
  return [...byUser.values()];
}

export function decideApprovals(input: DecideInput): Decision {
  const { pull, governance, now } = input;
  const zone = governance.calendar.zona_waktu;
  const officials = governance.officials.pejabat;
  const author = input.applicant ?? pull.user;
  const reasons: Message[] = [];
  const notes: Message[] = [];
  const createdAt = new Date(pull.created_at);
  const mergedAt =
    pull.merged_at && Date.parse(pull.merged_at) <= now.getTime() ? new Date(pull.merged_at) : null;

  const entriesOf = (userId: number): Official[] => officials.filter((o) => o.id === userId);
  const isAuthor = (userId: number): boolean => userId === author.id || userId === pull.user.id;

  // --- who may change what
  let permissions: PermissionResult | undefined;
  if (input.files) {
    permissions = checkPermissions({
      author,
      files: input.files,
      governance,
      at: now,
      ...(input.baseRequests ? { baseRequests: input.baseRequests } : {}),
    });
    for (const violation of permissions.violations) reasons.push(violation.message);
  } else {
    notes.push({
      id: "Daftar berkas tidak diberikan: pemeriksaan wewenang perubahan dilewati.",
      en: "No file list given: the change-permission check was skipped.",
    });
  }
  const sopApplies = permissions ? permissions.touchesRequests : true;

  // --- complete lists only: a cut list could hide a change or a contributor
  const incomplete: Message[] = [];
  if (input.files && pull.changed_files !== undefined) {
    const cut = checkFileListComplete(pull, input.files);
    if (cut) incomplete.push(cut);
  }
  if (input.commits) {
    const cut = checkCommitListComplete(pull, input.commits);
    if (cut) incomplete.push(cut);
  }
  reasons.push(...incomplete);
  const contributors = input.commits ? contributorsOf(input.commits) : new Set<string>();

  // --- votes
  const votes = latestVotes(input.reviews, now);
  const blockers = votes.filter(
    (v) =>
      v.review.state === "CHANGES_REQUESTED" &&
      entriesOf(v.userId).some((o) => isOfficialValidAt(o, v.at, zone)),
  );
  for (const blocker of blockers) {
    reasons.push({
      id: `Dikembalikan ke pemohon: @${blocker.login} meminta perubahan. Perbaiki permohonan, lalu @${blocker.login} perlu menyetujui kembali.`,
      en: `Returned to the applicant: @${blocker.login} requested changes. Fix the request, then @${blocker.login} must approve again.`,
    });
  }

  const ownership = input.files ? ownershipOf(input, votes) : undefined;

  // Approvals that can never count, whatever the step.
  const approvals: Vote[] = [];
  for (const vote of votes) {
    if (vote.review.state !== "APPROVED") continue;
    const entries = entriesOf(vote.userId);
    if (entries.length === 0) {
      notes.push({
        id: `Persetujuan @${vote.login} tidak dihitung: bukan pejabat dalam governance/officials.yaml.`,
        en: `Approval by @${vote.login} does not count: not an official in governance/officials.yaml.`,
      });
    } else if (isAuthor(vote.userId)) {
      notes.push({
        id: `Persetujuan @${vote.login} tidak dihitung: pengaju permintaan tarik tidak boleh menyetujui sendiri.`,
        en: `Approval by @${vote.login} does not count: the pull request's author cannot approve it.`,
      });
    } else if (contributors.has(vote.login.toLowerCase())) {
      notes.push({
        id: `Persetujuan @${vote.login} tidak dihitung: ia menulis atau mendorong commit di permintaan tarik ini.`,
        en: `Approval by @${vote.login} does not count: they wrote or pushed commits of this pull request.`,
      });
    } else if (vote.review.commit_id !== pull.head.sha) {
      notes.push({
        id: `Persetujuan @${vote.login} diberikan pada commit lama ${shortSha(vote.review.commit_id)}, bukan ${shortSha(pull.head.sha)}: perlu disetujui ulang.`,
        en: `Approval by @${vote.login} was given on old commit ${shortSha(vote.review.commit_id)}, not ${shortSha(pull.head.sha)}: it must be given again.`,
      });
    } else if (!entries.some((o) => isOfficialValidAt(o, vote.at, zone))) {
      const last = entries.map((o) => `${o.berlaku_mulai}…${o.berlaku_sampai ?? ""}`).join(", ");
      notes.push({
        id: `Persetujuan @${vote.login} tidak dihitung: tidak menjabat pada tanggal tinjauan (masa berlaku ${last}).`,
        en: `Approval by @${vote.login} does not count: not in office on the review date (valid ${last}).`,
      });
    } else {
      approvals.push(vote);
    }
  }

  // --- walk the SOP in order
  const used = new Set<number>();
  const steps: StepStatus[] = [];
  let previousEnd: Date | null = createdAt;
  let approvalIndex = 0;
  const approvalSteps = governance.sop.langkah.filter((s) => stepKind(s) === "persetujuan").length;
  let current: StepStatus | undefined;

  governance.sop.langkah.forEach((step, i) => {
    const kind = stepKind(step);
    const standardMins = step.waktu ? standardMinutes(governance.calendar, step.waktu) : undefined;
    const status: StepStatus = {
      index: i + 1,
      id: step.id,
      kind,
      pelaksana: pelaksanaOf(step),
      label: step.label,
      required: kind === "persetujuan" ? (step.approvals ?? 1) : 0,
      state: "not_started",
      approvedBy: [],
      overStandard: false,
      candidates: [],
      ...(step.role !== undefined ? { role: step.role } : {}),
      ...(step.waktu ? { standard: step.waktu } : {}),
      ...(standardMins !== undefined ? { standardMinutes: standardMins } : {}),
    };
    if (kind === "persetujuan") {
      approvalIndex += 1;
      status.approvalIndex = approvalIndex;
      status.candidates = officials
        .filter(
          (o) =>
            o.role === step.role &&
            isOfficialValidAt(o, now, zone) &&
            !isAuthor(o.id) &&
            !contributors.has(o.login.toLowerCase()) &&
            !used.has(o.id),
        )
        .map((o) => o.login);
    }

    if (kind === "pengajuan") {
      status.state = "done";
      status.startedAt = createdAt.toISOString();
      status.endedAt = createdAt.toISOString();
      status.elapsedMinutes = 0;
      steps.push(status);
      return;
    }
    if (previousEnd === null) {
      steps.push(status);
      return;
    }
    const start: Date = previousEnd;
    status.startedAt = start.toISOString();
    let end: Date | null = null;

    switch (kind) {
      case "persetujuan": {
        const fitting = approvals.filter(
          (v) =>
            !used.has(v.userId) &&
            entriesOf(v.userId).some((o) => o.role === step.role && isOfficialValidAt(o, v.at, zone)),
        );
        const inTurn = fitting.filter((v) => v.at.getTime() >= start.getTime());
        for (const early of fitting.filter((v) => v.at.getTime() < start.getTime())) {
          notes.push({
            id: `Persetujuan @${early.login} untuk "${status.pelaksana}" diberikan sebelum langkah sebelumnya selesai: tidak dihitung, mohon setujui ulang.`,
            en: `Approval by @${early.login} for "${status.pelaksana}" was given before the previous step was complete: it does not count, please approve again.`,
          });
        }
        if (inTurn.length >= status.required) {
          const counted = inTurn.slice(0, status.required);
          for (const vote of counted) used.add(vote.userId);
          status.approvedBy = counted.map((v) => v.login);
          end = (counted[counted.length - 1] as Vote).at;
          status.state = "approved";
        } else {
          status.approvedBy = inTurn.map((v) => v.login);
          // Those who already approved this step in turn are not asked again.
          status.candidates = status.candidates.filter((login) => !status.approvedBy.includes(login));
          status.state = "waiting";
          current = status;
        }
        break;
      }
      case "pelaksanaan":
      case "pemberitahuan":
        // Execution is the merge (the apply job follows it); the applicant is informed on the
        // pull request right after. Neither is awaited by the check.
        if (mergedAt) {
          end = mergedAt.getTime() >= start.getTime() ? mergedAt : start;
          status.state = "done";
        } else {
          status.state = "waiting";
        }
        break;
      default:
        unhandled(kind, "SOP step kind");
    }
    if (end) status.endedAt = end.toISOString();
    status.elapsedMinutes = workingMinutesBetween(governance.calendar, start, end ?? now);
    status.overStandard = standardMins !== undefined && status.elapsedMinutes > standardMins;
    previousEnd = end;
    steps.push(status);
  });

  const allApproved = steps.every((s) => s.kind !== "persetujuan" || s.state === "approved");

  // --- overall state
  let state: DecisionState;
  let next: string[] = [];
  let description: string;
  if (incomplete.length > 0) {
    state = "failure";
    description = "Daftar berkas atau commit PR tidak lengkap: bagi PR menjadi lebih kecil";
  } else if (permissions && !permissions.ok) {
    state = "failure";
    const first = permissions.violations[0]?.file ?? "";
    description = `Perubahan di luar wewenang pengaju: ${first}`;
  } else if (ownership && ownership.violations.length > 0) {
    state = "failure";
    description = `Pemilik nama atau proyek Pages tidak sah: ${ownership.violations[0]?.file ?? ""}`;
  } else if (blockers.length > 0) {
    state = "failure";
    next = blockers.map((b) => b.login);
    description = `Dikembalikan ke pemohon oleh ${blockers.map((b) => `@${b.login}`).join(", ")}: perbaiki lalu minta tinjauan ulang`;
  } else if (!sopApplies) {
    state = "success";
    description = "Tidak ada berkas permohonan; perubahan ditinjau admin platform (CODEOWNERS)";
    reasons.push({
      id: "Permintaan tarik ini tidak mengubah berkas di requests/, jadi alur SOP tidak berlaku; tinjauan admin platform diwajibkan lewat CODEOWNERS.",
      en: "This pull request changes no file in requests/, so the SOP chain does not apply; platform admin review is required through CODEOWNERS.",
    });
  } else if (allApproved && unmetOwners(ownership).length > 0) {
    state = "pending";
    next = ownerLogins(ownership);
    description = `Menunggu persetujuan pemilik nama: ${next.map((l) => `@${l}`).join(", ")}`;
  } else if (allApproved) {
    state = "success";
    description = `Disetujui lengkap sesuai SOP (${approvalSteps} dari ${approvalSteps} langkah)`;
  } else {
    state = "pending";
    const waiting = current as StepStatus | undefined;
    if (waiting) {
      next = [
        ...waiting.candidates,
        ...ownerLogins(ownership).filter((l) => !waiting.candidates.includes(l)),
      ];
      description = `Menunggu ${waiting.pelaksana} (langkah ${waiting.approvalIndex} dari ${approvalSteps})`;
      if (waiting.required > 1)
        description += `, ${waiting.approvedBy.length}/${waiting.required} persetujuan`;
      reasons.push({
        id: `Menunggu persetujuan ${waiting.pelaksana} (langkah ${waiting.approvalIndex} dari ${approvalSteps}): ${waiting.label}.`,
        en: `Waiting for approval by ${waiting.pelaksana} (step ${waiting.approvalIndex} of ${approvalSteps}).`,
      });
      if (waiting.candidates.length === 0) {
        reasons.push({
          id: `Tidak ada pejabat aktif dengan peran "${waiting.role}" yang dapat menyetujui (selain pengaju dan pejabat langkah sebelumnya); perbarui governance/officials.yaml atau tunjuk Plt./Plh.`,
          en: `No official in office with role "${waiting.role}" can approve (other than the author and earlier steps' officials); update governance/officials.yaml or appoint an acting official.`,
        });
      }
    } else {
      description = "Menunggu persetujuan sesuai SOP";
    }
  }

  // --- service level of the whole request
  let total: Decision["total"];
  const sla = governance.sop.sla_total;
  if (sla) {
    const end = mergedAt ?? now;
    const kalender = sla.kalender === true;
    const elapsedMinutes = kalender
      ? calendarMinutesBetween(createdAt, end)
      : workingMinutesBetween(governance.calendar, createdAt, end);
    const limit = kalender
      ? (sla.menit ?? 0) + (sla.jam ?? 0) * 60 + (sla.hari_kerja ?? 0) * 24 * 60
      : standardMinutes(governance.calendar, sla);
    total = { elapsedMinutes, standardMinutes: limit, kalender, overStandard: elapsedMinutes > limit };
    if (total.overStandard) {
      notes.push({
        id: `Waktu layanan keseluruhan melewati standar ${formatStandard(sla)}${kalender ? " (waktu kalender)" : ""}.`,
        en: `Overall service time exceeds the standard of ${formatStandard(sla)}${kalender ? " (calendar time)" : ""}.`,
      });
    }
  }
  const gaps = calendarGaps(governance.calendar, createdAt, mergedAt ?? now);
  if (gaps.length > 0) {
    notes.push({
      id: `Kalender kerja tahun ${gaps.join(", ")} belum ditetapkan lengkap di governance/calendar.yaml; hanya akhir pekan dan tanggal yang tercatat yang dilewati.`,
      en: `The working calendar for ${gaps.join(", ")} is not (fully) decreed in governance/calendar.yaml; only weekends and listed dates are skipped.`,
    });
  }

  return {
    state,
    steps,
    next,
    ...(current ? { current } : {}),
    approvalSteps,
    reasons: [...reasons, ...ownershipReasons(ownership), ...notes],
    description: truncate(description, STATUS_LIMIT),
    ...(total ? { total } : {}),
    ...(permissions ? { permissions } : {}),
    ...(ownership ? { ownership } : {}),
    sopApplies,
  };
}

/** The owner checks of `name-owners.ts`, fed with the approvals given on the current head. */
function ownershipOf(input: DecideInput, votes: Vote[]): OwnershipDecision {
  return decideOwnership({
    author: input.applicant ?? input.pull.user,
    files: input.files ?? [],
    governance: input.governance,
    approvedBy: votes
      .filter((v) => v.review.state === "APPROVED" && v.review.commit_id === input.pull.head.sha)
      .map((v) => ({ id: v.userId, login: v.login })),
    ...(input.baseRequests ? { baseRequests: input.baseRequests } : {}),
    ...(input.headRequests ? { headRequests: input.headRequests } : {}),
    ...(input.names ? { names: input.names } : {}),
  });
}

function ownershipReasons(ownership: OwnershipDecision | undefined): Message[] {
  if (!ownership) return [];
  return [...ownership.violations.map((v) => v.message), ...unmetOwners(ownership).map((r) => r.message)];
}

function unmetOwners(ownership: OwnershipDecision | undefined): OwnershipDecision["requirements"] {
  return ownership?.requirements.filter((r) => !r.met) ?? [];
}

/** Logins asked to review for the owner checks still open, each once. */
function ownerLogins(ownership: OwnershipDecision | undefined): string[] {
  return [...new Set(unmetOwners(ownership).flatMap((r) => r.approvers))];
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
