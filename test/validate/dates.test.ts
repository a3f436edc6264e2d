/**
 * Findings that depend on the day of the run: a request valid when merged must not turn into an
 * error on a later day for runs that are not about it (full runs: npm test, plan, apply, drift),
 * while the files a pull request changes are still held to today's date.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { validateRepository } from "../../src/adapters/repository.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { instantOfLocalDate } from "../../src/core/approvals/governance.ts";
import type { Rule } from "../../src/core/request/rule.ts";
import { validateSources } from "../../src/core/request/validate.ts";
import type { TempRepo } from "./helpers.ts";
import { NOW, POLICY, request, tempRepo } from "./helpers.ts";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** An event site, letter 2026-11-02, ending 2027-06-30: valid when merged in November 2026. */
const KEGIATAN = request("pilkada").replace(
  "klasifikasi: instansi",
  "klasifikasi: kegiatan\nberlaku_sampai: 2027-06-30",
);
/** Born 1956-12-01: 69 when merged in November 2026, 71 (over the limit of 70) in December 2027. */
const OLD_NIP = request("arsip").replace('nip: "197601012005012001"', 'nip: "195612012005012001"');

interface Report {
  errors: number;
  warnings: number;
  diagnostics: { file: string; rule: string; severity: string }[];
}

async function validate(args: string[], now: Date = NOW) {
  const io = memoryIo({ cwd: repo?.root ?? ".", now });
  const code = await main(["validate", "--format", "json", ...args], io);
  const out = io.out.join("");
  return { code, report: (out ? JSON.parse(out) : undefined) as Report, err: io.err.join("") };
}

const findings = (report: Report) => report.diagnostics.map((d) => `${d.file} ${d.severity} ${d.rule}`);

describe("date-dependent findings", () => {
  it.each([
    ["an expired kegiatan", "requests/pilkada.yaml", KEGIATAN, "kegiatan-expired", "2027-07-01"],
    ["an age-limited NIP", "requests/arsip.yaml", OLD_NIP, "nip-birth-date", "2027-12-01"],
  ])(
    "%s: valid when merged, later a warning in a full run and an error for the named file",
    async (_what, file, text, rule, later) => {
      repo = tempRepo({ [file]: text });
      const merged = await validate([file]);
      expect(merged.code).toBe(0);
      expect(merged.report.diagnostics).toEqual([]);

      const laterNow = instantOfLocalDate(later, "Asia/Jakarta");
      const full = await validate([], laterNow);
      expect(findings(full.report)).toEqual([`${file} warning ${rule}`]);
      expect(full.code).toBe(0);

      const named = await validate([file], laterNow);
      expect(findings(named.report)).toEqual([`${file} error ${rule}`]);
      expect(named.code).toBe(1);

      // --today reproduces both runs whatever the clock says.
      const fullAsOf = await validate(["--today", later]);
      expect(findings(fullAsOf.report)).toEqual([`${file} warning ${rule}`]);
      expect(fullAsOf.code).toBe(0);
      const namedAsOf = await validate(["--today", later, file]);
      expect(findings(namedAsOf.report)).toEqual([`${file} error ${rule}`]);
      expect(namedAsOf.code).toBe(1);
      const back = await validate(["--today", "2026-11-27", file], laterNow);
      expect(back.code).toBe(0);
      expect(back.report.diagnostics).toEqual([]);
    },
  );

  it("never blocks the full run that plan and apply make", async () => {
    repo = tempRepo({ "requests/pilkada.yaml": KEGIATAN, "requests/arsip.yaml": OLD_NIP });
    const result = await validateRepository(repo.root, {
      now: instantOfLocalDate("2028-01-01", "Asia/Jakarta"),
    });
    expect(result.errors).toBe(0);
    expect(result.diagnostics.map((d) => `${d.rule} ${d.severity}`).sort()).toEqual([
      "kegiatan-expired warning",
      "nip-birth-date warning",
    ]);
  });

  it.each([["2026-02-30"], ["tomorrow"], ["2026-1-5"], [""]])(
    "refuses --today %j as a usage error",
    async (value) => {
      repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
      const { code, err } = await validate(["--today", value]);
      expect(code).toBe(2);
      expect(err).toContain("--today");
    },
  );
});

describe("today is the office's date", () => {
  // The letter is dated 2026-11-02; a run at 23:30 UTC on 2026-11-01 is already 06:30 on the 2nd in WIB.
  it("counts a run at 23:30 UTC as the next day", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const { code, report } = await validate(["requests/dinkes.yaml"], new Date("2026-11-01T23:30:00Z"));
    expect(report.diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  // 16:30 UTC is 23:30 WIB (still the 1st) but 00:30 WITA (the 2nd): the calendar's zone decides.
  it.each([
    ["Asia/Makassar", 0, []],
    ["Asia/Jakarta", 1, ["requests/dinkes.yaml error surat-date-future"]],
  ])("takes the zone from governance/calendar.yaml (%s)", async (zone, exit, expected) => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const calendar = readFileSync(join(repo.root, "governance/calendar.yaml"), "utf8");
    repo.write("governance/calendar.yaml", calendar.replace(/^zona_waktu: .*$/m, `zona_waktu: ${zone}`));
    const { code, report } = await validate(["requests/dinkes.yaml"], new Date("2026-11-01T16:30:00Z"));
    expect(findings(report)).toEqual(expected);
    expect(code).toBe(exit);
  });

  it("reports an unknown zona_waktu on the calendar", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const calendar = readFileSync(join(repo.root, "governance/calendar.yaml"), "utf8");
    repo.write("governance/calendar.yaml", calendar.replace(/^zona_waktu: .*$/m, "zona_waktu: Asia/Tokyo"));
    const { code, report } = await validate([]);
    expect(findings(report)).toEqual(["governance/calendar.yaml error policy-schema"]);
    expect(code).toBe(1);
  });

  it("places --today at noon of that date in the office zone", () => {
    expect(instantOfLocalDate("2026-11-02", "Asia/Makassar").toISOString()).toBe("2026-11-02T04:00:00.000Z");
    expect(instantOfLocalDate("2026-11-02", "Asia/Jayapura").toISOString()).toBe("2026-11-02T03:00:00.000Z");
  });
});

describe("the engine", () => {
  const dated: Rule = {
    id: "test-dated",
    severity: "error",
    dependsOnDate: true,
    summary: { id: "bertanggal", en: "dated" },
    check: () => [{ path: ["subdomain"], message: { id: "x", en: "x" } }],
  };
  const plain: Rule = { ...dated, id: "test-plain", check: dated.check };
  delete (plain as { dependsOnDate?: true }).dependsOnDate;

  it.each([
    ["warning", ["test-dated warning", "test-plain error"]],
    ["error", ["test-dated error", "test-plain error"]],
    [undefined, ["test-dated error", "test-plain error"]],
  ] as const)("downgrades only rules marked dependsOnDate (dateFindings %s)", (dateFindings, expected) => {
    const result = validateSources({
      targets: [{ path: "requests/dinkes.yaml", bytes: request("dinkes") }],
      siblings: ["dinkes.yaml"],
      lookup: () => undefined,
      policy: POLICY,
      now: NOW,
      rules: [dated, plain],
      ...(dateFindings ? { dateFindings } : {}),
    });
    expect(result.diagnostics.map((d) => `${d.rule} ${d.severity}`)).toEqual(expected);
  });
});
