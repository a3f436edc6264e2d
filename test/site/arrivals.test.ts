import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { additionsOnFirstParent } from "../../src/adapters/git.ts";
import { DomainopsError } from "../../src/core/errors.ts";
import { ARRIVALS_FORMAT, arrivalsJson, parseArrivals } from "../../src/core/site/arrivals.ts";
import { domainops, removeRoots, tempDir } from "../cli/helpers.ts";
import { OFFICE } from "../support/office.ts";

afterEach(removeRoots);

/** git in `root` with a fixed identity and clock, never the machine's own configuration. */
function git(root: string, args: string[], date = "2026-01-01T00:00:00Z"): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Uji", "-c", "user.email=uji@contoh.go.id", "-c", "commit.gpgsign=false", ...args],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  ).toString();
}

function commitAll(root: string, message: string, date: string): void {
  git(root, ["add", "-A"]);
  git(root, ["commit", "-q", "-m", message], date);
}

function write(root: string, file: string, text = `${file}\n`): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** A history with a merge commit, a removal and re-adding, a rename and a change. */
function history(): string {
  const root = tempDir();
  git(root, ["init", "-q", "-b", "main"]);
  write(root, "requests/a.yaml");
  write(root, "requests/b.yaml");
  write(root, "README.md");
  commitAll(root, "awal", "2024-01-01T00:00:00Z");
  git(root, ["checkout", "-q", "-b", "permohonan/7"]);
  write(root, "requests/c.yaml");
  // A branch commit's date is whatever its author's clock said, even after the merge.
  commitAll(root, "tambah c", "2024-03-15T00:00:00Z");
  git(root, ["checkout", "-q", "main"]);
  git(root, ["merge", "-q", "--no-ff", "permohonan/7", "-m", "Merge #7"], "2024-03-01T05:00:00Z");
  git(root, ["rm", "-q", "requests/a.yaml"]);
  commitAll(root, "hapus a", "2024-04-01T00:00:00Z");
  write(root, "requests/a.yaml", "baru\n");
  git(root, ["mv", "requests/b.yaml", "requests/b2.yaml"]);
  commitAll(root, "a lagi, b berganti nama", "2024-05-01T00:00:00Z");
  write(root, "requests/c.yaml", "diubah\n");
  commitAll(root, "ubah c", "2024-06-01T00:00:00Z");
  return root;
}

describe("additionsOnFirstParent", () => {
  it("dates each file by the newest first-parent commit that brought it onto the branch", async () => {
    const root = history();
    const found = await additionsOnFirstParent(root, "requests");
    expect(found).toEqual({
      commit: git(root, ["rev-parse", "HEAD"]).trim(),
      dates: new Map([
        ["requests/a.yaml", "2024-05-01T00:00:00+00:00"],
        ["requests/b2.yaml", "2024-05-01T00:00:00+00:00"],
        // The merge, not the commit on the branch, is when it arrived; a later change does not count.
        ["requests/c.yaml", "2024-03-01T05:00:00+00:00"],
        ["requests/b.yaml", "2024-01-01T00:00:00+00:00"],
      ]),
    });
  });

  it("from the dates of an earlier commit, reads only the commits since", async () => {
    const root = history();
    const head = git(root, ["rev-parse", "HEAD"]).trim();
    const merge = git(root, ["rev-parse", "HEAD~3"]).trim(); // the merge of #7
    // Dates a full read would change: kept, since only the commits after the merge are read.
    const known = {
      commit: merge,
      dates: new Map([
        ["requests/c.yaml", "2023-01-01T00:00:00+00:00"],
        ["requests/b.yaml", "2023-01-01T00:00:00+00:00"],
      ]),
    };
    expect(await additionsOnFirstParent(root, "requests", known)).toEqual({
      commit: head,
      dates: new Map([
        ["requests/c.yaml", "2023-01-01T00:00:00+00:00"],
        ["requests/b.yaml", "2023-01-01T00:00:00+00:00"],
        ["requests/a.yaml", "2024-05-01T00:00:00+00:00"],
        ["requests/b2.yaml", "2024-05-01T00:00:00+00:00"],
      ]),
    });
    // Up to date: nothing is read.
    const same = { commit: head, dates: new Map([["requests/x.yaml", "2020-01-01T00:00:00Z"]]) };
    expect(await additionsOnFirstParent(root, "requests", same)).toEqual(same);
    // Not on this history (rewritten, or another repository): everything is read again.
    const stranger = {
      commit: "1".repeat(40),
      dates: new Map([["requests/c.yaml", "2020-01-01T00:00:00Z"]]),
    };
    const again = await additionsOnFirstParent(root, "requests", stranger);
    expect("dates" in again && again.dates.get("requests/c.yaml")).toBe("2024-03-01T05:00:00+00:00");
  });

  it("is skipped below the top of the work tree, outside git, and on a shallow clone", async () => {
    const root = history();
    mkdirSync(path.join(root, "kantor/requests"), { recursive: true });
    expect(await additionsOnFirstParent(path.join(root, "kantor"), "requests")).toEqual({
      skipped: "not-top",
    });
    expect(await additionsOnFirstParent(tempDir(), "requests")).toEqual({ skipped: "not-top" });
    const shallow = path.join(tempDir(), "dangkal");
    git(root, ["clone", "-q", "--depth", "1", `file://${root}`, shallow]);
    expect(await additionsOnFirstParent(shallow, "requests")).toEqual({ skipped: "shallow" });
  });

  it("says so when the history cannot be read", async () => {
    const root = tempDir();
    git(root, ["init", "-q", "-b", "main"]);
    await expect(additionsOnFirstParent(root, "requests")).rejects.toThrow(DomainopsError);
  });
});

describe("domainops site dates subdomains from the git history", () => {
  /** The fixture office as a repository whose requests arrived at known times. */
  function officeRepository(): string {
    const root = tempDir();
    cpSync(OFFICE, root, { recursive: true });
    const requests = path.join(root, "requests");
    const later = path.join(tempDir(), "later");
    mkdirSync(later);
    cpSync(path.join(requests, "dinkes.yaml"), path.join(later, "dinkes.yaml"));
    rmSync(path.join(requests, "dinkes.yaml"));
    git(root, ["init", "-q", "-b", "main"]);
    commitAll(root, "awal", "2025-02-03T01:00:00Z");
    cpSync(path.join(later, "dinkes.yaml"), path.join(requests, "dinkes.yaml"));
    // 18:00 UTC on the 9th is the 10th in Kudus.
    commitAll(root, "Merge #3: dinkes", "2025-08-09T18:00:00Z");
    return root;
  }

  it("without saved pull requests, every request gets the date its file arrived", async () => {
    const root = officeRepository();
    const out = tempDir();
    const run = await domainops(["site", "--root", root, "--out", out], {
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(run).toMatchObject({ code: 0, err: "" });
    const html = readFileSync(path.join(out, "index.html"), "utf8");
    expect(html).toMatch(/dinkes\.kuduskab\.go\.id<\/th>.*<td>2025-08-10<\/td><\/tr>/);
    expect(html).toMatch(/rsud\.kuduskab\.go\.id<\/th>.*<td>2025-02-03<\/td><\/tr>/);
    expect(html).not.toContain("(tanggal surat)");
  });

  it("keeps the dates in --arrivals for the next build, and rebuilds a file that is not one", async () => {
    const root = officeRepository();
    const cache = path.join(tempDir(), "arrivals.json");
    const build = () =>
      domainops(["site", "--root", root, "--out", tempDir(), "--arrivals", cache], {
        now: new Date("2026-12-01T10:00:00Z"),
      });
    expect(existsSync(cache)).toBe(false);
    expect(await build()).toMatchObject({ code: 0, err: "" });
    const saved = JSON.parse(readFileSync(cache, "utf8"));
    expect(saved.commit).toBe(git(root, ["rev-parse", "HEAD"]).trim());
    expect(saved.dates["requests/dinkes.yaml"]).toBe("2025-08-09T18:00:00+00:00");
    // The next build trusts the file for the commits it covers: a date planted there shows.
    saved.dates["requests/rsud.yaml"] = "2020-02-02T02:00:00+00:00";
    writeFileSync(cache, JSON.stringify(saved));
    const out = tempDir();
    const planted = await domainops(["site", "--root", root, "--out", out, "--arrivals", cache], {
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(planted.code).toBe(0);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toMatch(
      /rsud\.kuduskab\.go\.id<\/th>.*<td>2020-02-02<\/td>/,
    );
    writeFileSync(cache, "{ bukan json");
    const rebuilt = await build();
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.err).toContain("diabaikan, dibuat ulang (ignored, rebuilt): not JSON");
    expect(JSON.parse(readFileSync(cache, "utf8")).dates["requests/rsud.yaml"]).toBe(
      "2025-02-03T01:00:00+00:00",
    );
  });

  it("builds the site when the arrivals file cannot be written, and says so", async () => {
    const root = officeRepository();
    const cache = path.join(tempDir(), "tidak-ada", "arrivals.json");
    const out = tempDir();
    const run = await domainops(["site", "--root", root, "--out", out, "--arrivals", cache], {
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(run.code).toBe(0);
    expect(run.err).toContain("tidak dapat ditulis (cannot be written): ENOENT");
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toMatch(
      /dinkes\.kuduskab\.go\.id<\/th>.*<td>2025-08-10<\/td>/,
    );
  });

  it("on a shallow checkout falls back to the letters and says how to fix the checkout", async () => {
    const root = officeRepository();
    const shallow = path.join(tempDir(), "dangkal");
    git(root, ["clone", "-q", "--depth", "1", `file://${root}`, shallow]);
    const out = tempDir();
    const run = await domainops(["site", "--root", shallow, "--out", out], {
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(run.code).toBe(0);
    expect(run.err).toContain("fetch-depth: 0");
    const html = readFileSync(path.join(out, "index.html"), "utf8");
    expect(html).toMatch(/rsud\.kuduskab\.go\.id<\/th>.*\(tanggal surat\)/);
  });

  it("on a history git cannot read, builds the site and says why the dates are letters", async () => {
    const root = tempDir();
    cpSync(OFFICE, root, { recursive: true });
    git(root, ["init", "-q", "-b", "main"]);
    const out = tempDir();
    const run = await domainops(["site", "--root", root, "--out", out], {
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(run.code).toBe(0);
    expect(run.err).toContain("Riwayat git tidak dapat dibaca");
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toContain("(tanggal surat)");
  });
});

describe("the arrivals file", () => {
  const commit = "a".repeat(40);
  const good = {
    format: ARRIVALS_FORMAT,
    commit,
    dates: { "requests/dinkes.yaml": "2025-08-09T18:00:00+00:00" },
  };

  it("reads its own shape and nothing else", () => {
    expect(parseArrivals(good)).toEqual({
      ok: true,
      value: { commit, dates: new Map([["requests/dinkes.yaml", "2025-08-09T18:00:00+00:00"]]) },
    });
    for (const [bad, error] of [
      [[], "not an object"],
      [{ ...good, format: "domainops-arrivals/2" }, "format"],
      [{ ...good, commit: "HEAD" }, "commit"],
      [{ ...good, dates: [] }, "dates"],
      [{ ...good, dates: { "../etc/passwd": "2025-08-09T18:00:00Z" } }, "requests/<name>.yaml"],
      [{ ...good, dates: { "requests/a.yaml": "kemarin" } }, "ISO time"],
      [{ ...good, dates: { "requests/a.yaml": "2025-13-45T99:00:00Z" } }, "ISO time"],
    ] as const) {
      const parsed = parseArrivals(bad);
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? "" : parsed.error).toContain(error);
    }
  });

  it("keeps only request files present now, in name order", () => {
    const dates = new Map([
      ["requests/z.yaml", "2025-01-01T00:00:00Z"],
      ["requests/a.yaml", "2025-01-02T00:00:00Z"],
      ["requests/dihapus.yaml", "2025-01-03T00:00:00Z"],
      ["requests/README.md", "2025-01-03T00:00:00Z"],
    ]);
    const present = new Set(["requests/a.yaml", "requests/z.yaml", "requests/README.md"]);
    expect(JSON.stringify(arrivalsJson(commit, dates, present).dates)).toBe(
      '{"requests/a.yaml":"2025-01-02T00:00:00Z","requests/z.yaml":"2025-01-01T00:00:00Z"}',
    );
  });
});
