import { describe, expect, it } from "vitest";
import { DomainopsError } from "../../src/core/errors.ts";
import {
  buildDesiredState,
  CATCH_ALL_SERVICE,
  derivePagesProject,
  isDerivedProjectShape,
} from "../../src/core/infra/desired-state.ts";
import { canonicalIPv6 } from "../../src/core/ip.ts";
import { request, settings, TUNNEL_ID } from "./helpers.ts";

const zone = settings();

describe("buildDesiredState", () => {
  it("server: proxied A and AAAA to the data centre, ttl automatic", () => {
    const state = buildDesiredState([request("dinkes", "server")], zone);
    expect(state.records.map((r) => [r.key, r.type, r.content, r.proxied, r.ttl, r.anchor])).toEqual([
      ["dinkes.kuduskab.go.id", "A", "203.0.113.10", true, 1, true],
      ["dinkes.kuduskab.go.id/AAAA/2001-db8-1000--10", "AAAA", "2001:db8:1000::10", true, 1, false],
    ]);
    expect(state.records[0]?.comment).toBe("dinkes 400.7/dinkes/2026");
    expect(state.records[0]?.request).toBe("dinkes");
    expect(state.tunnel?.ingress).toEqual([{ hostname: null, service: CATCH_ALL_SERVICE, request: null }]);
  });

  it("tunnel: CNAME to the tunnel and an ingress rule before the catch-all", () => {
    const state = buildDesiredState(
      [request("simpeg", { jenis: "tunnel", service: "http://10.10.1.20:8080" }), request("arsip", "tunnel")],
      zone,
    );
    expect(state.records.map((r) => [r.name, r.type, r.content, r.proxied])).toEqual([
      ["arsip.kuduskab.go.id", "CNAME", `${TUNNEL_ID}.cfargotunnel.com`, true],
      ["simpeg.kuduskab.go.id", "CNAME", `${TUNNEL_ID}.cfargotunnel.com`, true],
    ]);
    expect(state.tunnel).toEqual({
      tunnelId: TUNNEL_ID,
      ingress: [
        { hostname: "arsip.kuduskab.go.id", service: "http://10.10.1.20:80", request: "arsip" },
        { hostname: "simpeg.kuduskab.go.id", service: "http://10.10.1.20:8080", request: "simpeg" },
        { hostname: null, service: "http_status:404", request: null },
      ],
    });
  });

  it("static: Pages project, domain and CNAME to <project>.pages.dev", () => {
    const state = buildDesiredState(
      [
        request("pariwisata", "static"),
        request("ppdb.disdik", { jenis: "static", project: "PPDB-Kudus", branch: "prod" }),
      ],
      zone,
    );
    expect(state.pages).toEqual([
      { project: "ppdb-kudus", branch: "prod", domain: "ppdb.disdik.kuduskab.go.id", request: "ppdb.disdik" },
      {
        project: "pariwisata-kuduskab",
        branch: "main",
        domain: "pariwisata.kuduskab.go.id",
        request: "pariwisata",
      },
    ]);
    expect(state.records.map((r) => [r.name, r.type, r.content])).toEqual([
      ["ppdb.disdik.kuduskab.go.id", "CNAME", "ppdb-kudus.pages.dev"],
      ["pariwisata.kuduskab.go.id", "CNAME", "pariwisata-kuduskab.pages.dev"],
    ]);
  });

  it("eksternal and tanpa: only the request's own records, names relative to the subdomain", () => {
    const state = buildDesiredState(
      [
        request("bkd", "eksternal", [
          { type: "A", content: "198.51.100.7", ttl: 3600 },
          { type: "MX", content: "Mail.Example.NET.", priority: 10 },
          { type: "TXT", name: "@", content: "v=spf1 include:_spf.example.net ~all" },
          { type: "SRV", name: "_sip._tcp", content: "sip.example.net", priority: 10, weight: 5, port: 5060 },
          { type: "CAA", content: "letsencrypt.org", flags: 0, tag: "issue" },
        ]),
        request("surat", "tanpa", [{ type: "TXT", name: "_dmarc", content: "v=DMARC1; p=none" }]),
      ],
      zone,
    );
    const bkd = "bkd.kuduskab.go.id";
    expect(state.records.map((r) => [r.key, r.name, r.type, r.content, r.ttl, r.priority, r.data])).toEqual([
      [bkd, bkd, "A", "198.51.100.7", 3600, null, null],
      [
        `${bkd}/CAA/0_issue_letsencrypt.org`,
        bkd,
        "CAA",
        "letsencrypt.org",
        1,
        null,
        { flags: 0, tag: "issue", value: "letsencrypt.org" },
      ],
      [`${bkd}/MX/10_mail.example.net`, bkd, "MX", "mail.example.net", 1, 10, null],
      [
        expect.stringMatching(/^bkd\.kuduskab\.go\.id\/TXT\/h[0-9a-f]{16}$/),
        bkd,
        "TXT",
        "v=spf1 include:_spf.example.net ~all",
        1,
        null,
        null,
      ],
      [
        `_sip._tcp.${bkd}`,
        `_sip._tcp.${bkd}`,
        "SRV",
        "sip.example.net",
        1,
        10,
        { priority: 10, weight: 5, port: 5060, target: "sip.example.net" },
      ],
      [
        "_dmarc.surat.kuduskab.go.id",
        "_dmarc.surat.kuduskab.go.id",
        "TXT",
        "v=DMARC1; p=none",
        1,
        null,
        null,
      ],
    ]);
    expect(state.pages).toEqual([]);
  });

  it("is independent of request order and keys records by identity, not position", () => {
    const a = request("dinkes", "server", [{ type: "MX", content: "mx.example.net", priority: 10 }]);
    const b = request("bkd", "eksternal", [{ type: "A", content: "198.51.100.7" }]);
    const c = request("arsip", "tunnel");
    const forward = buildDesiredState([a, b, c], zone);
    expect(buildDesiredState([c, a, b], zone)).toEqual(forward);
    const without = buildDesiredState([a, c], zone);
    const removed = forward.records.filter((r) => !without.records.some((w) => w.key === r.key));
    expect(removed.map((r) => r.name)).toEqual(["bkd.kuduskab.go.id"]);
    expect(without.records).toEqual(forward.records.filter((r) => r.request !== "bkd"));
  });

  it("keeps the anchor key of a name when its type changes (A to CNAME)", () => {
    const before = buildDesiredState([request("web", "server")], zone);
    const after = buildDesiredState([request("web", "tunnel")], zone);
    expect(before.records.map((r) => [r.key, r.type])).toEqual([
      ["web.kuduskab.go.id", "A"],
      ["web.kuduskab.go.id/AAAA/2001-db8-1000--10", "AAAA"],
    ]);
    expect(after.records.map((r) => [r.key, r.type])).toEqual([["web.kuduskab.go.id", "CNAME"]]);
  });

  it("gives distinct values distinct keys, none with the URN separator '::'", () => {
    const state = buildDesiredState(
      [
        request("bkd", "server", [
          { type: "TXT", content: "a b" },
          { type: "TXT", content: "a_b" },
          { type: "TXT", content: "x".repeat(80) },
          { type: "TXT", content: "x".repeat(81) },
          { type: "AAAA", name: "v6", content: "2001:db8::1" },
          { type: "AAAA", name: "v6", content: "2001:db8::1:0" },
        ]),
      ],
      zone,
    );
    const keys = state.records.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.includes("::"))).toEqual([]);
    expect(keys).toContain("bkd.kuduskab.go.id/TXT/a_b");
    expect(keys).toContain("v6.bkd.kuduskab.go.id/AAAA/2001-db8--1-0");
  });

  it("cuts the comment to 100 characters", () => {
    const state = buildDesiredState([request("dinkes", "server", [], "9".repeat(150))], zone);
    expect(state.records[0]?.comment).toHaveLength(100);
    expect(state.records[0]?.comment?.startsWith("dinkes 999")).toBe(true);
  });

  it("keeps a record listed twice once", () => {
    const state = buildDesiredState(
      [request("bkd", "server", [{ type: "A", content: "203.0.113.10", proxied: true }])],
      zone,
    );
    expect(state.records.filter((r) => r.type === "A")).toHaveLength(1);
  });

  it("refuses hosting the stack cannot carry, naming the file", () => {
    const bare = settings({ tunnelId: null, origins: {} });
    expect(() => buildDesiredState([request("dinkes", "server")], bare)).toThrow(
      /requests\/dinkes\.yaml: .*origins/,
    );
    expect(() => buildDesiredState([request("arsip", "tunnel")], bare)).toThrow(DomainopsError);
    expect(buildDesiredState([], bare).tunnel).toBeNull();
  });
});

describe("canonicalIPv6", () => {
  it.each([
    ["2001:0DB8:0000:0000:0000:0000:0000:0010", "2001:db8::10"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8::", "2001:db8::"],
    ["::1", "::1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    // All-hex even for embedded IPv4 (see formatIPv6): the same text the AAAA rule asks for.
    ["::ffff:192.0.2.1", "::ffff:c000:201"],
    ["198.51.100.7", "198.51.100.7"],
  ])("%s → %s", (input, output) => {
    expect(canonicalIPv6(input)).toBe(output);
  });

  it("is applied to request records and data-centre origins", () => {
    const state = buildDesiredState(
      [request("web", "server"), request("bkd", "eksternal", [{ type: "AAAA", content: "2001:DB8:0:0::7" }])],
      settings({ origins: { ipv6: ["2001:db8:1000:0:0:0:0:10"] } }),
    );
    expect(state.records.map((r) => r.content)).toEqual(["2001:db8::7", "2001:db8:1000::10"]);
  });
});

describe("tunnel origins before apply", () => {
  it.each([
    "tcp://127.0.0.1:2375",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.5:3306",
    "https://example.com",
    "http://[::1]:80",
    "http://0x7f000001",
    "http://2130706433",
    "http://127.1",
  ])("refuses %s, naming the request file", (service) => {
    expect(() => buildDesiredState([request("arsip", { jenis: "tunnel", service })], settings())).toThrow(
      /requests\/arsip\.yaml: hosting\.service/,
    );
  });

  it("refuses the default origin of a tunnel request without a service (loopback)", () => {
    expect(() => buildDesiredState([request("arsip", { jenis: "tunnel" })], settings())).toThrow(/localhost/);
  });

  it("fails closed when the stack has no tunnelOrigins, and lists every refused request", () => {
    const bare = settings({ tunnelOrigins: undefined });
    expect(bare.tunnelOrigins).toBeNull();
    let message = "";
    try {
      buildDesiredState([request("arsip", "tunnel"), request("simpeg", "tunnel")], bare);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("requests/arsip.yaml");
    expect(message).toContain("requests/simpeg.yaml");
    expect(message).toContain("domainops:tunnelOrigins");
  });

  it("publishes an allowed origin", () => {
    const state = buildDesiredState(
      [request("arsip", { jenis: "tunnel", service: "http://10.20.30.40:8080" })],
      settings(),
    );
    expect(state.tunnel?.ingress[0]?.service).toBe("http://10.20.30.40:8080");
  });
});

describe("derivePagesProject", () => {
  const Z = "kuduskab.go.id";
  const PROJECT = /^[a-z0-9](?:[a-z0-9-]{0,56}[a-z0-9])?$/;

  it.each([
    ["dinkes", "dinkes-kuduskab"],
    ["smpn-2-kudus", "smpn-2-kudus-kuduskab"],
    ["portal.dinkes", "ns--portal-dinkes-kuduskab"],
    ["portal-x.dinkes", "ns--portal--x-dinkes-kuduskab"],
    ["a--b.c", "ns--a----b-c-kuduskab"],
  ])("%s → %s", (subdomain, project) => {
    expect(derivePagesProject(subdomain, Z)).toBe(project);
  });

  it("keeps names apart that the old derivation merged (dots as hyphens, a cut at 58)", () => {
    const long = "a".repeat(52);
    const names = [
      "portal-dinkes",
      "portal.dinkes",
      "portal--dinkes",
      "a--b.c",
      "a.b--c",
      "a-b.c",
      "a.b-c",
      "a.b.c",
      `${long}x`,
      `${long}y`,
      `${long}.x`,
      `x.${long}`,
      "ns--x",
    ];
    const projects = names.map((n) => derivePagesProject(n, Z));
    expect(new Set(projects).size).toBe(names.length);
    for (const p of projects) expect(p).toMatch(PROJECT);
  });

  it("hashes a name that does not fit, inside Pages' 58 characters, still ending with the zone label", () => {
    const project = derivePagesProject(`${"a".repeat(63)}.${"b".repeat(63)}`, Z);
    expect(project).toMatch(/^hx--[0-9a-f]{20}-kuduskab$/);
    expect(project.length).toBeLessThanOrEqual(58);
  });

  it("recognises the derived shape, which explicit projects may not take", () => {
    expect(isDerivedProjectShape("dinkes-kuduskab", Z)).toBe(true);
    expect(isDerivedProjectShape("ns--portal-dinkes-x", Z)).toBe(true);
    expect(isDerivedProjectShape("direktori-desa-kudus", Z)).toBe(false);
  });

  it("refuses two static requests on one project", () => {
    const build = () =>
      buildDesiredState(
        [
          request("dinkes", { jenis: "static", project: "situs-dinkes" }),
          request("portal", { jenis: "static", project: "Situs-Dinkes", branch: "evil" }),
        ],
        zone,
      );
    expect(build).toThrow(DomainopsError);
    expect(build).toThrow(/situs-dinkes.*requests\/dinkes\.yaml/);
  });
});
