/**
 * When a DNS record may be changed in place and when it must be deleted and created again: the one
 * decision behind the Pulumi options (`buildResourceSpecs`) and the plan's update-vs-replace (`diff`).
 *
 * Cloudflare changes a record's content, TTL, proxied flag and comment in place (PATCH on the same
 * record id), so those are updates. Two things it refuses, and only these may delete first:
 * - a CNAME next to any other record at its name (RFC 1034 §3.6.2), so A/AAAA → CNAME must delete the
 *   old records before the CNAME is created;
 * - a record identical to one that exists (same name, type and value), so a record must not take over
 *   a value that a sibling about to be removed still holds.
 *
 * How the logical names (`DesiredRecord.key`) and options meet both:
 * - The first record at a name (its anchor, by type then value) is keyed by the name alone. A change of
 *   type there is a replacement of one resource, `replaceOnChanges: ["type"]` with `deleteBeforeReplace`;
 *   a change of its value is an update.
 * - Every other record is keyed by name + type + value, so its value never changes in place: a new
 *   value is a new resource, the old one is deleted at the end of the run. It takes `zoneId` from the
 *   anchor's output and declares `replaceOnChanges: ["zoneId"]`.
 *
 * Why that is safe. The engine replaces a delete-before-replace resource by first deleting every
 * resource of the *previous* state whose input depends on it and would be replaced by that input
 * turning unknown (`calculateDependentReplacements`, which applies `replaceOnChanges`), dependents before
 * dependencies, and only then deleting and re-creating the resource itself (the `delete-replaced` steps
 * come first, then `replace` → `create-replacement`). A record registered after the anchor waits for the
 * anchor's `zoneId` output, so it is created only once the anchor's own steps are done. Hence:
 * - A (+ AAAA, MX, TXT …) → CNAME: the anchor's type changes; its siblings, which the CNAME's name may
 *   no longer hold and so are gone from the program, are deleted first, then the A, then the CNAME is
 *   created. CNAME → A + AAAA: the CNAME goes, the A is created, the AAAA after it.
 * - A new address on the only A at a name: one update; the name's other records are untouched, since a
 *   dependent is replaced only when the anchor is.
 * - Two or more records of the anchor's type at a name (two A records, for two origins): the anchor's
 *   new value may be one that a sibling holds in the previous state (A 1.1.1.1 + A 2.2.2.2 → A 2.2.2.2:
 *   the anchor would become 2.2.2.2 while the sibling `…/A/2.2.2.2` is deleted only at the end, and
 *   Cloudflare refuses the identical record). So the anchor carries a `replacementTrigger` the engine
 *   compares with the one in the state: its type alone while it is the only record of its type at the
 *   name, its type and value while it has siblings of that type. Whenever its value could collide (the
 *   count of its type crosses one, or its value changes while it has such siblings), the trigger
 *   changes and the anchor is replaced delete-first, the siblings in the previous state going before it.
 *   That costs a short gap at that one name; an address change of a sibling alone is a delete of the
 *   old sibling and a create of the new, with no collision (values at a name are distinct).
 *   Whether a value collides depends on the previous state, which the program does not read; this is
 *   the narrowest trigger that is safe without it.
 */
import type { DesiredRecord } from "./desired-state.ts";

/** How many records of each type a name holds, keyed `name type`. */
function typeCounts(records: readonly DesiredRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const at = `${record.name} ${record.type}`;
    counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  return counts;
}

/**
 * The `replacementTrigger` of each anchor (by key): its type while it is the only record of that type
 * at its name, else its type and value (`valueKey`, which always holds a space, so the two forms never
 * meet). Other records have none.
 */
export function buildReplacementTriggers(records: readonly DesiredRecord[]): Map<string, string> {
  const counts = typeCounts(records);
  const triggers = new Map<string, string>();
  for (const record of records) {
    if (!record.anchor) continue;
    const shared = (counts.get(`${record.name} ${record.type}`) ?? 0) > 1;
    triggers.set(record.key, shared ? record.valueKey : record.type);
  }
  return triggers;
}
