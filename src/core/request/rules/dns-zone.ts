/**
 * Rules that look at all records of a request together: what may share a name (CNAME alone, the
 * hosting's own records), sizes summed per name, one SPF and one DMARC policy, duplicates, comments.
 */
import { recordTypeOf, txtWireLength } from "../../record-types/index.ts";
import type { DnsRecordSpec, Request } from "../../types.ts";
import type { Finding, Rule } from "../rule.ts";
import { at, byName, eachRecord, finding, hostingTypesAtApex, label } from "./dns-shared.ts";
import { msg, q, records, relativeName, showName } from "./util.ts";

export const dnsCnameExclusive: Rule = {
  id: "dns-cname-exclusive",
  severity: "error",
  summary: msg(
    "CNAME harus sendirian di namanya (RFC 1034 §3.6.2, RFC 2181 §10.1): tidak ada catatan lain, juga tidak catatan yang dibuat oleh `hosting.jenis` (server → A/AAAA; tunnel dan static → CNAME).",
    "A CNAME must be alone at its name (RFC 1034 §3.6.2, RFC 2181 §10.1): no other record, including those `hosting.jenis` creates (server → A/AAAA; tunnel and static → CNAME).",
  ),
  check(ctx) {
    const findings: Finding[] = [];
    const list = records(ctx.request);
    const hosting = ctx.request.hosting.jenis;
    const hostingTypes = hostingTypesAtApex(ctx.request);
    for (const [name, indices] of byName(ctx.request)) {
      const cnames = indices.filter((i) => list[i]?.type === "CNAME");
      const atApex = name === "" && hostingTypes.length > 0;
      if (atApex && hostingTypes.includes("CNAME")) {
        // tunnel/static put a CNAME at the subdomain: nothing else may live there.
        for (const i of indices) {
          const r = list[i];
          if (r === undefined) continue;
          findings.push(
            finding(
              i,
              "type",
              r,
              `hosting ${q(hosting)} sudah membuat CNAME di ${q(ctx.request.subdomain)}, dan CNAME harus sendirian di namanya; pindahkan catatan ini ke nama lain (mis. "www" atau "_dmarc"), atau pakai hosting server/eksternal`,
              `hosting ${q(hosting)} already creates a CNAME at ${q(ctx.request.subdomain)}, and a CNAME must be alone at its name; move this record to another name (e.g. "www" or "_dmarc"), or use server/eksternal hosting`,
            ),
          );
        }
        continue;
      }
      if (cnames.length === 0) continue;
      const others = indices.length - cnames.length + (atApex ? 1 : 0);
      if (cnames.length === 1 && others === 0) continue;
      for (const i of cnames) {
        const r = list[i];
        if (r === undefined) continue;
        const what =
          cnames.length > 1
            ? msg("ada lebih dari satu CNAME", "there is more than one CNAME")
            : atApex && indices.length === 1
              ? msg(
                  `hosting ${q(hosting)} sudah membuat A/AAAA di sana`,
                  `hosting ${q(hosting)} already creates A/AAAA there`,
                )
              : msg("ada catatan lain di nama yang sama", "there are other records at the same name");
        findings.push(
          finding(
            i,
            "type",
            r,
            `CNAME di ${q(showName(name))} harus sendirian, padahal ${what.id}; hapus catatan lain di nama itu atau ganti CNAME dengan A/AAAA`,
            `the CNAME at ${q(showName(name))} must be alone, but ${what.en}; remove the other records at that name or replace the CNAME with A/AAAA`,
          ),
        );
      }
    }
    return findings;
  },
};

export const dnsHostingAddress: Rule = {
  id: "dns-hosting-address",
  severity: "error",
  summary: msg(
    "Dengan `hosting.jenis: server`, alamat A/AAAA di subdomain diatur oleh hosting; jangan menambah A/AAAA sendiri di `@`.",
    "With `hosting.jenis: server` the subdomain's A/AAAA address comes from the hosting; do not add your own A/AAAA at `@`.",
  ),
  check(ctx) {
    if (ctx.request.hosting.jenis !== "server") return [];
    const findings: Finding[] = [];
    const list = records(ctx.request);
    for (const i of byName(ctx.request).get("") ?? []) {
      const r = list[i];
      if (r === undefined || (r.type !== "A" && r.type !== "AAAA")) continue;
      findings.push(
        finding(
          i,
          "type",
          r,
          `hosting "server" sudah mengarahkan ${q(ctx.request.subdomain)} ke pusat data kantor; hapus catatan ${r.type} ini, atau pakai hosting "eksternal" bila situs ada di server lain`,
          `hosting "server" already points ${q(ctx.request.subdomain)} at the office data centre; remove this ${r.type} record, or use hosting "eksternal" if the site lives elsewhere`,
        ),
      );
    }
    return findings;
  },
};

// Cloudflare (DNS record types reference, revised 2026-03): every record is at most 4,096 bytes in
// DNS wire format, and records of one name and type hold at most 8,192 characters together. The old
// TXT-only limit of 2,048 characters no longer applies. A TXT value travels as strings of at most 255
// bytes, each with a length byte, so about 4,080 ASCII characters fit.
const WIRE_MAX = 4096;
const COMBINED_MAX = 8192;

export const dnsTxtTooLong: Rule = {
  id: "dns-txt-too-long",
  severity: "error",
  summary: msg(
    "Isi TXT paling besar 4096 bita dalam format DNS (sekitar 4080 karakter) per catatan, dan 8192 karakter untuk semua TXT di satu nama (batas Cloudflare).",
    "TXT content is at most 4,096 bytes in DNS wire format (about 4,080 characters) per record, and 8,192 characters for all TXT at one name (Cloudflare's limits).",
  ),
  check(ctx) {
    const combined = new Map<string, number>();
    return eachRecord(ctx, (r, i, findings) => {
      if (r.type !== "TXT") return;
      const len = r.content.length;
      const name = relativeName(r);
      const total = (combined.get(name) ?? 0) + len;
      combined.set(name, total);
      // Up to 1,300 UTF-16 units cannot reach the wire limit even at 3 bytes each.
      const wire = len > 1300 ? txtWireLength(r.content) : 0;
      if (wire > WIRE_MAX) {
        findings.push(
          finding(
            i,
            "content",
            r,
            `isi TXT (${len} karakter) menjadi ${wire} bita dalam format DNS, maksimum ${WIRE_MAX}; perpendek (kunci DKIM 2048-bit muat)`,
            `the TXT content (${len} characters) takes ${wire} bytes in DNS wire format, the limit is ${WIRE_MAX}; shorten it (a 2048-bit DKIM key fits)`,
          ),
        );
      } else if (total > COMBINED_MAX) {
        findings.push(
          finding(
            i,
            "content",
            r,
            `semua TXT di ${q(showName(name))} berjumlah ${total} karakter, maksimum ${COMBINED_MAX}; hapus catatan yang tidak perlu`,
            `all TXT records at ${q(showName(name))} add up to ${total} characters, the limit is ${COMBINED_MAX}; remove records you do not need`,
          ),
        );
      }
    });
  },
};

const SPF = /^v=spf1(?:\s|$)/i;

export const dnsSpfMultiple: Rule = {
  id: "dns-spf-multiple",
  severity: "error",
  summary: msg(
    "Satu nama hanya boleh punya satu TXT SPF (`v=spf1`); dua membuat SPF gagal total (RFC 7208 §4.5).",
    "A name may have only one SPF TXT (`v=spf1`); two make SPF fail outright (RFC 7208 §4.5).",
  ),
  check(ctx) {
    const findings: Finding[] = [];
    const list = records(ctx.request);
    for (const [name, indices] of byName(ctx.request)) {
      let seen = false;
      for (const i of indices) {
        const r = list[i];
        if (r?.type !== "TXT" || !SPF.test(r.content)) continue;
        if (seen) {
          findings.push(
            finding(
              i,
              "content",
              r,
              `sudah ada TXT SPF lain di ${q(showName(name))}; gabungkan semua mekanisme (include:, ip4:) ke satu catatan v=spf1`,
              `there is already another SPF TXT at ${q(showName(name))}; merge all mechanisms (include:, ip4:) into one v=spf1 record`,
            ),
          );
        }
        seen = true;
      }
    }
    return findings;
  },
};

const DMARC = /^v=DMARC1\s*;(?:.*;)?\s*p\s*=\s*(?:none|quarantine|reject)\s*(?:;|$)/;

export const dnsDmarcInvalid: Rule = {
  id: "dns-dmarc-invalid",
  severity: "error",
  summary: msg(
    "TXT di `_dmarc` adalah satu kebijakan DMARC yang diawali `v=DMARC1;` dengan `p=none|quarantine|reject` (RFC 7489).",
    "The TXT at `_dmarc` is one DMARC policy starting with `v=DMARC1;` and holding `p=none|quarantine|reject` (RFC 7489).",
  ),
  check(ctx) {
    const seen = new Set<string>();
    return eachRecord(ctx, (r, i, findings) => {
      const name = relativeName(r);
      if (r.type !== "TXT" || (name !== "_dmarc" && !name.startsWith("_dmarc."))) return;
      if (seen.has(name)) {
        findings.push(
          finding(
            i,
            "content",
            r,
            `sudah ada TXT lain di ${q(name)}; dua kebijakan DMARC membuat keduanya diabaikan, gabungkan menjadi satu`,
            `there is already another TXT at ${q(name)}; two DMARC policies make receivers ignore both, merge them into one`,
          ),
        );
        return;
      }
      seen.add(name);
      if (DMARC.test(r.content)) return;
      findings.push(
        finding(
          i,
          "content",
          r,
          `${q(r.content)} bukan kebijakan DMARC; tulis mis. "v=DMARC1; p=quarantine; rua=mailto:dmarc@kuduskab.go.id"`,
          `${q(r.content)} is not a DMARC policy; write e.g. "v=DMARC1; p=quarantine; rua=mailto:dmarc@kuduskab.go.id"`,
        ),
      );
    });
  },
};

/** The value as it would be stored (see the record-type table), so spellings of one value meet. */
function normalisedContent(r: DnsRecordSpec): string {
  return recordTypeOf(r.type)?.value(r).content ?? r.content;
}

export const dnsRecordDuplicate: Rule = {
  id: "dns-record-duplicate",
  severity: "error",
  summary: msg(
    "Catatan yang sama persis (jenis, nama, isi dan parameter) tidak boleh ditulis dua kali.",
    "An identical record (type, name, content and parameters) cannot be written twice.",
  ),
  check(ctx) {
    const seen = new Map<string, number>();
    return eachRecord(ctx, (r, i, findings) => {
      if (r === undefined) return;
      const key = [
        r.type,
        relativeName(r),
        normalisedContent(r),
        r.priority,
        r.weight,
        r.port,
        r.flags,
        r.tag,
      ].join("\u0000");
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        return;
      }
      findings.push({
        path: at(i),
        message: msg(
          `${label(i, r)}: sama persis dengan dns[${first}]; hapus salah satunya`,
          `${label(i, r)}: identical to dns[${first}]; remove one of them`,
        ),
      });
    });
  },
};

/** Cloudflare Free plan: a record comment holds at most 100 characters. */
const COMMENT_MAX = 100;

function createsRecords(request: Request): boolean {
  return hostingTypesAtApex(request).length > 0 || records(request).length > 0;
}

export const dnsCommentTooLong: Rule = {
  id: "dns-comment-too-long",
  severity: "warning",
  summary: msg(
    'Setiap catatan DNS diberi komentar "<subdomain> <nomor surat>"; Cloudflare (paket Free) memotongnya di 100 karakter.',
    'Every DNS record gets the comment "<subdomain> <letter number>"; Cloudflare (Free plan) cuts it at 100 characters.',
  ),
  check(ctx) {
    const r = ctx.request;
    if (!createsRecords(r) || r.surat === undefined) return [];
    const comment = `${r.subdomain} ${r.surat.nomor}`;
    if (comment.length <= COMMENT_MAX) return [];
    return [
      {
        path: ["surat", "nomor"],
        message: msg(
          `komentar catatan DNS ${q(comment)} panjangnya ${comment.length} karakter dan akan dipotong menjadi ${COMMENT_MAX}; nomor surat tetap tersimpan lengkap di repositori`,
          `the DNS record comment ${q(comment)} is ${comment.length} characters long and will be cut to ${COMMENT_MAX}; the full letter number stays in the repository`,
        ),
      },
    ];
  },
};
