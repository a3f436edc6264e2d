import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAcceptedCommits, loadGovernance, loadPolicy } from "../../src/adapters/governance.ts";
import { OFFICE } from "../support/office.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", ...args],
    { cwd, encoding: "utf8" },
  ).trim();
}

/** A repository whose committed governance/ is the project's, and whose working tree lost two files. */
function repository(): { root: string; commit: string } {
  const root = mkdtempSync(path.join(tmpdir(), "domainops-governance-"));
  roots.push(root);
  cpSync(path.join(OFFICE, "governance"), path.join(root, "governance"), { recursive: true });
  const accepted = `diterima:\n  - commit: ${"a".repeat(40)}\n`;
  writeFileSync(path.join(root, "governance/accepted-commits.yaml"), accepted);
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "governance");
  const commit = git(root, "rev-parse", "HEAD");
  rmSync(path.join(root, "governance/officials.yaml"));
  rmSync(path.join(root, "governance/reserved.yaml"));
  return { root, commit };
}

describe("the governance reader", () => {
  it("reads the same files from a commit's tree as from the working tree", async () => {
    const { root, commit } = repository();
    const atCommit = await loadGovernance(root, { commit });
    expect(atCommit.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(atCommit.governance).toEqual((await loadGovernance(OFFICE)).governance);
    const policy = await loadPolicy(root, { commit });
    expect(policy.diagnostics).toEqual([]);
    expect(policy.policy).toEqual((await loadPolicy(OFFICE)).policy);
    expect(await loadAcceptedCommits(root, { commit })).toEqual(["a".repeat(40)]);
  });

  it("reports a file missing from the working tree as a diagnostic on that file", async () => {
    const { root } = repository();
    const governance = await loadGovernance(root);
    expect(governance.governance).toBeUndefined();
    expect(governance.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ["governance/officials.yaml", "governance-missing"],
    ]);
    const policy = await loadPolicy(root);
    expect(policy.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ["governance/reserved.yaml", "policy-missing"],
    ]);
    expect(await loadAcceptedCommits(root)).toEqual(["a".repeat(40)]);
  });
});
