/** The pure parts of init and check: office values, the drift schedule, the init plan, drift findings. */
import { describe, expect, it } from "vitest";
import { diffGenerated } from "../../src/core/office/generated.ts";
import { planInit } from "../../src/core/office/init-plan.ts";
import { checkStackName, checkZoneName } from "../../src/core/office/office.ts";
import { driftCron } from "../../src/core/office/workflows.ts";

describe("office values", () => {
  it.each([
    ["kuduskab.go.id", true],
    ["desa.id", true],
    ["pemkab-buol.buolkab.go.id", true],
    ["xn--bcher-kva.go.id", false],
    ["kudus.go.id.", false],
    ["KUDUSKAB.go.id", false],
    ["kudus", false],
    ["kudus.go.123", false],
    [`${"a".repeat(64)}.go.id`, false],
    ["kudus .go.id", false],
  ])("zone %j valid: %s", (zone, valid) => {
    expect(checkZoneName(zone) === null).toBe(valid);
  });

  it.each([
    ["kudus", true],
    ["kudus-prod2", true],
    ["k", true],
    ["2kudus", false],
    ["kudus_prod", false],
    ["kudus--x", false],
    ["a".repeat(41), false],
    ["", false],
  ])("stack %j valid: %s", (stack, valid) => {
    expect(checkStackName(stack) === null).toBe(valid);
  });

  it("messages quote the value in both languages", () => {
    expect(checkZoneName("x y")).toEqual({
      id: expect.stringContaining('"x y" bukan nama DNS yang sah'),
      en: expect.stringContaining('"x y" is not a valid DNS name'),
    });
  });

  it.each([
    ["Asia/Jakarta", "23 1 * * *"],
    ["Asia/Makassar", "23 0 * * *"],
    ["Asia/Jayapura", "23 23 * * *"],
  ] as const)("the drift check of a %s office runs at 08:23 local time (%s UTC)", (zone, cron) => {
    expect(driftCron(zone)).toBe(cron);
  });
});

describe("planInit", () => {
  const files = [
    { path: "governance/sop.yaml", text: "new sop\n" },
    { path: "Pulumi.kudus.yaml", text: "new stack\n" },
    { path: "requests/.gitkeep", text: "" },
  ];

  it("into an empty folder writes everything and archives nothing", () => {
    const plan = planInit({ requests: [], stackFiles: [], current: new Map() }, files, false);
    expect(plan).toEqual({ refusals: [], archive: [], remove: [], write: files });
  });

  it("refuses requests and another stack without force, naming them", () => {
    const plan = planInit(
      { requests: ["dinkes.yaml"], stackFiles: ["Pulumi.lama.yaml"], current: new Map() },
      files,
      false,
    );
    expect(plan.refusals).toHaveLength(2);
    expect(plan.refusals[0]?.id).toContain("requests/dinkes.yaml");
    expect(plan.refusals[1]?.en).toContain("Pulumi.lama.yaml");
  });

  it("refuses to overwrite the same stack file holding other settings", () => {
    const current = new Map([["Pulumi.kudus.yaml", "real ids\n"]]);
    const plan = planInit({ requests: [], stackFiles: ["Pulumi.kudus.yaml"], current }, files, false);
    expect(plan.refusals.map((r) => r.en).join()).toContain("Pulumi.kudus.yaml exists and differs");
  });

  it("with force archives every replaced or removed file holding data, and leaves equal files alone", () => {
    const current = new Map<string, string | undefined>([
      ["governance/sop.yaml", "old sop\n"],
      ["Pulumi.kudus.yaml", "new stack\n"],
      ["requests/.gitkeep", ""],
    ]);
    const plan = planInit(
      { requests: ["dinkes.yaml"], stackFiles: ["Pulumi.kudus.yaml", "Pulumi.lama.yaml"], current },
      files,
      true,
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.remove).toEqual(["requests/dinkes.yaml", "Pulumi.lama.yaml"]);
    expect(plan.archive).toEqual(["requests/dinkes.yaml", "Pulumi.lama.yaml", "governance/sop.yaml"]);
    expect(plan.write.map((f) => f.path)).toEqual(["governance/sop.yaml"]);
  });
});

describe("diffGenerated", () => {
  const expected = [{ path: ".github/CODEOWNERS", text: "a\nb\nc\n", source: "governance/officials.yaml" }];

  it.each([
    ["a\nb\nc\n", []],
    ["a\nB\nc\n", [2]],
    ["a\nb\n", [3]],
    [undefined, [1]],
  ])("%j → findings at lines %j", (actual, lines) => {
    const found = diffGenerated(expected, new Map([[".github/CODEOWNERS", actual]]));
    expect(found.map((d) => d.line)).toEqual(lines);
    for (const d of found) expect(d).toMatchObject({ rule: "generated-drift", severity: "error", column: 1 });
  });
});
