/**
 * Entry point of the `domainops` command: picks the subcommand and turns failures into exit codes.
 * Each subcommand lives in its own module exporting `run(argv, io)`; `process.exit` happens only here.
 */
import { pathToFileURL } from "node:url";
import { loadPackageVersion } from "../adapters/package-version.ts";
import { DomainopsError } from "../core/errors.ts";
import { visibleControls } from "../core/escape.ts";
import { suggest } from "../core/suggest.ts";
import type { Io } from "./io.ts";
import { processIo } from "./io.ts";

type Command = (argv: string[], io: Io) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: {
    summary: "periksa berkas permohonan (validate request files)",
    load: async () => (await import("./validate.ts")).run,
  },
  plan: {
    summary: "tampilkan keadaan DNS yang diinginkan (show the desired DNS state)",
    load: async () => (await import("./plan.ts")).runPlan,
  },
  diff: {
    summary: "perubahan terhadap ref git dasar (changes against a base git ref)",
    load: async () => (await import("./plan.ts")).runDiff,
  },
  export: {
    summary: "ekspor zona sebagai berkas BIND (export the zone as a BIND file)",
    load: async () => (await import("./plan.ts")).runExport,
  },
  approvals: {
    summary: "putuskan persetujuan sesuai SOP (decide SOP approvals)",
    load: async () => (await import("./approvals.ts")).run,
  },
  notify: {
    summary: "kabari pemohon bahwa subdomain aktif (tell the applicant the subdomain is live)",
    load: async () => (await import("./notify.ts")).run,
  },
  apply: {
    summary: "terapkan ke Cloudflare lewat Pulumi (apply to Cloudflare with Pulumi)",
    load: async () => (await import("./apply.ts")).run,
  },
  "pr-preview": {
    summary: "pratinjau perubahan zona sebuah PR (zone-change preview of a pull request)",
    load: async () => (await import("./pr-preview.ts")).run,
  },
  check: {
    summary:
      "periksa seluruh data kantor; --fix menulis berkas buatan (check the office; --fix rewrites generated files)",
    load: async () => (await import("./check.ts")).run,
  },
  init: {
    summary: "siapkan kantor dari preset (scaffold an office from a preset)",
    load: async () => (await import("./init.ts")).run,
  },
  import: {
    summary: "adopsi zona yang sudah ada (adopt an existing zone: BIND file or Cloudflare listing)",
    load: async () => (await import("./import.ts")).run,
  },
  "from-issue": {
    summary:
      "ubah issue formulir permohonan menjadi berkas permohonan (turn a request issue into a request file)",
    load: async () => (await import("./from-issue.ts")).run,
  },
  hosting: {
    summary:
      "satu akun hosting: ensure atau remove, dijalankan oleh program Pulumi (one hosting account, run by the Pulumi program)",
    load: async () => (await import("./hosting.ts")).run,
  },
  intake: {
    summary:
      "isu formulir menjadi pull request, atau komentar perbaikan (an issue form becomes a pull request, or a comment)",
    load: async () => (await import("./intake.ts")).run,
  },
  report: {
    summary: "laporan kegiatan layanan SOP sebulan (the SOP's monthly service report)",
    load: async () => (await import("./report.ts")).run,
  },
  site: {
    summary: "buat situs registri publik (build the public registry site)",
    load: async () => (await import("./site.ts")).run,
  },
  start: {
    summary: "validate + plan atas requests/ tanpa kredensial (validate + plan without credentials)",
    load: async () => (await import("./start.ts")).run,
  },
};

function usage(): string {
  const lines = ["Pemakaian (usage): domainops <perintah> [opsi]", ""];
  for (const [name, { summary }] of Object.entries(commands)) lines.push(`  ${name.padEnd(11)} ${summary}`);
  lines.push(
    "",
    "  --version   versi domainops (the domainops version)",
    "  --help      bantuan ini (this help)",
    "",
    "`domainops <perintah> --help` untuk opsi (for options).",
  );
  return `${lines.join("\n")}\n`;
}

const VERSION_NAMES = new Set(["--version", "-v", "version"]);

async function printVersion(_argv: string[], io: Io): Promise<number> {
  io.stdout(`${loadPackageVersion()}\n`);
  return 0;
}

/** The command called `name`; not one of `Object.prototype`'s names (`domainops constructor`). */
function findCommand(name: string): { load: () => Promise<Command> } | undefined {
  if (VERSION_NAMES.has(name)) return { load: async () => printVersion };
  return Object.hasOwn(commands, name) ? commands[name] : undefined;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // No command is a mistake (exit 2): the usage goes to stderr, not into a pipe.
    io.stderr(usage());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    const close = suggest(name, Object.keys(commands));
    const hint = close === undefined ? "" : `; maksud Anda ${close}? (did you mean ${close}?)`;
    io.stderr(
      `domainops: perintah tidak dikenal "${visibleControls(name)}" (unknown command)${hint}\n\n${usage()}`,
    );
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof DomainopsError) {
      io.stderr(`domainops ${name}: ${error.message}\n`);
      if (error.code === "usage") {
        io.stderr(`Lihat (see) \`domainops ${name} --help\`.\n`);
      }
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`domainops ${name}: galat internal (internal error): ${detail}\n`);
    if (io.env.DOMAINOPS_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
