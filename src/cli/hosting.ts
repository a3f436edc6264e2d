/**
 * `domainops hosting ensure|remove`: one hosting account on its server, as the Pulumi program's
 * `local.Command` for that account runs it (`docs/hosting.md`). The job (`src/core/hosting/job.ts`)
 * comes on stdin, the credentials from the environment; what was done is printed for the apply's log,
 * without any secret. Exit 0 done, 1 the server refused or failed (the apply step fails, the resource
 * keeps its last state and the next apply retries), 2 usage or an unreadable job.
 */
import { DomainopsError } from "../core/errors.ts";
import { logLine } from "../core/escape.ts";
import {
  HOSTING_ENV,
  type JobOperation,
  type JobOutcome,
  type JobSecrets,
  parseHostingJob,
} from "../core/hosting/job.ts";
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";

const HELP = `Pemakaian (usage): domainops hosting ensure|remove < job.json

Membuat atau memperbarui (ensure), atau mengarsipkan lalu menghapus (remove), satu akun hosting di
servernya. Dijalankan oleh program Pulumi untuk setiap akun; tugasnya di stdin, kredensial di lingkungan.
(Creates or updates (ensure), or archives then removes (remove), one hosting account on its server.
Run by the Pulumi program for each account; the job on stdin, the credentials in the environment.)

Lingkungan (environment):
  ${HOSTING_ENV.sshKey}      kunci privat SSH administrator (linux) (the administrator's SSH key)
  ${HOSTING_ENV.apiToken}    token API WHM (whm) (the WHM API token)
  ${HOSTING_ENV.originCertificate}, ${HOSTING_ENV.originKey}
                                  sertifikat Origin CA zona dan kuncinya (linux, ensure)
                                  (the zone's Origin CA certificate and key)
  DOMAINOPS_HOSTING_LAYOUT        berkas JSON tata letak server non-Debian (linux)
                                  (JSON file of a non-Debian server layout)
  DOMAINOPS_WHM_ARCHIVED          pengguna cPanel yang cadangannya sudah dipastikan (whm, remove)
                                  (cPanel users whose server backup was confirmed)

Kode keluar (exit codes): 0 selesai (done), 1 server menolak atau gagal (the server refused or failed),
2 salah pakai atau tugas tidak sah (usage or an invalid job).
`;

/** A job is a few kilobytes; a megabyte means the wrong input. */
const MAX_JOB_BYTES = 1024 * 1024;
const OPERATIONS: readonly JobOperation[] = ["ensure", "remove"];

function secretsOf(env: Io["env"]): JobSecrets {
  const secrets: JobSecrets = {};
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === "" ? undefined : value;
  };
  const sshKey = read(HOSTING_ENV.sshKey);
  const apiToken = read(HOSTING_ENV.apiToken);
  const originCertificate = read(HOSTING_ENV.originCertificate);
  const originKey = read(HOSTING_ENV.originKey);
  if (sshKey !== undefined) secrets.sshKey = sshKey;
  if (apiToken !== undefined) secrets.apiToken = apiToken;
  if (originCertificate !== undefined) secrets.originCertificate = originCertificate;
  if (originKey !== undefined) secrets.originKey = originKey;
  return secrets;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, { help: HELP, options: {}, positionals: true });
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const [operation, ...rest] = args.positionals;
  if (operation === undefined || !(OPERATIONS as readonly string[]).includes(operation) || rest.length > 0)
    throw args.usage("pilih ensure atau remove (choose ensure or remove)");

  let text: string;
  try {
    text = await io.stdin(MAX_JOB_BYTES);
  } catch {
    throw new DomainopsError(
      "usage",
      `tugas di stdin lebih dari ${MAX_JOB_BYTES} byte (the job on stdin is larger than ${MAX_JOB_BYTES} bytes)`,
    );
  }
  const job = parseHostingJob(text);
  if ("id" in job) throw new DomainopsError("usage", `${job.id} (${job.en})`);

  const secrets = secretsOf(io.env);
  const op = operation as JobOperation;
  let outcome: JobOutcome;
  if (job.server.kind === "linux") {
    const { readLayout, runLinuxJob } = await import("../adapters/hosting-linux.ts");
    const layoutFile = io.env.DOMAINOPS_HOSTING_LAYOUT;
    const layout = layoutFile ? await readLayout(layoutFile) : undefined;
    outcome = await runLinuxJob(job, op, secrets, layout === undefined ? {} : { layout });
  } else {
    const { runWhmJob } = await import("../adapters/hosting-whm.ts");
    outcome = await runWhmJob(job, op, secrets, { env: io.env });
  }
  if (outcome.ok) {
    for (const line of outcome.lines) io.stdout(`${logLine(line.id)} (${logLine(line.en)})\n`);
    return 0;
  }
  for (const problem of outcome.problems)
    io.stderr(`domainops hosting: ${logLine(problem.id)} (${logLine(problem.en)})\n`);
  return 1;
}
