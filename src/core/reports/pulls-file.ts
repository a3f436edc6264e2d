/**
 * Saved pull requests (`--pulls FILE` of `domainops site` and `domainops report`): the GitHub REST
 * answers the SOP gate reads, kept as JSON so the registry and the service report can be made offline.
 *
 * The file is a JSON array; each element is one pull request as three REST answers side by side:
 *
 * ```json
 * [{ "pull": <GET /repos/{o}/{r}/pulls/{n}>,
 *    "reviews": <GET …/pulls/{n}/reviews>,
 *    "files": <GET …/pulls/{n}/files> }]
 * ```
 *
 * Each part is checked with the same functions as the live answers (`checkPull`, `checkReviews`,
 * `checkFiles`), so a saved file and the API can never be read differently.
 */
import { type Checked, checkFiles, checkPull, checkReviews, type PullFile, type PullRequest, type Review } from "../approvals/pull.ts";

export interface SavedPull {
  pull: PullRequest;
  reviews: Review[];
  files: PullFile[];
  /** The pull request's title (shown on the site, escaped); empty when the answer had none. */
  title: string;
  /** When it was closed, merged or not (REST `closed_at`); null while open. */
  closedAt: string | null;
}

/** At most this many pull requests in one file: years of an office's requests, bounded memory. */
export const SAVED_PULLS_MAX = 100_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The saved pull requests, or the first problem with its position (`[3].reviews: …`). */
export function parseSavedPulls(json: unknown): Checked<SavedPull[]> {
  if (!Array.isArray(json)) return { ok: false, error: "not a JSON array of {pull, reviews, files}" };
  if (json.length > SAVED_PULLS_MAX) return { ok: false, error: `more than ${SAVED_PULLS_MAX} pull requests` };
  const saved: SavedPull[] = [];
  const numbers = new Set<number>();
  for (const [i, item] of json.entries()) {
    if (!isRecord(item)) return { ok: false, error: `[${i}]: not an object {pull, reviews, files}` };
    const pull = checkPull(item.pull);
    if (!pull.ok) return { ok: false, error: `[${i}].pull: ${pull.error}` };
    const reviews = checkReviews(item.reviews);
    if (!reviews.ok) return { ok: false, error: `[${i}].reviews: ${reviews.error}` };
    const files = checkFiles(item.files);
    if (!files.ok) return { ok: false, error: `[${i}].files: ${files.error}` };
    if (numbers.has(pull.value.number))
      return { ok: false, error: `[${i}].pull: #${pull.value.number} is listed twice` };
    numbers.add(pull.value.number);
    const raw = item.pull as Record<string, unknown>;
    const closedAt = typeof raw.closed_at === "string" && !Number.isNaN(Date.parse(raw.closed_at)) ? raw.closed_at : null;
    saved.push({
      pull: pull.value,
      reviews: reviews.value,
      files: files.value,
      title: typeof raw.title === "string" ? raw.title : "",
      closedAt,
    });
  }
  return { ok: true, value: saved };
}
