/**
 * What a change of requests does to the zone: a pure diff of two desired states, paired the way
 * Pulumi pairs resources (by logical name), so "replace" here is what `pulumi up` will replace.
 * Needs no credentials and no git: callers build both states however they like (the CLI reads the
 * base from a git ref; the pull-request comment embeds `renderDiffMarkdown`).
 */
import type {
  DesiredAccount,
  DesiredRecord,
  DesiredState,
  PagesSite,
  TunnelIngress,
} from "./desired-state.ts";
import { compareNames, formatRdata } from "./desired-state.ts";
import { buildReplacementTriggers } from "./identity.ts";

/** What Pulumi does to a record: create, update in place, replace (delete first), delete. */
export type ChangeKind = "add" | "update" | "replace" | "remove";

export interface RecordChange {
  kind: ChangeKind;
  key: string;
  before: DesiredRecord | null;
  after: DesiredRecord | null;
  /**
   * Fields that differ (for update/replace): type, content, ttl, proxied, comment. Empty for a record
   * replaced only because the first record at its name is (see `identity.ts`).
   */
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

/** What changes in an account that stays (`limits`: the stack changed its package's limits). */
export type AccountField = "server" | "package" | "limits" | "php" | "database" | "contact";

/**
 * An account created, changed, or removed; a removed account is archived (home and database dumped
 * to the server's backup directory) and then deleted by `archive-and-remove`.
 */
export interface AccountChange {
  kind: Exclude<ChangeKind, "replace">;
  /** The hostname served, the account's identity. */
  fqdn: string;
  before: DesiredAccount | null;
  after: DesiredAccount | null;
  fields: AccountField[];
}

export interface StateDiff {
  zone: string;
  records: RecordChange[];
  hosting: HostingChange[];
  accounts: AccountChange[];
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
      changes.push({ kind: "update", resource, name, before: describe(old), after, request });
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

function accountFields(before: DesiredAccount, after: DesiredAccount): AccountField[] {
  const fields: AccountField[] = [];
  if (before.server !== after.server) fields.push("server");
  if (before.package !== after.package) fields.push("package");
  else if (
    before.limits.diskQuotaMb !== after.limits.diskQuotaMb ||
    before.limits.phpMaxChildren !== after.limits.phpMaxChildren ||
    before.limits.phpMemoryLimitMb !== after.limits.phpMemoryLimitMb
  )
    fields.push("limits");
  if (before.php !== after.php) fields.push("php");
  if (before.database !== after.database) fields.push("database");
  if (before.contact !== after.contact) fields.push("contact");
  return fields;
}

/** Accounts paired by name; sorted like the records (parent before child). */
export function diffAccounts(
  base: readonly DesiredAccount[],
  head: readonly DesiredAccount[],
): AccountChange[] {
  const baseByName = new Map(base.map((account) => [account.fqdn, account]));
  const headNames = new Set<string>();
  const changes: AccountChange[] = [];
  for (const after of head) {
    headNames.add(after.fqdn);
    const before = baseByName.get(after.fqdn);
    if (before === undefined) {
      changes.push({ kind: "add", fqdn: after.fqdn, before: null, after, fields: [] });
      continue;
    }
    const fields = accountFields(before, after);
    if (fields.length > 0) changes.push({ kind: "update", fqdn: after.fqdn, before, after, fields });
  }
  for (const before of base) {
    if (!headNames.has(before.fqdn))
      changes.push({ kind: "remove", fqdn: before.fqdn, before, after: null, fields: [] });
  }
  return changes.sort((a, b) => compareNames(a.fqdn, b.fqdn));
}

function ingressMap(state: DesiredState): Map<string, TunnelIngress> {
  const map = new Map<string, TunnelIngress>();
  for (const rule of state.tunnel?.ingress ?? []) if (rule.hostname !== null) map.set(rule.hostname, rule);
  return map;
}

/**
 * Pairs records by logical name and mirrors the program's options (`identity.ts`): an anchor whose type
 * or replacement trigger changes is replaced delete-first, and with it every record at its name that
 * stays; any other difference is an update in place.
 */
export function diffDesiredStates(base: DesiredState, head: DesiredState): StateDiff {
  const baseByKey = new Map(base.records.map((record) => [record.key, record]));
  const baseTriggers = buildReplacementTriggers(base.records);
  const headTriggers = buildReplacementTriggers(head.records);
  const replacedNames = new Set<string>();
  for (const after of head.records) {
    const before = baseByKey.get(after.key);
    if (!after.anchor || before === undefined) continue;
    if (before.type !== after.type || baseTriggers.get(before.key) !== headTriggers.get(after.key))
      replacedNames.add(after.name);
  }
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
    if (replacedNames.has(after.name))
      records.push({ kind: "replace", key: after.key, before, after, fields });
    else if (fields.length > 0) records.push({ kind: "update", key: after.key, before, after, fields });
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

  const counts: Record<ChangeKind, number> = { add: 0, update: 0, replace: 0, remove: 0 };
  for (const change of records) counts[change.kind]++;
  return {
    zone: head.zone,
    records,
    hosting,
    accounts: diffAccounts(base.accounts, head.accounts),
    counts,
    baseRecords: base.records.length,
    headRecords: head.records.length,
  };
}

export function isEmptyDiff(diff: StateDiff): boolean {
  return diff.records.length === 0 && diff.hosting.length === 0 && diff.accounts.length === 0;
}

export { renderDiffMarkdown } from "./render.ts";
