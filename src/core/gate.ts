/**
 * The deletion gate of `scripts/apply.ts`: a plan that deletes or replaces more than a share of the
 * managed DNS records is refused unless forced. Same idea and default as octoDNS
 * (MAX_SAFE_DELETE_PCENT 30%, checked only once a zone holds at least 10 records): one bad merge
 * or an emptied `requests/` must not wipe a regency's zone.
 *
 * Pure: it reads the engine events the Automation API hands to `preview({ onEvent })`.
 */

import { DNS_RECORD_TYPE } from "./resources.ts";
import type { Message } from "./types.ts";

/** The part of a Pulumi engine event the gate reads (`ResourcePreEvent.metadata`). */
export interface PreviewEvent {
  resourcePreEvent?: { metadata: { op: string; urn: string; type: string } };
}

export interface StepCounts {
  create: number;
  update: number;
  delete: number;
  replace: number;
  same: number;
}

export interface GateInput {
  counts: StepCounts;
  /** DNS records the stack manages before this apply. */
  managedTotal: number;
  /** 0–1, default 0.3. */
  maxShare: number;
  force: boolean;
}

export interface GateDecision {
  allowed: boolean;
  /** Deletes + replaces of DNS records. */
  risky: number;
  /** Most risky operations allowed without force. */
  limit: number;
  /** True when the zone is too small for the share to mean anything (below MIN_EXISTING). */
  exempt: boolean;
  message: Message;
}

/** Below this many managed records the share is not checked (octoDNS: MIN_EXISTING_RECORDS). */
export const MIN_EXISTING = 10;

const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced", "discard-replaced"]);

/**
 * Counts what a preview would do to DNS records, one verdict per resource: a replacement shows up as
 * several steps (delete-replaced, replace, create-replacement) but is one replaced record.
 */
export function countDnsSteps(events: Iterable<PreviewEvent>, type: string = DNS_RECORD_TYPE): StepCounts {
  const verdicts = new Map<string, keyof StepCounts>();
  const rank: Record<keyof StepCounts, number> = { same: 0, update: 1, create: 2, delete: 3, replace: 4 };
  for (const event of events) {
    const meta = event.resourcePreEvent?.metadata;
    if (!meta || meta.type !== type) continue;
    let verdict: keyof StepCounts | null = null;
    if (REPLACE_OPS.has(meta.op)) verdict = "replace";
    else if (meta.op === "create" || meta.op === "import") verdict = "create";
    else if (meta.op === "delete" || meta.op === "discard") verdict = "delete";
    else if (meta.op === "update") verdict = "update";
    else if (meta.op === "same" || meta.op === "read" || meta.op === "refresh") verdict = "same";
    if (verdict === null) continue;
    const previous = verdicts.get(meta.urn);
    if (previous === undefined || rank[verdict] > rank[previous]) verdicts.set(meta.urn, verdict);
  }
  const counts: StepCounts = { create: 0, update: 0, delete: 0, replace: 0, same: 0 };
  for (const verdict of verdicts.values()) counts[verdict]++;
  return counts;
}

export function decideGate(input: GateInput): GateDecision {
  const risky = input.counts.delete + input.counts.replace;
  const limit = Math.floor(input.managedTotal * input.maxShare);
  const exempt = input.managedTotal < MIN_EXISTING;
  const percent = `${Math.round(input.maxShare * 100)}%`;
  const counted = `${risky} dari ${input.managedTotal}`;
  if (risky === 0 || exempt || risky <= limit) {
    return {
      allowed: true,
      risky,
      limit,
      exempt,
      message:
        exempt && risky > 0
          ? {
              id: `Zona baru berisi ${input.managedTotal} rekaman (< ${MIN_EXISTING}); batas ${percent} tidak diperiksa.`,
              en: `The zone holds only ${input.managedTotal} records (< ${MIN_EXISTING}); the ${percent} limit is not checked.`,
            }
          : {
              id: `${counted} rekaman DNS dihapus/diganti, dalam batas ${percent} (${limit}).`,
              en: `${risky} of ${input.managedTotal} DNS records deleted/replaced, within the ${percent} limit (${limit}).`,
            },
    };
  }
  if (input.force) {
    return {
      allowed: true,
      risky,
      limit,
      exempt,
      message: {
        id: `${counted} rekaman DNS dihapus/diganti, melebihi batas ${percent} (${limit}), dipaksa dengan --force.`,
        en: `${risky} of ${input.managedTotal} DNS records deleted/replaced, over the ${percent} limit (${limit}), forced with --force.`,
      },
    };
  }
  return {
    allowed: false,
    risky,
    limit,
    exempt,
    message: {
      id:
        `Ditolak: ${counted} rekaman DNS akan dihapus/diganti, melebihi batas ${percent} (${limit}). ` +
        "Periksa rencananya; bila memang disengaja, jalankan ulang dengan --force.",
      en:
        `Refused: ${risky} of ${input.managedTotal} DNS records would be deleted/replaced, over the ${percent} limit (${limit}). ` +
        "Check the plan; if it is intended, run again with --force.",
    },
  };
}

/** Whether a preview summary (`PreviewResult.changeSummary`) shows any change, for the drift check. */
export function hasChanges(summary: Readonly<Record<string, number | undefined>>): boolean {
  return Object.entries(summary).some(([op, count]) => op !== "same" && (count ?? 0) > 0);
}

/** The job summary for `$GITHUB_STEP_SUMMARY`. */
export function renderGateSummary(input: {
  stack: string;
  counts: StepCounts;
  managedTotal: number;
  decision: GateDecision;
  mode: "preview" | "apply" | "drift";
  applied: boolean;
}): string {
  const { counts, decision } = input;
  const status = decision.allowed ? "✅" : "⛔";
  const lines = [
    `## ${status} domainops ${input.mode}: stack \`${input.stack}\``,
    "",
    "| Rekaman DNS (DNS records) | Jumlah (count) |",
    "| --- | ---: |",
    `| dibuat (create) | ${counts.create} |`,
    `| diubah (update) | ${counts.update} |`,
    `| **diganti (replace)** | ${counts.replace} |`,
    `| **dihapus (delete)** | ${counts.delete} |`,
    `| tetap (same) | ${counts.same} |`,
    `| dikelola sebelum ini (managed before) | ${input.managedTotal} |`,
    "",
    `${decision.message.id}`,
    "",
    `_${decision.message.en}_`,
    "",
  ];
  if (input.mode === "apply") {
    lines.push(
      input.applied
        ? "Perubahan diterapkan (changes applied)."
        : "Tidak ada yang diterapkan (nothing applied).",
      "",
    );
  }
  return lines.join("\n");
}
