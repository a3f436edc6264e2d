/**
 * Just enough of the Pulumi engine's step generation to see what an `up` does with the program's
 * registrations: the steps, as Automation API `EngineEvent`s, in the order the engine emits them
 * (pulumi/pulumi `pkg/resource/deploy/step_generator.go`; recorded streams in
 * `test/fixtures/pulumi-events/`):
 *
 * - create-before-delete (the default): `create-replacement` → `replace`, and `delete-replaced` at the
 *   end with the deletes of removed resources;
 * - delete-before-replace: first a `delete-replaced` for every resource of the previous state that
 *   depends on the replaced one through an input it would replace on (`replaceOnChanges`), dependents
 *   before dependencies, then the resource's own `delete-replaced`, then `replace` → `create-replacement`;
 *   a dependent still in the program is re-created when it registers (`replace` → `create-replacement`);
 * - `replacementTrigger` replaces when both the recorded and the new value are set and differ.
 *
 * Resources register in program order; a record that takes `zoneId` from its anchor registers after
 * it, as the SDK waits for that output. `applyToZone` then plays the steps against a zone that refuses
 * what Cloudflare refuses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { EngineEvent, OpType, StepEventStateMetadata } from "@pulumi/pulumi/automation/index.js";
import { DNS_RECORD_TYPE } from "../../src/core/infra/resources.ts";
import type { Registered } from "./harness.ts";

/**
 * A recorded engine event stream of `test/fixtures/pulumi-events/` (one event per line, as
 * `--event-log` and the Automation API's `onEvent` give them), without its provenance lines.
 */
export function readEventStream(name: string): EngineEvent[] {
  const file = path.resolve(import.meta.dirname, "../fixtures/pulumi-events", name);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("//"))
    .map((line) => JSON.parse(line) as EngineEvent);
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );

export function urnOf(stack: string, r: Pick<Registered, "type" | "name">): string {
  return `urn:pulumi:${stack}::domainops::${r.type}::${r.name}`;
}

/** Why the engine replaces `r` rather than updating it: the keys, or null for no replacement. */
function replaceKeys(before: Registered, r: Registered): string[] | null {
  if (before.type !== r.type) return ["type"];
  const keys = r.replaceOnChanges.filter((k) => stable(before.inputs[k]) !== stable(r.inputs[k]));
  const triggered =
    before.replacementTrigger !== undefined &&
    r.replacementTrigger !== undefined &&
    stable(before.replacementTrigger) !== stable(r.replacementTrigger);
  return keys.length > 0 || triggered ? keys : null;
}

/**
 * The engine events of an `up` from the state `old` (logical name → resource as last registered) to
 * the registrations `planned`.
 */
export function stepEvents(
  stack: string,
  old: ReadonlyMap<string, Registered>,
  planned: readonly Registered[],
): EngineEvent[] {
  const events: EngineEvent[] = [];
  const state = (r: Registered): StepEventStateMetadata => ({
    type: r.type,
    urn: urnOf(stack, r),
    id: `${r.name}-id`,
    parent: "",
    custom: true,
    inputs: r.inputs,
    outputs: r.inputs,
    provider: "",
  });
  const emit = (
    op: OpType,
    before: Registered | undefined,
    after: Registered | undefined,
    more: { keys?: string[]; logical?: boolean } = {},
  ) => {
    const r = (after ?? before) as Registered;
    events.push({
      sequence: events.length,
      timestamp: 0,
      resourcePreEvent: {
        metadata: {
          op,
          urn: urnOf(stack, r),
          type: r.type,
          ...(before ? { old: state(before) } : {}),
          ...(after ? { new: state(after) } : {}),
          ...(more.keys ? { keys: more.keys } : {}),
          ...(more.logical ? { logical: true } : {}),
          provider: "",
        },
      },
    });
  };

  const registered = new Set<string>();
  /** Deleted ahead of a delete-before-replace; re-created if the program still registers them. */
  const condemned = new Set<string>();
  const deferred: Registered[] = [];
  // Registration order: anchors (and everything else) first, then what waits for an anchor's output.
  const order = [
    ...planned.filter((r) => r.zoneIdFrom.length === 0),
    ...planned.filter((r) => r.zoneIdFrom.length > 0),
  ];
  /** Resources of the previous state that depend on `name`, transitively, in dependency order. */
  const dependentsOf = (name: string): Registered[] => {
    const found: Registered[] = [];
    const walk = (of: string) => {
      for (const d of old.values()) {
        if (registered.has(d.name) || found.includes(d) || !d.zoneIdFrom.includes(of)) continue;
        if (!d.replaceOnChanges.includes("zoneId")) continue;
        found.push(d);
        walk(d.name);
      }
    };
    walk(name);
    return found;
  };

  for (const r of order) {
    registered.add(r.name);
    const before = old.get(r.name);
    if (before === undefined) {
      emit("create", undefined, r);
      continue;
    }
    if (condemned.has(r.name)) {
      emit("replace", before, r, { keys: ["zoneId"], logical: true });
      emit("create-replacement", before, r, { keys: ["zoneId"] });
      continue;
    }
    const keys = replaceKeys(before, r);
    if (keys === null) emit(stable(before.inputs) === stable(r.inputs) ? "same" : "update", before, r);
    else if (r.deleteBeforeReplace) {
      for (const d of dependentsOf(r.name).reverse()) {
        emit("delete-replaced", d, undefined);
        condemned.add(d.name);
      }
      emit("delete-replaced", before, undefined);
      emit("replace", before, r, { keys, logical: true });
      emit("create-replacement", before, r, { keys });
    } else {
      emit("create-replacement", before, r, { keys });
      emit("replace", before, r, { keys, logical: true });
      deferred.push(before);
    }
  }
  // Removed resources go at the end, dependents first, with the old halves of create-before-delete.
  const removed = [...old.values()].filter((r) => !registered.has(r.name) && !condemned.has(r.name));
  removed.sort((a, b) => Number(b.zoneIdFrom.length > 0) - Number(a.zoneIdFrom.length > 0));
  for (const r of removed) emit("delete", r, undefined);
  for (const r of deferred) emit("delete-replaced", r, undefined);
  return events;
}

/** A DNS record as the zone holds it, with the URN of the resource that manages it. */
export interface ZoneRecord {
  urn: string;
  inputs: Record<string, unknown>;
}

/** What makes two records identical for Cloudflare: name, type and value. */
function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const value = (r: Record<string, unknown>) =>
    stable([r.name, r.type, r.content ?? null, r.data ?? null, r.priority ?? null]);
  return value(a) === value(b);
}

/** Why Cloudflare refuses `inputs` next to `others`, or null when it accepts the record. */
function refusal(inputs: Record<string, unknown>, others: readonly ZoneRecord[]): string | null {
  const atName = others.filter((o) => o.inputs.name === inputs.name);
  if (atName.some((o) => sameRecord(o.inputs, inputs)))
    return `identical record exists: ${inputs.type} ${inputs.name}`;
  if (atName.length > 0 && (inputs.type === "CNAME" || atName.some((o) => o.inputs.type === "CNAME")))
    return `a CNAME must be alone at ${inputs.name}`;
  return null;
}

/**
 * Plays the DNS record steps of `events` against `zone` (changed in place) and throws where Cloudflare
 * would refuse a request: a CNAME next to another record at its name, or an identical record.
 */
export function applyToZone(zone: ZoneRecord[], events: readonly EngineEvent[]): void {
  /** The old half of a create-before-delete replacement, waiting for its `delete-replaced`. */
  const pending: ZoneRecord[] = [];
  for (const event of events) {
    const meta = event.resourcePreEvent?.metadata;
    if (!meta || meta.type !== DNS_RECORD_TYPE) continue;
    const at = zone.findIndex((r) => r.urn === meta.urn);
    const put = (inputs: Record<string, unknown>, others: ZoneRecord[]) => {
      const why = refusal(inputs, others);
      if (why !== null) throw new Error(`Cloudflare refuses ${meta.op} of ${meta.urn}: ${why}`);
    };
    switch (meta.op) {
      case "create":
        put(meta.new?.inputs ?? {}, [...zone, ...pending]);
        zone.push({ urn: meta.urn, inputs: meta.new?.inputs ?? {} });
        break;
      case "create-replacement":
        if (at >= 0) pending.push(...zone.splice(at, 1));
        put(meta.new?.inputs ?? {}, [...zone, ...pending]);
        zone.push({ urn: meta.urn, inputs: meta.new?.inputs ?? {} });
        break;
      case "update": {
        const others = [...zone.filter((_, i) => i !== at), ...pending];
        put(meta.new?.inputs ?? {}, others);
        zone[at] = { urn: meta.urn, inputs: meta.new?.inputs ?? {} };
        break;
      }
      case "delete-replaced": {
        const old = pending.findIndex((r) => r.urn === meta.urn);
        if (old >= 0) pending.splice(old, 1);
        else if (at >= 0) zone.splice(at, 1);
        break;
      }
      case "delete":
        if (at >= 0) zone.splice(at, 1);
        break;
      default:
        break;
    }
  }
}
