/**
 * The words of the registry site in its two languages: Bahasa Indonesia first (the office's
 * language, `index.html`), English second (`en/index.html`). Closed unions are typed as records, so a
 * new hosting or unit kind does not compile until it has its label here.
 */
import type { HostingJenis, InstansiJenis, Message } from "../types.ts";

export type SiteLang = "id" | "en";

export const SITE_LANGS: readonly SiteLang[] = ["id", "en"];

export const HOSTING_LABELS: { readonly [K in HostingJenis]: Message } = {
  server: { id: "Server kantor", en: "Office server" },
  tunnel: { id: "Tunnel", en: "Tunnel" },
  static: { id: "Situs statis (Pages)", en: "Static site (Pages)" },
  eksternal: { id: "Hosting eksternal", en: "External hosting" },
  tanpa: { id: "Tanpa hosting (DNS saja)", en: "No hosting (DNS only)" },
};

export const UNIT_LABELS: { readonly [K in InstansiJenis]: Message } = {
  dinas: { id: "Dinas", en: "Agency (dinas)" },
  badan: { id: "Badan", en: "Board (badan)" },
  sekretariat: { id: "Sekretariat", en: "Secretariat" },
  inspektorat: { id: "Inspektorat", en: "Inspectorate" },
  kecamatan: { id: "Kecamatan", en: "District (kecamatan)" },
  kelurahan: { id: "Kelurahan", en: "Urban village (kelurahan)" },
  desa: { id: "Desa", en: "Village (desa)" },
  rsud: { id: "RSUD", en: "Regional hospital (RSUD)" },
  puskesmas: { id: "Puskesmas", en: "Health centre (puskesmas)" },
  sekolah: { id: "Sekolah", en: "School" },
  bumd: { id: "BUMD", en: "Regional enterprise (BUMD)" },
  organisasi: { id: "Organisasi", en: "Organisation" },
  lainnya: { id: "Lainnya", en: "Other" },
};

/** Every fixed phrase of the page; `{n}`-style slots are filled by the renderer. */
export const WORDS = {
  title: { id: "Registri subdomain {zone}", en: "Subdomain registry of {zone}" },
  intro: {
    id: "Daftar publik subdomain {zone} yang aktif dan permohonan yang sedang diproses sesuai SOP.",
    en: "The public list of live {zone} subdomains and of the requests going through the SOP.",
  },
  skip: { id: "Langsung ke daftar subdomain", en: "Skip to the subdomain list" },
  /** The language's own name, as its link on the other page shows it. */
  langName: { id: "Bahasa Indonesia", en: "English" },
  liveHeading: { id: "Subdomain aktif", en: "Live subdomains" },
  liveCaption: {
    id: "Subdomain aktif {zone}: instansi, hosting, surat permohonan dan tanggal aktif",
    en: "Live {zone} subdomains: unit, hosting, request letter and date live",
  },
  colSubdomain: { id: "Subdomain", en: "Subdomain" },
  colUnit: { id: "Instansi", en: "Unit" },
  colHosting: { id: "Hosting", en: "Hosting" },
  colLetter: { id: "Surat permohonan", en: "Request letter" },
  colSince: { id: "Aktif sejak", en: "Live since" },
  sinceLetter: { id: "(tanggal surat)", en: "(letter date)" },
  noLetter: { id: "tanpa surat", en: "no letter" },
  filterHeading: { id: "Cari dan saring", en: "Search and filter" },
  search: { id: "Cari (subdomain, instansi, nomor surat)", en: "Search (subdomain, unit, letter number)" },
  hostingFilter: { id: "Jenis hosting", en: "Hosting kind" },
  unitFilter: { id: "Jenis instansi", en: "Unit kind" },
  all: { id: "Semua", en: "All" },
  countAll: { id: "{total} subdomain terdaftar.", en: "{total} subdomains registered." },
  countFirst: {
    id: "{matched} dari {total} subdomain cocok; {shown} pertama ditampilkan.",
    en: "{matched} of {total} subdomains match; the first {shown} are shown.",
  },
  showAll: { id: "Tampilkan semua yang cocok", en: "Show all matches" },
  countShown: {
    id: "{shown} dari {total} subdomain ditampilkan.",
    en: "{shown} of {total} subdomains shown.",
  },
  pendingHeading: { id: "Permohonan dalam proses", en: "Requests in progress" },
  pendingCaption: {
    id: "Permohonan terbuka: langkah SOP saat ini dan waktu kerja berjalan terhadap standar",
    en: "Open requests: the current SOP step and working time elapsed against its standard",
  },
  pendingNone: { id: "Tidak ada permohonan terbuka.", en: "No open requests." },
  reportHeading: { id: "Laporan layanan bulan {month}", en: "Service report, {month}" },
  reportSummary: {
    id: "Diterima {received}, selesai {completed}, dikembalikan {returned}, masih terbuka {open} (per {asOf}).",
    en: "Received {received}, completed {completed}, returned {returned}, still open {open} (as of {asOf}).",
  },
  reportCaption: {
    id: "Waktu kerja per langkah SOP bulan ini: median dan persentil ke-90 terhadap standar",
    en: "Working time per SOP step this month: median and 90th percentile against the standard",
  },
  colReportStep: { id: "Langkah", en: "Step" },
  colCount: { id: "Jumlah", en: "Count" },
  colMedian: { id: "Median", en: "Median" },
  colP90: { id: "Persentil 90", en: "90th percentile" },
  colStandard: { id: "Standar", en: "Standard" },
  colOver: { id: "Melewati standar", en: "Over standard" },
  reportTotal: { id: "Seluruh permohonan (total)", en: "Whole request (total)" },
  pendingUnknown: {
    id: "Data permintaan tarik tidak tersedia saat situs ini dibuat.",
    en: "Pull request data was not available when this site was built.",
  },
  colRequest: { id: "Permohonan", en: "Request" },
  colStep: { id: "Langkah SOP saat ini", en: "Current SOP step" },
  colTime: { id: "Waktu kerja / standar", en: "Working time / standard" },
  returned: { id: "Dikembalikan ke pemohon untuk perbaikan", en: "Returned to the applicant for changes" },
  allApproved: {
    id: "Semua persetujuan lengkap; menunggu penerapan",
    en: "All approvals given; awaiting apply",
  },
  overStandard: { id: "melewati standar", en: "over the standard" },
  noStandard: { id: "tanpa standar", en: "no standard" },
  applyHeading: { id: "Ajukan permohonan", en: "Request a subdomain" },
  applyIntro: {
    id: "Permohonan diajukan lewat formulir isu GitHub; isian di bawah ini dibawa ke formulir itu.",
    en: "Requests are made through a GitHub issue form; the fields below are carried over to it.",
  },
  applyButton: {
    id: "Ajukan permohonan (request a subdomain)",
    en: "Request a subdomain (ajukan permohonan)",
  },
  applySubdomain: { id: "Subdomain yang diminta", en: "Subdomain requested" },
  applyUnit: { id: "Nama instansi", en: "Unit name" },
  generated: { id: "Dibuat {time} ({zone}).", en: "Built {time} ({zone})." },
  source: { id: "Sumber data", en: "Data source" },
} as const satisfies Record<string, Message>;

export function word(
  key: keyof typeof WORDS,
  lang: SiteLang,
  slots: Record<string, string | number> = {},
): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (all, name: string) =>
    Object.hasOwn(slots, name) ? String(slots[name]) : all,
  );
}
