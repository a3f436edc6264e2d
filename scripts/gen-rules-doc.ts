/**
 * Writes `docs/rules.md` from the rule tables (`npm run docs:rules`). With `--check`, only reports
 * whether the committed file is current (exit 1 when it is not).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderRulesDoc } from "../src/core/request/rules-doc.ts";

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "rules.md");
const text = renderRulesDoc();

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // Missing counts as outdated.
  }
  if (current !== text) {
    process.stderr.write(
      "docs/rules.md tidak mutakhir; jalankan npm run docs:rules (is outdated; run npm run docs:rules)\n",
    );
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`docs/rules.md ditulis (written)\n`);
}
