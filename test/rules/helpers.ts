/**
 * Builders for rule tests: a request as YAML text with a fixed line layout, run through the real
 * engine (`validateSources`) with a small policy and in-memory sibling files.
 *
 * Layout of `requestYaml` (line numbers are what the tests assert):
 *   1 subdomain   3 instansi.nama   4 instansi.jenis   6 surat.nomor   7 surat.tanggal
 *  11 penanggung_jawab.nip   13 penanggung_jawab.email   16 pengelola_teknis.email
 *  18 tujuan   19 klasifikasi   21 hosting.jenis   22+ `extra` lines, verbatim (indented = inside hosting)
 */
import { expect, it } from "vitest";
import type { RuleStack, ValidationPolicy } from "../../src/core/request/rule.ts";
import { validateSources } from "../../src/core/request/validate.ts";
import type { Diagnostic, InstansiJenis, Message } from "../../src/core/types.ts";

/** 10:00 WIB on 2026-11-27. */
export const NOW = new Date("2026-11-27T03:00:00Z");

export const policy: ValidationPolicy = {
  zone: "kuduskab.go.id",
  allowIdn: false,
  reserved: new Map<string, Message>([
    ["www", { id: "situs utama", en: "main site" }],
    ["mail", { id: "server surat", en: "mail server" }],
  ]),
  existing: new Set(["lpse", "simpeg"]),
  namespaces: new Map<string, readonly InstansiJenis[]>([
    ["desa", ["desa"]],
    ["kec", ["kecamatan"]],
  ]),
  officialEmailDomains: ["go.id"],
  kegiatanMaxDays: 365,
  timeZone: "Asia/Jakarta",
  forbiddenCnameSuffixes: ["github.io", "pages.dev"],
  takeoverAllowed: [],
};

export interface Doc {
  subdomain?: string;
  nama?: string;
  jenis?: string;
  nomor?: string;
  tanggal?: string;
  /** `null` leaves the field out; a comment keeps the line numbers of the layout. */
  nip?: string | null;
  pjEmail?: string;
  ptEmail?: string;
  tujuan?: string;
  klasifikasi?: string;
  hosting?: string;
  /** Lines appended after `hosting.jenis` (line 22 onwards). */
  extra?: readonly string[];
}

export function requestYaml(doc: Doc = {}): string {
  return [
    `subdomain: ${doc.subdomain ?? "dinkes"}`,
    "instansi:",
    `  nama: ${doc.nama ?? "Dinas Kesehatan"}`,
    `  jenis: ${doc.jenis ?? "dinas"}`,
    "surat:",
    `  nomor: ${doc.nomor ?? '"400.7/123/29.02/2026"'}`,
    `  tanggal: ${doc.tanggal ?? "2026-11-02"}`,
    "  perihal: Permohonan subdomain dan hosting",
    "penanggung_jawab:",
    "  nama: dr. Siti Aminah, M.Kes.",
    doc.nip === null ? "  # no nip" : `  nip: ${doc.nip ?? '"197601012005012001"'}`,
    "  jabatan: Kepala Dinas Kesehatan",
    `  email: ${doc.pjEmail ?? "dinkes@kuduskab.go.id"}`,
    "pengelola_teknis:",
    "  nama: Budi Santoso",
    `  email: ${doc.ptEmail ?? "budi.santoso@kuduskab.go.id"}`,
    "  github: budi-dinkes",
    `tujuan: ${doc.tujuan ?? "Website profil dinas"}`,
    `klasifikasi: ${doc.klasifikasi ?? "instansi"}`,
    "hosting:",
    `  jenis: ${doc.hosting ?? "server"}`,
    ...(doc.extra ?? []),
    "",
  ].join("\n");
}

export interface Hit {
  rule: string;
  line: number;
  column: number;
  severity: Diagnostic["severity"];
}

export interface RunOptions {
  /** Path of the file under test (default `requests/<subdomain>.yaml`). */
  file?: string;
  /** Other files in `requests/` by path, readable through the lookup. */
  others?: Record<string, string>;
  policy?: ValidationPolicy;
  now?: Date;
  /** Stack settings for the stack-dependent rules; absent = validation without a stack. */
  stack?: RuleStack;
}

function stem(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.replace(/\.ya?ml$/i, "").toLowerCase();
}

/** Every diagnostic of the request `doc`, validated as one changed file among `others`. */
export function validate(doc: Doc | string, options: RunOptions = {}): Diagnostic[] {
  const text = typeof doc === "string" ? doc : requestYaml(doc);
  const sub = typeof doc === "string" ? "dinkes" : (doc.subdomain ?? "dinkes");
  const file = options.file ?? `requests/${sub.toLowerCase()}.yaml`;
  const others = options.others ?? {};
  const byStem = new Map<string, { path: string; bytes: string }>();
  for (const [path, bytes] of Object.entries(others)) byStem.set(stem(path), { path, bytes });
  const names = [file, ...Object.keys(others)].map((p) => p.slice(p.lastIndexOf("/") + 1));
  return validateSources({
    targets: [{ path: file, bytes: text }],
    siblings: names,
    lookup: (name) => byStem.get(name),
    policy: options.policy ?? policy,
    now: options.now ?? NOW,
    ...(options.stack ? { stack: options.stack } : {}),
  }).diagnostics;
}

/** The diagnostics of one rule, reduced to what tests assert. */
export function hits(rule: string, doc: Doc | string, options: RunOptions = {}): Hit[] {
  return validate(doc, options)
    .filter((d) => d.rule === rule)
    .map((d) => ({ rule: d.rule, line: d.line, column: d.column, severity: d.severity }));
}

export function hit(rule: string, line: number, column: number, severity: Hit["severity"] = "error"): Hit {
  return { rule, line, column, severity };
}

/** `extra` lines for a `dns:` list with the given flow-mapping records (first record on line 23). */
export function dns(...records: string[]): string[] {
  return ["dns:", ...records.map((r) => `  - ${r}`)];
}

/** 1-based column of `needle` in a record written by `dns()` (after the `  - ` prefix). */
export function col(record: string, needle: string): number {
  const i = record.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${record}`);
  return 4 + i + 1;
}

/** A named case: the request, the findings of the rule expected on it, and run options. */
export type Case = [name: string, doc: Doc, expected: Hit[], options?: RunOptions];

/** One `it` per case, asserting exactly the rule's findings (rule, line, column, severity). */
export function table(rule: string, cases: Case[]): void {
  it.each(cases)(`${rule}: %s`, (_name, doc, expected, options) => {
    expect(hits(rule, doc, options)).toEqual(expected);
  });
}
