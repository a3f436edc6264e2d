/**
 * The deletion gate of `domainops apply` (`src/cli/apply.ts`): a plan that deletes or replaces more than a share of what
 * the stack manages (DNS records, Pages projects and their domains, the tunnel's ingress rules, hosting
 * accounts) is refused unless forced. Same idea and default as octoDNS
 * (MAX_SAFE_DELETE_PCENT 30%, checked only once a zone holds at least 10 records): one bad merge
 * or an emptied `requests/` must not wipe a regency's zone. Deleting a hosting account archives its web
 * root and database and then removes it from the server, heavier than a record: the message names how
 * many accounts that would be.
 *
 * Pure: it reads the engine events the Automation API hands to `preview({ onEvent })`.
 */

import type { Message } from "../types.ts";
import {
  DNS_RECORD_TYPE,
  HOSTING_ACCOUNT_PREFIX,
  HOSTING_ACCOUNT_TYPE,
  PAGES_DOMAIN_TYPE,
  PAGES_PROJECT_TYPE,
  TUNNEL_CONFIG_TYPE,
} from "./resources.ts";

/** A resource's state as the engine reports it (`StepEventStateMetadata`): the gate reads inputs. */
export interface StepState {
  inputs?: Record<string, unknown>;
}

/**
 * The part of a Pulumi engine event the gate reads (`ResourcePreEvent.metadata`): the Automation API's
 * `EngineEvent` is one. The engine writes `null` for the state a step has not (`new` of a delete).
 */
export interface PreviewEvent {
  resourcePreEvent?: {
    metadata: {
      op: string;
      urn: string;
      type: string;
      old?: StepState | null;
      new?: StepState | null;
    };
  };
}

/** A resource of the stack's current state (`Deployment.resources[]`). */
export interface StateResource {
  type?: string;
  urn?: string;
  inputs?: Record<string, unknown>;
}

/** What the gate counts, each of which can take a unit's site down when deleted. */
export type ManagedKind = "dnsRecord" | "pagesProject" | "pagesDomain" | "tunnelIngress" | "hostingAccount";

export const MANAGED_KINDS: readonly ManagedKind[] = [
  "dnsRecord",
  "pagesProject",
  "pagesDomain",
  "tunnelIngress",
  "hostingAccount",
];

const KIND_OF_TYPE: ReadonlyMap<string, ManagedKind> = new Map([
  [DNS_RECORD_TYPE, "dnsRecord"],
  [PAGES_PROJECT_TYPE, "pagesProject"],
  [PAGES_DOMAIN_TYPE, "pagesDomain"],
]);

/**
 * The kind of a resource, from its type and URN. A hosting account is a `local.Command`, a type any
 * other command of the program shares: only its logical name (`akun/<server>/<fqdn>`, the URN's
 * fourth `::` segment) tells it apart.
 */
function kindOf(type: string | undefined, urn: string | undefined): ManagedKind | undefined {
  if (type === HOSTING_ACCOUNT_TYPE) {
    const name = urn?.split("::")[3] ?? "";
    return name.startsWith(HOSTING_ACCOUNT_PREFIX) ? "hostingAccount" : undefined;
  }
  return type === undefined ? undefined : KIND_OF_TYPE.get(type);
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
  /** Things the stack manages before this apply (records, Pages projects and domains, ingress rules, accounts). */
  managedTotal: number;
  /** Hosting accounts deleted or replaced (`riskyOf` their counts): each is archived, then removed. */
  accounts: number;
  /** 0–1, default 0.3. */
  maxShare: number;
  force: boolean;
}

export interface GateDecision {
  allowed: boolean;
  /** Deletes + replaces of managed things. */
  risky: number;
  /** Most risky operations allowed without force. */
  limit: number;
  /** True when the zone is too small for the share to mean anything (below MIN_EXISTING). */
  exempt: boolean;
  message: Message;
}

/** Below this many managed records the share is not checked (octoDNS: MIN_EXISTING_RECORDS). */
export const MIN_EXISTING = 10;

/** The steps a replaced resource shows beside its deletion; a resource with none of them is deleted. */
const REPLACE_OPS = new Set(["replace", "create-replacement"]);

const RANK: Record<keyof StepCounts, number> = { same: 0, update: 1, create: 2, delete: 3, replace: 4 };

/**
 * One step's verdict. A `delete-replaced` alone is a deletion: under delete-before-replace the engine
 * deletes first whatever depends on the replaced resource, and a dependent the program no longer
 * registers is never re-created (its `replace` → `create-replacement` never comes).
 */
function verdictOf(op: string): keyof StepCounts | null {
  if (REPLACE_OPS.has(op)) return "replace";
  if (op === "create" || op === "import") return "create";
  if (op === "delete" || op === "discard" || op === "delete-replaced" || op === "discard-replaced")
    return "delete";
  if (op === "update") return "update";
  if (op === "same" || op === "read" || op === "refresh") return "same";
  return null;
}

/** Deletes + replaces: what takes something down. */
export function riskyOf(counts: StepCounts): number {
  return counts.delete + counts.replace;
}

function emptyCounts(): StepCounts {
  return { create: 0, update: 0, delete: 0, replace: 0, same: 0 };
}

/** Hostname → service of a tunnel configuration's inputs; the catch-all rule (no hostname) is left out. */
function ingressOf(inputs: Record<string, unknown> | undefined): Map<string, string> {
  const rules = new Map<string, string>();
  const config = inputs?.config;
  const list =
    typeof config === "object" && config !== null ? (config as { ingresses?: unknown }).ingresses : undefined;
  if (!Array.isArray(list)) return rules;
  for (const rule of list) {
    if (typeof rule !== "object" || rule === null) continue;
    const { hostname, service } = rule as { hostname?: unknown; service?: unknown };
    if (typeof hostname === "string") rules.set(hostname, typeof service === "string" ? service : "");
  }
  return rules;
}

/** One verdict per ingress rule, from the configuration before and after (a rule is its hostname). */
function countIngress(
  counts: StepCounts,
  op: keyof StepCounts,
  before: StepState | null | undefined,
  after: StepState | null | undefined,
): void {
  const old = op === "create" ? new Map<string, string>() : ingressOf(before?.inputs);
  const now = op === "delete" ? new Map<string, string>() : ingressOf(after?.inputs);
  for (const [hostname, service] of now) {
    const was = old.get(hostname);
    if (was === undefined) counts.create++;
    else if (was === service) counts.same++;
    else counts.update++;
  }
  for (const hostname of old.keys()) if (!now.has(hostname)) counts.delete++;
}

/**
 * Counts what a preview would do to everything the stack manages, one verdict per resource: a
 * replacement shows up as several steps (delete-replaced, replace, create-replacement) but is one
 * replaced record; the strongest verdict of a resource's steps wins (replace over delete). The tunnel's ingress rules live in one configuration resource; each rule counts
 * on its own, so emptying the ingress list (an update of one resource) is as visible as deleting
 * that many records.
 */
export function countSteps(events: Iterable<PreviewEvent>): {
  total: StepCounts;
  byKind: Record<ManagedKind, StepCounts>;
} {
  const verdicts = new Map<string, { kind: ManagedKind; verdict: keyof StepCounts }>();
  const tunnel = new Map<string, { verdict: keyof StepCounts; old?: StepState; new?: StepState }>();
  for (const event of events) {
    const meta = event.resourcePreEvent?.metadata;
    if (!meta) continue;
    const verdict = verdictOf(meta.op);
    if (verdict === null) continue;
    if (meta.type === TUNNEL_CONFIG_TYPE) {
      const seen = tunnel.get(meta.urn);
      tunnel.set(meta.urn, {
        verdict: seen === undefined || RANK[verdict] > RANK[seen.verdict] ? verdict : seen.verdict,
        ...((meta.old ?? seen?.old) ? { old: meta.old ?? seen?.old } : {}),
        ...((meta.new ?? seen?.new) ? { new: meta.new ?? seen?.new } : {}),
      });
      continue;
    }
    const kind = kindOf(meta.type, meta.urn);
    if (kind === undefined) continue;
    const previous = verdicts.get(meta.urn);
    if (previous === undefined || RANK[verdict] > RANK[previous.verdict])
      verdicts.set(meta.urn, { kind, verdict });
  }
  const byKind = Object.fromEntries(MANAGED_KINDS.map((kind) => [kind, emptyCounts()])) as Record<
    ManagedKind,
    StepCounts
  >;
  for (const { kind, verdict } of verdicts.values()) byKind[kind][verdict]++;
  for (const step of tunnel.values()) countIngress(byKind.tunnelIngress, step.verdict, step.old, step.new);
  const total = emptyCounts();
  for (const counts of Object.values(byKind)) {
    for (const key of Object.keys(total) as (keyof StepCounts)[]) total[key] += counts[key];
  }
  return { total, byKind };
}

/** How many things of each kind the stack manages now, from its exported state. */
export function countManaged(resources: Iterable<StateResource>): Record<ManagedKind, number> {
  const counts = Object.fromEntries(MANAGED_KINDS.map((kind) => [kind, 0])) as Record<ManagedKind, number>;
  for (const resource of resources) {
    if (resource.type === TUNNEL_CONFIG_TYPE) counts.tunnelIngress += ingressOf(resource.inputs).size;
    const kind = kindOf(resource.type, resource.urn);
    if (kind !== undefined) counts[kind]++;
  }
  return counts;
}

/** The sentence naming the accounts a plan archives and removes; empty when it removes none. */
function accountNote(accounts: number): Message {
  if (accounts === 0) return { id: "", en: "" };
  return {
    id: ` Di antaranya ${accounts} akun hosting: masing-masing akan diarsipkan (web root dan dump database) lalu dihapus dari servernya.`,
    en: ` Among them ${accounts} hosting ${accounts === 1 ? "account" : "accounts"}: each would be archived (web root and database dump), then removed from its server.`,
  };
}

export function decideGate(input: GateInput): GateDecision {
  const risky = riskyOf(input.counts);
  const limit = Math.floor(input.managedTotal * input.maxShare);
  const exempt = input.managedTotal < MIN_EXISTING;
  const percent = `${Math.round(input.maxShare * 100)}%`;
  const counted = `${risky} dari ${input.managedTotal}`;
  const note = accountNote(input.accounts);
  const kinds = {
    id: "(rekaman DNS, Pages, aturan tunnel, akun hosting)",
    en: "(DNS records, Pages, tunnel rules, hosting accounts)",
  };
  if (risky === 0 || exempt || risky <= limit) {
    return {
      allowed: true,
      risky,
      limit,
      exempt,
      message:
        exempt && risky > 0
          ? {
              id: `Stack baru mengelola ${input.managedTotal} objek (< ${MIN_EXISTING}); batas ${percent} tidak diperiksa.${note.id}`,
              en: `The stack manages only ${input.managedTotal} objects (< ${MIN_EXISTING}); the ${percent} limit is not checked.${note.en}`,
            }
          : {
              id: `${counted} objek ${kinds.id} dihapus/diganti, dalam batas ${percent} (${limit}).${note.id}`,
              en: `${risky} of ${input.managedTotal} managed objects ${kinds.en} deleted/replaced, within the ${percent} limit (${limit}).${note.en}`,
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
        id: `${counted} objek ${kinds.id} dihapus/diganti, melebihi batas ${percent} (${limit}), dipaksa dengan --force.${note.id}`,
        en: `${risky} of ${input.managedTotal} managed objects ${kinds.en} deleted/replaced, over the ${percent} limit (${limit}), forced with --force.${note.en}`,
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
        `Ditolak: ${counted} objek akan dihapus/diganti, melebihi batas ${percent} (${limit}).${note.id} ` +
        "Periksa rencananya; bila memang disengaja, jalankan ulang dengan --force.",
      en:
        `Refused: ${risky} of ${input.managedTotal} managed objects would be deleted/replaced, over the ${percent} limit (${limit}).${note.en} ` +
        "Check the plan; if it is intended, run again with --force.",
    },
  };
}

/** Whether a preview summary (`PreviewResult.changeSummary`) shows any change, for the drift check. */
export function hasChanges(summary: Readonly<Record<string, number | undefined>>): boolean {
  return Object.entries(summary).some(([op, count]) => op !== "same" && (count ?? 0) > 0);
}

export const KIND_LABELS: Readonly<Record<ManagedKind, string>> = {
  dnsRecord: "Rekaman DNS (DNS records)",
  pagesProject: "Proyek Pages (Pages projects)",
  pagesDomain: "Domain Pages (Pages domains)",
  tunnelIngress: "Aturan tunnel (tunnel ingress rules)",
  hostingAccount: "Akun hosting (hosting accounts)",
};

/** The counts of a preview as one line of text, for the apply log. */
export function renderStepLine(steps: StepCounts, managedTotal: number): string {
  return (
    `Objek dikelola (managed objects): ${steps.create} dibuat/create, ${steps.update} diubah/update, ` +
    `${steps.replace} diganti/replace, ${steps.delete} dihapus/delete, ${steps.same} tetap/same; ` +
    `${managedTotal} dikelola sebelum ini (managed before).`
  );
}

/** The job summary for `$GITHUB_STEP_SUMMARY`. */
export function renderGateSummary(input: {
  stack: string;
  steps: { total: StepCounts; byKind: Record<ManagedKind, StepCounts> };
  managed: Record<ManagedKind, number>;
  managedTotal: number;
  decision: GateDecision;
  mode: "preview" | "apply" | "drift";
  applied: boolean;
}): string {
  const { steps, decision } = input;
  const status = decision.allowed ? "✅" : "⛔";
  const row = (label: string, c: StepCounts, before: number) =>
    `| ${label} | ${c.create} | ${c.update} | **${c.replace}** | **${c.delete}** | ${c.same} | ${before} |`;
  const lines = [
    `## ${status} domainops ${input.mode}: stack \`${input.stack}\``,
    "",
    "| Objek (object) | dibuat (create) | diubah (update) | **diganti (replace)** | **dihapus (delete)** | tetap (same) | dikelola sebelum ini (managed before) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...MANAGED_KINDS.map((kind) => row(KIND_LABELS[kind], steps.byKind[kind], input.managed[kind])),
    row("**Jumlah (total)**", steps.total, input.managedTotal),
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
