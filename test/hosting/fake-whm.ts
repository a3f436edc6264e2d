/**
 * A fake WHM at the `fetch` level: keeps accounts, SSH keys and databases, answers in the documented
 * shapes (`test/fixtures/whm/`), records every call with its raw and decoded parameters, and fails on
 * demand (a refused call, HTTP 401/403/500, a body that is not JSON, no answer at all).
 */
import { readFileSync } from "node:fs";

const FIXTURES = new URL("../fixtures/whm/", import.meta.url).pathname;

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")) as Record<string, unknown>;
}

export const TOKEN = "T0K3NSECRETVALUE0123456789ABCDEF";
export const AUTHORIZATION = `whm root:${TOKEN}`;

export interface FakeAccount {
  user: string;
  domain: string;
  plan: string;
  email: string;
  suspended: boolean;
  keys: Map<string, { key: string; authorized: boolean }>;
  databases: Set<string>;
  dbUsers: Map<string, string>;
  privileges: Map<string, string>;
}

export type FailureKind = "refused" | "http401" | "http403" | "http500" | "not-json" | "hang";

export interface FakeCall {
  method: string;
  path: string;
  /** `createacct`, `Mysql::create_database`. */
  name: string;
  /** Raw encoded parameters as they arrived (query string or form body). */
  raw: string;
  params: URLSearchParams;
  authorization: string | null;
}

export interface FakeWhmOptions {
  accounts?: Array<Partial<FakeAccount> & { user: string; domain: string }>;
  /** Fail the next `times` calls (default 1) of a name with `kind`. */
  failures?: Array<{ name: string; kind: FailureKind; times?: number; reason?: string }>;
}

function json(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json" } });
}

export function fakeWhm(options: FakeWhmOptions = {}) {
  const calls: FakeCall[] = [];
  const accounts = new Map<string, FakeAccount>();
  for (const account of options.accounts ?? []) {
    accounts.set(account.user, {
      plan: "default",
      email: "",
      suspended: false,
      keys: new Map(),
      databases: new Set(),
      dbUsers: new Map(),
      privileges: new Map(),
      ...account,
    });
  }
  const failures = (options.failures ?? []).map((failure) => ({ ...failure, left: failure.times ?? 1 }));

  function whmOk(command: string, data?: unknown): Response {
    const body = fixture("whm1-ok.json");
    (body.metadata as Record<string, unknown>).command = command;
    if (data !== undefined) body.data = data;
    return json(body);
  }
  function whmRefused(command: string, reason: string): Response {
    const body = fixture("whm1-failure.json");
    Object.assign(body.metadata as Record<string, unknown>, { command, reason });
    return json(body);
  }
  function uapiOk(module: string, func: string, data: unknown = null): Response {
    const body = fixture("uapi-ok.json");
    Object.assign(body, { module, func });
    (body.result as Record<string, unknown>).data = data;
    return json(body);
  }
  function uapiRefused(module: string, func: string, error: string): Response {
    const body = fixture("uapi-failure.json");
    Object.assign(body, { module, func });
    (body.result as Record<string, unknown>).errors = [error];
    return json(body);
  }
  function api2Ok(func: string, name: string): Response {
    const body = fixture("cpanel2-ok.json");
    Object.assign(body.cpanelresult as Record<string, unknown>, { func, data: [{ name }] });
    return json(body);
  }
  function api2Refused(func: string, error: string): Response {
    const body = fixture("cpanel2-failure.json");
    Object.assign(body.cpanelresult as Record<string, unknown>, { func, error });
    return json(body);
  }

  function refusal(call: FakeCall, reason: string): Response {
    const [module, func] = call.name.includes("::") ? call.name.split("::") : ["", call.name];
    const version = call.params.get("cpanel_jsonapi_apiversion");
    if (version === "3") return uapiRefused(module ?? "", func ?? "", reason);
    if (version === "2") return api2Refused(func ?? "", reason);
    return whmRefused(call.name, reason);
  }

  function whm1(call: FakeCall): Response {
    const p = call.params;
    if (p.get("api.version") !== "1") return whmRefused(call.name, "api.version must be 1");
    const user = p.get("user") ?? p.get("username") ?? "";
    const account = accounts.get(user);
    switch (call.name) {
      case "listaccts": {
        const body = fixture("whm1-listaccts.json");
        const search = p.get("search") ?? "";
        const found = [...accounts.values()].filter((a) =>
          p.get("searchmethod") === "exact" ? a.user === search : new RegExp(search).test(a.user),
        );
        (body.data as Record<string, unknown>).acct = found.map((a) => ({
          user: a.user,
          domain: a.domain,
          plan: a.plan,
          email: a.email,
          suspended: a.suspended ? 1 : 0,
        }));
        return json(body);
      }
      case "createacct": {
        const username = p.get("username") ?? "";
        if (accounts.has(username))
          return whmRefused("createacct", `Sorry, a user named ${username} exists.`);
        for (const required of ["username", "domain", "plan", "password"]) {
          if (!p.get(required)) return whmRefused("createacct", `${required} is required`);
        }
        accounts.set(username, {
          user: username,
          domain: p.get("domain") ?? "",
          plan: p.get("plan") ?? "",
          email: p.get("contactemail") ?? "",
          suspended: false,
          keys: new Map(),
          databases: new Set(),
          dbUsers: new Map(),
          privileges: new Map(),
        });
        const body = fixture("whm1-createacct.json");
        (body.data as Record<string, unknown>).package = p.get("plan");
        return json(body);
      }
      case "changepackage":
      case "modifyacct":
      case "suspendacct":
      case "unsuspendacct":
      case "removeacct": {
        if (account === undefined) return whmRefused(call.name, `User ${user} does not exist.`);
        if (call.name === "changepackage") account.plan = p.get("pkg") ?? "";
        if (call.name === "modifyacct") account.email = p.get("contactemail") ?? account.email;
        if (call.name === "suspendacct") account.suspended = true;
        if (call.name === "unsuspendacct") account.suspended = false;
        if (call.name === "removeacct") accounts.delete(user);
        return whmOk(call.name);
      }
      default:
        return whmRefused(call.name, "Unknown app requested");
    }
  }

  function cpanel(call: FakeCall): Response {
    const p = call.params;
    const account = accounts.get(p.get("cpanel_jsonapi_user") ?? "");
    const module = p.get("cpanel_jsonapi_module") ?? "";
    const func = p.get("cpanel_jsonapi_func") ?? "";
    if (account === undefined) return refusal(call, "User parameter is invalid or was not supplied");
    if (account.suspended) return refusal(call, "This account is currently suspended.");
    if (p.get("cpanel_jsonapi_apiversion") === "2" && module === "SSH") {
      const name = p.get("name") ?? p.get("key") ?? "";
      if (func === "importkey") {
        account.keys.set(name, { key: p.get("key") ?? "", authorized: false });
        return api2Ok(func, name);
      }
      if (func === "authkey") {
        const key = account.keys.get(name);
        if (key === undefined || p.get("action") !== "authorize") return api2Refused(func, "no such key");
        key.authorized = true;
        return api2Ok(func, name);
      }
    }
    if (p.get("cpanel_jsonapi_apiversion") === "3" && module === "Mysql") {
      switch (func) {
        case "list_databases":
          return uapiOk(
            module,
            func,
            [...account.databases].map((database) => ({ database, users: [] })),
          );
        case "list_users":
          return uapiOk(
            module,
            func,
            [...account.dbUsers.keys()].map((user) => ({ user, databases: [] })),
          );
        case "create_database": {
          const name = p.get("name") ?? "";
          if (account.databases.has(name))
            return uapiRefused(module, func, `The database “${name}” already exists.`);
          account.databases.add(name);
          return uapiOk(module, func);
        }
        case "create_user": {
          const name = p.get("name") ?? "";
          if (account.dbUsers.has(name))
            return uapiRefused(module, func, `The user “${name}” already exists.`);
          if (!p.get("password")) return uapiRefused(module, func, "password is required");
          account.dbUsers.set(name, p.get("password") ?? "");
          return uapiOk(module, func);
        }
        case "set_privileges_on_database": {
          const user = p.get("user") ?? "";
          const database = p.get("database") ?? "";
          if (!account.dbUsers.has(user) || !account.databases.has(database)) {
            return uapiRefused(module, func, "no such user or database");
          }
          account.privileges.set(`${user}@${database}`, p.get("privileges") ?? "");
          return uapiOk(module, func);
        }
      }
    }
    return refusal(call, "Unknown function");
  }

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    const raw = method === "GET" ? url.search.slice(1) : String(init?.body ?? "");
    const params = new URLSearchParams(raw);
    const headers = new Headers(init?.headers);
    const name =
      url.pathname === "/json-api/cpanel"
        ? `${params.get("cpanel_jsonapi_module")}::${params.get("cpanel_jsonapi_func")}`
        : url.pathname.replace(/^\/json-api\//, "");
    const call: FakeCall = {
      method,
      path: url.pathname,
      name,
      raw,
      params,
      authorization: headers.get("authorization"),
    };
    calls.push(call);
    if (url.protocol !== "https:" || url.port !== "2087") return new Response("wrong port", { status: 400 });
    if (call.authorization !== AUTHORIZATION) {
      return new Response("<html>Access denied</html>", {
        status: 401,
        headers: { "content-type": "text/html" },
      });
    }
    const failure = failures.find((f) => f.name === name && f.left > 0);
    if (failure !== undefined) {
      failure.left -= 1;
      switch (failure.kind) {
        case "refused":
          return refusal(call, failure.reason ?? "Refused by the fake.");
        case "http401":
          return new Response("Unauthorized", { status: 401 });
        case "http403":
          return json({ metadata: { result: 0, reason: "Access denied" } }, 403);
        case "http500":
          return new Response("Internal Server Error", { status: 500 });
        case "not-json":
          return new Response("<html><body>cPanel login</body></html>", { status: 200 });
        case "hang":
          return new Promise<Response>((_resolve, reject) => {
            init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
          });
      }
    }
    if (url.pathname === "/json-api/cpanel") return cpanel(call);
    return whm1(call);
  };

  return { fetch: fetch as typeof globalThis.fetch, calls, accounts, names: () => calls.map((c) => c.name) };
}
