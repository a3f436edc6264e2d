import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { run } from "../../src/cli/notify.ts";
import type { DesiredRecord, DesiredState } from "../../src/core/infra/desired-state.ts";
import { NOTIFY_MARKER, renderNotifyComment } from "../../src/core/reports/notify.ts";
import { classifyPullFiles as classifyFiles } from "../../src/core/request/pull-files.ts";
import type { HostingJenis } from "../../src/core/types.ts";
import type { Comment } from "../approvals/fake-github.ts";
import { fakeGitHub, fixture, REPO } from "../approvals/fake-github.ts";
import { settings, TUNNEL_ID } from "../infra/helpers.ts";
import { OFFICE, OFFICE_STACK, TOOL } from "../support/office.ts";

const KINDS = path.join(TOOL, "test/fixtures/infra-kinds/requests");
const MERGE_SHA = "f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d";
const NOW = new Date("2026-11-27T10:00:00Z");

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A checkout as the notify job sees it: the merged requests, governance and the stack file. */
function checkout(): string {
  const root = mkdtempSync(path.join(tmpdir(), "domainops-notify-"));
  roots.push(root);
  cpSync(KINDS, path.join(root, "requests"), { recursive: true });
  cpSync(path.join(OFFICE, "governance"), path.join(root, "governance"), { recursive: true });
  cpSync(OFFICE_STACK, path.join(root, "Pulumi.kudus.yaml"));
  return root;
}

const merged = { ...fixture("pull.json"), state: "closed", merged_at: "2026-11-27T09:00:00Z" };

const FILES = [
  { filename: "requests/dinkes.yaml", status: "added" },
  { filename: "requests/pariwisata.yaml", status: "added" },
  { filename: "requests/arsip.yaml", status: "modified" },
  { filename: "requests/bkd.yaml", status: "renamed", previous_filename: "requests/bkd-lama.yaml" },
  { filename: "requests/lama.yaml", status: "removed" },
  { filename: "README.md", status: "modified" },
];

function setup(options: { commitPulls?: unknown[]; comments?: Comment[] } = {}) {
  const fake = fakeGitHub({
    commitPulls: options.commitPulls ?? [merged],
    files: FILES,
    me: null,
    ...(options.comments ? { comments: options.comments } : {}),
  });
  const factory = (o: { token: string; owner: string; repo: string }) =>
    createGitHub({ ...o, fetch: fake.fetch, retries: 0 });
  const root = checkout();
  const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_test" }, now: NOW });
  const argv = ["--repo", "diskominfo-kudus/domain", "--sha", MERGE_SHA, "--stack", "kudus"];
  return { fake, factory, io, argv };
}

describe("domainops notify", () => {
  it("comments on the merged pull request with URL, hosting and records of each request it touched", async () => {
    const { fake, factory, io, argv } = setup();
    expect(await run(argv, io, factory)).toBe(0);

    const posts = fake.calls.filter((c) => c.method === "POST" && c.path === `${REPO}/issues/42/comments`);
    expect(posts).toHaveLength(1);
    const body = String((posts[0]?.body as { body?: string } | undefined)?.body);
    expect(body.startsWith(NOTIFY_MARKER)).toBe(true);
    expect(body).toContain("commit `f0e1d2c`");
    // server: proxied addresses of the data centre
    expect(body).toContain("- URL: https://dinkes.kuduskab.go.id");
    expect(body).toContain("| `dinkes.kuduskab.go.id` | A | `203.0.113.10` | ya (yes) | auto |");
    expect(body).toContain(
      "| `dinkes.kuduskab.go.id` | MX | `10 mx1.surel-dinkes.co.id` | tidak (no) | auto |",
    );
    // static: Pages project and its CNAME
    expect(body).toContain("- URL: https://pariwisata.kuduskab.go.id");
    expect(body).toMatch(/Cloudflare Pages: proyek \(project\) `pariwisata-kuduskab`/);
    expect(body).toContain(
      "| `pariwisata.kuduskab.go.id` | CNAME | `pariwisata-kuduskab.pages.dev` | ya (yes) | auto |",
    );
    // tunnel: CNAME to the tunnel and its ingress rule
    expect(body).toContain(`| \`arsip.kuduskab.go.id\` | CNAME | \`${TUNNEL_ID}.cfargotunnel.com\``);
    expect(body).toContain("- Tunnel: `arsip.kuduskab.go.id` → `http://10.10.1.20:8080`");
    // eksternal: the request's own records, TTL kept
    expect(body).toContain("| `bkd.kuduskab.go.id` | A | `103.147.88.21` | tidak (no) | 3600 |");
    expect(body).toContain("| `_sip._tcp.bkd.kuduskab.go.id` | SRV | `10 5 5060 sip.simpeg-vendor.co.id`");
    // removed and renamed-away requests
    expect(body).toContain("### 🗑️ Dihapus dari zona (removed from the zone)");
    expect(body).toContain("- `lama.kuduskab.go.id`: rekaman DNS");
    expect(body).toContain("- `bkd-lama.kuduskab.go.id`: rekaman DNS");
    // untouched requests stay out
    expect(body).not.toContain("dprd.kuduskab.go.id");
    expect(io.out.join("")).toContain(
      "PR #42: komentar (comment) #1500000001 created; 4 aktif (live), 2 dihapus (removed)",
    );
  });

  it("updates its one comment on a re-run instead of adding another, and leaves the SOP comment alone", async () => {
    const sop: Comment = {
      id: 77,
      body: "<!-- domainops:sop -->\nSOP",
      user: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
    };
    const first = setup({ comments: [sop] });
    expect(await run(first.argv, first.io, first.factory)).toBe(0);
    const notice = first.fake.comments.find((c) => c.body.includes(NOTIFY_MARKER));
    expect(notice).toBeDefined();

    const seeded = setup({ comments: [sop, notice as Comment] });
    expect(await run(seeded.argv, seeded.io, seeded.factory)).toBe(0);
    expect(seeded.fake.calls.some((c) => c.method === "POST" && c.path.endsWith("/comments"))).toBe(false);
    expect(seeded.io.out.join("")).toContain("unchanged");

    const stale = { ...(notice as Comment), body: `${NOTIFY_MARKER}\nold text` };
    const update = setup({ comments: [sop, stale] });
    expect(await run(update.argv, update.io, update.factory)).toBe(0);
    const patches = update.fake.calls.filter((c) => c.method === "PATCH");
    expect(patches.map((c) => c.path)).toEqual([`${REPO}/issues/comments/${stale.id}`]);
    expect(update.fake.comments.find((c) => c.id === 77)?.body).toBe(sop.body);
  });

  it("tells nobody when the commit did not come from a merged pull request", async () => {
    const { fake, factory, io, argv } = setup({ commitPulls: [] });
    expect(await run(argv, io, factory)).toBe(0);
    expect(fake.calls.some((c) => c.method === "POST")).toBe(false);
    expect(io.out.join("")).toContain("nobody to tell");
  });

  it.each([
    [["--sha", MERGE_SHA], "--repo"],
    [["--repo", "o/r"], "--sha"],
    [["--repo", "o/r", "--sha", "not-a-sha"], "--sha"],
    [["--repo", "o r", "--sha", MERGE_SHA], "--repo"],
    [["--repo", "o/r", "--sha", MERGE_SHA, "--bogus"], "bogus"],
  ])("usage error %j → exit 2 naming %s", async (args, named) => {
    const io = memoryIo({ cwd: OFFICE, env: { GITHUB_TOKEN: "x" } });
    expect(await main(["notify", ...args], io)).toBe(2);
    expect(io.err.join("")).toContain(named);
  });

  it("needs a token", async () => {
    const io = memoryIo({ cwd: OFFICE, env: {} });
    expect(await main(["notify", "--repo", "o/r", "--sha", MERGE_SHA], io)).toBe(2);
    expect(io.err.join("")).toContain("GITHUB_TOKEN");
  });

  it("refuses to announce from a checkout whose requests are invalid", async () => {
    const { factory, io, argv } = setup();
    writeFileSync(path.join(io.cwd, "requests", "dinkes.yaml"), "subdomain: [broken\n");
    await expect(run(argv, io, factory)).rejects.toThrow(/errors in the requests/);
  });
});

describe("classifyFiles", () => {
  it.each([
    ["added", [{ filename: "requests/a.yaml", status: "added" }], ["requests/a.yaml"], []],
    ["modified", [{ filename: "requests/a.yaml", status: "modified" }], ["requests/a.yaml"], []],
    ["removed", [{ filename: "requests/a.yaml", status: "removed" }], [], ["requests/a.yaml"]],
    [
      "renamed",
      [{ filename: "requests/b.yaml", status: "renamed", previous_filename: "requests/a.yaml" }],
      ["requests/b.yaml"],
      ["requests/a.yaml"],
    ],
    [
      "not requests",
      [
        { filename: "governance/sop.yaml", status: "modified" },
        { filename: "requests/nested/x.yaml", status: "added" },
        { filename: "requests/a.yml", status: "added" },
      ],
      [],
      [],
    ],
  ])("%s", (_name, files, touched, removed) => {
    expect(classifyFiles(files)).toEqual({ touched, removed });
  });
});

function record(name: string, type: DesiredRecord["type"], content: string, request: string): DesiredRecord {
  return {
    key: name,
    name,
    type,
    content,
    ttl: 1,
    proxied: type !== "TXT",
    priority: null,
    data: null,
    comment: request,
    request,
    anchor: true,
    valueKey: content,
  };
}

function comment(records: DesiredRecord[], subdomain: string, hosting: HostingJenis): string {
  const state: DesiredState = { zone: settings().zone, records, tunnel: null, pages: [], accounts: [] };
  return renderNotifyComment({
    state,
    live: [{ subdomain, hosting }],
    removed: [],
    sha: MERGE_SHA,
    stack: "kudus",
  });
}

describe("renderNotifyComment", () => {
  it("keeps request content inside code spans, so it cannot break the table or mention anyone", () => {
    const body = comment([record("x.kuduskab.go.id", "TXT", "a|b `tick` @everyone", "x")], "x", "tanpa");
    expect(body).toContain("| `x.kuduskab.go.id` | TXT | ``a\\|b `tick` @everyone`` | tidak (no) | auto |");
    expect(body).not.toContain("- URL:");
  });

  it("warns that a nested name is not covered by the universal certificate", () => {
    const body = comment(
      [record("sukamaju.desa.kuduskab.go.id", "A", "203.0.113.10", "sukamaju.desa")],
      "sukamaju.desa",
      "server",
    );
    expect(body).toContain("- URL: https://sukamaju.desa.kuduskab.go.id");
    expect(body).toContain("universal certificate does not cover it");
  });

  it("does not warn for a name one level below the zone", () => {
    const body = comment(
      [record("dinkes.kuduskab.go.id", "A", "203.0.113.10", "dinkes")],
      "dinkes",
      "server",
    );
    expect(body).not.toContain("universal certificate");
  });
});
