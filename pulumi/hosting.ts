/**
 * Hosting accounts in the Pulumi program: one `@pulumi/command` `local.Command` per account, whose
 * create/update run `domainops hosting ensure` and whose delete runs `domainops hosting remove` (archive,
 * then removal), with the job on stdin and the credentials, from Pulumi's secret config, in its
 * environment. Beside them, for Linux servers, the zone's Cloudflare Origin CA certificate (key and CSR
 * by `@pulumi/tls`), installed for nginx by every account's run, so Cloudflare can reach the origin in
 * SSL/TLS mode Full (strict).
 *
 * The decisions (which accounts, their names, the job, the certificate's names) are the core's; this
 * module reads the keys and Cloudflare's ranges and registers.
 */

import * as cloudflare from "@pulumi/cloudflare";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { DomainopsError } from "../src/core/errors.ts";
import { buildHostingJob, HOSTING_ENV, renderHostingJob } from "../src/core/hosting/job.ts";
import type { DesiredAccount } from "../src/core/infra/desired-state.ts";
import {
  HOSTING_COMMANDS,
  ORIGIN_TLS_NAMES,
  originCertificateHostnames,
  type ResourceSpec,
  STRICT_TLS_RULESET_NAME,
  strictTlsRules,
} from "../src/core/infra/resources.ts";
import { CONFIG_NAMESPACE } from "../src/core/infra/zone-settings.ts";

type AccountSpec = Extract<ResourceSpec, { kind: "hostingAccount" }>;

/** The public SSH keys of a GitHub login (`GET /users/{login}/keys`), read at every preview and apply. */
export type FetchKeys = (login: string) => Promise<string[]>;

/** Origin CA certificates are issued for up to 15 years; the key is renewed by replacing the resources. */
const ORIGIN_VALIDITY_DAYS = 5475;
/** Key reads in flight at once: GitHub's secondary rate limits punish bursts. */
const KEY_READS_AT_ONCE = 4;

async function defaultFetchKeys(login: string): Promise<string[]> {
  const { createGitHub } = await import("../src/adapters/github.ts");
  const [owner = "", repo = ""] = (process.env.GITHUB_REPOSITORY ?? "/").split("/");
  const github = createGitHub({ token: process.env.GITHUB_TOKEN ?? "", owner, repo });
  return (await github.fetchUserKeys(login)).keys;
}

/** Each contact's keys, read once however many accounts they look after. */
async function readKeys(
  accounts: readonly DesiredAccount[],
  fetchKeys: FetchKeys,
): Promise<Map<string, string[]>> {
  const logins = [...new Set(accounts.map((a) => a.contact).filter((c): c is string => c !== null))].sort();
  const keys = new Map<string, string[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < logins.length) {
      const login = logins[next++] as string;
      try {
        keys.set(login, await fetchKeys(login));
      } catch (error) {
        // Without the keys, an `ensure` would lock the contact out: stop before anything is applied.
        const detail = error instanceof Error ? error.message : String(error);
        throw new DomainopsError(
          "github",
          `kunci SSH @${login} tidak terbaca, akun hosting tidak diterapkan (the SSH keys of @${login} cannot be read, hosting accounts not applied): ${detail}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(KEY_READS_AT_ONCE, logins.length) }, worker));
  return keys;
}

/** Cloudflare's published ranges, from the provider (the API's `GET /ips`). */
async function cloudflareRanges(): Promise<string[]> {
  const ranges = await cloudflare.getIpRanges({});
  const all = [...ranges.ipv4Cidrs, ...ranges.ipv6Cidrs];
  if (all.length === 0)
    throw new DomainopsError(
      "config",
      "Cloudflare tidak memberi rentang alamatnya; akun hosting tidak diterapkan (Cloudflare gave no address ranges; hosting accounts not applied)",
    );
  return all;
}

/** A credential of Pulumi's secret config; its absence stops the program with the command to set it. */
function requireSecret(config: pulumi.Config, key: string, server: string): pulumi.Output<string> {
  const value = config.getSecret(key);
  if (value === undefined)
    throw new DomainopsError(
      "config",
      `server ${server} butuh ${CONFIG_NAMESPACE}:${key}; simpan dengan \`pulumi config set --secret ${CONFIG_NAMESPACE}:${key}\` ` +
        `(server ${server} needs ${CONFIG_NAMESPACE}:${key}; store it with \`pulumi config set --secret ${CONFIG_NAMESPACE}:${key}\`)`,
    );
  return value;
}

export interface HostingRegistration {
  accounts: number;
  originCertificate: boolean;
}

export async function registerHostingAccounts(
  zone: string,
  zoneId: string,
  specs: readonly AccountSpec[],
  fetchKeys: FetchKeys = defaultFetchKeys,
): Promise<HostingRegistration> {
  if (specs.length === 0) return { accounts: 0, originCertificate: false };
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const keys = await readKeys(
    specs.map((spec) => spec.account),
    fetchKeys,
  );
  const ranges = await cloudflareRanges();

  const hostnames = originCertificateHostnames(
    zone,
    specs.map((spec) => spec.account),
  );
  let origin: { certificate: pulumi.Output<string>; key: pulumi.Output<string> } | null = null;
  if (hostnames !== null) {
    const key = new tls.PrivateKey(ORIGIN_TLS_NAMES.key, { algorithm: "ECDSA", ecdsaCurve: "P256" });
    const request = new tls.CertRequest(ORIGIN_TLS_NAMES.request, {
      privateKeyPem: key.privateKeyPem,
      subject: { commonName: zone },
      dnsNames: hostnames,
    });
    const certificate = new cloudflare.OriginCaCertificate(ORIGIN_TLS_NAMES.certificate, {
      csr: request.certRequestPem,
      hostnames,
      requestType: "origin-ecc",
      requestedValidity: ORIGIN_VALIDITY_DAYS,
    });
    origin = { certificate: certificate.certificate, key: pulumi.secret(key.privateKeyPem) };
    new cloudflare.Ruleset(STRICT_TLS_RULESET_NAME, {
      zoneId,
      kind: "zone",
      phase: "http_config_settings",
      name: "domainops: SSL Full (strict)",
      description:
        "Dikelola domainops (managed by domainops): Full (strict) untuk akun hosting (for hosting accounts)",
      rules: strictTlsRules(specs.map((spec) => spec.account)).map((rule) => ({
        ...rule,
        action: "set_config",
        actionParameters: { ssl: "strict" },
        enabled: true,
      })),
    });
  }

  for (const spec of specs) {
    const { account, server } = spec;
    const job = buildHostingJob(
      account,
      server,
      account.contact === null ? [] : (keys.get(account.contact) ?? []),
      ranges,
    );
    const environment: Record<string, pulumi.Input<string>> = server.kind === "linux"
      ? {
          [HOSTING_ENV.sshKey]: requireSecret(config, "hostingSshKey", server.name),
          ...(origin === null
            ? {}
            : { [HOSTING_ENV.originCertificate]: origin.certificate, [HOSTING_ENV.originKey]: origin.key }),
        }
      : { [HOSTING_ENV.apiToken]: requireSecret(config, "hostingApiToken", server.name) };
    new command.local.Command(spec.name, {
      create: HOSTING_COMMANDS.create,
      update: HOSTING_COMMANDS.update,
      delete: HOSTING_COMMANDS.delete,
      stdin: renderHostingJob(job),
      environment: pulumi.secret(environment),
      addPreviousOutputInEnv: false,
    });
  }
  return { accounts: specs.length, originCertificate: origin !== null };
}
