import { describe, expect, it } from "vitest";
import type { RuleStack } from "../../src/core/request/rule.ts";
import { col, type Doc, dns, type Hit, hit, requestYaml, table, validate } from "./helpers.ts";

// `  jenis: <value>` → line 21 column 10; hosting fields from `extra` start on line 22.
const JENIS = (rule: string, severity: Hit["severity"] = "error") => hit(rule, 21, 10, severity);
const tunnel = (service: string): Doc => ({ hosting: "tunnel", extra: [`  service: ${service}`] });

describe("hosting-service-required", () => {
  table("hosting-service-required", [
    ["tunnel with a service", tunnel('"http://10.10.1.20:80"'), []],
    ["server needs none", { hosting: "server" }, []],
    ["tunnel without a service", { hosting: "tunnel" }, [JENIS("hosting-service-required")]],
  ]);
});

describe("hosting-service-invalid", () => {
  const bad = [hit("hosting-service-invalid", 22, 12)];
  table("hosting-service-invalid", [
    ["http with port", tunnel('"http://10.10.1.20:80"'), []],
    ["https with host name", tunnel('"https://app.internal.kudus:8443"'), []],
    ["ssh (needs Cloudflare Access)", tunnel('"ssh://10.10.1.5:22"'), bad],
    ["tcp (needs Cloudflare Access)", tunnel('"tcp://10.10.1.6:5432"'), bad],
    ["not a URL", tunnel('"10.10.1.20:80"'), bad],
    ["ftp scheme", tunnel('"ftp://10.10.1.20:21"'), bad],
    ["credentials", tunnel('"http://admin:rahasia@10.10.1.20:80"'), bad],
    ["path", tunnel('"http://10.10.1.20:80/app"'), bad],
    ["query", tunnel('"http://10.10.1.20:80?x=1"'), bad],
    ["tcp without port", tunnel('"tcp://10.10.1.6"'), bad],
  ]);
});

describe("hosting-service-invalid: origins no stack may allow", () => {
  const bad = [hit("hosting-service-invalid", 22, 12)];
  // Each of these passed before origins were checked.
  table("hosting-service-invalid", [
    ["Docker API on loopback", tunnel('"tcp://127.0.0.1:2375"'), bad],
    ["cloud metadata", tunnel('"http://169.254.169.254/latest/meta-data"'), bad],
    ["cloud metadata without a path", tunnel('"http://169.254.169.254"'), bad],
    ["IPv6 metadata", tunnel('"http://[fd00:ec2::254]"'), bad],
    ["public host", tunnel('"https://example.com"'), []],
    ["public address", tunnel('"http://103.76.120.34:80"'), bad],
    ["IPv6 loopback", tunnel('"http://[::1]:80"'), bad],
    ["IPv4-mapped loopback", tunnel('"http://[::ffff:127.0.0.1]:80"'), bad],
    ["hexadecimal loopback", tunnel('"http://0x7f000001"'), bad],
    ["decimal loopback", tunnel('"http://2130706433"'), bad],
    ["short loopback", tunnel('"http://127.1"'), bad],
    ["octal private address", tunnel('"http://012.10.20.5"'), bad],
    ["localhost", tunnel('"http://localhost:8080"'), bad],
    ["link-local", tunnel('"http://169.254.10.1"'), bad],
    ["unspecified", tunnel('"http://0.0.0.0:80"'), bad],
    ["multicast", tunnel('"http://224.0.0.1"'), bad],
    ["dot segments", tunnel('"http://10.10.20.5/a/../"'), bad],
    ["empty query", tunnel('"http://10.10.20.5/?"'), bad],
    ["fragment", tunnel('"http://10.10.20.5#x"'), bad],
    ["unix socket", tunnel('"unix:/var/run/docker.sock"'), bad],
    ["rdp", tunnel('"rdp://10.10.20.5:3389"'), bad],
    ["private address", tunnel('"http://10.10.20.5:8080"'), []],
  ]);
});

describe("hosting-service-not-allowed", () => {
  const rule = "hosting-service-not-allowed";
  const bad = [hit(rule, 22, 12)];
  const stack: RuleStack = {
    file: "Pulumi.kudus.yaml",
    tunnelOrigins: {
      networks: ["10.10.20.0/24", "fd12:3456::/48"],
      hosts: ["intranet.kuduskab.local"],
      ports: [80, 443, 8080],
      schemes: ["http", "https"],
    },
    hostingServers: [],
  };
  const cases: [string, Doc, Hit[]][] = [
    ["allowed address and port", tunnel('"http://10.10.20.15:8080"'), []],
    ["allowed address, default https port", tunnel('"https://10.10.20.15"'), []],
    ["allowed IPv6 network", tunnel('"http://[fd12:3456::20]:80"'), []],
    ["allowed host name", tunnel('"https://intranet.kuduskab.local"'), []],
    ["database port", tunnel('"http://10.0.0.5:3306"'), bad],
    ["allowed network, port not allowed", tunnel('"http://10.10.20.15:3306"'), bad],
    ["private address outside the networks", tunnel('"http://192.168.1.10:80"'), bad],
    ["public host name", tunnel('"https://example.com"'), bad],
    ["host name not listed", tunnel('"http://db.kuduskab.local:80"'), bad],
    // Stack-independent problems belong to hosting-service-invalid alone.
    ["metadata", tunnel('"http://169.254.169.254"'), []],
  ];
  table(
    rule,
    cases.map(([name, doc, expected]) => [name, doc, expected, { stack }]),
  );
  table(rule, [
    ["no stack settings: silent", tunnel('"http://192.168.1.10:80"'), []],
    [
      "no tunnelOrigins in the stack: everything refused",
      tunnel('"http://10.10.20.15:8080"'),
      bad,
      { stack: { file: "Pulumi.kudus.yaml", tunnelOrigins: null, hostingServers: [] } },
    ],
  ]);
});

describe("tunnel origin messages", () => {
  const message = (service: string, rule: string, stack?: RuleStack) =>
    validate(tunnel(`"${service}"`), stack ? { stack } : {}).find((d) => d.rule === rule)?.message;
  it("sends non-HTTP services to Cloudflare Access", () => {
    expect(message("tcp://127.0.0.1:2375", "hosting-service-invalid")?.en).toContain(
      "need a Cloudflare Access application",
    );
  });
  it("names what a numeric form means", () => {
    expect(message("http://0x7f000001", "hosting-service-invalid")?.en).toContain(
      "non-standard numeric form of 127.0.0.1",
    );
  });
  it("names the metadata service", () => {
    expect(message("http://169.254.169.254/latest/meta-data", "hosting-service-invalid")?.en).toContain(
      "path",
    );
    expect(message("http://169.254.169.254", "hosting-service-invalid")?.id).toContain("metadata cloud");
  });
  it("tells the admins to add domainops:tunnelOrigins", () => {
    const m = message("http://10.10.20.15", "hosting-service-not-allowed", {
      file: "Pulumi.kudus.yaml",
      tunnelOrigins: null,
      hostingServers: [],
    });
    expect(m?.en).toContain("add it to Pulumi.<stack>.yaml");
    expect(m?.id).toContain("domainops:tunnelOrigins");
  });
});

describe("hosting-field-misplaced", () => {
  table("hosting-field-misplaced", [
    ["service on tunnel", tunnel('"http://10.10.1.20:80"'), []],
    [
      "project and branch on static",
      { hosting: "static", extra: ["  project: dinkes-kudus", "  branch: main"] },
      [],
    ],
    [
      "service on server",
      { hosting: "server", extra: ['  service: "http://10.10.1.20:80"'] },
      [hit("hosting-field-misplaced", 22, 3)],
    ],
    [
      "project on tunnel",
      { hosting: "tunnel", extra: ['  service: "http://10.0.0.1:80"', "  project: x"] },
      [hit("hosting-field-misplaced", 23, 3)],
    ],
    [
      "branch on eksternal",
      { hosting: "eksternal", extra: ["  branch: main"] },
      [hit("hosting-field-misplaced", 22, 3)],
    ],
  ]);
});

describe("hosting-project-invalid", () => {
  const project = (name: string): Doc => ({ hosting: "static", extra: [`  project: ${name}`] });
  const bad = [hit("hosting-project-invalid", 22, 12)];
  table("hosting-project-invalid", [
    ["lowercase with hyphens", project("dinkes-kudus"), []],
    ["58 characters", project("a".repeat(58)), []],
    ["59 characters", project("a".repeat(59)), bad],
    ["uppercase and underscore", project("Dinkes_Kudus"), bad],
    ["leading hyphen", project("-dinkes"), bad],
    ["dot", project("dinkes.kudus"), bad],
  ]);
});

describe("hosting-project-derived", () => {
  const project = (name: string, subdomain = "dinkes"): Doc => ({
    subdomain,
    hosting: "static",
    extra: [`  project: ${name}`],
  });
  const bad = [hit("hosting-project-derived", 22, 12)];
  table("hosting-project-derived", [
    ["a name of its own", project("situs-dinkes-kudus"), []],
    ["its own derived name", project("dinkes-kuduskab"), []],
    ["its own nested derived name", project("ns--portal-dinkes-kuduskab", "portal.dinkes"), []],
    ["another subdomain's derived name", project("disdik-kuduskab"), bad],
    ["a nested name's derived name", project("ns--portal-dinkes-kuduskab"), bad],
    ["a hashed derived shape", project("hx--0123456789abcdef0123-kuduskab"), bad],
  ]);
});

describe("hosting-project-duplicate", () => {
  const withProject = (name: string, subdomain = "dinkes"): Doc => ({
    subdomain,
    hosting: "static",
    extra: [`  project: ${name}`],
  });
  const other = { "requests/portal.yaml": requestYaml(withProject("situs-dinkes", "portal")) };
  const bad = [hit("hosting-project-duplicate", 22, 12)];
  table("hosting-project-duplicate", [
    ["a project no one else uses", withProject("situs-dinkes"), [], { others: {} }],
    ["derived project", { hosting: "static" }, [], { others: other }],
    ["another request's project", withProject("situs-dinkes"), bad, { others: other }],
    ["another request's project, other letter case", withProject("Situs-Dinkes"), bad, { others: other }],
    [
      "a broken file still holds its project",
      withProject("situs-dinkes"),
      bad,
      {
        others: {
          "requests/portal.yaml": "subdomain: portal\nhosting: { jenis: static, project: situs-dinkes }\n",
        },
      },
    ],
  ]);
});

describe("hosting-branch-invalid", () => {
  const branch = (name: string): Doc => ({ hosting: "static", extra: [`  branch: ${name}`] });
  const bad = [hit("hosting-branch-invalid", 22, 11)];
  table("hosting-branch-invalid", [
    ["main", branch("main"), []],
    ["with a slash", branch("release/2026"), []],
    ["double dot", branch("feature..x"), bad],
    ["leading hyphen", branch('"-main"'), bad],
    ["space", branch('"my branch"'), bad],
    ["ends with .lock", branch("main.lock"), bad],
  ]);
});

describe("hosting-eksternal-records", () => {
  const eksternal = (...records: string[]): Doc => ({
    hosting: "eksternal",
    extra: records.length ? dns(...records) : [],
  });
  table("hosting-eksternal-records", [
    ["A at the name", eksternal("{ type: A, content: 103.76.120.34 }"), []],
    ["CNAME at the name via @", eksternal("{ type: CNAME, name: '@', content: web.vendor.co.id }"), []],
    ["no records", eksternal(), [JENIS("hosting-eksternal-records")]],
    [
      "only mail",
      eksternal("{ type: MX, content: mail.kuduskab.go.id, priority: 10 }"),
      [JENIS("hosting-eksternal-records")],
    ],
    [
      "address only below the name",
      eksternal("{ type: A, name: app, content: 103.76.120.34 }"),
      [JENIS("hosting-eksternal-records")],
    ],
  ]);
});

describe("tls-certificate-depth", () => {
  const PROXIED_WWW = "{ type: A, name: www, content: 103.76.120.34, proxied: true }";
  const parent = { others: { "requests/dinkes.yaml": requestYaml() } };
  table("tls-certificate-depth", [
    ["single-level server", { hosting: "server" }, []],
    [
      "nested static (Pages has its own certificate)",
      { subdomain: "spmb.dinkes", hosting: "static" },
      [],
      parent,
    ],
    [
      "nested server",
      { subdomain: "spmb.dinkes", hosting: "server" },
      [JENIS("tls-certificate-depth", "warning")],
      parent,
    ],
    [
      "nested tunnel",
      { subdomain: "spmb.dinkes", ...tunnel('"http://10.0.0.1:80"') },
      [JENIS("tls-certificate-depth", "warning")],
      parent,
    ],
    [
      "proxied record below the name",
      { hosting: "tanpa", extra: dns(PROXIED_WWW) },
      [hit("tls-certificate-depth", 23, col(PROXIED_WWW, "true"), "warning")],
    ],
    [
      "unproxied record below the name",
      { hosting: "tanpa", extra: dns("{ type: A, name: www, content: 103.76.120.34 }") },
      [],
    ],
  ]);
});
