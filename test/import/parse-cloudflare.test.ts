import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  looksLikeCloudflareListing,
  parseCloudflareListing,
} from "../../src/core/import/parse-cloudflare.ts";
import type { ZoneRecord } from "../../src/core/import/records.ts";

const FIXTURE = path.join(import.meta.dirname, "../fixtures/import/kudus-listing.json");

function page(result: unknown[]): string {
  return JSON.stringify({ result, result_info: { page: 1, count: result.length }, success: true });
}

function parse(text: string): ZoneRecord[] {
  const result = parseCloudflareListing(text, "dns.json");
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.records;
}

const base = { id: "r1", zone_id: "z1", proxied: false, ttl: 1 };

describe("parseCloudflareListing", () => {
  it("reads one page and an array of pages alike", () => {
    const record = {
      ...base,
      name: "Dinkes.kuduskab.go.id",
      type: "A",
      content: "198.51.100.1",
      proxied: true,
    };
    const one = parse(page([record]));
    const many = parse(
      JSON.stringify([JSON.parse(page([record])), JSON.parse(page([{ ...record, id: "r2" }]))]),
    );
    expect(one.map((r) => [r.name, r.type, r.id, r.zoneId, r.proxied, r.spec])).toEqual([
      [
        "dinkes.kuduskab.go.id",
        "A",
        "r1",
        "z1",
        true,
        { type: "A", content: "198.51.100.1", ttl: 1, proxied: true },
      ],
    ]);
    expect(many.map((r) => r.id)).toEqual(["r1", "r2"]);
  });

  it("reads the fixture listing of two pages", () => {
    const records = parse(readFileSync(FIXTURE, "utf8"));
    expect(records).toHaveLength(28);
    expect(new Set(records.map((r) => r.zoneId))).toEqual(new Set(["3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b"]));
  });

  it.each([
    ["a quoted TXT", { type: "TXT", content: '"v=spf1 -all"' }, { type: "TXT", content: "v=spf1 -all" }],
    [
      "a DKIM key quoted in two strings",
      { type: "TXT", content: '"v=DKIM1; p=MII" "BIjAN"' },
      { type: "TXT", content: "v=DKIM1; p=MIIBIjAN" },
    ],
    ["a bare TXT", { type: "TXT", content: 'say "hi"' }, { type: "TXT", content: 'say "hi"' }],
    [
      "MX with its priority",
      { type: "MX", content: "Mail.Example.net", priority: 10 },
      { type: "MX", priority: 10, content: "mail.example.net" },
    ],
    [
      "SRV from data",
      {
        type: "SRV",
        content: "5 5060 sip.example.net",
        priority: 10,
        data: { priority: 10, weight: 5, port: 5060, target: "sip.example.net" },
      },
      { type: "SRV", priority: 10, weight: 5, port: 5060, content: "sip.example.net" },
    ],
    [
      "CAA from data",
      {
        type: "CAA",
        content: '0 issue "letsencrypt.org"',
        data: { flags: 0, tag: "issue", value: "letsencrypt.org" },
      },
      { type: "CAA", flags: 0, tag: "issue", content: "letsencrypt.org" },
    ],
    [
      "CAA from content alone",
      { type: "CAA", content: '128 iodef "mailto:a@b.go.id"' },
      { type: "CAA", flags: 128, tag: "iodef", content: "mailto:a@b.go.id" },
    ],
  ])("%s", (_name, fields, expected) => {
    const [record] = parse(page([{ ...base, name: "x.kuduskab.go.id", ...fields }]));
    expect(record?.spec).toEqual({ ...expected, ttl: 1 });
  });

  it("keeps types no request can hold, without a request form", () => {
    const [record] = parse(
      page([{ ...base, name: "k.kuduskab.go.id", type: "LOC", content: "IN LOC 6 48 19 S" }]),
    );
    expect([record?.type, record?.spec, record?.problem]).toEqual(["LOC", null, null]);
  });

  it("keeps comments and tags", () => {
    const [record] = parse(
      page([
        {
          ...base,
          name: "a.kuduskab.go.id",
          type: "A",
          content: "198.51.100.1",
          comment: "lama",
          tags: ["x:1"],
        },
      ]),
    );
    expect([record?.comment, record?.tags]).toEqual(["lama", ["x:1"]]);
  });

  it.each([
    ["invalid JSON, with line and column", '{\n  "result": [\n    {,\n  ]\n}', /^dns\.json:3:\d+$/],
    [
      "a record without a name",
      page([{ ...base, type: "A", content: "1.2.3.4" }]),
      /^dns\.json: result\[0\]$/,
    ],
    ["a record with a bad type", page([{ ...base, name: "a", type: "A A" }]), /^dns\.json: result\[0\]$/],
    ["a page without result", JSON.stringify([{ result: [] }, { success: false }]), /^dns\.json: \[1\]$/],
  ])("refuses %s, saying where", (_name, text, at) => {
    const result = parseCloudflareListing(text, "dns.json");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.at).toMatch(at);
  });
});

describe("looksLikeCloudflareListing", () => {
  it.each([
    [page([]), true],
    [`[${page([])}]`, true],
    ['  {"result": []}', true],
    ['{"other": 1}', false],
    ["$ORIGIN kuduskab.go.id.\n@ IN A 1.2.3.4", false],
    ["{ not json", false],
    ['; {"result": []}', false],
  ])("%s → %s", (text, expected) => {
    expect(looksLikeCloudflareListing(text)).toBe(expected);
  });
});
