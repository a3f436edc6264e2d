/**
 * `domainops check [--root DIR] [--format text|json] [--fix]`: judges an office's repository as a
 * whole — the requests (a full `validate` run), the governance files, every `Pulumi.<stack>.yaml`,
 * and the generated files (`.github/CODEOWNERS`, the workflows) against what the tool would write
 * for this office. `--fix` writes the generated files first. Exit 0 = no errors, 1 = errors,
 * 2 = usage or internal error.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { GOVERNANCE_FILES, loadGovernance } from "../adapters/governance.ts";
import { validateRepository } from "../adapters/repository.ts";
import { listStackFiles, parseStackFile, ruleStackOf, stackNameOf } from "../adapters/stack.ts";
import { loadWorkflowTemplates } from "../adapters/tool-files.ts";
import { DomainopsError } from "../core/errors.ts";
import type { ZoneSettings } from "../core/infra/zone-settings.ts";
import { buildGeneratedFiles, diffGenerated, type GeneratedFile } from "../core/office/generated.ts";
import { checkStackName } from "../core/office/office.ts";
import {
  findOfficialPlaceholders,
  findStackPlaceholders,
  type LocatedDocument,
} from "../core/office/placeholders.ts";
import type { WorkflowValues } from "../core/office/workflows.ts";
import { parseYamlSafe } from "../core/request/parse.ts";
import { renderReport, renderTextSummary } from "../core/request/render.ts";
import type { RuleStack } from "../core/request/rule.ts";
import type { Diagnostic } from "../core/types.ts";
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops check [--root DIR] [--format text|json] [--fix]

Memeriksa seluruh data kantor: permohonan di requests/ (validasi penuh), berkas governance/, setiap
Pulumi.<stack>.yaml, serta .github/CODEOWNERS, .github/workflows/ dan formulir issue permohonan terhadap
yang dibuat domainops untuk kantor ini. (Checks all of the office's data: the requests, governance/, every
stack file, and CODEOWNERS, the workflows and the request issue form against what domainops generates.)

  --root DIR        akar repositori kantor (the office repository's root; default: .)
  --format FORMAT   text (bawaan/default) atau json
  --fix             tulis ulang berkas yang dibuat (CODEOWNERS, workflow, formulir issue) sebelum
                    memeriksa (rewrite the generated files — CODEOWNERS, workflows, issue form — first)
  -h, --help        bantuan ini (this help)

Kode keluar (exit codes): 0 tanpa galat (no errors; warnings allowed), 1 ada galat (errors found),
2 salah pakai atau galat internal (usage or internal error).
`;

const SPEC = {
  help: HELP,
  options: { root: { type: "string" }, fix: { type: "boolean" } },
  formats: ["text", "json"],
  defaultFormat: "text",
} as const;

interface StackFinding {
  file: string;
  name: string;
  settings?: ZoneSettings;
  diagnostics: Diagnostic[];
}

function fileError(
  file: string,
  rule: string,
  message: Diagnostic["message"],
  line = 1,
  column = 1,
): Diagnostic {
  return { file, line, column, rule, severity: "error", message };
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new DomainopsError("io", `${path} tidak dapat dibaca (cannot be read)`, { cause: error });
  }
}

/** Reads and safe-parses a YAML file for locating findings; undefined when absent or unparsable. */
async function locate(root: string, file: string): Promise<LocatedDocument | undefined> {
  const text = await readText(join(root, file));
  if (text === undefined) return undefined;
  const parsed = parseYamlSafe(file, text, { maxBytes: 256 * 1024 });
  if (parsed.data === undefined) return undefined;
  return { file, data: parsed.data, at: (path, part) => parsed.at(path, part) };
}

/** Every stack file, through the same reader `plan` and `apply` use. */
async function checkStacks(root: string, zone: string | undefined): Promise<StackFinding[]> {
  const out: StackFinding[] = [];
  for (const file of listStackFiles(root)) {
    const name = stackNameOf(file);
    const finding: StackFinding = { file, name, diagnostics: [] };
    out.push(finding);
    const problem = checkStackName(name);
    if (problem) finding.diagnostics.push(fileError(file, "stack-name", problem));
    const text = (await readText(join(root, file))) ?? "";
    try {
      finding.settings = parseStackFile(text, file);
    } catch (error) {
      if (!(error instanceof DomainopsError)) throw error;
      finding.diagnostics.push(
        fileError(file, "stack-settings", {
          id: `${error.message}; perbaiki sesuai docs/pulumi.md`,
          en: `${error.message}; fix it as docs/pulumi.md describes`,
        }),
      );
      continue;
    }
    const doc = await locate(root, file);
    if (doc) finding.diagnostics.push(...findStackPlaceholders(doc));
    if (zone !== undefined && zone !== "invalid" && finding.settings.zone !== zone.toLowerCase()) {
      const pos = doc?.at(["config", "domainops:zone"], "value") ?? { line: 1, column: 1 };
      finding.diagnostics.push(
        fileError(
          file,
          "stack-zone",
          {
            id: `domainops:zone "${finding.settings.zone}" berbeda dengan zona di governance/policy.yaml "${zone}"; samakan keduanya`,
            en: `domainops:zone "${finding.settings.zone}" differs from the zone in governance/policy.yaml "${zone}"; make them agree`,
          },
          pos.line,
          pos.column,
        ),
      );
    }
  }
  return out;
}

async function writeGenerated(root: string, files: readonly GeneratedFile[], io: Io): Promise<void> {
  for (const file of files) {
    const target = join(root, file.path);
    if ((await readText(target)) === file.text) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.text);
    io.stderr(`ditulis (written): ${file.path}\n`);
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(argv, SPEC);
  if (parsed === "help") {
    io.stdout(HELP);
    return 0;
  }
  const root = resolve(io.cwd, parsed.values.root ?? ".");
  const { governance, diagnostics: governanceDiagnostics } = await loadGovernance(root);
  const officials = await locate(root, "governance/officials.yaml");
  const policyZone = await locate(root, "governance/policy.yaml").then((doc) => {
    const zone = (doc?.data as { zone?: unknown } | undefined)?.zone;
    return typeof zone === "string" ? zone : undefined;
  });
  const stacks = await checkStacks(root, policyZone);
  const only = stacks.length === 1 ? stacks[0] : undefined;

  const diagnostics: Diagnostic[] = [...governanceDiagnostics];
  if (officials && governance) diagnostics.push(...findOfficialPlaceholders(officials));
  for (const stack of stacks) diagnostics.push(...stack.diagnostics);
  if (stacks.length !== 1) {
    diagnostics.push(
      fileError(".", "stack-count", {
        id:
          stacks.length === 0
            ? "tidak ada Pulumi.<stack>.yaml; buat dengan `npx domainops init` atau salin contoh dari docs/pulumi.md"
            : `ada ${stacks.length} stack (${stacks.map((s) => s.file).join(", ")}); workflow kantor mengelola tepat satu — pindahkan yang lain ke repositori sendiri`,
        en:
          stacks.length === 0
            ? "no Pulumi.<stack>.yaml; create one with `npx domainops init` or copy the example in docs/pulumi.md"
            : `${stacks.length} stacks found; an office's workflows manage exactly one — move the others to their own repository`,
      }),
    );
  }

  // Generated files: CODEOWNERS from the officials, workflows from the stack name and time zone.
  const values: WorkflowValues | undefined =
    only && checkStackName(only.name) === null && governance
      ? {
          stack: only.name,
          timeZone: governance.calendar.zona_waktu,
          ...(only.settings ? { applyRunsOn: only.settings.applyRunsOn } : {}),
        }
      : undefined;
  const generated = buildGeneratedFiles({
    ...(governance ? { governance } : {}),
    ...(values ? { values } : {}),
    templates: await loadWorkflowTemplates(),
  });
  if (parsed.values.fix === true) await writeGenerated(root, generated, io);
  const actual = new Map<string, string | undefined>();
  for (const file of generated) actual.set(file.path, await readText(join(root, file.path)));
  diagnostics.push(...diffGenerated(generated, actual));

  // The requests, as a full `validate` run sees them (tunnel origins from the one stack file).
  const stack: RuleStack | undefined =
    only?.settings === undefined
      ? undefined
      : ruleStackOf({ name: only.name, file: only.file, settings: only.settings });
  const result = await validateRepository(root, {
    now: io.now(),
    cwd: io.cwd,
    collectRequests: false,
    ...(stack === undefined ? {} : { stack }),
  });
  const all = [...diagnostics, ...result.diagnostics];
  const report = {
    // Requests, stack files, generated files and the three governance files the loader judges.
    files: result.files + stacks.length + generated.length + Object.keys(GOVERNANCE_FILES).length,
    errors: all.filter((d) => d.severity === "error").length,
    warnings: all.filter((d) => d.severity === "warning").length,
    diagnostics: all,
  };
  io.stdout(renderReport(report, parsed.format));
  if (parsed.format === "text") io.stderr(renderTextSummary(report));
  return report.errors > 0 ? 1 : 0;
}
