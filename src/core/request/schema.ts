/**
 * Shape check of a request against `schema/request.schema.json` (the one contract), with ajv's errors
 * turned into positioned, bilingual diagnostics that quote the value and say the fix.
 */

import requestSchema from "../../../schema/request.schema.json" with { type: "json" };
import type { ErrorObject, ValidateFunction } from "../json-schema.ts";
import { compileSchema } from "../json-schema.ts";
import type { Diagnostic, Message, Request } from "../types.ts";
import type { NodePath, Position } from "./rule.ts";

/** What schema diagnostics need from a parsed file: node positions and the source of scalars. */
export interface Locator {
  at(path: NodePath, part?: "key" | "value"): Position;
  source(path: NodePath): string | undefined;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= compileSchema(requestSchema);
  return compiled;
}

/** Pointer `/dns/0/type` → `["dns", 0, "type"]`. */
export function toPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => {
      const s = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s;
    });
}

/** `["dns", 0, "type"]` → `dns[0].type`, the way an applicant reads the file. */
export function showPath(path: NodePath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out === "" ? "(berkas / file)" : out;
}

/** A value quoted for a message: JSON-escaped and shortened so a message stays one readable line. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (value === null || value === undefined) text = "";
  else if (typeof value === "object") text = Array.isArray(value) ? "[...]" : "{...}";
  else text = String(value);
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return JSON.stringify(text);
}

function kind(value: unknown): Message {
  if (value === null || value === undefined) return { id: "kosong", en: "empty" };
  if (Array.isArray(value)) return { id: "daftar", en: "a list" };
  switch (typeof value) {
    case "string":
      return { id: "teks", en: "text" };
    case "number":
      return { id: "angka", en: "a number" };
    case "boolean":
      return { id: "true/false", en: "true/false" };
    default:
      return { id: "peta kunci: nilai", en: "a mapping" };
  }
}

const TYPE_NAMES: Record<string, Message> = {
  string: { id: "teks", en: "text" },
  integer: { id: "bilangan bulat", en: "a whole number" },
  number: { id: "angka", en: "a number" },
  boolean: { id: "true atau false", en: "true or false" },
  object: { id: "peta kunci: nilai", en: "a mapping of key: value" },
  array: { id: "daftar (- ...)", en: "a list (- ...)" },
};

/** Splits a bilingual schema description "ID: ... / EN: ..." into its two halves. */
function describe(schema: unknown): Message | undefined {
  const text = (schema as { description?: unknown } | undefined)?.description;
  if (typeof text !== "string") return undefined;
  const match = /^ID:\s*(.*?)\s*\/\s*EN:\s*(.*)$/s.exec(text);
  return match ? { id: match[1] ?? "", en: match[2] ?? "" } : undefined;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const score = distance(word.toLowerCase(), candidate);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

interface Mapped {
  rule: string;
  /** schema-required: the full path of the missing field; additional-property: the suggested one. */
  missing?: string;
  suggestion?: string;
  path: NodePath;
  part: "key" | "value";
  message: Message;
}

function mapError(error: ErrorObject, locator: Locator): Mapped {
  const path = toPath(error.instancePath);
  const where = showPath(path);
  const value = error.data;
  const hint = describe(error.parentSchema);
  const hintId = hint ? ` ${hint.id}` : "";
  const hintEn = hint ? ` ${hint.en}` : "";
  switch (error.keyword) {
    case "required": {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const full = showPath([...path, missing]);
      const under = path.length === 0 ? "di tingkat teratas berkas" : `di bawah ${where}`;
      const underEn = path.length === 0 ? "at the top level of the file" : `under ${where}`;
      return {
        rule: "schema-required",
        missing: full,
        path,
        part: "key",
        message: {
          id: `Kolom wajib ${full} belum diisi. Tambahkan "${missing}: ..." ${under}.`,
          en: `Required field ${full} is missing. Add "${missing}: ..." ${underEn}.`,
        },
      };
    }
    case "additionalProperties": {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(extra, allowed);
      const list = allowed.join(", ");
      return {
        rule: "schema-additional-property",
        ...(guess ? { suggestion: showPath([...path, guess]) } : {}),
        path: [...path, extra],
        part: "key",
        message: {
          id:
            `Kolom ${quote(extra)} tidak dikenal ${path.length === 0 ? "di tingkat teratas" : `di ${where}`}. ` +
            (guess ? `Maksud Anda "${guess}"? ` : "") +
            `Kolom yang boleh: ${list}.`,
          en:
            `Unknown field ${quote(extra)} ${path.length === 0 ? "at the top level" : `in ${where}`}. ` +
            (guess ? `Did you mean "${guess}"? ` : "") +
            `Allowed fields: ${list}.`,
        },
      };
    }
    case "type": {
      const expected = String((error.params as { type: string }).type);
      const want = TYPE_NAMES[expected] ?? { id: expected, en: expected };
      const got = kind(value);
      const raw = locator.source(path);
      if (
        expected === "string" &&
        typeof value === "number" &&
        raw !== undefined &&
        /^[+-]?[0-9]+$/.test(raw)
      ) {
        return {
          rule: "schema-type",
          path,
          part: "value",
          message: {
            id: `${where} harus teks, tetapi ${raw} terbaca sebagai angka (angka panjang bisa berubah dan nol di depan hilang). Tulis dalam tanda kutip: "${raw}".`,
            en: `${where} must be text, but ${raw} reads as a number (long numbers lose digits and leading zeros). Quote it: "${raw}".`,
          },
        };
      }
      const shown = raw !== undefined ? quote(raw) : got.id;
      const shownEn = raw !== undefined ? quote(raw) : got.en;
      return {
        rule: "schema-type",
        path,
        part: "value",
        message: {
          id: `${where} harus berupa ${want.id}, bukan ${got.id} (${shown}).${hintId}`,
          en: `${where} must be ${want.en}, not ${got.en} (${shownEn}).${hintEn}`,
        },
      };
    }
    case "enum": {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const guess = typeof value === "string" ? closest(value, allowed) : undefined;
      return {
        rule: "schema-enum",
        path,
        part: "value",
        message: {
          id: `Nilai ${quote(value)} untuk ${where} tidak dikenal. ${guess ? `Maksud Anda "${guess}"? ` : ""}Pilih salah satu: ${allowed.join(", ")}.`,
          en: `Value ${quote(value)} of ${where} is not known. ${guess ? `Did you mean "${guess}"? ` : ""}Choose one of: ${allowed.join(", ")}.`,
        },
      };
    }
    case "format":
    case "pattern": {
      const isDate = (error.parentSchema as { format?: string })?.format === "date";
      if (isDate) {
        const badShape = error.keyword === "pattern";
        return {
          rule: badShape ? "schema-pattern" : "schema-format",
          path,
          part: "value",
          message: badShape
            ? {
                id: `Tanggal ${quote(value)} di ${where} harus ditulis YYYY-MM-DD, mis. 2026-11-02.`,
                en: `Date ${quote(value)} in ${where} must be written YYYY-MM-DD, e.g. 2026-11-02.`,
              }
            : {
                id: `Tanggal ${quote(value)} di ${where} tidak ada di kalender. Periksa bulan dan hari.`,
                en: `Date ${quote(value)} in ${where} does not exist in the calendar. Check month and day.`,
              },
        };
      }
      return {
        rule: error.keyword === "pattern" ? "schema-pattern" : "schema-format",
        path,
        part: "value",
        message: {
          id: `Nilai ${quote(value)} di ${where} tidak sesuai bentuk yang diminta.${hintId}`,
          en: `Value ${quote(value)} in ${where} does not have the expected form.${hintEn}`,
        },
      };
    }
    case "minLength":
    case "maxLength": {
      const limit = Number((error.params as { limit: number }).limit);
      const length = typeof value === "string" ? [...value].length : 0;
      const tooShort = error.keyword === "minLength";
      return {
        rule: "schema-length",
        path,
        part: "value",
        message: tooShort
          ? limit <= 1
            ? {
                id: `${where} tidak boleh kosong. Isi nilainya.`,
                en: `${where} must not be empty. Fill it in.`,
              }
            : {
                id: `${where} ${quote(value)} terlalu pendek: ${length} karakter, minimal ${limit}.`,
                en: `${where} ${quote(value)} is too short: ${length} characters, at least ${limit}.`,
              }
          : {
              id: `${where} terlalu panjang: ${length} karakter, maksimal ${limit}. Persingkat ${quote(value)}.`,
              en: `${where} is too long: ${length} characters, at most ${limit}. Shorten ${quote(value)}.`,
            },
      };
    }
    case "minItems":
    case "maxItems": {
      const limit = Number((error.params as { limit: number }).limit);
      const count = Array.isArray(value) ? value.length : 0;
      return {
        rule: "schema-items",
        path,
        part: "key",
        message: {
          id: `${where} berisi ${count} entri; batasnya ${error.keyword === "maxItems" ? "paling banyak" : "paling sedikit"} ${limit}.`,
          en: `${where} has ${count} entries; the limit is ${error.keyword === "maxItems" ? "at most" : "at least"} ${limit}.`,
        },
      };
    }
    default:
      return {
        rule: "schema-invalid",
        path,
        part: "value",
        message: {
          id: `${where} tidak sesuai skema (${error.keyword}: ${error.message ?? ""}).${hintId}`,
          en: `${where} does not match the schema (${error.keyword}: ${error.message ?? ""}).${hintEn}`,
        },
      };
  }
}

export type SchemaResult = { ok: true; request: Request } | { ok: false; diagnostics: Diagnostic[] };

/** Checks the shape of a loaded request. Several errors on one node are reported once. */
export function checkRequestSchema(file: string, data: unknown, locator: Locator): SchemaResult {
  const validate = validator();
  if (validate(data)) return { ok: true, request: data as unknown as Request };
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  // An `if` failure only says its `then` failed; the `required` errors of the `then` say what is missing.
  const mappedErrors = (validate.errors ?? [])
    .filter((error) => error.keyword !== "if")
    .map((error) => mapError(error, locator));
  // A misspelt required key (`tujuaan`) is one mistake: keep "unknown field, did you mean", drop
  // "required field missing" for the key it suggests.
  const suggested = new Set<string>();
  for (const m of mappedErrors)
    if (m.rule === "schema-additional-property" && m.suggestion) suggested.add(m.suggestion);
  for (const mapped of mappedErrors) {
    if (mapped.rule === "schema-required" && mapped.missing && suggested.has(mapped.missing)) continue;
    const key = `${mapped.rule === "schema-required" ? mapped.message.en : ""}|${showPath(mapped.path)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pos = locator.at(mapped.path, mapped.part);
    diagnostics.push({
      file,
      line: pos.line,
      column: pos.column,
      rule: mapped.rule,
      severity: "error",
      message: mapped.message,
    });
  }
  return { ok: false, diagnostics };
}
