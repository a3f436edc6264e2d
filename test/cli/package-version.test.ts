import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadPackageVersion } from "../../src/adapters/package-version.ts";
import { removeRoots, tempDir } from "./helpers.ts";

afterAll(removeRoots);

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const moduleIn = (...parts: string[]) => pathToFileURL(path.join(...parts)).href;

describe("loadPackageVersion", () => {
  it("is the repository's package.json version by default", () => {
    const json = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(loadPackageVersion()).toBe(json.version);
  });

  it("installed as a dependency: its own package.json, not the project's above it", () => {
    const app = tempDir();
    write(path.join(app, "package.json"), JSON.stringify({ name: "kantor", version: "3.0.0" }));
    const pkg = path.join(app, "node_modules/domainops");
    write(path.join(pkg, "package.json"), JSON.stringify({ name: "domainops", version: "1.2.3" }));
    expect(loadPackageVersion(moduleIn(pkg, "src/cli/main.ts"))).toBe("1.2.3");
  });

  it("compiled to dist/: passes over a package.json that names no package", () => {
    const pkg = tempDir();
    write(path.join(pkg, "package.json"), JSON.stringify({ name: "domainops", version: "2.0.0-rc.1" }));
    write(path.join(pkg, "dist/package.json"), JSON.stringify({ type: "module" }));
    expect(loadPackageVersion(moduleIn(pkg, "dist/adapters/package-version.js"))).toBe("2.0.0-rc.1");
  });

  it("a broken package.json is an error, not a reason to read another package's", () => {
    const app = tempDir();
    write(path.join(app, "package.json"), JSON.stringify({ name: "kantor", version: "3.0.0" }));
    write(path.join(app, "node_modules/domainops/package.json"), "{ not json");
    expect(() => loadPackageVersion(moduleIn(app, "node_modules/domainops/src/x.ts"))).toThrow(
      /bukan JSON yang sah \(not valid JSON\)/,
    );
  });
});
