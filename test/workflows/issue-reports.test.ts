/**
 * Runs the issue-reporting steps of drift.yml and apply.yml (taken from the workflow files) with a
 * fake `gh` that records its calls, to show that drift or a bypassed merge keeps exactly ONE open
 * issue per kind: created once, commented on afterwards, closed when clean.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderedWorkflow } from "./rendered.ts";

let dir = "";

function stepScript(workflow: string, job: string, name: string): string {
  const document = parse(renderedWorkflow(workflow));
  const step = (document.jobs[job].steps as { name?: string; run?: string }[]).find((s) => s.name === name);
  if (!step?.run) throw new Error(`${workflow}: no step ${name}`);
  return step.run;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "domainops-issues-"));
  // Records every call; `gh issue list` answers with the open issue number from FAKE_EXISTING.
  const gh = [
    "#!/usr/bin/env bash",
    // One line per call: newlines inside arguments (issue bodies) are kept as \n.
    'all="$*"',
    `printf '%s\\n' "\${all//$'\\n'/\\\\n}" >> "${dir}/calls"`,
    'if [ "$1 $2" = "issue list" ]; then printf "%s" "$FAKE_EXISTING"; fi',
  ].join("\n");
  writeFileSync(path.join(dir, "gh"), gh);
  chmodSync(path.join(dir, "gh"), 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runStep(
  script: string,
  env: Record<string, string>,
): { code: number; calls: string[]; summary: string } {
  writeFileSync(path.join(dir, "calls"), "");
  writeFileSync(path.join(dir, "summary"), "");
  let code = 0;
  try {
    execFileSync("bash", ["-e", "-o", "pipefail", "-c", script], {
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        GITHUB_STEP_SUMMARY: path.join(dir, "summary"),
        REPO: "o/r",
        STACK: "kudus",
        RUN_URL: "https://github.com/o/r/actions/runs/1",
        FAKE_EXISTING: "",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    code = (error as { status: number }).status;
  }
  const calls = readFileSync(path.join(dir, "calls"), "utf8").split("\n").filter(Boolean);
  return { code, calls, summary: readFileSync(path.join(dir, "summary"), "utf8") };
}

describe("drift report", () => {
  const script = () => stepScript("drift.yml", "drift", "Open, update or close the drift issue");
  const verbs = (calls: string[]) => calls.map((call) => call.split(" ").slice(0, 2).join(" "));

  it("drift with no open issue: creates one labelled issue and fails the run", () => {
    const { code, calls, summary } = runStep(script(), { RC: "3" });
    expect(code).toBe(1);
    expect(verbs(calls)).toEqual(["issue list", "label create", "issue create"]);
    expect(calls[2]).toContain("--label domainops-drift");
    expect(calls[2]).toContain("Drift ditemukan pada stack `kudus`");
    expect(summary).toContain("Drift found on stack `kudus`");
  });

  it("drift with an open issue: comments on it instead of opening another", () => {
    const { code, calls } = runStep(script(), { RC: "3", FAKE_EXISTING: "17" });
    expect(code).toBe(1);
    expect(verbs(calls)).toEqual(["issue list", "issue comment"]);
    expect(calls[1]).toMatch(/^issue comment 17 --repo o\/r --body /);
  });

  it("a failed check is reported the same way, as a failure rather than drift", () => {
    for (const rc of ["2", "1", ""]) {
      const { code, calls } = runStep(script(), { RC: rc });
      expect(code).toBe(1);
      expect(calls[2]).toContain("gagal");
      expect(calls[2]).not.toContain("Drift ditemukan");
    }
  });

  it("a clean check closes the open issue, and does nothing when there is none", () => {
    const closed = runStep(script(), { RC: "0", FAKE_EXISTING: "17" });
    expect(closed.code).toBe(0);
    expect(verbs(closed.calls)).toEqual(["issue list", "issue close"]);
    expect(closed.calls[1]).toMatch(/^issue close 17 /);
    const quiet = runStep(script(), { RC: "0" });
    expect(quiet.code).toBe(0);
    expect(verbs(quiet.calls)).toEqual(["issue list"]);
  });
});

describe("bypassed merge report", () => {
  const script = () => stepScript("apply.yml", "report", "Open or update the bypass issue");
  const SHA = "c".repeat(40);

  it("opens one labelled issue naming the commit, then comments on it for the next one", () => {
    const first = runStep(script(), { SHA });
    expect(first.code).toBe(0);
    expect(first.calls.map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual([
      "label create",
      "issue list",
      "issue create",
    ]);
    expect(first.calls[2]).toContain("--label domainops-sop-bypass");
    expect(first.calls[2]).toContain(SHA);

    const second = runStep(script(), { SHA, FAKE_EXISTING: "4" });
    expect(second.calls.map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual([
      "label create",
      "issue list",
      "issue comment",
    ]);
  });
});
