/**
 * IP address parsing and the special-purpose ranges an A/AAAA record of a public zone must not point
 * at (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890 and successors).
 */
import type { Message } from "../types.ts";
import { msg } from "./util.ts";

const IPV4 =
  /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** A dotted-quad IPv4 address as an unsigned 32-bit number; leading zeros are refused (octal ambiguity). */
export function parseIPv4(text: string): number | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** An IPv6 address as eight 16-bit groups, or null. Accepts `::` and a trailing dotted IPv4. */
export function parseIPv6(text: string): number[] | null {
  if (text.length < 2 || text.length > 45 || text.includes("%")) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parseSide = (side: string): number[] | null => {
    if (side === "") return [];
    const groups: number[] = [];
    const parts = side.split(":");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? "";
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIPv4(part);
        if (v4 === null) return null;
        groups.push(v4 >>> 16, v4 & 0xffff);
      } else if (HEX_GROUP.test(part)) {
        groups.push(Number.parseInt(part, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = parseSide(halves[0] ?? "");
  if (head === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const tail = parseSide(halves[1] ?? "");
  if (tail === null || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 text form: lowercase, no leading zeros, the longest run of two or more zero groups as `::`. */
export function formatIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

interface Range4 {
  base: number;
  mask: number;
  cidr: string;
  why: Message;
}

function range4(cidr: string, id: string, en: string): Range4 {
  const [addr, bits] = cidr.split("/");
  const prefix = Number(bits);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: ((parseIPv4(addr ?? "") ?? 0) & mask) >>> 0, mask, cidr, why: msg(id, en) };
}

const V4_RANGES: readonly Range4[] = [
  range4("0.0.0.0/8", 'jaringan "this network"', '"this network"'),
  range4("10.0.0.0/8", "jaringan privat (RFC 1918)", "private network (RFC 1918)"),
  range4("100.64.0.0/10", "CGNAT milik ISP (RFC 6598)", "carrier-grade NAT (RFC 6598)"),
  range4("127.0.0.0/8", "loopback", "loopback"),
  range4("169.254.0.0/16", "link-local", "link-local"),
  range4("172.16.0.0/12", "jaringan privat (RFC 1918)", "private network (RFC 1918)"),
  range4("192.0.0.0/24", "penugasan protokol IETF", "IETF protocol assignments"),
  range4("192.0.2.0/24", "alamat dokumentasi (RFC 5737)", "documentation (RFC 5737)"),
  range4("192.88.99.0/24", "relay 6to4 yang sudah usang", "deprecated 6to4 relay"),
  range4("192.168.0.0/16", "jaringan privat (RFC 1918)", "private network (RFC 1918)"),
  range4("198.18.0.0/15", "uji kinerja jaringan (RFC 2544)", "network benchmarking (RFC 2544)"),
  range4("198.51.100.0/24", "alamat dokumentasi (RFC 5737)", "documentation (RFC 5737)"),
  range4("203.0.113.0/24", "alamat dokumentasi (RFC 5737)", "documentation (RFC 5737)"),
  range4("224.0.0.0/4", "multicast", "multicast"),
  range4("255.255.255.255/32", "broadcast", "broadcast"),
  range4("240.0.0.0/4", "cadangan (RFC 1112)", "reserved (RFC 1112)"),
];

/** The special-purpose range an IPv4 address lies in, or null for a public address. */
export function specialIPv4(address: number): { cidr: string; why: Message } | null {
  for (const r of V4_RANGES) if ((address & r.mask) >>> 0 === r.base) return r;
  return null;
}

/** The special-purpose range an IPv6 address lies in, or null for a global unicast address. */
export function specialIPv6(g: readonly number[]): { cidr: string; why: Message } | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, last = 0] = g;
  const zeroHead = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (zeroHead && f === 0 && h === 0 && last === 0)
    return { cidr: "::/128", why: msg("alamat tak ditentukan", "unspecified address") };
  if (zeroHead && f === 0 && h === 0 && last === 1)
    return { cidr: "::1/128", why: msg("loopback", "loopback") };
  if (zeroHead && f === 0xffff) {
    return {
      cidr: "::ffff:0:0/96",
      why: msg("IPv4 yang dipetakan; pakai catatan A", "IPv4-mapped; use an A record"),
    };
  }
  if (a === 0x2001 && b === 0x0db8)
    return { cidr: "2001:db8::/32", why: msg("alamat dokumentasi (RFC 3849)", "documentation (RFC 3849)") };
  if ((a & 0xfe00) === 0xfc00)
    return {
      cidr: "fc00::/7",
      why: msg("unique local / privat (RFC 4193)", "unique local / private (RFC 4193)"),
    };
  if ((a & 0xffc0) === 0xfe80) return { cidr: "fe80::/10", why: msg("link-local", "link-local") };
  if ((a & 0xff00) === 0xff00) return { cidr: "ff00::/8", why: msg("multicast", "multicast") };
  if (a === 0x0100 && b === 0 && c === 0 && d === 0)
    return { cidr: "100::/64", why: msg("discard-only (RFC 6666)", "discard-only (RFC 6666)") };
  // Everything the internet routes today is in 2000::/3 (global unicast).
  if ((a & 0xe000) !== 0x2000) {
    return {
      cidr: "2000::/3",
      why: msg("di luar unicast global 2000::/3", "outside global unicast 2000::/3"),
    };
  }
  return null;
}
