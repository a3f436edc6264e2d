/**
 * End-to-end rehearsal of the GitOps loop, without GitHub or Cloudflare: a throwaway git repository
 * with a base and a pull request branch, driven through the same entry points the workflows call.
 *
 *   validate.yml   the workflow's own "changed request files" script, then `domainops validate
 *                  --format github` on those files and `domainops diff --base` into a step summary;
 *   sop-gate.yml   `domainops approvals` on recorded review JSON (the offline twin of the online run);
 *   apply.yml      squash merge, `approvals --verify-commit --since <appliedCommit>` (GitHub faked at
 *                  fetch level), `domainops apply` with the real Pulumi program under `setMocks`
 *                  behind a small in-memory engine that keeps the `appliedCommit` output, then
 *                  `domainops notify`; an unapproved push on main followed by an approved merge is
 *                  refused before anything is applied.
 *
 * The pull request adds one request per hosting kind, changes one request and deletes another; later a
 * live request moves to a new address, which must be one update in place.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createGitHub } from "../../src/adapters/github.ts";
import type { OpenStack } from "../../src/adapters/pulumi.ts";
import { run as apply } from "../../src/cli/apply.ts";
import { run as runApprovals } from "../../src/cli/approvals.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { run as runNotify } from "../../src/cli/notify.ts";
import { DNS_RECORD_TYPE, PAGES_PROJECT_TYPE, TUNNEL_CONFIG_TYPE } from "../../src/core/infra/resources.ts";
import { type FakeOptions, fakeGitHub, fixture } from "../approvals/fake-github.ts";
import { applyToZone, stepEvents, type ZoneRecord } from "../pulumi/engine.ts";
import { type Registered, removeRoots, runProgram } from "../pulumi/harness.ts";
import { OFFICE, OFFICE_STACK, TOOL } from "../support/office.ts";
import { renderedWorkflow } from "../workflows/rendered.ts";

const KINDS = path.join(TOOL, "test/fixtures/infra-kinds/requests");
const ZONE = "kuduskab.go.id";
/** Thursday 27 November 2026, 09:00 WIB: inside office hours of the Kudus calendar. */
const T0 = new Date("2026-11-27T02:00:00Z");
const AUTHOR = { login: "opd-admin", id: 5_000_123, type: "User" };
const OFFICIALS = [
  { login: "kds-kadis", id: 91000111 },
  { login: "kds-kabid", id: 91000112 },
  { login: "kds-kasi", id: 91000113 },
  { login: "kds-staf", id: 91000114 },
];

let repo = "";
let work = "";

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
}

function minutes(n: number): Date {
  return new Date(T0.getTime() + n * 60_000);
}

/** A request of a unit whose technical admin is the pull request's author. */
function ownRequest(subdomain: string, unit: string, hosting: string): string {
  return [
    "# yaml-language-server: $schema=../schema/request.schema.json",
    `subdomain: ${subdomain}`,
    "instansi:",
    `  nama: ${unit}`,
    "  jenis: dinas",
    "surat:",
    `  nomor: "400/${subdomain}/2026"`,
    "  tanggal: 2026-11-02",
    "  perihal: Permohonan subdomain",
    "penanggung_jawab:",
    "  nama: Drs. Slamet Riyadi",
    '  nip: "197601012005011001"',
    `  jabatan: Kepala ${unit}`,
    `  email: ${subdomain}@kuduskab.go.id`,
    "pengelola_teknis:",
    "  nama: Rudi Hartono",
    "  email: rudi.hartono@kuduskab.go.id",
    `  github: ${AUTHOR.login}`,
    "tujuan: Website profil",
    "klasifikasi: instansi",
    "hosting:",
    hosting,
    "",
  ].join("\n");
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

function commit(message: string, at: Date): string {
  git("add", "-A");
  execFileSync("git", ["commit", "-q", "-m", message], {
    cwd: repo,
    env: { ...process.env, GIT_AUTHOR_DATE: at.toISOString(), GIT_COMMITTER_DATE: at.toISOString() },
  });
  return git("rev-parse", "HEAD");
}

/** The body of a step of a workflow as rendered for the fixture office, to run it as the runner would. */
function workflowStep(workflow: string, job: string, name: string): string {
  const document = parse(renderedWorkflow(workflow, { stack: "kudus", timeZone: "Asia/Jakarta" }));
  const step = document.jobs[job].steps.find((s: { name?: string }) => s.name === name);
  if (!step?.run) throw new Error(`${workflow}: no step "${name}"`);
  return step.run as string;
}

/** Runs a `run:` step of a workflow in the current checkout; returns what it wrote to GITHUB_OUTPUT. */
function runWorkflowStep(workflow: string, job: string, name: string): Record<string, string> {
  const output = path.join(work, "github-output");
  writeFileSync(output, "");
  execFileSync("bash", ["-e", "-o", "pipefail", "-c", workflowStep(workflow, job, name)], {
    cwd: repo,
    env: { ...process.env, GITHUB_OUTPUT: output, RUNNER_TEMP: work },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return Object.fromEntries(
    readFileSync(output, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("=", 2) as [string, string]),
  );
}

/** The validate workflow's "Find changed request files" step. */
function changedRequestFiles(): { base: string; files: string[] } {
  const outputs = runWorkflowStep("validate.yml", "validate", "Find changed request files");
  const files = readFileSync(path.join(work, "changed-requests"), "utf8").split("\0").filter(Boolean);
  expect(Number(outputs.count)).toBe(files.length);
  return { base: outputs.base ?? "", files };
}

/** GitHub's `refs/pull/N/merge`: the PR head merged into the base tip, checked out detached. */
function checkoutMergeCommit(branch: string): void {
  git("checkout", "-q", "--detach", "main");
  git("merge", "-q", "--no-ff", "--no-edit", branch);
}

/** The pull request's files as GitHub's REST `GET .../pulls/{n}/files` lists them. */
function restFiles(from: string, to: string): { filename: string; status: string }[] {
  const status: Record<string, string> = { A: "added", M: "modified", D: "removed" };
  return git("diff", "--no-renames", "--name-status", from, to)
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [code, filename] = line.split("\t") as [string, string];
      return { filename, status: status[code] ?? "modified" };
    });
}

function pullJson(head: string, base: string, merged?: { at: Date; sha: string }) {
  return {
    ...fixture("pull.json"),
    number: 42,
    user: AUTHOR,
    state: merged ? "closed" : "open",
    created_at: minutes(0).toISOString(),
    merged_at: merged ? merged.at.toISOString() : null,
    merge_commit_sha: merged ? merged.sha : null,
    head: { ...fixture<{ head: object }>("pull.json").head, sha: head },
    base: { ...fixture<{ base: object }>("pull.json").base, sha: base, ref: "main" },
    draft: false,
    requested_reviewers: [],
    changed_files: files.length,
    commits: 2,
  };
}

/** The pull request's two commits, as GET .../pulls/{n}/commits lists them: written by the applicant. */
function restCommits(): unknown[] {
  return [firstHead, head].map((sha) => ({
    sha,
    author: AUTHOR,
    committer: AUTHOR,
    commit: { message: "" },
  }));
}

let reviewId = 3000;
function approval(official: { login: string; id: number }, commitId: string, at: Date) {
  reviewId += 1;
  return {
    id: reviewId,
    user: { ...official, type: "User" },
    body: "",
    state: "APPROVED",
    commit_id: commitId,
    submitted_at: at.toISOString(),
    author_association: "MEMBER",
  };
}

/** Runs `domainops approvals` offline on recorded JSON, as the gate would decide online. */
async function decide(pull: unknown, reviews: unknown[], files: unknown[], baseDir: string, now: Date) {
  writeFileSync(path.join(work, "pull.json"), JSON.stringify(pull));
  writeFileSync(path.join(work, "reviews.json"), JSON.stringify(reviews));
  writeFileSync(path.join(work, "files.json"), JSON.stringify(files));
  const io = memoryIo({ cwd: work, now });
  const code = await runApprovals(
    [
      ...["--pull", "pull.json", "--reviews", "reviews.json", "--files", "files.json"],
      ...["--base", baseDir, "--root", repo, "--now", now.toISOString(), "--format", "json"],
    ],
    io,
  );
  return {
    code,
    decision: JSON.parse(io.out.join("")) as { state: string; next: string[]; reasons: unknown[] },
  };
}

/**
 * Just enough of the Pulumi engine for the apply entry point: the real program runs under
 * `setMocks`, its registrations are compared with the state of the previous `up`, and the
 * differences come back as Automation API engine events in the engine's step order
 * (`test/pulumi/engine.ts`), which the deletion gate reads. `up` plays those steps on a zone that
 * refuses what Cloudflare refuses.
 */
function memoryEngine() {
  let state = new Map<string, Registered>();
  let planned: Registered[] = [];
  let steps: EngineEvent[] = [];
  const zone: ZoneRecord[] = [];
  let appliedCommit: string | null = null;
  const openStack: OpenStack = async ({ root, stack, commit }) => ({
    name: stack,
    async resources() {
      return [...state.values()].map((r) => ({ type: r.type, inputs: r.inputs }));
    },
    async outputs() {
      return appliedCommit === null ? {} : { appliedCommit };
    },
    async preview() {
      planned = (await runProgram(root)).resources;
      steps = stepEvents(stack, state, planned);
      const summary: Record<string, number> = {};
      for (const event of steps) {
        const op = event.resourcePreEvent?.metadata.op;
        if (op !== undefined) summary[op] = (summary[op] ?? 0) + 1;
      }
      return { events: steps, changeSummary: summary };
    },
    async up() {
      applyToZone(zone, steps);
      state = new Map(planned.map((r) => [r.name, r]));
      appliedCommit = commit;
      return {};
    },
  });
  return {
    openStack,
    state: () => state,
    zone: () => zone,
    /** The steps of the last preview, as `op logical-name`. */
    steps: () =>
      steps.map(
        (e) => `${e.resourcePreEvent?.metadata.op} ${e.resourcePreEvent?.metadata.urn.split("::").pop()}`,
      ),
    appliedCommit: () => appliedCommit,
  };
}

/**
 * GitHub after the merge, faked at the fetch level: the merged PR of the commit, its reviews and
 * files, and the base-branch versions of the requests it changed (read as data by the verify job).
 */
function mergedGitHub(merged: ReturnType<typeof pullJson>, reviews: unknown[], more: FakeOptions = {}) {
  const contents = Object.fromEntries(
    files
      .filter((file) => file.status !== "added")
      .map((file) => [file.filename, git("show", `${baseSha}:${file.filename}`)]),
  );
  const fake = fakeGitHub({
    pull: merged,
    reviewsPages: [reviews],
    files,
    commitPulls: [merged],
    commits: restCommits(),
    contents,
    me: null,
    ...more,
  });
  const factory = (o: { token: string; owner: string; repo: string }) =>
    createGitHub({ ...o, fetch: fake.fetch, retries: 0 });
  return { fake, factory };
}

/** The apply job's step "Verify every commit since the last apply", in-process with GitHub faked. */
async function verifyDeployment(
  factory: ReturnType<typeof mergedGitHub>["factory"],
  until: string,
  since: string | null,
  now: Date,
): Promise<{ code: number; out: string }> {
  const io = memoryIo({ cwd: repo, env: { GITHUB_TOKEN: "ghs_test" }, now });
  const range = since === null ? [] : ["--since", since];
  const code = await runApprovals(
    [
      "--repo",
      "diskominfo-kudus/domain",
      "--verify-commit",
      until,
      ...range,
      "--root",
      repo,
      "--format",
      "json",
    ],
    io,
    factory,
  );
  return { code, out: io.out.join("") };
}

const engine = memoryEngine();
let baseSha = "";
let firstHead = "";
let head = "";
let mergedSha = "";
let files: { filename: string; status: string }[] = [];

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "domainops-e2e-"));
  repo = path.join(work, "repo");
  mkdirSync(repo);
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Rehearsal");
  git("config", "user.email", "rehearsal@kuduskab.go.id");
  git("config", "commit.gpgsign", "false");
  cpSync(path.join(OFFICE, "governance"), path.join(repo, "governance"), { recursive: true });
  // The example stack holds documentation-range placeholders, which apply refuses to publish.
  write(
    "Pulumi.kudus.yaml",
    readFileSync(OFFICE_STACK, "utf8")
      .replace("203.0.113.10", "103.76.120.10")
      .replace("2001:db8:1000::10", "2400:8902::10"),
  );
  write("requests/disdik.yaml", ownRequest("disdik", "Dinas Pendidikan", "  jenis: server"));
  write("requests/pameran.yaml", ownRequest("pameran", "Dinas Perdagangan", "  jenis: server"));
  baseSha = commit("Base: two live requests", minutes(-60 * 24));

  git("checkout", "-q", "-b", "pr");
  // One request per hosting kind: server, tunnel, static, eksternal, tanpa.
  for (const name of ["dinkes", "arsip", "pariwisata", "bkd", "dprd"]) {
    write(
      `requests/${name}.yaml`,
      readFileSync(path.join(KINDS, `${name}.yaml`), "utf8").replace("../../../../schema", "../schema"),
    );
  }
  // First push: a NIP with an impossible birth date.
  write(
    "requests/dinkes.yaml",
    readFileSync(path.join(repo, "requests/dinkes.yaml"), "utf8").replace(
      '"197601012005012001"',
      '"197613012005012001"',
    ),
  );
  // A change (disdik moves from the data centre to a static site) and a deletion (pameran).
  write("requests/disdik.yaml", ownRequest("disdik", "Dinas Pendidikan", "  jenis: static"));
  rmSync(path.join(repo, "requests/pameran.yaml"));
  firstHead = commit("Request five subdomains, move disdik to Pages, drop pameran", minutes(0));
});

afterAll(() => {
  removeRoots();
  rmSync(work, { recursive: true, force: true });
});

describe("rehearsal of the loop from pull request to live subdomain", () => {
  it("starts from an applied base: the base's requests are live", async () => {
    git("checkout", "-q", "main");
    const io = memoryIo({ cwd: repo, now: T0 });
    expect(await apply(["--stack", "kudus"], io, engine.openStack)).toBe(0);
    const names = [...engine.state().values()]
      .filter((r) => r.type === DNS_RECORD_TYPE)
      .map((r) => r.inputs.name);
    expect(names).toEqual(expect.arrayContaining([`disdik.${ZONE}`, `pameran.${ZONE}`]));
  });

  it("validate: the workflow's own script finds the changed files (not the deleted one) and the validator flags the bad NIP", async () => {
    checkoutMergeCommit("pr");
    const changed = changedRequestFiles();
    expect(changed.base).toBe(baseSha);
    expect(changed.files.sort()).toEqual(
      ["arsip", "bkd", "dinkes", "disdik", "dprd", "pariwisata"].map((n) => `requests/${n}.yaml`),
    );
    const summary = path.join(work, "summary-1.md");
    const io = memoryIo({ cwd: repo, env: { GITHUB_STEP_SUMMARY: summary }, now: T0 });
    expect(await main(["validate", "--format", "github", ...changed.files], io)).toBe(1);
    expect(io.out.join("")).toMatch(
      /^::error file=requests\/dinkes\.yaml,line=\d+,col=\d+,title=[^:]*nip[^:]*::/m,
    );
    expect(readFileSync(summary, "utf8")).toContain("requests/dinkes.yaml");
  });

  it("validate: after the fix the changed files pass and the diff shows adds, the change and the deletion", async () => {
    git("checkout", "-q", "pr");
    write(
      "requests/dinkes.yaml",
      readFileSync(path.join(KINDS, "dinkes.yaml"), "utf8").replace("../../../../schema", "../schema"),
    );
    head = commit("Fix the NIP", minutes(30));
    checkoutMergeCommit("pr");
    const changed = changedRequestFiles();
    const io = memoryIo({
      cwd: repo,
      env: { GITHUB_STEP_SUMMARY: path.join(work, "summary-2.md") },
      now: minutes(31),
    });
    expect(await main(["validate", "--format", "github", ...changed.files], io)).toBe(0);

    const diffIo = memoryIo({ cwd: repo, now: minutes(31) });
    expect(await main(["diff", "--base", changed.base, "--format", "markdown"], diffIo)).toBe(0);
    const diff = diffIo.out.join("");
    for (const name of ["dinkes", "arsip", "pariwisata", "bkd", "dprd", "disdik", "pameran"]) {
      expect(diff).toContain(`${name}.${ZONE}`);
    }
    expect(diff).toContain("103.76.120.10");
    expect(diff).toMatch(/cfargotunnel\.com/);
    expect(diff).toMatch(/pages\.dev/);
    expect(diff).toContain("> [!WARNING]");
    expect(diff).toContain("**DIHAPUS (REMOVED)** | `pameran.kuduskab.go.id`");
    expect(diff).toMatch(/\*\*DIGANTI \(REPLACED\)\*\* \| `disdik\.kuduskab\.go\.id` \| `A 103\.76\.120\.10/);
  });

  it("approvals: stale and partial approvals keep it pending; all four steps in order on the head approve it", async () => {
    files = restFiles(baseSha, head);
    const baseDir = path.join(work, "base");
    git("worktree", "add", "-q", "--detach", baseDir, baseSha);

    const stale = [approval(OFFICIALS[0] as { login: string; id: number }, firstHead, minutes(10))];
    const first = await decide(pullJson(head, baseSha), stale, files, baseDir, minutes(40));
    expect(first.code).toBe(1);
    expect(first.decision.state).toBe("pending");
    expect(first.decision.next).toEqual(["kds-kadis"]);

    const two = OFFICIALS.slice(0, 2).map((o, i) => approval(o, head, minutes(35 + 5 * i)));
    const partial = await decide(pullJson(head, baseSha), [...stale, ...two], files, baseDir, minutes(50));
    expect(partial.code).toBe(1);
    expect(partial.decision.next).toEqual(["kds-kasi"]);

    const all = OFFICIALS.map((o, i) => approval(o, head, minutes(35 + 5 * i)));
    const done = await decide(pullJson(head, baseSha), [...stale, ...all], files, baseDir, minutes(60));
    expect(done.decision.reasons).toEqual([]);
    expect(done.decision.state).toBe("success");
    expect(done.code).toBe(0);
  });

  it("apply: after the squash merge, verify passes and the mocked apply creates, replaces and deletes exactly what the diff showed", async () => {
    git("checkout", "-q", "main");
    git("merge", "-q", "--squash", "pr");
    mergedSha = commit("Permohonan subdomain (#42)", minutes(70));
    const reviews = OFFICIALS.map((o, i) => approval(o, head, minutes(35 + 5 * i)));
    const merged = pullJson(head, baseSha, { at: minutes(70), sha: mergedSha });

    // The apply job verifies every commit since the stack's appliedCommit (the base, applied above).
    const since = engine.appliedCommit();
    expect(since).toBe(baseSha);
    const { factory } = mergedGitHub(merged, reviews);
    expect((await verifyDeployment(factory, mergedSha, since, minutes(71))).code).toBe(0);

    // apply job
    const summary = path.join(work, "apply-summary.md");
    const io = memoryIo({ cwd: repo, env: { GITHUB_STEP_SUMMARY: summary }, now: minutes(72) });
    expect(await apply(["--stack", "kudus", "--commit", mergedSha], io, engine.openStack)).toBe(0);
    expect(engine.appliedCommit()).toBe(mergedSha);
    const out = io.out.join("");
    // 11 new records, 2 Pages projects and their 2 domains, 1 tunnel rule; disdik's A becomes its
    // Pages CNAME (one replacement, delete-before-replace); pameran's A and AAAA and disdik's AAAA go.
    expect(out).toContain(
      "16 dibuat/create, 0 diubah/update, 1 diganti/replace, 3 dihapus/delete, 0 tetap/same; 4 dikelola",
    );
    expect(out).toContain("Perubahan diterapkan (changes applied)");
    expect(readFileSync(summary, "utf8").length).toBeGreaterThan(0);

    const resources = [...engine.state().values()];
    const dnsNames = new Set(
      resources.filter((r) => r.type === DNS_RECORD_TYPE).map((r) => String(r.inputs.name)),
    );
    for (const name of ["dinkes", "arsip", "pariwisata", "bkd", "disdik"])
      expect(dnsNames).toContain(`${name}.${ZONE}`);
    expect(dnsNames).toContain(`_dmarc.dprd.${ZONE}`);
    expect([...dnsNames].some((name) => name.endsWith(`pameran.${ZONE}`))).toBe(false);
    const disdik = resources.find((r) => r.type === DNS_RECORD_TYPE && r.inputs.name === `disdik.${ZONE}`);
    expect(disdik?.inputs.type).toBe("CNAME");
    expect(
      resources
        .filter((r) => r.type === PAGES_PROJECT_TYPE)
        .map((r) => r.inputs.name)
        .sort(),
    ).toEqual(["disdik-kuduskab", "pariwisata-kuduskab"]);
    const tunnel = resources.find((r) => r.type === TUNNEL_CONFIG_TYPE);
    expect(JSON.stringify(tunnel?.inputs)).toContain(`arsip.${ZONE}`);

    // A second apply of the same commit has nothing to do.
    const again = memoryIo({ cwd: repo, now: minutes(80) });
    expect(await apply(["--stack", "kudus"], again, engine.openStack)).toBe(0);
    expect(again.out.join("")).toContain("no changes, nothing applied");
  });

  it("verify catches a merge that bypassed the SOP, so apply would not run", async () => {
    const reviews = OFFICIALS.slice(0, 2).map((o, i) => approval(o, head, minutes(35 + 5 * i)));
    const merged = pullJson(head, baseSha, { at: minutes(70), sha: mergedSha });
    const { factory } = mergedGitHub(merged, reviews);
    const result = await verifyDeployment(factory, mergedSha, baseSha, minutes(71));
    expect(result.code).toBe(1);
    expect(result.out).toContain("merged without SOP approval (state at merge time: pending)");
    expect(result.out).not.toContain("could not be read");
  });

  it("an unapproved push to main followed by an approved merge: verification refuses, nothing is applied", async () => {
    git("checkout", "-q", "main");
    const tip = git("rev-parse", "HEAD");
    // Someone with write access pushes straight to main: a name pointing at a gambling site's host.
    write("requests/judi.yaml", ownRequest("judi", "Dinas Judi", "  jenis: server"));
    const pushed = commit("Quick fix", minutes(90));
    // Then a proper pull request (one more change to bkd) is approved in SOP order and squash-merged.
    git("checkout", "-q", "-b", "pr2");
    write("requests/pameran.yaml", ownRequest("pameran", "Dinas Perdagangan", "  jenis: server"));
    const prHead = commit("Restore pameran", minutes(95));
    git("checkout", "-q", "main");
    git("merge", "-q", "--squash", "pr2");
    const merged2 = commit("Restore pameran (#43)", minutes(110));
    const pull43 = {
      ...pullJson(prHead, pushed, { at: minutes(110), sha: merged2 }),
      number: 43,
      changed_files: 1,
      commits: 1,
    };
    const reviews = OFFICIALS.map((o, i) => approval(o, prHead, minutes(100 + 2 * i)));
    const merged = pullJson(head, baseSha, { at: minutes(70), sha: mergedSha });
    const { factory } = mergedGitHub(merged, [], {
      pulls: {
        43: {
          pull: pull43,
          reviews,
          files: [{ filename: "requests/pameran.yaml", status: "added" }],
          commits: [{ sha: prHead, author: AUTHOR, committer: AUTHOR, commit: { message: "" } }],
        },
      },
      commitPullsBySha: { [pushed]: [], [merged2]: [pull43] },
    });
    // The pushed commit is invisible to a check of the merge alone ...
    expect((await verifyDeployment(factory, merged2, null, minutes(111))).code).toBe(0);
    // ... but not to the check from the last applied commit, which the workflow runs before apply.
    const result = await verifyDeployment(factory, merged2, engine.appliedCommit(), minutes(111));
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      refused: string[];
      commits: { sha: string; state: string }[];
    };
    expect(report.refused).toEqual([pushed]);
    expect(report.commits.map((c) => c.state)).toEqual(["failure", "success"]);
    expect(engine.appliedCommit()).toBe(mergedSha);
    // Back to the applied tip for the steps that follow.
    git("reset", "-q", "--hard", tip);
  });

  it("notify: the applicant is told on the PR which subdomains are live and which were removed", async () => {
    const merged = pullJson(head, baseSha, { at: minutes(70), sha: mergedSha });
    const { fake, factory } = mergedGitHub(merged, []);
    const io = memoryIo({ cwd: repo, env: { GITHUB_TOKEN: "ghs_test" }, now: minutes(73) });
    expect(
      await runNotify(
        ["--repo", "diskominfo-kudus/domain", "--sha", mergedSha, "--stack", "kudus"],
        io,
        factory,
      ),
    ).toBe(0);
    const body = fake.comments[0]?.body ?? "";
    for (const name of ["dinkes", "arsip", "pariwisata", "disdik"])
      expect(body).toContain(`- URL: https://${name}.${ZONE}`);
    expect(body).toContain(`\`pameran.${ZONE}\`: rekaman DNS`);
    expect(body).toContain("| `dprd.kuduskab.go.id` |");
  });

  it("a live request's new A address: the diff shows one update, and apply updates that one record in place", async () => {
    git("checkout", "-q", "main");
    const bkdName = `bkd.${ZONE}`;
    const atBkd = () =>
      [...engine.state().values()].filter((r) => r.type === DNS_RECORD_TYPE && r.inputs.name === bkdName);
    const before = atBkd();
    const zoneBefore = engine.zone().filter((r) => r.inputs.name === bkdName && r.inputs.type !== "A");
    expect(before.map((r) => r.inputs.type).sort()).toEqual(["A", "CAA"]);
    write(
      "requests/bkd.yaml",
      readFileSync(path.join(repo, "requests/bkd.yaml"), "utf8").replace("103.147.88.21", "103.147.88.22"),
    );
    const base = git("rev-parse", "HEAD");
    commit("Move bkd to its new address", minutes(115));

    const diffIo = memoryIo({ cwd: repo, now: minutes(116) });
    expect(await main(["diff", "--base", base, "--format", "markdown"], diffIo)).toBe(0);
    const diff = diffIo.out.join("");
    expect(diff).toContain("1 diubah di tempat, 0 diganti (hapus dulu), 0 dihapus");
    expect(diff).toContain(
      "| 🟡 DIUBAH (UPDATED) | `bkd.kuduskab.go.id` | `A 103.147.88.21 (ttl 3600)` | `A 103.147.88.22 (ttl 3600)` | bkd |",
    );
    expect(diff).not.toContain("DIGANTI");
    expect(diff).not.toContain("[!WARNING]");

    const io = memoryIo({ cwd: repo, now: minutes(117) });
    expect(await apply(["--stack", "kudus"], io, engine.openStack)).toBe(0);
    expect(io.out.join("")).toContain(
      "0 dibuat/create, 1 diubah/update, 0 diganti/replace, 0 dihapus/delete, 16 tetap/same; 17 dikelola",
    );
    expect(engine.steps().filter((step) => !step.startsWith("same "))).toEqual([`update ${bkdName}`]);
    // The record keeps its resource; the records beside it are the same resources with the same inputs.
    const after = atBkd();
    expect(after.map((r) => [r.name, r.inputs.type, r.inputs.content ?? null])).toEqual(
      before.map((r) => [
        r.name,
        r.inputs.type,
        r.inputs.type === "A" ? "103.147.88.22" : (r.inputs.content ?? null),
      ]),
    );
    expect(after.filter((r) => r.inputs.type !== "A")).toEqual(before.filter((r) => r.inputs.type !== "A"));
    expect(engine.zone().filter((r) => r.inputs.name === bkdName && r.inputs.type !== "A")).toEqual(
      zoneBefore,
    );
  });

  it("deletion gate: an accidental mass deletion on main is refused, and applied only when forced", async () => {
    git("checkout", "-q", "main");
    for (const name of ["dinkes", "arsip", "bkd"]) rmSync(path.join(repo, `requests/${name}.yaml`));
    commit("Remove three requests", minutes(120));
    const before = [...engine.state().keys()].sort();

    const refused = memoryIo({ cwd: repo, now: minutes(121) });
    expect(await apply(["--stack", "kudus"], refused, engine.openStack)).toBe(1);
    // The tunnel rule of arsip counts as a deletion too, beside the DNS records.
    expect(refused.out.join("")).toMatch(/9 dihapus\/delete, 8 tetap\/same; 17 dikelola sebelum ini/);
    expect([...engine.state().keys()].sort()).toEqual(before);

    const forced = memoryIo({ cwd: repo, now: minutes(122) });
    expect(await apply(["--stack", "kudus", "--force"], forced, engine.openStack)).toBe(0);
    const names = [...engine.state().values()].map((r) => String(r.inputs.name ?? ""));
    expect(names.some((name) => name.startsWith("dinkes.") || name.startsWith("bkd."))).toBe(false);
  });
});
