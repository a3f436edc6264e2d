/**
 * Whether the stack's own origin addresses may go live: the one decision behind `plan`'s warning and
 * `apply`'s refusal. An unpublishable origin (a documentation placeholder of the example stack, a
 * private address) is harmless while no request points at it, and must stop apply once one does.
 */

import { HOSTING_KINDS } from "../hosting-kinds.ts";
import type { HostingJenis } from "../types.ts";
import type { ZoneSettings } from "./zone-settings.ts";
import { findUnpublishableOrigins, renderOriginProblems } from "./zone-settings.ts";

export type OriginCheck =
  | { verdict: "ok" }
  /** Unpublishable origins that no request uses yet: worth a warning, nothing is published. */
  | { verdict: "warn"; report: string }
  /** A request would publish an unpublishable origin: apply must refuse. */
  | { verdict: "refuse"; report: string };

/** Whether a hosting kind publishes the stack's `domainops:origins` under the request's name. */
export function usesStackOrigins(jenis: HostingJenis): boolean {
  return HOSTING_KINDS[jenis].stackOrigins;
}

export function checkOrigins(input: {
  settings: Pick<ZoneSettings, "origins">;
  /** The stack file, named in the report. */
  file: string;
  hostings: readonly HostingJenis[];
}): OriginCheck {
  const problems = findUnpublishableOrigins(input.settings);
  if (problems.length === 0) return { verdict: "ok" };
  const report = renderOriginProblems(problems, input.file);
  return input.hostings.some(usesStackOrigins) ? { verdict: "refuse", report } : { verdict: "warn", report };
}
