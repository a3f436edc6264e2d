/** A: an IPv4 address (RFC 1035 §3.4.1). */
import { canonicalIPv6, parseIPv4, parseIPv6 } from "../ip.ts";
import { q } from "../request/rules/util.ts";
import { addressText, notPublic } from "./address.ts";
import { problem, type RecordType } from "./record-type.ts";

export const aRecord: RecordType<"A"> = {
  type: "A",
  rank: 0,
  fields: [],
  proxiable: true,
  target: "none",
  checks: {
    "dns-address-invalid": (r) => {
      if (parseIPv4(r.content) !== null) return [];
      return parseIPv6(r.content) !== null
        ? [
            problem(
              "content",
              `${q(r.content)} adalah alamat IPv6; ubah type menjadi AAAA`,
              `${q(r.content)} is an IPv6 address; change type to AAAA`,
            ),
          ]
        : [
            problem(
              "content",
              `${q(r.content)} bukan alamat IPv4 (empat angka 0-255 dipisah titik, tanpa nol di depan, mis. 103.10.20.30)`,
              `${q(r.content)} is not an IPv4 address (four numbers 0-255 separated by dots, no leading zeros, e.g. 103.10.20.30)`,
            ),
          ];
    },
    "dns-address-not-public": notPublic(parseIPv4),
  },
  // An IPv4 address is canonical once parseIPv4 accepts it; canonicalIPv6 leaves anything else as is.
  value: (spec) => ({ content: canonicalIPv6(spec.content), priority: null, data: null }),
  ...addressText,
};
