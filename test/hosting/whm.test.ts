import { describe, expect, it } from "vitest";
import { createWhmClient, ensureWhmAccount, type WhmClientOptions } from "../../src/adapters/whm.ts";
import { DomainopsError } from "../../src/core/errors.ts";
import {
  lookupAccountCall,
  parseWhmAnswer,
  planRemove,
  planSuspend,
  planWhmAccount,
  readAccountState,
  SUSPEND_REASON,
  type WhmAccountPlan,
  type WhmAccountRequest,
  type WhmAccountState,
  type WhmCall,
} from "../../src/core/hosting/whm.ts";
import { AUTHORIZATION, type FailureKind, fakeWhm, TOKEN } from "./fake-whm.ts";

const SETTINGS = { packages: { kecil: "domainops_kecil", besar: "domainops_besar" } };

/** An ed25519 public key whose base64 holds `+`, `/` and `=`, which must survive encoding. */
function keyWithSpecials(): string {
  const type = Buffer.from("ssh-ed25519");
  const blob = Buffer.alloc(4 + type.length + 4 + 33, 0xfb);
  blob.writeUInt32BE(type.length, 0);
  type.copy(blob, 4);
  blob.writeUInt32BE(32, 4 + type.length);
  return `ssh-ed25519 ${blob.toString("base64")}`;
}
const KEY = keyWithSpecials();

const REQUEST: WhmAccountRequest = {
  subdomain: "dinkes",
  fqdn: "dinkes.kuduskab.go.id",
  package: "kecil",
  contactEmail: "it@dinkes.kuduskab.go.id",
  sshKeys: [`${KEY} admin@laptop`],
  database: true,
};

function planOf(request: WhmAccountRequest = REQUEST): WhmAccountPlan {
  const planned = planWhmAccount(SETTINGS, request);
  if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
  return planned.plan;
}

function clientOf(fake: ReturnType<typeof fakeWhm>, options: WhmClientOptions = {}) {
  let n = 0;
  return createWhmClient(
    { host: "whm.kuduskab.go.id", user: "root", token: TOKEN },
    { fetch: fake.fetch, timeoutMs: 100, readRetries: 1, makeSecret: () => `Secret-${++n}`, ...options },
  );
}

const WRITES = new Set([
  "createacct",
  "changepackage",
  "modifyacct",
  "suspendacct",
  "unsuspendacct",
  "removeacct",
  "SSH::importkey",
  "SSH::authkey",
  "Mysql::create_database",
  "Mysql::create_user",
  "Mysql::set_privileges_on_database",
]);

describe("planWhmAccount", () => {
  it("checks every value and reports every problem at once", () => {
    const planned = planWhmAccount(SETTINGS, {
      subdomain: "a_b",
      fqdn: "other.kuduskab.go.id",
      package: "sedang",
      contactEmail: 'x"&y=z@example.com',
      sshKeys: ["ssh-ed25519 AAAA%%%"],
      database: false,
    });
    expect(planned.ok).toBe(false);
    const problems = planned.ok ? [] : planned.problems;
    // Bahasa Indonesia first, English second, in the order the values are checked.
    expect(problems.map((p) => [p.id, p.en])).toEqual([
      [expect.stringContaining("tidak sah untuk akun hosting"), expect.stringContaining('subdomain "a_b"')],
      [
        expect.stringContaining("bukan nama host yang sah"),
        expect.stringContaining('"other.kuduskab.go.id" is not a valid host name'),
      ],
      [
        expect.stringContaining("tidak dikenal; pilih salah satu: kecil, besar"),
        expect.stringContaining('package "sedang" is unknown; choose one of: kecil, besar'),
      ],
      [expect.stringContaining("surel kontak"), expect.stringContaining("contact e-mail")],
      [expect.stringContaining("bukan kunci publik OpenSSH"), expect.stringContaining("SSH key")],
    ]);
    for (const problem of problems) {
      expect(problem.id).toContain(/"[^"]*"/.exec(problem.en)?.[0] ?? "none");
    }
  });

  it("maps the package, names keys from their content and the database after the user", () => {
    const plan = planOf({ ...REQUEST, sshKeys: [KEY, `${KEY} same key again`] });
    expect(plan.user).toBe("dodinkes");
    expect(plan.whmPackage).toBe("domainops_kecil");
    expect(plan.database).toBe("dodinkes_web");
    expect(plan.sshKeys).toEqual([{ name: expect.stringMatching(/^domainops-[0-9a-f]{16}$/), key: KEY }]);
    expect(planOf({ ...REQUEST, database: false }).database).toBeNull();
  });

  it("refuses a WHM package name that is not a plain name", () => {
    const planned = planWhmAccount({ packages: { kecil: "a&b=c" } }, REQUEST);
    expect(planned.ok).toBe(false);
  });
});

describe("ensure against a fake WHM", () => {
  it("creates the account, imports and authorizes the keys, creates the database; listaccts shows it", async () => {
    const fake = fakeWhm();
    const client = clientOf(fake);
    const result = await ensureWhmAccount(client, planOf());
    expect(result).toMatchObject({ ok: true, created: true });
    expect(fake.names()).toEqual([
      "listaccts",
      "createacct",
      "SSH::importkey",
      "SSH::authkey",
      "Mysql::create_database",
      "Mysql::create_user",
      "Mysql::set_privileges_on_database",
    ]);
    const account = fake.accounts.get("dodinkes");
    expect(account).toMatchObject({
      domain: "dinkes.kuduskab.go.id",
      plan: "domainops_kecil",
      email: "it@dinkes.kuduskab.go.id",
      suspended: false,
    });
    expect([...(account?.keys.values() ?? [])]).toEqual([{ key: KEY, authorized: true }]);
    expect([...(account?.databases ?? [])]).toEqual(["dodinkes_web"]);
    expect(account?.privileges.get("dodinkes_web@dodinkes_web")).toBe("ALL PRIVILEGES");

    // The passwords the server got are the ones handed back, one per secret, never in a URL.
    const secrets = result.ok ? result.secrets : {};
    const create = fake.calls.find((c) => c.name === "createacct");
    expect(create?.params.get("password")).toBe(secrets["account-password"]);
    expect(account?.dbUsers.get("dodinkes_web")).toBe(secrets["database-password"]);
    expect(secrets["account-password"]).not.toBe(secrets["database-password"]);
    for (const call of fake.calls.filter((c) => WRITES.has(c.name))) {
      expect(call.method).toBe("POST");
    }
    for (const call of fake.calls) expect(call.authorization).toBe(AUTHORIZATION);

    const listed = await client.run([lookupAccountCall("dodinkes")]);
    expect(listed.ok && readAccountState("dodinkes", listed.data[0])).toEqual({
      user: "dodinkes",
      domain: "dinkes.kuduskab.go.id",
      plan: "domainops_kecil",
      email: "it@dinkes.kuduskab.go.id",
      suspended: false,
    });
  });

  it("changes nothing that is already right when run again", async () => {
    const fake = fakeWhm();
    const client = clientOf(fake);
    await ensureWhmAccount(client, planOf());
    fake.calls.length = 0;
    const again = await ensureWhmAccount(client, planOf());
    expect(again).toMatchObject({ ok: true, created: false, secrets: {} });
    expect(fake.names()).toEqual([
      "listaccts",
      "Mysql::list_databases",
      "Mysql::list_users",
      "SSH::importkey",
      "SSH::authkey",
      "Mysql::set_privileges_on_database",
    ]);
    for (const call of fake.calls.filter((c) => !WRITES.has(c.name))) expect(call.method).toBe("GET");
  });

  it("does not read databases of an account that needs none", async () => {
    const fake = fakeWhm();
    const client = clientOf(fake);
    const plan = planOf({ ...REQUEST, database: false, sshKeys: [] });
    await ensureWhmAccount(client, plan);
    expect(fake.names()).toEqual(["listaccts", "createacct"]);
    fake.calls.length = 0;
    await ensureWhmAccount(client, plan);
    expect(fake.names()).toEqual(["listaccts"]);
  });

  it("changes the package once with changepackage", async () => {
    const fake = fakeWhm();
    const client = clientOf(fake);
    await ensureWhmAccount(client, planOf());
    await ensureWhmAccount(client, planOf({ ...REQUEST, package: "besar" }));
    await ensureWhmAccount(client, planOf({ ...REQUEST, package: "besar" }));
    const changes = fake.calls.filter((c) => c.name === "changepackage");
    expect(changes).toHaveLength(1);
    expect(changes[0]?.params.get("user")).toBe("dodinkes");
    expect(changes[0]?.params.get("pkg")).toBe("domainops_besar");
    expect(fake.accounts.get("dodinkes")?.plan).toBe("domainops_besar");
    expect(fake.names().filter((n) => n === "createacct")).toHaveLength(1);
  });

  it("changes the contact e-mail once with modifyacct", async () => {
    const fake = fakeWhm();
    const client = clientOf(fake);
    await ensureWhmAccount(client, planOf());
    await ensureWhmAccount(client, planOf({ ...REQUEST, contactEmail: "baru@kuduskab.go.id" }));
    await ensureWhmAccount(client, planOf({ ...REQUEST, contactEmail: "baru@kuduskab.go.id" }));
    expect(fake.names().filter((n) => n === "modifyacct")).toHaveLength(1);
    expect(fake.accounts.get("dodinkes")?.email).toBe("baru@kuduskab.go.id");
  });

  it("unsuspends a suspended account before touching its keys and databases", async () => {
    const fake = fakeWhm();
    const client = clientOf(fake);
    await ensureWhmAccount(client, planOf());
    const account = fake.accounts.get("dodinkes");
    if (account) account.suspended = true;
    fake.calls.length = 0;
    const result = await ensureWhmAccount(client, planOf());
    expect(result.ok).toBe(true);
    expect(fake.names().slice(0, 4)).toEqual([
      "listaccts",
      "unsuspendacct",
      "Mysql::list_databases",
      "Mysql::list_users",
    ]);
    expect(fake.accounts.get("dodinkes")?.suspended).toBe(false);
  });

  it("refuses to take over an account of the same name that serves another domain", async () => {
    const fake = fakeWhm({ accounts: [{ user: "dodinkes", domain: "lain.example.com" }] });
    const result = await ensureWhmAccount(clientOf(fake), planOf({ ...REQUEST, database: false }));
    expect(result).toMatchObject({ ok: false, step: "apply" });
    expect(result.ok ? "" : result.problems[0]?.en).toContain('exists for the domain "lain.example.com"');
    expect(fake.names().filter((n) => WRITES.has(n))).toEqual([]);
  });

  it("repairs a half-done account on the next run without creating it twice", async () => {
    const fake = fakeWhm({
      failures: [{ name: "Mysql::create_database", kind: "refused", reason: 'Disk "full"\nretry later' }],
    });
    const client = clientOf(fake);
    const first = await ensureWhmAccount(client, planOf());
    expect(first).toMatchObject({
      ok: false,
      step: "apply",
      failed: "Mysql::create_database",
      calls: ["createacct", "SSH::importkey", "SSH::authkey"],
    });
    const message = first.ok ? "" : (first.problems[0]?.en ?? "");
    expect(message).toBe('WHM refused Mysql::create_database: "Disk \\"full\\"\\\\u000aretry later"');
    expect(message).not.toContain("\n");
    expect(first.ok ? "" : first.problems[0]?.id).toMatch(/^WHM menolak Mysql::create_database/);
    // Nothing after the failed call was sent.
    expect(fake.names().at(-1)).toBe("Mysql::create_database");

    const second = await ensureWhmAccount(client, planOf());
    expect(second).toMatchObject({ ok: true, created: false });
    expect(fake.names().filter((n) => n === "createacct")).toHaveLength(1);
    expect([...(fake.accounts.get("dodinkes")?.databases ?? [])]).toEqual(["dodinkes_web"]);
    expect(fake.accounts.get("dodinkes")?.privileges.size).toBe(1);
  });

  it("creates only the missing database user when the database was made before a failure", async () => {
    const fake = fakeWhm({ failures: [{ name: "Mysql::create_user", kind: "http500" }] });
    const client = clientOf(fake);
    expect((await ensureWhmAccount(client, planOf())).ok).toBe(false);
    fake.calls.length = 0;
    expect((await ensureWhmAccount(client, planOf())).ok).toBe(true);
    expect(fake.names().filter((n) => WRITES.has(n))).toEqual([
      "SSH::importkey",
      "SSH::authkey",
      "Mysql::create_user",
      "Mysql::set_privileges_on_database",
    ]);
  });

  it("stops at a failed lookup and changes nothing", async () => {
    const fake = fakeWhm({
      failures: [{ name: "listaccts", kind: "refused", reason: "Access denied", times: 2 }],
    });
    const result = await ensureWhmAccount(clientOf(fake), planOf());
    expect(result).toMatchObject({ ok: false, step: "lookup", failed: "listaccts" });
    expect(fake.names()).toEqual(["listaccts"]);
  });
});

describe("suspend and remove", () => {
  async function created() {
    const fake = fakeWhm();
    const client = clientOf(fake);
    await ensureWhmAccount(client, planOf());
    const listed = await client.run([lookupAccountCall("dodinkes")]);
    const state = listed.ok ? readAccountState("dodinkes", listed.data[0]) : null;
    if (state === null || typeof state === "string") throw new Error("no account");
    fake.calls.length = 0;
    return { fake, client, state };
  }

  const REF = { user: "dodinkes", fqdn: "dinkes.kuduskab.go.id" };

  it("suspends with a reason, once", async () => {
    const { fake, client, state } = await created();
    const planned = planSuspend(REF, state);
    expect((await client.run(planned.ok ? planned.calls : [])).ok).toBe(true);
    expect(fake.accounts.get("dodinkes")?.suspended).toBe(true);
    expect(fake.names()).toEqual(["suspendacct"]);
    expect(fake.calls[0]?.params.get("user")).toBe("dodinkes");
    expect(fake.calls[0]?.params.get("reason")).toBe(SUSPEND_REASON);
    expect(SUSPEND_REASON).toBe("domainops: layanan dihentikan sementara / service suspended");
    expect(planSuspend(REF, { ...state, suspended: true })).toEqual({ ok: true, calls: [] });
    expect(planSuspend(REF, null)).toEqual({ ok: true, calls: [] });
  });

  it.each<[string, { user: string; fqdn: string }, Partial<WhmAccountState>, string]>([
    ["another domain", REF, { domain: "lain.example.com" }, 'exists for the domain "lain.example.com"'],
    [
      "a name domainops does not give",
      { ...REF, user: "root" },
      { user: "root" },
      "not a domainops account name",
    ],
  ])("neither suspends nor removes an account of %s", async (_what, ref, change, en) => {
    const { state } = await created();
    for (const planned of [
      planSuspend(ref, { ...state, ...change }),
      planRemove(ref, { ...state, ...change }, { keepArchive: true }),
    ]) {
      expect(planned.ok).toBe(false);
      expect(planned.ok ? "" : planned.problems[0]?.en).toContain(en);
    }
  });

  it("refuses removal without a confirmed archive", async () => {
    const { state } = await created();
    const planned = planRemove(REF, state, { keepArchive: false });
    expect(planned.ok).toBe(false);
    expect(planned.ok ? "" : planned.problems[0]?.en).toContain("keepArchive");
    expect(planned.ok ? "" : planned.problems[0]?.id).toContain("tidak dihapus");
  });

  it("suspends, then removes with keepdns=0", async () => {
    const { fake, client, state } = await created();
    const planned = planRemove(REF, state, { keepArchive: true });
    expect(planned.ok && planned.calls.map((c) => c.name)).toEqual(["suspendacct", "removeacct"]);
    expect((await client.run(planned.ok ? planned.calls : [])).ok).toBe(true);
    expect(fake.accounts.has("dodinkes")).toBe(false);
    expect(fake.calls[1]?.params.get("username")).toBe("dodinkes");
    expect(fake.calls[1]?.params.get("keepdns")).toBe("0");
    const suspendedFirst = planRemove(REF, { ...state, suspended: true }, { keepArchive: true });
    expect(suspendedFirst.ok && suspendedFirst.calls.map((c) => c.name)).toEqual(["removeacct"]);
    expect(planRemove(REF, null, { keepArchive: true })).toEqual({ ok: true, calls: [] });
    const listed = await client.run([lookupAccountCall("dodinkes")]);
    expect(listed.ok && readAccountState("dodinkes", listed.data[0])).toBeNull();
  });
});

const CALL: WhmCall = {
  name: "createacct",
  method: "POST",
  path: "/json-api/createacct",
  query: [],
  api: "whm1",
};
const UAPI: WhmCall = { ...CALL, name: "Mysql::create_user", path: "/json-api/cpanel", api: "uapi" };
const API2: WhmCall = { ...CALL, name: "SSH::importkey", path: "/json-api/cpanel", api: "cpanel2" };

describe("parseWhmAnswer", () => {
  it.each([
    ["WHM API 1 success", CALL, 200, { metadata: { result: 1, reason: "OK" }, data: { x: 1 } }, { x: 1 }],
    ["UAPI success", UAPI, 200, { result: { status: 1, errors: null, data: [1] } }, [1]],
    ["a success with HTTP 299", CALL, 299, { metadata: { result: 1 } }, null],
    ["API 2 with an empty error", API2, 200, { cpanelresult: { error: "", event: { result: 1 } } }, null],
    [
      "API 2 success",
      API2,
      200,
      { cpanelresult: { event: { result: 1 }, data: [{ name: "k" }] } },
      [{ name: "k" }],
    ],
  ])("%s gives the data", (_what, call, status, body, data) => {
    expect(parseWhmAnswer(call, status, JSON.stringify(body))).toEqual({ ok: true, data });
  });

  it.each([
    [
      "result 0",
      CALL,
      200,
      { metadata: { result: 0, reason: "Sorry <b>no</b>" } },
      'WHM refused createacct: "Sorry <b>no</b>"',
    ],
    [
      "result 2",
      CALL,
      200,
      { metadata: { result: 2, reason: "?" } },
      "unexpected WHM answer to createacct (metadata.result)",
    ],
    ["HTTP 199", CALL, 199, {}, "WHM failed createacct (HTTP 199)"],
    [
      "UAPI status 0 with no errors listed",
      UAPI,
      200,
      { result: { status: 0, errors: [] } },
      'WHM refused Mysql::create_user: "(no reason)"',
    ],
    [
      "UAPI status as text",
      UAPI,
      200,
      { result: { status: "1" } },
      "unexpected WHM answer to Mysql::create_user (result.status)",
    ],
    ["no metadata", CALL, 200, { data: {} }, "unexpected WHM answer to createacct (metadata.result)"],
    [
      "result as text",
      CALL,
      200,
      { metadata: { result: "1" } },
      "unexpected WHM answer to createacct (metadata.result)",
    ],
    [
      "UAPI status 0",
      UAPI,
      200,
      { result: { status: 0, errors: ["a", "b\u202e"] } },
      'WHM refused Mysql::create_user: "a"; "b\\\\u202e"',
    ],
    [
      "UAPI status 0 without errors",
      UAPI,
      200,
      { result: { status: 0, errors: null } },
      'WHM refused Mysql::create_user: "(no reason)"',
    ],
    [
      "UAPI without result",
      UAPI,
      200,
      { status: 1 },
      "unexpected WHM answer to Mysql::create_user (result.status)",
    ],
    [
      "API 2 error",
      API2,
      200,
      { cpanelresult: { error: "bad key", event: { result: 0 } } },
      'WHM refused SSH::importkey: "bad key"',
    ],
    [
      "API 2 event 0",
      API2,
      200,
      { cpanelresult: { event: { result: 0 } } },
      'WHM refused SSH::importkey: "event.result != 1"',
    ],
    ["API 2 shape", API2, 200, { result: {} }, "unexpected WHM answer to SSH::importkey (cpanelresult)"],
    [
      "HTTP 401",
      CALL,
      401,
      {},
      "WHM refused the credentials for createacct (HTTP 401); check the WHM user and API token",
    ],
    [
      "HTTP 403",
      CALL,
      403,
      {},
      "WHM refused the credentials for createacct (HTTP 403); check the WHM user and API token",
    ],
    ["HTTP 500", CALL, 500, {}, "WHM failed createacct (HTTP 500)"],
    ["HTTP 302", CALL, 302, {}, "WHM failed createacct (HTTP 302)"],
    ["an array", CALL, 200, [], "unexpected WHM answer to createacct (bukan objek / not an object)"],
  ])("%s is a message", (_what, call, status, body, en) => {
    const outcome = parseWhmAnswer(call, status, JSON.stringify(body));
    expect(outcome.ok ? "" : outcome.message.en).toBe(en);
    expect(outcome.ok ? "" : outcome.message.id).not.toBe(en);
  });

  it.each([
    [undefined, '"null"'],
    [42, '"42"'],
    [{ text: "x" }, '"{\\"text\\":\\"x\\"}"'],
  ])("quotes a reason that is not text (%j)", (reason, shown) => {
    const outcome = parseWhmAnswer(CALL, 200, JSON.stringify({ metadata: { result: 0, reason } }));
    expect(outcome.ok ? "" : outcome.message.en).toBe(`WHM refused createacct: ${shown}`);
  });

  it("says when the body is not JSON", () => {
    const outcome = parseWhmAnswer(CALL, 200, "<html>login</html>");
    expect(outcome.ok ? "" : outcome.message.en).toBe(
      "unexpected WHM answer to createacct (bukan JSON / not JSON)",
    );
  });
});

describe("readAccountState", () => {
  it("finds only the exact user and reads suspension as 0/1", () => {
    const data = {
      acct: [
        { user: "dodinkes2", domain: "x", plan: "p", email: "", suspended: 1 },
        { user: "dodinkes", domain: "d", plan: "p", email: "e", suspended: "1" },
      ],
    };
    expect(readAccountState("dodinkes", data)).toEqual({
      user: "dodinkes",
      domain: "d",
      plan: "p",
      email: "e",
      suspended: true,
    });
    expect(readAccountState("dodinke", data)).toBeNull();
    expect(
      readAccountState("x", { acct: [{ user: "x", domain: "d", plan: "p", suspended: 0 }] }),
    ).toMatchObject({
      suspended: false,
      email: "",
    });
    expect(readAccountState("x", {})).toBe("data.acct");
    expect(readAccountState("x", { acct: [{ user: "x" }] })).toBe("data.acct[].domain/plan");
    expect(readAccountState("x", { acct: [{ user: "x", domain: "d" }] })).toBe("data.acct[].domain/plan");
    expect(readAccountState("x", { acct: [{ user: "x", plan: "p" }] })).toBe("data.acct[].domain/plan");
    expect(readAccountState("x", { acct: "x" })).toBe("data.acct");
    expect(readAccountState("x", { acct: ["x", null, { user: "x", domain: "d", plan: "p" }] })).toMatchObject(
      {
        domain: "d",
      },
    );
  });
});

describe("the WHM edge", () => {
  const READ: WhmCall = lookupAccountCall("dodinkes");

  it.each<[FailureKind, string]>([
    ["refused", "WHM refused createacct"],
    ["http401", "WHM refused the credentials for createacct (HTTP 401)"],
    ["http403", "WHM refused the credentials for createacct (HTTP 403)"],
    ["http500", "WHM failed createacct (HTTP 500)"],
    ["not-json", "unexpected WHM answer to createacct (bukan JSON / not JSON)"],
    ["hang", "WHM did not answer createacct within 100 ms"],
  ])("a change that fails (%s) is sent once and named; the token is never shown", async (kind, en) => {
    const fake = fakeWhm({ failures: [{ name: "createacct", kind, times: 5 }] });
    const result = await ensureWhmAccount(clientOf(fake), planOf());
    expect(result).toMatchObject({ ok: false, step: "apply", failed: "createacct", calls: [] });
    expect(result.ok ? "" : result.problems[0]?.en).toContain(en);
    expect(fake.names().filter((n) => n === "createacct")).toHaveLength(1);
    expect(fake.names()).not.toContain("SSH::importkey");
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it.each<FailureKind>(["http500", "hang"])("retries a read after %s", async (kind) => {
    const fake = fakeWhm({ failures: [{ name: "listaccts", kind }] });
    const result = await clientOf(fake).run([READ]);
    expect(result.ok).toBe(true);
    expect(fake.names()).toEqual(["listaccts", "listaccts"]);
  });

  it("gives up on a read after its retries and names it", async () => {
    const fake = fakeWhm({ failures: [{ name: "listaccts", kind: "http500", times: 5 }] });
    const result = await clientOf(fake, { readRetries: 2 }).run([READ]);
    expect(result).toMatchObject({ ok: false, failedAt: 0, call: "listaccts" });
    expect(fake.names()).toHaveLength(3);
  });

  it("does not retry a read the server refused", async () => {
    const fake = fakeWhm({ failures: [{ name: "listaccts", kind: "refused" }] });
    const result = await clientOf(fake).run([READ]);
    expect(result.ok).toBe(false);
    expect(fake.names()).toEqual(["listaccts"]);
  });

  it("keeps the token out of a failed connection's message", async () => {
    const failing = (async (_url: unknown, init?: RequestInit) => {
      throw new Error(`connect failed ${new Headers(init?.headers).get("authorization")}`);
    }) as typeof fetch;
    const result = await clientOf(fakeWhm(), { fetch: failing }).run([CALL]);
    expect(result.ok ? "" : result.message.en).toBe("could not reach WHM for createacct");
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it("sends a wrong token in the header and reports the refusal without it", async () => {
    const fake = fakeWhm();
    const client = createWhmClient(
      { host: "whm.kuduskab.go.id", user: "root", token: "WRONGTOKEN123" },
      { fetch: fake.fetch, readRetries: 0 },
    );
    const result = await client.run([READ]);
    expect(result.ok ? "" : result.message.en).toContain("HTTP 401");
    expect(JSON.stringify(result)).not.toContain("WRONGTOKEN123");
    expect(fake.calls[0]?.authorization).toBe("whm root:WRONGTOKEN123");
  });

  it.each([
    [{ host: "whm.example/x", user: "root", token: TOKEN }],
    [{ host: "whm.example", port: 0, user: "root", token: TOKEN }],
    [{ host: "a@b", user: "root", token: TOKEN }],
    [{ host: "whm.example", user: "root x", token: TOKEN }],
    [{ host: "whm.example", user: "root", token: `${TOKEN}\r\nX-Evil: 1` }],
  ])("refuses an unsafe target %j without showing the token", (target) => {
    expect(() => createWhmClient(target)).toThrow(DomainopsError);
    try {
      createWhmClient(target);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(TOKEN);
    }
  });

  const HOSTILE = `it's "quoted"\nnew line & more=yes + 100% #frag ?q`;

  it.each<["GET" | "POST"]>([["GET"], ["POST"]])("encodes every value exactly once (%s)", async (method) => {
    const fake = fakeWhm();
    const call: WhmCall = {
      name: "listaccts",
      method,
      path: "/json-api/listaccts",
      query: [
        ["api.version", "1"],
        ["search", HOSTILE],
        ["key", KEY],
      ],
      api: "whm1",
    };
    await clientOf(fake).run([call]);
    const seen = fake.calls[0];
    expect(seen?.path).toBe("/json-api/listaccts");
    expect(seen?.params.get("search")).toBe(HOSTILE);
    expect(seen?.params.get("key")).toBe(KEY);
    expect([...(seen?.params.keys() ?? [])]).toEqual(["api.version", "search", "key"]);
    expect(seen?.raw).toContain("%26");
    expect(seen?.raw).toContain("%3D");
    expect(seen?.raw).toContain("%2B");
    expect(seen?.raw).toContain("100%25+");
    // Encoded twice, `&` would arrive as `%2526` and decode to the text "%26".
    expect(seen?.raw).not.toMatch(/%25(?:26|3D|2B|0A|22|27)/);
  });

  it("sends the SSH key with its + / = intact and the planned key name", async () => {
    const fake = fakeWhm();
    const plan = planOf();
    await ensureWhmAccount(clientOf(fake), plan);
    const imported = fake.calls.find((c) => c.name === "SSH::importkey");
    expect(KEY).toMatch(/[+/]/);
    expect(KEY).toMatch(/=$/);
    expect(imported?.params.get("key")).toBe(KEY);
    expect(imported?.params.get("name")).toBe(plan.sshKeys[0]?.name);
    expect(imported?.path).toBe("/json-api/cpanel");
    expect(imported?.params.get("cpanel_jsonapi_apiversion")).toBe("2");
  });

  it("puts secrets in the body of a change, never in its URL", async () => {
    const fake = fakeWhm();
    const seenUrls: string[] = [];
    const spy = (async (input: string | URL | Request, init?: RequestInit) => {
      seenUrls.push(String(input));
      return fake.fetch(input, init);
    }) as typeof fetch;
    const result = await ensureWhmAccount(clientOf(fake, { fetch: spy }), planOf());
    const secrets = result.ok ? Object.values(result.secrets) : [];
    expect(secrets).toHaveLength(2);
    for (const url of seenUrls) {
      expect(url.startsWith("https://whm.kuduskab.go.id:2087/json-api/")).toBe(true);
      for (const secret of secrets) expect(url).not.toContain(secret);
    }
  });
});
