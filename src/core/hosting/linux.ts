/**
 * The Linux backend of `hosting.jenis: server`: what an account on the office's Debian server is made
 * of, checked before anything is rendered. One system user per account (see `linux-user.ts`), its web
 * root as an SFTP chroot, an nginx server block that trusts only Cloudflare's addresses for the client
 * IP, a PHP-FPM pool running as the user, a MariaDB database and user, and a disk quota.
 *
 * `planLinuxAccount` validates every value a script or a configuration file will hold and returns
 * every problem at once; the renderers (`linux-config.ts`, `linux-script.ts`) take only a checked plan.
 */
import { parseCidr } from "../ip.ts";
import { msg, q } from "../request/rules/util.ts";
import type { Message } from "../types.ts";
import { accountNameProblems } from "./account-name.ts";
import { deriveLinuxUser } from "./linux-user.ts";

/** The resources of a package (`paket`): what a changed package resizes. */
export interface PackageLimits {
  /** Hard disk quota of the user, in MiB (setquota's block limit; the soft limit is 90 % of it). */
  diskQuotaMb: number;
  /** PHP-FPM `pm.max_children`: the most requests the account's PHP serves at once. */
  phpMaxChildren: number;
  /** PHP `memory_limit` of one request, in MiB. */
  phpMemoryLimitMb: number;
}

/** One installed PHP version's FPM service (Debian: `php<version>-fpm`). */
export interface PhpFpmSettings {
  /** e.g. `/usr/sbin/php-fpm8.2` */
  bin: string;
  /** e.g. `/etc/php/8.2/fpm/php-fpm.conf` */
  config: string;
  /** e.g. `/etc/php/8.2/fpm/pool.d` */
  poolDir: string;
  /** e.g. `/run/php/php8.2-fpm.pid`: the master receives USR2 to reload. */
  pidFile: string;
}

/**
 * Where the services of one server are. The same scripts run on a real Debian server
 * (`debianServerDefaults`) and in the test sandbox, which only changes these values.
 */
/**
 * The account's document root, a folder of its home; the home is the SFTP chroot, so the unit sees
 * it as `/public_html`.
 */
export const LINUX_DOCROOT_DIR = "public_html";

export interface LinuxServerSettings {
  /** Parent of the accounts' homes: `/var/www` (each home `/var/www/<user>` is its SFTP chroot). */
  webRoot: string;
  /** Where `archive-and-remove` leaves its archives: `/var/backups/domainops`. */
  backupDir: string;
  /** The group nginx runs as (`www-data`), owner group of the PHP sockets and document roots. */
  webGroup: string;
  nginx: {
    bin: string;
    /** The main configuration, given to `nginx -t -c` and `nginx -s reload -c`. */
    config: string;
    sitesAvailable: string;
    sitesEnabled: string;
    /** Debian's `/etc/nginx/fastcgi_params`. */
    fastcgiParams: string;
    logDir: string;
    /** `listen` parameters of every site, e.g. `443 ssl`, `[::]:443 ssl`. */
    listen: string[];
    /**
     * The Cloudflare Origin CA certificate and key of the zone (`*.zone` and `zone`), for SSL/TLS mode
     * Full (strict): Cloudflare checks the origin's certificate against its Origin CA.
     */
    tls?: { certificate: string; key: string };
  };
  php: {
    defaultVersion: string;
    versions: Record<string, PhpFpmSettings>;
    /** Directory of the pools' sockets: `/run/php`. */
    socketDir: string;
  };
  mysql: {
    client: string;
    dump: string;
    /** root logs in over this socket with unix_socket authentication (Debian's default). */
    socket: string;
  };
  sshd: {
    bin: string;
    config: string;
    pidFile: string;
    /** The `Match Group` block of SFTP accounts, included by the main configuration. */
    dropIn: string;
    /** Root-owned `authorized_keys` files, one per account: the account cannot change its own keys. */
    keysDir: string;
    sftpGroup: string;
  };
  /** The mount point holding `webRoot`, for setquota. */
  quotaFilesystem: string;
  /** Cloudflare's published ranges (https://www.cloudflare.com/ips/): the only peers trusted for the client IP. */
  cloudflareRanges: string[];
  packages: Record<string, PackageLimits>;
}

/** What one request asks of the server. */
export interface LinuxAccountRequest {
  /** The subdomain relative to the zone (`dinkes`, `getasrabi.desa`). */
  subdomain: string;
  /** The full name served (`dinkes.kuduskab.go.id`). */
  fqdn: string;
  package: string;
  /** Default: the server's `php.defaultVersion`. */
  phpVersion?: string;
  database: boolean;
  /** The technical contact's public keys (GitHub's `/users/<login>/keys`), one per entry. */
  sshKeys: string[];
  /**
   * The zone's Cloudflare Origin CA certificate and its key (PEM), installed at `nginx.tls` when they
   * differ from what the server holds; absent: the files there are left as they are.
   */
  originTls?: OriginTls;
}

/** PEM texts of an origin certificate and its private key. */
export interface OriginTls {
  certificate: string;
  key: string;
}

/** A checked account: every value below may go into a script or a configuration file. */
export interface LinuxAccountPlan {
  server: LinuxServerSettings;
  user: string;
  fqdn: string;
  home: string;
  docroot: string;
  tmpdir: string;
  phpVersion: string;
  limits: PackageLimits;
  database: boolean;
  /** `<type> <base64>` only: comments and options (`command=...`) are dropped. */
  sshKeys: string[];
  cloudflareRanges: string[];
  originTls: OriginTls | null;
}

export type LinuxPlanResult = { ok: true; plan: LinuxAccountPlan } | { ok: false; problems: Message[] };

export const debianServerDefaults: LinuxServerSettings = {
  webRoot: "/var/www",
  backupDir: "/var/backups/domainops",
  webGroup: "www-data",
  nginx: {
    bin: "/usr/sbin/nginx",
    config: "/etc/nginx/nginx.conf",
    sitesAvailable: "/etc/nginx/sites-available",
    sitesEnabled: "/etc/nginx/sites-enabled",
    fastcgiParams: "/etc/nginx/fastcgi_params",
    logDir: "/var/log/nginx",
    listen: ["443 ssl", "[::]:443 ssl"],
    tls: { certificate: "/etc/ssl/domainops/origin.pem", key: "/etc/ssl/domainops/origin.key" },
  },
  php: {
    defaultVersion: "8.2",
    versions: {
      "8.2": {
        bin: "/usr/sbin/php-fpm8.2",
        config: "/etc/php/8.2/fpm/php-fpm.conf",
        poolDir: "/etc/php/8.2/fpm/pool.d",
        pidFile: "/run/php/php8.2-fpm.pid",
      },
    },
    socketDir: "/run/php",
  },
  mysql: { client: "/usr/bin/mysql", dump: "/usr/bin/mysqldump", socket: "/run/mysqld/mysqld.sock" },
  sshd: {
    bin: "/usr/sbin/sshd",
    config: "/etc/ssh/sshd_config",
    pidFile: "/run/sshd.pid",
    dropIn: "/etc/ssh/sshd_config.d/domainops.conf",
    keysDir: "/etc/ssh/domainops/authorized_keys",
    sftpGroup: "domainops-sftp",
  },
  quotaFilesystem: "/",
  cloudflareRanges: [],
  packages: {},
};

// Absolute paths of plain characters: no spaces, quotes, `;`, `{` or `$`, and no segment starting
// with a dot (so no `..`), so a path means the same to sh, nginx, php-fpm and sshd without any
// quoting of their own.
const PATH = /^(?:\/|(?:\/[A-Za-z0-9_+@-][A-Za-z0-9._+@-]*)+)$/;
const GROUP = /^[a-z_][a-z0-9_-]{0,31}$/;
const PHP_VERSION = /^[0-9]\.[0-9]{1,2}$/;
const LISTEN =
  /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?\d{1,5}(?: (?:ssl|http2|default_server|reuseport))*$/;
// Cloudflare's widest published ranges are a /13 (IPv4) and a /29 (IPv6); a wider one (`0.0.0.0/0`)
// would let anyone set the client address.
const MIN_TRUSTED_IPV4 = 12;
const MIN_TRUSTED_IPV6 = 28;

/** OpenSSH public key types GitHub accepts. */
const KEY_TYPES: ReadonlySet<string> = new Set([
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
]);
const KEY_LINE = /^([a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})(?: [^\r\n]*)?$/;

/**
 * `<type> <base64>` of an OpenSSH public key, or null. The blob must decode and name the same type
 * (RFC 4253 §6.6: a string with the key type, then the key), so a line that only looks like a key,
 * or one with options in front (`command="..." ssh-ed25519 ...`), is refused.
 */
export function normalizeSshKey(line: string): string | null {
  const match = KEY_LINE.exec(line.trim());
  if (match === null) return null;
  const [, type = "", blob = ""] = match;
  if (!KEY_TYPES.has(type)) return null;
  const name = Buffer.from(type, "latin1");
  const prefix = Buffer.alloc(4 + name.length);
  prefix.writeUInt32BE(name.length, 0);
  name.copy(prefix, 4);
  if (!Buffer.from(blob, "base64").subarray(0, prefix.length).equals(prefix)) return null;
  return `${type} ${blob}`;
}

/**
 * Upper bounds of a package's limits: setquota's block limit of 4 TiB in MiB, a pool of 1000 PHP
 * workers, a 64 GiB `memory_limit`. Anything above is a typo, not a package.
 */
export const PACKAGE_LIMIT_MAX: { readonly [K in keyof PackageLimits]: number } = {
  diskQuotaMb: 4_194_304,
  phpMaxChildren: 1000,
  phpMemoryLimitMb: 65_536,
};

function positiveInteger(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= max;
}

/** Every problem of the server's settings (empty = fine). */
export function linuxServerProblems(server: LinuxServerSettings): Message[] {
  const problems: Message[] = [];
  const path = (where: string, value: string) => {
    if (!PATH.test(value)) {
      problems.push(
        msg(
          `${where}: ${q(value)} bukan path absolut yang sah (hanya huruf, angka, ".", "_", "-", "+", "@")`,
          `${where}: ${q(value)} is not a valid absolute path (only letters, digits, ".", "_", "-", "+", "@")`,
        ),
      );
    }
  };
  path("webRoot", server.webRoot);
  path("backupDir", server.backupDir);
  for (const [key, value] of Object.entries({ ...server.nginx, listen: undefined, tls: undefined })) {
    if (typeof value === "string") path(`nginx.${key}`, value);
  }
  if (server.nginx.tls) {
    path("nginx.tls.certificate", server.nginx.tls.certificate);
    path("nginx.tls.key", server.nginx.tls.key);
  }
  for (const listen of server.nginx.listen) {
    if (!LISTEN.test(listen)) {
      problems.push(
        msg(
          `nginx.listen: ${q(listen)} tidak sah; mis. "443 ssl" atau "127.0.0.1:8443 ssl"`,
          `nginx.listen: ${q(listen)} is not valid; e.g. "443 ssl" or "127.0.0.1:8443 ssl"`,
        ),
      );
    }
  }
  if (server.nginx.listen.length === 0) {
    problems.push(msg("nginx.listen kosong", "nginx.listen is empty"));
  }
  path("php.socketDir", server.php.socketDir);
  if (server.php.versions[server.php.defaultVersion] === undefined) {
    problems.push(
      msg(
        `php.defaultVersion ${q(server.php.defaultVersion)} tidak ada di php.versions`,
        `php.defaultVersion ${q(server.php.defaultVersion)} is not in php.versions`,
      ),
    );
  }
  for (const [version, fpm] of Object.entries(server.php.versions)) {
    if (!PHP_VERSION.test(version)) {
      problems.push(msg(`versi PHP ${q(version)} tidak sah`, `PHP version ${q(version)} is not valid`));
    }
    for (const [key, value] of Object.entries(fpm)) path(`php.versions.${version}.${key}`, value);
  }
  for (const [key, value] of Object.entries(server.mysql)) path(`mysql.${key}`, value);
  for (const [key, value] of Object.entries(server.sshd)) {
    if (key !== "sftpGroup") path(`sshd.${key}`, value);
  }
  for (const [where, group] of [
    ["sshd.sftpGroup", server.sshd.sftpGroup],
    ["webGroup", server.webGroup],
  ] as const) {
    if (!GROUP.test(group)) {
      problems.push(msg(`${where}: grup ${q(group)} tidak sah`, `${where}: group ${q(group)} is not valid`));
    }
  }
  path("quotaFilesystem", server.quotaFilesystem);
  for (const range of server.cloudflareRanges) {
    const cidr = parseCidr(range);
    if (cidr === null) {
      problems.push(
        msg(
          `cloudflareRanges: ${q(range)} bukan jaringan CIDR yang sah`,
          `cloudflareRanges: ${q(range)} is not a valid CIDR network`,
        ),
      );
    } else if (cidr.bits < (cidr.address.kind() === "ipv4" ? MIN_TRUSTED_IPV4 : MIN_TRUSTED_IPV6)) {
      problems.push(
        msg(
          `cloudflareRanges: ${q(range)} terlalu luas (paling luas /${MIN_TRUSTED_IPV4} IPv4, /${MIN_TRUSTED_IPV6} IPv6); setiap alamat di dalamnya dapat memalsukan IP pengunjung`,
          `cloudflareRanges: ${q(range)} is too wide (at most /${MIN_TRUSTED_IPV4} IPv4, /${MIN_TRUSTED_IPV6} IPv6); every address inside it could forge the visitor's IP`,
        ),
      );
    }
  }
  for (const [name, limits] of Object.entries(server.packages)) {
    const ok =
      positiveInteger(limits.diskQuotaMb, PACKAGE_LIMIT_MAX.diskQuotaMb) &&
      positiveInteger(limits.phpMaxChildren, PACKAGE_LIMIT_MAX.phpMaxChildren) &&
      positiveInteger(limits.phpMemoryLimitMb, PACKAGE_LIMIT_MAX.phpMemoryLimitMb);
    if (!ok) {
      problems.push(
        msg(
          `paket ${q(name)}: batas harus bilangan bulat positif (disk ≤ 4 TiB, max_children ≤ 1000, memori ≤ 64 GiB)`,
          `package ${q(name)}: limits must be positive integers (disk ≤ 4 TiB, max_children ≤ 1000, memory ≤ 64 GiB)`,
        ),
      );
    }
  }
  return problems;
}

const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n?$/;
const PEM_KEY = /^-----BEGIN ([A-Z]+ )?PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END \1PRIVATE KEY-----\n?$/;

function unixLines(text: string): string {
  return text.replaceAll("\r\n", "\n");
}

/** An origin certificate needs a place (`nginx.tls`) and must be one PEM certificate and one PEM key. */
function originTlsProblems(server: LinuxServerSettings, tls: OriginTls | undefined): Message[] {
  if (tls === undefined) return [];
  const problems: Message[] = [];
  if (server.nginx.tls === undefined)
    problems.push(
      msg(
        "sertifikat origin diberikan, tetapi server tidak punya nginx.tls untuk menyimpannya",
        "an origin certificate was given, but the server has no nginx.tls to keep it in",
      ),
    );
  if (!PEM_CERTIFICATE.test(unixLines(tls.certificate)))
    problems.push(
      msg("sertifikat origin bukan satu sertifikat PEM", "the origin certificate is not one PEM certificate"),
    );
  if (!PEM_KEY.test(unixLines(tls.key)))
    problems.push(
      msg("kunci origin bukan satu kunci privat PEM", "the origin key is not one PEM private key"),
    );
  return problems;
}

/** The checked plan of one account on one server, or every problem found. */
export function planLinuxAccount(server: LinuxServerSettings, account: LinuxAccountRequest): LinuxPlanResult {
  const problems = linuxServerProblems(server);
  const user = deriveLinuxUser(account.subdomain);
  problems.push(...accountNameProblems(account.subdomain, account.fqdn, user));
  const fqdn = account.fqdn.toLowerCase();
  const phpVersion = account.phpVersion ?? server.php.defaultVersion;
  if (server.php.versions[phpVersion] === undefined) {
    const known = Object.keys(server.php.versions).join(", ");
    problems.push(
      msg(
        `versi PHP ${q(phpVersion)} tidak terpasang di server; pilih salah satu: ${known}`,
        `PHP version ${q(phpVersion)} is not installed on the server; choose one of: ${known}`,
      ),
    );
  }
  const limits = Object.hasOwn(server.packages, account.package)
    ? server.packages[account.package]
    : undefined;
  if (limits === undefined) {
    const known = Object.keys(server.packages).join(", ");
    problems.push(
      msg(
        `paket ${q(account.package)} tidak dikenal; pilih salah satu: ${known}`,
        `package ${q(account.package)} is unknown; choose one of: ${known}`,
      ),
    );
  }
  const sshKeys: string[] = [];
  for (const key of account.sshKeys) {
    const normalized = normalizeSshKey(key);
    if (normalized === null) {
      problems.push(
        msg(
          `kunci SSH ${q(key)} bukan kunci publik OpenSSH yang sah`,
          `SSH key ${q(key)} is not a valid OpenSSH public key`,
        ),
      );
    } else if (!sshKeys.includes(normalized)) {
      sshKeys.push(normalized);
    }
  }
  problems.push(...originTlsProblems(server, account.originTls));
  if (problems.length > 0 || user === null || limits === undefined) return { ok: false, problems };
  const home = `${server.webRoot}/${user}`;
  return {
    ok: true,
    plan: {
      server,
      user,
      fqdn,
      home,
      docroot: `${home}/${LINUX_DOCROOT_DIR}`,
      tmpdir: `${home}/tmp`,
      phpVersion,
      limits,
      database: account.database,
      sshKeys,
      cloudflareRanges: server.cloudflareRanges.map((range) => parseCidr(range)?.text ?? range),
      originTls:
        account.originTls === undefined
          ? null
          : { certificate: unixLines(account.originTls.certificate), key: unixLines(account.originTls.key) },
    },
  };
}
