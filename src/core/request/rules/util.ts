/**
 * Small pure helpers shared by the rules: messages, label and host-name checks, calendar dates in
 * the office time zone, and per-policy caches. Everything here is allocation-light because it runs
 * once per request in repositories of 100,000 files.
 */
import type { OfficeZone } from "../../approvals/governance.ts";
import { localDate } from "../../approvals/governance.ts";
import type { DnsRecordSpec, Message, Request } from "../../types.ts";
import type { ValidationPolicy } from "../rule.ts";

export function msg(id: string, en: string): Message {
  return { id, en };
}

/** Quotes a value for a message, shortened so a huge value cannot flood the output. */
export function q(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

// ---------------------------------------------------------------------------------------------
// Labels and host names

export type LabelProblem =
  | "empty"
  | "too-long"
  | "wildcard"
  | "uppercase"
  | "non-ascii"
  | "underscore"
  | "bad-char"
  | "hyphen-edge"
  | "idn"
  | "reserved-hyphens";

const CODE_a = 97;
const CODE_z = 122;
const CODE_A = 65;
const CODE_Z = 90;
const CODE_0 = 48;
const CODE_9 = 57;
const CODE_HYPHEN = 45;
const CODE_UNDERSCORE = 95;

/**
 * The first problem of a host-name label (LDH rule, RFC 1035/1123), in the order an applicant should
 * fix them. `allowUnderscore` is for DNS owner names like `_dmarc` or `_sip._tcp`.
 */
export function checkLabel(label: string, allowUnderscore = false): LabelProblem | null {
  const n = label.length;
  if (n === 0) return "empty";
  if (label === "*") return "wildcard";
  let upper = false;
  for (let i = 0; i < n; i++) {
    const c = label.charCodeAt(i);
    if ((c >= CODE_a && c <= CODE_z) || (c >= CODE_0 && c <= CODE_9) || c === CODE_HYPHEN) continue;
    if (c >= CODE_A && c <= CODE_Z) {
      upper = true;
      continue;
    }
    if (c === CODE_UNDERSCORE) {
      if (allowUnderscore) continue;
      return "underscore";
    }
    if (c === 42) return "wildcard";
    if (c > 127) return "non-ascii";
    return "bad-char";
  }
  if (n > 63) return "too-long";
  if (label.charCodeAt(0) === CODE_HYPHEN || label.charCodeAt(n - 1) === CODE_HYPHEN) return "hyphen-edge";
  if (upper) return "uppercase";
  // RFC 5891 §4.2.3.1: hyphens in positions 3 and 4 are reserved for IDNA ("xn--").
  if (n >= 4 && label.charCodeAt(2) === CODE_HYPHEN && label.charCodeAt(3) === CODE_HYPHEN) {
    return label.startsWith("xn--") ? "idn" : "reserved-hyphens";
  }
  return null;
}

/** Bilingual explanation of a label problem, with the fix. */
export function describeLabelProblem(problem: LabelProblem, label: string): Message {
  switch (problem) {
    case "empty":
      return msg(
        "ada label kosong (titik di awal, di akhir, atau dua titik berurutan); hapus titik yang berlebih",
        "there is an empty label (a dot at the start or end, or two dots in a row); remove the extra dot",
      );
    case "too-long":
      return msg(
        `label ${q(label)} panjangnya ${label.length} karakter, maksimum 63; pakai singkatan yang lebih pendek`,
        `label ${q(label)} is ${label.length} characters long, the limit is 63; use a shorter abbreviation`,
      );
    case "wildcard":
      return msg(
        `label ${q(label)} memuat wildcard "*", yang tidak diizinkan; minta nama yang spesifik`,
        `label ${q(label)} contains the wildcard "*", which is not allowed; request a specific name`,
      );
    case "uppercase":
      return msg(
        `label ${q(label)} memuat huruf besar; tulis dengan huruf kecil: ${q(label.toLowerCase())}`,
        `label ${q(label)} contains uppercase letters; write it lowercase: ${q(label.toLowerCase())}`,
      );
    case "non-ascii":
      return msg(
        `label ${q(label)} memuat karakter di luar a-z, 0-9 dan "-" (huruf beraksen atau non-Latin); pakai huruf a-z saja`,
        `label ${q(label)} contains characters outside a-z, 0-9 and "-" (accented or non-Latin letters); use plain a-z`,
      );
    case "underscore":
      return msg(
        `label ${q(label)} memuat garis bawah "_"; nama host hanya boleh a-z, 0-9 dan "-", ganti "_" dengan "-"`,
        `label ${q(label)} contains an underscore "_"; host names allow only a-z, 0-9 and "-", replace "_" with "-"`,
      );
    case "bad-char":
      return msg(
        `label ${q(label)} memuat karakter yang tidak diizinkan; hanya a-z, 0-9 dan "-"`,
        `label ${q(label)} contains a character that is not allowed; only a-z, 0-9 and "-"`,
      );
    case "hyphen-edge":
      return msg(
        `label ${q(label)} diawali atau diakhiri "-"; hapus tanda hubung di tepi`,
        `label ${q(label)} starts or ends with "-"; remove the hyphen at the edge`,
      );
    case "idn":
      return msg(
        `label ${q(label)} adalah nama IDN (xn--), yang tidak diizinkan di zona ini; pakai huruf a-z biasa`,
        `label ${q(label)} is an IDN (xn--) label, which this zone does not allow; use plain a-z letters`,
      );
    case "reserved-hyphens":
      return msg(
        `label ${q(label)} memuat "--" pada karakter ke-3 dan ke-4, yang dicadangkan untuk IDN (RFC 5891); ubah posisi tanda hubung`,
        `label ${q(label)} has "--" in positions 3 and 4, which is reserved for IDN (RFC 5891); move the hyphens`,
      );
  }
}

/** Labels of a dotted name, computed once per distinct string value (names repeat across rules). */
export function splitName(name: string): string[] {
  return name.split(".");
}

const IPV4_SHAPE = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * Why a target host name (CNAME, MX, SRV) is unusable, or null. Targets may carry underscores
 * (`selector1._domainkey.example.com`), must have at least two labels, and must be written without
 * the trailing dot and in lowercase: Cloudflare stores them that way, so anything else diffs on
 * every run.
 */
export function hostnameProblem(host: string): Message | null {
  if (host.endsWith(".") && host.length > 1) {
    return msg(
      `nama host ${q(host)} diakhiri titik; tulis tanpa titik di akhir: ${q(host.slice(0, -1))}`,
      `host name ${q(host)} ends with a dot; write it without the trailing dot: ${q(host.slice(0, -1))}`,
    );
  }
  if (IPV4_SHAPE.test(host) || host.includes(":")) {
    return msg(
      `${q(host)} adalah alamat IP, bukan nama host; isi nama host, atau pakai catatan A/AAAA`,
      `${q(host)} is an IP address, not a host name; give a host name, or use an A/AAAA record`,
    );
  }
  if (host.length > 253) {
    return msg(
      `nama host ${q(host)} panjangnya ${host.length} karakter, maksimum 253`,
      `host name ${q(host)} is ${host.length} characters long, the limit is 253`,
    );
  }
  const labels = splitName(host);
  if (labels.length < 2) {
    return msg(
      `nama host ${q(host)} harus berupa nama lengkap (FQDN) dengan minimal dua label, mis. "mail.contoh.co.id"`,
      `host name ${q(host)} must be a fully qualified name with at least two labels, e.g. "mail.example.co.id"`,
    );
  }
  for (const label of labels) {
    const problem = checkLabel(label, true);
    if (problem === null || problem === "idn" || problem === "reserved-hyphens") continue;
    const detail = describeLabelProblem(problem, label);
    return msg(
      `nama host ${q(host)} tidak sah: ${detail.id}`,
      `host name ${q(host)} is not valid: ${detail.en}`,
    );
  }
  const tld = labels[labels.length - 1] ?? "";
  if (/^[0-9]+$/.test(tld)) {
    return msg(
      `nama host ${q(host)} berakhir dengan label angka saja; itu bukan domain yang sah`,
      `host name ${q(host)} ends in an all-numeric label; that is not a valid domain`,
    );
  }
  return null;
}

/** True when `name` equals `suffix` or lies below it (both lowercase, no trailing dot). */
export function isAtOrBelow(name: string, suffix: string): boolean {
  return (
    name === suffix ||
    (name.length > suffix.length &&
      name.endsWith(suffix) &&
      name.charCodeAt(name.length - suffix.length - 1) === 46)
  );
}

// RFC 6761 / RFC 8375 / RFC 9476 special-use names: nothing there resolves on the public internet.
const SPECIAL_USE = [
  "example",
  "example.com",
  "example.net",
  "example.org",
  "invalid",
  "test",
  "localhost",
  "local",
  "onion",
  "home.arpa",
  "internal",
  "alt",
];

/** The special-use domain a target lies under, or null. */
export function specialUseSuffix(host: string): string | null {
  for (const s of SPECIAL_USE) if (isAtOrBelow(host, s)) return s;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Records

/** Owner name of a record relative to the zone's subdomain: "" for the subdomain itself. */
export function relativeName(record: DnsRecordSpec): string {
  const name = record.name;
  if (name === undefined || name === "@") return "";
  return name.toLowerCase();
}

/** Full lowercase owner name of a record, without the zone. */
export function ownerName(request: Request, record: DnsRecordSpec): string {
  const rel = relativeName(record);
  const sub = request.subdomain.toLowerCase();
  return rel === "" ? sub : `${rel}.${sub}`;
}

/** Shows a relative record name the way applicants write it. */
export function showName(rel: string): string {
  return rel === "" ? "@" : rel;
}

export function records(request: Request): readonly DnsRecordSpec[] {
  return request.dns ?? [];
}

// ---------------------------------------------------------------------------------------------
// Dates: "today" is the calendar day in the office's zone, not the machine's (a letter dated
// "today" in Buol, WITA UTC+8, is still "tomorrow" in UTC for eight hours).

let todayCache: { now: Date; zone: OfficeZone; today: string } | undefined;

/** `YYYY-MM-DD` of `now` in the office time zone; one run passes one `now`, so it is cached. */
export function officeToday(now: Date, zone: OfficeZone): string {
  if (todayCache?.now !== now || todayCache.zone !== zone)
    todayCache = { now, zone, today: localDate(now, zone) };
  return todayCache.today;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or null when it is not one. */
export function dayNumber(date: unknown): number | null {
  if (typeof date !== "string") return null;
  const m = DATE_SHAPE.exec(date);
  if (!m) return null;
  return civilDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days since 1970-01-01 of year/month/day, or null when the date does not exist. */
export function civilDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  if (day > length) return null;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

// ---------------------------------------------------------------------------------------------
// Per-policy caches: the policy object is built once per run, so derived lookups are computed once
// and shared by every request.

export function cachedBy<K extends object, T>(build: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** Lookups derived from the policy, built once per run. */
export const cachedByPolicy = <T>(build: (policy: ValidationPolicy) => T) => cachedBy(build);

/** Values derived from one request and shared by several rules. */
export const cachedByRequest = <T>(build: (request: Request) => T) => cachedBy(build);
