import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { run } from "../../src/cli/notify.ts";
import type { DesiredAccount, DesiredRecord, DesiredState } from "../../src/core/infra/desired-state.ts";
import {
  NOTIFY_MARKER,
  type RemovedAccount,
  removedAccountOf,
  renderNotifyComment,
} from "../../src/core/reports/notify.ts";
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

function setup(
  options: { commitPulls?: unknown[]; comments?: Comment[]; contents?: Record<string, string> } = {},
) {
  const fake = fakeGitHub({
    commitPulls: options.commitPulls ?? [merged],
    files: FILES,
    me: null,
    ...(options.comments ? { comments: options.comments } : {}),
    ...(options.contents ? { contents: options.contents } : {}),
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

  it("says how to reach a live request's account, and what became of a removed request's account", async () => {
    const { fake, factory, io, argv } = setup({
      contents: {
        // The removed files as the pull request's base had them.
        "requests/lama.yaml": "subdomain: lama\nhosting:\n  jenis: server\n  akun:\n    paket: kecil\n",
        "requests/bkd-lama.yaml": "subdomain: bkd-lama\nhosting:\n  jenis: tanpa\n",
      },
    });
    const dinkes = path.join(io.cwd, "requests", "dinkes.yaml");
    writeFileSync(
      dinkes,
      readFileSync(dinkes, "utf8").replace(
        "  jenis: server\n",
        "  jenis: server\n  akun:\n    paket: kecil\n    database: true\n",
      ),
    );
    expect(await run(argv, io, factory)).toBe(0);
    const body = fake.comments.find((c) => c.body.includes(NOTIFY_MARKER))?.body ?? "";
    // The office stack's only server: web1, linux, 10.10.1.30, SSH on 22.
    expect(body).toContain(
      "- Unggah berkas (upload files): `sftp -P 22 do-dinkes@10.10.1.30` dengan kunci SSH publik akun GitHub @\u200dbudi-dinkes (`https://github.com/budi-dinkes.keys`), ke folder `/public_html`.",
    );
    expect(body).toContain("`~/.my.cnf`");
    expect(body).toContain(
      "  - akun hostingnya ditangguhkan, diarsipkan (web root dan dump database) di server `web1` dalam folder `/var/backups/domainops`, lalu dihapus",
    );
    // The base's files are read at the base commit; bkd-lama had no account.
    const reads = fake.calls.filter((c) => c.method === "GET" && c.path.includes("/contents/"));
    expect(reads.map((c) => c.path).sort()).toEqual([
      `${REPO}/contents/requests%2Fbkd-lama.yaml`,
      `${REPO}/contents/requests%2Flama.yaml`,
    ]);
    const base = fixture<{ base: { sha: string } }>("pull.json").base.sha;
    expect(reads.map((c) => c.query.get("ref"))).toEqual([base, base]);
    expect(body.match(/akun hostingnya/g)).toHaveLength(1);
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
    servers: [],
    live: [{ subdomain, hosting }],
    removed: [],
    removedAccounts: [],
    sha: MERGE_SHA,
    stack: "kudus",
  });
}

const SERVERS = settings({
  hostingServers: [
    {
      name: "web1",
      kind: "linux",
      address: "10.10.1.30",
      port: 2222,
      hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+",
      packages: { kecil: { diskQuotaMb: 1024 } },
    },
    {
      name: "cpanel",
      kind: "whm",
      address: "whm.kuduskab.go.id",
      packages: { dasar: { diskQuotaMb: 2048 } },
    },
  ],
}).hostingServers;

function account(overrides: Partial<DesiredAccount> = {}): DesiredAccount {
  return {
    fqdn: "dinkes.kuduskab.go.id",
    user: "do-dinkes",
    server: "web1",
    serverKind: "linux",
    package: "kecil",
    limits: { diskQuotaMb: 1024, phpMaxChildren: 5, phpMemoryLimitMb: 128 },
    php: "8.2",
    database: true,
    contact: "budi-dinkes",
    contactEmail: "budi@kuduskab.go.id",
    request: "dinkes",
    ...overrides,
  };
}

/** The comment's lines about accounts: live ones after the hosting line, removed ones nested. */
function accountComment(
  accounts: DesiredAccount[],
  removedAccounts: RemovedAccount[] = [],
  subdomain = "dinkes",
): string[] {
  const state: DesiredState = { zone: settings().zone, records: [], tunnel: null, pages: [], accounts };
  const body = renderNotifyComment({
    state,
    servers: SERVERS,
    live: removedAccounts.length === 0 ? [{ subdomain, hosting: "server" }] : [],
    removed: removedAccounts.map((removed) => removed.subdomain),
    removedAccounts,
    sha: MERGE_SHA,
    stack: "kudus",
  });
  return body.split("\n").filter((line) => /^(- (Akun|Unggah|Masuk|Basis|⚠️)| {2}- )/.test(line));
}

const NOBODY =
  "- ⚠️ Belum ada yang dapat masuk: tetapkan `pengelola_teknis.github`, akun GitHub yang memiliki kunci SSH publik. (Nobody can log in until a technical contact with public SSH keys on GitHub is set in `pengelola_teknis.github`.)";
const MY_CNF =
  "- Basis data (database): kredensialnya ada di `~/.my.cnf` akun ini, hanya dapat dibaca akun itu sendiri. (The credentials are in the account's `~/.my.cnf`, readable only by the account.)";

describe("renderNotifyComment: hosting accounts", () => {
  it.each<[string, DesiredAccount[], string, string[]]>([
    [
      "linux: SFTP with the contact's GitHub keys into the document root, the database in ~/.my.cnf",
      [account()],
      "dinkes",
      [
        "- Akun hosting (hosting account): server `web1`, pengguna (user) `do-dinkes`",
        "- Unggah berkas (upload files): `sftp -P 2222 do-dinkes@10.10.1.30` dengan kunci SSH publik akun GitHub @\u200dbudi-dinkes (`https://github.com/budi-dinkes.keys`), ke folder `/public_html`. (With the public SSH keys of GitHub @\u200dbudi-dinkes, into the folder `/public_html`.)",
        MY_CNF,
      ],
    ],
    [
      "linux without a database: no credentials line",
      [account({ database: false })],
      "dinkes",
      [
        "- Akun hosting (hosting account): server `web1`, pengguna (user) `do-dinkes`",
        "- Unggah berkas (upload files): `sftp -P 2222 do-dinkes@10.10.1.30` dengan kunci SSH publik akun GitHub @\u200dbudi-dinkes (`https://github.com/budi-dinkes.keys`), ke folder `/public_html`. (With the public SSH keys of GitHub @\u200dbudi-dinkes, into the folder `/public_html`.)",
      ],
    ],
    [
      "linux without a contact: nobody can log in",
      [account({ contact: null })],
      "dinkes",
      ["- Akun hosting (hosting account): server `web1`, pengguna (user) `do-dinkes`", NOBODY, MY_CNF],
    ],
    [
      "whm: cPanel on 2083 with the cPanel user, the contact's keys imported",
      [account({ server: "cpanel", serverKind: "whm", php: null })],
      "dinkes",
      [
        "- Akun hosting (hosting account): cPanel di server `cpanel`, `https://whm.kuduskab.go.id:2083`, pengguna cPanel (cPanel user) `dodinkes`",
        "- Masuk (log in): kunci SSH publik akun GitHub @\u200dbudi-dinkes (`https://github.com/budi-dinkes.keys`) dipasang sebagai kunci SSH cPanel. (The public SSH keys of GitHub @\u200dbudi-dinkes are imported as cPanel SSH keys.)",
      ],
    ],
    [
      "whm without a contact: nobody can log in",
      [account({ server: "cpanel", serverKind: "whm", contact: null })],
      "dinkes",
      [
        "- Akun hosting (hosting account): cPanel di server `cpanel`, `https://whm.kuduskab.go.id:2083`, pengguna cPanel (cPanel user) `dodinkes`",
        NOBODY,
      ],
    ],
    [
      "only the request's own account, matched without regard to case",
      [account({ request: "DINKES" }), account({ request: "dinsos", user: "do-dinsos" })],
      "dinkes",
      [
        "- Akun hosting (hosting account): server `web1`, pengguna (user) `do-dinkes`",
        "- Unggah berkas (upload files): `sftp -P 2222 do-dinkes@10.10.1.30` dengan kunci SSH publik akun GitHub @\u200dbudi-dinkes (`https://github.com/budi-dinkes.keys`), ke folder `/public_html`. (With the public SSH keys of GitHub @\u200dbudi-dinkes, into the folder `/public_html`.)",
        MY_CNF,
      ],
    ],
  ])("%s", (_label, accounts, subdomain, expected) => {
    expect(accountComment(accounts, [], subdomain)).toEqual(expected);
  });

  it("escapes every value: Markdown in a login stays text and mentions nobody", () => {
    const lines = accountComment([account({ contact: "a_b*c", user: "x`y" })]).join("\n");
    expect(lines).toContain("pengguna (user) ``x`y``");
    expect(lines).toContain("akun GitHub @\u200da\\_b\\*c (`https://github.com/a_b*c.keys`)");
    expect(lines).not.toMatch(/(^|[^\u200d])@a/);
  });

  it("refuses an account on a server the settings do not hold (a bug, not input)", () => {
    expect(() => accountComment([account({ server: "gone" })])).toThrow(/no hosting server gone/);
    expect(() =>
      accountComment([account({ server: "cpanel", serverKind: "whm", request: "bad_name" })], [], "bad_name"),
    ).toThrow(/no cPanel user for bad_name/);
  });

  it.each<[string, RemovedAccount, string]>([
    [
      "linux: archived under the backup folder, then removed",
      { subdomain: "lama", server: "web1" },
      "  - akun hostingnya ditangguhkan, diarsipkan (web root dan dump database) di server `web1` dalam folder `/var/backups/domainops`, lalu dihapus (its hosting account was suspended, archived (web root and database dump) on server `web1` under `/var/backups/domainops`, then removed)",
    ],
    [
      "whm: suspended, removal waits for the server backup",
      { subdomain: "lama", server: "cpanel" },
      "  - akun cPanel-nya di server `cpanel` ditangguhkan; penghapusannya menunggu cadangan server yang terkonfirmasi, lihat log apply (its cPanel account on server `cpanel` was suspended; removing it waits for a confirmed server backup, see the apply log)",
    ],
    [
      "a server the stack no longer names",
      { subdomain: "lama", server: null },
      "  - akun hostingnya dihentikan, lihat log apply (its hosting account was taken down, see the apply log)",
    ],
  ])("a removed request's account: %s", (_label, removed, expected) => {
    expect(accountComment([], [removed])).toEqual([expected]);
  });

  it("names a removed account only under its own request", () => {
    const state: DesiredState = { zone: settings().zone, records: [], tunnel: null, pages: [], accounts: [] };
    const body = renderNotifyComment({
      state,
      servers: SERVERS,
      live: [],
      removed: ["lama", "Arsip"],
      removedAccounts: [{ subdomain: "arsip", server: "web1" }],
      sha: MERGE_SHA,
      stack: "kudus",
    });
    const lines = body.split("\n");
    const arsip = lines.findIndex((line) => line.startsWith("- `arsip.kuduskab.go.id`"));
    expect(lines[arsip + 1]).toMatch(/^ {2}- akun hostingnya ditangguhkan/);
    expect(lines.filter((line) => line.startsWith("  - "))).toHaveLength(1);
  });
});

describe("removedAccountOf", () => {
  it.each<[string, unknown, readonly (typeof SERVERS)[number][], RemovedAccount | null]>([
    [
      "an account on the named server",
      { hosting: { jenis: "server", akun: { paket: "kecil", server: " CPanel " } } },
      SERVERS,
      { subdomain: "lama", server: "cpanel" },
    ],
    [
      "an account on the only server",
      { hosting: { jenis: "server", akun: { paket: "kecil" } } },
      SERVERS.slice(0, 1),
      { subdomain: "lama", server: "web1" },
    ],
    [
      "no server named among several",
      { hosting: { jenis: "server", akun: { paket: "kecil" } } },
      SERVERS,
      { subdomain: "lama", server: null },
    ],
    [
      "a server the stack does not hold",
      { hosting: { jenis: "server", akun: { server: "gone" } } },
      SERVERS,
      { subdomain: "lama", server: null },
    ],
    [
      "a server name that is not text",
      { hosting: { jenis: "server", akun: { server: 5 } } },
      SERVERS.slice(1),
      { subdomain: "lama", server: "cpanel" },
    ],
    ["server hosting without an account", { hosting: { jenis: "server" } }, SERVERS, null],
    ["an account block that is a list", { hosting: { jenis: "server", akun: [] } }, SERVERS, null],
    ["another hosting kind", { hosting: { jenis: "tunnel", akun: { paket: "kecil" } } }, SERVERS, null],
    ["hosting that is not a map", { hosting: "server" }, SERVERS, null],
    ["a file that did not load", undefined, SERVERS, null],
    ["a document that is a list", [{ hosting: { jenis: "server", akun: {} } }], SERVERS, null],
  ])("%s", (_label, data, servers, expected) => {
    expect(removedAccountOf("lama", data, servers)).toEqual(expected);
  });
});

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
