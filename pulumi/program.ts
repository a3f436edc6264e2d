/**
 * The Pulumi program: reads the stack config, validates the requests, and registers the desired
 * state 1:1 as `@pulumi/cloudflare` resources. Exported as a function so the Automation API
 * (`domainops apply`, `src/cli/apply.ts`) can run it inline and tests can run it under `pulumi.runtime.setMocks`.
 */
import path from "node:path";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { DomainopsError } from "../src/core/errors.ts";
import { buildDesiredState } from "../src/core/infra/desired-state.ts";
import { buildResourceSpecs } from "../src/core/infra/resources.ts";
import { CONFIG_NAMESPACE, parseZoneSettings } from "../src/core/infra/zone-settings.ts";
import type { Diagnostic, LoadedRequest } from "../src/core/types.ts";
import { type FetchKeys, registerHostingAccounts } from "./hosting.ts";

/** Resources made between two turns of the event loop (see the loop in `register`). */
const YIELD_EVERY = 25;

export interface LoadResult {
  errors: number;
  diagnostics: Diagnostic[];
  requests: LoadedRequest[];
}

export interface ProgramOptions {
  /** Folder the config's `requestsDir` is relative to (default: the working directory, the project). */
  projectDir?: string;
  /** Validates the repository at `root`; default: the file-system validator. */
  load?: (root: string, now: Date) => Promise<LoadResult>;
  now?: Date;
  /**
   * The commit being applied, kept as the stack output `appliedCommit`: only an apply can write the
   * stack, so the next apply knows from where every commit must be verified (null: not recorded).
   */
  commit?: string | null;
  /** Reads a contact's public SSH keys; default GitHub's `GET /users/{login}/keys`. */
  fetchKeys?: FetchKeys;
}

export interface ProgramOutputs {
  zone: string;
  records: number;
  tunnelIngress: number;
  pagesProjects: number;
  hostingAccounts: number;
  appliedCommit: string | null;
}

async function loadFromDisk(root: string, now: Date): Promise<LoadResult> {
  const { validateRepository } = await import("../src/adapters/repository.ts");
  return validateRepository(root, { now });
}

function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `  ${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message.id} (${d.message.en})`)
    .join("\n");
}

/**
 * Runs the program. Bad config or requests end it with a `RunError`: Pulumi prints its message alone,
 * without a stack trace, as for any other finding of ours.
 */
export async function program(options: ProgramOptions = {}): Promise<ProgramOutputs> {
  try {
    return await register(options);
  } catch (error) {
    if (error instanceof DomainopsError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

async function register(options: ProgramOptions): Promise<ProgramOutputs> {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const raw: Record<string, unknown> = {};
  for (const key of [
    "zone",
    "zoneId",
    "accountId",
    "tunnelId",
    "requestsDir",
    "maxDeleteShare",
    "nameservers",
  ]) {
    raw[key] = config.get(key);
  }
  raw.origins = config.getObject("origins");
  raw.tunnelOrigins = config.getObject("tunnelOrigins");
  raw.hostingServers = config.getObject("hostingServers");
  const settings = parseZoneSettings(raw, `stack ${pulumi.getStack()}`);

  // The validator reads `<root>/requests` and `<root>/governance`, so `requestsDir` names the
  // requests folder of such a root.
  const requestsDir = path.resolve(options.projectDir ?? process.cwd(), settings.requestsDir);
  if (path.basename(requestsDir) !== "requests") {
    throw new pulumi.RunError(
      `${CONFIG_NAMESPACE}:requestsDir "${settings.requestsDir}" harus folder bernama requests di samping governance/ ` +
        `(must be a folder named requests next to governance/)`,
    );
  }
  const root = path.dirname(requestsDir);
  if (options.load === undefined) {
    const { assertPolicyZone } = await import("../src/adapters/stack.ts");
    await assertPolicyZone(root, { file: `stack ${pulumi.getStack()}`, settings });
  }
  const result = await (options.load ?? loadFromDisk)(root, options.now ?? new Date());
  if (result.errors > 0) {
    throw new pulumi.RunError(
      `${result.errors} galat pada permohonan, tidak ada yang diterapkan ` +
        `(${result.errors} errors in the requests, nothing applied):\n${formatDiagnostics(result.diagnostics)}`,
    );
  }

  // The SDK records a stack trace for each of its internal promises, only to explain leaks it may
  // report at exit; with tens of thousands of records that capture dominates the whole run (measured:
  // 4,000 records 40 s → 14 s). Our failures carry their own messages, so the traces go unless the
  // leak report is asked for.
  if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS && !process.env.DOMAINOPS_DEBUG) Error.stackTraceLimit = 0;
  const state = buildDesiredState(result.requests, settings);
  const specs = buildResourceSpecs(state, settings);
  const records = new Map<string, cloudflare.DnsRecord>();
  const projects = new Map<string, cloudflare.PagesProject>();
  const accounts: Extract<(typeof specs)[number], { kind: "hostingAccount" }>[] = [];
  let made = 0;
  for (const spec of specs) {
    // Each `new` starts a registration whose promises and outputs stay pending until the monitor
    // answers. Made in one synchronous loop, every registration of the run is pending at once: at
    // 10,900 resources gigabytes of heap, with the garbage collector taking most of the time.
    // Handing the event loop a turn every few resources lets the earlier registrations proceed (under
    // mocks they complete within that turn), so few are in flight at a time. Nothing waits for the
    // engine: under `pulumi up` the same resources, inputs and options are registered, all of them
    // still concurrently, and their RPCs merely start before the loop ends.
    if (++made % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    switch (spec.kind) {
      case "pagesProject":
        projects.set(
          spec.name,
          new cloudflare.PagesProject(spec.name, spec.inputs, { ignoreChanges: spec.ignoreChanges }),
        );
        break;
      case "pagesDomain": {
        const project = projects.get(spec.projectFrom);
        new cloudflare.PagesDomain(spec.name, {
          ...spec.inputs,
          projectName: project ? project.name : spec.inputs.projectName,
        });
        break;
      }
      case "hostingAccount":
        accounts.push(spec);
        break;
      case "tunnelConfig":
        new cloudflare.ZeroTrustTunnelCloudflaredConfig(spec.name, spec.inputs);
        break;
      case "dns": {
        const inputs: cloudflare.DnsRecordArgs = { ...spec.inputs };
        const anchor = spec.zoneIdFrom === null ? undefined : records.get(spec.zoneIdFrom);
        if (anchor) inputs.zoneId = anchor.zoneId;
        // Pages may hand out `<project>-<suffix>.pages.dev` when the name is taken; pointing at the
        // project's real subdomain keeps the CNAME off someone else's project.
        const project =
          spec.contentFromPagesProject === null ? undefined : projects.get(spec.contentFromPagesProject);
        if (project) inputs.content = project.subdomain;
        const resource = new cloudflare.DnsRecord(spec.name, inputs, {
          deleteBeforeReplace: spec.deleteBeforeReplace,
          replaceOnChanges: spec.replaceOnChanges,
          ...(spec.replacementTrigger === null ? {} : { replacementTrigger: spec.replacementTrigger }),
        });
        if (spec.zoneIdFrom === null) records.set(spec.name, resource);
        break;
      }
    }
  }
  const hosting = await registerHostingAccounts(state.zone, settings.zoneId, accounts, options.fetchKeys);
  return {
    zone: state.zone,
    records: state.records.length,
    tunnelIngress: state.tunnel ? state.tunnel.ingress.length - 1 : 0,
    pagesProjects: projects.size,
    hostingAccounts: hosting.accounts,
    appliedCommit: options.commit ?? null,
  };
}
