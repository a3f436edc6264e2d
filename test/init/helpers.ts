/**
 * A throwaway copy of the tool's repository (never the live one) for `domainops init` to scaffold
 * into, with the repository's installed `node_modules` linked in.
 */
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

export const ROOT = join(import.meta.dirname, "../..");

/** What a copy of the tool needs: its code, data, office and packaging files. */
const TOOL_ENTRIES = [
  ".github",
  "bin",
  "governance",
  "pulumi",
  "requests",
  "schema",
  "src",
  "templates",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "README.md",
];

export function makeTemp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `domainops-${prefix}-`));
}

export function copyTool(into: string): string {
  for (const entry of TOOL_ENTRIES) cpSync(join(ROOT, entry), join(into, entry), { recursive: true });
  for (const name of readdirSync(ROOT)) {
    if (/^Pulumi\..+\.yaml$/.test(name) || name === "Pulumi.yaml") cpSync(join(ROOT, name), join(into, name));
  }
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(into, "node_modules"));
  return into;
}

/** A fresh copy of the tool in a temporary folder, listed in `temps` for cleaning up. */
export function tempToolCopy(prefix: string, temps: string[]): string {
  const dir = makeTemp(prefix);
  temps.push(dir);
  return copyTool(dir);
}

export function removeAll(dirs: string[]): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs one `domainops` command in-process, at a fixed clock. */
export async function domainops(
  cwd: string,
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd, env, now: new Date("2026-12-01T03:00:00Z") });
  const code = await main(argv, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}
