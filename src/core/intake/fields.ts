/**
 * The fields of the request issue form, in form order: one table that both the form generator
 * (`form.ts`) and the converter (`from-issue.ts`) read, so a label or an option cannot drift between
 * what is asked and what is parsed. GitHub renders each field as `### <label>` in the issue body, so
 * labels are the keys of the body and must stay unique.
 */
import type { Message } from "../types.ts";

export type FieldKind = "input" | "textarea" | "dropdown" | "checkbox";

/** Where an answer goes in the request: a path of keys from the top of the file. */
export type RequestPath = readonly string[];

export interface IntakeField {
  /** The form element's `id` (stable; GitHub's `id` rules: letters, digits, `-`, `_`). */
  id: string;
  kind: FieldKind;
  /** The request key the answer fills; `dns` is parsed from lines, the PDP checkbox fills nothing. */
  path: RequestPath | "dns" | "none";
  label: string;
  description: Message;
  /** Required in the form (GitHub refuses to submit without it) and in the body. */
  required: boolean;
  placeholder?: string;
  /** dropdown: the schema enum at this path gives the options. checkbox: the one option's text. */
  option?: string;
  /** textarea rendered as a code block (`render:`), which GitHub wraps in a fence in the body. */
  render?: string;
}

/** Which `hosting.jenis` the field belongs to, for the form's text and the converter's checks. */
export const HOSTING_ONLY: Readonly<Record<string, string>> = {
  "hosting-service": "tunnel",
  "hosting-project": "static",
  "hosting-branch": "static",
  "akun-paket": "server",
  "akun-php": "server",
  "akun-database": "server",
  "akun-server": "server",
};

/** The DNS textarea's line format, shown in the form and in docs/intake.md. */
export const DNS_FORMAT: Message = {
  id:
    "Satu catatan per baris: `JENIS | NAMA | ISI` lalu opsi `kunci=nilai` yang juga dipisah `|`. " +
    "NAMA `@` berarti subdomain itu sendiri. Opsi: ttl, proxied (true/false), priority, weight, port, " +
    "flags, tag (issue/issuewild/iodef). Baris kosong dan baris berawalan `#` diabaikan.",
  en:
    "One record per line: `TYPE | NAME | CONTENT` then `key=value` options, also separated by `|`. " +
    "NAME `@` means the subdomain itself. Options: ttl, proxied (true/false), priority, weight, port, " +
    "flags, tag (issue/issuewild/iodef). Blank lines and lines starting with `#` are ignored.",
};

export const DNS_EXAMPLE = [
  "MX | @ | mail.kuduskab.go.id | priority=10",
  "TXT | @ | v=spf1 mx -all",
  "TXT | _dmarc | v=DMARC1; p=quarantine",
  "CAA | @ | letsencrypt.org | tag=issue | flags=0",
].join("\n");

const m = (id: string, en: string): Message => ({ id, en });

export const FIELDS: readonly IntakeField[] = [
  {
    id: "subdomain",
    kind: "input",
    path: ["subdomain"],
    label: "Subdomain (requested name)",
    description: m(
      "Nama di bawah zona, huruf kecil a-z, angka dan tanda hubung; label dipisah titik (mis. dinkes, sukamaju.desa).",
      "The name under the zone: lowercase a-z, digits and hyphens; labels separated by dots (e.g. dinkes, sukamaju.desa).",
    ),
    required: true,
    placeholder: "dinkes",
  },
  {
    id: "instansi-nama",
    kind: "input",
    path: ["instansi", "nama"],
    label: "Nama instansi (unit name)",
    description: m("Nama resmi instansi.", "Official name of the unit."),
    required: true,
    placeholder: "Dinas Kesehatan",
  },
  {
    id: "instansi-jenis",
    kind: "dropdown",
    path: ["instansi", "jenis"],
    label: "Jenis instansi (kind of unit)",
    description: m("Jenis instansi.", "Kind of unit."),
    required: true,
  },
  {
    id: "surat-nomor",
    kind: "input",
    path: ["surat", "nomor"],
    label: "Nomor surat permohonan (letter number)",
    description: m("Nomor surat permohonan resmi.", "Number of the official request letter."),
    required: true,
  },
  {
    id: "surat-tanggal",
    kind: "input",
    path: ["surat", "tanggal"],
    label: "Tanggal surat (letter date)",
    description: m("Tanggal surat, YYYY-MM-DD.", "Date of the letter, YYYY-MM-DD."),
    required: true,
    placeholder: "2026-11-01",
  },
  {
    id: "surat-perihal",
    kind: "input",
    path: ["surat", "perihal"],
    label: "Perihal surat (letter subject)",
    description: m("Perihal surat.", "Subject of the letter."),
    required: true,
  },
  {
    id: "pj-nama",
    kind: "input",
    path: ["penanggung_jawab", "nama"],
    label: "Nama penanggung jawab (responsible official's name)",
    description: m(
      "Pejabat yang bertanggung jawab atas subdomain; nama lengkap dengan gelar.",
      "The official responsible for the subdomain; full name with titles.",
    ),
    required: true,
  },
  {
    id: "pj-nip",
    kind: "input",
    path: ["penanggung_jawab", "nip"],
    label: "NIP penanggung jawab (official's civil servant number)",
    description: m(
      "NIP 18 digit; wajib untuk instansi pemerintah, boleh kosong untuk desa, bumd, organisasi, lainnya. Bukan NIK.",
      "18-digit civil servant number; required for government units, may be empty for desa, bumd, organisasi, lainnya. Not the ID card number.",
    ),
    required: false,
    placeholder: "197805122005012003",
  },
  {
    id: "pj-jabatan",
    kind: "input",
    path: ["penanggung_jawab", "jabatan"],
    label: "Jabatan penanggung jawab (official's position)",
    description: m("Jabatan.", "Position."),
    required: true,
  },
  {
    id: "pj-email",
    kind: "input",
    path: ["penanggung_jawab", "email"],
    label: "E-mail dinas penanggung jawab (official's e-mail)",
    description: m("Alamat e-mail dinas.", "Official e-mail address."),
    required: true,
  },
  {
    id: "pt-nama",
    kind: "input",
    path: ["pengelola_teknis", "nama"],
    label: "Nama pengelola teknis (technical admin's name)",
    description: m(
      "Pengelola teknis; akun GitHub pembuat issue ini menjadi akunnya dan boleh mengubah berkas permohonan.",
      "The technical admin; the GitHub account opening this issue becomes theirs and may change the request file.",
    ),
    required: true,
  },
  {
    id: "pt-email",
    kind: "input",
    path: ["pengelola_teknis", "email"],
    label: "E-mail pengelola teknis (technical admin's e-mail)",
    description: m("Alamat e-mail.", "E-mail address."),
    required: true,
  },
  {
    id: "tujuan",
    kind: "textarea",
    path: ["tujuan"],
    label: "Tujuan penggunaan (purpose)",
    description: m("Untuk apa subdomain ini.", "What the subdomain is for."),
    required: true,
  },
  {
    id: "klasifikasi",
    kind: "dropdown",
    path: ["klasifikasi"],
    label: "Klasifikasi (classification)",
    description: m(
      "instansi (situs instansi), layanan_publik (layanan publik), kegiatan (kegiatan berjangka, wajib tanggal berlaku).",
      "instansi (unit site), layanan_publik (public service), kegiatan (time-limited event, needs an expiry date).",
    ),
    required: true,
  },
  {
    id: "berlaku-sampai",
    kind: "input",
    path: ["berlaku_sampai"],
    label: "Berlaku sampai (valid until)",
    description: m(
      "Tanggal akhir berlaku YYYY-MM-DD; wajib untuk kegiatan, kosongkan untuk yang lain.",
      "Expiry date YYYY-MM-DD; required for kegiatan, leave empty otherwise.",
    ),
    required: false,
    placeholder: "2027-06-30",
  },
  {
    id: "hosting-jenis",
    kind: "dropdown",
    path: ["hosting", "jenis"],
    label: "Jenis hosting (hosting kind)",
    description: m(
      "server (pusat data kantor), tunnel (Cloudflare Tunnel), static (Cloudflare Pages), eksternal (catatan DNS sendiri), tanpa (tanpa hosting).",
      "server (office data centre), tunnel (Cloudflare Tunnel), static (Cloudflare Pages), eksternal (own DNS records), tanpa (no hosting).",
    ),
    required: true,
  },
  {
    id: "hosting-service",
    kind: "input",
    path: ["hosting", "service"],
    label: "Layanan asal tunnel (tunnel origin service)",
    description: m(
      "Hanya untuk tunnel: layanan asal di jaringan kantor, mis. http://10.10.1.20:80.",
      "tunnel only: the origin service inside the office network, e.g. http://10.10.1.20:80.",
    ),
    required: false,
    placeholder: "http://10.10.1.20:80",
  },
  {
    id: "hosting-project",
    kind: "input",
    path: ["hosting", "project"],
    label: "Proyek Cloudflare Pages (Pages project)",
    description: m(
      "Hanya untuk static: nama proyek Pages (kosong: dari subdomain).",
      "static only: the Pages project name (empty: derived from the subdomain).",
    ),
    required: false,
  },
  {
    id: "hosting-branch",
    kind: "input",
    path: ["hosting", "branch"],
    label: "Cabang produksi Pages (Pages production branch)",
    description: m(
      "Hanya untuk static: cabang produksi (kosong: main).",
      "static only: production branch (empty: main).",
    ),
    required: false,
  },
  {
    id: "akun-paket",
    kind: "input",
    path: ["hosting", "akun", "paket"],
    label: "Paket akun hosting (hosting package)",
    description: m(
      "Hanya untuk server: paket akun hosting di server kantor, mis. kecil; kosong = hanya catatan DNS.",
      "server only: the hosting account's package on the office server, e.g. kecil; empty = DNS records only.",
    ),
    required: false,
    placeholder: "kecil",
  },
  {
    id: "akun-php",
    kind: "input",
    path: ["hosting", "akun", "php"],
    label: "Versi PHP (PHP version)",
    description: m(
      "Hanya untuk server dengan paket: versi PHP, mis. 8.2 (kosong: versi pertama server).",
      "server with a package only: PHP version, e.g. 8.2 (empty: the server's first version).",
    ),
    required: false,
    placeholder: "8.2",
  },
  {
    id: "akun-database",
    kind: "checkbox",
    path: ["hosting", "akun", "database"],
    label: "Basis data (database)",
    description: m("Hanya untuk server dengan paket.", "server with a package only."),
    required: false,
    option: "Perlu basis data MariaDB (needs a MariaDB database)",
  },
  {
    id: "akun-server",
    kind: "input",
    path: ["hosting", "akun", "server"],
    label: "Server hosting (hosting server)",
    description: m(
      "Hanya untuk server dengan paket: nama server bila kantor punya lebih dari satu.",
      "server with a package only: the server's name when the office has more than one.",
    ),
    required: false,
  },
  {
    id: "dns",
    kind: "textarea",
    path: "dns",
    label: "Catatan DNS (DNS records)",
    description: DNS_FORMAT,
    required: false,
    placeholder: DNS_EXAMPLE,
    render: "text",
  },
  {
    id: "catatan",
    kind: "textarea",
    path: ["catatan"],
    label: "Catatan (notes)",
    description: m(
      "Catatan bebas (keamanan, cadangan). Jangan menulis NIK, nomor HP pribadi atau pindaian dokumen.",
      "Free notes (security, backup). Do not write ID card numbers, private phone numbers or document scans.",
    ),
    required: false,
  },
  {
    id: "pdp",
    kind: "checkbox",
    path: "none",
    label: "Data pribadi (personal data)",
    description: m(
      "Repositori ini publik (UU PDP 27/2022).",
      "This repository is public (Indonesia's personal data law 27/2022).",
    ),
    required: true,
    option:
      "Saya tidak mencantumkan NIK, nomor HP pribadi, atau pindaian dokumen. (I have not included ID card numbers, private phone numbers or document scans.)",
  },
];

/** The field with this `### ` label, if any (own keys only: a label is user input in the body). */
export function fieldByLabel(label: string): IntakeField | undefined {
  return FIELDS.find((field) => field.label === label);
}

export function fieldById(id: string): IntakeField | undefined {
  return FIELDS.find((field) => field.id === id);
}
