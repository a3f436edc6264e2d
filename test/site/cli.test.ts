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

  it("builds without pull requests", async () => {
    const out = tempDir();
    const run = await domainops(["site", "--root", OFFICE, "--out", out], { now: NOW });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).not.toContain("issues/new");
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
