/**
 * The WHM backend of `domainops hosting ensure|remove`: one hosting job (`src/core/hosting/job.ts`)
 * run against a cPanel & WHM server through `src/adapters/whm.ts`. Every decision is the core's
 * (`planWhmAccount`, `planAccount`, `planContents`, `planSuspend`, `planRemove`); this file turns the
 * job into their inputs and their results into the job's outcome lines.
 *
 * - Packages: the stack's `packages` are domainops names (`kecil`, `sedang`) with the limits the Linux
 *   backend enforces itself. On WHM the limits live in a WHM package (hosting plan) the administrator
 *   creates once per paket, named `domainops_<paket>` (WHM » Packages » Add a Package); domainops
 *   assigns it and never creates or edits one, so a missing package is WHM's `createacct` refusal.
 * - Removal: WHM API 1 offers no archive that can be awaited (see `planRemove`), so an account is
 *   suspended at once and removed only when the administrator confirms that the server's backup
 *   holds it: `DOMAINOPS_WHM_ARCHIVED=<cPanel user>,…` on a manual re-run of the apply workflow.
 * - TLS: Node's `fetch` verifies WHM's certificate (port 2087) and this backend keeps it so. A
 *   self-signed certificate fails closed, with a problem that says to install a valid one; a run with
 *   `NODE_TLS_REJECT_UNAUTHORIZED=0` is refused, since the API token would go to whoever answers.
 * - Passwords: the account's and the database user's are random, made in `src/adapters/whm.ts`, sent
 *   to the server once and dropped here: nobody knows them, the way in is the contact's SSH keys.
 */

import {
  HOSTING_ENV,
  type HostingJob,
  type JobOperation,
  type JobOutcome,
  type JobSecrets,
} from "../core/hosting/job.ts";
import {
  planRemove,
  planSuspend,
  planWhmAccount,
  type WhmAccountPlan,
  type WhmAccountRef,
} from "../core/hosting/whm.ts";
import { deriveCpanelUser } from "../core/hosting/whm-user.ts";
import { msg, q } from "../core/request/rules/util.ts";
import type { Message } from "../core/types.ts";
import { createWhmClient, ensureWhmAccount, readWhmAccountState, type WhmClient } from "./whm.ts";

export interface WhmJobOptions {
  fetch?: typeof fetch;
  /** Default `process.env`: `DOMAINOPS_WHM_ARCHIVED`, `NODE_TLS_REJECT_UNAUTHORIZED`. */
  env?: Record<string, string | undefined>;
  /** Per WHM call (default: `createWhmClient`'s). */
  timeoutMs?: number;
}

/** Comma-separated cPanel users whose removal the administrator confirmed (a backup holds them). */
export const WHM_ARCHIVED_ENV = "DOMAINOPS_WHM_ARCHIVED";
/** The WHM package of a domainops paket: the administrator creates it once on the server. */
export const WHM_PACKAGE_PREFIX = "domainops_";
/** cPanel's own login (TLS); the account's password is unknown, so it is shown as where, not how. */
const CPANEL_PORT = 2083;

/**
 * The changes `ensureWhmAccount` reports that mean the account was different from the job. The key
 * imports and the privileges are sent on every run (they overwrite), so they are not changes.
 */
const CHANGES: ReadonlySet<string> = new Set([
  "createacct",
  "changepackage",
  "modifyacct",
  "unsuspendacct",
  "Mysql::create_database",
  "Mysql::create_user",
]);

/** Node's codes for a certificate it did not accept (`tls`, `X509_V_ERR_*` names). */
const TLS_CODE = /CERT|^ERR_TLS_|^ERR_SSL_|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY)/;

export function whmPackageName(paket: string): string {
  return `${WHM_PACKAGE_PREFIX}${paket}`;
}

/** The cPanel users named in `DOMAINOPS_WHM_ARCHIVED`; the value is only compared, never shown. */
export function archivedUsers(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ""),
  );
}

function hostOf(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

function fail(...problems: Message[]): JobOutcome {
  return { ok: false, problems };
}

function missingToken(): Message {
  return msg(
    `token API WHM tidak ada: variabel lingkungan ${HOSTING_ENV.apiToken} kosong; simpan token dengan \`pulumi config set --secret domainops:hostingApiToken\``,
    `no WHM API token: the environment variable ${HOSTING_ENV.apiToken} is empty; store the token with \`pulumi config set --secret domainops:hostingApiToken\``,
  );
}

/** The first TLS error code in a fetch error's cause chain, or null. */
function tlsCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && TLS_CODE.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * `fetch` that remembers a refused certificate: `createWhmClient` reports any fetch error only as
 * "could not reach WHM", on purpose (an error's text may quote the request), so the code is caught
 * here, where it is only compared against Node's TLS codes.
 */
function watchTls(doFetch: typeof fetch): { fetch: typeof fetch; code: () => string | null } {
  let seen: string | null = null;
  const watched = async (...args: Parameters<typeof fetch>): Promise<Response> => {
    try {
      return await doFetch(...args);
    } catch (error) {
      seen ??= tlsCode(error);
      throw error;
    }
  };
  return { fetch: watched as typeof fetch, code: () => seen };
}

function tlsProblem(job: HostingJob, code: string): Message {
  const where = q(`${job.server.address}:${job.server.port}`);
  return msg(
    `sertifikat TLS WHM di ${where} tidak dapat diverifikasi (${q(code)}); domainops tetap memeriksa sertifikat dan tidak mengirim token ke server yang tidak terverifikasi: pasang sertifikat yang sah di server WHM (AutoSSL atau sertifikat nama host, WHM » Manage Service SSL Certificates) dan tulis nama host itu sebagai \`address\` server di stack`,
    `the WHM TLS certificate at ${where} could not be verified (${q(code)}); domainops keeps checking certificates and sends no token to an unverified server: install a valid certificate on the WHM server (AutoSSL or the hostname certificate, WHM » Manage Service SSL Certificates) and write that host name as the server's \`address\` in the stack`,
  );
}

function tlsOffProblem(): Message {
  return msg(
    "NODE_TLS_REJECT_UNAUTHORIZED=0 mematikan pemeriksaan sertifikat; backend WHM tidak berjalan tanpanya: hapus variabel itu dan pasang sertifikat yang sah di server WHM (AutoSSL atau sertifikat nama host)",
    "NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate checks off; the WHM backend does not run without them: remove the variable and install a valid certificate on the WHM server (AutoSSL or the hostname certificate)",
  );
}

/** A failed run's problems, with the TLS reason in front when a certificate was refused. */
function failed(job: HostingJob, tls: () => string | null, problems: Message[]): JobOutcome {
  const code = tls();
  return fail(...(code === null ? problems : [tlsProblem(job, code), ...problems]));
}

function serverName(job: HostingJob): string {
  return q(job.server.name);
}

/**
 * Runs one job on its WHM server. Problems, never exceptions, for what an administrator can fix (a
 * missing token or e-mail, a refusal, an unconfirmed removal); `createWhmClient` still throws its
 * config error for a token or user name that would change the request header.
 */
export async function runWhmJob(
  job: HostingJob,
  operation: JobOperation,
  secrets: JobSecrets,
  options: WhmJobOptions = {},
): Promise<JobOutcome> {
  const env = options.env ?? process.env;
  const problems: Message[] = [];
  if (job.server.kind !== "whm") {
    problems.push(
      msg(
        `server ${serverName(job)} bukan server WHM (${q(job.server.kind)})`,
        `server ${serverName(job)} is not a WHM server (${q(job.server.kind)})`,
      ),
    );
  }
  const token = secrets.apiToken?.trim() ?? "";
  if (token === "") problems.push(missingToken());
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === "0" || process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") {
    problems.push(tlsOffProblem());
  }

  let plan: WhmAccountPlan | null = null;
  if (operation === "ensure") {
    const account = job.account;
    if (account.contactEmail === null) {
      problems.push(
        msg(
          `akun ${q(account.fqdn)} tidak punya alamat surel pengelola teknis; cPanel mewajibkan surel kontak: isi surel \`pengelola_teknis\` di permohonan`,
          `account ${q(account.fqdn)} has no e-mail of its technical contact; cPanel needs a contact e-mail: fill in the \`pengelola_teknis\` e-mail in the request`,
        ),
      );
    } else {
      const planned = planWhmAccount(
        { packages: { [account.package]: whmPackageName(account.package) } },
        {
          subdomain: account.request,
          fqdn: account.fqdn,
          package: account.package,
          contactEmail: account.contactEmail,
          sshKeys: job.sshKeys,
          database: account.database,
        },
      );
      if (planned.ok) plan = planned.plan;
      else problems.push(...planned.problems);
    }
  }
  const user = deriveCpanelUser(job.account.request);
  if (user === null) {
    problems.push(
      msg(
        `subdomain ${q(job.account.request)} tidak memberi nama pengguna cPanel yang sah`,
        `subdomain ${q(job.account.request)} gives no valid cPanel user name`,
      ),
    );
  }
  if (problems.length > 0 || user === null) return fail(...problems);

  const tls = watchTls(options.fetch ?? fetch);
  const client = createWhmClient(
    { host: hostOf(job.server.address), port: job.server.port, user: job.server.adminUser, token },
    { fetch: tls.fetch, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
  );
  switch (operation) {
    case "ensure":
      return ensure(job, client, plan as WhmAccountPlan, tls.code);
    case "remove":
      return remove(
        job,
        client,
        { user, fqdn: job.account.fqdn },
        archivedUsers(env[WHM_ARCHIVED_ENV]),
        tls.code,
      );
    default:
      return operation satisfies never;
  }
}

async function ensure(
  job: HostingJob,
  client: WhmClient,
  plan: WhmAccountPlan,
  tls: () => string | null,
): Promise<JobOutcome> {
  const result = await ensureWhmAccount(client, plan);
  if (!result.ok) {
    const done =
      result.calls.length === 0
        ? []
        : [
            msg(
              `sudah dijalankan sebelum gagal: ${result.calls.join(", ")}; jalankan ulang, yang tersisa akan dilengkapi`,
              `done before the failure: ${result.calls.join(", ")}; run again and the rest is completed`,
            ),
          ];
    return failed(job, tls, [...result.problems, ...done]);
  }
  // `result.secrets` (the random passwords) is dropped on purpose: no line, log or state holds it.
  const user = q(plan.user);
  const where = serverName(job);
  const changes = result.calls.filter((name) => CHANGES.has(name));
  const lines: Message[] = [];
  if (result.created) {
    lines.push(
      msg(
        `akun cPanel ${user} dibuat di server ${where} untuk ${q(plan.fqdn)} (paket WHM ${q(plan.whmPackage)})`,
        `cPanel account ${user} created on server ${where} for ${q(plan.fqdn)} (WHM package ${q(plan.whmPackage)})`,
      ),
    );
  } else if (changes.length > 0) {
    lines.push(
      msg(
        `akun cPanel ${user} di server ${where} diperbarui: ${changes.join(", ")}`,
        `cPanel account ${user} on server ${where} updated: ${changes.join(", ")}`,
      ),
    );
  } else {
    lines.push(
      msg(
        `akun cPanel ${user} di server ${where} sudah sesuai; tidak ada yang diubah`,
        `cPanel account ${user} on server ${where} is already as requested; nothing changed`,
      ),
    );
  }
  const login = `https://${hostOf(job.server.address)}:${CPANEL_PORT}`;
  lines.push(
    plan.sshKeys.length > 0
      ? msg(
          `masuk: pengguna ${user}, cPanel di ${login}; kata sandi akun dibuat acak dan tidak diketahui siapa pun, jadi akses hanya dengan ${plan.sshKeys.length} kunci SSH pengelola teknis (SSH/SFTP ke ${q(job.server.address)})`,
          `log in: user ${user}, cPanel at ${login}; the account password is random and known to nobody, so access is only with the technical contact's ${plan.sshKeys.length} SSH key(s) (SSH/SFTP to ${q(job.server.address)})`,
        )
      : msg(
          `masuk: pengguna ${user}, cPanel di ${login}; kata sandi akun tidak diketahui siapa pun dan pengelola teknis tidak punya kunci SSH di GitHub, jadi belum ada yang dapat masuk: tambahkan kunci di GitHub lalu terapkan ulang`,
          `log in: user ${user}, cPanel at ${login}; the account password is known to nobody and the technical contact has no SSH key on GitHub, so nobody can log in yet: add a key on GitHub, then apply again`,
        ),
  );
  if (plan.database !== null) {
    lines.push(
      msg(
        `basis data dan penggunanya: ${q(plan.database)}; kata sandinya acak dan tidak ditampilkan: setel sendiri lewat SSH (\`uapi Mysql set_password\`)`,
        `database and its user: ${q(plan.database)}; its password is random and not shown: set your own over SSH (\`uapi Mysql set_password\`)`,
      ),
    );
  }
  return { ok: true, lines };
}

async function remove(
  job: HostingJob,
  client: WhmClient,
  account: WhmAccountRef,
  archived: ReadonlySet<string>,
  tls: () => string | null,
): Promise<JobOutcome> {
  const read = await readWhmAccountState(client, account.user);
  // A refused or unreachable call may be the certificate (`failed` adds that hint); a bad answer is not.
  if (!read.ok) return read.failed === undefined ? fail(read.problem) : failed(job, tls, [read.problem]);
  const state = read.value;
  const user = q(account.user);
  const where = serverName(job);
  const confirmed = archived.has(account.user);
  // Both check that the account is domainops' and still serves this domain; planRemove suspends first.
  const planned = confirmed ? planRemove(account, state, { keepArchive: true }) : planSuspend(account, state);
  if (!planned.ok) return fail(...planned.problems);
  if (state === null) {
    return {
      ok: true,
      lines: [
        msg(
          `akun cPanel ${user} tidak ada di server ${where}; tidak ada yang dihapus`,
          `cPanel account ${user} is not on server ${where}; nothing to remove`,
        ),
      ],
    };
  }
  const run = await client.run(planned.calls);
  if (!run.ok) return failed(job, tls, [run.message]);
  if (!confirmed) {
    return fail(
      msg(
        `akun cPanel ${user} di server ${where} dihentikan sementara (situs offline, berkas dan data tetap) tetapi belum dihapus: WHM tidak membuat arsip yang dapat ditunggu. Pastikan cadangan server (WHM » Backup) memuat akun ini, lalu jalankan ulang alur kerja apply secara manual dengan ${WHM_ARCHIVED_ENV}=${account.user}`,
        `cPanel account ${user} on server ${where} is suspended (site offline, files and data kept) but not removed: WHM makes no archive that can be awaited. Make sure the server's backup (WHM » Backup) holds this account, then re-run the apply workflow manually with ${WHM_ARCHIVED_ENV}=${account.user}`,
      ),
    );
  }
  return {
    ok: true,
    lines: [
      msg(
        `akun cPanel ${user} dihentikan lalu dihapus dari server ${where}, bersama zona DNS-nya di server itu; arsipnya adalah cadangan server yang dikonfirmasi administrator`,
        `cPanel account ${user} suspended, then removed from server ${where} with its DNS zone on that server; its archive is the server backup the administrator confirmed`,
      ),
    ],
  };
}
