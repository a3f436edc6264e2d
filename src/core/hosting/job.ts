/**
 * A hosting job: everything `domainops hosting ensure|remove` needs to make one account exist on its
 * server, or archive and remove it, except the credentials. The Pulumi program hands it to the command
 * on stdin (`@pulumi/command`'s `local.Command`, see `docs/hosting.md`), so it is part of the stack's
 * recorded inputs: a removal runs with the job as it was last applied, and a changed job (package,
 * PHP version, contact or their keys) is an update that runs `ensure` again.
 *
 * Secrets never enter a job: the SSH private key and the WHM API token come from Pulumi's encrypted
 * config through the command's environment.
 */
import type { DesiredAccount } from "../infra/desired-state.ts";
import { parseCidr } from "../ip.ts";
import { msg } from "../request/rules/util.ts";
import type { Message } from "../types.ts";
import { normalizeSshKey } from "./linux.ts";
import { deriveLinuxUser } from "./linux-user.ts";
import type { HostingServer } from "./servers.ts";

export const HOSTING_JOB_VERSION = 1;
/** Environment variables of the job's command (values from Pulumi's secret config). */
export const HOSTING_ENV = {
  sshKey: "DOMAINOPS_HOSTING_SSH_KEY",
  apiToken: "DOMAINOPS_HOSTING_API_TOKEN",
  originCertificate: "DOMAINOPS_ORIGIN_CERTIFICATE",
  originKey: "DOMAINOPS_ORIGIN_KEY",
} as const;

/** The server as the job's command reaches it; no secret. */
export interface JobServer {
  name: string;
  kind: HostingServer["kind"];
  address: string;
  port: number;
  hostKey: string | null;
  adminUser: string;
}

export interface HostingJob {
  version: typeof HOSTING_JOB_VERSION;
  account: DesiredAccount;
  server: JobServer;
  /** The contact's public keys as read from GitHub at apply time, normalized and sorted. */
  sshKeys: string[];
  /**
   * Cloudflare's published address ranges (the provider's `getIpRanges`), the only peers nginx trusts
   * for the visitor's address; a change of Cloudflare's list updates every account.
   */
  cloudflareRanges: string[];
}

export function buildHostingJob(
  account: DesiredAccount,
  server: HostingServer,
  sshKeys: readonly string[],
  cloudflareRanges: readonly string[],
): HostingJob {
  const keys = [...new Set(sshKeys.map(normalizeSshKey).filter((key): key is string => key !== null))];
  return {
    version: HOSTING_JOB_VERSION,
    account,
    server: {
      name: server.name,
      kind: server.kind,
      address: server.address,
      port: server.port,
      hostKey: server.hostKey,
      adminUser: server.adminUser,
    },
    sshKeys: keys.sort(),
    cloudflareRanges: [...cloudflareRanges],
  };
}

/** Stable text (keys in a fixed order), so the same job never shows as a change. */
export function renderHostingJob(job: HostingJob): string {
  return `${JSON.stringify(job)}\n`;
}

type Check = (value: unknown) => boolean;
const isString: Check = (value) => typeof value === "string";
const isStringOrNull: Check = (value) => value === null || typeof value === "string";
const isPort: Check = (value) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
const isCount: Check = (value) => Number.isInteger(value) && (value as number) >= 1;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fieldsProblem(where: string, value: unknown, fields: Record<string, Check>): string | null {
  if (!isRecord(value)) return where;
  for (const [name, check] of Object.entries(fields)) {
    if (!check(value[name])) return `${where}.${name}`;
  }
  return null;
}

/**
 * The job read back from stdin. It comes from the program, but a state file edited by hand or a job
 * of another version must stop the command before anything reaches a server.
 */
export function parseHostingJob(text: string): HostingJob | Message {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return msg(
      "tugas hosting di stdin bukan JSON; perintah ini dijalankan oleh program Pulumi",
      "the hosting job on stdin is not JSON; this command is run by the Pulumi program",
    );
  }
  const bad = (field: string): Message =>
    msg(`tugas hosting tidak sah pada ${field}`, `invalid hosting job at ${field}`);
  if (!isRecord(value)) return bad("(root)");
  if (value.version !== HOSTING_JOB_VERSION) return bad("version");
  const problem =
    fieldsProblem("account", value.account, {
      fqdn: isString,
      user: isString,
      server: isString,
      serverKind: (v) => v === "linux" || v === "whm",
      package: isString,
      limits: isRecord,
      php: isStringOrNull,
      database: (v) => typeof v === "boolean",
      contact: isStringOrNull,
      contactEmail: isStringOrNull,
      request: isString,
    }) ??
    fieldsProblem("account.limits", (value.account as Record<string, unknown>).limits, {
      diskQuotaMb: isCount,
      phpMaxChildren: isCount,
      phpMemoryLimitMb: isCount,
    }) ??
    fieldsProblem("server", value.server, {
      name: isString,
      kind: (v) => v === "linux" || v === "whm",
      address: isString,
      port: isPort,
      hostKey: isStringOrNull,
      adminUser: isString,
    });
  if (problem !== null) return bad(problem);
  const job = value as unknown as HostingJob;
  if (job.account.server !== job.server.name || job.account.serverKind !== job.server.kind)
    return bad("server.name");
  if (
    job.server.kind === "linux" &&
    (job.server.hostKey === null || normalizeSshKey(job.server.hostKey) === null)
  )
    return bad("server.hostKey");
  if (
    job.account.user !== deriveLinuxUser(job.account.request) ||
    !job.account.fqdn.startsWith(`${job.account.request}.`)
  )
    return bad("account.user");
  if (
    !Array.isArray(job.sshKeys) ||
    job.sshKeys.some((key) => typeof key !== "string" || normalizeSshKey(key) !== key)
  )
    return bad("sshKeys");
  if (
    !Array.isArray(job.cloudflareRanges) ||
    job.cloudflareRanges.some((range) => typeof range !== "string" || parseCidr(range) === null)
  )
    return bad("cloudflareRanges");
  return job;
}

/** What `domainops hosting` is asked to do: make the account as the job says, or archive and remove it. */
export type JobOperation = "ensure" | "remove";

/**
 * What a backend reports. `lines` are printed in the apply's log (and so must hold no secret): what
 * changed, where the unit uploads, where an archive was left.
 */
export type JobOutcome = { ok: true; lines: Message[] } | { ok: false; problems: Message[] };

/** The credentials of a job, from the command's environment. */
export interface JobSecrets {
  /** linux: the administrator's private key (OpenSSH PEM). */
  sshKey?: string;
  /** whm: the WHM API token of `server.adminUser`. */
  apiToken?: string;
  /** linux: the zone's Cloudflare Origin CA certificate and key, installed for nginx. */
  originCertificate?: string;
  originKey?: string;
}
