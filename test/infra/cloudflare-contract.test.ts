/**
 * Every DNS record body the program would send, held to Cloudflare's published create-record schema
 * (vendored subset in `test/fixtures/cloudflare/`, BSD-3-Clause). The Pulumi provider turns a
 * `DnsRecordArgs` into the API body field for field; `zoneId` travels in the URL.
 */
import type { DnsRecordArgs } from "@pulumi/cloudflare";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildDesiredState } from "../../src/core/infra/desired-state.ts";
import { renderPlan } from "../../src/core/infra/render.ts";
import { buildResourceSpecs } from "../../src/core/infra/resources.ts";
import { renderZoneFile } from "../../src/core/infra/zonefile.ts";
import type { DnsRecordType } from "../../src/core/types.ts";
import contract from "../fixtures/cloudflare/dns-record-create.schema.json" with { type: "json" };
import { request, settings } from "./helpers.ts";

// ajv and ajv-formats are CommonJS; under Node's ESM loader the default import is `module.exports`.
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Schema = Record<string, unknown>;

/**
 * The schema as a request body. OpenAPI 3.0: a readOnly property SHOULD NOT be sent, and `required`
 * on it applies to responses only. So readOnly properties become `false` (sending one fails) and
 * leave `required`; the record's own top-level `required` (id, proxiable, created_on ...) describes
 * the response, so the request is its `oneOf` over the record types.
 */
function forRequest(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forRequest);
  if (node === null || typeof node !== "object") return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "$ref" ? String(value).replace("#/components/schemas/", "#/$defs/") : forRequest(value);
  }
  const properties = out.properties as Record<string, Schema> | undefined;
  if (properties !== undefined) {
    const readOnly = Object.keys(properties).filter((name) => properties[name]?.readOnly === true);
    for (const name of readOnly) properties[name] = false as unknown as Schema;
    if (Array.isArray(out.required)) {
      out.required = (out.required as string[]).filter((name) => !readOnly.includes(name));
    }
  }
  // Required names of an allOf record whose properties live in its branches: drop the readOnly ones.
  if (Array.isArray(out.allOf) && Array.isArray(out.required)) {
    const readOnlyInBranches = new Set(
      (out.allOf as Schema[]).flatMap((branch) =>
        Object.entries((branch.properties ?? {}) as Record<string, unknown>)
          .filter(([, value]) => value === false)
          .map(([name]) => name),
      ),
    );
    out.required = (out.required as string[]).filter((name) => !readOnlyInBranches.has(name));
  }
  return out;
}

const schemas = forRequest(contract.components.schemas) as Record<string, Schema>;
const record = schemas["dns-records_dns-record"] as Schema;

// Unknown keywords stay errors; the type-strictness checks are for schemas written for ajv, not this one.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
ajv.addKeyword("example");
addFormats(ajv, ["ipv4", "ipv6"]);
// `format: hostname` in Cloudflare's schema, plus the root name ".": Cloudflare's documentation makes a
// null MX (RFC 7505) with mail server "." and priority 0, and "." is the "no service" SRV target of
// RFC 2782. The pattern is ajv-formats' hostname.
const HOSTNAME =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;
ajv.addFormat("hostname", (value: string) => value === "." || HOSTNAME.test(value));
const validateRecord = ajv.compile({ $defs: schemas, oneOf: record.oneOf as Schema[] });

/** The body of `POST /zones/{zone_id}/dns_records` the provider builds from the resource's inputs. */
function apiBody(args: DnsRecordArgs): Record<string, unknown> {
  const body: Record<string, unknown> = { name: args.name, type: args.type, ttl: args.ttl };
  if (args.content !== undefined) body.content = args.content;
  if (args.data !== undefined) body.data = args.data;
  if (args.proxied !== undefined) body.proxied = args.proxied;
  if (args.priority !== undefined) body.priority = args.priority;
  if (args.comment !== undefined) body.comment = args.comment;
  return body;
}

const requests = [
  request("dinkes", "server", [
    { type: "AAAA", name: "v6", content: "2001:DB8:0:0::20" },
    { type: "CNAME", name: "www", content: "dinkes.kuduskab.go.id", proxied: true },
    { type: "MX", content: "mail.kuduskab.go.id", priority: 10 },
    { type: "TXT", content: "v=spf1 mx -all" },
    { type: "TXT", name: "_dmarc", content: "v=DMARC1; p=quarantine" },
    { type: "CAA", content: "letsencrypt.org", flags: 0, tag: "issue" },
    { type: "CAA", content: "mailto:security@kuduskab.go.id", flags: 128, tag: "iodef" },
    { type: "SRV", name: "_sip._tcp", content: "sip.kuduskab.go.id", priority: 10, weight: 5, port: 5060 },
  ]),
  request("arsip", "tunnel", [{ type: "TXT", name: "_verify", content: "token=abc" }]),
  request("wisata", "static", [{ type: "MX", name: "mail", content: "mx.kuduskab.go.id", priority: 5 }]),
  request("bkd", "eksternal", [
    { type: "A", content: "203.0.113.50", ttl: 3600 },
    // RFC 7505 null MX: this name accepts no mail.
    { type: "MX", content: ".", priority: 0 },
    // RFC 2782: "." as the target says the service is decidedly not available here.
    { type: "SRV", name: "_imaps._tcp", content: ".", priority: 0, weight: 0, port: 0 },
  ]),
  request("dprd", "tanpa", [{ type: "TXT", content: "google-site-verification=xyz" }]),
];

const state = buildDesiredState(requests, settings());
const dnsSpecs = buildResourceSpecs(state, settings()).flatMap((spec) => (spec.kind === "dns" ? [spec] : []));

describe("Cloudflare create-DNS-record contract", () => {
  it("covers every hosting kind and every record type", () => {
    const types = new Set(dnsSpecs.map((spec) => spec.inputs.type as DnsRecordType));
    expect([...types].sort()).toEqual(["A", "AAAA", "CAA", "CNAME", "MX", "SRV", "TXT"]);
    expect(new Set(state.records.map((r) => r.request))).toEqual(
      new Set(["dinkes", "arsip", "wisata", "bkd", "dprd"]),
    );
  });

  it.each(dnsSpecs.map((spec) => [spec.name, spec.inputs] as const))("%s is a valid body", (_, inputs) => {
    const body = apiBody(inputs);
    const valid = validateRecord(body);
    expect({ body, errors: valid ? [] : validateRecord.errors }).toEqual({ body, errors: [] });
  });

  it("sends the root name for a null MX and a no-service SRV", () => {
    const bodies = dnsSpecs
      .filter(
        (spec) =>
          spec.inputs.name === "bkd.kuduskab.go.id" || spec.inputs.name === "_imaps._tcp.bkd.kuduskab.go.id",
      )
      .map((spec) => apiBody(spec.inputs));
    expect(bodies.find((b) => b.type === "MX")).toMatchObject({ content: ".", priority: 0 });
    expect(bodies.find((b) => b.type === "SRV")).toMatchObject({
      data: { priority: 0, weight: 0, port: 0, target: "." },
    });
  });

  it("prints the root target in the plan, as the zone file does", () => {
    const plan = renderPlan(state, "text");
    expect(plan).toMatch(/^bkd\.kuduskab\.go\.id\s+MX\s+0 \.\s/m);
    expect(plan).toMatch(/^_imaps\._tcp\.bkd\.kuduskab\.go\.id\s+SRV\s+0 0 0 \.\s/m);
    const zone = renderZoneFile(state, { nameservers: ["ada.ns.cloudflare.com"], serial: 2026110201 });
    expect(zone).toContain("bkd IN MX 0 .\n");
    expect(zone).toContain("_imaps._tcp.bkd IN SRV 0 0 0 .\n");
  });

  it("refuses a body Cloudflare would refuse", () => {
    expect(validateRecord({ name: "x.kuduskab.go.id", type: "MX", content: "", priority: 0, ttl: 1 })).toBe(
      false,
    );
    expect(validateRecord({ name: "x.kuduskab.go.id", type: "SRV", content: "0 0 0 .", ttl: 1 })).toBe(false);
    expect(validateRecord({ name: "x.kuduskab.go.id", type: "A", content: "203.0.113.1", ttl: 10 })).toBe(
      false,
    );
  });
});
