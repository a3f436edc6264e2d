import { describe, expect, it } from "vitest";
import { parseBindZone, parseCloudflareComment, parseTtl } from "../../src/core/import/parse-bind.ts";
import type { ZoneRecord } from "../../src/core/import/records.ts";

const ZONE = "kuduskab.go.id";

function parse(text: string): ZoneRecord[] {
  const result = parseBindZone(text, { file: "zona.db", origin: ZONE });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.records;
}

function errorsOf(text: string): string[] {
  const result = parseBindZone(text, { file: "zona.db", origin: ZONE });
  return result.ok ? [] : result.errors.map((e) => `${e.at} ${e.message.en}`);
}

const brief = (r: ZoneRecord) => [r.name, r.type, r.ttl, r.content];

describe("parseBindZone: owners, origin and TTL", () => {
  it.each([
    ["@ 300 IN A 198.51.100.1", ["kuduskab.go.id", "A", 300, "198.51.100.1"]],
    ["dinkes 300 IN A 198.51.100.1", ["dinkes.kuduskab.go.id", "A", 300, "198.51.100.1"]],
    ["Dinkes.KudusKab.go.id. 300 IN A 198.51.100.1", ["dinkes.kuduskab.go.id", "A", 300, "198.51.100.1"]],
    ["dinkes IN 300 A 198.51.100.1", ["dinkes.kuduskab.go.id", "A", 300, "198.51.100.1"]],
    ["dinkes A 198.51.100.1", ["dinkes.kuduskab.go.id", "A", null, "198.51.100.1"]],
    ["dinkes 1h30m IN A 198.51.100.1", ["dinkes.kuduskab.go.id", "A", 5400, "198.51.100.1"]],
    ["dinkes 1W A 198.51.100.1", ["dinkes.kuduskab.go.id", "A", 604800, "198.51.100.1"]],
  ])("%s", (line, expected) => {
    expect(parse(line).map(brief)).toEqual([expected]);
  });

  it("follows $ORIGIN and $TTL, and repeats the previous owner on a blank one", () => {
    const records = parse(
      [
        "$TTL 3600",
        "$ORIGIN desa.kuduskab.go.id.",
        "getasrabi IN A 198.51.100.2",
        "\tIN MX 10 mail",
        '  600 IN TXT "v=spf1 -all"',
        "$ORIGIN kuduskab.go.id.",
        "www 60 IN CNAME @",
      ].join("\n"),
    );
    expect(records.map(brief)).toEqual([
      ["getasrabi.desa.kuduskab.go.id", "A", 3600, "198.51.100.2"],
      ["getasrabi.desa.kuduskab.go.id", "MX", 3600, "10 mail.desa.kuduskab.go.id"],
      ["getasrabi.desa.kuduskab.go.id", "TXT", 600, "v=spf1 -all"],
      ["www.kuduskab.go.id", "CNAME", 60, "kuduskab.go.id"],
    ]);
    expect(records[1]?.spec).toEqual({
      type: "MX",
      priority: 10,
      content: "mail.desa.kuduskab.go.id",
      ttl: 3600,
    });
  });

  it("reads a multi-line SOA in parentheses with comments inside", () => {
    const records = parse(
      [
        "@ IN SOA ns1.kuduskab.go.id. hostmaster.kuduskab.go.id. (",
        "  2026120101 ; serial",
        "  7200 ; refresh (with a ) in the comment",
        "  3600 1209600 300 )",
        "@ IN NS ns1",
      ].join("\n"),
    );
    expect(records.map((r) => r.type)).toEqual(["SOA", "NS"]);
    expect(records[0]?.content).toBe(
      "ns1.kuduskab.go.id hostmaster.kuduskab.go.id 2026120101 7200 3600 1209600 300",
    );
    expect(records[1]?.content).toBe("ns1.kuduskab.go.id");
  });
});

describe("parseBindZone: record data", () => {
  it("joins a TXT split into several strings (a long DKIM key) without separators", () => {
    const [record] = parse('k._domainkey.dinkes IN TXT ( "v=DKIM1; k=rsa; "\n   "p=MIIB" "IjAN" )');
    expect(record?.spec).toEqual({ type: "TXT", content: "v=DKIM1; k=rsa; p=MIIBIjAN" });
  });

  it('decodes \\" \\\\ \\. and \\DDD bytes (UTF-8 spelled in bytes), and keeps ; inside quotes', () => {
    const [record] = parse(
      'info IN TXT "a \\"b\\" c\\\\d; 08\\.00 Sen\\226\\128\\147Jum" ; trailing comment',
    );
    expect(record?.content).toBe('a "b" c\\d; 08.00 Sen–Jum');
    expect(record?.comment).toBe("trailing comment");
  });

  it("reads MX, CAA and SRV fields, completing relative targets", () => {
    const records = parse(
      [
        "dinkes IN MX 10 mail.dinkes",
        'dinkes IN CAA 0 issue "letsencrypt.org"',
        "_sip._tcp.dinkes IN SRV 10 5 5060 sip.dinkes.kuduskab.go.id.",
        "disdikpora IN MX 0 .",
      ].join("\n"),
    );
    expect(records.map((r) => r.spec)).toEqual([
      { type: "MX", priority: 10, content: "mail.dinkes.kuduskab.go.id" },
      { type: "CAA", flags: 0, tag: "issue", content: "letsencrypt.org" },
      { type: "SRV", priority: 10, weight: 5, port: 5060, content: "sip.dinkes.kuduskab.go.id" },
      { type: "MX", priority: 0, content: "." },
    ]);
  });

  it("writes AAAA in the canonical form the program stores", () => {
    expect(parse("v6 IN AAAA 2400:8902:0:0:F03C:94FF:FE2A:0021")[0]?.spec?.content).toBe(
      "2400:8902::f03c:94ff:fe2a:21",
    );
  });

  it("keeps unknown types with their data and no request form", () => {
    const records = parse('dinkes IN HTTPS 1 . alpn="h2,h3"\ndinkes IN TYPE65534 \\# 2 0102');
    expect(records.map((r) => [r.type, r.content, r.spec])).toEqual([
      ["HTTPS", '1 . alpn="h2,h3"', null],
      ["TYPE65534", "# 2 0102", null],
    ]);
  });

  it.each([
    ["MX without a priority", "dinkes IN MX mail.dinkes"],
    ["CAA with an unknown tag", 'dinkes IN CAA 0 issuer "x"'],
    ["SRV with three fields", "_sip._tcp IN SRV 10 5 sip"],
    ["A with two addresses", "dinkes IN A 198.51.100.1 198.51.100.2"],
  ])("a known type with data it cannot read has a problem: %s", (_name, line) => {
    const [record] = parse(line);
    expect(record?.spec).toBeNull();
    expect(record?.problem?.en).toMatch(/cannot be read; expected/);
  });
});

describe("parseBindZone: Cloudflare's export", () => {
  it("reads cf-proxied and the comment, and ignores the ;; header", () => {
    const records = parse(
      [
        ";;",
        ";; Domain:     kuduskab.go.id.",
        ";; A Records",
        "dinkes.kuduskab.go.id.\t1\tIN\tA\t198.51.100.3 ; Situs Dinkes cf_tags=cf-proxied:true",
        "mail.kuduskab.go.id.\t1\tIN\tA\t198.51.100.4 ; cf_tags=cf-proxied:false",
        "x.kuduskab.go.id.\t60\tIN\tA\t198.51.100.5",
      ].join("\n"),
    );
    expect(records.map((r) => [r.proxied, r.comment, r.spec?.proxied, r.spec?.ttl])).toEqual([
      [true, "Situs Dinkes", true, 1],
      [false, null, undefined, 1],
      [null, null, undefined, 60],
    ]);
  });

  it.each([
    ["cf_tags=awesome", { comment: null, tags: ["awesome"], proxied: null }],
    [
      'cf_tags=tag1,tag3:"value,with,commas",cf-proxied:true',
      { comment: null, tags: ["tag1", "tag3:value,with,commas"], proxied: true },
    ],
    ["just a comment without tags", { comment: "just a comment without tags", tags: [], proxied: null }],
    [
      "this comment contains cf_tags= as text cf_tags=",
      { comment: "this comment contains cf_tags= as text", tags: [], proxied: null },
    ],
    [
      "simple example cf_tags=important,ticket:THIS-12345",
      {
        comment: "simple example",
        tags: ["important", "ticket:THIS-12345"],
        proxied: null,
      },
    ],
  ])("%s", (comment, expected) => {
    expect(parseCloudflareComment(comment)).toEqual(expected);
  });
});

describe("parseBindZone: input it refuses, with the line", () => {
  it.each([
    [
      "an unterminated string",
      'a IN A 1.2.3.4\nb IN TXT "open\nc IN A 1.2.3.4',
      "zona.db:2 quoted text is not closed",
    ],
    ["a ( never closed", "@ IN SOA a. b. (\n 1 2 3 4 5\n", "zona.db:1 '(' is not closed"],
    ["a ) without (", "a IN A 1.2.3.4 )", "zona.db:1 ')' without a matching '('"],
    ["$INCLUDE", "$INCLUDE other.db", "zona.db:1 $INCLUDE is not supported"],
    ["$GENERATE", "$GENERATE 1-9 h$ A 10.0.0.$", "zona.db:1 $GENERATE is not supported"],
    ["an unknown directive", "$FOO bar", 'zona.db:1 directive "$FOO" is unknown'],
    ["no type", "dinkes 300 IN", 'zona.db:1 no record type found in the record of "dinkes.kuduskab.go.id"'],
    ["a blank first owner", "  IN A 1.2.3.4", "zona.db:1 the first record starts with white space"],
    ["class CH", "version CH TXT x", "zona.db:1 class CH is not supported"],
    ["a backslash at the end", "a IN TXT x\\", "zona.db:1 backslash at the end of a line"],
  ])("%s", (_name, text, expected) => {
    expect(errorsOf(text)[0]).toContain(expected);
  });

  it("lists every error, not only the first, up to a bound", () => {
    expect(errorsOf("$INCLUDE a\n$INCLUDE b\n$INCLUDE c")).toHaveLength(3);
    expect(errorsOf("$INCLUDE a\n".repeat(100))).toHaveLength(20);
  });
});

describe("parseBindZone: hostile input", () => {
  it("reads a 1 MB line in linear time", () => {
    const big = "x".repeat(1024 * 1024);
    const started = performance.now();
    const records = parse(`big IN TXT "${big}"\nbig2 IN TXT ${big}`);
    expect(records.map((r) => r.content.length)).toEqual([big.length, big.length]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("never throws on random bytes", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ' \t\n\r();"\\$@.*_-aZ09\u0000\u001b\u202e';
    for (let round = 0; round < 300; round++) {
      let text = "";
      const length = Math.floor(random() * 200);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(() => parseBindZone(text, { file: "f", origin: ZONE })).not.toThrow();
    }
  });

  it("keeps control characters and Markdown in names and data as data", () => {
    const [record] = parse('evil\\010line IN TXT "**bold** [x](http://e) \\027[31m"');
    expect(record?.name).toBe("evil\nline.kuduskab.go.id");
    expect(record?.content).toBe("**bold** [x](http://e) \u001b[31m");
  });
});

describe("parseTtl", () => {
  it.each([
    ["0", 0],
    ["86400", 86400],
    ["2h", 7200],
    ["1d2h", 93600],
    ["2147483647", 2147483647],
    ["2147483648", null],
    ["1x", null],
    ["IN", null],
  ])("%s → %s", (text, expected) => {
    expect(parseTtl(text)).toBe(expected);
  });
});
