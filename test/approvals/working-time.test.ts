import { describe, expect, it } from "vitest";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import type { Calendar } from "../../src/core/approvals/governance.ts";
import {
  calendarGaps,
  formatWorkingMinutes,
  isWorkingDay,
  standardMinutes,
  workingMinutesBetween,
} from "../../src/core/approvals/working-time.ts";
import { addMinutes, chain, local, NEW_REQUEST, preset, pull, review } from "./helpers.ts";

const kudus = (await preset("kudus")).calendar;
const buol = (await preset("buol")).calendar;
const wib = (wall: string) => new Date(Date.parse(`${wall}:00+07:00`));
const wita = (wall: string) => new Date(Date.parse(`${wall}:00+08:00`));

describe("workingMinutesBetween", () => {
  it.each([
    ["same morning", kudus, wib("2026-11-24T09:00"), wib("2026-11-24T10:30"), 90],
    ["before office hours counts nothing", kudus, wib("2026-11-24T05:00"), wib("2026-11-24T07:30"), 0],
    ["after office hours counts nothing", kudus, wib("2026-11-24T16:00"), wib("2026-11-24T23:59"), 0],
    ["overnight: 1 h Tuesday + 1 h Wednesday", kudus, wib("2026-11-24T15:00"), wib("2026-11-25T08:30"), 120],
    ["across a weekend", kudus, wib("2026-11-27T15:00"), wib("2026-11-30T08:30"), 120],
    ["a whole weekend is zero", kudus, wib("2026-11-28T00:00"), wib("2026-11-30T00:00"), 0],
    // 18 Mar cuti Nyepi, 19 Nyepi, 20 cuti Idulfitri, 21–22 Idulfitri (weekend), 23–24 cuti Idulfitri.
    [
      "across Nyepi, Idulfitri and cuti bersama 2026",
      kudus,
      wib("2026-03-17T15:00"),
      wib("2026-03-25T08:30"),
      120,
    ],
    [
      "cuti bersama Natal (24 Dec) and Natal (25 Dec)",
      kudus,
      wib("2026-12-23T15:30"),
      wib("2026-12-28T08:00"),
      60,
    ],
    ["a full working day is the office window", kudus, wib("2026-11-24T00:00"), wib("2026-11-25T00:00"), 510],
    ["reversed interval is zero", kudus, wib("2026-11-24T10:00"), wib("2026-11-24T09:00"), 0],
    [
      "fixed-date holiday in a not yet decreed year (1 Jan 2027)",
      kudus,
      wib("2026-12-31T15:00"),
      wib("2027-01-04T08:30"),
      120,
    ],
  ])("%s", (_label, calendar, from, to, minutes) => {
    expect(workingMinutesBetween(calendar, from, to)).toBeCloseTo(minutes, 6);
  });

  it("the same instants are different office times in WIB and WITA", () => {
    const from = new Date("2026-11-24T00:00:00Z"); // 07:00 WIB, 08:00 WITA
    const to = new Date("2026-11-24T01:00:00Z"); // 08:00 WIB, 09:00 WITA
    expect(workingMinutesBetween(kudus, from, to)).toBe(30);
    expect(workingMinutesBetween(buol, from, to)).toBe(60);
    // 16:00 WITA is 15:00 WIB: Kudus still works an hour after Buol has closed.
    expect(workingMinutesBetween(kudus, wita("2026-11-24T16:00"), wita("2026-11-24T17:00"))).toBe(60);
    expect(workingMinutesBetween(buol, wita("2026-11-24T16:00"), wita("2026-11-24T17:00"))).toBe(0);
  });

  it("the local date decides the holiday: 16 Jan 2026 00:30 WITA is still 15 Jan in UTC", () => {
    expect(isWorkingDay(buol, "2026-01-16")).toBe(false);
    const from = wita("2026-01-15T15:00");
    const to = wita("2026-01-19T08:30");
    expect(workingMinutesBetween(buol, from, to)).toBe(120);
  });

  it("without office hours the whole working day counts", () => {
    const allDay: Calendar = { ...kudus, jam_kerja: undefined } as Calendar;
    delete (allDay as { jam_kerja?: unknown }).jam_kerja;
    expect(workingMinutesBetween(allDay, wib("2026-11-27T20:00"), wib("2026-11-30T02:00"))).toBe(360);
    expect(standardMinutes(allDay, { hari_kerja: 1 })).toBe(1440);
  });

  it("adjacent intervals add up", () => {
    const a = wib("2026-11-20T11:17");
    const b = wib("2026-11-24T13:41");
    const c = wib("2026-12-02T09:05");
    expect(workingMinutesBetween(kudus, a, b) + workingMinutesBetween(kudus, b, c)).toBeCloseTo(
      workingMinutesBetween(kudus, a, c),
      6,
    );
  });
});

describe("standards and calendar data", () => {
  it.each([
    [{ menit: 10 }, 10],
    [{ jam: 2 }, 120],
    [{ hari_kerja: 1 }, 510],
    [{ hari_kerja: 2 }, 1020],
  ])("%o is %d working minutes", (standard, minutes) => {
    expect(standardMinutes(kudus, standard)).toBe(minutes);
  });

  it("2026 follows the SKB: 17 national holidays and 8 days of cuti bersama", () => {
    const y = kudus.tahun["2026"];
    expect(y?.ditetapkan).toBe(true);
    expect(y?.libur_nasional).toHaveLength(17);
    expect(y?.cuti_bersama).toHaveLength(8);
  });

  it("years that are missing or not decreed are reported", () => {
    expect(calendarGaps(kudus, wib("2026-12-30T08:00"), wib("2027-01-05T08:00"))).toEqual(["2027"]);
    expect(calendarGaps(kudus, wib("2026-05-01T08:00"), wib("2026-05-05T08:00"))).toEqual([]);
    expect(calendarGaps(kudus, wib("2028-01-03T08:00"), wib("2028-01-03T09:00"))).toEqual(["2028"]);
  });

  it.each([
    [0, "0 menit"],
    [75, "1 jam 15 menit"],
    [510, "1 hari kerja"],
    [600, "1 hari kerja 1 jam 30 menit"],
  ])("formats %d minutes as %s", (minutes, text) => {
    expect(formatWorkingMinutes(kudus, minutes)).toBe(text);
  });
});

describe("elapsed time per step in the decision", () => {
  it("Kudus: each step is timed from the previous step's completion, in working time", async () => {
    const g = await preset("kudus");
    const t0 = local(g, "2026-11-27T15:50"); // Friday, 10 minutes before closing
    const [kadis, kabid] = chain(g, t0);
    const decision = decideApprovals({
      pull: pull(t0),
      reviews: [
        review(kadis as never, "APPROVED", local(g, "2026-11-27T15:58")),
        // Over the weekend: 2 minutes Friday + 15 minutes Monday = 17 > 10.
        review(kabid as never, "APPROVED", local(g, "2026-11-30T07:45")),
      ],
      files: NEW_REQUEST,
      now: local(g, "2026-11-30T08:00"),
      governance: g,
    });
    const [, s1, s2, s3] = decision.steps;
    expect([s1?.elapsedMinutes, s1?.overStandard]).toEqual([8, false]);
    expect([s2?.elapsedMinutes, s2?.overStandard]).toEqual([17, true]);
    expect([s3?.state, s3?.elapsedMinutes, s3?.startedAt]).toEqual([
      "waiting",
      15,
      local(g, "2026-11-30T07:45").toISOString(),
    ]);
  });

  it("Buol: the 1 x 24 h limit is wall-clock time from submission", async () => {
    const g = await preset("buol");
    const t0 = local(g, "2026-11-27T15:00");
    const decision = decideApprovals({
      pull: pull(t0, { merged_at: addMinutes(t0, 25 * 60).toISOString() }),
      reviews: chain(g, t0).map((p, i) => review(p, "APPROVED", addMinutes(t0, 10 + i * 5))),
      files: NEW_REQUEST,
      now: addMinutes(t0, 26 * 60),
      governance: g,
    });
    expect(decision.state).toBe("success");
    expect(decision.total).toEqual({
      elapsedMinutes: 1500,
      standardMinutes: 1440,
      kalender: true,
      overStandard: true,
    });
    const execution = decision.steps.find((s) => s.kind === "pelaksanaan");
    expect(execution?.state).toBe("done");
    expect(decision.reasons.map((r) => r.en).join()).toMatch(/Overall service time exceeds/);
  });
});
