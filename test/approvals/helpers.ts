/** Builders for GitHub REST shapes and preset governance, shared by the approval tests. */
import { loadGovernance } from "../../src/adapters/governance.ts";
import type { Governance } from "../../src/core/approvals/governance.ts";
import { stepKind, ZONE_OFFSET_MINUTES } from "../../src/core/approvals/governance.ts";
import type { PullFile, PullRequest, Review } from "../../src/core/approvals/pull.ts";
import { OFFICE, TOOL } from "../support/office.ts";

export const PRESETS = ["majalengka", "kudus", "cirebon", "buol"] as const;
export type PresetName = (typeof PRESETS)[number];

const cache = new Map<string, Governance>();

/** A preset shipped with the tool, or (`"office"`) the fixture office's governance. */
export async function preset(name: PresetName | "office"): Promise<Governance> {
  const cached = cache.get(name);
  if (cached) return cached;
  const { governance, diagnostics } =
    name === "office"
      ? await loadGovernance(OFFICE, { dir: "governance" })
      : await loadGovernance(TOOL, { dir: `governance/presets/${name}` });
  if (!governance) throw new Error(`preset ${name}: ${JSON.stringify(diagnostics)}`);
  cache.set(name, governance);
  return governance;
}

/** An instant given as office-local wall-clock time. */
export function local(governance: Governance, wall: string): Date {
  const offset = ZONE_OFFSET_MINUTES[governance.calendar.zona_waktu];
  return new Date(Date.parse(`${wall}:00Z`) - offset * 60_000);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export const HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
export const OLD_HEAD = "2d1b0a9c8e7f6d5c4b3a29181716151413121110";
export const BASE = "e5bd3914e2e596debea16f433f57875b5b90bcd6";

export const APPLICANT = { login: "opd-dinkes-admin", id: 5_000_001, type: "User" };
export const OTHER_APPLICANT = { login: "opd-disdik-admin", id: 5_000_002, type: "User" };
export const STRANGER = { login: "random-contributor", id: 5_000_099, type: "User" };

export function pull(created: Date, overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 42,
    state: "open",
    user: APPLICANT,
    created_at: created.toISOString(),
    merged_at: null,
    merge_commit_sha: null,
    head: { sha: HEAD },
    base: { sha: BASE, ref: "main" },
    draft: false,
    requested_reviewers: [],
    ...overrides,
  };
}

let reviewId = 80_000_000;

export function review(
  user: { login: string; id: number },
  state: Review["state"],
  at: Date,
  commit: string = HEAD,
): Review {
  reviewId += 1;
  return {
    id: reviewId,
    user: { ...user, type: "User" },
    state,
    commit_id: commit,
    submitted_at: at.toISOString(),
  };
}

/** The officials that fill each review step of a preset: the current definitive holder per role. */
export function chain(governance: Governance, at: Date): { login: string; id: number }[] {
  return governance.sop.langkah
    .filter((s) => stepKind(s) === "persetujuan")
    .map((step) => {
      const official = governance.officials.pejabat.find(
        (o) =>
          o.role === step.role &&
          (o.status ?? "definitif") === "definitif" &&
          o.berlaku_mulai <= at.toISOString().slice(0, 10),
      );
      if (!official) throw new Error(`no official for ${step.role}`);
      return { login: official.login, id: official.id };
    });
}

export function officialByLogin(governance: Governance, login: string): { login: string; id: number } {
  const o = governance.officials.pejabat.find((p) => p.login === login);
  if (!o) throw new Error(`no official ${login}`);
  return { login: o.login, id: o.id };
}

export const NEW_REQUEST: PullFile[] = [{ filename: "requests/dinkes.yaml", status: "added" }];
