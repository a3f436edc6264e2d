import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBaseRequests } from "../../src/adapters/base-requests.ts";
import { createGitHub } from "../../src/adapters/github.ts";
import { run } from "../../src/cli/approvals.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { COMMENT_MARKER } from "../../src/core/approvals/render.ts";
import { OFFICE } from "../support/office.ts";
import { type Comment, type FakeOptions, fakeGitHub, fixture, REPO } from "./fake-github.ts";

const HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const BASE = "e5bd3914e2e596debea16f433f57875b5b90bcd6";
const OWNED = "pengelola_teknis:\n  github: opd-dinkes-admin\n";

function setup(options: FakeOptions = {}) {
  const fake = fakeGitHub({ contents: { "requests/puskesmas-jati.yaml": OWNED }, ...options });
  const factory = (o: { token: string; owner: string; repo: string }) =>
    createGitHub({ ...o, fetch: fake.fetch, retries: options.flaky ? 1 : 0 });
  const online = async (args: string[], env: Record<string, string> = { GITHUB_TOKEN: "ghs_test" }) => {
    const io = memoryIo({ cwd: OFFICE, env, now: new Date("2026-11-24T02:00:00Z") });
    const code = await run(["--repo", "diskominfo-kudus/domain", ...args], io, factory);
    return { code, out: io.out.join(""), err: io.err.join("") };
  };
  return { fake, online };
}

const writes = (calls: { method: string; path: string }[]) =>
  calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path.replace(REPO, "")}`);

describe("online approvals against recorded GitHub REST shapes", () => {
  it("posts the status, creates the sticky comment once then updates it, and asks only the next step", async () => {
    const stranger: Comment = {
      id: 77,
      body: `${COMMENT_MARKER}\nsomeone pasted the marker`,
      user: { login: "random-contributor", id: 5000099, type: "User" },
    };
    const { fake, online } = setup({ comments: [stranger] });

    const first = await online(["--pr", "42"]);
    expect(first.code).toBe(1);
    expect(writes(fake.calls)).toEqual([
      `POST /statuses/${HEAD}`,
      "POST /issues/42/comments",
      "POST /pulls/42/requested_reviewers",
    ]);
    const status = fake.calls.find((c) => c.path.endsWith(`/statuses/${HEAD}`))?.body;
    expect(status).toEqual({
      state: "pending",
      context: "domainops/sop",
      description: "Menunggu Kepala Seksi TI dan Persandian (langkah 3 dari 4)",
    });
    // Already requested (kds-staf) and the author are never asked; only the next step's officials.
    expect(fake.calls.find((c) => c.path.endsWith("/requested_reviewers"))?.body).toEqual({
      reviewers: ["kds-kasi"],
    });
    // Pagination followed; base version read as data at the base sha.
    expect(fake.calls.some((c) => c.path.endsWith("/pulls/42/reviews") && c.query.get("page") === "2")).toBe(
      true,
    );
    const content = fake.calls.find((c) => c.path.includes("/contents/"));
    expect([decodeURIComponent(content?.path ?? ""), content?.query.get("ref")]).toEqual([
      `${REPO}/contents/requests/puskesmas-jati.yaml`,
      BASE,
    ]);
    const created = fake.comments.find((c) => c.user.login === "github-actions[bot]");
    expect(created?.body).toContain(COMMENT_MARKER);
    expect(created?.body).toContain("@kds-kasi");
    expect(stranger.body).toBe(`${COMMENT_MARKER}\nsomeone pasted the marker`);

    // Second run: the Kepala Seksi is now a requested reviewer, and one more minute has passed.
    fake.calls.length = 0;
    const pull = fixture("pull.json") as Record<string, unknown>;
    pull.requested_reviewers = [{ login: "kds-kasi", id: 91000113, type: "User" }];
    const again = fakeGitHub({
      contents: { "requests/puskesmas-jati.yaml": OWNED },
      pull,
      comments: fake.comments,
    });
    const io = memoryIo({
      cwd: OFFICE,
      env: { GITHUB_TOKEN: "ghs_test" },
      now: new Date("2026-11-24T02:01:00Z"),
    });
    const code = await run(["--repo", "diskominfo-kudus/domain", "--pr", "42"], io, (o) =>
      createGitHub({ ...o, fetch: again.fetch, retries: 0 }),
    );
    expect(code).toBe(1);
    expect(writes(again.calls)).toEqual([`POST /statuses/${HEAD}`, `PATCH /issues/comments/${created?.id}`]);
    expect(again.comments.filter((c) => c.body.includes(COMMENT_MARKER))).toHaveLength(2);
  });

  it("with a token that can read /user, finds its own comment by login and marker", async () => {
    const mine: Comment = {
      id: 900,
      body: `${COMMENT_MARKER}\nold text`,
      user: { login: "domainops-bot", id: 8800001, type: "User" },
    };
    const { fake, online } = setup({ me: { login: "domainops-bot", id: 8800001 }, comments: [mine] });
    await online(["--pr", "42"], { DOMAINOPS_GITHUB_TOKEN: "github_pat_test" });
    expect(writes(fake.calls)).toContain("PATCH /issues/comments/900");
    expect(writes(fake.calls)).not.toContain("POST /issues/42/comments");
    expect(mine.body).toContain("Menunggu Kepala Seksi TI dan Persandian");
  });

  it("fails the status and names the file when an applicant changes another unit's request", async () => {
    const { fake, online } = setup({
      contents: { "requests/puskesmas-jati.yaml": "pengelola_teknis:\n  github: opd-pkm-jati\n" },
    });
    const result = await online(["--pr", "42"]);
    expect(result.code).toBe(1);
    const status = fake.calls.find((c) => c.path.includes("/statuses/"))?.body as {
      state: string;
      description: string;
    };
    expect(status.state).toBe("failure");
    expect(status.description).toBe("Perubahan di luar wewenang pengaju: requests/puskesmas-jati.yaml");
    expect(writes(fake.calls)).not.toContain("POST /pulls/42/requested_reviewers");
  });

  it("refuses a changed request whose base version is missing (404)", async () => {
    const { fake, online } = setup({ contents: {} });
    expect((await online(["--pr", "42"])).code).toBe(1);
    const status = fake.calls.find((c) => c.path.includes("/statuses/"))?.body as { state: string };
    expect(status.state).toBe("failure");
  });

  it("retries a transient 502 (retry plugin on)", async () => {
    const { fake, online } = setup({ flaky: { route: `GET ${REPO}/pulls/42`, times: 1 } });
    const result = await online(["--pr", "42"]);
    expect(result.code).toBe(1);
    expect(fake.calls.filter((c) => c.method === "GET" && c.path === `${REPO}/pulls/42`)).toHaveLength(2);
  });

  it("turns a GitHub outage into one clear error", async () => {
    const { online } = setup({ flaky: { route: `GET ${REPO}/pulls/42`, times: 5 } });
    await expect(online(["--pr", "42"])).rejects.toThrow(/GitHub: gagal membaca PR #42 \(HTTP 502\)/);
  });

  it("needs a token", async () => {
    const { online } = setup();
    await expect(online(["--pr", "42"], {})).rejects.toThrow(/GITHUB_TOKEN/);
  });
});

describe("review requests", () => {
  it("skips the author and those already requested", async () => {
    const fake = fakeGitHub({});
    const github = createGitHub({
      token: "t",
      owner: "diskominfo-kudus",
      repo: "domain",
      fetch: fake.fetch,
      retries: 0,
    });
    const pull = await github.fetchPull(42);
    const result = await github.requestReviewers(pull, [
      "opd-dinkes-admin",
      "KDS-STAF",
      "kds-kasi",
      "kds-kasi",
    ]);
    expect(result.requested).toEqual(["kds-kasi"]);
    expect(await github.requestReviewers(pull, ["kds-staf"])).toEqual({ requested: [] });
    expect(fake.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });
});

describe("comment author for GitHub App tokens", () => {
  it("uses DOMAINOPS_BOT_LOGIN instead of guessing github-actions[bot]", async () => {
    const mine: Comment = {
      id: 901,
      body: `${COMMENT_MARKER}\nold`,
      user: { login: "domainops-app[bot]", id: 9900001, type: "Bot" },
    };
    const { fake, online } = setup({ comments: [mine] });
    await online(["--pr", "42"], { GITHUB_TOKEN: "ghs_app", DOMAINOPS_BOT_LOGIN: "domainops-app[bot]" });
    expect(writes(fake.calls)).toContain("PATCH /issues/comments/901");
    expect(fake.calls.some((c) => c.path === "/user")).toBe(false);
  });

  it("does not request reviews on a draft", async () => {
    const pull = { ...(fixture("pull.json") as Record<string, unknown>), draft: true };
    const { fake, online } = setup({ pull });
    await online(["--pr", "42"]);
    expect(writes(fake.calls)).not.toContain("POST /pulls/42/requested_reviewers");
  });
});

describe("base-branch requests of the parent names", () => {
  const files = [
    { filename: "requests/a.b.dinkes.yaml", status: "added" },
    { filename: "requests/puskesmas-jati.yaml", status: "modified" },
  ];
  const base = {
    "requests/b.dinkes.yaml": null,
    "requests/dinkes.yaml": { pengelola_github: "opd-dinkes-admin", project: "situs-dinkes", impor: false },
    "requests/puskesmas-jati.yaml": { pengelola_github: "opd-dinkes-admin", project: null, impor: true },
  };
  const DINKES = `${OWNED}hosting:\n  jenis: static\n  project: Situs-Dinkes\n`;
  const IMPORTED = `${OWNED}impor:\n  sumber: bind\n  tanggal: 2026-12-01\n`;

  it("reads every ancestor of an added name at the base sha, a missing one as null", async () => {
    const fake = fakeGitHub({
      contents: { "requests/puskesmas-jati.yaml": IMPORTED, "requests/dinkes.yaml": DINKES },
    });
    const client = createGitHub({
      token: "t",
      owner: "diskominfo-kudus",
      repo: "domain",
      fetch: fake.fetch,
      retries: 0,
    });
    expect(await client.fetchBaseRequests(files, BASE)).toEqual(base);
    const read = fake.calls.filter((c) => c.path.includes("/contents/"));
    expect(read.map((c) => c.query.get("ref"))).toEqual([BASE, BASE, BASE]);
  });

  it("reads the same from a base checkout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "base-requests-"));
    try {
      mkdirSync(join(dir, "requests"));
      writeFileSync(join(dir, "requests/dinkes.yaml"), DINKES);
      writeFileSync(join(dir, "requests/puskesmas-jati.yaml"), IMPORTED);
      expect(await readBaseRequests(dir, files)).toEqual(base);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
