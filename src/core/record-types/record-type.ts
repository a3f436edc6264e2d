/**
 * What the project knows about one DNS record type, in one place (as octoDNS gives each type one
 * class): the fields it takes, its type-specific checks, its canonical value, its text in `plan` and
 * in a zone file, and the arguments of its Cloudflare resource. `table.ts` lists them all.
 */
import type { DnsRecordArgs } from "@pulumi/cloudflare";
import type { DnsRecordSpec, DnsRecordType, Message } from "../types.ts";

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface CaaData {
  flags: number;
  tag: string;
  value: string;
}

/** The optional fields of a request's record that only some types take. */
export type TypeField = "priority" | "weight" | "port" | "flags" | "tag";

/** Rules whose checks differ per type; each type answers those that concern it. */
export type TypeCheckRule =
  | "dns-address-invalid"
  | "dns-address-not-public"
  | "dns-aaaa-not-canonical"
  | "dns-priority"
  | "dns-srv-name"
  | "dns-caa-invalid";

/** One problem of one record; the rule prefixes the record's label and points at `field`. */
export interface RecordProblem {
  field?: keyof DnsRecordSpec;
  message: Message;
}

/** The value part of a desired record, in the form Cloudflare stores it. */
export interface RecordValue {
  /** A/AAAA address, CNAME/MX target, TXT text, SRV target, CAA value. */
  content: string;
  /** MX and SRV. */
  priority: number | null;
  /** SRV and CAA fields, as Cloudflare's `data`. */
  data: SrvData | CaaData | null;
}

/** What the renderers need of a desired record. */
export interface RecordData extends RecordValue {
  type: DnsRecordType;
}

export interface RecordType<T extends DnsRecordType = DnsRecordType> {
  type: T;
  /** Order among the types at one name in the desired state. */
  rank: number;
  /** The optional fields this type takes (the others are refused by dns-field-not-applicable). */
  fields: readonly TypeField[];
  /** Whether Cloudflare can proxy it. */
  proxiable: boolean;
  /**
   * A host name in `content`: "none", a "host", or a host or "." (the root: RFC 7505 null MX, RFC 2782
   * "no service" SRV).
   */
  target: "none" | "host" | "host-or-root";
  checks: Partial<Record<TypeCheckRule, (record: DnsRecordSpec) => RecordProblem[]>>;
  /** The canonical value of a request's record (defaults filled in, names lowercase, RFC 5952). */
  value(spec: DnsRecordSpec): RecordValue;
  /** What tells two records of this type at one name apart (part of the Pulumi logical name). */
  valueKey(record: RecordData): string;
  /** The record data as `plan`, `diff` and notices print it: `10 mail.example.net`. */
  rdata(record: RecordData): string;
  /** The record data in an RFC 1035 master file. */
  zoneRdata(record: RecordData): string;
  /** The value part of the Cloudflare resource's arguments: `content`, or `data`; `priority`. */
  pulumiArgs(record: RecordData): Pick<DnsRecordArgs, "content" | "data" | "priority">;
}

/** The root name "." stands for "no host" in MX (RFC 7505) and SRV (RFC 2782) targets. */
export const ROOT = ".";

/** A host name as stored: lowercase, no trailing dot; the root stays "." (RFC 7505, RFC 2782). */
export function canonicalHost(host: string): string {
  const trimmed = host.trim().toLowerCase();
  return trimmed === ROOT ? ROOT : trimmed.replace(/\.$/, "");
}

/** A host name as an absolute name in a zone file. */
export function absoluteHost(host: string): string {
  return host === ROOT ? ROOT : `${host}.`;
}

/** One <character-string>: quoted, `"` and `\` escaped, bytes outside printable ASCII as \DDD. */
export function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString().padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/** A message as `RecordProblem` for `field`. */
export function problem(field: keyof DnsRecordSpec | undefined, id: string, en: string): RecordProblem {
  return field === undefined ? { message: { id, en } } : { field, message: { id, en } };
}

/** True when `value` is present and within [min, max]. */
export function inRange(value: number | undefined, min: number, max: number): boolean {
  return value !== undefined && value >= min && value <= max;
}

/** dns-priority: `fields` must be present and within 0-65535 (RFC 1035 §3.3.9, RFC 2782). */
export function requireUint16(type: string, fields: readonly ("priority" | "weight" | "port")[]) {
  return (r: DnsRecordSpec): RecordProblem[] =>
    fields.flatMap((field) => {
      const value = r[field];
      if (inRange(value, 0, 65535)) return [];
      return [
        value === undefined
          ? problem(
              undefined,
              `${type} wajib memiliki ${field} (0-65535); tambahkan, mis. ${field}: 10`,
              `${type} needs ${field} (0-65535); add it, e.g. ${field}: 10`,
            )
          : problem(field, `${field} ${value} di luar 0-65535`, `${field} ${value} is outside 0-65535`),
      ];
    });
}
