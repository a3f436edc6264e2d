/**
 * Which origins the office's Cloudflare Tunnel may publish. A `hosting.jenis: tunnel` request names
 * an origin URL inside the office network (`hosting.service`); cloudflared forwards the public name
 * to it. Unchecked, a request could publish the Docker API on the tunnel host
 * (`tcp://127.0.0.1:2375`), cloud instance credentials (`http://169.254.169.254`) or any internal
 * database under the government zone, so origins are held to an allow-list from the stack settings
 * (`domainops:tunnelOrigins`), checked by the validator and again by the desired state before apply.
 */
import {
  classifyAddress,
  describeVerdict,
  type IpAddress,
  inCidr,
  parseCidr,
  parseIPv4,
  parseIPv6,
} from "../ip.ts";
import { msg } from "../request/rules/util.ts";
import type { Message } from "../types.ts";

/** Plain data (it crosses to worker threads): networks as canonical CIDR text. */
export interface TunnelOrigins {
  /** Private networks (RFC 1918, RFC 4193) whose addresses may be an origin. */
  networks: readonly string[];
  /** Host names (lowercase, no trailing dot) the office's internal DNS resolves for cloudflared. */
  hosts: readonly string[];
  ports: readonly number[];
  schemes: readonly TunnelScheme[];
}

export type TunnelScheme = "http" | "https";
export const TUNNEL_SCHEMES: readonly TunnelScheme[] = ["http", "https"];

const DEFAULT_PORT: Readonly<Record<TunnelScheme, number>> = { http: 80, https: 443 };

/**
 * Host names that are never an origin: loopback (RFC 6761 §6.3) and cloud metadata services
 * (Google Cloud's `metadata.google.internal`, Azure/AWS/GCP reach theirs at 169.254.169.254).
 */
export function reservedOriginHost(host: string): Message | null {
  if (host === "localhost" || host.endsWith(".localhost"))
    return msg("loopback (localhost, RFC 6761)", "loopback (localhost, RFC 6761)");
  if (host === "metadata.google.internal" || host === "metadata")
    return msg("layanan metadata cloud", "cloud metadata service");
  return null;
}

export type ServiceProblemKind = "invalid" | "not-allowed";

export interface ServiceProblem {
  /** `invalid`: wrong whatever the stack says; `not-allowed`: outside `domainops:tunnelOrigins`. */
  kind: ServiceProblemKind;
  message: Message;
}

const EXAMPLE = "http://10.10.20.15:8080";

function invalid(id: string, en: string): ServiceProblem {
  return { kind: "invalid", message: msg(id, en) };
}

function notAllowed(id: string, en: string): ServiceProblem {
  return { kind: "not-allowed", message: msg(id, en) };
}

/** The host of a parsed URL as an address, or null for a name (WHATWG already folded numeric forms). */
function hostAddress(hostname: string): IpAddress | null {
  if (hostname.startsWith("[") && hostname.endsWith("]")) return parseIPv6(hostname.slice(1, -1));
  return parseIPv4(hostname);
}

/**
 * Why `service` cannot be a tunnel origin, or null. With `origins` undefined (the stack settings are
 * not known) only what is wrong under any stack is reported; `null` means the stack has no
 * `domainops:tunnelOrigins`, and every origin is refused.
 */
export function tunnelServiceProblem(
  service: string,
  origins: TunnelOrigins | null | undefined,
): ServiceProblem | null {
  if (!URL.canParse(service) || !/^[a-z][a-z0-9+.-]*:/i.test(service)) {
    return invalid(
      `bukan URL; tulis skema, host dan port, mis. "${EXAMPLE}"`,
      `not a URL; give scheme, host and port, e.g. "${EXAMPLE}"`,
    );
  }
  const url = new URL(service);
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== "http" && scheme !== "https") {
    return invalid(
      `skema "${scheme}" tidak didukung: tunnel ini hanya menerbitkan situs web (http atau https); layanan non-HTTP (tcp, ssh, rdp, unix ...) butuh aplikasi Cloudflare Access, yang tidak dibuat alat ini`,
      `the scheme "${scheme}" is not supported: this tunnel publishes websites only (http or https); non-HTTP services (tcp, ssh, rdp, unix ...) need a Cloudflare Access application, which this tool does not create`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    return invalid(
      "jangan menulis nama pengguna atau kata sandi di URL (repositori ini publik)",
      "do not put a user name or password in the URL (this repository is public)",
    );
  }
  // Checked on the text: the URL parser resolves "/a/../" and drops an empty "?" or "#".
  const afterScheme = service.slice(service.indexOf(":") + 1);
  const authorityEnd = afterScheme.slice(2).search(/[/?#\\]/);
  const rest = authorityEnd < 0 ? "" : afterScheme.slice(2 + authorityEnd);
  if (!afterScheme.startsWith("//") || (rest !== "" && rest !== "/")) {
    return invalid(
      `memuat path, query atau fragment; asal tunnel hanya skema://host:port, mis. "${EXAMPLE}"`,
      `has a path, query or fragment; a tunnel origin is only scheme://host:port, e.g. "${EXAMPLE}"`,
    );
  }
  const hostname = url.hostname;
  const rawHost = afterScheme
    .slice(2, authorityEnd < 0 ? undefined : 2 + authorityEnd)
    .replace(/:\d*$/, "")
    .toLowerCase();
  const address = hostAddress(hostname);
  if (address !== null && address.kind() === "ipv4" && rawHost !== hostname) {
    // inet_aton forms (127.1, 0x7f000001, 2130706433, 0177.0.0.1) that the URL parser folds to an address.
    return invalid(
      `host ${JSON.stringify(rawHost)} adalah bentuk angka tak baku dari ${hostname}; tulis alamat IPv4 sebagai empat angka desimal`,
      `the host ${JSON.stringify(rawHost)} is a non-standard numeric form of ${hostname}; write an IPv4 address as four decimal numbers`,
    );
  }
  if (address !== null) {
    const verdict = classifyAddress(address);
    if (verdict === null) {
      return invalid(
        `${hostname} adalah alamat publik; asal tunnel ada di jaringan kantor (untuk server publik pakai hosting server atau eksternal)`,
        `${hostname} is a public address; a tunnel origin is inside the office network (for a public server use server or eksternal hosting)`,
      );
    }
    if (verdict.range.kind !== "private") {
      const why = describeVerdict(verdict);
      return invalid(
        `${hostname} ada di ${why.id} dan tidak boleh menjadi asal tunnel`,
        `${hostname} is in ${why.en} and cannot be a tunnel origin`,
      );
    }
  } else {
    const reserved = reservedOriginHost(hostname.replace(/\.$/, ""));
    if (reserved !== null) {
      return invalid(
        `host ${hostname} adalah ${reserved.id} dan tidak boleh menjadi asal tunnel`,
        `the host ${hostname} is ${reserved.en} and cannot be a tunnel origin`,
      );
    }
  }
  if (origins === undefined) return null;
  if (origins === null) {
    return notAllowed(
      "konfigurasi stack tidak memuat domainops:tunnelOrigins, jadi tidak ada asal tunnel yang diizinkan; admin Diskominfo menambahkannya di Pulumi.<stack>.yaml (lihat docs/pulumi.md)",
      "the stack settings have no domainops:tunnelOrigins, so no tunnel origin is allowed; the Diskominfo admins add it to Pulumi.<stack>.yaml (see docs/pulumi.md)",
    );
  }
  if (!origins.schemes.includes(scheme)) {
    return notAllowed(
      `skema "${scheme}" tidak diizinkan di domainops:tunnelOrigins.schemes (${origins.schemes.join(", ")})`,
      `the scheme "${scheme}" is not allowed by domainops:tunnelOrigins.schemes (${origins.schemes.join(", ")})`,
    );
  }
  if (address !== null) {
    if (!origins.networks.some((text) => isIn(address, text))) {
      return notAllowed(
        `${hostname} tidak ada di jaringan yang diizinkan domainops:tunnelOrigins.networks (${origins.networks.join(", ") || "-"})`,
        `${hostname} is not in a network allowed by domainops:tunnelOrigins.networks (${origins.networks.join(", ") || "-"})`,
      );
    }
  } else if (!origins.hosts.includes(hostname.replace(/\.$/, ""))) {
    return notAllowed(
      `host ${hostname} tidak tercantum di domainops:tunnelOrigins.hosts (${origins.hosts.join(", ") || "-"}); tulis alamat IP server di jaringan kantor, atau minta admin menambahkan nama itu`,
      `the host ${hostname} is not listed in domainops:tunnelOrigins.hosts (${origins.hosts.join(", ") || "-"}); give the server's address inside the office network, or ask the admins to add the name`,
    );
  }
  const port = url.port === "" ? DEFAULT_PORT[scheme] : Number(url.port);
  if (!origins.ports.includes(port)) {
    return notAllowed(
      `port ${port} tidak diizinkan di domainops:tunnelOrigins.ports (${origins.ports.join(", ")})`,
      `port ${port} is not allowed by domainops:tunnelOrigins.ports (${origins.ports.join(", ")})`,
    );
  }
  return null;
}

function isIn(address: IpAddress, network: string): boolean {
  const cidr = parseCidr(network);
  return cidr !== null && inCidr(address, cidr);
}

/**
 * Why a network cannot be in `tunnelOrigins.networks`, or null: it must be a strict CIDR inside one
 * private range (RFC 1918, RFC 4193), so an allow-list can never open loopback, metadata or the internet.
 */
export function tunnelNetworkProblem(text: string): Message | null {
  const cidr = parseCidr(text);
  if (cidr === null)
    return msg(
      "bukan CIDR yang sah (mis. 10.10.20.0/24, tanpa bit host)",
      "is not a valid CIDR (e.g. 10.10.20.0/24, without host bits)",
    );
  const range = classifyAddress(cidr.address)?.range;
  const rangeBits = range === undefined ? 0 : Number(range.cidr.slice(range.cidr.indexOf("/") + 1));
  if (range?.kind !== "private" || cidr.bits < rangeBits)
    return msg(
      "harus di dalam satu jaringan privat (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7)",
      "must lie inside one private network (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7)",
    );
  return null;
}
