/**
 * A fake GitHub REST API at the `fetch` level (octokit's `request.fetch`), serving recorded
 * response shapes and recording every call. Comments are stateful so a second run sees the first.
 */
import { readFileSync } from "node:fs";

export const FIXTURES = new URL("../fixtures/approvals/", import.meta.url).pathname;
export const API = "https://api.github.com";
export const REPO = "/repos/diskominfo-kudus/domain";

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")) as T;
}

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; id: number; type: string };
}

export interface FakeOptions {
  pull?: Record<string, unknown>;
  reviewsPages?: unknown[][];
  files?: unknown[];
  /** `null` = GET /user is forbidden (GITHUB_TOKEN). */
  me?: { login: string; id: number } | null;
  comments?: Comment[];
  /** Base-branch contents by path (raw YAML text); absent = 404. */
  contents?: Record<string, string>;
  commitPulls?: unknown[];
  /** GET /pulls/42/commits; default: the recorded two commits of the PR's author. */
  commits?: unknown[];
  /** More pull requests by number, each with its reviews, files and commits (default: none). */
  pulls?: Record<number, { pull: unknown; reviews?: unknown[]; files?: unknown[]; commits?: unknown[] }>;
  /** GET /commits/{sha}/pulls by commit; falls back to `commitPulls`. */
  commitPullsBySha?: Record<string, unknown[]>;
  /** The repository's default branch (GET /repos/{o}/{r}). */
  defaultBranch?: string;
  /** GET /users/{login}/keys by login (absent: 404). */
  userKeys?: Record<string, unknown[]>;
  /** Issues by number (GET /issues/{n}); PATCH changes their state; comments on them are recorded. */
  issues?: Record<
    number,
    {
      user: unknown;
      state: string;
      labels?: string[];
      pull_request?: unknown;
      /** Who last edited the body (GraphQL `editor`); absent or null: never edited. */
      editor?: string | null;
    }
  >;
  /** Fail the first N requests to this "METHOD path" with 502. */
  flaky?: { route: string; times: number };
}

function json(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-remaining": "4999",
      ...headers,
    },
  });
}

/**
 * The GraphQL answer to the issue-editor query (`issueOrPullRequest(number) { ... on Issue { editor
 * { login } } }`): the editor of a known issue, `{}` for a pull request, null for an unknown number.
 */
export function editorAnswer(
  issues: Record<number, { editor?: string | null; pull_request?: unknown }> | undefined,
  body: { query?: string; variables?: { number?: number } } | undefined,
): unknown {
  if (!body?.query?.includes("issueOrPullRequest"))
    throw new Error(`unexpected GraphQL query: ${body?.query}`);
  const issue = issues?.[Number(body.variables?.number)];
  const node =
    issue === undefined
      ? null
      : issue.pull_request
        ? {}
        : { editor: issue.editor ? { login: issue.editor } : null };
  return { repository: { issueOrPullRequest: node } };
}

export function fakeGitHub(options: FakeOptions) {
  const calls: Call[] = [];
  const comments: Comment[] = [...(options.comments ?? [])];
  let nextCommentId = 1_500_000_001;
  let flakyLeft = options.flaky?.times ?? 0;
  const botUser = options.me
    ? { ...options.me, type: "User" }
    : { login: "github-actions[bot]", id: 41898282, type: "Bot" };

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" && init.body !== "" ? JSON.parse(init.body) : undefined;
    const path = url.pathname;
    calls.push({ method, path, query: url.searchParams, body });
    const route = `${method} ${path}`;
    if (options.flaky && route === options.flaky.route && flakyLeft > 0) {
      flakyLeft -= 1;
      return json(502, { message: "Server Error" });
    }
    const page = Number(url.searchParams.get("page") ?? "1");

    const numbered = new RegExp(`^GET ${REPO}/pulls/(\\d+)(/reviews|/files|/commits)?$`).exec(route);
    const extra = numbered ? options.pulls?.[Number(numbered[1])] : undefined;
    if (numbered && extra) {
      const part = numbered[2];
      if (part === "/reviews") return json(200, page === 1 ? (extra.reviews ?? []) : []);
      if (part === "/files") return json(200, page === 1 ? (extra.files ?? []) : []);
      if (part === "/commits") return json(200, page === 1 ? (extra.commits ?? fixture("commits.json")) : []);
      return json(200, extra.pull);
    }
    if (route === `GET ${REPO}/pulls/42`) return json(200, options.pull ?? fixture("pull.json"));
    if (route === `GET ${REPO}/pulls/42/reviews`) {
      const pages = options.reviewsPages ?? [fixture("reviews-page1.json"), fixture("reviews-page2.json")];
      const link: Record<string, string> =
        page < pages.length
          ? {
              link: `<${API}${REPO}/pulls/42/reviews?per_page=100&page=${page + 1}>; rel="next", <${API}${REPO}/pulls/42/reviews?per_page=100&page=${pages.length}>; rel="last"`,
            }
          : {};
      return json(200, pages[page - 1] ?? [], link);
    }
    if (route === `GET ${REPO}/pulls/42/commits`)
      return json(200, options.commits ?? fixture("commits.json"));
    if (route === `GET ${REPO}`)
      return json(200, {
        id: 700000001,
        name: "domain",
        full_name: "diskominfo-kudus/domain",
        private: false,
        default_branch: options.defaultBranch ?? "main",
      });
    if (route === `GET ${REPO}/pulls/42/files`) return json(200, options.files ?? fixture("files.json"));
    if (method === "GET" && path.startsWith(`${REPO}/contents/`)) {
      const file = decodeURIComponent(path.slice(`${REPO}/contents/`.length));
      const text = options.contents?.[file];
      if (text === undefined)
        return json(404, {
          message: "Not Found",
          documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
          status: "404",
        });
      return json(200, {
        type: "file",
        encoding: "base64",
        size: text.length,
        name: file.split("/").pop(),
        path: file,
        content: Buffer.from(text)
          .toString("base64")
          .replace(/(.{60})/g, "$1\n"),
        sha: "3d21ec53a331a6f037a91c368710b99387d012c1",
        url: `${API}${REPO}/contents/${file}?ref=${url.searchParams.get("ref")}`,
      });
    }
    const keysOf = /^GET \/users\/([^/]+)\/keys$/.exec(route);
    if (keysOf) {
      const keys = options.userKeys?.[decodeURIComponent(keysOf[1] as string)];
      return keys ? json(200, keys) : json(404, { message: "Not Found" });
    }
    if (route === "GET /user") {
      if (!options.me)
        return json(403, {
          message: "Resource not accessible by integration",
          documentation_url: "https://docs.github.com/rest/users/users#get-the-authenticated-user",
          status: "403",
        });
      return json(200, { ...options.me, type: "User" });
    }
    if (method === "POST" && path.startsWith(`${REPO}/statuses/`)) {
      return json(201, {
        id: 1,
        state: body.state,
        description: body.description,
        context: body.context,
        target_url: body.target_url ?? null,
      });
    }
    if (route === "POST /graphql") return json(200, { data: editorAnswer(options.issues, body) });
    const issueRoute = new RegExp(`^(GET|PATCH) ${REPO}/issues/(\\d+)$`).exec(route);
    const issue = issueRoute ? options.issues?.[Number(issueRoute[2])] : undefined;
    if (issueRoute && issue) {
      if (issueRoute[1] === "PATCH") issue.state = body.state;
      const { editor: _graphqlOnly, ...rest } = issue;
      return json(200, { number: Number(issueRoute[2]), body: "", labels: [], ...rest });
    }
    if (issueRoute) return json(404, { message: "Not Found" });
    const issueComments = new RegExp(`^POST ${REPO}/issues/(\\d+)/comments$`).exec(route);
    if (issueComments && Number(issueComments[1]) !== 42) {
      const comment = {
        id: nextCommentId++,
        body: body.body as string,
        user: botUser,
        issue: Number(issueComments[1]),
      };
      comments.push(comment);
      return json(201, comment);
    }
    const listed = new RegExp(`^GET ${REPO}/issues/(\\d+)/comments$`).exec(route);
    if (listed && Number(listed[1]) !== 42)
      return json(
        200,
        comments.filter((c) => (c as { issue?: number }).issue === Number(listed[1])),
      );
    if (route === `GET ${REPO}/issues/42/comments`)
      return json(
        200,
        comments.filter((c) => (c as { issue?: number }).issue === undefined),
      );
    if (route === `POST ${REPO}/issues/42/comments`) {
      const comment = { id: nextCommentId++, body: body.body as string, user: botUser };
      comments.push(comment);
      return json(201, {
        ...comment,
        html_url: `https://github.com/diskominfo-kudus/domain/pull/42#issuecomment-${comment.id}`,
      });
    }
    const patch = /^\/repos\/diskominfo-kudus\/domain\/issues\/comments\/(\d+)$/.exec(path);
    if (method === "PATCH" && patch) {
      const comment = comments.find((c) => c.id === Number(patch[1]));
      if (!comment) return json(404, { message: "Not Found" });
      comment.body = body.body;
      return json(200, comment);
    }
    if (route === `POST ${REPO}/pulls/42/requested_reviewers`)
      return json(201, options.pull ?? fixture("pull.json"));
    const commitPulls = /\/commits\/([0-9a-f]+)\/pulls$/.exec(path);
    if (method === "GET" && commitPulls)
      return json(200, options.commitPullsBySha?.[commitPulls[1] as string] ?? options.commitPulls ?? []);
    return json(404, { message: `Not Found (fake): ${route}` });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls, comments };
}
