/**
 * Zone settings: what the desired state needs beyond the requests. They live in the Pulumi stack
 * config (`Pulumi.<stack>.yaml`, namespace `domainops:`), so `pulumi up` and the credential-free
 * `domainops plan` read the very same values.
 */
import { DomainopsError } from "./errors.ts";
import {
  classifyAddress,
  describeVerdict,
  formatIp,
  type IpAddress,
  parseIPv4,
  parseIPv6,
} from "./rules/ip.ts";
import type { Message } from "./types.ts";

export interface ZoneSettings {
  /** The zone all requests live under, lowercase, no trailing dot, e.g. `kuduskab.go.id`. */
  zone: string;
  /** Cloudflare zone id (32 hex digits). */
  zoneId: string;
  /** Cloudflare account id (32 hex digits): owns the tunnel and the Pages projects. */
  accountId: string;
  /** Public addresses of the office data centre, the origin of `hosting.jenis: server`. */
  origins: { ipv4: readonly string[]; ipv6: readonly string[] };
  /** UUID of the office's Cloudflare Tunnel, the origin of `hosting.jenis: tunnel`. */
  tunnelId: string | null;
  /** Folder of the request files, relative to the project (default `requests`). */
  requestsDir: string;
  /** The zone's authoritative name servers (Cloudflare assigns two per zone); used by the zone file. */
  nameservers: readonly string[];
  /** Share of managed records a single apply may delete or replace without `--force` (default 0.3). */
  maxDeleteShare: number;
}

export const CONFIG_NAMESPACE = "domainops";

const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZONE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `what` is "<Bahasa Indonesia> | <English>". */
function fail(source: string, key: string, what: string): never {
  const [id, en] = what.split(" | ");
  throw new DomainopsError("config", `${source}: ${CONFIG_NAMESPACE}:${key} ${id} (${en ?? id})`);
}

function optionalString(raw: Readonly<Record<string, unknown>>, key: string, source: string): string | null {
  const value = raw[key];
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") fail(source, key, "harus berupa teks | must be a string");
  return value;
}

function requiredString(raw: Readonly<Record<string, unknown>>, key: string, source: string): string {
  const value = optionalString(raw, key, source);
  if (value === null) fail(source, key, "wajib diisi | is required");
  return value;
}

/**
 * A list of addresses in canonical text (`formatIp`, the form the desired state and Cloudflare use),
 * parsed as strictly as request records: a malformed origin would otherwise reach Cloudflare as is.
 */
function addressList(
  value: unknown,
  key: string,
  parse: (text: string) => IpAddress | null,
  source: string,
): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) {
    fail(source, key, "harus daftar alamat IP | must be a list of IP addresses");
  }
  return list.map((item: unknown) => {
    const parsed = typeof item === "string" ? parse(item.trim()) : null;
    if (parsed === null) {
      const shown = JSON.stringify(item);
      fail(
        source,
        key,
        `memuat ${shown}, bukan alamat IP yang sah | holds ${shown}, which is not a valid IP address`,
      );
    }
    return formatIp(parsed);
  });
}

function lowerHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "");
}

/** Pulumi hands structured config to the program as JSON text; a stack file gives it parsed. */
function parseJsonList(text: string): unknown {
  try {
    return text.trim().startsWith("[") ? JSON.parse(text) : [text];
  } catch {
    return null;
  }
}

/**
 * Checks and normalises raw config values (keys without the `domainops:` prefix). `source` names
 * where they came from, for the error message. Throws a `config` DomainopsError naming the key.
 */
export function parseZoneSettings(raw: Readonly<Record<string, unknown>>, source: string): ZoneSettings {
  const zone = requiredString(raw, "zone", source).toLowerCase().replace(/\.$/, "");
  if (!ZONE.test(zone))
    fail(source, "zone", `"${zone}" bukan nama zona yang sah | "${zone}" is not a valid zone name`);
  const zoneId = requiredString(raw, "zoneId", source).toLowerCase();
  if (!HEX32.test(zoneId)) fail(source, "zoneId", "harus 32 digit heksadesimal | must be 32 hex digits");
  const accountId = requiredString(raw, "accountId", source).toLowerCase();
  if (!HEX32.test(accountId))
    fail(source, "accountId", "harus 32 digit heksadesimal | must be 32 hex digits");
  const tunnelId = optionalString(raw, "tunnelId", source)?.toLowerCase() ?? null;
  if (tunnelId !== null && !UUID.test(tunnelId)) fail(source, "tunnelId", "harus UUID | must be a UUID");

  let originsRaw = raw.origins ?? {};
  if (typeof originsRaw === "string") {
    try {
      originsRaw = JSON.parse(originsRaw);
    } catch {
      fail(source, "origins", "harus objek {ipv4, ipv6} | must be an object {ipv4, ipv6}");
    }
  }
  if (typeof originsRaw !== "object" || originsRaw === null || Array.isArray(originsRaw)) {
    fail(source, "origins", "harus objek {ipv4, ipv6} | must be an object {ipv4, ipv6}");
  }
  const originsObject = originsRaw as Record<string, unknown>;
  const origins = {
    ipv4: addressList(originsObject.ipv4, "origins.ipv4", parseIPv4, source),
    ipv6: addressList(originsObject.ipv6, "origins.ipv6", parseIPv6, source),
  };

  const nameserversRaw = raw.nameservers ?? [];
  const nameserverList = typeof nameserversRaw === "string" ? parseJsonList(nameserversRaw) : nameserversRaw;
  if (
    !Array.isArray(nameserverList) ||
    !nameserverList.every((ns) => typeof ns === "string" && ZONE.test(lowerHost(ns)))
  ) {
    fail(source, "nameservers", "harus daftar nama host | must be a list of host names");
  }
  const nameservers = nameserverList.map((ns: string) => lowerHost(ns));

  const requestsDir = optionalString(raw, "requestsDir", source) ?? "requests";
  const shareRaw = raw.maxDeleteShare;
  const maxDeleteShare =
    shareRaw === undefined || shareRaw === null || shareRaw === "" ? 0.3 : Number(shareRaw);
  if (!Number.isFinite(maxDeleteShare) || maxDeleteShare < 0 || maxDeleteShare > 1) {
    fail(source, "maxDeleteShare", "harus angka 0–1 | must be a number from 0 to 1");
  }
  return { zone, zoneId, accountId, origins, tunnelId, nameservers, requestsDir, maxDeleteShare };
}

/**
 * Reads the `config:` map of a parsed `Pulumi.<stack>.yaml` into raw settings: keeps the
 * `domainops:` keys and strips the prefix.
 */
export function configFromStackDocument(document: unknown): Record<string, unknown> {
  const config =
    typeof document === "object" && document !== null ? (document as { config?: unknown }).config : undefined;
  const raw: Record<string, unknown> = {};
  if (typeof config !== "object" || config === null) return raw;
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${CONFIG_NAMESPACE}:`)) raw[key.slice(CONFIG_NAMESPACE.length + 1)] = value;
  }
  return raw;
}

export interface OriginProblem {
  address: string;
  cidr: string;
  why: Message;
}

/**
 * Origin addresses that must never be published: private, documentation (the placeholders of the
 * example stack), loopback and the like. Requests are held to the same ranges by `dns-address-not-public`;
 * the stack's own origins deserve no less, or a forgotten placeholder goes live behind every `server` site.
 */
export function findUnpublishableOrigins(settings: Pick<ZoneSettings, "origins">): OriginProblem[] {
  const problems: OriginProblem[] = [];
  const check = (address: string, parsed: IpAddress | null) => {
    const verdict = parsed === null ? null : classifyAddress(parsed);
    if (verdict !== null) problems.push({ address, cidr: verdict.range.cidr, why: describeVerdict(verdict) });
  };
  for (const address of settings.origins.ipv4) check(address, parseIPv4(address));
  for (const address of settings.origins.ipv6) check(address, parseIPv6(address));
  return problems;
}

/** Bilingual one-paragraph report of `findUnpublishableOrigins`, naming the stack file. */
export function renderOriginProblems(problems: readonly OriginProblem[], file: string): string {
  const lines = problems.map((p) => `  ${p.address} (${p.why.id} / ${p.why.en})`);
  return (
    `${file}: domainops:origins memuat alamat yang tidak dapat diterbitkan; ganti dengan IP publik pusat data ` +
    `(origins holds addresses that cannot be published; use the data centre's public IPs):\n${lines.join("\n")}\n`
  );
}
