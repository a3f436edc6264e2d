/**
 * The record types the zone accepts, one entry each. Every per-type decision in the rules, the
 * desired state, `plan`, the zone file and the Pulumi arguments reads this table, so a new type is
 * one file here plus its line below (and the compiler then lists the `never` checks that need it).
 */
import type { DnsRecordType } from "../types.ts";
import { aRecord } from "./a.ts";
import { aaaaRecord } from "./aaaa.ts";
import { caaRecord } from "./caa.ts";
import { cnameRecord } from "./cname.ts";
import { mxRecord } from "./mx.ts";
import type { RecordData, RecordType } from "./record-type.ts";
import { srvRecord } from "./srv.ts";
import { txtRecord } from "./txt.ts";

/** In the order messages list them. */
export const RECORD_TYPES: { readonly [T in DnsRecordType]: RecordType<T> } = {
  A: aRecord,
  AAAA: aaaaRecord,
  CNAME: cnameRecord,
  MX: mxRecord,
  TXT: txtRecord,
  CAA: caaRecord,
  SRV: srvRecord,
};

export const RECORD_TYPE_NAMES = Object.keys(RECORD_TYPES) as readonly DnsRecordType[];

export function isRecordType(type: string): type is DnsRecordType {
  return Object.hasOwn(RECORD_TYPES, type);
}

/** The entry of a type a request names, or undefined for a type the zone does not accept. */
export function recordTypeOf(type: string): RecordType | undefined {
  return isRecordType(type) ? (RECORD_TYPES[type] as RecordType) : undefined;
}

/** The record data as `plan`, `diff` and notices print it. */
export function formatRdata(record: RecordData): string {
  return (RECORD_TYPES[record.type] as RecordType).rdata(record);
}
