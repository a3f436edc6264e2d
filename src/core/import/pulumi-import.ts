/**
 * The file `pulumi import --file` takes, so the records Cloudflare already holds are adopted into the
 * stack instead of created a second time. The logical names are not derived here: the imported
 * requests go through `buildDesiredState` and `buildResourceSpecs`, the code the program registers
 * with, and each resource is matched to its Cloudflare record by name, type and value.
 *
 * Import ids of `@pulumi/cloudflare` 6.x DNS records are `<zone_id>/<dns_record_id>`.
 */
import { buildDesiredState } from "../infra/desired-state.ts";
import { buildResourceSpecs, DNS_RECORD_TYPE } from "../infra/resources.ts";
import type { ZoneSettings } from "../infra/zone-settings.ts";
import { RECORD_TYPES, type RecordType } from "../record-types/index.ts";
import type { LoadedRequest } from "../types.ts";
import type { ImportedRequest } from "./classify.ts";

export interface PulumiImportFile {
  resources: { type: typeof DNS_RECORD_TYPE; name: string; id: string }[];
}

/** `name type valueKey`, the identity a desired record and a source record share. */
function identity(name: string, valueKey: string): string {
  return `${name} ${valueKey}`;
}

export function buildPulumiImport(
  requests: readonly ImportedRequest[],
  settings: ZoneSettings,
): PulumiImportFile {
  const ids = new Map<string, string>();
  for (const request of requests) {
    for (const record of request.records) {
      if (record.spec === null || record.id === null) continue;
      const type = RECORD_TYPES[record.spec.type] as RecordType;
      const value = type.value(record.spec);
      ids.set(
        identity(record.name, `${record.spec.type} ${type.valueKey({ type: record.spec.type, ...value })}`),
        `${record.zoneId ?? settings.zoneId}/${record.id}`,
      );
    }
  }
  const loaded: LoadedRequest[] = requests.map((r) => ({ file: r.file, request: r.request }));
  const state = buildDesiredState(loaded, settings);
  const byKey = new Map(state.records.map((record) => [record.key, record]));
  const resources: PulumiImportFile["resources"] = [];
  for (const spec of buildResourceSpecs(state, settings)) {
    if (spec.kind !== "dns") continue;
    const record = byKey.get(spec.name);
    const id = record === undefined ? undefined : ids.get(identity(record.name, record.valueKey));
    if (id !== undefined) resources.push({ type: DNS_RECORD_TYPE, name: spec.name, id });
  }
  return { resources };
}
