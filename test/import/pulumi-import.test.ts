/**
 * The pulumi import file names exactly the resources the program registers, and the program would
 * register each imported record with the values Cloudflare already holds (a Cloudflare comment aside).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DNS_RECORD_TYPE } from "../../src/core/infra/resources.ts";
import { type Registered, runProgram } from "../pulumi/harness.ts";
import { cli, LISTING, makeOffice, type Report, removeOffices } from "./helpers.ts";

interface ListedRecord {
  id: string;
  name: string;
  type: string;
  content?: string;
  ttl: number;
  proxied: boolean;
  priority?: number;
  data?: Record<string, unknown>;
  comment: string | null;
}

const listing = (JSON.parse(readFileSync(LISTING, "utf8")) as { result: ListedRecord[] }[]).flatMap(
  (p) => p.result,
);

let report: Report;
let importFile: { resources: { type: string; name: string; id: string }[] };
let registered: Registered[];

beforeAll(async () => {
  const root = makeOffice();
  const out = path.join(root, "import.json");
  const run = await cli(
    ["import", "--root", root, "--from", LISTING, "--pulumi-import", out, "--format", "json"],
    root,
  );
  report = JSON.parse(run.out) as Report;
  importFile = JSON.parse(readFileSync(out, "utf8"));
  const { resources } = await runProgram(root);
  registered = resources.filter(
    (r) => r.type === DNS_RECORD_TYPE && !String(r.inputs.name).endsWith("rsud.kuduskab.go.id"),
  );
}, 60_000);
afterAll(removeOffices);

describe("the pulumi import file", () => {
  it("names every DNS record the program registers for the imported requests, and no other", () => {
    expect(report.requests.length).toBeGreaterThan(5);
    expect(importFile.resources.map((r) => r.name).sort()).toEqual(registered.map((r) => r.name).sort());
    expect(new Set(importFile.resources.map((r) => r.type))).toEqual(new Set([DNS_RECORD_TYPE]));
  });

  it("pairs each logical name with the id of the record holding the same name, type and value", () => {
    const byName = new Map(registered.map((r) => [r.name, r]));
    for (const { name, id } of importFile.resources) {
      const [zoneId, recordId] = id.split("/");
      const source = listing.find((r) => r.id === recordId);
      const resource = byName.get(name);
      expect(zoneId).toBe("3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b");
      expect(resource?.inputs.name).toBe(source?.name);
      expect(resource?.inputs.type).toBe(source?.type);
    }
  });

  it("registers the TTL, proxy flag, priority and data Cloudflare holds, and no comment of its own", () => {
    const byName = new Map(registered.map((r) => [r.name, r]));
    for (const { name, id } of importFile.resources) {
      const source = listing.find((r) => r.id === id.split("/")[1]) as ListedRecord;
      const inputs = byName.get(name)?.inputs ?? {};
      expect([name, inputs.ttl, inputs.proxied]).toEqual([name, source.ttl, source.proxied]);
      if (source.type === "MX" || source.type === "SRV") expect(inputs.priority).toBe(source.priority);
      if (source.data !== undefined && (source.type === "SRV" || source.type === "CAA")) {
        expect(inputs.data).toEqual(source.data);
      }
      if (source.type === "A" || source.type === "AAAA" || source.type === "CNAME" || source.type === "MX") {
        expect(inputs.content).toBe(source.content);
      }
      if (source.type === "TXT") {
        // The listing may quote TXT as zone-file strings; the program sends the text, as Cloudflare stores it.
        const text = (source.content ?? "").startsWith('"')
          ? [...(source.content ?? "").matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("")
          : source.content;
        expect(inputs.content).toBe(text);
      }
      // An imported request has no letter yet: the program sends no comment, so a record that had
      // none is left as it is, and one that had a comment loses it (the import report counts those).
      expect("comment" in inputs).toBe(false);
    }
  });
});
