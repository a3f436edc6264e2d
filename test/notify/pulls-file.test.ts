import { describe, expect, it } from "vitest";
import { parseSavedPulls, SAVED_PULLS_MAX } from "../../src/core/reports/pulls-file.ts";

const pull = (number: number, extra: Record<string, unknown> = {}) => ({
  number,
  state: "closed",
  title: "Permohonan subdomain dinkes",
  user: { id: 7, login: "pemohon" },
  created_at: "2026-11-02T01:00:00Z",
  merged_at: "2026-11-03T04:00:00Z",
  closed_at: "2026-11-03T04:00:00Z",
  head: { sha: "a".repeat(40) },
  base: { sha: "b".repeat(40), ref: "main" },
  ...extra,
});
const review = {
  id: 1,
  user: { id: 9, login: "kadis" },
  state: "APPROVED",
  commit_id: "a".repeat(40),
  submitted_at: "2026-11-02T02:00:00Z",
};
const file = { filename: "requests/dinkes.yaml", status: "added" };

describe("saved pull requests", () => {
  it("reads each pull request with its reviews, files, title and closing time", () => {
    const parsed = parseSavedPulls([{ pull: pull(12), reviews: [review], files: [file] }]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toHaveLength(1);
    expect(parsed.value[0]).toMatchObject({
      pull: { number: 12, user: { login: "pemohon" }, merged_at: "2026-11-03T04:00:00Z" },
      reviews: [{ id: 1, state: "APPROVED", user: { login: "kadis" } }],
      files: [file],
      title: "Permohonan subdomain dinkes",
      closedAt: "2026-11-03T04:00:00Z",
    });
  });

  it("keeps an open one open, with no title when the answer has none", () => {
    const parsed = parseSavedPulls([
      {
        pull: pull(3, { state: "open", merged_at: null, closed_at: null, title: 5 }),
        reviews: [],
        files: [],
      },
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      value: [{ title: "", closedAt: null, pull: { merged_at: null } }],
    });
  });

  it.each([
    [{}, "not a JSON array"],
    [[1], "[0]: not an object"],
    [[{ pull: { number: 1 }, reviews: [], files: [] }], "[0].pull: missing user"],
    [[{ pull: pull(1), reviews: {}, files: [] }], "[0].reviews: not a list"],
    [[{ pull: pull(1), reviews: [], files: [{ filename: 1 }] }], "[0].files: file [0] lacks"],
    [
      [
        { pull: pull(1), reviews: [], files: [] },
        { pull: pull(1), reviews: [], files: [] },
      ],
      "[1].pull: #1 is listed twice",
    ],
  ])("refuses %j, naming where", (json, error) => {
    const parsed = parseSavedPulls(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it("refuses more pull requests than it is built for", () => {
    const parsed = parseSavedPulls({ length: SAVED_PULLS_MAX + 1 } as unknown as unknown[]);
    expect(parsed.ok).toBe(false);
    const big = new Array(SAVED_PULLS_MAX + 1).fill(0);
    expect(parseSavedPulls(big)).toEqual({ ok: false, error: `more than ${SAVED_PULLS_MAX} pull requests` });
  });
});
