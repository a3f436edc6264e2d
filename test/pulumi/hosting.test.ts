/**
 * Hosting accounts in the Pulumi program under mocks: one `local.Command` per account with fixed
 * commands, the job on stdin and the credentials as a secret environment, the zone's origin
 * certificate beside them, the contacts' keys read once each.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HOSTING_ENV, type HostingJob, parseHostingJob } from "../../src/core/hosting/job.ts";
import {
  HOSTING_ACCOUNT_TYPE,
  HOSTING_COMMANDS,
  ORIGIN_TLS_NAMES,
  STRICT_TLS_RULESET_NAME,
} from "../../src/core/infra/resources.ts";
import { ZONE_ID } from "../infra/helpers.ts";
import { OFFICE } from "../support/office.ts";
import {
  CLOUDFLARE_RANGES,
  MOCK_PEM,
  makeRoot,
  type Registered,
  removeRoots,
  runProgram,
  runProgramExpectingFailure,
  secretValue,
} from "./harness.ts";

afterAll(removeRoots);

const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+";
const UNIT_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ3ZDJwc2RrZmplcmtqZ2tsZXJqZ2tsZXJqZ2tsamVy";
const ADMIN_KEY =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nbW9jayBhZG1pbiBrZXk=\n-----END OPENSSH PRIVATE KEY-----\n";
const SERVERS = JSON.stringify([
  {
    name: "web1",
    kind: "linux",
    address: "10.10.1.30",
    hostKey: HOST_KEY,
    php: ["8.2", "8.3"],
    packages: { kecil: { diskQuotaMb: 1024 }, sedang: { diskQuotaMb: 5120, phpMaxChildren: 10 } },
  },
  { name: "cpanel", kind: "whm", address: "whm.kuduskab.go.id", packages: { kecil: { diskQuotaMb: 2048 } } },
]);
const CONFIG = { "domainops:hostingServers": SERVERS };
const SECRETS = { "domainops:hostingSshKey": ADMIN_KEY, "domainops:hostingApiToken": "WHMTOKEN123" };

const dinkes = readFileSync(path.join(OFFICE, "requests/dinkes.yaml"), "utf8").replace(
  "    paket: sedang\n",
  "    paket: sedang\n    server: web1\n",
);
/** The same unit, a village under `desa`, with the same contact, on the WHM server. */
const desa = dinkes
  .replace("subdomain: dinkes", "subdomain: getasrabi.desa")
  .replace("    paket: sedang\n    server: web1\n", "    paket: kecil\n    server: cpanel\n")
  .replace('    php: "8.2"\n', "")
  .replace(/^dns:[\s\S]*?(?=^catatan:)/m, "")
  .replace("jenis: dinas", "jenis: desa");
const arsip = dinkes
  .replace("subdomain: dinkes", "subdomain: arsip.desa")
  .replace(/^dns:[\s\S]*?(?=^catatan:)/m, "")
  .replace("arifsetiawan-dinkes", "operator-arsip")
  .replace("jenis: dinas", "jenis: desa");

function byName(resources: readonly Registered[]): Map<string, Registered> {
  return new Map(resources.map((resource) => [resource.name, resource]));
}

function jobOf(resource: Registered | undefined): HostingJob {
  const job = parseHostingJob(String(resource?.inputs.stdin));
  if ("id" in job) throw new Error(job.en);
  return job;
}

describe("hosting accounts in the program", () => {
  it("registers one command per account with fixed commands, the job on stdin and secret credentials", async () => {
    const logins: string[] = [];
    const root = makeRoot({ "dinkes.yaml": dinkes, "getasrabi.desa.yaml": desa });
    const { resources, outputs } = await runProgram(root, {
      config: CONFIG,
      secrets: SECRETS,
      fetchKeys: async (login) => {
        logins.push(login);
        return [`${UNIT_KEY} arif@laptop`, "not a key"];
      },
    });
    const named = byName(resources);
    const web = named.get("akun/web1/dinkes.kuduskab.go.id");
    const whm = named.get("akun/cpanel/getasrabi.desa.kuduskab.go.id");
    expect(web).toMatchObject({
      type: HOSTING_ACCOUNT_TYPE,
      inputs: {
        create: HOSTING_COMMANDS.create,
        update: HOSTING_COMMANDS.update,
        delete: HOSTING_COMMANDS.delete,
        addPreviousOutputInEnv: false,
      },
      secretInputs: ["environment"],
    });
    expect(HOSTING_COMMANDS.update).toBe(HOSTING_COMMANDS.create);
    expect(HOSTING_COMMANDS.delete).toMatch(/ hosting remove$/);
    // One contact, two accounts: their keys are read once.
    expect(logins).toEqual(["arifsetiawan-dinkes"]);

    const job = jobOf(web);
    expect(job.account).toMatchObject({
      fqdn: "dinkes.kuduskab.go.id",
      user: "do-dinkes",
      package: "sedang",
      limits: { diskQuotaMb: 5120, phpMaxChildren: 10, phpMemoryLimitMb: 128 },
      php: "8.2",
      database: true,
      contact: "arifsetiawan-dinkes",
    });
    expect(job.server).toEqual({
      name: "web1",
      kind: "linux",
      address: "10.10.1.30",
      port: 22,
      hostKey: HOST_KEY,
      adminUser: "root",
    });
    expect(job.sshKeys).toEqual([UNIT_KEY]);
    expect(job.cloudflareRanges).toEqual([...CLOUDFLARE_RANGES.ipv4Cidrs, ...CLOUDFLARE_RANGES.ipv6Cidrs]);
    // No secret travels in the job, which the stack keeps in plain text.
    expect(String(web?.inputs.stdin)).not.toContain("PRIVATE KEY");

    expect(secretValue(web?.inputs.environment)).toEqual({
      [HOSTING_ENV.sshKey]: ADMIN_KEY,
      [HOSTING_ENV.originCertificate]: MOCK_PEM.certificate,
      [HOSTING_ENV.originKey]: MOCK_PEM.key,
    });
    expect(secretValue(whm?.inputs.environment)).toEqual({ [HOSTING_ENV.apiToken]: "WHMTOKEN123" });
    expect(whm?.secretInputs).toEqual(["environment"]);
    expect(jobOf(whm).server).toMatchObject({ kind: "whm", hostKey: null, port: 2087 });
    expect(outputs).toMatchObject({ hostingAccounts: 2 });
  });

  it("makes the zone's origin certificate for the Linux accounts' names, from a key of its own", async () => {
    const root = makeRoot({ "dinkes.yaml": dinkes, "arsip.desa.yaml": arsip });
    const { resources } = await runProgram(root, { config: CONFIG, secrets: SECRETS });
    const named = byName(resources);
    const hostnames = ["*.desa.kuduskab.go.id", "*.kuduskab.go.id", "kuduskab.go.id"];
    expect(named.get(ORIGIN_TLS_NAMES.key)?.inputs).toMatchObject({ algorithm: "ECDSA", ecdsaCurve: "P256" });
    const request = named.get(ORIGIN_TLS_NAMES.request)?.inputs;
    // The key stays a secret on its way into the CSR.
    expect(secretValue(request?.privateKeyPem)).toBe(MOCK_PEM.key);
    expect(request).toMatchObject({
      subject: { commonName: "kuduskab.go.id" },
      dnsNames: hostnames,
    });
    expect(named.get(ORIGIN_TLS_NAMES.certificate)?.inputs).toEqual({
      csr: MOCK_PEM.csr,
      hostnames,
      requestType: "origin-ecc",
      requestedValidity: 5475,
    });
    expect(named.get(STRICT_TLS_RULESET_NAME)?.inputs).toEqual({
      zoneId: ZONE_ID,
      kind: "zone",
      phase: "http_config_settings",
      name: "domainops: SSL Full (strict)",
      description: expect.stringContaining("Full (strict)"),
      rules: [
        {
          ref: "domainops_ssl_strict_1",
          expression: 'http.host in {"arsip.desa.kuduskab.go.id" "dinkes.kuduskab.go.id"}',
          description: expect.any(String),
          action: "set_config",
          actionParameters: { ssl: "strict" },
          enabled: true,
        },
      ],
    });
    // A contact with no keys: the account is made, nobody can log in yet.
    expect(jobOf(named.get("akun/web1/arsip.desa.kuduskab.go.id")).sshKeys).toEqual([]);
  });

  it("makes no certificate when the only accounts are on WHM", async () => {
    const root = makeRoot({ "getasrabi.desa.yaml": desa });
    const { resources } = await runProgram(root, { config: CONFIG, secrets: SECRETS });
    expect(resources.map((r) => r.name).filter((name) => name.startsWith("origin-tls/"))).toEqual([]);
    expect(resources.map((r) => r.type).filter((type) => type.includes("uleset"))).toEqual([]);
    expect(resources.filter((r) => r.type === HOSTING_ACCOUNT_TYPE)).toHaveLength(1);
  });

  it("stops when a contact's keys cannot be read, rather than lock them out", async () => {
    const root = makeRoot({ "dinkes.yaml": dinkes });
    await expect(
      runProgramExpectingFailure(root, {
        config: CONFIG,
        secrets: SECRETS,
        fetchKeys: async () => {
          throw new Error("HTTP 502");
        },
      }),
    ).rejects.toThrow(
      /kunci SSH @arifsetiawan-dinkes tidak terbaca.*\(the SSH keys of @arifsetiawan-dinkes cannot be read.*HTTP 502/,
    );
  });

  it.each([
    ["domainops:hostingSshKey", "dinkes.yaml", dinkes, "web1"],
    ["domainops:hostingApiToken", "getasrabi.desa.yaml", desa, "cpanel"],
  ])("stops, saying how to set it, without %s", async (key, file, text, server) => {
    const root = makeRoot({ [file]: text });
    const secrets: Record<string, string> = { ...SECRETS };
    delete secrets[key];
    await expect(runProgramExpectingFailure(root, { config: CONFIG, secrets })).rejects.toThrow(
      `server ${server} butuh ${key}; simpan dengan \`pulumi config set --secret ${key}\``,
    );
  });
});
