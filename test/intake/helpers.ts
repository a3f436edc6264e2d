/** The request issue bodies of the intake tests: hand-written fixtures, and one answer changed. */
import { readFileSync } from "node:fs";
import path from "node:path";

export const FIXTURES = path.join(import.meta.dirname, "fixtures");

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

/** The valid server request body, as GitHub renders the form. */
export const VALID = fixture("valid-server.md");

/** `body` with the answer under `### label` replaced (the heading must exist). */
export function withAnswer(body: string, label: string, answer: string): string {
  const heading = `### ${label}\n\n`;
  const start = body.indexOf(heading);
  if (start === -1) throw new Error(`no heading ${label}`);
  const from = start + heading.length;
  const next = body.indexOf("\n\n### ", from);
  return `${body.slice(0, from)}${answer}${next === -1 ? "\n" : body.slice(next)}`;
}

/** The 1-based line of `### label` in `body`. */
export function headingLine(body: string, label: string): number {
  return body.split("\n").indexOf(`### ${label}`) + 1;
}
