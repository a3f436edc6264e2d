import { describe, expect, it } from "vitest";
import { buildServiceReport, nearestRank } from "../../src/core/reports/service-report.ts";
import { AFTER_MONTH, rawPulls, reportGovernance, savedPulls } from "./helpers.ts";

/*
 * December 2026, office time WIB (UTC+7), office hours 07:30–16:00 (510 working minutes a day).
 * Days off: Sat/Sun, Thu 24 Dec (cuti bersama), Fri 25 Dec (libur nasional). Standards of the fixture
 * SOP: Kepala Dinas 1 jam = 60, Kepala Bidang 2 jam = 120, Admin Helpdesk 1 hari kerja = 510,
 * pemberitahuan none; sla_total 1 hari kerja = 510. Working minutes per step, by hand:
 *
 * #101 opened Fri 27 Nov 15:00, merged Tue 1 Dec 09:00
 *   kepala-dinas   Fri 15:00–16:00 60 + Mon 30 Nov 07:30–08:30 60 = 120   ended in November: not counted
 *   kepala-bidang  Mon 08:30–10:30                              = 120   ended in November: not counted
 *   admin-helpdesk Mon 10:30–16:00 330 + Tue 07:30–08:30 60     = 390
 *   pemberitahuan  Tue 08:30–09:00                              =  30
 *   total          Fri 60 + Mon 510 + Tue 07:30–09:00 90        = 660   (> 510)
 * #102 opened Wed 2 Dec 08:00; kabid requests changes 11:00 and 13:00, approves Thu 09:00; merged 12:30
 *   kepala-dinas   Wed 08:00–09:00                              =  60   (not over: = 60)
 *   kepala-bidang  Wed 09:00–16:00 420 + Thu 07:30–09:00 90     = 510   late (kds-kabid)
 *   admin-helpdesk Thu 09:00–12:00                              = 180
 *   pemberitahuan  Thu 12:00–12:30                              =  30
 *   total          Wed 08:00–16:00 480 + Thu 07:30–12:30 300    = 780   (> 510)
 * #103 opened Fri 11 Dec 14:00, across the weekend, Plt. approves Mon 14 Dec; merged 11:10
 *   kepala-dinas   Fri 14:00–15:30                              =  90   late
 *   kepala-bidang  Fri 15:30–16:00 30 + Mon 07:30–10:00 150     = 180   late (kds-plt-kabid, Plt.)
 *   admin-helpdesk Mon 10:00–11:00                              =  60
 *   pemberitahuan  Mon 11:00–11:10                              =  10
 *   total          Fri 14:00–16:00 120 + Mon 07:30–11:10 220    = 340
 * #104 opened Wed 23 Dec 13:00, across 24–27 Dec (leave, holiday, weekend); merged Mon 28 Dec 10:00
 *   kepala-dinas   Wed 13:00–13:30                              =  30
 *   kepala-bidang  Wed 13:30–15:00                              =  90   (kds-plt-kabid, on time)
 *   admin-helpdesk Wed 15:00–16:00 60 + Mon 07:30–09:30 120     = 180   (1,200 if 24–27 Dec counted)
 *   pemberitahuan  Mon 09:30–10:00                              =  30
 *   total          Wed 13:00–16:00 180 + Mon 07:30–10:00 150    = 330
 * #105 opened Tue 29 Dec 09:00, still open; Kepala Dinas approves 16:30 (after hours)
 *   kepala-dinas   Tue 09:00–16:00                              = 420   late
 *   kepala-bidang  waiting at the month's end (its reviews are in January): not counted
 *   (the Kepala Dinas requests changes on 4 January: after the month, so his December approval stands)
 * #106 changes README.md only: ignored (its Kepala Dinas "request changes" is not a return)
 * #107 opened Tue 1 Dec 00:30 WIB (30 Nov 17:30 UTC), closed unmerged: received, neither completed nor open
 *
 * kepala-dinas   [30, 60, 90, 420]   median rank ⌈0.5·4⌉=2 → 60,  p90 rank ⌈0.9·4⌉=4 → 420, over 2
 * kepala-bidang  [90, 180, 510]      median rank ⌈1.5⌉=2 → 180,   p90 rank ⌈2.7⌉=3 → 510,   over 2
 * admin-helpdesk [60, 180, 180, 390] median rank 2 → 180,          p90 rank 4 → 390,         over 0
 * pemberitahuan  [10, 30, 30, 30]    median rank 2 → 30,           p90 rank 4 → 30,          no standard
 * total          [330, 340, 660, 780] median rank 2 → 340,         p90 rank 4 → 780,         over 2
 */
describe("the service report of the fixture month", () => {
  it("counts requests received, completed, returned and still open", async () => {
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    expect(report).toMatchObject({
      start: "2026-11-30T17:00:00.000Z",
      end: "2026-12-31T17:00:00.000Z",
      asOf: "2026-12-31T17:00:00.000Z",
      // 102, 103, 104, 105, 107 (opened 00:30 WIB on 1 December); not 101 (November), not 106.
      received: 5,
      // 101 (opened in November), 102, 103, 104.
      completed: 4,
      // 102 once, though returned twice; not 105 (a non-official, and an official in January), not 106.
      returned: 1,
      // 105; 107 was closed unmerged.
      openAtMonthEnd: 1,
    });
    expect(
      report.pulls.map((p) => [p.number, p.received, p.completed, p.returned, p.openAtMonthEnd]),
    ).toEqual([
      [101, false, true, false, false],
      [102, true, true, true, false],
      [103, true, true, false, false],
      [104, true, true, false, false],
      [105, true, false, false, true],
      [107, true, false, false, false],
    ]);
  });

  it("leaves out a request closed before the month, even one reviewed in it", async () => {
    // #101 again, merged in November instead; the Kepala Dinas "requests changes" on it in December.
    const raw = rawPulls();
    const first = structuredClone(raw.find((p) => (p.pull as { number: number }).number === 101)) as {
      pull: Record<string, unknown>;
      reviews: Record<string, unknown>[];
    };
    first.pull.merged_at = "2026-11-27T09:00:00Z";
    first.pull.closed_at = "2026-11-27T09:00:00Z";
    const kadis = first.reviews.find((r) => r.state === "APPROVED");
    first.reviews.push({
      ...kadis,
      id: 999_001,
      state: "CHANGES_REQUESTED",
      submitted_at: "2026-12-02T02:00:00Z",
    });
    const others = raw.filter((p) => (p.pull as { number: number }).number !== 101);
    const report = buildServiceReport({
      pulls: savedPulls([first, ...others]),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    expect(report.pulls.map((p) => p.number)).not.toContain(101);
    expect(report).toMatchObject({ completed: 3, returned: 1 });
  });

  it("gives each step's count, median, p90 and late count in working time", async () => {
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    const figures = report.steps.map((s) => [
      s.id,
      s.count,
      s.medianMinutes,
      s.p90Minutes,
      s.standardMinutes,
      s.overStandard,
    ]);
    // The applicant's own step (pengajuan) is not a row.
    expect(figures).toEqual([
      ["kepala-dinas", 4, 60, 420, 60, 2],
      ["kepala-bidang", 3, 180, 510, 120, 2],
      ["admin-helpdesk", 4, 180, 390, 510, 0],
      ["pemberitahuan", 4, 30, 30, null, 0],
    ]);
    expect(report.total).toEqual({
      count: 4,
      medianMinutes: 340,
      p90Minutes: 780,
      standardMinutes: 510,
      overStandard: 2,
    });
    expect(report.pulls.map((p) => p.totalMinutes)).toEqual([660, 780, 340, 330, null, null]);
  });

  it("names the late officials per role, the acting one as acting", async () => {
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    const roles = report.roles.map((r) => ({
      role: r.role,
      steps: r.steps,
      late: r.late,
      officials: r.officials.map((o) => [o.login, o.status, o.acting, o.steps, o.late]),
    }));
    expect(roles).toEqual([
      // 102 (60), 103 (90 late), 104 (30), 105 (420 late).
      { role: "kepala_dinas", steps: 4, late: 2, officials: [["kds-kadis", "definitif", false, 4, 2]] },
      {
        role: "kepala_bidang",
        steps: 3,
        late: 2,
        officials: [
          // 102 (510 late), before her term ended on 11 December.
          ["kds-kabid", "definitif", false, 1, 1],
          // 103 (180 late) and 104 (90).
          ["kds-plt-kabid", "plt", true, 2, 1],
        ],
      },
      // 101 (390), 102 (180), 103 (60), 104 (180).
      { role: "staf", steps: 4, late: 0, officials: [["kds-staf", "definitif", false, 4, 0]] },
    ]);
  });

  it("sees nothing after now while the month runs", async () => {
    // Wednesday 2 December, 10:00 WIB: #102's first "request changes" (11:00) has not happened yet.
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance: await reportGovernance(),
      month: "2026-12",
      now: new Date("2026-12-02T10:00:00+07:00"),
    });
    expect(report.asOf).toBe("2026-12-02T03:00:00.000Z");
    // Received 102 and 107; completed 101; 102 open, 107 closed; 103–105 not opened yet.
    expect([report.received, report.completed, report.returned, report.openAtMonthEnd]).toEqual([2, 1, 0, 1]);
    expect(report.steps.map((s) => [s.id, s.count, s.medianMinutes])).toEqual([
      ["kepala-dinas", 1, 60], // 102: Wed 08:00–09:00
      ["kepala-bidang", 0, null], // 102 waits for the Kepala Bidang
      ["admin-helpdesk", 1, 390], // 101
      ["pemberitahuan", 1, 30], // 101
    ]);
    expect(report.total).toMatchObject({ count: 1, medianMinutes: 660, p90Minutes: 660 });
  });

  it("counts the previous month's steps in the month they ended", async () => {
    // November 2026, read on 4 January: only #101 (opened 27 Nov). #107 opened 1 Dec 00:30 WIB,
    // which is 30 Nov in UTC: not November's.
    const report = buildServiceReport({
      pulls: savedPulls(),
      governance: await reportGovernance(),
      month: "2026-11",
      now: AFTER_MONTH,
    });
    expect([report.received, report.completed, report.returned, report.openAtMonthEnd]).toEqual([1, 0, 0, 1]);
    expect(report.steps.map((s) => [s.id, s.count, s.medianMinutes, s.overStandard])).toEqual([
      ["kepala-dinas", 1, 120, 1], // Fri 15:00–16:00 + Mon 07:30–08:30
      ["kepala-bidang", 1, 120, 0], // Mon 08:30–10:30: exactly the standard is not late
      ["admin-helpdesk", 0, null, 0], // waiting on 1 December 00:00
      ["pemberitahuan", 0, null, 0],
    ]);
  });

  it("lists a PR that only has a step ending in the month", async () => {
    // #107 opened Fri 20 Nov 09:00 instead, Kepala Dinas approves Tue 1 Dec 08:00, closed unmerged 10:00:
    // Fri 09:00–16:00 420 + 23–27 Nov 5 × 510 + Mon 30 Nov 510 + Tue 07:30–08:00 30 = 3,510 minutes.
    const raw = rawPulls().filter((item) => (item.pull as { number: number }).number === 107);
    const entry = raw[0] as { pull: Record<string, unknown>; reviews: unknown[] };
    entry.pull.created_at = "2026-11-20T09:00:00+07:00";
    entry.reviews.push({
      id: 1,
      user: { id: 91000111, login: "kds-kadis" },
      state: "APPROVED",
      commit_id: (entry.pull.head as { sha: string }).sha,
      submitted_at: "2026-12-01T08:00:00+07:00",
    });
    const report = buildServiceReport({
      pulls: savedPulls(raw),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    expect([report.received, report.completed, report.returned, report.openAtMonthEnd]).toEqual([0, 0, 0, 0]);
    expect(report.pulls.map((p) => p.number)).toEqual([107]);
    expect(report.steps[0]).toMatchObject({
      id: "kepala-dinas",
      count: 1,
      medianMinutes: 3510,
      overStandard: 1,
    });
  });

  it("ignores pull requests without request files, even their returns and merges", async () => {
    const raw = rawPulls().filter((item) => (item.pull as { number: number }).number === 106);
    const report = buildServiceReport({
      pulls: savedPulls(raw),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    expect([report.received, report.completed, report.returned, report.openAtMonthEnd]).toEqual([0, 0, 0, 0]);
    expect(report.pulls).toEqual([]);
    expect(report.steps.every((s) => s.count === 0)).toBe(true);
  });

  it("counts a renamed request file as a request", async () => {
    const raw = rawPulls().filter((item) => (item.pull as { number: number }).number === 106);
    (raw[0] as { files: unknown[] }).files = [
      { filename: "docs/dinkes.yaml", status: "renamed", previous_filename: "requests/dinkes.yaml" },
    ];
    const report = buildServiceReport({
      pulls: savedPulls(raw),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    // Returned by the Kepala Dinas on 7 December, then merged on 8 December.
    expect([report.received, report.completed, report.returned]).toEqual([1, 1, 1]);
  });
});

describe("the standard itself", () => {
  it("is not over: a request merged in exactly one working day is on time", async () => {
    // Mon 7 Dec 07:30 opened, 08:00 / 09:00 / 10:00 approvals, merged 16:00: total 07:30–16:00 = 510,
    // the sla_total of 1 hari kerja; Admin Helpdesk 09:00–10:00 = 60.
    const raw = rawPulls().filter((item) => (item.pull as { number: number }).number === 101);
    const entry = raw[0] as { pull: Record<string, unknown>; reviews: { submitted_at: string }[] };
    Object.assign(entry.pull, {
      created_at: "2026-12-07T07:30:00+07:00",
      merged_at: "2026-12-07T16:00:00+07:00",
      closed_at: "2026-12-07T16:00:00+07:00",
    });
    ["08:00", "09:00", "10:00"].forEach((clock, i) => {
      (entry.reviews[i] as { submitted_at: string }).submitted_at = `2026-12-07T${clock}:00+07:00`;
    });
    const report = buildServiceReport({
      pulls: savedPulls(raw),
      governance: await reportGovernance(),
      month: "2026-12",
      now: AFTER_MONTH,
    });
    expect(report.total).toEqual({
      count: 1,
      medianMinutes: 510,
      p90Minutes: 510,
      standardMinutes: 510,
      overStandard: 0,
    });
    // Kepala Dinas 07:30–08:00 = 30 (≤ 60), Kepala Bidang 08:00–09:00 = 60 (≤ 120).
    expect(report.steps.map((s) => [s.id, s.medianMinutes, s.overStandard])).toEqual([
      ["kepala-dinas", 30, 0],
      ["kepala-bidang", 60, 0],
      ["admin-helpdesk", 60, 0],
      ["pemberitahuan", 360, 0],
    ]);
  });
});

describe("nearest-rank percentiles", () => {
  it.each([
    [[], 50, null],
    [[7], 90, 7],
    [[4, 1, 3, 2], 50, 2],
    [[1, 2, 3, 4, 5], 50, 3],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 90],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 90, 100],
    [[5, 1], 100, 5],
    // Rank ⌈5.4⌉ = 6, not the nearest integer 5.
    [[1, 2, 3, 4, 5, 6], 90, 6],
  ])("%j at %d → %j", (values, percent, expected) => {
    expect(nearestRank(values, percent)).toBe(expected);
  });
});
