/**
 * Where the tests find their data. The tool's tests never read the repository's own office data
 * (`requests/`, `governance/*.yaml`, `Pulumi.*.yaml`, `.github/CODEOWNERS`): any office may replace
 * those, and `domainops check` judges them. Tests read a fixture office instead, and the tool's own
 * files (schema, presets, docs) from the tool's folder.
 */
import path from "node:path";

/** The tool's folder (the repository root): schema, presets, docs, source. */
export const TOOL = path.resolve(import.meta.dirname, "../..");

/** A complete fictional office: governance, requests, stack file `Pulumi.kudus.yaml`, CODEOWNERS. */
export const OFFICE = path.join(TOOL, "test/fixtures/office");

/** The office's stack file. */
export const OFFICE_STACK = path.join(OFFICE, "Pulumi.kudus.yaml");

/** The presets shipped with the tool. */
export const PRESETS_DIR = path.join(TOOL, "governance/presets");

/**
 * Where a test's source reaches for the repository's own office data (requests, governance, stack
 * files, CODEOWNERS, the workflows rendered for the example office) or computes the repository root
 * itself (so that it could): each hit as `line: text`. Only this module may locate the repository.
 */
export function findLiveDataReferences(source: string): string[] {
  const patterns = [
    /import\.meta\.dirname,\s*"\.\.(?:\/\.\.|",\s*"\.\.)/,
    /new URL\("\.\.\/\.\.\/"/,
    /"(?:\.\.\/)+(?:governance\/(?!presets)|governance"|requests|Pulumi\.[^"]*\.yaml|\.github\/(?:CODEOWNERS|workflows))/,
    /\bTOOL,\s*"(?:governance(?!\/presets)|requests|Pulumi\.|\.github\/(?:CODEOWNERS|workflows))/,
    /\bTOOL,\s*"\.github",\s*"(?:CODEOWNERS|workflows)"/,
  ];
  return source
    .split("\n")
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => patterns.some((pattern) => pattern.test(text)))
    .map(({ text, line }) => `${line}: ${text.trim()}`);
}
