#!/usr/bin/env node
// Launcher for the `domainops` command. The code is TypeScript run through Node's built-in type
// stripping, which needs Node >= 22.18; the project pins Node 24 LTS as the npm package `node`, so a
// machine that only has an older system Node still runs the command on the pinned one.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, "..", "src", "cli", "main.ts");
const [major, minor] = process.versions.node.split(".").map(Number);

if (major > 22 || (major === 22 && minor >= 18)) {
  const { main } = await import(entry);
  process.exitCode = await main(process.argv.slice(2));
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
  const child = spawnSync(pinned, [entry, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(child.status ?? 2);
}
