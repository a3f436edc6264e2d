/**
 * The service report (`service-report.ts`) as Markdown (for the office's archive or an issue), CSV
 * (for a spreadsheet) and JSON (for other tools). Titles and logins come from pull requests, so they
 * are escaped for each medium: Markdown inert text, CSV quoted per RFC 4180 and kept from being read as
 * a formula (OWASP "CSV injection": a cell starting with = + - @ gets a leading ').
 */

import type { Calendar } from "../approvals/governance.ts";
import { ZONE_LABEL, ZONE_OFFSET_MINUTES } from "../approvals/governance.ts";
import { formatWorkingMinutes } from "../approvals/working-time.ts";
import { markdownText } from "../escape.ts";
import type { PullLine, RoleOfficial, ServiceReport, Spread } from "./service-report.ts";

/** The `format` field of the JSON: bumped when a field changes meaning or is removed. */
export const SERVICE_REPORT_FORMAT = "domainops-service-report/1";

/** Minutes to two decimals: working time is counted with fractions of a minute. */
function minutes(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

function spreadJson(spread: Spread): {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
} {
  return {
    count: spread.count,
    medianMinutes: minutes(spread.medianMinutes),
    p90Minutes: minutes(spread.p90Minutes),
  };
}

/** The JSON shape, documented in docs/report.md; every key is always present (null when unknown). */
export function toServiceReportJson(report: ServiceReport): unknown {
  return {
    format: SERVICE_REPORT_FORMAT,
    month: report.month,
    zone: report.zone,
    start: report.start,
    end: report.end,
    asOf: report.asOf,
    requests: {
      received: report.received,
      completed: report.completed,
      returned: report.returned,
      openAtMonthEnd: report.openAtMonthEnd,
    },
    steps: report.steps.map((step) => ({
      index: step.index,
      id: step.id,
      kind: step.kind,
      role: step.role,
      pelaksana: step.pelaksana,
      ...spreadJson(step),
      standardMinutes: minutes(step.standardMinutes),
      overStandard: step.overStandard,
    })),
    roles: report.roles.map((role) => ({
      role: role.role,
      pelaksana: role.pelaksana,
      steps: role.steps,
      late: role.late,
      officials: role.officials.map((o) => ({
        login: o.login,
        nama: o.nama,
        jabatan: o.jabatan,
        status: o.status,
        acting: o.acting,
        steps: o.steps,
        late: o.late,
      })),
    })),
    total: {
      ...spreadJson(report.total),
      standardMinutes: minutes(report.total.standardMinutes),
      overStandard: report.total.overStandard,
    },
    pulls: report.pulls.map((p) => ({
      number: p.number,
      title: p.title,
      author: p.author,
      createdAt: p.createdAt,
      mergedAt: p.mergedAt,
      closedAt: p.closedAt,
      received: p.received,
      completed: p.completed,
      returned: p.returned,
      openAtMonthEnd: p.openAtMonthEnd,
      totalMinutes: minutes(p.totalMinutes),
    })),
  };
}

// --- CSV

/** One RFC 4180 field, made inert for spreadsheets first (the quote then covers the apostrophe too). */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_HEADER = [
  "bagian",
  "kunci",
  "keterangan",
  "login",
  "status",
  "jumlah",
  "menit",
  "median_menit",
  "p90_menit",
  "standar_menit",
  "lewat_standar",
] as const;

type CsvRow = Record<(typeof CSV_HEADER)[number], string | number | boolean | null>;

function row(values: Partial<CsvRow>): string {
  return CSV_HEADER.map((key) => csvCell(values[key] ?? null)).join(",");
}

function pullStatus(p: PullLine): string {
  const flags = [
    p.received ? "diterima" : "",
    p.completed ? "selesai" : "",
    p.returned ? "dikembalikan" : "",
    p.openAtMonthEnd ? "terbuka" : "",
  ];
  return flags.filter((f) => f !== "").join(" ");
}

/**
 * One table, one row per figure, CRLF line ends (RFC 4180). `bagian` (section) says what a row is:
 * `ringkasan` (summary), `langkah` (SOP step), `total`, `peran` (role), `pejabat` (official), `pr`
 * (one request; `menit` is its working time from opening to merge).
 */
export function renderServiceReportCsv(report: ServiceReport): string {
  const lines = [CSV_HEADER.join(",")];
  const summary: [string, string, number][] = [
    ["diterima", "Permohonan diterima (received)", report.received],
    ["selesai", "Permohonan selesai (completed)", report.completed],
    ["dikembalikan", "Dikembalikan ke pemohon (returned)", report.returned],
    ["terbuka", "Masih terbuka akhir bulan (open at month end)", report.openAtMonthEnd],
  ];
  for (const [key, label, count] of summary)
    lines.push(row({ bagian: "ringkasan", kunci: key, keterangan: label, jumlah: count }));
  for (const step of report.steps) {
    lines.push(
      row({
        bagian: "langkah",
        kunci: step.id,
        keterangan: step.pelaksana,
        status: step.role,
        jumlah: step.count,
        median_menit: minutes(step.medianMinutes),
        p90_menit: minutes(step.p90Minutes),
        standar_menit: minutes(step.standardMinutes),
        lewat_standar: step.overStandard,
      }),
    );
  }
  lines.push(
    row({
      bagian: "total",
      kunci: "total",
      keterangan: "Waktu layanan per permohonan (total time per request)",
      jumlah: report.total.count,
      median_menit: minutes(report.total.medianMinutes),
      p90_menit: minutes(report.total.p90Minutes),
      standar_menit: minutes(report.total.standardMinutes),
      lewat_standar: report.total.overStandard,
    }),
  );
  for (const role of report.roles) {
    lines.push(
      row({
        bagian: "peran",
        kunci: role.role,
        keterangan: role.pelaksana.join("; "),
        jumlah: role.steps,
        lewat_standar: role.late,
      }),
    );
    for (const o of role.officials) {
      lines.push(
        row({
          bagian: "pejabat",
          kunci: role.role,
          keterangan: `${o.nama}, ${o.jabatan}`,
          login: o.login,
          status: o.status,
          jumlah: o.steps,
          lewat_standar: o.late,
        }),
      );
    }
  }
  for (const p of report.pulls) {
    lines.push(
      row({
        bagian: "pr",
        kunci: p.number,
        keterangan: p.title,
        login: p.author,
        status: pullStatus(p),
        menit: minutes(p.totalMinutes),
      }),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

// --- Markdown

function localTime(iso: string, zone: ServiceReport["zone"]): string {
  const local = new Date(Date.parse(iso) + ZONE_OFFSET_MINUTES[zone] * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} ${ZONE_LABEL[zone]}`;
}

function duration(calendar: Calendar, value: number | null): string {
  return value === null ? "-" : formatWorkingMinutes(calendar, value);
}

function officialText(o: RoleOfficial): string {
  const acting = o.acting ? ` (${o.status === "plt" ? "Plt." : "Plh."}, pejabat pengganti / acting)` : "";
  return `${markdownText(o.nama)} — ${markdownText(o.login)}${acting}: ${o.late}/${o.steps}`;
}

/** Bilingual headings, one table per part; durations in office terms ("1 hari kerja 2 jam"). */
export function renderServiceReportMarkdown(report: ServiceReport, calendar: Calendar): string {
  const out: string[] = [
    `# Laporan kegiatan layanan subdomain ${report.month} (service report)`,
    "",
    `Periode (period): ${localTime(report.start, report.zone)} – ${localTime(report.end, report.zone)}, ` +
      `data sampai (as of) ${localTime(report.asOf, report.zone)}. Waktu dalam waktu kerja kantor ` +
      "(working time); median dan persentil ke-90 dengan metode peringkat terdekat (nearest rank).",
    "",
    "## Ringkasan (summary)",
    "",
    "| Uraian (item) | Jumlah (count) |",
    "| --- | ---: |",
    `| Permohonan diterima (received) | ${report.received} |`,
    `| Permohonan selesai (completed) | ${report.completed} |`,
    `| Dikembalikan ke pemohon (returned) | ${report.returned} |`,
    `| Masih terbuka akhir bulan (open at month end) | ${report.openAtMonthEnd} |`,
    "",
    "## Waktu per langkah SOP (time per SOP step)",
    "",
    "| No | Langkah (step) | Jumlah (count) | Median | P90 | Mutu baku (standard) | Lewat (over) |",
    "| ---: | --- | ---: | --- | --- | --- | ---: |",
  ];
  for (const step of report.steps) {
    out.push(
      `| ${step.index} | ${markdownText(step.pelaksana)} (${markdownText(step.id)}) | ${step.count} | ${duration(calendar, step.medianMinutes)} | ` +
        `${duration(calendar, step.p90Minutes)} | ${duration(calendar, step.standardMinutes)} | ${step.overStandard} |`,
    );
  }
  const total = report.total;
  out.push(
    "",
    "## Waktu layanan per permohonan (total time per request)",
    "",
    "| Selesai (completed) | Median | P90 | Standar (standard) | Lewat (over) |",
    "| ---: | --- | --- | --- | ---: |",
    `| ${total.count} | ${duration(calendar, total.medianMinutes)} | ${duration(calendar, total.p90Minutes)} | ` +
      `${duration(calendar, total.standardMinutes)} | ${total.standardMinutes === null ? "-" : total.overStandard} |`,
    "",
    "## Keterlambatan per peran (late steps per role)",
    "",
    "| Peran (role) | Langkah (steps) | Terlambat (late) | Pejabat: terlambat/langkah (officials: late/steps) |",
    "| --- | ---: | ---: | --- |",
  );
  for (const role of report.roles) {
    const who = role.officials.map(officialText).join("<br>") || "-";
    out.push(
      `| ${markdownText(role.pelaksana.join(", "))} (${markdownText(role.role)}) | ${role.steps} | ${role.late} | ${who} |`,
    );
  }
  out.push(
    "",
    "## Permintaan tarik (pull requests)",
    "",
    "| PR | Judul (title) | Pengaju (author) | Dibuka (opened) | Digabung (merged) | Keadaan (state) | Total |",
    "| ---: | --- | --- | --- | --- | --- | --- |",
  );
  for (const p of report.pulls) {
    out.push(
      `| #${p.number} | ${markdownText(p.title)} | ${markdownText(p.author)} | ${localTime(p.createdAt, report.zone)} | ` +
        `${p.mergedAt === null ? "-" : localTime(p.mergedAt, report.zone)} | ${pullStatus(p) || "-"} | ` +
        `${duration(calendar, p.totalMinutes)} |`,
    );
  }
  if (report.pulls.length === 0) out.push("| - | Tidak ada permohonan (no requests) | | | | | |");
  return `${out.join("\n")}\n`;
}
