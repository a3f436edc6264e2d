/**
 * Benchmark corpora written to a temporary root (`requests/` + `governance/`):
 * - the 15,167 real is-a.dev records converted into request files (types this project refuses,
 *   like NS/DS/TLSA/URL, are kept so they fail, and counted);
 * - N synthetic valid requests, nested names included (each with its parent, same unit).
 */
import { createReadStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const IS_A_DEV_JSONL = resolve(REPO_ROOT, "../shared/benchmarks/is-a-dev-domains.jsonl");

export const SUPPORTED_TYPES: readonly string[] = ["A", "AAAA", "CNAME", "MX", "TXT", "CAA", "SRV"];

export interface Corpus {
  root: string;
  files: number;
  /** Files holding at least one record of a type the project refuses. */
  rejectedFiles: number;
  /** Refused records by type, e.g. `{ URL: 1262, NS: 91 }`. */
  rejectedTypes: Record<string, number>;
  /** One file name under `requests/` to validate alone. */
  sample: string;
  zone: string;
}

/** A YAML double-quoted scalar: JSON string syntax is valid YAML. */
function str(value: unknown): string {
  return JSON.stringify(String(value));
}

interface DnsLine {
  type: string;
  name?: string;
  content: string;
  priority?: number;
  weight?: number;
  port?: number;
  flags?: number;
  tag?: string;
  proxied?: boolean;
}

function renderDns(records: DnsLine[]): string {
  if (records.length === 0) return "";
  let out = "dns:\n";
  for (const r of records) {
    const fields = [`type: ${r.type}`];
    if (r.name !== undefined) fields.push(`name: ${str(r.name)}`);
    fields.push(`content: ${str(r.content)}`);
    for (const key of ["priority", "weight", "port", "flags"] as const) {
      const v = r[key];
      if (v !== undefined) fields.push(`${key}: ${v}`);
    }
    if (r.tag !== undefined) fields.push(`tag: ${r.tag}`);
    if (r.proxied !== undefined) fields.push(`proxied: ${r.proxied}`);
    out += `  - { ${fields.join(", ")} }\n`;
  }
  return out;
}

interface RequestText {
  subdomain: string;
  unit: string;
  jenis: string;
  github: string;
  zone: string;
  tujuan: string;
  hosting: string;
  dns: DnsLine[];
  nomor: number;
}

function renderRequest(r: RequestText): string {
  return `# yaml-language-server: $schema=../schema/request.schema.json
subdomain: ${str(r.subdomain)}
instansi:
  nama: ${str(r.unit)}
  jenis: ${r.jenis}
surat:
  nomor: "400.14/${r.nomor}/Kominfo/2026"
  tanggal: 2026-03-02
  perihal: Permohonan subdomain ${str(r.subdomain).slice(1, -1)}
penanggung_jawab:
  nama: Siti Aminah, S.Kom.
  nip: "197601012005012001"
  jabatan: Kepala ${str(r.unit).slice(1, -1)}
  email: admin@${r.zone}
pengelola_teknis:
  nama: Budi Santoso
  email: teknis@${r.zone}
  github: ${str(r.github)}
tujuan: ${str(r.tujuan)}
klasifikasi: instansi
hosting:
  jenis: ${r.hosting}
${renderDns(r.dns)}`;
}

/**
 * Governance for a benchmark root: the zone, no reserved or existing names, no namespaces, so that
 * only the request content decides. Written in the layout `loadPolicy` reads.
 */
export async function writeGovernance(root: string, zone: string): Promise<void> {
  const dir = join(root, "governance");
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "policy.yaml"),
    `zone: ${zone}\nallowIdn: false\nofficialEmailDomains: null\nkegiatanMaxDays: 365\nforbiddenCnameSuffixes: []\n`,
  );
  await writeFile(join(dir, "reserved.yaml"), "reserved: {}\n");
  await writeFile(join(dir, "existing.yaml"), "existing: {}\n");
  await writeFile(join(dir, "namespaces.yaml"), "namespaces: {}\n");
}

type IsADevValue = string | string[] | Record<string, unknown>[];

interface IsADevLine {
  name: string;
  owner: { username: string };
  records: Record<string, IsADevValue>;
  proxied?: boolean;
}

function convertRecords(
  line: IsADevLine,
  rejected: Record<string, number>,
): { dns: DnsLine[]; refused: boolean } {
  const dns: DnsLine[] = [];
  let refused = false;
  const proxied = line.proxied === true ? true : undefined;
  for (const [type, value] of Object.entries(line.records)) {
    const items = Array.isArray(value) ? value : [value];
    if (!SUPPORTED_TYPES.includes(type)) {
      refused = true;
      rejected[type] = (rejected[type] ?? 0) + items.length;
    }
    for (const item of items) {
      if (typeof item === "string") {
        const record: DnsLine = { type, content: item };
        if (type === "MX") record.priority = 10;
        if (proxied && (type === "A" || type === "AAAA" || type === "CNAME")) record.proxied = true;
        dns.push(record);
        continue;
      }
      const o = item as Record<string, unknown>;
      if (type === "MX") dns.push({ type, content: String(o.target), priority: Number(o.priority ?? 10) });
      else if (type === "SRV") {
        const record: DnsLine = {
          type,
          content: String(o.target),
          priority: Number(o.priority ?? 0),
          weight: Number(o.weight ?? 0),
          port: Number(o.port ?? 0),
        };
        if (typeof o.name === "string") record.name = o.name;
        dns.push(record);
      } else if (type === "CAA") {
        dns.push({ type, content: String(o.value), flags: Number(o.flags ?? 0), tag: String(o.tag) });
      } else {
        // DS, TLSA and friends: kept as text so the unsupported-type rule sees them.
        dns.push({ type, content: Object.values(o).join(" ") });
      }
    }
  }
  return { dns, refused };
}

export async function buildIsADevCorpus(dir: string, source = IS_A_DEV_JSONL): Promise<Corpus> {
  const zone = "is-a.dev";
  const requests = join(dir, "requests");
  await mkdir(requests, { recursive: true });
  await writeGovernance(dir, zone);
  const rejectedTypes: Record<string, number> = {};
  let files = 0;
  let rejectedFiles = 0;
  let sample = "";
  let batch: Promise<void>[] = [];
  const lines = createInterface({
    input: createReadStream(source, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const raw of lines) {
    if (raw.trim() === "") continue;
    const line = JSON.parse(raw) as IsADevLine;
    const { dns, refused } = convertRecords(line, rejectedTypes);
    if (refused) rejectedFiles++;
    const text = renderRequest({
      subdomain: line.name,
      unit: `Pengguna ${line.owner.username}`,
      jenis: "organisasi",
      github: line.owner.username,
      zone,
      tujuan: `Situs ${line.name}`,
      // A site somewhere else is `eksternal`; records without an address (TXT, MX only) need no hosting.
      hosting: dns.some((r) => r.type === "A" || r.type === "AAAA" || r.type === "CNAME")
        ? "eksternal"
        : "tanpa",
      dns,
      nomor: files + 1,
    });
    const name = `${line.name}.yaml`;
    if (!sample && !refused && !line.name.includes(".")) sample = name;
    batch.push(writeFile(join(requests, name), text));
    files++;
    if (batch.length >= 256) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  return { root: dir, files, rejectedFiles, rejectedTypes, sample, zone };
}

const HOSTING: readonly { hosting: string; dns: (i: number) => DnsLine[] }[] = [
  { hosting: "server", dns: () => [] },
  {
    hosting: "server",
    dns: (i) => [
      { type: "MX", content: `mx${i % 3}.surel-nusantara.co.id`, priority: 10 },
      { type: "TXT", content: "v=spf1 include:_spf.surel-nusantara.co.id ~all" },
    ],
  },
  { hosting: "static", dns: () => [] },
  { hosting: "eksternal", dns: (i) => [{ type: "A", content: `103.147.${i % 250}.${(i % 200) + 1}` }] },
  {
    hosting: "eksternal",
    dns: (i) => [
      { type: "CNAME", content: `situs-${i}.hosting-nusantara.co.id` },
      { type: "TXT", name: "_verify", content: `token-${i}` },
    ],
  },
  { hosting: "tanpa", dns: () => [{ type: "CAA", content: "letsencrypt.org", flags: 0, tag: "issue" }] },
];

/** `n` valid requests under `example.go.id`; every tenth is nested under the one before it. */
export async function buildSyntheticCorpus(dir: string, n: number): Promise<Corpus> {
  const zone = "example.go.id";
  const requests = join(dir, "requests");
  await mkdir(requests, { recursive: true });
  await writeGovernance(dir, zone);
  let batch: Promise<void>[] = [];
  let parent = "";
  let parentUnit = "";
  let sample = "";
  for (let i = 0; i < n; i++) {
    const nested = i % 10 === 9 && parent !== "";
    const subdomain = nested ? `layanan${i}.${parent}` : `opd${i}`;
    const unit = nested ? parentUnit : `Dinas Nomor ${i}`;
    const shape = HOSTING[i % HOSTING.length] as (typeof HOSTING)[number];
    const text = renderRequest({
      subdomain,
      unit,
      jenis: "dinas",
      github: `pengelola-${nested ? parent : subdomain}`,
      zone,
      tujuan: `Website ${unit}`,
      hosting: shape.hosting,
      dns: shape.dns(i),
      nomor: i + 1,
    });
    if (!nested) {
      parent = subdomain;
      parentUnit = unit;
    } else if (!sample) sample = `${subdomain}.yaml`;
    batch.push(writeFile(join(requests, `${subdomain}.yaml`), text));
    if (batch.length >= 256) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  return { root: dir, files: n, rejectedFiles: 0, rejectedTypes: {}, sample, zone };
}
