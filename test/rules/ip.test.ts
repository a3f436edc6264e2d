import { describe, expect, it } from "vitest";
import { buildDesiredState } from "../../src/core/infra/desired-state.ts";
import { findUnpublishableOrigins, parseZoneSettings } from "../../src/core/infra/zone-settings.ts";
import {
  classifyAddress,
  describeVerdict,
  embeddedIPv4,
  findSpecialRange,
  parseCidr,
  parseIPv4,
  parseIPv6,
  parseIp,
  SPECIAL_RANGES,
} from "../../src/core/ip.ts";
import { request, settings } from "../infra/helpers.ts";
import { col, dns, hit, hits, validate } from "./helpers.ts";

const FIRST = 23;
const aaaa = (ip: string) => `{ type: AAAA, content: "${ip}" }`;
const a = (ip: string) => `{ type: A, content: "${ip}" }`;

describe("strict parsing", () => {
  it.each(["127.1", "0x7f000001", "2130706433", "010.1.1.1", "1.2.3.04", " 1.2.3.4", "1.2.3.4.5"])(
    "refuses the IPv4 form %s",
    (text) => {
      expect(parseIPv4(text)).toBeNull();
    },
  );

  it.each(["fe80::1%eth0", "::ffff:01.2.3.4", "2001:db8::1/64", "2001:db8:::1", "1.2.3.4"])(
    "refuses the IPv6 form %s",
    (text) => {
      expect(parseIPv6(text)).toBeNull();
    },
  );

  it.each([
    ["10.10.20.0/24", "10.10.20.0/24"],
    ["FD12:3456::/48", "fd12:3456::/48"],
  ])("reads the network %s as %s", (text, canonical) => {
    expect(parseCidr(text)?.text).toBe(canonical);
  });

  it.each(["10.10.20.5/24", "010.0.0.0/8", "10.0.0.0/08", "10.0.0.0/33", "10.0.0.0", "::/129"])(
    "refuses the network %s",
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );
});

describe("special-purpose ranges", () => {
  // Each of these passed as public before the table was completed.
  it.each([
    ["3fff::1", "3fff::/20"],
    ["2001:2::1", "2001:2::/48"],
    ["2002:7f00:1::1", "2002::/16"],
    ["2002:c0a8:101::1", "2002::/16"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::/32"],
    ["64:ff9b::10.0.0.5", "64:ff9b::/96"],
    ["::ffff:1.2.3.4", "::ffff:0:0/96"],
    ["192.31.196.1", "192.31.196.0/24"],
    ["192.52.193.1", "192.52.193.0/24"],
    ["192.175.48.1", "192.175.48.0/24"],
    ["2620:4f:8000::1", "2620:4f:8000::/48"],
    ["2001:4:112::1", "2001:4:112::/48"],
    ["2001:3::1", "2001:3::/32"],
    ["2001:20::1", "2001:20::/28"],
    ["2001:30::1", "2001:30::/28"],
    ["5f00::1", "5f00::/16"],
    ["100:0:0:1::1", "100:0:0:1::/64"],
    ["64:ff9b:1::1", "64:ff9b:1::/48"],
    ["169.254.169.254", "169.254.169.254/32"],
    ["fd00:ec2::254", "fd00:ec2::254/128"],
    ["224.0.0.251", "224.0.0.0/4"],
    ["ff02::1", "ff00::/8"],
  ])("%s is in %s", (text, cidr) => {
    const address = parseIp(text);
    expect(address).not.toBeNull();
    if (address !== null) expect(findSpecialRange(address)?.cidr).toBe(cidr);
  });

  it.each(["103.76.120.34", "2400:8902::1", "1.1.1.1", "2606:4700:4700::1111"])("%s is public", (text) => {
    const address = parseIp(text);
    expect(address !== null && classifyAddress(address)).toBeNull();
  });

  it("names the metadata endpoints", () => {
    const metadata = SPECIAL_RANGES.filter((r) => r.kind === "metadata").map((r) => r.cidr);
    expect(metadata).toEqual(["169.254.169.254/32", "fd00:ec2::254/128"]);
  });

  it.each([
    // 6to4: bits 16-47.
    ["2002:7f00:1::1", "127.0.0.1", "127.0.0.0/8"],
    ["2002:c0a8:101::1", "192.168.1.1", "192.168.0.0/16"],
    // Teredo: the client address is the last 32 bits inverted (RFC 4380 §4): 0x3fff fdd2 → 192.0.2.45.
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "192.0.2.45", "192.0.2.0/24"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1", "127.0.0.0/8"],
    ["64:ff9b::10.0.0.5", "10.0.0.5", "10.0.0.0/8"],
    ["::ffff:169.254.169.254", "169.254.169.254", "169.254.169.254/32"],
    ["::127.0.0.1", "127.0.0.1", "127.0.0.0/8"],
  ])("%s carries %s (%s)", (text, inner, cidr) => {
    const address = parseIPv6(text);
    expect(address === null ? null : embeddedIPv4(address)?.toString()).toBe(inner);
    const verdict = address === null ? null : classifyAddress(address);
    expect(verdict?.embedded?.range?.cidr).toBe(cidr);
    if (verdict) expect(describeVerdict(verdict).en).toContain(`carries ${inner}`);
  });
});

describe("dns-address-not-public with the complete table", () => {
  const rule = "dns-address-not-public";
  it.each([
    "3fff::1",
    "2001:2::1",
    "2002:7f00:1::1",
    "2002:a00:5::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",
    "64:ff9b::a00:5",
    "::ffff:a00:5",
    "2620:4f:8000::1",
    "fd00:ec2::254",
  ])("refuses AAAA %s", (ip) => {
    const record = aaaa(ip);
    expect(hits(rule, { hosting: "eksternal", extra: dns(record) })).toEqual([
      hit(rule, FIRST, col(record, '"')),
    ]);
  });

  it.each(["192.31.196.1", "169.254.169.254", "192.175.48.10"])("refuses A %s", (ip) => {
    const record = a(ip);
    expect(hits(rule, { hosting: "eksternal", extra: dns(record) })).toEqual([
      hit(rule, FIRST, col(record, '"')),
    ]);
  });

  it("says what a 6to4 address carries", () => {
    const [d] = validate({ hosting: "eksternal", extra: dns(aaaa("2002:7f00:1::1")) }).filter(
      (x) => x.rule === rule,
    );
    expect(d?.message.en).toContain("it carries 127.0.0.1 in 127.0.0.0/8: loopback");
    expect(d?.message.id).toContain("membawa 127.0.0.1");
  });
});

describe("one canonical IPv6 form for the rule, the desired state and the stack origins", () => {
  it.each([
    ["64:ff9b::103.76.120.34", "64:ff9b::674c:7822"],
    ["::ffff:1.2.3.4", "::ffff:102:304"],
    ["2001:DB8::1", "2001:db8::1"],
  ])("%s is written %s everywhere", (written, canonical) => {
    const [warning] = validate({ hosting: "eksternal", extra: dns(aaaa(written)) }).filter(
      (x) => x.rule === "dns-aaaa-not-canonical",
    );
    expect(warning?.message.en).toContain(`as "${canonical}"`);

    const state = buildDesiredState(
      [request("bkd", "eksternal", [{ type: "AAAA", content: written }])],
      settings(),
    );
    expect(state.records.map((r) => r.content)).toEqual([canonical]);

    const stack = settings({ origins: { ipv4: [], ipv6: [written] } });
    expect(stack.origins.ipv6).toEqual([canonical]);
    const served = buildDesiredState([request("web", "server")], stack);
    expect(served.records.map((r) => r.content)).toEqual([canonical]);
  });
});

describe("stack origins", () => {
  const base = {
    zone: "kuduskab.go.id",
    zoneId: "3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b",
    accountId: "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a",
  };
  it.each([
    [{ ipv4: ["127.1"] }, "origins.ipv4", "127.1"],
    [{ ipv4: ["103.076.120.34"] }, "origins.ipv4", "103.076.120.34"],
    [{ ipv4: [103] }, "origins.ipv4", "103"],
    [{ ipv6: ["fe80::1%eth0"] }, "origins.ipv6", "fe80::1%eth0"],
    [{ ipv6: [":::"] }, "origins.ipv6", ":::"],
    [{ ipv6: ["103.76.120.34"] }, "origins.ipv6", "103.76.120.34"],
  ])("refuses %j, naming the file, the key and the value", (origins, key, value) => {
    expect(() => parseZoneSettings({ ...base, origins }, "Pulumi.kudus.yaml")).toThrow(
      new RegExp(
        `^Pulumi\\.kudus\\.yaml: domainops:${key.replace(".", "\\.")} .*${value.replace(/[.:%]/g, "\\$&")}`,
      ),
    );
  });

  it("reports transition and metadata addresses that cannot be published", () => {
    const problems = findUnpublishableOrigins(
      settings({ origins: { ipv4: ["169.254.169.254"], ipv6: ["2002:7f00:1::1", "2400:8902::1"] } }),
    );
    expect(problems.map((p) => [p.address, p.cidr])).toEqual([
      ["169.254.169.254", "169.254.169.254/32"],
      ["2002:7f00:1::1", "2002::/16"],
    ]);
  });
});
