#!/usr/bin/env node
// Launcher for the `domainops` command.
// - Installed as a package: runs the compiled JavaScript in dist/ (Node refuses to strip TypeScript
//   types under node_modules), which runs on Node >= 20.10. Only the commands the workflows run
//   against Cloudflare and GitHub need more: Pulumi's SDK and octokit's dependencies require Node 22,
//   so the package lists them as optional dependencies, which npm skips on older Node.
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
const WORKFLOW_COMMANDS = new Set(["apply", "approvals", "notify", "pr-preview"]);
const [major, minor] = process.versions.node.split(".").map(Number);

async function runMain(entry) {
  const { main } = await import(pathToFileURL(entry).href);
  process.exitCode = await main(args);
}

if (!existsSync(sources)) {
  if (WORKFLOW_COMMANDS.has(args[0]) && major < 22) {
    process.stderr.write(
      `domainops ${args[0]}: butuh Node.js 22 atau lebih baru (Pulumi, GitHub); perintah ini dijalankan ` +
        `oleh workflow (needs Node.js 22 or newer; the workflows run this command)\n`,
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
