import { afterEach, describe, expect, it } from "vitest";
import { firstParentRange } from "../../src/adapters/git.ts";
import { missingToolError, runTool, runToolAsync, spawnTool } from "../../src/adapters/tool.ts";
import { run as apply } from "../../src/cli/apply.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { DomainopsError } from "../../src/core/errors.ts";
import { domainops, officeRoot, removeRoots, tempDir } from "./helpers.ts";

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
  removeRoots();
});

/** Runs with an empty folder as PATH, so no external program is found. */
function withoutPrograms(): void {
  process.env.PATH = tempDir();
}

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("runToolAsync", () => {
  it("gives the output, or the exit status and standard error of a failed run", async () => {
    expect((await runToolAsync("git", ["--version"])).toString()).toMatch(/^git version /);
    const failed = (await runToolAsync("git", ["-C", tempDir(), "log"]).catch((error: unknown) => error)) as {
      code: number;
      stderr: Buffer;
    };
    expect(failed.code).toBe(128);
    expect(failed.stderr.toString()).toContain("not a git repository");
  });
});

describe("a program missing from PATH", () => {
  it.each([
    ["named-checkzone", "bind9-utils"],
    ["named-compilezone", "bind9-utils"],
    ["git", "git"],
    ["jq", "jq"],
  ])("%s: names the program and the Debian package %s", async (tool, pkg) => {
    withoutPrograms();
    for (const error of [
      caught(() => spawnTool(tool, ["--version"])),
      caught(() => runTool(tool, ["--version"])),
      await runToolAsync(tool, ["--version"]).catch((failure: unknown) => failure),
    ]) {
      expect(error).toBeInstanceOf(DomainopsError);
      expect((error as DomainopsError).code).toBe("tool");
      expect((error as DomainopsError).message).toBe(
        `program "${tool}" tidak ditemukan di PATH (not found on PATH); pasang paket ${pkg}: ` +
          `sudo apt-get install ${pkg} (install the Debian/Ubuntu package ${pkg})`,
      );
      expect((error as DomainopsError).message).not.toContain("undefined");
    }
  });

  it("a program without a known package: says to install it", () => {
    expect(missingToolError("pulumi").message).toBe(
      'program "pulumi" tidak ditemukan di PATH (not found on PATH); pasang dulu (install it first)',
    );
  });

  it("a program that is there runs as usual, failures included", () => {
    expect(runTool("git", ["--version"]).toString()).toMatch(/^git version /);
    const failed = spawnTool("git", ["--no-such-option"]);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain("unknown option");
    expect(() => runTool("git", ["--no-such-option"], { stdio: "pipe" })).toThrow(
      expect.objectContaining({ status: 129 }),
    );
  });

  it("domainops diff says git is missing, not that the ref is", async () => {
    const root = officeRoot();
    withoutPrograms();
    const { code, err } = await domainops(["diff", "--base", "main", "--root", root]);
    expect(code).toBe(2);
    expect(err).toContain('domainops diff: program "git" tidak ditemukan di PATH');
    expect(err).not.toContain("tidak ditemukan di repositori git");
  });

  it("git's answer 'not an ancestor' is not taken from a missing git", () => {
    const root = tempDir();
    withoutPrograms();
    expect(() => firstParentRange(root, "a".repeat(40), "b".repeat(40))).toThrow(
      /program "git" tidak ditemukan di PATH/,
    );
  });

  it("domainops apply stops before opening the stack instead of recording no commit", async () => {
    const root = officeRoot();
    withoutPrograms();
    const opened: unknown[] = [];
    const open = async (options: unknown) => {
      opened.push(options);
      throw new Error("the stack must not be opened");
    };
    const io = memoryIo({ cwd: root, now: new Date("2026-12-01T10:00:00Z") });
    await expect(apply([], io, open)).rejects.toThrow(/program "git" tidak ditemukan di PATH/);
    expect(opened).toEqual([]);
  });
});
