import { describe, expect, it } from "vitest";
import { deriveLinuxUser } from "../../src/core/hosting/linux-user.ts";
import type { HostingServer } from "../../src/core/hosting/servers.ts";
import type { RuleStack } from "../../src/core/request/rule.ts";
import { type Doc, type Hit, hit, requestYaml, table, validate } from "./helpers.ts";

// `  jenis:` is line 21; `akun:` (line 22, column 3) and its fields (line 23 onwards) follow.
const AKUN = (rule: string): Hit => hit(rule, 22, 3);
const akun = (...fields: string[]): string[] => ["  akun:", ...fields.map((field) => `    ${field}`)];
const server = (...fields: string[]): Doc => ({ hosting: "server", extra: akun(...fields) });

const web1: HostingServer = {
  name: "web1",
  kind: "linux",
  address: "10.10.1.30",
  port: 22,
  hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+",
  adminUser: "root",
  php: ["8.2", "8.3"],
  packages: {
    kecil: { diskQuotaMb: 1024, phpMaxChildren: 5, phpMemoryLimitMb: 128 },
    sedang: { diskQuotaMb: 5120, phpMaxChildren: 10, phpMemoryLimitMb: 256 },
  },
};
const cpanel: HostingServer = {
  name: "cpanel",
  kind: "whm",
  address: "whm.kuduskab.go.id",
  port: 2087,
  hostKey: null,
  adminUser: "root",
  php: [],
  packages: { dasar: { diskQuotaMb: 2048, phpMaxChildren: 5, phpMemoryLimitMb: 128 } },
};
const stackOf = (...hostingServers: HostingServer[]): { stack: RuleStack } => ({
  stack: { file: "Pulumi.kudus.yaml", tunnelOrigins: null, hostingServers },
});
const one = stackOf(web1);
const two = stackOf(web1, cpanel);
const none = stackOf();

describe("hosting-account-kind", () => {
  const rule = "hosting-account-kind";
  table(rule, [
    ["server with an account", server("paket: kecil"), []],
    ["server without an account", { hosting: "server" }, []],
    [
      "tunnel with an account",
      { hosting: "tunnel", extra: ['  service: "http://10.10.1.20:80"', ...akun("paket: kecil")] },
      [hit(rule, 23, 3)],
    ],
    ["static with an account", { hosting: "static", extra: akun("paket: kecil") }, [AKUN(rule)]],
    ["tanpa with an account", { hosting: "tanpa", extra: akun("paket: kecil") }, [AKUN(rule)]],
  ]);
});

describe("hosting-account-server-unknown", () => {
  const rule = "hosting-account-server-unknown";
  table(rule, [
    ["the only server, unnamed", server("paket: kecil"), [], one],
    ["the only server, named", server("paket: kecil", "server: web1"), [], one],
    ["named in capitals", server("paket: kecil", "server: WEB1"), [], one],
    ["one of two, named", server("paket: dasar", "server: cpanel"), [], two],
    ["no stack settings: silent", server("paket: kecil", "server: web9"), []],
    ["no account: nothing to place", { hosting: "server" }, [], none],
    [
      "another kind's account is hosting-account-kind's",
      { hosting: "static", extra: akun("paket: x") },
      [],
      none,
    ],
    ["no server in the stack", server("paket: kecil"), [AKUN(rule)], none],
    ["a server the stack lacks", server("paket: kecil", "server: web9"), [hit(rule, 24, 13)], one],
    ["two servers, none named", server("paket: kecil"), [AKUN(rule)], two],
  ]);

  const message = (doc: Doc, options: { stack: RuleStack }) =>
    validate(doc, options).find((d) => d.rule === rule)?.message;
  it("names the stack file and the servers to choose from", () => {
    expect(message(server("paket: kecil", "server: web9"), two)).toEqual({
      id: 'server "web9" tidak ada di Pulumi.kudus.yaml; pilih salah satu: web1, cpanel',
      en: 'server "web9" is not in Pulumi.kudus.yaml; choose one of: web1, cpanel',
    });
    expect(message(server("paket: kecil"), two)?.en).toBe(
      "Pulumi.kudus.yaml has 2 hosting servers; add server: <name>, one of: web1, cpanel",
    );
    expect(message(server("paket: kecil"), none)?.id).toContain("hapus blok akun");
  });
});

describe("hosting-account-package-unknown", () => {
  const rule = "hosting-account-package-unknown";
  table(rule, [
    ["a package of the server", server("paket: sedang"), [], one],
    ["a package of the named server", server("paket: dasar", "server: cpanel"), [], two],
    ["no stack settings: silent", server("paket: raksasa"), []],
    ["unknown server: the server rule's", server("paket: raksasa", "server: web9"), [], one],
    ["a package of another server", server("paket: dasar", "server: web1"), [hit(rule, 23, 12)], two],
    ["a package nobody has", server("paket: raksasa"), [hit(rule, 23, 12)], one],
    ["an inherited property is no package", server("paket: constructor"), [hit(rule, 23, 12)], one],
    ["case matters", server("paket: Kecil"), [hit(rule, 23, 12)], one],
  ]);

  it("lists the known packages", () => {
    expect(validate(server("paket: raksasa"), one).find((d) => d.rule === rule)?.message).toEqual({
      id: 'paket "raksasa" tidak ada di server web1; pilih salah satu: kecil, sedang',
      en: 'package "raksasa" is not offered by server web1; choose one of: kecil, sedang',
    });
  });
});

describe("hosting-account-php-unsupported", () => {
  const rule = "hosting-account-php-unsupported";
  table(rule, [
    ["the default version", server("paket: kecil"), [], one],
    ["a listed version", server("paket: kecil", 'php: "8.3"'), [], one],
    ["no stack settings: silent", server("paket: kecil", 'php: "7.4"'), []],
    ["unknown server: the server rule's", server("paket: kecil", 'php: "7.4"', "server: web9"), [], one],
    ["an unlisted version", server("paket: kecil", 'php: "7.4"'), [hit(rule, 24, 10)], one],
    [
      "a server offering no choice",
      server("paket: dasar", 'php: "8.2"', "server: cpanel"),
      [hit(rule, 24, 10)],
      two,
    ],
  ]);

  it("says when the server offers no choice", () => {
    const doc = server("paket: dasar", 'php: "8.2"', "server: cpanel");
    expect(validate(doc, two).find((d) => d.rule === rule)?.message.en).toBe(
      'server cpanel offers no choice of PHP version; remove php: "8.2"',
    );
  });

  it("lists the versions and the default", () => {
    expect(validate(server("paket: kecil", 'php: "7.4"'), one).find((d) => d.rule === rule)?.message).toEqual(
      {
        id: 'PHP "7.4" tidak tersedia di server web1; pilih salah satu: 8.2, 8.3, atau hapus php untuk versi bawaan 8.2',
        en: 'PHP "7.4" is not available on server web1; choose one of: 8.2, 8.3, or remove php for the default 8.2',
      },
    );
  });
});

describe("hosting-account-user-collision", () => {
  const rule = "hosting-account-user-collision";
  // Two long names whose shortened users meet: same first 17 characters and the same 40-bit hash
  // prefix (07d6fedb4d), found by a birthday search over 1.3 million names.
  const left = "kantordinaskudusx-000000006kwr";
  const right = "kantordinaskudusx-00000000djdt";
  const other = (subdomain: string, withAccount: boolean) => ({
    [`requests/${subdomain}.yaml`]: requestYaml({
      subdomain,
      hosting: "server",
      extra: withAccount ? akun("paket: kecil") : [],
    }),
  });
  const long = (subdomain: string): Doc => ({ subdomain, hosting: "server", extra: akun("paket: kecil") });

  it("has a real collision to test with", () => {
    expect(deriveLinuxUser(left)).toBe(deriveLinuxUser(right));
    expect(deriveLinuxUser(left)).toBe("do-kantordinaskudusx__07d6fedb4d");
  });

  table(rule, [
    ["alone", long(left), []],
    ["a different long name", long(left), [], { others: other("kantordinaskudusx-000000000001", true) }],
    ["the other has no account", long(left), [], { others: other(right, false) }],
    [
      "the other's akun is on another kind",
      long(left),
      [],
      {
        others: {
          [`requests/${right}.yaml`]: requestYaml({
            subdomain: right,
            hosting: "static",
            extra: akun("paket: kecil"),
          }),
        },
      },
    ],
    ["this one has no account", { subdomain: left, hosting: "server" }, [], { others: other(right, true) }],
    ["both have accounts", long(left), [hit(rule, 1, 12)], { others: other(right, true) }],
    ["either side reports it", long(right), [hit(rule, 1, 12)], { others: other(left, true) }],
  ]);

  it("names the user and the other file", () => {
    const found = validate(long(left), { others: other(right, true) }).find((d) => d.rule === rule);
    expect(found?.message.en).toBe(
      `the Linux user "do-kantordinaskudusx__07d6fedb4d" of the subdomain "${left}" is also the account of requests/${right}.yaml: long names are shortened to 17 characters + a hash; change one of the subdomains`,
    );
  });
});
