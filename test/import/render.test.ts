import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli, LISTING, makeOffice, type Report, removeOffices } from "./helpers.ts";

afterEach(removeOffices);

async function importText(zone: string, format = "text") {
  const root = makeOffice();
  writeFileSync(path.join(root, "zona.db"), zone);
  return cli(["import", "--root", root, "--from", "zona.db", "--format", format], root);
}

describe("the text report", () => {
  it("summarises in both languages what was written, protected and left out", async () => {
    const run = await importText(
      [
        "$ORIGIN kuduskab.go.id.",
        "@ 3600 IN SOA ada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600",
        "bappeda 300 IN A 103.147.222.50",
        "localhost IN A 127.0.0.1",
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(1);
    expect(run.out).toMatchInlineSnapshot(`
      "Impor zona kuduskab.go.id (import of the zone): 1 rekaman dalam 1 permohonan (records in requests), 1 tidak diimpor (not imported), 1 SOA/NS apeks (apex SOA/NS, kept by the zone), 1 nama ke governance/existing.yaml (names protected).

      Permohonan ditulis (requests written):
        requests/bappeda.yaml (1)

      Dilindungi di governance/existing.yaml (protected in governance/existing.yaml):
        localhost

      Tidak diimpor (not imported):
        zona.db:4 localhost.kuduskab.go.id A 127.0.0.1
          dns-address-not-public: dns[0] A @: "127.0.0.1" ada di 127.0.0.0/8: loopback (RFC 1122), dan tidak dapat dipakai sebagai… (+113)
          (dns-address-not-public: dns[0] A @: "127.0.0.1" is in 127.0.0.0/8: loopback (RFC 1122), and cannot serve as a site's add… (+111))

      Berikutnya: lengkapi surat dan pejabat di setiap permohonan (aturan impor-incomplete), lalu \`domainops validate\`.
      Next: complete the letter and officials of every request (rule impor-incomplete), then \`domainops validate\`.
      "
    `);
  });
});

describe("the note on the first apply after pulumi import", () => {
  it("counts the records whose comment or tags the program will remove", async () => {
    const root = makeOffice();
    const run = await cli(["import", "--root", root, "--from", LISTING], root);
    // 16 records imported: one (dinkes) carries a comment, one (getasrabi.desa) a tag.
    expect(run.out).toContain("Note: the first `pulumi up` removes the Cloudflare comment of 1 records");
    expect(run.out).toContain("and the Cloudflare tags of 1;");
  });

  it("is left out for a zone file, whose records are created, not adopted", async () => {
    const run = await importText("bappeda 300 IN A 103.147.222.50\n");
    expect(run.out).not.toContain("pulumi up");
  });
});

describe("hostile names and contents", () => {
  const zone = [
    "$ORIGIN kuduskab.go.id.",
    // A line break, an escape sequence and a bidi override spelled as bytes in the owner name.
    "evil\\010::error::x IN A 103.147.222.1",
    "esc\\027[31m IN A 103.147.222.2",
    "bidi\\226\\128\\174 IN A 103.147.222.3",
    // Parentheses are zone-file syntax, so a name holding them escapes them.
    '**bold**.[link]\\(http://x\\) IN TXT "## heading\\010::warning::y <img src=x>"',
    `besar IN TXT "${"x".repeat(1024 * 1024)}"`,
    "",
  ].join("\n");

  it("never crashes, and the text report shows every value on one inert line", async () => {
    const run = await importText(zone);
    expect(run.code).toBe(1);
    for (const line of run.out.split(/\r\n|\r|\n|\u2028|\u2029/)) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(line.trimStart()).not.toMatch(/^(::|##\[)/);
      expect(line.length).toBeLessThan(2000);
    }
    expect(run.out).toContain("evil\\u000a::error::x.kuduskab.go.id");
    expect(run.out).toContain("bidi\\u202e.kuduskab.go.id");
  });

  it("keeps the values exact in JSON, and leaves every hostile record out with a reason", async () => {
    const run = await importText(zone, "json");
    const report = JSON.parse(run.out) as Report;
    const names = report.notImported.map((n) => n.name);
    expect(names).toContain("evil\n::error::x.kuduskab.go.id");
    expect(names).toContain("esc\u001b[31m.kuduskab.go.id");
    expect(names).toContain("**bold**.[link](http://x).kuduskab.go.id");
    // 1 MiB of TXT does not fit in a request file (64 KiB): left out, named, protected.
    const big = report.notImported.find((n) => n.name === "besar.kuduskab.go.id");
    expect(big?.reason).toContain("file-too-large");
    expect(big?.content).toHaveLength(1024 * 1024);
    expect(report.existing).toEqual(["besar"]);
    expect(report.requests).toEqual([]);
  });
});
