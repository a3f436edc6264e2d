import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { run as preview } from "../../src/cli/pr-preview.ts";
import { planOverlay } from "../../src/core/request/pull-files.ts";
import { fakeGitHub } from "../approvals/fake-github.ts";
import { OFFICE, OFFICE_STACK, TOOL } from "../support/office.ts";

const KINDS = path.join(TOOL, "test/fixtures/infra-kinds/requests");
const NOW = new Date("2026-11-27T10:00:00Z");
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const kind = (name: string) =>
  readFileSync(path.join(KINDS, `${name}.yaml`), "utf8").replace("../../../../schema", "../schema");

/** The gate's checkout of the default branch: two live requests, governance and the stack file. */
function defaultBranch(): string {
  const root = mkdtempSync(path.join(tmpdir(), "domainops-preview-"));
  roots.push(root);
  cpSync(path.join(OFFICE, "governance"), path.join(root, "governance"), { recursive: true });
  cpSync(OFFICE_STACK, path.join(root, "Pulumi.kudus.yaml"));
  mkdirSync(path.join(root, "requests"));
  writeFileSync(path.join(root, "requests/arsip.yaml"), kind("arsip"));
  writeFileSync(path.join(root, "requests/bkd.yaml"), kind("bkd"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git(
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@example.org",
    "-c",
    "commit.gpgsign=false",
    "commit",
    "-q",
    "-m",
    "base",
  );
  return root;
}

function run(files: unknown[], contents: Record<string, string>) {
  const root = defaultBranch();
  const fake = fakeGitHub({ files, contents, me: null });
  const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_test" }, now: NOW });
  const factory = (o: { token: string; owner: string; repo: string }) =>
    createGitHub({ ...o, fetch: fake.fetch, retries: 0 });
  const argv = ["--repo", "diskominfo-kudus/domain", "--pr", "42", "--out", "preview.md"];
  return { root, fake, io, run: () => preview(argv, io, factory) };
}

describe("pr-preview", () => {
  it("lays the PR's request files over the default branch and renders what merging changes", async () => {
    const governance = readFileSync(path.join(OFFICE, "governance/officials.yaml"), "utf8");
    const t = run(
      [
        { filename: "requests/dinkes.yaml", status: "added" },
        { filename: "requests/bkd.yaml", status: "removed" },
        { filename: "requests/ghost.yaml", status: "added" },
        { filename: "requests/sub/nested.yaml", status: "added" },
        { filename: "governance/officials.yaml", status: "modified" },
        { filename: ".github/workflows/apply.yml", status: "modified" },
      ],
      {
        "requests/dinkes.yaml": kind("dinkes"),
        "governance/officials.yaml": "pejabat: []\n",
        ".github/workflows/apply.yml": "on: push\n",
      },
    );
    expect(await t.run()).toBe(0);
    const out = readFileSync(path.join(t.root, "preview.md"), "utf8");
    expect(out).toContain("<code>6dcb09b</code>");
    expect(out).toMatch(/ditambah \(added\) \| `dinkes\.kuduskab\.go\.id`/);
    expect(out).toContain("**DIHAPUS (REMOVED)** | `bkd.kuduskab.go.id`");
    expect(out).not.toContain("arsip.kuduskab.go.id");
    expect(out).toContain("- `requests/ghost.yaml`");
    expect(out).toContain("- `requests/sub/nested.yaml`");
    // Only requests/ is touched; the PR's governance and workflow files never reach the disk.
    expect(existsSync(path.join(t.root, "requests/bkd.yaml"))).toBe(false);
    expect(readFileSync(path.join(t.root, "governance/officials.yaml"), "utf8")).toBe(governance);
    expect(existsSync(path.join(t.root, ".github"))).toBe(false);
    expect(existsSync(path.join(t.root, "requests/sub"))).toBe(false);
    const fetched = t.fake.calls.filter((c) => c.path.includes("/contents/")).map((c) => c.query.get("ref"));
    expect(new Set(fetched)).toEqual(new Set(["6dcb09b5b57875f334f61aebed695e2e4193db5e"]));
  });

  it("shows the validator's findings when the PR's file is invalid", async () => {
    const t = run([{ filename: "requests/dinkes.yaml", status: "added" }], {
      "requests/dinkes.yaml": kind("dinkes").replace("subdomain: dinkes", "subdomain: www"),
    });
    expect(await t.run()).toBe(0);
    const out = readFileSync(path.join(t.root, "preview.md"), "utf8");
    expect(out).toContain("requests/dinkes.yaml");
    expect(out).not.toContain("Perubahan DNS (DNS changes)");
  });
});

describe("planOverlay", () => {
  it.each([
    ["added", [{ filename: "requests/a.yaml", status: "added" }], ["requests/a.yaml"], [], []],
    ["removed", [{ filename: "requests/a.yaml", status: "removed" }], [], ["requests/a.yaml"], []],
    [
      "renamed",
      [{ filename: "requests/b.yaml", status: "renamed", previous_filename: "requests/a.yaml" }],
      ["requests/b.yaml"],
      ["requests/a.yaml"],
      [],
    ],
    [
      "paths that could leave the folder",
      [
        { filename: "requests/../package.json", status: "added" },
        { filename: "requests/.hidden", status: "added" },
        { filename: "requests/x/y.yaml", status: "added" },
      ],
      [],
      [],
      ["requests/../package.json", "requests/.hidden", "requests/x/y.yaml"],
    ],
    ["outside requests/", [{ filename: "pulumi/program.ts", status: "modified" }], [], [], []],
  ])("%s", (_name, files, write, remove, skipped) => {
    expect(planOverlay(files)).toEqual({ write, remove, skipped: [...skipped].sort() });
  });
});
