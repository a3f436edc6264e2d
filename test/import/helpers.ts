/** A temporary copy of the import fixture office, and the CLI run inside it. */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

export const FIXTURES = path.join(import.meta.dirname, "../fixtures/import");
export const BIND_ZONE = path.join(FIXTURES, "kudus-export.zone");
export const LISTING = path.join(FIXTURES, "kudus-listing.json");
export const ZONE = "kuduskab.go.id";
export const NOW = new Date("2026-12-01T03:00:00Z");

const roots: string[] = [];

/** A fresh copy of `test/fixtures/import/office` (requests/rsud.yaml, governance/, Pulumi.kudus.yaml). */
export function makeOffice(): string {
  const root = mkdtempSync(path.join(tmpdir(), "domainops-import-"));
  roots.push(root);
  cpSync(path.join(FIXTURES, "office"), root, { recursive: true });
  return root;
}

export function removeOffices(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd, now: NOW });
  const code = await main(args, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

export interface Report {
  requests: string[];
  existing: string[];
  notImported: { name: string; type: string; content: string; reason: string }[];
}
