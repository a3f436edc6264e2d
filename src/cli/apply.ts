/**
 * `domainops apply`: applies the approved requests: Automation API preview, the deletion gate, then up.
 *
 *   domainops apply [--stack NAME] [--root DIR] [--commit SHA] [--force]
 *                   [--max-delete-share 0.3] [--preview-only] [--refresh]
 *
 * Exit codes: 0 applied (or nothing to do / preview passed), 1 refused by the gate or invalid
 * requests, 2 usage or outage, 3 drift found (`--refresh`: the zone differs from the stack).
 * Needs the Pulumi CLI, a backend login and CLOUDFLARE_API_TOKEN (the apply job in GitHub Actions).
 */
import { appendFileSync } from "node:fs";
import path from "node:path";
import { resolveCommit } from "../adapters/git.ts";
import type { OpenStack } from "../adapters/pulumi.ts";
import { validateRepository } from "../adapters/repository.ts";
import { assertPolicyZone, loadStackSettings, loadStackSettingsAt } from "../adapters/stack.ts";
import { DomainopsError } from "../core/errors.ts";
import { buildDesiredState } from "../core/infra/desired-state.ts";
import {
  countManaged,
  countSteps,
  decideGate,
  hasChanges,
  renderGateSummary,
  renderStepLine,
  riskyOf,
} from "../core/infra/gate.ts";
import { checkOrigins } from "../core/infra/origin-check.ts";
import { renderText } from "../core/request/render.ts";
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops apply [--stack NAME] [--root DIR] [--commit SHA] [--force]
       [--max-delete-share N] [--preview-only] [--refresh]

Menerapkan permohonan ke Cloudflare lewat Pulumi: preview, gerbang penghapusan, lalu up.
(Applies the requests to Cloudflare with Pulumi: preview, the deletion gate, then up.)

  --stack NAME            stack Pulumi (default: satu-satunya Pulumi.<stack>.yaml / the only stack file)
  --root DIR              folder proyek berisi Pulumi.yaml (project folder; default: .)
  --commit SHA            commit yang diterapkan, dicatat sebagai output stack appliedCommit
                          (the commit applied, recorded as the stack output appliedCommit;
                          default: HEAD dari --root bila repositori git / if a git repository)
  --force                 terapkan walau melebihi batas hapus (apply even over the deletion limit)
  --max-delete-share N    bagian objek yang boleh dihapus/diganti, 0–1 (share of managed objects that
                          may be deleted/replaced; default: domainops:maxDeleteShare dari commit yang
                          terakhir diterapkan / from the last applied commit, atau/or 0.3)
  --preview-only          hanya preview dan gerbang (preview and gate only)
  --refresh               periksa drift: refresh + preview, keluar 3 bila ada perubahan
                          (drift check: refresh + preview, exit 3 when anything would change)

Kode keluar (exit codes): 0 ok, 1 ditolak (refused), 2 salah pakai/galat (usage/error), 3 drift.
`;

interface Args {
  stack: string | undefined;
  root: string;
  commit: string | undefined;
  force: boolean;
  maxDeleteShare: number | undefined;
  previewOnly: boolean;
  refresh: boolean;
}

const SPEC = {
  help: HELP,
  options: {
    stack: { type: "string" },
    root: { type: "string" },
    commit: { type: "string" },
    force: { type: "boolean" },
    "max-delete-share": { type: "string" },
    "preview-only": { type: "boolean" },
    refresh: { type: "boolean" },
  },
} as const;

export function parseApplyArgs(argv: string[]): Args | "help" {
  const args = parseCommandArgs(argv, SPEC);
  if (args === "help") return "help";
  const { values } = args;
  const shareText = values["max-delete-share"];
  const share = shareText === undefined ? undefined : Number(shareText);
  if (share !== undefined && !(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw args.usage(`--max-delete-share harus 0–1 (must be 0 to 1): ${shareText}`);
  }
  const commit = values.commit;
  if (commit !== undefined && !/^[0-9a-f]{40}$/.test(commit)) {
    throw args.usage(`--commit harus SHA 40 heksa (must be a full 40-hex SHA): ${commit}`);
  }
  return {
    stack: values.stack,
    root: values.root ?? ".",
    commit,
    force: values.force === true,
    maxDeleteShare: share,
    previewOnly: values["preview-only"] === true,
    refresh: values.refresh === true,
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

/** The stack output `appliedCommit`, when it is a full commit id. */
export function appliedCommitOf(outputs: Record<string, unknown>): string | null {
  const value = outputs.appliedCommit;
  return typeof value === "string" && /^[0-9a-f]{40}$/.test(value) ? value : null;
}

/** HEAD of the root's git repository, or null outside one (a missing git is an error). */
function headCommit(root: string): string | null {
  try {
    return resolveCommit(root, "HEAD");
  } catch (error) {
    if (error instanceof DomainopsError && error.code === "tool") throw error;
    return null;
  }
}

export async function run(argv: string[], io: Io, openStack?: OpenStack): Promise<number> {
  const args = parseApplyArgs(argv);
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const root = path.resolve(io.cwd, args.root);
  const stackSettings = loadStackSettings(root, args.stack);
  await assertPolicyZone(root, stackSettings);
  // Checked here first so a broken tree fails with the validator's findings before any login.
  const validation = await validateRepository(root, { now: io.now() });
  if (validation.errors > 0) {
    io.stderr(renderText(validation));
    io.stderr("Permohonan tidak sah, tidak ada yang diterapkan (invalid requests, nothing applied).\n");
    return 1;
  }
  buildDesiredState(validation.requests, stackSettings.settings);
  const origins = checkOrigins({
    settings: stackSettings.settings,
    file: stackSettings.file,
    hostings: validation.requests.map((loaded) => loaded.request.hosting.jenis),
  });
  if (origins.verdict === "refuse") {
    io.stderr(origins.report);
    io.stderr("Tidak ada yang diterapkan (nothing applied).\n");
    return 1;
  }
  const open = openStack ?? (await import("../adapters/pulumi.ts")).openStack;
  const commit = args.commit ?? headCommit(root);
  const stack = await open({ root, stack: stackSettings.name, commit });
  const onOutput = (text: string) => io.stderr(text);

  // The threshold is the one of the last applied commit: a pull request that raises it cannot use
  // the raised limit for its own deletions.
  const lastApplied = appliedCommitOf(await stack.outputs());
  const maxShare =
    args.maxDeleteShare ??
    (lastApplied === null
      ? stackSettings.settings
      : loadStackSettingsAt(root, lastApplied, stackSettings.file)
    ).maxDeleteShare;
  const managed = countManaged(await stack.resources());
  const managedTotal = Object.values(managed).reduce((sum, n) => sum + n, 0);
  const preview = await stack.preview({ refresh: args.refresh, onOutput });
  const steps = countSteps(preview.events);
  const decision = decideGate({
    counts: steps.total,
    managedTotal,
    maxShare,
    force: args.force,
    accounts: riskyOf(steps.byKind.hostingAccount),
  });
  io.stdout(
    `${renderStepLine(steps.total, managedTotal)}\n${decision.message.id}\n(${decision.message.en})\n`,
  );
  const summary = (mode: "preview" | "apply" | "drift", applied: boolean) =>
    writeSummary(
      io,
      renderGateSummary({ stack: stack.name, steps, managed, managedTotal, decision, mode, applied }),
    );

  if (args.refresh) {
    const drift = hasChanges(preview.changeSummary);
    io.stdout(
      drift
        ? "Drift: zona berbeda dari stack (the zone differs from the stack).\n"
        : "Tanpa drift (no drift).\n",
    );
    summary("drift", false);
    return drift ? 3 : 0;
  }
  if (args.previewOnly || !decision.allowed) {
    summary("preview", false);
    return decision.allowed ? 0 : 1;
  }
  // Nothing to change and the commit already recorded: no update. A new commit with no resource
  // change still runs `up`, so the recorded commit moves on and the next verification starts here.
  if (!hasChanges(preview.changeSummary) && (commit === null || commit === lastApplied)) {
    io.stdout("Tidak ada perubahan, tidak ada yang diterapkan (no changes, nothing applied).\n");
    summary("apply", false);
    return 0;
  }
  await stack.up({ onOutput });
  io.stdout(
    hasChanges(preview.changeSummary)
      ? "Perubahan diterapkan (changes applied).\n"
      : `Tanpa perubahan sumber daya; commit ${commit?.slice(0, 7)} dicatat (no resource change; commit recorded).\n`,
  );
  summary("apply", true);
  return 0;
}
