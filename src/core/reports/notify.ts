/**
 * The "subdomain is live" comment posted on a merged pull request after apply: per request the URL,
 * the hosting, how to reach its hosting account and the records now in the zone; removed requests are
 * listed as taken down, with what became of their account. Never a secret: the unit logs in with its
 * own GitHub keys, and the database password stays on the server.
 * Pure string building from the desired state and the stack's servers.
 */

import { markdownCodeCell, markdownText } from "../escape.ts";
import { debianServerDefaults, LINUX_DOCROOT_DIR } from "../hosting/linux.ts";
import { chooseHostingServer, type HostingServer } from "../hosting/servers.ts";
import { deriveCpanelUser } from "../hosting/whm-user.ts";
import type {
  DesiredAccount,
  DesiredRecord,
  DesiredState,
  PagesSite,
  TunnelIngress,
} from "../infra/desired-state.ts";
import { formatRdata } from "../infra/desired-state.ts";
import type { HostingJenis } from "../types.ts";

/** Hidden marker the bot finds its own notice by (one per pull request, updated on re-runs). */
export const NOTIFY_MARKER = "<!-- domainops:notify -->";

export interface LiveRequest {
  subdomain: string;
  hosting: HostingJenis;
}

/** A removed request's hosting account, as its last version named it. */
export interface RemovedAccount {
  subdomain: string;
  /** The server it lived on; null when that version names none the stack still knows. */
  server: string | null;
}

export interface NotifyInput {
  state: DesiredState;
  /** The stack's hosting servers: where the accounts are reached. */
  servers: readonly HostingServer[];
  /** Requests the pull request added or changed, as they stand after the merge. */
  live: readonly LiveRequest[];
  /** Subdomains whose request file the pull request deleted (or renamed away). */
  removed: readonly string[];
  /** The removed requests that had a hosting account. */
  removedAccounts: readonly RemovedAccount[];
  sha: string;
  stack: string;
}

const HOSTING_LABEL: Record<HostingJenis, { id: string; en: string }> = {
  server: { id: "pusat data kantor", en: "office data centre" },
  tunnel: { id: "Cloudflare Tunnel ke server sendiri", en: "Cloudflare Tunnel to your own server" },
  static: { id: "situs statis Cloudflare Pages", en: "Cloudflare Pages static site" },
  eksternal: { id: "penyedia eksternal, rekaman DNS sendiri", en: "external provider, own DNS records" },
  tanpa: { id: "tanpa hosting, rekaman DNS saja", en: "no hosting, DNS records only" },
};

/** Names and values come from request files: shown literally, also inside a table. */
const codeCell = markdownCodeCell;

function recordRows(records: readonly DesiredRecord[]): string[] {
  return [
    "| Nama (name) | Tipe (type) | Isi (content) | Proxy | TTL |",
    "| --- | --- | --- | --- | --- |",
    ...records.map(
      (record) =>
        `| ${codeCell(record.name)} | ${record.type} | ${codeCell(formatRdata(record))} | ` +
        `${record.proxied ? "ya (yes)" : "tidak (no)"} | ${record.ttl === 1 ? "auto" : record.ttl} |`,
    ),
  ];
}

function sameRequest(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

/** A web address exists when something answers HTTP at the name itself. */
function hasWebAddress(
  host: string,
  records: readonly DesiredRecord[],
  pages: readonly PagesSite[],
): boolean {
  return (
    pages.length > 0 ||
    records.some(
      (record) =>
        record.name === host && (record.type === "A" || record.type === "AAAA" || record.type === "CNAME"),
    )
  );
}

/** cPanel's own TLS port for its users; WHM (the server's `port`) listens on 2087. */
export const CPANEL_PORT = 2083;

/** How the account of a live request is reached: where to upload and how to log in. */
function accountLines(account: DesiredAccount, servers: readonly HostingServer[]): string[] {
  const server = servers.find((candidate) => candidate.name === account.server);
  // `buildDesiredState` placed the account on a server of these settings.
  if (server === undefined) throw new Error(`no hosting server ${account.server}`);
  const contact = account.contact;
  const keys = contact === null ? "" : codeCell(`https://github.com/${contact}.keys`);
  const login = contact === null ? "" : markdownText(`@${contact}`);
  const nobody =
    "- ⚠️ Belum ada yang dapat masuk: tetapkan `pengelola_teknis.github`, akun GitHub yang memiliki kunci SSH publik. " +
    "(Nobody can log in until a technical contact with public SSH keys on GitHub is set in `pengelola_teknis.github`.)";
  if (server.kind === "whm") {
    const user = deriveCpanelUser(account.request);
    // The request's name passed the same check (`hosting-account` rule) before it became an account.
    if (user === null) throw new Error(`no cPanel user for ${account.request}`);
    const lines = [
      `- Akun hosting (hosting account): cPanel di server ${codeCell(server.name)}, ${codeCell(`https://${server.address}:${CPANEL_PORT}`)}, pengguna cPanel (cPanel user) ${codeCell(user)}`,
    ];
    lines.push(
      contact === null
        ? nobody
        : `- Masuk (log in): kunci SSH publik akun GitHub ${login} (${keys}) dipasang sebagai kunci SSH cPanel. ` +
            `(The public SSH keys of GitHub ${login} are imported as cPanel SSH keys.)`,
    );
    return lines;
  }
  const docroot = codeCell(`/${LINUX_DOCROOT_DIR}`);
  const lines = [
    `- Akun hosting (hosting account): server ${codeCell(server.name)}, pengguna (user) ${codeCell(account.user)}`,
  ];
  if (contact === null) lines.push(nobody);
  else
    lines.push(
      `- Unggah berkas (upload files): ${codeCell(`sftp -P ${server.port} ${account.user}@${server.address}`)} ` +
        `dengan kunci SSH publik akun GitHub ${login} (${keys}), ke folder ${docroot}. ` +
        `(With the public SSH keys of GitHub ${login}, into the folder ${docroot}.)`,
    );
  if (account.database) {
    lines.push(
      "- Basis data (database): kredensialnya ada di `~/.my.cnf` akun ini, hanya dapat dibaca akun itu sendiri. " +
        "(The credentials are in the account's `~/.my.cnf`, readable only by the account.)",
    );
  }
  return lines;
}

/** What became of a removed request's account. */
function removedAccountText(removed: RemovedAccount, servers: readonly HostingServer[]): string {
  const server = servers.find((candidate) => candidate.name === removed.server);
  if (server === undefined) {
    return "akun hostingnya dihentikan, lihat log apply (its hosting account was taken down, see the apply log)";
  }
  const name = codeCell(server.name);
  if (server.kind === "whm") {
    return (
      `akun cPanel-nya di server ${name} ditangguhkan; penghapusannya menunggu cadangan server yang terkonfirmasi, lihat log apply ` +
      `(its cPanel account on server ${name} was suspended; removing it waits for a confirmed server backup, see the apply log)`
    );
  }
  const folder = codeCell(debianServerDefaults.backupDir);
  return (
    `akun hostingnya ditangguhkan, diarsipkan (web root dan dump database) di server ${name} dalam folder ${folder}, lalu dihapus ` +
    `(its hosting account was suspended, archived (web root and database dump) on server ${name} under ${folder}, then removed)`
  );
}

/**
 * The server a removed request's account lived on, from that request's last version (safely parsed
 * YAML, unchecked): null when it had no account. Its server is chosen as `buildDesiredState` does.
 */
export function removedAccountOf(
  subdomain: string,
  data: unknown,
  servers: readonly HostingServer[],
): RemovedAccount | null {
  const hosting = isObject(data) ? data.hosting : undefined;
  if (!isObject(hosting) || hosting.jenis !== "server" || !isObject(hosting.akun)) return null;
  const named = hosting.akun.server;
  const choice = chooseHostingServer(servers, typeof named === "string" ? named : undefined);
  return { subdomain, server: choice.ok ? choice.server.name : null };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requestSection(input: NotifyInput, request: LiveRequest): string[] {
  const { state } = input;
  const host = `${request.subdomain.toLowerCase()}.${state.zone}`;
  const records = state.records.filter((record) => sameRequest(record.request, request.subdomain));
  const pages = state.pages.filter((site) => sameRequest(site.request, request.subdomain));
  const ingress: TunnelIngress[] = (state.tunnel?.ingress ?? []).filter((rule) =>
    sameRequest(rule.request, request.subdomain),
  );
  const label = HOSTING_LABEL[request.hosting];
  const lines = [`#### ${codeCell(host)}`, ""];
  if (hasWebAddress(host, records, pages)) lines.push(`- URL: https://${host}`);
  lines.push(`- Hosting: \`${request.hosting}\` — ${label.id} (${label.en})`);
  for (const site of pages) {
    lines.push(
      `- Cloudflare Pages: proyek (project) ${codeCell(site.project)}, cabang produksi (production branch) ${codeCell(site.branch)}`,
    );
  }
  for (const rule of ingress) {
    lines.push(`- Tunnel: ${codeCell(rule.hostname ?? host)} → ${codeCell(rule.service)}`);
  }
  for (const account of state.accounts) {
    if (sameRequest(account.request, request.subdomain)) lines.push(...accountLines(account, input.servers));
  }
  // The universal certificate covers one level below the zone only (DOMAIN.md, Cloudflare).
  if (request.subdomain.includes(".") && hasWebAddress(host, records, pages)) {
    lines.push(
      "- ⚠️ Nama ini lebih dari satu tingkat di bawah zona; sertifikat universal Cloudflare tidak mencakupnya, " +
        "HTTPS memerlukan sertifikat tambahan. (This name is more than one level below the zone; " +
        "Cloudflare's universal certificate does not cover it, HTTPS needs an extra certificate.)",
    );
  }
  lines.push("");
  if (records.length === 0) {
    lines.push("Tidak ada rekaman DNS untuk permohonan ini. (No DNS records for this request.)");
  } else {
    lines.push(...recordRows(records));
  }
  lines.push("");
  return lines;
}

export function renderNotifyComment(input: NotifyInput): string {
  const short = input.sha.slice(0, 7);
  const lines = [NOTIFY_MARKER, ""];
  if (input.live.length > 0) {
    lines.push(
      "### ✅ Subdomain sudah aktif (subdomain is live)",
      "",
      `Permohonan dalam pull request ini sudah diterapkan ke zona \`${input.state.zone}\` ` +
        `(stack \`${input.stack}\`, commit \`${short}\`).`,
      `The requests in this pull request are applied to the zone \`${input.state.zone}\` ` +
        `(stack \`${input.stack}\`, commit \`${short}\`).`,
      "",
    );
    for (const request of input.live) lines.push(...requestSection(input, request));
    lines.push(
      "Perubahan DNS biasanya terlihat dalam beberapa menit; cache resolver lama dapat menunda hingga TTL-nya habis.",
      "DNS changes usually show within minutes; old resolver caches may delay it until their TTL runs out.",
      "",
    );
  }
  if (input.removed.length > 0) {
    lines.push("### 🗑️ Dihapus dari zona (removed from the zone)", "");
    for (const subdomain of input.removed) {
      lines.push(
        `- ${codeCell(`${subdomain.toLowerCase()}.${input.state.zone}`)}: rekaman DNS dan hosting-nya sudah dihapus ` +
          "(its DNS records and hosting were removed)",
      );
      for (const account of input.removedAccounts) {
        if (sameRequest(account.subdomain, subdomain))
          lines.push(`  - ${removedAccountText(account, input.servers)}`);
      }
    }
    lines.push("");
  }
  if (input.live.length === 0 && input.removed.length === 0) {
    lines.push(
      `Commit \`${short}\` sudah diterapkan; pull request ini tidak mengubah berkas permohonan. ` +
        `(Commit \`${short}\` is applied; this pull request changed no request file.)`,
      "",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
