/**
 * Which merged pull request a commit on the default branch came from. GitHub's
 * GET /repos/{o}/{r}/commits/{sha}/pulls lists every pull request that merely *contains* the commit
 * (a later PR branched from it, a PR into another branch), so picking "the first merged one" would
 * let an unapproved direct push borrow the approval of an unrelated pull request.
 *
 * A commit belongs to a pull request only when:
 * - merge commit or squash merge: the PR's `merge_commit_sha` is the commit itself;
 * - rebase merge: GitHub writes the PR's commits anew on the default branch and records the last one
 *   as `merge_commit_sha`; the commit is one of the `commits` first-parent commits ending there.
 * The PR must be merged into the default branch. No match, or more than one, is no PR: fail closed.
 */

import type { Message } from "../types.ts";
import type { PullRequest } from "./pull.ts";

export interface ChoosePullInput {
  sha: string;
  /** Candidates, as the commit's pulls API lists them. */
  pulls: readonly PullRequest[];
  /** The default branch's first-parent commits, oldest first, including `sha`. */
  mainline: readonly string[];
  defaultBranch: string;
}

export type ChoosePullResult = { ok: true; pull: PullRequest } | { ok: false; reason: Message };

function sameSha(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function choosePullForCommit(input: ChoosePullInput): ChoosePullResult {
  const { sha, mainline } = input;
  const short = sha.slice(0, 7);
  const at = (commit: string): number => mainline.findIndex((c) => sameSha(c, commit));
  const position = at(sha);
  const matches = input.pulls.filter((pull) => {
    if (!pull.merged_at || !pull.merge_commit_sha || pull.base.ref !== input.defaultBranch) return false;
    if (sameSha(pull.merge_commit_sha, sha)) return true;
    // Rebase merge: the commit sits among the PR's rewritten commits, which end at merge_commit_sha.
    const end = at(pull.merge_commit_sha);
    const span = pull.commits ?? 1;
    return position >= 0 && end >= position && end - position < span;
  });
  const unique = [...new Map(matches.map((pull) => [pull.number, pull])).values()];
  if (unique.length === 1) return { ok: true, pull: unique[0] as PullRequest };
  if (unique.length === 0) {
    return {
      ok: false,
      reason: {
        id: `Commit ${short} tidak berasal dari permintaan tarik yang digabungkan ke ${input.defaultBranch}: masuk tanpa persetujuan SOP.`,
        en: `Commit ${short} does not come from a pull request merged into ${input.defaultBranch}: it went in without SOP approval.`,
      },
    };
  }
  const numbers = unique.map((pull) => `#${pull.number}`).join(", ");
  return {
    ok: false,
    reason: {
      id: `Commit ${short} cocok dengan beberapa permintaan tarik (${numbers}); tidak dapat dipastikan mana yang disetujui.`,
      en: `Commit ${short} matches several pull requests (${numbers}); which one was approved cannot be told.`,
    },
  };
}
