/**
 * Text of the SOP decision: the sticky pull-request comment (Markdown) and the CLI's text and JSON
 * forms. Pure; the hidden marker lets the adapter find its own comment again.
 */

import { unhandled } from "../errors.ts";
import { logLine, markdownText } from "../escape.ts";
import type { Message } from "../types.ts";
import type { Decision, StepStatus } from "./decide.ts";
import type { Governance } from "./governance.ts";
import { ZONE_LABEL } from "./governance.ts";
import { formatCalendarMinutes, formatStandard, formatWorkingMinutes } from "./working-time.ts";

export const COMMENT_MARKER = "<!-- domainops:sop -->";

const STATE_ICON: Record<StepStatus["state"], string> = {
  approved: "✅",
  done: "✅",
  waiting: "⏳",
  not_started: "⬜",
};

const STATE_TEXT: Record<StepStatus["state"], string> = {
  approved: "disetujui",
  done: "selesai",
  waiting: "menunggu",
  not_started: "belum dimulai",
};

const HEADLINE: Record<Decision["state"], string> = {
  success: "✅ **Disetujui sesuai SOP** (approved per the SOP)",
  pending: "⏳ **Menunggu persetujuan** (waiting for approval)",
  failure: "❌ **Belum dapat digabungkan** (cannot be merged yet)",
};

/** Stops user-controlled text (labels, file names in reasons) from closing the table or adding Markdown. */
const cell = markdownText;

/** GitHub refuses comments over 65,536 characters; the rest is headroom for the marker and the note. */
export const COMMENT_LIMIT = 65_536;
const COMMENT_BUDGET = 60_000;

/**
 * Review steps are numbered as in the status ("langkah 2 dari 4"); the other SOP steps are named by
 * what they are on GitHub, so the two numberings never disagree.
 */
function stepTag(step: StepStatus, total: number): string {
  switch (step.kind) {
    case "persetujuan":
      return `langkah ${step.approvalIndex}/${total}`;
    case "pengajuan":
      return "pengajuan (PR)";
    case "pelaksanaan":
      return "pelaksanaan (merge)";
    case "pemberitahuan":
      return "pemberitahuan";
    default:
      return unhandled(step.kind, "SOP step kind");
  }
}

function elapsedText(governance: Governance, step: StepStatus): string {
  if (step.elapsedMinutes === undefined || step.kind === "pengajuan") return "-";
  const text = formatWorkingMinutes(governance.calendar, step.elapsedMinutes);
  return step.overStandard ? `${text} ⚠️` : text;
}

export interface CommentOptions {
  extra?: string;
  headSha?: string;
  /** The workflow run, linked when the comment has to be shortened. */
  runUrl?: string;
}

export function renderApprovalComment(
  decision: Decision,
  governance: Governance,
  options: CommentOptions = {},
): string {
  const zone = ZONE_LABEL[governance.calendar.zona_waktu];
  const head: string[] = [COMMENT_MARKER, `### Persetujuan SOP: ${cell(governance.sop.nama)}`, ""];
  head.push(HEADLINE[decision.state], "", `> ${cell(decision.description)}`, "");
  if (decision.next.length > 0) {
    head.push(
      `**Berikutnya (next):** ${decision.next.map((login) => `@${login}`).join(", ")}` +
        (decision.current ? ` — ${cell(decision.current.pelaksana)}` : ""),
      "",
    );
  }
  if (decision.sopApplies) {
    head.push(
      `| | Langkah (step) | Pelaksana | Disetujui oleh (by) | Waktu kerja (${zone}) | Mutu baku (standard) |`,
      "|---|---|---|---|---|---|",
    );
    for (const step of decision.steps) {
      const by =
        step.approvedBy.length > 0
          ? step.approvedBy.map((login) => `@${login}`).join(", ")
          : step.kind === "persetujuan"
            ? `0/${step.required}`
            : "-";
      head.push(
        `| ${STATE_ICON[step.state]} | **${stepTag(step, decision.approvalSteps)}**: ${cell(step.label)} _(${STATE_TEXT[step.state]})_ | ${cell(step.pelaksana)} | ${by} | ${elapsedText(governance, step)} | ${formatStandard(step.standard)} |`,
      );
    }
    head.push("");
    if (decision.total) {
      const t = decision.total;
      const spent = t.kalender
        ? formatCalendarMinutes(t.elapsedMinutes)
        : formatWorkingMinutes(governance.calendar, t.elapsedMinutes);
      head.push(
        `Waktu layanan keseluruhan (overall): ${spent} dari ${formatStandard(governance.sop.sla_total)}${t.kalender ? " (waktu kalender)" : ""}${t.overStandard ? " ⚠️" : ""}`,
        "",
      );
    }
  }
  // Reasons quote file names from the pull request: untrusted, so no Markdown or HTML from them.
  const reasons = decision.reasons.map((reason) => `- ${cell(reason.id)}<br>_${cell(reason.en)}_`);
  const footer =
    "<sub>Persetujuan = tinjauan *Approve* GitHub sesuai urutan langkah, pada commit terakhir" +
    (options.headSha ? ` (\`${options.headSha.slice(0, 7)}\`)` : "") +
    "; *Request changes* mengembalikan permohonan ke pemohon. Approvals are GitHub reviews in step order on the latest commit.</sub>";
  const extra = options.extra?.trim() ?? "";
  const full = assemble(head, reasons, reasons.length, extra, footer);
  if (full.length <= COMMENT_BUDGET) return full;
  return shortened(head, reasons, footer, options.runUrl);
}

function assemble(
  head: readonly string[],
  reasons: readonly string[],
  hidden: number,
  extra: string,
  footer: string,
  note?: string,
): string {
  const lines = [...head];
  if (reasons.length > 0) {
    lines.push("<details open><summary>Catatan (notes)</summary>", "", ...reasons.slice(0, hidden), "");
    lines.push("</details>", "");
  }
  if (extra) lines.push(extra, "");
  if (note) lines.push(note, "");
  lines.push(footer);
  return `${lines.join("\n")}\n`;
}

/**
 * Keeps the decision (header, steps) and as many reasons as fit, in their order, and drops the zone
 * preview: the same decision always gives the same comment, so re-runs do not churn it.
 */
function shortened(
  head: readonly string[],
  reasons: readonly string[],
  footer: string,
  runUrl: string | undefined,
): string {
  const where = runUrl ? `[log run](${runUrl})` : "log run";
  const note = (shown: number) =>
    `> [!NOTE]\n> Komentar dipersingkat: ${reasons.length - shown} dari ${reasons.length} catatan dan pratinjau ` +
    `zona tidak ditampilkan karena batas panjang komentar GitHub; lihat ${where}. ` +
    `Comment shortened: ${reasons.length - shown} of ${reasons.length} notes and the zone preview are not shown ` +
    `(GitHub's comment length limit); see the ${where}.`;
  let used = assemble(head, [], 0, "", footer, note(0)).length + 60;
  let shown = 0;
  for (const reason of reasons) {
    if (used + reason.length + 1 > COMMENT_BUDGET) break;
    used += reason.length + 1;
    shown++;
  }
  return assemble(head, reasons, shown, "", footer, note(shown));
}

/**
 * The comment for a pull request the gate refuses to read (too many files): the decision and the
 * reason, nothing from the files themselves.
 */
export function renderRefusalComment(reason: Message, options: { runUrl?: string } = {}): string {
  const lines = [
    COMMENT_MARKER,
    "### Persetujuan SOP",
    "",
    HEADLINE.failure,
    "",
    `- ${cell(reason.id)}<br>_${cell(reason.en)}_`,
  ];
  if (options.runUrl) lines.push("", `[Log run](${options.runUrl})`);
  return `${lines.join("\n")}\n`;
}

/** Plain text for the terminal. */
export function renderApprovalText(decision: Decision, governance: Governance): string {
  const lines = [`${decision.state.toUpperCase()}: ${decision.description}`];
  for (const step of decision.steps) {
    const by = step.approvedBy.length > 0 ? ` by ${step.approvedBy.map((l) => `@${l}`).join(", ")}` : "";
    const time =
      step.elapsedMinutes !== undefined && step.kind !== "pengajuan"
        ? ` [${formatWorkingMinutes(governance.calendar, step.elapsedMinutes)} / ${formatStandard(step.standard)}${step.overStandard ? " !" : ""}]`
        : "";
    const tag = stepTag(step, decision.approvalSteps).padEnd(19);
    lines.push(`  ${tag} ${STATE_TEXT[step.state].padEnd(13)} ${step.pelaksana}${by}${time}`);
  }
  if (decision.next.length > 0)
    lines.push(`  berikutnya (next): ${decision.next.map((l) => `@${l}`).join(", ")}`);
  for (const reason of decision.reasons) lines.push(`  - ${reason.id}`, `    ${reason.en}`);
  // Reasons and labels may quote file names from the pull request; each line stays one log line.
  return `${lines.map(logLine).join("\n")}\n`;
}

/** The JSON contract of `domainops approvals --format json`. */
export function toApprovalJson(decision: Decision): object {
  return {
    state: decision.state,
    description: decision.description,
    steps: decision.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      role: s.role ?? null,
      pelaksana: s.pelaksana,
      state: s.state,
      approvedBy: s.approvedBy,
      startedAt: s.startedAt ?? null,
      endedAt: s.endedAt ?? null,
      elapsed: s.elapsedMinutes === undefined ? null : Math.round(s.elapsedMinutes * 100) / 100,
      standard: s.standardMinutes ?? null,
      overStandard: s.overStandard,
    })),
    next: decision.next,
    reasons: decision.reasons,
  };
}
