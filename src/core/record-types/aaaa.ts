/** AAAA: an IPv6 address (RFC 3596), stored in RFC 5952 form as Cloudflare stores it. */
import { canonicalIPv6, formatIPv6, parseIPv4, parseIPv6 } from "../ip.ts";
import { q } from "../request/rules/util.ts";
import { addressText, notPublic } from "./address.ts";
import { problem, type RecordType } from "./record-type.ts";

export const aaaaRecord: RecordType<"AAAA"> = {
  type: "AAAA",
  rank: 1,
  fields: [],
  proxiable: true,
  target: "none",
  checks: {
    "dns-address-invalid": (r) => {
      if (parseIPv6(r.content) !== null) return [];
      return parseIPv4(r.content) !== null
        ? [
            problem(
              "content",
              `${q(r.content)} adalah alamat IPv4; ubah type menjadi A`,
              `${q(r.content)} is an IPv4 address; change type to A`,
            ),
          ]
        : [
            problem(
              "content",
              `${q(r.content)} bukan alamat IPv6 yang sah`,
              `${q(r.content)} is not a valid IPv6 address`,
            ),
          ];
    },
    "dns-address-not-public": notPublic(parseIPv6),
    "dns-aaaa-not-canonical": (r) => {
      const v6 = parseIPv6(r.content);
      if (v6 === null) return [];
      const canonical = formatIPv6(v6);
      if (canonical === r.content) return [];
      return [
        problem(
          "content",
          `tulis ${q(r.content)} sebagai ${q(canonical)}; bentuk lain membuat perubahan palsu di setiap penerapan`,
          `write ${q(r.content)} as ${q(canonical)}; any other form shows a false change on every apply`,
        ),
      ];
    },
  },
  value: (spec) => ({ content: canonicalIPv6(spec.content), priority: null, data: null }),
  ...addressText,
};
