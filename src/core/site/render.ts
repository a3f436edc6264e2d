/**
 * The registry site as files: `index.html` in Bahasa Indonesia, `en/index.html` in English (plain
 * links between them, so the language choice works without JavaScript), and `assets/`. Every row is
 * rendered here; the script only hides rows. Every value from a request or a pull request passes
 * `escapeHtml`.
 */
import { SITE_CSS, SITE_JS } from "./assets.ts";
import { escapeHtml } from "./html.ts";
import type { LiveEntry, PendingEntry, ReportRow, SiteModel } from "./model.ts";
import { HOSTING_LABELS, type SiteLang, UNIT_LABELS, type WORDS, word } from "./text.ts";

export interface SiteFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string;
}

/** The issue form the request button opens (built in the office repository's `.github/ISSUE_TEMPLATE`). */
export const REQUEST_TEMPLATE = "permohonan.yml";

/**
 * No inline script or style, no plugins, no frames; the only form posts to GitHub. `img-src` stays
 * closed: the site has no images, so an injected `<img onerror>` could not load anything either.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action https://github.com";

function t(lang: SiteLang, key: keyof typeof WORDS, slots: Record<string, string | number> = {}): string {
  return escapeHtml(word(key, lang, slots));
}

function liveRow(entry: LiveEntry, lang: SiteLang): string {
  const letter = entry.letter
    ? `${escapeHtml(entry.letter.nomor)}<br><span class="note">${escapeHtml(entry.letter.tanggal)}</span>`
    : `<span class="note">${t(lang, "noLetter")}</span>`;
  const since =
    entry.since === undefined
      ? "-"
      : entry.sinceFrom === "letter"
        ? `${escapeHtml(entry.since)} <span class="note">${t(lang, "sinceLetter")}</span>`
        : escapeHtml(entry.since);
  return (
    `<tr data-hosting="${escapeHtml(entry.hosting)}" data-unit="${escapeHtml(entry.unitKind)}">` +
    `<th scope="row" class="sub">${escapeHtml(entry.fqdn)}</th>` +
    `<td>${escapeHtml(entry.unit)}<br><span class="note">${escapeHtml(UNIT_LABELS[entry.unitKind][lang])}</span></td>` +
    `<td>${escapeHtml(HOSTING_LABELS[entry.hosting][lang])}</td>` +
    `<td>${letter}</td>` +
    `<td>${since}</td></tr>`
  );
}

function options(values: readonly string[], label: (value: string) => string, lang: SiteLang): string {
  return [`<option value="">${t(lang, "all")}</option>`]
    .concat(values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(label(v))}</option>`))
    .join("");
}

function filters(model: SiteModel, lang: SiteLang): string {
  const hosting = options(
    model.hostingKinds,
    (v) => HOSTING_LABELS[v as keyof typeof HOSTING_LABELS][lang],
    lang,
  );
  const units = options(model.unitKinds, (v) => UNIT_LABELS[v as keyof typeof UNIT_LABELS][lang], lang);
  // Hidden until the script runs: without it the controls would do nothing.
  return `<form id="filter" class="filters" role="search" aria-label="${t(lang, "filterHeading")}" hidden>
<label for="q">${t(lang, "search")}<input id="q" name="q" type="search" autocomplete="off" spellcheck="false"></label>
<label for="hosting">${t(lang, "hostingFilter")}<select id="hosting" name="hosting">${hosting}</select></label>
<label for="unit">${t(lang, "unitFilter")}<select id="unit" name="unit">${units}</select></label>
</form>`;
}

function pendingTime(entry: PendingEntry, lang: SiteLang): string {
  const step = entry.step;
  if (step === undefined) return "-";
  const standard = step.standard === undefined ? t(lang, "noStandard") : escapeHtml(step.standard[lang]);
  const over = step.overStandard ? ` <span class="over">(${t(lang, "overStandard")})</span>` : "";
  return `${escapeHtml(step.elapsed[lang])} / ${standard}${over}`;
}

function pendingStep(entry: PendingEntry, lang: SiteLang): string {
  switch (entry.status) {
    case "returned":
      return t(lang, "returned");
    case "approved":
      return t(lang, "allApproved");
    case "waiting":
      return entry.step === undefined
        ? "-"
        : `${escapeHtml(entry.step.label)}<br><span class="note">${escapeHtml(entry.step.pelaksana)}</span>`;
    default:
      return unreachable(entry.status);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled pending status ${String(value)}`);
}

function pendingSection(model: SiteModel, lang: SiteLang): string {
  const heading = `<h2 id="pending-heading">${t(lang, "pendingHeading")}</h2>`;
  const pending = model.pending;
  if (pending === undefined)
    return `<section aria-labelledby="pending-heading">${heading}<p>${t(lang, "pendingUnknown")}</p></section>`;
  if (pending.length === 0)
    return `<section aria-labelledby="pending-heading">${heading}<p>${t(lang, "pendingNone")}</p></section>`;
  const rows = pending.map((entry) => {
    const number = `#${entry.number}`;
    const link =
      model.repo === undefined
        ? number
        : `<a href="https://github.com/${escapeHtml(model.repo)}/pull/${entry.number}">${number}</a>`;
    return (
      `<tr><td>${link} ${escapeHtml(entry.title)}<br><span class="note">${escapeHtml(entry.opened)}</span></td>` +
      `<th scope="row" class="sub">${entry.subdomains.map((s) => escapeHtml(`${s}.${model.zone}`)).join("<br>")}</th>` +
      `<td>${pendingStep(entry, lang)}</td><td>${pendingTime(entry, lang)}</td></tr>`
    );
  });
  return `<section aria-labelledby="pending-heading">${heading}
<div class="table-wrap" role="region" aria-labelledby="pending-caption" tabindex="0">
<table id="pending"><caption id="pending-caption">${t(lang, "pendingCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "colRequest")}</th><th scope="col">${t(lang, "colSubdomain")}</th><th scope="col">${t(lang, "colStep")}</th><th scope="col">${t(lang, "colTime")}</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div></section>`;
}

/** The GitHub issue form, prefilled through query parameters named by the form's field ids. */
function reportCell(row: ReportRow, lang: SiteLang): string {
  const standard = row.standard === null ? t(lang, "noStandard") : escapeHtml(row.standard[lang]);
  return `<td>${row.count}</td><td>${escapeHtml(row.median[lang])}</td><td>${escapeHtml(row.p90[lang])}</td><td>${standard}</td><td>${row.over}</td>`;
}

/** This month's service report: counts, then working time per SOP step against its standard. */
function reportSection(model: SiteModel, lang: SiteLang): string {
  const report = model.report;
  if (report === undefined) return "";
  const asOf = escapeHtml(report.asOf.slice(0, 16).replace("T", " "));
  const rows = report.steps.map(
    (row) => `<tr><th scope="row">${escapeHtml(row.label)}</th>${reportCell(row, lang)}</tr>`,
  );
  rows.push(
    `<tr class="total"><th scope="row">${t(lang, "reportTotal")}</th>${reportCell(report.total, lang)}</tr>`,
  );
  return `<section aria-labelledby="report-heading">
<h2 id="report-heading">${t(lang, "reportHeading", { month: escapeHtml(report.month) })}</h2>
<p>${t(lang, "reportSummary", { received: report.received, completed: report.completed, returned: report.returned, open: report.open, asOf: `${asOf} UTC` })}</p>
<div class="table-wrap" role="region" aria-labelledby="report-caption" tabindex="0">
<table id="report"><caption id="report-caption">${t(lang, "reportCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "colReportStep")}</th><th scope="col">${t(lang, "colCount")}</th><th scope="col">${t(lang, "colMedian")}</th><th scope="col">${t(lang, "colP90")}</th><th scope="col">${t(lang, "colStandard")}</th><th scope="col">${t(lang, "colOver")}</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
</section>`;
}

export function requestFormUrl(repo: string): string {
  return `https://github.com/${repo}/issues/new?template=${REQUEST_TEMPLATE}`;
}

function applySection(model: SiteModel, lang: SiteLang): string {
  if (model.repo === undefined) return "";
  // A GET form: the browser itself writes `?template=…&subdomain=…&instansi-nama=…`, no script.
  return `<section class="apply" aria-labelledby="apply-heading">
<h2 id="apply-heading">${t(lang, "applyHeading")}</h2>
<p>${t(lang, "applyIntro")}</p>
<form action="https://github.com/${escapeHtml(model.repo)}/issues/new" method="get">
<input type="hidden" name="template" value="${REQUEST_TEMPLATE}">
<label for="apply-subdomain">${t(lang, "applySubdomain")}<input id="apply-subdomain" name="subdomain" type="text" autocomplete="off" spellcheck="false"></label>
<label for="apply-unit">${t(lang, "applyUnit")}<input id="apply-unit" name="instansi-nama" type="text" autocomplete="organization"></label>
<button type="submit">${t(lang, "applyButton")}</button>
</form></section>`;
}

function formatBuilt(model: SiteModel): string {
  // The office's own clock: Indonesia keeps no daylight saving, so the offset is fixed.
  const time = new Intl.DateTimeFormat("sv-SE", {
    timeZone: model.timeZone,
    dateStyle: "short",
    timeStyle: "short",
  }).format(new Date(model.builtAt));
  return time;
}

export interface RenderOptions {
  /** How many matching rows the script shows at once (`PAGE_ROWS`). */
  pageRows?: number;
}

/**
 * Matching rows the script shows at once (a button shows the rest): a few screens, few enough that a
 * keystroke inserts and removes at most twice this many rows, under 100 ms on 15,000 rows even on a
 * busy machine.
 */
export const PAGE_ROWS = 50;

export function renderSitePage(model: SiteModel, lang: SiteLang, options: RenderOptions = {}): string {
  const base = lang === "id" ? "" : "../";
  const other: SiteLang = lang === "id" ? "en" : "id";
  const otherHref = lang === "id" ? "en/index.html" : "../index.html";
  const total = model.live.length;
  const rows = model.live.map((entry) => liveRow(entry, lang)).join("\n");
  const zone = model.zone;
  const source =
    model.repo === undefined
      ? ""
      : ` <a href="https://github.com/${escapeHtml(model.repo)}">${t(lang, "source")}</a>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${t(lang, "title", { zone })}</title>
<link rel="stylesheet" href="${base}assets/site.css">
<link rel="alternate" hreflang="${other}" href="${otherHref}">
<script src="${base}assets/site.js" defer></script>
</head>
<body>
<a class="skip" href="#live-heading">${t(lang, "skip")}</a>
<header>
<nav aria-label="${lang === "id" ? "Bahasa" : "Language"}"><a href="${otherHref}" hreflang="${other}" lang="${other}">${t(other, "langName")}</a></nav>
<h1>${t(lang, "title", { zone })}</h1>
<p>${t(lang, "intro", { zone })}</p>
</header>
<main>
<section aria-labelledby="live-heading">
<h2 id="live-heading" tabindex="-1">${t(lang, "liveHeading")}</h2>
${filters(model, lang)}
<p id="count" class="count" role="status" aria-live="polite" data-shown="${t(lang, "countShown")}" data-first="${t(lang, "countFirst")}">${t(lang, "countAll", { total })}</p>
<div class="table-wrap" role="region" aria-labelledby="registry-caption" tabindex="0">
<table id="registry" data-page="${options.pageRows ?? PAGE_ROWS}"><caption id="registry-caption">${t(lang, "liveCaption", { zone })}</caption>
<thead><tr><th scope="col">${t(lang, "colSubdomain")}</th><th scope="col">${t(lang, "colUnit")}</th><th scope="col">${t(lang, "colHosting")}</th><th scope="col">${t(lang, "colLetter")}</th><th scope="col">${t(lang, "colSince")}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<button type="button" id="show-all" class="more" hidden>${t(lang, "showAll")}</button>
</section>
${pendingSection(model, lang)}
${reportSection(model, lang)}
${applySection(model, lang)}
</main>
<footer><p>${t(lang, "generated", { time: formatBuilt(model), zone: model.timeZone })}${source}</p></footer>
</body>
</html>
`;
}

export function renderSite(model: SiteModel, options: RenderOptions = {}): SiteFile[] {
  return [
    { path: "index.html", content: renderSitePage(model, "id", options) },
    { path: "en/index.html", content: renderSitePage(model, "en", options) },
    { path: "assets/site.css", content: SITE_CSS },
    { path: "assets/site.js", content: SITE_JS },
  ];
}
