import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { fixtureFiles, makeRoot, NOW, removeRoots } from "../pulumi/harness.ts";
import { OFFICE, OFFICE_STACK } from "../support/office.ts";

afterAll(removeRoots);

function kindsRoot(): string {
  const dir = makeRoot(fixtureFiles("infra-kinds"));
  copyFileSync(OFFICE_STACK, path.join(dir, "Pulumi.kudus.yaml"));
  return dir;
}

/** The kinds fixture as a git repository whose `main` holds it as committed. */
function committedKindsRoot(): string {
  const root = kindsRoot();
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "base");
  return root;
}

async function run(args: string[], cwd: string) {
  const io = memoryIo({ cwd, now: NOW });
  const code = await main(args, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], {
    cwd,
    encoding: "utf8",
  });
}

describe("domainops plan", () => {
  it("prints the desired state as a table with name, type, content, proxied, ttl and request", async () => {
    const { code, out } = await run(["plan", "--root", kindsRoot()], OFFICE);
    expect(code).toBe(0);
    expect(out).toContain(
      "Zona kuduskab.go.id: 11 rekaman DNS, 1 aturan tunnel, 1 situs Pages, 0 akun hosting.",
    );
    expect(out).toMatch(/^NAME +TYPE +CONTENT +PROXIED +TTL +REQUEST$/m);
    expect(out).toMatch(/^dinkes\.kuduskab\.go\.id +A +203\.0\.113\.10 +yes +auto +dinkes$/m);
    expect(out).toMatch(/^bkd\.kuduskab\.go\.id +A +103\.147\.88\.21 +no +3600 +bkd$/m);
    expect(out).toMatch(
      /^_sip\._tcp\.bkd\.kuduskab\.go\.id +SRV +10 5 5060 sip\.simpeg-vendor\.co\.id +no +auto +bkd$/m,
    );
    expect(out).toContain("  arsip.kuduskab.go.id -> http://10.10.1.20:8080\n  * -> http_status:404");
  });

  it("json and markdown formats", async () => {
    const root = kindsRoot();
    const json = JSON.parse((await run(["plan", "--root", root, "--format", "json"], OFFICE)).out);
    expect(json.records).toHaveLength(11);
    expect(json.tunnel.ingress.at(-1)).toEqual({ hostname: null, service: "http_status:404", request: null });
    const md = (await run(["plan", "--root", root, "--format", "markdown"], OFFICE)).out;
    expect(md).toContain(
      "| `pariwisata.kuduskab.go.id` | CNAME | `pariwisata-kuduskab.pages.dev` | yes | auto | pariwisata |",
    );
    expect((await run(["plan", "--root", root, "--format", "yaml"], OFFICE)).code).toBe(2);
  });

  it("exit 1 with the diagnostics when requests are invalid", async () => {
    const root = makeRoot(fixtureFiles("infra-invalid"));
    copyFileSync(OFFICE_STACK, path.join(root, "Pulumi.kudus.yaml"));
    const { code, out, err } = await run(["plan", "--root", root], OFFICE);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toContain("requests/dinkes.yaml:12:8 error nip-format");
  });

  it("chooses the stack: the only one, the named one, or says which exist", async () => {
    const root = kindsRoot();
    copyFileSync(path.join(root, "Pulumi.kudus.yaml"), path.join(root, "Pulumi.uji.yaml"));
    const both = await run(["plan", "--root", root], OFFICE);
    expect(both.code).toBe(2);
    expect(both.err).toContain("Pulumi.kudus.yaml, Pulumi.uji.yaml");
    expect((await run(["plan", "--root", root, "--stack", "uji"], OFFICE)).code).toBe(0);
    const missing = await run(["plan", "--root", root, "--stack", "prod"], OFFICE);
    expect(missing.err).toContain("Pulumi.prod.yaml tidak ada");
    expect((await run(["plan", "--root", makeRoot({})], OFFICE)).err).toContain("no stack file found");
  });

  it("refuses a stack whose zone is not the zone of governance/policy.yaml", async () => {
    const root = kindsRoot();
    const file = path.join(root, "Pulumi.kudus.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "domainops:zone: kuduskab.go.id",
        "domainops:zone: cirebonkab.go.id",
      ),
    );
    const { code, err } = await run(["plan", "--root", root], OFFICE);
    expect(code).toBe(2);
    expect(err).toContain(
      'domainops:zone "cirebonkab.go.id" berbeda dengan zona di governance/policy.yaml "kuduskab.go.id"',
    );
  });

  it("runs on an office's requests (npm start: validate + plan)", async () => {
    const plan = await run(["plan"], OFFICE);
    expect(plan.code).toBe(0);
    const start = await run(["start"], OFFICE);
    expect(start.code).toBe(0);
    expect(start.out).toContain("== domainops plan ==");
    expect(start.out).toContain(plan.out);
  });
});

describe("domainops export --format bind", () => {
  it("writes a zone file BIND's named-checkzone accepts, for the fixtures and the fixture office", async () => {
    for (const root of [kindsRoot(), OFFICE]) {
      const { code, out } = await run(["export", "--format", "bind", "--root", root], OFFICE);
      expect(code).toBe(0);
      const file = path.join(makeRoot({}), "zone.db");
      writeFileSync(file, out);
      const check = spawnSync("named-checkzone", ["kuduskab.go.id", file], { encoding: "utf8" });
      expect(check.stdout).toContain("OK");
      expect(check.status).toBe(0);
    }
  });

  it("needs --format bind", async () => {
    expect((await run(["export", "--root", kindsRoot()], OFFICE)).code).toBe(2);
  });
});

describe("hosting accounts in plan and diff", () => {
  it("lists an account the request asks for and diffs it against the base", async () => {
    const root = committedKindsRoot();
    const dinkes = path.join(root, "requests/dinkes.yaml");
    writeFileSync(
      dinkes,
      readFileSync(dinkes, "utf8").replace(
        "jenis: server",
        'jenis: server\n  akun:\n    paket: sedang\n    php: "8.3"\n    database: true',
      ),
    );
    const plan = await run(["plan", "--root", root], OFFICE);
    expect(plan.code).toBe(0);
    expect(plan.out).toContain(", 1 akun hosting.");
    expect(plan.out).toContain(
      "  dinkes.kuduskab.go.id -> web1 do-dinkes sedang (disk 5120 MiB, PHP 8.3 ×10, 256 MiB, database), SFTP @budi-dinkes",
    );
    const diff = await run(["diff", "--base", "main", "--root", root], OFFICE);
    expect(diff.out).toContain("; 1 perubahan akun hosting.");
    expect(diff.out).toContain(
      "+ Akun hosting (hosting accounts): dinkes.kuduskab.go.id web1 do-dinkes sedang",
    );

    writeFileSync(dinkes, readFileSync(dinkes, "utf8").replace("paket: sedang", "paket: raksasa"));
    const refused = await run(["plan", "--root", root], OFFICE);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/requests\/dinkes\.yaml:\d+:\d+ .*hosting-account-package-unknown/);
  });
});

describe("domainops diff --base", () => {
  it("compares the base commit's requests with the working tree, without touching either", async () => {
    const root = committedKindsRoot();
    const dinkes = path.join(root, "requests/dinkes.yaml");
    writeFileSync(
      dinkes,
      readFileSync(dinkes, "utf8")
        .replace("jenis: server", "jenis: tunnel\n  service: http://10.10.1.30:80")
        .replace(/^dns:\n(?: {2}- .*\n)+/m, ""),
    );
    execFileSync("rm", [path.join(root, "requests/dprd.yaml")]);
    const status = git(root, "status", "--porcelain");

    const { code, out } = await run(["diff", "--base", "main", "--root", root], OFFICE);
    expect(code).toBe(0);
    expect(out).toContain(
      "0 ditambah, 0 diubah di tempat, 1 diganti (hapus dulu), 5 dihapus dari 11 rekaman; 1 perubahan hosting; 0 perubahan akun hosting.",
    );
    expect(out).toContain("! dinkes.kuduskab.go.id A 203.0.113.10 (proxied, ttl auto) → CNAME");
    expect(out).toMatch(/^- dprd\.kuduskab\.go\.id TXT google-site-verification=.*<<< DIHAPUS \(REMOVED\)$/m);
    expect(out).toContain("+ Tunnel dinkes.kuduskab.go.id → http://10.10.1.30:80");
    expect(git(root, "status", "--porcelain")).toBe(status);

    const md = await run(["diff", "--base", "main", "--root", root, "--format", "markdown"], OFFICE);
    expect(md.out).toContain("> [!WARNING]");
    const bad = await run(["diff", "--base", "no-such-ref", "--root", root], OFFICE);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('ref "no-such-ref" tidak ditemukan');
    expect((await run(["diff", "--root", root], OFFICE)).code).toBe(2);
  });

  it("reads the base's requests through the same file rules, and fails loudly on a base stack file it cannot read", async () => {
    const root = kindsRoot();
    git(root, "init", "-q", "-b", "main");
    // A file that is not a request at the base is not a base record: the same entry rules as validate.
    writeFileSync(path.join(root, "requests/catatan.txt"), "bukan permohonan\n");
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "base");
    execFileSync("rm", [path.join(root, "requests/catatan.txt")]);
    const same = await run(["diff", "--base", "main", "--root", root], OFFICE);
    expect(same.code).toBe(0);
    expect(same.out).toContain(
      "0 ditambah, 0 diubah di tempat, 0 diganti (hapus dulu), 0 dihapus dari 11 rekaman",
    );

    const stack = path.join(root, "Pulumi.kudus.yaml");
    const good = readFileSync(stack, "utf8");
    writeFileSync(stack, "config: [tidak: sah\n");
    git(root, "commit", "-q", "-am", "broken stack file");
    writeFileSync(stack, good);
    const broken = await run(["diff", "--base", "main", "--root", root], OFFICE);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/Pulumi\.kudus\.yaml@[0-9a-f]{7}: YAML tidak sah \(invalid YAML\)/);
    expect(broken.out).toBe("");

    git(root, "rm", "-q", "--cached", "Pulumi.kudus.yaml");
    git(root, "commit", "-q", "-m", "no stack file");
    const missing = await run(["diff", "--base", "main", "--root", root], OFFICE);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("Pulumi.kudus.yaml tidak ada di commit");
  });
});
