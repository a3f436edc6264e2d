/** TXT: text, sent as <character-string>s of at most 255 bytes (RFC 1035 §3.3.14). */
import { quoteBytes, type RecordType } from "./record-type.ts";

const TXT_CHUNK = 255;

/** Wire size of TXT RDATA: the UTF-8 bytes plus one length byte per 255-byte string. */
export function txtWireLength(content: string): number {
  const bytes = Buffer.byteLength(content, "utf8");
  return bytes + Math.max(1, Math.ceil(bytes / TXT_CHUNK));
}

/**
 * A TXT value as <character-string>s of at most 255 bytes each (RFC 1035 3.3.14), split on UTF-8
 * character boundaries so no string carries half a character.
 */
export function splitTxt(text: string): string[] {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length === 0) return ['""'];
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + TXT_CHUNK, bytes.length);
    // Back off continuation bytes (10xxxxxx) so the cut falls before a character's first byte.
    while (end < bytes.length && end > start && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    parts.push(quoteBytes(bytes.subarray(start, end)));
    start = end;
  }
  return parts;
}

export const txtRecord: RecordType<"TXT"> = {
  type: "TXT",
  rank: 6,
  fields: [],
  proxiable: false,
  target: "none",
  // The size limits add up over all TXT at a name: dns-txt-too-long is a zone-wide rule.
  checks: {},
  value: (spec) => ({ content: spec.content, priority: null, data: null }),
  valueKey: (record) => record.content,
  rdata: (record) => record.content,
  zoneRdata: (record) => splitTxt(record.content).join(" "),
  pulumiArgs: (record) => ({ content: record.content }),
};
