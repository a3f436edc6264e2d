/**
 * Runs the SOP gate's "find the pull requests" script (from sop-gate.yml itself) with a fake `gh`
 * that answers from canned REST JSON through real `jq`, to show which PR numbers reach the gate job
 * for each trigger, and that nothing but a plain number ever does.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderedWorkflow } from "./rendered.ts";

const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);

let dir = "";
let script = "";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "domainops-resolve-"));
  const steps = parse(renderedWorkflow("sop-gate.yml")).jobs.resolve.steps as { id?: string; run?: string }[];
  script = steps.find((step) => step.id === "find")?.run ?? "";
  writeFileSync(
    path.join(dir, "pulls.json"),
    JSON.stringify([
      { number: 7, head: { sha: SHA_A } },
      { number: 9, head: { sha: SHA_B } },
      { number: 12, head: { sha: SHA_A } },
    ]),
  );
  writeFileSync(path.join(dir, "files-7.json"), JSON.stringify([{ filename: "requests/dinkes.yaml" }]));
  writeFileSync(path.join(dir, "files-9.json"), JSON.stringify([{ filename: "README.md" }]));
  writeFileSync(
    path.join(dir, "files-12.json"),
    JSON.stringify([{ filename: "docs/x.md" }, { filename: "requests/arsip.yaml" }]),
  );
  // `gh api [--paginate] PATH --jq FILTER`: the canned answer for PATH, filtered like gh does (raw).
  const gh = [
    "#!/usr/bin/env bash",
    'path=""; filter="."',
    'while [ "$#" -gt 0 ]; do',
    '  case "$1" in',
    "    api|--paginate) ;;",
    '    --jq) shift; filter="$1" ;;',
    '    *) path="$1" ;;',
    "  esac",
    "  shift",
    "done",
    'case "$path" in',
    `  repos/o/r/pulls\\?*) file="${dir}/pulls.json" ;;`,
    `  repos/o/r/pulls/*/files*) n="\${path#repos/o/r/pulls/}"; file="${dir}/files-\${n%%/*}.json" ;;`,
    '  *) echo "unexpected gh call: $path" >&2; exit 9 ;;',
    "esac",
    'jq -r "$filter" "$file"',
  ].join("\n");
  writeFileSync(path.join(dir, "gh"), gh);
  chmodSync(path.join(dir, "gh"), 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function resolve(env: Record<string, string>): { prs: unknown; log: string } {
  const output = path.join(dir, "output");
  writeFileSync(output, "");
  const log = execFileSync("bash", ["-e", "-c", script], {
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      GITHUB_OUTPUT: output,
      REPO: "o/r",
      EVENT: "",
      PR_NUMBER: "",
      RUN_EVENT: "",
      HEAD_SHA: "",
      INPUT_PR: "",
      ...env,
    },
    encoding: "utf8",
  });
  const line = readFileSync(output, "utf8").trim();
  expect(line.startsWith("prs=")).toBe(true);
  return { prs: JSON.parse(line.slice(4)), log };
}

describe("sop-gate: which pull requests are evaluated", () => {
  it("pull_request_target: the event's PR", () => {
    expect(resolve({ EVENT: "pull_request_target", PR_NUMBER: "42" }).prs).toEqual([42]);
  });

  it("workflow_run of a review: the open PRs whose head is the reviewed commit", () => {
    expect(resolve({ EVENT: "workflow_run", RUN_EVENT: "pull_request_review", HEAD_SHA: SHA_A }).prs).toEqual(
      [7, 12],
    );
    expect(resolve({ EVENT: "workflow_run", RUN_EVENT: "pull_request_review", HEAD_SHA: SHA_B }).prs).toEqual(
      [9],
    );
  });

  it("workflow_run: a head that is not a commit id is never put into the lookup", () => {
    const { prs, log } = resolve({
      EVENT: "workflow_run",
      RUN_EVENT: "pull_request_review",
      HEAD_SHA: `${SHA_A}") | 1, ("`,
    });
    expect(prs).toEqual([]);
    expect(log).toContain("invalid head_sha");
  });

  it("workflow_run from anything but a review relay is ignored", () => {
    expect(resolve({ EVENT: "workflow_run", RUN_EVENT: "push", HEAD_SHA: SHA_A }).prs).toEqual([]);
  });

  it("schedule: sweeps the open PRs that touch requests/", () => {
    expect(resolve({ EVENT: "schedule" }).prs).toEqual([7, 12]);
  });

  it("workflow_dispatch: the given PR, or a sweep when none is given", () => {
    expect(resolve({ EVENT: "workflow_dispatch", INPUT_PR: "9" }).prs).toEqual([9]);
    expect(resolve({ EVENT: "workflow_dispatch" }).prs).toEqual([7, 12]);
  });

  it.each(["42; rm -rf /", "0", "-1", "4 2", "$(id)", "1e3", "12345678901"])(
    "an input PR %j that is not a plain number never leaves the job",
    (value) => {
      const { prs, log } = resolve({ EVENT: "workflow_dispatch", INPUT_PR: value });
      expect(prs).toEqual([]);
      expect(log).toContain("invalid PR number ignored");
    },
  );
});

describe("sop-gate: the sweep is bounded", () => {
  it("reads at most 5 pages of open PRs and one page of files each, keeping PRs with a full page", () => {
    const flood = mkdtempSync(path.join(tmpdir(), "domainops-flood-"));
    try {
      // Every page is full: 100 open PRs (numbers page*1000+i), and 100 non-request files each.
      const gh = [
        "#!/usr/bin/env bash",
        `echo "$*" >> "${flood}/calls"`,
        'for arg in "$@"; do case "$arg" in repos/*) path="$arg" ;; esac; done',
        'case "$path" in',
        '  repos/o/r/pulls\\?*) page="$(sed "s/.*page=//" <<<"$path")"',
        '    for i in $(seq 1 100); do echo "$((page * 1000 + i)) sha$i"; done ;;',
        '  */files*) for i in $(seq 1 100); do echo "docs/f$i.md"; done ;;',
        "esac",
      ].join("\n");
      writeFileSync(path.join(flood, "gh"), gh);
      chmodSync(path.join(flood, "gh"), 0o755);
      const output = path.join(flood, "output");
      writeFileSync(output, "");
      execFileSync("bash", ["-e", "-c", script], {
        env: { PATH: `${flood}:${process.env.PATH}`, GITHUB_OUTPUT: output, REPO: "o/r", EVENT: "schedule" },
        encoding: "utf8",
      });
      const calls = readFileSync(path.join(flood, "calls"), "utf8").trim().split("\n");
      expect(calls.filter((c) => c.includes("pulls?state=open"))).toHaveLength(5);
      expect(calls.filter((c) => c.includes("/files"))).toHaveLength(500);
      expect(calls.some((c) => c.includes("--paginate"))).toBe(false);
      // A full first page of files may hide request files: such PRs go to the gate (first 200).
      const prs = JSON.parse(readFileSync(output, "utf8").trim().slice(4)) as number[];
      expect(prs).toHaveLength(200);
    } finally {
      rmSync(flood, { recursive: true, force: true });
    }
  });
});
