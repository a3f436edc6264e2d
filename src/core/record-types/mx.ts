/**
 * MX: a mail exchanger and its preference (RFC 1035 §3.3.9). The target "." with priority 0 is a
 * null MX (RFC 7505): the name accepts no mail. Cloudflare takes it as content "." (its documentation
 * on null MX records), so the root is kept as "." everywhere, never emptied.
 */
import { absoluteHost, canonicalHost, type RecordType, requireUint16 } from "./record-type.ts";

/** Default preference when a request leaves it out (dns-priority requires it; this is a fallback). */
const DEFAULT_PRIORITY = 10;

export const mxRecord: RecordType<"MX"> = {
  type: "MX",
  rank: 4,
  fields: ["priority"],
  proxiable: false,
  target: "host-or-root",
  checks: { "dns-priority": requireUint16("MX", ["priority"]) },
  value: (spec) => ({
    content: canonicalHost(spec.content),
    priority: spec.priority ?? DEFAULT_PRIORITY,
    data: null,
  }),
  valueKey: (record) => `${record.priority ?? 0} ${record.content}`,
  rdata: (record) => `${record.priority ?? 0} ${record.content}`,
  zoneRdata: (record) => `${record.priority ?? 0} ${absoluteHost(record.content)}`,
  pulumiArgs: (record) =>
    record.priority === null
      ? { content: record.content }
      : { content: record.content, priority: record.priority },
};
