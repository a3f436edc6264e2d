/**
 * `domainops import`: adopts an office's existing zone. Reads a BIND zone file or Cloudflare's record
 * listing, and writes one request per name it can manage (or lists the names in
 * `governance/existing.yaml`), reporting every record it leaves out. The decisions live in
 * `src/core/import/`; this edge reads and writes files and picks the exit code.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadPolicy } from "../adapters/governance.ts";
import { assertPolicyZone, loadStackSettings } from "../adapters/stack.ts";
import { DomainopsError } from "../core/errors.ts";
import { logLine } from "../core/escape.ts";
import { classifyZone, type ImportMode, type ImportPlan } from "../core/import/classify.ts";
import { parseBindZone } from "../core/import/parse-bind.ts";
import { looksLikeCloudflareListing, parseCloudflareListing } from "../core/import/parse-cloudflare.ts";
import { buildPulumiImport } from "../core/import/pulumi-import.ts";
import { reasons } from "../core/import/reasons.ts";
import type { ImportSource, ParseResult } from "../core/import/records.ts";
import { buildReport, IMPORT_FORMATS, renderImportText } from "../core/import/render.ts";
import { updateExistingYaml } from "../core/import/render-request.ts";
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops import --from FILE [--input-format bind|cloudflare] [--as requests|existing]
       [--root DIR] [--stack NAME] [--pulumi-import OUT] [--format text|json]

Mengadopsi zona yang sudah ada: setiap rekaman menjadi permohonan, masuk governance/existing.yaml, atau
dilaporkan dengan alasannya. (Adopts an existing zone: every record becomes a request, goes to
governance/existing.yaml, or is reported with its reason.)

  --from FILE           berkas zona BIND (juga "Export" Cloudflare) atau JSON daftar rekaman API Cloudflare
                        (a BIND zone file, Cloudflare's "Export" too, or Cloudflare's API record listing JSON)
  --input-format F      bind atau cloudflare (bawaan: dari isinya / default: detected from the content)
  --as MODE             requests (bawaan/default): satu requests/<nama>.yaml per nama, tidak pernah menimpa;
                        existing: nama-nama ditambahkan ke governance/existing.yaml agar tidak dapat diklaim
                        (requests: one file per name, never overwritten; existing: names listed so nobody can
                        claim them). Nama yang tidak diimpor selalu dilindungi di existing.yaml
                        (names left out are protected in existing.yaml either way).
  --root DIR            folder berisi requests/, governance/ dan Pulumi.<stack>.yaml (default: .)
  --stack NAME          stack Pulumi yang zonanya diimpor (the stack whose zone is imported; default: the only one)
  --pulumi-import OUT   tulis berkas untuk \`pulumi import --file OUT\` (hanya dari JSON Cloudflare, dengan
                        --as requests) (writes the file for \`pulumi import --file\`; Cloudflare JSON only)
  --format FORMAT       text (bawaan/default) atau json: { requests, existing, notImported }
  -h, --help            bantuan ini (this help)

Kode keluar (exit codes): 0 setiap rekaman diimpor (every record imported; apex SOA/NS aside),
1 ada rekaman yang tidak diimpor (some records not imported: see the report; files are still written),
2 salah pakai, masukan tidak terbaca atau tidak sah (usage, unreadable or invalid input, with file:line).
`;

/** Far above any zone (Cloudflare's own import takes 256 KiB); bounds memory on a wrong file. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const SPEC = {
  help: HELP,
  options: {
    from: { type: "string" },
    "input-format": { type: "string" },
    as: { type: "string" },
    root: { type: "string" },
    stack: { type: "string" },
    "pulumi-import": { type: "string" },
  },
  formats: IMPORT_FORMATS,
  defaultFormat: "text",
} as const;

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
  usage: (message: string) => DomainopsError,
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(`${flag} "${logLine(value)}" tidak dikenal (unknown); pilih (choose) ${allowed.join(", ")}`);
}

function readInput(file: string, shownAs: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new DomainopsError("usage", `${logLine(shownAs)}: tidak dapat dibaca (cannot be read)`, {
      cause: error,
    });
  }
  if (size > MAX_INPUT_BYTES) {
    throw new DomainopsError(
      "usage",
      `${logLine(shownAs)}: ${size} byte, di atas batas (over the limit of) ${MAX_INPUT_BYTES} byte`,
    );
  }
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new DomainopsError("usage", `${logLine(shownAs)}: tidak dapat dibaca (cannot be read)`, {
      cause: error,
    });
  }
}

function requestFilesIn(root: string): string[] {
  const dir = path.join(root, "requests");
  return existsSync(dir) ? readdirSync(dir).filter((name) => /\.ya?ml$/i.test(name)) : [];
}

/** Files written at once: enough to hide the file system's latency, few enough for any ulimit. */
const WRITES_IN_FLIGHT = 64;

/** Writes each request unless a file of that name appeared meanwhile; those go to not-imported. */
async function writeRequests(root: string, plan: ImportPlan): Promise<void> {
  if (plan.requests.length === 0) return;
  mkdirSync(path.join(root, "requests"), { recursive: true });
  const existed = new Set<string>();
  const queue = [...plan.requests];
  const worker = async () => {
    for (let request = queue.shift(); request !== undefined; request = queue.shift()) {
      try {
        await writeFile(path.join(root, request.file), request.text, { flag: "wx" });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
          throw new DomainopsError("io", `${request.file}: tidak dapat ditulis (cannot be written)`, {
            cause: error,
          });
        }
        existed.add(request.file);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_IN_FLIGHT, queue.length) }, worker));
  for (const request of plan.requests) {
    if (!existed.has(request.file)) continue;
    for (const record of request.records) {
      plan.notImported.push({ record, reason: reasons.requestExists(request.subdomain) });
    }
  }
  plan.requests = plan.requests.filter((request) => !existed.has(request.file));
  // A name whose file appeared meanwhile stays in existing.yaml: no request of ours holds it.
  plan.adopted = plan.adopted.filter((name) => plan.requests.some((request) => request.subdomain === name));
}

function writeExisting(root: string, plan: ImportPlan): void {
  if (plan.protect.size === 0 && plan.adopted.length === 0) return;
  const file = path.join(root, "governance", "existing.yaml");
  const before = existsSync(file) ? readFileSync(file, "utf8") : null;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, updateExistingYaml(before, plan.protect, plan.adopted));
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, SPEC);
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const from = args.values.from;
  if (from === undefined || from === "") throw args.usage("--from FILE wajib (is required)");
  const given = choice<ImportSource>(
    args.values["input-format"],
    ["bind", "cloudflare"],
    "--input-format",
    args.usage,
  );
  const mode = choice<ImportMode>(args.values.as, ["requests", "existing"], "--as", args.usage) ?? "requests";
  const pulumiOut = args.values["pulumi-import"];

  const text = readInput(path.resolve(io.cwd, from), from);
  const source: ImportSource = given ?? (looksLikeCloudflareListing(text) ? "cloudflare" : "bind");
  if (pulumiOut !== undefined && (source !== "cloudflare" || mode !== "requests")) {
    throw args.usage(
      "--pulumi-import hanya untuk JSON Cloudflare dengan --as requests: hanya daftar itu yang membawa id rekaman " +
        "(only for Cloudflare JSON with --as requests: only that listing carries the record ids)",
    );
  }

  const root = path.resolve(io.cwd, args.values.root ?? ".");
  const stack = loadStackSettings(root, args.values.stack);
  await assertPolicyZone(root, stack);
  const zone = stack.settings.zone;
  const parsed: ParseResult =
    source === "cloudflare"
      ? parseCloudflareListing(text, from)
      : parseBindZone(text, { file: from, origin: zone });
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      io.stderr(`${logLine(error.at)}: ${logLine(error.message.id)} (${logLine(error.message.en)})\n`);
    }
    io.stderr("Tidak ada yang diimpor (nothing imported).\n");
    return 2;
  }

  const policy = await loadPolicy(root);
  const broken = policy.diagnostics.filter((d) => d.severity === "error");
  if (broken.length > 0) {
    throw new DomainopsError(
      "config",
      `governance/ tidak sah (is invalid): ${broken.map((d) => `${d.file}:${d.line} ${d.message.en}`).join("; ")}`,
    );
  }
  const requestFiles = requestFilesIn(root);
  const fileByName = new Map(requestFiles.map((f) => [f.replace(/\.ya?ml$/i, "").toLowerCase(), f]));
  const plan = classifyZone({
    records: parsed.records,
    zone,
    source,
    mode,
    policy: policy.policy,
    now: io.now(),
    requestFiles,
    lookup: (name) => {
      const file = fileByName.get(name);
      return file === undefined
        ? undefined
        : { path: `requests/${file}`, bytes: readFileSync(path.join(root, "requests", file)) };
    },
    ...(source === "cloudflare" ? { zoneId: stack.settings.zoneId } : {}),
  });

  await writeRequests(root, plan);
  writeExisting(root, plan);
  if (pulumiOut !== undefined) {
    const file = buildPulumiImport(plan.requests, stack.settings);
    writeFileSync(path.resolve(io.cwd, pulumiOut), `${JSON.stringify(file, null, 2)}\n`);
  }
  io.stdout(
    args.format === "json" ? `${JSON.stringify(buildReport(plan), null, 2)}\n` : renderImportText(plan),
  );
  return plan.notImported.length > 0 ? 1 : 0;
}
