import { describe, expect, it } from "vitest";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import {
  applicantProblem,
  INTAKE_MARKER,
  intakeBranch,
  intakeIssueComment,
  intakeIssueOf,
  intakeLiveComment,
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
