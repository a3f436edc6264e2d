/**
 * Why a record of an existing zone is not imported, for the decisions `classify.ts` makes before any
 * request exists (the others are the validator's own messages). Bahasa Indonesia first, English second,
 * each saying what the office can do instead.
 */
import { RECORD_TYPE_NAMES } from "../record-types/index.ts";
import { msg, q } from "../request/rules/util.ts";
import type { Message } from "../types.ts";

export const reasons = {
  outsideZone: (name: string, zone: string): Message =>
    msg(
      `${q(name)} berada di luar zona ${q(zone)} milik stack ini; impor dari zona yang benar, atau pilih stack lain dengan --stack`,
      `${q(name)} lies outside this stack's zone ${q(zone)}; import from the right zone, or choose another stack with --stack`,
    ),
  otherZoneId: (recordZone: string, stackZone: string): Message =>
    msg(
      `rekaman milik zona Cloudflare ${q(recordZone)}, bukan zona stack ${q(stackZone)} (domainops:zoneId); periksa daftar atau Pulumi.<stack>.yaml`,
      `the record belongs to Cloudflare zone ${q(recordZone)}, not the stack's zone ${q(stackZone)} (domainops:zoneId); check the listing or Pulumi.<stack>.yaml`,
    ),
  delegation: (rel: string): Message =>
    msg(
      `${q(rel)} didelegasikan ke name server lain (NS di bawah apeks); permohonan tidak dapat memuat delegasi, jadi subzona ini tetap dikelola di sana dan namanya dilindungi di governance/existing.yaml`,
      `${q(rel)} is delegated to other name servers (NS below the apex); a request cannot hold a delegation, so this sub-zone stays managed there and its name is protected in governance/existing.yaml`,
    ),
  belowDelegation: (rel: string, delegation: string): Message =>
    msg(
      `${q(rel)} berada di bawah delegasi ${q(delegation)}: name server delegasi itulah yang menjawabnya (atau ini glue), bukan zona ini`,
      `${q(rel)} lies below the delegation ${q(delegation)}: the delegated name servers answer for it (or it is glue), not this zone`,
    ),
  wildcard: (rel: string): Message =>
    msg(
      `${q(rel)} adalah wildcard; permohonan hanya untuk nama yang tertulis (aturan subdomain-wildcard), jadi rekaman ini tetap dikelola kantor di luar requests/`,
      `${q(rel)} is a wildcard; requests are for spelled-out names only (rule subdomain-wildcard), so this record stays with the office outside requests/`,
    ),
  typeUnsupported: (type: string): Message =>
    msg(
      `jenis ${q(type)} tidak dapat dimuat permohonan (hanya ${RECORD_TYPE_NAMES.join(", ")}); kelola di luar requests/`,
      `type ${q(type)} cannot be held by a request (only ${RECORD_TYPE_NAMES.join(", ")}); manage it outside requests/`,
    ),
  apex: (type: string, rel: string): Message =>
    msg(
      `${type} di ${rel === "" ? "apeks zona" : q(rel)} milik zona kantor sendiri, bukan subdomain sebuah instansi; kelola di Cloudflare atau pengaturan zona`,
      `${type} at ${rel === "" ? "the zone apex" : q(rel)} belongs to the office's own zone, not to a unit's subdomain; manage it in Cloudflare or the zone settings`,
    ),
  requestExists: (parent: string): Message =>
    msg(
      `requests/${parent}.yaml sudah ada dan tidak ditimpa; tambahkan rekaman ini ke berkas itu bila memang miliknya`,
      `requests/${parent}.yaml already exists and is not overwritten; add this record to that file if it belongs there`,
    ),
};
