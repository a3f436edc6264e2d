/**
 * Entry point named in `Pulumi.yaml`. Pulumi's Node.js host calls a default-exported function and
 * uses what it resolves to as the stack outputs; the CLI runs it with the project folder as cwd.
 */
import { execFileSync } from "node:child_process";
import { program } from "./program.ts";

/** The checked-out commit, recorded as `appliedCommit` by a `pulumi up` run by hand as well. */
function checkedOutCommit(): string | null {
  const fromEnv = process.env.DOMAINOPS_COMMIT;
  if (fromEnv && /^[0-9a-f]{40}$/.test(fromEnv)) return fromEnv;
  try {
    return execFileSync("git", ["rev-parse", "--verify", "HEAD"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

export default async () => program({ commit: checkedOutCommit() });
