/**
 * A throwaway copy of the tool's repository (never the live one) for `domainops init` to scaffold
 * into, with the repository's installed `node_modules` linked in. Its office is the fixture office
 * (never the repository's own data, which any office may replace), with the workflows rendered for it.
 */
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { issueFormFile } from "../../src/core/office/generated.ts";
import { WORKFLOW_FILES, WORKFLOWS_DIR } from "../../src/core/office/workflows.ts";
import { OFFICE, PRESETS_DIR, TOOL } from "../support/office.ts";
import { renderedWorkflow } from "../workflows/rendered.ts";

/** The tool's own files: code, schema, templates, presets and packaging. */
const TOOL_ENTRIES = [
  "bin",
  "pulumi",
  "schema",
  "src",
  "templates",
  "Pulumi.yaml",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "README.md",
];

/** The fixture office's files. */
const OFFICE_ENTRIES = ["governance", "requests", "Pulumi.kudus.yaml", ".github/CODEOWNERS"];

export function makeTemp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `domainops-${prefix}-`));
}

export function copyTool(into: string): string {
  for (const entry of TOOL_ENTRIES) cpSync(join(TOOL, entry), join(into, entry), { recursive: true });
  for (const entry of OFFICE_ENTRIES) cpSync(join(OFFICE, entry), join(into, entry), { recursive: true });
  cpSync(PRESETS_DIR, join(into, "governance/presets"), { recursive: true });
  mkdirSync(join(into, WORKFLOWS_DIR), { recursive: true });
  for (const file of WORKFLOW_FILES) {
    const text = renderedWorkflow(file, { stack: "kudus", timeZone: "Asia/Jakarta" });
    writeFileSync(join(into, WORKFLOWS_DIR, file), text);
  }
  const form = issueFormFile();
  mkdirSync(join(into, form.path, ".."), { recursive: true });
  writeFileSync(join(into, form.path), form.text);
  symlinkSync(realpathSync(join(TOOL, "node_modules")), join(into, "node_modules"));
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
