/** The GraphQL read of an issue's last editor: what GitHub answers, and what is refused. */
import { describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { DomainopsError } from "../../src/core/errors.ts";
import { applicantProblem, intakeIssueComment } from "../../src/core/intake/pull.ts";

function adapterAnswering(status: number, answer: unknown) {
  const seen: { path: string; body: { query: string; variables: Record<string, unknown> } }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    seen.push({ path: url.pathname, body: JSON.parse(String(init?.body)) });
    return new Response(JSON.stringify(answer), { status, headers: { "content-type": "application/json" } });
  };
  const github = createGitHub({
    token: "ghs_test",
    owner: "diskominfo-kudus",
    repo: "domain",
    fetch,
    retries: 0,
    pacing: false,
  });
  return { github, seen };
}

const editorOf = (editor: unknown) => ({ data: { repository: { issueOrPullRequest: { editor } } } });

describe("fetchIssueEditor", () => {
  it("asks GraphQL for the issue's editor and returns the login, or null when never edited", async () => {
    const edited = adapterAnswering(200, editorOf({ login: "pengurus" }));
    expect(await edited.github.fetchIssueEditor(17)).toBe("pengurus");
    expect(edited.seen[0]?.path).toBe("/graphql");
    expect(edited.seen[0]?.body.variables).toEqual({ owner: "diskominfo-kudus", repo: "domain", number: 17 });
    expect(await adapterAnswering(200, editorOf(null)).github.fetchIssueEditor(17)).toBeNull();
  });

  it.each([
    ["an unknown number", { data: { repository: { issueOrPullRequest: null } } }, "tidak ditemukan"],
    ["a pull request's number", { data: { repository: { issueOrPullRequest: {} } } }, "tidak ditemukan"],
    ["an editor without a login", editorOf({}), "tak terbaca"],
    ["a GraphQL error", { data: null, errors: [{ message: "Something went wrong" }] }, "penyunting isu #17"],
  ])("fails on %s", async (_what, answer, message) => {
    const { github } = adapterAnswering(200, answer);
    const failure = await github.fetchIssueEditor(17).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainopsError);
    expect((failure as Error).message).toContain(message);
  });
});

describe("the applicant of an edited issue", () => {
  const author = { login: "opd-dinkes-admin", id: 5_000_001, type: "User" };
  it("is the author while nobody else edited the body", () => {
    expect(applicantProblem(author, null)).toBeNull();
    expect(applicantProblem(author, "OPD-DINKES-ADMIN")).toBeNull();
    expect(applicantProblem(author, "pengurus")?.en).toBe(
      "the request's issue was last edited by pengurus, not the applicant opd-dinkes-admin; approval withheld until the applicant checks and saves the issue again",
    );
  });

  it("is told on the issue with both logins escaped", () => {
    const body = intakeIssueComment({ kind: "edited", editor: "x](javascript:alert(1))", author: "a_b" });
    expect(body).toContain("x\\](javascript:alert(1))");
    expect(body).toContain("a\\_b");
    expect(body).toContain("(⋯ → Edit → Update)");
  });
});
