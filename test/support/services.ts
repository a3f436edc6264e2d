/**
 * A real Debian "server" for the hosting tests: OpenSSH, nginx, PHP-FPM and MariaDB from the
 * machine's packages, each with its own configuration in a temporary directory, on loopback ports.
 *
 * Isolation: the server is one `unshare --mount --pid --fork --kill-child` process. Inside its private
 * mount namespace, overlayfs covers /etc, /home, /root, /run, /srv and /var with upper layers on a
 * tmpfs, so `useradd`, config writes, /var/www and /var/backups land in memory that disappears with
 * the namespace; the host's files and running services are never touched. Its PID namespace makes
 * every daemon a child of one init: killing that process (afterAll) ends them all, even when a test
 * failed half-way. The test reaches the server only as production does: ssh and sftp to sshd, and
 * HTTPS to nginx, on 127.0.0.1.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SshTarget } from "../../src/adapters/ssh.ts";
import { debianServerDefaults, type LinuxServerSettings } from "../../src/core/hosting/linux.ts";

/** The PHP-FPM the machine has (Debian 12: 8.2, Debian 13: 8.4); the newest when several. */
export const PHP_VERSION = installedPhpFpm();

function installedPhpFpm(): string {
  const versions = readdirSync("/usr/sbin")
    .map((name) => /^php-fpm(\d+\.\d+)$/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  // No PHP-FPM: the server's start fails with this version's missing binary in its log.
  return versions.at(-1) ?? "8.2";
}

/** Cloudflare's IPv4 and IPv6 ranges as published at https://www.cloudflare.com/ips/ (2026). */
export const CLOUDFLARE_RANGES = [
  "173.245.48.0/20",
  "103.21.244.0/22",
  "103.22.200.0/22",
  "103.31.4.0/22",
  "141.101.64.0/18",
  "108.162.192.0/18",
  "190.93.240.0/20",
  "188.114.96.0/20",
  "197.234.240.0/22",
  "198.41.128.0/17",
  "162.158.0.0/15",
  "104.16.0.0/13",
  "104.24.0.0/14",
  "172.64.0.0/13",
  "131.0.72.0/22",
  "2400:cb00::/32",
  "2606:4700::/32",
  "2803:f800::/32",
  "2405:b500::/32",
  "2405:8100::/32",
  "2a06:98c0::/29",
  "2c0f:f248::/32",
];

export interface SandboxServer {
  dir: string;
  settings: LinuxServerSettings;
  /** root, with the administrator's key. */
  admin: SshTarget;
  /** The unit's technical contact's key pair (as if from their GitHub account). */
  unitKey: { privateFile: string; publicKey: string };
  /** Another unit's contact. */
  otherKey: { privateFile: string; publicKey: string };
  sshPort: number;
  httpsPort: number;
  /** The CA that signed the origin certificate (Cloudflare's Origin CA in production). */
  caFile: string;
  /** Every log of the server, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[]): string {
  return execFileSync(bin, args, { stdio: ["ignore", "pipe", "pipe"] }).toString();
}

/** A hash of a host file, to show a test left it as it was. */
export function hashFile(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function bootScript(dir: string, ports: { ssh: number; mysql: number }): string {
  return `#!/bin/sh
set -eu
T=${dir}
exec >>"$T/log/boot.log" 2>&1
echo "boot: pid $$"
mount -t tmpfs -o mode=0755 domainops-sandbox "$T/ovl"
for d in etc home root run srv var; do
  mkdir -p "$T/ovl/$d/upper" "$T/ovl/$d/work"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$T/ovl/$d/upper,workdir=$T/ovl/$d/work" "/$d"
done
mkdir -p /run/sshd /run/php /run/mysqld /var/log/nginx /var/www /root/.ssh
chmod 755 /run/sshd
chown mysql:mysql /run/mysqld
chmod 700 /root/.ssh
cp "$T/keys/admin.pub" /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys

mariadb-install-db --no-defaults --user=mysql --datadir="$T/mysql" --auth-root-authentication-method=socket \\
  --skip-test-db >"$T/log/mariadb-install.log" 2>&1
/usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$T/mysql" --socket=/run/mysqld/mysqld.sock \\
  --port=${ports.mysql} --bind-address=127.0.0.1 --pid-file=/run/mysqld/mariadb.pid \\
  --log-error="$T/log/mariadb.log" --skip-log-bin --innodb-buffer-pool-size=32M &
/usr/sbin/php-fpm${PHP_VERSION} --nodaemonize --fpm-config "$T/php/php-fpm.conf" &
/usr/sbin/nginx -c "$T/nginx/nginx.conf" -g 'daemon off;' &
/usr/sbin/sshd -D -e -f "$T/ssh/sshd_config" 2>>"$T/log/sshd.log" &

waited=0
until [ -S /run/mysqld/mysqld.sock ] && [ -s "$T/run/php-fpm.pid" ] && [ -s "$T/run/nginx.pid" ] \\
  && [ -s "$T/run/sshd.pid" ]; do
  if [ "$waited" -ge 300 ]; then echo "boot: daemons did not start in 30 s"; exit 1; fi
  for job in $(jobs -p); do kill -0 "$job" 2>/dev/null || { echo "boot: daemon $job exited"; exit 1; }; done
  sleep 0.1
  waited=$((waited + 1))
done
sleep 0.2
for job in $(jobs -p); do kill -0 "$job" 2>/dev/null || { echo "boot: daemon $job exited"; exit 1; }; done
/usr/bin/mariadb --no-defaults --socket=/run/mysqld/mysqld.sock --user=root -e 'SELECT 1' >/dev/null
echo ready >"$T/ready"
echo "boot: ready after $waited ticks"
# PID 1 of the namespace: waiting keeps every daemon alive until the test kills this process.
while :; do wait || true; sleep 1; done
`;
}

function nginxConf(dir: string, httpsPort: number): string {
  return `user www-data;
worker_processes 1;
pid ${dir}/run/nginx.pid;
error_log ${dir}/log/nginx-error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/log/nginx-access.log;
  server {
    listen 127.0.0.1:${httpsPort} ssl default_server;
    server_name _;
    ssl_certificate ${dir}/tls/origin.pem;
    ssl_certificate_key ${dir}/tls/origin.key;
    return 421;
  }
  include ${dir}/nginx/sites-enabled/*.conf;
}
`;
}

function phpFpmConf(dir: string): string {
  return `[global]
pid = ${dir}/run/php-fpm.pid
error_log = ${dir}/log/php-fpm.log
daemonize = no
include = ${dir}/php/pool.d/*.conf
`;
}

// php-fpm refuses to start without a pool; this one serves nothing.
function basePool(dir: string): string {
  return `[sandbox-base]
user = www-data
group = www-data
listen = ${dir}/run/base.sock
pm = ondemand
pm.max_children = 1
`;
}

function sshdConf(dir: string, sshPort: number, dropIn: string): string {
  return `Port ${sshPort}
ListenAddress 127.0.0.1
HostKey ${dir}/keys/host_ed25519
PidFile ${dir}/run/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
Subsystem sftp internal-sftp
Include ${dropIn}
`;
}

/**
 * Starts the server and waits until every daemon runs and root can log in over ssh. Throws with the
 * server's logs when anything fails to start: a missing service is a failure, never a skip.
 */
export async function startSandboxServer(): Promise<SandboxServer> {
  const dir = mkdtempSync(join(tmpdir(), "domainops-hosting-"));
  // The daemons' users (mysql, www-data) reach their files under it.
  chmod(dir, 0o755);
  for (const sub of [
    "ovl",
    "log",
    "run",
    "keys",
    "tls",
    "mysql",
    "php/pool.d",
    "nginx/sites-available",
    "nginx/sites-enabled",
    "ssh",
  ]) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  const [sshPort, httpsPort, mysqlPort] = [await freePort(), await freePort(), await freePort()];
  const keys = join(dir, "keys");
  for (const name of ["admin", "unit", "other", "host_ed25519"]) {
    run("ssh-keygen", [
      "-q",
      "-t",
      "ed25519",
      "-N",
      "",
      "-C",
      `domainops-test-${name}`,
      "-f",
      join(keys, name),
    ]);
  }
  const hostKey = readFileSync(join(keys, "host_ed25519.pub"), "utf8").split(" ").slice(0, 2).join(" ");
  writeFileSync(join(keys, "known_hosts"), `[127.0.0.1]:${sshPort} ${hostKey}\n`);

  const tls = join(dir, "tls");
  run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=domainops test origin CA",
    "-keyout",
    join(tls, "ca.key"),
    "-out",
    join(tls, "ca.pem"),
  ]);
  run("openssl", [
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-subj",
    "/CN=kuduskab.go.id",
    "-keyout",
    join(tls, "origin.key"),
    "-out",
    join(tls, "origin.csr"),
  ]);
  writeFileSync(
    join(tls, "ext.cnf"),
    "subjectAltName=DNS:kuduskab.go.id,DNS:*.kuduskab.go.id,DNS:*.desa.kuduskab.go.id\n",
  );
  run("openssl", [
    "x509",
    "-req",
    "-in",
    join(tls, "origin.csr"),
    "-CA",
    join(tls, "ca.pem"),
    "-CAkey",
    join(tls, "ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    join(tls, "ext.cnf"),
    "-out",
    join(tls, "origin.pem"),
  ]);

  const settings: LinuxServerSettings = {
    ...debianServerDefaults,
    nginx: {
      ...debianServerDefaults.nginx,
      config: join(dir, "nginx/nginx.conf"),
      sitesAvailable: join(dir, "nginx/sites-available"),
      sitesEnabled: join(dir, "nginx/sites-enabled"),
      listen: [`127.0.0.1:${httpsPort} ssl`],
      tls: { certificate: join(tls, "origin.pem"), key: join(tls, "origin.key") },
    },
    php: {
      defaultVersion: PHP_VERSION,
      versions: {
        [PHP_VERSION]: {
          bin: `/usr/sbin/php-fpm${PHP_VERSION}`,
          config: join(dir, "php/php-fpm.conf"),
          poolDir: join(dir, "php/pool.d"),
          pidFile: join(dir, "run/php-fpm.pid"),
        },
      },
      socketDir: "/run/php",
    },
    sshd: {
      ...debianServerDefaults.sshd,
      config: join(dir, "ssh/sshd_config"),
      pidFile: join(dir, "run/sshd.pid"),
      dropIn: join(dir, "ssh/domainops.conf"),
    },
    cloudflareRanges: CLOUDFLARE_RANGES,
    packages: {
      kecil: { diskQuotaMb: 512, phpMaxChildren: 3, phpMemoryLimitMb: 128 },
      besar: { diskQuotaMb: 4096, phpMaxChildren: 12, phpMemoryLimitMb: 256 },
    },
  };
  writeFileSync(settings.nginx.config, nginxConf(dir, httpsPort));
  writeFileSync(join(dir, "php/php-fpm.conf"), phpFpmConf(dir));
  writeFileSync(join(dir, "php/pool.d/sandbox-base.conf"), basePool(dir));
  writeFileSync(settings.sshd.config, sshdConf(dir, sshPort, settings.sshd.dropIn));
  // sshd reads the Include at start; the provisioning writes the real block.
  writeFileSync(settings.sshd.dropIn, "");
  writeFileSync(join(dir, "boot.sh"), bootScript(dir, { ssh: sshPort, mysql: mysqlPort }));

  const child = spawn(
    "unshare",
    [
      "--mount",
      "--propagation",
      "private",
      "--pid",
      "--fork",
      "--mount-proc",
      "--kill-child",
      "--",
      "/bin/sh",
      join(dir, "boot.sh"),
    ],
    { stdio: "ignore" },
  );
  // Should the test process end without afterAll (a hook timeout, an interrupted run), the server
  // still goes with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const logs = () => readLogs(dir);
  const server: SandboxServer = {
    dir,
    settings,
    admin: {
      host: "127.0.0.1",
      port: sshPort,
      user: "root",
      identityFile: join(keys, "admin"),
      knownHostsFile: join(keys, "known_hosts"),
    },
    unitKey: {
      privateFile: join(keys, "unit"),
      publicKey: readFileSync(join(keys, "unit.pub"), "utf8").trim(),
    },
    otherKey: {
      privateFile: join(keys, "other"),
      publicKey: readFileSync(join(keys, "other.pub"), "utf8").trim(),
    },
    sshPort,
    httpsPort,
    caFile: join(tls, "ca.pem"),
    logs,
    stop: () => {
      process.off("exit", killOnExit);
      return stop(child, dir);
    },
  };
  try {
    await waitReady(child, dir, server.admin);
  } catch (error) {
    const text = logs();
    await server.stop();
    throw new Error(`${(error as Error).message}\n${text}`);
  }
  return server;
}

function chmod(path: string, mode: number): void {
  chmodSync(path, mode);
}

function readLogs(dir: string): string {
  const parts: string[] = [];
  for (const name of [
    "boot.log",
    "mariadb-install.log",
    "mariadb.log",
    "php-fpm.log",
    "nginx-error.log",
    "sshd.log",
  ]) {
    const path = join(dir, "log", name);
    if (existsSync(path)) parts.push(`--- ${name}\n${readFileSync(path, "utf8").slice(-4000)}`);
  }
  return parts.join("\n");
}

async function waitReady(child: ChildProcess, dir: string, admin: SshTarget): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!existsSync(join(dir, "ready"))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error("the sandbox server exited while starting");
    if (Date.now() > deadline) throw new Error("the sandbox server did not start in 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  // sshd listens once its pid file exists, but a first connection can still race its start.
  let last = "";
  while (Date.now() < deadline) {
    try {
      execFileSync(
        "ssh",
        [
          "-F",
          "none",
          "-o",
          "BatchMode=yes",
          "-o",
          `UserKnownHostsFile=${admin.knownHostsFile}`,
          "-o",
          "StrictHostKeyChecking=yes",
          "-i",
          admin.identityFile,
          "-p",
          String(admin.port),
          "root@127.0.0.1",
          "true",
        ],
        { stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 },
      );
      return;
    } catch (error) {
      last = String((error as { stderr?: Buffer }).stderr ?? error);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`root cannot log in to the sandbox server over ssh: ${last}`);
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // --kill-child: unshare's death SIGKILLs the namespace's init, and the kernel then kills every
    // process of the PID namespace; the mounts go with the last of them.
    child.kill("SIGKILL");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
