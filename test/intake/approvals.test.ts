/**
 * The SOP gate and notify on a pull request the office's app opened from an applicant's issue: the
 * issue's author is judged as the applicant, read from GitHub; without the app in the policy, or with
 * an issue that cannot be trusted, nobody is substituted.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { run as approvals } from "../../src/cli/approvals.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { run as notifyRun } from "../../src/cli/notify.ts";
import { DomainopsError } from "../../src/core/errors.ts";
import { type FakeOptions, fakeGitHub, fixture } from "../approvals/fake-github.ts";
import { OFFICE, OFFICE_STACK } from "../support/office.ts";

const APP = { login: "kudus-domainops[bot]", id: 9_100_001, type: "Bot" };
const OWNED = "pengelola_teknis:\n  github: opd-dinkes-admin\n";
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** The fixture office, with or without the intake app in its policy. */
function office(intakeApp: string | null): string {
  const root = mkdtempSync(join(tmpdir(), "domainops-intake-office-"));
  roots.push(root);
  cpSync(join(OFFICE, "governance"), join(root, "governance"), { recursive: true });
  cpSync(join(OFFICE, "requests"), join(root, "requests"), { recursive: true });
  if (intakeApp !== null) appendFileSync(join(root, "governance/policy.yaml"), `\nintakeApp: ${intakeApp}\n`);
  return root;
}

const intakePull = {
  ...fixture("pull.json"),
  user: APP,
  head: { ...fixture<{ head: object }>("pull.json").head, ref: "permohonan/17" },
};

async function gate(root: string, options: FakeOptions) {
  const fake = fakeGitHub({
    contents: { "requests/puskesmas-jati.yaml": OWNED },
    pull: intakePull,
    ...options,
  });
  const io = memoryIo({
    cwd: root,
    env: { GITHUB_TOKEN: "ghs_test" },
    now: new Date("2026-11-24T02:00:00Z"),
  });
  let code: number;
  try {
    code = await approvals(["--repo", "diskominfo-kudus/domain", "--pr", "42", "--format", "json"], io, (o) =>
      createGitHub({ ...o, fetch: fake.fetch, retries: 0, pacing: false }),
    );
  } catch (error) {
    if (!(error instanceof DomainopsError)) throw error;
    io.stderr(error.message);
    code = 2;
  }
  return { code, out: io.out.join(""), err: io.err.join(""), fake };
}

const permissionText = (out: string) => JSON.stringify(JSON.parse(out).reasons);

/** Issue #17 by the name's owner, whose body `editor` edited last. */
const editedBy = (editor: string): FakeOptions => ({
  issues: { 17: { user: { login: "opd-dinkes-admin", id: 5_000_001, type: "User" }, state: "open", editor } },
});

describe("an intake pull request in the SOP gate", () => {
  it("judges the issue's author: their own request passes the permission check", async () => {
    const result = await gate(office("kudus-domainops[bot]"), {
      issues: { 17: { user: { login: "opd-dinkes-admin", id: 5_000_001, type: "User" }, state: "open" } },
    });
    expect(result.fake.calls.some((c) => c.method === "GET" && c.path.endsWith("/issues/17"))).toBe(true);
    expect(permissionText(result.out)).not.toContain("hanya boleh mengubah");
    // The applicant follows the SOP step reached on their issue.
    const progress = result.fake.comments.filter((c) => (c as { issue?: number }).issue === 17);
    expect(progress).toHaveLength(1);
    expect(progress[0]?.body).toContain("<!-- domainops:intake-progress -->");
    // The recorded reviews have taken it to step 4 of the office's six, over its 10-minute standard.
    expect(progress[0]?.body).toContain("⏳ Langkah 4 dari 6 (step 4 of 6): Kepala Seksi TI");
    expect(progress[0]?.body).toContain(
      "0,8 dari standar 0,2 jam kerja (0.8 of a 0.2-working-hour standard) ⚠️",
    );
  });

  it("judges the issue's author: someone else's request is refused in their name", async () => {
    const result = await gate(office("kudus-domainops[bot]"), {
      issues: { 17: { user: { login: "random-contributor", id: 5_000_099, type: "User" }, state: "open" } },
    });
    expect(permissionText(result.out)).toContain("@random-contributor hanya boleh mengubah");
  });

  it("without the app in the policy, the app itself is the applicant and no issue is read", async () => {
    const result = await gate(office(null), {
      issues: { 17: { user: { login: "opd-dinkes-admin", id: 5_000_001, type: "User" }, state: "open" } },
    });
    expect(result.fake.calls.some((c) => c.path.endsWith("/issues/17"))).toBe(false);
    expect(permissionText(result.out)).toContain("@kudus-domainops[bot] hanya boleh mengubah");
  });

  it.each([
    [
      "written by a bot",
      { user: { login: "dependabot[bot]", id: 49_699_333, type: "Bot" }, state: "open" },
      "bukan orang",
    ],
    [
      "a pull request",
      { user: { login: "x", id: 1, type: "User" }, state: "open", pull_request: {} },
      "adalah pull request",
    ],
  ])("fails closed when the issue is %s", async (_name, issue, message) => {
    const result = await gate(office("kudus-domainops[bot]"), { issues: { 17: issue } });
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.fake.calls.some((c) => c.method === "POST" && c.path.includes("/statuses/"))).toBe(false);
  });

  it("fails closed when someone other than the author last edited the issue: their words, the author's rights", async () => {
    const result = await gate(office("kudus-domainops[bot]"), editedBy("maintainer-lain"));
    expect(result.code).toBe(2);
    expect(result.err).toContain("terakhir disunting oleh maintainer-lain, bukan pemohon opd-dinkes-admin");
    expect(result.fake.calls.some((c) => c.method === "POST" && c.path === "/graphql")).toBe(true);
    expect(result.fake.calls.some((c) => c.method === "POST" && c.path.includes("/statuses/"))).toBe(false);
  });

  it("takes the author's own edit (any letter case) as theirs", async () => {
    const result = await gate(office("kudus-domainops[bot]"), editedBy("OPD-Dinkes-Admin"));
    // Decided (exit 0 or 1 by the SOP walk), not refused.
    expect(result.code).not.toBe(2);
    expect(result.err).toBe("");
    expect(permissionText(result.out)).not.toContain("hanya boleh mengubah");
  });

  it("fails closed when the issue cannot be read", async () => {
    const result = await gate(office("kudus-domainops[bot]"), {});
    expect(result.code).toBe(2);
    expect(result.err).toContain("isu #17");
  });
});

describe("notify on an intake pull request", () => {
  const MERGE_SHA = "f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d";
  const merged = {
    ...intakePull,
    state: "closed",
    merged_at: "2026-11-27T09:00:00Z",
    merge_commit_sha: MERGE_SHA,
  };

  async function notify(root: string, issueState: string) {
    const issues = {
      17: { user: { login: "opd-dinkes-admin", id: 5_000_001, type: "User" }, state: issueState },
    };
    const fake = fakeGitHub({
      commitPulls: [merged],
      files: [{ filename: "requests/dinkes.yaml", status: "added" }],
      me: null,
      issues,
    });
    cpSync(OFFICE_STACK, join(root, "Pulumi.kudus.yaml"));
    const io = memoryIo({
      cwd: root,
      env: { GITHUB_TOKEN: "ghs_test" },
      now: new Date("2026-11-27T10:00:00Z"),
    });
    const code = await notifyRun(
      ["--repo", "diskominfo-kudus/domain", "--sha", MERGE_SHA, "--stack", "kudus"],
      io,
      (o) => createGitHub({ ...o, fetch: fake.fetch, retries: 0, pacing: false }),
    );
    return { code, out: io.out.join(""), fake, issues };
  }

  it("tells the applicant on their issue that the subdomain is live, then closes it", async () => {
    const { code, out, fake, issues } = await notify(office("kudus-domainops[bot]"), "open");
    expect(code).toBe(0);
    const onIssue = fake.comments.filter((c) => (c as { issue?: number }).issue === 17);
    expect(onIssue).toHaveLength(1);
    expect(onIssue[0]?.body).toContain("Subdomain aktif (the subdomain is live)");
    expect(onIssue[0]?.body).toContain("- https://dinkes.kuduskab.go.id");
    expect(issues[17].state).toBe("closed");
    expect(out).toContain("isu (issue) #17: ditutup (closed)");
  });

  it("leaves an issue already closed as it is, and a pull request not from the app alone", async () => {
    const closed = await notify(office("kudus-domainops[bot]"), "closed");
    expect(closed.fake.comments.filter((c) => (c as { issue?: number }).issue === 17)).toEqual([]);
    expect(closed.out).toContain("sudah tertutup (already closed)");
    const plain = await notify(office(null), "open");
    expect(plain.fake.calls.some((c) => c.path.endsWith("/issues/17"))).toBe(false);
    expect(plain.issues[17].state).toBe("open");
  });
});
