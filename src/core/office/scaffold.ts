/**
 * What `domainops init` writes for an office: a pure function of the preset's texts, the tool's
 * templates and the office's values, returning every file with its content. YAML is built through
 * the `yaml` document model (values set on nodes, never spliced into text); the caller has checked
 * zone, stack and time zone (office.ts) and writes the files.
 */
import { Document, parse, parseDocument, visit, YAMLMap } from "yaml";
import { renderCodeowners } from "../approvals/codeowners.ts";
import type { Governance, Officials, Sop } from "../approvals/governance.ts";
import { stepKind } from "../approvals/governance.ts";
import { DomainopsError } from "../errors.ts";
import { issueFormFile } from "./generated.ts";
import type { OfficeValues } from "./office.ts";
import {
  PLACEHOLDER_GITHUB_ID,
  PLACEHOLDER_HEX32,
  PLACEHOLDER_LOGIN,
  PLACEHOLDER_NIP,
} from "./placeholders.ts";
import type { WorkflowFile } from "./workflows.ts";
import { renderWorkflow, WORKFLOW_FILES, WORKFLOWS_DIR, YAML_OUTPUT } from "./workflows.ts";

export const PRESETS = ["majalengka", "kudus", "cirebon", "buol", "blank"] as const;
export type PresetName = (typeof PRESETS)[number];

export function isPreset(value: string): value is PresetName {
  return (PRESETS as readonly string[]).includes(value);
}

/** `in-place`: the tool's own repository; `repository`: an office repository depending on the package. */
export type Layout = "in-place" | "repository";

export interface ScaffoldInput {
  preset: PresetName;
  office: OfficeValues;
  layout: Layout;
  /** The preset's `sop.yaml` and `calendar.yaml` (for `blank`: the minimal SOP and a preset calendar). */
  sop: string;
  calendar: string;
  /** The tool's office templates, by path under `templates/office/`. */
  templates: ReadonlyMap<string, string>;
  workflows: ReadonlyMap<WorkflowFile, string>;
  /** The `domainops` dependency of an office repository, e.g. `^0.1.0` or `file:../domainops-0.1.0.tgz`. */
  toolDependency: string;
}

export interface ScaffoldFile {
  path: string;
  text: string;
}

export const OFFICE_TEMPLATE_FILES = [
  "governance/policy.yaml",
  "governance/reserved.yaml",
  "governance/existing.yaml",
  "governance/namespaces.yaml",
  "README.md",
  "sop-blank.yaml",
] as const;

/** Where the schemas are, seen from `governance/`, for the editor hint on each file's first line. */
function schemaDir(layout: Layout): string {
  return layout === "in-place" ? "../schema" : "../node_modules/domainops/schema";
}

/**
 * Removes and returns the comment at the top of a file, wherever the parser put it: on the document,
 * or (with no blank line before the first key) on the top mapping or its first key.
 */
function takeLeadingComment(doc: Document): string {
  type Commented = { commentBefore?: string | null } | null | undefined;
  const contents = doc.contents as (Commented & { items?: { key?: Commented }[] }) | null;
  for (const holder of [doc as Commented, contents, contents?.items?.[0]?.key]) {
    if (holder?.commentBefore) {
      const text = holder.commentBefore;
      holder.commentBefore = null;
      return text;
    }
  }
  return "";
}

const HINT = /^ ?yaml-language-server:[^\n]*\n?/;

/** The editor hint on the first line, pointing at the schema from where the file now lives. */
function withSchemaHint(doc: Document, part: string, layout: Layout): void {
  const hint = ` yaml-language-server: $schema=${schemaDir(layout)}/governance-${part}.schema.json`;
  const rest = takeLeadingComment(doc).replace(HINT, "");
  doc.commentBefore = rest ? `${hint}\n${rest}` : hint;
  // Dates stay quoted strings, as the schemas want them, for YAML 1.1 readers too.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(node.value))
        node.type = "QUOTE_DOUBLE";
    },
  });
}

function parseTemplate(path: string, text: string): Document {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new DomainopsError("internal", `${path}: ${doc.errors[0]?.message ?? "YAML"}`);
  return doc;
}

function template(input: ScaffoldInput, path: string): string {
  const text = input.templates.get(path);
  if (text === undefined)
    throw new DomainopsError("internal", `templates/office/${path} tidak ada (missing)`);
  return text;
}

/** Replaces whole-scalar tokens through the document model. */
function fill(doc: Document, values: Record<string, string>): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && Object.hasOwn(values, node.value)) {
        node.value = values[node.value];
        node.type = "PLAIN";
      }
    },
  });
}

/** The region's own name from its zone (`kuduskab.go.id` → `kudus`), reserved for the government. */
function regionName(zone: string): string | undefined {
  const match = /^([a-z0-9-]+?)(kab|kota|prov)$/.exec(zone.split(".")[0] ?? "");
  return match?.[1] && match[1].length >= 2 ? match[1] : undefined;
}

function approvalRoles(sop: Sop): { role: string; pelaksana: string }[] {
  const seen = new Set<string>();
  const out: { role: string; pelaksana: string }[] = [];
  for (const step of sop.langkah) {
    if (stepKind(step) !== "persetujuan" || step.role === undefined || seen.has(step.role)) continue;
    seen.add(step.role);
    out.push({ role: step.role, pelaksana: step.pelaksana ?? step.role.replaceAll("_", " ") });
  }
  return out;
}

/** One placeholder official per SOP role and one placeholder admin, all GitHub's `ghost` account. */
function buildOfficials(sop: Sop, layout: Layout): { text: string; data: Officials } {
  const data: Officials = {
    admins: [{ id: PLACEHOLDER_GITHUB_ID, login: PLACEHOLDER_LOGIN, nama: "ISI: admin platform (fill in)" }],
    pejabat: approvalRoles(sop).map(({ role, pelaksana }) => ({
      id: PLACEHOLDER_GITHUB_ID,
      login: PLACEHOLDER_LOGIN,
      nama: `ISI: nama ${pelaksana} (fill in)`,
      nip: PLACEHOLDER_NIP,
      jabatan: pelaksana,
      role,
      status: "definitif",
      berlaku_mulai: "2000-01-01",
    })),
  };
  const doc = new Document(data);
  doc.commentBefore = [
    " Pejabat penyetuju dan admin platform. ISIAN CONTOH: setiap entri berlogin `ghost` (akun GitHub",
    " untuk pengguna yang dihapus; tidak ada yang dapat masuk sebagai dia) belum berlaku — ganti dengan",
    " orang yang sebenarnya: `id` adalah ID numerik akun GitHub (https://api.github.com/users/<login>),",
    " `role` sama dengan `role` langkah di sop.yaml, nama dan NIP sesuai SK, tanggal berlaku inklusif.",
    " Plt./Plh. dicatat sebagai entri tersendiri dengan berlaku_sampai. Lalu `npx domainops check --fix`.",
    " PLACEHOLDERS: every entry with login `ghost` (GitHub's account for deleted users, which nobody can",
    " sign in as) grants nothing until replaced by the real person; then run `npx domainops check --fix`.",
  ].join("\n");
  withSchemaHint(doc, "officials", layout);
  return { text: doc.toString(YAML_OUTPUT), data };
}

function buildStackFile(office: OfficeValues): string {
  const doc = new Document({
    config: {
      "domainops:zone": office.zone,
      "domainops:zoneId": PLACEHOLDER_HEX32,
      "domainops:accountId": PLACEHOLDER_HEX32,
      "domainops:origins": { ipv4: [], ipv6: [] },
      "domainops:requestsDir": "requests",
      "domainops:maxDeleteShare": "0.3",
      "domainops:nameservers": [],
    },
  });
  doc.commentBefore = [
    ` Stack "${office.stack}": zona ${office.zone}. ISIAN CONTOH: zoneId dan accountId bernilai nol; salin`,
    " Zone ID dan Account ID dari dasbor Cloudflare (Overview zona). Isi origins (alamat publik pusat data,",
    " untuk hosting server), tunnelId dan tunnelOrigins (hosting tunnel) serta nameservers (untuk export)",
    " bila dipakai; lihat docs/pulumi.md pada alat domainops.",
    ` Stack "${office.stack}" for ${office.zone}. PLACEHOLDERS: the zero ids; copy the Zone ID and Account ID`,
    " from the Cloudflare dashboard. `domainops plan` reads this file; `pulumi up` reads it as stack config.",
  ].join("\n");
  return doc.toString(YAML_OUTPUT);
}

function buildCalendar(input: ScaffoldInput): { text: string; data: Governance["calendar"] } {
  const doc = parseTemplate("calendar.yaml", input.calendar);
  doc.set("zona_waktu", input.office.timeZone);
  if (input.preset === "blank") {
    takeLeadingComment(doc);
    doc.commentBefore = [
      " Kalender kerja kantor. Libur nasional dan cuti bersama (SKB tiga menteri) berlaku di seluruh",
      " Indonesia; sesuaikan jam_kerja dengan peraturan kepala daerah. Mutu baku SOP dihitung dalam waktu kerja.",
      " Working calendar: national holidays and collective leave apply nationwide; adjust jam_kerja.",
    ].join("\n");
  }
  withSchemaHint(doc, "calendar", input.layout);
  return { text: doc.toString(YAML_OUTPUT), data: doc.toJS() as Governance["calendar"] };
}

function buildSop(input: ScaffoldInput): { text: string; data: Sop } {
  const doc = parseTemplate("sop.yaml", input.sop);
  withSchemaHint(doc, "sop", input.layout);
  return { text: doc.toString(YAML_OUTPUT), data: doc.toJS() as Sop };
}

function buildPolicyFiles(input: ScaffoldInput): ScaffoldFile[] {
  return (["policy", "reserved", "existing", "namespaces"] as const).map((part) => {
    const path = `governance/${part}.yaml`;
    const doc = parseTemplate(path, template(input, path));
    fill(doc, { __DOMAINOPS_ZONE__: input.office.zone });
    if (part === "reserved") {
      const region = regionName(input.office.zone);
      const reserved = doc.get("reserved");
      if (region !== undefined && reserved instanceof YAMLMap && !reserved.has(region)) {
        reserved.set(region, {
          id: "nama daerah itu sendiri; dipegang pemerintah daerah",
          en: "the region's own name; kept by its government",
        });
      }
    }
    withSchemaHint(doc, part, input.layout);
    return { path, text: doc.toString(YAML_OUTPUT) };
  });
}

function buildReadme(input: ScaffoldInput): string {
  return template(input, "README.md")
    .replaceAll("__DOMAINOPS_ZONE__", input.office.zone)
    .replaceAll("__DOMAINOPS_STACK__", input.office.stack);
}

/** The files only an office repository has: the package, the Pulumi project, upgrades, ignores. */
function buildRepositoryFiles(input: ScaffoldInput): ScaffoldFile[] {
  const pkg = {
    name: `domainops-${input.office.stack}`,
    version: "1.0.0",
    private: true,
    description: `Subdomain ${input.office.zone} sebagai kode (subdomain requests as code)`,
    scripts: {
      test: "domainops check",
      check: "domainops check",
      fix: "domainops check --fix",
      plan: "domainops plan",
    },
    dependencies: { domainops: input.toolDependency },
  };
  const pulumi = new Document({
    name: "domainops",
    description: `Subdomain ${input.office.zone} (domainops)`,
    runtime: { name: "nodejs", options: { typescript: false } },
    main: "node_modules/domainops/dist/pulumi/index.js",
  });
  pulumi.commentBefore = [
    " Proyek Pulumi: programnya adalah program terkompilasi dari paket domainops yang terpasang.",
    " The Pulumi project: its program is the compiled one of the installed domainops package.",
  ].join("\n");
  const dependabot = new Document({
    version: 2,
    updates: [
      { "package-ecosystem": "npm", directory: "/", schedule: { interval: "weekly" } },
      { "package-ecosystem": "github-actions", directory: "/", schedule: { interval: "weekly" } },
    ],
  });
  dependabot.commentBefore = [
    " Pembaruan domainops datang sebagai PR kenaikan versi; lalu `npx domainops check --fix` bila perlu.",
    " domainops upgrades arrive as version bumps; run `npx domainops check --fix` when check asks for it.",
  ].join("\n");
  return [
    { path: "package.json", text: `${JSON.stringify(pkg, null, 2)}\n` },
    { path: "Pulumi.yaml", text: pulumi.toString(YAML_OUTPUT) },
    { path: ".github/dependabot.yml", text: dependabot.toString(YAML_OUTPUT) },
    { path: ".gitignore", text: "node_modules/\n.pulumi/\n.domainops/\n" },
    { path: "README.md", text: buildReadme(input) },
  ];
}

export function buildOffice(input: ScaffoldInput): ScaffoldFile[] {
  const sop = buildSop(input);
  const calendar = buildCalendar(input);
  const officials = buildOfficials(sop.data, input.layout);
  // Sanity of our own output: the parsed officials are what CODEOWNERS is made of.
  const governance: Governance = {
    officials: parse(officials.text) as Officials,
    sop: sop.data,
    calendar: calendar.data,
  };
  const files: ScaffoldFile[] = [
    { path: "governance/officials.yaml", text: officials.text },
    { path: "governance/sop.yaml", text: sop.text },
    { path: "governance/calendar.yaml", text: calendar.text },
    ...buildPolicyFiles(input),
    { path: `Pulumi.${input.office.stack}.yaml`, text: buildStackFile(input.office) },
    { path: ".github/CODEOWNERS", text: renderCodeowners(governance) },
    { path: issueFormFile().path, text: issueFormFile().text },
    ...WORKFLOW_FILES.map((file) => {
      const text = input.workflows.get(file);
      if (text === undefined)
        throw new DomainopsError("internal", `templates/workflows/${file} tidak ada (missing)`);
      return { path: `${WORKFLOWS_DIR}/${file}`, text: renderWorkflow(file, text, input.office) };
    }),
    { path: "requests/.gitkeep", text: "" },
  ];
  if (input.layout === "repository") files.push(...buildRepositoryFiles(input));
  else files.push({ path: "docs/kantor.md", text: buildReadme(input) });
  return files;
}
