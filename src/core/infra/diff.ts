/**
 * What a change of requests does to the zone: a pure diff of two desired states, paired the way
 * Pulumi pairs resources (by logical name), so "replace" here is what `pulumi up` will replace.
 * Needs no credentials and no git: callers build both states however they like (the CLI reads the
 * base from a git ref; the pull-request comment embeds `renderDiffMarkdown`).
 */
import type { DesiredRecord, DesiredState, PagesSite, TunnelIngress } from "./desired-state.ts";
import { compareNames, formatRdata } from "./desired-state.ts";

export type ChangeKind = "add" | "change" | "replace" | "remove";

export interface RecordChange {
  kind: ChangeKind;
  key: string;
  before: DesiredRecord | null;
  after: DesiredRecord | null;
  /** Fields that differ (for change/replace): type, content, ttl, proxied, comment. */
  fields: string[];
}

export interface HostingChange {
  kind: Exclude<ChangeKind, "replace">;
  resource: "tunnel-ingress" | "pages";
  /** The hostname served. */
  name: string;
  /** One-line description of the hosting before and after, e.g. `http://10.0.0.5:80` or `project@main`. */
  before: string | null;
  after: string | null;
  request: string;
}

export interface StateDiff {
  zone: string;
  records: RecordChange[];
  hosting: HostingChange[];
  counts: Record<ChangeKind, number>;
  /** Records in the base state, the denominator of the deletion gate. */
  baseRecords: number;
  headRecords: number;
}

function changedFields(before: DesiredRecord, after: DesiredRecord): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push("type");
  if (formatRdata(before) !== formatRdata(after)) fields.push("content");
  if (before.ttl !== after.ttl) fields.push("ttl");
  if (before.proxied !== after.proxied) fields.push("proxied");
  if (before.comment !== after.comment) fields.push("comment");
  return fields;
}

/**
 * Mirrors the program's options (`buildResourceSpecs`): a type change, or a value change of an
 * anchor that is not a CNAME, replaces the resource (delete first); anything else updates in place.
 */
function isReplacement(after: DesiredRecord, fields: readonly string[]): boolean {
  if (fields.includes("type")) return true;
  return fields.includes("content") && after.anchor && after.type !== "CNAME";
}

function describeIngress(rule: TunnelIngress): string {
  return rule.service;
}

function describePages(site: PagesSite): string {
  return `${site.project}@${site.branch}`;
}

function diffHosting<T extends { request: string | null }>(
  resource: HostingChange["resource"],
  base: ReadonlyMap<string, T>,
  head: ReadonlyMap<string, T>,
  describe: (item: T) => string,
): HostingChange[] {
  const changes: HostingChange[] = [];
  for (const [name, item] of head) {
    const old = base.get(name);
    const after = describe(item);
    const request = item.request ?? "";
    if (old === undefined) changes.push({ kind: "add", resource, name, before: null, after, request });
    else if (describe(old) !== after)
      changes.push({ kind: "change", resource, name, before: describe(old), after, request });
  }
  for (const [name, item] of base) {
    if (!head.has(name)) {
      changes.push({
        kind: "remove",
        resource,
        name,
        before: describe(item),
        after: null,
        request: item.request ?? "",
      });
    }
  }
  return changes;
}

function ingressMap(state: DesiredState): Map<string, TunnelIngress> {
  const map = new Map<string, TunnelIngress>();
  for (const rule of state.tunnel?.ingress ?? []) if (rule.hostname !== null) map.set(rule.hostname, rule);
  return map;
}

export function diffDesiredStates(base: DesiredState, head: DesiredState): StateDiff {
  const baseByKey = new Map(base.records.map((record) => [record.key, record]));
  const headKeys = new Set<string>();
  const records: RecordChange[] = [];
  for (const after of head.records) {
    headKeys.add(after.key);
    const before = baseByKey.get(after.key);
    if (before === undefined) {
      records.push({ kind: "add", key: after.key, before: null, after, fields: [] });
      continue;
    }
    const fields = changedFields(before, after);
    if (fields.length === 0) continue;
    const kind = isReplacement(after, fields) ? "replace" : "change";
    records.push({ kind, key: after.key, before, after, fields });
  }
  for (const before of base.records) {
    if (!headKeys.has(before.key))
      records.push({ kind: "remove", key: before.key, before, after: null, fields: [] });
  }
  records.sort((a, b) => {
    const left = (a.after ?? a.before) as DesiredRecord;
    const right = (b.after ?? b.before) as DesiredRecord;
    // Within a name: its anchor first (what replaces), then the rest by type and value.
    const order =
      compareNames(left.name, right.name) || Number(b.key === left.name) - Number(a.key === left.name);
    return order !== 0 ? order : left.valueKey < right.valueKey ? -1 : left.valueKey > right.valueKey ? 1 : 0;
  });

  const hosting = [
    ...diffHosting("tunnel-ingress", ingressMap(base), ingressMap(head), describeIngress),
    ...diffHosting(
      "pages",
      new Map(base.pages.map((site) => [site.domain, site])),
      new Map(head.pages.map((site) => [site.domain, site])),
      describePages,
    ),
  ].sort((a, b) => compareNames(a.name, b.name) || (a.resource < b.resource ? -1 : 1));

  const counts: Record<ChangeKind, number> = { add: 0, change: 0, replace: 0, remove: 0 };
  for (const change of records) counts[change.kind]++;
  return {
    zone: head.zone,
    records,
    hosting,
    counts,
    baseRecords: base.records.length,
    headRecords: head.records.length,
  };
}

export function isEmptyDiff(diff: StateDiff): boolean {
  return diff.records.length === 0 && diff.hosting.length === 0;
}

export { renderDiffMarkdown } from "./render.ts";
