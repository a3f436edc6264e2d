/**
 * The configuration files of one Linux hosting account, as text. Every value in them comes from a
 * checked `LinuxAccountPlan` (plain paths, host names, CIDRs, integers), so none needs quoting in
 * nginx, php-fpm or sshd syntax.
 */
import type { LinuxAccountPlan, LinuxServerSettings } from "./linux.ts";

const MANAGED =
  "Dikelola domainops; perubahan manual akan ditimpa. / Managed by domainops; manual changes are overwritten.";

/** The socket of the account's PHP-FPM pool. */
export function poolSocket(plan: LinuxAccountPlan): string {
  return `${plan.server.php.socketDir}/${plan.user}.sock`;
}

function siteHead(plan: LinuxAccountPlan): string[] {
  const { nginx } = plan.server;
  const lines = [`# ${plan.fqdn} (${plan.user}). ${MANAGED}`, "server {"];
  for (const listen of nginx.listen) lines.push(`    listen ${listen};`);
  lines.push(`    server_name ${plan.fqdn};`);
  if (nginx.tls) {
    // Cloudflare's SSL/TLS mode Full (strict) accepts this origin certificate only when Cloudflare's
    // Origin CA issued it; visitors see Cloudflare's edge certificate.
    lines.push(`    ssl_certificate ${nginx.tls.certificate};`, `    ssl_certificate_key ${nginx.tls.key};`);
  }
  lines.push(
    `    access_log ${nginx.logDir}/${plan.user}.access.log;`,
    `    error_log ${nginx.logDir}/${plan.user}.error.log;`,
  );
  // The client address comes from CF-Connecting-IP only when the peer is one of Cloudflare's ranges;
  // from any other peer the header is ignored, so nobody can forge the address in the logs or in PHP.
  for (const range of plan.cloudflareRanges) lines.push(`    set_real_ip_from ${range};`);
  if (plan.cloudflareRanges.length > 0) lines.push("    real_ip_header CF-Connecting-IP;");
  return lines;
}

/** The nginx server block of an active account. */
export function renderNginxSite(plan: LinuxAccountPlan): string {
  return [
    ...siteHead(plan),
    `    root ${plan.docroot};`,
    "    index index.php index.html;",
    "    location ~ /\\. {",
    "        deny all;",
    "    }",
    "    location / {",
    "        try_files $uri $uri/ =404;",
    "    }",
    "    location ~ \\.php$ {",
    "        try_files $uri =404;",
    `        include ${plan.server.nginx.fastcgiParams};`,
    "        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;",
    `        fastcgi_pass unix:${poolSocket(plan)};`,
    "    }",
    "}",
  ].join("\n");
}

/** The nginx server block of a suspended account: the name answers 503 and serves no file. */
export function renderSuspendedSite(plan: LinuxAccountPlan): string {
  return [
    ...siteHead(plan),
    "    default_type text/plain;",
    '    return 503 "Situs ini sedang ditangguhkan. / This site is suspended.\\n";',
    "}",
  ].join("\n");
}

/** The account's PHP-FPM pool: runs as the account's user, sized by its package. */
export function renderPhpPool(plan: LinuxAccountPlan): string {
  const { limits, home, tmpdir, user } = plan;
  return [
    `; ${plan.fqdn} (${user}). ${MANAGED}`,
    `[${user}]`,
    `user = ${user}`,
    `group = ${user}`,
    `listen = ${poolSocket(plan)}`,
    `listen.owner = ${plan.server.webGroup}`,
    `listen.group = ${plan.server.webGroup}`,
    "listen.mode = 0660",
    // ondemand: an idle account costs no process; the package bounds its concurrency.
    "pm = ondemand",
    `pm.max_children = ${limits.phpMaxChildren}`,
    "pm.process_idle_timeout = 10s",
    "pm.max_requests = 500",
    "chdir = /",
    `env[HOME] = ${home}`,
    `env[TMPDIR] = ${tmpdir}`,
    `php_admin_value[memory_limit] = ${limits.phpMemoryLimitMb}M`,
    // The account's PHP reads its own home only: its site, its tmp and its `.my.cnf`.
    `php_admin_value[open_basedir] = ${home}/`,
    `php_admin_value[upload_tmp_dir] = ${tmpdir}`,
    `php_admin_value[session.save_path] = ${tmpdir}`,
    `php_admin_value[sys_temp_dir] = ${tmpdir}`,
    "php_admin_value[disable_functions] = exec,passthru,shell_exec,system,proc_open,popen,pcntl_exec",
    "php_admin_flag[allow_url_include] = off",
  ].join("\n");
}

/**
 * The sshd block for every account, one per server: members of the SFTP group get SFTP only, locked
 * in their home (the web root, root-owned as ChrootDirectory requires), with the keys domainops
 * writes from their GitHub account, never a password.
 */
export function renderSshdMatchBlock(server: LinuxServerSettings): string {
  return [
    `# ${MANAGED}`,
    `Match Group ${server.sshd.sftpGroup}`,
    "    ChrootDirectory %h",
    // umask 027: new files are readable by the web group (the document root is setgid to it), not by
    // the other accounts.
    "    ForceCommand internal-sftp -u 0027",
    `    AuthorizedKeysFile ${server.sshd.keysDir}/%u`,
    "    PasswordAuthentication no",
    "    KbdInteractiveAuthentication no",
    "    AllowTcpForwarding no",
    "    AllowAgentForwarding no",
    "    X11Forwarding no",
    "    PermitTunnel no",
    "    PermitTTY no",
  ].join("\n");
}

/** The account's `authorized_keys`: bare `<type> <base64>` lines, no options. */
export function renderAuthorizedKeys(plan: LinuxAccountPlan): string {
  return [`# ${MANAGED}`, ...plan.sshKeys].join("\n");
}
