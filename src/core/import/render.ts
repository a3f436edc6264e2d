/**
 * The import report: JSON for machines (`{ requests, existing, notImported }`, nothing else) and a
 * bilingual text summary for people. Names and contents come from someone else's zone, so the text
 * form shows them through `logLine` (controls made visible, no workflow commands) and cuts long ones.
 */
import { logLine } from "../escape.ts";
import type { ImportPlan } from "./classify.ts";

export const IMPORT_FORMATS = ["text", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportReport {
  requests: string[];
  existing: string[];
  notImported: { name: string; type: string; content: string; reason: string }[];
}

export function buildReport(plan: ImportPlan): ImportReport {
  return {
    requests: plan.requests.map((r) => r.file),
    existing: [...plan.protect.keys()],
    notImported: plan.notImported.map(({ record, reason }) => ({
      name: record.name,
      type: record.type,
      content: record.content,
      reason: `${reason.id} (${reason.en})`,
    })),
  };
}

const SHOWN = 120;

/** One value on one line, at most `SHOWN` characters of it. */
function shown(text: string): string {
  const chars = Array.from(text);
  const cut = chars.length > SHOWN ? `${chars.slice(0, SHOWN).join("")}… (+${chars.length - SHOWN})` : text;
  return logLine(cut);
}

export function renderImportText(plan: ImportPlan, extra: { skipped?: readonly string[] } = {}): string {
  const lines: string[] = [];
  const records = plan.requests.reduce((sum, r) => sum + r.records.length, 0);
  lines.push(
    `Impor zona ${shown(plan.zone)} (import of the zone): ${records} rekaman dalam ${plan.requests.length} permohonan ` +
      `(records in requests), ${plan.notImported.length} tidak diimpor (not imported), ` +
      `${plan.apex.length} SOA/NS apeks (apex SOA/NS, kept by the zone), ${plan.protect.size} nama ke ` +
      `governance/existing.yaml (names protected).`,
  );
  if (plan.requests.length > 0) {
    lines.push("", "Permohonan ditulis (requests written):");
    for (const r of plan.requests) lines.push(`  ${shown(r.file)} (${r.records.length})`);
  }
  for (const file of extra.skipped ?? []) {
    lines.push(`  ${shown(file)}: sudah ada, tidak ditimpa (already exists, not overwritten)`);
  }
  if (plan.protect.size > 0) {
    lines.push("", "Dilindungi di governance/existing.yaml (protected in governance/existing.yaml):");
    for (const name of plan.protect.keys()) lines.push(`  ${shown(name)}`);
  }
  if (plan.adopted.length > 0) {
    lines.push(
      "",
      "Dihapus dari governance/existing.yaml, kini permohonan (moved from existing.yaml to requests):",
    );
    for (const name of plan.adopted) lines.push(`  ${shown(name)}`);
  }
  if (plan.notImported.length > 0) {
    lines.push("", "Tidak diimpor (not imported):");
    for (const { record, reason } of plan.notImported) {
      lines.push(
        `  ${shown(record.at)} ${shown(record.name)} ${shown(record.type)} ${shown(record.content)}`,
      );
      lines.push(`    ${shown(reason.id)}`);
      lines.push(`    (${shown(reason.en)})`);
    }
  }
  const drift = firstApplyChanges(plan);
  if (drift.comments + drift.tags > 0) {
    lines.push(
      "",
      `Catatan: pada \`pulumi up\` pertama ${drift.comments} rekaman kehilangan komentar Cloudflare-nya (domainops tidak memberi komentar sampai surat dilengkapi, lalu "<nama> <nomor surat>") ` +
        `dan ${drift.tags} rekaman kehilangan tag Cloudflare-nya; isi DNS tidak berubah.`,
      `Note: the first \`pulumi up\` removes the Cloudflare comment of ${drift.comments} records (domainops writes none until the letter is added, then "<name> <letter number>") ` +
        `and the Cloudflare tags of ${drift.tags}; the DNS answers do not change.`,
    );
  }
  if (plan.requests.length > 0) {
    lines.push(
      "",
      "Berikutnya: lengkapi surat dan pejabat di setiap permohonan (aturan impor-incomplete), lalu `domainops validate`.",
      "Next: complete the letter and officials of every request (rule impor-incomplete), then `domainops validate`.",
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * What the program will change at the first apply on the records adopted with `pulumi import` (those
 * with a Cloudflare id): it writes no comment while the letter is missing (so a comment Cloudflare
 * holds is removed) and sets no tags. Records from a zone file have no id: they are created.
 */
export function firstApplyChanges(plan: ImportPlan): { comments: number; tags: number } {
  let comments = 0;
  let tags = 0;
  for (const request of plan.requests) {
    for (const record of request.records) {
      if (record.id === null) continue;
      if (record.comment !== null) comments++;
      if (record.tags.length > 0) tags++;
    }
  }
  return { comments, tags };
}
