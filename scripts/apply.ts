/**
 * Applies the approved requests: Automation API preview, the deletion gate, then up.
 *
 *   node scripts/apply.ts [--stack NAME] [--root DIR] [--force] [--max-delete-share 0.3]
 *                         [--preview-only] [--refresh]
 *
 * Exit codes: 0 applied (or nothing to do / preview passed), 1 refused by the gate or invalid
 * requests, 2 usage or outage, 3 drift found (`--refresh`: the zone differs from the stack).
 * Needs the Pulumi CLI, a backend login and CLOUDFLARE_API_TOKEN (the apply job in GitHub Actions).
 */
import { appendFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { OpenStack } from "../src/adapters/pulumi.ts";
import { validateRepository } from "../src/adapters/repository.ts";
import { assertPolicyZone, loadStackSettings } from "../src/adapters/stack.ts";
import { type Io, processIo } from "../src/cli/io.ts";
import { buildDesiredState } from "../src/core/desired-state.ts";
import { DomainopsError } from "../src/core/errors.ts";
import { countDnsSteps, decideGate, hasChanges, renderGateSummary } from "../src/core/gate.ts";
import { renderText } from "../src/core/render-diagnostics.ts";
import { DNS_RECORD_TYPE } from "../src/core/resources.ts";
import { findUnpublishableOrigins, renderOriginProblems } from "../src/core/zone-settings.ts";

const HELP = `Pemakaian (usage): node scripts/apply.ts [--stack NAME] [--root DIR] [--force]
       [--max-delete-share N] [--preview-only] [--refresh]

Menerapkan permohonan ke Cloudflare lewat Pulumi: preview, gerbang penghapusan, lalu up.
(Applies the requests to Cloudflare with Pulumi: preview, the deletion gate, then up.)

  --stack NAME            stack Pulumi (default: satu-satunya Pulumi.<stack>.yaml / the only stack file)
  --root DIR              folder proyek berisi Pulumi.yaml (project folder; default: .)
  --force                 terapkan walau melebihi batas hapus (apply even over the deletion limit)
  --max-delete-share N    bagian rekaman yang boleh dihapus/diganti, 0–1 (share of records that may be
                          deleted/replaced; default: domainops:maxDeleteShare atau/or 0.3)
  --preview-only          hanya preview dan gerbang (preview and gate only)
  --refresh               periksa drift: refresh + preview, keluar 3 bila ada perubahan
                          (drift check: refresh + preview, exit 3 when anything would change)

Kode keluar (exit codes): 0 ok, 1 ditolak (refused), 2 salah pakai/galat (usage/error), 3 drift.
`;

interface Args {
  stack: string | undefined;
  root: string;
  force: boolean;
  maxDeleteShare: number | undefined;
  previewOnly: boolean;
  refresh: boolean;
  help: boolean;
}

export function parseApplyArgs(argv: string[]): Args {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        root: { type: "string" },
        force: { type: "boolean" },
        "max-delete-share": { type: "string" },
        "preview-only": { type: "boolean" },
        refresh: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new DomainopsError("usage", `${error instanceof Error ? error.message : String(error)}\n${HELP}`);
  }
  const shareText = values["max-delete-share"] as string | undefined;
  const share = shareText === undefined ? undefined : Number(shareText);
  if (share !== undefined && !(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw new DomainopsError("usage", `--max-delete-share harus 0–1 (must be 0 to 1): ${shareText}`);
  }
  return {
    stack: values.stack as string | undefined,
    root: (values.root as string | undefined) ?? ".",
    force: values.force === true,
    maxDeleteShare: share,
    previewOnly: values["preview-only"] === true,
    refresh: values.refresh === true,
    help: values.help === true,
  };
}

function writeSummary(io: Io, markdown: string): void {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, markdown);
  } catch (error) {
    throw new DomainopsError("io", `GITHUB_STEP_SUMMARY tidak dapat ditulis (cannot be written): ${file}`, {
      cause: error,
    });
  }
}

export async function apply(argv: string[], io: Io, openStack?: OpenStack): Promise<number> {
  const args = parseApplyArgs(argv);
  if (args.help) {
    io.stdout(HELP);
    return 0;
  }
  const root = path.resolve(io.cwd, args.root);
  const stackSettings = loadStackSettings(root, args.stack);
  await assertPolicyZone(root, stackSettings);
  const maxShare = args.maxDeleteShare ?? stackSettings.settings.maxDeleteShare;
  // Checked here first so a broken tree fails with the validator's findings before any login.
  const validation = await validateRepository(root, { now: io.now() });
  if (validation.errors > 0) {
    io.stderr(renderText(validation));
    io.stderr("Permohonan tidak sah, tidak ada yang diterapkan (invalid requests, nothing applied).\n");
    return 1;
  }
  buildDesiredState(validation.requests, stackSettings.settings);
  const badOrigins = findUnpublishableOrigins(stackSettings.settings);
  if (
    badOrigins.length > 0 &&
    validation.requests.some((loaded) => loaded.request.hosting.jenis === "server")
  ) {
    io.stderr(renderOriginProblems(badOrigins, stackSettings.file));
    io.stderr("Tidak ada yang diterapkan (nothing applied).\n");
    return 1;
  }
  const open = openStack ?? (await import("../src/adapters/pulumi.ts")).openStack;
  const stack = await open({ root, stack: stackSettings.name });
  const onOutput = (text: string) => io.stderr(text);

  const managedTotal = await stack.countResources(DNS_RECORD_TYPE);
  const preview = await stack.preview({ refresh: args.refresh, onOutput });
  const counts = countDnsSteps(preview.events);
  const decision = decideGate({ counts, managedTotal, maxShare, force: args.force });
  io.stdout(
    `Rekaman DNS (DNS records): ${counts.create} dibuat/create, ${counts.update} diubah/update, ` +
      `${counts.replace} diganti/replace, ${counts.delete} dihapus/delete, ${counts.same} tetap/same; ` +
      `${managedTotal} dikelola sebelum ini (managed before).\n${decision.message.id}\n(${decision.message.en})\n`,
  );

  if (args.refresh) {
    const drift = hasChanges(preview.changeSummary);
    io.stdout(
      drift
        ? "Drift: zona berbeda dari stack (the zone differs from the stack).\n"
        : "Tanpa drift (no drift).\n",
    );
    writeSummary(
      io,
      renderGateSummary({ stack: stack.name, counts, managedTotal, decision, mode: "drift", applied: false }),
    );
    return drift ? 3 : 0;
  }
  if (args.previewOnly || !decision.allowed) {
    writeSummary(
      io,
      renderGateSummary({
        stack: stack.name,
        counts,
        managedTotal,
        decision,
        mode: "preview",
        applied: false,
      }),
    );
    return decision.allowed ? 0 : 1;
  }
  if (!hasChanges(preview.changeSummary)) {
    io.stdout("Tidak ada perubahan, tidak ada yang diterapkan (no changes, nothing applied).\n");
    writeSummary(
      io,
      renderGateSummary({ stack: stack.name, counts, managedTotal, decision, mode: "apply", applied: false }),
    );
    return 0;
  }
  await stack.up({ onOutput });
  io.stdout("Perubahan diterapkan (changes applied).\n");
  writeSummary(
    io,
    renderGateSummary({ stack: stack.name, counts, managedTotal, decision, mode: "apply", applied: true }),
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const io = processIo();
  try {
    process.exitCode = await apply(process.argv.slice(2), io);
  } catch (error) {
    // Pulumi's own errors carry the engine output; one line is enough, the output was streamed.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`apply: ${message}\n`);
    process.exitCode = 2;
  }
}
