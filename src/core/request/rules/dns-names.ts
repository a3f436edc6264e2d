/**
 * Rules on the names of a request's extra DNS records, and on which types it may use. Names are
 * relative to the requested subdomain.
 */
import { isRecordType, RECORD_TYPE_NAMES } from "../../record-types/index.ts";
import type { DnsRecordSpec, Message, Request } from "../../types.ts";
import type { Finding, Rule, RuleContext } from "../rule.ts";
import { at, eachRecord, finding, withoutTrailingDot } from "./dns-shared.ts";
import { existingProblem, namespaceKindProblem, reservedHit, reservedMessage } from "./names.ts";
import { checkLabel, describeLabelProblem, isAtOrBelow, msg, q, relativeName } from "./util.ts";

const ALLOWED = RECORD_TYPE_NAMES.join(", ");

const TYPE_ADVICE: Readonly<Record<string, Message>> = {
  NS: msg(
    "delegasi (NS) tidak diizinkan: zona tetap dikelola Diskominfo agar tidak ada subdomain yang lepas kendali",
    "delegation (NS) is not allowed: the zone stays with Diskominfo so no subdomain escapes its control",
  ),
  DS: msg(
    "DS hanya berarti bersama delegasi NS, yang tidak diizinkan",
    "DS only makes sense with an NS delegation, which is not allowed",
  ),
  TLSA: msg(
    "TLSA/DANE tidak didukung di zona ini; sertifikat TLS biasa sudah cukup",
    "TLSA/DANE is not supported in this zone; ordinary TLS certificates are enough",
  ),
  SSHFP: msg("SSHFP tidak didukung di zona ini", "SSHFP is not supported in this zone"),
  SMIMEA: msg("SMIMEA tidak didukung di zona ini", "SMIMEA is not supported in this zone"),
  PTR: msg(
    "PTR (reverse DNS) diatur oleh pemilik blok IP (ISP/pusat data), bukan di zona ini",
    "PTR (reverse DNS) is set by the owner of the IP block (ISP or data centre), not in this zone",
  ),
  SOA: msg("SOA dikelola Cloudflare untuk seluruh zona", "SOA is managed by Cloudflare for the whole zone"),
  SPF: msg(
    'jenis SPF sudah usang (RFC 7208); tulis sebagai TXT berisi "v=spf1 ..."',
    'the SPF type is obsolete (RFC 7208); write it as TXT with "v=spf1 ..."',
  ),
  URL: msg(
    "URL/redirect bukan jenis catatan DNS; buat pengalihan di server web, atau minta hosting static dengan berkas _redirects",
    "URL/redirect is not a DNS record type; redirect on the web server, or request static hosting with a _redirects file",
  ),
  ALIAS: msg(
    "ALIAS/ANAME bukan catatan DNS standar; di bawah zona pakai CNAME",
    "ALIAS/ANAME is not a standard DNS record; below the zone apex use a CNAME",
  ),
  HTTPS: msg(
    "HTTPS/SVCB belum didukung; Cloudflare membuatnya sendiri untuk nama yang diproksikan",
    "HTTPS/SVCB is not supported yet; Cloudflare publishes it itself for proxied names",
  ),
  DNAME: msg(
    "DNAME mengalihkan seluruh subpohon dan tidak didukung; pakai CNAME per nama",
    "DNAME redirects a whole subtree and is not supported; use a CNAME per name",
  ),
};
const ADVICE_ALIASES: Readonly<Record<string, string>> = {
  REDIRECT: "URL",
  FWD: "URL",
  FORWARD: "URL",
  ANAME: "ALIAS",
  SVCB: "HTTPS",
  CDS: "DS",
  CDNSKEY: "DS",
  DNSKEY: "DS",
};

export const dnsTypeUnsupported: Rule = {
  id: "dns-type-unsupported",
  severity: "error",
  summary: msg(
    "Jenis catatan yang diizinkan: A, AAAA, CNAME, MX, TXT, CAA, SRV.",
    "Allowed record types: A, AAAA, CNAME, MX, TXT, CAA, SRV.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      if (isRecordType(r.type)) return;
      const advice = TYPE_ADVICE[ADVICE_ALIASES[r.type] ?? r.type];
      findings.push({
        path: at(i, "type"),
        message: msg(
          `jenis ${q(r.type)} tidak diizinkan${advice ? ` (${advice.id})` : ""}; yang diizinkan: ${ALLOWED}`,
          `type ${q(r.type)} is not allowed${advice ? ` (${advice.en})` : ""}; allowed: ${ALLOWED}`,
        ),
      });
    });
  },
};

// ---------------------------------------------------------------------------------------------

export const dnsNameInvalid: Rule = {
  id: "dns-name-invalid",
  severity: "error",
  summary: msg(
    "`name` sebuah catatan relatif terhadap subdomain (`@` = subdomain itu), label a-z 0-9 `-` (dan `_` di awal, mis. `_dmarc`), huruf kecil, tanpa wildcard; nama lengkap ≤ 253.",
    "A record's `name` is relative to the subdomain (`@` = the subdomain itself), labels a-z 0-9 `-` (and a leading `_`, e.g. `_dmarc`), lowercase, no wildcard; full name ≤ 253.",
  ),
  check(ctx) {
    const sub = ctx.request.subdomain.toLowerCase();
    const absolute = `${sub}.${ctx.policy.zone}`;
    return eachRecord(ctx, (r, i, findings) => {
      if (r.name === undefined || r.name === "@") return;
      const name = r.name;
      const lower = withoutTrailingDot(name.toLowerCase());
      if (isAtOrBelow(lower, absolute) || lower === sub) {
        const rel = isAtOrBelow(lower, absolute)
          ? lower.slice(0, Math.max(0, lower.length - absolute.length - 1))
          : "";
        findings.push(
          finding(
            i,
            "name",
            r,
            `name ${q(name)} ditulis lengkap; tulis relatif terhadap subdomain, mis. ${q(rel || "@")}`,
            `name ${q(name)} is written in full; write it relative to the subdomain, e.g. ${q(rel || "@")}`,
          ),
        );
        return;
      }
      let problem: Message | null = null;
      for (const l of name.split(".")) {
        // Underscores only lead a label (RFC 8552 `_service` names such as `_dmarc`, `_sip._tcp`).
        const p = l.indexOf("_", 1) > 0 ? "underscore" : checkLabel(l, true);
        if (p === null || p === "reserved-hyphens" || (p === "idn" && ctx.policy.allowIdn)) continue;
        problem = describeLabelProblem(p, l);
        break;
      }
      if (problem === null) {
        const full = `${name}.${absolute}`;
        if (full.length > 253) {
          problem = msg(
            `nama lengkap ${q(full)} panjangnya ${full.length} karakter, maksimum 253`,
            `the full name ${q(full)} is ${full.length} characters long, the limit is 253`,
          );
        }
      }
      if (problem !== null) findings.push(finding(i, "name", r, problem.id, problem.en));
    });
  },
};

/**
 * The names a record publishes below the subdomain, nearest the subdomain first: `a.b` under
 * `dinkes` makes `b.dinkes` exist as well as `a.b.dinkes`. Empty for the subdomain itself.
 */
function publishedNames(request: Request, r: DnsRecordSpec): string[] {
  const rel = relativeName(r);
  if (rel === "") return [];
  const sub = request.subdomain.toLowerCase();
  const labels = rel.split(".");
  const names: string[] = [];
  for (let k = labels.length - 1; k >= 0; k--) names.push(`${labels.slice(k).join(".")}.${sub}`);
  return names;
}

/** One finding per record: the first published name `problem` refuses, with its message. */
function firstPublishedProblem(ctx: RuleContext, problem: (name: string) => Message | null): Finding[] {
  return eachRecord(ctx, (r, i, findings) => {
    for (const name of publishedNames(ctx.request, r)) {
      const m = problem(name);
      if (m === null) continue;
      findings.push(finding(i, "name", r, `${q(name)}: ${m.id}`, `${q(name)}: ${m.en}`));
      return;
    }
  });
}

export const dnsNameReserved: Rule = {
  id: "dns-name-reserved",
  severity: "error",
  summary: msg(
    "Nama lengkap sebuah catatan tunduk pada daftar nama cadangan seperti subdomain (mis. `www` di bawah namespace `desa`).",
    "A record's full name is held to the reserved names like a subdomain (e.g. `www` below the namespace `desa`).",
  ),
  check(ctx) {
    // What the subdomain itself runs into is subdomain-reserved's finding, reported once there.
    const own = reservedHit(ctx.request.subdomain.toLowerCase(), ctx.policy);
    return firstPublishedProblem(ctx, (name) => {
      const hit = reservedHit(name, ctx.policy);
      return hit === undefined || hit === own ? null : reservedMessage(hit, ctx.policy);
    });
  },
};

export const dnsNameExisting: Rule = {
  id: "dns-name-existing",
  severity: "error",
  summary: msg(
    "Catatan tidak boleh memakai nama yang sudah ada di zona di luar repositori ini (`governance/existing.yaml`).",
    "A record cannot use a name that already exists in the zone outside this repository (`governance/existing.yaml`).",
  ),
  check: (ctx) => firstPublishedProblem(ctx, (name) => existingProblem(name, ctx.policy)),
};

export const dnsNameNamespace: Rule = {
  id: "dns-name-namespace",
  severity: "error",
  summary: msg(
    "Catatan tidak boleh memakai nama namespace kantor, dan anak namespace hanya untuk instansi berjenis yang cocok, seperti subdomain.",
    "A record cannot use an office namespace name, and a namespace's children are only for units of the matching kind, as for a subdomain.",
  ),
  check(ctx) {
    const jenis = ctx.request.instansi.jenis;
    return firstPublishedProblem(ctx, (name) =>
      ctx.policy.namespaces.has(name)
        ? msg(
            "nama ini adalah namespace milik kantor; pilih nama lain",
            "this name is a namespace owned by the office; choose another name",
          )
        : namespaceKindProblem(name, jenis, ctx.policy),
    );
  },
};

export const dnsNameTaken: Rule = {
  id: "dns-name-taken",
  severity: "error",
  summary: msg(
    "Catatan di bawah subdomain tidak boleh memakai, atau berada di bawah, nama yang sudah punya berkas permohonan sendiri.",
    "A record below the subdomain cannot use, or lie below, a name that has its own request file.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      const owner = publishedNames(ctx.request, r).find((name) => ctx.siblings.has(name));
      if (owner === undefined) return;
      findings.push(
        finding(
          i,
          "name",
          r,
          `nama ${q(owner)} sudah diminta lewat requests/${owner}.yaml; tambahkan catatan ini di berkas itu, atau pakai nama lain`,
          `the name ${q(owner)} is already requested by requests/${owner}.yaml; add this record there, or use another name`,
        ),
      );
    });
  },
};
