/**
 * What makes one office differ from another in the files the tool generates: its zone, the name of
 * its Pulumi stack and its time zone. Values from the command line are checked here before they
 * reach any file or template.
 */
import type { OfficeZone } from "../approvals/governance.ts";
import { ZONE_OFFSET_MINUTES } from "../approvals/governance.ts";
import { checkLabel } from "../request/rules/util.ts";
import type { Message } from "../types.ts";

export interface OfficeValues {
  zone: string;
  stack: string;
  timeZone: OfficeZone;
}

export const OFFICE_TIME_ZONES = Object.keys(ZONE_OFFSET_MINUTES) as OfficeZone[];

export function isOfficeTimeZone(value: string): value is OfficeZone {
  return Object.hasOwn(ZONE_OFFSET_MINUTES, value);
}

/**
 * A stack name that is safe everywhere it goes: a file name (`Pulumi.<stack>.yaml`), a workflow's
 * `env`, a Pulumi stack. Pulumi itself allows more (`.`, `_`, capitals); one lowercase shape keeps
 * file names, shell values and YAML plain.
 */
const STACK = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,39}$/;

export function checkStackName(stack: string): Message | null {
  if (STACK.test(stack)) return null;
  return {
    id: `nama stack ${JSON.stringify(stack)} tidak sah: huruf kecil a-z, angka dan "-" di tengah, diawali huruf, paling panjang 40 (mis. kudus)`,
    en: `stack name ${JSON.stringify(stack)} is invalid: lowercase a-z, digits and inner "-", starting with a letter, at most 40 long (e.g. kudus)`,
  };
}

/** A DNS zone such as `kuduskab.go.id`: at least two labels (RFC 1035 §2.3.4: 63 per label, 253 in all). */
export function checkZoneName(zone: string): Message | null {
  const labels = zone.split(".");
  const ok =
    zone.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => checkLabel(label) === null) &&
    /^[a-z]{2,63}$/.test(labels[labels.length - 1] ?? "");
  if (ok) return null;
  return {
    id: `zona ${JSON.stringify(zone)} bukan nama DNS yang sah: label huruf kecil a-z, 0-9 dan "-", dipisah titik, tanpa titik di akhir (mis. kuduskab.go.id)`,
    en: `zone ${JSON.stringify(zone)} is not a valid DNS name: lowercase a-z, 0-9 and "-" labels separated by dots, no trailing dot (e.g. kuduskab.go.id)`,
  };
}
