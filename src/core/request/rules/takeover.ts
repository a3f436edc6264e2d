/**
 * Host names of services prone to subdomain takeover: a record left pointing at a deleted app, bucket
 * or page can be claimed by anyone who registers the same name with the provider. The list is tool
 * data (`src/core/request/data/takeover-suffixes.json`, derived from can-i-take-over-xyz, CC BY 4.0); which
 * of them an office accepts is its policy (`takeoverAllowed`).
 */
import data from "../data/takeover-suffixes.json" with { type: "json" };

export interface TakeoverEntry {
  suffix: string;
  service: string;
  status: string;
  source: string;
}

export const TAKEOVER_ENTRIES: readonly TakeoverEntry[] = data.entries;

/**
 * Whether `host` (lowercase, no trailing dot) is `pattern` or below it, label by label: `*` matches
 * one whole label, `prefix*` one label starting with `prefix` (S3 website endpoints carry the region
 * in a label: `b.s3-website-ap-southeast-1.amazonaws.com`, `b.s3-website.ap-southeast-3.amazonaws.com`).
 */
export function matchesSuffix(host: string, pattern: string): boolean {
  return labelsMatch(host.split("."), pattern.split("."));
}

/** `matchesSuffix` on names already split into labels (the patterns are split once). */
function labelsMatch(labels: readonly string[], wanted: readonly string[]): boolean {
  const offset = labels.length - wanted.length;
  if (offset < 0) return false;
  return wanted.every((want, i) => {
    const label = labels[offset + i] as string;
    if (want === "*") return label !== "";
    if (want.endsWith("*")) return label.length >= want.length && label.startsWith(want.slice(0, -1));
    return label === want;
  });
}

const SPLIT_ENTRIES = TAKEOVER_ENTRIES.map((entry) => ({ entry, labels: entry.suffix.split(".") }));

/** The takeover-prone service `host` belongs to, or null. */
export function takeoverService(host: string): TakeoverEntry | null {
  const labels = host.split(".");
  return SPLIT_ENTRIES.find((split) => labelsMatch(labels, split.labels))?.entry ?? null;
}
