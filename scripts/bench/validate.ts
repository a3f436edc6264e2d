/**
 * Benchmark of `domainops validate` (issue 2, item 7). For each corpus — the 15,167 real is-a.dev
 * records converted to requests, and N synthetic valid requests (BENCH_SYNTHETIC_N, default 100,000)
 * — it measures in separate processes, BENCH_RUNS times each (default 3), and prints medians of:
 * the floor (read + yaml.parse of the same files, one thread), a full validation, and validating one
 * changed file. Targets: full ≤ 1.5 × floor, one file in the 100,000-file repository < 1 s,
 * 100,000 files < 1 GiB peak.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { judgeTargets, median, type Target, validateTargets } from "./_targets.ts";
import type { Corpus } from "./corpus.ts";
import { buildIsADevCorpus, buildSyntheticCorpus, REPO_ROOT } from "./corpus.ts";

interface Measurement {
  seconds: number;
  wallSeconds: number;
  maxRssMiB: number;
  exit?: number;
  files?: number;
  errors?: number;
  warnings?: number;
  failingFiles?: number;
  rules?: Record<string, number>;
}

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const SYNTHETIC_N = Math.max(1, Number(process.env.BENCH_SYNTHETIC_N ?? 100_000));
const cores = availableParallelism();
const MEASURE = join(REPO_ROOT, "scripts/bench/_measure.ts");

function measure(args: string[], env: Record<string, string>): Measurement {
  const started = performance.now();
  const child = spawnSync(process.execPath, [MEASURE, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !last.startsWith("{")) {
    throw new Error(`bench child failed (${child.status}): ${child.stderr.slice(0, 2000)}`);
  }
  return { ...(JSON.parse(last) as Omit<Measurement, "wallSeconds">), wallSeconds };
}

interface Row {
  label: string;
  wall: number;
  rss: number;
  last: Measurement;
}

function run(label: string, args: string[], env: Record<string, string> = {}): Row {
  const runs: Measurement[] = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`  ${label} ${i + 1}/${RUNS}...\n`);
    runs.push(measure(args, env));
  }
  return {
    label,
    wall: median(runs.map((r) => r.wallSeconds)),
    rss: median(runs.map((r) => r.maxRssMiB)),
    last: runs.at(-1) as Measurement,
  };
}

function report(name: string, corpus: Corpus, rows: Row[], floor: Row): string[] {
  const out = [`## ${name}: ${corpus.files} files (median of ${RUNS} runs, each in its own process)`];
  out.push(
    `${"".padEnd(22)}${"seconds".padStart(9)}${"× floor".padStart(9)}${"peak RSS MiB".padStart(14)}  result`,
  );
  for (const row of rows) {
    const m = row.last;
    const result =
      m.files === undefined
        ? ""
        : `exit ${m.exit}, ${m.files} files, ${m.errors} errors, ${m.warnings} warnings`;
    out.push(
      `${row.label.padEnd(22)}${row.wall.toFixed(2).padStart(9)}${(row.wall / floor.wall).toFixed(2).padStart(9)}` +
        `${row.rss.toFixed(0).padStart(14)}  ${result}`,
    );
  }
  return out;
}

const targets: Target[] = [];

async function benchCorpus(
  name: string,
  build: (dir: string) => Promise<Corpus>,
  large: boolean,
): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "domainops-bench-"));
  try {
    process.stderr.write(`${name}: writing the corpus to ${dir}...\n`);
    const t = performance.now();
    const corpus = await build(dir);
    const buildSeconds = (performance.now() - t) / 1000;
    const floor = run("floor (read+yaml)", ["floor", dir]);
    const full = run("validate (default)", ["validate", dir]);
    const single = run("validate, 1 thread", ["validate", dir], { DOMAINOPS_WORKERS: "1" });
    const both = run(`validate, ${cores} threads`, ["validate", dir], { DOMAINOPS_WORKERS: String(cores) });
    const one = run("validate 1 file", ["validate", dir, join(dir, "requests", corpus.sample)]);
    const lines = report(name, corpus, [floor, full, single, both, one], floor);
    targets.push(
      ...validateTargets(
        name,
        { floor: floor.wall, full: full.wall, oneFile: one.wall, fullRssMiB: full.rss },
        large,
      ),
    );
    // Per-file cost, comparable across corpus sizes: flat means linear, growth would mean quadratic.
    lines.push(
      `per 1,000 files: floor ${((floor.wall / corpus.files) * 1000).toFixed(3)} s, validate ${((full.wall / corpus.files) * 1000).toFixed(3)} s`,
    );
    lines.push(`corpus written in ${buildSeconds.toFixed(1)} s; one file = requests/${corpus.sample}`);
    if (corpus.rejectedFiles > 0) {
      const types = Object.entries(corpus.rejectedTypes)
        .map(([type, count]) => `${type} ${count}`)
        .join(", ");
      lines.push(`files with record types the project refuses: ${corpus.rejectedFiles} (records: ${types})`);
    }
    if (full.last.failingFiles !== undefined) {
      const rules = Object.entries(full.last.rules ?? {})
        .sort((a, b) => b[1] - a[1])
        .map(([rule, count]) => `${rule} ${count}`)
        .join(", ");
      lines.push(`files with errors: ${full.last.failingFiles}${rules ? ` (errors by rule: ${rules})` : ""}`);
    }
    return lines;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const lines = [
  "# domainops validate",
  `node ${process.version}, ${cores} cores, load average ${loadavg()[0]?.toFixed(1)} at start, ${RUNS} run(s) per figure; targets: full ≤ 1.5 × floor, one file < 1 s at 100,000 files, 100,000 files < 1024 MiB`,
  "",
  ...(await benchCorpus("is-a.dev records", (dir) => buildIsADevCorpus(dir), false)),
  "",
  ...(await benchCorpus(`synthetic valid requests`, (dir) => buildSyntheticCorpus(dir, SYNTHETIC_N), true)),
];
const judged = judgeTargets(targets);
process.stdout.write(`${[...lines, "", "## targets", ...judged.lines].join("\n")}\n`);
process.exitCode = judged.exitCode;
