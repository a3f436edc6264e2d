/**
 * A small stateful GitHub at the `fetch` level for the intake: branches as refs to commits, commits as
 * trees of files (path → text), pull requests, one issue with its comments. Shapes follow the REST
 * docs of git refs/commits/trees, compare, contents, pulls and issues.
 */
import { createHash } from "node:crypto";
import { editorAnswer } from "../approvals/fake-github.ts";

export const OWNER = "diskominfo-kudus";
export const NAME = "domain";
const REPO = `/repos/${OWNER}/${NAME}`;

interface Commit {
  sha: string;
  tree: Map<string, string>;
  parents: string[];
  message: string;
}

export interface FakeIssue {
  number: number;
  user: { login: string; id: number; type: string } | null;
  state: "open" | "closed";
  labels: string[];
  body: string;
  pull_request?: unknown;
  /** Who last edited the body (GraphQL only); absent or null: never edited. */
  editor?: string | null;
}

function json(status: number, data: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999" },
  });
}

function sha(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export function fakeRepo(options: { issue: FakeIssue; bot?: string }) {
  const base: Commit = {
    sha: sha("base"),
    tree: new Map([["README.md", "readme\n"]]),
    parents: [],
    message: "base",
  };
  const commits = new Map<string, Commit>([[base.sha, base]]);
  const trees = new Map<string, Map<string, string>>([[sha("tree-base"), base.tree]]);
  const treeOfCommit = new Map<string, string>([[base.sha, sha("tree-base")]]);
  const refs = new Map<string, string>([["main", base.sha]]);
  const pulls: {
    number: number;
    head: { ref: string };
    base: { ref: string };
    title: string;
    body: string;
    state: string;
  }[] = [];
  const comments: { id: number; body: string; user: { login: string; id: number; type: string } }[] = [];
  const bot = { login: options.bot ?? "kudus-domainops[bot]", id: 9_100_001, type: "Bot" };
  const issue = options.issue;
  const writes: string[] = [];
  let next = 1;

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" && init.body !== "" ? JSON.parse(init.body) : undefined;
    const path = decodeURIComponent(url.pathname);
    const route = `${method} ${path}`;
    if (method !== "GET") writes.push(route);

    if (route === `GET ${REPO}`) return json(200, { default_branch: "main", full_name: `${OWNER}/${NAME}` });
    if (route === "POST /graphql") return json(200, { data: editorAnswer({ [issue.number]: issue }, body) });
    if (route === `GET ${REPO}/issues/${issue.number}`) {
      const { editor: _graphqlOnly, ...rest } = issue;
      return json(200, rest);
    }
    if (route === `PATCH ${REPO}/issues/${issue.number}`) {
      issue.state = body.state;
      return json(200, issue);
    }
    if (route === `GET ${REPO}/issues/${issue.number}/comments`) return json(200, comments);
    if (route === `POST ${REPO}/issues/${issue.number}/comments`) {
      const comment = { id: 7_000 + next++, body: body.body, user: bot };
      comments.push(comment);
      return json(201, comment);
    }
    const comment = new RegExp(`^PATCH ${REPO}/issues/comments/(\\d+)$`).exec(route);
    if (comment) {
      const found = comments.find((c) => c.id === Number(comment[1]));
      if (found) found.body = body.body;
      return json(200, found);
    }
    const ref = new RegExp(`^(GET|PATCH) ${REPO}/git/refs?/heads/(.+)$`).exec(route);
    if (ref) {
      const name = ref[2] as string;
      const target = refs.get(name);
      if (target === undefined) return json(404, { message: "Not Found" });
      if (ref[1] === "PATCH") refs.set(name, body.sha);
      return json(200, { ref: `refs/heads/${name}`, object: { sha: refs.get(name), type: "commit" } });
    }
    if (route === `POST ${REPO}/git/refs`) {
      const name = String(body.ref).replace(/^refs\/heads\//, "");
      if (refs.has(name)) return json(422, { message: "Reference already exists" });
      refs.set(name, body.sha);
      return json(201, { ref: body.ref, object: { sha: body.sha } });
    }
    const getCommit = new RegExp(`^GET ${REPO}/git/commits/([0-9a-f]+)$`).exec(route);
    if (getCommit) {
      const found = commits.get(getCommit[1] as string);
      if (!found) return json(404, { message: "Not Found" });
      return json(200, {
        sha: found.sha,
        tree: { sha: treeOfCommit.get(found.sha) },
        parents: found.parents.map((p) => ({ sha: p })),
      });
    }
    if (route === `POST ${REPO}/git/trees`) {
      const tree = new Map(trees.get(body.base_tree) ?? []);
      for (const entry of body.tree) tree.set(entry.path, entry.content);
      const id = sha(`tree-${next++}`);
      trees.set(id, tree);
      return json(201, { sha: id });
    }
    if (route === `POST ${REPO}/git/commits`) {
      const commit: Commit = {
        sha: sha(`commit-${next++}`),
        tree: trees.get(body.tree) ?? new Map(),
        parents: body.parents,
        message: body.message,
      };
      commits.set(commit.sha, commit);
      treeOfCommit.set(commit.sha, body.tree);
      return json(201, { sha: commit.sha });
    }
    const compare = new RegExp(`^GET ${REPO}/compare/([^.]+)\\.\\.\\.(.+)$`).exec(route);
    if (compare) {
      const from = commits.get(refs.get(compare[1] as string) ?? "");
      const to = commits.get(refs.get(compare[2] as string) ?? "");
      if (!from || !to) return json(404, { message: "Not Found" });
      const files = [...to.tree]
        .filter(([p, text]) => from.tree.get(p) !== text)
        .map(([filename]) => ({ filename, status: from.tree.has(filename) ? "modified" : "added" }));
      const behind = to.parents.includes(from.sha) || to.sha === from.sha ? 0 : 1;
      return json(200, { files, behind_by: behind, ahead_by: 1 });
    }
    const contents = new RegExp(`^GET ${REPO}/contents/(.+)$`).exec(route);
    if (contents) {
      const at = commits.get(refs.get(url.searchParams.get("ref") ?? "main") ?? "");
      const text = at?.tree.get(contents[1] as string);
      if (text === undefined) return json(404, { message: "Not Found" });
      return json(200, { type: "file", content: Buffer.from(text).toString("base64"), encoding: "base64" });
    }
    if (route === `GET ${REPO}/pulls`) {
      const head = (url.searchParams.get("head") ?? "").replace(`${OWNER}:`, "");
      return json(
        200,
        pulls.filter((p) => p.state === "open" && p.head.ref === head),
      );
    }
    if (route === `POST ${REPO}/pulls`) {
      const pull = {
        number: 100 + next++,
        head: { ref: body.head },
        base: { ref: body.base },
        title: body.title,
        body: body.body,
        state: "open",
      };
      pulls.push(pull);
      return json(201, pull);
    }
    const update = new RegExp(`^PATCH ${REPO}/pulls/(\\d+)$`).exec(route);
    if (update) {
      const pull = pulls.find((p) => p.number === Number(update[1]));
      if (pull) Object.assign(pull, { title: body.title, body: body.body });
      return json(200, pull);
    }
    return json(404, { message: `fake: no route ${route}` });
  };

  return {
    fetch,
    refs,
    pulls,
    comments,
    writes,
    issue,
    /** The files of a branch's commit. */
    filesOf(branch: string): Map<string, string> | undefined {
      return commits.get(refs.get(branch) ?? "")?.tree;
    },
    /** Someone pushes to the default branch. */
    advanceMain(path: string, text: string): void {
      const head = commits.get(refs.get("main") as string) as Commit;
      const commit: Commit = {
        sha: sha(`main-${next++}`),
        tree: new Map([...head.tree, [path, text]]),
        parents: [head.sha],
        message: "main",
      };
      commits.set(commit.sha, commit);
      const tree = sha(`tree-main-${next}`);
      trees.set(tree, commit.tree);
      treeOfCommit.set(commit.sha, tree);
      refs.set("main", commit.sha);
    },
  };
}
