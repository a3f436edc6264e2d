/** What the rules on a request's extra DNS records share: walking records, labels, grouping by name. */
import { unhandled } from "../../errors.ts";
import { recordTypeOf, type TypeCheckRule } from "../../record-types/index.ts";
import type { DnsRecordSpec, Message, Request } from "../../types.ts";
import type { Finding, Rule, RuleContext } from "../rule.ts";
import { cachedByRequest, msg, records, relativeName, showName } from "./util.ts";

/** Calls `visit` for every record with a list to push findings into; returns that list. */
export function eachRecord(
  ctx: RuleContext,
  visit: (r: DnsRecordSpec, i: number, findings: Finding[]) => void,
): Finding[] {
  const findings: Finding[] = [];
  const list = records(ctx.request);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (r !== undefined) visit(r, i, findings);
  }
  return findings;
}

export function withoutTrailingDot(name: string): string {
  return name.length > 1 && name.endsWith(".") ? name.slice(0, -1) : name;
}

export function at(i: number, field?: string): (string | number)[] {
  return field === undefined ? ["dns", i] : ["dns", i, field];
}

export function label(i: number, r: DnsRecordSpec): string {
  return `dns[${i}] ${r.type} ${showName(relativeName(r))}`;
}

export function finding(
  i: number,
  field: string | undefined,
  r: DnsRecordSpec,
  id: string,
  en: string,
): Finding {
  return { path: at(i, field), message: msg(`${label(i, r)}: ${id}`, `${label(i, r)}: ${en}`) };
}

/** A rule whose check is each record type's own (`checks[id]` in the record-type table). */
export function typeCheckRule(id: TypeCheckRule, severity: Rule["severity"], summary: Message): Rule {
  return {
    id,
    severity,
    summary,
    check(ctx) {
      return eachRecord(ctx, (r, i, findings) => {
        for (const p of recordTypeOf(r.type)?.checks[id]?.(r) ?? []) {
          findings.push(finding(i, p.field, r, p.message.id, p.message.en));
        }
      });
    },
  };
}

/** Records grouped by lowercase relative owner name ("" = the subdomain itself), with their index. */
export const byName = cachedByRequest((request: Request) => {
  const groups = new Map<string, number[]>();
  const list = records(request);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (r === undefined) continue;
    const key = relativeName(r);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  }
  return groups;
});

/** Record types the hosting kind creates at the subdomain itself. */
export function hostingTypesAtApex(request: Request): readonly string[] {
  switch (request.hosting.jenis) {
    case "server":
      return ["A", "AAAA"];
    case "tunnel":
    case "static":
      return ["CNAME"];
    case "eksternal":
    case "tanpa":
      return [];
    default:
      return unhandled(request.hosting.jenis, "hosting.jenis");
  }
}
