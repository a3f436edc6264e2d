/**
 * The one error type for bugs and outages (not for bad input, which becomes diagnostics).
 * The CLI turns it into a one-line message and exit code 2.
 */
export type ErrorCode = "usage" | "io" | "config" | "git" | "github" | "pulumi" | "gate" | "internal";

export class DomainopsError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DomainopsError";
    this.code = code;
  }
}
