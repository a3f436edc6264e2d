/**
 * The one argument parser of the `domainops` subcommands, over `node:util` `parseArgs`: every
 * command declares its flags, its help text and (when it prints) its output formats; `--help` and
 * `--format` are added here, and every mistake becomes `DomainopsError("usage")` with a bilingual
 * message, which the entry point turns into exit code 2 and a pointer to the command's `--help`.
 */
import { parseArgs } from "node:util";
import type { GitHubAdapter, GitHubOptions } from "../adapters/github.ts";
import { DomainopsError } from "../core/errors.ts";
import { visibleControls } from "../core/escape.ts";
import { suggest } from "../core/suggest.ts";
import type { Io } from "./io.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K]["type"] extends "string" ? string : boolean;
};

export interface CommandSpec<O extends Record<string, OptionSpec>, F extends string> {
  /** The text the command prints for `--help`; a mistake points there rather than repeating it. */
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
  /** A usage error (exit code 2). */
  usage(message: string): DomainopsError;
}

export function usageError(message: string): DomainopsError {
  return new DomainopsError("usage", message);
}

/** User input quoted in a message: on one line, controls and bidi overrides shown as `\uXXXX`. */
function quote(text: string): string {
  return `"${visibleControls(text)}"`;
}

/** ` maksud Anda X? (did you mean X?)`, or nothing when no choice is close. */
function didYouMean(word: string, choices: readonly string[], prefix = ""): string {
  const close = suggest(word, choices);
  return close === undefined ? "" : `; maksud Anda ${prefix}${close}? (did you mean ${prefix}${close}?)`;
}

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];
type OptionToken = Extract<Token, { kind: "option" }>;

function unknownOption(token: OptionToken, options: Record<string, OptionSpec>): string {
  // Short flags are single letters: any other letter would be "close", so no guess for them.
  const hint = token.rawName.startsWith("--") ? didYouMean(token.name, Object.keys(options), "--") : "";
  return `opsi tidak dikenal ${quote(token.rawName)} (unknown option)${hint}`;
}

function invalidValue(token: OptionToken, type: OptionSpec["type"]): string | undefined {
  const name = quote(token.rawName);
  if (type === "boolean") {
    return token.value === undefined
      ? undefined
      : `opsi ${name} tidak menerima nilai (takes no value), bukan (not) ${quote(token.value)}`;
  }
  if (token.value === undefined) return `opsi ${name} butuh nilai (needs a value)`;
  if (token.inlineValue || !token.value.startsWith("-")) return undefined;
  // `--root --stack uji`: parseArgs refuses a value that looks like a flag unless it is written inline.
  const inline = visibleControls(`${token.rawName}=${token.value}`);
  return (
    `opsi ${name} butuh nilai, tetapi ${quote(token.value)} tampak seperti opsi; bila nilainya memang ` +
    `diawali "-", tulis ${inline} (needs a value, but that looks like an option; if the value starts ` +
    `with "-", write ${inline})`
  );
}

/**
 * The bilingual message for a `parseArgs` error, naming the argument at fault: the arguments are
 * parsed again leniently for their tokens, and the first one of the failing kind is the culprit.
 * An error this does not recognise keeps Node's own text.
 */
function describeParseError(
  error: unknown,
  argv: readonly string[],
  options: Record<string, OptionSpec>,
): string {
  const { tokens = [] } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const flags = tokens.filter((token): token is OptionToken => token.kind === "option");
  let message: string | undefined;
  switch ((error as { code?: unknown }).code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const token = flags.find((flag) => !Object.hasOwn(options, flag.name));
      message = token && unknownOption(token, options);
      break;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      for (const token of flags) {
        const type = options[token.name]?.type;
        message ??= type === undefined ? undefined : invalidValue(token, type);
      }
      break;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const token = tokens.find((t) => t.kind === "positional");
      message =
        token &&
        `argumen tak terduga ${quote(token.value)}: perintah ini hanya menerima opsi ` +
          "(unexpected argument; this command takes options only)";
      break;
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return message ?? `argumen tidak sah (invalid arguments): ${visibleControls(detail)}`;
}

/** Parses a subcommand's arguments; `"help"` when `--help` was asked for. */
export function parseCommandArgs<const O extends Record<string, OptionSpec>, const F extends string = never>(
  argv: readonly string[],
  spec: CommandSpec<O, F>,
): ParsedArgs<O, F> | "help" {
  const options: Record<string, OptionSpec> = {
    ...spec.options,
    ...(spec.formats ? { format: { type: "string" } } : {}),
    help: { type: "boolean", short: "h" },
  };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: spec.positionals === true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw usageError(describeParseError(error, argv, options));
  }
  if (parsed.values.help === true) return "help";
  const { format: given, help: _help, ...values } = parsed.values;
  return {
    values: values as Values<O>,
    positionals: parsed.positionals,
    format: chooseFormat(given as string | undefined, spec, usageError),
    usage: usageError,
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
    throw usage(
      `format tidak dikenal ${quote(format)} (unknown format); pilih (choose) ${formats.join(", ")}` +
        didYouMean(format, formats),
    );
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
