import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { OpenStack, PreviewOutcome, StackHandle } from "../../src/adapters/pulumi.ts";
import { run as apply, parseApplyArgs } from "../../src/cli/apply.ts";
import { memoryIo } from "../../src/cli/io.ts";
import type { PreviewEvent, StateResource } from "../../src/core/infra/gate.ts";
import { DNS_RECORD_TYPE, HOSTING_ACCOUNT_TYPE } from "../../src/core/infra/resources.ts";
import { fixtureFiles, makeRoot, NOW, removeRoots } from "../pulumi/harness.ts";
import { OFFICE_STACK } from "../support/office.ts";

afterAll(removeRoots);

/** The fixture office's stack file with its documentation-range placeholders swapped for public addresses. */
function copyStack(dir: string): void {
  const text = readFileSync(OFFICE_STACK, "utf8")
    .replace("203.0.113.10", "103.76.120.10")
    .replace("2001:db8:1000::10", "2400:8902::10");
  writeFileSync(path.join(dir, "Pulumi.kudus.yaml"), text);
}

function root(): string {
  const dir = makeRoot(fixtureFiles("infra-kinds"));
  copyStack(dir);
  return dir;
}

function events(ops: Record<string, number>): PreviewEvent[] {
  const list: PreviewEvent[] = [];
  for (const [op, count] of Object.entries(ops)) {
    for (let i = 0; i < count; i++) {
      const urn = `urn:pulumi:kudus::domainops::${DNS_RECORD_TYPE}::${op}-${i}`;
      list.push({ resourcePreEvent: { metadata: { op, urn, type: DNS_RECORD_TYPE } } });
    }
  }
  return list;
}

function fakeStack(
  managed: number | StateResource[],
  preview: PreviewOutcome,
  outputs: Record<string, unknown> = {},
) {
  const calls: string[] = [];
  const handle: StackHandle = {
    name: "kudus",
    resources: async () =>
      typeof managed === "number"
        ? Array.from({ length: managed }, () => ({ type: DNS_RECORD_TYPE }))
        : managed,
    outputs: async () => outputs,
    preview: async ({ refresh }) => {
      calls.push(refresh ? "preview+refresh" : "preview");
      return preview;
    },
    up: async () => {
      calls.push("up");
      return { create: 1 };
    },
  };
  const open: OpenStack = async ({ stack, commit }) => {
    calls.push(`open:${stack}`);
    opened.push(commit);
    return handle;
  };
  const opened: (string | null)[] = [];
  return { open, calls, opened };
}

function io(dir: string, env: Record<string, string> = {}) {
  return memoryIo({ cwd: dir, env, now: NOW });
}

describe("parseApplyArgs", () => {
  it("reads the flags and refuses a share outside 0–1", () => {
    expect(
      parseApplyArgs(["--stack", "kudus", "--force", "--max-delete-share", "0.5", "--preview-only"]),
    ).toMatchObject({
      stack: "kudus",
      force: true,
      maxDeleteShare: 0.5,
      previewOnly: true,
      refresh: false,
    });
    expect(() => parseApplyArgs(["--max-delete-share", "2"])).toThrow(/0–1/);
    expect(() => parseApplyArgs(["--bogus"])).toThrow(/bogus/);
  });
});

describe("apply", () => {
  it("previews, passes the gate and applies, writing the job summary", async () => {
    const dir = root();
    const summary = path.join(dir, "summary.md");
    writeFileSync(summary, "");
    const { open, calls } = fakeStack(20, {
      events: events({ same: 18, delete: 2, create: 3 }),
      changeSummary: { create: 3, delete: 2, same: 18 },
    });
    const out = io(dir, { GITHUB_STEP_SUMMARY: summary });
    expect(await apply([], out, open)).toBe(0);
    expect(calls).toEqual(["open:kudus", "preview", "up"]);
    expect(out.out.join("")).toContain(
      "3 dibuat/create, 0 diubah/update, 0 diganti/replace, 2 dihapus/delete, 18 tetap/same; 20 dikelola",
    );
    expect(readFileSync(summary, "utf8")).toContain("Perubahan diterapkan (changes applied).");
  });

  it("refuses (exit 1, no up) when deletes + replaces exceed the share", async () => {
    const { open, calls } = fakeStack(20, {
      events: events({ same: 13, delete: 5, replace: 2 }),
      changeSummary: { delete: 5, replace: 2, same: 13 },
    });
    const out = io(root());
    expect(await apply([], out, open)).toBe(1);
    expect(calls).toEqual(["open:kudus", "preview"]);
    expect(out.out.join("")).toContain("Ditolak: 7 dari 20 objek");
  });

  it("applies the same plan with --force, or with a higher --max-delete-share", async () => {
    const plan = { events: events({ same: 13, delete: 7 }), changeSummary: { delete: 7, same: 13 } };
    const forced = fakeStack(20, plan);
    expect(await apply(["--force"], io(root()), forced.open)).toBe(0);
    expect(forced.calls).toContain("up");
    const wider = fakeStack(20, plan);
    expect(await apply(["--max-delete-share", "0.4"], io(root()), wider.open)).toBe(0);
    expect(wider.calls).toContain("up");
  });

  it("counts hosting accounts in the gate and names those a plan would archive and remove", async () => {
    const accountUrn = (fqdn: string) =>
      `urn:pulumi:kudus::domainops::${HOSTING_ACCOUNT_TYPE}::akun/srv-kudus-1/${fqdn}`;
    const accounts = ["a.kuduskab.go.id", "b.kuduskab.go.id", "c.kuduskab.go.id"].map(accountUrn);
    const state: StateResource[] = [
      ...Array.from({ length: 7 }, () => ({ type: DNS_RECORD_TYPE })),
      ...accounts.map((urn) => ({ type: HOSTING_ACCOUNT_TYPE, urn })),
      // Another command of the program is neither managed nor risky.
      { type: HOSTING_ACCOUNT_TYPE, urn: "urn:pulumi:kudus::domainops::command:local:Command::other" },
    ];
    const deleted = (urn: string): PreviewEvent => ({
      resourcePreEvent: { metadata: { op: "delete", urn, type: HOSTING_ACCOUNT_TYPE } },
    });
    const { open, calls } = fakeStack(state, {
      events: [
        ...events({ same: 5, delete: 2 }),
        deleted(accounts[0] as string),
        deleted(accounts[1] as string),
        deleted("urn:pulumi:kudus::domainops::command:local:Command::other"),
      ],
      changeSummary: { delete: 5, same: 5 },
    });
    const out = io(root());
    expect(await apply([], out, open)).toBe(1);
    expect(calls).toEqual(["open:kudus", "preview"]);
    const text = out.out.join("");
    expect(text).toContain("4 dihapus/delete, 5 tetap/same; 10 dikelola sebelum ini");
    expect(text).toContain("Ditolak: 4 dari 10 objek");
    expect(text).toContain("Di antaranya 2 akun hosting");
    expect(text).toContain("Among them 2 hosting accounts");
  });

  it("--preview-only never applies", async () => {
    const { open, calls } = fakeStack(20, { events: events({ create: 2 }), changeSummary: { create: 2 } });
    expect(await apply(["--preview-only"], io(root()), open)).toBe(0);
    expect(calls).toEqual(["open:kudus", "preview"]);
  });

  it("--refresh reports drift with exit 3 and applies nothing", async () => {
    const drifted = fakeStack(20, {
      events: events({ update: 1, same: 19 }),
      changeSummary: { update: 1, same: 19 },
    });
    expect(await apply(["--refresh"], io(root()), drifted.open)).toBe(3);
    expect(drifted.calls).toEqual(["open:kudus", "preview+refresh"]);
    const clean = fakeStack(20, { events: events({ same: 20 }), changeSummary: { same: 20 } });
    expect(await apply(["--refresh"], io(root()), clean.open)).toBe(0);
  });

  it("stops before Pulumi when the requests are invalid", async () => {
    const dir = makeRoot(fixtureFiles("infra-invalid"));
    copyStack(dir);
    const { open, calls } = fakeStack(0, { events: [], changeSummary: {} });
    const out = io(dir);
    expect(await apply([], out, open)).toBe(1);
    expect(calls).toEqual([]);
    expect(out.err.join("")).toContain("nip-format");
  });

  it("refuses placeholder or private origins before Pulumi when a request uses hosting server", async () => {
    const dir = makeRoot(fixtureFiles("infra-kinds"));
    copyFileSync(OFFICE_STACK, path.join(dir, "Pulumi.kudus.yaml"));
    const { open, calls } = fakeStack(0, { events: [], changeSummary: {} });
    const out = io(dir);
    expect(await apply([], out, open)).toBe(1);
    expect(calls).toEqual([]);
    const err = out.err.join("");
    expect(err).toContain("Pulumi.kudus.yaml: domainops:origins");
    expect(err).toContain("203.0.113.10 (203.0.113.0/24");
    expect(err).toContain("2001:db8:1000::10 (2001:db8::/32");
  });
});

describe("apply from the last applied commit", () => {
  function gitRoot(maxDeleteShare: string): { dir: string; first: string; git: (...a: string[]) => string } {
    const dir = root();
    const git = (...a: string[]) => execFileSync("git", a, { cwd: dir, encoding: "utf8" }).trim();
    git("init", "-q", "-b", "main");
    git("config", "user.name", "t");
    git("config", "user.email", "t@kuduskab.go.id");
    git("config", "commit.gpgsign", "false");
    const stack = path.join(dir, "Pulumi.kudus.yaml");
    writeFileSync(stack, readFileSync(stack, "utf8").replace(/domainops:maxDeleteShare:.*\n/, ""));
    git("add", "-A");
    git("commit", "-q", "-m", "applied");
    const first = git("rev-parse", "HEAD");
    writeFileSync(stack, `${readFileSync(stack, "utf8")}  domainops:maxDeleteShare: ${maxDeleteShare}\n`);
    git("commit", "-q", "-am", "raise the limit");
    return { dir, first, git };
  }
  const plan = { events: events({ same: 13, delete: 7 }), changeSummary: { delete: 7, same: 13 } };

  it("takes the deletion threshold from the last applied commit, not from the one being applied", async () => {
    const { dir, first } = gitRoot("0.9");
    const fromApplied = fakeStack(20, plan, { appliedCommit: first });
    const out = io(dir);
    expect(await apply([], out, fromApplied.open)).toBe(1);
    expect(out.out.join("")).toContain("melebihi batas 30% (6)");
    // Without a recorded commit (a new stack) the tree's own setting is all there is.
    const fresh = fakeStack(20, plan);
    expect(await apply([], io(dir), fresh.open)).toBe(0);
  });

  it("records the applied commit, and moves it on even when no resource changes", async () => {
    const { dir, first, git } = gitRoot("0.3");
    const head = git("rev-parse", "HEAD");
    const same = { events: events({ same: 20 }), changeSummary: { same: 20 } };
    const moved = fakeStack(20, same, { appliedCommit: first });
    expect(await apply([], io(dir), moved.open)).toBe(0);
    expect(moved.opened).toEqual([head]);
    expect(moved.calls).toContain("up");
    const current = fakeStack(20, same, { appliedCommit: head });
    expect(await apply(["--commit", head], io(dir), current.open)).toBe(0);
    expect(current.calls).not.toContain("up");
    expect(() => parseApplyArgs(["--commit", "abc"])).toThrow(/40-hex/);
  });
});

describe("domainops apply --help", () => {
  it("is asked for, not an error", () => {
    expect(parseApplyArgs(["--help"])).toBe("help");
    expect(() => parseApplyArgs(["--help", "--bogus"])).toThrow(/bogus/);
  });
});
