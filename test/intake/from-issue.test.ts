/**
 * The converter over bodies as GitHub renders the form: answers become the request, strings stay
 * strings for every YAML reader, and every problem of the body is a finding at its line and field.
 */

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { convertIssue, type IntakeDiagnostic, MAX_BODY_BYTES } from "../../src/core/intake/from-issue.ts";
import { headingLine, VALID, withAnswer } from "./helpers.ts";

const AUTHOR = "dewi-lestari";

function request(body: string): Record<string, unknown> {
  const result = convertIssue(body, AUTHOR);
  expect(result.diagnostics).toEqual([]);
  return parse(result.content ?? "", { version: "1.1" }) as Record<string, unknown>;
}

function findings(body: string): { rule: string; line: number; field: string | null }[] {
  return convertIssue(body, AUTHOR).diagnostics.map((d: IntakeDiagnostic) => ({
    rule: d.rule,
    line: d.line,
    field: d.field,
  }));
}

const label = {
  subdomain: "Subdomain (requested name)",
  nama: "Nama instansi (unit name)",
  jenis: "Jenis instansi (kind of unit)",
  tujuan: "Tujuan penggunaan (purpose)",
  nip: "NIP penanggung jawab (official's civil servant number)",
  hosting: "Jenis hosting (hosting kind)",
  service: "Layanan asal tunnel (tunnel origin service)",
  paket: "Paket akun hosting (hosting package)",
  php: "Versi PHP (PHP version)",
  database: "Basis data (database)",
  dns: "Catatan DNS (DNS records)",
  catatan: "Catatan (notes)",
  pdp: "Data pribadi (personal data)",
};

describe("from-issue: a body as GitHub renders it", () => {
  it("becomes the request, with the issue author as pengelola_teknis.github", () => {
    const result = convertIssue(VALID, AUTHOR);
    expect(result.file).toBe("requests/bappeda.yaml");
    expect(request(VALID)).toEqual({
      subdomain: "bappeda",
      instansi: { nama: "Badan Perencanaan Pembangunan Daerah Kabupaten Kudus", jenis: "badan" },
      surat: {
        nomor: "000.7/412/25.01/2026",
        tanggal: "2026-11-02",
        perihal: "Permohonan subdomain dan hosting website Bappeda",
      },
      penanggung_jawab: {
        nama: "Ir. Bambang Sutrisno, M.T.",
        nip: "197003151996031002",
        jabatan: "Kepala Bappeda",
        email: "bappeda@kuduskab.go.id",
      },
      pengelola_teknis: {
        nama: "Dewi Lestari, S.Kom.",
        email: "dewi.lestari@kuduskab.go.id",
        github: AUTHOR,
      },
      tujuan:
        "Website profil Bappeda dan publikasi **dokumen perencanaan** (RPJMD, RKPD).\n\nJuga:\n- agenda musrenbang\n- [unduhan](https://kuduskab.go.id)",
      klasifikasi: "instansi",
      hosting: { jenis: "server", akun: { paket: "kecil", php: "8.2", database: true } },
      dns: [
        { type: "MX", content: "mail.kuduskab.go.id", priority: 10 },
        { type: "TXT", content: "v=spf1 mx a:mail.kuduskab.go.id -all" },
        { type: "TXT", name: "_dmarc", content: "v=DMARC1; p=quarantine; rua=mailto:dmarc@kuduskab.go.id" },
        { type: "CAA", content: "letsencrypt.org", tag: "issue", flags: 0 },
      ],
      catatan: "Cadangan harian ke server Diskominfo.",
    });
  });

  it("reads \\r\\n line ends, lowercase and uppercase ticks, and leaves empty optional answers out", () => {
    const crlf = VALID.replaceAll("\n", "\r\n").replace("- [X] Perlu", "- [x] Perlu");
    expect(request(crlf)).toEqual(request(VALID));
    const unticked = withAnswer(
      VALID,
      label.database,
      "- [ ] Perlu basis data MariaDB (needs a MariaDB database)",
    );
    const bare = withAnswer(withAnswer(unticked, label.nip, "_No response_"), label.dns, "_No response_");
    const data = request(withAnswer(bare, label.catatan, "_No response_"));
    expect(data).not.toHaveProperty("dns");
    expect(data).not.toHaveProperty("catatan");
    expect(data).not.toHaveProperty("berlaku_sampai");
    expect(data.penanggung_jawab).not.toHaveProperty("nip");
    expect(data.hosting).toEqual({ jenis: "server", akun: { paket: "kecil", php: "8.2" } });
  });

  it("keeps values YAML would misread as text (8.2, no, dates, numbers) quoted", () => {
    const body = withAnswer(withAnswer(VALID, label.nama, "no"), label.paket, "2026-11-01");
    const content = convertIssue(body, AUTHOR).content ?? "";
    expect(content).toContain('nama: "no"');
    expect(content).toContain('php: "8.2"');
    expect(content).toContain('tanggal: "2026-11-02"');
    expect(content).toContain('nip: "197003151996031002"');
    const data = parse(content, { version: "1.1" }) as {
      instansi: { nama: unknown };
      hosting: { akun: { paket: unknown } };
    };
    expect(data.instansi.nama).toBe("no");
    expect(data.hosting.akun.paket).toBe("2026-11-01");
  });

  it("takes the DNS records without the code fence, and also as bare lines", () => {
    const bare = withAnswer(
      VALID,
      label.dns,
      "A | www | 203.0.113.10 | proxied=true | ttl=300\n\n# komentar\nSRV | _sip._tcp | sip.kuduskab.go.id | priority=10 | weight=5 | port=5060",
    );
    expect(request(bare).dns).toEqual([
      { type: "A", name: "www", content: "203.0.113.10", proxied: true, ttl: 300 },
      { type: "SRV", name: "_sip._tcp", content: "sip.kuduskab.go.id", priority: 10, weight: 5, port: 5060 },
    ]);
  });
});

describe("from-issue: problems of the body, each located", () => {
  it("a heading that is not a field, and a field twice", () => {
    const extra = VALID.replace("### Catatan (notes)", "### Lainnya\n\nhalo\n\n### Catatan (notes)");
    expect(findings(extra)).toEqual([
      { rule: "issue-unknown-heading", line: headingLine(extra, "Lainnya"), field: null },
    ]);
    const twice = `${VALID}\n### ${label.nama}\n\nDinas Lain\n`;
    const line = twice.split("\n").lastIndexOf(`### ${label.nama}`) + 1;
    expect(findings(twice)).toEqual([{ rule: "issue-duplicate-heading", line, field: "instansi-nama" }]);
  });

  it("a heading inside a code block is part of the answer, not a field", () => {
    const body = withAnswer(VALID, label.catatan, "```sh\n### Lainnya\necho ok\n```");
    expect(request(body).catatan).toBe("```sh\n### Lainnya\necho ok\n```");
  });

  it("a required field missing or left empty, and text before the first field", () => {
    const missing = VALID.replace(
      `### ${label.nama}\n\nBadan Perencanaan Pembangunan Daerah Kabupaten Kudus\n\n`,
      "",
    );
    expect(findings(missing)).toEqual([{ rule: "issue-field-missing", line: 1, field: "instansi-nama" }]);
    const empty = withAnswer(VALID, label.jenis, "None");
    expect(findings(empty)).toEqual([
      { rule: "issue-field-required", line: headingLine(empty, label.jenis) + 2, field: "instansi-jenis" },
    ]);
    const unticked = withAnswer(
      VALID,
      label.pdp,
      "- [ ] Saya tidak mencantumkan NIK, nomor HP pribadi, atau pindaian dokumen. (I have not included ID card numbers, private phone numbers or document scans.)",
    );
    expect(findings(unticked)).toEqual([
      { rule: "issue-field-required", line: headingLine(unticked, label.pdp) + 2, field: "pdp" },
    ]);
    expect(findings(`Halo admin\n\n${VALID}`)).toEqual([
      { rule: "issue-unexpected-text", line: 1, field: null },
    ]);
  });

  it("a dropdown value that is not an option, a malformed checkbox, a second line in an input", () => {
    const option = withAnswer(VALID, label.hosting, "cpanel");
    expect(findings(option)).toEqual([
      { rule: "issue-field-option", line: headingLine(option, label.hosting) + 2, field: "hosting-jenis" },
    ]);
    const box = withAnswer(VALID, label.database, "- [x] ya");
    expect(findings(box)).toEqual([
      { rule: "issue-field-checkbox", line: headingLine(box, label.database) + 2, field: "akun-database" },
    ]);
    const injected = withAnswer(VALID, label.subdomain, "foo\nhosting: {jenis: eksternal}");
    expect(findings(injected)).toEqual([{ rule: "issue-field-multiline", line: 3, field: "subdomain" }]);
    expect(convertIssue(injected, AUTHOR).content).toBeNull();
  });

  it("answers of another hosting kind, and account details without a package", () => {
    const tunnel = withAnswer(VALID, label.service, "http://10.10.1.20:80");
    expect(findings(tunnel)).toEqual([
      { rule: "issue-field-hosting", line: headingLine(tunnel, label.service) + 2, field: "hosting-service" },
    ]);
    const noPackage = withAnswer(VALID, label.paket, "_No response_");
    expect(findings(noPackage)).toEqual([
      { rule: "issue-field-required", line: headingLine(noPackage, label.paket) + 2, field: "akun-paket" },
    ]);
  });

  it("DNS lines it cannot read, at their line and column", () => {
    const body = withAnswer(
      VALID,
      label.dns,
      "```text\nMX | @ | mail.kuduskab.go.id | prio=10\nTXT @ hello\nA | @ | 203.0.113.1 | ttl=abc\nA | @ | 203.0.113.2 | __proto__=1\n```",
    );
    const first = headingLine(body, label.dns) + 3;
    const list = convertIssue(body, AUTHOR).diagnostics;
    expect(list.map((d) => ({ rule: d.rule, line: d.line, column: d.column }))).toEqual([
      { rule: "issue-dns-line", line: first, column: 32 },
      { rule: "issue-dns-line", line: first + 1, column: 1 },
      { rule: "issue-dns-line", line: first + 2, column: 23 },
      { rule: "issue-dns-line", line: first + 3, column: 23 },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("control and bidi characters, at their line and column", () => {
    const body = withAnswer(withAnswer(VALID, label.nama, "Dinas\u202eKesehatan"), label.catatan, "ok\u0007");
    expect(convertIssue(body, AUTHOR).diagnostics.map((d) => [d.rule, d.line, d.column, d.field])).toEqual([
      ["issue-control-character", headingLine(body, label.nama) + 2, 6, "instansi-nama"],
      ["issue-control-character", headingLine(body, label.catatan) + 2, 3, "catatan"],
    ]);
  });

  it("a body over 64 KiB (here 1 MB) is one finding, not parsed", () => {
    const huge = VALID + "a".repeat(1024 * 1024);
    const started = performance.now();
    const result = convertIssue(huge, AUTHOR);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.file).toBeNull();
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.field])).toEqual([["issue-too-large", 1, null]]);
    expect(result.diagnostics[0]?.message.en).toContain(String(MAX_BODY_BYTES));
  });

  it("invalid UTF-8 is a finding", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(VALID), 0xff, 0xfe]);
    expect(findings(bytes as unknown as string)).toEqual([
      { rule: "issue-invalid-utf8", line: 1, field: null },
    ]);
  });
});

describe("from-issue: hostile answers stay data", () => {
  it("YAML syntax in a textarea is text, and the hosting chosen in the form stands", () => {
    const body = withAnswer(
      VALID,
      label.tujuan,
      "foo\nhosting: {jenis: eksternal}\n&a [1]\n*a\n!!js/function 'function () { process.exit(1) }'",
    );
    const data = request(body);
    expect(data.tujuan).toBe(
      "foo\nhosting: {jenis: eksternal}\n&a [1]\n*a\n!!js/function 'function () { process.exit(1) }'",
    );
    expect((data.hosting as { jenis: string }).jenis).toBe("server");
  });

  it("anchors, aliases, tags and __proto__ in inputs come out as the same strings", () => {
    for (const value of [
      "&a",
      "*a",
      "!!js/function f()",
      "__proto__",
      "<script>alert(1)</script>",
      "{a: 1}",
      "- x",
      "# x",
      "'",
      '"',
      "a: b",
    ]) {
      const data = request(withAnswer(VALID, label.nama, value));
      expect((data.instansi as { nama: unknown }).nama).toBe(value);
    }
    const proto = convertIssue(withAnswer(VALID, label.subdomain, "__proto__"), AUTHOR);
    expect(parse(proto.content ?? "")).toMatchObject({ subdomain: "__proto__" });
    expect(({} as Record<string, unknown>).subdomain).toBeUndefined();
  });

  it("workflow commands never start a line of the file", () => {
    const body = withAnswer(
      VALID,
      label.tujuan,
      "Situs\n::set-output name=x::y\n  ::add-mask::rahasia\n##[error]x",
    );
    const content = convertIssue(body, AUTHOR).content ?? "";
    for (const line of content.split("\n")) expect(line.trimStart()).not.toMatch(/^(::|##\[)/);
    expect(request(body).tujuan).toBe("Situs\n::set-output name=x::y\n  ::add-mask::rahasia\n##[error]x");
  });

  it("a subdomain that cannot be a file name is refused before any file is made", () => {
    for (const value of ["../etc/passwd", "Dinkes", "a..b", ".x", "dinkes.yaml/x"]) {
      const result = convertIssue(withAnswer(VALID, label.subdomain, value), AUTHOR);
      expect(result.file).toBeNull();
      expect(result.diagnostics.map((d) => [d.rule, d.field])).toEqual([
        ["issue-subdomain-invalid", "subdomain"],
      ]);
    }
  });
});
