/**
 * Builds the validation policy from the four governance files (policy, reserved, existing,
 * namespaces), already parsed by the safe YAML loader. Pure: shape is checked against the JSON Schemas
 * in `schema/`, meaning (conflicts between the files) here; every problem becomes a diagnostic on the
 * governance file and a usable policy is returned regardless, so validation never crashes on bad data.
 */
import existingSchema from "../../../schema/governance-existing.schema.json" with { type: "json" };
import namespacesSchema from "../../../schema/governance-namespaces.schema.json" with { type: "json" };
import policySchema from "../../../schema/governance-policy.schema.json" with { type: "json" };
import reservedSchema from "../../../schema/governance-reserved.schema.json" with { type: "json" };
import type { OfficeZone } from "../approvals/governance.ts";
import { ZONE_OFFSET_MINUTES } from "../approvals/governance.ts";
import type { PullLimits } from "../approvals/pull-size.ts";
import { DEFAULT_PULL_LIMITS } from "../approvals/pull-size.ts";
import type { ErrorObject, ValidateFunction } from "../json-schema.ts";
import { compileSchema } from "../json-schema.ts";
import type { Diagnostic, InstansiJenis, Message } from "../types.ts";
import type { NodePath, Position, ValidationPolicy } from "./rule.ts";
import { isAtOrBelow } from "./rules/util.ts";
import { toPath } from "./schema.ts";

export type PolicyPart = "policy" | "reserved" | "existing" | "namespaces";

export const POLICY_FILES: Readonly<Record<PolicyPart, string>> = {
  policy: "governance/policy.yaml",
  reserved: "governance/reserved.yaml",
  existing: "governance/existing.yaml",
  namespaces: "governance/namespaces.yaml",
};

/** Rule ids of policy problems, for `docs/rules.md`. */
export const policyRules = [
  {
    id: "policy-missing",
    severity: "error",
    summary: {
      id: "Berkas kebijakan di governance/ (policy, reserved, existing, namespaces) ada dan dapat dibaca.",
      en: "The policy files in governance/ (policy, reserved, existing, namespaces) exist and can be read.",
    },
  },
  {
    id: "policy-schema",
    severity: "error",
    summary: {
      id: "Berkas kebijakan sesuai skemanya di schema/governance-*.schema.json.",
      en: "The policy files match their schemas in schema/governance-*.schema.json.",
    },
  },
  {
    id: "policy-conflict",
    severity: "error",
    summary: {
      id: "Berkas kebijakan tidak saling bertentangan (mis. namespace yang sekaligus dicadangkan).",
      en: "The policy files do not contradict each other (e.g. a namespace that is also reserved).",
    },
  },
] as const;

/** One governance file after safe parsing: its data and where its nodes are. */
export interface ParsedPolicyFile {
  file: string;
  data: unknown;
  at(path: NodePath, part?: "key" | "value"): Position;
}

export interface PolicyResult {
  policy: ValidationPolicy;
  /** How big a pull request the SOP gate reads (not a validation rule: used by the GitHub edges). */
  pullLimits: PullLimits;
  /**
   * The office's app that opens pull requests from the issue form (`intakeApp`, e.g.
   * `kudus-domainops[bot]`); the SOP gate then judges the author as the applicant. null: none.
   */
  intakeApp: string | null;
  diagnostics: Diagnostic[];
}

const SCHEMAS: Readonly<Record<PolicyPart, object>> = {
  policy: policySchema,
  reserved: reservedSchema,
  existing: existingSchema,
  namespaces: namespacesSchema,
};

let validators: Record<PolicyPart, ValidateFunction> | undefined;

function validatorFor(part: PolicyPart): ValidateFunction {
  if (validators === undefined) {
    validators = {
      policy: compileSchema(SCHEMAS.policy),
      reserved: compileSchema(SCHEMAS.reserved),
      existing: compileSchema(SCHEMAS.existing),
      namespaces: compileSchema(SCHEMAS.namespaces),
    };
  }
  return validators[part];
}

function schemaDiagnostic(source: ParsedPolicyFile, error: ErrorObject): Diagnostic {
  const path = toPath(error.instancePath);
  let part: "key" | "value" = "value";
  let where = path.length === 0 ? "(root)" : path.join(".");
  const params = error.params as Record<string, unknown>;
  if (typeof params.propertyName === "string") {
    path.push(params.propertyName);
    part = "key";
    where = path.join(".");
  } else if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    path.push(params.additionalProperty);
    part = "key";
    where = path.join(".");
  }
  const pos = source.at(path, part);
  const detail = `${error.keyword}: ${error.message ?? ""}`;
  return {
    file: source.file,
    line: pos.line,
    column: pos.column,
    rule: "policy-schema",
    severity: "error",
    message: {
      id: `${where} tidak sesuai skema ${schemaName(source.file)} (${detail}); perbaiki berkas kebijakan ini`,
      en: `${where} does not match the schema ${schemaName(source.file)} (${detail}); fix this policy file`,
    },
  };
}

function schemaName(file: string): string {
  const name = file.slice(file.lastIndexOf("/") + 1);
  const base = name.endsWith(".yaml") ? name.slice(0, -5) : name;
  return `schema/governance-${base}.schema.json`;
}

function diagnosticAt(
  source: ParsedPolicyFile,
  path: NodePath,
  part: "key" | "value",
  rule: string,
  message: Message,
): Diagnostic {
  const pos = source.at(path, part);
  return { file: source.file, line: pos.line, column: pos.column, rule, severity: "error", message };
}

/** Data of a part when it passed its schema, else undefined (diagnostics added). */
function checked(
  part: PolicyPart,
  source: ParsedPolicyFile | undefined,
  out: Diagnostic[],
): Record<string, unknown> | undefined {
  if (source === undefined || source.data === undefined) return undefined;
  const validate = validatorFor(part);
  if (validate(source.data)) return source.data as Record<string, unknown>;
  for (const error of validate.errors ?? []) {
    if (error.keyword === "if" || error.keyword === "oneOf") continue;
    out.push(schemaDiagnostic(source, error));
  }
  return undefined;
}

interface PolicyFileData {
  zone: string;
  allowIdn: boolean;
  officialEmailDomains: string[] | null;
  kegiatanMaxDays: number;
  forbiddenCnameSuffixes: string[];
  takeoverAllowed?: { suffix: string; reason: string }[];
  maxRequestFilesPerPull?: number;
  maxChangedFilesPerPull?: number;
  intakeApp?: string;
}

/** A policy that refuses nothing special; used for the parts whose file is broken (already reported). */
const FALLBACK: PolicyFileData = {
  zone: "invalid",
  allowIdn: false,
  officialEmailDomains: null,
  kegiatanMaxDays: 365,
  forbiddenCnameSuffixes: [],
};

/** Where the office's time zone is kept (the SOP calendar also measures working time in it). */
export const CALENDAR_FILE = "governance/calendar.yaml";

/** Indonesia's western zone, for a repository without a calendar (the SOP gate requires one). */
const DEFAULT_ZONE: OfficeZone = "Asia/Jakarta";

/** `zona_waktu` of the calendar; the rest of the calendar is checked by the governance loader. */
function timeZoneOf(calendar: ParsedPolicyFile | undefined, out: Diagnostic[]): OfficeZone {
  const data = calendar?.data;
  if (calendar === undefined || data === null || typeof data !== "object") return DEFAULT_ZONE;
  const zone = (data as Record<string, unknown>).zona_waktu;
  if (typeof zone === "string" && Object.hasOwn(ZONE_OFFSET_MINUTES, zone)) return zone as OfficeZone;
  const zones = Object.keys(ZONE_OFFSET_MINUTES).join(", ");
  out.push(
    diagnosticAt(calendar, ["zona_waktu"], "value", "policy-schema", {
      id: `zona_waktu ${JSON.stringify(zone ?? null)} bukan zona waktu kantor yang dikenal (${zones}); tanggal dihitung dalam ${DEFAULT_ZONE} sampai diperbaiki`,
      en: `zona_waktu ${JSON.stringify(zone ?? null)} is not a known office time zone (${zones}); dates are counted in ${DEFAULT_ZONE} until it is fixed`,
    }),
  );
  return DEFAULT_ZONE;
}

export function buildPolicy(
  files: Partial<Record<PolicyPart, ParsedPolicyFile>>,
  calendar?: ParsedPolicyFile,
): PolicyResult {
  const diagnostics: Diagnostic[] = [];
  const timeZone = timeZoneOf(calendar, diagnostics);
  const base = (checked("policy", files.policy, diagnostics) as PolicyFileData | undefined) ?? FALLBACK;
  const reservedData = checked("reserved", files.reserved, diagnostics) as
    | { reserved: Record<string, Message> }
    | undefined;
  const existingData = checked("existing", files.existing, diagnostics) as
    | { existing: Record<string, string> }
    | undefined;
  const namespacesData = checked("namespaces", files.namespaces, diagnostics) as
    | { namespaces: Record<string, InstansiJenis[]> }
    | undefined;

  const zone = base.zone;
  const reserved = new Map<string, Message>(Object.entries(reservedData?.reserved ?? {}));
  const existing = new Set<string>();
  for (const name of Object.keys(existingData?.existing ?? {})) {
    if (files.existing && name !== zone && isAtOrBelow(name, zone)) {
      const relative = name.slice(0, -zone.length - 1);
      diagnostics.push(
        diagnosticAt(files.existing, ["existing", name], "key", "policy-schema", {
          id: `nama ${JSON.stringify(name)} ditulis lengkap; tulis relatif terhadap zona: ${JSON.stringify(relative)}`,
          en: `the name ${JSON.stringify(name)} is written in full; write it relative to the zone: ${JSON.stringify(relative)}`,
        }),
      );
      existing.add(relative);
      continue;
    }
    existing.add(name);
  }
  const namespaces = new Map<string, readonly InstansiJenis[]>();
  for (const [name, kinds] of Object.entries(namespacesData?.namespaces ?? {})) {
    namespaces.set(name, kinds);
    const source = files.namespaces;
    if (source === undefined) continue;
    // The reserved check looks at the label right below the zone, so a reserved namespace label
    // would refuse every child of the namespace.
    const top = name.slice(name.lastIndexOf(".") + 1);
    if (reserved.has(top) || reserved.has(name)) {
      diagnostics.push(
        diagnosticAt(source, ["namespaces", name], "key", "policy-conflict", {
          id: `namespace ${JSON.stringify(name)} juga tercantum di governance/reserved.yaml, sehingga semua anaknya tertolak; hapus salah satunya`,
          en: `the namespace ${JSON.stringify(name)} is also listed in governance/reserved.yaml, so every child would be refused; remove one of them`,
        }),
      );
    }
    if (existing.has(name)) {
      diagnostics.push(
        diagnosticAt(source, ["namespaces", name], "key", "policy-conflict", {
          id: `namespace ${JSON.stringify(name)} juga tercantum di governance/existing.yaml sebagai nama yang dikelola di luar; hapus salah satunya`,
          en: `the namespace ${JSON.stringify(name)} is also listed in governance/existing.yaml as managed elsewhere; remove one of them`,
        }),
      );
    }
  }

  return {
    policy: {
      zone,
      allowIdn: base.allowIdn,
      reserved,
      existing,
      namespaces,
      officialEmailDomains: base.officialEmailDomains,
      kegiatanMaxDays: base.kegiatanMaxDays,
      forbiddenCnameSuffixes: base.forbiddenCnameSuffixes,
      takeoverAllowed: (base.takeoverAllowed ?? []).map((entry) => entry.suffix),
      timeZone,
    },
    pullLimits: {
      maxRequestFiles: base.maxRequestFilesPerPull ?? DEFAULT_PULL_LIMITS.maxRequestFiles,
      maxChangedFiles: base.maxChangedFilesPerPull ?? DEFAULT_PULL_LIMITS.maxChangedFiles,
    },
    intakeApp: base.intakeApp ?? null,
    diagnostics,
  };
}

/**
 * A policy that lets every name through: for reading requests that were merged under earlier rules
 * (a diff's base), which only have to yield their records, with the schema as the only check.
 */
export function schemaOnlyPolicy(zone: string): ValidationPolicy {
  return {
    zone,
    allowIdn: true,
    reserved: new Map(),
    existing: new Set(),
    namespaces: new Map(),
    officialEmailDomains: null,
    kegiatanMaxDays: Number.POSITIVE_INFINITY,
    forbiddenCnameSuffixes: [],
    takeoverAllowed: [],
    timeZone: "Asia/Jakarta",
  };
}
