/** CNAME: an alias for another host name, alone at its name (RFC 1034 §3.6.2). */
import { absoluteHost, canonicalHost, type RecordType } from "./record-type.ts";

export const cnameRecord: RecordType<"CNAME"> = {
  type: "CNAME",
  rank: 2,
  fields: [],
  proxiable: true,
  target: "host",
  checks: {},
  value: (spec) => ({ content: canonicalHost(spec.content), priority: null, data: null }),
  valueKey: (record) => record.content,
  rdata: (record) => record.content,
  zoneRdata: (record) => absoluteHost(record.content),
  pulumiArgs: (record) => ({ content: record.content }),
};
