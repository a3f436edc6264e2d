/**
 * The managed records as an RFC 1035 master file, for offices that run their own BIND and for
 * review by tools that speak zone files.
 *
 * Proxied records are exported as what the request asked for (the origin address, the tunnel or
 * Pages target), marked `; proxied` — there is no other truthful content: Cloudflare answers proxied
 * names with its own anycast addresses, which change and are not ours to publish. An office loading
 * this file into its own server therefore serves the origins directly (no Cloudflare in front), and
 * tunnel CNAMEs only work through Cloudflare; the header says so.
 */
import { RECORD_TYPES, type RecordType } from "../record-types/index.ts";
import type { DesiredState } from "./desired-state.ts";

export { splitTxt } from "../record-types/index.ts";

export interface ZoneFileOptions {
  /** Authoritative name servers for the SOA and apex NS records, absolute names without the dot. */
  nameservers: readonly string[];
  /** SOA serial; the caller derives it from the clock with `serialFor` (serial.ts). */
  serial: number;
  /** Default TTL for records whose TTL is 1 (Cloudflare's "automatic", 300 s). */
  defaultTtl?: number;
}

const AUTOMATIC_TTL = 300;

function absolute(host: string): string {
  return `${host}.`;
}

function ownerOf(name: string, zone: string): string {
  if (name === zone) return "@";
  return name.endsWith(`.${zone}`) ? name.slice(0, -(zone.length + 1)) : absolute(name);
}

/** Renders the zone file. Deterministic: same state and options, same bytes. */
export function renderZoneFile(state: DesiredState, options: ZoneFileOptions): string {
  const zone = state.zone;
  const defaultTtl = options.defaultTtl ?? AUTOMATIC_TTL;
  const [primary = `ns1.${zone}`] = options.nameservers;
  const lines = [
    `; Zona ${zone}: rekaman yang dikelola domainops (dibuat otomatis, jangan diedit).`,
    `; Zone ${zone}: records managed by domainops (generated, do not edit).`,
    "; Rekaman bertanda `proxied` dilayani Cloudflare; di server sendiri isinya menunjuk langsung ke asal.",
    "; Records marked `proxied` are served through Cloudflare; on a plain server they point at the origin.",
    `$ORIGIN ${absolute(zone)}`,
    `$TTL ${defaultTtl}`,
    `@ IN SOA ${absolute(primary)} hostmaster.${absolute(zone)} ${options.serial} 7200 3600 1209600 ${defaultTtl}`,
  ];
  for (const ns of options.nameservers) lines.push(`@ IN NS ${absolute(ns)}`);
  let lastOwner = "";
  for (const record of state.records) {
    const owner = ownerOf(record.name, zone);
    if (owner !== lastOwner) lines.push(`; ${record.comment ?? record.request}`.replace(/[\r\n]/g, " "));
    lastOwner = owner;
    const ttl = record.ttl === 1 ? "" : ` ${record.ttl}`;
    const note = record.proxied ? " ; proxied" : "";
    lines.push(
      `${owner}${ttl} IN ${record.type} ${(RECORD_TYPES[record.type] as RecordType).zoneRdata(record)}${note}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
