/**
 * Renderers of the desired state (`plan`) and of a diff (`diff`, the pull-request comment): text
 * for terminals, Markdown for GitHub, JSON for machines. Pure string building.
 */

import { markdownCodeCell, markdownText } from "../escape.ts";
import type { HostingServerKind } from "../hosting/servers.ts";
import type { DesiredAccount, DesiredRecord, DesiredState } from "./desired-state.ts";
import { formatRdata } from "./desired-state.ts";
import {
  type AccountChange,
  type ChangeKind,
  type HostingChange,
  isEmptyDiff,
  type RecordChange,
  type StateDiff,
} from "./diff.ts";

export type PlanFormat = "text" | "json" | "markdown";
export const PLAN_FORMATS: readonly PlanFormat[] = ["text", "json", "markdown"];

const TEXT_CONTENT_MAX = 60;

function ttlText(ttl: number): string {
  return ttl === 1 ? "auto" : String(ttl);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Free text in a Markdown table cell or list item (request names, hosting changes). */
const cell = markdownText;
/** A name or record value, literally, in a code span that works inside a table. */
const code = markdownCodeCell;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    row
      .map((value, i) => (i === row.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** Heading and the bilingual summary, Bahasa Indonesia first. */
function markdownHead(title: string, zone: string, summary: { id: string; en: string }): string[] {
  return [`### ${title}: \`${zone}\``, "", summary.id, "", `_${summary.en}_`, ""];
}

function recordRow(record: DesiredRecord): string[] {
  return [
    record.name,
    record.type,
    clip(formatRdata(record), TEXT_CONTENT_MAX),
    record.proxied ? "yes" : "no",
    ttlText(record.ttl),
    record.request,
  ];
}

function summaryLine(state: DesiredState): { id: string; en: string } {
  const ingress = state.tunnel ? state.tunnel.ingress.length - 1 : 0;
  return {
    id: `Zona ${state.zone}: ${state.records.length} rekaman DNS, ${ingress} aturan tunnel, ${state.pages.length} situs Pages, ${state.accounts.length} akun hosting.`,
    en: `Zone ${state.zone}: ${state.records.length} DNS records, ${ingress} tunnel rules, ${state.pages.length} Pages sites, ${state.accounts.length} hosting accounts.`,
  };
}

function planJson(state: DesiredState): string {
  return `${JSON.stringify(
    {
      zone: state.zone,
      records: state.records.map((r) => ({
        key: r.key,
        name: r.name,
        type: r.type,
        content: r.content,
        ttl: r.ttl,
        proxied: r.proxied,
        priority: r.priority,
        data: r.data,
        comment: r.comment,
        request: r.request,
      })),
      tunnel: state.tunnel,
      pages: state.pages,
      accounts: state.accounts,
    },
    null,
    2,
  )}\n`;
}

/** How the contact reaches the account on each kind of server. */
const ACCESS: Readonly<Record<HostingServerKind, string>> = { linux: "SFTP", whm: "cPanel" };

/**
 * Who logs in: the contact's GitHub keys are the only way into an account, so a reviewer sees whose
 * keys a change lets in, or that nobody can log in.
 */
function accessText(account: DesiredAccount): string {
  return account.contact === null
    ? "tanpa kontak (no contact)"
    : `${ACCESS[account.serverKind]} @${account.contact}`;
}

/**
 * `web1 do-dinkes sedang (disk 5120 MiB, PHP 8.2 ×10, 256 MiB, database), SFTP @budi`: what apply will
 * make. Markdown shows it in a code span, so a login cannot mention anyone there.
 */
function accountText(account: DesiredAccount): string {
  const { diskQuotaMb, phpMaxChildren, phpMemoryLimitMb } = account.limits;
  const php = account.php === null ? "PHP" : `PHP ${account.php}`;
  const database = account.database ? ", database" : "";
  return `${account.server} ${account.user} ${account.package} (disk ${diskQuotaMb} MiB, ${php} ×${phpMaxChildren}, ${phpMemoryLimitMb} MiB${database}), ${accessText(account)}`;
}

const ACCOUNTS_TITLE = "Akun hosting (hosting accounts)";

export function renderPlan(state: DesiredState, format: PlanFormat): string {
  if (format === "json") return planJson(state);
  const summary = summaryLine(state);
  const header = ["NAME", "TYPE", "CONTENT", "PROXIED", "TTL", "REQUEST"];
  const rows = state.records.map(recordRow);
  const ingress = state.tunnel?.ingress ?? [];
  if (format === "markdown") {
    const lines = markdownHead("Rencana DNS (DNS plan)", state.zone, summary);
    lines.push(`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`);
    for (const r of state.records) {
      lines.push(
        `| ${code(r.name)} | ${r.type} | ${code(formatRdata(r))} | ${r.proxied ? "yes" : "no"} | ${ttlText(r.ttl)} | ${cell(r.request)} |`,
      );
    }
    if (ingress.length > 1) {
      lines.push("", "**Tunnel ingress**", "");
      for (const rule of ingress) lines.push(`- ${code(rule.hostname ?? "*")} → ${code(rule.service)}`);
    }
    if (state.pages.length > 0) {
      lines.push("", "**Cloudflare Pages**", "");
      for (const site of state.pages)
        lines.push(`- ${code(site.domain)} → ${code(site.project)} (${cell(site.branch)})`);
    }
    if (state.accounts.length > 0) {
      lines.push("", `**${ACCOUNTS_TITLE}**`, "");
      for (const account of state.accounts)
        lines.push(`- ${code(account.fqdn)} → ${code(accountText(account))}`);
    }
    return `${lines.join("\n")}\n`;
  }
  const lines = [`${summary.id}`, `(${summary.en})`, "", table(header, rows)];
  if (ingress.length > 1 && state.tunnel) {
    lines.push("", `Tunnel ${state.tunnel.tunnelId} ingress:`);
    for (const rule of ingress) lines.push(`  ${rule.hostname ?? "*"} -> ${rule.service}`);
  }
  if (state.pages.length > 0) {
    lines.push("", "Cloudflare Pages:");
    for (const site of state.pages) lines.push(`  ${site.domain} -> ${site.project} (${site.branch})`);
  }
  if (state.accounts.length > 0) {
    lines.push("", `${ACCOUNTS_TITLE}:`);
    for (const account of state.accounts) lines.push(`  ${account.fqdn} -> ${accountText(account)}`);
  }
  return `${lines.join("\n")}\n`;
}

const KIND_MARK: Record<ChangeKind, string> = { add: "+", update: "~", replace: "!", remove: "-" };
/**
 * An update keeps the record (Cloudflare changes it in place, no gap); a replacement deletes it first
 * (see `identity.ts`), so the words say which of the two Pulumi will do.
 */
const KIND_WORD: Record<ChangeKind, string> = {
  add: "ditambah (added)",
  update: "DIUBAH (UPDATED)",
  replace: "DIGANTI (REPLACED)",
  remove: "DIHAPUS (REMOVED)",
};
const KIND_EMOJI: Record<ChangeKind, string> = { add: "🟢", update: "🟡", replace: "🟠", remove: "🔴" };

function recordText(record: DesiredRecord): string {
  const flags = `${record.proxied ? "proxied, " : ""}ttl ${ttlText(record.ttl)}`;
  return `${record.type} ${formatRdata(record)} (${flags})`;
}

/** Why a record that did not change itself is replaced: the first record at its name is. */
const REPLACED_WITH_ANCHOR = {
  id: "diganti bersama rekaman pertama di nama ini",
  en: "replaced with the first record at this name",
};

function changeReason(change: RecordChange): string {
  return change.fields.length > 0
    ? change.fields.join(", ")
    : `${REPLACED_WITH_ANCHOR.id} (${REPLACED_WITH_ANCHOR.en})`;
}

function recordChangeText(change: RecordChange): string {
  const record = (change.after ?? change.before) as DesiredRecord;
  if (change.kind === "add" || change.kind === "remove") return recordText(record);
  const before = change.before as DesiredRecord;
  const after = change.after as DesiredRecord;
  if (change.fields.length === 0) return `${recordText(after)} [${changeReason(change)}]`;
  return `${recordText(before)} → ${recordText(after)} [${changeReason(change)}]`;
}

function hostingText(change: HostingChange): string {
  const what = change.resource === "pages" ? "Pages" : "Tunnel";
  if (change.kind === "add") return `${what} ${change.name} → ${change.after}`;
  if (change.kind === "remove") return `${what} ${change.name} (${change.before})`;
  return `${what} ${change.name}: ${change.before} → ${change.after}`;
}

/** Words of an account change; a removed account's files and database are kept as an archive. */
const ACCOUNT_WORD: Record<AccountChange["kind"], string> = {
  add: "dibuat (created)",
  update: "DIUBAH (CHANGED)",
  remove: "DIARSIPKAN LALU DIHAPUS (ARCHIVED THEN REMOVED)",
};

function accountChangeText(change: AccountChange): string {
  if (change.after === null) return `${change.fqdn} ${accountText(change.before as DesiredAccount)}`;
  if (change.before === null) return `${change.fqdn} ${accountText(change.after)}`;
  return `${change.fqdn} ${accountText(change.before)} → ${accountText(change.after)} [${change.fields.join(", ")}]`;
}

function hasRemovals(diff: StateDiff): boolean {
  return (
    diff.counts.remove + diff.counts.replace > 0 ||
    diff.hosting.some((h) => h.kind === "remove") ||
    diff.accounts.some((a) => a.kind === "remove")
  );
}

function diffSummary(diff: StateDiff): { id: string; en: string } {
  const c = diff.counts;
  return {
    id: `Zona ${diff.zone}: ${c.add} ditambah, ${c.update} diubah di tempat, ${c.replace} diganti (hapus dulu), ${c.remove} dihapus dari ${diff.baseRecords} rekaman; ${diff.hosting.length} perubahan hosting; ${diff.accounts.length} perubahan akun hosting.`,
    en: `Zone ${diff.zone}: ${c.add} added, ${c.update} updated in place, ${c.replace} replaced (deleted first), ${c.remove} removed of ${diff.baseRecords} records; ${diff.hosting.length} hosting changes; ${diff.accounts.length} hosting account changes.`,
  };
}

const RISK_NOTE = {
  id: "Penghapusan dan penggantian memutus nama yang sedang dipakai; pastikan disengaja.",
  en: "Removals and replacements take down names in use; make sure they are intended.",
};

export function renderDiffMarkdown(diff: StateDiff): string {
  const summary = diffSummary(diff);
  const lines = markdownHead("Perubahan DNS (DNS changes)", diff.zone, summary);
  if (isEmptyDiff(diff)) {
    lines.push("Tidak ada perubahan pada zona (no change to the zone).");
    return `${lines.join("\n")}\n`;
  }
  if (hasRemovals(diff)) {
    lines.push("> [!WARNING]", `> ${RISK_NOTE.id}`, `> _${RISK_NOTE.en}_`, "");
  }
  if (diff.records.length > 0) {
    lines.push(
      "| | Nama (name) | Sebelum (before) | Sesudah (after) | Permohonan (request) |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const change of diff.records) {
      const record = (change.after ?? change.before) as DesiredRecord;
      const before = change.before ? code(recordText(change.before)) : "";
      const after = change.after
        ? `${code(recordText(change.after))}${change.kind === "replace" && change.fields.length === 0 ? ` (${cell(changeReason(change))})` : ""}`
        : "";
      const label =
        change.kind === "remove" || change.kind === "replace"
          ? `**${KIND_WORD[change.kind]}**`
          : KIND_WORD[change.kind];
      lines.push(
        `| ${KIND_EMOJI[change.kind]} ${label} | ${code(record.name)} | ${before} | ${after} | ${cell(record.request)} |`,
      );
    }
  }
  if (diff.hosting.length > 0) {
    lines.push("", "**Hosting**", "");
    for (const change of diff.hosting) {
      const word = change.kind === "remove" ? `**${KIND_WORD.remove}**` : KIND_WORD[change.kind];
      lines.push(`- ${KIND_EMOJI[change.kind]} ${word}: ${cell(hostingText(change))}`);
    }
  }
  if (diff.accounts.length > 0) {
    lines.push("", `**${ACCOUNTS_TITLE}**`, "");
    for (const change of diff.accounts) {
      const word = change.kind === "remove" ? `**${ACCOUNT_WORD.remove}**` : ACCOUNT_WORD[change.kind];
      lines.push(`- ${KIND_EMOJI[change.kind]} ${word}: ${code(accountChangeText(change))}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export function renderDiff(diff: StateDiff, format: PlanFormat): string {
  if (format === "json") return `${JSON.stringify(diff, null, 2)}\n`;
  if (format === "markdown") return renderDiffMarkdown(diff);
  const summary = diffSummary(diff);
  const lines = [summary.id, `(${summary.en})`];
  if (isEmptyDiff(diff)) {
    lines.push("Tidak ada perubahan (no changes).");
    return `${lines.join("\n")}\n`;
  }
  if (hasRemovals(diff)) lines.push(`!! ${RISK_NOTE.id} (${RISK_NOTE.en})`);
  lines.push("");
  for (const change of diff.records) {
    const record = (change.after ?? change.before) as DesiredRecord;
    const loud =
      change.kind === "remove" || change.kind === "replace" ? `  <<< ${KIND_WORD[change.kind]}` : "";
    lines.push(`${KIND_MARK[change.kind]} ${record.name} ${recordChangeText(change)}${loud}`);
  }
  for (const change of diff.hosting) {
    const loud = change.kind === "remove" ? `  <<< ${KIND_WORD.remove}` : "";
    lines.push(`${KIND_MARK[change.kind]} ${hostingText(change)}${loud}`);
  }
  for (const change of diff.accounts) {
    const loud = change.kind === "remove" ? `  <<< ${ACCOUNT_WORD.remove}` : "";
    lines.push(`${KIND_MARK[change.kind]} ${ACCOUNTS_TITLE}: ${accountChangeText(change)}${loud}`);
  }
  return `${lines.join("\n")}\n`;
}
