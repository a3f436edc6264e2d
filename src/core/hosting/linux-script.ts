/**
 * The provisioning of one Linux hosting account as one POSIX shell script per operation, run as root
 * on the server (`src/adapters/ssh.ts` sends it on stdin). Each script is idempotent: it compares
 * before it writes, writes files atomically (temporary file, then `mv`), tests a configuration
 * (`nginx -t`, `php-fpm -t`, `sshd -t`) before reloading and puts the old file back when the test
 * fails. Its output is `KEY=value` lines (`parseScriptOutput`), the last one `RESULT=` or, after an
 * archive, `ARCHIVE=`.
 *
 * Every value comes from a checked plan and enters the script only as a quoted assignment in its
 * header (`shellQuote`); the functions and steps below the header are constant text.
 */
import { unhandled } from "../errors.ts";
import { msg } from "../request/rules/util.ts";
import type { Message } from "../types.ts";
import type { LinuxAccountPlan } from "./linux.ts";
import {
  poolSocket,
  renderAuthorizedKeys,
  renderNginxSite,
  renderPhpPool,
  renderSshdMatchBlock,
  renderSuspendedSite,
} from "./linux-config.ts";
import { shellAssign, shellQuote } from "./shell.ts";

export type LinuxOperation = "create-or-update" | "suspend" | "archive-and-remove";

/** An SQL string literal of a checked name (MariaDB: `'` doubled, `\` escaped). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** An SQL identifier of a checked name (MariaDB: backquoted, a backquote doubled). */
export function sqlIdentifier(value: string): string {
  return `\`${value.replaceAll("`", "``")}\``;
}

const PRELUDE = `#!/bin/sh
set -eu
umask 022
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
LC_ALL=C
export LC_ALL`;

const FUNCTIONS = String.raw`
changed=0

fail() {
  printf 'ERROR=%s\n' "$*" >&2
  exit 1
}

warn() {
  printf 'WARNING=%s\n' "$*"
}

# ensure_mode PATH MODE OWNER:GROUP (MODE as stat prints it: 755, 2750, 400)
ensure_mode() {
  if [ "$(stat -c '%U:%G %a' "$1")" != "$3 $2" ]; then
    chown "$3" "$1"
    chmod "$2" "$1"
    changed=1
  fi
}

# ensure_dir PATH MODE OWNER:GROUP
ensure_dir() {
  if [ ! -d "$1" ]; then
    mkdir "$1"
    changed=1
  fi
  ensure_mode "$1" "$2" "$3"
}

# put PATH MODE OWNER:GROUP CONTENT: replaces PATH atomically when its content differs, keeping the
# old file as PATH.domainops-old until keep or restore; put_changed tells whether it wrote.
put() {
  put_changed=0
  rm -f "$1.domainops-new" "$1.domainops-old"
  (umask 077 && printf '%s\n' "$4" >"$1.domainops-new")
  if [ -f "$1" ] && cmp -s "$1.domainops-new" "$1"; then
    rm -f "$1.domainops-new"
  else
    chown "$3" "$1.domainops-new"
    chmod "$2" "$1.domainops-new"
    if [ -f "$1" ]; then cp -p "$1" "$1.domainops-old"; fi
    mv -f "$1.domainops-new" "$1"
    put_changed=1
    changed=1
  fi
  ensure_mode "$1" "$2" "$3"
}

keep() {
  rm -f "$1.domainops-old"
}

restore() {
  if [ -f "$1.domainops-old" ]; then mv -f "$1.domainops-old" "$1"; else rm -f "$1"; fi
}

# remove PATH: deletes a file or link when present.
remove() {
  if [ -e "$1" ] || [ -L "$1" ]; then
    rm -f "$1"
    changed=1
    return 0
  fi
  return 1
}

sql() {
  "$mysql_bin" --no-defaults --protocol=socket --socket="$mysql_socket" --user=root --batch --skip-column-names "$@"
}

db_exists() {
  [ "$(sql -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = $db_name_sql")" != 0 ]
}

db_user_exists() {
  [ "$(sql -e "SELECT COUNT(*) FROM mysql.user WHERE User = $db_user_sql AND Host = 'localhost'")" != 0 ]
}

nginx_reload() {
  if ! "$nginx_bin" -t -q -c "$nginx_config"; then
    return 1
  fi
  "$nginx_bin" -s reload -c "$nginx_config"
}

# fpm_reload BIN CONFIG PIDFILE: tests the configuration, then USR2 makes the master reload it.
fpm_reload() {
  if ! "$1" -t -y "$2" >/dev/null 2>&1; then
    "$1" -t -y "$2" >&2 || true
    return 1
  fi
  kill -USR2 "$(cat "$3")"
}

# drop_pool BIN CONFIG PIDFILE POOLFILE: removes the account's pool of one PHP version.
drop_pool() {
  if remove "$4"; then
    fpm_reload "$1" "$2" "$3" || fail "php-fpm -t: $2"
  fi
}

sshd_reload() {
  if ! "$sshd_bin" -t -f "$sshd_config"; then
    return 1
  fi
  kill -HUP "$(cat "$sshd_pid")"
}

# quota_set SOFT_KIB HARD_KIB: without quotas on the filesystem (a container, a sandbox, a server
# mounted without usrquota) the limit is reported, not enforced.
quota_set() {
  if ! command -v setquota >/dev/null 2>&1 || ! command -v quotaon >/dev/null 2>&1; then
    warn "quota-unavailable quota tools missing; disk limit not enforced"
  elif quotaon -pu "$quota_fs" 2>/dev/null | grep -q ' is on'; then
    setquota -u "$user" "$1" "$2" 0 0 "$quota_fs"
  else
    warn "quota-unavailable user quota is off on $quota_fs; disk limit not enforced"
  fi
}

case "$home" in
  "$web_root"/do-?*) ;;
  *) fail "home $home is not under $web_root" ;;
esac
`;

const SUSPEND = `
# Suspend: no login, no PHP, the site answers 503, the database user is locked. Files and data stay.
if getent passwd "$user" >/dev/null; then
  if [ "$(getent shadow "$user" | cut -d: -f8)" != 1 ]; then
    usermod --expiredate 1 "$user"
    changed=1
  fi
  pkill -KILL -u "$user" || true
fi
remove "$keys_file" || true
`;

const SUSPEND_SITE = `
if [ -e "$site_file" ] || [ -L "$site_link" ]; then
  put "$site_file" 644 root:root "$suspended_site"
  if [ "$put_changed" = 1 ]; then
    nginx_reload || { restore "$site_file"; fail "nginx -t: $site_file"; }
  fi
  keep "$site_file"
fi
if [ "$database" = yes ] && db_user_exists; then
  sql -e "ALTER USER $db_account ACCOUNT LOCK"
fi
`;

const CREATE = String.raw`
# The SFTP group of the sshd Match block.
if ! getent group "$sftp_group" >/dev/null; then
  groupadd --system "$sftp_group"
  changed=1
fi

# The user: no password ('*' = no password can match, while the account stays usable with keys),
# no shell, home = the web root of the account (its SFTP chroot).
if ! getent passwd "$user" >/dev/null; then
  useradd --home-dir "$home" --no-create-home --shell /usr/sbin/nologin --user-group \
    --groups "$sftp_group" --password '*' "$user"
  changed=1
fi
if [ "$(getent passwd "$user" | cut -d: -f6-7)" != "$home:/usr/sbin/nologin" ]; then
  usermod --home "$home" --shell /usr/sbin/nologin "$user"
  changed=1
fi
if ! id -nG "$user" | tr ' ' '\n' | grep -qx "$sftp_group"; then
  usermod --append --groups "$sftp_group" "$user"
  changed=1
fi
if [ -n "$(getent shadow "$user" | cut -d: -f8)" ]; then
  usermod --expiredate '' "$user"
  changed=1
fi

# ChrootDirectory: the home and every directory above it are root-owned and not writable by others.
mkdir -p "$web_root"
ensure_dir "$home" 755 root:root
ensure_dir "$docroot" 2750 "$user:$web_group"
ensure_dir "$tmpdir" 700 "$user:$user"

mkdir -p "$keys_dir"
put "$keys_file" 644 root:root "$authorized_keys"
keep "$keys_file"

mkdir -p "$(dirname "$sshd_dropin")"
put "$sshd_dropin" 644 root:root "$sshd_block"
if [ "$put_changed" = 1 ]; then
  sshd_reload || { restore "$sshd_dropin"; fail "sshd -t: $sshd_dropin"; }
fi
keep "$sshd_dropin"

if [ "$database" = yes ]; then
  if ! db_exists; then
    sql -e "CREATE DATABASE $db_name_id CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    changed=1
  fi
  # The password is made here, once, and goes only to the database and the account's ~/.my.cnf; a
  # shell variable and a builtin printf never show it in the process list or the output.
  if ! db_user_exists || [ ! -f "$mycnf" ]; then
    password=$(openssl rand -hex 24)
    sql <<SQL
CREATE USER IF NOT EXISTS $db_account IDENTIFIED BY '$password';
ALTER USER $db_account IDENTIFIED BY '$password';
SQL
    put "$mycnf" 400 "$user:$user" "[client]
user=$user
password=$password
database=$db_name
socket=$mysql_socket"
    keep "$mycnf"
    password=
    changed=1
  fi
  ensure_mode "$mycnf" 400 "$user:$user"
  sql -e "GRANT ALL PRIVILEGES ON $db_name_id.* TO $db_account; ALTER USER $db_account ACCOUNT UNLOCK"
fi
`;

// After the other PHP versions' pools are gone: two masters must not both hold the account's socket.
const CREATE_POOL = `
mkdir -p "$(dirname "$pool_file")"
put "$pool_file" 644 root:root "$pool"
if [ "$put_changed" = 1 ]; then
  fpm_reload "$fpm_bin" "$fpm_config" "$fpm_pid" || { restore "$pool_file"; fail "php-fpm -t: $pool_file"; }
fi
keep "$pool_file"
`;

const CREATE_SITE = `
# A reloaded master opens the pool's socket after a moment; nginx should not answer 502 meanwhile.
waited=0
while [ ! -S "$pool_socket" ]; do
  if [ "$waited" -ge 100 ]; then fail "php-fpm: no socket $pool_socket"; fi
  sleep 0.1
  waited=$((waited + 1))
done

# The zone's origin certificate (Cloudflare Origin CA, for SSL/TLS Full (strict)); the key only root reads.
tls_changed=0
if [ -n "$tls_certificate_pem" ]; then
  mkdir -p "$(dirname "$tls_certificate")" "$(dirname "$tls_key")"
  put "$tls_key" 600 root:root "$tls_key_pem"
  if [ "$put_changed" = 1 ]; then tls_changed=1; fi
  put "$tls_certificate" 644 root:root "$tls_certificate_pem"
  if [ "$put_changed" = 1 ]; then tls_changed=1; fi
fi

put "$site_file" 644 root:root "$site"
site_changed=$put_changed
if [ "$tls_changed" = 1 ]; then site_changed=1; fi
# Where the link pointed before this run: a failed test puts that back, so a site that worked stays
# enabled for the next reload, and a link this run made goes.
link_was=$(readlink "$site_link" || true)
if [ "$link_was" != "$site_file" ]; then
  ln -sfn "$site_file" "$site_link"
  site_changed=1
  changed=1
fi
if [ "$site_changed" = 1 ]; then
  nginx_reload || {
    restore "$site_file"
    if [ "$tls_changed" = 1 ]; then restore "$tls_certificate"; restore "$tls_key"; fi
    if [ "$link_was" != "$site_file" ]; then
      if [ -n "$link_was" ]; then ln -sfn "$link_was" "$site_link"; else rm -f "$site_link"; fi
    fi
    fail "nginx -t: $site_file"
  }
fi
keep "$site_file"
if [ "$tls_changed" = 1 ]; then keep "$tls_certificate"; keep "$tls_key"; fi

quota_set "$quota_soft" "$quota_hard"

if [ "$changed" = 1 ]; then echo RESULT=changed; else echo RESULT=unchanged; fi
`;

const SUSPEND_END = `
if [ "$changed" = 1 ]; then echo RESULT=suspended; else echo RESULT=unchanged; fi
`;

const ARCHIVE = String.raw`
# Archive: the document root and a dump of the database, in one root-only file named by the time.
archive=
if [ -d "$home" ] || { [ "$database" = yes ] && db_exists; }; then
  mkdir -p "$backup_dir"
  chmod 700 "$backup_dir"
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  archive="$backup_dir/$user-$stamp.tar.gz"
  staging=$(mktemp -d "$backup_dir/.staging.XXXXXX")
  trap 'rm -rf "$staging" "$archive.domainops-new"' EXIT
  if [ "$database" = yes ] && db_exists; then
    "$mysqldump_bin" --no-defaults --protocol=socket --socket="$mysql_socket" --user=root \
      --single-transaction --routines --triggers --events --databases "$db_name" >"$staging/database.sql"
  fi
  if [ -d "$docroot" ]; then
    cp -a "$docroot" "$staging/public_html"
  fi
  (umask 077 && tar -czf "$archive.domainops-new" -C "$staging" .)
  mv -f "$archive.domainops-new" "$archive"
  rm -rf "$staging"
  trap - EXIT
fi

# Remove: the site, the pools, the keys, the database and its user, the quota, the user, the home.
site_gone=0
if remove "$site_link"; then site_gone=1; fi
if remove "$site_file"; then site_gone=1; fi
if [ "$site_gone" = 1 ]; then
  nginx_reload || fail "nginx -t after removing $site_file"
fi
`;

const REMOVE_END = `
if [ "$database" = yes ]; then
  if db_exists || db_user_exists; then changed=1; fi
  sql -e "DROP DATABASE IF EXISTS $db_name_id; DROP USER IF EXISTS $db_account"
fi
if getent passwd "$user" >/dev/null; then
  if command -v quotaon >/dev/null 2>&1 && quotaon -pu "$quota_fs" 2>/dev/null | grep -q ' is on'; then
    setquota -u "$user" 0 0 0 0 "$quota_fs"
  fi
  pkill -KILL -u "$user" || true
  userdel "$user"
  changed=1
fi
if getent group "$user" >/dev/null; then
  groupdel "$user"
fi
if [ -d "$home" ]; then
  rm -rf -- "$home"
  changed=1
fi

if [ -n "$archive" ]; then
  echo RESULT=removed
  echo "ARCHIVE=$archive"
elif [ "$changed" = 1 ]; then
  echo RESULT=removed
else
  echo RESULT=absent
fi
`;

function header(plan: LinuxAccountPlan): string[] {
  const { server } = plan;
  const fpm = server.php.versions[plan.phpVersion];
  if (fpm === undefined) throw new Error(`unchecked plan: PHP ${plan.phpVersion}`);
  const dbAccount = `${sqlString(plan.user)}@'localhost'`;
  return [
    shellAssign("user", plan.user),
    shellAssign("home", plan.home),
    shellAssign("docroot", plan.docroot),
    shellAssign("tmpdir", plan.tmpdir),
    shellAssign("web_root", server.webRoot),
    shellAssign("web_group", server.webGroup),
    shellAssign("backup_dir", server.backupDir),
    shellAssign("sftp_group", server.sshd.sftpGroup),
    shellAssign("keys_dir", server.sshd.keysDir),
    shellAssign("keys_file", `${server.sshd.keysDir}/${plan.user}`),
    shellAssign("sshd_bin", server.sshd.bin),
    shellAssign("sshd_config", server.sshd.config),
    shellAssign("sshd_pid", server.sshd.pidFile),
    shellAssign("sshd_dropin", server.sshd.dropIn),
    shellAssign("nginx_bin", server.nginx.bin),
    shellAssign("nginx_config", server.nginx.config),
    shellAssign("site_file", `${server.nginx.sitesAvailable}/${plan.user}.conf`),
    shellAssign("site_link", `${server.nginx.sitesEnabled}/${plan.user}.conf`),
    shellAssign("fpm_bin", fpm.bin),
    shellAssign("fpm_config", fpm.config),
    shellAssign("fpm_pid", fpm.pidFile),
    shellAssign("pool_file", `${fpm.poolDir}/${plan.user}.conf`),
    shellAssign("pool_socket", poolSocket(plan)),
    shellAssign("database", plan.database ? "yes" : "no"),
    shellAssign("mysql_bin", server.mysql.client),
    shellAssign("mysqldump_bin", server.mysql.dump),
    shellAssign("mysql_socket", server.mysql.socket),
    shellAssign("db_name", plan.user),
    shellAssign("db_name_sql", sqlString(plan.user)),
    shellAssign("db_name_id", sqlIdentifier(plan.user)),
    shellAssign("db_user_sql", sqlString(plan.user)),
    shellAssign("db_account", dbAccount),
    shellAssign("mycnf", `${plan.home}/.my.cnf`),
    shellAssign("quota_fs", server.quotaFilesystem),
    // setquota counts 1 KiB blocks; the soft limit warns at 90 % of the package's disk.
    shellAssign("quota_hard", String(plan.limits.diskQuotaMb * 1024)),
    shellAssign("quota_soft", String(Math.floor((plan.limits.diskQuotaMb * 1024 * 9) / 10))),
    shellAssign("site", renderNginxSite(plan)),
    shellAssign("suspended_site", renderSuspendedSite(plan)),
    shellAssign("pool", renderPhpPool(plan)),
    shellAssign("sshd_block", renderSshdMatchBlock(server)),
    shellAssign("authorized_keys", renderAuthorizedKeys(plan)),
    // Empty when the plan brings no origin certificate: the files at nginx.tls stay as they are.
    shellAssign("tls_certificate", server.nginx.tls?.certificate ?? ""),
    shellAssign("tls_key", server.nginx.tls?.key ?? ""),
    shellAssign("tls_certificate_pem", plan.originTls?.certificate.trimEnd() ?? ""),
    shellAssign("tls_key_pem", plan.originTls?.key.trimEnd() ?? ""),
  ];
}

/** `drop_pool` lines for every PHP version's pool of the account, but `except`'s. */
function dropPools(plan: LinuxAccountPlan, except: string | null): string[] {
  const lines: string[] = [];
  for (const [version, fpm] of Object.entries(plan.server.php.versions).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (version === except) continue;
    const args = [fpm.bin, fpm.config, fpm.pidFile, `${fpm.poolDir}/${plan.user}.conf`].map(shellQuote);
    lines.push(`drop_pool ${args.join(" ")}`);
  }
  return lines;
}

/** The script of one operation on one checked account. */
export function renderLinuxScript(plan: LinuxAccountPlan, operation: LinuxOperation): string {
  const parts = [PRELUDE, `# domainops ${operation}`, ...header(plan), FUNCTIONS];
  switch (operation) {
    case "create-or-update":
      parts.push(CREATE, ...dropPools(plan, plan.phpVersion), CREATE_POOL, CREATE_SITE);
      break;
    case "suspend":
      parts.push(SUSPEND, ...dropPools(plan, null), SUSPEND_SITE, SUSPEND_END);
      break;
    case "archive-and-remove":
      parts.push(SUSPEND, ...dropPools(plan, null), ARCHIVE, REMOVE_END);
      break;
    default:
      return unhandled(operation, "operasi hosting (hosting operation)");
  }
  return `${parts.join("\n")}\n`;
}

export type ScriptResult = "changed" | "unchanged" | "suspended" | "removed" | "absent";

export interface ScriptOutput {
  result: ScriptResult;
  /** Where `archive-and-remove` left the archive, on the server. */
  archive?: string;
  /** `WARNING=` lines, e.g. a disk quota the filesystem cannot enforce. */
  warnings: string[];
}

const RESULTS: ReadonlySet<string> = new Set(["changed", "unchanged", "suspended", "removed", "absent"]);

/**
 * The outcome of a script from its standard output, or a message when the output has no `RESULT=`
 * line (the script stopped early: its standard error says why).
 */
export function parseScriptOutput(stdout: string): ScriptOutput | Message {
  let result: ScriptResult | undefined;
  let archive: string | undefined;
  const warnings: string[] = [];
  for (const [, key, value = ""] of stdout.matchAll(/^(RESULT|ARCHIVE|WARNING)=(.*)$/gm)) {
    if (key === "WARNING") warnings.push(value);
    else if (key === "ARCHIVE") archive = value;
    else if (RESULTS.has(value)) result = value as ScriptResult;
  }
  if (result === undefined) {
    return msg(
      "skrip hosting berhenti sebelum selesai (tidak ada baris RESULT=); lihat stderr-nya",
      "the hosting script stopped before its end (no RESULT= line); see its stderr",
    );
  }
  return archive === undefined ? { result, warnings } : { result, archive, warnings };
}
