/**
 * The unit's technical contact logs in by SFTP with the public SSH keys of their GitHub account
 * (`GET /users/{username}/keys`, read at apply time): no key, password or secret is ever written in
 * the repository. This module judges that answer as data from a stranger's account: each item must be
 * `{ id, key }` with a key that decodes as an OpenSSH public key of a supported type; anything else is
 * counted as refused, never passed on.
 */
import { normalizeSshKey } from "./linux.ts";

/** GitHub login: 1–39 letters, digits or single hyphens, not starting or ending with a hyphen. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export function isGitHubLogin(login: string): boolean {
  return GITHUB_LOGIN.test(login);
}

export interface GitHubKeys {
  /** `<type> <base64>`, without comments, in GitHub's order, each once. */
  keys: string[];
  /** Items that were not a usable public key. */
  refused: number;
}

export function collectGitHubKeys(items: readonly unknown[]): GitHubKeys {
  const keys: string[] = [];
  let refused = 0;
  for (const item of items) {
    const key =
      typeof item === "object" && item !== null && typeof (item as { key?: unknown }).key === "string"
        ? normalizeSshKey((item as { key: string }).key)
        : null;
    if (key === null) refused++;
    else if (!keys.includes(key)) keys.push(key);
  }
  return { keys, refused };
}
