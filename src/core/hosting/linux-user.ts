/**
 * The Linux account of a hosted subdomain: one system user per account, whose name is also the name
 * of its database, database user, PHP-FPM pool and nginx site file.
 *
 * Choice: `do-` + the subdomain's labels joined with `_`, e.g. `dinkes` → `do-dinkes`,
 * `getasrabi.desa` → `do-getasrabi_desa`.
 * - The prefix is on every account. A list of system users can never be complete (every Debian package
 *   may add one: `mysql`, `redis`, `postfix`, …), and a unit may well ask for `backup`, `proxy` or
 *   `news`, which are Debian users already; with the prefix no account can ever be, or later become, a
 *   system user, and a label starting with a digit (`123`) still gives a valid name.
 * - `_` for the dot, not `-`: labels contain `-` but never `_` (RFC 1035 LDH), so `getasrabi-desa` and
 *   `getasrabi.desa` stay two accounts (`do-getasrabi-desa`, `do-getasrabi_desa`).
 * - Linux allows 32 characters (useradd, utmp's `ut_user`). A longer name keeps its first 17
 *   characters after the prefix and ends in `__` + 10 hex digits of the SHA-256 of the subdomain: a
 *   derived name never contains `__` (two dots in a row are not a name), so a shortened name cannot
 *   equal another subdomain's full one.
 */
import { createHash } from "node:crypto";
import { msg, q } from "../request/rules/util.ts";
import type { Message } from "../types.ts";

export const LINUX_USER_PREFIX = "do-";
/** useradd(8) on Debian and `ut_user` in utmp: 32 bytes. */
export const LINUX_USER_MAX = 32;
const HASH_DIGITS = 10;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** useradd's default NAME_REGEX without the trailing `$` of machine accounts. */
const LINUX_USER = /^[a-z_][a-z0-9_-]*$/;

/** The account name of a subdomain (relative to the zone, e.g. `dinkes` or `getasrabi.desa`), or null when it is not a valid name. */
export function deriveLinuxUser(subdomain: string): string | null {
  const labels = subdomain.toLowerCase().split(".");
  if (labels.some((label) => !LABEL.test(label))) return null;
  const full = `${LINUX_USER_PREFIX}${labels.join("_")}`;
  if (full.length <= LINUX_USER_MAX) return full;
  const hash = createHash("sha256").update(labels.join(".")).digest("hex").slice(0, HASH_DIGITS);
  const keep = LINUX_USER_MAX - LINUX_USER_PREFIX.length - 2 - HASH_DIGITS;
  return `${LINUX_USER_PREFIX}${labels.join("_").slice(0, keep)}__${hash}`;
}

/** Why `name` cannot be an account's Linux user, or null when it can. */
export function linuxUserProblem(name: string): Message | null {
  if (name.length === 0 || name.length > LINUX_USER_MAX) {
    return msg(
      `nama pengguna Linux ${q(name)} harus 1–${LINUX_USER_MAX} karakter`,
      `the Linux user name ${q(name)} must be 1–${LINUX_USER_MAX} characters`,
    );
  }
  if (!LINUX_USER.test(name)) {
    return msg(
      `nama pengguna Linux ${q(name)} hanya boleh huruf kecil, angka, "_" dan "-", diawali huruf atau "_"`,
      `the Linux user name ${q(name)} may only hold lowercase letters, digits, "_" and "-", starting with a letter or "_"`,
    );
  }
  // The prefix is what keeps an account from ever being a system user (see above).
  if (!name.startsWith(LINUX_USER_PREFIX)) {
    return msg(
      `nama pengguna Linux ${q(name)} bukan nama akun domainops (awalan "${LINUX_USER_PREFIX}"); akun sistem tidak boleh dipakai`,
      `the Linux user name ${q(name)} is not a domainops account name (prefix "${LINUX_USER_PREFIX}"); system users cannot be used`,
    );
  }
  return null;
}
