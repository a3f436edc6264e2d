/**
 * Desired state: the pure step from validated requests + zone settings to the DNS records and
 * hosting resources the zone must hold. Everything downstream (the Pulumi program, `plan`, `diff`,
 * the zone file) renders this one model, so they can never disagree.
 */
import { createHash } from "node:crypto";
import { DomainopsError, unhandled } from "../errors.ts";
import type { PackageLimits } from "../hosting/linux.ts";
import { deriveLinuxUser } from "../hosting/linux-user.ts";
import {
  accountProblem,
  chooseHostingServer,
  type HostingServerKind,
  packageLimits,
} from "../hosting/servers.ts";
import { canonicalIPv6 } from "../ip.ts";
import { RECORD_TYPES, type RecordType, type RecordValue } from "../record-types/index.ts";
import type { DnsRecordSpec, DnsRecordType, LoadedRequest, Request } from "../types.ts";
import { tunnelServiceProblem } from "./tunnel-origins.ts";
import type { ZoneSettings } from "./zone-settings.ts";

export type { CaaData, SrvData } from "../record-types/index.ts";

export interface DesiredRecord {
  /**
   * Stable identity, also the Pulumi logical name. The first record at a name (its anchor) is keyed
   * by the name alone, so a change of type there (A → CNAME) is a replacement of one resource, not a
   * create next to a delete, and a change of its value an update in place; every other record is
   * keyed by name + type + value (see `identity.ts` for why that is safe on Cloudflare).
   */
  key: string;
  /** Full lowercase name without the trailing dot. */
  name: string;
  type: DnsRecordType;
  /** A/AAAA address, CNAME/MX target, TXT text, SRV target, CAA value. */
  content: string;
  /** 1 = automatic (always for proxied records). */
  ttl: number;
  proxied: boolean;
  /** MX and SRV. */
  priority: number | null;
  /** SRV and CAA fields, as Cloudflare's `data`. */
  data: RecordValue["data"];
  /**
   * `<subdomain> <letter number>`, at most 100 characters (Cloudflare Free plan limit); null (no
   * comment) for a request imported from the existing zone that has no letter yet, so adopting its
   * records with `pulumi import` changes nothing on a record that had no comment.
   */
  comment: string | null;
  /** The subdomain of the request this record belongs to. */
  request: string;
  /** True for the first record at its name (see `key`). */
  anchor: boolean;
  /** Type + value, what identifies the record among others at the same name. */
  valueKey: string;
}

export interface TunnelIngress {
  /** null for the final catch-all rule. */
  hostname: string | null;
  service: string;
  request: string | null;
}

export interface TunnelState {
  tunnelId: string;
  /** Sorted by hostname, ending with the `http_status:404` catch-all that cloudflared requires. */
  ingress: TunnelIngress[];
}

export interface PagesSite {
  /** Cloudflare Pages project name. */
  project: string;
  branch: string;
  /** Full custom domain served by the project. */
  domain: string;
  request: string;
}

/** A hosting account on one of the office's servers (`hosting.akun` of a `server` request). */
export interface DesiredAccount {
  /** Full name served, e.g. `dinkes.kuduskab.go.id`; one account per name. */
  fqdn: string;
  /** The Linux user (`deriveLinuxUser`), also the name of its database, pool and site. */
  user: string;
  server: string;
  serverKind: HostingServerKind;
  package: string;
  limits: PackageLimits;
  /** The request's version, else the server's first; null when the server offers no choice (WHM). */
  php: string | null;
  database: boolean;
  /**
   * GitHub login of the request's `pengelola_teknis`: their public keys (read at apply time) are the
   * only way into the account; null when the request names none (an imported one), so nobody logs in.
   */
  contact: string | null;
  /** E-mail of the request's `pengelola_teknis` (the cPanel account's contact address); null when none. */
  contactEmail: string | null;
  /** The subdomain of the request. */
  request: string;
}

export interface DesiredState {
  zone: string;
  records: DesiredRecord[];
  /** The office tunnel's configuration; null when no tunnel is configured for the stack. */
  tunnel: TunnelState | null;
  pages: PagesSite[];
  /** Sorted by name (parent before child), like the records. */
  accounts: DesiredAccount[];
}

export const CATCH_ALL_SERVICE = "http_status:404";
export const COMMENT_MAX = 100;
/** Default origin of a tunnel request that names no service: the web server next to cloudflared. */
export const DEFAULT_TUNNEL_SERVICE = "http://localhost:80";

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join("");
}

function lowerHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "");
}

const PLAIN_VALUE = /^[A-Za-z0-9.-]+(?: [A-Za-z0-9.-]+)*$/;
const IPV6_VALUE = /^[0-9a-f:.]+$/;

/**
 * A logical-name fragment for a value, one-to-one within a record type: readable when short and
 * plain, else a content hash. Never contains "::", which Pulumi reserves as the URN separator.
 */
function slugOf(type: DnsRecordType, valueKey: string): string {
  if (valueKey.length <= 64) {
    // An IPv6 address has no "-", so ":" → "-" cannot make two addresses meet.
    if (type === "AAAA" && IPV6_VALUE.test(valueKey)) return valueKey.replaceAll(":", "-");
    // Plain values have no "_", so " " → "_" is reversible.
    if (PLAIN_VALUE.test(valueKey)) return valueKey.replaceAll(" ", "_");
  }
  return `h${createHash("sha256").update(valueKey).digest("hex").slice(0, 16)}`;
}

// Cloudflare Pages project names: lowercase letters, digits and "-", at most 58 characters, no
// hyphen at either end (the name becomes `<project>.pages.dev`).
export const PAGES_PROJECT_MAX = 58;
/** Marks a derived name of a nested subdomain; no valid single label starts like this (RFC 5891). */
const NESTED_MARK = "ns--";
/** Marks a derived name too long to spell out. */
const HASHED_MARK = "hx--";
const HYPHEN_RUN = /-+/g;

/** Zone label every derived project name ends with, so two regencies' `dinkes` differ in one account. */
function zoneLabelOf(zone: string): string {
  return (zone.split(".")[0] ?? zone).toLowerCase();
}

/**
 * The Pages project name derived from a subdomain, one-to-one over valid subdomains of one zone:
 * - a single label `L` gives `L-<zone label>` (unchanged from earlier releases);
 * - a nested name gives `ns--<E>-<zone label>`, where E doubles every hyphen inside a label and writes
 *   each dot as one hyphen. Labels never start or end with "-", so in E every run of hyphens sits
 *   between two letters or digits and is either a dot (odd: one) or a label's own hyphens (even):
 *   E decodes back to the name. A single label cannot start with `ns--` or `hx--` (hyphens in
 *   positions 3-4 are reserved for IDN, rule subdomain-label-invalid), so the forms cannot meet;
 * - a name that does not fit in 58 characters gives `hx--<80-bit SHA-256 prefix>-<zone label>`. Two
 *   such names collide with probability at most n²/2⁸¹ (about 4·10⁻¹⁵ for 100,000 long names).
 */
export function derivePagesProject(subdomain: string, zone: string): string {
  const name = subdomain.toLowerCase();
  const zoneLabel = zoneLabelOf(zone);
  const spelled = name.includes(".")
    ? `${NESTED_MARK}${name
        .split(".")
        .map((label) => label.replace(HYPHEN_RUN, (run) => run + run))
        .join("-")}-${zoneLabel}`
    : `${name}-${zoneLabel}`;
  if (spelled.length <= PAGES_PROJECT_MAX) return spelled;
  const hash = createHash("sha256").update(`${name}.${zone.toLowerCase()}`).digest("hex").slice(0, 20);
  return cut(`${HASHED_MARK}${hash}-${zoneLabel}`, PAGES_PROJECT_MAX).replace(/-+$/, "");
}

/**
 * True when `project` has the shape of a derived name in this zone; such names are kept for the
 * subdomain they derive from, so no request can name another request's future project.
 */
export function isDerivedProjectShape(project: string, zone: string): boolean {
  const lower = project.toLowerCase();
  return (
    lower.endsWith(`-${zoneLabelOf(zone)}`) || lower.startsWith(NESTED_MARK) || lower.startsWith(HASHED_MARK)
  );
}

export function pagesProjectName(request: Request, zone: string): string {
  if (request.hosting.project) return request.hosting.project.toLowerCase();
  return derivePagesProject(request.subdomain, zone);
}

/** A record before it is sorted and keyed. */
type Draft = Omit<DesiredRecord, "key" | "anchor" | "valueKey">;

function draftFromSpec(spec: DnsRecordSpec, host: string, comment: string | null, request: string): Draft {
  const relative = spec.name === undefined || spec.name === "@" || spec.name === "" ? null : spec.name;
  const name = relative === null ? host : `${lowerHost(relative)}.${host}`;
  const recordType = RECORD_TYPES[spec.type] as RecordType;
  const proxied = recordType.proxiable && spec.proxied === true;
  const ttl = proxied ? 1 : (spec.ttl ?? 1);
  return { name, type: spec.type, ttl, proxied, comment, request, ...recordType.value(spec) };
}

/** DNS order: labels compared from the zone down, so a parent sorts right before its children. */
export function compareNames(a: string, b: string): number {
  const left = a.split(".").reverse().join(" ");
  const right = b.split(".").reverse().join(" ");
  return left < right ? -1 : left > right ? 1 : 0;
}

function configError(request: LoadedRequest, id: string, en: string): never {
  throw new DomainopsError("config", `${request.file}: ${id} (${en})`);
}

/**
 * Builds the desired state. Requests must have passed validation; settings the stack lacks for a
 * hosting kind (origins for `server`, a tunnel for `tunnel`) are a `config` error naming the file.
 * Tunnel origins are checked against `domainops:tunnelOrigins` here again, whatever the validator
 * saw: this is the step before every apply, so an origin outside the allow-list never goes live.
 * The result is sorted and keyed, independent of the order of `requests`.
 */
export function buildDesiredState(requests: readonly LoadedRequest[], zone: ZoneSettings): DesiredState {
  const drafts: Draft[] = [];
  const ingress: TunnelIngress[] = [];
  const pages: PagesSite[] = [];
  const refusedOrigins: string[] = [];
  const projectHolders = new Map<string, string>();
  const accounts: DesiredAccount[] = [];
  const refusedAccounts: string[] = [];
  const userHolders = new Map<string, string>();

  for (const loaded of requests) {
    const request = loaded.request;
    const subdomain = request.subdomain.toLowerCase();
    const host = `${subdomain}.${zone.zone}`;
    // An imported request still without its letter keeps its records uncommented, as they were.
    const comment = request.surat ? cut(`${subdomain} ${request.surat.nomor}`, COMMENT_MAX) : null;
    const base = { name: host, comment, request: subdomain, priority: null, data: null };

    switch (request.hosting.jenis) {
      case "server": {
        if (zone.origins.ipv4.length + zone.origins.ipv6.length === 0) {
          configError(
            loaded,
            "hosting server butuh domainops:origins di konfigurasi stack",
            "hosting server needs domainops:origins in the stack config",
          );
        }
        for (const ip of zone.origins.ipv4)
          drafts.push({ ...base, type: "A", content: ip, ttl: 1, proxied: true });
        for (const ip of zone.origins.ipv6)
          drafts.push({ ...base, type: "AAAA", content: canonicalIPv6(ip), ttl: 1, proxied: true });
        const akun = request.hosting.akun;
        if (akun !== undefined) {
          // The validator's hosting-account-* rules say the same with the YAML location; checking
          // again here keeps an account the stack cannot hold from reaching a server.
          const problem = accountProblem(zone.hostingServers, akun);
          const user = deriveLinuxUser(subdomain);
          const holder = user === null ? undefined : userHolders.get(user);
          const choice = chooseHostingServer(zone.hostingServers, akun.server);
          const limits = choice.ok ? packageLimits(choice.server, akun.paket) : undefined;
          if (problem !== null) refusedAccounts.push(`  ${loaded.file}: ${problem.id} (${problem.en})`);
          else if (user === null) refusedAccounts.push(`  ${loaded.file}: subdomain (${subdomain})`);
          else if (holder !== undefined)
            refusedAccounts.push(
              `  ${loaded.file}: pengguna Linux ${user} sudah dipakai ${holder} (Linux user ${user} already used by ${holder})`,
            );
          else if (choice.ok && limits !== undefined) {
            userHolders.set(user, loaded.file);
            accounts.push({
              fqdn: host,
              user,
              server: choice.server.name,
              serverKind: choice.server.kind,
              package: akun.paket,
              limits,
              php: akun.php ?? choice.server.php[0] ?? null,
              database: akun.database === true,
              contact: request.pengelola_teknis?.github ?? null,
              contactEmail: request.pengelola_teknis?.email ?? null,
              request: subdomain,
            });
          }
        }
        break;
      }
      case "tunnel": {
        if (zone.tunnelId === null) {
          configError(
            loaded,
            "hosting tunnel butuh domainops:tunnelId di konfigurasi stack",
            "hosting tunnel needs domainops:tunnelId in the stack config",
          );
        }
        const service = request.hosting.service ?? DEFAULT_TUNNEL_SERVICE;
        const problem = tunnelServiceProblem(service, zone.tunnelOrigins);
        if (problem !== null) {
          refusedOrigins.push(
            `  ${loaded.file}: hosting.service ${JSON.stringify(service)}: ${problem.message.id} (${problem.message.en})`,
          );
        }
        const content = `${zone.tunnelId}.cfargotunnel.com`;
        drafts.push({ ...base, type: "CNAME", content, ttl: 1, proxied: true });
        ingress.push({
          hostname: host,
          service,
          request: subdomain,
        });
        break;
      }
      case "static": {
        const project = pagesProjectName(request, zone.zone);
        // The validator refuses a shared project (hosting-project-duplicate); refusing here too keeps a
        // request that slipped past it from reconfiguring another unit's Pages project.
        const holder = projectHolders.get(project);
        if (holder !== undefined) {
          configError(
            loaded,
            `proyek Pages ${JSON.stringify(project)} sudah dipakai oleh ${holder}`,
            `the Pages project ${JSON.stringify(project)} is already used by ${holder}`,
          );
        }
        projectHolders.set(project, loaded.file);
        drafts.push({ ...base, type: "CNAME", content: `${project}.pages.dev`, ttl: 1, proxied: true });
        pages.push({ project, branch: request.hosting.branch ?? "main", domain: host, request: subdomain });
        break;
      }
      case "eksternal":
      case "tanpa":
        break;
      default:
        unhandled(request.hosting.jenis, "hosting.jenis");
    }
    for (const spec of request.dns ?? []) drafts.push(draftFromSpec(spec, host, comment, subdomain));
  }

  if (refusedOrigins.length > 0) {
    throw new DomainopsError(
      "config",
      `asal tunnel tidak diizinkan, tidak ada yang diterapkan (tunnel origins not allowed, nothing applied):\n${refusedOrigins.join("\n")}`,
    );
  }

  if (refusedAccounts.length > 0) {
    throw new DomainopsError(
      "config",
      `akun hosting tidak dapat ditempatkan, tidak ada yang diterapkan (hosting accounts cannot be placed, nothing applied):\n${refusedAccounts.join("\n")}`,
    );
  }

  // Sorted by name with labels reversed (parent before child, a unit's names together), then type, value.
  const keyed = drafts.map((draft) => ({
    draft,
    order: draft.name.split(".").reverse().join(" "),
    valueKey: (RECORD_TYPES[draft.type] as RecordType).valueKey(draft),
  }));
  keyed.sort((a, b) => {
    if (a.order !== b.order) return a.order < b.order ? -1 : 1;
    const rank = RECORD_TYPES[a.draft.type].rank - RECORD_TYPES[b.draft.type].rank;
    if (rank !== 0) return rank;
    return a.valueKey < b.valueKey ? -1 : a.valueKey > b.valueKey ? 1 : 0;
  });

  const records: DesiredRecord[] = [];
  let previous: (typeof keyed)[number] | undefined;
  for (const item of keyed) {
    // The validator forbids duplicates across requests; a repeat here (a request listing its own
    // hosting record again) is the same record, kept once.
    if (
      previous &&
      previous.draft.name === item.draft.name &&
      previous.draft.type === item.draft.type &&
      previous.valueKey === item.valueKey
    ) {
      continue;
    }
    const anchor = previous === undefined || previous.draft.name !== item.draft.name;
    const key = anchor
      ? item.draft.name
      : `${item.draft.name}/${item.draft.type}/${slugOf(item.draft.type, item.valueKey)}`;
    records.push({ ...item.draft, key, anchor, valueKey: `${item.draft.type} ${item.valueKey}` });
    previous = item;
  }

  let tunnel: TunnelState | null = null;
  if (zone.tunnelId !== null) {
    ingress.sort((a, b) => compareNames(a.hostname ?? "", b.hostname ?? ""));
    ingress.push({ hostname: null, service: CATCH_ALL_SERVICE, request: null });
    tunnel = { tunnelId: zone.tunnelId, ingress };
  }
  pages.sort((a, b) => compareNames(a.domain, b.domain));
  accounts.sort((a, b) => compareNames(a.fqdn, b.fqdn));
  return { zone: zone.zone, records, tunnel, pages, accounts };
}

export { formatRdata } from "../record-types/index.ts";
