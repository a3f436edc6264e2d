import { describe, expect, it } from "vitest";
import { parseCloudflareListing } from "../../src/core/import/parse-cloudflare.ts";
import { type RawRecord, toZoneRecord } from "../../src/core/import/records.ts";

function raw(type: string, fields: string[], extra: Partial<RawRecord> = {}): RawRecord {
  return {
    name: "x.kuduskab.go.id",
    type,
    ttl: null,
    fields,
    content: fields.join(" "),
    proxied: null,
    comment: null,
    tags: [],
    id: null,
    zoneId: null,
    at: "f:1",
    ...extra,
  };
}

describe("toZoneRecord: the request form of each type", () => {
  it.each([
    ["A keeps its text", "A", ["103.147.222.1"], { type: "A", content: "103.147.222.1" }],
    ["A is not a host name", "A", ["ABC."], { type: "A", content: "ABC." }],
    ["CNAME lowercase, no dot", "CNAME", ["Web.Example.NET."], { type: "CNAME", content: "web.example.net" }],
    ["AAAA canonical", "AAAA", ["2400:8902:0::1"], { type: "AAAA", content: "2400:8902::1" }],
    ["AAAA kept when not an address", "AAAA", ["nope"], { type: "AAAA", content: "nope" }],
    ["MX", "MX", ["10", "Mail.Example.net."], { type: "MX", priority: 10, content: "mail.example.net" }],
    ["TXT joined", "TXT", ["a b", "c"], { type: "TXT", content: "a bc" }],
    [
      "CAA tag lowercased",
      "CAA",
      ["128", "ISSUEWILD", ";"],
      { type: "CAA", flags: 128, tag: "issuewild", content: ";" },
    ],
    [
      "SRV",
      "SRV",
      ["1", "2", "3", "T.example."],
      { type: "SRV", priority: 1, weight: 2, port: 3, content: "t.example" },
    ],
  ])("%s", (_name, type, fields, spec) => {
    const record = toZoneRecord(raw(type, fields));
    expect([record.spec, record.problem]).toEqual([spec, null]);
  });

  it.each([
    ["A without data", "A", []],
    ["A with two", "A", ["1.1.1.1", "2.2.2.2"]],
    ["CNAME with two", "CNAME", ["a.", "b."]],
    ["AAAA with two", "AAAA", ["::1", "::2"]],
    ["AAAA without data", "AAAA", []],
    ["MX with one", "MX", ["mail."]],
    ["MX with a word for priority", "MX", ["ten", "mail."]],
    ["MX with three", "MX", ["10", "mail.", "x"]],
    ["MX with a negative priority", "MX", ["-1", "mail."]],
    ["CAA with two", "CAA", ["0", "issue"]],
    ["CAA with four", "CAA", ["0", "issue", "a", "b"]],
    ["CAA with a word for flags", "CAA", ["x", "issue", "a"]],
    ["CAA with an unknown tag", "CAA", ["0", "contactemail", "a"]],
    ["SRV with three", "SRV", ["1", "2", "3"]],
    ["SRV with five", "SRV", ["1", "2", "3", "t.", "u."]],
    ["SRV with a word for port", "SRV", ["1", "2", "p", "t."]],
    ["SRV with an empty target", "SRV", ["1", "2", "3", ""]],
  ])("%s has a problem and no request form", (_name, type, fields) => {
    const record = toZoneRecord(raw(type, fields));
    expect(record.spec).toBeNull();
    expect(record.problem?.en).toContain(`the ${type} data`);
    expect(record.problem?.id).toContain(`data ${type}`);
  });

  it("a type no request holds has neither a form nor a problem", () => {
    const record = toZoneRecord(raw("NS", ["ns1."]));
    expect([record.spec, record.problem]).toEqual([null, null]);
  });

  it.each([
    [
      { ttl: 300, proxied: true },
      { ttl: 300, proxied: true },
    ],
    [{ ttl: 1, proxied: false }, { ttl: 1 }],
    [{ ttl: null, proxied: null }, {}],
  ])("carries TTL and only a true proxy flag: %j", (extra, expected) => {
    const record = toZoneRecord(raw("A", ["103.147.222.1"], extra));
    expect(record.spec).toEqual({ type: "A", content: "103.147.222.1", ...expected });
  });
});

describe("parseCloudflareListing: what the report shows and what the API may omit", () => {
  const base = { id: "i", zone_id: "z", name: "x.kuduskab.go.id" };
  const parse = (record: Record<string, unknown>) => {
    const result = parseCloudflareListing(JSON.stringify({ result: [{ ...base, ...record }] }), "f.json");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.records[0];
  };

  it.each([
    [{ type: "MX", content: "mail.x", priority: 10 }, "10 mail.x"],
    [{ type: "SRV", content: "", data: { priority: 1, weight: 2, port: 3, target: "t.x" } }, "1 2 3 t.x"],
    [{ type: "SRV", content: "1 2 3 t.x" }, "1 2 3 t.x"],
    [{ type: "CAA", content: "", data: { flags: 0, tag: "issue", value: "a.b" } }, '0 issue "a.b"'],
    [{ type: "TXT", content: '"a" "b"' }, "ab"],
    [{ type: "TXT", content: '"a" b' }, '"a" b'],
    [{ type: "A", content: "103.147.222.1" }, "103.147.222.1"],
    [{ type: "LOC", content: "IN LOC 6 S" }, "IN LOC 6 S"],
  ])("%j → %s", (record, content) => {
    expect(parse(record)?.content).toBe(content);
  });

  it("takes only well-typed TTL, proxy flag and tags", () => {
    const record = parse({ type: "A", content: "103.147.222.1", ttl: 1.5, proxied: "yes", tags: ["a:1", 2] });
    expect([record?.ttl, record?.proxied, record?.tags]).toEqual([null, null, ["a:1"]]);
    const plain = parse({ type: "A", content: "103.147.222.1", ttl: 120, proxied: false });
    expect([plain?.ttl, plain?.proxied, plain?.tags]).toEqual([120, false, []]);
  });

  it.each([[{ name: "", type: "A" }], [{ name: "a.x", type: null }], [{ name: 5, type: "A" }]])(
    "refuses %j",
    (record) => {
      const result = parseCloudflareListing(JSON.stringify({ result: [record] }), "f.json");
      expect(result.ok).toBe(false);
    },
  );

  it("places a JSON syntax error at its line and column", () => {
    const result = parseCloudflareListing('{\n  "result": [\n    {,\n  ]\n}', "f.json");
    expect(result.ok ? "" : result.errors[0]?.at).toBe("f.json:3:6");
    expect(result.ok ? "" : result.errors[0]?.message.en).toMatch(/^invalid JSON: /);
  });
});
