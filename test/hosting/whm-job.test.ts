import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWhmJob, type WhmJobOptions } from "../../src/adapters/hosting-whm.ts";
import type { HostingJob, JobOperation, JobOutcome } from "../../src/core/hosting/job.ts";
import { fakeWhm, TOKEN } from "./fake-whm.ts";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8a0mFzS6cJ1y2S7bzJ0Cw9N5aW0m3kq2Yb1XsQn3Zd";

const JOB: HostingJob = {
  version: 1,
  account: {
    fqdn: "dinkes.kuduskab.go.id",
    user: "do-dinkes",
    server: "cpanel1",
    serverKind: "whm",
    package: "kecil",
    limits: { diskQuotaMb: 1024, phpMaxChildren: 5, phpMemoryLimitMb: 128 },
    php: null,
    database: true,
    contact: "budi",
    contactEmail: "it@dinkes.kuduskab.go.id",
    request: "dinkes",
  },
  server: {
    name: "cpanel1",
    kind: "whm",
    address: "whm.kuduskab.go.id",
    port: 2087,
    hostKey: null,
    adminUser: "root",
  },
  sshKeys: [KEY],
  cloudflareRanges: ["173.245.48.0/20"],
};

function jobWith(account: Partial<HostingJob["account"]>, server: Partial<HostingJob["server"]> = {}) {
  return { ...JOB, account: { ...JOB.account, ...account }, server: { ...JOB.server, ...server } };
}

/** Calls that change the account; the key imports and privileges overwrite and are sent every run. */
const CHANGES = [
  "createacct",
  "changepackage",
  "modifyacct",
  "suspendacct",
  "unsuspendacct",
  "removeacct",
  "Mysql::create_database",
  "Mysql::create_user",
];

function run(
  fake: ReturnType<typeof fakeWhm>,
  operation: JobOperation,
  job: HostingJob = JOB,
  options: WhmJobOptions = {},
) {
  return runWhmJob(job, operation, { apiToken: TOKEN }, { fetch: fake.fetch, env: {}, ...options });
}

function changes(fake: ReturnType<typeof fakeWhm>): string[] {
  return fake.names().filter((name) => CHANGES.includes(name));
}

function texts(outcome: JobOutcome): string[] {
  return (outcome.ok ? outcome.lines : outcome.problems).flatMap((m) => [m.id, m.en]);
}

/** Every value the fake received as a password, and the token: none may be in the outcome. */
function secretsSent(fake: ReturnType<typeof fakeWhm>): string[] {
  const passwords = fake.calls.flatMap((call) => call.params.getAll("password"));
  expect(passwords.length).toBeGreaterThan(0);
  return [TOKEN, ...passwords];
}

describe("ensure", () => {
  it("creates the account with the domainops_<paket> package, then changes nothing on a second run", async () => {
    const fake = fakeWhm();
    const first = await run(fake, "ensure");
    expect(first.ok).toBe(true);
    expect(changes(fake)).toEqual(["createacct", "Mysql::create_database", "Mysql::create_user"]);
    expect(fake.accounts.get("dodinkes")).toMatchObject({
      domain: "dinkes.kuduskab.go.id",
      plan: "domainops_kecil",
      email: "it@dinkes.kuduskab.go.id",
    });
    const lines = texts(first).join("\n");
    expect(lines).toContain('cPanel account "dodinkes" created on server "cpanel1"');
    expect(lines).toContain("https://whm.kuduskab.go.id:2083");
    expect(lines).toContain("known to nobody");
    expect(lines).toContain("SSH key");
    expect(lines).toContain('"dodinkes_web"');
    expect(first.ok && first.lines[0]?.id).toMatch(/^akun cPanel "dodinkes" dibuat/);

    fake.calls.length = 0;
    const second = await run(fake, "ensure");
    expect(second.ok).toBe(true);
    expect(changes(fake)).toEqual([]);
    expect(second.ok && second.lines[0]?.en).toBe(
      'cPanel account "dodinkes" on server "cpanel1" is already as requested; nothing changed',
    );
  });

  it("changes the package with changepackage and the e-mail with modifyacct, as the core plans", async () => {
    const fake = fakeWhm({
      accounts: [
        { user: "dodinkes", domain: "dinkes.kuduskab.go.id", plan: "domainops_kecil", email: "lama@x.go.id" },
      ],
    });
    const outcome = await run(fake, "ensure", jobWith({ package: "besar", database: false }));
    expect(changes(fake)).toEqual(["changepackage", "modifyacct"]);
    expect(fake.calls.find((c) => c.name === "changepackage")?.params.get("pkg")).toBe("domainops_besar");
    expect(fake.accounts.get("dodinkes")).toMatchObject({
      plan: "domainops_besar",
      email: "it@dinkes.kuduskab.go.id",
    });
    expect(outcome.ok && outcome.lines[0]?.en).toBe(
      'cPanel account "dodinkes" on server "cpanel1" updated: changepackage, modifyacct',
    );
  });

  it("says nobody can log in when the contact has no SSH key", async () => {
    const fake = fakeWhm();
    const outcome = await run(fake, "ensure", { ...JOB, sshKeys: [] });
    expect(texts(outcome).join("\n")).toContain("nobody can log in yet");
  });

  it("puts an IPv6 address in brackets, for the API and for the login", async () => {
    const fake = fakeWhm();
    const outcome = await run(fake, "ensure", jobWith({}, { address: "2001:db8::10" }));
    expect(outcome.ok).toBe(true);
    expect(texts(outcome).join("\n")).toContain("https://[2001:db8::10]:2083");
  });

  it("refuses without a contact e-mail and calls nothing", async () => {
    const fake = fakeWhm();
    const outcome = await run(fake, "ensure", jobWith({ contactEmail: null }));
    expect(outcome.ok).toBe(false);
    expect(texts(outcome)[1]).toContain("cPanel needs a contact e-mail");
    expect(texts(outcome)[0]).toContain("cPanel mewajibkan surel kontak");
    expect(fake.calls).toEqual([]);
  });

  it.each([
    ["absent", undefined],
    ["blank", "  \n"],
  ])("refuses a %s API token, naming the variable and the Pulumi command", async (_name, apiToken) => {
    const fake = fakeWhm();
    for (const operation of ["ensure", "remove"] as const) {
      const outcome = await runWhmJob(JOB, operation, { apiToken }, { fetch: fake.fetch, env: {} });
      expect(outcome.ok).toBe(false);
      const [id, en] = texts(outcome);
      for (const text of [id, en]) {
        expect(text).toContain("DOMAINOPS_HOSTING_API_TOKEN");
        expect(text).toContain("pulumi config set --secret domainops:hostingApiToken");
      }
    }
    expect(fake.calls).toEqual([]);
  });

  it("surfaces WHM's refusal reason escaped, on one line", async () => {
    const fake = fakeWhm({
      failures: [
        { name: "createacct", kind: "refused", reason: 'Package "domainops_kecil"\n::error::missing' },
      ],
    });
    const outcome = await run(fake, "ensure");
    expect(outcome.ok).toBe(false);
    const [id, en] = texts(outcome);
    expect(en).toBe('WHM refused createacct: "Package \\"domainops_kecil\\"\\\\u000a::error::missing"');
    expect(id).toMatch(/^WHM menolak createacct: /);
    expect(JSON.stringify(outcome)).not.toMatch(/\n/);
  });

  it("never puts the token or a generated password in an outcome, ok or failed", async () => {
    const fake = fakeWhm();
    const created = await run(fake, "ensure");
    expect(JSON.stringify(created)).not.toMatch(new RegExp(secretsSent(fake).join("|")));

    const half = fakeWhm({ failures: [{ name: "Mysql::set_privileges_on_database", kind: "refused" }] });
    const failed = await run(half, "ensure");
    expect(failed.ok).toBe(false);
    expect(texts(failed).join("\n")).toContain("Mysql::create_user");
    expect(JSON.stringify(failed)).not.toMatch(new RegExp(secretsSent(half).join("|")));
  });

  it("refuses a job for a Linux server", async () => {
    const fake = fakeWhm();
    const outcome = await run(fake, "ensure", jobWith({ serverKind: "linux" }, { kind: "linux" }));
    expect(texts(outcome)[1]).toBe('server "cpanel1" is not a WHM server ("linux")');
    expect(fake.calls).toEqual([]);
  });
});

describe("remove", () => {
  const created = () =>
    fakeWhm({
      accounts: [{ user: "dodinkes", domain: "dinkes.kuduskab.go.id", plan: "domainops_kecil" }],
    });

  it("without confirmation suspends, keeps the account and says how to confirm", async () => {
    const fake = created();
    const outcome = await run(fake, "remove", JOB, { env: { DOMAINOPS_WHM_ARCHIVED: "dhother12345678" } });
    expect(outcome.ok).toBe(false);
    expect(changes(fake)).toEqual(["suspendacct"]);
    expect(fake.accounts.get("dodinkes")?.suspended).toBe(true);
    const [id, en] = texts(outcome);
    expect(en).toContain("is suspended (site offline, files and data kept) but not removed");
    expect(en).toContain("re-run the apply workflow manually with DOMAINOPS_WHM_ARCHIVED=dodinkes");
    expect(id).toContain("dihentikan sementara (situs offline, berkas dan data tetap)");

    // A second unconfirmed run does not suspend again and still refuses.
    fake.calls.length = 0;
    expect((await run(fake, "remove")).ok).toBe(false);
    expect(changes(fake)).toEqual([]);
  });

  it("with confirmation suspends, then removes", async () => {
    const fake = created();
    const outcome = await run(fake, "remove", JOB, {
      env: { DOMAINOPS_WHM_ARCHIVED: "dhother12345678, DoDinkes ,," },
    });
    expect(outcome.ok).toBe(true);
    expect(changes(fake)).toEqual(["suspendacct", "removeacct"]);
    expect(fake.accounts.has("dodinkes")).toBe(false);
    expect(texts(outcome)[1]).toContain(
      'cPanel account "dodinkes" suspended, then removed from server "cpanel1"',
    );
  });

  it.each([
    ["unconfirmed", {}],
    ["confirmed", { DOMAINOPS_WHM_ARCHIVED: "dodinkes" }],
  ])("reports an absent account as nothing to remove (%s)", async (_name, env) => {
    const fake = fakeWhm();
    const outcome = await run(fake, "remove", JOB, { env });
    expect(outcome).toEqual({
      ok: true,
      lines: [
        {
          id: 'akun cPanel "dodinkes" tidak ada di server "cpanel1"; tidak ada yang dihapus',
          en: 'cPanel account "dodinkes" is not on server "cpanel1"; nothing to remove',
        },
      ],
    });
    expect(fake.names()).toEqual(["listaccts"]);
  });

  it("refuses an account of the same name serving another domain, even when confirmed", async () => {
    const fake = fakeWhm({ accounts: [{ user: "dodinkes", domain: "lain.example.com" }] });
    const outcome = await run(fake, "remove", JOB, { env: { DOMAINOPS_WHM_ARCHIVED: "dodinkes" } });
    expect(outcome.ok).toBe(false);
    expect(texts(outcome)[1]).toContain('exists for the domain "lain.example.com"');
    expect(changes(fake)).toEqual([]);
    expect(fake.accounts.get("dodinkes")?.suspended).toBe(false);
  });

  it("needs no contact e-mail, and stops at a refused suspension", async () => {
    const fake = fakeWhm({
      accounts: [{ user: "dodinkes", domain: "dinkes.kuduskab.go.id" }],
      failures: [{ name: "suspendacct", kind: "refused", reason: "locked" }],
    });
    const outcome = await run(fake, "remove", jobWith({ contactEmail: null }), {
      env: { DOMAINOPS_WHM_ARCHIVED: "dodinkes" },
    });
    expect(texts(outcome)).toEqual([
      'WHM menolak suspendacct: "locked"',
      'WHM refused suspendacct: "locked"',
    ]);
    expect(fake.names()).toEqual(["listaccts", "suspendacct"]);
    expect(fake.accounts.has("dodinkes")).toBe(true);
  });
});

describe("TLS", () => {
  it("names a refused certificate and says to install a valid one", async () => {
    const refusing = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }),
      });
    }) as unknown as typeof fetch;
    const outcome = await runWhmJob(JOB, "ensure", { apiToken: TOKEN }, { fetch: refusing, env: {} });
    expect(outcome.ok).toBe(false);
    const [id, en] = texts(outcome);
    expect(en).toContain('the WHM TLS certificate at "whm.kuduskab.go.id:2087" could not be verified');
    expect(en).toContain('"DEPTH_ZERO_SELF_SIGNED_CERT"');
    expect(en).toContain("install a valid certificate on the WHM server (AutoSSL");
    expect(id).toContain("pasang sertifikat yang sah di server WHM");
    // Any other network failure is not called a certificate problem.
    const down = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
      });
    }) as unknown as typeof fetch;
    const other = await runWhmJob(JOB, "ensure", { apiToken: TOKEN }, { fetch: down, env: {} });
    expect(JSON.stringify(other)).not.toContain("certificate");
  });

  it("refuses to run with certificate checks turned off", async () => {
    const fake = fakeWhm();
    const outcome = await run(fake, "ensure", JOB, { env: { NODE_TLS_REJECT_UNAUTHORIZED: "0" } });
    expect(texts(outcome)[1]).toMatch(/^NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate checks off/);
    expect(fake.calls).toEqual([]);
  });

  describe("against a server with a self-signed certificate", () => {
    let dir = "";
    let server: Server | undefined;
    let requests = 0;
    let port = 0;
    // openssl comes from Debian's package, installed by .ci/run like the other programs the tests use.
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), "domainops-whm-tls-"));
      execFileSync(
        "openssl",
        ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1"]
          .concat(["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
          .concat(["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")]),
        { stdio: "ignore" },
      );
      server = createServer(
        { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) },
        (_request, response) => {
          requests += 1;
          response.end("{}");
        },
      );
      await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });

    afterAll(async () => {
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      if (dir !== "") rmSync(dir, { recursive: true, force: true });
    });

    it("fails closed with Node's own fetch: no request reaches it", async () => {
      const outcome = await runWhmJob(
        jobWith({}, { address: "127.0.0.1", port }),
        "ensure",
        { apiToken: TOKEN },
        { env: {}, timeoutMs: 5000 },
      );
      expect(outcome.ok).toBe(false);
      expect(texts(outcome)[1]).toContain(
        `the WHM TLS certificate at "127.0.0.1:${port}" could not be verified`,
      );
      expect(requests).toBe(0);
    });
  });
});
