/**
 * Child process of the validation benchmark: runs one measured job in a fresh process and prints
 * `{"seconds", "maxRssMiB", ...}` as its last line. Peak memory is the process's own RSS high-water
 * mark (all threads), so each job gets a process of its own.
 *
 *   node scripts/bench/_measure.ts floor <root>            read + yaml.parse every request, one thread
 *   node scripts/bench/_measure.ts validate <root> [PATH]  `domainops validate --format json`
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { main } from "../../src/cli/main.ts";

const [mode, root, ...paths] = process.argv.slice(2);
if (!root || (mode !== "floor" && mode !== "validate")) {
  process.stderr.write("usage: _measure.ts floor|validate <root> [PATH...]\n");
  process.exit(2);
}

const started = performance.now();
let extra: Record<string, unknown> = {};
if (mode === "floor") {
  const dir = join(root, "requests");
  let documents = 0;
  for (const name of readdirSync(dir)) {
    parse(readFileSync(join(dir, name), "utf8"));
    documents++;
  }
  extra = { documents };
} else {
  let output = "";
  const code = await main(["validate", "--root", root, "--format", "json", ...paths], {
    stdout: (text) => {
      output += text;
    },
    stderr: (text) => void process.stderr.write(text),
    env: { DOMAINOPS_WORKERS: process.env.DOMAINOPS_WORKERS },
    cwd: root,
    now: () => new Date(),
    stdin: async () => "",
  });
  const report = JSON.parse(output || "{}") as {
    files?: number;
    errors?: number;
    warnings?: number;
    diagnostics?: { file: string; rule: string; severity: string }[];
  };
  const rules: Record<string, number> = {};
  const failing = new Set<string>();
  for (const d of report.diagnostics ?? []) {
    if (d.severity !== "error") continue;
    rules[d.rule] = (rules[d.rule] ?? 0) + 1;
    failing.add(d.file);
  }
  extra = {
    exit: code,
    files: report.files,
    errors: report.errors,
    warnings: report.warnings,
    failingFiles: failing.size,
    rules,
  };
}
const seconds = (performance.now() - started) / 1000;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ seconds, maxRssMiB, ...extra })}\n`);
