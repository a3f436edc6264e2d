/**
 * Which records of an existing zone can become requests, grouped the way an applicant would write
 * them, and why each of the others cannot. Every record ends up in exactly one place: a request, the
 * not-imported list with a bilingual reason, or the apex SOA/NS the zone settings own.
 *
 * The decisions that need no request are made first (outside the zone, apex, delegation, wildcard, a
 * type or data a request cannot hold). The rest is grouped into candidate requests and judged by the
 * validator itself (`validateSources`, the same rules `domainops validate` runs): an error on one `dns`
 * entry leaves that record out, an error on the request as a whole leaves the request out, and the
 * round repeats until nothing fails, since leaving something out can fail another (a child whose
 * parent went). So an import never writes a request that `validate` refuses, and the reasons are the
 * rules' own messages.
 */
import { LineCounter, parseDocument, type YAMLSeq } from "yaml";
import type { ValidationPolicy } from "../request/rule.ts";
import { officeToday } from "../request/rules/util.ts";
import { type SourceFile, validateSources } from "../request/validate.ts";
import type { Diagnostic, DnsRecordSpec, InstansiJenis, Message, Request } from "../types.ts";
import { reasons } from "./reasons.ts";
import type { ImportSource, ZoneRecord } from "./records.ts";
import { renderRequestYaml } from "./render-request.ts";

export type ImportMode = "requests" | "existing";

export interface ImportedRequest {
  subdomain: string;
  /** `requests/<subdomain>.yaml`. */
  file: string;
  request: Request;
  /** The file's text, exactly as validated. */
  text: string;
  records: ZoneRecord[];
}

export interface NotImported {
  record: ZoneRecord;
  reason: Message;
}

export interface ImportPlan {
  zone: string;
  mode: ImportMode;
  /** The requests to write (none with `--as existing`). */
  requests: ImportedRequest[];
  notImported: NotImported[];
  /** SOA and NS at the apex: the zone's own, set by Cloudflare and the registry. */
  apex: ZoneRecord[];
  /** Names to add to `governance/existing.yaml`, relative to the zone, with their note. */
  protect: Map<string, string>;
  /** Names of `existing.yaml` that now have a request: to be removed there in the same change. */
  adopted: string[];
}

export interface ClassifyInput {
  records: readonly ZoneRecord[];
  zone: string;
  source: ImportSource;
  mode: ImportMode;
  policy: ValidationPolicy;
  now: Date;
  /** Entry names in `requests/` before the import (`dinkes.yaml`, ...). */
  requestFiles: readonly string[];
  /** An existing request file by lowercase subdomain. */
  lookup(subdomain: string): SourceFile | undefined;
  /** The Cloudflare zone id the records must belong to (API listing), when known. */
  zoneId?: string;
}

// governance-existing.schema.json: the names existing.yaml can hold.
const LISTABLE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** `name` relative to `zone`: "" for the apex, null when outside it. */
function relativeTo(name: string, zone: string): string | null {
  if (name === zone) return "";
  return name.endsWith(`.${zone}`) ? name.slice(0, -(zone.length + 1)) : null;
}

/**
 * A request's subdomain and the record's name inside it: underscore labels are attributes of the
 * name below them (RFC 8552: `_dmarc`, `<selector>._domainkey`, `_sip._tcp`), so they stay with it.
 */
export function groupName(rel: string): { parent: string; name: string | undefined } {
  const labels = rel.split(".");
  let last = -1;
  labels.forEach((label, i) => {
    if (label.startsWith("_")) last = i;
  });
  if (last === -1) return { parent: rel, name: undefined };
  return { parent: labels.slice(last + 1).join("."), name: labels.slice(0, last + 1).join(".") };
}

/** The name `existing.yaml` can hold to protect `rel` (wildcard and underscore labels dropped), or null. */
export function protectedName(rel: string): string | null {
  const labels = rel.split(".");
  while (labels.length > 0 && (labels[0] === "*" || (labels[0] ?? "").startsWith("_"))) labels.shift();
  const name = labels.join(".");
  return name !== "" && LISTABLE.test(name) ? name : null;
}

function isAtOrBelow(rel: string, parent: string): boolean {
  return rel === parent || rel.endsWith(`.${parent}`);
}

/** Decisions that need no request; null when the record goes on to be grouped. */
function decideAlone(
  record: ZoneRecord,
  rel: string | null,
  delegations: readonly string[],
  input: ClassifyInput,
): Message | "apex" | null {
  if (rel === null) return reasons.outsideZone(record.name, input.zone);
  if (input.zoneId !== undefined && record.zoneId !== null && record.zoneId !== input.zoneId) {
    return reasons.otherZoneId(record.zoneId, input.zoneId);
  }
  if (rel === "" && (record.type === "SOA" || record.type === "NS")) return "apex";
  const delegation = delegations.find((d) => isAtOrBelow(rel, d));
  if (delegation !== undefined) {
    return record.type === "NS" && rel === delegation
      ? reasons.delegation(rel)
      : reasons.belowDelegation(rel, delegation);
  }
  if (rel.split(".").includes("*")) return reasons.wildcard(rel);
  if (record.spec === null) return record.problem ?? reasons.typeUnsupported(record.type);
  if (groupName(rel).parent === "") return reasons.apex(record.type, rel);
  return null;
}

/** The unit kind a name under an office namespace must have (`desa` under `desa`), else `lainnya`. */
function kindOf(parent: string, policy: ValidationPolicy): InstansiJenis {
  const dot = parent.indexOf(".");
  const allowed = dot === -1 ? undefined : policy.namespaces.get(parent.slice(dot + 1));
  return allowed?.[0] ?? "lainnya";
}

/** The unit a name belongs to: its top label, or its first label under an office namespace. */
function unitOf(parent: string, policy: ValidationPolicy): string {
  const labels = parent.split(".");
  for (let i = labels.length - 1; i >= 0; i--) {
    const suffix = labels.slice(i).join(".");
    if (!policy.namespaces.has(suffix)) return suffix;
  }
  return parent;
}

function specOf(record: ZoneRecord, name: string | undefined): DnsRecordSpec {
  const spec = record.spec as DnsRecordSpec;
  return name === undefined ? spec : { name, ...spec };
}

interface Candidate {
  subdomain: string;
  file: string;
  entries: { record: ZoneRecord; name: string | undefined }[];
}

function buildRequest(candidate: Candidate, input: ClassifyInput): Request {
  const dns = candidate.entries.map((entry) => specOf(entry.record, entry.name));
  const hasSite = dns.some(
    (spec) => spec.name === undefined && (spec.type === "A" || spec.type === "AAAA" || spec.type === "CNAME"),
  );
  return {
    subdomain: candidate.subdomain,
    impor: { sumber: input.source, tanggal: officeToday(input.now, input.policy.timeZone) },
    instansi: {
      nama: unitOf(candidate.subdomain, input.policy),
      jenis: kindOf(candidate.subdomain, input.policy),
    },
    tujuan:
      "Diimpor dari zona yang sudah ada; jelaskan tujuannya (imported from the existing zone; describe its purpose)",
    klasifikasi: "instansi",
    hosting: { jenis: hasSite ? "eksternal" : "tanpa" },
    dns,
  };
}

/** 1-based line ranges of the `dns` items in a rendered request. */
function dnsLines(text: string): [number, number][] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const seq = doc.get("dns", true) as YAMLSeq | undefined;
  return (seq?.items ?? []).map((item) => {
    const range = (item as { range?: [number, number, number] }).range ?? [0, 0, 0];
    return [lines.linePos(range[0]).line, lines.linePos(Math.max(range[0], range[1] - 1)).line];
  });
}

function messageOf(diagnostics: readonly Diagnostic[]): Message {
  const unique = (parts: string[]) => [...new Set(parts)].join("; ");
  return {
    id: unique(diagnostics.map((d) => `${d.rule}: ${d.message.id}`)),
    en: unique(diagnostics.map((d) => `${d.rule}: ${d.message.en}`)),
  };
}

function noteOf(records: readonly ZoneRecord[], input: ClassifyInput, imported: boolean): string {
  const types = [...new Set(records.map((r) => r.type))].sort().join(", ");
  const date = officeToday(input.now, input.policy.timeZone);
  return imported
    ? `Diimpor dari zona (${input.source}, ${date}): ${types}; belum dikelola lewat requests/ (imported from the zone, not managed through requests/)`
    : `Ada di zona (${input.source}, ${date}): ${types}; tidak dapat diimpor, lihat laporan impor (in the zone, cannot be imported, see the import report)`;
}

/** Classifies every record. Pure; never throws on bad records (they become reasons). */
export function classifyZone(input: ClassifyInput): ImportPlan {
  const zone = input.zone.toLowerCase();
  const apex: ZoneRecord[] = [];
  const notImported: NotImported[] = [];
  const existingStems = new Set(input.requestFiles.map((f) => f.replace(/\.ya?ml$/i, "").toLowerCase()));
  const delegations = [
    ...new Set(
      input.records
        .filter((r) => r.type === "NS")
        .map((r) => relativeTo(r.name, zone))
        .filter((rel): rel is string => rel !== null && rel !== ""),
    ),
  ];

  const candidates = new Map<string, Candidate>();
  for (const record of input.records) {
    const rel = relativeTo(record.name, zone);
    const decided = decideAlone(record, rel, delegations, input);
    if (decided === "apex") {
      apex.push(record);
      continue;
    }
    if (decided !== null) {
      notImported.push({ record, reason: decided });
      continue;
    }
    const { parent, name } = groupName(rel as string);
    if (existingStems.has(parent)) {
      notImported.push({ record, reason: reasons.requestExists(parent) });
      continue;
    }
    let candidate = candidates.get(parent);
    if (candidate === undefined) {
      candidate = { subdomain: parent, file: `requests/${parent}.yaml`, entries: [] };
      candidates.set(parent, candidate);
    }
    candidate.entries.push({ record, name });
  }

  const requests = judge([...candidates.values()], input, notImported);
  const adopted = requests.map((r) => r.subdomain).filter((name) => input.policy.existing.has(name));

  // Names to protect: every name left out (so nobody can claim a live name), and with `--as existing`
  // every name the zone holds; never a name a request holds, which existing.yaml would then refuse.
  const held = new Set([
    ...existingStems,
    ...(input.mode === "requests" ? requests.map((r) => r.subdomain) : []),
  ]);
  const byName = new Map<string, { records: ZoneRecord[]; imported: boolean }>();
  const add = (rel: string, record: ZoneRecord, imported: boolean) => {
    const name = protectedName(rel);
    if (name === null || held.has(name) || input.policy.existing.has(name)) return;
    const entry = byName.get(name) ?? { records: [], imported };
    entry.records.push(record);
    entry.imported &&= imported;
    byName.set(name, entry);
  };
  for (const { record } of notImported) {
    const rel = relativeTo(record.name, zone);
    if (rel === null || rel === "") continue;
    // Below a delegation the delegated name is what must not be claimed.
    add(delegations.find((d) => isAtOrBelow(rel, d)) ?? rel, record, false);
  }
  if (input.mode === "existing") {
    for (const request of requests)
      for (const record of request.records) add(request.subdomain, record, true);
  }
  const protect = new Map(
    [...byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, entry]) => [name, noteOf(entry.records, input, entry.imported)]),
  );
  return {
    zone,
    mode: input.mode,
    requests: input.mode === "requests" ? requests : [],
    notImported,
    apex,
    protect,
    adopted: input.mode === "requests" ? adopted : [],
  };
}

/**
 * The names whose request files a rule may consult while judging `request`: the ancestors-or-self
 * (relative to the zone) of its subdomain, of each record's name, and of each in-zone target. The
 * cross-file rules read other requests only there (`siblings` and `findRequest` in subdomain-parent,
 * subdomain-duplicate, subdomain-record-conflict, dns-name-taken, dns-target-alias/-missing); a rule
 * that looks elsewhere must widen this, or a later round would keep a verdict that no longer holds.
 */
export function consultedNames(request: Request, zone: string): Set<string> {
  const names = new Set<string>();
  const addWithAncestors = (rel: string) => {
    for (let name = rel; name !== ""; name = name.includes(".") ? name.slice(name.indexOf(".") + 1) : "") {
      names.add(name);
    }
  };
  const sub = request.subdomain.toLowerCase();
  addWithAncestors(sub);
  for (const spec of request.dns ?? []) {
    if (spec.name !== undefined) addWithAncestors(`${spec.name.toLowerCase()}.${sub}`);
    if (spec.type === "CNAME" || spec.type === "MX" || spec.type === "SRV") {
      const target = relativeTo(spec.content.toLowerCase(), zone);
      if (target !== null) addWithAncestors(target);
    }
  }
  return names;
}

interface Judged {
  candidate: Candidate;
  request: Request;
  text: string;
}

/**
 * Runs the validator over the candidates until none fails, moving what fails to `notImported`.
 * Each round leaves out at least one record or request, so it ends. The first round judges every
 * candidate; a later one only those that changed or consult a name that did (`consultedNames`), as
 * the others' verdicts cannot have changed; that keeps a 5,000-record zone to about one full round.
 */
function judge(candidates: Candidate[], input: ClassifyInput, notImported: NotImported[]): ImportedRequest[] {
  let live = candidates;
  const names = new Set(live.map((c) => c.subdomain));
  // A name listed in existing.yaml that the import now brings under a request is no longer "outside".
  const policy: ValidationPolicy = {
    ...input.policy,
    existing: new Set([...input.policy.existing].filter((name) => !names.has(name))),
  };
  const judged = new Map<string, Judged>();
  let due = live;
  for (;;) {
    for (const candidate of due) {
      const request = buildRequest(candidate, input);
      judged.set(candidate.subdomain, { candidate, request, text: renderRequestYaml(request, input.zone) });
    }
    const result = validateSources({
      targets: due.map((c) => ({ path: c.file, bytes: (judged.get(c.subdomain) as Judged).text })),
      siblings: [...input.requestFiles, ...live.map((c) => `${c.subdomain}.yaml`)],
      lookup: (name) => {
        const own = judged.get(name);
        return own ? { path: own.candidate.file, bytes: own.text } : input.lookup(name);
      },
      policy,
      now: input.now,
      collectRequests: false,
    });
    const errors = new Map<string, Diagnostic[]>();
    for (const d of result.diagnostics) {
      if (d.severity !== "error") continue;
      const list = errors.get(d.file) ?? [];
      list.push(d);
      errors.set(d.file, list);
    }
    const changed = new Set<string>();
    const next: Candidate[] = [];
    for (const candidate of live) {
      const found = errors.get(candidate.file);
      if (found === undefined) {
        next.push(candidate);
        continue;
      }
      changed.add(candidate.subdomain);
      const kept = leaveOut(candidate, (judged.get(candidate.subdomain) as Judged).text, found, notImported);
      judged.delete(candidate.subdomain);
      if (kept !== null) next.push(kept);
    }
    live = next;
    due = live.filter(
      (c) =>
        changed.has(c.subdomain) ||
        [...consultedNames((judged.get(c.subdomain) as Judged).request, input.zone)].some((n) =>
          changed.has(n),
        ),
    );
    if (due.length === 0) {
      return live.map((c) => {
        const { request, text } = judged.get(c.subdomain) as Judged;
        return {
          subdomain: c.subdomain,
          file: c.file,
          request,
          text,
          records: c.entries.map((e) => e.record),
        };
      });
    }
  }
}

/**
 * Moves what the diagnostics of one candidate refuse to `notImported`: the records an error points
 * into, or every record when an error is about the request as a whole. The rest, or null.
 */
function leaveOut(
  candidate: Candidate,
  text: string,
  found: readonly Diagnostic[],
  notImported: NotImported[],
): Candidate | null {
  const ranges = dnsLines(text);
  const perEntry = new Map<number, Diagnostic[]>();
  const whole: Diagnostic[] = [];
  for (const d of found) {
    const index = ranges.findIndex(([from, to]) => d.line >= from && d.line <= to);
    if (index === -1) whole.push(d);
    else perEntry.set(index, [...(perEntry.get(index) ?? []), d]);
  }
  if (whole.length > 0) {
    const reason = messageOf(whole);
    for (const entry of candidate.entries) notImported.push({ record: entry.record, reason });
    return null;
  }
  const kept = candidate.entries.filter((entry, index) => {
    const own = perEntry.get(index);
    if (own === undefined) return true;
    notImported.push({ record: entry.record, reason: messageOf(own) });
    return false;
  });
  return kept.length > 0 ? { ...candidate, entries: kept } : null;
}
