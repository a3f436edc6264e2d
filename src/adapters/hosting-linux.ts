/**
 * Runs a hosting job on a Linux server: the checked plan (`planLinuxAccount`) rendered as one script
 * (`renderLinuxScript`) and sent over OpenSSH (`runSshScript`) with the administrator's key and the
 * server's pinned host key, both written to a private temporary folder that is removed afterwards.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainopsError } from "../core/errors.ts";
import type { HostingJob, JobOperation, JobOutcome, JobSecrets } from "../core/hosting/job.ts";
import { HOSTING_ENV } from "../core/hosting/job.ts";
import { debianServerDefaults, type LinuxServerSettings, planLinuxAccount } from "../core/hosting/linux.ts";
import { parseScriptOutput, renderLinuxScript } from "../core/hosting/linux-script.ts";
import { msg, q } from "../core/request/rules/util.ts";
import type { Message } from "../core/types.ts";
import { runSshScript, type SshRunOptions } from "./ssh.ts";

export interface LinuxJobOptions extends SshRunOptions {
  /**
   * Where the server keeps things; default Debian's layout (`debianServerDefaults`) with the PHP
   * version of the job. A server laid out otherwise names a JSON file of these settings in
   * `DOMAINOPS_HOSTING_LAYOUT` (see `readLayout`).
   */
  layout?: LinuxServerSettings;
}

/**
 * `known_hosts` line of the pinned key in ssh's own form: the bare host on port 22 (an IPv6 literal
 * too), `[host]:port` on any other port.
 */
export function knownHostsLine(address: string, port: number, hostKey: string): string {
  return `${port === 22 ? address : `[${address}]:${port}`} ${hostKey}\n`;
}

/** The server settings of a job: the layout, its PHP version and package, Cloudflare's ranges. */
export function jobSettings(job: HostingJob, layout: LinuxServerSettings | undefined): LinuxServerSettings {
  const base = layout ?? debianServerDefaults;
  const php = job.account.php ?? base.php.defaultVersion;
  const versions = { ...base.php.versions };
  if (layout === undefined && versions[php] === undefined) {
    // Debian names every version's FPM the same way (`php8.3-fpm`), installed side by side.
    versions[php] = {
      bin: `/usr/sbin/php-fpm${php}`,
      config: `/etc/php/${php}/fpm/php-fpm.conf`,
      poolDir: `/etc/php/${php}/fpm/pool.d`,
      pidFile: `/run/php/php${php}-fpm.pid`,
    };
  }
  return {
    ...base,
    php: { ...base.php, versions },
    packages: { [job.account.package]: job.account.limits },
    cloudflareRanges: job.cloudflareRanges,
  };
}

/** A layout file (`DOMAINOPS_HOSTING_LAYOUT`): JSON of `LinuxServerSettings`, checked by the plan. */
export async function readLayout(file: string): Promise<LinuxServerSettings> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new DomainopsError(
      "config",
      `DOMAINOPS_HOSTING_LAYOUT: berkas ${q(file)} tidak terbaca (file ${q(file)} cannot be read)`,
    );
  }
  try {
    return JSON.parse(text) as LinuxServerSettings;
  } catch {
    throw new DomainopsError(
      "config",
      `DOMAINOPS_HOSTING_LAYOUT: ${q(file)} bukan JSON (${q(file)} is not JSON)`,
    );
  }
}

function missingKey(): Message {
  return msg(
    `kunci SSH administrator tidak ada di ${HOSTING_ENV.sshKey}; simpan dengan \`pulumi config set --secret domainops:hostingSshKey < kunci\``,
    `the administrator's SSH key is missing from ${HOSTING_ENV.sshKey}; store it with \`pulumi config set --secret domainops:hostingSshKey < key\``,
  );
}

/** The job on its server: `ensure` = create-or-update, `remove` = suspend, archive, then remove. */
export async function runLinuxJob(
  job: HostingJob,
  operation: JobOperation,
  secrets: JobSecrets,
  options: LinuxJobOptions = {},
): Promise<JobOutcome> {
  const { account, server } = job;
  if (server.hostKey === null)
    return { ok: false, problems: [msg("kunci host server tidak ada", "the server's host key is missing")] };
  if (secrets.sshKey === undefined || secrets.sshKey.trim() === "")
    return { ok: false, problems: [missingKey()] };
  const originTls =
    operation === "ensure" && secrets.originCertificate && secrets.originKey
      ? { certificate: secrets.originCertificate, key: secrets.originKey }
      : undefined;
  const planned = planLinuxAccount(jobSettings(job, options.layout), {
    subdomain: account.request,
    fqdn: account.fqdn,
    package: account.package,
    ...(account.php === null ? {} : { phpVersion: account.php }),
    database: account.database,
    sshKeys: job.sshKeys,
    ...(originTls === undefined ? {} : { originTls }),
  });
  if (!planned.ok) return { ok: false, problems: planned.problems };
  const script = renderLinuxScript(
    planned.plan,
    operation === "ensure" ? "create-or-update" : "archive-and-remove",
  );

  const dir = await mkdtemp(join(tmpdir(), "domainops-ssh-"));
  try {
    await chmod(dir, 0o700);
    const identityFile = join(dir, "id");
    const knownHostsFile = join(dir, "known_hosts");
    const key = secrets.sshKey.replaceAll("\r\n", "\n");
    await writeFile(identityFile, key.endsWith("\n") ? key : `${key}\n`, { mode: 0o600 });
    await writeFile(knownHostsFile, knownHostsLine(server.address, server.port, server.hostKey), {
      mode: 0o600,
    });
    const result = await runSshScript(
      { host: server.address, port: server.port, user: server.adminUser, identityFile, knownHostsFile },
      script,
      options,
    );
    const output = parseScriptOutput(result.stdout);
    if (result.code !== 0 || "id" in output) {
      const reason =
        /^ERROR=(.*)$/m.exec(result.stderr)?.[1] ?? result.stderr.trim().split("\n").at(-1) ?? "";
      return {
        ok: false,
        problems: [
          msg(
            `akun ${q(account.user)} di server ${q(server.name)}: skrip berhenti (status ${result.code}): ${q(reason)}`,
            `account ${q(account.user)} on server ${q(server.name)}: the script stopped (status ${result.code}): ${q(reason)}`,
          ),
        ],
      };
    }
    return { ok: true, lines: outcomeLines(job, planned.plan.docroot, output) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function outcomeLines(
  job: HostingJob,
  docroot: string,
  output: { result: string; archive?: string; warnings: string[] },
): Message[] {
  const { account, server } = job;
  const who = `${q(account.user)} (${account.fqdn}) @ ${q(server.name)}`;
  const lines: Message[] = [];
  switch (output.result) {
    case "changed":
    case "unchanged": {
      lines.push(
        output.result === "changed"
          ? msg(`akun ${who} dibuat atau diperbarui`, `account ${who} created or updated`)
          : msg(
              `akun ${who} sudah sesuai, tidak ada perubahan`,
              `account ${who} already as wanted, nothing changed`,
            ),
      );
      const home = docroot.slice(0, docroot.lastIndexOf("/"));
      const inside = docroot.slice(home.length) || "/";
      lines.push(
        msg(
          `unggah lewat SFTP: sftp -P ${server.port} ${account.user}@${server.address}, ke folder ${inside}; ${job.sshKeys.length} kunci SSH`,
          `upload by SFTP: sftp -P ${server.port} ${account.user}@${server.address}, into ${inside}; ${job.sshKeys.length} SSH keys`,
        ),
      );
      break;
    }
    case "removed":
      lines.push(
        output.archive === undefined
          ? msg(
              `akun ${who} dihapus; tidak ada berkas untuk diarsipkan`,
              `account ${who} removed; there were no files to archive`,
            )
          : msg(
              `akun ${who} diarsipkan ke ${q(output.archive)} di server ${q(server.name)}, lalu dihapus`,
              `account ${who} archived to ${q(output.archive)} on server ${q(server.name)}, then removed`,
            ),
      );
      break;
    default:
      lines.push(
        msg(
          `akun ${who} tidak ada; tidak ada yang dihapus`,
          `account ${who} does not exist; nothing removed`,
        ),
      );
  }
  for (const warning of output.warnings)
    lines.push(msg(`peringatan: ${q(warning)}`, `warning: ${q(warning)}`));
  return lines;
}
