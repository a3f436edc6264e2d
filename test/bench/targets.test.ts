import { describe, expect, it } from "vitest";
import {
  accountsPlanTarget,
  importTarget,
  initTarget,
  judgeTarget,
  judgeTargets,
  median,
  siteTarget,
  type Target,
  validateTargets,
} from "../../scripts/bench/_targets.ts";

const seconds = (value: number | undefined, limit: number, compare: Target["compare"] = "<"): Target => ({
  label: "desired state",
  value,
  limit,
  compare,
  unit: "s",
});

describe("judgeTarget", () => {
  it.each([
    // [value, limit, compare, met]
    [2.99, 3, "<", true],
    [3, 3, "<", false],
    [3, 3, "<=", true],
    [3.01, 3, "<=", false],
    [undefined, 3, "<", false],
    [Number.NaN, 3, "<=", false],
    [Number.POSITIVE_INFINITY, 3, "<", false],
  ] as const)("%s %s %s → met %s", (value, limit, compare, met) => {
    expect(judgeTarget(seconds(value, limit, compare)).met).toBe(met);
  });

  it("says what was measured against which bound", () => {
    expect(judgeTarget(seconds(1.234, 3)).line).toBe("desired state: 1.23 s (target met: < 3 s)");
    expect(judgeTarget(seconds(31, 30)).line).toBe("desired state: 31 s (TARGET MISSED: < 30 s)");
    expect(judgeTarget(seconds(undefined, 30)).line).toBe(
      "desired state: not measured (TARGET MISSED: < 30 s)",
    );
  });
});

describe("judgeTargets", () => {
  it("exits 0 only when every target is met", () => {
    expect(judgeTargets([seconds(1, 3), seconds(10, 30)])).toMatchObject({ missed: 0, exitCode: 0 });
    const one = judgeTargets([seconds(1, 3), seconds(31, 30)]);
    expect(one).toMatchObject({ missed: 1, exitCode: 1 });
    expect(one.lines.at(-1)).toBe("1 of 2 target(s) missed");
  });

  it("fails a benchmark that judged nothing", () => {
    expect(judgeTargets([]).exitCode).toBe(1);
  });
});

describe("validateTargets", () => {
  const figures = { floor: 10, full: 15, oneFile: 0.9, fullRssMiB: 1000 };

  it("judges validate ÷ floor for every corpus, one file and memory only for the large one", () => {
    expect(validateTargets("is-a.dev", figures, false).map((t) => [t.label, t.value])).toEqual([
      ["is-a.dev: validate ÷ floor", 1.5],
    ]);
    expect(judgeTargets(validateTargets("synthetic", figures, true))).toMatchObject({
      missed: 0,
      exitCode: 0,
    });
  });

  it.each([
    ["validate slower than 1.5 × floor", { full: 15.1 }],
    ["one file takes a second", { oneFile: 1 }],
    ["peak memory reaches 1 GiB", { fullRssMiB: 1024 }],
  ])("misses when %s", (_, worse) => {
    expect(judgeTargets(validateTargets("synthetic", { ...figures, ...worse }, true)).exitCode).toBe(1);
  });
});

describe("importTarget", () => {
  it.each([
    [9.99, true],
    [10, false],
  ])("a 5,000-record import in %s s → met %s", (value, met) => {
    expect(judgeTarget(importTarget(value)).met).toBe(met);
  });
});

describe("median", () => {
  it("takes the middle run, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("initTarget", () => {
  it.each([
    [4.99, true],
    [5, false],
  ] as const)("%s s → met %s", (value, met) => {
    expect(judgeTarget(initTarget(value)).met).toBe(met);
  });
});

describe("accountsPlanTarget", () => {
  it.each([
    [1.99, true],
    [2, false],
  ] as const)("%s s → met %s", (value, met) => {
    expect(judgeTarget(accountsPlanTarget(value)).met).toBe(met);
  });
});

describe("siteTarget", () => {
  it("wants the site of 15,000 requests in under 5 s", () => {
    expect(judgeTarget(siteTarget(4.99)).met).toBe(true);
    expect(judgeTarget(siteTarget(5)).met).toBe(false);
    expect(judgeTarget(siteTarget(1.5)).line).toBe("site of 15,000 requests: 1.50 s (target met: < 5 s)");
    expect(judgeTarget(siteTarget(5.5, 500, " with 100 commits, after a push")).line).toBe(
      "site of 500 requests with 100 commits, after a push: 5.50 s (TARGET MISSED: < 5 s)",
    );
  });
});
