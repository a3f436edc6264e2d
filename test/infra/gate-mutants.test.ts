/**
 * The deletion gate, pinned down exactly: every preview operation's verdict, which verdict wins when
 * one resource shows several steps, how tunnel ingress rules are read and counted, each branch of the
 * decision with its full message, and the rendered lines. A change to the gate's arithmetic or
 * wording must fail here.
 */
import { describe, expect, it } from "vitest";
import {
  countManaged,
  countSteps,
  decideGate,
  type GateDecision,
  type PreviewEvent,
  renderGateSummary,
  renderStepLine,
  type StateResource,
  type StepCounts,
  type StepState,
} from "../../src/core/infra/gate.ts";
import {
  DNS_RECORD_TYPE,
  HOSTING_ACCOUNT_TYPE,
  PAGES_DOMAIN_TYPE,
  PAGES_PROJECT_TYPE,
  TUNNEL_CONFIG_TYPE,
} from "../../src/core/infra/resources.ts";

const counts = (partial: Partial<StepCounts> = {}): StepCounts => ({
  create: 0,
  update: 0,
  delete: 0,
  replace: 0,
  same: 0,
  ...partial,
});
const urn = (name: string, type: string) => `urn:pulumi:kudus::domainops::${type}::${name}`;
const step = (
  op: string,
  name: string,
  type = DNS_RECORD_TYPE,
  extra: Partial<StepMeta> = {},
): PreviewEvent => ({
  resourcePreEvent: { metadata: { op, urn: urn(name, type), type, ...extra } },
});
type StepMeta = { old?: StepState; new?: StepState };

const rules = (...pairs: [string, string][]): StepState => ({
  inputs: {
    config: {
      ingresses: [
        ...pairs.map(([hostname, service]) => ({ hostname, service })),
        { service: "http_status:404" },
      ],
    },
  },
});
const tunnel = (op: string, before?: StepState, after?: StepState): PreviewEvent =>
  step(op, "office-tunnel", TUNNEL_CONFIG_TYPE, {
    ...(before ? { old: before } : {}),
    ...(after ? { new: after } : {}),
  });

const A: [string, string] = ["a.kuduskab.go.id", "http://10.10.20.5:80"];
const B: [string, string] = ["b.kuduskab.go.id", "http://10.10.20.6:80"];
const C: [string, string] = ["c.kuduskab.go.id", "http://10.10.20.7:80"];

describe("countSteps: one verdict per operation", () => {
  it.each<[string, Partial<StepCounts>]>([
    ["create", { create: 1 }],
    ["import", { create: 1 }],
    ["delete", { delete: 1 }],
    ["discard", { delete: 1 }],
    ["update", { update: 1 }],
    ["same", { same: 1 }],
    ["read", { same: 1 }],
    ["refresh", { same: 1 }],
    ["replace", { replace: 1 }],
    ["create-replacement", { replace: 1 }],
    // Alone (a dependent deleted with its anchor and not registered again) it is a deletion.
    ["delete-replaced", { delete: 1 }],
    ["discard-replaced", { delete: 1 }],
    ["", {}],
    ["remove", {}],
    ["import-replacement", {}],
  ])("op %j counts as %j", (op, expected) => {
    const { total, byKind } = countSteps([step(op, "x.kuduskab.go.id")]);
    expect(byKind).toEqual({
      dnsRecord: counts(expected),
      pagesProject: counts(),
      pagesDomain: counts(),
      tunnelIngress: counts(),
      hostingAccount: counts(),
    });
    expect(total).toEqual(counts(expected));
  });

  it.each<[string[], keyof StepCounts]>([
    [["same", "update"], "update"],
    [["update", "same"], "update"],
    [["update", "create"], "create"],
    [["create", "update"], "create"],
    [["create", "delete"], "delete"],
    [["delete", "create"], "delete"],
    [["delete", "replace"], "replace"],
    [["replace", "delete"], "replace"],
    [["same", "delete", "read"], "delete"],
    [["refresh", "same"], "same"],
  ])("steps %j of one record are one %s", (ops, verdict) => {
    const { total } = countSteps(ops.map((op) => step(op, "x.kuduskab.go.id", PAGES_DOMAIN_TYPE)));
    expect(total).toEqual(counts({ [verdict]: 1 }));
  });

  it("keeps resources with different URNs apart, and ignores unmanaged types", () => {
    const { total, byKind } = countSteps([
      step("delete", "a", DNS_RECORD_TYPE),
      step("delete", "b", DNS_RECORD_TYPE),
      step("create", "p", PAGES_PROJECT_TYPE),
      step("delete", "stack", "pulumi:pulumi:Stack"),
      step("delete", "provider", "pulumi:providers:cloudflare"),
      step("delete", "o", "constructor"),
      step("delete", "o", "toString"),
    ]);
    expect(byKind.dnsRecord).toEqual(counts({ delete: 2 }));
    expect(byKind.pagesProject).toEqual(counts({ create: 1 }));
    expect(byKind.pagesDomain).toEqual(counts());
    expect(total).toEqual(counts({ delete: 2, create: 1 }));
  });
});

describe("hosting accounts: a local command named akun/…", () => {
  const accountUrn =
    "urn:pulumi:kudus::domainops::command:local:Command::akun/srv-kudus-1/disdik.kuduskab.go.id";
  it.each<[string, string, string, boolean]>([
    ["an account", HOSTING_ACCOUNT_TYPE, accountUrn, true],
    [
      "an account under a parent component (the URN's type is qualified)",
      HOSTING_ACCOUNT_TYPE,
      "urn:pulumi:kudus::domainops::domainops:Office$command:local:Command::akun/srv-kudus-1/a.kuduskab.go.id",
      true,
    ],
    [
      "the prefix alone names an account",
      HOSTING_ACCOUNT_TYPE,
      `${urn("", HOSTING_ACCOUNT_TYPE)}akun/`,
      true,
    ],
    [
      "another command",
      HOSTING_ACCOUNT_TYPE,
      "urn:pulumi:kudus::domainops::command:local:Command::backup/srv-kudus-1",
      false,
    ],
    [
      "a name that only contains the prefix",
      HOSTING_ACCOUNT_TYPE,
      "urn:pulumi:kudus::domainops::command:local:Command::x-akun/srv/a",
      false,
    ],
    ["the prefix without its slash", HOSTING_ACCOUNT_TYPE, `${urn("akun", HOSTING_ACCOUNT_TYPE)}`, false],
    [
      "the prefix in the project, not the name",
      HOSTING_ACCOUNT_TYPE,
      "urn:pulumi:kudus::akun/x::command:local:Command::other",
      false,
    ],
    [
      "the prefix in the type segment",
      HOSTING_ACCOUNT_TYPE,
      "urn:pulumi:kudus::domainops::akun/x::other",
      false,
    ],
    ["a URN too short to hold a name", HOSTING_ACCOUNT_TYPE, "akun/srv/a", false],
    ["a remote command with an account's name", "command:remote:Command", accountUrn, false],
  ])("%s → %s", (_label, type, urnText, isAccount) => {
    const one = isAccount ? 1 : 0;
    const { total, byKind } = countSteps([
      { resourcePreEvent: { metadata: { op: "delete", urn: urnText, type } } },
    ]);
    expect(byKind.hostingAccount).toEqual(counts({ delete: one }));
    expect(total).toEqual(counts({ delete: one }));
    expect(countManaged([{ type, urn: urnText }]).hostingAccount).toBe(one);
  });

  it("an account in the state without a URN is not counted", () => {
    expect(countManaged([{ type: HOSTING_ACCOUNT_TYPE }])).toEqual({
      dnsRecord: 0,
      pagesProject: 0,
      pagesDomain: 0,
      tunnelIngress: 0,
      hostingAccount: 0,
    });
  });

  it("one verdict per account, the strongest of its steps", () => {
    const { byKind } = countSteps([
      {
        resourcePreEvent: {
          metadata: { op: "delete-replaced", urn: accountUrn, type: HOSTING_ACCOUNT_TYPE },
        },
      },
      { resourcePreEvent: { metadata: { op: "replace", urn: accountUrn, type: HOSTING_ACCOUNT_TYPE } } },
      {
        resourcePreEvent: {
          metadata: { op: "create-replacement", urn: accountUrn, type: HOSTING_ACCOUNT_TYPE },
        },
      },
    ]);
    expect(byKind.hostingAccount).toEqual(counts({ replace: 1 }));
  });
});

describe("countSteps: tunnel ingress rules", () => {
  it.each<[string, PreviewEvent[], Partial<StepCounts>]>([
    ["unchanged rules are same", [tunnel("same", rules(A, B), rules(A, B))], { same: 2 }],
    [
      "two rules kept, one service changed",
      [tunnel("update", rules(A, B, C), rules(A, B, [C[0], "http://10.10.20.9:80"]))],
      { same: 2, update: 1 },
    ],
    [
      "a created configuration ignores any old inputs",
      [tunnel("create", rules(A), rules(A, B))],
      { create: 2 },
    ],
    [
      "a deleted configuration ignores any new inputs",
      [tunnel("delete", rules(A, B), rules(A))],
      { delete: 2 },
    ],
    ["a created configuration without old inputs", [tunnel("create", undefined, rules(A))], { create: 1 }],
    ["a deleted configuration without new inputs", [tunnel("delete", rules(A, C), undefined)], { delete: 2 }],
    ["an update without any inputs counts nothing", [tunnel("update")], {}],
    [
      "the strongest verdict of several steps decides, inputs merged from all",
      [tunnel("create", undefined, rules(A, B)), tunnel("same", rules(A), undefined)],
      { create: 2 },
    ],
    [
      "a later weaker step does not lower the verdict",
      [tunnel("delete", rules(A, B), undefined), tunnel("update", undefined, rules(A))],
      { delete: 2 },
    ],
    [
      "a later stronger step raises it",
      [tunnel("same", rules(A, B), undefined), tunnel("delete", undefined, rules(A))],
      { delete: 2 },
    ],
    ["an unknown operation is left out", [tunnel("remove", rules(A), rules())], {}],
    [
      "a rule without a service on both sides is the same rule, and a missing service reads as empty",
      [
        tunnel(
          "update",
          {
            inputs: {
              config: { ingresses: [{ hostname: "a" }, { hostname: "b" }, { hostname: "c", service: 1 }] },
            },
          },
          {
            inputs: {
              config: { ingresses: [{ hostname: "a" }, { hostname: "b", service: "" }, { hostname: "c" }] },
            },
          },
        ),
      ],
      { same: 3 },
    ],
  ])("%s", (_label, events, expected) => {
    const { total, byKind } = countSteps(events);
    expect(byKind.tunnelIngress).toEqual(counts(expected));
    expect(byKind.dnsRecord).toEqual(counts());
    expect(total).toEqual(counts(expected));
  });
});

describe("countManaged", () => {
  const tunnelWith = (inputs: Record<string, unknown> | undefined): StateResource => ({
    type: TUNNEL_CONFIG_TYPE,
    ...(inputs ? { inputs } : {}),
  });
  it.each<[string, StateResource[], number]>([
    ["no inputs", [tunnelWith(undefined)], 0],
    ["no config", [tunnelWith({})], 0],
    ["a null config", [tunnelWith({ config: null })], 0],
    ["a config that is a string", [tunnelWith({ config: "x" })], 0],
    ["a config without ingresses", [tunnelWith({ config: {} })], 0],
    ["ingresses that are not a list", [tunnelWith({ config: { ingresses: { hostname: "a" } } })], 0],
    [
      "null, string and host-less rules are skipped",
      [tunnelWith({ config: { ingresses: [null, "a.kuduskab.go.id", { service: "x" }, { hostname: 5 }] } })],
      0,
    ],
    [
      "a rule without a service still counts, once per hostname",
      [
        tunnelWith({
          config: { ingresses: [{ hostname: "a" }, { hostname: "b", service: 1 }, { hostname: "a" }] },
        }),
      ],
      2,
    ],
    ["two configurations add up", [tunnelWith(rules(A, B).inputs), tunnelWith(rules(C).inputs)], 3],
    [
      "only the tunnel configuration's ingresses count",
      [{ type: DNS_RECORD_TYPE, inputs: rules(A, B).inputs as Record<string, unknown> }],
      0,
    ],
  ])("tunnel rules: %s", (_label, resources, expected) => {
    expect(countManaged(resources).tunnelIngress).toBe(expected);
  });

  it("counts each kind and skips resources without a type", () => {
    expect(
      countManaged([
        {},
        { type: DNS_RECORD_TYPE },
        { type: PAGES_PROJECT_TYPE },
        { type: PAGES_PROJECT_TYPE },
        { type: PAGES_DOMAIN_TYPE },
        { type: "pulumi:pulumi:Stack" },
      ]),
    ).toEqual({ dnsRecord: 1, pagesProject: 2, pagesDomain: 1, tunnelIngress: 0, hostingAccount: 0 });
  });

  it("a service change is an update, an equal service same", () => {
    const { total } = countSteps([
      tunnel("update", rules(A, B, C), rules(A, B, [C[0], "http://10.10.20.8:80"])),
    ]);
    expect(total).toEqual(counts({ same: 2, update: 1 }));
  });
});

describe("decideGate", () => {
  const decide = (
    del: number,
    rep: number,
    managed: number,
    maxShare = 0.3,
    force = false,
    accounts = 0,
  ): GateDecision =>
    decideGate({
      counts: counts({ delete: del, replace: rep, create: 7, update: 5, same: 3 }),
      managedTotal: managed,
      maxShare,
      force,
      accounts,
    });

  it("nothing risky: allowed, with the counts and the limit", () => {
    expect(decide(0, 0, 100)).toEqual({
      allowed: true,
      risky: 0,
      limit: 30,
      exempt: false,
      message: {
        id: "0 dari 100 objek (rekaman DNS, Pages, aturan tunnel, akun hosting) dihapus/diganti, dalam batas 30% (30).",
        en: "0 of 100 managed objects (DNS records, Pages, tunnel rules, hosting accounts) deleted/replaced, within the 30% limit (30).",
      },
    });
  });

  it("within the limit: allowed, with the counts and the limit", () => {
    expect(decide(20, 10, 100)).toEqual({
      allowed: true,
      risky: 30,
      limit: 30,
      exempt: false,
      message: {
        id: "30 dari 100 objek (rekaman DNS, Pages, aturan tunnel, akun hosting) dihapus/diganti, dalam batas 30% (30).",
        en: "30 of 100 managed objects (DNS records, Pages, tunnel rules, hosting accounts) deleted/replaced, within the 30% limit (30).",
      },
    });
  });

  it("over the limit: refused, saying how to proceed", () => {
    expect(decide(20, 11, 100)).toEqual({
      allowed: false,
      risky: 31,
      limit: 30,
      exempt: false,
      message: {
        id: "Ditolak: 31 dari 100 objek akan dihapus/diganti, melebihi batas 30% (30). Periksa rencananya; bila memang disengaja, jalankan ulang dengan --force.",
        en: "Refused: 31 of 100 managed objects would be deleted/replaced, over the 30% limit (30). Check the plan; if it is intended, run again with --force.",
      },
    });
  });

  it("over the limit with force: allowed, saying it was forced", () => {
    expect(decide(31, 0, 100, 0.3, true)).toEqual({
      allowed: true,
      risky: 31,
      limit: 30,
      exempt: false,
      message: {
        id: "31 dari 100 objek (rekaman DNS, Pages, aturan tunnel, akun hosting) dihapus/diganti, melebihi batas 30% (30), dipaksa dengan --force.",
        en: "31 of 100 managed objects (DNS records, Pages, tunnel rules, hosting accounts) deleted/replaced, over the 30% limit (30), forced with --force.",
      },
    });
  });

  it("a small stack is exempt, and says so only when something is deleted", () => {
    expect(decide(9, 0, 9)).toEqual({
      allowed: true,
      risky: 9,
      limit: 2,
      exempt: true,
      message: {
        id: "Stack baru mengelola 9 objek (< 10); batas 30% tidak diperiksa.",
        en: "The stack manages only 9 objects (< 10); the 30% limit is not checked.",
      },
    });
    expect(decide(0, 0, 9).message).toEqual({
      id: "0 dari 9 objek (rekaman DNS, Pages, aturan tunnel, akun hosting) dihapus/diganti, dalam batas 30% (2).",
      en: "0 of 9 managed objects (DNS records, Pages, tunnel rules, hosting accounts) deleted/replaced, within the 30% limit (2).",
    });
    expect(decide(0, 0, 9).exempt).toBe(true);
    expect(decide(1, 0, 9).message.en).toBe(
      "The stack manages only 9 objects (< 10); the 30% limit is not checked.",
    );
  });

  it.each<[number, number, number, number, boolean, number, boolean]>([
    // deletes, replaces, managed, share → allowed, limit, exempt
    [10, 0, 10, 0.3, false, 3, false],
    [3, 0, 10, 0.3, true, 3, false],
    [4, 0, 10, 0.3, false, 3, false],
    [0, 4, 10, 0.3, false, 3, false],
    [2, 2, 10, 0.3, false, 3, false],
    [1, 0, 10, 0, false, 0, false],
    [0, 0, 10, 0, true, 0, false],
    [9, 0, 9, 0, true, 0, true],
    [29, 0, 99, 0.3, true, 29, false],
    [30, 0, 99, 0.3, false, 29, false],
    [50, 0, 100, 0.5, true, 50, false],
    [51, 0, 100, 0.5, false, 50, false],
    [1, 0, 1000, 0.001, true, 1, false],
  ])(
    "%i deletes + %i replaces of %i at share %d → allowed %s, limit %i",
    (del, rep, managed, share, allowed, limit, exempt) => {
      const decision = decide(del, rep, managed, share);
      expect([decision.allowed, decision.limit, decision.risky, decision.exempt]).toEqual([
        allowed,
        limit,
        del + rep,
        exempt,
      ]);
    },
  );

  const ACCOUNT_ID = (n: number) =>
    ` Di antaranya ${n} akun hosting: masing-masing akan diarsipkan (web root dan dump database) lalu dihapus dari servernya.`;
  it.each<[string, GateDecision, string, string]>([
    [
      "within the limit",
      decide(2, 1, 100, 0.3, false, 1),
      `3 dari 100 objek (rekaman DNS, Pages, aturan tunnel, akun hosting) dihapus/diganti, dalam batas 30% (30).${ACCOUNT_ID(1)}`,
      "3 of 100 managed objects (DNS records, Pages, tunnel rules, hosting accounts) deleted/replaced, within the 30% limit (30). Among them 1 hosting account: each would be archived (web root and database dump), then removed from its server.",
    ],
    [
      "a small stack",
      decide(2, 0, 5, 0.3, false, 2),
      `Stack baru mengelola 5 objek (< 10); batas 30% tidak diperiksa.${ACCOUNT_ID(2)}`,
      "The stack manages only 5 objects (< 10); the 30% limit is not checked. Among them 2 hosting accounts: each would be archived (web root and database dump), then removed from its server.",
    ],
    [
      "forced",
      decide(40, 0, 100, 0.3, true, 12),
      `40 dari 100 objek (rekaman DNS, Pages, aturan tunnel, akun hosting) dihapus/diganti, melebihi batas 30% (30), dipaksa dengan --force.${ACCOUNT_ID(12)}`,
      "40 of 100 managed objects (DNS records, Pages, tunnel rules, hosting accounts) deleted/replaced, over the 30% limit (30), forced with --force. Among them 12 hosting accounts: each would be archived (web root and database dump), then removed from its server.",
    ],
    [
      "refused",
      decide(40, 0, 100, 0.3, false, 1),
      `Ditolak: 40 dari 100 objek akan dihapus/diganti, melebihi batas 30% (30).${ACCOUNT_ID(1)} Periksa rencananya; bila memang disengaja, jalankan ulang dengan --force.`,
      "Refused: 40 of 100 managed objects would be deleted/replaced, over the 30% limit (30). Among them 1 hosting account: each would be archived (web root and database dump), then removed from its server. Check the plan; if it is intended, run again with --force.",
    ],
  ])("names the accounts archived and removed: %s", (_label, decision, id, en) => {
    expect(decision.message).toEqual({ id, en });
  });

  it("the accounts do not change the arithmetic", () => {
    expect(decide(31, 0, 100, 0.3, false, 31)).toMatchObject({ allowed: false, risky: 31, limit: 30 });
    expect(decide(30, 0, 100, 0.3, false, 30)).toMatchObject({ allowed: true, risky: 30, limit: 30 });
  });

  it("writes the share as a whole percentage", () => {
    expect(decide(60, 0, 100, 0.555).message.id).toBe(
      "Ditolak: 60 dari 100 objek akan dihapus/diganti, melebihi batas 56% (55). Periksa rencananya; bila memang disengaja, jalankan ulang dengan --force.",
    );
  });
});

describe("rendering", () => {
  it("renderStepLine", () => {
    expect(renderStepLine(counts({ create: 1, update: 2, replace: 3, delete: 4, same: 5 }), 17)).toBe(
      "Objek dikelola (managed objects): 1 dibuat/create, 2 diubah/update, 3 diganti/replace, 4 dihapus/delete, 5 tetap/same; 17 dikelola sebelum ini (managed before).",
    );
  });

  const summary = (mode: "preview" | "apply" | "drift", applied: boolean, allowed: boolean): string => {
    const total = counts({ create: 1, update: 2, replace: 3, delete: 4, same: 5 });
    return renderGateSummary({
      stack: "kudus",
      steps: {
        total,
        byKind: {
          dnsRecord: counts({ create: 1, delete: 4, same: 5 }),
          pagesProject: counts({ update: 2 }),
          pagesDomain: counts({ replace: 3 }),
          tunnelIngress: counts(),
          hostingAccount: counts({ delete: 1 }),
        },
      },
      managed: { dnsRecord: 10, pagesProject: 2, pagesDomain: 3, tunnelIngress: 4, hostingAccount: 5 },
      managedTotal: 24,
      decision: {
        allowed,
        risky: 7,
        limit: 5,
        exempt: false,
        message: { id: "Pesan keputusan.", en: "Decision message." },
      },
      mode,
      applied,
    });
  };
  const table = [
    "| Objek (object) | dibuat (create) | diubah (update) | **diganti (replace)** | **dihapus (delete)** | tetap (same) | dikelola sebelum ini (managed before) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    "| Rekaman DNS (DNS records) | 1 | 0 | **0** | **4** | 5 | 10 |",
    "| Proyek Pages (Pages projects) | 0 | 2 | **0** | **0** | 0 | 2 |",
    "| Domain Pages (Pages domains) | 0 | 0 | **3** | **0** | 0 | 3 |",
    "| Aturan tunnel (tunnel ingress rules) | 0 | 0 | **0** | **0** | 0 | 4 |",
    "| Akun hosting (hosting accounts) | 0 | 0 | **0** | **1** | 0 | 5 |",
    "| **Jumlah (total)** | 1 | 2 | **3** | **4** | 5 | 24 |",
    "",
    "Pesan keputusan.",
    "",
    "_Decision message._",
    "",
  ];

  it.each<[string, "preview" | "apply" | "drift", boolean, boolean, string[]]>([
    [
      "applied",
      "apply",
      true,
      true,
      ["## ✅ domainops apply: stack `kudus`", "", ...table, "Perubahan diterapkan (changes applied).", ""],
    ],
    [
      "refused",
      "apply",
      false,
      false,
      [
        "## ⛔ domainops apply: stack `kudus`",
        "",
        ...table,
        "Tidak ada yang diterapkan (nothing applied).",
        "",
      ],
    ],
    ["a preview", "preview", false, true, ["## ✅ domainops preview: stack `kudus`", "", ...table]],
    ["a drift check", "drift", true, false, ["## ⛔ domainops drift: stack `kudus`", "", ...table]],
  ])("renderGateSummary: %s", (_label, mode, applied, allowed, expected) => {
    expect(summary(mode, applied, allowed)).toBe(expected.join("\n"));
  });
});
