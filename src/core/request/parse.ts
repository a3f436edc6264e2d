/**
 * Safe YAML loading for request and governance files. Untrusted text becomes plain data or a list of
 * positioned diagnostics — never an exception. YAML features that let a file say something other than
 * what it shows (aliases, anchors, tags, duplicate keys, several documents) are refused.
 */

import type { Document, Pair, Node as YamlNode } from "yaml";
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from "yaml";
import type { Diagnostic, Message } from "../types.ts";
import { fastLocator, loadFast } from "./fast-load.ts";
import type { NodePath, Position } from "./rule.ts";

export const DEFAULT_MAX_BYTES = 64 * 1024;

export interface ParsedYaml {
  /** The document as plain data; `undefined` when the file could not be loaded. */
  data: unknown;
  diagnostics: Diagnostic[];
  /** Position of a node; falls back to the nearest existing ancestor, then to 1:1. */
  at(path: NodePath, part?: "key" | "value"): Position;
  /** The source text of a scalar value, as written (for quoting it in messages). */
  source(path: NodePath): string | undefined;
}

export interface ParseOptions {
  maxBytes?: number;
  /**
   * Load with the fast reader (`fast-load.ts`) when it gives the same data; positions, asked for
   * only when a finding needs one, then come from the strict loader. For bulk read-only work.
   */
  fast?: boolean;
}

const START: Position = { line: 1, column: 1 };

/** 1-based position of `offset` from yaml's line counter (its `col` is our `column`). */
function positionIn(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

const YAML_OPTIONS = {
  // The core schema has no timestamps or binary: dates stay "YYYY-MM-DD" strings.
  schema: "core",
  merge: false,
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
  logLevel: "silent",
} as const;

function diagnostic(file: string, pos: Position, rule: string, message: Message): Diagnostic {
  return { file, line: pos.line, column: pos.column, rule, severity: "error", message };
}

function failed(diagnostics: Diagnostic[]): ParsedYaml {
  return { data: undefined, diagnostics, at: () => START, source: () => undefined };
}

/** The diagnostic for a file over the size cap (also used by readers that stop at the cap). */
export function tooLarge(file: string, size: number, maxBytes: number): Diagnostic {
  return diagnostic(file, START, "file-too-large", {
    id: `Berkas berukuran ${size} bita, melebihi batas ${maxBytes} bita. Permohonan cukup beberapa baris; hapus isi yang tidak perlu.`,
    en: `File is ${size} bytes, over the limit of ${maxBytes} bytes. A request needs only a few lines; remove what is not needed.`,
  });
}

/** Byte offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function decode(file: string, bytes: Uint8Array): string | Diagnostic {
  try {
    return decoder.decode(bytes);
  } catch {
    const bad = Math.max(0, findInvalidUtf8(bytes));
    const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, "");
    // Nothing was parsed, so no line counter exists: the end of the valid prefix is its last line.
    const lastBreak = prefix.lastIndexOf("\n");
    const pos = { line: prefix.split("\n").length, column: prefix.length - lastBreak };
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return diagnostic(file, pos, "file-invalid-utf8", {
      id: `Berkas bukan UTF-8 yang sah: bita 0x${byte} tidak valid. Simpan ulang berkas dengan penyandian UTF-8.`,
      en: `File is not valid UTF-8: byte 0x${byte} is invalid. Save the file again with UTF-8 encoding.`,
    });
  }
}

function describeYamlError(code: string, message: string): { rule: string; message: Message } {
  if (code === "DUPLICATE_KEY") {
    return {
      rule: "yaml-duplicate-key",
      message: {
        id: "Kunci ganda: kunci yang sama ditulis dua kali dalam satu bagian. Hapus salah satunya.",
        en: "Duplicate key: the same key is written twice in one mapping. Remove one of them.",
      },
    };
  }
  return {
    rule: "yaml-syntax",
    message: {
      id: `Sintaks YAML salah (${code}): ${message}. Periksa indentasi, tanda kutip dan titik dua di baris ini.`,
      en: `YAML syntax error (${code}): ${message}. Check indentation, quotes and colons on this line.`,
    },
  };
}

interface Checker {
  file: string;
  text: string;
  lines: LineCounter;
  out: Diagnostic[];
}

function report(c: Checker, offset: number, rule: string, message: Message): void {
  c.out.push(diagnostic(c.file, positionIn(c.lines, offset), rule, message));
}

/** Refuses aliases, anchors, tags and non-scalar keys anywhere in the node tree. */
function checkNode(c: Checker, node: unknown): void {
  if (!isNode(node)) return;
  const start = node.range?.[0] ?? 0;
  if (isAlias(node)) {
    report(c, start, "yaml-alias", {
      id: `Alias YAML "*${node.source}" tidak diizinkan. Tulis nilainya secara lengkap di sini.`,
      en: `YAML alias "*${node.source}" is not allowed. Write the value out in full here.`,
    });
    return;
  }
  if (node.anchor) {
    const found = c.text.lastIndexOf(`&${node.anchor}`, start);
    report(c, found === -1 ? start : found, "yaml-anchor", {
      id: `Anchor YAML "&${node.anchor}" tidak diizinkan. Hapus anchor dan tulis nilainya di tempat.`,
      en: `YAML anchor "&${node.anchor}" is not allowed. Remove the anchor and write values in place.`,
    });
  }
  if (node.tag) {
    let found = c.text.lastIndexOf("!", start);
    while (found > 0 && c.text[found - 1] === "!") found--; // `!!str` starts at its first `!`
    const shown = node.tag.startsWith("tag:yaml.org,2002:") ? `!!${node.tag.slice(18)}` : node.tag;
    report(c, found === -1 ? start : found, "yaml-tag", {
      id: `Tag YAML "${shown}" tidak diizinkan. Hapus tag; untuk teks gunakan tanda kutip.`,
      en: `YAML tag "${shown}" is not allowed. Remove the tag; quote the value to make it text.`,
    });
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (pair.key !== null && !isScalar(pair.key)) {
        const offset = isNode(pair.key) ? (pair.key.range?.[0] ?? start) : start;
        report(c, offset, "yaml-complex-key", {
          id: "Kunci berupa daftar atau peta tidak diizinkan. Gunakan kunci teks biasa.",
          en: "A list or mapping as a key is not allowed. Use a plain text key.",
        });
      }
      checkNode(c, pair.key);
      checkNode(c, pair.value);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkNode(c, item);
  }
}

function isBlank(text: string): boolean {
  // Only whitespace, comments and document markers: nothing to load. Most files answer at their
  // first content line, so this stays cheap.
  let i = 0;
  while (i < text.length) {
    let end = text.indexOf("\n", i);
    if (end === -1) end = text.length;
    const line = text.slice(i, end).trim();
    if (line !== "" && !line.startsWith("#") && line !== "---" && line !== "...") return false;
    i = end + 1;
  }
  return true;
}

function childOf(node: unknown, segment: string | number): Pair | YamlNode | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = pair.key;
      const name = isScalar(k) ? k.value : k;
      if (name === segment || (typeof segment === "number" && name === String(segment))) return pair;
      if (typeof name === "number" && String(name) === segment) return pair;
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === "number") {
    const item = node.items[segment];
    return isNode(item) ? item : undefined;
  }
  return undefined;
}

function locate(doc: Document.Parsed, lines: LineCounter, path: NodePath, part: "key" | "value"): Position {
  let node: unknown = doc.contents;
  let best: number = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (let i = 0; i < path.length; i++) {
    const child = childOf(node, path[i] as string | number);
    if (child === undefined) break;
    const last = i === path.length - 1;
    if (isPair(child)) {
      const keyStart = isNode(child.key) ? child.key.range?.[0] : undefined;
      const value = child.value;
      const valueStart = isNode(value) ? value.range?.[0] : undefined;
      // An empty value (`nama:`) has a zero-width range after the key; point at the key instead.
      const valueUsable = isNode(value) && !(isScalar(value) && value.value === null);
      const wantValue = last && part === "value" && valueUsable && valueStart !== undefined;
      best = (wantValue ? valueStart : keyStart) ?? best;
      node = value;
    } else {
      best = child.range?.[0] ?? best;
      node = child;
    }
  }
  return positionIn(lines, best);
}

function sourceOf(doc: Document.Parsed, text: string, path: NodePath): string | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    const child = childOf(node, segment);
    if (child === undefined) return undefined;
    node = isPair(child) ? child.value : child;
  }
  if (!isScalar(node) || !node.range) return undefined;
  return text.slice(node.range[0], node.range[1]);
}

/**
 * Parses one YAML file safely. `bytes` may be raw file content (checked for size and UTF-8) or an
 * already decoded string. Never throws on bad input.
 */
export function parseYamlSafe(
  file: string,
  bytes: Uint8Array | string,
  options: ParseOptions = {},
): ParsedYaml {
  try {
    return parseUnguarded(file, bytes, options);
  } catch (error) {
    // The yaml library bounds nesting itself; this is the last line against a crash on odd input.
    const detail = error instanceof Error ? error.message : String(error);
    return failed([
      diagnostic(file, START, "yaml-syntax", {
        id: `Berkas tidak dapat dibaca sebagai YAML (${detail}). Sederhanakan strukturnya sesuai contoh di README.`,
        en: `File cannot be read as YAML (${detail}). Simplify its structure as in the README example.`,
      }),
    ]);
  }
}

/**
 * Data read by the fast reader. A position, asked for only by a finding, comes from its events where
 * they place the node as the strict loader does, else from a strict parse; a scalar's source text
 * (schema findings only) always from the strict parse.
 */
function locatedLater(file: string, text: string, data: unknown): ParsedYaml {
  let strict: ParsedYaml | undefined;
  const located = (): ParsedYaml => {
    strict ??= parseUnguarded(file, text, { maxBytes: Number.POSITIVE_INFINITY });
    return strict;
  };
  const quick = fastLocator(text);
  return {
    data,
    diagnostics: [],
    at: (path, part = "value") => quick(path, part) ?? located().at(path, part),
    source: (path) => located().source(path),
  };
}

/** Past this many loader findings a file is garbage; more lines would only bury the first cause. */
const MAX_FINDINGS = 20;

function parseUnguarded(file: string, bytes: Uint8Array | string, options: ParseOptions): ParsedYaml {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof bytes === "string" ? Buffer.byteLength(bytes, "utf8") : bytes.byteLength;
  if (size > maxBytes) return failed([tooLarge(file, size, maxBytes)]);
  let text: string;
  if (typeof bytes === "string") {
    text = bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  } else {
    const decoded = decode(file, bytes);
    if (typeof decoded !== "string") return failed([decoded]);
    text = decoded;
  }
  if (isBlank(text)) {
    return failed([
      diagnostic(file, START, "file-empty", {
        id: "Berkas kosong. Isi permohonan sesuai contoh di README.",
        en: "File is empty. Fill in the request as in the README example.",
      }),
    ]);
  }

  if (options.fast === true) {
    const quick = loadFast(text);
    if (quick !== undefined) return locatedLater(file, text, quick.data);
  }

  // yaml's own line counter, filled while parsing, gives every position below.
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: lines });
  // `%YAML 1.1` would switch to a schema where `no` is false and `0777` is octal; `%TAG` defines tags.
  // Parsing is harmless; only the loaded data would differ, and none is loaded after this refusal.
  const directive = /^%/m.exec(text);
  if (directive) {
    return failed([
      diagnostic(file, positionIn(lines, directive.index), "yaml-directive", {
        id: "Direktif YAML (%YAML, %TAG) tidak diizinkan. Hapus baris yang diawali %.",
        en: "YAML directives (%YAML, %TAG) are not allowed. Remove the line starting with %.",
      }),
    ]);
  }
  const out: Diagnostic[] = [];
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!Array.isArray(docs) || doc === undefined) {
    return failed([
      diagnostic(file, START, "yaml-syntax", {
        id: "Tidak ada dokumen YAML di berkas ini. Isi permohonan sesuai contoh di README.",
        en: "There is no YAML document in this file. Fill in the request as in the README example.",
      }),
    ]);
  }
  for (const extra of docs.slice(1)) {
    const offset = extra.range?.[0] ?? text.length;
    out.push(
      diagnostic(file, positionIn(lines, offset), "yaml-multiple-documents", {
        id: "Berkas berisi lebih dari satu dokumen YAML (---). Satu berkas hanya untuk satu permohonan.",
        en: "File holds more than one YAML document (---). One file is for one request only.",
      }),
    );
    break;
  }
  const reported = new Set<number>();
  for (const d of docs) {
    for (const error of [...d.errors, ...d.warnings]) {
      if (error.code === "TAG_RESOLVE_FAILED") continue; // reported as yaml-tag with the node
      // One syntax slip often trips several checks at the same spot; the first says it best.
      if (reported.has(error.pos[0])) continue;
      reported.add(error.pos[0]);
      const { rule, message } = describeYamlError(error.code, error.message.split("\n")[0] ?? "");
      out.push(diagnostic(file, positionIn(lines, error.pos[0]), rule, message));
    }
  }
  const checker: Checker = { file, text, lines, out };
  // Aliases, anchors, tags and complex keys all need one of these characters in the source.
  if (/[&*!?[{]/.test(text)) for (const d of docs) checkNode(checker, d.contents);
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  if (out.length > MAX_FINDINGS) {
    const rest = out.length - MAX_FINDINGS;
    const next = out[MAX_FINDINGS] as Diagnostic;
    out.length = MAX_FINDINGS;
    out.push(
      diagnostic(file, next, "yaml-syntax", {
        id: `Masih ada ${rest} masalah YAML lain yang tidak ditampilkan. Perbaiki yang di atas lebih dulu.`,
        en: `${rest} more YAML problems are not shown. Fix the ones above first.`,
      }),
    );
  }

  const located = {
    at: (path: NodePath, part: "key" | "value" = "value") => locate(doc, lines, path, part),
    source: (path: NodePath) => sourceOf(doc, text, path),
  };
  if (out.length > 0) return { data: undefined, diagnostics: out, ...located };
  return { data: doc.toJS({ maxAliasCount: 0 }), diagnostics: out, ...located };
}
