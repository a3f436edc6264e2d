// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions, not JavaScript templates
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { CheckId } from "./audit.ts";
import { auditWorkflow, triggersOf } from "./audit.ts";
import { renderedWorkflow, TEST_OFFICE, workflowFiles } from "./rendered.ts";

const files = [...workflowFiles];
const sourceOf = (name: string) => renderedWorkflow(name);
// biome-ignore lint/suspicious/noExplicitAny: workflow documents are free-form YAML, narrowed by the assertions
const load = (name: string): any => parse(sourceOf(name));

const CHECKOUT = "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2";

describe("the workflows rendered for an office", () => {
  it("are all present", () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining([
        "apply.yml",
        "drift.yml",
        "site.yml",
        "sop-gate.yml",
        "sop-relay.yml",
        "validate.yml",
      ]),
    );
  });

  it.each(files)("%s passes every security check", (name) => {
    expect(auditWorkflow(sourceOf(name))).toEqual([]);
  });

  it("validate runs on pull_request only, without any secret", () => {
    const workflow = load("validate.yml");
    expect(triggersOf(workflow)).toEqual(["pull_request"]);
    expect(JSON.stringify(workflow)).not.toMatch(/\bsecrets\b/);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("the SOP gate checks out the default branch and nothing else", () => {
    const workflow = load("sop-gate.yml");
    expect(triggersOf(workflow)).toEqual(
      expect.arrayContaining(["pull_request_target", "workflow_run", "schedule"]),
    );
    expect(workflow.on.workflow_run.workflows).toEqual([load("sop-relay.yml").name]);
    const checkouts = Object.values(workflow.jobs).flatMap((job) =>
      // biome-ignore lint/suspicious/noExplicitAny: see load()
      ((job as any).steps ?? []).filter((step: any) => String(step.uses).startsWith("actions/checkout@")),
    );
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0].with.ref).toMatch(/^\$\{\{ github\.event\.repository\.default_branch/);
  });

  it("the relay does nothing and holds no permission", () => {
    const workflow = load("sop-relay.yml");
    expect(workflow.permissions).toEqual({});
    expect(triggersOf(workflow)).toEqual(["pull_request_review"]);
    expect(workflow.on.pull_request_review.types).toEqual(["submitted", "edited", "dismissed"]);
    const steps = Object.values(workflow.jobs).flatMap((job) => (job as { steps: unknown[] }).steps);
    expect(steps.every((step) => !(step as { uses?: string }).uses)).toBe(true);
  });

  it("apply verifies every commit since the last apply before applying, serialized, and only its apply job holds secrets", () => {
    const workflow = load("apply.yml");
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
    expect(workflow.jobs.apply.environment).toBe("production");
    expect(workflow.jobs.notify.needs).toBe("apply");
    expect(workflow.jobs.report.needs).toBe("apply");
    for (const [id, job] of Object.entries(workflow.jobs)) {
      const secrets = JSON.stringify(job).match(/secrets\.(?!GITHUB_TOKEN\b)\w+/g) ?? [];
      if (id === "apply") expect(secrets).toContain("secrets.CLOUDFLARE_API_TOKEN");
      else expect(secrets).toEqual([]);
    }
    const names = workflow.jobs.apply.steps.map((step: { name: string }) => step.name);
    const at = (prefix: string) => names.findIndex((name: string) => name.startsWith(prefix));
    expect(at("Last applied commit")).toBeLessThan(at("Verify every commit"));
    expect(at("Verify every commit")).toBeLessThan(at("Apply"));
    const verify = JSON.stringify(workflow.jobs.apply.steps[at("Verify every commit")]);
    expect(verify).toContain("--verify-commit");
    expect(verify).toContain("--since");
    // The checker runs from the trusted worktree, not from the checked-out merge.
    // In an office repository that worktree's `domainops` is the version its lockfile pins.
    expect(verify).toContain('(cd \\"$CHECKER\\" && npx --no-install domainops approvals \\"${args[@]}\\")');
    const apply = JSON.stringify(workflow.jobs.apply.steps[at("Apply")]);
    expect(apply).toContain('npx --no-install domainops apply \\"${args[@]}\\"');
    expect(apply).toContain("--commit");
  });

  it("carry the office's stack name and a drift schedule in its time zone", () => {
    expect(load("apply.yml").env.STACK).toBe(TEST_OFFICE.stack);
    expect(load("drift.yml").env.STACK).toBe(TEST_OFFICE.stack);
    // 08:23 WITA = 00:23 UTC; WIT is a day earlier in UTC.
    expect(load("drift.yml").on.schedule).toEqual([{ cron: "23 0 * * *" }]);
    const wit = parse(renderedWorkflow("drift.yml", { stack: "papua", timeZone: "Asia/Jayapura" }));
    expect(wit.on.schedule).toEqual([{ cron: "23 23 * * *" }]);
    expect(files.map(sourceOf).join("\n")).not.toMatch(/__DOMAINOPS_|node src\/|kudus/);
  });

  it.each(["kudus\nrun: curl evil", "Kudus", "a'b", "-x", "${{ secrets.X }}"])(
    "refuses to render the stack name %j",
    (stack) => {
      expect(() => renderedWorkflow("apply.yml", { stack, timeZone: "Asia/Jakarta" })).toThrow(/stack/);
    },
  );

  it("site builds read-only and only its deploy job may write to Pages, with pinned Pages actions", () => {
    const site = load("site.yml");
    expect(site.permissions).toEqual({});
    expect(triggersOf(site).sort()).toEqual(["push", "schedule", "workflow_dispatch"]);
    expect(site.on.push).toEqual({ branches: ["main"] });
    expect(site.jobs.build.permissions).toEqual({ contents: "read", "pull-requests": "read" });
    expect(site.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(site.jobs.deploy.needs).toBe("build");
    const uses = (job: string) =>
      site.jobs[job].steps.map((step: { uses?: string }) => step.uses).filter(Boolean);
    expect(uses("build")).toContain("actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9");
    expect(uses("deploy")).toEqual(["actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"]);
    const source = sourceOf("site.yml");
    expect(source).toContain('npx --no-install domainops site --out _site --repo "$REPO" \\\n');
    expect(source).toContain('--arrivals "$RUNNER_TEMP/domainops-arrivals.json" "${pulls[@]}"');
    // The arrival dates' cache is keyed by the commit, restored from the newest of the branch's.
    const cache = site.jobs.build.steps.find((step: { uses?: string }) =>
      step.uses?.startsWith("actions/cache@"),
    );
    expect(cache.uses).toBe("actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae");
    expect(cache.with).toEqual({
      path: "${{ runner.temp }}/domainops-arrivals.json",
      key: "domainops-arrivals-${{ github.sha }}",
      "restore-keys": "domainops-arrivals-",
    });
    // The history is there to date the subdomains from.
    expect(site.jobs.build.steps[0].with["fetch-depth"]).toBe(0);
    expect(source).toContain("with:\n          path: _site");
  });

  it("drift reports through one labelled issue", () => {
    const source = sourceOf("drift.yml");
    expect(triggersOf(load("drift.yml"))).toContain("schedule");
    expect(source).toContain('npx --no-install domainops apply --stack "$STACK" --preview-only --refresh');
    expect(source).toContain('label="domainops-drift"');
  });
});

/** A workflow that passes every check; each bad case below changes one thing in it. */
const GOOD = `
name: good
on: pull_request_target
permissions: {}
jobs:
  gate:
    runs-on: ubuntu-latest
    permissions:
      statuses: write
    steps:
      - uses: ${CHECKOUT}
        with:
          ref: \${{ github.event.repository.default_branch }}
          persist-credentials: false
      - env:
          TITLE: \${{ github.event.pull_request.title }}
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
        run: echo "$TITLE" in \${{ runner.temp }}
      - uses: ./.github/actions/local
`;

function mutate(from: string, to: string, base = GOOD): string {
  if (!base.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return base.replace(from, to);
}

const PUSH_BASE = GOOD.replace("on: pull_request_target", "on: push");

const APP_STEP = `      - uses: actions/create-github-app-token@1b10c78c7865c340bc4f6099eb2f838309f1e8c3 # v3.1.1
        with:
          private-key: \${{ secrets.APP_KEY }}
`;
/** The gate's pattern: an app key in an environment, handed only to the token action. */
const APP_GOOD = GOOD.replace(
  "    permissions:\n      statuses: write",
  "    environment: sop-gate\n    permissions:\n      statuses: write",
).replace("      - env:\n", `${APP_STEP}      - env:\n`);

const BAD: [string, CheckId, string][] = [
  [
    "an app key outside an environment",
    "secrets-in-untrusted-job",
    APP_GOOD.replace("    environment: sop-gate\n", ""),
  ],
  [
    "an app key handed to a script",
    "secrets-in-untrusted-job",
    APP_GOOD.replace(
      "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
      "          KEY: ${{ secrets.APP_KEY }}",
    ),
  ],
  [
    "npm ci with install scripts in a job holding secrets",
    "install-scripts-with-secrets",
    PUSH_BASE.replace(
      '        run: echo "$TITLE" in ${{ runner.temp }}',
      "          CF: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n        run: npm ci --no-audit",
    ),
  ],
  [
    "the Pulumi CLI at whatever version is latest",
    "pulumi-version-unpinned",
    mutate(
      "      - uses: ./.github/actions/local",
      "      - uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0",
      PUSH_BASE,
    ),
  ],
  ["no top-level permissions", "top-level-permissions", mutate("permissions: {}\n", "")],
  [
    "write-all in a job",
    "write-all-permissions",
    mutate("      statuses: write", "      {}").replace(
      "    permissions:\n      {}",
      "    permissions: write-all",
    ),
  ],
  [
    "writes at the top of a privileged workflow",
    "privileged-top-level-write",
    mutate("permissions: {}", "permissions:\n  contents: write"),
  ],
  ["action pinned by tag", "unpinned-action", mutate(CHECKOUT, "actions/checkout@v6")],
  ["action pinned by a short SHA", "unpinned-action", mutate(CHECKOUT, "actions/checkout@de0fac2")],
  [
    "docker action by tag",
    "unpinned-action",
    mutate("      - uses: ./.github/actions/local", "      - uses: docker://alpine:3"),
  ],
  [
    "reusable workflow by branch",
    "unpinned-action",
    `${GOOD}  reuse:\n    uses: octo/wf/.github/workflows/x.yml@main\n`,
  ],
  ["pinned action without version comment", "pin-comment", mutate(" # v6.0.2", "")],
  [
    "checkout of the PR head sha",
    "privileged-checkout-head",
    mutate("github.event.repository.default_branch", "github.event.pull_request.head.sha"),
  ],
  [
    "checkout of the PR head ref",
    "privileged-checkout-head",
    mutate("${{ github.event.repository.default_branch }}", "${{ github.head_ref }}"),
  ],
  [
    "checkout of the workflow_run head sha",
    "privileged-checkout-head",
    mutate("github.event.repository.default_branch", "github.event.workflow_run.head_sha"),
  ],
  [
    "checkout of the workflow_run head branch",
    "privileged-checkout-head",
    mutate("github.event.repository.default_branch", "github.event.workflow_run.head_branch"),
  ],
  [
    "checkout of a ref smuggled through env",
    "privileged-checkout-head",
    mutate("github.event.repository.default_branch", "env.PR_REF"),
  ],
  [
    "checkout of the PR merge ref",
    "privileged-checkout-head",
    mutate("${{ github.event.repository.default_branch }}", "refs/pull/7/merge"),
  ],
  [
    "checkout of the fork repository",
    "privileged-checkout-head",
    mutate(
      "          persist-credentials: false",
      "          persist-credentials: false\n          repository: ${{ github.event.pull_request.head.repo.full_name }}",
    ),
  ],
  [
    "gh pr checkout in a script",
    "privileged-runs-head",
    mutate('run: echo "$TITLE"', 'run: gh pr checkout "$PR" && echo "$TITLE"'),
  ],
  [
    "git fetch of a pull ref",
    "privileged-runs-head",
    mutate('run: echo "$TITLE"', 'run: git fetch origin "pull/$PR/head" && echo "$TITLE"'),
  ],
  [
    "dependency cache in a privileged job",
    "privileged-cache",
    mutate(
      "      - uses: ./.github/actions/local",
      "      - uses: actions/setup-node@6044e13b5dc448c55e2357c09f80417699197238 # v6.2.0\n        with:\n          cache: npm",
    ),
  ],
  [
    "secret in a pull_request_target job",
    "secrets-in-untrusted-job",
    mutate("secrets.GITHUB_TOKEN", "secrets.CLOUDFLARE_API_TOKEN"),
  ],
  [
    "secret in a pull_request job",
    "secrets-in-untrusted-job",
    mutate("on: pull_request_target", "on: [pull_request]").replace(
      "secrets.GITHUB_TOKEN",
      "secrets.PULUMI_ACCESS_TOKEN",
    ),
  ],
  [
    "secret in a workflow_run job",
    "secrets-in-untrusted-job",
    mutate("on: pull_request_target", "on:\n  workflow_run:\n    workflows: [x]").replace(
      "secrets.GITHUB_TOKEN",
      "secrets['PULUMI_ACCESS_TOKEN']",
    ),
  ],
  [
    "secrets inherited by a reusable workflow",
    "secrets-in-untrusted-job",
    `${GOOD}  reuse:\n    uses: octo/wf/.github/workflows/x.yml@${"a".repeat(40)} # v1.0.0\n    secrets: inherit\n`,
  ],
  [
    "secret in workflow-level env",
    "secrets-in-untrusted-job",
    mutate("permissions: {}", "permissions: {}\nenv:\n  TOKEN: ${{ secrets.DEPLOY }}"),
  ],
  [
    "checkout without persist-credentials",
    "persist-credentials",
    mutate("          persist-credentials: false\n", ""),
  ],
  [
    "checkout persisting credentials",
    "persist-credentials",
    mutate("persist-credentials: false", "persist-credentials: true", PUSH_BASE),
  ],
  [
    "PR title spliced into run",
    "expression-in-run",
    mutate('run: echo "$TITLE"', 'run: echo "${{ github.event.pull_request.title }}"'),
  ],
  [
    "PR body spliced into run",
    "expression-in-run",
    mutate('run: echo "$TITLE"', "run: |\n          echo ${{ github.event.pull_request.body }}"),
  ],
  [
    "head_ref spliced into run",
    "expression-in-run",
    mutate('run: echo "$TITLE"', "run: echo ${{ github.head_ref }}"),
  ],
  [
    "review body spliced into run",
    "expression-in-run",
    mutate('run: echo "$TITLE"', "run: echo ${{ github.event.review.body }}"),
  ],
  [
    "issue comment spliced into github-script",
    "expression-in-run",
    mutate(
      "      - uses: ./.github/actions/local",
      "      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: console.log(`${{ github.event.comment.body }}`)",
    ),
  ],
];

describe("each check fires on a bad workflow", () => {
  it("the good baseline passes, so every finding below comes from the one change", () => {
    expect(auditWorkflow(GOOD)).toEqual([]);
    expect(auditWorkflow(PUSH_BASE)).toEqual([]);
  });

  it.each(BAD)("%s → %s", (_name, check, source) => {
    const checks = new Set(auditWorkflow(source).map((finding) => finding.check));
    expect([...checks]).toEqual([check]);
  });

  it("accepts an app key in an environment, handed only to the token action", () => {
    expect(auditWorkflow(APP_GOOD)).toEqual([]);
  });

  it("covers every check id with at least one bad case", () => {
    const covered = new Set(BAD.map(([, check]) => check));
    const all: CheckId[] = [
      "top-level-permissions",
      "write-all-permissions",
      "privileged-top-level-write",
      "unpinned-action",
      "pin-comment",
      "privileged-checkout-head",
      "privileged-runs-head",
      "privileged-cache",
      "secrets-in-untrusted-job",
      "persist-credentials",
      "install-scripts-with-secrets",
      "pulumi-version-unpinned",
      "expression-in-run",
    ];
    expect([...covered].sort()).toEqual(all.sort());
  });

  it("reports unparsable YAML instead of throwing", () => {
    expect(auditWorkflow("on: [push\njobs: {").map((finding) => finding.check)).toEqual(["invalid-workflow"]);
  });

  it("does not flag a checkout of the default branch or a secret outside PR triggers", () => {
    const push = mutate("secrets.GITHUB_TOKEN", "secrets.CLOUDFLARE_API_TOKEN", PUSH_BASE);
    expect(auditWorkflow(push)).toEqual([]);
  });
});
