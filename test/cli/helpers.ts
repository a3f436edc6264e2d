import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const roots: string[] = [];

/** A temp folder, removed by `removeRoots`. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "domainops-cli-"));
  roots.push(dir);
  return dir;
}

/** A copy of `fixtures/minimal-office` with the named requests of `fixtures/infra-kinds`. */
export function officeRoot(requests: readonly string[] = ["bkd.yaml"]): string {
  const root = tempDir();
  cpSync(path.join(FIXTURES, "minimal-office"), root, { recursive: true });
  mkdirSync(path.join(root, "requests"));
  for (const file of requests) {
    cpSync(path.join(FIXTURES, "infra-kinds/requests", file), path.join(root, "requests", file));
  }
  return root;
}

export function removeRoots(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** Runs `domainops ...args` in-process with a fixed clock. */
export async function domainops(
  args: string[],
  options: { cwd?: string; now?: Date } = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({
    cwd: options.cwd ?? tempDir(),
    now: options.now ?? new Date("2026-12-01T10:00:00Z"),
  });
  const code = await main(args, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}
