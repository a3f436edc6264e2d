import { describe, expect, it } from "vitest";
import {
  type Case,
  col,
  type Doc,
  dns,
  type Hit,
  hit,
  hits,
  policy,
  type RunOptions,
  requestYaml,
  table,
  validate,
} from "./helpers.ts";

/** The first record is on line 23 (`dns:` on 22). */
const FIRST = 23;

/** A request with the given hosting kind and records. */
function on(hosting: string, ...records: string[]): Doc {
  return { hosting, extra: dns(...records) };
}

/** Position of `needle` inside record number `index`. */
function at(
  rule: string,
  index: number,
  record: string,
  needle: string,
  severity: Hit["severity"] = "error",
): Hit {
  return hit(rule, FIRST + index, col(record, needle), severity);
}

/** Position of the record itself (its `{`). */
function atRecord(rule: string, index: number, severity: Hit["severity"] = "error"): Hit {
  return hit(rule, FIRST + index, 5, severity);
}

describe("dns-type-unsupported", () => {
  const rule = "dns-type-unsupported";
  const ns = "{ type: NS, name: sub, content: ns1.vendor.co.id }";
  const url = '{ type: URL, content: "https://dinkes.kuduskab.go.id/baru" }';
  const tlsa = "{ type: TLSA, name: _443._tcp, content: 3 1 1 abcdef }";
  table(rule, [
    [
      "every allowed type",
      on("tanpa", "{ type: TXT, content: halo }", "{ type: A, name: app, content: 103.76.120.34 }"),
      [],
    ],
    ["NS delegation", on("tanpa", ns), [at(rule, 0, ns, "NS")]],
    ["URL redirect", on("tanpa", url), [at(rule, 0, url, "URL")]],
    ["TLSA", on("tanpa", tlsa), [at(rule, 0, tlsa, "TLSA")]],
  ]);

  it("explains why NS is refused and lists the allowed types", () => {
    const [d] = validate(on("tanpa", ns)).filter((x) => x.rule === rule);
    expect(d?.message.id).toContain("delegasi (NS) tidak diizinkan");
    expect(d?.message.en).toContain("allowed: A, AAAA, CNAME, MX, TXT, CAA, SRV");
  });
});

describe("dns-name-invalid", () => {
  const rule = "dns-name-invalid";
  const named = (name: string) => `{ type: TXT, name: ${name}, content: halo }`;
  const bad = (name: string): Case => [
    `name ${name}`,
    on("tanpa", named(name)),
    [at(rule, 0, named(name), name)],
  ];
  table(rule, [
    [
      "underscore labels",
      on("tanpa", named("_dmarc"), named("selector1._domainkey"), named("_acme-challenge.www")),
      [],
    ],
    ["@", on("tanpa", named("'@'")), []],
    bad("WWW"),
    bad("'*'"),
    bad("'*.app'"),
    bad("www.dinkes.kuduskab.go.id"),
    bad("dinkes"),
    bad("-app"),
    bad("a..b"),
    bad("web_app"),
    bad("a".repeat(64)),
  ]);
});

describe("dns-name-taken", () => {
  const rule = "dns-name-taken";
  const record = "{ type: A, name: spmb, content: 103.76.120.34 }";
  const below = "{ type: TXT, name: x.spmb, content: x }";
  const taken = { others: { "requests/spmb.dinkes.yaml": requestYaml({ subdomain: "spmb.dinkes" }) } };
  table(rule, [
    ["free name", on("tanpa", record), []],
    ["name with its own request file", on("tanpa", record), [at(rule, 0, record, "spmb")], taken],
    ["below a name with its own request file", on("tanpa", below), [at(rule, 0, below, "x.spmb")], taken],
  ]);
});

// A request for the namespace's own name (`desa`) may not use its records to hand out names that the
// namespace's rules keep from it.
const ofDesa = (...records: string[]): Doc => ({ subdomain: "desa", ...on("tanpa", ...records) });

describe("dns-name-reserved", () => {
  const rule = "dns-name-reserved";
  const www = "{ type: A, name: www, content: 103.76.120.34 }";
  const deeper = "{ type: TXT, name: a.www, content: x }";
  table(rule, [
    ["a reserved label below a unit's own name", on("tanpa", www), []],
    ["a reserved name directly below a namespace", ofDesa(www), [at(rule, 0, www, "www")]],
    ["below a reserved name of a namespace", ofDesa(deeper), [at(rule, 0, deeper, "a.www")]],
  ]);
});

describe("dns-name-existing", () => {
  const rule = "dns-name-existing";
  const withExisting = { policy: { ...policy, existing: new Set([...policy.existing, "sso.dinkes"]) } };
  const sso = "{ type: CNAME, name: sso, content: idp.example.net }";
  const below = "{ type: TXT, name: _acme.sso, content: x }";
  table(rule, [
    ["a name not in the zone yet", on("tanpa", sso), [], {}],
    ["a name managed outside the repository", on("tanpa", sso), [at(rule, 0, sso, "sso")], withExisting],
    ["below a name managed outside", on("tanpa", below), [at(rule, 0, below, "_acme")], withExisting],
  ]);
});

describe("dns-name-namespace", () => {
  const rule = "dns-name-namespace";
  const village = "{ type: A, name: getasrabi, content: 103.76.120.34 }";
  const nested = new Map([...policy.namespaces, ["sekolah.disdik", ["sekolah"] as const]]);
  const sekolah = "{ type: A, name: sekolah, content: 103.76.120.34 }";
  table(rule, [
    ["a unit's own host", on("tanpa", village), []],
    ["a village name published by a non-village", ofDesa(village), [at(rule, 0, village, "getasrabi")]],
    [
      "a namespace name itself",
      { subdomain: "disdik", ...on("tanpa", sekolah) },
      [at(rule, 0, sekolah, "sekolah")],
      { policy: { ...policy, namespaces: nested } },
    ],
  ]);
});

describe("dns-address-invalid", () => {
  const rule = "dns-address-invalid";
  const a = (ip: string) => `{ type: A, content: "${ip}" }`;
  const aaaa = (ip: string) => `{ type: AAAA, content: "${ip}" }`;
  const bad = (record: string): Case => [record, on("eksternal", record), [at(rule, 0, record, '"')]];
  table(rule, [
    ["IPv4 and IPv6", on("eksternal", a("103.76.120.34"), aaaa("2400:8902::1")), []],
    ["IPv6 with embedded IPv4", on("eksternal", aaaa("64:ff9b::103.76.120.34")), []],
    bad(a("010.1.2.3")),
    bad(a("256.1.2.3")),
    bad(a("103.76.120")),
    bad(a("2400:8902::1")),
    bad(aaaa("103.76.120.34")),
    bad(aaaa("2400::8902::1")),
    bad(aaaa("2400:8902:0:0:0:0:0:0:1")),
    bad(aaaa("fe80::1%eth0")),
  ]);
});

describe("dns-address-not-public", () => {
  const rule = "dns-address-not-public";
  const a = (ip: string) => `{ type: A, content: "${ip}" }`;
  const aaaa = (ip: string) => `{ type: AAAA, content: "${ip}" }`;
  const ok = (record: string): Case => [record, on("eksternal", record), []];
  const bad = (record: string): Case => [record, on("eksternal", record), [at(rule, 0, record, '"')]];
  table(rule, [
    ok(a("103.76.120.34")),
    ok(a("172.32.0.1")),
    ok(a("100.128.0.1")),
    ok(a("192.169.0.1")),
    ok(aaaa("2400:8902::f03c:94ff:fe2a:1b7c")),
    ...[
      "0.1.2.3",
      "10.0.0.1",
      "100.64.0.1",
      "100.127.255.254",
      "127.0.0.1",
      "169.254.10.1",
      "172.16.5.4",
    ].map((ip) => bad(a(ip))),
    ...[
      "172.31.255.255",
      "192.0.0.8",
      "192.0.2.1",
      "192.168.1.1",
      "198.18.0.1",
      "198.51.100.7",
      "203.0.113.9",
    ].map((ip) => bad(a(ip))),
    ...["224.0.0.251", "239.255.255.250", "240.0.0.1", "255.255.255.255"].map((ip) => bad(a(ip))),
    ...[
      "::",
      "::1",
      "::ffff:103.76.120.34",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "ff02::1",
      "2001:db8::1",
      "100::1",
    ].map((ip) => bad(aaaa(ip))),
    bad(aaaa("4000::1")),
  ]);
});

describe("dns-aaaa-not-canonical", () => {
  const rule = "dns-aaaa-not-canonical";
  const aaaa = (ip: string) => `{ type: AAAA, content: "${ip}" }`;
  const warn = (ip: string): Case => [ip, on("eksternal", aaaa(ip)), [at(rule, 0, aaaa(ip), '"', "warning")]];
  table(rule, [
    ["canonical", on("eksternal", aaaa("2400:8902::1")), []],
    warn("2400:8902:0:0:0:0:0:1"),
    warn("2400:8902::ABCD"),
    warn("2400:8902:0000::1"),
    warn("2400:0:0:1::1:0:0"),
  ]);

  it.each([
    ["2400:8902:0:0:0:0:0:1", "2400:8902::1"],
    ["2400:0:0:1::1:0:0", "2400::1:0:1:0:0"],
    ["2400:0:0:1:0:0:1:0", "2400::1:0:0:1:0"],
    ["2400:8902:0:1:0:1:0:1", "2400:8902:0:1:0:1:0:1"],
  ])("writes %s as %s", (written, canonical) => {
    const found = validate(on("eksternal", aaaa(written))).filter((x) => x.rule === rule);
    if (written === canonical) expect(found).toEqual([]);
    else expect(found[0]?.message.en).toContain(`as "${canonical}"`);
  });
});

describe("dns-cname-exclusive", () => {
  const rule = "dns-cname-exclusive";
  const cname = "{ type: CNAME, name: www, content: web.vendor.co.id }";
  const cname2 = "{ type: CNAME, name: www, content: web2.vendor.co.id }";
  const txtWww = "{ type: TXT, name: www, content: halo }";
  const txtApex = "{ type: TXT, content: halo }";
  const mxApex = "{ type: MX, content: mail.kuduskab.go.id, priority: 10 }";
  const cnameApex = "{ type: CNAME, content: web.vendor.co.id }";
  const dmarc = '{ type: TXT, name: _dmarc, content: "v=DMARC1; p=none" }';
  const tunnel = (...records: string[]): Doc => ({
    hosting: "tunnel",
    extra: ['  service: "http://10.0.0.1:80"', ...dns(...records)],
  });
  table(rule, [
    ["CNAME alone", on("tanpa", cname, txtApex), []],
    ["CNAME alone at the name with eksternal hosting", on("eksternal", cnameApex, txtWww), []],
    ["static hosting with records below the name", on("static", dmarc, cname), []],
    ["CNAME with a TXT at the same name", on("tanpa", cname, txtWww), [at(rule, 0, cname, "CNAME")]],
    ["two CNAMEs", on("tanpa", cname, cname2), [at(rule, 0, cname, "CNAME"), at(rule, 1, cname2, "CNAME")]],
    [
      "eksternal CNAME with MX at the name",
      on("eksternal", cnameApex, mxApex),
      [at(rule, 0, cnameApex, "CNAME")],
    ],
    ["static hosting and a TXT at the name", on("static", txtApex), [at(rule, 0, txtApex, "TXT")]],
    ["tunnel hosting and MX at the name", tunnel(mxApex), [hit(rule, FIRST + 1, col(mxApex, "MX"))]],
    ["server hosting and a CNAME at the name", on("server", cnameApex), [at(rule, 0, cnameApex, "CNAME")]],
    ["server hosting and MX at the name", on("server", mxApex), []],
  ]);
});

describe("dns-hosting-address", () => {
  const rule = "dns-hosting-address";
  const a = "{ type: A, content: 103.76.120.34 }";
  const aWww = "{ type: A, name: www, content: 103.76.120.34 }";
  table(rule, [
    ["server hosting, address below the name", on("server", aWww), []],
    ["eksternal hosting, address at the name", on("eksternal", a), []],
    ["server hosting, address at the name", on("server", a), [at(rule, 0, a, "A,")]],
  ]);
});

describe("dns-target-invalid", () => {
  const rule = "dns-target-invalid";
  const cname = (t: string) => `{ type: CNAME, name: www, content: "${t}" }`;
  const mx = (t: string, p: number) => `{ type: MX, content: "${t}", priority: ${p} }`;
  const srv = (t: string) =>
    `{ type: SRV, name: _sip._tcp, content: "${t}", priority: 10, weight: 5, port: 5060 }`;
  const bad = (record: string): Case => [record, on("tanpa", record), [at(rule, 0, record, '"')]];
  table(rule, [
    [
      "host names",
      on("tanpa", cname("web.vendor.co.id"), mx("mail.kuduskab.go.id", 10), srv("sip.kuduskab.go.id")),
      [],
    ],
    ["underscore label in a target", on("tanpa", cname("s1._domainkey.vendor.co.id")), []],
    ["null MX", on("tanpa", mx(".", 0)), []],
    ["SRV service not offered", on("tanpa", srv(".")), []],
    bad(cname("web.vendor.co.id.")),
    bad(cname("103.76.120.34")),
    bad(cname("vendor")),
    bad(cname("Web.Vendor.co.id")),
    bad(cname(".")),
    bad(cname("web-.vendor.co.id")),
    bad(mx(".", 10)),
    bad(mx("mail.kuduskab.go.id:25", 10)),
    bad(srv("sip.kuduskab.go.id.")),
    [
      "null MX beside another MX",
      on("tanpa", mx(".", 0), mx("mail.kuduskab.go.id", 10)),
      [at(rule, 0, mx(".", 0), '"')],
    ],
  ]);
});

describe("dns-target-special-use", () => {
  const rule = "dns-target-special-use";
  const mx = (t: string) => `{ type: MX, content: ${t}, priority: 10 }`;
  const cname = (t: string) => `{ type: CNAME, name: www, content: ${t} }`;
  table(rule, [
    ["real targets", on("tanpa", mx("mail.kuduskab.go.id"), cname("web.examples.co.id")), []],
    [
      "example.net",
      on("tanpa", mx("mail.example.net")),
      [at(rule, 0, mx("mail.example.net"), "mail.", "warning")],
    ],
    ["test", on("tanpa", cname("web.test")), [at(rule, 0, cname("web.test"), "web.", "warning")]],
    [
      "test with a trailing dot",
      on("tanpa", cname("web.test.")),
      [at(rule, 0, cname("web.test."), "web.", "warning")],
    ],
    [
      "internal",
      on("tanpa", cname("app.corp.internal")),
      [at(rule, 0, cname("app.corp.internal"), "app.", "warning")],
    ],
  ]);
});

describe("dns-cname-forbidden", () => {
  const rule = "dns-cname-forbidden";
  const cname = (t: string) => `{ type: CNAME, name: www, content: ${t} }`;
  table(rule, [
    ["ordinary target", on("tanpa", cname("web.vendor.co.id")), []],
    ["look-alike suffix", on("tanpa", cname("notgithub.io")), []],
    ["forbidden suffix in the middle", on("tanpa", cname("github.io.vendor.co.id")), []],
    [
      "GitHub Pages",
      on("tanpa", cname("kudus.github.io")),
      [at(rule, 0, cname("kudus.github.io"), "kudus.")],
    ],
    [
      "Cloudflare Pages outside hosting",
      on("tanpa", cname("site.pages.dev")),
      [at(rule, 0, cname("site.pages.dev"), "site.")],
    ],
    ["uppercase", on("tanpa", cname("Kudus.GitHub.io")), [at(rule, 0, cname("Kudus.GitHub.io"), "Kudus.")]],
    [
      "trailing dot",
      on("tanpa", cname("kudus.github.io.")),
      [at(rule, 0, cname("kudus.github.io."), "kudus.")],
    ],
  ]);
});

describe("dns-target-takeover-prone", () => {
  const rule = "dns-target-takeover-prone";
  const cname = (t: string) => `{ type: CNAME, name: www, content: ${t} }`;
  const refused = (t: string): Case => [t, on("tanpa", cname(t)), [at(rule, 0, cname(t), t.slice(0, 2))]];
  table(rule, [
    ["ordinary target", on("tanpa", cname("web.vendor.co.id")), []],
    refused("dinkes-kudus.netlify.app"),
    refused("netlify.app"),
    refused("dinkes.vercel.app"),
    refused("dinkes.herokuapp.com"),
    refused("dinkes.azurewebsites.net"),
    refused("d111111abcdef8.cloudfront.net"),
    refused("bucket.s3-website-ap-southeast-1.amazonaws.com"),
    refused("bucket.s3-website.ap-southeast-3.amazonaws.com"),
    refused("bucket.s3.amazonaws.com"),
    refused("dinkes.firebaseapp.com"),
    refused("dinkes.web.app"),
    refused("dinkes.onrender.com"),
    refused("dinkes.fly.dev"),
    refused("dinkes.readthedocs.io"),
    refused("dinkes.surge.sh"),
    refused("dinkes.ghost.io"),
    refused("dinkes.myshopify.com"),
    refused("dinkes.wordpress.com"),
    refused("dinkes.bitbucket.io"),
    refused("dev-dinkes.pantheonsite.io"),
    refused("dinkes.trafficmanager.net"),
    refused("dinkes.cloudapp.net"),
    refused("dinkes.azureedge.net"),
    refused("dinkes.blob.core.windows.net"),
    refused("Dinkes.Netlify.App."),
    ["look-alike suffix", on("tanpa", cname("evilnetlify.app")), []],
    ["suffix in the middle", on("tanpa", cname("netlify.app.vendor.co.id")), []],
    ["S3 look-alike label", on("tanpa", cname("bucket.s3-websitex.amazonaws.com")), []],
    [
      "MX target on a takeover-prone service",
      on("tanpa", "{ type: MX, content: mx.dinkes.azurewebsites.net, priority: 10 }"),
      [at(rule, 0, "{ type: MX, content: mx.dinkes.azurewebsites.net, priority: 10 }", "mx.dinkes")],
    ],
    // Forbidden by the office outright: only dns-cname-forbidden speaks.
    ["forbidden by the office", on("tanpa", cname("kudus.github.io")), []],
  ]);

  it("names the service and the way out", () => {
    const [d] = validate(on("tanpa", cname("dinkes.netlify.app"))).filter((x) => x.rule === rule);
    expect(d?.message.en).toContain('Netlify ("netlify.app"');
    expect(d?.message.en).toContain("takeoverAllowed in governance/policy.yaml");
    expect(d?.message.id).toContain("minta admin Diskominfo");
  });

  it("allows a suffix the office reviewed, and only below it", () => {
    const options = { policy: { ...policy, takeoverAllowed: ["diskominfo-kudus.netlify.app"] } };
    expect(hits(rule, on("tanpa", cname("diskominfo-kudus.netlify.app")), options)).toEqual([]);
    expect(hits(rule, on("tanpa", cname("beta.diskominfo-kudus.netlify.app")), options)).toEqual([]);
    expect(hits(rule, on("tanpa", cname("other.netlify.app")), options)).toHaveLength(1);
  });
});

describe("dns-cname-self", () => {
  const rule = "dns-cname-self";
  const www = (t: string) => `{ type: CNAME, name: www, content: ${t} }`;
  const apex = "{ type: CNAME, content: dinkes.kuduskab.go.id }";
  table(rule, [
    ["www to the name", on("tanpa", www("dinkes.kuduskab.go.id")), []],
    [
      "www to itself",
      on("tanpa", www("www.dinkes.kuduskab.go.id")),
      [at(rule, 0, www("www.dinkes.kuduskab.go.id"), "www.dinkes")],
    ],
    ["the name to itself", on("eksternal", apex), [at(rule, 0, apex, "dinkes.")]],
    [
      "to itself with a trailing dot",
      on("tanpa", www("www.dinkes.kuduskab.go.id.")),
      [at(rule, 0, www("www.dinkes.kuduskab.go.id."), "www.dinkes")],
    ],
  ]);
});

describe("dns-target-alias", () => {
  const rule = "dns-target-alias";
  const mx = (target: string, name = "lists") =>
    `{ type: MX, name: ${name}, content: ${target}, priority: 10 }`;
  const srv = (target: string) =>
    `{ type: SRV, name: _sip._tcp, content: ${target}, priority: 1, weight: 1, port: 5060 }`;
  const disdik = (hosting: string): RunOptions => ({
    others: {
      "requests/disdik.yaml": requestYaml({
        subdomain: "disdik",
        hosting,
        extra: hosting === "tunnel" ? ['  service: "http://10.0.0.1:80"'] : [],
      }),
    },
  });
  const www = "{ type: CNAME, name: www, content: web.vendor.co.id }";
  table(rule, [
    ["MX to an office service", on("tanpa", mx("mail.kuduskab.go.id")), []],
    ["MX to a server-hosted request", on("tanpa", mx("disdik.kuduskab.go.id")), [], disdik("server")],
    [
      "MX to a tunnel-hosted request",
      on("tanpa", mx("disdik.kuduskab.go.id")),
      [at(rule, 0, mx("disdik.kuduskab.go.id"), "disdik.")],
      disdik("tunnel"),
    ],
    [
      "MX to its own static name",
      on("static", mx("dinkes.kuduskab.go.id")),
      [at(rule, 0, mx("dinkes.kuduskab.go.id"), "dinkes.kuduskab")],
    ],
    [
      "SRV to its own CNAME",
      on("tanpa", www, srv("www.dinkes.kuduskab.go.id")),
      [at(rule, 1, srv("www.dinkes.kuduskab.go.id"), "www.")],
    ],
    ["MX outside the zone", on("tanpa", mx("aspmx.l.google.com")), []],
  ]);
});

describe("dns-target-missing", () => {
  const rule = "dns-target-missing";
  const cname = (target: string) => `{ type: CNAME, name: www, content: ${target} }`;
  const mx = (target: string) => `{ type: MX, content: ${target}, priority: 10 }`;
  const disdik: RunOptions = { others: { "requests/disdik.yaml": requestYaml({ subdomain: "disdik" }) } };
  const warn = (record: string, needle: string, index = 0) => [at(rule, index, record, needle, "warning")];
  table(rule, [
    ["to another request", on("tanpa", cname("disdik.kuduskab.go.id")), [], disdik],
    ["to a name managed outside", on("tanpa", cname("lpse.kuduskab.go.id")), []],
    ["below a name managed outside", on("tanpa", cname("eproc.lpse.kuduskab.go.id")), []],
    ["to the zone apex", on("tanpa", cname("kuduskab.go.id")), []],
    ["MX to its own server-hosted name", on("server", mx("dinkes.kuduskab.go.id")), []],
    [
      "to a name nobody requested",
      on("tanpa", cname("spmb.kuduskab.go.id")),
      warn(cname("spmb.kuduskab.go.id"), "spmb."),
    ],
    [
      "to a missing name below a request",
      on("tanpa", cname("x.disdik.kuduskab.go.id")),
      warn(cname("x.disdik.kuduskab.go.id"), "x."),
      disdik,
    ],
    [
      "MX to its own name without an address",
      on("tanpa", mx("dinkes.kuduskab.go.id"), "{ type: TXT, content: halo }"),
      warn(mx("dinkes.kuduskab.go.id"), "dinkes."),
    ],
  ]);
});

describe("dns-priority", () => {
  const rule = "dns-priority";
  const mxNone = "{ type: MX, content: mail.kuduskab.go.id }";
  const mxHigh = "{ type: MX, content: mail.kuduskab.go.id, priority: 70000 }";
  const srvPart = "{ type: SRV, name: _sip._tcp, content: sip.kuduskab.go.id, priority: 10 }";
  const srvPort =
    "{ type: SRV, name: _sip._tcp, content: sip.kuduskab.go.id, priority: 10, weight: 5, port: -1 }";
  table(rule, [
    ["MX priority 0", on("tanpa", "{ type: MX, content: mail.kuduskab.go.id, priority: 0 }"), []],
    [
      "SRV complete",
      on(
        "tanpa",
        "{ type: SRV, name: _sip._tcp, content: sip.kuduskab.go.id, priority: 10, weight: 5, port: 5060 }",
      ),
      [],
    ],
    ["MX without priority", on("tanpa", mxNone), [atRecord(rule, 0)]],
    ["MX priority above 65535", on("tanpa", mxHigh), [at(rule, 0, mxHigh, "70000")]],
    ["SRV without weight and port", on("tanpa", srvPart), [atRecord(rule, 0), atRecord(rule, 0)]],
    ["SRV negative port", on("tanpa", srvPort), [at(rule, 0, srvPort, "-1")]],
  ]);
});

describe("dns-srv-name", () => {
  const rule = "dns-srv-name";
  const srv = (name: string) =>
    `{ type: SRV, name: ${name}, content: sip.kuduskab.go.id, priority: 10, weight: 5, port: 5060 }`;
  const unnamed = "{ type: SRV, content: sip.kuduskab.go.id, priority: 10, weight: 5, port: 5060 }";
  table(rule, [
    ["_sip._tcp", on("tanpa", srv("_sip._tcp")), []],
    ["_xmpp-client._tcp", on("tanpa", srv("_xmpp-client._tcp")), []],
    ["_sips._tls below a host", on("tanpa", srv("_sips._tls.voip")), []],
    ["service without underscore", on("tanpa", srv("sip._tcp")), [at(rule, 0, srv("sip._tcp"), "sip._tcp")]],
    ["protocol without underscore", on("tanpa", srv("_sip.tcp")), [at(rule, 0, srv("_sip.tcp"), "_sip.tcp")]],
    ["unknown protocol", on("tanpa", srv("_sip._http")), [at(rule, 0, srv("_sip._http"), "_sip._http")]],
    [
      "service name too long",
      on("tanpa", srv("_abcdefghijklmnop._tcp")),
      [at(rule, 0, srv("_abcdefghijklmnop._tcp"), "_abc")],
    ],
    ["no name", on("tanpa", unnamed), [atRecord(rule, 0)]],
  ]);
});

describe("dns-caa-invalid", () => {
  const rule = "dns-caa-invalid";
  const caa = (tag: string, value: string, flags = 0) =>
    `{ type: CAA, tag: ${tag}, flags: ${flags}, content: "${value}" }`;
  // The value is the only quoted scalar of the record.
  const bad = (record: string): Case => [record, on("tanpa", record), [at(rule, 0, record, '"')]];
  table(rule, [
    [
      "issuers, deny-all and reporting",
      on(
        "tanpa",
        caa("issue", "letsencrypt.org"),
        caa("issuewild", ";"),
        caa("issue", "letsencrypt.org; validationmethods=dns-01"),
        caa("iodef", "mailto:csirt@kuduskab.go.id"),
        caa("iodef", "https://csirt.kuduskab.go.id/caa"),
        caa("issue", "pki.goog", 128),
      ),
      [],
    ],
    bad(caa("issue", "Let's Encrypt")),
    bad(caa("issue", "letsencrypt.org; not a parameter")),
    bad(caa("iodef", "csirt@kuduskab.go.id")),
    bad(caa("iodef", "mailto:csirt")),
    [
      "flags above 255",
      on("tanpa", caa("issue", "letsencrypt.org", 300)),
      [at(rule, 0, caa("issue", "letsencrypt.org", 300), "300")],
    ],
    ["no tag", on("tanpa", '{ type: CAA, content: "letsencrypt.org" }'), [atRecord(rule, 0)]],
  ]);
});

describe("dns-ttl-invalid", () => {
  const rule = "dns-ttl-invalid";
  const ttl = (n: number) => `{ type: TXT, content: halo, ttl: ${n} }`;
  table(rule, [
    [
      "1, 60 and 86400",
      on(
        "tanpa",
        ttl(1),
        "{ type: TXT, name: a, content: x, ttl: 60 }",
        "{ type: TXT, name: b, content: x, ttl: 86400 }",
      ),
      [],
    ],
    ["0", on("tanpa", ttl(0)), [at(rule, 0, ttl(0), "0 }")]],
    ["30", on("tanpa", ttl(30)), [at(rule, 0, ttl(30), "30")]],
    ["86401", on("tanpa", ttl(86401)), [at(rule, 0, ttl(86401), "86401")]],
  ]);
});

describe("dns-proxied-invalid", () => {
  const rule = "dns-proxied-invalid";
  const txt = "{ type: TXT, content: halo, proxied: true }";
  const mx = "{ type: MX, content: mail.kuduskab.go.id, priority: 10, proxied: false }";
  table(rule, [
    ["A proxied", on("eksternal", "{ type: A, content: 103.76.120.34, proxied: true }"), []],
    ["MX explicitly not proxied", on("tanpa", mx), []],
    ["TXT proxied", on("tanpa", txt), [at(rule, 0, txt, "true")]],
  ]);
});

describe("dns-proxied-ttl", () => {
  const rule = "dns-proxied-ttl";
  const a = (extra: string) => `{ type: A, content: 103.76.120.34${extra} }`;
  table(rule, [
    ["proxied, automatic TTL", on("eksternal", a(", proxied: true, ttl: 1")), []],
    ["not proxied, fixed TTL", on("eksternal", a(", ttl: 3600")), []],
    [
      "proxied, TTL out of range (dns-ttl-invalid reports it)",
      on("eksternal", a(", proxied: true, ttl: 30")),
      [],
    ],
    [
      "proxied, fixed TTL",
      on("eksternal", a(", proxied: true, ttl: 3600")),
      [at(rule, 0, a(", proxied: true, ttl: 3600"), "3600", "warning")],
    ],
  ]);
});

describe("dns-field-not-applicable", () => {
  const rule = "dns-field-not-applicable";
  const aPrio = "{ type: A, content: 103.76.120.34, priority: 10 }";
  const txtPort = "{ type: TXT, content: halo, port: 443 }";
  const mxWeight = "{ type: MX, content: mail.kuduskab.go.id, priority: 10, weight: 5 }";
  const srvTag =
    "{ type: SRV, name: _sip._tcp, content: sip.kuduskab.go.id, priority: 1, weight: 1, port: 5060, tag: issue }";
  table(rule, [
    [
      "fields on their own types",
      on("tanpa", "{ type: MX, content: mail.kuduskab.go.id, priority: 10 }"),
      [],
    ],
    ["priority on A", on("eksternal", aPrio), [at(rule, 0, aPrio, "priority")]],
    ["port on TXT", on("tanpa", txtPort), [at(rule, 0, txtPort, "port")]],
    ["weight on MX", on("tanpa", mxWeight), [at(rule, 0, mxWeight, "weight")]],
    ["tag on SRV", on("tanpa", srvTag), [at(rule, 0, srvTag, "tag")]],
  ]);
});

describe("dns-txt-too-long", () => {
  const rule = "dns-txt-too-long";
  const txt = (name: string, content: string) => `{ type: TXT, name: ${name}, content: ${content} }`;
  const k = (n: number) => "k".repeat(n);
  const three = ["a", "a", "a"].map((n) => txt(n, k(3000)));
  table(rule, [
    // 4,080 bytes + 16 length bytes = 4,096.
    ["4080 ASCII characters", on("tanpa", txt("a", k(4080))), []],
    ["4081 ASCII characters", on("tanpa", txt("a", k(4081))), [at(rule, 0, txt("a", k(4081)), "kkk")]],
    ["1300 three-byte characters", on("tanpa", txt("a", "€".repeat(1300))), []],
    [
      "1400 three-byte characters",
      on("tanpa", txt("a", "€".repeat(1400))),
      [at(rule, 0, txt("a", "€".repeat(1400)), "€")],
    ],
    ["2 × 3000 at one name", on("tanpa", ...three.slice(0, 2)), []],
    ["3 × 3000 at one name", on("tanpa", ...three), [at(rule, 2, three[2] ?? "", "kkk")]],
    ["3 × 3000 spread over names", on("tanpa", ...["a", "b", "c"].map((n) => txt(n, k(3000)))), []],
  ]);
});

describe("dns-spf-multiple", () => {
  const rule = "dns-spf-multiple";
  const spf = (name: string, v: string) => `{ type: TXT, name: ${name}, content: "${v}" }`;
  const second = spf("'@'", "v=spf1 include:_spf.google.com ~all");
  table(rule, [
    ["one SPF per name", on("tanpa", spf("'@'", "v=spf1 mx -all"), spf("www", "v=spf1 -all")), []],
    [
      "SPF and other TXT",
      on("tanpa", spf("'@'", "v=spf1 mx -all"), spf("'@'", "google-site-verification=abc")),
      [],
    ],
    ["two SPF at the name", on("tanpa", spf("'@'", "v=spf1 mx -all"), second), [at(rule, 1, second, '"v=')]],
  ]);
});

describe("dns-dmarc-invalid", () => {
  const rule = "dns-dmarc-invalid";
  const dmarc = (v: string, name = "_dmarc") => `{ type: TXT, name: ${name}, content: "${v}" }`;
  const bad = (v: string): Case => [v, on("tanpa", dmarc(v)), [at(rule, 0, dmarc(v), '"')]];
  table(rule, [
    [
      "policy with reports",
      on("tanpa", dmarc("v=DMARC1; p=quarantine; rua=mailto:dmarc@kuduskab.go.id")),
      [],
    ],
    ["minimal policy", on("tanpa", dmarc("v=DMARC1;p=reject")), []],
    ["policy below a host", on("tanpa", dmarc("v=DMARC1; p=none", "_dmarc.lists")), []],
    ["other TXT names are not DMARC", on("tanpa", dmarc("hello", "_acme-challenge")), []],
    bad("v=spf1 -all"),
    bad("v=DMARC1; rua=mailto:dmarc@kuduskab.go.id"),
    bad("v=DMARC1; p=block"),
    bad("p=reject; v=DMARC1"),
    [
      "two policies",
      on("tanpa", dmarc("v=DMARC1; p=none"), dmarc("v=DMARC1; p=reject")),
      [at(rule, 1, dmarc("v=DMARC1; p=reject"), '"')],
    ],
  ]);
});

describe("dns-record-duplicate", () => {
  const rule = "dns-record-duplicate";
  table(rule, [
    [
      "same content, different priority",
      on(
        "tanpa",
        "{ type: MX, content: mx.kuduskab.go.id, priority: 10 }",
        "{ type: MX, content: mx.kuduskab.go.id, priority: 20 }",
      ),
      [],
    ],
    [
      "same TXT twice",
      on("tanpa", "{ type: TXT, content: halo }", "{ type: TXT, name: '@', content: halo }"),
      [atRecord(rule, 1)],
    ],
    [
      "same IPv6 written twice differently",
      on(
        "eksternal",
        '{ type: AAAA, content: "2400:8902::1" }',
        '{ type: AAAA, content: "2400:8902:0:0:0:0:0:1" }',
      ),
      [atRecord(rule, 1)],
    ],
  ]);
});

describe("dns-comment-too-long", () => {
  const rule = "dns-comment-too-long";
  const long = `"400.7/${"1".repeat(80)}/29.02/2026"`;
  table(rule, [
    ["short letter number", { hosting: "server" }, []],
    [
      "long letter number, records created",
      { hosting: "server", nomor: long },
      [hit(rule, 6, 10, "warning")],
    ],
    ["long letter number, no records", { hosting: "tanpa", nomor: long }, []],
  ]);
});
