/**
 * The tool's own files that ship with it (workflow templates, governance presets, office templates):
 * found from this module's location, so they are the same in the tool's repository (`src/`) and in
 * an installed package (`dist/src/`).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DomainopsError } from "../core/errors.ts";
import type { WorkflowFile } from "../core/office/workflows.ts";
import { TEMPLATES_DIR, WORKFLOW_FILES } from "../core/office/workflows.ts";

let cached: string | undefined;

/** The folder holding the tool's `package.json` and `templates/`. */
export function toolRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, TEMPLATES_DIR))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new DomainopsError(
        "internal",
        `${TEMPLATES_DIR} tidak ditemukan (not found) dari ${import.meta.url}`,
      );
    }
    dir = parent;
  }
}

export async function readToolFile(path: string): Promise<string> {
  return readFile(join(toolRoot(), path), "utf8");
}

export async function loadWorkflowTemplates(): Promise<Map<WorkflowFile, string>> {
  const texts = await Promise.all(WORKFLOW_FILES.map((file) => readToolFile(`${TEMPLATES_DIR}/${file}`)));
  return new Map(WORKFLOW_FILES.map((file, i) => [file, texts[i] as string]));
}

/** The tool's own version, from its `package.json`. */
export async function toolVersion(): Promise<string> {
  const pkg = JSON.parse(await readToolFile("package.json")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "0.0.0";
}
