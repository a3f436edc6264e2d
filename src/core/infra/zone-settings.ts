/**
 * Zone settings: what the desired state needs beyond the requests. They live in the Pulumi stack
 * config (`Pulumi.<stack>.yaml`, namespace `domainops:`), so `pulumi up` and the credential-free
 * `domainops plan` read the very same values.
 */
import { configFail as fail, type HostingServer, parseHostingServers } from "../hosting/servers.ts";
import {
  classifyAddress,
  describeVerdict,
  formatIp,
  type IpAddress,
  parseCidr,
  parseIPv4,
  parseIPv6,
} from "../ip.ts";
import type { Message } from "../types.ts";
import {
  reservedOriginHost,
  TUNNEL_SCHEMES,
  type TunnelOrigins,
  type TunnelScheme,
  tunnelNetworkProblem,
} from "./tunnel-origins.ts";

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
  /** What a tunnel request's `hosting.service` may point at; null = nothing (fail closed). */
  tunnelOrigins: TunnelOrigins | null;
  /** Folder of the request files, relative to the project (default `requests`). */
  requestsDir: string;
  /** The zone's authoritative name servers (Cloudflare assigns two per zone); used by the zone file. */
  nameservers: readonly string[];
  /** Share of managed records a single apply may delete or replace without `--force` (default 0.3). */
  maxDeleteShare: number;
  /** The office's hosting servers, where `hosting.akun` accounts live (`docs/hosting.md`); may be empty. */
  hostingServers: readonly HostingServer[];
  /**
   * Labels of the runner the apply job runs on (`domainops:applyRunsOn`), rendered into the apply
   * workflow; default GitHub's `ubuntu-latest`. A self-hosted runner inside the office network when
   * the hosting servers cannot be reached from GitHub's.
   */
  applyRunsOn: readonly string[];
}

export const CONFIG_NAMESPACE = "domainops";

const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZONE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

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
function objectValue(value: unknown, key: string, shape: string, source: string): Record<string, unknown> {
  let parsed = value;
  if (typeof parsed === "string") {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      fail(source, key, `harus objek ${shape} | must be an object ${shape}`);
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    fail(source, key, `harus objek ${shape} | must be an object ${shape}`);
  return parsed as Record<string, unknown>;
}

function list(value: unknown, key: string, source: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(source, key, "harus berupa daftar | must be a list");
  return value;
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const TUNNEL_ORIGINS_SHAPE = "{networks, hosts, ports, schemes}";

/** `domainops:tunnelOrigins`; every entry checked, so a typo cannot open more than intended. */
function parseTunnelOrigins(value: unknown, source: string): TunnelOrigins | null {
  if (value === undefined || value === null || value === "") return null;
  const key = "tunnelOrigins";
  const raw = objectValue(value, key, TUNNEL_ORIGINS_SHAPE, source);
  for (const field of Object.keys(raw)) {
    if (!["networks", "hosts", "ports", "schemes"].includes(field))
      fail(
        source,
        `${key}.${field}`,
        `tidak dikenal; pakai ${TUNNEL_ORIGINS_SHAPE} | is unknown; use ${TUNNEL_ORIGINS_SHAPE}`,
      );
  }
  const networks = list(raw.networks, `${key}.networks`, source).map((item, i) => {
    const text = typeof item === "string" ? item.trim() : "";
    const problem = tunnelNetworkProblem(text);
    if (problem !== null) {
      const shown = JSON.stringify(item);
      fail(source, `${key}.networks[${i}]`, `${shown} ${problem.id} | ${shown} ${problem.en}`);
    }
    return parseCidr(text)?.text ?? text;
  });
  const hosts = list(raw.hosts, `${key}.hosts`, source).map((item, i) => {
    const host = typeof item === "string" ? lowerHost(item) : "";
    const shown = JSON.stringify(item);
    if (!HOST_NAME.test(host) || parseIPv4(host) !== null)
      fail(
        source,
        `${key}.hosts[${i}]`,
        `${shown} bukan nama host (alamat IP ditulis di networks) | ${shown} is not a host name (addresses go in networks)`,
      );
    const reserved = reservedOriginHost(host);
    if (reserved !== null)
      fail(source, `${key}.hosts[${i}]`, `${shown} adalah ${reserved.id} | ${shown} is ${reserved.en}`);
    return host;
  });
  const ports = list(raw.ports, `${key}.ports`, source).map((item, i) => {
    const port = typeof item === "string" && /^\d+$/.test(item) ? Number(item) : item;
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)
      fail(source, `${key}.ports[${i}]`, "harus bilangan bulat 1–65535 | must be an integer from 1 to 65535");
    return port;
  });
  if (ports.length === 0)
    fail(source, `${key}.ports`, "wajib diisi, mis. [80, 443] | is required, e.g. [80, 443]");
  const schemesRaw =
    raw.schemes === undefined ? [...TUNNEL_SCHEMES] : list(raw.schemes, `${key}.schemes`, source);
  const schemes = schemesRaw.map((item, i) => {
    if (!(TUNNEL_SCHEMES as readonly unknown[]).includes(item))
      fail(
        source,
        `${key}.schemes[${i}]`,
        `${JSON.stringify(item)} tidak didukung; hanya http dan https (layanan non-HTTP butuh Cloudflare Access) | ${JSON.stringify(item)} is not supported; only http and https (non-HTTP services need Cloudflare Access)`,
      );
    return item as TunnelScheme;
  });
  if (networks.length + hosts.length === 0)
    fail(source, key, "butuh networks atau hosts | needs networks or hosts");
  return { networks, hosts, ports, schemes };
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

  const originsObject = objectValue(raw.origins ?? {}, "origins", "{ipv4, ipv6}", source);
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
  const tunnelOrigins = parseTunnelOrigins(raw.tunnelOrigins, source);
  const hostingServers = parseHostingServers(raw.hostingServers, source);
  const applyRunsOn = parseRunsOn(raw.applyRunsOn, source);
  return {
    zone,
    zoneId,
    accountId,
    origins,
    tunnelId,
    tunnelOrigins,
    nameservers,
    requestsDir,
    maxDeleteShare,
    hostingServers,
    applyRunsOn,
  };
}

const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `domainops:applyRunsOn`: one to ten runner labels, plain words (they go into the workflow file). */
function parseRunsOn(value: unknown, source: string): string[] {
  if (value === undefined || value === null || value === "") return ["ubuntu-latest"];
  const labels = typeof value === "string" ? parseJsonList(value) : value;
  if (
    !Array.isArray(labels) ||
    labels.length === 0 ||
    labels.length > 10 ||
    !labels.every((label) => typeof label === "string" && RUNNER_LABEL.test(label))
  )
    fail(
      source,
      "applyRunsOn",
      "harus daftar 1–10 label runner (huruf, angka, . _ -), mis. [self-hosted, domainops] | must be a list of 1–10 runner labels (letters, digits, . _ -), e.g. [self-hosted, domainops]",
    );
  return labels as string[];
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
