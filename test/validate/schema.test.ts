import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import requestSchema from "../../schema/request.schema.json" with { type: "json" };
import { checkSchemaDocument, compileSchema } from "../../src/core/json-schema.ts";
import { parseYamlSafe } from "../../src/core/request/parse.ts";
import { checkRequestSchema } from "../../src/core/request/schema.ts";
import { VALID } from "./helpers.ts";

function check(text: string) {
  const parsed = parseYamlSafe("requests/dinkes.yaml", text);
  expect(parsed.diagnostics).toEqual([]);
  const result = checkRequestSchema("requests/dinkes.yaml", parsed.data, parsed);
  return result.ok ? [] : result.diagnostics;
}

function edit(from: string, to: string): string {
  expect(VALID).toContain(from);
  return VALID.replace(from, to);
}

describe("request schema", () => {
  it("is a valid JSON Schema 2020-12 document", () => {
    expect(checkSchemaDocument(requestSchema)).toEqual([]);
  });

  // The loaders compile these with validateSchema off for speed, so the meta-schema check lives here.
  it.each(readdirSync(new URL("../../schema/", import.meta.url)).filter((f) => f.endsWith(".json")))(
    "%s is a valid JSON Schema 2020-12 document",
    (name) => {
      const schema = JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), "utf8"));
      expect(checkSchemaDocument(schema)).toEqual([]);
      // Strict mode (unknown keywords, ambiguous types) is checked on compiling.
      expect(() => compileSchema(schema)).not.toThrow();
    },
  );

  it("accepts the contract example, with dates and NIP as strings", () => {
    expect(check(VALID)).toEqual([]);
    const full = `${VALID}berlaku_sampai: 2027-01-31\ncatatan: cadangan harian\ndns:\n  - { type: MX, content: mx.example.id, priority: 10, ttl: 3600 }\n  - { type: CAA, content: letsencrypt.org, flags: 0, tag: issue }\n`;
    expect(check(full)).toEqual([]);
  });

  it.each([
    [
      "a missing top-level field, at the first key",
      edit("tujuan: Website profil dan informasi layanan kesehatan masyarakat\n", ""),
      "schema-required",
      2,
      1,
      "tujuan",
    ],
    [
      "a missing nested field, at its parent's key",
      edit("  tanggal: 2026-11-02\n", ""),
      "schema-required",
      6,
      1,
      "surat.tanggal",
    ],
    [
      "an unknown field, with a suggestion",
      edit("tujuan:", "tujuaan:"),
      "schema-additional-property",
      19,
      1,
      'Did you mean "tujuan"',
    ],
    [
      "an unknown nested field",
      edit("  jenis: server\n", "  jenis: server\n  port: 80\n"),
      "schema-additional-property",
      23,
      3,
      "Allowed fields: jenis, service, project, branch",
    ],
    [
      "an unquoted NIP, told to quote it",
      edit('nip: "197601012005012001"', "nip: 197601012005012001"),
      "schema-type",
      12,
      8,
      'Quote it: "197601012005012001"',
    ],
    [
      "a list where text is expected",
      edit("  nama: Budi Santoso", "  nama: [Budi]"),
      "schema-type",
      16,
      9,
      "must be text",
    ],
    [
      "an unknown unit kind, with a suggestion",
      edit("jenis: dinas", "jenis: dinass"),
      "schema-enum",
      5,
      10,
      'Did you mean "dinas"',
    ],
    [
      "an unknown classification",
      edit("klasifikasi: instansi", "klasifikasi: umum"),
      "schema-enum",
      20,
      14,
      "instansi, layanan_publik, kegiatan",
    ],
    [
      "a date that does not exist",
      edit("tanggal: 2026-11-02", "tanggal: 2026-02-30"),
      "schema-format",
      8,
      12,
      "does not exist",
    ],
    [
      "a date in another form",
      edit("tanggal: 2026-11-02", "tanggal: 02-11-2026"),
      "schema-pattern",
      8,
      12,
      "YYYY-MM-DD",
    ],
    [
      "a GitHub name with a space",
      edit("github: budi-dinkes", 'github: "budi dinkes"'),
      "schema-pattern",
      18,
      11,
      '"budi dinkes"',
    ],
    [
      "an empty required text",
      edit("  jabatan: Kepala Dinas Kesehatan", '  jabatan: ""'),
      "schema-length",
      13,
      12,
      "must not be empty",
    ],
    [
      "a lowercase record type",
      `${VALID}dns:\n  - { type: mx, content: mx.example.id, priority: 10 }\n`,
      "schema-pattern",
      24,
      13,
      '"mx"',
    ],
    [
      "a record without content",
      `${VALID}dns:\n  - { type: TXT }\n`,
      "schema-required",
      24,
      5,
      "dns[0].content",
    ],
    [
      "a priority written as text",
      `${VALID}dns:\n  - { type: MX, content: mx.example.id, priority: "10" }\n`,
      "schema-type",
      24,
      51,
      "whole number",
    ],
  ])("reports %s", (_name, text, rule, line, column, words) => {
    const diagnostics = check(text);
    expect(diagnostics.map(({ rule, line, column }) => ({ rule, line, column }))).toEqual([
      { rule, line, column },
    ]);
    expect(diagnostics[0]?.message.en).toContain(words);
    expect(diagnostics[0]?.message.id).not.toEqual(diagnostics[0]?.message.en);
  });

  it("leaves record types to the rules: NS passes the shape check", () => {
    expect(check(`${VALID}dns:\n  - { type: NS, content: ns1.example.id }\n`)).toEqual([]);
  });

  it("leaves a missing NIP to the rules (nip-required): no NIP passes the shape check", () => {
    expect(check(edit('  nip: "197601012005012001"\n', ""))).toEqual([]);
  });

  it("still checks a NIP that is given: an empty one is refused", () => {
    expect(check(edit('nip: "197601012005012001"', 'nip: ""')).map((d) => d.rule)).toEqual(["schema-length"]);
  });

  it("reports every problem of a file at once", () => {
    const text = edit("jenis: dinas", "jenis: x").replace("klasifikasi: instansi", "klasifikasi: y");
    expect(check(text).map((d) => d.rule)).toEqual(["schema-enum", "schema-enum"]);
  });

  it("names a document that is not a mapping", () => {
    const diagnostics = check("- a\n- b\n");
    expect(diagnostics.map(({ rule, line, column }) => ({ rule, line, column }))).toEqual([
      { rule: "schema-type", line: 1, column: 1 },
    ]);
  });
});
