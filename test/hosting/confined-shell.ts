/**
 * A shell for tests that evaluate quoted text on this machine. The text under test may be wrong (a
 * bug, or a mutant of the mutation run), so it runs with nothing it could harm: no PATH (only
 * builtins such as printf), `/` as working directory and, when the tests run as root, the
 * unprivileged user nobody.
 */
import { execFileSync } from "node:child_process";

const NOBODY = 65534;

/** The standard output of `shell -c script`, run confined. */
export function confinedShell(script: string, shell = "/bin/sh"): string {
  const root = process.getuid?.() === 0;
  return execFileSync(shell, ["-c", script], {
    cwd: "/",
    env: { PATH: "/nonexistent" },
    stdio: ["ignore", "pipe", "pipe"],
    ...(root ? { uid: NOBODY, gid: NOBODY } : {}),
  }).toString("utf8");
}
