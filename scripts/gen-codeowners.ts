/**
 * Writes `.github/CODEOWNERS` from `governance/officials.yaml`.
 * Usage: node scripts/gen-codeowners.ts [--root DIR] [--check]
 * --check exits 1 when the committed file is out of date (for CI) instead of writing it.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadGovernance } from "../src/adapters/governance.ts";
import { CODEOWNERS_PATH, renderCodeowners } from "../src/core/approvals/codeowners.ts";

const { values } = parseArgs({ options: { root: { type: "string" }, check: { type: "boolean" } } });
const root = resolve(values.root ?? ".");
const { governance, diagnostics } = await loadGovernance(root);
if (!governance) {
  for (const d of diagnostics)
    console.error(`${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message.id} / ${d.message.en}`);
  process.exit(2);
}
const text = renderCodeowners(governance);
const target = join(root, CODEOWNERS_PATH);
if (values.check) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    console.error(
      `${CODEOWNERS_PATH} tidak sinkron dengan governance/ (out of date): jalankan node scripts/gen-codeowners.ts`,
    );
    process.exit(1);
  }
  console.log(`${CODEOWNERS_PATH} sinkron (in sync)`);
} else {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
  console.log(`${CODEOWNERS_PATH} ditulis (written)`);
}
