import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderedWorkflow } from "./rendered.ts";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const workflow = parse(renderedWorkflow("intake.yml")) as {
  on: { issues: { types: string[] } };
  permissions: Record<string, string>;
  jobs: { intake: { if: string; environment: string; permissions: Record<string, string>; steps: Step[] } };
};
const job = workflow.jobs.intake;
/** A GitHub Actions expression as the workflow file holds it. */
const expr = (inner: string): string => `$\{{ ${inner} }}`;
const step = (name: string): Step => {
  const found = job.steps.find((s) => s.name?.startsWith(name));
  if (!found) throw new Error(`no step ${name}`);
  return found;
};

describe("the intake workflow", () => {
  it("runs on the form's issues only, with no token rights of its own", () => {
    expect(workflow.on.issues.types).toEqual(["opened", "edited", "labeled", "reopened"]);
    expect(workflow.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: "read" });
    // The app's key lives in the environment limited to the default branch, as for the SOP gate.
    expect(job.environment).toBe("sop-gate");
    expect(job.if).toContain("github.event.issue.pull_request == null");
    expect(job.if).toContain("contains(github.event.issue.labels.*.name, 'permohonan')");
  });

  it("runs the default branch's code and hands the body over as data", () => {
    expect(step("Checkout").with).toMatchObject({
      ref: expr("github.event.repository.default_branch"),
      "persist-credentials": false,
    });
    const read = step("Read the form");
    expect(read.env).toEqual({
      BODY: expr("github.event.issue.body"),
      AUTHOR: expr("github.event.issue.user.login"),
    });
    // No expression inside a script: the body and the author reach the shell as variables only.
    for (const s of job.steps) expect(s.run ?? "").not.toContain("${{");
    expect(read.run).toContain('domainops from-issue --body "$RUNNER_TEMP/issue-body.md" --author "$AUTHOR"');
    expect(step("Install").run).toContain("--ignore-scripts");
  });

  it("opens the pull request with the app's token, so the checks run on it", () => {
    const app = step("GitHub App token");
    expect(app.with).toMatchObject({
      "permission-contents": "write",
      "permission-pull-requests": "write",
      "permission-issues": "write",
    });
    expect(step("Open or update").env?.GITHUB_TOKEN).toBe(expr("steps.app.outputs.token"));
    expect(step("The GitHub App is required").if).toBe(expr("env.HAS_APP != 'true'"));
  });
});
