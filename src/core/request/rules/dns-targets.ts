/**
 * Rules on the host names CNAME, MX and SRV records point at: well-formed, reachable, not prone to
 * takeover, and existing where they lie inside the zone.
 */
import { recordTypeOf } from "../../record-types/index.ts";
import type { DnsRecordSpec, Request } from "../../types.ts";
import type { Rule, RuleContext } from "../rule.ts";
import { byName, eachRecord, finding, withoutTrailingDot } from "./dns-shared.ts";
import { takeoverService } from "./takeover.ts";
import {
  cachedByPolicy,
  hostnameProblem,
  isAtOrBelow,
  msg,
  ownerName,
  q,
  records,
  relativeName,
  specialUseSuffix,
} from "./util.ts";

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
