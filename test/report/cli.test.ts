import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import type { GitHubFactory } from "../../src/cli/args.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { run } from "../../src/cli/report.ts";
import { parseSavedPulls } from "../../src/core/reports/pulls-file.ts";
import { removeRoots, tempDir } from "../cli/helpers.ts";
import { fakePulls } from "./fake-pulls.ts";
import { AFTER_MONTH, PULLS_FILE, REPORT_ROOT, rawPulls, savedPulls } from "./helpers.ts";

afterEach(removeRoots);

/** A closed PR last updated in October: older than the listing's margin, never read further. */
const OCTOBER = {
  pull: {
    ...(rawPulls()[0]?.pull as Record<string, unknown>),
    number: 90,
    created_at: "2026-10-01T09:00:00+07:00",
    merged_at: "2026-10-02T09:00:00+07:00",
    closed_at: "2026-10-02T09:00:00+07:00",
    updated_at: "2026-10-02T09:00:00+07:00",
  },
  reviews: [],
  files: [{ filename: "requests/lama.yaml", status: "added" }],
};

async function domainops(args: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ cwd: REPORT_ROOT, now: AFTER_MONTH, env });
  const code = await main(args, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

function factory(fetch: typeof globalThis.fetch): GitHubFactory {
  return (options) => createGitHub({ ...options, fetch, retries: 0 });
}

describe("domainops report --pulls", () => {
  it("prints the month's JSON report from a saved file", async () => {
    const { code, out, err } = await domainops([
      "report",
      "--month",
      "2026-12",
      "--pulls",
      PULLS_FILE,
      "--format",
      "json",
    ]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.requests).toEqual({ received: 5, completed: 4, returned: 1, openAtMonthEnd: 1 });
    expect(json.total).toMatchObject({ medianMinutes: 340, p90Minutes: 780 });
  });

  it("without --month reports the office's current month, in its time zone", async () => {
    // 18:00 UTC on 30 November is 01:00 on 1 December in Kudus (WIB).
    const io = memoryIo({ cwd: REPORT_ROOT, now: new Date("2026-11-30T18:00:00Z") });
    const code = await main(["report", "--pulls", PULLS_FILE, "--format", "json"], io);
    expect(io.err.join("")).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(io.out.join(""))).toMatchObject({ month: "2026-12" });
    const before = memoryIo({ cwd: REPORT_ROOT, now: new Date("2026-11-30T16:59:00Z") });
    expect(await main(["report", "--pulls", PULLS_FILE, "--format", "json"], before)).toBe(0);
    expect(JSON.parse(before.out.join(""))).toMatchObject({ month: "2026-11" });
  });

  it("prints Markdown by default and CSV on request", async () => {
    const markdown = await domainops(["report", "--month", "2026-12", "--pulls", PULLS_FILE]);
    expect(markdown.code).toBe(0);
    expect(markdown.out).toMatch(/^# Laporan kegiatan layanan subdomain 2026-12 \(service report\)\n/);
    const csv = await domainops(["report", "--month", "2026-12", "--pulls", PULLS_FILE, "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.out.split("\r\n")).toContain("ringkasan,diterima,Permohonan diterima (received),,,5,,,,,");
  });

  it("is listed among the commands", async () => {
    const { code, out } = await domainops(["--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}report +laporan kegiatan/m);
  });

  it.each([
    [
      ["report", "--month", "2026-13", "--pulls", "x.json"],
      "bukan bulan YYYY-MM, mis. 2026-12 (not a month YYYY-MM",
    ],
    [["report", "--month", "2026-12"], "perlu tepat satu dari --repo atau --pulls (needs exactly one"],
    [
      ["report", "--month", "2026-12", "--pulls", "x.json", "--repo", "a/b"],
      "perlu tepat satu dari --repo atau --pulls",
    ],
    [
      ["report", "--month", "2026-12", "--pulls", "x.json", "--save-pulls", "y.json"],
      "--save-pulls hanya dengan --repo",
    ],
    [["report", "--month", "2026-12", "--pulls", "tidak-ada.json"], "tidak dapat membaca --pulls"],
    [
      ["report", "--month", "2026-12", "--pulls", "governance/sop.yaml"],
      "bukan JSON yang sah (not valid JSON)",
    ],
    [
      ["report", "--month", "2026-12", "--pulls", PULLS_FILE, "--format", "xlsx"],
      'format tidak dikenal "xlsx"',
    ],
    [["report", "--month", "2026-12", "--repo", "diskominfo-kudus/domain"], "token GitHub tidak ada"],
  ])("%j: usage error, exit 2", async (args, message) => {
    const { code, out, err } = await domainops(args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(message);
    expect(err).toContain("domainops report --help");
  });

  it("refuses a saved file of the wrong shape, naming where", async () => {
    const dir = tempDir();
    const file = path.join(dir, "pulls.json");
    writeFileSync(file, JSON.stringify([{ pull: {}, reviews: [], files: [] }]));
    const { code, err } = await domainops(["report", "--month", "2026-12", "--pulls", file]);
    expect(code).toBe(2);
    expect(err).toContain("bukan berkas PR tersimpan (not a saved-pulls file): [0].pull: missing number");
  });
});

describe("domainops report --repo", () => {
  it("reads open and recent closed pull requests with reviews and files, page by page", async () => {
    const fake = fakePulls({ pulls: [...rawPulls(), OCTOBER], pageSize: 2 });
    const io = memoryIo({ cwd: REPORT_ROOT, now: AFTER_MONTH, env: { GITHUB_TOKEN: "ghs_test" } });
    const code = await run(
      ["--month", "2026-12", "--repo", "diskominfo-kudus/domain", "--format", "json"],
      io,
      factory(fake.fetch),
    );
    expect(io.err.join("")).toBe("");
    expect(code).toBe(0);
    const fromFile = await domainops([
      "report",
      "--month",
      "2026-12",
      "--pulls",
      PULLS_FILE,
      "--format",
      "json",
    ]);
    expect(JSON.parse(io.out.join(""))).toEqual(JSON.parse(fromFile.out));

    const listings = fake.calls.filter((c) => c.path.endsWith("/pulls"));
    expect(
      listings.map((c) => [c.query.get("state"), c.query.get("sort"), c.query.get("page") ?? "1"]),
    ).toEqual([
      ["open", "updated", "1"],
      // Closed ones, newest update first, 2 a page: 104, 103 | 106, 102 | 107, 101 | 90 (October: stop).
      ["closed", "updated", "1"],
      ["closed", "updated", "2"],
      ["closed", "updated", "3"],
      ["closed", "updated", "4"],
    ]);
    const read = fake.calls.filter((c) => c.path.endsWith("/reviews")).map((c) => c.path.split("/")[5]);
    // #90 is older than the month's start less the margin: its reviews and files are never read.
    expect(read).toEqual(["105", "104", "103", "106", "102", "107", "101"]);
  });

  it("--save-pulls writes the saved-pulls file that --pulls reads back", async () => {
    const fake = fakePulls({ pulls: rawPulls() });
    const dir = tempDir();
    const target = path.join(dir, "pulls.json");
    const io = memoryIo({ cwd: dir, now: AFTER_MONTH, env: { GITHUB_TOKEN: "ghs_test" } });
    const code = await run(
      [
        "--month",
        "2026-12",
        "--repo",
        "diskominfo-kudus/domain",
        "--root",
        REPORT_ROOT,
        "--save-pulls",
        "pulls.json",
      ],
      io,
      factory(fake.fetch),
    );
    expect(code).toBe(0);
    const parsed = parseSavedPulls(JSON.parse(readFileSync(target, "utf8")));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const byNumber = (a: { pull: { number: number } }, b: { pull: { number: number } }) =>
      a.pull.number - b.pull.number;
    expect([...parsed.value].sort(byNumber)).toEqual(savedPulls().sort(byNumber));
    const again = await domainops(["report", "--month", "2026-12", "--pulls", target]);
    expect(again.out).toBe(io.out.join(""));
  });

  it("stops at 30 pages of a listing rather than read on without end", async () => {
    const open = rawPulls().find((item) => (item.pull as { number: number }).number === 105) as {
      pull: Record<string, unknown>;
    };
    const many = Array.from({ length: 31 }, (_, i) => ({
      pull: { ...open.pull, number: 200 + i },
      reviews: [],
      files: [],
    }));
    const fake = fakePulls({ pulls: many, pageSize: 1 });
    const io = memoryIo({ cwd: REPORT_ROOT, now: AFTER_MONTH, env: { GITHUB_TOKEN: "ghs_test" } });
    await expect(
      run(["--month", "2026-12", "--repo", "diskominfo-kudus/domain"], io, factory(fake.fetch)),
    ).rejects.toThrow(/lebih dari 30 entri, batas 30 halaman/);
    expect(fake.calls.filter((c) => c.path.endsWith("/pulls"))).toHaveLength(30);
    expect(fake.calls.some((c) => c.path.endsWith("/reviews"))).toBe(false);
  });

  it("turns a GitHub failure into one DomainopsError, which the entry point makes exit 2", async () => {
    const fake = fakePulls({ pulls: rawPulls(), failWith: 500 });
    const io = memoryIo({ cwd: REPORT_ROOT, now: AFTER_MONTH, env: { GITHUB_TOKEN: "ghs_test" } });
    await expect(
      run(["--month", "2026-12", "--repo", "diskominfo-kudus/domain"], io, factory(fake.fetch)),
    ).rejects.toThrow(/GitHub: gagal membaca daftar PR \(HTTP 500\)/);
  });
});
