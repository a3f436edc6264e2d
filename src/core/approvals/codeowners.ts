/**
 * `.github/CODEOWNERS` derived from governance data, so that GitHub's own review requirement agrees
 * with the custom `domainops/sop` check: platform admins own everything (governance, code,
 * workflows), officials co-own `requests/`. CODEOWNERS cannot express order or "one per role" —
 * that is what the status check adds (DOMAIN.md, GitHub).
 */
import type { Governance } from "./governance.ts";

export const CODEOWNERS_PATH = ".github/CODEOWNERS";

function handles(logins: string[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const login of logins) {
    const key = login.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`@${login}`);
  }
  return out.join(" ");
}

export function renderCodeowners(governance: Governance): string {
  const admins = handles(governance.officials.admins.map((a) => a.login));
  // Every listed official, acting ones included: CODEOWNERS has no dates, the SOP check does.
  const officials = handles([
    ...governance.officials.admins.map((a) => a.login),
    ...governance.officials.pejabat.map((o) => o.login),
  ]);
  return [
    "# Dibuat dari governance/officials.yaml oleh `npx domainops check --fix` — jangan diubah manual.",
    "# Generated from governance/officials.yaml by `npx domainops check --fix` — do not edit by hand.",
    "# Urutan dan peran persetujuan diperiksa oleh status domainops/sop (order and roles: the domainops/sop check).",
    "",
    "# Admin platform: governance/, kode, workflow dan semua yang lain (platform admins: everything else).",
    `* ${admins}`,
    "",
    "# Permohonan: pejabat penyetuju dan admin (requests: approving officials and admins).",
    `/requests/ ${officials}`,
    "",
    "# Ditulis eksplisit, sama dengan * (explicit, same as *).",
    `/.github/ ${admins}`,
    `/governance/ ${admins}`,
    "",
  ].join("\n");
}
