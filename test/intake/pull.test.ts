import { describe, expect, it } from "vitest";
import { type Decision, decideApprovals, type StepStatus } from "../../src/core/approvals/decide.ts";
import {
  applicantProblem,
  INTAKE_LABEL,
  INTAKE_MARKER,
  INTAKE_PROGRESS_MARKER,
  intakeBranch,
  intakeIssueComment,
  intakeIssueOf,
  intakeLiveComment,
  intakeProgressComment,
  intakePullBody,
  intakePullTitle,
  issueOfBranch,
} from "../../src/core/intake/pull.ts";
import {
  APPLICANT,
  chain,
  HEAD,
  local,
  NEW_REQUEST,
  preset,
  pull,
  review,
  STRANGER,
} from "../approvals/helpers.ts";

const APP = { login: "kudus-domainops[bot]", id: 9_100_001, type: "Bot" };

describe("intake branches and who the applicant is", () => {
  it("names one branch per issue and reads the issue back from it only", () => {
    expect(intakeBranch(17)).toBe("permohonan/17");
    expect(issueOfBranch("permohonan/17")).toBe(17);
    for (const ref of [
      "permohonan/017",
      "permohonan/0",
      "permohonan/17/x",
      "x/permohonan/17",
      "permohonan/",
      "permohonan/99999999999",
    ])
      expect(issueOfBranch(ref), ref).toBeNull();
    expect(() => intakeBranch(0)).toThrow();
    expect(() => intakeBranch(1.5)).toThrow();
  });

  it("resolves only the office app's own intake branch", () => {
    const head = { sha: HEAD, ref: "permohonan/17" };
    expect(intakeIssueOf({ user: APP, head }, "kudus-domainops[bot]")).toBe(17);
    expect(intakeIssueOf({ user: APP, head }, "Kudus-Domainops[bot]")).toBe(17);
    // Anyone else's branch of that name is just a branch; no app configured, nothing is resolved.
    expect(intakeIssueOf({ user: STRANGER, head }, "kudus-domainops[bot]")).toBeNull();
    expect(intakeIssueOf({ user: APP, head }, null)).toBeNull();
    expect(intakeIssueOf({ user: APP, head }, "")).toBeNull();
    expect(intakeIssueOf({ user: APP, head: { sha: HEAD, ref: "main" } }, "kudus-domainops[bot]")).toBeNull();
    expect(intakeIssueOf({ user: APP, head: { sha: HEAD } }, "kudus-domainops[bot]")).toBeNull();
  });

  it("takes a person as the applicant, never a bot or an unreadable author", () => {
    expect(applicantProblem(APPLICANT)).toBeNull();
    expect(applicantProblem(null)?.en).toContain("cannot be read");
    expect(applicantProblem({ login: "dependabot[bot]", id: 1, type: "Bot" })?.en).toContain("not a person");
    expect(applicantProblem({ login: "-bad-", id: 2, type: "User" })?.en).toContain("not a person");
  });
});

describe("the SOP gate with an applicant from an issue", async () => {
  const g = await preset("kudus");
  const created = local(g, "2026-11-24T09:00");
  const officials = chain(g, created);
  const intake = pull(created, { user: APP, head: { sha: HEAD, ref: "permohonan/17" } });
  const files = NEW_REQUEST;
  const decide = (reviews: ReturnType<typeof review>[], applicant = APPLICANT) =>
    decideApprovals({
      pull: intake,
      reviews,
      files,
      governance: g,
      now: local(g, "2026-11-26T15:00"),
      applicant,
    });

  it("lets the applicant's own new request through the permission check", () => {
    const decision = decide([]);
    expect(decision.permissions?.ok).toBe(true);
    expect(decision.permissions?.authorRole).toBe("applicant");
  });

  it("does not count an approval by the applicant, who is an official", () => {
    const official = officials[0] as { login: string; id: number };
    const decision = decide([review(official, "APPROVED", local(g, "2026-11-24T10:00"))], {
      ...official,
      type: "User",
    });
    expect(decision.steps[0]?.state).not.toBe("approved");
    expect(decision.reasons.map((r) => r.en).join("\n")).toContain(
      "the pull request's author cannot approve it",
    );
  });

  it("approves with every official in order, the app approving nothing", () => {
    let at = local(g, "2026-11-24T10:00");
    const reviews = officials.map((o) => {
      at = new Date(at.getTime() + 60_000);
      return review(o, "APPROVED", at);
    });
    expect(decide(reviews).state).toBe("success");
    const withApp = decide([review(APP, "APPROVED", local(g, "2026-11-24T09:30")), ...reviews.slice(1)]);
    expect(withApp.state).not.toBe("success");
  });
});

describe("intake texts", () => {
  it("title and body name the file, the issue and the applicant", () => {
    expect(intakePullTitle("requests/getasrabi.desa.yaml", 17)).toBe("Permohonan getasrabi.desa (#17)");
    const body = intakePullBody({ issue: 17, applicant: "opd-dinkes-admin", file: "requests/dinkes.yaml" });
    expect(body).toContain("isu #17, diajukan oleh @opd-dinkes-admin");
    expect(body).toContain("(Request from issue #17, filed by @opd-dinkes-admin;");
  });

  it("lists what to fix per field, escaped, under the one marker", () => {
    const comment = intakeIssueComment({
      kind: "invalid",
      diagnostics: [
        { field: "Subdomain", message: { id: "nama <script> sudah dipakai", en: "name <script> is taken" } },
        { field: null, message: { id: "isian @everyone", en: "answer @everyone" } },
      ],
    });
    expect(comment.startsWith(`${INTAKE_MARKER}\n`)).toBe(true);
    expect(comment).not.toContain("<script>");
    expect(comment).not.toMatch(/(^|[^`\\])@everyone/);
    expect(comment).toContain("- **Subdomain**: nama");
    expect(comment).toContain("- **Isi isu (issue body)**:");
  });

  it("points at the pull request, saying whether it changed", () => {
    const opened = intakeIssueComment({
      kind: "opened",
      pull: 58,
      file: "requests/dinkes.yaml",
      changed: true,
    });
    expect(opened).toContain("Pull request #58 dibuat atau diperbarui");
    const same = intakeIssueComment({
      kind: "opened",
      pull: 58,
      file: "requests/dinkes.yaml",
      changed: false,
    });
    expect(same).toContain("Pull request #58 sudah sesuai isu ini");
  });

  it("says the subdomain is live with its addresses", () => {
    const live = intakeLiveComment({ pull: 58, urls: ["https://dinkes.kuduskab.go.id"] });
    expect(live).toContain("Pull request #58 sudah diterapkan");
    expect(live).toContain("- https://dinkes.kuduskab.go.id");
    expect(live).toContain("Isu ini ditutup");
  });
});

describe("intake boundaries and words", () => {
  it("takes issue numbers up to GitHub's largest, and no further", () => {
    expect(intakeBranch(2_147_483_647)).toBe("permohonan/2147483647");
    expect(() => intakeBranch(2_147_483_648)).toThrow("issue number 2147483648");
    expect(issueOfBranch("permohonan/2147483647")).toBe(2_147_483_647);
    expect(issueOfBranch("permohonan/2147483648")).toBeNull();
    expect(issueOfBranch("permohonan/1")).toBe(1);
    expect(issueOfBranch("Permohonan/1")).toBeNull();
    expect(issueOfBranch(" permohonan/1")).toBeNull();
  });

  it("keeps the marker and label the workflow and the form use", () => {
    expect(INTAKE_MARKER).toBe("<!-- domainops:intake -->");
    expect(INTAKE_LABEL).toBe("permohonan");
    expect(INTAKE_PROGRESS_MARKER).toBe("<!-- domainops:intake-progress -->");
  });

  it("says in both languages why an applicant is refused", () => {
    expect(applicantProblem(null)).toEqual({
      id: "penulis isu permohonan tidak terbaca; persetujuan ditahan",
      en: "the author of the request's issue cannot be read; approval withheld",
    });
    expect(applicantProblem({ login: "good-name", id: 3, type: "Bot" })).toEqual({
      id: "isu permohonan ditulis oleh good-name, bukan orang; persetujuan ditahan",
      en: "the request's issue was written by good-name, not a person; approval withheld",
    });
  });

  it("titles a request file without its folder and extension only", () => {
    expect(intakePullTitle("requests/yaml.yaml", 3)).toBe("Permohonan yaml (#3)");
    expect(intakePullTitle("requests/a.yaml.yaml", 3)).toBe("Permohonan a.yaml (#3)");
  });

  it("says a live subdomain with no address without a list", () => {
    const live = intakeLiveComment({ pull: 9, urls: [] });
    expect(live).not.toContain("- ");
    expect(live.split("\n")).toEqual([
      "### Subdomain aktif (the subdomain is live)",
      "",
      "Pull request #9 sudah diterapkan. (Pull request #9 has been applied.)",
      "",
      "Isu ini ditutup. Untuk perubahan berikutnya, buka isu baru dengan formulir permohonan.",
      "(This issue is closed. For a later change, open a new issue with the request form.)",
    ]);
  });
});

describe("the progress comment on the issue", () => {
  const step = (extra: Partial<StepStatus>): StepStatus => ({
    index: 2,
    id: "kabid",
    kind: "persetujuan",
    pelaksana: "Kepala Bidang",
    label: "Kepala Bidang <menugaskan>",
    required: 1,
    state: "waiting",
    approvedBy: [],
    overStandard: false,
    candidates: [],
    ...extra,
  });
  const decision = (extra: Partial<Decision>): Decision => ({
    state: "pending",
    steps: [step({ index: 1 }), step({}), step({ index: 3 })],
    next: [],
    approvalSteps: 3,
    reasons: [],
    description: "",
    sopApplies: true,
    ...extra,
  });
  const body = (d: Decision) => intakeProgressComment(58, d).split("\n");

  it("is complete when every approval is in", () => {
    expect(body(decision({ state: "success" }))).toEqual([
      INTAKE_PROGRESS_MARKER,
      "### Kemajuan permohonan (request progress): PR #58",
      "",
      "✅ Semua persetujuan SOP lengkap; menunggu digabungkan dan diterapkan.",
      "(Every SOP approval is in; waiting to be merged and applied.)",
      "",
    ]);
  });

  it("lists only the returns among the reasons, escaped", () => {
    const lines = body(
      decision({
        state: "failure",
        reasons: [
          { id: "Dikembalikan ke pemohon: @kabid <b>", en: "Returned to the applicant: @kabid <b>" },
          { id: "lain", en: "Something else" },
        ],
      }),
    );
    expect(lines[3]).toBe(
      "↩️ Dikembalikan untuk perbaikan: sunting isu ini sesuai catatan pejabat di pull request.",
    );
    expect(lines.filter((l) => l.startsWith("- "))).toHaveLength(1);
    expect(lines.join("\n")).not.toContain("<b>");
    expect(lines.join("\n")).not.toContain("Something else");
  });

  it("names the current step with its working time against the standard", () => {
    const over = step({ elapsedMinutes: 90, standardMinutes: 60, overStandard: true });
    expect(body(decision({ current: over }))[3]).toBe(
      "⏳ Langkah 2 dari 3 (step 2 of 3): Kepala Bidang &lt;menugaskan&gt; — Kepala Bidang; 1,5 dari standar 1 jam kerja (1.5 of a 1-working-hour standard) ⚠️.",
    );
    const within = step({ elapsedMinutes: 30, standardMinutes: 60 });
    expect(body(decision({ current: within }))[3]).toContain(
      "; 0,5 dari standar 1 jam kerja (0.5 of a 1-working-hour standard).",
    );
    const noStandard = step({ elapsedMinutes: 150 });
    expect(body(decision({ current: noStandard }))[3]).toContain(
      "; berjalan 2,5 jam kerja (running 2.5 working hours).",
    );
    expect(body(decision({ current: step({}) }))[3]).toMatch(/— Kepala Bidang\.$/);
  });

  it("waits for the checks when no step is current", () => {
    expect(body(decision({}))[3]).toBe("⏳ Menunggu pemeriksaan (waiting for the checks).");
  });
});
