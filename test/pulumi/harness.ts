/**
 * Runs the Pulumi program under `pulumi.runtime.setMocks` and records every registration: type,
 * logical name, inputs as the provider would receive them, and the resource options that matter
 * for safe replacement. Config is set before the program module is imported, as Pulumi requires.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { FetchKeys } from "../../pulumi/hosting.ts";
import type { ProgramOptions } from "../../pulumi/program.ts";
import { validateRepository } from "../../src/adapters/repository.ts";
import { PAGES_PROJECT_TYPE } from "../../src/core/infra/resources.ts";
import type { LoadedRequest } from "../../src/core/types.ts";
import { ACCOUNT_ID, TUNNEL_ID, ZONE_ID } from "../infra/helpers.ts";
import { OFFICE, TOOL } from "../support/office.ts";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  deleteBeforeReplace: boolean;
  replaceOnChanges: string[];
  /** The `replacementTrigger` option (undefined when not set). */
  replacementTrigger?: unknown;
  ignoreChanges: string[];
  /** Logical names of the resources the `zoneId` input was taken from (a property dependency). */
  zoneIdFrom: string[];
  /** Inputs given as secret outputs (only listed when there is one). */
  secretInputs?: string[];
}

/** What the mocked Cloudflare API answers for its published ranges (`GET /ips`). */
export const CLOUDFLARE_RANGES = {
  ipv4Cidrs: ["173.245.48.0/20", "103.21.244.0/22"],
  ipv6Cidrs: ["2400:cb00::/32"],
};
/** What the mocked providers hand back for the origin certificate's key, CSR and certificate. */
export const MOCK_PEM = {
  key: "-----BEGIN EC PRIVATE KEY-----\nbW9jaw==\n-----END EC PRIVATE KEY-----\n",
  csr: "-----BEGIN CERTIFICATE REQUEST-----\nbW9jaw==\n-----END CERTIFICATE REQUEST-----\n",
  certificate: "-----BEGIN CERTIFICATE-----\nbW9jaw==\n-----END CERTIFICATE-----\n",
};

/** The value inside the engine's secret envelope, which must be there (an input given as a secret). */
export function secretValue<T = unknown>(value: unknown): T {
  if (
    typeof value !== "object" ||
    value === null ||
    (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] !== pulumi.runtime.specialSecretSig
  )
    throw new Error(`not a secret: ${JSON.stringify(value)?.slice(0, 80)}`);
  return (value as { value: T }).value;
}

function mockOutputs(type: string, pem: typeof MOCK_PEM): Record<string, unknown> {
  switch (type) {
    case "tls:index/privateKey:PrivateKey":
      return { privateKeyPem: pem.key };
    case "tls:index/certRequest:CertRequest":
      return { certRequestPem: pem.csr };
    case "cloudflare:index/originCaCertificate:OriginCaCertificate":
      return { certificate: pem.certificate };
    default:
      return {};
  }
}

export const FIXTURES = path.join(TOOL, "test/fixtures");

export const BASE_CONFIG: Record<string, string> = {
  "domainops:zone": "kuduskab.go.id",
  "domainops:zoneId": ZONE_ID,
  "domainops:accountId": ACCOUNT_ID,
  "domainops:tunnelId": TUNNEL_ID,
  "domainops:origins": JSON.stringify({ ipv4: ["203.0.113.10"], ipv6: ["2001:db8:1000::10"] }),
  "domainops:tunnelOrigins": JSON.stringify({ networks: ["10.10.0.0/16"], ports: [80, 8080] }),
};

export const NOW = new Date("2026-11-27T10:00:00Z");

const roots: string[] = [];

/**
 * A repository root in a temp folder: the given request files plus the fixture office's governance,
 * so fixtures are judged by a real office's policy.
 */
export function makeRoot(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "domainops-pulumi-"));
  roots.push(root);
  mkdirSync(path.join(root, "requests"));
  cpSync(path.join(OFFICE, "governance"), path.join(root, "governance"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, "requests", name), text);
  return root;
}

export function removeRoots(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export function fixtureFiles(name: string): Record<string, string> {
  const dir = path.join(FIXTURES, name, "requests");
  return Object.fromEntries(
    readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), "utf8")]),
  );
}

async function describeOptions(
  args: pulumi.ResourceTransformationArgs,
): Promise<Omit<Registered, "type" | "name" | "inputs">> {
  const zoneId = (args.props as Record<string, unknown>).zoneId;
  const zoneIdFrom: string[] = [];
  if (pulumi.Output.isInstance(zoneId)) {
    // `resources()` is how the SDK itself collects property dependencies for the engine.
    const deps = await (zoneId as unknown as { resources(): Promise<Set<pulumi.Resource>> }).resources();
    for (const dep of deps) zoneIdFrom.push((dep as unknown as { __name: string }).__name);
  }
  const trigger = args.opts.replacementTrigger;
  const secretInputs: string[] = [];
  for (const [key, value] of Object.entries(args.props as Record<string, unknown>)) {
    if (pulumi.Output.isInstance(value) && (await pulumi.isSecret(value as pulumi.Output<unknown>)))
      secretInputs.push(key);
  }
  return {
    ...(secretInputs.length > 0 ? { secretInputs } : {}),
    deleteBeforeReplace: (args.opts as pulumi.CustomResourceOptions).deleteBeforeReplace ?? false,
    replaceOnChanges: args.opts.replaceOnChanges ?? [],
    ...(trigger === undefined ? {} : { replacementTrigger: trigger }),
    ignoreChanges: args.opts.ignoreChanges ?? [],
    zoneIdFrom,
  };
}

type RunOptions = {
  config?: Record<string, string>;
  reorder?: (requests: LoadedRequest[]) => LoadedRequest[];
  /** The commit the run applies (the `appliedCommit` output). */
  commit?: string;
  /** Secret config values (`domainops:hostingSshKey` …), set as Pulumi secrets. */
  secrets?: Record<string, string>;
  /** The contacts' GitHub keys; default: every login has none. */
  fetchKeys?: FetchKeys;
  /** What the mocked Origin CA and key maker hand back (default `MOCK_PEM`). */
  pem?: Partial<typeof MOCK_PEM>;
};

function programOptions(options: RunOptions): ProgramOptions {
  const { reorder, commit } = options;
  const common: ProgramOptions = {
    projectDir: OFFICE,
    now: NOW,
    ...(commit ? { commit } : {}),
    fetchKeys: options.fetchKeys ?? (async () => []),
  };
  if (!reorder) return common;
  return {
    ...common,
    load: async (dir: string, now: Date) => {
      const result = await validateRepository(dir, { now });
      return { ...result, requests: reorder(result.requests) };
    },
  };
}

/** Mocks and config first, then the program module (Pulumi reads config when resources are made). */
async function prepare(root: string, options: RunOptions, seen: Map<string, Registered>) {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (args.type !== "pulumi:pulumi:Stack") {
          seen.set(args.name, {
            type: args.type,
            name: args.name,
            inputs: args.inputs,
            deleteBeforeReplace: false,
            replaceOnChanges: [],
            ignoreChanges: [],
            zoneIdFrom: [],
          });
        }
        // Pages hands out `<name>.pages.dev` (or a suffixed name when taken); the mock returns the plain one.
        const extra =
          args.type === PAGES_PROJECT_TYPE
            ? { subdomain: `${args.inputs.name}.pages.dev` }
            : mockOutputs(args.type, { ...MOCK_PEM, ...options.pem });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...extra } };
      },
      call: (args) =>
        args.token === "cloudflare:index/getIpRanges:getIpRanges"
          ? { etag: "mock", jdcloudCidrs: [], ...CLOUDFLARE_RANGES }
          : args.inputs,
    },
    "domainops",
    "kudus",
    false,
  );
  pulumi.runtime.setAllConfig(
    {
      ...BASE_CONFIG,
      "domainops:requestsDir": path.join(root, "requests"),
      ...options.config,
      ...options.secrets,
    },
    Object.keys(options.secrets ?? {}),
  );
  return (await import("../../pulumi/program.ts")).program;
}

/** Runs the program to the end, inside a stack so resource options can be observed. */
export async function runProgram(
  root: string,
  options: RunOptions = {},
): Promise<{ resources: Registered[]; outputs: unknown }> {
  const seen = new Map<string, Registered>();
  const described = new Map<string, Promise<Omit<Registered, "type" | "name" | "inputs">>>();
  const program = await prepare(root, options, seen);
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      described.set(args.name, describeOptions(args));
      return undefined;
    });
    return program(programOptions(options));
  });
  // Registrations reach the mock monitor asynchronously; wait until the RPC queue is empty.
  await pulumi.runtime.disconnect();
  const resources: Registered[] = [];
  for (const r of seen.values()) resources.push({ ...r, ...(await described.get(r.name)) });
  resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { resources, outputs };
}

/**
 * Runs the program outside a stack: for the cases where it must stop before registering anything
 * (a stack resource would report the same failure a second time as an unhandled rejection).
 */
export async function runProgramExpectingFailure(
  root: string,
  options: RunOptions = {},
): Promise<Registered[]> {
  const seen = new Map<string, Registered>();
  const program = await prepare(root, options, seen);
  await program(programOptions(options));
  return [...seen.values()];
}
