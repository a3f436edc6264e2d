import { describe, expect, it } from "vitest";
import {
  countDnsSteps,
  decideGate,
  hasChanges,
  type PreviewEvent,
  renderGateSummary,
  type StepCounts,
} from "../../src/core/gate.ts";
import { DNS_RECORD_TYPE, PAGES_PROJECT_TYPE } from "../../src/core/resources.ts";

const urn = (name: string, type = DNS_RECORD_TYPE) => `urn:pulumi:kudus::domainops::${type}::${name}`;
const event = (op: string, name: string, type = DNS_RECORD_TYPE): PreviewEvent => ({
  resourcePreEvent: { metadata: { op, urn: urn(name, type), type } },
});
const counts = (partial: Partial<StepCounts>): StepCounts => ({
  create: 0,
  update: 0,
  delete: 0,
  replace: 0,
  same: 0,
  ...partial,
});

describe("countDnsSteps", () => {
  it("counts one verdict per DNS record, a replacement's three steps as one replace", () => {
    const events: PreviewEvent[] = [
      { resourcePreEvent: undefined },
      event("same", "a.kuduskab.go.id"),
      event("create", "b.kuduskab.go.id"),
      event("update", "c.kuduskab.go.id"),
      event("delete", "d.kuduskab.go.id"),
      event("delete-replaced", "e.kuduskab.go.id"),
      event("replace", "e.kuduskab.go.id"),
      event("create-replacement", "e.kuduskab.go.id"),
      event("create", "pages/x", PAGES_PROJECT_TYPE),
      event("refresh", "a.kuduskab.go.id"),
    ];
    expect(countDnsSteps(events)).toEqual(counts({ same: 1, create: 1, update: 1, delete: 1, replace: 1 }));
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
    });
    expect(refused.message.id).toContain("50 dari 100");
    expect(refused.message.id).toContain("--force");
    expect(refused.message.en).toContain("50 of 100");
    expect(
      decideGate({ counts: counts({ delete: 50 }), managedTotal: 100, maxShare: 0.6, force: false }).allowed,
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
    const decision = decideGate({ counts: c, managedTotal: 100, maxShare: 0.3, force: false });
    const text = renderGateSummary({
      stack: "kudus",
      counts: c,
      managedTotal: 100,
      decision,
      mode: "apply",
      applied: false,
    });
    expect(text).toContain("## ⛔ domainops apply: stack `kudus`");
    expect(text).toContain("| **dihapus (delete)** | 40 |");
    expect(text).toContain("Tidak ada yang diterapkan");
  });
});
