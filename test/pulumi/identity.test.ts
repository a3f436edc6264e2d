/**
 * Record identity end to end: the program's registrations before and after a change of requests,
 * turned into engine steps in the engine's order and played against a zone that refuses what
 * Cloudflare refuses (a CNAME beside another record, an identical record).
 */
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { afterAll, describe, expect, it } from "vitest";
import { DNS_RECORD_TYPE } from "../../src/core/infra/resources.ts";
import { applyToZone, readEventStream, stepEvents, type ZoneRecord } from "./engine.ts";
import { fixtureFiles, makeRoot, type Registered, removeRoots, runProgram } from "./harness.ts";

afterAll(removeRoots);

const Z = "kuduskab.go.id";
const kinds = fixtureFiles("infra-kinds");

/** `op name` of each resource step, the provider's own steps left out. */
function steps(events: readonly EngineEvent[]): string[] {
  return events.flatMap((event) => {
    const meta = event.resourcePreEvent?.metadata;
    if (!meta || meta.type.startsWith("pulumi:providers:")) return [];
    return [`${meta.op} ${meta.urn.split("::").pop()}`];
  });
}

describe("the engine model of the tests", () => {
  // The recorded test (TestExplicitDeleteBeforeReplace): resA's input A changes and forces a replace;
  // resB takes an input from resA.
  const resA = (value: string, deleteBeforeReplace: boolean): Registered => ({
    type: "pkgA:index:typ",
    name: "resA",
    inputs: { A: value },
    deleteBeforeReplace,
    replaceOnChanges: ["A"],
    ignoreChanges: [],
    zoneIdFrom: [],
  });
  const resB: Registered = {
    type: "pkgA:index:typ",
    name: "resB",
    inputs: { A: "foo" },
    deleteBeforeReplace: false,
    replaceOnChanges: ["zoneId"],
    ignoreChanges: [],
    zoneIdFrom: ["resA"],
  };

  it("orders a delete-before-replace as the engine does: dependents deleted first, then replace → create-replacement", () => {
    const recorded = steps(readEventStream("delete-before-replace.jsonl"));
    expect(recorded).toEqual([
      "delete-replaced resB",
      "delete-replaced resA",
      "replace resA",
      "create-replacement resA",
      "replace resB",
      "create-replacement resB",
    ]);
    const old = new Map([
      ["resA", resA("bar", true)],
      ["resB", resB],
    ]);
    expect(steps(stepEvents("test", old, [resA("baz", true), resB]))).toEqual(recorded);
  });

  it("orders a create-before-delete as the engine does: the old resource deleted at the end", () => {
    const recorded = steps(readEventStream("create-before-delete.jsonl"));
    expect(recorded).toEqual([
      "create-replacement resA",
      "replace resA",
      "same resB",
      "delete-replaced resA",
    ]);
    const old = new Map([
      ["resA", resA("foo", false)],
      ["resB", resB],
    ]);
    expect(steps(stepEvents("test", old, [resA("bar", false), resB]))).toEqual(recorded);
  });
});

const ORIGINS = (ipv4: string[]) => ({
  config: { "domainops:origins": JSON.stringify({ ipv4, ipv6: ["2001:db8:1000::10"] }) },
});

/** The records of a name in the zone after playing the steps, as `TYPE value`. */
function recordsAt(zone: readonly ZoneRecord[], name: string): string[] {
  return zone
    .filter((r) => r.inputs.name === name)
    .map((r) => `${r.inputs.type} ${String(r.inputs.content ?? JSON.stringify(r.inputs.data))}`)
    .sort();
}

/**
 * Applies `before`, then `after`, to an empty zone; returns the steps of the second run (the
 * resource names at `name`) and the zone after it.
 */
async function change(
  before: { files: Record<string, string>; options?: Parameters<typeof runProgram>[1] },
  after: { files: Record<string, string>; options?: Parameters<typeof runProgram>[1] },
) {
  const first = (await runProgram(makeRoot(before.files), before.options)).resources;
  const zone: ZoneRecord[] = [];
  applyToZone(zone, stepEvents("kudus", new Map(), first));
  const second = (await runProgram(makeRoot(after.files), after.options)).resources;
  const events = stepEvents("kudus", new Map(first.map((r) => [r.name, r])), second);
  applyToZone(zone, events);
  const dns = steps(events.filter((e) => e.resourcePreEvent?.metadata.type === DNS_RECORD_TYPE));
  return { zone, steps: dns.filter((s) => !s.startsWith("same ")) };
}

describe("record identity on Cloudflare", () => {
  it("a new address for an A record is one update; the records beside it are left alone", async () => {
    const bkd = (kinds["bkd.yaml"] ?? "").replace("103.147.88.21", "103.147.88.99");
    const result = await change({ files: kinds }, { files: { ...kinds, "bkd.yaml": bkd } });
    expect(result.steps).toEqual([`update bkd.${Z}`]);
    expect(recordsAt(result.zone, `bkd.${Z}`)).toEqual([
      `A 103.147.88.99`,
      `CAA {"flags":0,"tag":"issue","value":"letsencrypt.org"}`,
    ]);
  });

  it("a new origin address moves every server name's A in place, MX and TXT untouched", async () => {
    const result = await change(
      { files: kinds, options: ORIGINS(["203.0.113.10"]) },
      { files: kinds, options: ORIGINS(["203.0.113.20"]) },
    );
    expect(result.steps).toEqual([`update dinkes.${Z}`]);
  });

  it("A + AAAA + MX + TXT → CNAME: the old records are deleted before the CNAME is created", async () => {
    const tunnel = (kinds["dinkes.yaml"] ?? "")
      .replace("jenis: server", "jenis: tunnel\n  service: http://10.10.1.30:80")
      .replace(/^dns:\n(?: {2}- .*\n)+/m, "");
    const result = await change({ files: kinds }, { files: { ...kinds, "dinkes.yaml": tunnel } });
    const dinkes = result.steps.filter((s) => s.includes(`dinkes.${Z}`));
    expect(dinkes.slice(-3)).toEqual([
      `delete-replaced dinkes.${Z}`,
      `replace dinkes.${Z}`,
      `create-replacement dinkes.${Z}`,
    ]);
    expect(dinkes.slice(0, -3).every((s) => s.startsWith("delete-replaced "))).toBe(true);
    expect(dinkes).toHaveLength(6);
    expect(recordsAt(result.zone, `dinkes.${Z}`)).toEqual([
      "CNAME 6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f.cfargotunnel.com",
    ]);
  });

  it("CNAME → A + AAAA: the CNAME goes first, the A takes its place, the AAAA follows", async () => {
    const server = (kinds["arsip.yaml"] ?? "").replace(
      /jenis: tunnel\n(?: {2}service: .*\n)?/,
      "jenis: server\n",
    );
    const result = await change({ files: kinds }, { files: { ...kinds, "arsip.yaml": server } });
    expect(result.steps).toEqual([
      `delete-replaced arsip.${Z}`,
      `replace arsip.${Z}`,
      `create-replacement arsip.${Z}`,
      `create arsip.${Z}/AAAA/2001-db8-1000--10`,
    ]);
    expect(recordsAt(result.zone, `arsip.${Z}`)).toEqual(["A 203.0.113.10", "AAAA 2001:db8:1000::10"]);
  });

  it("two A records: a new address for the second is a delete and a create of that one record", async () => {
    const result = await change(
      { files: kinds, options: ORIGINS(["203.0.113.10", "203.0.113.11"]) },
      { files: kinds, options: ORIGINS(["203.0.113.10", "203.0.113.12"]) },
    );
    expect(result.steps).toEqual([`create dinkes.${Z}/A/203.0.113.12`, `delete dinkes.${Z}/A/203.0.113.11`]);
  });

  it.each([
    [
      "the first of two A records takes the second's address",
      ["203.0.113.10", "203.0.113.11"],
      ["203.0.113.11"],
    ],
    [
      "the first of two changes past the second",
      ["203.0.113.10", "203.0.113.11"],
      ["203.0.113.11", "203.0.113.12"],
    ],
    ["one A record becomes two", ["203.0.113.11"], ["203.0.113.10", "203.0.113.11"]],
  ])(
    "%s: the anchor is replaced delete-first, so no record is ever identical to another",
    async (_, from, to) => {
      const result = await change(
        { files: kinds, options: ORIGINS(from) },
        { files: kinds, options: ORIGINS(to) },
      );
      expect(result.steps).toContain(`delete-replaced dinkes.${Z}`);
      expect(recordsAt(result.zone, `dinkes.${Z}`).filter((r) => r.startsWith("A "))).toEqual(
        to.map((ip) => `A ${ip}`),
      );
    },
  );

  it("without the anchor's replacement trigger the same change would be refused as an identical record", async () => {
    const from = (await runProgram(makeRoot(kinds), ORIGINS(["203.0.113.10", "203.0.113.11"]))).resources;
    const to = (await runProgram(makeRoot(kinds), ORIGINS(["203.0.113.11"]))).resources;
    const untriggered = (rs: Registered[]) => rs.map(({ replacementTrigger: _t, ...r }) => r);
    const zone: ZoneRecord[] = [];
    applyToZone(zone, stepEvents("kudus", new Map(), untriggered(from)));
    const events = stepEvents("kudus", new Map(untriggered(from).map((r) => [r.name, r])), untriggered(to));
    expect(() => applyToZone(zone, events)).toThrow(/identical record exists: A dinkes\.kuduskab\.go\.id/);
  });
});
