/**
 * Rules on the people named in a request: the responsible official's NIP and everyone's e-mail.
 */

import type { InstansiJenis } from "../../types.ts";
import type { Finding, NodePath, Rule } from "../rule.ts";
import { cachedByPolicy, civilDay, hostnameProblem, isAtOrBelow, msg, officeToday, q } from "./util.ts";

const NIP_PATH = ["penanggung_jawab", "nip"] as const;
const NIP_SHAPE = /^[0-9]{18}$/;
const NON_DIGITS = /[^0-9]/g;

// Civil servants are appointed from 18 (CPNS minimum age) and retire by 58-65, professors and some
// functional positions by 70; one year of slack each side catches typos without refusing real people.
const MIN_APPOINTMENT_AGE = 17;
const MIN_AGE = 18;
const MAX_AGE = 70;

interface NipParts {
  nip: string;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  appointYear: number;
  appointMonth: number;
  sex: string;
}

/** The well-formed NIP split into its fields; null when absent or malformed (other rules report those). */
function nipParts(nip: string | undefined): NipParts | null {
  if (nip === undefined || !NIP_SHAPE.test(nip)) return null;
  return {
    nip,
    birthYear: Number(nip.slice(0, 4)),
    birthMonth: Number(nip.slice(4, 6)),
    birthDay: Number(nip.slice(6, 8)),
    appointYear: Number(nip.slice(8, 12)),
    appointMonth: Number(nip.slice(12, 14)),
    sex: nip.charAt(14),
  };
}

// Only civil servants (ASN) have a NIP (UU 20/2023 on ASN). A village head is elected, not appointed
// (UU 6/2014 on villages), and BUMD or community-organisation officers are not civil servants, so
// their responsible person may leave the NIP out. A Record, so a new unit kind forces a decision.
const NIP_REQUIRED: Readonly<Record<InstansiJenis, boolean>> = {
  dinas: true,
  badan: true,
  sekretariat: true,
  inspektorat: true,
  kecamatan: true,
  kelurahan: true,
  rsud: true,
  puskesmas: true,
  sekolah: true,
  desa: false,
  bumd: false,
  organisasi: false,
  lainnya: false,
};

const jenisList = (required: boolean) =>
  (Object.keys(NIP_REQUIRED) as InstansiJenis[]).filter((j) => NIP_REQUIRED[j] === required).join(", ");

export const nipRequired: Rule = {
  id: "nip-required",
  severity: "error",
  summary: msg(
    `Penanggung jawab instansi pemerintah (${jenisList(true)}) wajib mencantumkan NIP; untuk ${jenisList(false)} NIP boleh dikosongkan.`,
    `The responsible official of a government unit (${jenisList(true)}) must give a NIP; for ${jenisList(false)} it may be left out.`,
  ),
  check(ctx) {
    const jenis = ctx.request.instansi.jenis;
    const official = ctx.request.penanggung_jawab;
    // A request marked `impor` may still lack the official; rule impor-incomplete reports that.
    if (official === undefined || official.nip !== undefined || !NIP_REQUIRED[jenis]) return [];
    return [
      {
        path: ["penanggung_jawab"],
        part: "key",
        message: msg(
          `penanggung_jawab tidak memuat NIP, padahal wajib untuk instansi berjenis ${q(jenis)} (pejabatnya ASN); tambahkan nip: "<18 digit>" dalam tanda kutip, disalin dari SK pengangkatan`,
          `penanggung_jawab has no NIP, which is required for a unit of type ${q(jenis)} (its official is a civil servant); add nip: "<18 digits>" in quotes, copied from the appointment decree`,
        ),
      },
    ];
  },
};

function nipMessage(nip: string, id: string, en: string) {
  return msg(`NIP ${q(nip)}: ${id}`, `NIP ${q(nip)}: ${en}`);
}

export const nipFormat: Rule = {
  id: "nip-format",
  severity: "error",
  summary: msg(
    "NIP terdiri dari tepat 18 digit angka, ditulis sebagai teks dalam tanda kutip.",
    "The NIP is exactly 18 digits, written as quoted text.",
  ),
  check(ctx) {
    const nip = ctx.request.penanggung_jawab?.nip;
    if (nip === undefined || NIP_SHAPE.test(nip)) return [];
    const digits = nip.replace(NON_DIGITS, "");
    const hint =
      digits.length === 18
        ? msg(
            `tulis tanpa spasi atau tanda baca: "${digits}"`,
            `write it without spaces or punctuation: "${digits}"`,
          )
        : msg(`berisi ${digits.length} digit`, `it has ${digits.length} digits`);
    return [
      {
        path: NIP_PATH,
        message: nipMessage(
          nip,
          `harus tepat 18 digit angka (${hint.id}); salin dari SK pengangkatan`,
          `must be exactly 18 digits (${hint.en}); copy it from the appointment decree`,
        ),
      },
    ];
  },
};

function ageAt(today: string, parts: NipParts): number {
  const y = Number(today.slice(0, 4));
  const md = Number(today.slice(5, 7)) * 100 + Number(today.slice(8, 10));
  return y - parts.birthYear - (md < parts.birthMonth * 100 + parts.birthDay ? 1 : 0);
}

export const nipBirthDate: Rule = {
  id: "nip-birth-date",
  severity: "error",
  dependsOnDate: true,
  summary: msg(
    "Digit 1-8 NIP adalah tanggal lahir YYYYMMDD: tanggal kalender yang nyata, usia 18-70 tahun.",
    "NIP digits 1-8 are the birth date YYYYMMDD: a real calendar date, age 18-70.",
  ),
  check(ctx) {
    const p = nipParts(ctx.request.penanggung_jawab?.nip);
    if (p === null) return [];
    const nip = p.nip;
    const shown = nip.slice(0, 8);
    if (civilDay(p.birthYear, p.birthMonth, p.birthDay) === null) {
      return [
        {
          path: NIP_PATH,
          message: nipMessage(
            nip,
            `tanggal lahir ${q(shown)} (digit 1-8, YYYYMMDD) bukan tanggal yang ada; periksa kembali NIP`,
            `the birth date ${q(shown)} (digits 1-8, YYYYMMDD) is not a real date; check the NIP again`,
          ),
        },
      ];
    }
    const age = ageAt(officeToday(ctx.now, ctx.policy.timeZone), p);
    if (age >= MIN_AGE && age <= MAX_AGE) return [];
    return [
      {
        path: NIP_PATH,
        message: nipMessage(
          nip,
          `tanggal lahir ${q(shown)} berarti usia ${age} tahun, di luar ${MIN_AGE}-${MAX_AGE} tahun untuk ASN aktif; periksa kembali NIP`,
          `the birth date ${q(shown)} means an age of ${age}, outside ${MIN_AGE}-${MAX_AGE} for a serving civil servant; check the NIP again`,
        ),
      },
    ];
  },
};

export const nipAppointment: Rule = {
  id: "nip-appointment",
  severity: "error",
  dependsOnDate: true,
  summary: msg(
    "Digit 9-14 NIP adalah TMT pengangkatan YYYYMM: bulan 01-12, tidak sebelum usia 17 tahun, tidak di masa depan.",
    "NIP digits 9-14 are the appointment year-month YYYYMM: month 01-12, not before age 17, not in the future.",
  ),
  check(ctx) {
    const p = nipParts(ctx.request.penanggung_jawab?.nip);
    if (p === null) return [];
    const nip = p.nip;
    const shown = nip.slice(8, 14);
    const fail = (id: string, en: string) => [{ path: NIP_PATH, message: nipMessage(nip, id, en) }];
    if (p.appointMonth < 1 || p.appointMonth > 12) {
      return fail(
        `bulan pengangkatan ${q(shown)} (digit 9-14, YYYYMM) harus 01-12; periksa kembali NIP`,
        `the appointment month ${q(shown)} (digits 9-14, YYYYMM) must be 01-12; check the NIP again`,
      );
    }
    const appointed = p.appointYear * 12 + p.appointMonth;
    if (appointed < (p.birthYear + MIN_APPOINTMENT_AGE) * 12 + p.birthMonth) {
      return fail(
        `pengangkatan ${q(shown)} terjadi sebelum usia ${MIN_APPOINTMENT_AGE} tahun menurut tanggal lahir ${q(nip.slice(0, 8))}; periksa kembali NIP`,
        `the appointment ${q(shown)} is before age ${MIN_APPOINTMENT_AGE} according to the birth date ${q(nip.slice(0, 8))}; check the NIP again`,
      );
    }
    const today = officeToday(ctx.now, ctx.policy.timeZone);
    if (appointed > Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7))) {
      return fail(
        `pengangkatan ${q(shown)} ada di masa depan; periksa kembali NIP`,
        `the appointment ${q(shown)} is in the future; check the NIP again`,
      );
    }
    return [];
  },
};

export const nipSexDigit: Rule = {
  id: "nip-sex-digit",
  severity: "error",
  summary: msg(
    "Digit ke-15 NIP adalah kode jenis kelamin: 1 (laki-laki) atau 2 (perempuan).",
    "NIP digit 15 is the sex code: 1 (male) or 2 (female).",
  ),
  check(ctx) {
    const p = nipParts(ctx.request.penanggung_jawab?.nip);
    if (p === null || p.sex === "1" || p.sex === "2") return [];
    const nip = p.nip;
    return [
      {
        path: NIP_PATH,
        message: nipMessage(
          nip,
          `digit ke-15 adalah ${q(p.sex)}, padahal harus 1 atau 2 (jenis kelamin); periksa kembali NIP`,
          `digit 15 is ${q(p.sex)} but must be 1 or 2 (sex); check the NIP again`,
        ),
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// E-mail: a practical subset of RFC 5322 addr-spec (dot-atom local part, host-name domain), which
// is what government mail systems hand out; quoted local parts are refused on purpose.

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const TLD_ALPHA = /^[a-z]{2,63}$/;

/** Why an e-mail address is unusable (bilingual), or null. */
export function emailProblem(address: string): { id: string; en: string } | null {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) {
    return msg("bukan alamat e-mail (format nama@domain)", "not an e-mail address (format name@domain)");
  }
  if (address.trim() !== address || address.includes("<") || address.includes(" ")) {
    return msg(
      "tulis alamatnya saja, tanpa nama, spasi atau tanda < >",
      "write the bare address only, without a name, spaces or < >",
    );
  }
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    return msg(
      `bagian sebelum @ (${q(local)}) tidak sah: maksimum 64 karakter, tanpa titik di awal/akhir atau berurutan`,
      `the part before @ (${q(local)}) is not valid: at most 64 characters, no leading, trailing or double dots`,
    );
  }
  const hostProblem = hostnameProblem(domain.toLowerCase());
  const tld = domain.slice(domain.lastIndexOf(".") + 1).toLowerCase();
  if (hostProblem !== null || domain.includes("_") || !TLD_ALPHA.test(tld)) {
    return msg(`domain ${q(domain)} tidak sah`, `the domain ${q(domain)} is not valid`);
  }
  return null;
}

function emailFindings(path: NodePath, address: string | undefined) {
  if (address === undefined) return [];
  const problem = emailProblem(address);
  if (problem === null) return [];
  return [
    {
      path,
      message: msg(
        `e-mail ${q(address)}: ${problem.id}; contoh yang benar: nama@kuduskab.go.id`,
        `e-mail ${q(address)}: ${problem.en}; a valid example: name@kuduskab.go.id`,
      ),
    },
  ];
}

export const emailInvalid: Rule = {
  id: "email-invalid",
  severity: "error",
  summary: msg(
    "Setiap alamat e-mail berformat `nama@domain` yang sah.",
    "Every e-mail address is a valid `name@domain`.",
  ),
  check(ctx) {
    return [
      ...emailFindings(["penanggung_jawab", "email"], ctx.request.penanggung_jawab?.email),
      ...emailFindings(["pengelola_teknis", "email"], ctx.request.pengelola_teknis?.email),
    ];
  },
};

const officialDomains = cachedByPolicy((policy) =>
  (policy.officialEmailDomains ?? []).map((d) => (d.endsWith(".") ? d.slice(0, -1) : d).toLowerCase()),
);

export const emailNotOfficial: Rule = {
  id: "email-not-official",
  severity: "error",
  summary: msg(
    "E-mail penanggung jawab harus di domain resmi pemerintah (`officialEmailDomains` di `governance/policy.yaml`), termasuk subdomainnya.",
    "The responsible official's e-mail must be on an official government domain (`officialEmailDomains` in `governance/policy.yaml`), subdomains included.",
  ),
  check(ctx) {
    const address = ctx.request.penanggung_jawab?.email;
    if (ctx.policy.officialEmailDomains === null || address === undefined) return [];
    if (emailProblem(address) !== null) return [];
    const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
    const allowed = officialDomains(ctx.policy);
    if (allowed.some((d) => isAtOrBelow(domain, d))) return [];
    const list = allowed.join(", ");
    return [
      {
        path: ["penanggung_jawab", "email"],
        message: msg(
          `e-mail penanggung jawab ${q(address)} bukan alamat dinas; pakai alamat di domain ${list} (Permenkominfo 5/2015: instansi memakai nama domainnya sebagai alamat elektronik resmi)`,
          `the responsible official's e-mail ${q(address)} is not an official address; use one on ${list} (Permenkominfo 5/2015: units use their domain name for official electronic addresses)`,
        ),
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// UU 27/2022 (personal data protection): the repository is public and its history permanent, so an ID
// card number (NIK, 16 digits) or a private mobile number must never enter it.

const NIK = /(?<!\d)\d{16}(?!\d)/;
const MOBILE = /(?<![\d+])(?:\+62|62|0)[\s-]?8\d{2}(?:[\s.-]?\d){6,9}(?!\d)/;

const FREE_TEXT: readonly (readonly string[])[] = [
  ["tujuan"],
  ["catatan"],
  ["surat", "perihal"],
  ["instansi", "nama"],
  ["penanggung_jawab", "nama"],
  ["penanggung_jawab", "jabatan"],
  ["pengelola_teknis", "nama"],
];

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path)
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

export const personalData: Rule = {
  id: "personal-data",
  severity: "error",
  summary: msg(
    "Teks bebas tidak memuat NIK (16 digit) atau nomor HP pribadi: repositori ini publik dan riwayatnya permanen (UU 27/2022 tentang Pelindungan Data Pribadi).",
    "Free text holds no ID card number (NIK, 16 digits) or private mobile number: this repository is public and its history permanent (Law 27/2022 on personal data protection).",
  ),
  check(ctx) {
    const findings: Finding[] = [];
    for (const path of FREE_TEXT) {
      const value = valueAt(ctx.request, path);
      if (typeof value !== "string") continue;
      const what = NIK.test(value)
        ? msg("nomor 16 digit yang tampak seperti NIK", "a 16-digit number that looks like an NIK")
        : MOBILE.test(value)
          ? msg("nomor HP", "a mobile phone number")
          : null;
      if (what === null) continue;
      findings.push({
        path,
        message: msg(
          `${path.join(".")} memuat ${what.id}; hapus data pribadi ini (repositori publik, riwayat git permanen) dan cantumkan kontak dinas saja`,
          `${path.join(".")} contains ${what.en}; remove this personal data (public repository, permanent git history) and give official contacts only`,
        ),
      });
    }
    return findings;
  },
};

export const peopleRules: readonly Rule[] = [
  nipRequired,
  nipFormat,
  nipBirthDate,
  nipAppointment,
  nipSexDigit,
  emailInvalid,
  emailNotOfficial,
  personalData,
];
