import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { fastLocator, loadFast } from "../../src/core/request/fast-load.ts";
import { parseYamlSafe } from "../../src/core/request/parse.ts";
import type { NodePath } from "../../src/core/request/rule.ts";

/** The strict loader's reading: its data when it loads the text without a finding. */
function strict(text: string): { ok: true; data: unknown } | { ok: false; rules: string[] } {
  const parsed = parseYamlSafe("requests/x.yaml", text);
  return parsed.diagnostics.length === 0
    ? { ok: true, data: parsed.data }
    : { ok: false, rules: parsed.diagnostics.map((d) => d.rule) };
}

const REQUEST = `# yaml-language-server: $schema=../schema/request.schema.json
subdomain: "sik.dinkes"
instansi:
  nama: Dinas Kesehatan Kabupaten Contoh
  jenis: dinas
surat:
  nomor: 400.14/123/Kominfo/2026
  tanggal: 2026-03-02
  perihal: Permohonan subdomain sistem informasi kesehatan
penanggung_jawab:
  nama: "dr. Siti Aminah, M.Kes."
  nip: "197601012005012001"
  jabatan: Kepala Dinas Kesehatan
  email: dinkes@contoh.go.id
pengelola_teknis:
  nama: Budi Santoso
  email: budi@contoh.go.id
  github: budi-dinkes
tujuan: Sistem informasi kesehatan (rekam kunjungan puskesmas); website menyusul
klasifikasi: layanan_publik
hosting:
  jenis: tanpa
dns:
  - { type: MX, content: mail.contoh.go.id, priority: 10 }
  - { type: TXT, content: "v=spf1 mx a:mail.contoh.go.id -all" }
  # DKIM dari server surat kabupaten.
  - type: TXT
    name: default._domainkey
    content: "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu3c7V6Xw1t9pR2kQ8Zb5yH4nJmLs0dFgTq2WvE6rYx1aK9oC3uB7iN5eM0lP8sD4fG2hJ6kL1zX3cV5bN7mQ9wE2rT4yU6iO8pA0sD3fG5hJ7kL9zX1cV3bN5mQwIDAQAB"
  - { type: A, name: www, content: 10.0.0.1, ttl: 300, proxied: true }
`;

/** Every scalar style, folding, escapes, nested and flow collections, comments in odd places. */
const STYLES = `# contoh
subdomain: 'sik.dinkes'
instansi: { nama: 'Dinas Kesehatan ''Contoh''', jenis: dinas }
surat:
  perihal: >-
    Permohonan subdomain
    untuk sistem informasi

    kesehatan
tujuan: |
  Baris satu
    baris dua menjorok
  baris tiga
catatan: "escape \\t tab \\u00e9 \\x41 \\"q\\" \\\\ akhir
  lanjut baris"
plain: kalimat panjang yang
  berlanjut di baris berikut
dns: [ {type: A, content: 10.0.0.1, ttl: 300, proxied: true}, {type: CNAME, name: www, content: "x.y."} ]
angka: [0o17, 0x1f, -12, +3, 1.5, .5, 1e3, -.inf, .nan, ~, Null, TRUE, false, "5", 1_000, 0b1, 012]
kosong:
daftar:
- a
- - b
  - c
- k: v   # komentar
  k2: v2
`;

/** Pieces an editor, a form or an attacker might put anywhere in a request file. */
const PIECES = [
  ": ",
  ":",
  "- ",
  "-",
  "\n",
  "\n  ",
  "\n- ",
  " ",
  "  ",
  "#",
  " #",
  '"',
  "'",
  "\\",
  "{",
  "}",
  "[",
  "]",
  ",",
  "---",
  "...",
  "\n---\n",
  "\n...\n",
  "~",
  "null",
  "0o17",
  "0x1F",
  "1_000",
  "1e3",
  ".inf",
  ".NaN",
  "true",
  "True",
  "yes",
  "?",
  "? ",
  "\n? a\n: b\n",
  "&a ",
  "*a",
  "!!str ",
  "!x ",
  "@",
  "`",
  "%",
  "\n%YAML 1.2\n",
  "|",
  ">",
  "|-\n  x",
  ">+\n  y\n",
  "\t",
  "\r\n",
  "\r",
  "\u2028",
  "\u0085",
  "\uFEFF",
  "\u00a0",
  "\\x41",
  "\\u0041",
  "\\N",
  "\\_",
  "\\\n",
  "\\\n\n",
  "''",
  '""',
  "<<",
  "__proto__",
  "1",
  "-0",
  "+1",
  ".5",
  "1.",
  "x: y",
  "{a: 1}",
  "[a]",
  "a: b: c",
  "\n\n",
  '"a\nb"',
  "'a\n\n  b'",
  "é",
  "\u0000",
  "\u001b",
  ": |\n  text\n",
  "null: 1\n",
  " - ",
  `k${"x".repeat(1100)}`,
  " ".repeat(1100),
];

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(base: string, next: () => number): string {
  let text = base;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const kind = next();
    if (kind < 0.7) text = text.slice(0, at) + pick(PIECES) + text.slice(at);
    else if (kind < 0.85) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
    else {
      const lines = text.split("\n");
      lines.splice(Math.floor(next() * lines.length), 0, pick(lines));
      text = lines.join("\n");
    }
  }
  return text;
}

/** Every path into the data, and one missing child below each collection. */
function pathsOf(data: unknown, prefix: NodePath = []): NodePath[] {
  if (data === null || typeof data !== "object") return [prefix];
  const keys: (string | number)[] = Array.isArray(data) ? data.map((_, i) => i) : Object.keys(data);
  const below = keys.flatMap((key) =>
    pathsOf((data as Record<string | number, unknown>)[key], [...prefix, key]),
  );
  return [prefix, [...prefix, "tidak-ada"], [...prefix, 99], ...below];
}

describe("the fast reader loads what the strict loader loads, or leaves the text to it", () => {
  it("on thousands of mutated request files, every fast reading and position is the strict one", () => {
    const next = random(20261201);
    let fast = 0;
    let left = 0;
    let located = 0;
    const apart: string[] = [];
    const misplaced: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const text = mutate(next() < 0.5 ? REQUEST : STYLES, next);
      const quick = loadFast(text);
      if (quick === undefined) {
        left++;
        continue;
      }
      fast++;
      const full = strict(text);
      if (!full.ok || !isDeepStrictEqual(full.data, quick.data)) {
        apart.push(JSON.stringify(text));
        continue;
      }
      // Every position it gives is the strict loader's.
      const at = fastLocator(text);
      const exact = parseYamlSafe("requests/x.yaml", text);
      for (const path of pathsOf(quick.data)) {
        for (const part of ["key", "value"] as const) {
          const mine = at(path, part);
          if (mine === undefined) continue;
          located++;
          if (!isDeepStrictEqual(mine, exact.at(path, part)))
            misplaced.push(`${JSON.stringify(text)} ${path}`);
        }
      }
    }
    expect(apart).toEqual([]);
    expect(misplaced).toEqual([]);
    expect(located).toBeGreaterThan(100_000);
    // Not vacuous: most mutated files take the fast path, and a good share is left to the strict one.
    expect(fast).toBeGreaterThan(1600);
    expect(left).toBeGreaterThan(400);
  });

  it("reads the unmutated files with the strict loader's values", () => {
    for (const text of [REQUEST, STYLES]) {
      const quick = loadFast(text);
      const full = strict(text);
      expect(full.ok).toBe(true);
      expect(quick).toBeDefined();
      expect(quick?.data).toStrictEqual(full.ok ? full.data : undefined);
    }
  });

  it.each([
    ["plain number", "a: 5\n", 5],
    ["quoted number", 'a: "5"\n', "5"],
    ["octal, core style", "a: 0o17\n", 15],
    ["hexadecimal", "a: 0x1f\n", 31],
    ["a leading zero is decimal, not YAML 1.1 octal", "a: 012\n", 12],
    ["underscores are not a number", "a: 1_000\n", "1_000"],
    ["binary is not a number", "a: 0b101\n", "0b101"],
    ["exponent", "a: 1e3\n", 1000],
    ["a date stays text", "a: 2026-03-02\n", "2026-03-02"],
    ["yes is text", "a: yes\n", "yes"],
    ["TRUE is a boolean", "a: TRUE\n", true],
    ["tilde is null", "a: ~\n", null],
    ["an empty value is null", "a:\n", null],
    ["negative infinity", "a: -.inf\n", Number.NEGATIVE_INFINITY],
    ["a quoted null is text", "a: 'null'\n", "null"],
  ])("resolves a scalar as the core schema does: %s", (_what, text, value) => {
    expect(loadFast(text)).toStrictEqual({ data: { a: value } });
    expect(strict(text)).toStrictEqual({ ok: true, data: { a: value } });
  });

  it.each([
    ["a directive", "%YAML 1.2\n---\na: b\n"],
    ["a percent sign opening a line inside a string", 'a: "x\n%y"\n'],
    ["a lone carriage return", "a: b\rc: d\n"],
    ["a byte order mark after a comment", "# catatan\n\uFEFFa: b\n"],
    ["an escaped line break before an empty line", 'a: "x\\\n\n  y"\n'],
    ["a document end after a comment", "# catatan\n...\nb: c\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["two document starts", "---\na: 1\n---\nb: 2\n"],
    ["a tag directive", "%TAG ! tag:contoh.go.id,2026:\n---\na: !x b\n"],
    ["a marker after content", "a: 1\n---\n"],
    ["an anchor", "a: &x 1\n"],
    ["an alias", "a: &x 1\nb: *x\n"],
    ["a standard tag", "a: !!str 1\n"],
    ["a local tag", "a: !x 1\n"],
    ["a tag on a mapping", "a: !!map {b: 1}\n"],
    ["an anchor on a sequence", "a: &s [1]\n"],
    ["a sequence as a key", "[a]: b\n"],
    ["a mapping as a key", "{a: 1}: b\n"],
    ["an explicit complex key", "? [a]\n: b\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["keys equal as values", "1: a\n1.0: b\n"],
    ["an empty key on broken indentation", "a:\n  b: c\n  : d: e\n"],
    ["a key whose colon is far away", `a${" ".repeat(1100)}: v\n`],
    ["a prototype key", "__proto__: {a: 1}\n"],
    ["unreadable text", "a: [b\n"],
    ["a text with no document", "# hanya komentar\n"],
  ])("leaves the strict loader to decide %s", (_what, text) => {
    expect(loadFast(text)).toBeUndefined();
  });

  it("the texts it leaves are ones the strict loader reads otherwise or refuses", () => {
    // `a:\n  b: c\n  : d: e` is refused by the strict loader but read by js-yaml; so is the far colon.
    expect(strict("a:\n  b: c\n  : d: e\n").ok).toBe(false);
    expect(strict(`a${" ".repeat(1100)}: v\n`).ok).toBe(false);
    expect(strict('a: "x\n%y"\n').ok).toBe(false);
    expect(strict("a: b\rc: d\n").ok).toBe(false);
    expect(strict("# catatan\n...\nb: c\n").ok).toBe(false);
    expect(strict("__proto__: {a: 1}\n")).toStrictEqual({
      ok: true,
      data: JSON.parse('{"__proto__":{"a":1}}'),
    });
  });

  it("keeps the last of two keys that read the same as text, as the strict loader does", () => {
    expect(loadFast('1: a\n"1": b\n')).toStrictEqual({ data: { "1": "b" } });
    expect(strict('1: a\n"1": b\n')).toStrictEqual({ ok: true, data: { "1": "b" } });
  });

  it("reads a single leading document start and CRLF line ends", () => {
    expect(loadFast("# catatan\n---\na: b\r\nc: d\r\n")).toStrictEqual({ data: { a: "b", c: "d" } });
    expect(loadFast("  \n  # menjorok\n--- \na: b\n")).toStrictEqual({ data: { a: "b" } });
    // Dashes inside a value are no marker.
    expect(loadFast("a: x --- y\n")).toStrictEqual({ data: { a: "x --- y" } });
    for (const text of ["a: b\n---\n", "a: 1\n---", "a: 1\n--- \nb: 2\n", "a: 1\n---\tb\n"]) {
      expect(loadFast(text)).toBeUndefined();
      expect(strict(text).ok).toBe(false);
    }
  });
});

describe("parseYamlSafe with the fast reader", () => {
  it("gives the strict data, no findings, and the strict positions when a finding asks", () => {
    const fast = parseYamlSafe("requests/x.yaml", REQUEST, { fast: true });
    const full = parseYamlSafe("requests/x.yaml", REQUEST);
    expect(fast.diagnostics).toEqual([]);
    expect(fast.data).toStrictEqual(full.data);
    for (const path of [
      ["surat", "tanggal"],
      ["dns", 2, "content"],
      ["pengelola_teknis"],
      ["nothing", "here"],
    ]) {
      expect(fast.at(path)).toEqual(full.at(path));
      expect(fast.at(path, "key")).toEqual(full.at(path, "key"));
      expect(fast.source(path)).toEqual(full.source(path));
    }
    expect(fast.at(["surat", "tanggal"])).toEqual({ line: 8, column: 12 });
    expect(fast.source(["surat", "tanggal"])).toBe("2026-03-02");
  });

  it.each([
    ["a null value points at its key", "x: 1\na: ~\n", ["a"], { line: 2, column: 1 }],
    ["a quoted value at its quote", "a: 'b'\n", ["a"], { line: 1, column: 4 }],
    ["a numeric key by its text", "1: a\n2: b\n", ["2"], { line: 2, column: 4 }],
    ["a numeric segment into a text key", 'x: 1\n"3": c\n', [3], { line: 2, column: 6 }],
    ["a boolean key is not found by its text", "x: 1\ntrue: c\n", ["true"], { line: 1, column: 1 }],
    ["an item of a flow sequence", "a: [b, 'c']\n", ["a", 1], { line: 1, column: 8 }],
  ] as const)("locates as the strict loader does: %s", (_what, text, path, position) => {
    const at = fastLocator(text);
    expect(at(path, "value")).toEqual(position);
    expect(parseYamlSafe("requests/x.yaml", text).at(path, "value")).toEqual(position);
  });

  it("stops at a scalar when a path goes below it, as the strict loader does", () => {
    const text = "a: b\nc: [d]\n";
    for (const path of [
      ["a", "x"],
      ["a", 0],
      ["c", 0, "y"],
      ["c", "z"],
    ]) {
      expect(fastLocator(text)(path, "value")).toEqual(
        parseYamlSafe("requests/x.yaml", text).at(path, "value"),
      );
    }
  });

  it("asks the strict loader for block scalars and empty items", () => {
    const at = fastLocator("a: |\n  b\nc:\n  -\n  - d\n");
    expect(at(["a"], "value")).toBeUndefined();
    expect(at(["c", 0], "value")).toBeUndefined();
    expect(at(["c", 1], "value")).toEqual({ line: 5, column: 5 });
    expect(at(["a"], "key")).toEqual({ line: 1, column: 1 });
  });

  it("reports what the strict loader reports for a text the fast reader leaves", () => {
    const text = "a: &x 1\nb: *x\n";
    expect(parseYamlSafe("requests/x.yaml", text, { fast: true }).diagnostics).toEqual(
      parseYamlSafe("requests/x.yaml", text).diagnostics,
    );
  });

  it("keeps the size, encoding and emptiness checks in front of it", () => {
    const rules = (input: string | Uint8Array, maxBytes?: number) =>
      parseYamlSafe("requests/x.yaml", input, {
        fast: true,
        ...(maxBytes ? { maxBytes } : {}),
      }).diagnostics.map((d) => d.rule);
    expect(rules("a: b\n", 3)).toEqual(["file-too-large"]);
    expect(rules(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0x0a]))).toEqual(["file-invalid-utf8"]);
    expect(rules("# hanya komentar\n")).toEqual(["file-empty"]);
  });
});
