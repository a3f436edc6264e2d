import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../src/core/suggest.ts";

describe("editDistance", () => {
  it.each([
    ["format", "format", 0],
    ["formt", "format", 1], // deletion
    ["formatt", "format", 1], // insertion
    ["furmat", "format", 1], // substitution
    ["fromat", "format", 1], // neighbours swapped
    ["", "abc", 3],
    ["abc", "", 3],
    ["stak", "stack", 1],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3], // a swap is of neighbours only, not then edited again
  ])("%s → %s: %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("suggest", () => {
  const flags = ["root", "stack", "format", "help", "preview-only"];

  it.each([
    ["formt", "format"], // 5 letters: up to two edits
    ["fxrmt", "format"], // two edits
    ["frmt", undefined], // 4 letters: one edit only, this is two
    ["fomat", "format"],
    ["rot", "root"], // 3 letters: one edit
    ["ro", undefined], // under 3: no guess
    ["x", undefined],
    ["stakk", "stack"],
    ["previw-onyl", "preview-only"],
    ["zzzzzz", undefined],
  ])("%s → %s", (word, expected) => {
    expect(suggest(word, flags)).toBe(expected);
  });

  it("under three letters, not even one edit is a typo", () => {
    expect(suggest("x", ["h", "v"])).toBeUndefined();
    expect(suggest("ab", ["abc", "b"])).toBeUndefined();
    expect(suggest("ab", ["ab"])).toBe("ab");
  });

  it("the closest wins, and the first listed among equals", () => {
    expect(suggest("plam", ["plan", "plain"])).toBe("plan");
    expect(suggest("plax", ["plan", "play"])).toBe("plan");
    expect(suggest("plax", ["play", "plan"])).toBe("play");
    expect(suggest("diffs", ["diff", "differ"])).toBe("diff");
  });
});
