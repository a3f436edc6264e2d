/**
 * The stated targets of the benchmarks, judged: each benchmark reports its targets through
 * `judgeTargets` and exits non-zero when one is missed, so `npm run bench` fails with it. Pure, so the
 * judgement is unit-tested without running a benchmark.
 */

export interface Target {
  /** What is measured, e.g. `buildDesiredState`. */
  label: string;
  /** The measured figure; a missing or non-numeric one misses its target. */
  value: number | undefined;
  /** The bound: below it (`<`) or at most it (`<=`). */
  limit: number;
  compare: "<" | "<=";
  unit: string;
}

export interface Judgement {
  met: boolean;
  /** `label value unit (target met: < limit unit)` or `(TARGET MISSED: …)`. */
  line: string;
}

const figure = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

export function judgeTarget(target: Target): Judgement {
  const { value, limit, compare, unit } = target;
  const known = typeof value === "number" && Number.isFinite(value);
  const met = known && (compare === "<" ? value < limit : value <= limit);
  const measured = known ? `${figure(value)} ${unit}` : "not measured";
  return {
    met,
    line: `${target.label}: ${measured} (${met ? "target met" : "TARGET MISSED"}: ${compare} ${figure(limit)} ${unit})`,
  };
}

/**
 * The report lines of all targets, how many were missed, and the exit code the benchmark sets (1 when
 * one is missed, or when none was judged: a benchmark that judged nothing did not run).
 */
export function judgeTargets(targets: readonly Target[]): {
  lines: string[];
  missed: number;
  exitCode: 0 | 1;
} {
  const judged = targets.map(judgeTarget);
  const missed = judged.filter((j) => !j.met).length;
  const lines = judged.map((j) => j.line);
  lines.push(
    missed === 0 ? `all ${targets.length} targets met` : `${missed} of ${targets.length} target(s) missed`,
  );
  return { lines, missed, exitCode: missed > 0 || targets.length === 0 ? 1 : 0 };
}

/**
 * The targets of `validate.ts`, from one corpus's figures (medians of wall time and peak RSS): a full
 * validation ≤ 1.5 × the floor for every corpus; one file < 1 s and peak memory < 1024 MiB for the
 * large synthetic repository (`large`).
 */
export function validateTargets(
  name: string,
  figures: { floor: number; full: number; oneFile: number; fullRssMiB: number },
  large: boolean,
): Target[] {
  const targets: Target[] = [
    {
      label: `${name}: validate ÷ floor`,
      value: figures.full / figures.floor,
      limit: 1.5,
      compare: "<=",
      unit: "×",
    },
  ];
  if (large) {
    targets.push(
      { label: `${name}: validate 1 file`, value: figures.oneFile, limit: 1, compare: "<", unit: "s" },
      { label: `${name}: peak RSS`, value: figures.fullRssMiB, limit: 1024, compare: "<", unit: "MiB" },
    );
  }
  return targets;
}

/** The target of `import.ts`: importing the synthetic 5,000-record zone takes under 10 s (median). */
export function importTarget(seconds: number): Target {
  return { label: "import of 5,000 records", value: seconds, limit: 10, compare: "<", unit: "s" };
}

/** The median of the runs of a benchmark (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The target of `init.ts`: scaffolding an office repository takes under 5 s (median). */
export function initTarget(seconds: number): Target {
  return { label: "init --dir of an office", value: seconds, limit: 5, compare: "<", unit: "s" };
}

/** Issue target: the plan of 1,000 hosting accounts in under 2 s. */
export function accountsPlanTarget(seconds: number): Target {
  return {
    label: "plan of 1,000 hosting accounts (CLI, wall)",
    value: seconds,
    limit: 2,
    compare: "<",
    unit: "s",
  };
}

/** The target of `site.ts`: `domainops site` for 15,000 requests with their pull requests, under 5 s (median). */
export function siteTarget(seconds: number, requests = 15_000, setting = ""): Target {
  const label = `site of ${requests.toLocaleString("en-US")} requests${setting}`;
  return { label, value: seconds, limit: 5, compare: "<", unit: "s" };
}
