import { describe, expect, it } from "vitest";
import { findInvalidUtf8, parseYamlSafe } from "../../src/core/request/parse.ts";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));

function findings(input: string | Uint8Array, maxBytes?: number) {
  const parsed = parseYamlSafe("requests/x.yaml", input, maxBytes === undefined ? {} : { maxBytes });
  return parsed.diagnostics.map(({ rule, line, column }) => ({ rule, line, column }));
}

describe("parseYamlSafe refuses unsafe or ambiguous YAML with a position", () => {
  it.each([
    [
      "an anchor and its alias",
      "a: &x 1\nb: *x\n",
      [
        { rule: "yaml-anchor", line: 1, column: 4 },
        { rule: "yaml-alias", line: 2, column: 4 },
      ],
    ],
    [
      "a merge key through an alias",
      "base: &b {x: 1}\nc:\n  <<: *b\n",
      [
        { rule: "yaml-anchor", line: 1, column: 7 },
        { rule: "yaml-alias", line: 3, column: 7 },
      ],
    ],
    ["a standard explicit tag", "a: 1\nb: !!str 2\n", [{ rule: "yaml-tag", line: 2, column: 4 }]],
    ["a tag on a block mapping", "a: !!map\n  b: 1\n", [{ rule: "yaml-tag", line: 1, column: 4 }]],
    ["a custom tag", "a: 1\nb: !include /etc/passwd\n", [{ rule: "yaml-tag", line: 2, column: 4 }]],
    ["a duplicate key", "a: 1\nb: 2\na: 3\n", [{ rule: "yaml-duplicate-key", line: 3, column: 1 }]],
    [
      "a duplicate key in a flow mapping",
      "a: {x: 1, x: 2}\n",
      [{ rule: "yaml-duplicate-key", line: 1, column: 11 }],
    ],
    ["a second document", "a: 1\n---\nb: 2\n", [{ rule: "yaml-multiple-documents", line: 2, column: 1 }]],
    [
      "a second document after an end marker",
      "---\na: 1\n...\n---\nb: 2\n",
      [{ rule: "yaml-multiple-documents", line: 4, column: 1 }],
    ],
    ["a list as a key", "? [a]\n: 1\n", [{ rule: "yaml-complex-key", line: 1, column: 3 }]],
    ["a tab as indentation", "a:\n\tb: 1\n", [{ rule: "yaml-syntax", line: 2, column: 1 }]],
    ["an unclosed flow sequence", "a: [1, 2\nb: 3\n", [{ rule: "yaml-syntax", line: 2, column: 1 }]],
    [
      "a wrongly indented key (one finding, not two)",
      "a: 1\n  b: 2\n",
      [{ rule: "yaml-syntax", line: 1, column: 4 }],
    ],
    ["a version directive", "%YAML 1.1\n---\na: no\n", [{ rule: "yaml-directive", line: 1, column: 1 }]],
    ["a tag directive", "a: 1\n%TAG ! tag:x\n", [{ rule: "yaml-directive", line: 2, column: 1 }]],
    ["an empty file", "", [{ rule: "file-empty", line: 1, column: 1 }]],
    ["a file of comments only", "# nothing\n\n---\n", [{ rule: "file-empty", line: 1, column: 1 }]],
  ])("%s", (_name, input, expected) => {
    expect(findings(input)).toEqual(expected);
  });

  it("refuses a file over the size cap without parsing it", () => {
    const big = `a: "${"x".repeat(64 * 1024)}"\n`;
    expect(findings(big)).toEqual([{ rule: "file-too-large", line: 1, column: 1 }]);
    expect(findings("a: 12345\n", 8)).toEqual([{ rule: "file-too-large", line: 1, column: 1 }]);
    expect(findings("a: 1234\n", 8)).toEqual([]);
  });

  it("counts the cap in UTF-8 bytes, also for text input", () => {
    expect(findings("a: éé\n", 7)).toEqual([{ rule: "file-too-large", line: 1, column: 1 }]);
    expect(findings(bytes("a: éé\n"), 8)).toEqual([]);
  });

  it("points at the first invalid UTF-8 byte", () => {
    const input = bytes("a: 1\nb: caf", [0xc3, 0x28], "\n");
    const parsed = parseYamlSafe("requests/x.yaml", input);
    expect(findings(input)).toEqual([{ rule: "file-invalid-utf8", line: 2, column: 7 }]);
    expect(parsed.diagnostics[0]?.message.en).toContain("0xC3");
    expect(findings(bytes("a: ", [0xff]))).toEqual([{ rule: "file-invalid-utf8", line: 1, column: 4 }]);
    expect(findings(bytes("a: ", [0xed, 0xa0, 0x80]))).toEqual([
      { rule: "file-invalid-utf8", line: 1, column: 4 },
    ]);
  });

  it("accepts a byte order mark without shifting positions", () => {
    const parsed = parseYamlSafe("requests/x.yaml", bytes([0xef, 0xbb, 0xbf], "a: 1\nb: x\n"));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ a: 1, b: "x" });
    expect(parsed.at(["b"])).toEqual({ line: 2, column: 4 });
  });

  it("keeps dates and timestamps as written", () => {
    const parsed = parseYamlSafe(
      "f.yaml",
      'd: 2026-11-02\nt: 2026-11-02T10:00:00Z\nnip: "197601012005012001"\n',
    );
    expect(parsed.data).toEqual({ d: "2026-11-02", t: "2026-11-02T10:00:00Z", nip: "197601012005012001" });
  });

  it("caps the findings of a garbage file", () => {
    const parsed = parseYamlSafe("f.yaml", `a: ${"!t ".repeat(500)}x\n`);
    expect(parsed.diagnostics).toHaveLength(21);
    expect(parsed.diagnostics[20]?.message.en).toBe(
      "480 more YAML problems are not shown. Fix the ones above first.",
    );
  });

  it("survives deep nesting within the size cap", () => {
    for (const text of [
      `a: ${"[".repeat(30000)}`,
      `a: ${"{b: ".repeat(10000)}1${"}".repeat(10000)}`,
      `${"- ".repeat(30000)}x\n`,
    ]) {
      const parsed = parseYamlSafe("f.yaml", text);
      expect(parsed.data).toBeUndefined();
      expect(parsed.diagnostics[0]?.rule).toBe("yaml-syntax");
    }
  });

  it("never throws, whatever the bytes", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = [..."ab: -?[]{}&*!|>'\"#\n\t %@`,"].map((c) => c.charCodeAt(0));
    for (let i = 0; i < 2000; i++) {
      const length = random() % 60;
      const input = new Uint8Array(length);
      for (let k = 0; k < length; k++)
        input[k] = i % 3 === 0 ? random() % 256 : (alphabet[random() % alphabet.length] as number);
      const parsed = parseYamlSafe("f.yaml", input);
      for (const d of parsed.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
      expect(parsed.diagnostics.length > 0 || parsed.data !== undefined || length === 0).toBe(true);
    }
  });
});

describe("positions", () => {
  const text = "a:\n  b:\nc: 1\nd:\n  - x: 1\n    y: 2\n";
  const parsed = parseYamlSafe("f.yaml", text);

  it.each([
    [["c"], "value", 3, 4],
    [["c"], "key", 3, 1],
    [["d", 0, "y"], "value", 6, 8],
    [["d", 0, "y"], "key", 6, 5],
    [["a", "b"], "value", 2, 3], // empty value: the key
    [["d", 0, "missing"], "value", 5, 5], // nearest existing ancestor
    [["missing"], "value", 1, 1],
  ] as const)("at(%j, %s) = %i:%i", (path, part, line, column) => {
    expect(parsed.at(path, part)).toEqual({ line, column });
  });

  it("reads the source of a scalar as written", () => {
    expect(parseYamlSafe("f.yaml", "nip: 197601012005012001\n").source(["nip"])).toBe("197601012005012001");
  });

  it("findInvalidUtf8 accepts all well-formed sequences and finds truncated ones", () => {
    expect(findInvalidUtf8(bytes("aé€😀"))).toBe(-1);
    expect(findInvalidUtf8(bytes("a", [0xe2, 0x82]))).toBe(1);
    expect(findInvalidUtf8(bytes("ab", [0xc0, 0xaf]))).toBe(2); // overlong
    expect(findInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });
});
