import { afterEach, describe, expect, it } from "vitest";
import { validateRepository } from "../../src/adapters/repository.ts";
import { DomainopsError } from "../../src/core/errors.ts";
import type { TempRepo } from "./helpers.ts";
import { NOW, POLICY, request, tempRepo } from "./helpers.ts";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const brief = (result: { diagnostics: { file: string; rule: string; line: number; column: number }[] }) =>
  result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);

describe("validateRepository", () => {
  it("rejects everything in requests/ that is not a regular *.yaml file", async () => {
    repo = tempRepo({
      "requests/dinkes.yaml": request("dinkes"),
      "requests/rsud.yml": request("rsud"),
      "requests/README.md": "# hi\n",
      "requests/.gitkeep": "",
    });
    repo.symlink("dinkes.yaml", "requests/disdik.yaml");
    repo.mkdir("requests/desa");
    const result = await validateRepository(repo.root, { now: NOW, policy: POLICY, rules: [] });
    expect(brief(result)).toEqual([
      "requests/README.md:1:1 file-not-yaml",
      "requests/desa:1:1 file-not-yaml",
      "requests/disdik.yaml:1:1 file-symlink",
      "requests/rsud.yml:1:1 file-not-yaml",
    ]);
    expect(result.diagnostics.find((d) => d.file.endsWith(".yml"))?.message.en).toContain(
      "Rename it to requests/rsud.yaml",
    );
    expect(result.files).toBe(5);
  });

  it("with PATHs reads only those files and the parents the rules ask for", async () => {
    repo = tempRepo({
      "requests/disdikpora.yaml": request("disdikpora"),
      "requests/spmb.disdikpora.yaml": request("spmb.disdikpora"),
      // Broken siblings: reading any of them would show up as a finding.
      "requests/broken.yaml": "a: &x\nb: *x\n",
      "requests/other.yaml": "subdomain: [",
    });
    const result = await validateRepository(repo.root, {
      now: NOW,
      paths: ["requests/spmb.disdikpora.yaml"],
    });
    expect(result.errors).toBe(0);
    expect(result.files).toBe(1);
    // The parent was read: without it the same run finds the orphan.
    repo.write("requests/disdikpora.yaml", "subdomain: [");
    const orphan = await validateRepository(repo.root, {
      now: NOW,
      paths: ["requests/spmb.disdikpora.yaml"],
    });
    expect(brief(orphan).filter((line) => line.endsWith("subdomain-parent"))).toHaveLength(1);
    repo.write("requests/disdikpora.yaml", request("disdikpora"));
    const full = await validateRepository(repo.root, { now: NOW });
    expect(full.files).toBe(4);
    expect(full.diagnostics.filter((d) => d.severity === "error").map((d) => d.rule)).toEqual([
      "yaml-anchor",
      "yaml-alias",
      "yaml-syntax",
    ]);
  });

  it("resolves PATHs against cwd and accepts the requests/ folder itself", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes"), "requests/x.txt": "" });
    const one = await validateRepository(repo.root, {
      now: NOW,
      paths: ["dinkes.yaml"],
      cwd: `${repo.root}/requests`,
    });
    expect([one.files, one.errors]).toEqual([1, 0]);
    const all = await validateRepository(repo.root, { now: NOW, paths: [`${repo.root}/requests`] });
    expect(brief(all)).toEqual(["requests/x.txt:1:1 file-not-yaml"]);
  });

  it("reports a missing PATH and a PATH that is a symlink or nested", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes"), "requests/sub/x.yaml": request("x") });
    repo.symlink("dinkes.yaml", "requests/link.yaml");
    const result = await validateRepository(repo.root, {
      now: NOW,
      policy: POLICY,
      rules: [],
      paths: ["requests/nothere.yaml", "requests/link.yaml", "requests/sub/x.yaml", "requests/dinkes.yaml"],
    });
    expect(brief(result)).toEqual([
      "requests/link.yaml:1:1 file-symlink",
      "requests/nothere.yaml:1:1 file-missing",
      "requests/sub/x.yaml:1:1 file-not-yaml",
    ]);
    expect(result.files).toBe(4);
  });

  it("refuses a PATH outside requests/ as a usage error", async () => {
    repo = tempRepo({ "requests/dinkes.yaml": request("dinkes") });
    const outside = validateRepository(repo.root, { now: NOW, paths: ["governance/policy.yaml"] });
    await expect(outside).rejects.toBeInstanceOf(DomainopsError);
    await expect(
      validateRepository(repo.root, { now: NOW, paths: ["governance/policy.yaml"] }),
    ).rejects.toMatchObject({
      code: "usage",
    });
  });

  it("refuses a root without requests/ as a usage error", async () => {
    repo = tempRepo();
    repo.cleanup();
    await expect(validateRepository(repo.root, { now: NOW, policy: POLICY })).rejects.toMatchObject({
      code: "usage",
    });
  });

  it("reports an oversize file without loading it", async () => {
    repo = tempRepo({ "requests/big.yaml": `catatan: "${"x".repeat(200_000)}"\n` });
    const result = await validateRepository(repo.root, { now: NOW, policy: POLICY, rules: [] });
    expect(brief(result)).toEqual(["requests/big.yaml:1:1 file-too-large"]);
    expect(result.diagnostics[0]?.message.en).toContain("200012 bytes");
  });

  it("reports broken governance files with the requests", async () => {
    repo = tempRepo({
      "requests/dinkes.yaml": request("dinkes"),
      "governance/reserved.yaml": "reserved: &a {}\n",
    });
    const result = await validateRepository(repo.root, { now: NOW });
    expect(brief(result)).toContain("governance/reserved.yaml:1:11 yaml-anchor");
  });

  it("gives the same result on worker threads as in one thread", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2400; i++) {
      const name = i % 7 === 6 ? `app${i}.opd${i - 1}` : `opd${i}`;
      files[`requests/${name}.yaml`] =
        i % 5 === 0 ? request(name).replace("jenis: dinas", "jenis: dinasx") : request(name);
    }
    repo = tempRepo(files);
    const one = await validateRepository(repo.root, { now: NOW, workers: 1 });
    const two = await validateRepository(repo.root, { now: NOW, workers: 2 });
    expect(one.errors).toBeGreaterThan(400);
    expect(two.diagnostics).toEqual(one.diagnostics);
    expect([two.files, two.errors, two.warnings]).toEqual([one.files, one.errors, one.warnings]);
    expect(two.requests.map((r) => r.file)).toEqual(one.requests.map((r) => r.file));
    expect(one.requests).toHaveLength(one.files - 480);
    // The second share really ran on a worker thread, and nothing failed.
    expect(one.workers).toBeUndefined();
    expect(two.workers).toEqual({ started: 1, failed: [] });

    // A worker that dies is counted and named; its share is validated again on this thread.
    const crashing = new URL("../fixtures/workers/crashing-worker.ts", import.meta.url);
    const redone = await validateRepository(repo.root, { now: NOW, workers: 2, workerEntry: crashing });
    expect(redone.workers?.started).toBe(1);
    expect(redone.workers?.failed).toHaveLength(1);
    expect(redone.workers?.failed[0]).toContain("worker crashed on purpose");
    expect(redone.diagnostics).toEqual(one.diagnostics);

    // The fast reader crosses to the worker too, with the same findings (480 schema errors located).
    const fast = await validateRepository(repo.root, { now: NOW, workers: 2, fastYaml: true });
    expect(fast.workers).toEqual({ started: 1, failed: [] });
    expect(fast.diagnostics).toEqual(one.diagnostics);
    expect(fast.requests).toEqual(one.requests);
  }, 120_000);
});

describe("validateRepository with the fast reader (the registry site's reading)", () => {
  it("finds, locates and loads exactly what the strict loader does", async () => {
    repo = tempRepo({
      "requests/dinkes.yaml": request("dinkes"),
      "requests/sik.dinkes.yaml": request("sik.dinkes", "dns:\n  - { type: A, content: 10.0.0.9 }\n"),
      // Left to the strict loader: an anchor and its alias.
      "requests/anchor.yaml": request("anchor").replace("jenis: dinas", "jenis: &j dinas\n  kode: *j"),
      // Read fast, then found wrong by the schema and a rule: their positions come from a strict parse.
      "requests/salah.yaml": request("salah").replace("klasifikasi: instansi", "klasifikasi: bukan"),
      "requests/orphan.child.yaml": request("orphan.child"),
      "requests/kotor.yaml": "subdomain: [",
    });
    const strict = await validateRepository(repo.root, { now: NOW, workers: 1 });
    const fast = await validateRepository(repo.root, { now: NOW, workers: 1, fastYaml: true });
    expect(strict.errors).toBeGreaterThanOrEqual(4);
    expect(brief(strict)).toContain("requests/salah.yaml:20:14 schema-enum");
    expect(brief(strict).map((line) => line.split(" ")[1])).toEqual(
      expect.arrayContaining(["yaml-anchor", "yaml-alias", "schema-enum", "subdomain-parent", "yaml-syntax"]),
    );
    expect(fast).toEqual(strict);
  });
});
