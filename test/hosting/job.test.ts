import { describe, expect, it } from "vitest";
import { buildHostingJob, parseHostingJob, renderHostingJob } from "../../src/core/hosting/job.ts";
import type { HostingServer } from "../../src/core/hosting/servers.ts";
import type { DesiredAccount } from "../../src/core/infra/desired-state.ts";
import { originCertificateHostnames, strictTlsRules } from "../../src/core/infra/resources.ts";

const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+";
const KEY_A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ3ZDJwc2RrZmplcmtqZ2tsZXJqZ2tsZXJqZ2tsamVy";
const KEY_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9wcXJzdHV2";

const web1: HostingServer = {
  name: "web1",
  kind: "linux",
  address: "10.10.1.30",
  port: 22,
  hostKey: HOST_KEY,
  adminUser: "root",
  php: ["8.2"],
  packages: { kecil: { diskQuotaMb: 1024, phpMaxChildren: 5, phpMemoryLimitMb: 128 } },
};
const account: DesiredAccount = {
  fqdn: "dinkes.kuduskab.go.id",
  user: "do-dinkes",
  server: "web1",
  serverKind: "linux",
  package: "kecil",
  limits: { diskQuotaMb: 1024, phpMaxChildren: 5, phpMemoryLimitMb: 128 },
  php: "8.2",
  database: true,
  contact: "operator-dinkes",
  contactEmail: "it@dinkes.kuduskab.go.id",
  request: "dinkes",
};
const RANGES = ["173.245.48.0/20", "2400:cb00::/32"];

describe("hosting job", () => {
  const job = buildHostingJob(
    account,
    web1,
    [`${KEY_B} laptop`, KEY_A, `command="x" ${KEY_A}`, KEY_A],
    RANGES,
  );

  it("keeps the account, the server without its packages, and each usable key once, sorted", () => {
    expect(job).toEqual({
      version: 1,
      account,
      server: {
        name: "web1",
        kind: "linux",
        address: "10.10.1.30",
        port: 22,
        hostKey: HOST_KEY,
        adminUser: "root",
      },
      sshKeys: [KEY_B, KEY_A].sort(),
      cloudflareRanges: RANGES,
    });
  });

  it("is the same text for the same job, and reads back as it was", () => {
    const text = renderHostingJob(job);
    expect(renderHostingJob(buildHostingJob(account, web1, [KEY_A, KEY_B], RANGES))).toBe(text);
    expect(parseHostingJob(text)).toEqual(job);
  });

  /** The job's JSON with the value at `path` replaced (undefined: the field removed). */
  const text = (path: string[], value: unknown): string => {
    const copy = structuredClone(job) as unknown as Record<string, unknown>;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    const last = path.at(-1) as string;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return JSON.stringify(copy);
  };

  it.each([
    ["not JSON", "{", "JSON"],
    ["an array", "[]", "(root)"],
    ["another version", text(["version"], 2), "version"],
    ["no account", text(["account"], undefined), "account"],
    ["a numeric fqdn", text(["account", "fqdn"], 1), "account.fqdn"],
    ["an unknown kind", text(["account", "serverKind"], "plesk"), "account.serverKind"],
    ["a string database", text(["account", "database"], "yes"), "account.database"],
    ["zero disk", text(["account", "limits", "diskQuotaMb"], 0), "account.limits.diskQuotaMb"],
    ["a port out of range", text(["server", "port"], 70000), "server.port"],
    ["another server's name", text(["server", "name"], "web2"), "server.name"],
    ["another server's kind", text(["server", "kind"], "whm"), "server.name"],
    ["no host key", text(["server", "hostKey"], null), "server.hostKey"],
    ["a host key with options", text(["server", "hostKey"], `from="*" ${HOST_KEY}`), "server.hostKey"],
    ["a user not derived from the request", text(["account", "user"], "root"), "account.user"],
    ["a name outside the request", text(["account", "fqdn"], "evil.example.com"), "account.user"],
    ["a key with options", text(["sshKeys"], [`command="sh" ${KEY_A}`]), "sshKeys"],
    ["keys not a list", text(["sshKeys"], KEY_A), "sshKeys"],
    ["a range that is not one", text(["cloudflareRanges"], ["0.0.0.0/0; evil"]), "cloudflareRanges"],
  ])("refuses %s, naming the field", (_name, input, field) => {
    const parsed = parseHostingJob(input);
    expect(parsed).toMatchObject({ id: expect.stringContaining(field), en: expect.stringContaining(field) });
  });

  it("lets a WHM job go without a host key", () => {
    const whm: HostingServer = { ...web1, name: "cpanel", kind: "whm", port: 2087, hostKey: null };
    const whmJob = buildHostingJob({ ...account, server: "cpanel", serverKind: "whm" }, whm, [], RANGES);
    expect(parseHostingJob(renderHostingJob(whmJob))).toEqual(whmJob);
  });
});

describe("origin certificate names", () => {
  const at = (fqdn: string, serverKind: "linux" | "whm" = "linux") => ({ fqdn, serverKind });

  it("is none without an account on a Linux server", () => {
    expect(originCertificateHostnames("kuduskab.go.id", [])).toBeNull();
    expect(originCertificateHostnames("kuduskab.go.id", [at("dinkes.kuduskab.go.id", "whm")])).toBeNull();
  });

  it("covers the zone, its wildcard, and a wildcard for each deeper parent, sorted", () => {
    expect(
      originCertificateHostnames("kuduskab.go.id", [
        at("dinkes.kuduskab.go.id"),
        at("getasrabi.desa.kuduskab.go.id"),
        at("jati.desa.kuduskab.go.id"),
        at("x.y.z.kuduskab.go.id"),
        at("cpanel.only.kuduskab.go.id", "whm"),
      ]),
    ).toEqual(["*.desa.kuduskab.go.id", "*.kuduskab.go.id", "*.y.z.kuduskab.go.id", "kuduskab.go.id"]);
  });
});

describe("Full (strict) for the accounts' names", () => {
  const linux = (fqdn: string) => ({ fqdn, serverKind: "linux" as const });

  it("sets it for exactly the Linux accounts' names, sorted, once each", () => {
    expect(
      strictTlsRules([
        linux("dinkes.kuduskab.go.id"),
        { fqdn: "cpanel.kuduskab.go.id", serverKind: "whm" },
        linux("arsip.desa.kuduskab.go.id"),
        linux("dinkes.kuduskab.go.id"),
      ]),
    ).toEqual([
      {
        ref: "domainops_ssl_strict_1",
        expression: 'http.host in {"arsip.desa.kuduskab.go.id" "dinkes.kuduskab.go.id"}',
        description: "domainops: SSL Full (strict) akun hosting 1 (hosting accounts 1)",
      },
    ]);
    expect(strictTlsRules([{ fqdn: "cpanel.kuduskab.go.id", serverKind: "whm" }])).toEqual([]);
  });

  it("splits the names over rules below Cloudflare's expression limit, keeping every name", () => {
    const names = Array.from({ length: 400 }, (_, i) => `unit-${String(i).padStart(3, "0")}.kuduskab.go.id`);
    const rules = strictTlsRules(names.map(linux));
    expect(rules.length).toBeGreaterThan(1);
    for (const rule of rules) expect(rule.expression.length).toBeLessThanOrEqual(4000);
    expect(rules.map((rule) => rule.ref)).toEqual(rules.map((_, i) => `domainops_ssl_strict_${i + 1}`));
    const listed = rules.flatMap((rule) => [...rule.expression.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    expect(listed).toEqual(names);
    // Filled up to the limit, not one name per rule.
    expect(rules[0]?.expression.length).toBeGreaterThan(3900);
  });

  it("never quotes what is not a host name", () => {
    expect(() => strictTlsRules([linux('x" or true or "')])).toThrow(/unchecked host name/);
  });
});
