import { describe, expect, it } from "vitest";
import { parseStackFile } from "../../src/adapters/stack.ts";
import {
  assertNoPlainSecrets,
  findPlainSecrets,
  parseHostingServers,
} from "../../src/core/hosting/servers.ts";
import { parseZoneSettings } from "../../src/core/infra/zone-settings.ts";
import { ACCOUNT_ID, ZONE_ID } from "../infra/helpers.ts";

const FILE = "Pulumi.kudus.yaml";
const linux = {
  name: "web1",
  kind: "linux",
  address: "10.10.1.30",
  hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+ root@web1",
  packages: { kecil: { diskQuotaMb: 1024 } },
};
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+";
const parse = (value: unknown) => parseHostingServers(value, FILE);

describe("domainops:hostingServers", () => {
  it("is empty when absent", () => {
    expect(parse(undefined)).toEqual([]);
    expect(
      parseZoneSettings({ zone: "kuduskab.go.id", zoneId: ZONE_ID, accountId: ACCOUNT_ID }, FILE)
        .hostingServers,
    ).toEqual([]);
  });

  it("fills the defaults of each kind and package", () => {
    expect(
      parse([
        linux,
        {
          name: "CPanel",
          kind: "whm",
          address: "Whm.Kuduskab.go.id.",
          packages: { kecil: { diskQuotaMb: "500" } },
        },
      ]),
    ).toEqual([
      {
        name: "web1",
        kind: "linux",
        address: "10.10.1.30",
        port: 22,
        hostKey: HOST_KEY,
        adminUser: "root",
        php: ["8.2"],
        packages: { kecil: { diskQuotaMb: 1024, phpMaxChildren: 5, phpMemoryLimitMb: 128 } },
      },
      {
        name: "cpanel",
        kind: "whm",
        address: "whm.kuduskab.go.id",
        port: 2087,
        hostKey: null,
        adminUser: "root",
        php: [],
        packages: { kecil: { diskQuotaMb: 500, phpMaxChildren: 5, phpMemoryLimitMb: 128 } },
      },
    ]);
  });

  it("keeps the given port, PHP versions and limits, and reads Pulumi's JSON text", () => {
    const server = {
      ...linux,
      address: "FD12:3456:0:0::1e",
      port: 2222,
      adminUser: "deploy",
      php: ["8.3", "8.2"],
      packages: { sedang: { diskQuotaMb: 5120, phpMaxChildren: 10, phpMemoryLimitMb: 256 } },
    };
    expect(parse(JSON.stringify([server]))).toEqual([
      {
        name: "web1",
        kind: "linux",
        address: "fd12:3456::1e",
        port: 2222,
        hostKey: HOST_KEY,
        adminUser: "deploy",
        php: ["8.3", "8.2"],
        packages: { sedang: { diskQuotaMb: 5120, phpMaxChildren: 10, phpMemoryLimitMb: 256 } },
      },
    ]);
    expect(
      parseZoneSettings(
        { zone: "kuduskab.go.id", zoneId: ZONE_ID, accountId: ACCOUNT_ID, hostingServers: [linux] },
        FILE,
      ).hostingServers,
    ).toHaveLength(1);
  });

  it.each([
    [{ servers: [] }, "hostingServers harus daftar"],
    [[linux, linux], "hostingServers[1].name "],
    [["web1"], "hostingServers[0] harus objek"],
    [[{ ...linux, name: "web 1" }], "hostingServers[0].name "],
    [[{ ...linux, name: undefined }], "hostingServers[0].name wajib"],
    [[{ ...linux, kind: "plesk" }], "hostingServers[0].kind "],
    [[{ ...linux, address: "127.0.0.1" }], "hostingServers[0].address "],
    [[{ ...linux, address: "::1" }], "hostingServers[0].address "],
    [[{ ...linux, address: "169.254.169.254" }], "hostingServers[0].address "],
    [[{ ...linux, address: "169.254.10.1" }], "hostingServers[0].address "],
    [[{ ...linux, address: "localhost" }], "hostingServers[0].address "],
    [[{ ...linux, address: "metadata.google.internal" }], "hostingServers[0].address "],
    [[{ ...linux, address: "web 1.kudus" }], "hostingServers[0].address "],
    [[{ ...linux, address: "10.10.1" }], "hostingServers[0].address "],
    [[{ ...linux, address: "192.0.2.10" }], "hostingServers[0].address "],
    [[{ ...linux, address: undefined }], "hostingServers[0].address "],
    [[{ ...linux, hostKey: undefined }], "hostingServers[0].hostKey wajib"],
    [[{ ...linux, hostKey: `command="x" ${HOST_KEY}` }], "hostingServers[0].hostKey wajib"],
    [
      [{ ...linux, hostKey: "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ" }],
      "hostingServers[0].hostKey wajib",
    ],
    [[{ ...linux, hostKey: 42 }], "hostingServers[0].hostKey wajib"],
    [[{ ...linux, kind: "whm", hostKey: HOST_KEY }], "hostingServers[0].hostKey hanya untuk server linux"],
    [[{ ...linux, adminUser: "Root" }], 'hostingServers[0].adminUser "Root" bukan'],
    [[{ ...linux, adminUser: "a;b" }], "hostingServers[0].adminUser "],
    [[{ ...linux, kind: "whm", hostKey: undefined, adminUser: "Reseller" }], "hostingServers[0].adminUser "],
    [[{ ...linux, port: 0 }], "hostingServers[0].port "],
    [[{ ...linux, port: 65536 }], "hostingServers[0].port "],
    [[{ ...linux, php: [8.2] }], "hostingServers[0].php[0] "],
    [[{ ...linux, php: ["8.2", "8.2"] }], "hostingServers[0].php[1] "],
    [[{ ...linux, php: [] }], "hostingServers[0].php "],
    [[{ ...linux, packages: {} }], "hostingServers[0].packages wajib"],
    [[{ ...linux, packages: undefined }], "hostingServers[0].packages wajib"],
    [[{ ...linux, packages: { Kecil: { diskQuotaMb: 1 } } }], "hostingServers[0].packages.Kecil "],
    [[{ ...linux, packages: { kecil: 1024 } }], "hostingServers[0].packages.kecil harus objek"],
    [[{ ...linux, packages: { kecil: {} } }], "hostingServers[0].packages.kecil.diskQuotaMb "],
    [
      [{ ...linux, packages: { kecil: { diskQuotaMb: 0 } } }],
      "hostingServers[0].packages.kecil.diskQuotaMb ",
    ],
    [
      [{ ...linux, packages: { kecil: { diskQuotaMb: 1.5 } } }],
      "hostingServers[0].packages.kecil.diskQuotaMb ",
    ],
    [
      [{ ...linux, packages: { kecil: { diskQuotaMb: 4_194_305 } } }],
      "hostingServers[0].packages.kecil.diskQuotaMb ",
    ],
    [
      [{ ...linux, packages: { kecil: { diskQuotaMb: 1, phpMaxChildren: 1001 } } }],
      "hostingServers[0].packages.kecil.phpMaxChildren ",
    ],
    [
      [{ ...linux, packages: { kecil: { diskQuotaMb: 1, phpMemoryLimitMb: -1 } } }],
      "hostingServers[0].packages.kecil.phpMemoryLimitMb ",
    ],
    [
      [{ ...linux, packages: { kecil: { diskQuotaMb: 1, inodes: 5 } } }],
      "hostingServers[0].packages.kecil.inodes tidak dikenal",
    ],
    [[{ ...linux, user: "root" }], "hostingServers[0].user tidak dikenal; pakai"],
  ])("refuses %j, naming the file and the key", (value, message) => {
    expect(() => parse(value)).toThrow(`${FILE}: domainops:${message}`);
  });

  it("accepts the limits' upper bounds and private or public addresses", () => {
    const max = { diskQuotaMb: 4_194_304, phpMaxChildren: 1000, phpMemoryLimitMb: 65_536 };
    expect(parse([{ ...linux, packages: { besar: max } }])[0]?.packages.besar).toEqual(max);
    expect(parse([{ ...linux, address: "103.76.120.34" }])[0]?.address).toBe("103.76.120.34");
    expect(parse([{ ...linux, address: "192.168.1.5", port: 65535 }])[0]?.port).toBe(65535);
  });

  it("points a credential field at Pulumi's secret config", () => {
    expect(() => parse([{ ...linux, sshKey: "x" }])).toThrow(
      "hostingServers[0].sshKey tidak dikenal; rahasia disimpan dengan `pulumi config set --secret domainops:hostingSshKey`",
    );
    expect(() => parse([{ ...linux, apiToken: "x" }])).toThrow("--secret");
  });
});

describe("secrets in the stack file", () => {
  const KEY =
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

  it.each([
    [{ "domainops:hostingSshKey": KEY }, ["domainops:hostingSshKey"]],
    [{ "domainops:hostingSshKey": "anything plain" }, ["domainops:hostingSshKey"]],
    [{ "domainops:hostingApiToken": "ABCDEF123" }, ["domainops:hostingApiToken"]],
    [{ "domainops:kunci": KEY }, ["domainops:kunci"]],
    [{ "domainops:pem": "-----BEGIN OPENSSH KEY-----" }, ["domainops:pem"]],
    [
      { "domainops:hostingServers": [{ name: "web1", note: "PRIVATE KEY" }] },
      ["domainops:hostingServers[0].note"],
    ],
    [{ "cloudflare:x": { nested: { pem: "-----BEGIN RSA PRIVATE KEY-----" } } }, ["cloudflare:x.nested.pem"]],
  ])("finds %j", (config, paths) => {
    expect(findPlainSecrets({ config })).toEqual(paths);
    expect(() => assertNoPlainSecrets({ config }, FILE)).toThrow(
      `${FILE}: ${paths.join(", ")} memuat rahasia`,
    );
  });

  it("accepts encrypted values and ordinary settings", () => {
    const config = {
      "domainops:hostingSshKey": { secure: "v1:abc" },
      "domainops:hostingApiToken": { secure: "v1:def" },
      "cloudflare:apiToken": { secure: "v1:ghi" },
      "domainops:zone": "kuduskab.go.id",
      "domainops:hostingServers": [linux],
    };
    expect(findPlainSecrets({ config })).toEqual([]);
    expect(() => assertNoPlainSecrets({ config }, FILE)).not.toThrow();
    expect(findPlainSecrets(null)).toEqual([]);
    expect(findPlainSecrets({ config: "x" })).toEqual([]);
  });

  it("does not take a key next to secure for Pulumi's ciphertext", () => {
    expect(findPlainSecrets({ config: { "domainops:x": { secure: "v1:a", plain: KEY } } })).toEqual([
      "domainops:x.plain",
    ]);
  });
});

describe("reading a stack file", () => {
  const head =
    "config:\n  domainops:zone: kuduskab.go.id\n  domainops:zoneId: 3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b\n  domainops:accountId: 9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a\n";

  it("refuses a plain private key before reading any setting", () => {
    const text = `${head}  domainops:hostingSshKey: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    abc\n`;
    expect(() => parseStackFile(text, FILE)).toThrow(`${FILE}: domainops:hostingSshKey memuat rahasia`);
  });

  it("reads an encrypted key and the servers", () => {
    const text = `${head}  domainops:hostingSshKey:\n    secure: v1:AAAA\n  domainops:hostingServers:\n    - { name: web1, kind: linux, address: 10.10.1.30, hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+", packages: { kecil: { diskQuotaMb: 1024 } } }\n`;
    expect(parseStackFile(text, FILE).hostingServers.map((s) => s.name)).toEqual(["web1"]);
  });
});
