/**
 * The DNS records of the issue form: one record per line, `TYPE | NAME | CONTENT` then `key=value`
 * options, each between `|` (`MX | @ | mail.kuduskab.go.id | priority=10`). Columns instead of YAML
 * because a form user should not have to learn indentation or quoting; a TXT value keeps its spaces
 * and `;` as they are. Parsed strictly: an unknown option, a repeated one or a non-number where a
 * number belongs is a finding at its line and column, never a guess. The validator judges the rest.
 */
import type { Message } from "../types.ts";

export interface DnsLine {
  /** Line in the issue body (1-based). */
  line: number;
  record: Record<string, string | number | boolean>;
}

export interface DnsProblem {
  line: number;
  column: number;
  message: Message;
}

const NUMBER_OPTIONS = new Set(["ttl", "priority", "weight", "port", "flags"]);
const OPTIONS = new Set([...NUMBER_OPTIONS, "proxied", "tag"]);
const BOOLEANS = new Map<string, boolean>([
  ["true", true],
  ["false", false],
  ["ya", true],
  ["tidak", false],
]);
const MAX_PROBLEMS = 50;

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** Column (1-based) of the `index`th `|`-separated part of `text`. */
function columnOf(text: string, index: number): number {
  let column = 0;
  for (let i = 0; i < index; i++) column = text.indexOf("|", column) + 1;
  return column + 1 + (text.slice(column).length - text.slice(column).trimStart().length);
}

export function parseDnsLines(
  text: string,
  firstLine: number,
): { records: DnsLine[]; problems: DnsProblem[] } {
  const records: DnsLine[] = [];
  const problems: DnsProblem[] = [];
  const problem = (line: number, column: number, id: string, en: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, column, message: { id, en } });
  };
  text.split("\n").forEach((raw, index) => {
    const line = firstLine + index;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const parts = raw.split("|").map((part) => part.trim());
    const [type = "", name = "", content = "", ...options] = parts;
    if (parts.length < 3 || content === "") {
      problem(
        line,
        1,
        `Baris catatan DNS ${quote(trimmed)} harus berbentuk JENIS | NAMA | ISI, mis. MX | @ | mail.kuduskab.go.id | priority=10.`,
        `DNS record line ${quote(trimmed)} must read TYPE | NAME | CONTENT, e.g. MX | @ | mail.kuduskab.go.id | priority=10.`,
      );
      return;
    }
    if (!/^[A-Za-z][A-Za-z0-9]{0,9}$/.test(type)) {
      problem(
        line,
        columnOf(raw, 0),
        `Jenis catatan ${quote(type)} tidak sah; tulis A, AAAA, CNAME, MX, TXT, CAA atau SRV.`,
        `Record type ${quote(type)} is not valid; write A, AAAA, CNAME, MX, TXT, CAA or SRV.`,
      );
      return;
    }
    const record: Record<string, string | number | boolean> = { type: type.toUpperCase() };
    if (name !== "" && name !== "@") record.name = name;
    record.content = content;
    let ok = true;
    options.forEach((option, i) => {
      const column = columnOf(raw, i + 3);
      const match = /^([a-z]+)=(.*)$/.exec(option);
      const key = match?.[1] ?? "";
      const value = (match?.[2] ?? "").trim();
      if (!match || !OPTIONS.has(key)) {
        ok = false;
        problem(
          line,
          column,
          `Opsi ${quote(option)} tidak dikenal; pakai kunci=nilai dengan kunci ttl, proxied, priority, weight, port, flags atau tag. Isi catatan tidak boleh memuat "|".`,
          `Option ${quote(option)} is not known; use key=value with key ttl, proxied, priority, weight, port, flags or tag. Record content cannot hold "|".`,
        );
        return;
      }
      if (Object.hasOwn(record, key)) {
        ok = false;
        problem(line, column, `Opsi ${key} ditulis dua kali.`, `Option ${key} is given twice.`);
        return;
      }
      if (NUMBER_OPTIONS.has(key)) {
        if (!/^[0-9]{1,9}$/.test(value)) {
          ok = false;
          problem(
            line,
            column,
            `Opsi ${key} harus bilangan bulat, bukan ${quote(value)}.`,
            `Option ${key} must be a whole number, not ${quote(value)}.`,
          );
          return;
        }
        record[key] = Number(value);
      } else if (key === "proxied") {
        const flag = BOOLEANS.get(value.toLowerCase());
        if (flag === undefined) {
          ok = false;
          problem(
            line,
            column,
            `Opsi proxied harus true atau false, bukan ${quote(value)}.`,
            `Option proxied must be true or false, not ${quote(value)}.`,
          );
          return;
        }
        record.proxied = flag;
      } else record.tag = value;
    });
    if (ok) records.push({ line, record });
  });
  return { records, problems };
}
