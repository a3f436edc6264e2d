/**
 * CAA: which certificate authorities may issue for the name (RFC 8659). Cloudflare takes it as
 * `data` {flags, tag, value}; its `content` is read-only (Cloudflare's create-DNS-record schema).
 */
import { emailProblem } from "../request/rules/people.ts";
import { hostnameProblem, msg, q } from "../request/rules/util.ts";
import type { DnsRecordSpec, Message } from "../types.ts";
import {
  type CaaData,
  inRange,
  problem,
  quoteBytes,
  type RecordProblem,
  type RecordType,
} from "./record-type.ts";

const CAA_ISSUER = /^([^;\s]*)\s*(;.*)?$/;
const CAA_PARAM = /^\s*[A-Za-z0-9]+\s*=\s*[\x21-\x3a\x3c-\x7e]*\s*$/;

function caaValueProblem(tag: string, value: string): Message | null {
  if (tag === "iodef") {
    if (value.startsWith("mailto:")) {
      return emailProblem(value.slice(7)) === null
        ? null
        : msg(`alamat ${q(value)} bukan mailto: yang sah`, `${q(value)} is not a valid mailto: address`);
    }
    if (value.startsWith("https://") || value.startsWith("http://")) {
      return URL.canParse(value)
        ? null
        : msg(`URL ${q(value)} tidak sah`, `the URL ${q(value)} is not valid`);
    }
    return msg(
      `nilai iodef ${q(value)} harus berupa mailto:alamat atau URL https://`,
      `the iodef value ${q(value)} must be a mailto:address or an https:// URL`,
    );
  }
  const m = CAA_ISSUER.exec(value);
  if (!m) {
    return msg(
      `nilai ${tag} ${q(value)} harus berupa domain penerbit (mis. "letsencrypt.org") atau ";" untuk melarang semua`,
      `the ${tag} value ${q(value)} must be an issuer domain (e.g. "letsencrypt.org") or ";" to forbid all`,
    );
  }
  const issuer = m[1] ?? "";
  if (issuer !== "" && hostnameProblem(issuer) !== null) {
    return msg(
      `penerbit ${q(issuer)} bukan domain yang sah; tulis domain CA, mis. "letsencrypt.org", "sectigo.com", "pki.goog"`,
      `the issuer ${q(issuer)} is not a valid domain; give the CA's domain, e.g. "letsencrypt.org", "sectigo.com", "pki.goog"`,
    );
  }
  const params = (m[2] ?? "").slice(1);
  if (params.trim() !== "" && !params.split(";").every((p) => p.trim() === "" || CAA_PARAM.test(p))) {
    return msg(
      `parameter ${q(params)} harus berbentuk kunci=nilai dipisah ";" (RFC 8659)`,
      `the parameters ${q(params)} must be key=value pairs separated by ";" (RFC 8659)`,
    );
  }
  return null;
}

function caaProblems(r: DnsRecordSpec): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (r.flags !== undefined && !inRange(r.flags, 0, 255)) {
    problems.push(
      problem(
        "flags",
        `flags ${r.flags} di luar 0-255 (biasanya 0)`,
        `flags ${r.flags} is outside 0-255 (usually 0)`,
      ),
    );
  }
  if (r.tag === undefined) {
    problems.push(
      problem(
        undefined,
        "CAA wajib memiliki tag: issue, issuewild atau iodef",
        "CAA needs a tag: issue, issuewild or iodef",
      ),
    );
    return problems;
  }
  const value = caaValueProblem(r.tag, r.content);
  if (value !== null) problems.push(problem("content", value.id, value.en));
  return problems;
}

const caa = (record: { data: unknown }) => record.data as CaaData;

export const caaRecord: RecordType<"CAA"> = {
  type: "CAA",
  rank: 3,
  fields: ["flags", "tag"],
  proxiable: false,
  target: "none",
  checks: { "dns-caa-invalid": caaProblems },
  value: (spec) => ({
    content: spec.content,
    priority: null,
    data: { flags: spec.flags ?? 0, tag: spec.tag ?? "issue", value: spec.content },
  }),
  valueKey: (record) => `${caa(record).flags} ${caa(record).tag} ${caa(record).value}`,
  rdata: (record) => `${caa(record).flags} ${caa(record).tag} "${caa(record).value}"`,
  zoneRdata: (record) =>
    `${caa(record).flags} ${caa(record).tag} ${quoteBytes(new TextEncoder().encode(caa(record).value))}`,
  pulumiArgs: (record) => ({ data: { ...caa(record) } }),
};
