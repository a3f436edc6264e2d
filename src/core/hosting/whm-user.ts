/**
 * The cPanel user name of a hosted subdomain on a cPanel & WHM server. The Linux backend's names
 * (`do-getasrabi_desa`, up to 32 characters) cannot be reused: cPanel & WHM allows only lowercase
 * letters and digits, at most 16 characters, not starting with a digit or "test", not ending in
 * "assword", and not a reserved name (cPanel & WHM documentation, "Reserved, Invalid, and
 * Misconfigured Usernames"; WHM API 1 `createacct`, parameter `username`).
 *
 * Choice:
 * - A one-label subdomain of letters and digits keeps its name after `do`: `dinkes` → `dodinkes`,
 *   `123` → `do123`. The prefix means no name starts with a digit or "test", and no unit can ask for
 *   a system name such as `root` or `nobody`.
 * - Every other subdomain (a dot, a hyphen, too long, ending in "assword", or giving a name cPanel
 *   reserves) gets `dh` + its first 6 letters and digits + 8 hex digits of the SHA-256 of the
 *   subdomain: `getasrabi.desa` → `dhgetasr` + hash. Plain names start with `do` and shortened ones
 *   with `dh`, so a shortened name never equals another subdomain's plain one; removing `.` and `-`
 *   would otherwise make `a-b`, `a.b` and `ab` one account.
 * - The server still checks the name at `createacct` and refuses one it reserves locally
 *   (`/etc/aliases`); its reason reaches the operator.
 */
import { createHash } from "node:crypto";
import { msg, q } from "../request/rules/util.ts";
import type { Message } from "../types.ts";

export const CPANEL_USER_PREFIX = "do";
export const CPANEL_USER_HASHED_PREFIX = "dh";
/** cPanel & WHM: "Usernames cannot contain more than 16 characters." */
export const CPANEL_USER_MAX = 16;
const KEEP = 6;
const HASH_DIGITS = CPANEL_USER_MAX - CPANEL_USER_HASHED_PREFIX.length - KEEP;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PLAIN = /^[a-z0-9]+$/;
const CPANEL_USER = /^[a-z][a-z0-9]*$/;

/**
 * Names cPanel & WHM reserves that a `do` prefix can still produce: the mail services' system users
 * (Dovecot runs as `dovecot` and `dovenull` on every cPanel server). The documented defaults (`root`,
 * `admin`, `nobody`, …) cannot start with `do`.
 */
const RESERVED: ReadonlySet<string> = new Set(["dovecot", "dovenull"]);

/** The cPanel user of a subdomain (relative to the zone: `dinkes`, `getasrabi.desa`), or null when it is not a valid name. */
export function deriveCpanelUser(subdomain: string): string | null {
  const lower = subdomain.toLowerCase();
  const labels = lower.split(".");
  if (labels.some((label) => !LABEL.test(label))) return null;
  const plain = `${CPANEL_USER_PREFIX}${lower}`;
  if (
    PLAIN.test(lower) &&
    plain.length <= CPANEL_USER_MAX &&
    !plain.endsWith("assword") &&
    !RESERVED.has(plain)
  ) {
    return plain;
  }
  const letters = lower.replace(/[^a-z0-9]/g, "").slice(0, KEEP);
  const hash = createHash("sha256").update(lower).digest("hex").slice(0, HASH_DIGITS);
  return `${CPANEL_USER_HASHED_PREFIX}${letters}${hash}`;
}

/** Why `name` cannot be an account's cPanel user, or null when it can. */
export function cpanelUserProblem(name: string): Message | null {
  if (name.length === 0 || name.length > CPANEL_USER_MAX) {
    return msg(
      `nama pengguna cPanel ${q(name)} harus 1–${CPANEL_USER_MAX} karakter`,
      `the cPanel user name ${q(name)} must be 1–${CPANEL_USER_MAX} characters`,
    );
  }
  if (!CPANEL_USER.test(name) || name.startsWith("test") || name.endsWith("assword")) {
    return msg(
      `nama pengguna cPanel ${q(name)} hanya boleh huruf kecil dan angka, diawali huruf, tidak diawali "test" dan tidak diakhiri "assword"`,
      `the cPanel user name ${q(name)} may only hold lowercase letters and digits, must start with a letter, must not start with "test" or end in "assword"`,
    );
  }
  if (
    RESERVED.has(name) ||
    !(name.startsWith(CPANEL_USER_PREFIX) || name.startsWith(CPANEL_USER_HASHED_PREFIX))
  ) {
    return msg(
      `nama pengguna cPanel ${q(name)} bukan nama akun domainops (awalan "${CPANEL_USER_PREFIX}" atau "${CPANEL_USER_HASHED_PREFIX}") atau dicadangkan cPanel`,
      `the cPanel user name ${q(name)} is not a domainops account name (prefix "${CPANEL_USER_PREFIX}" or "${CPANEL_USER_HASHED_PREFIX}") or is reserved by cPanel`,
    );
  }
  return null;
}
