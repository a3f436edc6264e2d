/**
 * The one argument parser of the `domainops` subcommands, over `node:util` `parseArgs`: every
 * command declares its flags, its help text and (when it prints) its output formats; `--help` and
 * `--format` are added here, and every mistake becomes `DomainopsError("usage")` with the help text,
 * which the entry point turns into exit code 2.
 */
import { parseArgs } from "node:util";
import type { GitHubAdapter, GitHubOptions } from "../adapters/github.ts";
import { DomainopsError } from "../core/errors.ts";
import type { Io } from "./io.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K]["type"] extends "string" ? string : boolean;
};

export interface CommandSpec<O extends Record<string, OptionSpec>, F extends string> {
  help: string;
  /** The command's own flags; `--help`/`-h` (and `--format` when `formats` is given) are added. */
  options: O;
  positionals?: boolean;
  /** The choices of `--format`. */
  formats?: readonly F[];
  /** The format when `--format` is not given; without one, `--format` is required. */
  defaultFormat?: F;
}

export interface ParsedArgs<O extends Record<string, OptionSpec>, F extends string> {
  values: Values<O>;
  positionals: string[];
  /** The chosen `--format` (only meaningful for a command that declares `formats`). */
  format: F;
  /** A usage error carrying this command's help text. */
  usage(message: string): DomainopsError;
}

export function usageError(message: string, help: string): DomainopsError {
  return new DomainopsError("usage", `${message}\n${help}`);
}

/** Parses a subcommand's arguments; `"help"` when `--help` was asked for. */
export function parseCommandArgs<const O extends Record<string, OptionSpec>, const F extends string = never>(
  argv: readonly string[],
  spec: CommandSpec<O, F>,
): ParsedArgs<O, F> | "help" {
  const usage = (message: string) => usageError(message, spec.help);
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        ...spec.options,
        ...(spec.formats ? { format: { type: "string" } } : {}),
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: spec.positionals === true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help === true) return "help";
  const { format: given, help: _help, ...values } = parsed.values;
  return {
    values: values as Values<O>,
    positionals: parsed.positionals,
    format: chooseFormat(given as string | undefined, spec, usage),
    usage,
  };
}

function chooseFormat<F extends string>(
  given: string | undefined,
  spec: { formats?: readonly F[]; defaultFormat?: F },
  usage: (message: string) => DomainopsError,
): F {
  const { formats, defaultFormat } = spec;
  if (formats === undefined) return undefined as never;
  const format = given ?? defaultFormat;
  if (format === undefined) throw usage(`--format ${formats.join("|")} wajib (is required)`);
  if (!(formats as readonly string[]).includes(format)) {
    throw usage(`format tidak dikenal (unknown format) "${format}"; pilih (choose) ${formats.join(", ")}`);
  }
  return format as F;
}

/** `--repo owner/name`, split. */
export function parseRepo(
  value: string | undefined,
  usage: (message: string) => DomainopsError,
): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value ?? "");
  if (!match) throw usage(`--repo "${value ?? ""}" harus berbentuk owner/name (must be owner/name)`);
  return { owner: match[1] as string, repo: match[2] as string };
}

/** The GitHub token of the online commands: `GITHUB_TOKEN`, else `DOMAINOPS_GITHUB_TOKEN`. */
export function githubToken(io: Io, usage: (message: string) => DomainopsError): string {
  const token = io.env.GITHUB_TOKEN || io.env.DOMAINOPS_GITHUB_TOKEN;
  if (!token)
    throw usage("token GitHub tidak ada: setel GITHUB_TOKEN atau DOMAINOPS_GITHUB_TOKEN (no GitHub token)");
  return token;
}

/** How a command gets its GitHub client; tests hand in one over a fake `fetch`. */
export type GitHubFactory = (options: Omit<GitHubOptions, "fetch" | "baseUrl" | "retries">) => GitHubAdapter;
