/**
 * Benchmark of `domainops site`: 15,000 synthetic valid requests (BENCH_SITE_N), each with the merged
 * pull request that added it, and 200 open pull requests with an approval each (the SOP walk of every
 * one), the Kudus preset as governance. Each run in a process of its own, BENCH_RUNS times (default 3);
 * the median wall time of the command (validate, model, render, write) is judged. Target: < 5 s.
 * Then the same corpus gets a git history (BENCH_SITE_COMMITS first-parent commits, default 3,000, the
 * files spread over them, written by `git fast-import`) and the command runs again, dating every
 * subdomain from that history in a git process beside the validation: once cold (the whole history read,
 * reported), then BENCH_RUNS times as the site workflow runs it after a push, with the `--arrivals` file
 * of the previous build (one commit behind), which is judged with the plain build.
 * For context it also times read + `yaml.parse` of the same files on one thread (`_measure.ts floor`):
 * what reading alone costs with the strict loader's library, which the site's fast reader
 * (`src/core/request/fast-load.ts`) goes below.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runMeasuringChild } from "./_child.ts";
import { judgeTargets, median, siteTarget } from "./_targets.ts";
import { buildSyntheticCorpus, REPO_ROOT } from "./corpus.ts";

const N = Math.max(1, Number(process.env.BENCH_SITE_N ?? 15_000));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const OPEN = 200;
const COMMITS = Math.max(1, Number(process.env.BENCH_SITE_COMMITS ?? 3_000));
const MEASURE = join(REPO_ROOT, "scripts/bench/_site-measure.ts");
const PRESET = join(REPO_ROOT, "governance/presets/kudus");

interface Figures {
  seconds: number;
  maxRssMiB: number;
  exit: number;
}

/** One merged pull request per request file, then open ones adding new names with one approval. */
function savedPulls(names: readonly string[]): unknown[] {
  const sha = (c: string) => c.repeat(40);
  const pull = (number: number, extra: Record<string, unknown>) => ({
    number,
    state: "closed",
    title: `Permohonan ${number}`,
    user: { id: 1_000_000 + number, login: `pemohon${number}` },
    created_at: "2026-03-02T01:00:00Z",
    merged_at: "2026-03-04T03:00:00Z",
    closed_at: "2026-03-04T03:00:00Z",
    head: { sha: sha("a") },
    base: { sha: sha("b"), ref: "main" },
    ...extra,
  });
  const merged = names.map((name, i) => ({
    pull: pull(i + 1, {}),
    reviews: [],
    files: [{ filename: `requests/${name}`, status: "added" }],
  }));
  const open = Array.from({ length: OPEN }, (_, i) => ({
    pull: pull(names.length + i + 1, {
      state: "open",
      merged_at: null,
      closed_at: null,
      created_at: "2026-11-30T01:00:00Z",
    }),
    reviews: [
      {
        id: i + 1,
        user: { id: 42, login: "pejabat" },
        state: "APPROVED",
        commit_id: sha("a"),
        submitted_at: "2026-11-30T02:00:00Z",
      },
    ],
    files: [{ filename: `requests/baru${i}.yaml`, status: "added" }],
  }));
  return [...merged, ...open];
}

/**
 * Makes `root` a git repository whose history adds the request files over COMMITS commits an hour
 * apart (governance in the first), through one `git fast-import` stream; then checks the files out.
 */
function addHistory(root: string, names: readonly string[]): void {
  const git = (args: string[], input?: string) => {
    const run = spawnSync("git", ["-C", root, ...args], {
      input,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
    });
    if (run.status !== 0) throw new Error(`git ${args[0]} failed: ${run.stderr}`);
  };
  git(["init", "-q", "-b", "main"]);
  const per = Math.ceil(names.length / COMMITS);
  const blob = (path: string) => {
    const text = readFileSync(join(root, path), "utf8");
    return `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  };
  const chunks: string[] = [];
  for (let c = 0; c < COMMITS; c++) {
    const message = `Merge pull request #${c + 1}`;
    chunks.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.go.id> ${1_700_000_000 + c * 3600} +0000\n`,
      `data ${message.length}\n${message}\n`,
    );
    if (c === 0)
      for (const file of readdirSync(join(root, "governance"))) chunks.push(blob(`governance/${file}`));
    for (const name of names.slice(c * per, (c + 1) * per)) chunks.push(blob(`requests/${name}`));
    chunks.push("\n");
  }
  git(["fast-import", "--quiet"], chunks.join(""));
  git(["checkout", "-q", "-f", "main"]);
}

/** One more commit on main, touching no request (a README change), as a push between builds. */
function addCommit(root: string, i: number): void {
  writeFileSync(join(root, "README.md"), `push ${i}\n`);
  for (const args of [
    ["add", "README.md"],
    ["commit", "-q", "-m", `push ${i}`],
  ]) {
    const run = spawnSync(
      "git",
      ["-C", root, "-c", "user.name=Bench", "-c", "user.email=bench@example.go.id", ...args],
      {
        encoding: "utf8",
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
      },
    );
    if (run.status !== 0) throw new Error(`git ${args[0]} failed: ${run.stderr}`);
  }
}

function measure(root: string, out: string, pulls: string, arrivals?: string): Figures {
  const figures = runMeasuringChild<Figures>(MEASURE, [root, out, pulls, ...(arrivals ? [arrivals] : [])]);
  if (figures.exit !== 0) throw new Error(`domainops site exited ${figures.exit}`);
  return figures;
}

const dir = await mkdtemp(join(tmpdir(), "domainops-bench-site-"));
try {
  process.stderr.write(`  writing ${N} requests...\n`);
  const corpus = await buildSyntheticCorpus(dir, N);
  for (const file of ["officials.yaml", "sop.yaml", "calendar.yaml"]) {
    await copyFile(join(PRESET, file), join(corpus.root, "governance", file));
  }
  const names = (await readdir(join(corpus.root, "requests"))).filter((name) => name.endsWith(".yaml"));
  const pulls = join(dir, "pulls.json");
  await writeFile(pulls, JSON.stringify(savedPulls(names)));
  const runs: Figures[] = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`  site ${i + 1}/${RUNS}...\n`);
    runs.push(measure(corpus.root, join(dir, `out${i}`), pulls));
  }
  process.stderr.write(`  adding a history of ${COMMITS} commits...\n`);
  addHistory(corpus.root, names);
  const arrivals = join(dir, "arrivals.json");
  process.stderr.write("  site with git history, cold...\n");
  const cold = measure(corpus.root, join(dir, "cold"), pulls, arrivals);
  const dated: Figures[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A push after the previous build: the arrivals file is one commit behind.
    addCommit(corpus.root, i);
    process.stderr.write(`  site with git history after a push ${i + 1}/${RUNS}...\n`);
    dated.push(measure(corpus.root, join(dir, `dated${i}`), pulls, arrivals));
  }
  const floorSeconds = runMeasuringChild<{ seconds: number }>(join(REPO_ROOT, "scripts/bench/_measure.ts"), [
    "floor",
    corpus.root,
  ]).seconds;
  const seconds = median(runs.map((r) => r.seconds));
  const rss = median(runs.map((r) => r.maxRssMiB));
  const datedSeconds = median(dated.map((r) => r.seconds));
  const judged = judgeTargets([
    siteTarget(seconds, names.length),
    siteTarget(datedSeconds, names.length, ` with ${COMMITS} commits, after a push`),
  ]);
  const lines = [
    `## site: ${names.length} requests, ${names.length} merged + ${OPEN} open pull requests (median of ${RUNS} runs)`,
    `for context: read + yaml.parse, one thread ${floorSeconds.toFixed(2)} s`,
    `seconds ${seconds.toFixed(2)}, peak RSS ${rss.toFixed(0)} MiB, runs ${runs.map((r) => r.seconds.toFixed(2)).join(" ")}`,
    `with ${COMMITS} commits of git history, cold (whole history read): seconds ${cold.seconds.toFixed(2)}`,
    `with ${COMMITS} commits of git history, after a push (--arrivals): seconds ${datedSeconds.toFixed(2)}, peak RSS ${median(
      dated.map((r) => r.maxRssMiB),
    ).toFixed(0)} MiB, runs ${dated.map((r) => r.seconds.toFixed(2)).join(" ")}`,
    `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
    ...judged.lines,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  process.exitCode = judged.exitCode;
} finally {
  await rm(dir, { recursive: true, force: true });
}
