/**
 * An applicant's issue form becomes a pull request (`docs/intake.md`): the branch it lives on, who
 * counts as its author, and the texts on the pull request and the issue. Pure; the GitHub calls are in
 * `src/adapters/github.ts` and `src/cli/intake.ts`.
 *
 * Who the applicant is: the intake pull request is opened by the office's GitHub App, so GitHub names
 * the app as its author. The applicant is the author of the issue it came from, read from GitHub (an
 * issue's author cannot be changed). Only a pull request opened by that app, from its own branch
 * `permohonan/<issue>`, is resolved this way: anyone else's branch of that name is just a branch.
 */

import type { Decision } from "../approvals/decide.ts";
import type { GitHubUser, PullRequest } from "../approvals/pull.ts";
import { markdownText } from "../escape.ts";
import { isGitHubLogin } from "../hosting/github-keys.ts";
import type { Message } from "../types.ts";

export const INTAKE_BRANCH_PREFIX = "permohonan/";
/** Hidden marker of the one bot comment on an applicant's issue (updated on every run). */
export const INTAKE_MARKER = "<!-- domainops:intake -->";
/** The label the issue form puts on its issues; only those are turned into pull requests. */
export const INTAKE_LABEL = "permohonan";

const ISSUE_NUMBER_MAX = 2_147_483_647;

export function intakeBranch(issue: number): string {
  if (!Number.isInteger(issue) || issue < 1 || issue > ISSUE_NUMBER_MAX)
    throw new Error(`issue number ${issue}`);
  return `${INTAKE_BRANCH_PREFIX}${issue}`;
}

/** The issue number of an intake branch name, or null for any other branch. */
export function issueOfBranch(ref: string): number | null {
  const match = /^permohonan\/([1-9][0-9]{0,9})$/.exec(ref);
  if (match === null) return null;
  const issue = Number(match[1]);
  return issue <= ISSUE_NUMBER_MAX ? issue : null;
}

/**
 * The issue whose author is the applicant of `pull`: only when the office's app (`botLogin`, e.g.
 * `kominfo-domainops[bot]`) opened it from its intake branch. null: the pull request's own author is
 * the applicant.
 */
export function intakeIssueOf(
  pull: Pick<PullRequest, "user" | "head">,
  botLogin: string | null,
): number | null {
  if (botLogin === null || botLogin === "") return null;
  if (pull.user.login.toLowerCase() !== botLogin.toLowerCase()) return null;
  return pull.head.ref === undefined ? null : issueOfBranch(pull.head.ref);
}

/**
 * Whether the issue's body was last edited by someone other than its author (logins compare without
 * case, as GitHub's do).
 */
export function editedByOther(author: string, editor: string): boolean {
  return editor.toLowerCase() !== author.toLowerCase();
}

/** The applicant as the SOP gate judges them: a person, never a bot, with a login GitHub allows. */
export function applicantProblem(user: GitHubUser | null, editor: string | null = null): Message | null {
  if (user === null)
    return {
      id: "penulis isu permohonan tidak terbaca; persetujuan ditahan",
      en: "the author of the request's issue cannot be read; approval withheld",
    };
  if (user.type === "Bot" || !isGitHubLogin(user.login))
    return {
      id: `isu permohonan ditulis oleh ${markdownText(user.login)}, bukan orang; persetujuan ditahan`,
      en: `the request's issue was written by ${markdownText(user.login)}, not a person; approval withheld`,
    };
  if (editor !== null && editedByOther(user.login, editor))
    return {
      id:
        `isu permohonan terakhir disunting oleh ${markdownText(editor)}, bukan pemohon ${markdownText(user.login)}; ` +
        "persetujuan ditahan sampai pemohon memeriksa dan menyimpan ulang isunya",
      en:
        `the request's issue was last edited by ${markdownText(editor)}, not the applicant ${markdownText(user.login)}; ` +
        "approval withheld until the applicant checks and saves the issue again",
    };
  return null;
}

export interface IntakeDiagnostic {
  /** The form field (its label) the problem is about; null for the body as a whole. */
  field: string | null;
  message: Message;
}

/** Title of the intake pull request: the file it adds and the issue it came from. */
export function intakePullTitle(file: string, issue: number): string {
  return `Permohonan ${file.replace(/^requests\//, "").replace(/\.yaml$/, "")} (#${issue})`;
}

export function intakePullBody(input: { issue: number; applicant: string; file: string }): string {
  const applicant = isGitHubLogin(input.applicant) ? `@${input.applicant}` : markdownText(input.applicant);
  return [
    `Permohonan dari isu #${input.issue}, diajukan oleh ${applicant}; berkas \`${input.file}\` dibuat dari formulir.`,
    `(Request from issue #${input.issue}, filed by ${applicant}; the file \`${input.file}\` was made from the form.)`,
    "",
    "Pemohon mengubah permohonan dengan menyunting isunya; cabang ini ditulis ulang setiap kali, dan persetujuan",
    "yang sudah diberikan harus diberikan lagi untuk commit baru. (The applicant changes the request by editing",
    "the issue; this branch is rewritten each time, and approvals must be given again for the new commit.)",
  ].join("\n");
}

function fieldText(field: string | null): string {
  return field === null ? "Isi isu (issue body)" : markdownText(field);
}

/** The one comment on the issue: what to fix, or where the pull request is. */
export function intakeIssueComment(
  outcome:
    | { kind: "invalid"; diagnostics: readonly IntakeDiagnostic[] }
    | { kind: "opened"; pull: number; file: string; changed: boolean }
    | { kind: "edited"; editor: string; author: string },
): string {
  const lines = [INTAKE_MARKER];
  if (outcome.kind === "edited") {
    const editor = markdownText(outcome.editor);
    const author = markdownText(outcome.author);
    lines.push(
      "### Isi isu diubah oleh orang lain (the issue was changed by someone else)",
      "",
      `Isi isu ini terakhir disunting oleh ${editor}, bukan pemohon ${author}; pull request tidak diperbarui.`,
      `Pemohon: periksa isinya, lalu simpan ulang isu ini (⋯ → Edit → Update) bila isinya benar permohonan Anda.`,
      `(This issue was last edited by ${editor}, not the applicant ${author}; the pull request was not updated.`,
      "Applicant: check its content, then save this issue again (⋯ → Edit → Update) if it is your request.)",
    );
  } else if (outcome.kind === "invalid") {
    lines.push(
      "### Permohonan belum dapat diproses (the request cannot be processed yet)",
      "",
      "Perbaiki isian berikut dengan menyunting isu ini (⋯ → Edit); pemeriksaan berjalan lagi setelah disimpan.",
      "(Fix the answers below by editing this issue (⋯ → Edit); the check runs again once saved.)",
      "",
    );
    for (const diagnostic of outcome.diagnostics) {
      lines.push(
        `- **${fieldText(diagnostic.field)}**: ${markdownText(diagnostic.message.id)} (${markdownText(diagnostic.message.en)})`,
      );
    }
    if (outcome.diagnostics.length === 0) lines.push("- (tidak ada rincian / no details)");
  } else {
    lines.push(
      "### Permohonan diterima (request received)",
      "",
      `Pull request #${outcome.pull} ${outcome.changed ? "dibuat atau diperbarui" : "sudah sesuai isu ini"} dengan berkas \`${markdownText(outcome.file)}\`.`,
      `(Pull request #${outcome.pull} ${outcome.changed ? "was opened or updated" : "already matches this issue"} with the file \`${markdownText(outcome.file)}\`.)`,
      "",
      "Langkah berikutnya: pemeriksaan otomatis, lalu persetujuan pejabat sesuai SOP; kemajuannya tampil di pull request itu,",
      "dan isu ini ditutup ketika subdomain aktif. (Next: automatic checks, then the officials' approvals in SOP order;",
      "progress shows on that pull request, and this issue is closed when the subdomain is live.)",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Hidden marker of the SOP progress comment the gate keeps on an applicant's issue. */
export const INTAKE_PROGRESS_MARKER = "<!-- domainops:intake-progress -->";

/** Working hours to one decimal, with Indonesian and English decimal marks. */
function hours(minutes: number): { id: string; en: string } {
  const value = Math.round((minutes / 60) * 10) / 10;
  return { id: value.toLocaleString("id-ID"), en: value.toLocaleString("en-GB") };
}

/**
 * Where the applicant's request stands in the SOP, for their issue: the step reached and its time
 * against the standard, returned for changes, or complete and waiting for the merge.
 */
export function intakeProgressComment(pull: number, decision: Decision): string {
  const lines = [INTAKE_PROGRESS_MARKER, `### Kemajuan permohonan (request progress): PR #${pull}`, ""];
  const returned = decision.reasons.filter((reason) => reason.en.startsWith("Returned to the applicant"));
  if (decision.state === "success") {
    lines.push(
      "✅ Semua persetujuan SOP lengkap; menunggu digabungkan dan diterapkan.",
      "(Every SOP approval is in; waiting to be merged and applied.)",
    );
  } else if (returned.length > 0) {
    lines.push(
      "↩️ Dikembalikan untuk perbaikan: sunting isu ini sesuai catatan pejabat di pull request.",
      "(Returned for changes: edit this issue as the official's note on the pull request says.)",
      "",
      ...returned.map((reason) => `- ${markdownText(reason.id)} (${markdownText(reason.en)})`),
    );
  } else if (decision.current !== undefined) {
    const step = decision.current;
    const elapsed = step.elapsedMinutes === undefined ? null : hours(step.elapsedMinutes);
    const standard = step.standardMinutes === undefined ? null : hours(step.standardMinutes);
    const time =
      elapsed === null
        ? ""
        : standard === null
          ? `; berjalan ${elapsed.id} jam kerja (running ${elapsed.en} working hours)`
          : `; ${elapsed.id} dari standar ${standard.id} jam kerja (${elapsed.en} of a ${standard.en}-working-hour standard)${step.overStandard ? " ⚠️" : ""}`;
    lines.push(
      `⏳ Langkah ${step.index} dari ${decision.steps.length} (step ${step.index} of ${decision.steps.length}): ${markdownText(step.label)} — ${markdownText(step.pelaksana)}${time}.`,
    );
  } else {
    lines.push("⏳ Menunggu pemeriksaan (waiting for the checks).");
  }
  return `${lines.join("\n")}\n`;
}

/** The comment on the issue when its subdomain went live, before the issue is closed. */
export function intakeLiveComment(input: { pull: number; urls: readonly string[] }): string {
  const urls = input.urls.map((url) => `- ${markdownText(url)}`);
  return [
    "### Subdomain aktif (the subdomain is live)",
    "",
    `Pull request #${input.pull} sudah diterapkan. (Pull request #${input.pull} has been applied.)`,
    ...(urls.length > 0 ? ["", ...urls] : []),
    "",
    "Isu ini ditutup. Untuk perubahan berikutnya, buka isu baru dengan formulir permohonan.",
    "(This issue is closed. For a later change, open a new issue with the request form.)",
  ].join("\n");
}
