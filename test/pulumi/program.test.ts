import { afterAll, describe, expect, it } from "vitest";
import {
  DNS_RECORD_TYPE,
  PAGES_DOMAIN_TYPE,
  PAGES_PROJECT_TYPE,
  TUNNEL_CONFIG_TYPE,
} from "../../src/core/infra/resources.ts";
import { ACCOUNT_ID, TUNNEL_ID, ZONE_ID } from "../infra/helpers.ts";
import {
  fixtureFiles,
  makeRoot,
  type Registered,
  removeRoots,
  runProgram,
  runProgramExpectingFailure,
} from "./harness.ts";

afterAll(removeRoots);

const Z = "kuduskab.go.id";
const kinds = fixtureFiles("infra-kinds");

/**
 * A DNS record as registered: the first record at a name (no `anchor` given) is replaced delete-first
 * on a change of type or of its replacement trigger (by default its type alone); the others hang on
 * their anchor through `zoneId`.
 */
function dns(
  name: string,
  inputs: Record<string, unknown>,
  options: { anchor?: string; trigger?: string } = {},
): Registered {
  const anchor = options.anchor === undefined;
  return {
    type: DNS_RECORD_TYPE,
    name,
    inputs: { zoneId: ZONE_ID, ttl: 1, proxied: false, ...inputs },
    deleteBeforeReplace: anchor,
    replaceOnChanges: anchor ? ["type"] : ["zoneId"],
    ...(anchor ? { replacementTrigger: options.trigger ?? String(inputs.type) } : {}),
    ignoreChanges: [],
    zoneIdFrom: options.anchor === undefined ? [] : [options.anchor],
  };
}

function other(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  ignoreChanges: string[] = [],
): Registered {
  return {
    type,
    name,
    inputs,
    deleteBeforeReplace: false,
    replaceOnChanges: [],
    ignoreChanges,
    zoneIdFrom: [],
  };
}

const DINKES_TXT_KEY = expect.stringMatching(
  /^dinkes\.kuduskab\.go\.id\/TXT\/h[0-9a-f]{16}$/,
) as unknown as string;

const expected: Registered[] = [
  dns(`_dmarc.dprd.${Z}`, {
    name: `_dmarc.dprd.${Z}`,
    type: "TXT",
    content: "v=DMARC1; p=quarantine; rua=mailto:dmarc@kuduskab.go.id",
    comment: "dprd 005/98/Setwan/2026",
  }),
  dns(`_sip._tcp.bkd.${Z}`, {
    name: `_sip._tcp.bkd.${Z}`,
    type: "SRV",
    priority: 10,
    data: { priority: 10, weight: 5, port: 5060, target: "sip.simpeg-vendor.co.id" },
    comment: "bkd 800/311/BKD/2026",
  }),
  dns(`arsip.${Z}`, {
    name: `arsip.${Z}`,
    type: "CNAME",
    content: `${TUNNEL_ID}.cfargotunnel.com`,
    proxied: true,
    comment: "arsip 045/77/Arpusda/2026",
  }),
  dns(`bkd.${Z}`, {
    name: `bkd.${Z}`,
    type: "A",
    content: "103.147.88.21",
    ttl: 3600,
    comment: "bkd 800/311/BKD/2026",
  }),
  dns(
    `bkd.${Z}/CAA/0_issue_letsencrypt.org`,
    {
      name: `bkd.${Z}`,
      type: "CAA",
      data: { flags: 0, tag: "issue", value: "letsencrypt.org" },
      comment: "bkd 800/311/BKD/2026",
    },
    { anchor: `bkd.${Z}` },
  ),
  dns(`dinkes.${Z}`, {
    name: `dinkes.${Z}`,
    type: "A",
    content: "203.0.113.10",
    proxied: true,
    comment: "dinkes 400.7/123/Dinkes/2026",
  }),
  dns(
    `dinkes.${Z}/AAAA/2001-db8-1000--10`,
    {
      name: `dinkes.${Z}`,
      type: "AAAA",
      content: "2001:db8:1000::10",
      proxied: true,
      comment: "dinkes 400.7/123/Dinkes/2026",
    },
    { anchor: `dinkes.${Z}` },
  ),
  dns(
    `dinkes.${Z}/MX/10_mx1.surel-dinkes.co.id`,
    {
      name: `dinkes.${Z}`,
      type: "MX",
      content: "mx1.surel-dinkes.co.id",
      priority: 10,
      comment: "dinkes 400.7/123/Dinkes/2026",
    },
    { anchor: `dinkes.${Z}` },
  ),
  dns(
    DINKES_TXT_KEY,
    {
      name: `dinkes.${Z}`,
      type: "TXT",
      content: "v=spf1 include:_spf.surel-dinkes.co.id ~all",
      comment: "dinkes 400.7/123/Dinkes/2026",
    },
    { anchor: `dinkes.${Z}` },
  ),
  dns(`dprd.${Z}`, {
    name: `dprd.${Z}`,
    type: "TXT",
    content: "google-site-verification=Zk3mQ9vXr2LbT8pWc1YdN5sH7uE0aF4gJ6iK",
    comment: "dprd 005/98/Setwan/2026",
  }),
  other(TUNNEL_CONFIG_TYPE, "office-tunnel", {
    accountId: ACCOUNT_ID,
    tunnelId: TUNNEL_ID,
    source: "cloudflare",
    config: {
      ingresses: [
        { hostname: `arsip.${Z}`, service: "http://10.10.1.20:8080" },
        { service: "http_status:404" },
      ],
    },
  }),
  other(PAGES_DOMAIN_TYPE, `pages-domain/pariwisata.${Z}`, {
    accountId: ACCOUNT_ID,
    name: `pariwisata.${Z}`,
    projectName: "pariwisata-kuduskab",
  }),
  other(
    PAGES_PROJECT_TYPE,
    "pages/pariwisata-kuduskab",
    {
      accountId: ACCOUNT_ID,
      name: "pariwisata-kuduskab",
      productionBranch: "main",
    },
    ["source", "buildConfig", "deploymentConfigs"],
  ),
  dns(`pariwisata.${Z}`, {
    name: `pariwisata.${Z}`,
    type: "CNAME",
    content: "pariwisata-kuduskab.pages.dev",
    proxied: true,
    comment: "pariwisata 556/210/Disbudpar/2026",
  }),
];

function byName(resources: readonly Registered[]): Map<string, Registered> {
  return new Map(resources.map((r) => [r.name, r]));
}

describe("the Pulumi program under mocks", () => {
  it("registers exactly the resources of every hosting kind, with their inputs and options", async () => {
    const { resources, outputs } = await runProgram(makeRoot(kinds));
    expect(resources).toEqual(expected);
    expect(outputs).toEqual({
      zone: Z,
      records: 11,
      tunnelIngress: 1,
      pagesProjects: 1,
      hostingAccounts: 0,
      appliedCommit: null,
    });
  });

  it("records the commit it applies as the stack output appliedCommit", async () => {
    const commit = "0123456789abcdef0123456789abcdef01234567";
    const { outputs } = await runProgram(makeRoot(kinds), { commit });
    expect(outputs).toMatchObject({ appliedCommit: commit });
  });

  it("keeps every logical name and input when requests come in another order", async () => {
    const root = makeRoot(kinds);
    const forward = await runProgram(root);
    const reversed = await runProgram(root, { reorder: (requests) => [...requests].reverse() });
    expect(reversed.resources).toEqual(forward.resources);
  });

  it("one request removed: only its resources disappear, nothing else changes", async () => {
    const full = await runProgram(makeRoot(kinds));
    const { "bkd.yaml": _removed, ...rest } = kinds;
    const less = await runProgram(makeRoot(rest));
    const gone = full.resources.filter((r) => !byName(less.resources).has(r.name)).map((r) => r.name);
    expect(gone).toEqual([`_sip._tcp.bkd.${Z}`, `bkd.${Z}`, `bkd.${Z}/CAA/0_issue_letsencrypt.org`]);
    expect(less.resources).toEqual(full.resources.filter((r) => !gone.includes(r.name)));
  });

  it("one record removed from a request: only that record's resource disappears", async () => {
    const full = await runProgram(makeRoot(kinds));
    const dinkes = (kinds["dinkes.yaml"] ?? "").replace(/^ {2}- \{ type: TXT.*\n/m, "");
    const less = await runProgram(makeRoot({ ...kinds, "dinkes.yaml": dinkes }));
    const gone = full.resources.filter((r) => !byName(less.resources).has(r.name));
    expect(gone.map((r) => [r.inputs.name, r.inputs.type])).toEqual([[`dinkes.${Z}`, "TXT"]]);
    expect(less.resources).toEqual(full.resources.filter((r) => !gone.includes(r)));
  });

  it("a type change at a name (server A+AAAA → tunnel CNAME) replaces the same resource, delete first", async () => {
    const before = byName((await runProgram(makeRoot(kinds))).resources);
    const tunnel = (kinds["dinkes.yaml"] ?? "")
      .replace("jenis: server", "jenis: tunnel\n  service: http://10.10.1.30:80")
      .replace(/^dns:\n(?: {2}- .*\n)+/m, "");
    const after = byName((await runProgram(makeRoot({ ...kinds, "dinkes.yaml": tunnel }))).resources);
    const anchorBefore = before.get(`dinkes.${Z}`);
    const anchorAfter = after.get(`dinkes.${Z}`);
    // Same logical name and resource type: Pulumi sees one resource whose `type` input changed…
    expect(anchorBefore?.type).toBe(DNS_RECORD_TYPE);
    expect(anchorAfter?.type).toBe(DNS_RECORD_TYPE);
    expect([anchorBefore?.inputs.type, anchorAfter?.inputs.type]).toEqual(["A", "CNAME"]);
    // …which it must replace (replaceOnChanges: type) by deleting the A before creating the CNAME.
    expect(anchorAfter?.replaceOnChanges).toEqual(["type"]);
    expect(anchorAfter?.deleteBeforeReplace).toBe(true);
    expect([anchorBefore?.replacementTrigger, anchorAfter?.replacementTrigger]).toEqual(["A", "CNAME"]);
    // The AAAA hangs on the anchor through its zoneId and is replaced when that changes, so the engine
    // deletes it before the anchor.
    const aaaa = before.get(`dinkes.${Z}/AAAA/2001-db8-1000--10`);
    expect(aaaa?.zoneIdFrom).toEqual([`dinkes.${Z}`]);
    expect(aaaa?.replaceOnChanges).toEqual(["zoneId"]);
    expect([...after.keys()].filter((name) => name.startsWith(`dinkes.${Z}`))).toEqual([`dinkes.${Z}`]);
  });

  it("an anchor sharing its type at its name carries its value in its replacement trigger", async () => {
    const config = {
      "domainops:origins": JSON.stringify({ ipv4: ["203.0.113.10", "203.0.113.11"], ipv6: [] }),
    };
    const dinkes = [...byName((await runProgram(makeRoot(kinds), { config })).resources).values()].filter(
      (r) => r.inputs.name === `dinkes.${Z}` && r.inputs.type === "A",
    );
    expect(dinkes.map((r) => [r.name, r.replacementTrigger, r.zoneIdFrom])).toEqual([
      [`dinkes.${Z}`, "A 203.0.113.10", []],
      [`dinkes.${Z}/A/203.0.113.11`, undefined, [`dinkes.${Z}`]],
    ]);
  });

  it("stops with the validator's diagnostics when a request is invalid", async () => {
    const run = runProgramExpectingFailure(makeRoot(fixtureFiles("infra-invalid")));
    await expect(run).rejects.toThrow(/^\d+ galat pada permohonan, tidak ada yang diterapkan/);
    await expect(run).rejects.toThrow(
      /\n {2}requests\/dinkes\.yaml:12:8 nip-format: NIP "19760101200501200"/,
    );
    await expect(run).rejects.toThrow(/\n {2}requests\/dinkes\.yaml:24:\d+ dns-hosting-address: /);
  });

  it("stops on a stack config it cannot use", async () => {
    const badId = runProgramExpectingFailure(makeRoot(kinds), {
      config: { "domainops:zoneId": "not-an-id" },
    });
    await expect(badId).rejects.toThrow(/domainops:zoneId harus 32 digit heksadesimal/);
    const noTunnel = runProgramExpectingFailure(makeRoot(kinds), { config: { "domainops:tunnelId": "" } });
    await expect(noTunnel).rejects.toThrow(/requests\/arsip\.yaml: hosting tunnel butuh domainops:tunnelId/);
    await expect(noTunnel).rejects.toMatchObject({ __pulumiRunError: true });
  });
});
