import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runTool, spawnTool } from "../../src/adapters/tool.ts";
import { buildDesiredState } from "../../src/core/infra/desired-state.ts";
import { renderZoneFile, splitTxt } from "../../src/core/infra/zonefile.ts";
import { request, settings } from "./helpers.ts";

const zone = settings();
const dir = mkdtempSync(path.join(tmpdir(), "domainops-zone-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const longTxt = `v=DKIM1; k=rsa; p=${"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9)}`;
const state = buildDesiredState(
  [
    request("dinkes", "server", [
      { type: "MX", content: "mail.dinkes-mail.example.net", priority: 10 },
      { type: "TXT", content: 'v=spf1 include:_spf.example.net ~all "quoted" back\\slash' },
      { type: "TXT", name: "sel1._domainkey", content: longTxt },
      { type: "CAA", content: "letsencrypt.org", flags: 0, tag: "issue" },
      { type: "CAA", content: "mailto:security@kuduskab.go.id", flags: 128, tag: "iodef" },
    ]),
    request("arsip", "tunnel"),
    request("pariwisata", "static"),
    request("bkd", "eksternal", [
      { type: "A", content: "198.51.100.7", ttl: 3600 },
      {
        type: "SRV",
        name: "_sip._tcp",
        content: "sip.example.net",
        priority: 10,
        weight: 5,
        port: 5060,
        ttl: 600,
      },
      { type: "TXT", name: "_info", content: "Badan Kepegawaian Daerah — layanan ÀÉ" },
    ]),
  ],
  zone,
);
const text = renderZoneFile(state, {
  nameservers: zone.nameservers,
  serial: 2026112701,
});

function checkzone(body: string): { status: number | null; output: string } {
  const file = path.join(dir, `zone-${Math.random().toString(36).slice(2)}.db`);
  writeFileSync(file, body);
  const result = spawnTool("named-checkzone", [
    "-i",
    "full",
    "-k",
    "fail",
    "-n",
    "fail",
    "kuduskab.go.id",
    file,
  ]);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("renderZoneFile", () => {
  it("is accepted by BIND's named-checkzone", () => {
    const result = checkzone(text);
    expect(result.output).toContain("OK");
    expect(result.status).toBe(0);
  });

  it("the checker rejects a broken file (so the check above means something)", () => {
    const broken = `${text}dinkes IN CNAME www.example.net.\n`;
    const result = checkzone(broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/CNAME and other data/);
  });

  it("writes relative owners, absolute targets and the record fields in zone-file order", () => {
    expect(text).toContain("$ORIGIN kuduskab.go.id.\n$TTL 300\n");
    expect(text).toContain("@ IN SOA ada.ns.cloudflare.com. hostmaster.kuduskab.go.id. 2026112701 ");
    expect(text).toContain("@ IN NS bob.ns.cloudflare.com.\n");
    expect(text).toContain("dinkes IN A 203.0.113.10 ; proxied\n");
    expect(text).toContain("dinkes IN MX 10 mail.dinkes-mail.example.net.\n");
    expect(text).toContain('dinkes IN CAA 0 issue "letsencrypt.org"\n');
    expect(text).toContain('dinkes IN CAA 128 iodef "mailto:security@kuduskab.go.id"\n');
    expect(text).toContain(
      'dinkes IN TXT "v=spf1 include:_spf.example.net ~all \\"quoted\\" back\\\\slash"\n',
    );
    expect(text).toContain("_sip._tcp.bkd 600 IN SRV 10 5 5060 sip.example.net.\n");
    expect(text).toContain("bkd 3600 IN A 198.51.100.7\n");
    expect(text).toContain(
      "arsip IN CNAME 6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f.cfargotunnel.com. ; proxied\n",
    );
    expect(text).toContain("pariwisata IN CNAME pariwisata-kuduskab.pages.dev. ; proxied\n");
  });

  it("round-trips TXT split into 255-byte strings through the real parser", () => {
    const canonical = path.join(dir, "canonical.db");
    const source = path.join(dir, "source.db");
    writeFileSync(source, text);
    runTool("named-compilezone", ["-o", canonical, "kuduskab.go.id", source]);
    const out = readFileSync(canonical, "utf8");
    const dkim = out.split("\n").find((line) => line.startsWith("sel1._domainkey.dinkes.kuduskab.go.id."));
    const strings = [...(dkim ?? "").matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "");
    expect(strings.length).toBeGreaterThan(1);
    expect(strings.join("")).toBe(longTxt);
    expect(out).toContain('"Badan Kepegawaian Daerah \\226\\128\\148 layanan \\195\\128\\195\\137"');
  });
});

describe("splitTxt", () => {
  it("splits at 255 bytes without cutting a UTF-8 character", () => {
    const parts = splitTxt(`${"a".repeat(254)}é${"b".repeat(10)}`);
    expect(parts).toEqual([`"${"a".repeat(254)}"`, `"\\195\\169${"b".repeat(10)}"`]);
    expect(splitTxt("x".repeat(510))).toEqual([`"${"x".repeat(255)}"`, `"${"x".repeat(255)}"`]);
    expect(splitTxt("")).toEqual(['""']);
  });
});
