/**
 * Rules on the extra DNS records of a request (`dns:`). Names are relative to the requested
 * subdomain; what `hosting.jenis` itself creates at the subdomain is taken into account where it
 * matters (a CNAME must be alone at its name).
 */

import {
  inRange,
  isRecordType,
  RECORD_TYPE_NAMES,
  RECORD_TYPES,
  recordTypeOf,
  type TypeCheckRule,
  type TypeField,
  txtWireLength,
} from "../../record-types/index.ts";
import type { DnsRecordSpec, Message, Request } from "../../types.ts";
import type { Finding, Rule, RuleContext } from "../rule.ts";
import { existingProblem, namespaceKindProblem, reservedHit, reservedMessage } from "./names.ts";
import { takeoverService } from "./takeover.ts";
import {
  cachedByPolicy,
  cachedByRequest,
  checkLabel,
  describeLabelProblem,
  hostnameProblem,
  isAtOrBelow,
  msg,
  ownerName,
  q,
  records,
  relativeName,
  showName,
  specialUseSuffix,
} from "./util.ts";

const ALLOWED = RECORD_TYPE_NAMES.join(", ");

/** Calls `visit` for every record with a list to push findings into; returns that list. */
function eachRecord(
  ctx: RuleContext,
  visit: (r: DnsRecordSpec, i: number, findings: Finding[]) => void,
): Finding[] {
  const findings: Finding[] = [];
  const list = records(ctx.request);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (r !== undefined) visit(r, i, findings);
  }
  return findings;
}

function withoutTrailingDot(name: string): string {
  return name.length > 1 && name.endsWith(".") ? name.slice(0, -1) : name;
}

function at(i: number, field?: string): (string | number)[] {
  return field === undefined ? ["dns", i] : ["dns", i, field];
}

function label(i: number, r: DnsRecordSpec): string {
  return `dns[${i}] ${r.type} ${showName(relativeName(r))}`;
}

function finding(i: number, field: string | undefined, r: DnsRecordSpec, id: string, en: string): Finding {
  return { path: at(i, field), message: msg(`${label(i, r)}: ${id}`, `${label(i, r)}: ${en}`) };
}

/** A rule whose check is each record type's own (`checks[id]` in the record-type table). */
function typeCheckRule(id: TypeCheckRule, severity: Rule["severity"], summary: Message): Rule {
  return {
    id,
    severity,
    summary,
    check(ctx) {
      return eachRecord(ctx, (r, i, findings) => {
        for (const p of recordTypeOf(r.type)?.checks[id]?.(r) ?? []) {
          findings.push(finding(i, p.field, r, p.message.id, p.message.en));
        }
      });
    },
  };
}

/** Records grouped by lowercase relative owner name ("" = the subdomain itself), with their index. */
const byName = cachedByRequest((request: Request) => {
  const groups = new Map<string, number[]>();
  const list = records(request);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (r === undefined) continue;
    const key = relativeName(r);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  }
  return groups;
});

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

export const dnsAddressInvalid = typeCheckRule(
  "dns-address-invalid",
  "error",
  msg(
    "Isi A adalah alamat IPv4 (tanpa nol di depan), isi AAAA alamat IPv6.",
    "An A record holds an IPv4 address (no leading zeros), an AAAA record an IPv6 address.",
  ),
);

export const dnsAddressNotPublic = typeCheckRule(
  "dns-address-not-public",
  "error",
  msg(
    "A/AAAA harus alamat publik: tidak di rentang khusus IANA (privat, loopback, link-local, CGNAT, dokumentasi, metadata cloud, multicast, cadangan ...) dan bukan alamat transisi (IPv4-mapped, NAT64, 6to4, Teredo).",
    "A/AAAA must be public: not in an IANA special-purpose range (private, loopback, link-local, CGNAT, documentation, cloud metadata, multicast, reserved ...) and not a transition address (IPv4-mapped, NAT64, 6to4, Teredo).",
  ),
);

export const dnsAaaaCanonical = typeCheckRule(
  "dns-aaaa-not-canonical",
  "warning",
  msg(
    "Tulis alamat IPv6 dalam bentuk baku RFC 5952 (huruf kecil, dipadatkan) agar sama dengan yang disimpan Cloudflare.",
    "Write IPv6 addresses in RFC 5952 form (lowercase, compressed) so they match what Cloudflare stores.",
  ),
);

// ---------------------------------------------------------------------------------------------

/** Record types the hosting kind creates at the subdomain itself. */
function hostingTypesAtApex(request: Request): readonly string[] {
  switch (request.hosting.jenis) {
    case "server":
      return ["A", "AAAA"];
    case "tunnel":
    case "static":
      return ["CNAME"];
    case "eksternal":
    case "tanpa":
      return [];
    default: {
      const unhandled: never = request.hosting.jenis;
      return unhandled;
    }
  }
}

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

// ---------------------------------------------------------------------------------------------

const forbiddenSuffixes = cachedByPolicy((policy) =>
  policy.forbiddenCnameSuffixes.map((s) => {
    const lower = s.toLowerCase();
    return lower.startsWith(".") ? lower.slice(1) : lower;
  }),
);

function targetOf(r: DnsRecordSpec): string | null {
  const target = recordTypeOf(r.type)?.target;
  return target === undefined || target === "none" ? null : r.content;
}

export const dnsTargetInvalid: Rule = {
  id: "dns-target-invalid",
  severity: "error",
  summary: msg(
    "Target CNAME, MX dan SRV adalah nama host lengkap yang sah, huruf kecil, tanpa titik di akhir (MX/SRV boleh `.` = tidak ada layanan).",
    "CNAME, MX and SRV targets are valid fully qualified host names, lowercase, without a trailing dot (MX/SRV may be `.` = no service).",
  ),
  check(ctx) {
    const list = records(ctx.request);
    const groups = byName(ctx.request);
    return eachRecord(ctx, (r, i, findings) => {
      const target = r === undefined ? null : targetOf(r);
      if (target === null) return;
      if (target === ".") {
        if (recordTypeOf(r.type)?.target === "host") {
          findings.push(
            finding(i, "content", r, 'CNAME tidak boleh menunjuk ke "."', 'a CNAME cannot point at "."'),
          );
        } else if (r.type === "MX") {
          // RFC 7505 null MX: priority 0 and the only MX at its name.
          const mxCount = (groups.get(relativeName(r)) ?? []).filter((j) => list[j]?.type === "MX").length;
          if (r.priority !== 0 || mxCount > 1) {
            findings.push(
              finding(
                i,
                "content",
                r,
                'MX "." (null MX, RFC 7505) harus berprioritas 0 dan satu-satunya MX di nama itu',
                'an MX "." (null MX, RFC 7505) must have priority 0 and be the only MX at its name',
              ),
            );
          }
        }
        return;
      }
      const problem = hostnameProblem(target);
      if (problem !== null) findings.push(finding(i, "content", r, problem.id, problem.en));
    });
  },
};

export const dnsTargetSpecialUse: Rule = {
  id: "dns-target-special-use",
  severity: "warning",
  summary: msg(
    "Target di bawah domain khusus (example, test, invalid, localhost, local, internal, home.arpa ...) tidak pernah bisa dijangkau.",
    "Targets under special-use domains (example, test, invalid, localhost, local, internal, home.arpa ...) never resolve publicly.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      const target = r === undefined ? null : targetOf(r);
      if (target === null) return;
      const special = specialUseSuffix(withoutTrailingDot(target.toLowerCase()));
      if (special === null) return;
      findings.push(
        finding(
          i,
          "content",
          r,
          `target ${q(target)} ada di bawah domain khusus ${q(special)} yang tidak dapat dijangkau dari internet (RFC 6761); isi nama host yang sebenarnya`,
          `the target ${q(target)} is under the special-use domain ${q(special)}, which does not resolve on the internet (RFC 6761); give the real host name`,
        ),
      );
    });
  },
};

/** The office's forbidden suffix a CNAME target is under, or null (other types: always null). */
function forbiddenHit(ctx: RuleContext, r: DnsRecordSpec): string | null {
  if (r.type !== "CNAME") return null;
  const target = withoutTrailingDot(r.content.toLowerCase());
  return forbiddenSuffixes(ctx.policy).find((s) => isAtOrBelow(target, s)) ?? null;
}

export const dnsCnameForbidden: Rule = {
  id: "dns-cname-forbidden",
  severity: "error",
  summary: msg(
    "Target CNAME tidak boleh di bawah akhiran terlarang (`forbiddenCnameSuffixes` di `governance/policy.yaml`): layanan yang rawan pengambilalihan subdomain atau yang harus lewat `hosting`.",
    "CNAME targets cannot be under a forbidden suffix (`forbiddenCnameSuffixes` in `governance/policy.yaml`): services prone to subdomain takeover or that must go through `hosting`.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      const hit = forbiddenHit(ctx, r);
      if (hit === null) return;
      findings.push(
        finding(
          i,
          "content",
          r,
          `target ${q(r.content)} ada di bawah ${q(hit)}, yang dilarang (rawan pengambilalihan subdomain bila layanannya dihapus, atau harus lewat hosting tunnel/static); pakai hosting tunnel/static atau alamat IP tetap`,
          `the target ${q(r.content)} is under ${q(hit)}, which is forbidden (prone to subdomain takeover once the service is deleted, or it must go through tunnel/static hosting); use tunnel/static hosting or a fixed IP address`,
        ),
      );
    });
  },
};

export const dnsTargetTakeoverProne: Rule = {
  id: "dns-target-takeover-prone",
  severity: "error",
  summary: msg(
    "Target CNAME, MX dan SRV tidak boleh di layanan yang rawan pengambilalihan subdomain (`src/core/request/data/takeover-suffixes.json`, dari can-i-take-over-xyz), kecuali akhirannya diizinkan di `takeoverAllowed` pada `governance/policy.yaml`.",
    "CNAME, MX and SRV targets cannot be on a service prone to subdomain takeover (`src/core/request/data/takeover-suffixes.json`, from can-i-take-over-xyz) unless its suffix is allowed in `takeoverAllowed` in `governance/policy.yaml`.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      const raw = targetOf(r);
      // A target the office forbids outright is already refused by dns-cname-forbidden.
      if (raw === null || raw === "." || forbiddenHit(ctx, r) !== null) return;
      const target = withoutTrailingDot(raw.toLowerCase());
      const service = takeoverService(target);
      if (service === null || ctx.policy.takeoverAllowed.some((s) => isAtOrBelow(target, s))) return;
      findings.push(
        finding(
          i,
          "content",
          r,
          `target ${q(raw)} ada di ${service.service} (${q(service.suffix)}, ${service.status} menurut daftar pengambilalihan subdomain): bila sumber dayanya dihapus atau tidak dibayar, orang lain dapat mendaftarkannya dan menguasai nama ini di zona pemerintah; pakai hosting kantor (server, tunnel atau static), atau minta admin Diskominfo menambahkan ${q(service.suffix)} ke takeoverAllowed di governance/policy.yaml beserta alasannya`,
          `the target ${q(raw)} is on ${service.service} (${q(service.suffix)}, ${service.status} per the subdomain takeover list): once its resource is deleted or unpaid, someone else can register it and control this name in a government zone; use the office's hosting (server, tunnel or static), or ask the Diskominfo admins to add ${q(service.suffix)} to takeoverAllowed in governance/policy.yaml with a reason`,
        ),
      );
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Targets inside the zone: what this repository knows about them.

type ZoneNameKind = "alias" | "address" | "other" | "missing" | "unknown";

/** What request `request` publishes at `rel` (a name relative to the zone). */
function kindInRequest(request: Request, rel: string): ZoneNameKind {
  let kind: ZoneNameKind = "missing";
  if (rel === request.subdomain.toLowerCase()) {
    const jenis = request.hosting.jenis;
    if (jenis === "tunnel" || jenis === "static") return "alias";
    if (jenis === "server") kind = "address";
  }
  for (const r of records(request)) {
    if (ownerName(request, r) !== rel) continue;
    if (r.type === "CNAME") return "alias";
    if (r.type === "A" || r.type === "AAAA") kind = "address";
    else if (kind === "missing") kind = "other";
  }
  return kind;
}

/** Looks `rel` up in this request, the policy lists and the nearest request file at or above it. */
function zoneNameKind(ctx: RuleContext, rel: string): ZoneNameKind {
  const sub = ctx.request.subdomain.toLowerCase();
  if (rel === sub || rel.endsWith(`.${sub}`)) return kindInRequest(ctx.request, rel);
  const { reserved, existing, namespaces } = ctx.policy;
  if (rel === "" || reserved.has(rel) || namespaces.has(rel)) return "unknown";
  let name = rel;
  for (;;) {
    if (existing.has(name)) return "unknown";
    if (ctx.siblings.has(name)) {
      const found = ctx.findRequest(name);
      return found === undefined ? "unknown" : kindInRequest(found.request, rel);
    }
    const dot = name.indexOf(".");
    if (dot < 0) return "missing";
    name = name.slice(dot + 1);
  }
}

/** The in-zone part of a target (`""` for the apex), or null for targets outside the zone. */
function inZone(ctx: RuleContext, target: string): string | null {
  const host = withoutTrailingDot(target.toLowerCase());
  const zone = ctx.policy.zone;
  if (!isAtOrBelow(host, zone)) return null;
  return host === zone ? "" : host.slice(0, host.length - zone.length - 1);
}

export const dnsTargetAlias: Rule = {
  id: "dns-target-alias",
  severity: "error",
  summary: msg(
    "Target MX dan SRV di zona ini harus nama dengan A/AAAA, bukan CNAME (RFC 2181 §10.3); hosting tunnel dan static membuat CNAME.",
    "MX and SRV targets in this zone must be names with A/AAAA, not a CNAME (RFC 2181 §10.3); tunnel and static hosting create a CNAME.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      if ((r.type !== "MX" && r.type !== "SRV") || r.content === ".") return;
      const rel = inZone(ctx, r.content);
      if (rel === null || zoneNameKind(ctx, rel) !== "alias") return;
      findings.push(
        finding(
          i,
          "content",
          r,
          `target ${q(r.content)} adalah CNAME (atau hosting tunnel/static), padahal ${r.type} harus menunjuk nama dengan A/AAAA; arahkan ke server suratnya langsung, mis. "mail.kuduskab.go.id"`,
          `the target ${q(r.content)} is a CNAME (or tunnel/static hosting), but ${r.type} must point at a name with A/AAAA; point it at the mail server directly, e.g. "mail.kuduskab.go.id"`,
        ),
      );
    });
  },
};

export const dnsTargetMissing: Rule = {
  id: "dns-target-missing",
  severity: "warning",
  summary: msg(
    "Target CNAME, MX atau SRV di zona ini harus ada: diminta di `requests/`, tercatat di `governance/`, atau catatan di permohonan ini; bila tidak, catatan menggantung.",
    "CNAME, MX or SRV targets in this zone must exist: requested in `requests/`, listed in `governance/`, or a record of this request; otherwise the record dangles.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      if (targetOf(r) === null || r.content === ".") return;
      const rel = inZone(ctx, r.content);
      if (rel === null) return;
      const kind = zoneNameKind(ctx, rel);
      if (kind !== "missing" && (kind !== "other" || r.type === "CNAME")) return;
      findings.push(
        finding(
          i,
          "content",
          r,
          kind === "missing"
            ? `target ${q(r.content)} tidak ada di zona (tidak diminta di requests/ dan tidak tercatat di governance/); catatan ini akan menggantung, periksa ejaannya`
            : `target ${q(r.content)} tidak punya alamat A/AAAA; ${r.type} tidak akan sampai`,
          kind === "missing"
            ? `the target ${q(r.content)} does not exist in the zone (not requested in requests/, not listed in governance/); this record would dangle, check the spelling`
            : `the target ${q(r.content)} has no A/AAAA address; the ${r.type} cannot be delivered`,
        ),
      );
    });
  },
};

export const dnsCnameSelf: Rule = {
  id: "dns-cname-self",
  severity: "error",
  summary: msg("CNAME tidak boleh menunjuk ke namanya sendiri.", "A CNAME cannot point at its own name."),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      if (r.type !== "CNAME") return;
      const own = `${ownerName(ctx.request, r)}.${ctx.policy.zone}`;
      if (withoutTrailingDot(r.content.toLowerCase()) !== own) return;
      findings.push(
        finding(
          i,
          "content",
          r,
          `CNAME ${q(own)} menunjuk ke dirinya sendiri sehingga tidak pernah terjawab; isi target yang lain`,
          `the CNAME ${q(own)} points at itself and never resolves; give another target`,
        ),
      );
    });
  },
};

// ---------------------------------------------------------------------------------------------

export const dnsPriority = typeCheckRule(
  "dns-priority",
  "error",
  msg(
    "MX wajib `priority` 0-65535; SRV wajib `priority`, `weight` dan `port` 0-65535.",
    "MX needs `priority` 0-65535; SRV needs `priority`, `weight` and `port` 0-65535.",
  ),
);

export const dnsSrvName = typeCheckRule(
  "dns-srv-name",
  "error",
  msg(
    "Nama SRV berbentuk `_layanan._protokol` (RFC 2782/6335), mis. `_sip._tcp`; protokol `_tcp`, `_udp`, `_tls` atau `_sctp`.",
    "An SRV name has the form `_service._proto` (RFC 2782/6335), e.g. `_sip._tcp`; protocol `_tcp`, `_udp`, `_tls` or `_sctp`.",
  ),
);

export const dnsCaaInvalid = typeCheckRule(
  "dns-caa-invalid",
  "error",
  msg(
    "CAA butuh `tag` (issue, issuewild, iodef), `flags` 0-255 dan nilai yang cocok: domain penerbit atau `;` untuk issue/issuewild, `mailto:` atau `https:` untuk iodef.",
    "CAA needs `tag` (issue, issuewild, iodef), `flags` 0-255 and a matching value: an issuer domain or `;` for issue/issuewild, `mailto:` or `https:` for iodef.",
  ),
);

// ---------------------------------------------------------------------------------------------

export const dnsTtlInvalid: Rule = {
  id: "dns-ttl-invalid",
  severity: "error",
  summary: msg(
    "TTL adalah 1 (otomatis) atau 60-86400 detik (batas Cloudflare).",
    "TTL is 1 (automatic) or 60-86400 seconds (Cloudflare's limits).",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      if (r.ttl === undefined || r.ttl === 1 || inRange(r.ttl, 60, 86400)) return;
      findings.push(
        finding(
          i,
          "ttl",
          r,
          `ttl ${r.ttl} tidak diterima Cloudflare; pakai 1 (otomatis) atau 60-86400 detik, mis. 3600`,
          `ttl ${r.ttl} is not accepted by Cloudflare; use 1 (automatic) or 60-86400 seconds, e.g. 3600`,
        ),
      );
    });
  },
};

function proxiable(type: string): boolean {
  return recordTypeOf(type)?.proxiable === true;
}

export const dnsProxiedInvalid: Rule = {
  id: "dns-proxied-invalid",
  severity: "error",
  summary: msg("`proxied` hanya untuk A, AAAA dan CNAME.", "`proxied` only applies to A, AAAA and CNAME."),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      if (r.proxied !== true || proxiable(r.type)) return;
      findings.push(
        finding(
          i,
          "proxied",
          r,
          `catatan ${r.type} tidak dapat diproksikan Cloudflare; hapus "proxied: true"`,
          `${r.type} records cannot be proxied by Cloudflare; remove "proxied: true"`,
        ),
      );
    });
  },
};

export const dnsProxiedTtl: Rule = {
  id: "dns-proxied-ttl",
  severity: "warning",
  summary: msg(
    "Catatan yang diproksikan selalu ber-TTL otomatis; `ttl` selain 1 diabaikan Cloudflare.",
    "Proxied records always have an automatic TTL; a `ttl` other than 1 is ignored by Cloudflare.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      // An out-of-range TTL is dns-ttl-invalid's finding; this one is about a valid but ignored TTL.
      if (r.proxied !== true || r.ttl === undefined || r.ttl === 1 || !proxiable(r.type)) return;
      if (!inRange(r.ttl, 60, 86400)) return;
      findings.push(
        finding(
          i,
          "ttl",
          r,
          `ttl ${r.ttl} diabaikan karena catatan ini diproksikan; hapus ttl atau tulis 1`,
          `ttl ${r.ttl} is ignored because this record is proxied; remove ttl or write 1`,
        ),
      );
    });
  },
};

const TYPE_FIELDS: readonly TypeField[] = ["priority", "weight", "port", "flags", "tag"];

/** The types that take `field`, as messages name them: "MX/SRV". */
function fieldOwners(field: TypeField): string {
  return RECORD_TYPE_NAMES.filter((type) => RECORD_TYPES[type].fields.includes(field)).join("/");
}

export const dnsFieldNotApplicable: Rule = {
  id: "dns-field-not-applicable",
  severity: "error",
  summary: msg(
    "`priority` hanya untuk MX/SRV, `weight` dan `port` hanya untuk SRV, `flags` dan `tag` hanya untuk CAA.",
    "`priority` is only for MX/SRV, `weight` and `port` only for SRV, `flags` and `tag` only for CAA.",
  ),
  check(ctx) {
    return eachRecord(ctx, (r, i, findings) => {
      const recordType = recordTypeOf(r.type);
      if (recordType === undefined) return;
      for (const field of TYPE_FIELDS) {
        if (r[field] === undefined || recordType.fields.includes(field)) continue;
        findings.push({
          path: at(i, field),
          part: "key",
          message: msg(
            `${label(i, r)}: ${field} hanya berlaku untuk ${fieldOwners(field)}, bukan ${r.type}; hapus ${field}`,
            `${label(i, r)}: ${field} only applies to ${fieldOwners(field)}, not ${r.type}; remove ${field}`,
          ),
        });
      }
    });
  },
};

// ---------------------------------------------------------------------------------------------

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
    if (!createsRecords(r)) return [];
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

export const dnsRules: readonly Rule[] = [
  dnsTypeUnsupported,
  dnsNameInvalid,
  dnsNameTaken,
  dnsNameReserved,
  dnsNameExisting,
  dnsNameNamespace,
  dnsAddressInvalid,
  dnsAddressNotPublic,
  dnsAaaaCanonical,
  dnsCnameExclusive,
  dnsHostingAddress,
  dnsTargetInvalid,
  dnsTargetSpecialUse,
  dnsCnameForbidden,
  dnsTargetTakeoverProne,
  dnsCnameSelf,
  dnsTargetAlias,
  dnsTargetMissing,
  dnsPriority,
  dnsSrvName,
  dnsCaaInvalid,
  dnsTtlInvalid,
  dnsProxiedInvalid,
  dnsProxiedTtl,
  dnsFieldNotApplicable,
  dnsTxtTooLong,
  dnsSpfMultiple,
  dnsDmarcInvalid,
  dnsRecordDuplicate,
  dnsCommentTooLong,
];
