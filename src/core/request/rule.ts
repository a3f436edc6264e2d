/**
 * The contract between the validation engine and the rules. A rule is a pure function of one
 * schema-valid request and its context; it returns findings (empty = fine) and never throws on
 * bad input. The engine turns findings into diagnostics with the file, line and column.
 */

import type { OfficeZone } from "../approvals/governance.ts";
import type { HostingServer } from "../hosting/servers.ts";
import type { TunnelOrigins } from "../infra/tunnel-origins.ts";
import type { InstansiJenis, LoadedRequest, Message, Request, Severity } from "../types.ts";

export interface Position {
  line: number;
  column: number;
}

/** Path of a node inside the request document, e.g. `["dns", 0, "content"]`. */
export type NodePath = readonly (string | number)[];

/** Policy that governs validation, loaded from `governance/` (data reviewed by pull request). */
export interface ValidationPolicy {
  /** The zone all requests live under, e.g. `kuduskab.go.id`. */
  zone: string;
  /** Whether `xn--` (IDN) labels are accepted. */
  allowIdn: boolean;
  /** Names the office keeps for itself (lowercase) with the reason shown to the applicant. */
  reserved: ReadonlyMap<string, Message>;
  /** Names that already exist in the zone but are not managed by this repository (lowercase). */
  existing: ReadonlySet<string>;
  /** Namespace labels owned by the office (e.g. `desa`) and the unit types allowed below them. */
  namespaces: ReadonlyMap<string, readonly InstansiJenis[]>;
  /** When set, the responsible official's e-mail must be on one of these domains. */
  officialEmailDomains: readonly string[] | null;
  /** Longest life of a `kegiatan` (event) request, in days from the letter date. */
  kegiatanMaxDays: number;
  /** CNAME targets under these suffixes are refused (takeover-prone or internal). */
  forbiddenCnameSuffixes: readonly string[];
  /**
   * Targets at or below these suffixes may point at a takeover-prone service
   * (`src/core/request/data/takeover-suffixes.json`) after the office reviewed it.
   */
  takeoverAllowed: readonly string[];
  /** The office's time zone (`governance/calendar.yaml` `zona_waktu`): it decides what "today" is. */
  timeZone: OfficeZone;
}

/** What the rules may know of the Pulumi stack, when the caller has loaded its settings. */
export interface RuleStack {
  /** The stack file, e.g. `Pulumi.kudus.yaml`, named in findings. */
  file: string;
  tunnelOrigins: TunnelOrigins | null;
  /** `domainops:hostingServers`: where `hosting.akun` accounts may live (empty = nowhere). */
  hostingServers: readonly HostingServer[];
}

export interface RuleContext {
  /** Repository-relative path with forward slashes, e.g. `requests/dinkes.yaml`. */
  file: string;
  request: Request;
  /** Position of a node; falls back to the nearest existing ancestor. */
  at(path: NodePath, part?: "key" | "value"): Position;
  policy: ValidationPolicy;
  /** The clock, read once at the edge. A rule that reads it sets `dependsOnDate`. */
  now: Date;
  /**
   * Another request by its subdomain (lowercase), parsed on demand. `undefined` when no such
   * file exists or it does not pass the schema.
   */
  findRequest(subdomain: string): LoadedRequest | undefined;
  /**
   * Request files whose explicit `hosting.project` is `project` (compared lowercase). The first call
   * reads every request once, so rules ask only for names that need it (explicit projects are rare).
   */
  projectUsers(project: string): readonly string[];
  /** Every request file name under `requests/`, grouped by lowercase stem (cheap: a directory listing). */
  siblings: ReadonlyMap<string, readonly string[]>;
  /** The stack settings; undefined when validation runs without them (stack-dependent rules stay silent). */
  stack?: RuleStack;
}

export interface Finding {
  path: NodePath;
  part?: "key" | "value";
  message: Message;
  /** Overrides the rule's default severity. */
  severity?: Severity;
}

export interface Rule {
  /** Stable kebab-case id, never reused. */
  id: string;
  severity: Severity;
  /** One line on what the rule checks, for `docs/rules.md`. */
  summary: Message;
  /**
   * The result depends on the day of the run (`ctx.now`), so a file that passed when merged can fail
   * on a later day. The engine keeps such findings as errors only for the files a run is asked about
   * (a pull request's changed files); in a full run they are warnings, so the calendar alone never
   * blocks apply, drift or an unrelated pull request.
   */
  dependsOnDate?: true;
  check(ctx: RuleContext): Finding[];
}
