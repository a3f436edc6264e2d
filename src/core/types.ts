/**
 * Shared vocabulary of the pure core. The JSON Schema in `schema/request.schema.json` is the one
 * contract for the shape of a request; the interfaces here mirror it for the code.
 */

export type Severity = "error" | "warning";

/** Product text: Bahasa Indonesia first, English second. */
export interface Message {
  id: string;
  en: string;
}

/** One problem found in one file, pointing at the offending node (1-based line and column). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Severity;
  message: Message;
}

export type InstansiJenis =
  | "dinas"
  | "badan"
  | "sekretariat"
  | "inspektorat"
  | "kecamatan"
  | "kelurahan"
  | "desa"
  | "rsud"
  | "puskesmas"
  | "sekolah"
  | "bumd"
  | "organisasi"
  | "lainnya";

export type Klasifikasi = "instansi" | "layanan_publik" | "kegiatan";

export type HostingJenis = "server" | "tunnel" | "static" | "eksternal" | "tanpa";

export type DnsRecordType = "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "CAA" | "SRV";

/**
 * An extra DNS record of a request. `name` is relative to the requested subdomain
 * (absent or "@" = the subdomain itself, "_sip._tcp" = `_sip._tcp.<subdomain>`).
 * MX and SRV carry `priority`; SRV also `weight` and `port` with the target in `content`;
 * CAA carries `flags` and `tag` with the value in `content`.
 */
export interface DnsRecordSpec {
  type: DnsRecordType;
  name?: string;
  content: string;
  ttl?: number;
  proxied?: boolean;
  priority?: number;
  weight?: number;
  port?: number;
  flags?: number;
  tag?: "issue" | "issuewild" | "iodef";
}

export interface Hosting {
  jenis: HostingJenis;
  /** tunnel: the origin service inside the office network, e.g. `http://10.10.1.20:80`. */
  service?: string;
  /** static: Cloudflare Pages project name (default: derived from the subdomain). */
  project?: string;
  /** static: production branch of the Pages project (default `main`). */
  branch?: string;
  /** server: a hosting account on the office's server; without it a `server` request is DNS only. */
  akun?: HostingAccount;
}

/** The hosting account of a `server` request (see `docs/hosting.md`). */
export interface HostingAccount {
  /** A package of the server (`domainops:hostingServers[].packages`), e.g. `kecil`. */
  paket: string;
  /** PHP version, e.g. `8.2`; default: the server's first listed version. */
  php?: string;
  /** A MariaDB database and user named like the account (default false). */
  database?: boolean;
  /** The server's name; needed only when the stack has more than one hosting server. */
  server?: string;
}

export interface Request {
  subdomain: string;
  instansi: { nama: string; jenis: InstansiJenis };
  /** Absent only in a request marked `impor` that is still to be completed (rule `impor-incomplete`). */
  surat?: Surat;
  /**
   * `nip` is absent only where the official is not a civil servant (rule `nip-required`); the whole
   * block only in a request marked `impor`.
   */
  penanggung_jawab?: { nama: string; nip?: string; jabatan: string; email: string };
  /** Absent only in a request marked `impor`. */
  pengelola_teknis?: { nama: string; email: string; github: string };
  tujuan: string;
  klasifikasi: Klasifikasi;
  berlaku_sampai?: string;
  hosting: Hosting;
  dns?: DnsRecordSpec[];
  catatan?: string;
  /** Set by `domainops import`: the request came from an existing zone and awaits its letter and officials. */
  impor?: Impor;
}

export interface Surat {
  nomor: string;
  tanggal: string;
  perihal: string;
}

export interface Impor {
  sumber: "bind" | "cloudflare";
  tanggal: string;
}

/** A request that passed the schema, with the repository-relative path it came from. */
export interface LoadedRequest {
  file: string;
  request: Request;
}
