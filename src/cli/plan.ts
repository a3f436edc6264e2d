/**
 * `domainops plan | diff | export`: the desired state of the zone, what a change does to it, and the
 * zone as a BIND file. No credentials: zone settings come straight from `Pulumi.<stack>.yaml`.
 */
import path from "node:path";
import { resolveCommit } from "../adapters/git.ts";
import { validateRepository, validateRepositoryAt } from "../adapters/repository.ts";
import {
  assertPolicyZone,
  loadStackSettings,
  loadStackSettingsAt,
  ruleStackOf,
  type StackSettings,
} from "../adapters/stack.ts";
import { DomainopsError } from "../core/errors.ts";
import { visibleControls } from "../core/escape.ts";
import { buildDesiredState, type DesiredState } from "../core/infra/desired-state.ts";
import { diffDesiredStates } from "../core/infra/diff.ts";
import { checkOrigins } from "../core/infra/origin-check.ts";
import { PLAN_FORMATS, renderDiff, renderPlan } from "../core/infra/render.ts";
import { MAX_SERIAL, serialFor } from "../core/infra/serial.ts";
import { renderZoneFile } from "../core/infra/zonefile.ts";
import { schemaOnlyPolicy } from "../core/request/policy.ts";
import { renderJson, renderMarkdownSummary, renderText, renderTextSummary } from "../core/request/render.ts";
import type { ValidationResult } from "../core/request/validate.ts";
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";

/** Kept here too: other commands read the stack settings through this module. */
export { loadStackSettings, type StackSettings };

const COMMON_HELP = `  --root DIR        folder berisi requests/, governance/ dan Pulumi.<stack>.yaml (default: .)
  --stack NAME      stack Pulumi; pengaturan zona dibaca dari Pulumi.NAME.yaml
                    (Pulumi stack; zone settings are read from Pulumi.NAME.yaml; default: the only one)
  -h, --help        bantuan ini (this help)`;

const HELP = {
  plan: `Pemakaian (usage): domainops plan [--root DIR] [--stack NAME] [--format text|json|markdown]

Menampilkan rekaman DNS dan hosting yang diinginkan, tanpa kredensial.
(Shows the desired DNS records and hosting, without credentials.)

${COMMON_HELP}
  --format FORMAT   text (bawaan/default), json, markdown
`,
  diff: `Pemakaian (usage): domainops diff --base REF [--root DIR] [--stack NAME] [--format text|json|markdown]

Perubahan keadaan DNS antara ref git dasar dan working tree, tanpa kredensial.
(Changes of the desired DNS state between a base git ref and the working tree, without credentials.)

  --base REF        ref git dasar, mis. origin/main (base git ref, e.g. origin/main)
${COMMON_HELP}
  --format FORMAT   text (bawaan/default), json, markdown
`,
  export: `Pemakaian (usage): domainops export --format bind [--root DIR] [--stack NAME] [--previous-serial N]

Menulis rekaman yang dikelola sebagai berkas zona RFC 1035 (BIND).
(Writes the managed records as an RFC 1035 (BIND) zone file.)

${COMMON_HELP}
  --format bind     satu-satunya format (the only format)
  --previous-serial N
                    serial SOA yang sekarang dilayani server Anda; serial baru pasti lebih besar
                    (the SOA serial your server serves now; the new serial is greater than it)

Serial SOA = detik Unix + 1000000000: naik tiap detik dan lebih besar dari serial YYYYMMDDnn
(RFC 1982). (The SOA serial is the Unix time in seconds + 10^9: it grows every second and is
greater than YYYYMMDDnn serials.)
`,
};

const COMMON_OPTIONS = { root: { type: "string" }, stack: { type: "string" } } as const;

interface Options {
  root: string;
  stack: string | undefined;
}

function optionsOf(values: { root?: string | undefined; stack?: string | undefined }): Options {
  return { root: values.root ?? ".", stack: values.stack };
}

/** Prints the validator's findings the way the chosen format expects; exit code 1. */
function reportInvalid(result: ValidationResult, format: string, io: Io): number {
  if (format === "json") io.stdout(renderJson(result));
  else if (format === "markdown") io.stdout(renderMarkdownSummary(result));
  else io.stderr(renderText(result));
  io.stderr(renderTextSummary(result));
  io.stderr(
    "Permohonan tidak sah; rencana tidak dibuat (invalid requests; no plan made). Perbaiki dulu (fix them first).\n",
  );
  return 1;
}

interface Head {
  root: string;
  stack: StackSettings;
  result: ValidationResult;
  state: DesiredState | null;
}

async function loadHead(options: Options, io: Io): Promise<Head> {
  const root = path.resolve(io.cwd, options.root);
  const stack = loadStackSettings(root, options.stack);
  await assertPolicyZone(root, stack);
  const result = await validateRepository(root, { now: io.now(), stack: ruleStackOf(stack) });
  const state = result.errors > 0 ? null : buildDesiredState(result.requests, stack.settings);
  return { root, stack, result, state };
}

export async function runPlan(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    help: HELP.plan,
    options: COMMON_OPTIONS,
    formats: PLAN_FORMATS,
    defaultFormat: "text",
  });
  if (args === "help") {
    io.stdout(HELP.plan);
    return 0;
  }
  const format = args.format;
  const head = await loadHead(optionsOf(args.values), io);
  if (head.state === null) return reportInvalid(head.result, format, io);
  const origins = checkOrigins({
    settings: head.stack.settings,
    file: head.stack.file,
    hostings: head.result.requests.map((loaded) => loaded.request.hosting.jenis),
  });
  // The plan shows what apply would do; apply itself refuses when a request uses such an origin.
  if (origins.verdict !== "ok") io.stderr(`peringatan (warning): ${origins.report}`);
  io.stdout(renderPlan(head.state, format));
  return 0;
}

/**
 * The desired state of `ref`, read from git objects (no checkout). The base only has to yield its
 * records, not pass today's rules (it was merged under yesterday's), so no rule runs on it.
 */
function loadBaseState(root: string, ref: string, head: Head, io: Io): DesiredState {
  const commit = resolveCommit(root, ref);
  const result = validateRepositoryAt(root, commit, {
    now: io.now(),
    policy: schemaOnlyPolicy(head.stack.settings.zone),
    rules: [],
  });
  if (result.errors > 0) {
    io.stderr(
      `peringatan (warning): ${result.errors} galat pada permohonan di ${ref}; berkas itu tidak dihitung di ` +
        `dasar perbandingan (${result.errors} errors in the requests at ${ref}; those files are left out of the base)\n`,
    );
  }
  return buildDesiredState(result.requests, loadStackSettingsAt(root, commit, head.stack.file));
}

export async function runDiff(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    help: HELP.diff,
    options: { ...COMMON_OPTIONS, base: { type: "string" } },
    formats: PLAN_FORMATS,
    defaultFormat: "text",
  });
  if (args === "help") {
    io.stdout(HELP.diff);
    return 0;
  }
  const format = args.format;
  const ref = args.values.base;
  if (ref === undefined || ref === "") throw args.usage("--base REF wajib (is required)");
  const head = await loadHead(optionsOf(args.values), io);
  if (head.state === null) return reportInvalid(head.result, format, io);
  const base = loadBaseState(head.root, ref, head, io);
  io.stdout(renderDiff(diffDesiredStates(base, head.state), format));
  return 0;
}

/** `--previous-serial N`: an SOA serial, a whole number 0 .. 2^32 - 1. */
function previousSerialOf(
  text: string | undefined,
  usage: (message: string) => DomainopsError,
): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d{1,10}$/.test(text) && Number(text) <= MAX_SERIAL) return Number(text);
  throw usage(
    `--previous-serial "${visibleControls(text)}" harus bilangan bulat 0–${MAX_SERIAL} ` +
      `(must be a whole number 0 to ${MAX_SERIAL})`,
  );
}

export async function runExport(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    help: HELP.export,
    options: { ...COMMON_OPTIONS, "previous-serial": { type: "string" } },
    formats: ["bind"],
  });
  if (args === "help") {
    io.stdout(HELP.export);
    return 0;
  }
  const previous = previousSerialOf(args.values["previous-serial"], args.usage);
  const head = await loadHead(optionsOf(args.values), io);
  if (head.state === null) return reportInvalid(head.result, "text", io);
  const nameservers = head.stack.settings.nameservers;
  if (nameservers.length === 0) {
    throw new DomainopsError(
      "config",
      `${head.stack.file}: domainops:nameservers kosong; isi dengan name server zona ` +
        "(is empty; set the zone's name servers, e.g. the two Cloudflare assigned)",
    );
  }
  io.stdout(renderZoneFile(head.state, { nameservers, serial: serialFor(io.now(), previous) }));
  return 0;
}
