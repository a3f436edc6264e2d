/**
 * IP addresses: the one place that parses them, writes their canonical text form, matches them
 * against networks, and knows the special-purpose ranges a public zone must not point at. Built on
 * `ipaddr.js`; the strictness on top of it is ours (see `parseIPv4`, `parseIPv6`, `parseCidr`).
 */
import ipaddr from "ipaddr.js";
import { msg } from "./request/rules/util.ts";
import type { Message } from "./types.ts";

export type IPv4 = ipaddr.IPv4;
export type IPv6 = ipaddr.IPv6;
export type IpAddress = IPv4 | IPv6;

/**
 * A dotted-quad IPv4 address, or null. Only four decimal numbers 0–255 without leading zeros: the
 * inet_aton forms (`127.1`, `0x7f000001`, `2130706433`, octal `010.1.1.1`) mean different addresses
 * to different parsers, so they are refused rather than guessed.
 */
export function parseIPv4(text: string): IPv4 | null {
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
}

/**
 * An IPv6 address, or null. Zone ids (`fe80::1%eth0`) name an interface of one host and mean nothing
 * in DNS or a URL of another machine; a trailing IPv4 part must itself be a strict dotted quad.
 */
export function parseIPv6(text: string): IPv6 | null {
  if (text.includes("%") || !ipaddr.IPv6.isValid(text)) return null;
  if (text.includes(".") && parseIPv4(text.slice(text.lastIndexOf(":") + 1)) === null) return null;
  return ipaddr.IPv6.parse(text);
}

/** Either kind, strictly (see `parseIPv4`, `parseIPv6`). */
export function parseIp(text: string): IpAddress | null {
  return parseIPv4(text) ?? parseIPv6(text);
}

/**
 * The canonical text of an IPv6 address: RFC 5952 §4 (lowercase, no leading zeros, the longest run
 * of two or more zero groups as `::`), always in hexadecimal. RFC 5952 §5 allows a dotted tail only
 * for well-known embedding prefixes (`::ffff:0:0/96`, `64:ff9b::/96`); every one of those is refused
 * as a record or origin here, so the zone never needs it, and one form for all addresses keeps the
 * `dns-aaaa-not-canonical` advice, the desired state and the stack origins byte-identical. Cloudflare
 * stores AAAA content in this compressed form, so any other spelling shows as a change on every refresh.
 */
export function formatIPv6(address: IPv6): string {
  return address.toRFC5952String();
}

/** `formatIPv6` of a text, or the text unchanged when it is not a strict IPv6 address. */
export function canonicalIPv6(text: string): string {
  const parsed = parseIPv6(text);
  return parsed === null ? text : formatIPv6(parsed);
}

/** The canonical text of either kind (IPv4 is already canonical once `parseIPv4` accepts it). */
export function formatIp(address: IpAddress): string {
  return address.kind() === "ipv4" ? address.toString() : formatIPv6(address as IPv6);
}

export interface Cidr {
  address: IpAddress;
  bits: number;
  /** Canonical text, e.g. `10.10.20.0/24`, `fd12:3456::/48`. */
  text: string;
}

/**
 * A network in CIDR notation, or null. Strict like the address parsers, with the prefix length in
 * decimal without leading zeros, and no host bits set (`10.10.20.5/24` is a typing error for
 * `10.10.20.0/24` or `10.10.20.5/32`; guessing which would widen or narrow an allow-list).
 */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const address = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (address === null || !/^(0|[1-9]\d{0,2})$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const max = address.kind() === "ipv4" ? 32 : 128;
  if (bits > max) return null;
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
  if (network.toString() !== address.toString()) return null;
  return { address, bits, text: `${formatIp(address)}/${bits}` };
}

/** Whether `address` lies in `network` (false across IPv4/IPv6: an IPv4-mapped address is IPv6). */
export function inCidr(address: IpAddress, network: Cidr): boolean {
  if (address.kind() !== network.address.kind()) return false;
  return address.kind() === "ipv4"
    ? (address as IPv4).match(network.address as IPv4, network.bits)
    : (address as IPv6).match(network.address as IPv6, network.bits);
}

// ---------------------------------------------------------------------------------------------
// Special-purpose ranges.

const IANA_V4 = "https://www.iana.org/assignments/iana-ipv4-special-registry/";
const IANA_V6 = "https://www.iana.org/assignments/iana-ipv6-special-registry/";
const IANA_V4_MULTICAST = "https://www.iana.org/assignments/multicast-addresses/";
const IANA_V6_MULTICAST = "https://www.iana.org/assignments/ipv6-multicast-addresses/";
const IANA_V6_SPACE = "https://www.iana.org/assignments/ipv6-address-space/";

/**
 * What a range is, for the checks that treat some kinds differently: `private` ranges may be a
 * tunnel origin when the stack allows them (`domainops:tunnelOrigins.networks`); `metadata` and the
 * rest never are.
 */
export type RangeKind = "private" | "loopback" | "link-local" | "metadata" | "embedding" | "other";

export interface SpecialRange {
  cidr: string;
  kind: RangeKind;
  why: Message;
  /** Registry or document the entry comes from. */
  source: string;
}

interface RangeEntry extends SpecialRange {
  network: Cidr;
}

function entry(cidr: string, kind: RangeKind, id: string, en: string, source: string): RangeEntry {
  const network = parseCidr(cidr);
  if (network === null) throw new Error(`bad range in the table: ${cidr}`);
  return { cidr, kind, why: msg(id, en), source, network };
}

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries (as of 2025), plus multicast, the cloud
 * metadata endpoints and, for IPv6, everything outside global unicast 2000::/3.
 *
 * Some entries are "globally reachable" per IANA (AS112 192.31.196.0/24, 192.175.48.0/24,
 * 2001:4:112::/48, 2620:4f:8000::/48; AMT 192.52.193.0/24, 2001:3::/32; the anycast /32s and /128s,
 * ORCHIDv2, DETs, NAT64 64:ff9b::/96). They are refused all the same: each is run by a protocol
 * operator for one protocol, never a unit's web server, so a record pointing there is a mistake or
 * a hijack. The most specific entry wins (`findSpecialRange`), so the metadata /32 and /128 are
 * named as such inside link-local and unique-local space.
 */
const RANGES: readonly RangeEntry[] = [
  // IPv4 (IANA IPv4 Special-Purpose Address Registry, RFC 6890 and successors)
  entry("0.0.0.0/8", "other", 'jaringan "this network" (RFC 791)', '"this network" (RFC 791)', IANA_V4),
  entry("10.0.0.0/8", "private", "jaringan privat (RFC 1918)", "private network (RFC 1918)", IANA_V4),
  entry("100.64.0.0/10", "other", "CGNAT milik ISP (RFC 6598)", "carrier-grade NAT (RFC 6598)", IANA_V4),
  entry("127.0.0.0/8", "loopback", "loopback (RFC 1122)", "loopback (RFC 1122)", IANA_V4),
  entry("169.254.0.0/16", "link-local", "link-local (RFC 3927)", "link-local (RFC 3927)", IANA_V4),
  // AWS, Google Cloud, Azure, Alibaba and OpenStack serve instance metadata (with credentials) here.
  entry(
    "169.254.169.254/32",
    "metadata",
    "layanan metadata cloud (AWS/GCP/Azure IMDS), memuat kredensial",
    "cloud metadata service (AWS/GCP/Azure IMDS), holds credentials",
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html",
  ),
  entry("172.16.0.0/12", "private", "jaringan privat (RFC 1918)", "private network (RFC 1918)", IANA_V4),
  entry(
    "192.0.0.0/24",
    "other",
    "penugasan protokol IETF (RFC 6890)",
    "IETF protocol assignments (RFC 6890)",
    IANA_V4,
  ),
  entry("192.0.2.0/24", "other", "alamat dokumentasi (RFC 5737)", "documentation (RFC 5737)", IANA_V4),
  entry("192.31.196.0/24", "other", "layanan AS112 (RFC 7535)", "AS112 service (RFC 7535)", IANA_V4),
  entry("192.52.193.0/24", "other", "AMT (RFC 7450)", "AMT (RFC 7450)", IANA_V4),
  entry(
    "192.88.99.0/24",
    "other",
    "relay 6to4 yang sudah usang (RFC 7526)",
    "deprecated 6to4 relay anycast (RFC 7526)",
    IANA_V4,
  ),
  entry("192.168.0.0/16", "private", "jaringan privat (RFC 1918)", "private network (RFC 1918)", IANA_V4),
  entry(
    "192.175.48.0/24",
    "other",
    "delegasi langsung AS112 (RFC 7534)",
    "AS112 direct delegation (RFC 7534)",
    IANA_V4,
  ),
  entry(
    "198.18.0.0/15",
    "other",
    "uji kinerja jaringan (RFC 2544)",
    "network benchmarking (RFC 2544)",
    IANA_V4,
  ),
  entry("198.51.100.0/24", "other", "alamat dokumentasi (RFC 5737)", "documentation (RFC 5737)", IANA_V4),
  entry("203.0.113.0/24", "other", "alamat dokumentasi (RFC 5737)", "documentation (RFC 5737)", IANA_V4),
  entry("224.0.0.0/4", "other", "multicast (RFC 5771)", "multicast (RFC 5771)", IANA_V4_MULTICAST),
  entry("240.0.0.0/4", "other", "cadangan (RFC 1112)", "reserved (RFC 1112)", IANA_V4),
  entry("255.255.255.255/32", "other", "broadcast (RFC 919)", "limited broadcast (RFC 919)", IANA_V4),

  // IPv6 (IANA IPv6 Special-Purpose Address Registry)
  entry("::/128", "other", "alamat tak ditentukan (RFC 4291)", "unspecified address (RFC 4291)", IANA_V6),
  entry("::1/128", "loopback", "loopback (RFC 4291)", "loopback (RFC 4291)", IANA_V6),
  // Deprecated by RFC 4291 §2.5.5.1 and absent from the registry; the embedded IPv4 is classified too.
  entry(
    "::/96",
    "embedding",
    "IPv6 kompatibel-IPv4 yang usang (RFC 4291); pakai catatan A",
    "deprecated IPv4-compatible IPv6 (RFC 4291); use an A record",
    "https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.1",
  ),
  entry(
    "::ffff:0:0/96",
    "embedding",
    "IPv4 yang dipetakan (RFC 4291); pakai catatan A",
    "IPv4-mapped (RFC 4291); use an A record",
    IANA_V6,
  ),
  entry(
    "64:ff9b::/96",
    "embedding",
    "prefiks terjemahan NAT64 (RFC 6052), hanya berarti di jaringan yang punya NAT64; pakai catatan A",
    "NAT64 translation prefix (RFC 6052), only meaningful inside a network with NAT64; use an A record",
    IANA_V6,
  ),
  entry(
    "64:ff9b:1::/48",
    "other",
    "terjemahan IPv4/IPv6 lokal (RFC 8215)",
    "local-use IPv4/IPv6 translation (RFC 8215)",
    IANA_V6,
  ),
  entry("100::/64", "other", "discard-only (RFC 6666)", "discard-only (RFC 6666)", IANA_V6),
  entry("100:0:0:1::/64", "other", "prefiks dummy IPv6 (RFC 9780)", "dummy IPv6 prefix (RFC 9780)", IANA_V6),
  entry(
    "2001::/23",
    "other",
    "penugasan protokol IETF (RFC 2928)",
    "IETF protocol assignments (RFC 2928)",
    IANA_V6,
  ),
  entry(
    "2001::/32",
    "embedding",
    "Teredo (RFC 4380): alamat sementara klien di balik NAT",
    "Teredo (RFC 4380): a transient address of a client behind NAT",
    IANA_V6,
  ),
  entry("2001:1::1/128", "other", "anycast PCP (RFC 7723)", "PCP anycast (RFC 7723)", IANA_V6),
  entry("2001:1::2/128", "other", "anycast TURN (RFC 8155)", "TURN anycast (RFC 8155)", IANA_V6),
  entry("2001:1::3/128", "other", "anycast DNS-SD SRP (RFC 9665)", "DNS-SD SRP anycast (RFC 9665)", IANA_V6),
  entry(
    "2001:2::/48",
    "other",
    "uji kinerja jaringan (RFC 5180)",
    "network benchmarking (RFC 5180)",
    IANA_V6,
  ),
  entry("2001:3::/32", "other", "AMT (RFC 7450)", "AMT (RFC 7450)", IANA_V6),
  entry("2001:4:112::/48", "other", "layanan AS112 (RFC 7535)", "AS112 service (RFC 7535)", IANA_V6),
  entry("2001:10::/28", "other", "ORCHID yang usang (RFC 4843)", "deprecated ORCHID (RFC 4843)", IANA_V6),
  entry("2001:20::/28", "other", "ORCHIDv2 (RFC 7343)", "ORCHIDv2 (RFC 7343)", IANA_V6),
  entry(
    "2001:30::/28",
    "other",
    "tag entitas Drone Remote ID (RFC 9374)",
    "Drone Remote ID DETs (RFC 9374)",
    IANA_V6,
  ),
  entry("2001:db8::/32", "other", "alamat dokumentasi (RFC 3849)", "documentation (RFC 3849)", IANA_V6),
  entry(
    "2002::/16",
    "embedding",
    "6to4 (RFC 3056), sudah ditinggalkan (RFC 7526); pakai catatan A atau IPv6 asli",
    "6to4 (RFC 3056), abandoned (RFC 7526); use an A record or native IPv6",
    IANA_V6,
  ),
  entry(
    "2620:4f:8000::/48",
    "other",
    "delegasi langsung AS112 (RFC 7534)",
    "AS112 direct delegation (RFC 7534)",
    IANA_V6,
  ),
  entry("3fff::/20", "other", "alamat dokumentasi (RFC 9637)", "documentation (RFC 9637)", IANA_V6),
  entry("5f00::/16", "other", "SID segment routing SRv6 (RFC 9602)", "SRv6 segment ids (RFC 9602)", IANA_V6),
  entry(
    "fc00::/7",
    "private",
    "unique local / privat (RFC 4193)",
    "unique local / private (RFC 4193)",
    IANA_V6,
  ),
  entry(
    "fd00:ec2::254/128",
    "metadata",
    "layanan metadata cloud (AWS IMDS IPv6), memuat kredensial",
    "cloud metadata service (AWS IMDS over IPv6), holds credentials",
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html",
  ),
  entry("fe80::/10", "link-local", "link-local (RFC 4291)", "link-local (RFC 4291)", IANA_V6),
  entry("ff00::/8", "other", "multicast (RFC 4291)", "multicast (RFC 4291)", IANA_V6_MULTICAST),
];

/** Everything the internet routes today is in 2000::/3 (IANA IPv6 Address Space: global unicast). */
const GLOBAL_UNICAST = entry(
  "2000::/3",
  "other",
  "di luar unicast global 2000::/3",
  "outside global unicast 2000::/3",
  IANA_V6_SPACE,
);

/** The special-purpose table, for documentation and tests. */
export const SPECIAL_RANGES: readonly SpecialRange[] = RANGES.map(({ network: _, ...range }) => range);

/** The most specific special-purpose range `address` lies in, or null for a global unicast address. */
export function findSpecialRange(address: IpAddress): SpecialRange | null {
  let best: RangeEntry | null = null;
  for (const range of RANGES) {
    if (inCidr(address, range.network) && (best === null || range.network.bits > best.network.bits))
      best = range;
  }
  if (best === null && address.kind() === "ipv6" && !inCidr(address, GLOBAL_UNICAST.network))
    best = GLOBAL_UNICAST;
  if (best === null) return null;
  const { network: _, ...range } = best;
  return range;
}

function ipv4From(high: number, low: number): IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * The IPv4 address an IPv6 transition address carries: IPv4-mapped and -compatible (RFC 4291), NAT64
 * well-known prefix (RFC 6052, last 32 bits), 6to4 (RFC 3056, bits 16–47) and the Teredo client
 * (RFC 4380 §4: the last 32 bits, each bit inverted). Null for any other address.
 */
export function embeddedIPv4(address: IPv6): IPv4 | null {
  const p = address.parts;
  const at = (i: number) => p[i] ?? 0;
  const zeros = (from: number, to: number) => p.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && at(5) === 0xffff) return ipv4From(at(6), at(7));
  if (zeros(0, 6) && (at(6) !== 0 || at(7) > 1)) return ipv4From(at(6), at(7));
  if (at(0) === 0x64 && at(1) === 0xff9b && zeros(2, 6)) return ipv4From(at(6), at(7));
  if (at(0) === 0x2002) return ipv4From(at(1), at(2));
  if (at(0) === 0x2001 && at(1) === 0) return ipv4From(at(6) ^ 0xffff, at(7) ^ 0xffff);
  return null;
}

export interface AddressVerdict {
  /** The range that makes the address unpublishable. */
  range: SpecialRange;
  /** For transition addresses: the IPv4 inside and, when special, its own range. */
  embedded: { address: string; range: SpecialRange | null } | null;
}

/** Why `address` is not a public unicast address, or null when it is. */
export function classifyAddress(address: IpAddress): AddressVerdict | null {
  const range = findSpecialRange(address);
  if (range === null) return null;
  const inner = address.kind() === "ipv6" ? embeddedIPv4(address as IPv6) : null;
  const embedded = inner === null ? null : { address: inner.toString(), range: findSpecialRange(inner) };
  return { range, embedded };
}

/** One-line reason of a verdict: `2002::/16 (6to4 …) membawa 127.0.0.1: 127.0.0.0/8 (loopback)`. */
export function describeVerdict(verdict: AddressVerdict): Message {
  const { range, embedded } = verdict;
  const inner = embedded?.range;
  if (embedded === null || inner === null || inner === undefined)
    return msg(`${range.cidr}: ${range.why.id}`, `${range.cidr}: ${range.why.en}`);
  return msg(
    `${range.cidr}: ${range.why.id}; membawa ${embedded.address} di ${inner.cidr}: ${inner.why.id}`,
    `${range.cidr}: ${range.why.en}; it carries ${embedded.address} in ${inner.cidr}: ${inner.why.en}`,
  );
}
