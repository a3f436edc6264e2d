/**
 * Benchmark of the desired state and the Pulumi program (issue 3, item 8), each job in a process
 * of its own (peak memory is per process):
 * - desired state (+ resource specs) for N synthetic requests (BENCH_SYNTHETIC_N, default 100,000);
 *   target < 3 s;
 * - the Pulumi program under mocks on the 15,167 is-a.dev records converted to requests: validate,
 *   build, register every resource; target < 30 s.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runMeasuringChild } from "./_child.ts";
import { judgeTarget, judgeTargets, type Target } from "./_targets.ts";
import { buildIsADevCorpus, buildSyntheticCorpus, type Corpus, REPO_ROOT } from "./corpus.ts";

const SYNTHETIC_N = Math.max(1, Number(process.env.BENCH_SYNTHETIC_N ?? 100_000));
const MEASURE = join(REPO_ROOT, "scripts/bench/_plan-measure.ts");

type Figures = Record<string, number>;

function measure(args: string[]): Figures {
  return runMeasuringChild<Figures>(MEASURE, args);
}

async function withCorpus(
  build: (dir: string) => Promise<Corpus>,
  job: (corpus: Corpus) => string[],
): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "domainops-bench-plan-"));
  try {
    return job(await build(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const targets: Target[] = [];
/** Records the target and returns its verdict for the report line. */
function verdict(target: Target): string {
  targets.push(target);
  return judgeTarget(target).met ? "target met" : "TARGET MISSED";
}
// Wall-clock figures: on a shared machine, compare with `uptime`'s load before reading much into them.

const desired = await withCorpus(
  (dir) => buildSyntheticCorpus(dir, SYNTHETIC_N),
  (corpus) => {
    const f = measure(["desired", corpus.root, corpus.zone]);
    const ok = verdict({ label: "desired state", value: f.seconds, limit: 3, compare: "<", unit: "s" });
    return [
      `## desired state: ${f.requests} synthetic requests → ${f.records} DNS records, ${f.pages} Pages sites`,
      `buildDesiredState     ${f.seconds?.toFixed(3)} s   (${ok}: < 3 s)`,
      `buildResourceSpecs    ${f.specsSeconds?.toFixed(3)} s   (${f.resources} resources)`,
      `heap grown by         ${f.heapDeltaMiB?.toFixed(0)} MiB; peak RSS of the process ${f.maxRssMiB?.toFixed(0)} MiB ` +
        `(incl. reading + parsing the ${f.requests} files first: ${f.loadSeconds?.toFixed(2)} s)`,
    ];
  },
);

const program = await withCorpus(
  (dir) => buildIsADevCorpus(dir),
  (corpus) => {
    const f = measure(["program", corpus.root, corpus.zone]);
    const ok = verdict({ label: "Pulumi program", value: f.seconds, limit: 30, compare: "<", unit: "s" });
    return [
      `## Pulumi program under mocks: is-a.dev corpus, ${f.files} request files`,
      `program total         ${f.seconds?.toFixed(2)} s   (${ok}: < 30 s); CPU time of the process ${f.cpuSeconds?.toFixed(2)} s`,
      `  validation          ${f.validateSeconds?.toFixed(2)} s   (the engine, all ${f.files} files)`,
      `  desired state + registration ${f.registerSeconds?.toFixed(2)} s`,
      `registered            ${f.registered} resources from ${(f.files ?? 0) - (f.refused ?? 0)} valid requests ` +
        `(${f.refused} files refused by validation, e.g. NS/URL records, left out)`,
      `peak RSS              ${f.maxRssMiB?.toFixed(0)} MiB`,
    ];
  },
);

const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(" ");
const header = `node ${process.version}, ${cpus().length} CPUs, load average at the end ${load}`;
const judged = judgeTargets(targets);
process.stdout.write(
  `${["# desired state and Pulumi program", header, "", ...desired, "", ...program, "", "## targets", ...judged.lines].join("\n")}\n`,
);
process.exitCode = judged.exitCode;
