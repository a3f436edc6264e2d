import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { domainops, removeRoots, tempDir } from "../cli/helpers.ts";
import { OFFICE, TOOL } from "../support/office.ts";

const PULLS = path.join(TOOL, "test/fixtures/site/pulls.json");
const NOW = new Date("2026-12-01T10:00:00Z");

afterEach(removeRoots);

describe("domainops site", () => {
  it("writes the registry of the office with its open requests", async () => {
    const out = tempDir();
    const run = await domainops(
      ["site", "--root", OFFICE, "--out", out, "--pulls", PULLS, "--repo", "kab-kudus/domain"],
      {
        now: NOW,
      },
    );
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toContain("9 subdomain aktif, 2 permohonan terbuka");
    for (const file of ["index.html", "en/index.html", "assets/site.css", "assets/site.js"]) {
      expect(existsSync(path.join(out, file))).toBe(true);
    }
    const html = readFileSync(path.join(out, "index.html"), "utf8");
    expect(html.match(/<tr data-hosting=/g)).toHaveLength(9);
    // dinkes went live with the merge of #12 (2026-10-07 03:00 UTC); rsud's #13 was never merged.
    expect(html).toMatch(/dinkes\.kuduskab\.go\.id<\/th>.*<td>2026-10-07<\/td><\/tr>/);
    expect(html).toMatch(/rsud\.kuduskab\.go\.id<\/th>.*\(tanggal surat\)/);
    expect(html).toContain("#40</a> &lt;script&gt;");
    expect(html).not.toContain("pemohon@contoh.go.id");
    // Nothing personal from the requests or the pull requests.
    for (const secret of [
      "197805122005012003",
      "arif.setiawan",
      "arifsetiawan-dinkes",
      "pemohon-rahasia",
      "kds-kasi",
    ]) {
      expect(html).not.toContain(secret);
    }
  });

  it("shows the month's service report from the pull requests, in both languages", async () => {
    const out = tempDir();
    const run = await domainops(["site", "--root", OFFICE, "--out", out, "--pulls", PULLS], {
      now: new Date("2026-11-30T10:00:00Z"),
    });
    expect(run.code).toBe(0);
    const html = readFileSync(path.join(out, "index.html"), "utf8");
    // November: #40 and #41 opened, #41 returned with changes, both still open; #40's first step was
    // approved 08:00 → 09:00 WIB, 60 working minutes against the Kudus standard of 10.
    expect(html).toContain('<h2 id="report-heading">Laporan layanan bulan 2026-11</h2>');
    expect(html).toContain("Diterima 2, selesai 0, dikembalikan 1, masih terbuka 2");
    expect(html).toMatch(
      /<th scope="row">Kepala Dinas [^<]*<\/th><td>1<\/td><td>1 jam<\/td><td>1 jam<\/td><td>10 menit<\/td><td>1<\/td>/,
    );
    const en = readFileSync(path.join(out, "en/index.html"), "utf8");
    expect(en).toContain("Received 2, completed 0, returned 1, still open 2");
    expect(en).toMatch(/<td>1<\/td><td>1 h<\/td><td>1 h<\/td><td>10 min<\/td><td>1<\/td>/);
  });

  it("builds without pull requests", async () => {
    const out = tempDir();
    const run = await domainops(["site", "--root", OFFICE, "--out", out], { now: NOW });
    expect(run.code).toBe(0);
    const html = readFileSync(path.join(out, "index.html"), "utf8");
    expect(html).not.toContain("issues/new");
    expect(html).not.toContain("report-heading");
  });

  it.each([
    [["site", "--root", OFFICE], /--out DIR wajib/],
    [["site", "--out", "x", "--repo", "not a repo"], /owner\/name/],
  ])("refuses %j", async (args, message) => {
    const run = await domainops(args, { now: NOW });
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  it("refuses a broken saved-pulls file, naming where", async () => {
    const dir = tempDir();
    const broken = path.join(dir, "pulls.json");
    writeFileSync(broken, JSON.stringify([{ pull: { number: 1 }, reviews: [], files: [] }]));
    const run = await domainops(["site", "--root", OFFICE, "--out", dir, "--pulls", broken], { now: NOW });
    expect(run.code).toBe(2);
    expect(run.err).toContain("[0].pull: missing user");
    expect(existsSync(path.join(dir, "index.html"))).toBe(false);
  });
});
