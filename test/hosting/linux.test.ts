/**
 * The Linux hosting backend end to end, against real OpenSSH, nginx, PHP-FPM and MariaDB (see
 * `test/support/services.ts` for the sandbox). The scripts go to the server as in production: over
 * ssh, as root, on stdin. Nothing is skipped: a service that cannot start fails the suite with its log.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSshScript, type SshResult } from "../../src/adapters/ssh.ts";
import { type LinuxAccountPlan, planLinuxAccount } from "../../src/core/hosting/linux.ts";
import {
  type LinuxOperation,
  parseScriptOutput,
  renderLinuxScript,
  type ScriptOutput,
} from "../../src/core/hosting/linux-script.ts";
import { HOSTING_ACCOUNT_TYPE } from "../../src/core/infra/resources.ts";
import { makeRoot, type Registered, removeRoots, runProgram, secretValue } from "../pulumi/harness.ts";
import { OFFICE, TOOL } from "../support/office.ts";
import { hashFile, PHP_VERSION, type SandboxServer, startSandboxServer } from "../support/services.ts";

const execFileAsync = promisify(execFile);
const HOST_FILES = ["/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow"];
const FQDN = "dinkes.kuduskab.go.id";
const USER = "do-dinkes";

const INDEX_PHP = `<?php
$c = parse_ini_file(getenv('HOME') . '/.my.cnf', true, INI_SCANNER_RAW)['client'];
$db = new mysqli(null, $c['user'], $c['password'], $c['database'], 0, $c['socket']);
$db->query('CREATE TABLE IF NOT EXISTS sapaan (teks VARCHAR(64))');
if ($db->query('SELECT COUNT(*) FROM sapaan')->fetch_row()[0] == 0) {
    $db->query("INSERT INTO sapaan VALUES ('halo dari mariadb')");
}
echo 'db=' . $db->query('SELECT teks FROM sapaan')->fetch_row()[0] . "\\n";
echo 'user=' . posix_getpwuid(posix_geteuid())['name'] . "\\n";
echo 'client=' . $_SERVER['REMOTE_ADDR'] . "\\n";
echo 'memory=' . ini_get('memory_limit') . "\\n";
`;

let server: SandboxServer;
let local: string;
const hostBefore = new Map<string, string>();

beforeAll(async () => {
  for (const file of HOST_FILES) hostBefore.set(file, hashFile(file));
  local = mkdtempSync(join(tmpdir(), "domainops-hosting-client-"));
  server = await startSandboxServer();
}, 120_000);

afterAll(async () => {
  removeRoots();
  await server?.stop();
  if (local) rmSync(local, { recursive: true, force: true });
});

const OTHER = {
  subdomain: "getasrabi.desa",
  fqdn: "getasrabi.desa.kuduskab.go.id",
  user: "do-getasrabi_desa",
};

function plan(pkg = "kecil", other = false): LinuxAccountPlan {
  const result = planLinuxAccount(server.settings, {
    subdomain: other ? OTHER.subdomain : "dinkes",
    fqdn: other ? OTHER.fqdn : FQDN,
    package: pkg,
    database: true,
    sshKeys: [other ? server.otherKey.publicKey : server.unitKey.publicKey],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}

async function apply(
  operation: LinuxOperation,
  pkg?: string,
  other = false,
): Promise<SshResult & { output: ScriptOutput }> {
  const result = await runSshScript(server.admin, renderLinuxScript(plan(pkg, other), operation));
  if (result.code !== 0)
    throw new Error(`${operation} exited ${result.code}: ${result.stderr}\n${server.logs()}`);
  const output = parseScriptOutput(result.stdout);
  if (!("result" in output)) throw new Error(`${output.en}\n${result.stdout}\n${result.stderr}`);
  return { ...result, output };
}

/** A root shell command on the server (over ssh, like the scripts). */
async function onServer(command: string): Promise<string> {
  const result = await runSshScript(server.admin, `set -eu\n${command}\n`);
  if (result.code !== 0) throw new Error(`${command} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

async function curl(path: string, headers: string[] = [], fqdn = FQDN): Promise<string> {
  const args = [
    "-sS",
    "--max-time",
    "5",
    "--cacert",
    server.caFile,
    "--resolve",
    `${fqdn}:${server.httpsPort}:127.0.0.1`,
  ];
  for (const header of headers) args.push("-H", header);
  args.push(`https://${fqdn}:${server.httpsPort}${path}`);
  const { stdout } = await execFileAsync("curl", args);
  return stdout;
}

/** nginx and php-fpm reload in the background: ask until the answer has what is expected. */
async function curlUntil(
  path: string,
  expected: string,
  headers: string[] = [],
  fqdn = FQDN,
): Promise<string> {
  let last = "";
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      last = await curl(path, headers, fqdn);
      if (last.includes(expected)) return last;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

async function sftp(
  batch: string,
  user = USER,
  key = server.unitKey.privateFile,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(local, "batch");
  writeFileSync(file, batch);
  try {
    const { stdout, stderr } = await execFileAsync("sftp", [
      "-F",
      "none",
      "-b",
      file,
      "-o",
      "BatchMode=yes",
      "-o",
      `UserKnownHostsFile=${server.admin.knownHostsFile}`,
      "-o",
      "StrictHostKeyChecking=yes",
      "-o",
      "IdentitiesOnly=yes",
      "-i",
      key,
      "-P",
      String(server.sshPort),
      `${user}@127.0.0.1`,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const WATCHED = () => {
  const s = server.settings;
  return [
    `/var/www/${USER}`,
    `/var/www/${USER}/public_html`,
    `/var/www/${USER}/tmp`,
    `/var/www/${USER}/.my.cnf`,
    `${s.nginx.sitesAvailable}/${USER}.conf`,
    `${s.php.versions[PHP_VERSION]?.poolDir}/${USER}.conf`,
    `${s.sshd.keysDir}/${USER}`,
    s.sshd.dropIn,
  ];
};

async function snapshot(): Promise<string> {
  const files = WATCHED().join(" ");
  return onServer(
    `stat -c '%n %y %a %U:%G' ${files}; sha256sum ${WATCHED().slice(3).join(" ")}; getent passwd ${USER}`,
  );
}

describe("Linux hosting on real services", () => {
  let first: SshResult & { output: ScriptOutput };

  it("provisions an account over ssh in under 10 s", async () => {
    first = await apply("create-or-update");
    expect(first.output.result).toBe("changed");
    expect(first.durationMs).toBeLessThan(10_000);
    // Without user quotas on the filesystem (this sandbox's, usually) the limit is reported, not fatal.
    const quotaOn = (await onServer("quotaon -pu / 2>/dev/null | grep -c ' is on' || true")).trim() !== "0";
    if (quotaOn) {
      expect(first.output.warnings).toEqual([]);
      expect(await onServer(`quota -v -w -u ${USER}`)).toContain("524288");
    } else {
      expect(first.output.warnings).toEqual([
        "quota-unavailable user quota is off on /; disk limit not enforced",
      ]);
    }
    console.info(`provisioning ${USER}: ${Math.round(first.durationMs)} ms`);
    expect(await onServer(`getent passwd ${USER} | cut -d: -f6-7`)).toBe(
      `/var/www/${USER}:/usr/sbin/nologin\n`,
    );
    expect(await onServer(`stat -c '%a %U:%G' /var/www/${USER}/.my.cnf /var/www/${USER}/public_html`)).toBe(
      `400 ${USER}:${USER}\n2750 ${USER}:www-data\n`,
    );
  });

  it("lets the unit's contact upload by SFTP with their key, locked in the account's home", async () => {
    writeFileSync(join(local, "index.php"), INDEX_PHP);
    const result = await sftp(`put ${join(local, "index.php")} /public_html/index.php\nls -a /\npwd\n`);
    expect(result.stderr).not.toMatch(/denied|fail/i);
    expect(result.code).toBe(0);
    // The chroot: "/" is the account's home, holding its site, tmp and delivered credentials only.
    expect(result.stdout).toContain("public_html");
    expect(result.stdout).toContain(".my.cnf");
    expect(result.stdout).not.toContain("etc");
    // SFTP only: no shell for the unit's key.
    const shell = await execFileAsync("ssh", [
      "-F",
      "none",
      "-o",
      "BatchMode=yes",
      "-o",
      `UserKnownHostsFile=${server.admin.knownHostsFile}`,
      "-i",
      server.unitKey.privateFile,
      "-p",
      String(server.sshPort),
      `${USER}@127.0.0.1`,
      "id",
    ]).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => e.stdout ?? "",
    );
    expect(shell).not.toContain("uid=");
  });

  it("serves the account's PHP through nginx over TLS, with the database answering", async () => {
    const page = await curlUntil("/index.php", "db=", ["CF-Connecting-IP: 203.0.113.9"]);
    expect(page).toContain("db=halo dari mariadb");
    expect(page).toContain(`user=${USER}`);
    expect(page).toContain("memory=128M");
    // The peer (127.0.0.1) is not one of Cloudflare's ranges: its CF-Connecting-IP is not believed.
    expect(page).toContain("client=127.0.0.1");
  });

  it("delivers database credentials that work, and never shows the password", async () => {
    const answer = await onServer(
      `mysql --defaults-file=/var/www/${USER}/.my.cnf --batch --skip-column-names -e 'SELECT teks FROM sapaan'`,
    );
    expect(answer).toBe("halo dari mariadb\n");
    const password = (await onServer(`sed -n 's/^password=//p' /var/www/${USER}/.my.cnf`)).trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(first.stdout + first.stderr).not.toContain(password);
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    const again = await apply("create-or-update");
    expect(again.output.result).toBe("unchanged");
    expect(await snapshot()).toBe(before);
  });

  it("resizes the pool when the package changes", async () => {
    const resized = await apply("create-or-update", "besar");
    expect(resized.output.result).toBe("changed");
    const pool = await onServer(`cat ${server.settings.php.versions[PHP_VERSION]?.poolDir}/${USER}.conf`);
    expect(pool).toContain("pm.max_children = 12");
    expect(pool).toContain("php_admin_value[memory_limit] = 256M");
    expect(await curlUntil("/index.php", "memory=256M")).toContain("memory=256M");
  });

  it("keeps a working site enabled when nginx -t fails on an update; the next run completes it", async () => {
    const s = server.settings;
    const site = `${s.nginx.sitesAvailable}/${USER}.conf`;
    const link = `${s.nginx.sitesEnabled}/${USER}.conf`;
    const broken = `${s.nginx.sitesEnabled}/zz-rusak.conf`;
    // Another file breaks nginx's configuration, and this account's block was changed by hand.
    await onServer(`printf 'rusak;\\n' > ${broken}\nprintf '# disunting\\n' >> ${site}`);
    try {
      const failed = await runSshScript(server.admin, renderLinuxScript(plan("besar"), "create-or-update"));
      expect(failed.code).not.toBe(0);
      expect(`${failed.stdout}${failed.stderr}`).toContain(`nginx -t: ${site}`);
      expect(await onServer(`readlink ${link}`)).toBe(`${site}\n`);
      // nginx was never reloaded: the site still answers.
      expect(await curl("/index.php")).toContain("db=halo dari mariadb");
    } finally {
      // Whatever happened, the later tests get a server nginx can reload.
      await onServer(`rm -f ${broken}\ntest -L ${link} || ln -s ${site} ${link}`);
    }
    const fixed = await apply("create-or-update", "besar");
    expect(fixed.output.result).toBe("changed");
    expect(await onServer(`grep -c disunting ${site} || true`)).toBe("0\n");
    expect(await onServer(`readlink ${link}`)).toBe(`${site}\n`);
  });

  it("keeps a second account, nested, apart from the first", async () => {
    const second = await apply("create-or-update", "kecil", true);
    expect(second.output.result).toBe("changed");
    console.info(`provisioning ${OTHER.user}: ${Math.round(second.durationMs)} ms`);
    writeFileSync(
      join(local, "probe.php"),
      `<?php
echo 'read=' . var_export(@file_get_contents('/var/www/${USER}/.my.cnf'), true) . "\\n";
echo 'list=' . var_export(@scandir('/var/www/${USER}/public_html'), true) . "\\n";
echo 'user=' . posix_getpwuid(posix_geteuid())['name'] . "\\n";
`,
    );
    const upload = await sftp(
      `put ${join(local, "probe.php")} /public_html/probe.php\n`,
      OTHER.user,
      server.otherKey.privateFile,
    );
    expect(upload.code).toBe(0);
    // The other unit's key opens its own account only.
    expect((await sftp("ls /\n", USER, server.otherKey.privateFile)).code).not.toBe(0);
    const page = await curlUntil("/probe.php", "user=", [], OTHER.fqdn);
    expect(page).toBe(`read=false\nlist=false\nuser=${OTHER.user}\n`);
    const removed = await apply("archive-and-remove", "kecil", true);
    expect(removed.output.archive).toMatch(new RegExp(`/${OTHER.user}-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    // The first account still serves.
    expect(await curlUntil("/index.php", "db=")).toContain("db=halo dari mariadb");
  });

  it("suspends: the site answers 503 and the key no longer logs in; create-or-update resumes", async () => {
    const suspended = await apply("suspend", "besar");
    expect(suspended.output.result).toBe("suspended");
    expect(await curlUntil("/index.php", "ditangguhkan")).toContain("This site is suspended");
    expect((await sftp("ls /\n")).code).not.toBe(0);
    const resumed = await apply("create-or-update", "besar");
    expect(resumed.output.result).toBe("changed");
    expect(await curlUntil("/index.php", "db=")).toContain("db=halo dari mariadb");
    expect((await sftp("ls /\n")).code).toBe(0);
  });

  it("archives the site and a database dump, then removes the account", async () => {
    const removed = await apply("archive-and-remove", "besar");
    expect(removed.output.result).toBe("removed");
    const lines = removed.stdout.trim().split("\n");
    expect(lines.at(-1)).toMatch(
      new RegExp(`^ARCHIVE=/var/backups/domainops/${USER}-\\d{8}T\\d{6}Z\\.tar\\.gz$`),
    );
    const archive = removed.output.archive ?? "";
    const listing = await onServer(`tar -tzf ${archive}`);
    expect(listing).toContain("./public_html/index.php");
    expect(listing).toContain("./database.sql");
    expect(await onServer(`tar -xzOf ${archive} ./database.sql`)).toMatch(/CREATE TABLE `sapaan`/);
    expect(await onServer(`stat -c '%a %U' ${archive}`)).toBe("600 root\n");

    const s = server.settings;
    const gone = await onServer(
      [
        `getent passwd ${USER} || echo no-user`,
        `getent group ${USER} || echo no-group`,
        `test -e /var/www/${USER} || echo no-home`,
        `test -e ${s.php.versions[PHP_VERSION]?.poolDir}/${USER}.conf || echo no-pool`,
        `test -e ${s.nginx.sitesAvailable}/${USER}.conf || echo no-site`,
        `test -e ${s.nginx.sitesEnabled}/${USER}.conf || echo no-link`,
        `test -e ${s.sshd.keysDir}/${USER} || echo no-keys`,
        `mysql --batch --skip-column-names -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '${USER}'"`,
        `mysql --batch --skip-column-names -e "SELECT COUNT(*) FROM mysql.user WHERE User = '${USER}'"`,
      ].join("\n"),
    );
    expect(gone.split("\n")).toEqual([
      "no-user",
      "no-group",
      "no-home",
      "no-pool",
      "no-site",
      "no-link",
      "no-keys",
      "0",
      "0",
      "",
    ]);
    // The name now falls to the server's default block.
    expect(await curlUntil("/index.php", "421")).not.toContain("db=");
    // Removing again finds nothing and archives nothing.
    const again = await apply("archive-and-remove", "besar");
    expect(again.output).toEqual({ result: "absent", warnings: [] });
    // Suspending what is gone writes nothing either.
    expect((await apply("suspend", "besar")).output.result).toBe("unchanged");
    expect(await onServer(`test -e ${s.nginx.sitesAvailable}/${USER}.conf || echo no-site`)).toBe(
      "no-site\n",
    );
  });

  it("left the host's users and groups as they were", () => {
    for (const [file, hash] of hostBefore) expect(hashFile(file), file).toBe(hash);
    expect(readFileSync("/etc/passwd", "utf8")).not.toContain(USER);
  });
});

/** A command as `@pulumi/command`'s local provider runs it: `/bin/sh -c`, the job on stdin. */
function runCommand(
  command: string,
  stdin: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], { cwd: TOOL, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
    child.stdin.end(stdin);
  });
}

describe("one apply: the Pulumi program's account command runs domainops hosting on the server", () => {
  const ARSIP = { fqdn: "arsip.kuduskab.go.id", user: "do-arsip" };
  let account: Registered;
  let env: Record<string, string>;
  let stdin: string;
  let certificate: string;

  beforeAll(async () => {
    // A fresh origin certificate from the sandbox's CA, standing in for Cloudflare's Origin CA.
    const tls = join(server.dir, "tls");
    const run = (args: string[]) => execFileAsync("openssl", args);
    await run(
      ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"].concat([
        "-subj",
        "/CN=kuduskab.go.id",
        "-keyout",
        join(local, "new.key"),
        "-out",
        join(local, "new.csr"),
      ]),
    );
    await run(
      ["x509", "-req", "-in", join(local, "new.csr"), "-CA", join(tls, "ca.pem")].concat(
        ["-CAkey", join(tls, "ca.key"), "-CAcreateserial", "-days", "2", "-extfile", join(tls, "ext.cnf")],
        ["-out", join(local, "new.pem")],
      ),
    );
    certificate = readFileSync(join(local, "new.pem"), "utf8");

    const request = readFileSync(join(OFFICE, "requests/dinkes.yaml"), "utf8")
      .replace("subdomain: dinkes", "subdomain: arsip")
      .replace('    php: "8.2"\n', "")
      .replace(/^dns:[\s\S]*?(?=^catatan:)/m, "");
    const hostKey = readFileSync(server.admin.knownHostsFile, "utf8").trim().split(" ").slice(1).join(" ");
    const { resources } = await runProgram(makeRoot({ "arsip.yaml": request }), {
      config: {
        "domainops:hostingServers": JSON.stringify([
          {
            name: "web1",
            kind: "linux",
            address: "10.10.1.30",
            hostKey,
            php: [PHP_VERSION],
            packages: { sedang: { diskQuotaMb: 512 } },
          },
        ]),
      },
      secrets: { "domainops:hostingSshKey": readFileSync(server.admin.identityFile, "utf8") },
      fetchKeys: async () => [server.unitKey.publicKey],
      pem: { certificate, key: readFileSync(join(local, "new.key"), "utf8") },
    });
    const found = resources.find((r) => r.type === HOSTING_ACCOUNT_TYPE);
    if (found === undefined) throw new Error("no account registered");
    account = found;
    // The one change from what production runs: the sandbox answers on loopback, not at the
    // server's address in the stack (loopback is refused there, as it should be).
    const job = JSON.parse(String(account.inputs.stdin));
    job.server.address = "127.0.0.1";
    job.server.port = server.sshPort;
    stdin = JSON.stringify(job);
    const layout = join(local, "layout.json");
    writeFileSync(layout, JSON.stringify(server.settings));
    env = {
      ...secretValue<Record<string, string>>(account.inputs.environment),
      DOMAINOPS_HOSTING_LAYOUT: layout,
    };
  }, 60_000);

  it("create: the account serves PHP over the new origin certificate, the contact uploads by SFTP", async () => {
    const created = await runCommand(String(account.inputs.create), stdin, env);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`akun "${ARSIP.user}" (${ARSIP.fqdn}) @ "web1" dibuat atau diperbarui`);
    expect(created.stdout).toContain(
      `upload by SFTP: sftp -P ${server.sshPort} ${ARSIP.user}@127.0.0.1, into /public_html`,
    );
    // npx, the CLI and the provisioning over ssh, all in one.
    expect(created.ms).toBeLessThan(10_000);

    const tls = server.settings.nginx.tls;
    expect(await onServer(`cat ${tls?.certificate}`)).toBe(certificate);
    expect(await onServer(`stat -c '%a %U' ${tls?.key}`)).toBe("600 root\n");

    writeFileSync(
      join(local, "arsip.php"),
      "<?php echo 'arsip=' . posix_getpwuid(posix_geteuid())['name'];\n",
    );
    const upload = await sftp(`put ${join(local, "arsip.php")} /public_html/index.php\n`, ARSIP.user);
    expect(upload.code, upload.stderr).toBe(0);
    expect(await curlUntil("/index.php", "arsip=", [], ARSIP.fqdn)).toBe(`arsip=${ARSIP.user}`);
  });

  it("update with nothing changed changes nothing", async () => {
    const again = await runCommand(String(account.inputs.update), stdin, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("sudah sesuai, tidak ada perubahan");
  });

  it("delete: archives the uploaded site, then removes the account, saying where the archive is", async () => {
    const removed = await runCommand(String(account.inputs.delete), stdin, env);
    expect(removed.code, removed.stderr).toBe(0);
    const archive = /diarsipkan ke "([^"]+)" di server "web1"/.exec(removed.stdout)?.[1] ?? "";
    expect(archive).toMatch(new RegExp(`^/var/backups/domainops/${ARSIP.user}-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    expect(await onServer(`tar -tzf ${archive}`)).toContain("./public_html/index.php");
    expect(await onServer(`getent passwd ${ARSIP.user} || echo no-user`)).toBe("no-user\n");
  });

  it("a job the program did not make never reaches the server", async () => {
    const forged = JSON.parse(stdin);
    forged.account.user = "root";
    const refused = await runCommand(String(account.inputs.create), JSON.stringify(forged), env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "tugas hosting tidak sah pada account.user (invalid hosting job at account.user)",
    );
    expect(await onServer("getent passwd root | cut -d: -f7")).toBe("/bin/bash\n");
  });
});
