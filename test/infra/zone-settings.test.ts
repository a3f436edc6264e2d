import { describe, expect, it } from "vitest";
import { configFromStackDocument, parseZoneSettings } from "../../src/core/infra/zone-settings.ts";
import { ACCOUNT_ID, TUNNEL_ID, ZONE_ID } from "./helpers.ts";

const valid = { zone: "KudusKab.go.id.", zoneId: ZONE_ID.toUpperCase(), accountId: ACCOUNT_ID };

describe("parseZoneSettings", () => {
  it("normalises and fills the defaults", () => {
    expect(parseZoneSettings(valid, "Pulumi.kudus.yaml")).toEqual({
      zone: "kuduskab.go.id",
      zoneId: ZONE_ID,
      accountId: ACCOUNT_ID,
      origins: { ipv4: [], ipv6: [] },
      tunnelId: null,
      tunnelOrigins: null,
      nameservers: [],
      requestsDir: "requests",
      maxDeleteShare: 0.3,
      hostingServers: [],
      applyRunsOn: ["ubuntu-latest"],
    });
  });

  it("reads the apply job's runner labels, as a list or Pulumi's JSON text", () => {
    const labels = ["self-hosted", "diskominfo-dc"];
    expect(parseZoneSettings({ ...valid, applyRunsOn: labels }, "s").applyRunsOn).toEqual(labels);
    expect(parseZoneSettings({ ...valid, applyRunsOn: JSON.stringify(labels) }, "s").applyRunsOn).toEqual(
      labels,
    );
    expect(parseZoneSettings({ ...valid, applyRunsOn: "self-hosted" }, "s").applyRunsOn).toEqual([
      "self-hosted",
    ]);
  });

  it.each([
    [[]],
    [["self hosted"]],
    [["x", "$(id)"]],
    [[42]],
    [Array.from({ length: 11 }, (_, i) => `l${i}`)],
    [{ labels: ["self-hosted"] }],
  ])("refuses the runner labels %j, naming the key", (applyRunsOn) => {
    expect(() => parseZoneSettings({ ...valid, applyRunsOn }, "Pulumi.kudus.yaml")).toThrow(
      /Pulumi\.kudus\.yaml: domainops:applyRunsOn harus daftar 1–10 label runner/,
    );
  });

  it("reads Pulumi's JSON-encoded structured values as the program receives them", () => {
    const settings = parseZoneSettings(
      {
        ...valid,
        origins: JSON.stringify({ ipv4: ["203.0.113.10"], ipv6: ["2001:DB8::10"] }),
        nameservers: '["ada.ns.cloudflare.com","bob.ns.cloudflare.com."]',
        tunnelId: TUNNEL_ID,
        maxDeleteShare: "0.25",
      },
      "stack kudus",
    );
    expect(settings.origins).toEqual({ ipv4: ["203.0.113.10"], ipv6: ["2001:db8::10"] });
    expect(settings.nameservers).toEqual(["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"]);
    expect(settings.maxDeleteShare).toBe(0.25);
  });

  it.each([
    [{ zone: undefined }, "domainops:zone wajib diisi (is required)"],
    [{ zone: "not a zone" }, "domainops:zone"],
    [{ zoneId: "abc" }, "domainops:zoneId harus 32 digit heksadesimal (must be 32 hex digits)"],
    [{ accountId: 7 }, "domainops:accountId harus berupa teks (must be a string)"],
    [{ tunnelId: "tunnel-kantor" }, "domainops:tunnelId harus UUID (must be a UUID)"],
    [{ origins: { ipv4: ["10.0.0.300"] } }, "domainops:origins.ipv4"],
    [{ origins: "[1,2" }, "domainops:origins harus objek"],
    [{ nameservers: ["ns 1"] }, "domainops:nameservers"],
    [{ maxDeleteShare: "1.5" }, "domainops:maxDeleteShare harus angka 0–1"],
  ])("refuses %j naming the key", (override, message) => {
    expect(() => parseZoneSettings({ ...valid, ...override }, "Pulumi.kudus.yaml")).toThrow(
      `Pulumi.kudus.yaml: ${message}`,
    );
  });
});

describe("configFromStackDocument", () => {
  it("keeps only the domainops: keys, without the prefix", () => {
    expect(
      configFromStackDocument({
        config: { "domainops:zone": "kuduskab.go.id", "cloudflare:apiToken": { secure: "x" }, other: 1 },
      }),
    ).toEqual({ zone: "kuduskab.go.id" });
    expect(configFromStackDocument(null)).toEqual({});
    expect(configFromStackDocument({ config: "x" })).toEqual({});
  });
});

describe("domainops:tunnelOrigins", () => {
  const base = {
    zone: "kuduskab.go.id",
    zoneId: ZONE_ID,
    accountId: ACCOUNT_ID,
  };
  const parse = (tunnelOrigins: unknown) =>
    parseZoneSettings({ ...base, tunnelOrigins }, "Pulumi.kudus.yaml").tunnelOrigins;

  it("reads networks, hosts, ports and schemes, canonical and lowercase", () => {
    expect(
      parse({
        networks: ["10.10.20.0/24", "FD12:3456::/48"],
        hosts: ["Intranet.Kudus.local."],
        ports: ["80", 8080],
      }),
    ).toEqual({
      networks: ["10.10.20.0/24", "fd12:3456::/48"],
      hosts: ["intranet.kudus.local"],
      ports: [80, 8080],
      schemes: ["http", "https"],
    });
    expect(parse(JSON.stringify({ networks: ["192.168.5.0/24"], ports: [80] }))?.networks).toEqual([
      "192.168.5.0/24",
    ]);
  });

  it("is null when absent (every tunnel origin refused)", () => {
    expect(parse(undefined)).toBeNull();
  });

  it.each([
    [{ networks: ["10.10.20.5/24"], ports: [80] }, "tunnelOrigins.networks[0]"],
    [{ networks: ["010.0.0.0/8"], ports: [80] }, "tunnelOrigins.networks[0]"],
    [{ networks: ["8.8.8.0/24"], ports: [80] }, "tunnelOrigins.networks[0]"],
    [{ networks: ["127.0.0.0/8"], ports: [80] }, "tunnelOrigins.networks[0]"],
    [{ networks: ["169.254.0.0/16"], ports: [80] }, "tunnelOrigins.networks[0]"],
    [{ networks: ["0.0.0.0/0"], ports: [80] }, "tunnelOrigins.networks[0]"],
    [{ networks: ["10.0.0.0/7"], ports: [80] }, "tunnelOrigins.networks[0]"],
    [{ hosts: ["localhost"], ports: [80] }, "tunnelOrigins.hosts[0]"],
    [{ hosts: ["10.0.0.1"], ports: [80] }, "tunnelOrigins.hosts[0]"],
    [{ networks: ["10.0.0.0/8"], ports: [0] }, "tunnelOrigins.ports[0]"],
    [{ networks: ["10.0.0.0/8"] }, "tunnelOrigins.ports"],
    [{ networks: ["10.0.0.0/8"], ports: [22], schemes: ["ssh"] }, "tunnelOrigins.schemes[0]"],
    [{ networks: ["10.0.0.0/8"], ports: [80], services: [] }, "tunnelOrigins.services"],
    [{ ports: [80] }, "tunnelOrigins"],
    ["[1,2", "tunnelOrigins"],
  ])("refuses %j, naming the file and the key", (value, key) => {
    expect(() => parse(value)).toThrow(`Pulumi.kudus.yaml: domainops:${key} `);
  });
});
