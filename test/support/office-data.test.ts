import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findLiveDataReferences, TOOL } from "./office.ts";

/** Every test source file, fixtures aside. */
function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testSources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("the tool's tests and the office's data", () => {
  it.each([
    ['const ROOT = path.resolve(import.meta.dirname, "../..");'],
    ['const ROOT = join(import.meta.dirname, "..", "..");'],
    ['export const ROOT = new URL("../../", import.meta.url).pathname;'],
    ['readFileSync("../../governance/sop.yaml")'],
    ['cpSync("../../governance", dir)'],
    ['readdirSync("../../requests")'],
    ['copyFileSync("../../Pulumi.kudus.yaml", x)'],
    ['readFile("../../.github/CODEOWNERS")'],
    ['cpSync(path.join(TOOL, "governance"), dir)'],
    ['readFileSync(path.join(TOOL, "governance/officials.yaml"))'],
    ['readdirSync(path.join(TOOL, "requests"))'],
    ['copyFileSync(path.join(TOOL, "Pulumi.buol.yaml"), x)'],
    ['readFile(join(TOOL, ".github/CODEOWNERS"))'],
    ['readFile(join(TOOL, ".github", "CODEOWNERS"))'],
    ['readFileSync(path.join(TOOL, ".github/workflows", name))'],
    ['const WORKFLOWS = join(import.meta.dirname, "../../.github/workflows");'],
  ])("flags %s", (line) => {
    expect(findLiveDataReferences(`// a\n${line}\n`)).toEqual([`2: ${line}`]);
  });

  it.each([
    ['cp(join(TOOL, "governance/presets", name), dir)'],
    ['join(TOOL, "test/fixtures/infra-kinds/requests")'],
    ['new URL("../../schema/", import.meta.url)'],
    ['cpSync(path.join(OFFICE, "governance"), dir)'],
    ['readFileSync(OFFICE_STACK, "utf8")'],
    ["readFileSync(join(TOOL, TEMPLATES_DIR, name))"],
  ])("allows %s", (line) => {
    expect(findLiveDataReferences(line)).toEqual([]);
  });

  it("no test reads the repository's own requests, governance, stack files, CODEOWNERS or workflows", () => {
    const self = path.join(TOOL, "test/support/office.ts");
    const hits = testSources(path.join(TOOL, "test"))
      .filter((file) => file !== self && file !== import.meta.filename)
      .flatMap((file) =>
        findLiveDataReferences(readFileSync(file, "utf8")).map(
          (hit) => `${path.relative(TOOL, file)}:${hit}`,
        ),
      );
    expect(hits).toEqual([]);
  });
});
