/**
 * Checks governance data (officials, SOP, calendar) against `schema/governance-*.schema.json` and
 * for the facts a schema cannot express: dates that exist, periods that end after they start, SOP
 * roles that some official holds, holidays inside the year they are listed under. Pure: the caller
 * passes parsed documents with their locators and gets either governance or diagnostics.
 */

import calendarSchema from "../../../schema/governance-calendar.schema.json" with { type: "json" };
import officialsSchema from "../../../schema/governance-officials.schema.json" with { type: "json" };
import sopSchema from "../../../schema/governance-sop.schema.json" with { type: "json" };
import type { ErrorObject, ValidateFunction } from "../json-schema.ts";
import { compileSchema } from "../json-schema.ts";
import type { NodePath, Position } from "../request/rule.ts";
import { toPath } from "../request/schema.ts";
import type { Diagnostic, Message } from "../types.ts";
import type { Calendar, Governance, Officials, Sop } from "./governance.ts";
import { stepKind } from "./governance.ts";
import { parseClock } from "./working-time.ts";

export type GovernancePart = "officials" | "sop" | "calendar";

export interface ParsedGovernanceFile {
  file: string;
  data: unknown;
  at(path: NodePath, part?: "key" | "value"): Position;
}

const SCHEMAS: Record<GovernancePart, object> = {
  officials: officialsSchema,
  sop: sopSchema,
  calendar: calendarSchema,
};

const compiled = new Map<GovernancePart, ValidateFunction>();

function validator(part: GovernancePart): ValidateFunction {
  const existing = compiled.get(part);
  if (existing) return existing;
  const fn = compileSchema(SCHEMAS[part]);
  compiled.set(part, fn);
  return fn;
}

function show(path: NodePath): string {
  let out = "";
  for (const segment of path)
    out += typeof segment === "number" ? `[${segment}]` : out ? `.${segment}` : segment;
  return out || "(berkas / file)";
}

function schemaMessage(error: ErrorObject): { path: NodePath; message: Message } {
  const path = toPath(error.instancePath);
  const where = show(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return {
        path,
        message: {
          id: `${where}: kunci "${String(params.missingProperty)}" wajib diisi.`,
          en: `${where}: key "${String(params.missingProperty)}" is required.`,
        },
      };
    case "additionalProperties":
      return {
        path: [...path, String(params.additionalProperty)],
        message: {
          id: `${where}: kunci "${String(params.additionalProperty)}" tidak dikenal; periksa ejaan sesuai skema.`,
          en: `${where}: unknown key "${String(params.additionalProperty)}"; check the spelling against the schema.`,
        },
      };
    case "enum":
      return {
        path,
        message: {
          id: `${where}: nilai harus salah satu dari ${JSON.stringify(params.allowedValues)}.`,
          en: `${where}: value must be one of ${JSON.stringify(params.allowedValues)}.`,
        },
      };
    case "pattern":
      return {
        path,
        message: {
          id: `${where}: format tidak sesuai (pola ${String(params.pattern)}).`,
          en: `${where}: wrong format (pattern ${String(params.pattern)}).`,
        },
      };
    case "oneOf":
      return {
        path,
        message: {
          id: `${where}: isi tepat satu satuan waktu: menit, jam atau hari_kerja.`,
          en: `${where}: give exactly one time unit: menit, jam or hari_kerja.`,
        },
      };
    default:
      return {
        path,
        message: {
          id: `${where}: tidak sesuai skema (${error.message ?? error.keyword}).`,
          en: `${where}: does not match the schema (${error.message ?? error.keyword}).`,
        },
      };
  }
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Validates all three documents; returns governance only when there is no error at all. */
export function checkGovernance(files: Record<GovernancePart, ParsedGovernanceFile>): {
  governance?: Governance;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const report = (part: GovernancePart, rule: string, path: NodePath, message: Message): void => {
    const doc = files[part];
    const pos = doc.at(path, "value");
    diagnostics.push({
      file: doc.file,
      line: pos.line,
      column: pos.column,
      rule,
      severity: "error",
      message,
    });
  };

  let shapeOk = true;
  for (const part of ["officials", "sop", "calendar"] as const) {
    const validate = validator(part);
    if (!validate(files[part].data)) {
      shapeOk = false;
      // `if/then` failures repeat the inner error; one message per path and keyword is enough.
      const seen = new Set<string>();
      for (const error of validate.errors ?? []) {
        if (error.keyword === "if" || error.keyword === "anyOf") continue;
        const { path, message } = schemaMessage(error);
        const key = `${show(path)}|${message.en}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report(part, "governance-schema", path, message);
      }
    }
  }
  if (!shapeOk) return { diagnostics };

  const officials = files.officials.data as Officials;
  const sop = files.sop.data as Sop;
  const calendar = files.calendar.data as Calendar;

  officials.pejabat.forEach((o, i) => {
    for (const key of ["berlaku_mulai", "berlaku_sampai"] as const) {
      const value = o[key];
      if (value !== undefined && !isRealDate(value)) {
        report("officials", "governance-date", ["pejabat", i, key], {
          id: `Tanggal "${value}" tidak ada di kalender.`,
          en: `Date "${value}" does not exist.`,
        });
      }
    }
    if (o.berlaku_sampai !== undefined && o.berlaku_sampai < o.berlaku_mulai) {
      report("officials", "governance-period", ["pejabat", i, "berlaku_sampai"], {
        id: `berlaku_sampai ${o.berlaku_sampai} sebelum berlaku_mulai ${o.berlaku_mulai}.`,
        en: `berlaku_sampai ${o.berlaku_sampai} is before berlaku_mulai ${o.berlaku_mulai}.`,
      });
    }
    if (!isRealDate(`${o.nip.slice(0, 4)}-${o.nip.slice(4, 6)}-${o.nip.slice(6, 8)}`)) {
      report("officials", "governance-nip", ["pejabat", i, "nip"], {
        id: `NIP "${o.nip}": 8 digit pertama harus tanggal lahir YYYYMMDD yang ada.`,
        en: `NIP "${o.nip}": the first 8 digits must be a real birth date YYYYMMDD.`,
      });
    }
  });
  // One GitHub account is one person: the same id under two logins (or the reverse) is a typo.
  const loginById = new Map<number, string>();
  const everyone = [
    ...officials.admins.map((a, i) => ({ who: a, path: ["admins", i, "login"] as NodePath })),
    ...officials.pejabat.map((o, i) => ({ who: o, path: ["pejabat", i, "login"] as NodePath })),
  ];
  for (const { who, path } of everyone) {
    const known = loginById.get(who.id);
    if (known !== undefined && known.toLowerCase() !== who.login.toLowerCase()) {
      report("officials", "governance-identity", path, {
        id: `ID GitHub ${who.id} tercatat dengan dua login ("${known}" dan "${who.login}").`,
        en: `GitHub id ${who.id} is listed with two logins ("${known}" and "${who.login}").`,
      });
    }
    loginById.set(who.id, who.login);
  }
  const idByLogin = new Map<string, number>();
  for (const { who, path } of everyone) {
    const known = idByLogin.get(who.login.toLowerCase());
    if (known !== undefined && known !== who.id) {
      report("officials", "governance-identity", path, {
        id: `Login "${who.login}" tercatat dengan dua ID GitHub (${known} dan ${who.id}).`,
        en: `Login "${who.login}" is listed with two GitHub ids (${known} and ${who.id}).`,
      });
    }
    idByLogin.set(who.login.toLowerCase(), who.id);
  }

  const stepIds = new Set<string>();
  sop.langkah.forEach((step, i) => {
    if (stepIds.has(step.id)) {
      report("sop", "governance-step-id", ["langkah", i, "id"], {
        id: `id langkah "${step.id}" dipakai dua kali.`,
        en: `Step id "${step.id}" is used twice.`,
      });
    }
    stepIds.add(step.id);
    const kind = stepKind(step);
    if (kind === "pengajuan" && i !== 0) {
      report("sop", "governance-step-order", ["langkah", i, "jenis"], {
        id: "Langkah pengajuan harus menjadi langkah pertama.",
        en: "The submission step must be the first step.",
      });
    }
    if (kind === "persetujuan" && !officials.pejabat.some((o) => o.role === step.role)) {
      report("sop", "governance-step-role", ["langkah", i, "role"], {
        id: `Tidak ada pejabat dengan role "${step.role}" di officials.yaml; langkah ini tidak akan pernah disetujui.`,
        en: `No official has role "${step.role}" in officials.yaml; this step could never be approved.`,
      });
    }
  });
  if (!sop.langkah.some((s) => stepKind(s) === "persetujuan")) {
    report("sop", "governance-step-role", ["langkah"], {
      id: "SOP tidak punya langkah persetujuan.",
      en: "The SOP has no approval step.",
    });
  }

  if (calendar.jam_kerja && parseClock(calendar.jam_kerja.mulai) >= parseClock(calendar.jam_kerja.selesai)) {
    report("calendar", "governance-hours", ["jam_kerja", "selesai"], {
      id: "jam_kerja.selesai harus setelah jam_kerja.mulai.",
      en: "jam_kerja.selesai must be after jam_kerja.mulai.",
    });
  }
  for (const [year, entry] of Object.entries(calendar.tahun)) {
    for (const list of ["libur_nasional", "cuti_bersama"] as const) {
      entry[list].forEach((day, i) => {
        if (!isRealDate(day.tanggal) || !day.tanggal.startsWith(`${year}-`)) {
          report("calendar", "governance-date", ["tahun", year, list, i, "tanggal"], {
            id: `Tanggal "${day.tanggal}" tidak ada atau tidak di tahun ${year}.`,
            en: `Date "${day.tanggal}" does not exist or is not in ${year}.`,
          });
        }
      });
    }
  }

  if (diagnostics.length > 0) return { diagnostics };
  return { governance: { officials, sop, calendar }, diagnostics };
}
