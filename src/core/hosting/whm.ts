/**
 * The cPanel & WHM backend of a hosting account: which API calls make the server match one account,
 * planned as data (`WhmCall[]`) from what the server reported, and the reading of WHM's answers into
 * typed results or bilingual messages. Nothing here talks to a server; `src/adapters/whm.ts` runs the
 * calls.
 *
 * API shapes (api.docs.cpanel.net):
 * - WHM API 1 (`/json-api/<function>?api.version=1`): `{ metadata: { command, result: 1|0, reason,
 *   version, output? }, data? }`; a refused call is still HTTP 200 with `result: 0`.
 * - UAPI through WHM (`/json-api/cpanel?cpanel_jsonapi_apiversion=3&cpanel_jsonapi_user=…
 *   &cpanel_jsonapi_module=…&cpanel_jsonapi_func=…`): `{ apiversion: 3, module, func, result: {
 *   status: 1|0, errors, messages, warnings, data, metadata } }`.
 * - cPanel API 2 through WHM (`cpanel_jsonapi_apiversion=2`): `{ cpanelresult: { apiversion: 2,
 *   module, func, data, event: { result: 1|0 }, error? } }`. SSH keys need it: cPanel documents that
 *   no UAPI function imports or authorizes a key (`SSH::importkey`, `SSH::authkey`).
 */
import { createHash } from "node:crypto";
import { visibleControls } from "../escape.ts";
import { msg, q } from "../request/rules/util.ts";
import type { Message } from "../types.ts";
import { accountNameProblems } from "./account-name.ts";
import { normalizeSshKey } from "./linux.ts";
import { cpanelUserProblem, deriveCpanelUser } from "./whm-user.ts";

/** Values only the edge makes (random passwords): the plan names them, never holds them. */
export type WhmSecret = "account-password" | "database-password";
export type WhmValue = string | { secret: WhmSecret };

export type WhmApi = "whm1" | "uapi" | "cpanel2";

export interface WhmCall {
  /** What the call is, for messages: `createacct`, `Mysql::create_database`. */
  name: string;
  /** Reads are GET and may be retried; changes are POST (secrets stay out of URLs and access logs). */
  method: "GET" | "POST";
  path: string;
  /** Parameters in order; the edge encodes them with URLSearchParams, once. */
  query: ReadonlyArray<readonly [string, WhmValue]>;
  api: WhmApi;
}

/** The server's packages by domainops package name (`paket`): `{ kecil: "domainops_kecil" }`. */
export interface WhmSettings {
  packages: Record<string, string>;
}

export interface WhmAccountRequest {
  subdomain: string;
  /** The account's main domain (`dinkes.kuduskab.go.id`). */
  fqdn: string;
  package: string;
  contactEmail: string;
  sshKeys: string[];
  database: boolean;
}

export interface WhmAccountPlan {
  user: string;
  fqdn: string;
  /** The WHM package (hosting plan) name. */
  whmPackage: string;
  contactEmail: string;
  /** `<type> <base64>` with the name it is imported under. */
  sshKeys: Array<{ name: string; key: string }>;
  /** `<user>_web` for both the database and its user, when the account asks for one. */
  database: string | null;
}

export type WhmPlanResult = { ok: true; plan: WhmAccountPlan } | { ok: false; problems: Message[] };

/** What `listaccts` reported about the account. */
export interface WhmAccountState {
  user: string;
  domain: string;
  plan: string;
  email: string;
  suspended: boolean;
}

/** What `Mysql::list_databases` and `Mysql::list_users` reported. */
export interface WhmDatabaseState {
  databases: string[];
  users: string[];
}

export type WhmCallsResult = { ok: true; calls: WhmCall[] } | { ok: false; problems: Message[] };

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
/** WHM allows more in a package name (spaces, a reseller prefix); plain names are enough for domainops. */
const PACKAGE = /^[A-Za-z0-9_-]{1,64}$/;

/** The checked plan of one account, or every problem found. */
export function planWhmAccount(settings: WhmSettings, account: WhmAccountRequest): WhmPlanResult {
  const problems: Message[] = [];
  const user = deriveCpanelUser(account.subdomain);
  problems.push(...accountNameProblems(account.subdomain, account.fqdn, user));
  const fqdn = account.fqdn.toLowerCase();
  const whmPackage = Object.hasOwn(settings.packages, account.package)
    ? settings.packages[account.package]
    : undefined;
  if (whmPackage === undefined) {
    const known = Object.keys(settings.packages).join(", ");
    problems.push(
      msg(
        `paket ${q(account.package)} tidak dikenal; pilih salah satu: ${known}`,
        `package ${q(account.package)} is unknown; choose one of: ${known}`,
      ),
    );
  } else if (!PACKAGE.test(whmPackage)) {
    problems.push(
      msg(
        `paket WHM ${q(whmPackage)} tidak sah (huruf, angka, "_", "-")`,
        `WHM package ${q(whmPackage)} is not valid (letters, digits, "_", "-")`,
      ),
    );
  }
  if (!EMAIL.test(account.contactEmail)) {
    problems.push(
      msg(
        `alamat surel kontak ${q(account.contactEmail)} tidak sah`,
        `contact e-mail ${q(account.contactEmail)} is not valid`,
      ),
    );
  }
  const sshKeys: Array<{ name: string; key: string }> = [];
  for (const line of account.sshKeys) {
    const key = normalizeSshKey(line);
    if (key === null) {
      problems.push(
        msg(
          `kunci SSH ${q(line)} bukan kunci publik OpenSSH yang sah`,
          `SSH key ${q(line)} is not a valid OpenSSH public key`,
        ),
      );
    } else if (!sshKeys.some((known) => known.key === key)) {
      sshKeys.push({ name: sshKeyName(key), key });
    }
  }
  if (problems.length > 0 || user === null || whmPackage === undefined) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      user,
      fqdn,
      whmPackage,
      contactEmail: account.contactEmail,
      sshKeys,
      database: account.database ? `${user}_web` : null,
    },
  };
}

/**
 * The name a key is imported under: from the key itself, so a re-run imports it under the same name
 * (`importkey` overwrites a key of the same name) and a changed key list never renames a kept key.
 */
export function sshKeyName(key: string): string {
  return `domainops-${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

function whm1(name: string, method: "GET" | "POST", params: Array<[string, WhmValue]>): WhmCall {
  return { name, method, path: `/json-api/${name}`, query: [["api.version", "1"], ...params], api: "whm1" };
}

function cpanel(
  api: "uapi" | "cpanel2",
  user: string,
  module: string,
  func: string,
  method: "GET" | "POST",
  params: Array<[string, WhmValue]>,
): WhmCall {
  return {
    name: `${module}::${func}`,
    method,
    path: "/json-api/cpanel",
    query: [
      ["cpanel_jsonapi_user", user],
      ["cpanel_jsonapi_apiversion", api === "uapi" ? "3" : "2"],
      ["cpanel_jsonapi_module", module],
      ["cpanel_jsonapi_func", func],
      ...params,
    ],
    api,
  };
}

/** `listaccts` for exactly one user (the name holds only letters and digits, so it is its own PCRE). */
export function lookupAccountCall(user: string): WhmCall {
  return whm1("listaccts", "GET", [
    ["searchtype", "user"],
    ["searchmethod", "exact"],
    ["search", user],
    ["want", "user,domain,plan,email,suspended"],
  ]);
}

/** The account's databases and database users (UAPI `Mysql::list_databases`, `Mysql::list_users`). */
export function lookupDatabaseCalls(user: string): WhmCall[] {
  return [
    cpanel("uapi", user, "Mysql", "list_databases", "GET", []),
    cpanel("uapi", user, "Mysql", "list_users", "GET", []),
  ];
}

function conflict(plan: { user: string; fqdn: string }, state: WhmAccountState): Message {
  return msg(
    `akun cPanel ${q(plan.user)} sudah ada untuk domain ${q(visibleControls(state.domain))}, bukan ${q(plan.fqdn)}; akun itu tidak akan diubah`,
    `cPanel account ${q(plan.user)} already exists for the domain ${q(visibleControls(state.domain))}, not ${q(plan.fqdn)}; it will not be changed`,
  );
}

/**
 * The account-level calls that make the server match `plan`, given what `listaccts` reported (`state`
 * null = no such account). They come first: a suspended account's own functions (keys, databases)
 * fail until it is unsuspended. Every call is safe to repeat after a failure half-way: the next run
 * reads the server again and plans only what is missing, so an account is never created twice.
 */
export function planAccount(plan: WhmAccountPlan, state: WhmAccountState | null): WhmCallsResult {
  if (state === null) {
    return {
      ok: true,
      calls: [
        whm1("createacct", "POST", [
          ["username", plan.user],
          ["domain", plan.fqdn],
          ["plan", plan.whmPackage],
          ["contactemail", plan.contactEmail],
          ["password", { secret: "account-password" }],
        ]),
      ],
    };
  }
  if (state.domain.toLowerCase() !== plan.fqdn) return { ok: false, problems: [conflict(plan, state)] };
  const calls: WhmCall[] = [];
  if (state.plan !== plan.whmPackage) {
    calls.push(
      whm1("changepackage", "POST", [
        ["user", plan.user],
        ["pkg", plan.whmPackage],
      ]),
    );
  }
  if (state.email !== plan.contactEmail) {
    calls.push(
      whm1("modifyacct", "POST", [
        ["user", plan.user],
        ["contactemail", plan.contactEmail],
      ]),
    );
  }
  if (state.suspended) calls.push(whm1("unsuspendacct", "POST", [["user", plan.user]]));
  return { ok: true, calls };
}

/**
 * The calls inside the account: import and authorize every key (both overwrite, so they are always
 * sent), and create the database and its user when `databases` (what `Mysql::list_databases` and
 * `Mysql::list_users` reported; null for an account just created) lacks them. The privileges are
 * always set, so a user left without them by an earlier failure gets them.
 */
export function planContents(plan: WhmAccountPlan, databases: WhmDatabaseState | null): WhmCall[] {
  const calls: WhmCall[] = [];
  for (const { name, key } of plan.sshKeys) {
    calls.push(
      cpanel("cpanel2", plan.user, "SSH", "importkey", "POST", [
        ["name", name],
        ["key", key],
      ]),
      cpanel("cpanel2", plan.user, "SSH", "authkey", "POST", [
        ["key", name],
        ["action", "authorize"],
      ]),
    );
  }
  if (plan.database === null) return calls;
  const known = databases ?? { databases: [], users: [] };
  if (!known.databases.includes(plan.database)) {
    calls.push(cpanel("uapi", plan.user, "Mysql", "create_database", "POST", [["name", plan.database]]));
  }
  if (!known.users.includes(plan.database)) {
    calls.push(
      cpanel("uapi", plan.user, "Mysql", "create_user", "POST", [
        ["name", plan.database],
        ["password", { secret: "database-password" }],
      ]),
    );
  }
  calls.push(
    cpanel("uapi", plan.user, "Mysql", "set_privileges_on_database", "POST", [
      ["user", plan.database],
      ["database", plan.database],
      ["privileges", "ALL PRIVILEGES"],
    ]),
  );
  return calls;
}

export const SUSPEND_REASON = "domainops: layanan dihentikan sementara / service suspended";

/** The account a suspension or removal is about: the name domainops gave it and its domain. */
export interface WhmAccountRef {
  user: string;
  fqdn: string;
}

/**
 * Why domainops may not suspend or remove this account, or null: only a domainops name (so never
 * `root` or another team's account), and only while it still serves the request's domain.
 */
function foreignAccount(account: WhmAccountRef, state: WhmAccountState | null): Message | null {
  const problem = cpanelUserProblem(account.user);
  if (problem !== null) return problem;
  if (state !== null && state.domain.toLowerCase() !== account.fqdn.toLowerCase()) {
    return conflict(account, state);
  }
  return null;
}

/** Suspends the account; nothing when it is absent or already suspended. */
export function planSuspend(account: WhmAccountRef, state: WhmAccountState | null): WhmCallsResult {
  const foreign = foreignAccount(account, state);
  if (foreign !== null) return { ok: false, problems: [foreign] };
  if (state === null || state.suspended) return { ok: true, calls: [] };
  return {
    ok: true,
    calls: [
      whm1("suspendacct", "POST", [
        ["user", account.user],
        ["reason", SUSPEND_REASON],
      ]),
    ],
  };
}

/**
 * Removal. WHM API 1 has no call that archives an account and returns when the archive is done:
 * `start_background_pkgacct` starts a `pkgacct` run in the background (its result is a session to
 * follow, on the server's disk), and the server's scheduled backups (WHM "Backup Configuration") are
 * configured outside this API. So removal is refused unless the operator confirms an archive exists
 * (`keepArchive`), and the account is suspended first so nothing changes between that archive and the
 * removal. `keepdns=0`: the server's own zone goes with the account (DNS is served by Cloudflare).
 */
export function planRemove(
  account: WhmAccountRef,
  state: WhmAccountState | null,
  confirm: { keepArchive: boolean },
): WhmCallsResult {
  if (!confirm.keepArchive) {
    return {
      ok: false,
      problems: [
        msg(
          `akun cPanel ${q(account.user)} tidak dihapus: WHM API tidak membuat arsip yang dapat ditunggu; pastikan cadangan server (WHM » Backup Configuration) memuat akun ini, lalu konfirmasi dengan keepArchive`,
          `cPanel account ${q(account.user)} was not removed: the WHM API makes no archive that can be awaited; make sure the server's backups (WHM » Backup Configuration) hold this account, then confirm with keepArchive`,
        ),
      ],
    };
  }
  const suspend = planSuspend(account, state);
  if (!suspend.ok || state === null) return suspend;
  return {
    ok: true,
    calls: [
      ...suspend.calls,
      whm1("removeacct", "POST", [
        ["username", account.user],
        ["keepdns", "0"],
      ]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Answers

export type WhmOutcome = { ok: true; data: unknown } | { ok: false; message: Message };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Server text (a `reason`, an error) for a message: one line, quoted, shortened. */
export function serverText(value: unknown): string {
  return q(visibleControls(typeof value === "string" ? value : JSON.stringify(value ?? null)));
}

function refused(call: WhmCall, detail: string): Message {
  return msg(`WHM menolak ${call.name}: ${detail}`, `WHM refused ${call.name}: ${detail}`);
}

function unexpected(call: WhmCall, what: string): Message {
  return msg(
    `jawaban WHM untuk ${call.name} tidak terduga (${what})`,
    `unexpected WHM answer to ${call.name} (${what})`,
  );
}

/** One answer: HTTP status, then the body's shape for the call's API. */
export function parseWhmAnswer(call: WhmCall, status: number, body: string): WhmOutcome {
  if (status === 401 || status === 403) {
    return {
      ok: false,
      message: msg(
        `WHM menolak kredensial untuk ${call.name} (HTTP ${status}); periksa pengguna dan token API WHM`,
        `WHM refused the credentials for ${call.name} (HTTP ${status}); check the WHM user and API token`,
      ),
    };
  }
  if (status < 200 || status > 299) {
    return {
      ok: false,
      message: msg(
        `WHM gagal menjalankan ${call.name} (HTTP ${status})`,
        `WHM failed ${call.name} (HTTP ${status})`,
      ),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: unexpected(call, "bukan JSON / not JSON") };
  }
  if (!isRecord(json)) return { ok: false, message: unexpected(call, "bukan objek / not an object") };
  switch (call.api) {
    case "whm1":
      return parseWhm1(call, json);
    case "uapi":
      return parseUapi(call, json);
    case "cpanel2":
      return parseCpanel2(call, json);
    default:
      return call.api satisfies never;
  }
}

function parseWhm1(call: WhmCall, json: Record<string, unknown>): WhmOutcome {
  const metadata = json.metadata;
  if (!isRecord(metadata) || (metadata.result !== 0 && metadata.result !== 1)) {
    return { ok: false, message: unexpected(call, "metadata.result") };
  }
  if (metadata.result === 0) return { ok: false, message: refused(call, serverText(metadata.reason)) };
  return { ok: true, data: json.data ?? null };
}

function parseUapi(call: WhmCall, json: Record<string, unknown>): WhmOutcome {
  const result = json.result;
  if (!isRecord(result) || (result.status !== 0 && result.status !== 1)) {
    return { ok: false, message: unexpected(call, "result.status") };
  }
  if (result.status === 0) {
    const errors = Array.isArray(result.errors) && result.errors.length > 0 ? result.errors : ["(no reason)"];
    return { ok: false, message: refused(call, errors.map(serverText).join("; ")) };
  }
  return { ok: true, data: result.data ?? null };
}

function parseCpanel2(call: WhmCall, json: Record<string, unknown>): WhmOutcome {
  const result = json.cpanelresult;
  if (!isRecord(result)) return { ok: false, message: unexpected(call, "cpanelresult") };
  const event = isRecord(result.event) ? result.event.result : undefined;
  if (typeof result.error === "string" && result.error !== "") {
    return { ok: false, message: refused(call, serverText(result.error)) };
  }
  if (event !== 1) return { ok: false, message: refused(call, serverText("event.result != 1")) };
  return { ok: true, data: result.data ?? null };
}

/** The account in a `listaccts` answer's data, null when there is none; a string on a bad shape. */
export function readAccountState(user: string, data: unknown): WhmAccountState | null | string {
  if (!isRecord(data) || !Array.isArray(data.acct)) return "data.acct";
  const found = data.acct.find((entry) => isRecord(entry) && entry.user === user);
  if (found === undefined) return null;
  const { domain, plan, email, suspended } = found as Record<string, unknown>;
  if (typeof domain !== "string" || typeof plan !== "string") return "data.acct[].domain/plan";
  return {
    user,
    domain,
    plan,
    email: typeof email === "string" ? email : "",
    suspended: suspended === 1 || suspended === "1",
  };
}

/** Names in a `Mysql::list_databases` (`database`) or `Mysql::list_users` (`user`) answer's data. */
export function readNames(data: unknown, field: "database" | "user"): string[] | string {
  if (!Array.isArray(data)) return `data[].${field}`;
  const names: string[] = [];
  for (const entry of data) {
    if (!isRecord(entry) || typeof entry[field] !== "string") return `data[].${field}`;
    names.push(entry[field] as string);
  }
  return names;
}
