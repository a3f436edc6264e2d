/**
 * Rules on the request letter and the life of a request: letter date, and the end date of
 * time-limited (`kegiatan`) requests. Dates are compared as calendar days in the office time zone
 * (`governance/calendar.yaml`), with `now` passed in by the caller.
 */
import { ZONE_LABEL } from "../../approvals/governance.ts";
import type { Rule } from "../rule.ts";
import { dayNumber, msg, officeToday, q } from "./util.ts";

export const suratDateFuture: Rule = {
  id: "surat-date-future",
  severity: "error",
  dependsOnDate: true,
  summary: msg(
    "Tanggal surat tidak boleh di masa depan (dihitung di zona waktu kantor).",
    "The letter date cannot be in the future (counted in the office time zone).",
  ),
  check(ctx) {
    const tanggal = ctx.request.surat?.tanggal;
    if (tanggal === undefined) return [];
    const today = officeToday(ctx.now, ctx.policy.timeZone);
    const zone = ZONE_LABEL[ctx.policy.timeZone];
    if (dayNumber(tanggal) === null || tanggal <= today) return [];
    return [
      {
        path: ["surat", "tanggal"],
        message: msg(
          `tanggal surat ${q(tanggal)} ada di masa depan (hari ini ${today} ${zone}); tulis tanggal surat yang sudah ditandatangani`,
          `the letter date ${q(tanggal)} is in the future (today is ${today} ${zone}); give the date of the signed letter`,
        ),
      },
    ];
  },
};

export const kegiatanEndMissing: Rule = {
  id: "kegiatan-end-missing",
  severity: "error",
  summary: msg(
    "Permohonan `klasifikasi: kegiatan` wajib memiliki `berlaku_sampai`.",
    "A `klasifikasi: kegiatan` request must have `berlaku_sampai`.",
  ),
  check(ctx) {
    const r = ctx.request;
    if (r.klasifikasi !== "kegiatan" || r.berlaku_sampai !== undefined) return [];
    return [
      {
        path: ["klasifikasi"],
        message: msg(
          `klasifikasi "kegiatan" butuh tanggal akhir; tambahkan berlaku_sampai: YYYY-MM-DD (paling lama ${ctx.policy.kegiatanMaxDays} hari setelah tanggal surat)`,
          `classification "kegiatan" needs an end date; add berlaku_sampai: YYYY-MM-DD (at most ${ctx.policy.kegiatanMaxDays} days after the letter date)`,
        ),
      },
    ];
  },
};

export const kegiatanEndRange: Rule = {
  id: "kegiatan-end-range",
  severity: "error",
  summary: msg(
    "`berlaku_sampai` sebuah kegiatan jatuh setelah tanggal surat dan paling lama `kegiatanMaxDays` hari sesudahnya (`governance/policy.yaml`).",
    "A kegiatan's `berlaku_sampai` falls after the letter date and at most `kegiatanMaxDays` days later (`governance/policy.yaml`).",
  ),
  check(ctx) {
    const r = ctx.request;
    if (r.klasifikasi !== "kegiatan" || r.berlaku_sampai === undefined) return [];
    const end = dayNumber(r.berlaku_sampai);
    if (r.surat === undefined) return [];
    const start = dayNumber(r.surat.tanggal);
    if (end === null || start === null) return [];
    const max = ctx.policy.kegiatanMaxDays;
    if (end <= start) {
      return [
        {
          path: ["berlaku_sampai"],
          message: msg(
            `berlaku_sampai ${q(r.berlaku_sampai)} tidak setelah tanggal surat ${q(r.surat.tanggal)}; tulis tanggal akhir kegiatan`,
            `berlaku_sampai ${q(r.berlaku_sampai)} is not after the letter date ${q(r.surat.tanggal)}; give the end date of the event`,
          ),
        },
      ];
    }
    if (end - start <= max) return [];
    return [
      {
        path: ["berlaku_sampai"],
        message: msg(
          `berlaku_sampai ${q(r.berlaku_sampai)} adalah ${end - start} hari setelah tanggal surat, maksimum ${max} hari; perpendek, atau ajukan sebagai instansi/layanan_publik`,
          `berlaku_sampai ${q(r.berlaku_sampai)} is ${end - start} days after the letter date, the limit is ${max}; shorten it, or request it as instansi/layanan_publik`,
        ),
      },
    ];
  },
};

export const berlakuSampaiUnexpected: Rule = {
  id: "berlaku-sampai-unexpected",
  severity: "error",
  summary: msg(
    "`berlaku_sampai` hanya untuk `klasifikasi: kegiatan`; pada klasifikasi lain maksudnya tidak jelas (berakhir atau tidak?).",
    "`berlaku_sampai` is only for `klasifikasi: kegiatan`; on other classifications its intent is unclear (does it expire or not?).",
  ),
  check(ctx) {
    const r = ctx.request;
    if (r.klasifikasi === "kegiatan" || r.berlaku_sampai === undefined) return [];
    return [
      {
        path: ["berlaku_sampai"],
        part: "key",
        message: msg(
          `berlaku_sampai hanya berlaku untuk klasifikasi "kegiatan", bukan ${q(r.klasifikasi)}; hapus berlaku_sampai, atau ubah klasifikasi menjadi kegiatan bila nama ini memang berakhir`,
          `berlaku_sampai only applies to classification "kegiatan", not ${q(r.klasifikasi)}; remove berlaku_sampai, or change the classification to kegiatan if this name really ends`,
        ),
      },
    ];
  },
};

export const kegiatanExpired: Rule = {
  id: "kegiatan-expired",
  severity: "error",
  dependsOnDate: true,
  summary: msg(
    "Kegiatan yang `berlaku_sampai`-nya sudah lewat: berkasnya sebaiknya dihapus agar catatan DNS tidak menggantung.",
    "A kegiatan whose `berlaku_sampai` has passed: its file should be removed so no DNS record is left dangling.",
  ),
  check(ctx) {
    const r = ctx.request;
    if (
      r.klasifikasi !== "kegiatan" ||
      r.berlaku_sampai === undefined ||
      dayNumber(r.berlaku_sampai) === null
    )
      return [];
    const today = officeToday(ctx.now, ctx.policy.timeZone);
    const zone = ZONE_LABEL[ctx.policy.timeZone];
    if (r.berlaku_sampai >= today) return [];
    return [
      {
        path: ["berlaku_sampai"],
        message: msg(
          `kegiatan ini berakhir ${q(r.berlaku_sampai)} (hari ini ${today} ${zone}); hapus berkas ini, atau perpanjang dengan surat baru`,
          `this event ended ${q(r.berlaku_sampai)} (today is ${today} ${zone}); delete this file, or extend it with a new letter`,
        ),
      },
    ];
  },
};

// Indonesian official letters are numbered "<archive classification code>/<sequence>/<unit>/<year>",
// e.g. "400.7/123/Dinkes/2026".
function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}
const TRAILING_YEAR = /\/\s*((?:19|20)\d{2})\s*$/;

export const suratNomorFormat: Rule = {
  id: "surat-nomor-format",
  severity: "warning",
  summary: msg(
    "Nomor surat satu baris (galat bila memuat baris baru) dan bergaya nomor surat dinas `kode/urut/unit/tahun`, dengan tahun sama dengan tahun tanggal surat.",
    "The letter number is one line (an error if it holds a line break) in the official style `code/sequence/unit/year`, with the year of the letter date.",
  ),
  check(ctx) {
    if (ctx.request.surat === undefined) return [];
    const { nomor, tanggal } = ctx.request.surat;
    const path = ["surat", "nomor"];
    if (hasControlChar(nomor)) {
      return [
        {
          path,
          severity: "error",
          message: msg(
            `nomor surat ${q(nomor)} memuat baris baru atau karakter kontrol; tulis dalam satu baris`,
            `the letter number ${q(nomor)} contains a line break or control character; write it on one line`,
          ),
        },
      ];
    }
    if (!nomor.includes("/")) {
      return [
        {
          path,
          message: msg(
            `nomor surat ${q(nomor)} tidak berbentuk nomor surat dinas (mis. "400.7/123/Dinkes/2026"); salin persis dari surat`,
            `the letter number ${q(nomor)} does not look like an official letter number (e.g. "400.7/123/Dinkes/2026"); copy it exactly from the letter`,
          ),
        },
      ];
    }
    const year = TRAILING_YEAR.exec(nomor)?.[1];
    if (year === undefined || dayNumber(tanggal) === null || tanggal.startsWith(year)) return [];
    return [
      {
        path,
        message: msg(
          `nomor surat ${q(nomor)} bertahun ${year}, tetapi tanggal surat ${q(tanggal)}; periksa nomor atau tanggalnya`,
          `the letter number ${q(nomor)} carries the year ${year} but the letter is dated ${q(tanggal)}; check the number or the date`,
        ),
      },
    ];
  },
};

export const letterRules: readonly Rule[] = [
  suratDateFuture,
  suratNomorFormat,
  kegiatanEndMissing,
  kegiatanEndRange,
  berlakuSampaiUnexpected,
  kegiatanExpired,
];
