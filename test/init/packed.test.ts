/**
 * The packed tool as an office repository uses it: `npm pack` of a copy of this repository, one
 * office created with `domainops init --dir` and installed from the tarball, then every preset's
 * office runs its `npm test` (= `domainops check`) on the machine's own Node (20 here), sharing that
 * one install. Installing uses the npm cache that `npm ci` of this repository filled.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PRESETS } from "../../src/core/office/scaffold.ts";
import { copyTool, makeTemp, removeAll } from "./helpers.ts";

const FIXTURES = join(import.meta.dirname, "fixtures/requests");
const temps: string[] = [];
afterAll(() => removeAll(temps));

/**
 * PATH without any `node_modules/.bin` (where this repository's pinned Node 24 sits), so `node` and
 * `npm` are the machine's own, as in an office that only installed Node 20.
 */
const systemPath = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !dir.includes("node_modules"))
  .join(delimiter);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: systemPath,
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
};
const systemNode = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout.trim();

function npm(cwd: string, args: string[]): { status: number | null; out: string } {
  const result = spawnSync("npm", args, { cwd, env, encoding: "utf8" });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

let tarball = "";
let work = "";
const timings: Record<string, number> = {};

/**
 * `domainops init --dir` of one office: the first one with the packed copy's own sources (there is
 * no install yet), the others with the installed package on the system Node, so init itself is
 * shown to run from the package on Node 20.
 */
function initOffice(preset: string, dir: string, launcher: string[]): void {
  const zone = preset === "blank" ? "contohkota.go.id" : `${preset}kab.go.id`;
  const args = ["init", "--preset", preset, "--zone", zone, "--stack", preset, "--dir", dir];
  const [command = "", ...rest] = launcher;
  execFileSync(command, [...rest, ...args], {
    env: { ...(launcher.length > 1 ? process.env : env), DOMAINOPS_TOOL_SPEC: `file:${tarball}` },
    stdio: "pipe",
  });
}

beforeAll(() => {
  work = makeTemp("packed");
  temps.push(work);
  const tool = copyTool(join(work, "tool"));
  const packs = join(work, "packs");
  mkdirSync(packs);
  let start = performance.now();
  // prepack builds dist/ in the copy; the pinned Node runs the build.
  execFileSync("npm", ["pack", "--pack-destination", packs, "--silent"], { cwd: tool, stdio: "pipe" });
  timings.pack = performance.now() - start;
  tarball = join(packs, readdirSync(packs).find((name) => name.endsWith(".tgz")) ?? "");
  initOffice("kudus", join(work, "kudus"), [process.execPath, join(tool, "bin/domainops.js")]);
  start = performance.now();
  const install = npm(join(work, "kudus"), ["install", "--prefer-offline", "--no-audit", "--no-fund"]);
  timings.install = performance.now() - start;
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.out}`);
  // Node 20 prints EBADENGINE for a package whose engines exclude it: none may.
  expect(install.out).not.toContain("EBADENGINE");
  process.stdout.write(
    `packed tool: npm pack ${(timings.pack / 1000).toFixed(1)} s, install ${(timings.install / 1000).toFixed(1)} s\n`,
  );
}, 240_000);

describe(`the packed tool in an office repository (system Node ${systemNode})`, () => {
  it("ships compiled JavaScript, the templates, presets and schemas, and no TypeScript", () => {
    const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const file of [
      "package/dist/src/cli/main.js",
      "package/dist/src/adapters/validate-worker.js",
      "package/dist/pulumi/index.js",
      "package/dist/src/core/request/data/takeover-suffixes.json",
      "package/schema/request.schema.json",
      "package/templates/workflows/apply.yml",
      "package/templates/office/README.md",
      "package/governance/presets/buol/sop.yaml",
      "package/bin/domainops.js",
    ]) {
      expect(listing).toContain(file);
    }
    expect(listing.filter((file) => file.endsWith(".ts"))).toEqual([]);
  });

  it("its compiled Pulumi program and apply adapter load where the workflows run them (Node 24)", () => {
    const tool = join(work, "tool");
    for (const module of ["dist/pulumi/index.js", "dist/src/adapters/pulumi.js"]) {
      const url = pathToFileURL(join(tool, module)).href;
      const loaded = spawnSync(
        process.execPath,
        ["--input-type=module", "-e", `await import(${JSON.stringify(url)})`],
        {
          encoding: "utf8",
        },
      );
      expect(loaded.stderr).toBe("");
      expect(loaded.status).toBe(0);
    }
  });

  it.each(PRESETS)("the %s office's npm test (domainops check) is green", (preset) => {
    const dir = join(work, preset);
    if (!existsSync(dir)) {
      initOffice(preset, dir, [join(work, "kudus", "node_modules/.bin/domainops")]);
      symlinkSync(join(work, "kudus", "node_modules"), join(dir, "node_modules"));
    }
    const test = npm(dir, ["test"]);
    expect(test.out).toContain("0 galat");
    expect(test.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(pkg.scripts.test).toBe("domainops check");
    expect(pkg.dependencies.domainops).toBe(`file:${tarball}`);
    const pulumi = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8"));
    expect(existsSync(join(dir, pulumi.main))).toBe(true);
    const dependabot = parse(readFileSync(join(dir, ".github/dependabot.yml"), "utf8"));
    expect(dependabot.updates.map((u: { "package-ecosystem": string }) => u["package-ecosystem"])).toEqual([
      "npm",
      "github-actions",
    ]);
  });

  it("runs on the system Node: validates requests, and reports drift of a hand-edited workflow with the fix", () => {
    const dir = join(work, "kudus");
    const run = (args: string[]) =>
      spawnSync(join(dir, "node_modules/.bin/domainops"), args, { cwd: dir, env, encoding: "utf8" });
    expect(run(["--help"]).status).toBe(0);
    // Requests of the three hosting kinds the placeholder stack can carry go through every rule.
    cpSync(FIXTURES, join(dir, "requests"), { recursive: true });
    const validate = run(["validate", "--format", "json"]);
    expect(JSON.parse(validate.stdout)).toMatchObject({ files: 3, errors: 0 });
    expect(validate.status).toBe(0);
    const apply = join(dir, ".github/workflows/apply.yml");
    const text = readFileSync(apply, "utf8");
    execFileSync("sh", ["-c", `printf '# edited\\n' >> "${apply}"`]);
    const drift = run(["check"]);
    expect(drift.status).toBe(1);
    expect(drift.stdout).toContain(".github/workflows/apply.yml:");
    expect(drift.stdout).toContain("npx domainops check --fix");
    expect(run(["check", "--fix"]).status).toBe(0);
    expect(readFileSync(apply, "utf8")).toBe(text);
  });
});
