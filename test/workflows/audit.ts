// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions, not JavaScript templates
/**
 * Security audit of GitHub Actions workflow files, used by the workflow tests.
 *
 * The rules encode the threat model of DOMAIN.md's GitHub section: `pull_request_target` and
 * `workflow_run` run main's workflow with a write token, so they must never check out or run the pull
 * request's code; only the apply job may hold secrets; third-party code is pinned by commit; nothing a
 * pull request controls is spliced into a shell script.
 */
import { parse } from "yaml";

export type CheckId =
  | "invalid-workflow"
  | "top-level-permissions"
  | "write-all-permissions"
  | "privileged-top-level-write"
  | "unpinned-action"
  | "pin-comment"
  | "privileged-checkout-head"
  | "privileged-runs-head"
  | "privileged-cache"
  | "secrets-in-untrusted-job"
  | "persist-credentials"
  | "expression-in-run"
  | "install-scripts-with-secrets"
  | "pulumi-version-unpinned";

export interface Finding {
  check: CheckId;
  /** Where in the workflow, e.g. `jobs.gate.steps[2]`. */
  where: string;
  detail: string;
}

type Mapping = Record<string, unknown>;

/** Triggers that run main's workflow with a write token on behalf of a pull request. */
const PRIVILEGED_TRIGGERS = ["pull_request_target", "workflow_run"];

/** Triggers a pull request author can cause; no job reachable from them may hold a secret. */
const UNTRUSTED_TRIGGERS = [
  "pull_request",
  "pull_request_target",
  "workflow_run",
  "pull_request_review",
  "pull_request_review_comment",
  "issue_comment",
];

/**
 * The only expressions a checkout `ref` may use in a privileged workflow: all of them name main's
 * side. Anything else (an env var, a step output, a head field) could be steered to the PR's code.
 */
const SAFE_CHECKOUT_REFS = new Set([
  "github.event.repository.default_branch",
  "github.ref",
  "github.ref_name",
  "github.sha",
  "github.base_ref",
]);

/**
 * Contexts whose value is fixed by GitHub rather than by whoever opened a pull request or named a
 * branch, so splicing them into a script cannot inject commands. `github.ref_name` and friends are not
 * here: a branch may be called `x$(curl evil)`.
 */
const SAFE_RUN_EXPRESSION =
  /^(runner\.[a-z_]+|github\.(workspace|run_id|run_number|run_attempt|repository|repository_id|repository_owner|sha|server_url|api_url|job|event_name|token)|secrets\.GITHUB_TOKEN)$/;

/** Script commands that fetch or execute code other than the checked-out default branch. */
const RUNS_HEAD =
  /\bgh\s+pr\s+(checkout|diff)\b|\bgit\s+(fetch|checkout|switch|pull|clone|worktree|merge|am|apply)\b|refs\/pull\//;

const SHA_PIN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;
const DIGEST_PIN = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The event names of `on:`, which may be a string, a list or a mapping. */
export function triggersOf(workflow: Mapping): string[] {
  const on = workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.filter((item): item is string => typeof item === "string");
  if (isMapping(on)) return Object.keys(on);
  return [];
}

function expressionsIn(text: string): string[] {
  return [...text.matchAll(EXPRESSION)].map((match) => (match[1] ?? "").trim());
}

function stepsOf(job: Mapping): Mapping[] {
  return Array.isArray(job.steps) ? job.steps.filter(isMapping) : [];
}

function withOf(step: Mapping): Mapping {
  return isMapping(step.with) ? step.with : {};
}

function isCheckout(step: Mapping): boolean {
  return typeof step.uses === "string" && step.uses.startsWith("actions/checkout@");
}

function checkPermissions(workflow: Mapping, privileged: boolean): Finding[] {
  const findings: Finding[] = [];
  if (!("permissions" in workflow)) {
    return [{ check: "top-level-permissions", where: "permissions", detail: "no top-level permissions" }];
  }
  const scopes: { where: string; value: unknown }[] = [{ where: "permissions", value: workflow.permissions }];
  const jobs = isMapping(workflow.jobs) ? workflow.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (isMapping(job) && "permissions" in job) {
      scopes.push({ where: `jobs.${id}.permissions`, value: job.permissions });
    }
  }
  for (const { where, value } of scopes) {
    if (value === "write-all") findings.push({ check: "write-all-permissions", where, detail: "write-all" });
  }
  // Writes belong to the job that needs them, so a new job in a privileged workflow starts with none.
  const top = workflow.permissions;
  const topWrites =
    top === "write-all" ||
    (isMapping(top) && Object.values(top).some((level) => level === "write" || level === "admin"));
  if (privileged && topWrites) {
    findings.push({
      check: "privileged-top-level-write",
      where: "permissions",
      detail: "a pull_request_target/workflow_run workflow grants write access to every job",
    });
  }
  return findings;
}

function checkUses(uses: string, where: string, lines: string[]): Finding[] {
  if (uses.startsWith("./")) return [];
  if (uses.startsWith("docker://")) {
    return DIGEST_PIN.test(uses)
      ? []
      : [{ check: "unpinned-action", where, detail: `${uses} is not pinned by sha256 digest` }];
  }
  if (!SHA_PIN.test(uses)) {
    return [{ check: "unpinned-action", where, detail: `${uses} is not pinned by a full commit SHA` }];
  }
  // The version comment is what a reviewer (and a dependency bot) reads; the SHA alone says nothing.
  const commented = lines.some((line) => {
    const index = line.indexOf(uses);
    return index >= 0 && /^\s*#\s*v\d+(\.\d+)*\b/.test(line.slice(index + uses.length));
  });
  return commented ? [] : [{ check: "pin-comment", where, detail: `${uses} lacks a "# vX.Y.Z" comment` }];
}

function checkPrivilegedCheckout(step: Mapping, where: string): Finding[] {
  const inputs = withOf(step);
  const findings: Finding[] = [];
  const ref = inputs.ref;
  if (ref !== undefined) {
    const text = String(ref);
    const unsafe = expressionsIn(text).flatMap((expression) =>
      expression
        .split("||")
        .map((operand) => operand.trim())
        .filter((operand) => !SAFE_CHECKOUT_REFS.has(operand)),
    );
    const literal = text.replace(EXPRESSION, "");
    if (unsafe.length > 0 || /pull|head|merge/i.test(literal)) {
      findings.push({
        check: "privileged-checkout-head",
        where,
        detail: `checkout ref "${text}" may name the pull request's code`,
      });
    }
  }
  const repository = inputs.repository;
  if (repository !== undefined && String(repository).replace(/\s+/g, "") !== "${{github.repository}}") {
    findings.push({
      check: "privileged-checkout-head",
      where,
      detail: `checkout repository "${String(repository)}" may be the fork`,
    });
  }
  return findings;
}

function checkRunExpressions(script: string, where: string): Finding[] {
  return expressionsIn(script)
    .filter((expression) => !SAFE_RUN_EXPRESSION.test(expression))
    .map((expression) => ({
      check: "expression-in-run" as const,
      where,
      detail: `\${{ ${expression} }} is spliced into a script; pass it through env`,
    }));
}

/** Every `secrets` reference in a job, except the workflow's own GITHUB_TOKEN. */
function secretsIn(value: unknown): string[] {
  const text = JSON.stringify(value) ?? "";
  return [...text.matchAll(/\bsecrets\b(\s*\.\s*[A-Za-z_][A-Za-z0-9_-]*|\s*\[[^\]]*\])?/g)]
    .map((match) => match[0].replace(/\s+/g, ""))
    .filter((reference) => reference !== "secrets.GITHUB_TOKEN");
}

/** An npm command that installs packages (and would run their install scripts). */
const INSTALL = /\bnpm\s+(ci|install|i)\b/;

const APP_TOKEN_ACTION = "actions/create-github-app-token@";
/** A job-level flag that only says whether a secret is set, e.g. `${{ secrets.KEY != '' }}`. */
const SECRET_PRESENCE = /^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*!=\s*''\s*\}\}$/;

/**
 * The job without the one secret use a privileged job may make: a GitHub App's key handed to the
 * pinned token action, when the job runs in an environment (whose secrets a workflow on another
 * branch cannot read, unlike repository secrets). The app's short-lived token then carries only the
 * permissions listed there.
 */
function withoutAppKey(job: Mapping): Mapping {
  if (typeof job.environment !== "string" && !isMapping(job.environment)) return job;
  const env = isMapping(job.env)
    ? Object.fromEntries(Object.entries(job.env).filter(([, value]) => !SECRET_PRESENCE.test(String(value))))
    : job.env;
  const steps = stepsOf(job).map((step) =>
    typeof step.uses === "string" && step.uses.startsWith(APP_TOKEN_ACTION) ? { ...step, with: {} } : step,
  );
  return { ...job, env, steps };
}

/** Audits one workflow's source text; an empty list means it passes every check. */
export function auditWorkflow(source: string): Finding[] {
  let parsed: unknown;
  try {
    parsed = parse(source);
  } catch (error) {
    return [{ check: "invalid-workflow", where: "", detail: String(error) }];
  }
  if (!isMapping(parsed) || !isMapping(parsed.jobs)) {
    return [{ check: "invalid-workflow", where: "", detail: "not a mapping with jobs" }];
  }
  const workflow = parsed;
  const jobs = parsed.jobs;
  const lines = source.split("\n");
  const triggers = triggersOf(workflow);
  const privileged = triggers.some((trigger) => PRIVILEGED_TRIGGERS.includes(trigger));
  const untrusted = triggers.some((trigger) => UNTRUSTED_TRIGGERS.includes(trigger));

  const findings = checkPermissions(workflow, privileged);
  if (untrusted) {
    for (const reference of secretsIn({ env: workflow.env })) {
      findings.push({ check: "secrets-in-untrusted-job", where: "env", detail: reference });
    }
  }

  for (const [id, job] of Object.entries(jobs)) {
    if (!isMapping(job)) continue;
    if (typeof job.uses === "string") findings.push(...checkUses(job.uses, `jobs.${id}.uses`, lines));
    if (untrusted) {
      for (const reference of secretsIn(withoutAppKey(job))) {
        findings.push({ check: "secrets-in-untrusted-job", where: `jobs.${id}`, detail: reference });
      }
    }
    const holdsSecrets = secretsIn(job).length > 0;
    stepsOf(job).forEach((step, index) => {
      const where = `jobs.${id}.steps[${index}]`;
      if (typeof step.uses === "string" && step.uses.startsWith("pulumi/actions@")) {
        // An unpinned CLI is whatever Pulumi published last, run with the infrastructure secrets.
        const version = String(withOf(step)["pulumi-version"] ?? "");
        const pinned = /^\d+\.\d+\.\d+$/.test(version) || /^\$\{\{\s*env\.[A-Z_]+\s*\}\}$/.test(version);
        const envVersion = /^\$\{\{\s*env\.([A-Z_]+)\s*\}\}$/.exec(version)?.[1];
        const resolved = envVersion
          ? String((workflow.env as Mapping | undefined)?.[envVersion] ?? "")
          : version;
        if (!pinned || !/^\d+\.\d+\.\d+$/.test(resolved)) {
          findings.push({ check: "pulumi-version-unpinned", where, detail: `pulumi-version "${version}"` });
        }
      }
      if (holdsSecrets && typeof step.run === "string" && INSTALL.test(step.run)) {
        for (const line of step.run.split("\n").filter((l) => INSTALL.test(l))) {
          if (!line.includes("--ignore-scripts")) {
            findings.push({
              check: "install-scripts-with-secrets",
              where,
              detail: "npm install in a job holding secrets runs dependencies' install scripts",
            });
          }
        }
      }
      if (typeof step.uses === "string") findings.push(...checkUses(step.uses, where, lines));
      if (isCheckout(step)) {
        const persist = withOf(step)["persist-credentials"];
        if (persist !== false && persist !== "false") {
          findings.push({
            check: "persist-credentials",
            where,
            detail: "checkout without persist-credentials: false",
          });
        }
        if (privileged) findings.push(...checkPrivilegedCheckout(step, where));
      }
      const scripts: string[] = [];
      if (typeof step.run === "string") scripts.push(step.run);
      if (typeof step.uses === "string" && step.uses.startsWith("actions/github-script@")) {
        const script = withOf(step).script;
        if (typeof script === "string") scripts.push(script);
      }
      for (const script of scripts) {
        findings.push(...checkRunExpressions(script, where));
        if (privileged && RUNS_HEAD.test(script)) {
          findings.push({
            check: "privileged-runs-head",
            where,
            detail: "a script in a privileged workflow fetches or switches to other code",
          });
        }
      }
      if (privileged) {
        const isCache = typeof step.uses === "string" && step.uses.startsWith("actions/cache");
        const isSetupCache =
          typeof step.uses === "string" && /^actions\/setup-/.test(step.uses) && "cache" in withOf(step);
        if (isCache || isSetupCache) {
          findings.push({
            check: "privileged-cache",
            where,
            detail: "a cache restored into a job with a write token is a poisoning path",
          });
        }
      }
    });
  }
  return findings;
}
