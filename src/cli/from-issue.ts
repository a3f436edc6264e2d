/**
 * `domainops from-issue --body FILE --author LOGIN [--root DIR] [--format yaml|json]`: turns the body
 * of a request issue (the form `.github/ISSUE_TEMPLATE/permohonan.yml`) into `requests/<name>.yaml`
 * and validates it as a request of the office at `--root`. The body is only read as text.
 * Exit 0 = valid, 1 = findings, 2 = usage or internal error.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { validateOverlay } from "../adapters/repository.ts";
import { findRuleStack } from "../adapters/stack.ts";
import { DomainopsError } from "../core/errors.ts";
import { isGitHubLogin } from "../core/hosting/github-keys.ts";
import {
  bodyTooLarge,
  type Conversion,
  checkTaken,
  convertIssue,
  type IntakeDiagnostic,
  locateFindings,
  MAX_BODY_BYTES,
} from "../core/intake/from-issue.ts";
import { renderReport, renderTextSummary } from "../core/request/render.ts";
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops from-issue --body FILE --author LOGIN [--root DIR] [--format yaml|json]

Mengubah isi issue formulir permohonan menjadi requests/<subdomain>.yaml dan memeriksanya sebagai
permohonan kantor di --root; akun pembuat issue menjadi pengelola_teknis.github. (Turns a request
issue form's body into requests/<subdomain>.yaml and validates it against the office at --root; the
issue's author becomes pengelola_teknis.github.)

  --body FILE       berkas berisi isi issue (a file holding the issue body)
  --author LOGIN    akun GitHub pembuat issue (the issue author's GitHub login)
  --root DIR        akar repositori kantor (the office repository's root; default: .)
  --format FORMAT   yaml (bawaan/default: berkas ke stdout, temuan ke stderr) atau json
                    ({ "file", "content", "diagnostics" })
  -h, --help        bantuan ini (this help)

Kode keluar (exit codes): 0 sah (valid), 1 ada temuan (findings), 2 salah pakai atau galat internal
(usage or internal error).
`;

const SPEC = {
  help: HELP,
  options: { body: { type: "string" }, author: { type: "string" }, root: { type: "string" } },
  formats: ["yaml", "json"],
  defaultFormat: "yaml",
} as const;

async function readBody(path: string): Promise<{ bytes?: Uint8Array; size: number }> {
  try {
    const { size } = await stat(path);
    // A body over the limit is reported, not read.
    if (size > MAX_BODY_BYTES) return { size };
    const bytes = await readFile(path);
    return { bytes, size: bytes.byteLength };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new DomainopsError("usage", `--body ${path} tidak dapat dibaca (cannot be read): ${code}`, {
      cause: error,
    });
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(argv, SPEC);
  if (parsed === "help") {
    io.stdout(HELP);
    return 0;
  }
  const { body, author } = parsed.values;
  if (!body || !author) throw parsed.usage("--body FILE dan --author LOGIN wajib (are required)");
  if (!isGitHubLogin(author)) {
    throw parsed.usage(
      `--author ${JSON.stringify(author)} bukan akun GitHub yang sah (is not a valid GitHub login)`,
    );
  }
  const root = resolve(io.cwd, parsed.values.root ?? ".");
  const read = await readBody(resolve(io.cwd, body));

  const conversion: Conversion =
    read.bytes === undefined
      ? {
          file: null,
          content: null,
          subdomain: null,
          diagnostics: [bodyTooLarge(read.size)],
          answers: new Map(),
          dnsLines: [],
        }
      : convertIssue(read.bytes, author);
  const diagnostics: IntakeDiagnostic[] = [...conversion.diagnostics];
  if (conversion.file !== null && conversion.content !== null) {
    const stack = findRuleStack(root);
    const result = await validateOverlay(root, [{ path: conversion.file, bytes: conversion.content }], {
      now: io.now(),
      ...(stack ? { stack } : {}),
    });
    diagnostics.push(...checkTaken(conversion, result.listing));
    diagnostics.push(...locateFindings(conversion, result.diagnostics));
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const valid = conversion.file !== null && errors === 0;

  if (parsed.format === "json") {
    io.stdout(
      `${JSON.stringify({ file: conversion.file, content: conversion.content, diagnostics }, null, 2)}\n`,
    );
  } else {
    if (valid && conversion.content !== null) io.stdout(conversion.content);
    if (diagnostics.length > 0) {
      const report = {
        files: 1,
        errors,
        warnings: diagnostics.length - errors,
        diagnostics,
      };
      io.stderr(renderReport(report, "text"));
      io.stderr(renderTextSummary(report));
    }
  }
  return valid ? 0 : 1;
}
