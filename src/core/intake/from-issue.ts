/**
 * From the body of a request issue (the form of `form.ts`, as GitHub renders it) to the text of
 * `requests/<subdomain>.yaml`, and the validator's findings on that file back to the form's fields.
 * Pure and total: the body is a stranger's text, so every problem becomes a located diagnostic and
 * nothing in it is executed or spliced into YAML text (values are set on a `yaml` Document).
 *
 * GitHub's rendering (github/issue-parser, and real issues): each field is `### <label>`, a blank
 * line, the answer; an empty input or textarea is `_No response_`, an empty dropdown `None`;
 * checkboxes are `- [X] option` or `- [x] option` (the case changed over the years) or `- [ ]`;
 * a `render:` textarea is wrapped in a code fence; browsers send `\r\n`.
 */
import { Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import requestSchema from "../../../schema/request.schema.json" with { type: "json" };
import { codePointText } from "../escape.ts";
import { YAML_OUTPUT } from "../office/workflows.ts";
import type { Diagnostic, Message } from "../types.ts";
import { type DnsLine, parseDnsLines } from "./dns-lines.ts";
import type { IntakeField } from "./fields.ts";
import { FIELDS, fieldByLabel, HOSTING_ONLY } from "./fields.ts";
import { dropdownOptions, type SchemaNode } from "./form.ts";

/** The `file` of a diagnostic about the issue body; its line and column are the body's. */
export const ISSUE_FILE = "issue";

/** The same cap as a request file (`file-too-large`): the body becomes one. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A diagnostic located in the issue body, with the form field it belongs to. */
export interface IntakeDiagnostic extends Diagnostic {
  /** The form element's id, or null for the body as a whole. */
  field: string | null;
  label: string | null;
}

interface Answer {
  field: IntakeField;
  /** Line of the `### ` heading (1-based). */
  heading: number;
  /** Line of the answer's first non-blank line (the heading's when there is none). */
  line: number;
  lines: string[];
}

export interface Conversion {
  /** `requests/<subdomain>.yaml`, or null when the body cannot become a file. */
  file: string | null;
  content: string | null;
  subdomain: string | null;
  diagnostics: IntakeDiagnostic[];
  /** Body line of each answer, by field id; of each DNS record, by its index. */
  answers: ReadonlyMap<string, number>;
  dnsLines: readonly number[];
}

const SCHEMA = requestSchema as SchemaNode;
const NO_RESPONSE = "_No response_";
const MAX_FINDINGS = 50;

// Controls other than tab, DEL, C1, line and paragraph separators, bidi overrides: text that reads
// differently from what it is, or rewrites a terminal line. Newlines are the body's own structure.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the purpose.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function located(
  rule: string,
  line: number,
  field: IntakeField | null,
  message: Message,
  column = 1,
): IntakeDiagnostic {
  return {
    file: ISSUE_FILE,
    line,
    column,
    rule,
    severity: "error",
    message,
    field: field?.id ?? null,
    label: field?.label ?? null,
  };
}

/** A value quoted for a message: one line, controls visible, at most 80 characters. */
function quote(value: string): string {
  const short = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(short).replace(new RegExp(UNSAFE.source, "g"), codePointText);
}

export function bodyTooLarge(size: number): IntakeDiagnostic {
  return located("issue-too-large", 1, null, {
    id: `Isi issue ${size} bita, lebih dari batas ${MAX_BODY_BYTES} bita (64 KiB). Persingkat jawaban, terutama catatan dan catatan DNS.`,
    en: `The issue body is ${size} bytes, over the ${MAX_BODY_BYTES}-byte (64 KiB) limit. Shorten the answers, notably the notes and DNS records.`,
  });
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^### (.*)$/;

/** The body's answers by field, and what is wrong with its structure. */
function splitBody(lines: readonly string[], out: IntakeDiagnostic[]): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  let current: Answer | null = null;
  let skipping = false;
  let fence: string | null = null;
  lines.forEach((text, index) => {
    const line = index + 1;
    const open = FENCE.exec(text)?.[1];
    if (open !== undefined) {
      if (fence === null) fence = open;
      else if (open[0] === fence[0] && open.length >= fence.length && text.trim() === open) fence = null;
    }
    const heading = fence === null && open === undefined ? HEADING.exec(text) : null;
    if (heading) {
      const label = (heading[1] ?? "").trim();
      const field = fieldByLabel(label);
      if (field === undefined) {
        out.push(
          located("issue-unknown-heading", line, null, {
            id: `Judul ${quote(label)} bukan kolom formulir permohonan. Jangan menambah judul "### "; buat issue baru dari formulir.`,
            en: `Heading ${quote(label)} is not a field of the request form. Do not add "### " headings; open a new issue from the form.`,
          }),
        );
        current = null;
        skipping = true;
        return;
      }
      if (answers.has(field.id)) {
        out.push(
          located("issue-duplicate-heading", line, field, {
            id: `Kolom ${quote(label)} muncul lebih dari sekali. Hapus salinannya.`,
            en: `Field ${quote(label)} appears more than once. Remove the copy.`,
          }),
        );
        current = null;
        skipping = true;
        return;
      }
      current = { field, heading: line, line, lines: [] };
      answers.set(field.id, current);
      skipping = false;
      return;
    }
    if (current) {
      if (current.lines.length === 0 && text.trim() === "") return;
      if (current.lines.length === 0) current.line = line;
      current.lines.push(text);
    } else if (!skipping && text.trim() !== "") {
      out.push(
        located("issue-unexpected-text", line, null, {
          id: "Ada teks sebelum kolom pertama formulir. Buat issue dari formulir permohonan tanpa mengubah susunannya.",
          en: "There is text before the form's first field. Open the issue from the request form without changing its layout.",
        }),
      );
      skipping = true;
    }
  });
  for (const answer of answers.values()) {
    while (answer.lines.length > 0 && (answer.lines.at(-1) ?? "").trim() === "") answer.lines.pop();
  }
  return answers;
}

function findControls(lines: readonly string[], answers: Map<string, Answer>, out: IntakeDiagnostic[]): void {
  const owners = [...answers.values()].sort((a, b) => a.heading - b.heading);
  let found = 0;
  lines.forEach((text, index) => {
    const match = UNSAFE.exec(text);
    if (!match || found >= MAX_FINDINGS) return;
    found++;
    const line = index + 1;
    const owner = owners.filter((a) => a.heading <= line).at(-1)?.field ?? null;
    out.push(
      located(
        "issue-control-character",
        line,
        owner,
        {
          id: `Ada karakter kendali atau pembalik arah teks ${codePointText(match[0])}; karakter ini dapat menyamarkan isi. Ketik ulang jawabannya tanpa menyalin dari dokumen lain.`,
          en: `There is a control or bidi character ${codePointText(match[0])}; it can disguise the text. Retype the answer rather than pasting it from another document.`,
        },
        match.index + 1,
      ),
    );
  });
}

type Value = string | boolean | DnsLine[];

/** The answer as the field's value; undefined when empty. */
function readAnswer(answer: Answer, out: IntakeDiagnostic[]): Value | undefined {
  const { field } = answer;
  const text = answer.lines.join("\n");
  const trimmed = text.trim();
  if (trimmed === NO_RESPONSE || trimmed === "") return undefined;
  switch (field.kind) {
    case "input":
      if (answer.lines.length > 1) {
        out.push(
          located("issue-field-multiline", answer.line, field, {
            id: `Kolom ${quote(field.label)} hanya satu baris. Tulis jawabannya dalam satu baris.`,
            en: `Field ${quote(field.label)} takes one line. Write the answer on one line.`,
          }),
        );
        return undefined;
      }
      return trimmed;
    case "textarea":
      if (field.render !== undefined) {
        // Not trimmed: the DNS parser counts lines from the fence to locate each record.
        const inner = unfence(answer.lines).join("\n");
        return inner.trim() === "" ? undefined : inner;
      }
      return trimmed;
    case "dropdown": {
      if (trimmed === "None") return undefined;
      const options = dropdownOptions(SCHEMA, field);
      if (options.includes(trimmed)) return trimmed;
      out.push(
        located("issue-field-option", answer.line, field, {
          id: `Kolom ${quote(field.label)}: ${quote(trimmed)} bukan pilihan formulir. Pilih salah satu: ${options.join(", ")}.`,
          en: `Field ${quote(field.label)}: ${quote(trimmed)} is not one of the form's choices. Choose one of: ${options.join(", ")}.`,
        }),
      );
      return undefined;
    }
    case "checkbox":
      return readCheckbox(answer, out);
    default:
      return field.kind satisfies never;
  }
}

/** The lines inside a `render:` fence (GitHub adds it); an answer without a fence as it is. */
function unfence(lines: readonly string[]): readonly string[] {
  const first = lines[0]?.trim() ?? "";
  const last = lines.at(-1)?.trim() ?? "";
  if (lines.length >= 2 && /^```[A-Za-z0-9_-]*$/.test(first) && last === "```") return lines.slice(1, -1);
  return lines;
}

const CHECKBOX = /^- \[([ xX])\] (.*)$/;

function readCheckbox(answer: Answer, out: IntakeDiagnostic[]): boolean | undefined {
  const { field } = answer;
  const option = field.option ?? field.label;
  const boxes = answer.lines.filter((line) => line.trim() !== "");
  const match = boxes.length === 1 ? CHECKBOX.exec((boxes[0] ?? "").trim()) : null;
  if (!match || (match[2] ?? "").trim() !== option) {
    out.push(
      located("issue-field-checkbox", answer.line, field, {
        id: `Kolom ${quote(field.label)} harus satu kotak centang "- [x] ${option}" atau "- [ ] ${option}".`,
        en: `Field ${quote(field.label)} must be one checkbox "- [x] ${option}" or "- [ ] ${option}".`,
      }),
    );
    return undefined;
  }
  return match[1] === " " ? undefined : true;
}

/** A name that is safe as `requests/<name>.yaml`; the validator judges it further. */
const SUBDOMAIN = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      Object.defineProperty(node, key, {
        value: created,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      node = created;
    }
  });
  const last = path.at(-1) as string;
  Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

// YAML 1.1 readers take these words as booleans or null; a plain scalar must not be one of them.
const YAML11_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
const WORKFLOW_COMMAND = /^\s*(?:::|##\[)/m;
const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9 ,.()'/@_+-]*$/;

/** Strings stay strings for every reader: quoted unless plainly text; several lines as a block. */
function quoteStrings(doc: Document): void {
  visit(doc, {
    Pair(_key, pair) {
      const value = pair.value;
      if (!isScalar(value) || typeof value.value !== "string") return;
      const text = value.value;
      // A line of its own starting with `::` or `##[` would be a workflow command when the file is
      // printed in an Actions log (the runner trims leading white space): such text stays on one line.
      if (text.includes("\n") && !WORKFLOW_COMMAND.test(text)) value.type = "BLOCK_LITERAL";
      else if (text.includes("\n") || !PLAIN_SAFE.test(text) || YAML11_WORDS.test(text) || text.endsWith(" "))
        value.type = "QUOTE_DOUBLE";
    },
  });
}

function renderRequest(request: Record<string, unknown>): string {
  const doc = new Document(request);
  doc.commentBefore = [
    " yaml-language-server: $schema=../schema/request.schema.json",
    " Dibuat dari issue formulir permohonan (made from a request issue form) oleh domainops from-issue.",
  ].join("\n");
  quoteStrings(doc);
  // JSON-style double quotes keep a quoted value on its line (`\n`, never a folded line break).
  return doc.toString({ ...YAML_OUTPUT, doubleQuotedAsJSON: true });
}

function hostingConflicts(
  values: Map<string, Value>,
  answers: Map<string, Answer>,
  out: IntakeDiagnostic[],
): void {
  const jenis = values.get("hosting-jenis");
  for (const [id, wanted] of Object.entries(HOSTING_ONLY)) {
    const answer = answers.get(id);
    if (!values.has(id) || answer === undefined || jenis === undefined || jenis === wanted) continue;
    values.delete(id);
    out.push(
      located("issue-field-hosting", answer.line, answer.field, {
        id: `Kolom ${quote(answer.field.label)} hanya untuk jenis hosting ${wanted}, bukan ${quote(String(jenis))}. Kosongkan kolom ini atau pilih ${wanted}.`,
        en: `Field ${quote(answer.field.label)} is only for hosting kind ${wanted}, not ${quote(String(jenis))}. Leave it empty or choose ${wanted}.`,
      }),
    );
  }
  const paket = answers.get("akun-paket");
  const extras = ["akun-php", "akun-database", "akun-server"].filter((id) => values.has(id));
  if (!values.has("akun-paket") && extras.length > 0 && paket !== undefined) {
    out.push(
      located("issue-field-required", paket.line, paket.field, {
        id: `Kolom ${quote(paket.field.label)} wajib bila versi PHP, basis data atau server diisi. Isi paket atau kosongkan kolom akun lainnya.`,
        en: `Field ${quote(paket.field.label)} is required when the PHP version, database or server is given. Fill in the package or leave the other account fields empty.`,
      }),
    );
  }
}

/** The body's answers as a request file (`file` and `content` null when it cannot be built). */
export function convertIssue(body: string | Uint8Array, author: string): Conversion {
  const diagnostics: IntakeDiagnostic[] = [];
  const empty = (): Conversion => ({
    file: null,
    content: null,
    subdomain: null,
    diagnostics,
    answers: new Map(),
    dnsLines: [],
  });
  const size = typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength;
  if (size > MAX_BODY_BYTES) {
    diagnostics.push(bodyTooLarge(size));
    return empty();
  }
  let text: string;
  try {
    text = typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    diagnostics.push(
      located("issue-invalid-utf8", 1, null, {
        id: "Isi issue bukan teks UTF-8 yang sah. Buat issue dari formulir di peramban.",
        en: "The issue body is not valid UTF-8 text. Open the issue from the form in a browser.",
      }),
    );
    return empty();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const answers = splitBody(lines, diagnostics);
  findControls(lines, answers, diagnostics);

  const values = new Map<string, Value>();
  let dnsLines: number[] = [];
  for (const field of FIELDS) {
    const answer = answers.get(field.id);
    if (answer === undefined) {
      if (field.required)
        diagnostics.push(
          located("issue-field-missing", 1, field, {
            id: `Kolom wajib ${quote(field.label)} tidak ada di issue. Buat issue dari formulir permohonan tanpa menghapus kolom.`,
            en: `Required field ${quote(field.label)} is missing from the issue. Open the issue from the request form without removing fields.`,
          }),
        );
      continue;
    }
    const before = diagnostics.length;
    let value = readAnswer(answer, diagnostics);
    if (value !== undefined && field.path === "dns" && typeof value === "string") {
      const parsed = parseDnsLines(value, answer.line + (unfence(answer.lines) === answer.lines ? 0 : 1));
      for (const problem of parsed.problems)
        diagnostics.push(located("issue-dns-line", problem.line, field, problem.message, problem.column));
      value = parsed.records;
      dnsLines = parsed.records.map((record) => record.line);
    }
    if (value !== undefined) values.set(field.id, value);
    else if (field.required && diagnostics.length === before)
      diagnostics.push(
        located("issue-field-required", answer.line, field, {
          id: `Kolom ${quote(field.label)} wajib diisi.`,
          en: `Field ${quote(field.label)} is required.`,
        }),
      );
  }
  hostingConflicts(values, answers, diagnostics);

  const subdomain = values.get("subdomain");
  const subdomainAnswer = answers.get("subdomain");
  if (typeof subdomain === "string" && !(subdomain.length <= 253 && SUBDOMAIN.test(subdomain))) {
    diagnostics.push(
      located("issue-subdomain-invalid", subdomainAnswer?.line ?? 1, subdomainAnswer?.field ?? null, {
        id: `Subdomain ${quote(subdomain)} tidak sah: pakai huruf kecil a-z, angka, tanda hubung dan garis bawah; label dipisah satu titik, tanpa titik di awal atau akhir (mis. dinkes, sukamaju.desa).`,
        en: `Subdomain ${quote(subdomain)} is not valid: use lowercase a-z, digits, hyphens and underscores; labels separated by one dot, none at the start or end (e.g. dinkes, sukamaju.desa).`,
      }),
    );
  }
  const lineOf = new Map<string, number>();
  for (const [id, answer] of answers) lineOf.set(id, answer.line);
  if (diagnostics.length > 0 || typeof subdomain !== "string") {
    return { ...empty(), answers: lineOf, dnsLines };
  }

  const request: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = values.get(field.id);
    if (field.path === "none") continue;
    if (field.path === "dns") {
      if (Array.isArray(value)) request.dns = value.map((record) => record.record);
      continue;
    }
    if (value !== undefined) setPath(request, field.path, value);
    if (field.id === "pt-email") setPath(request, ["pengelola_teknis", "github"], author);
  }
  return {
    file: `requests/${subdomain}.yaml`,
    content: renderRequest(request),
    subdomain,
    diagnostics,
    answers: lineOf,
    dnsLines,
  };
}

// ---------------------------------------------------------------------------------------------
// From the request file's findings back to the form

type KeyPath = (string | number)[];

/** Every key and sequence item of the file with the line it starts on, in document order. */
function indexLines(content: string): { line: number; path: KeyPath }[] {
  const counter = new LineCounter();
  const doc = parseDocument(content, { lineCounter: counter });
  const out: { line: number; path: KeyPath }[] = [];
  const walk = (node: unknown, path: KeyPath): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : "";
        const start = (pair.key as Node | null)?.range?.[0] ?? 0;
        out.push({ line: counter.linePos(start).line, path: [...path, key] });
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const start = (item as Node | null)?.range?.[0] ?? 0;
        out.push({ line: counter.linePos(start).line, path: [...path, index] });
        walk(item, [...path, index]);
      });
    }
  };
  walk(doc.contents, []);
  return out;
}

/** The form field a request path comes from: itself, its nearest ancestor, or its first child. */
function fieldOfPath(path: KeyPath): IntakeField | undefined {
  const keys = path.map(String);
  if (keys[0] === "dns") return FIELDS.find((f) => f.path === "dns");
  const named = FIELDS.filter((f): f is IntakeField & { path: readonly string[] } => Array.isArray(f.path));
  let best: IntakeField | undefined;
  let bestLength = 0;
  for (const field of named) {
    const p = field.path;
    if (p.length <= keys.length && p.every((k, i) => keys[i] === k) && p.length > bestLength) {
      best = field;
      bestLength = p.length;
    }
  }
  return best ?? named.find((f) => keys.length > 0 && keys.every((k, i) => f.path[i] === k));
}

/**
 * The validator's findings on the request file, located in the issue body at the field they came
 * from; findings on other files (a broken governance file) keep their own place.
 */
export function locateFindings(conversion: Conversion, findings: readonly Diagnostic[]): IntakeDiagnostic[] {
  const index = conversion.content === null ? [] : indexLines(conversion.content);
  return findings.map((finding) => {
    if (finding.file !== conversion.file) return { ...finding, field: null, label: null };
    const entries = index.filter((entry) => entry.line === finding.line);
    const entry = entries.at(-1) ?? index.filter((e) => e.line < finding.line).at(-1);
    const field = entry === undefined ? FIELDS[0] : (fieldOfPath(entry.path) ?? FIELDS[0]);
    let line = (field && conversion.answers.get(field.id)) ?? 1;
    const record = entry?.path[0] === "dns" ? entry.path[1] : undefined;
    if (typeof record === "number") line = conversion.dnsLines[record] ?? line;
    const label = field?.label ?? "";
    return {
      ...finding,
      file: ISSUE_FILE,
      line,
      column: 1,
      field: field?.id ?? null,
      label: field?.label ?? null,
      message: {
        id: `Kolom ${quote(label)}: ${finding.message.id}`,
        en: `Field ${quote(label)}: ${finding.message.en}`,
      },
    };
  });
}

/** Refuses a name that already has a request file (the new file would replace it). */
export function checkTaken(conversion: Conversion, listing: readonly string[]): IntakeDiagnostic[] {
  const name = conversion.subdomain;
  if (name === null) return [];
  const taken = listing.find((entry) => entry.replace(/\.ya?ml$/i, "").toLowerCase() === name);
  if (taken === undefined) return [];
  const field = FIELDS[0] as IntakeField;
  return [
    located("issue-subdomain-taken", conversion.answers.get(field.id) ?? 1, field, {
      id: `Subdomain ${quote(name)} sudah dimohon (requests/${taken}). Pilih nama lain, atau minta pengelola teknisnya mengubah berkas itu.`,
      en: `Subdomain ${quote(name)} is already requested (requests/${taken}). Choose another name, or ask its technical admin to change that file.`,
    }),
  ];
}
