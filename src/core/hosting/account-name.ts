/**
 * The checks of an account's names that every hosting backend shares: the backend's user name could
 * be derived from the subdomain, and the host name the account serves is a valid name under that
 * subdomain. Each backend derives its own user name (Linux, cPanel) and passes the result in.
 */
import { msg, q } from "../request/rules/util.ts";
import type { Message } from "../types.ts";

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A lowercase DNS host name: labels of letters, digits and inner hyphens, at most 253 characters. */
export function isHostName(name: string): boolean {
  return name.length <= 253 && name.split(".").every((label) => HOST_LABEL.test(label));
}

/** The problems of an account's subdomain (`user` null: no user name could be derived) and host name. */
export function accountNameProblems(subdomain: string, fqdn: string, user: string | null): Message[] {
  const problems: Message[] = [];
  if (user === null) {
    problems.push(
      msg(
        `subdomain ${q(subdomain)} tidak sah untuk akun hosting`,
        `subdomain ${q(subdomain)} is not valid for a hosting account`,
      ),
    );
  }
  const host = fqdn.toLowerCase();
  if (!isHostName(host) || !host.startsWith(`${subdomain.toLowerCase()}.`)) {
    problems.push(
      msg(
        `nama ${q(fqdn)} bukan nama host yang sah di bawah subdomain ${q(subdomain)}`,
        `the name ${q(fqdn)} is not a valid host name under the subdomain ${q(subdomain)}`,
      ),
    );
  }
  return problems;
}
