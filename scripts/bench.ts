/**
 * `npm run bench`: runs every benchmark in `scripts/bench/` in a child process of its own (so one
 * benchmark's heap and caches cannot colour another's figures) and prints their reports.
 * Helpers are not run: `corpus.ts` and any file whose name starts with `_`.
 * `npm run bench -- validate` runs only the named benchmarks.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "bench");
const HELPERS = new Set(["corpus.ts"]);
const only = process.argv.slice(2);

const benches = readdirSync(dir)
  .filter((name) => name.endsWith(".ts") && !name.startsWith("_") && !HELPERS.has(name))
  .filter((name) => only.length === 0 || only.includes(name.replace(/\.ts$/, "")))
  .sort();

let failed = 0;
for (const name of benches) {
  process.stdout.write(`\n=== bench/${name} ===\n`);
  // Node 24 is the running binary (the project's pinned `node` package), so children use it too.
  const child = spawnSync(process.execPath, [join(dir, name)], { stdio: "inherit" });
  if (child.status !== 0) {
    failed++;
    process.stderr.write(`bench/${name} failed (exit ${child.status ?? child.signal})\n`);
  }
}
if (benches.length === 0) process.stderr.write("no benchmarks found\n");
process.exitCode = failed > 0 || benches.length === 0 ? 1 : 0;
