import { describe, expect, it } from "vitest";
import { type Case, hit, requestYaml, table, validate } from "./helpers.ts";

const SURAT = [
  "surat:",
  '  nomor: "400.7/123/29.02/2026"',
  "  tanggal: 2026-11-02",
  "  perihal: Permohonan subdomain",
];
const PJ = [
  "penanggung_jawab:",
  "  nama: dr. Siti Aminah, M.Kes.",
  '  nip: "197601012005012001"',
  "  jabatan: Kepala Dinas Kesehatan",
  "  email: dinkes@kuduskab.go.id",
];
const PT = [
  "pengelola_teknis:",
  "  nama: Budi Santoso",
  "  email: budi.santoso@kuduskab.go.id",
  "  github: budi-dinkes",
];

/** An imported request: `impor` on line 2, then the given blocks after the fixed part (lines 1-11). */
function imported(...blocks: string[][]): string {
  return [
    "subdomain: dinkes",
    "impor:",
    "  sumber: bind",
    "  tanggal: 2026-11-27",
    "instansi:",
    "  nama: Dinas Kesehatan",
    "  jenis: dinas",
    "tujuan: Website profil dinas",
    "klasifikasi: instansi",
    "hosting:",
    "  jenis: tanpa",
    ...blocks.flat(),
    "",
  ].join("\n");
}

// `table` takes a Doc; these cases are whole texts, so they run through `validate` directly.
function textTable(rule: string, cases: [string, string, ReturnType<typeof hit>[]][]): void {
  it.each(cases)(`${rule}: %s`, (_name, text, expected) => {
    const found = validate(text)
      .filter((d) => d.rule === rule)
      .map((d) => ({ rule: d.rule, line: d.line, column: d.column, severity: d.severity }));
    expect(found).toEqual(expected);
  });
}

describe("impor-incomplete", () => {
  const warn = hit("impor-incomplete", 2, 1, "warning");
  textTable("impor-incomplete", [
    ["imported, nothing completed", imported(), [warn, warn, warn]],
    ["imported, letter added", imported(SURAT), [warn, warn]],
    ["imported, all completed", imported(SURAT, PJ, PT), []],
  ]);
  const plain: Case[] = [["an ordinary request", {}, []]];
  table("impor-incomplete", plain);

  it("names the missing block and how to fill it, in both languages", () => {
    const messages = validate(imported(SURAT, PT)).filter((d) => d.rule === "impor-incomplete");
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message.id).toContain("penanggung_jawab: { nama, nip, jabatan, email }");
    expect(messages[0]?.message.en).toContain("has no penanggung_jawab (the responsible official)");
  });

  it("keeps the import valid: only warnings, no rule fails on the missing blocks", () => {
    const found = validate(imported());
    expect(found.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("impor-marker-stale", () => {
  textTable("impor-marker-stale", [
    ["imported, still incomplete", imported(SURAT), []],
    ["imported and completed", imported(SURAT, PJ, PT), [hit("impor-marker-stale", 2, 1, "warning")]],
  ]);
  table("impor-marker-stale", [["an ordinary request", {}, []]]);
});

describe("the letter and officials without impor", () => {
  it("are still required by the schema", () => {
    const text = imported().replace("impor:\n  sumber: bind\n  tanggal: 2026-11-27\n", "");
    const required = validate(text).filter((d) => d.rule === "schema-required");
    expect(required.map((d) => d.message.en).join(" ")).toMatch(/surat/);
    expect(required.map((d) => d.message.en).join(" ")).toMatch(/penanggung_jawab/);
    expect(required.map((d) => d.message.en).join(" ")).toMatch(/pengelola_teknis/);
    // The `if` of the conditional adds nothing a reader needs.
    expect(validate(text).filter((d) => d.rule === "schema-invalid")).toEqual([]);
  });

  it("an ordinary request keeps passing", () => {
    expect(validate(requestYaml()).filter((d) => d.severity === "error")).toEqual([]);
  });
});
