/**
 * Escaping of untrusted text (file names and values from pull requests) for each medium it is shown
 * in: Markdown (comments, job summaries), plain log lines, and GitHub workflow commands. Every
 * renderer goes through here, so one fix covers all of them.
 */

// C0/C1 controls and DEL can rewrite a terminal line or hide text; CR, LF, U+2028 and U+2029 break
// a line (a lone CR too); bidi overrides (U+202A–U+202E, U+2066–U+2069) make text read differently
// from what it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the purpose.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the purpose.
const UNSAFE_ONE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The first control, line-break or bidi character of `text`, if any (such names are refused). */
export function unsafeCharacter(text: string): string | undefined {
  return UNSAFE_ONE.exec(text)?.[0];
}

/** `\uXXXX` for a character, as JavaScript and JSON write it. */
export function codePointText(char: string): string {
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
}

/** Controls, line breaks and bidi overrides made visible as `\uXXXX`: the text stays on one line. */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE, codePointText);
}

// A line that starts with `::` (or the older `##[`) is a workflow command to the Actions runner,
// which trims leading white space first.
const COMMAND_START = /^(\s*)(:|#)(?=:|#\[)/;

/**
 * One line of log output: no line breaks, and it cannot start a workflow command (`::error::`,
 * `::stop-commands::`, `##[error]`). Apply to the whole line, after joining its parts.
 */
export function logLine(text: string): string {
  return visibleControls(text).replace(COMMAND_START, (_all, space: string, char: string) => {
    return `${space}${codePointText(char)}`;
  });
}

/**
 * A workflow command's message (actions/toolkit `escapeData`); the other controls, separators and
 * bidi overrides are made visible, so the annotation reads as what it is.
 */
export function workflowCommandData(text: string): string {
  return visibleControls(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** A workflow command's property value (actions/toolkit `escapeProperty`). */
export function workflowCommandProperty(text: string): string {
  return workflowCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// Zero-width joiner after `@`: the text reads the same, but GitHub no longer sees a mention.
const MENTION_BREAK = "@\u200d";

/**
 * Free text inside a Markdown line (a table cell, a list item): shown literally. Line breaks are made
 * visible, HTML and entities are escaped, inline markup (emphasis, code, links, images, tables,
 * headings, strikethrough) is backslash-escaped and @mentions are broken.
 */
export function markdownText(text: string): string {
  return visibleControls(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]#!|~]/g, (c) => `\\${c}`)
    .replace(/@/g, MENTION_BREAK);
}

/**
 * An inline code span showing `text` literally: the fence is longer than any backtick run inside,
 * padded with a space when the text starts or ends with a backtick or space (CommonMark strips one),
 * and line breaks are made visible so the span cannot end the line. HTML, links and @mentions are
 * inert inside a code span.
 */
export function markdownCode(text: string): string {
  const flat = visibleControls(text);
  if (flat === "") return "` `";
  let longest = 0;
  for (const match of flat.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `markdownCode` inside a table cell, where GFM splits cells on `|` even within code. */
export function markdownCodeCell(text: string): string {
  return markdownCode(text).replaceAll("|", "\\|");
}
