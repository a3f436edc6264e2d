/**
 * Benchmark of hosting accounts: an office of 1,000 `hosting.akun` requests on two Linux servers
 * (half of them nested under `desa`), planned with `domainops plan --format json` in a process of its
 * own, BENCH_RUNS times (default 3); the median wall time must stay under 2 s. Also reports, in
 * process, the desired state and the 1,000 jobs the Pulumi program would hand to its commands.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { validateRepository } from "../../src/adapters/repository.ts";
import { loadStackSettings } from "../../src/cli/plan.ts";
import { buildHostingJob, renderHostingJob } from "../../src/core/hosting/job.ts";
import { buildDesiredState } from "../../src/core/infra/desired-state.ts";
import { accountsPlanTarget, judgeTargets, median } from "./_targets.ts";
import { REPO_ROOT } from "./corpus.ts";

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const ACCOUNTS = 1000;
const OFFICE = join(REPO_ROOT, "test/fixtures/office");
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+";

const root = mkdtempSync(join(tmpdir(), "domainops-bench-accounts-"));
try {
  cpSync(join(OFFICE, "governance"), join(root, "governance"), { recursive: true });
  mkdirSync(join(root, "requests"));
  const stack = readFileSync(join(OFFICE, "Pulumi.kudus.yaml"), "utf8").replace(
    / {2}domainops:hostingServers:[\s\S]*$/,
    `  domainops:hostingServers:
${["web1", "web2"]
  .map(
    (name, i) => `    - name: ${name}
      kind: linux
      address: 10.10.1.${30 + i}
      hostKey: ${HOST_KEY}
      php: ["8.2", "8.3"]
      packages:
        kecil: { diskQuotaMb: 1024 }
        sedang: { diskQuotaMb: 5120, phpMaxChildren: 10, phpMemoryLimitMb: 256 }
`,
  )
  .join("")}`,
  );
  writeFileSync(join(root, "Pulumi.kudus.yaml"), stack);
  const template = readFileSync(join(OFFICE, "requests/dinkes.yaml"), "utf8").replace(
    /^dns:[\s\S]*?(?=^catatan:)/m,
    "",
  );
  for (let i = 0; i < ACCOUNTS; i++) {
    const nested = i % 2 === 1;
    const subdomain = nested ? `desa${i}.desa` : `unit${i}`;
    const text = template
      .replace("subdomain: dinkes", `subdomain: ${subdomain}`)
      .replace("jenis: dinas", nested ? "jenis: desa" : "jenis: dinas")
      .replace(
        "    paket: sedang\n",
        `    paket: ${i % 3 === 0 ? "sedang" : "kecil"}\n    server: web${(i % 2) + 1}\n`,
      );
    writeFileSync(join(root, "requests", `${subdomain}.yaml`), text);
  }

  const seconds: number[] = [];
  let planned = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "src/cli/main.ts"), "plan", "--root", root, "--stack", "kudus", "--format", "json"],
      { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
    );
    seconds.push((performance.now() - started) / 1000);
    if (child.status !== 0) throw new Error(`plan failed (${child.status}): ${child.stderr.slice(0, 2000)}`);
    planned = (JSON.parse(child.stdout) as { accounts: unknown[] }).accounts.length;
  }
  if (planned !== ACCOUNTS) throw new Error(`planned ${planned} accounts, not ${ACCOUNTS}`);

  // In process: what the program does per apply besides registering.
  const settings = loadStackSettings(root, "kudus").settings;
  const loaded = await validateRepository(root, { now: new Date() });
  let t = performance.now();
  const state = buildDesiredState(loaded.requests, settings);
  const stateMs = performance.now() - t;
  t = performance.now();
  let bytes = 0;
  for (const account of state.accounts) {
    const server = settings.hostingServers.find((s) => s.name === account.server);
    if (server === undefined) throw new Error(`no server ${account.server}`);
    bytes += renderHostingJob(buildHostingJob(account, server, [], ["173.245.48.0/20"])).length;
  }
  const jobsMs = performance.now() - t;

  const judged = judgeTargets([accountsPlanTarget(median(seconds))]);
  process.stdout.write(
    [
      `## ${ACCOUNTS} hosting accounts (${RUNS} runs, load ${loadavg()[0]?.toFixed(2)})`,
      `plan --format json: ${seconds.map((s) => s.toFixed(2)).join(" s, ")} s`,
      `buildDesiredState (in process): ${stateMs.toFixed(0)} ms; ${state.accounts.length} jobs built and rendered: ${jobsMs.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KiB of stdin)`,
      ...judged.lines,
      "",
    ].join("\n"),
  );
  process.exitCode = judged.exitCode;
} finally {
  rmSync(root, { recursive: true, force: true });
}
