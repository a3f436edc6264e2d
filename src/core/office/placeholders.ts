/**
 * Placeholders `domainops init` writes for what only the office knows: its officials (GitHub
 * accounts, names, NIP) and its Cloudflare ids. They are valid data (so a freshly scaffolded office
 * passes its checks) that grant nothing: the placeholder official is GitHub's `ghost` account, which
 * stands for deleted users and which nobody can sign in as, and the placeholder ids are all zeros,
 * which Cloudflare never assigns. `check` reports each one left as a warning with what to fill in.
 */
import type { NodePath, Position } from "../request/rule.ts";
import type { Diagnostic } from "../types.ts";

export const PLACEHOLDER_LOGIN = "ghost";
export const PLACEHOLDER_GITHUB_ID = 10137;
export const PLACEHOLDER_HEX32 = "0".repeat(32);
export const PLACEHOLDER_UUID = "00000000-0000-0000-0000-000000000000";
/** NIP of the right shape (born 1900-01-01, appointed 2000-01, male, number 001) that nobody holds. */
export const PLACEHOLDER_NIP = "190001012000011001";

export interface LocatedDocument {
  file: string;
  data: unknown;
  at(path: NodePath, part?: "key" | "value"): Position;
}

function warning(doc: LocatedDocument, path: NodePath, message: Diagnostic["message"]): Diagnostic {
  const pos = doc.at(path, "value");
  return {
    file: doc.file,
    line: pos.line,
    column: pos.column,
    rule: "office-placeholder",
    severity: "warning",
    message,
  };
}

function entries(data: unknown, key: string): Record<string, unknown>[] {
  const list = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(list)
    ? list.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null)
    : [];
}

/** Officials and admins still holding the placeholder account. */
export function findOfficialPlaceholders(doc: LocatedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of ["admins", "pejabat"] as const) {
    entries(doc.data, key).forEach((entry, i) => {
      if (String(entry.login).toLowerCase() !== PLACEHOLDER_LOGIN && entry.id !== PLACEHOLDER_GITHUB_ID)
        return;
      const who = key === "admins" ? "admin platform" : `pejabat role ${String(entry.role)}`;
      const whoEn = key === "admins" ? "platform admin" : `official with role ${String(entry.role)}`;
      out.push(
        warning(doc, [key, i, "login"], {
          id: `${who} masih isian contoh (login "${PLACEHOLDER_LOGIN}"): isi login dan id GitHub (https://api.github.com/users/<login>)${key === "pejabat" ? ", nama, NIP, jabatan dan berlaku_mulai" : ""} orang yang sebenarnya, lalu jalankan \`npx domainops check --fix\`. Sampai diisi, tidak ada yang dapat menyetujui langkah ini.`,
          en: `${whoEn} is still a placeholder (login "${PLACEHOLDER_LOGIN}"): fill in the real person's GitHub login and id${key === "pejabat" ? ", name, NIP, position and berlaku_mulai" : ""}, then run \`npx domainops check --fix\`. Until then nobody can approve this step.`,
        }),
      );
    });
  }
  return out;
}

/** Cloudflare ids of a stack file still holding the placeholder value. */
export function findStackPlaceholders(doc: LocatedDocument): Diagnostic[] {
  const config = (doc.data as { config?: Record<string, unknown> } | null)?.config;
  if (typeof config !== "object" || config === null) return [];
  const out: Diagnostic[] = [];
  const keys: [string, string, string][] = [
    ["domainops:zoneId", "Zone ID", PLACEHOLDER_HEX32],
    ["domainops:accountId", "Account ID", PLACEHOLDER_HEX32],
    ["domainops:tunnelId", "Tunnel ID", PLACEHOLDER_UUID],
  ];
  for (const [key, label, placeholder] of keys) {
    if (String(config[key] ?? "").toLowerCase() !== placeholder) continue;
    out.push(
      warning(doc, ["config", key], {
        id: `${key} masih isian contoh (${placeholder}): salin ${label} dari dasbor Cloudflare (Overview zona, kolom kanan). Penerapan ke Cloudflare gagal sampai diisi.`,
        en: `${key} is still a placeholder (${placeholder}): copy the ${label} from the Cloudflare dashboard (the zone's Overview, right column). Applying to Cloudflare fails until it is filled in.`,
      }),
    );
  }
  return out;
}
