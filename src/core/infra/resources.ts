/**
 * The desired state as Pulumi resource registrations, 1:1 and still pure: type token, logical name,
 * inputs and the options that make changes safe on Cloudflare. The program in `pulumi/` only turns
 * these into `new cloudflare.X(...)` calls, so the decisions here are unit-testable without Pulumi.
 */
import type {
  DnsRecordArgs,
  PagesDomainArgs,
  PagesProjectArgs,
  ZeroTrustTunnelCloudflaredConfigArgs,
} from "@pulumi/cloudflare";
import type { HostingServer } from "../hosting/servers.ts";
import { RECORD_TYPES, type RecordType } from "../record-types/index.ts";
import type { DesiredAccount, DesiredState } from "./desired-state.ts";
import { buildReplacementTriggers } from "./identity.ts";
import type { ZoneSettings } from "./zone-settings.ts";

export const DNS_RECORD_TYPE = "cloudflare:index/dnsRecord:DnsRecord";
export const TUNNEL_CONFIG_TYPE =
  "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig";
export const PAGES_PROJECT_TYPE = "cloudflare:index/pagesProject:PagesProject";
export const PAGES_DOMAIN_TYPE = "cloudflare:index/pagesDomain:PagesDomain";
/** A hosting account is a `@pulumi/command` local command running `domainops hosting` (`docs/hosting.md`). */
export const HOSTING_ACCOUNT_TYPE = "command:local:Command";
/** Logical names of hosting accounts: `akun/<server>/<fqdn>`, told apart from any other command. */
export const HOSTING_ACCOUNT_PREFIX = "akun/";
/**
 * The account's commands. Fixed text: everything about the account reaches the command as the job on
 * stdin, never on a command line a shell would read. `update` is `ensure` again, so a changed job is
 * an update in place, never a delete (which archives and removes the account).
 */
export const HOSTING_COMMANDS = {
  create: "npx --no-install domainops hosting ensure",
  update: "npx --no-install domainops hosting ensure",
  delete: "npx --no-install domainops hosting remove",
} as const;

/** Logical names of the zone's origin certificate for Full (strict): its key, CSR and certificate. */
export const ORIGIN_TLS_NAMES = {
  key: "origin-tls/key",
  request: "origin-tls/csr",
  certificate: "origin-tls/certificate",
} as const;

/**
 * The names the zone's Cloudflare Origin CA certificate covers, or null when no account lives on a
 * Linux server (WHM servers keep their own certificates). A wildcard covers one label only
 * (`*.kuduskab.go.id` is not valid for `getasrabi.desa.kuduskab.go.id`), so every parent of a deeper
 * account adds its own wildcard. Sorted, so the list changes only when a new parent appears.
 */
export function originCertificateHostnames(
  zone: string,
  accounts: readonly Pick<DesiredAccount, "fqdn" | "serverKind">[],
): string[] | null {
  const linux = accounts.filter((account) => account.serverKind === "linux");
  if (linux.length === 0) return null;
  const names = new Set([zone, `*.${zone}`]);
  for (const account of linux) {
    const parent = account.fqdn.slice(account.fqdn.indexOf(".") + 1);
    if (parent !== zone) names.add(`*.${parent}`);
  }
  return [...names].sort();
}

/** Logical name of the zone's configuration ruleset that sets Full (strict) for the accounts' names. */
export const STRICT_TLS_RULESET_NAME = "origin-tls/ssl-strict";
/** Below Cloudflare's 4,096-character limit on a rule expression, with room to spare. */
const EXPRESSION_MAX = 4000;
const HOST = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

export interface StrictTlsRule {
  /** Stable across applies: the rules are kept by reference, not by position. */
  ref: string;
  expression: string;
  description: string;
}

/**
 * Configuration rules (phase `http_config_settings`) setting SSL/TLS Full (strict) for exactly the
 * names served by accounts on Linux servers, whose nginx holds the zone's Origin CA certificate: the
 * zone's own mode stays as it is for every other name (a unit's server elsewhere may not have a
 * certificate Cloudflare trusts). Names are split over several rules when one expression would grow
 * past Cloudflare's limit. Names are checked host names, so they can be quoted as they are.
 */
export function strictTlsRules(
  accounts: readonly Pick<DesiredAccount, "fqdn" | "serverKind">[],
): StrictTlsRule[] {
  const hosts = [...new Set(accounts.filter((a) => a.serverKind === "linux").map((a) => a.fqdn))].sort();
  const rules: StrictTlsRule[] = [];
  let batch: string[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const n = rules.length + 1;
    rules.push({
      ref: `domainops_ssl_strict_${n}`,
      expression: `http.host in {${batch.join(" ")}}`,
      description: `domainops: SSL Full (strict) akun hosting ${n} (hosting accounts ${n})`,
    });
    batch = [];
  };
  let length = 0;
  for (const host of hosts) {
    if (!HOST.test(host)) throw new Error(`unchecked host name ${JSON.stringify(host)}`);
    const quoted = `"${host}"`;
    if (batch.length > 0 && length + quoted.length + 1 > EXPRESSION_MAX - "http.host in {}".length) {
      flush();
      length = 0;
    }
    batch.push(quoted);
    length += quoted.length + 1;
  }
  flush();
  return rules;
}

/**
 * The server is part of the name: an account moved to another server is created there and archived
 * then removed on the old one, never left behind.
 */
export function hostingAccountName(account: Pick<DesiredAccount, "server" | "fqdn">): string {
  return `${HOSTING_ACCOUNT_PREFIX}${account.server}/${account.fqdn}`;
}

export type ResourceSpec =
  | {
      kind: "dns";
      type: typeof DNS_RECORD_TYPE;
      name: string;
      inputs: DnsRecordArgs;
      deleteBeforeReplace: boolean;
      replaceOnChanges: string[];
      /**
       * The anchor's `replacementTrigger`: its type, or its type and value while it shares its type with
       * other records at its name (see `identity.ts`); null for the other records.
       */
      replacementTrigger: string | null;
      /**
       * Logical name of the anchor record at the same name. Such a record takes its `zoneId` from the
       * anchor's output: that property dependency makes Pulumi delete it before the anchor when the
       * anchor is replaced delete-before-create (see `buildResourceSpecs`).
       */
      zoneIdFrom: string | null;
      /** Logical name of a Pages project whose real `subdomain` output is this CNAME's content. */
      contentFromPagesProject: string | null;
    }
  | {
      kind: "tunnelConfig";
      type: typeof TUNNEL_CONFIG_TYPE;
      name: string;
      inputs: ZeroTrustTunnelCloudflaredConfigArgs;
    }
  | {
      kind: "pagesProject";
      type: typeof PAGES_PROJECT_TYPE;
      name: string;
      inputs: PagesProjectArgs;
      /**
       * How the unit deploys (direct upload, or a Git connection made in the dashboard) is theirs to
       * choose; the program owns the project's existence, name and production branch only.
       */
      ignoreChanges: string[];
    }
  | {
      kind: "pagesDomain";
      type: typeof PAGES_DOMAIN_TYPE;
      name: string;
      inputs: PagesDomainArgs;
      /** Logical name of the project; `projectName` comes from its output so the domain waits for it. */
      projectFrom: string;
    }
  | {
      kind: "hostingAccount";
      type: typeof HOSTING_ACCOUNT_TYPE;
      name: string;
      account: DesiredAccount;
      server: HostingServer;
    };

export const TUNNEL_CONFIG_NAME = "office-tunnel";

/**
 * The identity and options of each DNS record follow `identity.ts`, which says why they are safe on
 * Cloudflare: the first record at a name (its anchor) is keyed by the name, is replaced delete-first
 * only when its type changes or its `replacementTrigger` does, and is otherwise updated in place; every
 * other record is keyed by name + type + value and hangs on the anchor through `zoneId`, so the engine
 * deletes it before the anchor whenever the anchor is replaced.
 */
export function buildResourceSpecs(state: DesiredState, zone: ZoneSettings): ResourceSpec[] {
  const specs: ResourceSpec[] = [];
  const projectBySite = new Map<string, string>();
  for (const site of state.pages) {
    const projectName = `pages/${site.project}`;
    if (!projectBySite.has(site.project)) {
      specs.push({
        kind: "pagesProject",
        type: PAGES_PROJECT_TYPE,
        name: projectName,
        inputs: { accountId: zone.accountId, name: site.project, productionBranch: site.branch },
        ignoreChanges: ["source", "buildConfig", "deploymentConfigs"],
      });
      projectBySite.set(site.project, projectName);
    }
    specs.push({
      kind: "pagesDomain",
      type: PAGES_DOMAIN_TYPE,
      name: `pages-domain/${site.domain}`,
      inputs: { accountId: zone.accountId, name: site.domain, projectName: site.project },
      projectFrom: projectName,
    });
  }
  const pagesProjectByDomain = new Map(state.pages.map((site) => [site.domain, `pages/${site.project}`]));

  const triggers = buildReplacementTriggers(state.records);
  let anchorName = "";
  for (const record of state.records) {
    if (record.anchor) anchorName = record.key;
    const inputs: DnsRecordArgs = {
      zoneId: zone.zoneId,
      name: record.name,
      type: record.type,
      ttl: record.ttl,
      proxied: record.proxied,
      ...(record.comment === null ? {} : { comment: record.comment }),
      ...(RECORD_TYPES[record.type] as RecordType).pulumiArgs(record),
    };
    const staticCname =
      record.type === "CNAME" && record.content.endsWith(".pages.dev")
        ? pagesProjectByDomain.get(record.name)
        : undefined;
    specs.push({
      kind: "dns",
      type: DNS_RECORD_TYPE,
      name: record.key,
      inputs,
      deleteBeforeReplace: record.anchor,
      // A dependent's `zoneId` turns unknown while its anchor is replaced delete-first; declaring that
      // a replace makes the engine delete the dependent first whatever the provider's own diff says.
      replaceOnChanges: record.anchor ? ["type"] : ["zoneId"],
      replacementTrigger: triggers.get(record.key) ?? null,
      zoneIdFrom: record.anchor ? null : anchorName,
      contentFromPagesProject: staticCname ?? null,
    });
  }

  for (const account of state.accounts) {
    const server = zone.hostingServers.find((candidate) => candidate.name === account.server);
    // `buildDesiredState` placed the account on a server of these settings.
    if (server === undefined) throw new Error(`no hosting server ${account.server}`);
    specs.push({
      kind: "hostingAccount",
      type: HOSTING_ACCOUNT_TYPE,
      name: hostingAccountName(account),
      account,
      server,
    });
  }

  if (state.tunnel !== null) {
    specs.push({
      kind: "tunnelConfig",
      type: TUNNEL_CONFIG_TYPE,
      name: TUNNEL_CONFIG_NAME,
      inputs: {
        accountId: zone.accountId,
        tunnelId: state.tunnel.tunnelId,
        source: "cloudflare",
        config: {
          ingresses: state.tunnel.ingress.map((rule) =>
            rule.hostname === null
              ? { service: rule.service }
              : { hostname: rule.hostname, service: rule.service },
          ),
        },
      },
    });
  }
  return specs;
}
