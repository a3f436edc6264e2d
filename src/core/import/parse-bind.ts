/**
 * An RFC 1035 master file (§5) as `ZoneRecord`s: the office's own BIND zone, or Cloudflare's
 * dashboard "Export" with its `; cf_tags=cf-proxied:true` comments.
 *
 * Hand-written rather than taken from npm: the one maintained-looking package, `dns-zonefile`, parses
 * line by line with regular expressions per known type, so it drops unknown types, loses Cloudflare's
 * comments, and neither decodes `\DDD` escapes nor keeps a TXT value split into several strings apart
 * from one with spaces. Here a single pass over the characters (linear, so a 1 MB line costs 1 MB of
 * work) yields entries of tokens; RFC 1035 §5.1 is small enough to follow directly:
 * - `$ORIGIN`, `$TTL` (RFC 2308); `$INCLUDE` and `$GENERATE` are refused, as Cloudflare refuses them;
 * - an owner left blank (the line starts with white space) repeats the previous owner; `@` is the origin;
 * - TTL and class are optional and come in either order; TTLs may use BIND's units (`1h30m`);
 * - parentheses continue an entry over several lines; `;` starts a comment outside quotes;
 * - `"…"` strings keep spaces, `\X` quotes X and `\DDD` is one byte (so UTF-8 may be spelled in bytes).
 */
import { msg } from "../request/rules/util.ts";
import type { Message } from "../types.ts";
import {
  type InputError,
  MAX_INPUT_ERRORS,
  type ParseResult,
  type RawRecord,
  toZoneRecord,
  type ZoneRecord,
} from "./records.ts";

interface Token {
  text: string;
  quoted: boolean;
}

interface Entry {
  line: number;
  /** The line started with white space: the owner is the previous one. */
  blankOwner: boolean;
  tokens: Token[];
  /** The last comment on the entry's lines. */
  comment: string | null;
}

const DECODER = new TextDecoder("utf-8", { fatal: false });

/** Splits the text into entries, collecting syntax errors; never throws. */
function tokenize(text: string, file: string, errors: InputError[]): Entry[] {
  const entries: Entry[] = [];
  let line = 1;
  let depth = 0;
  let openedAt = 0;
  let entry: Entry | null = null;
  let atLineStart = true;
  let i = 0;
  const n = text.length;
  const fail = (at: number, message: Message) => errors.push({ at: `${file}:${at}`, message });

  const finish = () => {
    if (entry !== null && entry.tokens.length > 0) entries.push(entry);
    entry = null;
  };
  const current = (): Entry => {
    if (entry === null) entry = { line, blankOwner: false, tokens: [], comment: null };
    return entry;
  };

  while (i < n) {
    const c = text[i] as string;
    if (c === "\n") {
      line++;
      i++;
      if (depth === 0) finish();
      atLineStart = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      if (atLineStart && depth === 0 && c !== "\r") {
        const e = current();
        if (e.tokens.length === 0) e.blankOwner = true;
      }
      atLineStart = false;
      i++;
      continue;
    }
    atLineStart = false;
    if (c === ";") {
      let end = text.indexOf("\n", i);
      if (end === -1) end = n;
      const comment = text.slice(i + 1, end).trim();
      if (entry !== null && (entry as Entry).tokens.length > 0 && comment !== "") {
        (entry as Entry).comment = comment;
      }
      i = end;
      continue;
    }
    if (c === "(") {
      if (depth === 0) openedAt = line;
      depth++;
      current();
      i++;
      continue;
    }
    if (c === ")") {
      if (depth === 0) {
        fail(line, msg("')' tanpa '(' pasangannya", "')' without a matching '('"));
      } else {
        depth--;
      }
      i++;
      continue;
    }
    // A token: quoted string or a run of non-space characters, with escapes.
    const quoted = c === '"';
    if (quoted) i++;
    const startLine = line;
    let out = "";
    let bytes: number[] = [];
    const flush = () => {
      if (bytes.length > 0) {
        out += DECODER.decode(new Uint8Array(bytes));
        bytes = [];
      }
    };
    let closed = !quoted;
    while (i < n) {
      const ch = text[i] as string;
      if (quoted && ch === '"') {
        closed = true;
        i++;
        break;
      }
      if (ch === "\n" || (!quoted && (ch === " " || ch === "\t" || ch === "\r" || ch === ";"))) break;
      // RFC 1035 §5.1: a quote opens a string only at the start of a token (`alpn="h2,h3"` is one).
      if (!quoted && (ch === "(" || ch === ")")) break;
      if (ch === "\\") {
        const digits = text.slice(i + 1, i + 4);
        if (/^[0-9]{3}$/.test(digits)) {
          const value = Number(digits);
          if (value > 255)
            fail(line, msg(`escape \\${digits} di atas 255`, `escape \\${digits} is above 255`));
          bytes.push(value & 0xff);
          i += 4;
          continue;
        }
        const next = text[i + 1];
        if (next === undefined || next === "\n") {
          fail(line, msg("garis miring terbalik di akhir baris", "backslash at the end of a line"));
          i++;
          continue;
        }
        flush();
        out += next;
        i += 2;
        continue;
      }
      flush();
      out += ch;
      i++;
    }
    flush();
    if (!closed) {
      fail(
        startLine,
        msg(
          'teks dalam tanda kutip tidak ditutup sebelum akhir baris; tambahkan " penutup',
          'quoted text is not closed before the end of the line; add the closing "',
        ),
      );
    }
    current().tokens.push({ text: out, quoted });
  }
  if (depth > 0) {
    fail(
      openedAt,
      msg("'(' tidak ditutup sampai akhir berkas", "'(' is not closed before the end of the file"),
    );
  }
  finish();
  return entries;
}

const TTL_UNITS: Readonly<Record<string, number>> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
const TTL_PLAIN = /^[0-9]+$/;
const TTL_WITH_UNITS = /^(?:[0-9]+[wdhmsWDHMS])+$/;
const MAX_TTL = 2 ** 31 - 1;

/** A TTL in seconds (RFC 2181 §8: 0 to 2^31-1), BIND's units allowed; null when not a TTL. */
export function parseTtl(text: string): number | null {
  let seconds: number;
  if (TTL_PLAIN.test(text)) seconds = Number(text);
  else if (TTL_WITH_UNITS.test(text)) {
    seconds = 0;
    for (const [, value, unit] of text.matchAll(/([0-9]+)([a-zA-Z])/g)) {
      seconds += Number(value) * (TTL_UNITS[(unit as string).toLowerCase()] ?? 0);
    }
  } else return null;
  return seconds <= MAX_TTL ? seconds : null;
}

const CLASSES = new Set(["IN", "CH", "HS", "CS", "ANY"]);
const TYPE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]*)$/;

/** Which data fields of a type are domain names (relative ones are completed with the origin). */
const NAME_FIELDS: Readonly<Record<string, readonly number[]>> = {
  CNAME: [0],
  NS: [0],
  PTR: [0],
  DNAME: [0],
  MX: [1],
  SRV: [3],
  SOA: [0, 1],
};

function absoluteName(name: string, origin: string): string {
  if (name === "@") return origin;
  if (name.endsWith(".")) return name === "." ? "." : name.slice(0, -1).toLowerCase();
  return origin === "." ? name.toLowerCase() : `${name}.${origin}`.toLowerCase();
}

/** Cloudflare's export comment: `<comment> cf_tags=<tag>,<name>:<value>,<name>:"<quoted, value>"`. */
export function parseCloudflareComment(comment: string | null): {
  comment: string | null;
  tags: string[];
  proxied: boolean | null;
} {
  if (comment === null) return { comment: null, tags: [], proxied: null };
  const mark = comment.lastIndexOf("cf_tags=");
  if (mark === -1 || (mark > 0 && !/\s/.test(comment[mark - 1] as string))) {
    return { comment, tags: [], proxied: null };
  }
  const text = comment.slice(0, mark).trim();
  const tags: string[] = [];
  let proxied: boolean | null = null;
  for (const tag of splitTags(comment.slice(mark + "cf_tags=".length))) {
    if (tag === "cf-proxied:true") proxied = true;
    else if (tag === "cf-proxied:false") proxied = false;
    else if (tag !== "") tags.push(tag);
  }
  return { comment: text === "" ? null : text, tags, proxied };
}

/** Tags separated by commas; a value in double quotes may hold commas and `\"` (JSON strings). */
function splitTags(text: string): string[] {
  const tags: string[] = [];
  let current = "";
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inQuote && c === "\\" && i + 1 < text.length) {
      current += text[i + 1];
      i++;
    } else if (c === '"') inQuote = !inQuote;
    else if (c === "," && !inQuote) {
      tags.push(current.trim());
      current = "";
    } else current += c;
  }
  tags.push(current.trim());
  return tags;
}

function display(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.quoted ? JSON.stringify(t.text) : t.text)).join(" ");
}

export interface BindOptions {
  /** The file name shown in located messages. */
  file: string;
  /** The origin before any `$ORIGIN`: the zone (absolute, without the trailing dot). */
  origin: string;
}

/** Parses a zone file. Syntax errors are returned with their line, up to `MAX_INPUT_ERRORS`. */
export function parseBindZone(text: string, options: BindOptions): ParseResult {
  const errors: InputError[] = [];
  const { file } = options;
  const entries = tokenize(text, file, errors);
  const records: ZoneRecord[] = [];
  let origin = options.origin.toLowerCase().replace(/\.$/, "");
  let defaultTtl: number | null = null;
  let previousOwner: string | null = null;
  const fail = (line: number, message: Message) => errors.push({ at: `${file}:${line}`, message });

  for (const entry of entries) {
    if (errors.length >= MAX_INPUT_ERRORS) break;
    const tokens = entry.tokens;
    const head = tokens[0] as Token;
    if (!entry.blankOwner && !head.quoted && head.text.startsWith("$")) {
      const directive = head.text.toUpperCase();
      const arg = tokens[1];
      if (directive === "$ORIGIN" && arg !== undefined && !arg.quoted) {
        origin = absoluteName(arg.text, origin);
      } else if (directive === "$TTL" && arg !== undefined && parseTtl(arg.text) !== null) {
        defaultTtl = parseTtl(arg.text);
      } else if (directive === "$INCLUDE" || directive === "$GENERATE") {
        fail(
          entry.line,
          msg(
            `${directive} tidak didukung; gabungkan atau jabarkan dulu isinya ke berkas ini`,
            `${directive} is not supported; merge or expand its content into this file first`,
          ),
        );
      } else {
        fail(
          entry.line,
          msg(
            `direktif ${JSON.stringify(head.text)} tidak dikenal atau tanpa nilai yang sah`,
            `directive ${JSON.stringify(head.text)} is unknown or lacks a valid value`,
          ),
        );
      }
      continue;
    }
    let k = 0;
    let owner: string;
    if (entry.blankOwner) {
      if (previousOwner === null) {
        fail(
          entry.line,
          msg(
            "baris pertama diawali spasi, jadi tidak punya nama pemilik",
            "the first record starts with white space, so it has no owner name",
          ),
        );
        continue;
      }
      owner = previousOwner;
    } else {
      owner = absoluteName(head.text, origin);
      k = 1;
    }
    let ttl: number | null = null;
    let klass: string | null = null;
    for (let guard = 0; guard < 2; guard++) {
      const token = tokens[k];
      if (token === undefined || token.quoted) break;
      if (ttl === null && parseTtl(token.text) !== null) ttl = parseTtl(token.text);
      else if (klass === null && CLASSES.has(token.text.toUpperCase())) klass = token.text.toUpperCase();
      else break;
      k++;
    }
    const typeToken = tokens[k];
    if (typeToken === undefined || typeToken.quoted || !TYPE_NAME.test(typeToken.text)) {
      fail(
        entry.line,
        msg(
          `jenis rekaman tidak ditemukan pada rekaman ${JSON.stringify(owner)}; bentuknya: nama [TTL] [IN] JENIS data`,
          `no record type found in the record of ${JSON.stringify(owner)}; the form is: name [TTL] [IN] TYPE data`,
        ),
      );
      continue;
    }
    if (klass !== null && klass !== "IN") {
      fail(
        entry.line,
        msg(`kelas ${klass} tidak didukung, hanya IN`, `class ${klass} is not supported, only IN`),
      );
      continue;
    }
    previousOwner = owner;
    const type = typeToken.text.toUpperCase();
    const data = tokens.slice(k + 1);
    const nameFields = NAME_FIELDS[type] ?? [];
    const fields = data.map((token, index) =>
      nameFields.includes(index) && !token.quoted ? absoluteName(token.text, origin) : token.text,
    );
    const cloudflare = parseCloudflareComment(entry.comment);
    const raw: RawRecord = {
      name: owner,
      type,
      ttl: ttl ?? defaultTtl,
      fields,
      content:
        type === "TXT"
          ? fields.join("")
          : display(data.map((token, index) => ({ ...token, text: fields[index] as string }))),
      proxied: cloudflare.proxied,
      comment: cloudflare.comment,
      tags: cloudflare.tags,
      id: null,
      zoneId: null,
      at: `${file}:${entry.line}`,
    };
    records.push(toZoneRecord(raw));
  }
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_INPUT_ERRORS) } : { ok: true, records };
}
