/**
 * Rules on the content of one record, field by field: the checks of each type come from the
 * record-type table; TTL, proxying and which fields a type takes are Cloudflare's limits.
 */
import {
  inRange,
  RECORD_TYPE_NAMES,
  RECORD_TYPES,
  recordTypeOf,
  type TypeField,
} from "../../record-types/index.ts";
import type { Rule } from "../rule.ts";
import { at, eachRecord, finding, label, typeCheckRule } from "./dns-shared.ts";
import { msg } from "./util.ts";

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
