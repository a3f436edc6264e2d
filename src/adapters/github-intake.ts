/**
 * The GitHub writes of the issue intake (`src/cli/intake.ts`): the branch `permohonan/<issue>` always
 * holds the default branch plus the one request file made from the form, and one open pull request
 * per branch. A branch that already holds exactly that file is left alone, so an issue edit that
 * changes nothing (or a label) does not make the officials approve again.
 */
import { DomainopsError } from "../core/errors.ts";
import { createOctokit, type GitHubOptions } from "./github.ts";

export interface IntakeWriter {
  /** Makes `branch` = tip of `base` + `path` with `content`; `changed` false when it already was. */
  writeBranch(input: {
    branch: string;
    base: string;
    path: string;
    content: string;
    message: string;
  }): Promise<{ sha: string; changed: boolean }>;
  /** The open pull request of `branch` with this title and body, opened when there is none. */
  upsertPull(input: { branch: string; base: string; title: string; body: string }): Promise<{
    number: number;
    created: boolean;
  }>;
}

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

function failure(what: string, error: unknown): DomainopsError {
  const code = status(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new DomainopsError(
    "github",
    `GitHub: gagal ${what}${code ? ` (HTTP ${code})` : ""}: ${detail} / failed to ${what}`,
    { cause: error },
  );
}

export function createIntakeWriter(
  options: Pick<GitHubOptions, "token" | "owner" | "repo" | "fetch" | "baseUrl" | "retries" | "pacing">,
): IntakeWriter {
  const octokit = createOctokit(options);
  const { owner, repo } = options;
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw failure(what, error);
    }
  }

  /** The branch's commit, or null when the branch does not exist. */
  async function branchSha(branch: string): Promise<string | null> {
    try {
      const { data } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (status(error) === 404) return null;
      throw failure(`membaca cabang ${branch}`, error);
    }
  }

  /** True when `branch` differs from `base` by exactly `path`, holding `content`. */
  async function holdsExactly(base: string, branch: string, path: string, content: string): Promise<boolean> {
    const { data } = await call(`membandingkan ${base}...${branch}`, () =>
      octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${branch}` }),
    );
    const files = data.files ?? [];
    if (files.length !== 1 || files[0]?.filename !== path || data.behind_by !== 0) return false;
    try {
      const { data: file } = await octokit.rest.repos.getContent({ owner, repo, path, ref: branch });
      if (Array.isArray(file) || file.type !== "file" || typeof file.content !== "string") return false;
      return Buffer.from(file.content, "base64").toString("utf8") === content;
    } catch (error) {
      if (status(error) === 404) return false;
      throw failure(`membaca ${path} di ${branch}`, error);
    }
  }

  return {
    async writeBranch({ branch, base, path, content, message }) {
      const baseSha = await branchSha(base);
      if (baseSha === null)
        throw new DomainopsError(
          "github",
          `GitHub: cabang ${base} tidak ada (branch ${base} does not exist)`,
        );
      const current = await branchSha(branch);
      if (current !== null && (await holdsExactly(base, branch, path, content)))
        return { sha: current, changed: false };
      const { data: baseCommit } = await call(`membaca commit ${baseSha}`, () =>
        octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha }),
      );
      const { data: tree } = await call("membuat tree", () =>
        octokit.rest.git.createTree({
          owner,
          repo,
          base_tree: baseCommit.tree.sha,
          tree: [{ path, mode: "100644", type: "blob", content }],
        }),
      );
      const { data: commit } = await call("membuat commit", () =>
        octokit.rest.git.createCommit({ owner, repo, message, tree: tree.sha, parents: [baseSha] }),
      );
      if (current === null) {
        await call(`membuat cabang ${branch}`, () =>
          octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.sha }),
        );
      } else {
        // The branch is the app's own: it is rewritten to base + the file, whatever was pushed to it.
        await call(`memperbarui cabang ${branch}`, () =>
          octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.sha, force: true }),
        );
      }
      return { sha: commit.sha, changed: true };
    },

    async upsertPull({ branch, base, title, body }) {
      const { data: open } = await call(`mencari PR cabang ${branch}`, () =>
        octokit.rest.pulls.list({ owner, repo, state: "open", head: `${owner}:${branch}`, per_page: 2 }),
      );
      const existing = open.find((pull) => pull.head.ref === branch);
      if (existing !== undefined) {
        if (existing.title !== title || existing.body !== body) {
          await call(`memperbarui PR #${existing.number}`, () =>
            octokit.rest.pulls.update({ owner, repo, pull_number: existing.number, title, body }),
          );
        }
        return { number: existing.number, created: false };
      }
      const { data } = await call("membuka PR", () =>
        octokit.rest.pulls.create({
          owner,
          repo,
          head: branch,
          base,
          title,
          body,
          maintainer_can_modify: false,
        }),
      );
      return { number: data.number, created: true };
    },
  };
}
