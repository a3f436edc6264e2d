/**
 * Runs planned WHM calls (`src/core/hosting/whm.ts`) against `https://<host>:2087` with WHM's API
 * token header (`Authorization: whm <user>:<token>`), through an injected `fetch`. Each call has a
 * time limit; only reads (GET) are retried, as a change that timed out may still have happened. The
 * run stops at the first failure and says which call failed. The token is sent in the header only and
 * never appears in a message; random passwords are made here, handed back to the caller, and never
 * put in a message or a URL.
 */
import { randomBytes } from "node:crypto";
import { DomainopsError } from "../core/errors.ts";
import type {
  WhmAccountPlan,
  WhmAccountState,
  WhmCall,
  WhmDatabaseState,
  WhmSecret,
} from "../core/hosting/whm.ts";
import {
  lookupAccountCall,
  lookupDatabaseCalls,
  parseWhmAnswer,
  planAccount,
  planContents,
  readAccountState,
  readNames,
} from "../core/hosting/whm.ts";
import { msg, q } from "../core/request/rules/util.ts";
import type { Message } from "../core/types.ts";

export interface WhmTarget {
  host: string;
  /** Default 2087 (WHM over TLS). */
  port?: number;
  /** The WHM user the token belongs to (`root` or a reseller). */
  user: string;
  token: string;
}

export interface WhmClientOptions {
  fetch?: typeof fetch;
  /** Per call, retries included separately (default 30 s: `createacct` takes a while). */
  timeoutMs?: number;
  /** Retries of a failed read (network error, timeout, HTTP 5xx); default 2. */
  readRetries?: number;
  /** Password maker; default 24 random bytes in base64url. */
  makeSecret?: () => string;
}

export type WhmSecrets = Partial<Record<WhmSecret, string>>;

export type WhmRunResult =
  | { ok: true; data: unknown[]; secrets: WhmSecrets }
  | {
      ok: false;
      /** Index of the failed call; the calls before it succeeded. */
      failedAt: number;
      call: string;
      message: Message;
      secrets: WhmSecrets;
    };

export interface WhmClient {
  run(calls: WhmCall[]): Promise<WhmRunResult>;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:]+\])$/;
const WHM_USER = /^[a-z][a-z0-9_-]{0,31}$/;
const TOKEN = /^[A-Za-z0-9]{1,128}$/;

function defaultSecret(): string {
  return randomBytes(24).toString("base64url");
}

export function createWhmClient(target: WhmTarget, options: WhmClientOptions = {}): WhmClient {
  const port = target.port ?? 2087;
  if (!HOST.test(target.host) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DomainopsError(
      "config",
      `alamat WHM tidak sah (invalid WHM address): ${JSON.stringify(`${target.host}:${port}`)}`,
    );
  }
  // A token with other characters would change the header's meaning; its value is never shown.
  if (!WHM_USER.test(target.user) || !TOKEN.test(target.token)) {
    throw new DomainopsError(
      "config",
      `pengguna atau token WHM tidak sah (invalid WHM user or token) for user ${JSON.stringify(target.user)}`,
    );
  }
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const readRetries = options.readRetries ?? 2;
  const makeSecret = options.makeSecret ?? defaultSecret;
  const base = `https://${target.host}:${port}`;
  const authorization = `whm ${target.user}:${target.token}`;

  async function send(call: WhmCall, params: URLSearchParams): Promise<{ status: number; body: string }> {
    const url = new URL(call.path, base);
    const init: RequestInit = {
      method: call.method,
      headers: { authorization, accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    };
    if (call.method === "GET") {
      url.search = params.toString();
    } else {
      init.body = params;
    }
    const response = await doFetch(url, init);
    return { status: response.status, body: await response.text() };
  }

  return {
    async run(calls) {
      const secrets: WhmSecrets = {};
      const data: unknown[] = [];
      for (const [index, call] of calls.entries()) {
        const params = new URLSearchParams();
        for (const [key, value] of call.query) {
          if (typeof value === "string") {
            params.append(key, value);
          } else {
            secrets[value.secret] ??= makeSecret();
            params.append(key, secrets[value.secret] as string);
          }
        }
        const attempts = call.method === "GET" ? 1 + readRetries : 1;
        let failure: Message | null = null;
        for (let attempt = 1; attempt <= attempts; attempt++) {
          let answer: { status: number; body: string };
          try {
            answer = await send(call, params);
          } catch (error) {
            // Only the error's kind: a fetch error's text may quote the request.
            const timedOut = error instanceof Error && error.name === "TimeoutError";
            failure = timedOut
              ? msg(
                  `WHM tidak menjawab ${call.name} dalam ${timeoutMs} ms`,
                  `WHM did not answer ${call.name} within ${timeoutMs} ms`,
                )
              : msg(`tidak dapat menghubungi WHM untuk ${call.name}`, `could not reach WHM for ${call.name}`);
            continue;
          }
          const outcome = parseWhmAnswer(call, answer.status, answer.body);
          if (outcome.ok) {
            failure = null;
            data.push(outcome.data);
            break;
          }
          failure = outcome.message;
          if (answer.status < 500) break;
        }
        if (failure !== null)
          return { ok: false, failedAt: index, call: call.name, message: failure, secrets };
      }
      return { ok: true, data, secrets };
    },
  };
}

export type WhmEnsureResult =
  | { ok: true; created: boolean; calls: string[]; secrets: WhmSecrets }
  | {
      ok: false;
      step: "lookup" | "apply";
      /** The changes that were made before the failure. */
      calls: string[];
      failed?: string;
      problems: Message[];
      secrets: WhmSecrets;
    };

function shapeProblem(call: WhmCall, what: string): Message {
  return msg(
    `jawaban WHM untuk ${call.name} tidak terduga (${q(what)})`,
    `unexpected WHM answer to ${call.name} (${q(what)})`,
  );
}

/** A read's value, or its problem; `failed` names the call when WHM (or the network) refused it. */
export type Step<T> = { ok: true; value: T } | { ok: false; failed?: string; problem: Message };

/** The account as `listaccts` shows it (null: absent), or why it cannot be told. */
export async function readWhmAccountState(
  client: WhmClient,
  user: string,
): Promise<Step<WhmAccountState | null>> {
  const call = lookupAccountCall(user);
  const listed = await client.run([call]);
  if (!listed.ok) return { ok: false, failed: listed.call, problem: listed.message };
  const state = readAccountState(user, listed.data[0]);
  if (typeof state === "string") return { ok: false, problem: shapeProblem(call, state) };
  return { ok: true, value: state };
}

async function readDatabases(client: WhmClient, user: string): Promise<Step<WhmDatabaseState>> {
  const [listDatabases, listUsers] = lookupDatabaseCalls(user) as [WhmCall, WhmCall];
  const read = await client.run([listDatabases, listUsers]);
  if (!read.ok) return { ok: false, failed: read.call, problem: read.message };
  const databases = readNames(read.data[0], "database");
  if (typeof databases === "string") return { ok: false, problem: shapeProblem(listDatabases, databases) };
  const users = readNames(read.data[1], "user");
  if (typeof users === "string") return { ok: false, problem: shapeProblem(listUsers, users) };
  return { ok: true, value: { databases, users } };
}

/**
 * Reads the account, makes the account-level changes, reads its databases when it existed and needs
 * one, then makes the changes inside it; every decision is the core's (`planAccount`,
 * `planContents`). A failure half-way leaves a state the next run reads and completes.
 */
export async function ensureWhmAccount(client: WhmClient, plan: WhmAccountPlan): Promise<WhmEnsureResult> {
  const done: string[] = [];
  const secrets: WhmSecrets = {};
  const fail = (step: "lookup" | "apply", problem: Message, failed?: string): WhmEnsureResult => ({
    ok: false,
    step,
    calls: done,
    ...(failed === undefined ? {} : { failed }),
    problems: [problem],
    secrets,
  });
  const apply = async (calls: WhmCall[]): Promise<WhmEnsureResult | null> => {
    const applied = await client.run(calls);
    Object.assign(secrets, applied.secrets);
    const count = applied.ok ? calls.length : applied.failedAt;
    done.push(...calls.slice(0, count).map((call) => call.name));
    return applied.ok ? null : fail("apply", applied.message, applied.call);
  };

  const state = await readWhmAccountState(client, plan.user);
  if (!state.ok) return fail("lookup", state.problem, state.failed);
  const account = planAccount(plan, state.value);
  if (!account.ok) return { ok: false, step: "apply", calls: [], problems: account.problems, secrets };
  const accountFailed = await apply(account.calls);
  if (accountFailed !== null) return accountFailed;
  let databases: WhmDatabaseState | null = null;
  if (state.value !== null && plan.database !== null) {
    const read = await readDatabases(client, plan.user);
    if (!read.ok) return fail("lookup", read.problem, read.failed);
    databases = read.value;
  }
  const contentsFailed = await apply(planContents(plan, databases));
  if (contentsFailed !== null) return contentsFailed;
  return { ok: true, created: state.value === null, calls: done, secrets };
}
