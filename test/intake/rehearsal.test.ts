/**
 * The applicant's whole path without git, stage by stage through the real commands: the issue form's
 * body → `from-issue` → `intake` (branch and pull request, fake GitHub) → the SOP gate with the issue's
 * author as applicant and the officials approving in order → merge → `notify`, which tells the issue
 * and closes it. Each stage hands the next what GitHub would hold.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { createIntakeWriter } from "../../src/adapters/github-intake.ts";
import { run as approvals } from "../../src/cli/approvals.ts";
import { run as fromIssue } from "../../src/cli/from-issue.ts";
import { run as intake } from "../../src/cli/intake.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { run as notify } from "../../src/cli/notify.ts";
import { fakeGitHub, fixture } from "../approvals/fake-github.ts";
import { addMinutes, chain, local, preset, review } from "../approvals/helpers.ts";
import { OFFICE, OFFICE_STACK } from "../support/office.ts";
import { fakeRepo, NAME, OWNER } from "./fake-repo.ts";
import { VALID } from "./helpers.ts";

const APPLICANT = { login: "opd-bappeda-admin", id: 5_000_321, type: "User" };
const APP = { login: "kudus-domainops[bot]", id: 9_100_001, type: "Bot" };
const HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const MERGE = "f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d";

const dir = mkdtempSync(join(tmpdir(), "domainops-rehearsal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The office repository: the fixture office, with the app named as the intake app. */
function office(): string {
  const root = join(dir, "office");
  cpSync(join(OFFICE, "governance"), join(root, "governance"), { recursive: true });
  cpSync(join(OFFICE, "requests"), join(root, "requests"), { recursive: true });
  cpSync(OFFICE_STACK, join(root, "Pulumi.kudus.yaml"));
  writeFileSync(join(root, "governance/policy.yaml"), `\nintakeApp: ${APP.login}\n`, { flag: "a" });
  return root;
}

describe("rehearsal: issue → pull request → approvals → merge → live → issue closed", async () => {
  const root = office();
  const g = await preset("office");
  const opened = local(g, "2026-11-24T08:00");
  let file = "";
  let content = "";

  it("1. the form's body becomes a valid request file", async () => {
    writeFileSync(join(dir, "body.md"), VALID);
    const io = memoryIo({ cwd: dir, now: opened });
    const code = await fromIssue(
      ["--body", join(dir, "body.md"), "--author", APPLICANT.login, "--root", root, "--format", "json"],
      io,
    );
    const result = JSON.parse(io.out.join("")) as { file: string; content: string; diagnostics: unknown[] };
    expect(code).toBe(0);
    expect(result.file).toBe("requests/bappeda.yaml");
    expect(result.content).toContain(`github: ${APPLICANT.login}`);
    writeFileSync(join(dir, "result.json"), JSON.stringify(result));
    ({ file, content } = result);
  });

  it("2. intake opens the pull request on permohonan/17 with the office's app", async () => {
    const repo = fakeRepo({
      issue: { number: 17, user: APPLICANT, state: "open", labels: ["permohonan"], body: VALID },
    });
    const io = memoryIo({ cwd: dir, env: { GITHUB_TOKEN: "ghs_app", DOMAINOPS_BOT_LOGIN: APP.login } });
    const code = await intake(
      ["--repo", `${OWNER}/${NAME}`, "--issue", "17", "--result", join(dir, "result.json")],
      io,
      (o) => createGitHub({ ...o, fetch: repo.fetch, retries: 0, pacing: false }),
      (o) => createIntakeWriter({ ...o, fetch: repo.fetch, retries: 0, pacing: false }),
    );
    expect(code).toBe(0);
    expect(repo.pulls.map((p) => p.head.ref)).toEqual(["permohonan/17"]);
    expect(repo.filesOf("permohonan/17")?.get(file)).toBe(content);
  });

  const pull = {
    ...fixture("pull.json"),
    number: 42,
    user: APP,
    created_at: opened.toISOString(),
    head: { sha: HEAD, ref: "permohonan/17" },
    changed_files: 1,
    commits: 1,
  };
  /** The one commit the app wrote on the branch. */
  const commits = [
    { sha: HEAD, author: { login: APP.login, id: APP.id }, committer: { login: APP.login, id: APP.id } },
  ];
  const files = [{ filename: "requests/bappeda.yaml", status: "added" }];

  it("3. the SOP gate judges the applicant, and passes once every official approved in order", async () => {
    const officials = chain(g, opened);
    const reviews = officials.map((o, i) => review(o, "APPROVED", addMinutes(opened, 5 + 5 * i)));
    const fake = fakeGitHub({
      pull,
      files,
      reviewsPages: [reviews],
      commits,
      contents: { [file]: content },
      issues: { 17: { user: APPLICANT, state: "open" } },
    });
    const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_app" }, now: addMinutes(opened, 60) });
    const code = await approvals(["--repo", "diskominfo-kudus/domain", "--pr", "42"], io, (o) =>
      createGitHub({ ...o, fetch: fake.fetch, retries: 0, pacing: false }),
    );
    expect(io.err.join("")).toBe("");
    expect(code).toBe(0);
    const statuses = fake.calls.filter((c) => c.method === "POST" && c.path.includes("/statuses/"));
    expect(statuses.map((c) => (c.body as { state: string }).state)).toEqual(["success"]);
    const progress = fake.comments.find((c) => (c as { issue?: number }).issue === 17);
    expect(progress?.body).toContain("Semua persetujuan SOP lengkap");
  });

  it("4. after the merge and apply, notify tells the issue the subdomain is live and closes it", async () => {
    writeFileSync(join(root, file), content);
    const merged = {
      ...pull,
      state: "closed",
      merged_at: addMinutes(opened, 90).toISOString(),
      merge_commit_sha: MERGE,
    };
    const issues = { 17: { user: APPLICANT, state: "open" } };
    const fake = fakeGitHub({ commitPulls: [merged], files, me: null, issues });
    const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_test" }, now: addMinutes(opened, 120) });
    const code = await notify(
      ["--repo", "diskominfo-kudus/domain", "--sha", MERGE, "--stack", "kudus"],
      io,
      (o) => createGitHub({ ...o, fetch: fake.fetch, retries: 0, pacing: false }),
    );
    expect(code).toBe(0);
    const told = fake.comments.find((c) => (c as { issue?: number }).issue === 17);
    expect(told?.body).toContain("- https://bappeda.kuduskab.go.id");
    expect(issues[17].state).toBe("closed");
  });
});
