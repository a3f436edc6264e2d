/**
 * Rules on `hosting`: the fields each kind needs or forbids, and what the chosen kind implies for
 * TLS on nested names.
 */

import { HOSTING_KINDS } from "../../hosting-kinds.ts";
import { derivePagesProject, isDerivedProjectShape } from "../../infra/desired-state.ts";
import { tunnelServiceProblem } from "../../infra/tunnel-origins.ts";
import type { HostingJenis } from "../../types.ts";
import type { Finding, Rule } from "../rule.ts";
import { msg, ownerName, q, records } from "./util.ts";

export const hostingServiceRequired: Rule = {
  id: "hosting-service-required",
  severity: "error",
  summary: msg(
    "`hosting.jenis: tunnel` wajib `hosting.service`: URL situs asal (http atau https) di jaringan kantor.",
    "`hosting.jenis: tunnel` needs `hosting.service`: the origin website URL (http or https) inside the office network.",
  ),
  check(ctx) {
    const h = ctx.request.hosting;
    if (h.jenis !== "tunnel" || h.service !== undefined) return [];
    return [
      {
        path: ["hosting", "jenis"],
        message: msg(
          'hosting "tunnel" butuh service: alamat server di jaringan kantor, mis. service: "http://10.10.1.20:80"',
          'hosting "tunnel" needs service: the server\'s address inside the office network, e.g. service: "http://10.10.1.20:80"',
        ),
      },
    ];
  },
};

export const hostingServiceInvalid: Rule = {
  id: "hosting-service-invalid",
  severity: "error",
  summary: msg(
    "`hosting.service` berbentuk `skema://host:port` dengan skema http atau https, tanpa path, query dan kredensial, dengan alamat di jaringan privat (bukan loopback, link-local, metadata cloud, alamat publik atau rentang khusus lain) atau nama host.",
    "`hosting.service` has the form `scheme://host:port` with scheme http or https, no path, query or credentials, and a private-network address (not loopback, link-local, cloud metadata, public or another special-purpose range) or a host name.",
  ),
  check(ctx) {
    const service = ctx.request.hosting.service;
    if (service === undefined || ctx.request.hosting.jenis !== "tunnel") return [];
    const problem = tunnelServiceProblem(service, undefined);
    if (problem === null) return [];
    return [serviceFinding(service, problem.message)];
  },
};

function serviceFinding(service: string, problem: { id: string; en: string }): Finding {
  return {
    path: ["hosting", "service"],
    message: msg(`service ${q(service)}: ${problem.id}`, `service ${q(service)}: ${problem.en}`),
  };
}

export const hostingServiceNotAllowed: Rule = {
  id: "hosting-service-not-allowed",
  severity: "error",
  summary: msg(
    "Asal tunnel (`hosting.service`) harus diizinkan oleh `domainops:tunnelOrigins` di `Pulumi.<stack>.yaml`: jaringan atau nama host, port dan skema; tanpa pengaturan itu semua ditolak. Diperiksa bila pengaturan stack tersedia, dan selalu sebelum penerapan.",
    "A tunnel origin (`hosting.service`) must be allowed by `domainops:tunnelOrigins` in `Pulumi.<stack>.yaml`: network or host name, port and scheme; without that setting every origin is refused. Checked when the stack settings are available, and always before apply.",
  ),
  check(ctx) {
    const service = ctx.request.hosting.service;
    if (service === undefined || ctx.request.hosting.jenis !== "tunnel" || ctx.stack === undefined) return [];
    const problem = tunnelServiceProblem(service, ctx.stack.tunnelOrigins);
    // Problems of any stack are hosting-service-invalid's.
    if (problem === null || problem.kind !== "not-allowed") return [];
    return [
      serviceFinding(
        service,
        msg(`${problem.message.id} (${ctx.stack.file})`, `${problem.message.en} (${ctx.stack.file})`),
      ),
    ];
  },
};

const FIELD_KIND: Readonly<Record<"service" | "project" | "branch", HostingJenis>> = {
  service: "tunnel",
  project: "static",
  branch: "static",
};

export const hostingFieldMisplaced: Rule = {
  id: "hosting-field-misplaced",
  severity: "error",
  summary: msg(
    "`service` hanya untuk hosting tunnel; `project` dan `branch` hanya untuk hosting static.",
    "`service` is only for tunnel hosting; `project` and `branch` only for static hosting.",
  ),
  check(ctx) {
    const h = ctx.request.hosting;
    const findings: Finding[] = [];
    for (const field of ["service", "project", "branch"] as const) {
      const kind = FIELD_KIND[field];
      if (h[field] === undefined || h.jenis === kind) continue;
      findings.push({
        path: ["hosting", field],
        part: "key",
        message: msg(
          `hosting.${field} hanya berlaku untuk hosting "${kind}", bukan ${q(h.jenis)}; hapus ${field} atau ubah jenis hosting`,
          `hosting.${field} only applies to "${kind}" hosting, not ${q(h.jenis)}; remove ${field} or change the hosting kind`,
        ),
      });
    }
    return findings;
  },
};

// Cloudflare Pages project names: lowercase letters, digits and dashes, at most 58 characters
// (the name becomes `<project>.pages.dev`).
const PAGES_PROJECT = /^[a-z0-9](?:[a-z0-9-]{0,56}[a-z0-9])?$/;
const NOT_PROJECT_CHARS = /[^a-z0-9-]+/g;
const EDGE_HYPHENS = /^-+|-+$/g;

export const hostingProjectInvalid: Rule = {
  id: "hosting-project-invalid",
  severity: "error",
  summary: msg(
    "`hosting.project` adalah nama proyek Cloudflare Pages: huruf kecil, angka dan `-`, maksimum 58 karakter.",
    "`hosting.project` is a Cloudflare Pages project name: lowercase letters, digits and `-`, at most 58 characters.",
  ),
  check(ctx) {
    const project = ctx.request.hosting.project;
    if (project === undefined || PAGES_PROJECT.test(project)) return [];
    const suggestion = project
      .toLowerCase()
      .replace(NOT_PROJECT_CHARS, "-")
      .replace(EDGE_HYPHENS, "")
      .slice(0, 58);
    return [
      {
        path: ["hosting", "project"],
        message: msg(
          `nama proyek ${q(project)} tidak sah: hanya huruf kecil, angka dan "-", tidak diawali/diakhiri "-", maksimum 58 karakter${suggestion ? `; mis. ${q(suggestion)}` : ""}`,
          `the project name ${q(project)} is not valid: only lowercase letters, digits and "-", not starting or ending with "-", at most 58 characters${suggestion ? `; e.g. ${q(suggestion)}` : ""}`,
        ),
      },
    ];
  },
};

export const hostingProjectDerived: Rule = {
  id: "hosting-project-derived",
  severity: "error",
  summary: msg(
    "Nama proyek berbentuk turunan (`<nama>-<label zona>`, `ns--...`, `hx--...`) disimpan untuk subdomain asalnya; `hosting.project` hanya boleh memakai bentuk itu untuk subdomainnya sendiri.",
    "Project names of the derived shape (`<name>-<zone label>`, `ns--...`, `hx--...`) are kept for the subdomain they come from; `hosting.project` may only use that shape for its own subdomain.",
  ),
  check(ctx) {
    const project = ctx.request.hosting.project?.toLowerCase();
    if (project === undefined || !isDerivedProjectShape(project, ctx.policy.zone)) return [];
    const own = derivePagesProject(ctx.request.subdomain, ctx.policy.zone);
    if (project === own) return [];
    return [
      {
        path: ["hosting", "project"],
        message: msg(
          `nama proyek ${q(project)} berbentuk nama turunan subdomain lain dan disimpan untuknya; hapus project agar dipakai ${q(own)}, atau pilih nama lain`,
          `the project name ${q(project)} has the shape of another subdomain's derived name and is kept for it; remove project to use ${q(own)}, or choose another name`,
        ),
      },
    ];
  },
};

export const hostingProjectDuplicate: Rule = {
  id: "hosting-project-duplicate",
  severity: "error",
  summary: msg(
    "Satu proyek Cloudflare Pages hanya untuk satu permohonan: `hosting.project` tidak boleh sama dengan milik berkas lain (huruf besar/kecil tidak membedakan).",
    "One Cloudflare Pages project serves one request only: `hosting.project` cannot equal another file's (letter case does not matter).",
  ),
  check(ctx) {
    const project = ctx.request.hosting.project;
    if (project === undefined) return [];
    const others = ctx.projectUsers(project).filter((file) => file !== ctx.file);
    if (others.length === 0) return [];
    const list = others.map((f) => q(f)).join(", ");
    return [
      {
        path: ["hosting", "project"],
        message: msg(
          `proyek Pages ${q(project.toLowerCase())} juga dipakai oleh ${list}; permohonan yang memakai proyek yang sama dapat mengubah situs instansi lain, jadi pilih nama proyek sendiri`,
          `the Pages project ${q(project.toLowerCase())} is also used by ${list}; requests sharing a project can change another unit's site, so choose a project of your own`,
        ),
      },
    ];
  },
};

const BRANCH_CHARS = /^[A-Za-z0-9._/-]+$/;

export const hostingBranchInvalid: Rule = {
  id: "hosting-branch-invalid",
  severity: "error",
  summary: msg(
    "`hosting.branch` adalah nama cabang git yang sah (huruf, angka, `.`, `_`, `-`, `/`; tanpa `..`).",
    "`hosting.branch` is a valid git branch name (letters, digits, `.`, `_`, `-`, `/`; no `..`).",
  ),
  check(ctx) {
    const branch = ctx.request.hosting.branch;
    if (branch === undefined) return [];
    const ok =
      BRANCH_CHARS.test(branch) &&
      !branch.includes("..") &&
      !branch.includes("//") &&
      !branch.startsWith("-") &&
      !branch.startsWith("/") &&
      !branch.endsWith("/") &&
      !branch.endsWith(".") &&
      !branch.endsWith(".lock");
    if (ok) return [];
    return [
      {
        path: ["hosting", "branch"],
        message: msg(
          `cabang ${q(branch)} bukan nama cabang git yang sah; pakai mis. "main" atau "production"`,
          `branch ${q(branch)} is not a valid git branch name; use e.g. "main" or "production"`,
        ),
      },
    ];
  },
};

export const hostingEksternalRecords: Rule = {
  id: "hosting-eksternal-records",
  severity: "error",
  summary: msg(
    "`hosting.jenis: eksternal` wajib punya catatan A, AAAA atau CNAME di subdomain itu sendiri (`name` kosong atau `@`).",
    "`hosting.jenis: eksternal` needs an A, AAAA or CNAME record at the subdomain itself (`name` absent or `@`).",
  ),
  check(ctx) {
    if (ctx.request.hosting.jenis !== "eksternal") return [];
    const sub = ctx.request.subdomain.toLowerCase();
    for (const r of records(ctx.request)) {
      if ((r.type === "A" || r.type === "AAAA" || r.type === "CNAME") && ownerName(ctx.request, r) === sub)
        return [];
    }
    return [
      {
        path: ["hosting", "jenis"],
        message: msg(
          'hosting "eksternal" butuh alamat situsnya: tambahkan di dns catatan A/AAAA (IP server) atau CNAME (nama host penyedia) tanpa name, mis. - { type: A, content: 103.10.20.30 }; tanpa situs, pakai hosting "tanpa"',
          'hosting "eksternal" needs the site\'s address: add to dns an A/AAAA (server IP) or CNAME (provider host name) without name, e.g. - { type: A, content: 103.10.20.30 }; with no website, use hosting "tanpa"',
        ),
      },
    ];
  },
};

/**
 * Whether a hosting kind is served through Cloudflare's proxy on the zone's universal certificate,
 * which covers the zone and one level below it only (`*.zone`).
 */
export function servedUnderZoneCertificate(jenis: HostingJenis): boolean {
  return HOSTING_KINDS[jenis].zoneCertificate;
}

export const tlsCertificateDepth: Rule = {
  id: "tls-certificate-depth",
  severity: "warning",
  summary: msg(
    "Sertifikat Universal Cloudflare hanya mencakup satu tingkat di bawah zona (`*.kuduskab.go.id`); nama bertingkat yang diproksikan butuh sertifikat tambahan.",
    "Cloudflare's Universal certificate covers one level below the zone only (`*.kuduskab.go.id`); proxied nested names need an extra certificate.",
  ),
  check(ctx) {
    const r = ctx.request;
    const zone = ctx.policy.zone;
    const findings: Finding[] = [];
    const warn = (path: (string | number)[], name: string) =>
      findings.push({
        path,
        message: msg(
          `${q(`${name}.${zone}`)} diproksikan tetapi dua tingkat atau lebih di bawah zona, di luar sertifikat *.${zone}; pengunjung HTTPS akan melihat galat sertifikat kecuali kantor memasang Advanced Certificate; pilih nama satu tingkat, hosting static, atau proxied: false`,
          `${q(`${name}.${zone}`)} is proxied but two or more levels below the zone, outside the *.${zone} certificate; HTTPS visitors get a certificate error unless the office adds an Advanced Certificate; choose a single-level name, static hosting, or proxied: false`,
        ),
      });
    const sub = r.subdomain.toLowerCase();
    if (servedUnderZoneCertificate(r.hosting.jenis) && sub.includes(".")) {
      warn(["hosting", "jenis"], sub);
    }
    const list = records(r);
    for (let i = 0; i < list.length; i++) {
      const rec = list[i];
      if (rec?.proxied !== true) continue;
      const owner = ownerName(r, rec);
      if (owner.includes(".")) warn(["dns", i, "proxied"], owner);
    }
    return findings;
  },
};

export const hostingRules: readonly Rule[] = [
  hostingServiceRequired,
  hostingServiceInvalid,
  hostingServiceNotAllowed,
  hostingFieldMisplaced,
  hostingProjectInvalid,
  hostingProjectDerived,
  hostingProjectDuplicate,
  hostingBranchInvalid,
  hostingEksternalRecords,
  tlsCertificateDepth,
];
