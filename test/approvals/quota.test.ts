/**
 * A pull request with more request files than the policy allows is refused before any per-file
 * API call: the SOP gate reads no base versions, the preview no head versions.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { run } from "../../src/cli/approvals.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { run as preview } from "../../src/cli/pr-preview.ts";
import { checkPullSize, DEFAULT_PULL_LIMITS } from "../../src/core/approvals/pull-size.ts";
import { COMMENT_MARKER } from "../../src/core/approvals/render.ts";
import { OFFICE } from "../support/office.ts";
import { type Call, fakeGitHub, fixture, REPO } from "./fake-github.ts";

const HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** The gate's checkout: governance copied, with the policy's pull limits set. */
function checkout(limits = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "domainops-quota-"));
  cpSync(join(OFFICE, "governance"), join(dir, "governance"), { recursive: true });
  const policy = readFileSync(join(dir, "governance/policy.yaml"), "utf8").replace(
    /^maxRequestFilesPerPull: .*\nmaxChangedFilesPerPull: .*\n/m,
    limits,
  );
  writeFileSync(join(dir, "governance/policy.yaml"), policy);
  return dir;
}

function requestFiles(n: number) {
  return Array.from({ length: n }, (_, i) => ({ filename: `requests/r${i}.yaml`, status: "modified" }));
}

function gitHub(changedFiles: number, files: unknown[]) {
  const pull = { ...fixture("pull.json"), changed_files: changedFiles };
  const contents = Object.fromEntries(
    (files as { filename: string }[]).map((f) => [f.filename, "pengelola_teknis:\n  github: x\n"]),
  );
  const fake = fakeGitHub({ pull, files, contents });
  const factory = (o: { token: string; owner: string; repo: string }) =>
    createGitHub({ ...o, fetch: fake.fetch, retries: 0 });
  return { fake, factory };
}

const env = {
  GITHUB_TOKEN: "ghs_test",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "diskominfo-kudus/domain",
  GITHUB_RUN_ID: "77",
};
const contentCalls = (calls: Call[]) => calls.filter((c) => c.path.includes("/contents/"));
const listCalls = (calls: Call[]) => calls.filter((c) => c.path.endsWith("/pulls/42/files"));

async function approvals(dir: string, changedFiles: number, files: unknown[]) {
  const { fake, factory } = gitHub(changedFiles, files);
  const io = memoryIo({ cwd: dir, env, now: new Date("2026-11-24T02:00:00Z") });
  const code = await run(["--repo", "diskominfo-kudus/domain", "--pr", "42", "--root", dir], io, factory);
  const status = fake.calls.find((c) => c.method === "POST" && c.path === `${REPO}/statuses/${HEAD}`);
  return { code, fake, status: status?.body as Record<string, string> | undefined, out: io.out.join("") };
}

describe("the SOP gate refuses a pull request too big to read", () => {
  it("1,500 request files: a failure status and comment, no file list and no per-file call", async () => {
    root = checkout();
    const { code, fake, status } = await approvals(root, 1500, requestFiles(1500));
    expect(code).toBe(1);
    expect(contentCalls(fake.calls)).toEqual([]);
    expect(listCalls(fake.calls)).toEqual([]);
    expect(fake.calls.filter((c) => c.path.endsWith("/reviews"))).toEqual([]);
    expect(status?.state).toBe("failure");
    expect(status?.description).toContain("1500 > 300");
    expect(status?.description).toContain("split the PR");
    expect(status?.target_url).toBe("https://github.com/diskominfo-kudus/domain/actions/runs/77");
    const comment = fake.comments.at(-1)?.body ?? "";
    expect(comment).toContain(COMMENT_MARKER);
    expect(comment).toContain("Pecah menjadi beberapa pull request");
    expect(comment).toContain("Split it into several smaller pull requests");
    expect(fake.calls.filter((c) => c.method === "POST" && c.path.endsWith("/requested_reviewers"))).toEqual(
      [],
    );
  });

  it("more request files than the policy allows: refused after the list, before any base version", async () => {
    root = checkout("maxRequestFilesPerPull: 3\nmaxChangedFilesPerPull: 50\n");
    const { code, fake, status } = await approvals(root, 4, requestFiles(4));
    expect(code).toBe(1);
    expect(listCalls(fake.calls)).toHaveLength(1);
    expect(contentCalls(fake.calls)).toEqual([]);
    expect(status?.state).toBe("failure");
    expect(status?.description).toContain("berkas permohonan: 4 > 3");

    const within = await approvals(root, 3, requestFiles(3));
    // Within the limit each request file is read twice: its base version (owner) and its head version (project).
    expect(contentCalls(within.fake.calls)).toHaveLength(6);
    expect(within.status?.description).not.toContain("pecah PR");
  });

  it("the preview reads no file of a pull request that is too big", async () => {
    root = checkout();
    const { fake, factory } = gitHub(1500, requestFiles(1500));
    const io = memoryIo({ cwd: root, env, now: new Date("2026-11-24T02:00:00Z") });
    const argv = ["--repo", "diskominfo-kudus/domain", "--pr", "42", "--out", "preview.md", "--root", root];
    expect(await preview(argv, io, factory)).toBe(0);
    expect(contentCalls(fake.calls)).toEqual([]);
    expect(listCalls(fake.calls)).toEqual([]);
    const note = readFileSync(join(root, "preview.md"), "utf8");
    expect(note).toContain("Tidak ada pratinjau");
    expect(note).toContain("Split it into several smaller pull requests");

    const few = gitHub(25, requestFiles(25));
    expect(await preview(argv, io, few.factory)).toBe(0);
    expect(listCalls(few.fake.calls)).toHaveLength(1);
    expect(contentCalls(few.fake.calls)).toEqual([]);
    expect(readFileSync(join(root, "preview.md"), "utf8")).toContain("25 request files; at most 20");
  });
});

describe("listings have a bound", () => {
  it("stops reading reviews after 30 pages and refuses to decide on part of them", async () => {
    root = checkout();
    const page = fixture<unknown[]>("reviews-page1.json").slice(0, 1);
    const fake = fakeGitHub({ reviewsPages: Array.from({ length: 31 }, () => page) });
    const factory = (o: { token: string; owner: string; repo: string }) =>
      createGitHub({ ...o, fetch: fake.fetch, retries: 0 });
    const io = memoryIo({ cwd: root, env, now: new Date("2026-11-24T02:00:00Z") });
    await expect(
      run(["--repo", "diskominfo-kudus/domain", "--pr", "42", "--root", root], io, factory),
    ).rejects.toThrow(/batas 30 halaman/);
    expect(fake.calls.filter((c) => c.path.endsWith("/pulls/42/reviews"))).toHaveLength(30);
    expect(fake.calls.filter((c) => c.method === "POST")).toEqual([]);
  });
});

describe("checkPullSize", () => {
  const limits = DEFAULT_PULL_LIMITS;
  it.each([
    ["at the request limit", 20, requestFiles(20), true],
    ["one request file over", 21, requestFiles(21), false],
    [
      "many other files, few requests",
      250,
      [...requestFiles(2), { filename: "docs/a.md", status: "added" }],
      true,
    ],
    ["changed files over the limit, list not read yet", 301, undefined, false],
    ["changed files at the limit", 300, undefined, true],
  ])("%s", (_label, changedFiles, files, ok) => {
    expect(checkPullSize({ changedFiles, ...(files ? { files } : {}), limits }).ok).toBe(ok);
  });

  it("counts both sides of a rename and caps the changed-file limit at GitHub's list of 3,000", () => {
    const renamed = Array.from({ length: 11 }, (_, i) => ({
      filename: `requests/new${i}.yaml`,
      status: "renamed",
      previous_filename: `requests/old${i}.yaml`,
    }));
    expect(checkPullSize({ files: renamed, limits }).ok).toBe(false);
    expect(checkPullSize({ files: renamed.slice(0, 10), limits }).ok).toBe(true);
    const huge = { maxRequestFiles: 20, maxChangedFiles: 1_000_000 };
    expect(checkPullSize({ changedFiles: 3000, limits: huge }).ok).toBe(true);
    expect(checkPullSize({ changedFiles: 3001, limits: huge }).ok).toBe(false);
  });
});
