/** What A and AAAA share: the address must be public, and the value is the address itself. */
import { classifyAddress, describeVerdict, type IpAddress } from "../ip.ts";
import { q } from "../request/rules/util.ts";
import type { DnsRecordSpec } from "../types.ts";
import { problem, type RecordData, type RecordProblem } from "./record-type.ts";

/** dns-address-not-public for an address `parse` reads (null = not an address, another rule's finding). */
export function notPublic(parse: (text: string) => IpAddress | null) {
  return (r: DnsRecordSpec): RecordProblem[] => {
    const address = parse(r.content);
    const verdict = address === null ? null : classifyAddress(address);
    if (verdict === null) return [];
    const why = describeVerdict(verdict);
    return [
      problem(
        "content",
        `${q(r.content)} ada di ${why.id}, dan tidak dapat dipakai sebagai alamat situs di internet; isi alamat IP publik server, atau pakai hosting tunnel untuk server di jaringan kantor`,
        `${q(r.content)} is in ${why.en}, and cannot serve as a site's address on the internet; give the server's public IP, or use tunnel hosting for a server inside the office network`,
      ),
    ];
  };
}

/** The address is the whole value: in `plan`, in a zone file and as Cloudflare's `content`. */
export const addressText = {
  valueKey: (record: RecordData) => record.content,
  rdata: (record: RecordData) => record.content,
  zoneRdata: (record: RecordData) => record.content,
  pulumiArgs: (record: RecordData) => ({ content: record.content }),
};
