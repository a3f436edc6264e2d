/**
 * Runs one measuring child of a benchmark in a process of its own and returns the JSON object it
 * prints as its last line; a failed child or one that printed no figures fails the benchmark.
 */
import { spawnSync } from "node:child_process";
import { REPO_ROOT } from "./corpus.ts";

export function runMeasuringChild<T>(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): T {
  const child = spawnSync(process.execPath, [script, ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !last.startsWith("{")) {
    throw new Error(`bench child failed (${child.status}): ${child.stderr.slice(0, 2000)}`);
  }
  return JSON.parse(last) as T;
}
