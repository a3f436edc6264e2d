/**
 * Rules on requests made by `domainops import` from an office's existing zone. Such a request keeps
 * the records that were already live, but nobody has yet attached the unit's letter or named its
 * officials: the `impor` block lets it pass the schema without them, and these rules keep the gap
 * visible (as warnings, so the zone can be managed from the first day) until it is closed.
 */
import type { Finding, Rule } from "../rule.ts";
import { msg, q } from "./util.ts";

const BLOCKS = [
  {
    key: "surat",
    fields: "nomor, tanggal, perihal",
    id: "surat permohonan instansi",
    en: "the unit's request letter",
  },
  {
    key: "penanggung_jawab",
    fields: "nama, nip, jabatan, email",
    id: "pejabat penanggung jawab",
    en: "the responsible official",
  },
  {
    key: "pengelola_teknis",
    fields: "nama, email, github",
    id: "pengelola teknis",
    en: "the technical admin",
  },
] as const;

export const imporIncomplete: Rule = {
  id: "impor-incomplete",
  severity: "warning",
  summary: msg(
    "Permohonan hasil impor (`impor`) yang belum memuat `surat`, `penanggung_jawab` atau `pengelola_teknis`: lengkapi dari surat instansi pemilik nama.",
    "An imported request (`impor`) that lacks `surat`, `penanggung_jawab` or `pengelola_teknis`: complete them from the letter of the unit owning the name.",
  ),
  check(ctx) {
    const r = ctx.request;
    if (r.impor === undefined) return [];
    const findings: Finding[] = [];
    for (const block of BLOCKS) {
      if (r[block.key] !== undefined) continue;
      findings.push({
        path: ["impor"],
        part: "key",
        message: msg(
          `${q(r.subdomain)} diimpor dari zona yang ada (${r.impor.sumber}, ${r.impor.tanggal}) dan belum memuat ${block.key} (${block.id}); tambahkan ${block.key}: { ${block.fields} } dari surat instansi pemilik nama, lalu hapus blok impor bila semuanya lengkap`,
          `${q(r.subdomain)} was imported from the existing zone (${r.impor.sumber}, ${r.impor.tanggal}) and has no ${block.key} (${block.en}) yet; add ${block.key}: { ${block.fields} } from the letter of the unit owning the name, then remove the impor block once everything is complete`,
        ),
      });
    }
    return findings;
  },
};

export const imporMarkerStale: Rule = {
  id: "impor-marker-stale",
  severity: "warning",
  summary: msg(
    "Permohonan hasil impor yang sudah lengkap tidak lagi memerlukan blok `impor`.",
    "An imported request that is complete no longer needs its `impor` block.",
  ),
  check(ctx) {
    const r = ctx.request;
    if (r.impor === undefined || BLOCKS.some((block) => r[block.key] === undefined)) return [];
    return [
      {
        path: ["impor"],
        part: "key",
        message: msg(
          `${q(r.subdomain)} sudah memuat surat dan para pejabatnya; hapus blok impor agar permohonan ini diperiksa seperti permohonan lain`,
          `${q(r.subdomain)} now has its letter and officials; remove the impor block so this request is checked like any other`,
        ),
      },
    ];
  },
};

export const imporRules: readonly Rule[] = [imporIncomplete, imporMarkerStale];
