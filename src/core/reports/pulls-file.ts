/**
 * Saved pull requests: one JSON file holding, per pull request, GitHub's REST answers the SOP gate
 * reads (`GET /pulls` element, `.../reviews`, `.../files`), as `[{ pull, reviews, files }]`. The
 * service report (`domainops report --save-pulls`) writes it and the registry site reads it back, so
 * one fetch serves both. Checked here, at the boundary, with the same checks as the live answers.
 */

import type { Checked, PullFile, PullRequest, Review } from "../approvals/pull.ts";
import { checkFiles, checkPull, checkReviews } from "../approvals/pull.ts";

/**
 * More than this is not one office's pull requests: refused rather than read slowly. A regency's whole
 * history (the registry site reads every merge to date each request's going live) stays far below it;
 * a listing from GitHub stops earlier, at its page cap.
 */
export const SAVED_PULLS_MAX = 100_000;

export interface SavedPull {
  pull: PullRequest;
  reviews: Review[];
  files: PullFile[];
  /** The pull request's title ("" when the answer has none). */
  title: string;
  /** When it was closed (merged or not); null while open. */
  closedAt: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the saved file's JSON; the error names the entry and part at fault (`[3].reviews: ...`). */
export function parseSavedPulls(json: unknown): Checked<SavedPull[]> {
  if (!Array.isArray(json)) return { ok: false, error: "not a JSON array of { pull, reviews, files }" };
  if (json.length > SAVED_PULLS_MAX)
    return { ok: false, error: `more than ${SAVED_PULLS_MAX} pull requests` };
  const saved: SavedPull[] = [];
  const seen = new Set<number>();
  for (const [i, item] of json.entries()) {
    if (!isRecord(item)) return { ok: false, error: `[${i}]: not an object` };
    const pull = checkPull(item.pull);
    if (!pull.ok) return { ok: false, error: `[${i}].pull: ${pull.error}` };
    if (seen.has(pull.value.number))
      return { ok: false, error: `[${i}].pull: #${pull.value.number} is listed twice` };
    seen.add(pull.value.number);
    const reviews = checkReviews(item.reviews);
    if (!reviews.ok) return { ok: false, error: `[${i}].reviews: ${reviews.error}` };
    const files = checkFiles(item.files);
    if (!files.ok) return { ok: false, error: `[${i}].files: ${files.error}` };
    const raw = item.pull as Record<string, unknown>;
    saved.push({
      pull: pull.value,
      reviews: reviews.value,
      files: files.value,
      title: typeof raw.title === "string" ? raw.title : "",
      closedAt: typeof raw.closed_at === "string" ? raw.closed_at : null,
    });
  }
  return { ok: true, value: saved };
}

/** The saved file's JSON for checked pull requests: what `parseSavedPulls` reads back unchanged. */
export function toSavedPullsJson(pulls: readonly SavedPull[]): unknown[] {
  return pulls.map(({ pull, reviews, files, title, closedAt }) => ({
    pull: { ...pull, title, closed_at: closedAt },
    reviews,
    files,
  }));
}
