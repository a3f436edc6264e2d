/**
 * The "subdomain is live" comment posted on a merged pull request after apply: per request the URL,
 * the hosting and the records now in the zone; removed requests are listed as taken down.
 * Pure string building from the desired state.
 */

import { markdownCodeCell } from "../escape.ts";
import type { DesiredRecord, DesiredState, PagesSite, TunnelIngress } from "../infra/desired-state.ts";
import { formatRdata } from "../infra/desired-state.ts";
import type { HostingJenis } from "../types.ts";

/** Hidden marker the bot finds its own notice by (one per pull request, updated on re-runs). */
export const NOTIFY_MARKER = "<!-- domainops:notify -->";

export interface LiveRequest {
  subdomain: string;
  hosting: HostingJenis;
}

export interface NotifyInput {
  state: DesiredState;
  /** Requests the pull request added or changed, as they stand after the merge. */
  live: readonly LiveRequest[];
  /** Subdomains whose request file the pull request deleted (or renamed away). */
  removed: readonly string[];
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
