/**
 * Child process of the plan benchmark: one measured job in a fresh process, its figures as JSON on
 * the last line. Peak memory is this process's RSS high-water mark.
 *
 *   node scripts/bench/_plan-measure.ts desired <root> <zone>   load requests, then time buildDesiredState
 *   node scripts/bench/_plan-measure.ts program <root> <zone>   the Pulumi program under mocks, in its stack
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { validateRepository } from "../../src/adapters/repository.ts";
import { buildDesiredState } from "../../src/core/infra/desired-state.ts";
import { buildResourceSpecs } from "../../src/core/infra/resources.ts";
import { parseZoneSettings } from "../../src/core/infra/zone-settings.ts";
import type { LoadedRequest, Request } from "../../src/core/types.ts";

const [mode, root, zone] = process.argv.slice(2);
if (!root || !zone || (mode !== "desired" && mode !== "program")) {
  process.stderr.write("usage: _plan-measure.ts desired|program <root> <zone>\n");
  process.exit(2);
}

const raw = {
  zone,
  zoneId: "3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b",
  accountId: "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a",
  tunnelId: "6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f",
  origins: { ipv4: ["203.0.113.10"], ipv6: ["2001:db8:1000::10"] },
};
const seconds = (from: number) => (performance.now() - from) / 1000;
let figures: Record<string, unknown>;

if (mode === "desired") {
  // The corpus is valid by construction; plain yaml.parse keeps the load out of the way.
  const loadStart = performance.now();
  const dir = path.join(root, "requests");
  const requests: LoadedRequest[] = readdirSync(dir).map((name) => ({
    file: `requests/${name}`,
    request: parse(readFileSync(path.join(dir, name), "utf8")) as Request,
  }));
  const loadSeconds = seconds(loadStart);
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const state = buildDesiredState(requests, parseZoneSettings(raw, "bench"));
  const desiredSeconds = seconds(started);
  const specsStart = performance.now();
  const specs = buildResourceSpecs(state, parseZoneSettings(raw, "bench"));
  figures = {
    seconds: desiredSeconds,
    specsSeconds: seconds(specsStart),
    loadSeconds,
    requests: requests.length,
    records: state.records.length,
    pages: state.pages.length,
    resources: specs.length,
    heapDeltaMiB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
  };
} else {
  let registered = 0;
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (args.type !== "pulumi:pulumi:Stack") registered++;
        const extra = args.type.endsWith(":PagesProject")
          ? { subdomain: `${args.inputs.name}.pages.dev` }
          : {};
        return { id: `${args.name}-id`, state: { ...args.inputs, ...extra } };
      },
      call: (args) => args.inputs,
    },
    "domainops",
    "bench",
    false,
  );
  pulumi.runtime.setAllConfig({
    "domainops:zone": raw.zone,
    "domainops:zoneId": raw.zoneId,
    "domainops:accountId": raw.accountId,
    "domainops:tunnelId": raw.tunnelId,
    "domainops:origins": JSON.stringify(raw.origins),
    "domainops:requestsDir": path.join(root, "requests"),
  });
  const { program } = await import("../../pulumi/program.ts");
  let validateSeconds = 0;
  let registerStart = 0;
  let refused = 0;
  let loaded = 0;
  const started = performance.now();
  // Inside the stack resource, as `pulumi up` runs the program: every resource is its child.
  await pulumi.runtime.runInPulumiStack(() =>
    program({
      // The converted is-a.dev corpus holds record types the project refuses (the validate bench
      // counts them); those requests are left out here, the rest go through the real program.
      load: async (dir, now) => {
        const t = performance.now();
        const result = await validateRepository(dir, { now });
        validateSeconds = seconds(t);
        const failing = new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.file));
        const requests = result.requests.filter((r) => !failing.has(r.file));
        loaded = result.files;
        refused = result.files - requests.length;
        registerStart = performance.now();
        return { errors: 0, diagnostics: [], requests };
      },
    }),
  );
  await pulumi.runtime.disconnect();
  figures = {
    seconds: seconds(started),
    validateSeconds,
    registerSeconds: seconds(registerStart),
    files: loaded,
    refused,
    registered,
  };
}
const usage = process.resourceUsage();
// CPU seconds (all threads) next to wall seconds: on a busy shared machine wall time mostly measures
// the neighbours.
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(`${JSON.stringify({ ...figures, cpuSeconds, maxRssMiB: usage.maxRSS / 1024 })}\n`);
