/**
 * Text from request files and pull request titles, made safe for HTML: every value the registry
 * site shows goes through `escapeHtml`, in element text and in quoted attribute values alike, and no
 * script ever writes data as markup. Controls, line separators and bidi overrides (U+202A–U+202E,
 * U+2066–U+2069: "Trojan Source", CVE-2021-42574) are first made visible as `\uXXXX`, so a unit
 * name cannot make a row read differently from what it holds.
 */
import { visibleControls } from "../escape.ts";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Element text or a quoted attribute value showing `text` literally. */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"'`]/g, (c) => ENTITIES[c] as string);
}
