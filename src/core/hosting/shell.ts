/**
 * Quoting of values for a POSIX shell script. Every value a provisioning script uses reaches the shell
 * through `shellQuote`, after its own validation: the script's body is constant text, and only its
 * header of `name='value'` assignments changes from one account to another.
 */
import { DomainopsError } from "../errors.ts";

/**
 * `value` as one single-quoted shell word. Inside single quotes POSIX sh (XCU 2.2.2) gives no character
 * a special meaning, so `$()`, backticks, `;`, `\`, newlines and any Unicode stay literal; a quote
 * itself cannot appear inside and is written as `'\''` (close, escaped quote, reopen). NUL cannot be
 * part of a shell word or a C string at all, so it is refused rather than silently cut.
 */
export function shellQuote(value: string): string {
  if (value.includes("\u0000")) {
    throw new DomainopsError("internal", "nilai shell berisi NUL (shell value contains NUL)");
  }
  return `'${value.replaceAll("'", "'\\''")}'`;
}

const SHELL_VARIABLE = /^[a-z_][a-z0-9_]*$/;

/** One `name='value'` line; the variable name is code, not data, and must be a plain lowercase name. */
export function shellAssign(name: string, value: string): string {
  if (!SHELL_VARIABLE.test(name)) {
    throw new DomainopsError(
      "internal",
      `nama variabel shell tidak sah (invalid shell variable name): ${name}`,
    );
  }
  return `${name}=${shellQuote(value)}`;
}
