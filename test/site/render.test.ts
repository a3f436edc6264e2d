import { describe, expect, it } from "vitest";
import { buildSiteModel, type SiteInput } from "../../src/core/site/model.ts";
import { renderSite, renderSitePage, requestFormUrl } from "../../src/core/site/render.ts";
import { HOSTILE, loaded, saved } from "./helpers.ts";

const NOW = new Date("2026-12-01T10:00:00Z");

function model(extra: Partial<SiteInput> = {}) {
  return buildSiteModel({
    zone: "kuduskab.go.id",
    timeZone: "Asia/Jakarta",
    repo: "kab-kudus/domain",
    requests: [
      loaded("dinkes", { nama: `${HOSTILE.script} ${HOSTILE.bidi}`, nomor: HOSTILE.img }),
      loaded("gebog.kec", { jenis: "kecamatan", hosting: "static" }),
    ],
    diagnostics: [],
    pulls: [saved(40, { title: `${HOSTILE.script}${HOSTILE.img}` })],
    now: NOW,
    ...extra,
  });
}

/** Every start tag of the page, to check that data never became markup. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z]+)[\s>]/g)].map((m) => m[1] as string);
}

describe("renderSitePage", () => {
  const id = renderSitePage(model(), "id");
  const en = renderSitePage(model(), "en");

  it("escapes every value from requests and pull request titles", () => {
    expect(id).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(id).toContain("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(id).toContain("Dinas\\u202ekes\\u202c");
    expect(id).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    // The only script element is the site's own file; no img element at all.
    expect(tags(id).filter((t) => t === "script")).toHaveLength(1);
    expect(id).toMatch(/<script src="assets\/site\.js" defer><\/script>/);
    expect(tags(id)).not.toContain("img");
  });

  it("renders every row on the server, with its filter keys", () => {
    const rows = [...id.matchAll(/<tr data-hosting="([a-z]+)" data-unit="([a-z]+)">/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([
      ["server", "dinas"],
      ["static", "kecamatan"],
    ]);
    expect(id).toContain('<th scope="row" class="sub">gebog.kec.kuduskab.go.id</th>');
    expect(id).toContain("2 subdomain terdaftar.");
    expect(id).toContain('<table id="registry" data-page="50">');
    expect(renderSitePage(model(), "id", { pageRows: 7 })).toContain('<table id="registry" data-page="7">');
  });

  it("is Bahasa Indonesia first with an English page, each with its lang and a link to the other", () => {
    expect(id).toMatch(/^<!doctype html>\n<html lang="id">/);
    expect(en).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(id).toContain('<a href="en/index.html" hreflang="en" lang="en">English</a>');
    expect(en).toContain('<a href="../index.html" hreflang="id" lang="id">Bahasa Indonesia</a>');
    expect(en).toContain('href="../assets/site.css"');
    expect(id).toContain("<caption");
    expect(en).toContain("Live subdomains");
  });

  it("has landmarks, header scopes, labelled inputs and a live region", () => {
    for (const landmark of ["<header>", "<main>", "<footer>", 'role="search"'])
      expect(id).toContain(landmark);
    const headers = [...id.matchAll(/<th(?=[\s>])( scope="(col|row)")?/g)];
    expect(headers.every((m) => m[1] !== undefined)).toBe(true);
    for (const input of id.matchAll(/<(input|select) id="([^"]+)"/g)) {
      expect(id).toContain(`<label for="${input[2]}">`);
    }
    expect(id).toMatch(
      /<p id="count" class="count" role="status" aria-live="polite" data-shown="\{shown\} dari \{total\} subdomain ditampilkan\." data-first="\{matched\} dari \{total\} subdomain cocok; \{shown\} pertama ditampilkan\.">/,
    );
    // The filter form waits for the script that makes it work.
    expect(id).toMatch(/<form id="filter"[^>]* hidden>/);
  });

  it("forbids inline script and style in its policy", () => {
    expect(id).toContain(
      `content="default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action https://github.com"`,
    );
    expect(id).not.toMatch(/<[^>]*\s(on[a-z]+|style)=/);
  });

  it("opens the office's issue form, prefilled by field id through a GET form", () => {
    expect(requestFormUrl("kab-kudus/domain")).toBe(
      "https://github.com/kab-kudus/domain/issues/new?template=permohonan.yml",
    );
    expect(id).toContain('<form action="https://github.com/kab-kudus/domain/issues/new" method="get">');
    expect(id).toContain('<input type="hidden" name="template" value="permohonan.yml">');
    expect(id).toContain('name="subdomain"');
    expect(id).toContain('name="instansi-nama"');
    expect(id).toContain("Ajukan permohonan (request a subdomain)</button>");
    expect(renderSitePage(model({ repo: undefined }), "id")).not.toContain("issues/new");
  });

  it("says pending data is unknown without pull requests, and none when there are none", () => {
    expect(renderSitePage(model({ pulls: undefined }), "id")).toContain(
      "Data permintaan tarik tidak tersedia",
    );
    expect(renderSitePage(model({ pulls: [] }), "en")).toContain("No open requests.");
    expect(id).toContain('<a href="https://github.com/kab-kudus/domain/pull/40">#40</a>');
  });
});

describe("renderSite", () => {
  it("writes both pages and the assets", () => {
    expect(renderSite(model()).map((f) => f.path)).toEqual([
      "index.html",
      "en/index.html",
      "assets/site.css",
      "assets/site.js",
    ]);
  });
});
