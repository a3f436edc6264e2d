import type { EngineEvent, OpType, StepEventStateMetadata } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import {
  countManaged,
  countSteps,
  decideGate,
  hasChanges,
  renderGateSummary,
  type StepCounts,
} from "../../src/core/infra/gate.ts";
import {
  DNS_RECORD_TYPE,
  HOSTING_ACCOUNT_TYPE,
  hostingAccountName,
  PAGES_DOMAIN_TYPE,
  PAGES_PROJECT_TYPE,
  TUNNEL_CONFIG_TYPE,
} from "../../src/core/infra/resources.ts";
import { readEventStream } from "../pulumi/engine.ts";

const PROVIDER = "urn:pulumi:kudus::domainops::pulumi:providers:cloudflare::default_6_22_1::4a1b";
const urn = (name: string, type = DNS_RECORD_TYPE) => `urn:pulumi:kudus::domainops::${type}::${name}`;
const stateOf = (
  name: string,
  type: string,
  inputs: Record<string, unknown> = {},
): StepEventStateMetadata => ({
  type,
  urn: urn(name, type),
  custom: true,
  id: `${name}-id`,
  parent: "",
  inputs,
  outputs: inputs,
  provider: PROVIDER,
});
/** An engine event of one step, with the states the engine sends for its op (none `new` for deletes). */
const event = (op: OpType, name: string, type = DNS_RECORD_TYPE, sequence = 0): EngineEvent => ({
  sequence,
  timestamp: 0,
  resourcePreEvent: {
    metadata: {
      op,
      urn: urn(name, type),
      type,
      ...(op === "create" ? {} : { old: stateOf(name, type) }),
      ...(op === "delete" || op === "delete-replaced" ? {} : { new: stateOf(name, type) }),
      ...(op === "replace" ? { logical: true } : {}),
      provider: PROVIDER,
    },
  },
});
/** Sequence numbers in the order given, as the engine numbers its events. */
const numbered = (events: EngineEvent[]): EngineEvent[] => events.map((e, sequence) => ({ ...e, sequence }));
const counts = (partial: Partial<StepCounts>): StepCounts => ({
  create: 0,
  update: 0,
  delete: 0,
  replace: 0,
  same: 0,
  ...partial,
});

const ingress = (...rules: [string, string][]) => ({
  inputs: {
    config: {
      ingresses: [
        ...rules.map(([hostname, service]) => ({ hostname, service })),
        { service: "http_status:404" },
      ],
    },
  },
});
const tunnelEvent = (
  op: OpType,
  before: [string, string][] | null,
  after: [string, string][] | null,
): EngineEvent => ({
  sequence: 0,
  timestamp: 0,
  resourcePreEvent: {
    metadata: {
      op,
      urn: urn("office-tunnel", TUNNEL_CONFIG_TYPE),
      type: TUNNEL_CONFIG_TYPE,
      ...(before ? { old: stateOf("office-tunnel", TUNNEL_CONFIG_TYPE, ingress(...before).inputs) } : {}),
      ...(after ? { new: stateOf("office-tunnel", TUNNEL_CONFIG_TYPE, ingress(...after).inputs) } : {}),
      provider: PROVIDER,
    },
  },
});

describe("countSteps", () => {
  it("counts one verdict per resource, each replacement's steps as one replace, in the engine's order", () => {
    const txt = "e.kuduskab.go.id/TXT/h0123456789abcdef";
    const events = numbered([
      { sequence: 0, timestamp: 0, preludeEvent: { config: {} } },
      event("same", "a.kuduskab.go.id"),
      event("create", "b.kuduskab.go.id"),
      event("update", "c.kuduskab.go.id"),
      // Delete-before-replace: the dependents' delete-replaced first, then the anchor's, then
      // replace → create-replacement for each still registered; the AAAA is not (A + AAAA → CNAME),
      // so it is deleted.
      event("delete-replaced", "e.kuduskab.go.id/AAAA/2001-db8--1"),
      event("delete-replaced", txt),
      event("delete-replaced", "e.kuduskab.go.id"),
      event("replace", "e.kuduskab.go.id"),
      event("create-replacement", "e.kuduskab.go.id"),
      event("replace", txt),
      event("create-replacement", txt),
      // Create-before-delete: create-replacement → replace, the old one deleted at the end.
      event("create-replacement", "f.kuduskab.go.id"),
      event("replace", "f.kuduskab.go.id"),
      event("refresh", "a.kuduskab.go.id"),
      event("create", "kudus", "pulumi:pulumi:Stack"),
      event("delete", "d.kuduskab.go.id"),
      event("delete-replaced", "f.kuduskab.go.id"),
      { sequence: 0, timestamp: 0, cancelEvent: {} },
    ]);
    const { total, byKind } = countSteps(events);
    expect(total).toEqual(counts({ same: 1, create: 1, update: 1, delete: 2, replace: 3 }));
    expect(byKind.dnsRecord).toEqual(total);
  });

  it.each([
    // [stream, replaced, same]: the recorded resources read as DNS records.
    ["delete-before-replace.jsonl", 2, 0],
    ["create-before-delete.jsonl", 1, 1],
  ])("reads the engine's own recorded stream %s", (file, replace, same) => {
    const events = readEventStream(file).map((e) => {
      const meta = e.resourcePreEvent?.metadata;
      if (meta?.type !== "pkgA:index:typ") return e;
      return {
        ...e,
        resourcePreEvent: { ...e.resourcePreEvent, metadata: { ...meta, type: DNS_RECORD_TYPE } },
      };
    });
    expect(countSteps(events).total).toEqual(counts({ replace, same }));
  });

  it("counts deleted Pages projects and domains as deletions too", () => {
    const { total, byKind } = countSteps([
      event("delete", "pages/disdik-kuduskab", PAGES_PROJECT_TYPE),
      event("delete", "pages-domain/disdik.kuduskab.go.id", PAGES_DOMAIN_TYPE),
      event("replace", "pages/pariwisata-kuduskab", PAGES_PROJECT_TYPE),
    ]);
    expect(byKind.pagesProject).toEqual(counts({ delete: 1, replace: 1 }));
    expect(byKind.pagesDomain).toEqual(counts({ delete: 1 }));
    expect(total).toEqual(counts({ delete: 2, replace: 1 }));
  });

  it("counts each tunnel ingress rule: emptying the list in one update is as many deletions", () => {
    const three: [string, string][] = [
      ["a.kuduskab.go.id", "http://10.10.20.5:80"],
      ["b.kuduskab.go.id", "http://10.10.20.6:80"],
      ["c.kuduskab.go.id", "http://10.10.20.7:80"],
    ];
    expect(countSteps([tunnelEvent("update", three, [])]).byKind.tunnelIngress).toEqual(
      counts({ delete: 3 }),
    );
    expect(
      countSteps([
        tunnelEvent("update", three, [
          ["a.kuduskab.go.id", "http://10.10.20.5:80"],
          ["b.kuduskab.go.id", "http://10.10.20.9:80"],
          ["d.kuduskab.go.id", "http://10.10.20.8:80"],
        ]),
      ]).byKind.tunnelIngress,
    ).toEqual(counts({ same: 1, update: 1, create: 1, delete: 1 }));
    expect(countSteps([tunnelEvent("delete", three, null)]).total).toEqual(counts({ delete: 3 }));
    expect(countSteps([tunnelEvent("create", null, three)]).total).toEqual(counts({ create: 3 }));
  });
});

describe("hosting accounts", () => {
  const account = hostingAccountName({ server: "srv-kudus-1", fqdn: "disdik.kuduskab.go.id" });
  const moved = hostingAccountName({ server: "srv-kudus-2", fqdn: "dinkes.kuduskab.go.id" });

  it("counts an account's delete and replace as risky, and leaves other commands out", () => {
    const { total, byKind } = countSteps(
      numbered([
        event("delete", account, HOSTING_ACCOUNT_TYPE),
        event("delete-replaced", moved, HOSTING_ACCOUNT_TYPE),
        event("replace", moved, HOSTING_ACCOUNT_TYPE),
        event("create-replacement", moved, HOSTING_ACCOUNT_TYPE),
        event("update", "akun/srv-kudus-1/dinsos.kuduskab.go.id", HOSTING_ACCOUNT_TYPE),
        // A command the program might run for something else is not an account.
        event("delete", "backup/srv-kudus-1", HOSTING_ACCOUNT_TYPE),
        event("delete", "akun", HOSTING_ACCOUNT_TYPE),
      ]),
    );
    expect(byKind.hostingAccount).toEqual(counts({ delete: 1, replace: 1, update: 1 }));
    expect(total).toEqual(counts({ delete: 1, replace: 1, update: 1 }));
  });

  it("counts accounts of the stack's state by type and URN", () => {
    expect(
      countManaged([
        { type: HOSTING_ACCOUNT_TYPE, urn: urn(account, HOSTING_ACCOUNT_TYPE) },
        { type: HOSTING_ACCOUNT_TYPE, urn: urn(moved, HOSTING_ACCOUNT_TYPE) },
        { type: HOSTING_ACCOUNT_TYPE, urn: urn("backup/srv-kudus-1", HOSTING_ACCOUNT_TYPE) },
        { type: HOSTING_ACCOUNT_TYPE },
        { type: DNS_RECORD_TYPE, urn: urn(account) },
      ]).hostingAccount,
    ).toBe(2);
  });

  it("names the accounts a refused plan would archive and remove, in both languages", () => {
    const refused = decideGate({
      counts: counts({ delete: 40 }),
      managedTotal: 100,
      maxShare: 0.3,
      force: false,
      accounts: 3,
    });
    expect(refused.allowed).toBe(false);
    expect(refused.message.id).toContain("3 akun hosting");
    expect(refused.message.id).toContain("diarsipkan");
    expect(refused.message.en).toContain("3 hosting accounts");
    expect(refused.message.en).toContain("archived");
  });
});

describe("countManaged", () => {
  it("counts records, Pages projects and domains, and ingress rules without the catch-all", () => {
    expect(
      countManaged([
        { type: DNS_RECORD_TYPE },
        { type: DNS_RECORD_TYPE },
        { type: PAGES_PROJECT_TYPE },
        { type: PAGES_DOMAIN_TYPE },
        { type: TUNNEL_CONFIG_TYPE, ...ingress(["a.kuduskab.go.id", "http://10.10.20.5:80"]) },
        { type: "pulumi:pulumi:Stack" },
        { type: "pulumi:providers:cloudflare" },
      ]),
    ).toEqual({ dnsRecord: 2, pagesProject: 1, pagesDomain: 1, tunnelIngress: 1, hostingAccount: 0 });
  });
});

describe("decideGate", () => {
  it.each([
    // [deletes, replaces, managed, force, allowed, limit]
    [0, 0, 100, false, true, 30],
    [30, 0, 100, false, true, 30],
    [20, 11, 100, false, false, 30],
    [31, 0, 100, true, true, 30],
    [5, 0, 9, false, true, 2],
    [3, 1, 10, false, false, 3],
  ])("%i deletes + %i replaces of %i (force %s) → allowed %s", (del, rep, managed, force, allowed, limit) => {
    const decision = decideGate({
      counts: counts({ delete: del, replace: rep }),
      managedTotal: managed,
      maxShare: 0.3,
      force,
      accounts: 0,
    });
    expect(decision.allowed).toBe(allowed);
    expect(decision.limit).toBe(limit);
    expect(decision.risky).toBe(del + rep);
  });

  it("says why and how to proceed, in both languages", () => {
    const refused = decideGate({
      counts: counts({ delete: 50 }),
      managedTotal: 100,
      maxShare: 0.3,
      force: false,
      accounts: 0,
    });
    expect(refused.message.id).toContain("50 dari 100");
    expect(refused.message.id).toContain("--force");
    expect(refused.message.en).toContain("50 of 100");
    expect(
      decideGate({
        counts: counts({ delete: 50 }),
        managedTotal: 100,
        maxShare: 0.6,
        force: false,
        accounts: 0,
      }).allowed,
    ).toBe(true);
  });
});

describe("hasChanges", () => {
  it("sees drift in anything but same", () => {
    expect(hasChanges({ same: 40 })).toBe(false);
    expect(hasChanges({ same: 40, update: 1 })).toBe(true);
    expect(hasChanges({ create: 0, same: 2 })).toBe(false);
  });
});

describe("renderGateSummary", () => {
  it("renders the counts table and the decision", () => {
    const c = counts({ create: 2, delete: 40, same: 60 });
    const decision = decideGate({ counts: c, managedTotal: 100, maxShare: 0.3, force: false, accounts: 0 });
    const zero = counts({});
    const text = renderGateSummary({
      stack: "kudus",
      steps: {
        total: c,
        byKind: {
          dnsRecord: c,
          pagesProject: zero,
          pagesDomain: zero,
          tunnelIngress: zero,
          hostingAccount: zero,
        },
      },
      managed: { dnsRecord: 100, pagesProject: 0, pagesDomain: 0, tunnelIngress: 0, hostingAccount: 0 },
      managedTotal: 100,
      decision,
      mode: "apply",
      applied: false,
    });
    expect(text).toContain("## ⛔ domainops apply: stack `kudus`");
    expect(text).toContain("| Rekaman DNS (DNS records) | 2 | 0 | **0** | **40** | 60 | 100 |");
    expect(text).toContain("| **Jumlah (total)** | 2 | 0 | **0** | **40** | 60 | 100 |");
    expect(text).toContain("Tidak ada yang diterapkan");
  });
});
