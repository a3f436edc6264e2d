/**
 * The file that carries the subdomains' arrival dates from one site build to the next
 * (`domainops site --arrivals FILE`, kept by the site workflow's cache): the commit the dates hold
 * for and, per request file, the time the newest first-parent commit brought it onto the branch.
 * With it, a build reads only the commits since; a file that is not this shape is ignored, never
 * trusted in part.
 */

export const ARRIVALS_FORMAT = "domainops-arrivals/1";

/** Dates found by an earlier run, as of a commit: only the commits after it need reading. */
export interface KnownArrivals {
  commit: string;
  dates: ReadonlyMap<string, string>;
}

const COMMIT = /^[0-9a-f]{40}$/;
/** The names a valid request can have (others are not listed on the site, so not kept). */
const REQUEST_FILE = /^requests\/[A-Za-z0-9._-]+\.yaml$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Far more request files than any office has; a bigger file is not an arrivals file. */
const MAX_FILES = 1_000_000;

export function parseArrivals(
  json: unknown,
): { ok: true; value: KnownArrivals } | { ok: false; error: string } {
  if (json === null || typeof json !== "object" || Array.isArray(json))
    return { ok: false, error: "not an object" };
  const { format, commit, dates } = json as Record<string, unknown>;
  if (format !== ARRIVALS_FORMAT) return { ok: false, error: `format is not ${ARRIVALS_FORMAT}` };
  if (typeof commit !== "string" || !COMMIT.test(commit))
    return { ok: false, error: "commit is not a commit id" };
  if (dates === null || typeof dates !== "object" || Array.isArray(dates)) {
    return { ok: false, error: "dates is not an object" };
  }
  const entries = Object.entries(dates);
  if (entries.length > MAX_FILES) return { ok: false, error: `more than ${MAX_FILES} dates` };
  const map = new Map<string, string>();
  for (const [path, date] of entries) {
    if (!REQUEST_FILE.test(path)) return { ok: false, error: "a key is not requests/<name>.yaml" };
    if (typeof date !== "string" || !ISO_TIME.test(date) || Number.isNaN(Date.parse(date))) {
      return { ok: false, error: `the date of ${JSON.stringify(path)} is not an ISO time` };
    }
    map.set(path, date);
  }
  return { ok: true, value: { commit, dates: map } };
}

/** The file's JSON for `commit`, keeping only request files that exist now (`present`). */
export function arrivalsJson(
  commit: string,
  dates: ReadonlyMap<string, string>,
  present: ReadonlySet<string>,
): { format: string; commit: string; dates: Record<string, string> } {
  const kept = [...dates]
    .filter(([path]) => present.has(path) && REQUEST_FILE.test(path))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { format: ARRIVALS_FORMAT, commit, dates: Object.fromEntries(kept) };
}
