/**
 * `domainops init --preset P --zone ZONE --stack NAME [--time-zone TZ] [--dir DIR] [--force]`:
 * scaffolds an office. In place (default: the current folder, the tool's repository) it replaces the
 * office data; with `--dir` it creates an office repository that depends on the packaged tool. What
 * to write is decided in `core/office/`; this module reads the tool's templates and the folder, and
 * archives, removes and writes files.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { listStackFiles } from "../adapters/stack.ts";
import { loadWorkflowTemplates, readToolFile, toolVersion } from "../adapters/tool-files.ts";
import { planInit } from "../core/office/init-plan.ts";
import { checkStackName, checkZoneName, isOfficeTimeZone, OFFICE_TIME_ZONES } from "../core/office/office.ts";
import type { Layout, PresetName } from "../core/office/scaffold.ts";
import { buildOffice, isPreset, OFFICE_TEMPLATE_FILES, PRESETS } from "../core/office/scaffold.ts";
import type { Message } from "../core/types.ts";
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops init --preset ${PRESETS.join("|")} --zone ZONA --stack NAMA
                      [--time-zone ${OFFICE_TIME_ZONES.join("|")}] [--dir DIR] [--force]

Menyiapkan data kantor: governance dari preset (pejabat berupa isian contoh), Pulumi.<stack>.yaml
(id Cloudflare berupa isian contoh), CODEOWNERS, workflow, requests/ kosong dan README.
(Scaffolds an office: governance from a preset with placeholder officials, the stack file with
placeholder ids, CODEOWNERS, workflows, an empty requests/ and a README.)

  --preset P        SOP kabupaten: majalengka, kudus, cirebon, buol, atau blank (SOP minimal)
  --zone ZONA       zona DNS kantor, mis. (e.g.) majalengkakab.go.id
  --stack NAMA      nama stack Pulumi: huruf kecil, angka, "-" (lowercase, digits, "-")
  --time-zone TZ    zona waktu kantor (office time zone; default: dari preset / the preset's)
  --dir DIR         buat repositori kantor baru di DIR yang bergantung pada paket domainops
                    (create a separate office repository depending on the domainops package);
                    tanpa --dir: di tempat, mengganti kantor contoh (without: in place)
  --force           ganti permohonan dan berkas stack yang ada (diarsipkan dulu ke .domainops/archive/)
                    (replace existing requests and stack files; they are archived first)
  -h, --help        bantuan ini (this help)

Lingkungan (environment): DOMAINOPS_TOOL_SPEC  versi atau file:TARBALL untuk dependensi domainops di
package.json kantor (the domainops dependency of the office package.json; default: ^<versi alat>)

Kode keluar (exit codes): 0 selesai (done), 2 salah pakai atau ditolak (usage error or refused).
`;

const SPEC = {
  help: HELP,
  options: {
    preset: { type: "string" },
    zone: { type: "string" },
    stack: { type: "string" },
    "time-zone": { type: "string" },
    dir: { type: "string" },
    force: { type: "boolean" },
  },
} as const;

/** A version range of the tool, or a local tarball (for tests and offline offices). */
const TOOL_SPEC = /^(?:[~^]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?|file:[^\s"'\\]+)$/;

function say(message: Message): string {
  return `${message.id} (${message.en})`;
}

async function presetTexts(preset: PresetName): Promise<{ sop: string; calendar: string }> {
  // National holidays and collective leave hold across Indonesia: the blank office starts from one
  // preset's calendar, with its own time zone and header.
  const calendarOf: PresetName = preset === "blank" ? "kudus" : preset;
  const [sop, calendar] = await Promise.all([
    readToolFile(
      preset === "blank" ? "templates/office/sop-blank.yaml" : `governance/presets/${preset}/sop.yaml`,
    ),
    readToolFile(`governance/presets/${calendarOf}/calendar.yaml`),
  ]);
  return { sop, calendar };
}

async function readMaybe(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

function requestFiles(root: string): string[] {
  const dir = join(root, "requests");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(argv, SPEC);
  if (parsed === "help") {
    io.stdout(HELP);
    return 0;
  }
  const { values, usage } = parsed;
  const preset = values.preset;
  if (preset === undefined || values.zone === undefined || values.stack === undefined) {
    throw usage("--preset, --zone dan --stack wajib (are required)");
  }
  if (!isPreset(preset)) {
    throw usage(`preset tidak dikenal (unknown preset) "${preset}"; pilih (choose) ${PRESETS.join(", ")}`);
  }
  const zoneProblem = checkZoneName(values.zone);
  if (zoneProblem) throw usage(say(zoneProblem));
  const stackProblem = checkStackName(values.stack);
  if (stackProblem) throw usage(say(stackProblem));
  const given = values["time-zone"];
  if (given !== undefined && !isOfficeTimeZone(given)) {
    throw usage(
      `--time-zone "${given}" tidak dikenal (unknown); pilih (choose) ${OFFICE_TIME_ZONES.join(", ")}`,
    );
  }
  const toolDependency = io.env.DOMAINOPS_TOOL_SPEC || `^${await toolVersion()}`;
  if (!TOOL_SPEC.test(toolDependency)) {
    throw usage(
      `DOMAINOPS_TOOL_SPEC "${toolDependency}" bukan versi atau file:TARBALL (is not a version or file:TARBALL)`,
    );
  }

  const texts = await presetTexts(preset);
  const presetZone = (parse(texts.calendar) as { zona_waktu?: unknown }).zona_waktu;
  const timeZone =
    given ?? (typeof presetZone === "string" && isOfficeTimeZone(presetZone) ? presetZone : "Asia/Jakarta");
  if (values.dir !== undefined) {
    // A folder name with control characters would garble every message about it.
    const control = [...values.dir].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
    if (values.dir === "" || control) {
      throw usage(
        `--dir ${JSON.stringify(values.dir)} bukan nama folder yang dapat dipakai (is not a usable folder name)`,
      );
    }
    const target = resolve(io.cwd, values.dir);
    if (existsSync(target) && !statSync(target).isDirectory()) {
      throw usage(`--dir ${values.dir} sudah ada dan bukan folder (exists and is not a folder)`);
    }
  }
  const layout: Layout = values.dir === undefined ? "in-place" : "repository";
  const root = resolve(io.cwd, values.dir ?? ".");
  const templates = new Map<string, string>();
  for (const path of OFFICE_TEMPLATE_FILES)
    templates.set(path, await readToolFile(`templates/office/${path}`));

  const files = buildOffice({
    preset,
    office: { zone: values.zone, stack: values.stack, timeZone },
    layout,
    ...texts,
    templates,
    workflows: await loadWorkflowTemplates(),
    toolDependency,
  });

  const current = new Map<string, string | undefined>();
  const stackFiles = listStackFiles(root);
  for (const path of [...files.map((f) => f.path), ...stackFiles])
    current.set(path, await readMaybe(join(root, path)));
  const requests = requestFiles(root);
  const plan = planInit({ requests, stackFiles, current }, files, values.force === true);
  if (plan.refusals.length > 0) throw usage(plan.refusals.map(say).join("\n"));

  const shown = relative(io.cwd, root) || ".";
  if (plan.archive.length > 0) {
    const stamp = io.now().toISOString().replace(/[:.]/g, "-");
    const archive = join(root, ".domainops", "archive", stamp);
    for (const path of plan.archive) {
      await mkdir(dirname(join(archive, path)), { recursive: true });
      await copyFile(join(root, path), join(archive, path));
    }
    io.stdout(
      `diarsipkan (archived) ${plan.archive.length} berkas ke (files to) ${relative(io.cwd, archive)}: ${plan.archive.join(", ")}\n`,
    );
  }
  for (const path of plan.remove) {
    await rm(join(root, path), { force: true });
    io.stdout(`dihapus (removed): ${path}\n`);
  }
  for (const file of plan.write) {
    await mkdir(dirname(join(root, file.path)), { recursive: true });
    await writeFile(join(root, file.path), file.text);
  }
  io.stdout(
    `kantor ${values.zone} (stack ${values.stack}, preset ${preset}, ${timeZone}) disiapkan di ${shown}: ` +
      `${plan.write.length} berkas ditulis (office scaffolded, ${plan.write.length} files written)\n` +
      "Berikutnya (next): isi pejabat di governance/officials.yaml dan id Cloudflare di " +
      `Pulumi.${values.stack}.yaml, lalu (then) ${layout === "repository" ? "npm install && " : ""}npx domainops check --fix && npm test\n`,
  );
  return 0;
}
