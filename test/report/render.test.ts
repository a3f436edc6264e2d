import { describe, expect, it } from "vitest";
import { buildServiceReport } from "../../src/core/reports/service-report.ts";
import {
  csvCell,
  renderServiceReportCsv,
  renderServiceReportMarkdown,
  SERVICE_REPORT_FORMAT,
  toServiceReportJson,
} from "../../src/core/reports/service-report-render.ts";
import { AFTER_MONTH, rawPulls, reportGovernance, savedPulls } from "./helpers.ts";

const HOSTILE_TITLE = "=cmd|' /C calc'!A0";

/** RFC 4180 reader, strict enough to show the writer's quoting: fields of records, CRLF between. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else if (c === "\n" || c === "\r" || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else field += c;
  }
  if (field !== "" || record.length > 0) throw new Error("last record without CRLF");
  return records;
}

/** The fixture month with hostile text in #105's title and author login. */
async function hostileReport(title: string, login: string) {
  const raw = rawPulls();
  const open = raw.find((item) => (item.pull as { number: number }).number === 105) as {
    pull: { title: string; user: { login: string } };
  };
  open.pull.title = title;
  open.pull.user.login = login;
  return buildServiceReport({
    pulls: savedPulls(raw),
    governance: await reportGovernance(),
    month: "2026-12",
    now: AFTER_MONTH,
  });
}

describe("CSV cells", () => {
  it.each([
    [HOSTILE_TITLE, "'=cmd|' /C calc'!A0"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['kata "kutip"', '"kata ""kutip"""'],
    ["baris\nbaru", '"baris\nbaru"'],
    ["a,b", '"a,b"'],
    ["a\rb", '"a\rb"'],
    ["biasa", "biasa"],
    [" =spasi", " =spasi"],
    [42, "42"],
    [null, ""],
  ])("%j → %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe("the CSV report", () => {
  it("keeps hostile titles and logins inert and in their own cells", async () => {
    const report = await hostileReport(`${HOSTILE_TITLE}\n"dua" baris, koma`, "@evil");
    const records = parseCsv(renderServiceReportCsv(report));
    const header = records[0] as string[];
    expect(header).toEqual([
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
    ]);
    expect(records.every((r) => r.length === header.length)).toBe(true);
    const open = records.find((r) => r[0] === "pr" && r[1] === "105");
    expect(open).toEqual([
      "pr",
      "105",
      `'${HOSTILE_TITLE}\n"dua" baris, koma`,
      "'@evil",
      "diterima terbuka",
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
  });

  it("writes the hand-checked figures", async () => {
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    const rows = parseCsv(renderServiceReportCsv(report)).filter((r) =>
      ["ringkasan", "langkah", "total", "pejabat"].includes(r[0] as string),
    );
    expect(rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[7], r[8], r[9], r[10]])).toEqual([
      ["ringkasan", "diterima", "", "", "5", "", "", "", ""],
      ["ringkasan", "selesai", "", "", "4", "", "", "", ""],
      ["ringkasan", "dikembalikan", "", "", "1", "", "", "", ""],
      ["ringkasan", "terbuka", "", "", "1", "", "", "", ""],
      ["langkah", "kepala-dinas", "", "kepala_dinas", "4", "60", "420", "60", "2"],
      ["langkah", "kepala-bidang", "", "kepala_bidang", "3", "180", "510", "120", "2"],
      ["langkah", "admin-helpdesk", "", "staf", "4", "180", "390", "510", "0"],
      ["langkah", "pemberitahuan", "", "", "4", "30", "30", "", "0"],
      ["total", "total", "", "", "4", "340", "780", "510", "2"],
      ["pejabat", "kepala_dinas", "kds-kadis", "definitif", "4", "", "", "", "2"],
      ["pejabat", "kepala_bidang", "kds-kabid", "definitif", "1", "", "", "", "1"],
      ["pejabat", "kepala_bidang", "kds-plt-kabid", "plt", "2", "", "", "", "1"],
      ["pejabat", "staf", "kds-staf", "definitif", "4", "", "", "", "0"],
    ]);
  });
});

describe("the Markdown report", () => {
  it("has bilingual headings and shows the acting official as acting", async () => {
    const governance = await reportGovernance();
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance,
      month: "2026-12",
      now: AFTER_MONTH,
    });
    const text = renderServiceReportMarkdown(report, governance.calendar);
    expect(text.split("\n").filter((line) => line.startsWith("#"))).toEqual([
      "# Laporan kegiatan layanan subdomain 2026-12 (service report)",
      "## Ringkasan (summary)",
      "## Waktu per langkah SOP (time per SOP step)",
      "## Waktu layanan per permohonan (total time per request)",
      "## Keterlambatan per peran (late steps per role)",
      "## Permintaan tarik (pull requests)",
    ]);
    expect(text).toContain("| Dikembalikan ke pemohon (returned) | 1 |");
    // 510 minutes = 1 hari kerja of 07:30–16:00.
    expect(text).toContain(
      "| 3 | Kepala Bidang Informatika (kepala-bidang) | 3 | 3 jam | 1 hari kerja | 2 jam | 2 |",
    );
    expect(text).toContain("kds-plt-kabid (Plt., pejabat pengganti / acting): 1/2");
    expect(text).toContain(
      "| #107 | Permohonan subdomain gebog.kec | opd-dinkes-admin | 2026-12-01 00:30 WIB | - | diterima | - |",
    );
  });

  it("keeps a hostile title from breaking the table or mentioning anyone", async () => {
    const governance = await reportGovernance();
    const report = await hostileReport("a | b\n# judul <img src=x> @kds-kadis", "kds-x");
    const line = renderServiceReportMarkdown(report, governance.calendar)
      .split("\n")
      .find((l) => l.startsWith("| #105 "));
    // The line break is shown as \u000a, the table pipe escaped, the mention broken with a zero-width joiner.
    expect(line).toContain("a \\| b\\\\u000a\\# judul &lt;img src=x&gt; @\u200dkds-kadis");
  });
});

describe("the JSON report", () => {
  it("has a stable, documented shape", async () => {
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    const json = JSON.parse(JSON.stringify(toServiceReportJson(report)));
    expect(Object.keys(json)).toEqual([
      "format",
      "month",
      "zone",
      "start",
      "end",
      "asOf",
      "requests",
      "steps",
      "roles",
      "total",
      "pulls",
    ]);
    expect(json.format).toBe(SERVICE_REPORT_FORMAT);
    expect(json.requests).toEqual({ received: 5, completed: 4, returned: 1, openAtMonthEnd: 1 });
    expect(json.steps[0]).toEqual({
      index: 2,
      id: "kepala-dinas",
      kind: "persetujuan",
      role: "kepala_dinas",
      pelaksana: "Kepala Dinas",
      count: 4,
      medianMinutes: 60,
      p90Minutes: 420,
      standardMinutes: 60,
      overStandard: 2,
    });
    expect(json.steps[3]).toMatchObject({ id: "pemberitahuan", role: null, standardMinutes: null });
    expect(json.roles[1].officials[1]).toEqual({
      login: "kds-plt-kabid",
      nama: "Bambang Wijaya, S.T., M.Kom.",
      jabatan: "Plt. Kepala Bidang Informatika",
      status: "plt",
      acting: true,
      steps: 2,
      late: 1,
    });
    expect(json.total).toEqual({
      count: 4,
      medianMinutes: 340,
      p90Minutes: 780,
      standardMinutes: 510,
      overStandard: 2,
    });
    expect(json.pulls[4]).toEqual({
      number: 105,
      title: "Permohonan subdomain dandangan",
      author: "opd-dinkes-admin",
      createdAt: "2026-12-29T02:00:00.000Z",
      mergedAt: null,
      closedAt: null,
      received: true,
      completed: false,
      returned: false,
      openAtMonthEnd: true,
      totalMinutes: null,
    });
  });
});
