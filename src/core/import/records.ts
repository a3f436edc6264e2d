/**
 * The records of an existing zone as `domainops import` reads them, whatever the source: a BIND zone
 * file (the office's own name server, or Cloudflare's "Export") or Cloudflare's API listing. Each
 * source parser fills this one shape; everything after it (classify, group, render) is shared.
 */
import { canonicalIPv6, parseIPv6 } from "../ip.ts";
import { isRecordType } from "../record-types/index.ts";
import { msg } from "../request/rules/util.ts";
import type { DnsRecordSpec, Message } from "../types.ts";

export type ImportSource = "bind" | "cloudflare";

/** What every source says of a record besides its data. */
interface RecordBase {
  /** Absolute name, lowercase, without the trailing dot. */
  name: string;
  /** Upper case, as written (`A`, `TYPE65`, `HTTPS` ...). */
  type: string;
  /** Seconds; 1 = Cloudflare's "automatic"; null when the source gives none. */
  ttl: number | null;
  /** The record data as the report shows it (TXT: the text, its strings joined). */
  content: string;
  /** Cloudflare's proxy flag (API `proxied`, export tag `cf-proxied`); null when the source does not say. */
  proxied: boolean | null;
  comment: string | null;
  tags: string[];
  /** Cloudflare record and zone ids (API listing only). */
  id: string | null;
  zoneId: string | null;
  /** Where it came from: `file:line` of a zone file, `file: result[i]` of a listing. */
  at: string;
}

export interface ZoneRecord extends RecordBase {
  /** The record as a request's `dns` entry would hold it (`name` left out); null when no request can. */
  spec: DnsRecordSpec | null;
  /** Why the data cannot be read for its type (null when it can, or when the type is not supported). */
  problem: Message | null;
}

/** One record with only what a source parser knows; `toZoneRecord` fills in the rest. */
export interface RawRecord extends RecordBase {
  /** The data fields in order (names already absolute for the types that carry one). */
  fields: string[];
}

/** A host name as a request holds it: lowercase, no trailing dot; the root stays ".". */
export function hostOf(name: string): string {
  const lower = name.toLowerCase();
  return lower === "." ? "." : lower.replace(/\.$/, "");
}

const UINT = /^[0-9]{1,10}$/;

function uint(text: string | undefined): number | null {
  return text !== undefined && UINT.test(text) ? Number(text) : null;
}

function malformed(type: string, expected: string, content: string): Message {
  return msg(
    `data ${type} ${JSON.stringify(content)} tidak dapat dibaca; bentuk yang diharapkan: ${expected}`,
    `the ${type} data ${JSON.stringify(content)} cannot be read; expected: ${expected}`,
  );
}

/** The request `dns` entry of a record's data, or why it cannot be one. */
function specOf(raw: RawRecord): { spec: DnsRecordSpec | null; problem: Message | null } {
  const type = raw.type;
  if (!isRecordType(type)) return { spec: null, problem: null };
  const [first, second, third, fourth] = raw.fields;
  const bad = (expected: string) => ({ spec: null, problem: malformed(type, expected, raw.content) });
  switch (type) {
    case "A":
    case "CNAME":
      if (raw.fields.length !== 1 || first === undefined) return bad(type === "A" ? "IPv4" : "host");
      return { spec: { type, content: type === "A" ? first : hostOf(first) }, problem: null };
    case "AAAA":
      if (raw.fields.length !== 1 || first === undefined) return bad("IPv6");
      // Written the way the program stores it (RFC 5952), so the first plan compares equal.
      return { spec: { type, content: parseIPv6(first) ? canonicalIPv6(first) : first }, problem: null };
    case "MX": {
      const priority = uint(first);
      if (raw.fields.length !== 2 || priority === null || second === undefined) return bad("priority host");
      return { spec: { type, priority, content: hostOf(second) }, problem: null };
    }
    case "TXT":
      return { spec: { type, content: raw.fields.join("") }, problem: null };
    case "CAA": {
      const flags = uint(first);
      const tag = second?.toLowerCase();
      if (
        raw.fields.length !== 3 ||
        flags === null ||
        third === undefined ||
        (tag !== "issue" && tag !== "issuewild" && tag !== "iodef")
      ) {
        return bad('flags issue|issuewild|iodef "value"');
      }
      return { spec: { type, flags, tag, content: third }, problem: null };
    }
    case "SRV": {
      const [priority, weight, port] = [uint(first), uint(second), uint(third)];
      if (raw.fields.length !== 4 || priority === null || weight === null || port === null || !fourth) {
        return bad("priority weight port target");
      }
      return { spec: { type, priority, weight, port, content: hostOf(fourth) }, problem: null };
    }
  }
}

export function toZoneRecord(raw: RawRecord): ZoneRecord {
  const { spec, problem } = specOf(raw);
  const { fields: _fields, ...base } = raw;
  const withTtl =
    spec === null
      ? null
      : {
          ...spec,
          ...(raw.ttl === null ? {} : { ttl: raw.ttl }),
          ...(raw.proxied === true ? { proxied: true } : {}),
        };
  return { ...base, spec: withTtl, problem };
}

/** A located problem of the input as a whole: the import stops (exit 2). */
export interface InputError {
  at: string;
  message: Message;
}

export type ParseResult = { ok: true; records: ZoneRecord[] } | { ok: false; errors: InputError[] };

/** At most this many input errors are listed; one bad file can have thousands. */
export const MAX_INPUT_ERRORS = 20;
