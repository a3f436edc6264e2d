/**
 * Rules on the requested name itself: its syntax, its length, and whether the office can give it out
 * (reserved, already in the zone, already requested). Cross-file checks use the directory listing
 * (`siblings`), never a scan of every request.
 */

import type { InstansiJenis, Message, Request } from "../../types.ts";
import type { Finding, Rule, RuleContext, ValidationPolicy } from "../rule.ts";
import { cachedByRequest, checkLabel, describeLabelProblem, type LabelProblem, msg, q } from "./util.ts";

const PATH = ["subdomain"] as const;

interface NameAnalysis {
  /** Lowercased requested name, without the zone. */
  name: string;
  labels: string[];
  problems: (LabelProblem | null)[];
}

const analyse = cachedByRequest((request: Request): NameAnalysis => {
  const labels = request.subdomain.split(".");
  return { name: request.subdomain.toLowerCase(), labels, problems: labels.map((l) => checkLabel(l)) };
});

function baseName(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? file : file.slice(slash + 1);
}

function stemOf(file: string): string {
  const base = baseName(file);
  return base.endsWith(".yaml") ? base.slice(0, -5) : base;
}

/** Labels with the given problems, reported one finding each. */
function labelFindings(ctx: RuleContext, wanted: (p: LabelProblem) => boolean): Finding[] {
  const { labels, problems } = analyse(ctx.request);
  const findings: Finding[] = [];
  for (let i = 0; i < labels.length; i++) {
    const p = problems[i];
    if (p == null || !wanted(p)) continue;
    const detail = describeLabelProblem(p, labels[i] ?? "");
    findings.push({
      path: PATH,
      message: msg(
        `subdomain ${q(ctx.request.subdomain)}: ${detail.id}`,
        `subdomain ${q(ctx.request.subdomain)}: ${detail.en}`,
      ),
    });
  }
  return findings;
}

export const fileNameMismatch: Rule = {
  id: "file-name-mismatch",
  severity: "error",
  summary: msg(
    "Nama berkas harus sama dengan `subdomain` ditambah `.yaml` (nama berkas adalah kuncinya).",
    "The file name must equal `subdomain` plus `.yaml` (the file name is the key).",
  ),
  check(ctx) {
    const stem = stemOf(ctx.file);
    const sub = ctx.request.subdomain;
    if (stem === sub) return [];
    return [
      {
        path: PATH,
        message: msg(
          `subdomain ${q(sub)} tidak cocok dengan nama berkas ${q(baseName(ctx.file))}; ganti nama berkas menjadi ${q(`${sub.toLowerCase()}.yaml`)} atau samakan isi subdomain dengan nama berkas`,
          `subdomain ${q(sub)} does not match the file name ${q(baseName(ctx.file))}; rename the file to ${q(`${sub.toLowerCase()}.yaml`)} or make subdomain equal to the file name`,
        ),
      },
    ];
  },
};

export const subdomainLabelInvalid: Rule = {
  id: "subdomain-label-invalid",
  severity: "error",
  summary: msg(
    "Setiap label subdomain hanya berisi huruf kecil a-z, angka 0-9 dan `-`, tidak diawali/diakhiri `-`, tanpa label kosong.",
    "Each subdomain label holds only lowercase a-z, digits 0-9 and `-`, does not start or end with `-`, and is not empty.",
  ),
  check: (ctx) =>
    labelFindings(
      ctx,
      (p) =>
        p === "empty" ||
        p === "uppercase" ||
        p === "underscore" ||
        p === "bad-char" ||
        p === "hyphen-edge" ||
        p === "reserved-hyphens",
    ),
};

export const subdomainLabelLength: Rule = {
  id: "subdomain-label-length",
  severity: "error",
  summary: msg(
    "Setiap label subdomain panjangnya 1-63 karakter (RFC 1035).",
    "Each subdomain label is 1-63 characters long (RFC 1035).",
  ),
  check: (ctx) => labelFindings(ctx, (p) => p === "too-long"),
};

export const subdomainTooLong: Rule = {
  id: "subdomain-too-long",
  severity: "error",
  summary: msg(
    "Nama lengkap termasuk zona (mis. `dinkes.kuduskab.go.id`) paling panjang 253 karakter.",
    "The full name including the zone (e.g. `dinkes.kuduskab.go.id`) is at most 253 characters.",
  ),
  check(ctx) {
    const full = `${ctx.request.subdomain}.${ctx.policy.zone}`;
    if (full.length <= 253) return [];
    return [
      {
        path: PATH,
        message: msg(
          `nama lengkap ${q(full)} panjangnya ${full.length} karakter, maksimum 253; pilih subdomain yang lebih pendek`,
          `the full name ${q(full)} is ${full.length} characters long, the limit is 253; choose a shorter subdomain`,
        ),
      },
    ];
  },
};

export const subdomainWildcard: Rule = {
  id: "subdomain-wildcard",
  severity: "error",
  summary: msg(
    "Wildcard `*` tidak diizinkan: setiap nama harus diminta satu per satu.",
    "Wildcards `*` are not allowed: every name is requested on its own.",
  ),
  check: (ctx) => labelFindings(ctx, (p) => p === "wildcard"),
};

export const subdomainIdn: Rule = {
  id: "subdomain-idn",
  severity: "error",
  summary: msg(
    "Label IDN (`xn--`) atau huruf non-ASCII hanya boleh bila kebijakan `allowIdn` menyala.",
    "IDN (`xn--`) labels or non-ASCII letters only when the policy `allowIdn` is on.",
  ),
  check(ctx) {
    const allow = ctx.policy.allowIdn;
    const { labels, problems } = analyse(ctx.request);
    const findings: Finding[] = [];
    for (let i = 0; i < labels.length; i++) {
      const p = problems[i];
      const label = labels[i] ?? "";
      if (p === "idn" && !allow) {
        findings.push({ path: PATH, message: describeLabelProblem("idn", label) });
      } else if (p === "non-ascii") {
        findings.push({
          path: PATH,
          message: allow
            ? msg(
                `label ${q(label)} memuat huruf non-ASCII; tulis dalam bentuk punycode (xn--...)`,
                `label ${q(label)} contains non-ASCII letters; write it in punycode form (xn--...)`,
              )
            : describeLabelProblem("non-ascii", label),
        });
      }
    }
    return findings;
  },
};

// The checks below take a full name (lowercase, relative to the zone) so that every name a request
// publishes, its subdomain and the names of its `dns` records alike, is held to the same standard.

/** The reserved name that `name` runs into, or undefined. */
export function reservedHit(name: string, policy: ValidationPolicy): string | undefined {
  const reserved = policy.reserved;
  // A unit may name hosts below its own subdomain freely (`mail.dinkes` is Dinkes' business);
  // what the office keeps is the top level and the first level under its own namespaces.
  if (reserved.has(name)) return name;
  const top = name.slice(name.lastIndexOf(".") + 1);
  if (reserved.has(top)) return top;
  const dot = name.indexOf(".");
  if (dot === -1) return undefined;
  const first = name.slice(0, dot);
  return policy.namespaces.has(name.slice(dot + 1)) && reserved.has(first) ? first : undefined;
}

export function reservedMessage(hit: string, policy: ValidationPolicy): Message {
  const reason = policy.reserved.get(hit) ?? msg("", "");
  return msg(
    `nama ${q(hit)} dicadangkan oleh kantor${reason.id ? ` (${reason.id})` : ""}; pilih nama lain`,
    `the name ${q(hit)} is reserved by the office${reason.en ? ` (${reason.en})` : ""}; choose another name`,
  );
}

/** Why `name` cannot be taken because it is already in the zone outside this repository, or null. */
export function existingProblem(name: string, policy: ValidationPolicy): Message | null {
  if (!policy.existing.has(name)) return null;
  return msg(
    `nama ${q(`${name}.${policy.zone}`)} sudah dipakai di zona dan dikelola di luar repositori ini; pilih nama lain, atau hubungi Diskominfo bila nama itu milik instansi Anda`,
    `the name ${q(`${name}.${policy.zone}`)} is already in use in the zone and managed outside this repository; choose another name, or contact Diskominfo if it belongs to your unit`,
  );
}

/** Why a unit of kind `jenis` cannot hold `name` directly below a namespace, or null. */
export function namespaceKindProblem(
  name: string,
  jenis: InstansiJenis,
  policy: ValidationPolicy,
): Message | null {
  const dot = name.indexOf(".");
  if (dot === -1) return null;
  const parent = name.slice(dot + 1);
  const allowed = policy.namespaces.get(parent);
  if (allowed === undefined || allowed.includes(jenis)) return null;
  const list = allowed.join(", ");
  return msg(
    `namespace ${q(parent)} hanya untuk instansi berjenis ${list}, bukan ${q(jenis)}; pilih nama di luar namespace ini`,
    `the namespace ${q(parent)} is only for units of kind ${list}, not ${q(jenis)}; choose a name outside this namespace`,
  );
}

export const subdomainReserved: Rule = {
  id: "subdomain-reserved",
  severity: "error",
  summary: msg(
    "Nama yang dicadangkan kantor (`governance/reserved.yaml`) tidak dapat diminta: dicek label tepat di bawah zona, dan label pertama anak namespace (mis. `www.desa`).",
    "Names the office keeps (`governance/reserved.yaml`) cannot be requested: checked on the label right below the zone, and on the first label of a namespace child (e.g. `www.desa`).",
  ),
  check(ctx) {
    const hit = reservedHit(analyse(ctx.request).name, ctx.policy);
    return hit === undefined ? [] : [{ path: PATH, message: reservedMessage(hit, ctx.policy) }];
  },
};

export const subdomainDuplicate: Rule = {
  id: "subdomain-duplicate",
  severity: "error",
  summary: msg(
    "Setiap nama hanya boleh diminta oleh satu berkas; huruf besar/kecil tidak membedakan nama DNS.",
    "Each name is requested by one file only; DNS names do not differ by letter case.",
  ),
  check(ctx) {
    const { name } = analyse(ctx.request);
    const own = baseName(ctx.file);
    const others: string[] = [];
    for (const file of ctx.siblings.get(name) ?? []) {
      const base = baseName(file);
      if (base !== own && base.endsWith(".yaml")) others.push(base);
    }
    if (others.length === 0) return [];
    const list = others.map((f) => q(`requests/${f}`)).join(", ");
    return [
      {
        path: PATH,
        message: msg(
          `nama ${q(name)} juga diminta oleh ${list} (nama DNS tidak membedakan huruf besar/kecil); pilih nama lain atau gabungkan permohonannya`,
          `the name ${q(name)} is also requested by ${list} (DNS names ignore letter case); choose another name or merge the requests`,
        ),
      },
    ];
  },
};

export const subdomainExisting: Rule = {
  id: "subdomain-existing",
  severity: "error",
  summary: msg(
    "Nama yang sudah ada di zona tetapi tidak dikelola di repositori ini (`governance/existing.yaml`) tidak dapat diklaim.",
    "Names that already exist in the zone but are not managed in this repository (`governance/existing.yaml`) cannot be claimed.",
  ),
  check(ctx) {
    const problem = existingProblem(analyse(ctx.request).name, ctx.policy);
    return problem === null ? [] : [{ path: PATH, message: problem }];
  },
};

const SPACES = /\s+/g;

/** Unit names are typed by hand: ignore case and repeated spaces. */
function sameUnit(a: string, b: string): boolean {
  return a.trim().replace(SPACES, " ").toLowerCase() === b.trim().replace(SPACES, " ").toLowerCase();
}

export const subdomainParent: Rule = {
  id: "subdomain-parent",
  severity: "error",
  summary: msg(
    "Nama bertingkat `a.b` butuh induk `b` yang diminta oleh instansi yang sama (`instansi.nama`), kecuali `b` adalah namespace kantor.",
    "A nested name `a.b` needs its parent `b` requested by the same unit (`instansi.nama`), unless `b` is an office namespace.",
  ),
  check(ctx) {
    const { name, labels } = analyse(ctx.request);
    if (labels.length < 2) return [];
    const parent = name.slice(name.indexOf(".") + 1);
    if (ctx.policy.namespaces.has(parent)) return [];
    const found = ctx.findRequest(parent);
    if (found === undefined) {
      const outside = ctx.policy.existing.has(parent);
      return [
        {
          path: PATH,
          message: outside
            ? msg(
                `induk ${q(parent)} dikelola di luar repositori ini, jadi ${q(name)} tidak dapat dibuat di sini; hubungi Diskominfo`,
                `the parent ${q(parent)} is managed outside this repository, so ${q(name)} cannot be created here; contact Diskominfo`,
              )
            : msg(
                `nama bertingkat ${q(name)} butuh induk ${q(parent)}, tetapi tidak ada berkas requests/${parent}.yaml yang sah; ajukan induknya dulu, atau pilih nama satu tingkat`,
                `the nested name ${q(name)} needs its parent ${q(parent)}, but there is no valid requests/${parent}.yaml; request the parent first, or choose a single-level name`,
              ),
        },
      ];
    }
    const mine = ctx.request.instansi.nama;
    const theirs = found.request.instansi.nama;
    if (sameUnit(mine, theirs)) return [];
    return [
      {
        path: ["instansi", "nama"],
        message: msg(
          `induk ${q(parent)} milik ${q(theirs)}, bukan ${q(mine)}; hanya instansi pemilik induk yang boleh meminta nama di bawahnya`,
          `the parent ${q(parent)} belongs to ${q(theirs)}, not ${q(mine)}; only the unit owning the parent may request names below it`,
        ),
      },
    ];
  },
};

export const namespaceJenis: Rule = {
  id: "namespace-jenis-mismatch",
  severity: "error",
  summary: msg(
    "Anak sebuah namespace (mis. `<desa>.desa`) hanya untuk instansi berjenis yang cocok (`governance/namespaces.yaml`).",
    "Children of a namespace (e.g. `<village>.desa`) are only for units of the matching kind (`governance/namespaces.yaml`).",
  ),
  check(ctx) {
    const problem = namespaceKindProblem(analyse(ctx.request).name, ctx.request.instansi.jenis, ctx.policy);
    return problem === null ? [] : [{ path: ["instansi", "jenis"], message: problem }];
  },
};

export const subdomainRecordConflict: Rule = {
  id: "subdomain-record-conflict",
  severity: "error",
  summary: msg(
    "Nama bertingkat `a.b` tidak boleh sudah menjadi catatan DNS (`dns` dengan `name: a`) di permohonan induknya `b`.",
    "A nested name `a.b` cannot already be a DNS record (`dns` with `name: a`) of its parent's request `b`.",
  ),
  check(ctx) {
    const { name, labels } = analyse(ctx.request);
    if (labels.length < 2) return [];
    const dot = name.indexOf(".");
    const parent = ctx.findRequest(name.slice(dot + 1));
    if (parent === undefined) return [];
    const rel = name.slice(0, dot);
    const index = (parent.request.dns ?? []).findIndex(
      (r) => r.name !== undefined && r.name.toLowerCase() === rel,
    );
    if (index < 0) return [];
    return [
      {
        path: PATH,
        message: msg(
          `${q(name)} sudah ada sebagai catatan dns[${index}] di ${parent.file}; hapus catatan itu di sana dulu, atau pilih nama lain`,
          `${q(name)} already exists as record dns[${index}] of ${parent.file}; remove that record there first, or choose another name`,
        ),
      },
    ];
  },
};

export const nameRules: readonly Rule[] = [
  fileNameMismatch,
  subdomainLabelInvalid,
  subdomainLabelLength,
  subdomainTooLong,
  subdomainWildcard,
  subdomainIdn,
  subdomainReserved,
  subdomainDuplicate,
  subdomainExisting,
  subdomainParent,
  subdomainRecordConflict,
  namespaceJenis,
];
