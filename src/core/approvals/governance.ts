/**
 * Governance data of the office: who the officials are, the SOP they follow and the working-day
 * calendar their time standards are measured in. The JSON Schemas `schema/governance-*.schema.json`
 * are the contract for the YAML shape; these interfaces mirror them.
 */

/** A platform admin owns governance, code and workflows (CODEOWNERS), not the SOP disposition. */
export interface Admin {
  id: number;
  login: string;
  nama?: string;
}

/**
 * `plt` (Pelaksana Tugas) and `plh` (Pelaksana Harian) stand in for a vacant or absent official and
 * are valid only for their own period; `definitif` is the appointed holder of the position.
 */
export type OfficialStatus = "definitif" | "plt" | "plh";

export interface Official {
  id: number;
  login: string;
  nama: string;
  /** 18 digits, kept as a string (leading zeros, no arithmetic). */
  nip: string;
  jabatan: string;
  role: string;
  status?: OfficialStatus;
  /** Shorthand for `status: plt`. */
  plt?: boolean;
  /** Inclusive dates `YYYY-MM-DD` in the office time zone. */
  berlaku_mulai: string;
  berlaku_sampai?: string;
}

export interface Officials {
  admins: Admin[];
  pejabat: Official[];
}

/** Exactly one unit: working minutes, working hours, or working days (office-day lengths). */
export interface TimeStandard {
  menit?: number;
  jam?: number;
  hari_kerja?: number;
}

/**
 * `persetujuan`: an official approves by GitHub review (gates the check).
 * `pengajuan`: the applicant submits (the pull request is opened).
 * `pelaksanaan`: execution — the merge and the apply job that follows it.
 * `pemberitahuan`: the applicant is informed (the apply job's comment / notification).
 * Only `persetujuan` steps need a review; the others are shown and timed, never awaited.
 */
export type StepKind = "persetujuan" | "pengajuan" | "pelaksanaan" | "pemberitahuan";

export interface SopStep {
  id: string;
  jenis?: StepKind;
  role?: string;
  /** Short name of who acts, as in the SOP's "Pelaksana" column, e.g. "Kepala Bidang Informatika". */
  pelaksana?: string;
  label: string;
  uraian?: string;
  approvals?: number;
  waktu?: TimeStandard;
}

export interface SopTotal extends TimeStandard {
  /** true: wall-clock time (e.g. Buol "paling lambat 1 x 24 jam"), false: working time. */
  kalender?: boolean;
}

export interface Sop {
  nama: string;
  sumber?: { instansi: string; nomor?: string; tanggal?: string };
  langkah: SopStep[];
  sla_total?: SopTotal;
}

export type OfficeZone = "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";

export interface Holiday {
  tanggal: string;
  nama: string;
}

export interface CalendarYear {
  /** false while the joint ministerial decree (SKB) for the year is not out yet. */
  ditetapkan: boolean;
  dasar?: string;
  catatan?: string;
  libur_nasional: Holiday[];
  cuti_bersama: Holiday[];
}

export interface Calendar {
  zona_waktu: OfficeZone;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  hari_kerja: number[];
  /** Office hours `HH:MM`; absent = the whole working day counts. */
  jam_kerja?: { mulai: string; selesai: string };
  tahun: Record<string, CalendarYear>;
}

export interface Governance {
  officials: Officials;
  sop: Sop;
  calendar: Calendar;
}

/** WIB, WITA, WIT: Indonesia has kept fixed offsets without daylight saving since 1988. */
export const ZONE_OFFSET_MINUTES: Record<OfficeZone, number> = {
  "Asia/Jakarta": 7 * 60,
  "Asia/Makassar": 8 * 60,
  "Asia/Jayapura": 9 * 60,
};

export const ZONE_LABEL: Record<OfficeZone, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export function stepKind(step: SopStep): StepKind {
  return step.jenis ?? "persetujuan";
}

export function officialStatus(official: Official): OfficialStatus {
  if (official.status) return official.status;
  return official.plt ? "plt" : "definitif";
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in the office zone. */
export function localDate(instant: Date, zone: OfficeZone): string {
  return new Date(instant.getTime() + ZONE_OFFSET_MINUTES[zone] * 60_000).toISOString().slice(0, 10);
}

/** An instant on the local calendar date `YYYY-MM-DD` in the office zone (its noon, far from both ends). */
export function instantOfLocalDate(date: string, zone: OfficeZone): Date {
  return new Date(Date.parse(`${date}T12:00:00Z`) - ZONE_OFFSET_MINUTES[zone] * 60_000);
}

/** Is the official in office on the local date of `instant`? Both validity ends are inclusive. */
export function isOfficialValidAt(official: Official, instant: Date, zone: OfficeZone): boolean {
  const day = localDate(instant, zone);
  if (day < official.berlaku_mulai) return false;
  return official.berlaku_sampai === undefined || day <= official.berlaku_sampai;
}

export function isAdmin(governance: Governance, user: { id?: number; login?: string }): boolean {
  return governance.officials.admins.some((admin) => sameUser(admin, user));
}

/** GitHub logins are case-insensitive and can be renamed; the numeric id is the identity. */
export function sameUser(a: { id?: number; login?: string }, b: { id?: number; login?: string }): boolean {
  if (a.id !== undefined && b.id !== undefined) return a.id === b.id;
  return a.login !== undefined && b.login !== undefined && a.login.toLowerCase() === b.login.toLowerCase();
}
