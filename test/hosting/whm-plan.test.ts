import { describe, expect, it } from "vitest";
import {
  lookupAccountCall,
  lookupDatabaseCalls,
  planAccount,
  planContents,
  planWhmAccount,
  readNames,
  type WhmAccountPlan,
  type WhmAccountState,
  type WhmCall,
} from "../../src/core/hosting/whm.ts";

const PLAN: WhmAccountPlan = {
  user: "dodinkes",
  fqdn: "dinkes.kuduskab.go.id",
  whmPackage: "domainops_kecil",
  contactEmail: "it@dinkes.kuduskab.go.id",
  sshKeys: [{ name: "domainops-0123456789abcdef", key: "ssh-ed25519 AAAA" }],
  database: "dodinkes_web",
};

const STATE: WhmAccountState = {
  user: "dodinkes",
  domain: "dinkes.kuduskab.go.id",
  plan: "domainops_kecil",
  email: "it@dinkes.kuduskab.go.id",
  suspended: false,
};

function names(calls: WhmCall[]): string[] {
  return calls.map((call) => call.name);
}

describe("planAccount", () => {
  it("creates an absent account with every field, the password left to the edge", () => {
    const planned = planAccount(PLAN, null);
    expect(planned).toEqual({
      ok: true,
      calls: [
        {
          name: "createacct",
          method: "POST",
          path: "/json-api/createacct",
          api: "whm1",
          query: [
            ["api.version", "1"],
            ["username", "dodinkes"],
            ["domain", "dinkes.kuduskab.go.id"],
            ["plan", "domainops_kecil"],
            ["contactemail", "it@dinkes.kuduskab.go.id"],
            ["password", { secret: "account-password" }],
          ],
        },
      ],
    });
  });

  it.each<[string, Partial<WhmAccountState>, string[]]>([
    ["nothing differs", {}, []],
    ["the domain differs only in case", { domain: "Dinkes.KudusKab.go.id" }, []],
    ["the package differs", { plan: "default" }, ["changepackage"]],
    ["the e-mail differs", { email: "" }, ["modifyacct"]],
    ["it is suspended", { suspended: true }, ["unsuspendacct"]],
    [
      "all differ",
      { plan: "x", email: "y", suspended: true },
      ["changepackage", "modifyacct", "unsuspendacct"],
    ],
  ])("when %s: %j", (_what, change, expected) => {
    const planned = planAccount(PLAN, { ...STATE, ...change });
    expect(planned.ok && names(planned.calls)).toEqual(expected);
  });

  it("names the user and the new values in each change", () => {
    const planned = planAccount(PLAN, { ...STATE, plan: "x", email: "y", suspended: true });
    expect(planned.ok && planned.calls.map((call) => call.query)).toEqual([
      [
        ["api.version", "1"],
        ["user", "dodinkes"],
        ["pkg", "domainops_kecil"],
      ],
      [
        ["api.version", "1"],
        ["user", "dodinkes"],
        ["contactemail", "it@dinkes.kuduskab.go.id"],
      ],
      [
        ["api.version", "1"],
        ["user", "dodinkes"],
      ],
    ]);
  });

  it("refuses an account of the same name serving another domain", () => {
    const planned = planAccount(PLAN, { ...STATE, domain: "evil.example\n.com" });
    expect(planned.ok).toBe(false);
    expect(planned.ok ? "" : planned.problems[0]?.en).toBe(
      'cPanel account "dodinkes" already exists for the domain "evil.example\\\\u000a.com", not "dinkes.kuduskab.go.id"; it will not be changed',
    );
    expect(planned.ok ? "" : planned.problems[0]?.id).toMatch(/^akun cPanel "dodinkes" sudah ada/);
  });
});

describe("planContents", () => {
  const DB = ["Mysql::create_database", "Mysql::create_user", "Mysql::set_privileges_on_database"] as const;

  it.each<[string, { databases: string[]; users: string[] } | null, string[]]>([
    ["a new account", null, [...DB]],
    ["nothing there", { databases: [], users: [] }, [...DB]],
    ["only the database", { databases: ["dodinkes_web"], users: [] }, [DB[1], DB[2]]],
    ["only the user", { databases: [], users: ["dodinkes_web"] }, [DB[0], DB[2]]],
    ["both", { databases: ["dodinkes_web", "other"], users: ["dodinkes_web"] }, [DB[2]]],
  ])("with %s", (_what, databases, expected) => {
    expect(names(planContents(PLAN, databases))).toEqual(["SSH::importkey", "SSH::authkey", ...expected]);
  });

  it("needs no database calls for an account without one, and no key calls without keys", () => {
    expect(names(planContents({ ...PLAN, database: null, sshKeys: [] }, null))).toEqual([]);
  });

  it("calls cPanel API 2 for keys and UAPI for databases, as the account's user", () => {
    const [importKey, authKey, createDatabase, createUser, privileges] = planContents(PLAN, null);
    expect(importKey?.query).toEqual([
      ["cpanel_jsonapi_user", "dodinkes"],
      ["cpanel_jsonapi_apiversion", "2"],
      ["cpanel_jsonapi_module", "SSH"],
      ["cpanel_jsonapi_func", "importkey"],
      ["name", "domainops-0123456789abcdef"],
      ["key", "ssh-ed25519 AAAA"],
    ]);
    expect(importKey?.api).toBe("cpanel2");
    expect(authKey?.query.slice(4)).toEqual([
      ["key", "domainops-0123456789abcdef"],
      ["action", "authorize"],
    ]);
    expect(createDatabase?.query.slice(1, 4)).toEqual([
      ["cpanel_jsonapi_apiversion", "3"],
      ["cpanel_jsonapi_module", "Mysql"],
      ["cpanel_jsonapi_func", "create_database"],
    ]);
    expect(createDatabase?.api).toBe("uapi");
    expect(createDatabase?.query.slice(4)).toEqual([["name", "dodinkes_web"]]);
    expect(createUser?.query.slice(4)).toEqual([
      ["name", "dodinkes_web"],
      ["password", { secret: "database-password" }],
    ]);
    expect(privileges?.query.slice(4)).toEqual([
      ["user", "dodinkes_web"],
      ["database", "dodinkes_web"],
      ["privileges", "ALL PRIVILEGES"],
    ]);
    for (const call of planContents(PLAN, null)) {
      expect(call.method).toBe("POST");
      expect(call.path).toBe("/json-api/cpanel");
    }
  });
});

describe("lookups", () => {
  it("lists exactly one user, as reads", () => {
    const call = lookupAccountCall("dodinkes");
    expect(call).toMatchObject({
      name: "listaccts",
      method: "GET",
      path: "/json-api/listaccts",
      api: "whm1",
    });
    expect(call.query).toEqual([
      ["api.version", "1"],
      ["searchtype", "user"],
      ["searchmethod", "exact"],
      ["search", "dodinkes"],
      ["want", "user,domain,plan,email,suspended"],
    ]);
    expect(lookupDatabaseCalls("dodinkes").map((c) => c.query)).toEqual(
      ["list_databases", "list_users"].map((func) => [
        ["cpanel_jsonapi_user", "dodinkes"],
        ["cpanel_jsonapi_apiversion", "3"],
        ["cpanel_jsonapi_module", "Mysql"],
        ["cpanel_jsonapi_func", func],
      ]),
    );
    expect(lookupDatabaseCalls("dodinkes").map((c) => [c.name, c.method, c.api])).toEqual([
      ["Mysql::list_databases", "GET", "uapi"],
      ["Mysql::list_users", "GET", "uapi"],
    ]);
  });

  it("reads database and user names, refusing another shape", () => {
    expect(readNames([{ database: "a" }, { database: "b", users: [] }], "database")).toEqual(["a", "b"]);
    expect(readNames([{ user: "u" }], "user")).toEqual(["u"]);
    expect(readNames([], "user")).toEqual([]);
    expect(readNames(null, "user")).toBe("data[].user");
    expect(readNames([{ database: "a" }], "user")).toBe("data[].user");
    expect(readNames([{ database: 1 }], "database")).toBe("data[].database");
    expect(readNames(["a"], "database")).toBe("data[].database");
    expect(readNames({ database: "a" }, "database")).toBe("data[].database");
  });
});

describe("planWhmAccount's checks, one value at a time", () => {
  const SETTINGS = { packages: { kecil: "domainops_kecil" } };
  const GOOD = {
    subdomain: "dinkes",
    fqdn: "dinkes.kuduskab.go.id",
    package: "kecil",
    contactEmail: "it@dinkes.kuduskab.go.id",
    sshKeys: [],
    database: false,
  };

  it("accepts the good request", () => {
    expect(planWhmAccount(SETTINGS, GOOD).ok).toBe(true);
    expect(planWhmAccount(SETTINGS, { ...GOOD, fqdn: "dinkes.a.go.id" }).ok).toBe(true);
    expect(planWhmAccount(SETTINGS, { ...GOOD, fqdn: "Dinkes.KudusKab.go.id" })).toMatchObject({
      ok: true,
      plan: { fqdn: "dinkes.kuduskab.go.id" },
    });
  });

  it.each<[string, Partial<typeof GOOD>, string]>([
    ["an underscore in the domain", { fqdn: "dinkes.kudus_kab.go.id" }, "host name"],
    ["an empty label", { fqdn: "dinkes..go.id" }, "host name"],
    ["a label ending in a hyphen", { fqdn: "dinkes.kudus-.go.id" }, "host name"],
    ["a label starting with a hyphen", { fqdn: "dinkes.-kudus.go.id" }, "host name"],
    ["a label over 63", { fqdn: `dinkes.${"a".repeat(64)}.go.id` }, "host name"],
    ["a name over 253", { fqdn: `dinkes.${`${"a".repeat(60)}.`.repeat(4)}go.id` }, "host name"],
    ["a line break in the domain", { fqdn: "dinkes.kuduskab.go.id\nx" }, "host name"],
    ["an e-mail with a line break", { contactEmail: "it@dinkes.go.id\nBcc: x@y.z" }, "contact e-mail"],
    ["an e-mail with a space in front", { contactEmail: " it@dinkes.go.id" }, "contact e-mail"],
    ["an e-mail without a dot", { contactEmail: "it@localhost" }, "contact e-mail"],
    ["an e-mail with & and =", { contactEmail: "a&b=c@dinkes.go.id" }, "contact e-mail"],
  ])("refuses %s", (_what, change, en) => {
    const planned = planWhmAccount(SETTINGS, { ...GOOD, ...change });
    expect(planned.ok ? [] : planned.problems.map((p) => p.en)).toEqual([expect.stringContaining(en)]);
  });

  it("accepts a name of exactly 253 characters", () => {
    const fqdn = `dinkes.${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(54)}`;
    expect(fqdn.length).toBe(253);
    expect(planWhmAccount(SETTINGS, { ...GOOD, fqdn }).ok).toBe(true);
    expect(planWhmAccount(SETTINGS, { ...GOOD, fqdn: `${fqdn}e` }).ok).toBe(false);
  });

  it.each(["a b", "a&b", "", "x".repeat(65), "paket\n"])("refuses the WHM package %j", (name) => {
    const planned = planWhmAccount({ packages: { kecil: name } }, GOOD);
    expect(planned.ok ? [] : planned.problems).toEqual([
      {
        id: `paket WHM ${JSON.stringify(name)} tidak sah (huruf, angka, "_", "-")`,
        en: `WHM package ${JSON.stringify(name)} is not valid (letters, digits, "_", "-")`,
      },
    ]);
  });

  it("accepts a WHM package of 64 letters, digits, _ and -", () => {
    expect(planWhmAccount({ packages: { kecil: `A_b-1${"x".repeat(59)}` } }, GOOD).ok).toBe(true);
  });

  it("does not read a package from the object's prototype", () => {
    expect(planWhmAccount(SETTINGS, { ...GOOD, package: "toString" }).ok).toBe(false);
  });
});
