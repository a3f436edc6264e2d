#!/usr/bin/env node
// Launcher for the `domainops` command.
// - Installed as a package: runs the compiled JavaScript in dist/ (Node refuses to strip TypeScript
//   types under node_modules), which runs on Node >= 20.10. Only `apply` needs more: Pulumi's SDK
//   requires Node 22, and the package lists it as an optional dependency that npm skips on older Node.
// - In the tool's own repository (the sources are there): runs the TypeScript sources through Node's
//   type stripping (Node >= 22.18); an older Node re-runs it on the Node 24 that the repository pins
//   as the devDependency `node`. The sources win over a dist/ left by `npm pack`, so a stale build
//   never runs in place of the code being edited.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const sources = join(here, "..", "src", "cli", "main.ts");
const compiled = join(here, "..", "dist", "src", "cli", "main.js");
const args = process.argv.slice(2);
const [major, minor] = process.versions.node.split(".").map(Number);

async function runMain(entry) {
  const { main } = await import(pathToFileURL(entry).href);
  process.exitCode = await main(args);
}

if (!existsSync(sources)) {
  if (args[0] === "apply" && major < 22) {
    process.stderr.write(
      "domainops apply: butuh Node.js 22 atau lebih baru untuk Pulumi; jalankan lewat workflow apply " +
        "(needs Node.js 22 or newer for Pulumi; run it through the apply workflow)\n",
    );
    process.exit(2);
  }
  await runMain(compiled);
} else if (major > 22 || (major === 22 && minor >= 18)) {
  await runMain(sources);
} else {
  let pinned;
  try {
    pinned = createRequire(import.meta.url).resolve("node/bin/node");
  } catch {
    process.stderr.write(
      "domainops: butuh Node.js 24; jalankan `npm ci` dulu (needs Node.js 24; run `npm ci` first)\n",
    );
    process.exit(2);
  }
  const child = spawnSync(pinned, [sources, ...args], { stdio: "inherit" });
  process.exit(child.status ?? 2);
}
