/**
 * The verdict on a deployment: every commit between the last applied one and the one being applied
 * must have come through an approved pull request. Apply deploys the whole tree, so one commit that
 * reached the default branch without the SOP (a direct push, an admin bypass, a run cancelled while
 * another waited) would otherwise go live with the next approved merge.
 *
 * Recovery without a back door: admins review such a commit afterwards and list it, by pull request,
 * in `governance/accepted-commits.yaml`. A listing counts only in the tree of a later commit that was
 * itself approved, so an unapproved push can never vouch for itself or for another.
 */

import type { Message } from "../types.ts";
import type { DecisionState } from "./decide.ts";

export const ACCEPTED_COMMITS_FILE = "governance/accepted-commits.yaml";

export interface CommitVerdict {
  sha: string;
  /** The merged pull request it came from, null when none. */
  pull: number | null;
  state: DecisionState;
  reasons: Message[];
  /** Commits listed as accepted in this commit's tree (`governance/accepted-commits.yaml`). */
  accepts: readonly string[];
}

export interface RangeDecision {
  ok: boolean;
  /** Commits that block the deployment. */
  refused: CommitVerdict[];
  /** Unapproved commits vouched for by a later approved commit. */
  accepted: { sha: string; by: string }[];
}

const SHA = /^[0-9a-f]{40}$/;

/** The commit ids listed under `diterima[].commit`; anything else in the file is ignored. */
export function parseAcceptedCommits(data: unknown): string[] {
  if (typeof data !== "object" || data === null) return [];
  const list = (data as { diterima?: unknown }).diterima;
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) =>
      typeof entry === "object" && entry !== null ? (entry as { commit?: unknown }).commit : undefined,
    )
    .filter((commit): commit is string => typeof commit === "string" && SHA.test(commit.toLowerCase()))
    .map((commit) => commit.toLowerCase());
}

/** `verdicts` oldest first, as the commits came into the default branch. */
export function decideRange(verdicts: readonly CommitVerdict[]): RangeDecision {
  const refused: CommitVerdict[] = [];
  const accepted: { sha: string; by: string }[] = [];
  verdicts.forEach((verdict, i) => {
    if (verdict.state === "success") return;
    const voucher = verdicts
      .slice(i + 1)
      .find((later) => later.state === "success" && later.accepts.includes(verdict.sha.toLowerCase()));
    if (voucher) accepted.push({ sha: verdict.sha, by: voucher.sha });
    else refused.push(verdict);
  });
  return { ok: refused.length === 0, refused, accepted };
}
