/**
 * A fake GitHub REST API at the `fetch` level for the pull request listing of `domainops report`:
 * GET /repos/{o}/{r}/pulls (state open or closed, newest update first, paginated with Link headers
 * as GitHub does), .../pulls/{n}/reviews and .../files. Every call is recorded.
 */
import type { Call } from "../approvals/fake-github.ts";

export const API = "https://api.github.com";
export const REPO = "/repos/diskominfo-kudus/domain";

export interface FakePullsOptions {
  /** Saved-pulls entries `{ pull, reviews, files }`; each `pull` carries `state` and `updated_at`. */
  pulls: Record<string, unknown>[];
  /** Items per page of the listing (GitHub: up to 100). */
  pageSize?: number;
  /** Answer every listing with this HTTP status. */
  failWith?: number;
}

function json(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-remaining": "4999",
      ...headers,
    },
  });
}

export function fakePulls(options: FakePullsOptions) {
  const calls: Call[] = [];
  const pageSize = options.pageSize ?? 100;
  const byNumber = new Map(options.pulls.map((entry) => [(entry.pull as { number: number }).number, entry]));
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    calls.push({ method, path: url.pathname, query: url.searchParams, body: undefined });
    const page = Number(url.searchParams.get("page") ?? "1");
    if (method === "GET" && url.pathname === `${REPO}/pulls`) {
      if (options.failWith) return json(options.failWith, { message: "Server Error" });
      const state = url.searchParams.get("state");
      const listed = options.pulls
        .map((entry) => entry.pull as { state: string; updated_at: string })
        .filter((pull) => pull.state === state)
        .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
      const last = Math.max(1, Math.ceil(listed.length / pageSize));
      const link = (n: number, rel: string) =>
        `<${API}${REPO}/pulls?state=${state}&sort=updated&direction=desc&per_page=${pageSize}&page=${n}>; rel="${rel}"`;
      const headers: Record<string, string> =
        page < last ? { link: `${link(page + 1, "next")}, ${link(last, "last")}` } : {};
      return json(200, listed.slice((page - 1) * pageSize, page * pageSize), headers);
    }
    const part = new RegExp(`^${REPO}/pulls/(\\d+)/(reviews|files)$`).exec(url.pathname);
    const entry = part ? byNumber.get(Number(part[1])) : undefined;
    if (method === "GET" && part && entry) return json(200, page === 1 ? entry[part[2] as string] : []);
    return json(404, { message: `Not Found (fake): ${method} ${url.pathname}` });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
