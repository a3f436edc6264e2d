/**
 * Cloudflare's DNS record listing (`GET /zones/{zone_id}/dns_records`) as `ZoneRecord`s: one page
 * `{ result: [...], result_info, success }` or an array of such pages. The answer is checked here at
 * the boundary; a record without a name or type stops the import with its place (`result[3]`).
 *
 * Field meanings follow the API's `RecordResponse` (cloudflare-go v6 `dns/record.go`): `name` is the
 * full name, `ttl` 1 is "automatic", `priority` belongs to MX (and SRV), structured types carry `data`
 * (SRV `{priority, weight, port, target}`, CAA `{flags, tag, value}`), `comment` and `tags` are free.
 */
import { msg } from "../request/rules/util.ts";
import {
  hostOf,
  type InputError,
  MAX_INPUT_ERRORS,
  type ParseResult,
  toZoneRecord,
  type ZoneRecord,
} from "./records.ts";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether a JSON document is a listing page (or pages) rather than a zone file. */
export function looksLikeCloudflareListing(text: string): boolean {
  const start = text.trimStart();
  if (!start.startsWith("{") && !start.startsWith("[")) return false;
  try {
    const data: unknown = JSON.parse(text);
    return isObject(data) ? "result" in data : Array.isArray(data) && data.some(isObject);
  } catch {
    return false;
  }
}

/** Line and column of a JSON syntax error, from what V8 names in its message (when it names any). */
function jsonErrorAt(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const place = /\(line (\d+) column (\d+)\)/.exec(message);
  if (place) return `:${place[1]}:${place[2]}`;
  const offset = /position (\d+)/.exec(message)?.[1];
  if (offset === undefined) return "";
  const before = text.slice(0, Number(offset));
  const line = before.split("\n").length;
  return `:${line}:${Number(offset) - before.lastIndexOf("\n")}`;
}

/**
 * A TXT `content` as text: newer listings quote it as zone-file strings (`"v=spf1 …"`, a long DKIM key
 * as `"…" "…"`), older ones hold the bare text. Quoted strings are unquoted and joined.
 */
function txtText(content: string): string {
  const trimmed = content.trim();
  if (!trimmed.startsWith('"') || !trimmed.endsWith('"')) return content;
  const parts: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"\s*/gy;
  let match: RegExpExecArray | null = pattern.exec(trimmed);
  let consumed = 0;
  while (match !== null) {
    parts.push((match[1] as string).replace(/\\(.)/g, "$1"));
    consumed = pattern.lastIndex;
    match = pattern.exec(trimmed);
  }
  return consumed === trimmed.length ? parts.join("") : content;
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): string | null =>
  typeof value === "number" && Number.isInteger(value) ? String(value) : null;

/** The data fields of a record in zone-file order (see `records.ts`), from `data` where the type has it. */
function fieldsOf(type: string, record: Json, content: string): string[] {
  const data = isObject(record.data) ? record.data : null;
  switch (type) {
    case "MX":
      return [num(record.priority) ?? "", content];
    case "TXT":
      return [txtText(content)];
    case "SRV":
      if (data !== null) {
        return [
          num(data.priority) ?? "",
          num(data.weight) ?? "",
          num(data.port) ?? "",
          str(data.target) ?? "",
        ];
      }
      return content.split(/\s+/).filter(Boolean);
    case "CAA":
      if (data !== null) return [num(data.flags) ?? "", str(data.tag) ?? "", str(data.value) ?? ""];
      return (content.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? []).map((part) =>
        part.startsWith('"') ? part.slice(1, -1).replace(/\\(.)/g, "$1") : part,
      );
    default:
      return [content];
  }
}

function displayOf(type: string, fields: readonly string[], content: string): string {
  if (type === "TXT") return fields[0] ?? "";
  if (type === "CAA" && fields.length === 3) return `${fields[0]} ${fields[1]} ${JSON.stringify(fields[2])}`;
  if (type === "MX" || type === "SRV") return fields.join(" ");
  return content;
}

/** Parses a listing. Shape errors are returned with the record's place, up to `MAX_INPUT_ERRORS`. */
export function parseCloudflareListing(text: string, file: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          at: `${file}${jsonErrorAt(text, error)}`,
          message: msg(
            `JSON tidak sah: ${error instanceof Error ? error.message : String(error)}`,
            `invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
          ),
        },
      ],
    };
  }
  const pages = Array.isArray(data) ? data : [data];
  const errors: InputError[] = [];
  const records: ZoneRecord[] = [];
  pages.forEach((page, p) => {
    const where = Array.isArray(data) ? `[${p}].result` : "result";
    if (!isObject(page) || !Array.isArray(page.result)) {
      errors.push({
        at: `${file}: ${Array.isArray(data) ? `[${p}]` : "(akar/root)"}`,
        message: msg(
          "bukan halaman daftar rekaman Cloudflare: tidak ada larik result",
          "not a page of Cloudflare's record listing: no result array",
        ),
      });
      return;
    }
    page.result.forEach((record: unknown, i: number) => {
      const at = `${file}: ${where}[${i}]`;
      const name = isObject(record) ? str(record.name) : null;
      const type = isObject(record) ? str(record.type) : null;
      if (
        !isObject(record) ||
        name === null ||
        name === "" ||
        type === null ||
        !/^[A-Za-z0-9]+$/.test(type)
      ) {
        errors.push({
          at,
          message: msg("rekaman tanpa name atau type yang sah", "a record without a valid name or type"),
        });
        return;
      }
      const upper = type.toUpperCase();
      const content = str(record.content) ?? "";
      const fields = fieldsOf(upper, record, content);
      records.push(
        toZoneRecord({
          name: hostOf(name),
          type: upper,
          ttl: typeof record.ttl === "number" && Number.isInteger(record.ttl) ? record.ttl : null,
          fields,
          content: displayOf(upper, fields, content),
          proxied: typeof record.proxied === "boolean" ? record.proxied : null,
          comment: str(record.comment),
          tags: Array.isArray(record.tags)
            ? record.tags.filter((t): t is string => typeof t === "string")
            : [],
          id: str(record.id),
          zoneId: str(record.zone_id),
          at,
        }),
      );
    });
  });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_INPUT_ERRORS) } : { ok: true, records };
}
