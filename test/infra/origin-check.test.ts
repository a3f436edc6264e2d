import { describe, expect, it } from "vitest";
import { checkOrigins, usesStackOrigins } from "../../src/core/infra/origin-check.ts";
import type { HostingJenis } from "../../src/core/types.ts";

const placeholder = { origins: { ipv4: ["203.0.113.10"], ipv6: [] as string[] } };
const publicOrigin = { origins: { ipv4: ["103.76.120.10"], ipv6: ["2400:8902::10"] } };

describe("checkOrigins", () => {
  it.each<[string, typeof placeholder, HostingJenis[], "ok" | "warn" | "refuse"]>([
    ["public origins, a server request", publicOrigin, ["server"], "ok"],
    ["a placeholder origin no request uses", placeholder, ["tunnel", "static", "eksternal", "tanpa"], "warn"],
    ["a placeholder origin, no requests at all", placeholder, [], "warn"],
    ["a placeholder origin behind a server request", placeholder, ["tunnel", "server"], "refuse"],
  ])("%s: %s", (_, settings, hostings, verdict) => {
    expect(checkOrigins({ settings, file: "Pulumi.kudus.yaml", hostings }).verdict).toBe(verdict);
  });

  it("names the stack file and the address in the report", () => {
    const check = checkOrigins({ settings: placeholder, file: "Pulumi.kudus.yaml", hostings: ["server"] });
    expect(check.verdict === "refuse" && check.report).toMatch(
      /^Pulumi\.kudus\.yaml: .*\n {2}203\.0\.113\.10 /,
    );
  });
});

describe("usesStackOrigins", () => {
  it.each<[HostingJenis, boolean]>([
    ["server", true],
    ["tunnel", false],
    ["static", false],
    ["eksternal", false],
    ["tanpa", false],
  ])("%s: %s", (jenis, uses) => {
    expect(usesStackOrigins(jenis)).toBe(uses);
  });
});
