/**
 * The one error type for bugs and outages (not for bad input, which becomes diagnostics).
 * The CLI turns it into a one-line message and exit code 2.
 */
export type ErrorCode =
  | "usage"
  | "io"
  | "config"
  | "git"
  | "github"
  | "pulumi"
  | "gate"
  | "internal"
  /** An external program (git, BIND's tools) is not installed. */
  | "tool";

export class DomainopsError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DomainopsError";
    this.code = code;
  }
}

/**
 * The end of a switch over a closed union (`default: return unhandled(kind, "...")`): a new member of
 * the union fails to compile at every switch that does not handle it; reaching it at run time is a bug.
 */
export function unhandled(value: never, what: string): never {
  throw new DomainopsError("internal", `${what} tidak dikenal (unknown ${what}): ${String(value)}`);
}
