import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  debianServerDefaults,
  type LinuxAccountPlan,
  type LinuxAccountRequest,
  type LinuxServerSettings,
  normalizeSshKey,
  planLinuxAccount,
} from "../../src/core/hosting/linux.ts";
import {
  renderAuthorizedKeys,
  renderNginxSite,
  renderPhpPool,
  renderSshdMatchBlock,
  renderSuspendedSite,
} from "../../src/core/hosting/linux-config.ts";
import {
  type LinuxOperation,
  parseScriptOutput,
  renderLinuxScript,
  sqlIdentifier,
  sqlString,
} from "../../src/core/hosting/linux-script.ts";
import { shellAssign } from "../../src/core/hosting/shell.ts";
import { confinedShell } from "./confined-shell.ts";

// A real ed25519 key's public half (generated for this test; the private half was discarded).
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMk0Hh2m6mB0KVv6cS4iQv3JX7kJQfQmJ1y4mJ8c9Y0b";

const SERVER: LinuxServerSettings = {
  ...debianServerDefaults,
  cloudflareRanges: ["173.245.48.0/20", "2400:CB00::/32"],
  packages: {
    kecil: { diskQuotaMb: 512, phpMaxChildren: 3, phpMemoryLimitMb: 128 },
    besar: { diskQuotaMb: 4096, phpMaxChildren: 12, phpMemoryLimitMb: 256 },
  },
};

const ACCOUNT: LinuxAccountRequest = {
  subdomain: "dinkes",
  fqdn: "dinkes.kuduskab.go.id",
  package: "kecil",
  database: true,
  sshKeys: [`${KEY} pengelola@dinkes`],
};

function planOf(
  account: Partial<LinuxAccountRequest> = {},
  server: Partial<LinuxServerSettings> = {},
): LinuxAccountPlan {
  const result = planLinuxAccount({ ...SERVER, ...server }, { ...ACCOUNT, ...account });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}

/** The English side of every problem; each has its Indonesian side, a different text. */
function problemsOf(
  account: Partial<LinuxAccountRequest> = {},
  server: Partial<LinuxServerSettings> = {},
): string[] {
  const result = planLinuxAccount({ ...SERVER, ...server }, { ...ACCOUNT, ...account });
  if (result.ok) return [];
  for (const problem of result.problems) {
    expect(problem.id.length).toBeGreaterThan(10);
    expect(problem.id).not.toBe(problem.en);
  }
  return result.problems.map((p) => p.en);
}

describe("planLinuxAccount", () => {
  it("derives the account's names and paths from the subdomain", () => {
    const plan = planOf({ subdomain: "getasrabi.desa", fqdn: "getasrabi.desa.kuduskab.go.id" });
    expect(plan.user).toBe("do-getasrabi_desa");
    expect(plan.home).toBe("/var/www/do-getasrabi_desa");
    expect(plan.docroot).toBe("/var/www/do-getasrabi_desa/public_html");
    expect(plan.tmpdir).toBe("/var/www/do-getasrabi_desa/tmp");
    expect(plan.phpVersion).toBe("8.2");
    expect(plan.limits).toEqual(SERVER.packages.kecil);
    expect(plan.sshKeys).toEqual([KEY]);
    expect(plan.cloudflareRanges).toEqual(["173.245.48.0/20", "2400:cb00::/32"]);
  });

  it.each<[string, Partial<LinuxAccountRequest>, RegExp]>([
    [
      "a name outside the subdomain",
      { fqdn: "evil.example.org" },
      /not a valid host name under the subdomain/,
    ],
    ["a name that only starts like the subdomain", { fqdn: "dinkesx.kuduskab.go.id" }, /under the subdomain/],
    [
      "a name with a directive",
      { fqdn: "dinkes.kuduskab.go.id; include /etc/passwd" },
      /not a valid host name/,
    ],
    ["a name with a line break", { fqdn: "dinkes.kuduskab.go.id\nlisten 80" }, /not a valid host name/],
    [
      "an unknown package",
      { package: "raksasa" },
      /package "raksasa" is unknown; choose one of: kecil, besar/,
    ],
    ["a package from Object's prototype", { package: "constructor" }, /package "constructor" is unknown/],
    [
      "a PHP version not installed",
      { phpVersion: "7.4" },
      /PHP version "7.4" is not installed on the server; choose one of: 8.2/,
    ],
    ["a key with options", { sshKeys: [`command="sh" ${KEY}`] }, /is not a valid OpenSSH public key/],
    ["two keys in one line", { sshKeys: [`${KEY}\n${KEY}`] }, /is not a valid OpenSSH public key/],
  ])("refuses %s", (_what, account, problem) => {
    const problems = problemsOf(account);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it.each<[string, Partial<LinuxServerSettings>, RegExp]>([
    ["a relative web root", { webRoot: "var/www" }, /webRoot: "var\/www" is not a valid absolute path/],
    ["a path with a space", { backupDir: "/var/back ups" }, /backupDir: .* is not a valid absolute path/],
    ["a path with ..", { webRoot: "/var/www/../../etc" }, /webRoot: .* is not a valid absolute path/],
    ["a hidden segment", { backupDir: "/var/.hidden" }, /backupDir: .* is not a valid absolute path/],
    ["a path with $", { webRoot: "/var/$(id)" }, /webRoot: .* is not a valid absolute path/],
    [
      "a path with a quote",
      { quotaFilesystem: "/home'" },
      /quotaFilesystem: .* is not a valid absolute path/,
    ],
    [
      "a listen with a directive",
      { nginx: { ...SERVER.nginx, listen: ["80; include /etc/shadow"] } },
      /nginx.listen: .* is not valid/,
    ],
    ["no listen", { nginx: { ...SERVER.nginx, listen: [] } }, /nginx.listen is empty/],
    [
      "an nginx path with a brace",
      { nginx: { ...SERVER.nginx, logDir: "/var/log/{x}" } },
      /nginx.logDir: .* is not a valid absolute path/,
    ],
    [
      "a TLS key path with a space",
      { nginx: { ...SERVER.nginx, tls: { certificate: "/a.pem", key: "/b c.key" } } },
      /nginx.tls.key/,
    ],
    [
      "a TLS certificate path with a ;",
      { nginx: { ...SERVER.nginx, tls: { certificate: "/a.pem;", key: "/b.key" } } },
      /nginx.tls.certificate/,
    ],
    [
      "a range that is no CIDR",
      { cloudflareRanges: ["cloudflare"] },
      /"cloudflare" is not a valid CIDR network/,
    ],
    ["a range with host bits", { cloudflareRanges: ["173.245.48.1/20"] }, /is not a valid CIDR network/],
    ["every IPv4 address trusted", { cloudflareRanges: ["0.0.0.0/0"] }, /"0.0.0.0\/0" is too wide/],
    ["an IPv4 /11", { cloudflareRanges: ["104.0.0.0/11"] }, /too wide/],
    ["an IPv6 /27", { cloudflareRanges: ["2a06:9800::/27"] }, /too wide/],
    ["a group with a space", { webGroup: "www data" }, /webGroup: group "www data" is not valid/],
    ["an SFTP group with a ;", { sshd: { ...SERVER.sshd, sftpGroup: "sftp;id" } }, /sshd.sftpGroup/],
    ["an sshd path with a space", { sshd: { ...SERVER.sshd, keysDir: "/etc/ssh/a b" } }, /sshd.keysDir/],
    ["a mysql socket with a quote", { mysql: { ...SERVER.mysql, socket: "/run/'x" } }, /mysql.socket/],
    ["a PHP socket dir with a space", { php: { ...SERVER.php, socketDir: "/run/p hp" } }, /php.socketDir/],
    [
      "a PHP version that is no version",
      {
        php: {
          ...SERVER.php,
          versions: { ...SERVER.php.versions, "8;2": SERVER.php.versions["8.2"] ?? ({} as never) },
        },
      },
      /PHP version "8;2" is not valid/,
    ],
    [
      "a default PHP not installed",
      { php: { ...SERVER.php, defaultVersion: "8.3" } },
      /php.defaultVersion "8.3" is not in php.versions/,
    ],
    [
      "a PHP pool dir with a space",
      {
        php: {
          ...SERVER.php,
          versions: { "8.2": { ...(SERVER.php.versions["8.2"] ?? ({} as never)), poolDir: "/etc/p d" } },
        },
      },
      /php.versions.8.2.poolDir/,
    ],
    [
      "a fractional quota",
      { packages: { kecil: { diskQuotaMb: 0.5, phpMaxChildren: 3, phpMemoryLimitMb: 128 } } },
      /package "kecil": limits must be positive integers/,
    ],
    [
      "no PHP children",
      { packages: { kecil: { diskQuotaMb: 512, phpMaxChildren: 0, phpMemoryLimitMb: 128 } } },
      /limits must be positive integers/,
    ],
    [
      "too many PHP children",
      { packages: { kecil: { diskQuotaMb: 512, phpMaxChildren: 1001, phpMemoryLimitMb: 128 } } },
      /limits must be positive integers/,
    ],
    [
      "a memory limit of 0",
      { packages: { kecil: { diskQuotaMb: 512, phpMaxChildren: 3, phpMemoryLimitMb: 0 } } },
      /limits must be positive integers/,
    ],
  ])("refuses a server with %s", (_what, server, problem) => {
    const problems = problemsOf({}, server);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toMatch(problem);
  });

  it("refuses a subdomain that is no name", () => {
    expect(problemsOf({ subdomain: "din_kes" })).toContain(
      'subdomain "din_kes" is not valid for a hosting account',
    );
  });

  it("refuses a name longer than 253 characters", () => {
    const name = (last: number) =>
      `dinkes.${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(last)}`;
    expect(name(54)).toHaveLength(253);
    expect(problemsOf({ fqdn: name(54) })).toEqual([]);
    expect(problemsOf({ fqdn: name(55) })).toEqual([
      `the name "${name(55).slice(0, 77)}..." is not a valid host name under the subdomain "dinkes"`,
    ]);
  });

  it("accepts the smallest package", () => {
    const smallest = { diskQuotaMb: 1, phpMaxChildren: 1, phpMemoryLimitMb: 1 };
    expect(problemsOf({ package: "x" }, { packages: { x: smallest } })).toEqual([]);
  });

  it("accepts the widest ranges Cloudflare publishes and the largest package", () => {
    expect(problemsOf({}, { cloudflareRanges: ["104.16.0.0/12", "2a06:98c0::/28"] })).toEqual([]);
    const largest = { diskQuotaMb: 4_194_304, phpMaxChildren: 1000, phpMemoryLimitMb: 65_536 };
    expect(problemsOf({ package: "x" }, { packages: { x: largest } })).toEqual([]);
    expect(problemsOf({}, { quotaFilesystem: "/" })).toEqual([]);
  });

  it("reports every problem at once, in both languages", () => {
    const result = planLinuxAccount(SERVER, {
      ...ACCOUNT,
      package: "x",
      phpVersion: "5.6",
      sshKeys: ["nope"],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]?.id).toContain("versi PHP");
  });

  it("keeps one copy of a key given twice", () => {
    expect(planOf({ sshKeys: [KEY, `${KEY} other comment`] }).sshKeys).toEqual([KEY]);
  });
});

/** A blob that names its type as RFC 4253 writes it: length, type, then (here, fake) key data. */
function dssBlob(): string {
  const type = Buffer.from("ssh-dss");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(type.length);
  return Buffer.concat([length, type, Buffer.alloc(40, 7)]).toString("base64");
}

describe("normalizeSshKey", () => {
  it("keeps the type and the key, drops the comment", () => {
    expect(normalizeSshKey(`  ${KEY} pengelola@dinkes  `)).toBe(KEY);
  });

  it("accepts a key ssh-keygen made", () => {
    const key = execFileSync("sh", [
      "-c",
      'd=$(mktemp -d) && ssh-keygen -q -t ecdsa -N "" -f "$d/k" && cat "$d/k.pub" && rm -r "$d"',
    ])
      .toString()
      .trim();
    expect(normalizeSshKey(key)).toBe(key.split(" ").slice(0, 2).join(" "));
  });

  it.each([
    ["a type the blob does not hold", KEY.replace("ssh-ed25519", "ssh-rsa")],
    ["an unknown type", KEY.replace("ssh-ed25519", "ssh-dss")],
    ["a DSA key, which OpenSSH no longer accepts", `ssh-dss ${dssBlob()}`],
    ["bad base64", "ssh-ed25519 AAAA%%%"],
    ["base64 of something else", `ssh-ed25519 ${Buffer.from("hello world").toString("base64")}`],
    ["a blob too short", "ssh-ed25519 AAA="],
    ["options in front", `no-pty ${KEY}`],
    ["a line break in the comment", `${KEY} a\nssh-rsa AAAA`],
    ["nothing", ""],
  ])("refuses %s", (_what, line) => {
    expect(normalizeSshKey(line)).toBeNull();
  });
});

describe("configuration files", () => {
  const plan = planOf();

  it("trusts exactly the given Cloudflare ranges for the client address, and nothing else", () => {
    const site = renderNginxSite(plan);
    const trusted = site
      .split("\n")
      .filter((line) => line.includes("real_ip") || line.includes("set_real_ip_from"));
    expect(trusted).toEqual([
      "    set_real_ip_from 173.245.48.0/20;",
      "    set_real_ip_from 2400:cb00::/32;",
      "    real_ip_header CF-Connecting-IP;",
    ]);
    expect(site).not.toContain("real_ip_recursive");
    expect(renderSuspendedSite(plan)).toContain("set_real_ip_from 173.245.48.0/20;");
  });

  it("trusts no header at all without ranges", () => {
    const site = renderNginxSite(planOf({}, { cloudflareRanges: [] }));
    expect(site).not.toMatch(/real_ip|CF-Connecting-IP/);
  });

  it("renders the server block of an account", () => {
    expect(renderNginxSite(plan)).toMatchInlineSnapshot(`
      "# dinkes.kuduskab.go.id (do-dinkes). Dikelola domainops; perubahan manual akan ditimpa. / Managed by domainops; manual changes are overwritten.
      server {
          listen 443 ssl;
          listen [::]:443 ssl;
          server_name dinkes.kuduskab.go.id;
          ssl_certificate /etc/ssl/domainops/origin.pem;
          ssl_certificate_key /etc/ssl/domainops/origin.key;
          access_log /var/log/nginx/do-dinkes.access.log;
          error_log /var/log/nginx/do-dinkes.error.log;
          set_real_ip_from 173.245.48.0/20;
          set_real_ip_from 2400:cb00::/32;
          real_ip_header CF-Connecting-IP;
          root /var/www/do-dinkes/public_html;
          index index.php index.html;
          location ~ /\\. {
              deny all;
          }
          location / {
              try_files $uri $uri/ =404;
          }
          location ~ \\.php$ {
              try_files $uri =404;
              include /etc/nginx/fastcgi_params;
              fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
              fastcgi_pass unix:/run/php/do-dinkes.sock;
          }
      }"
    `);
  });

  it("serves no TLS lines without a certificate", () => {
    const { tls: _tls, ...nginx } = SERVER.nginx;
    const site = renderNginxSite(planOf({}, { nginx: { ...nginx, listen: ["127.0.0.1:8080"] } }));
    expect(site).not.toContain("ssl_certificate");
    expect(site).toContain("    listen 127.0.0.1:8080;\n");
  });

  it("answers 503 for a suspended account and serves no file", () => {
    // The same name, addresses, certificate, logs and trusted ranges as the active block.
    const active = renderNginxSite(plan).split("\n");
    const head = active.slice(0, active.indexOf("    root /var/www/do-dinkes/public_html;"));
    expect(head).toHaveLength(12);
    expect(renderSuspendedSite(plan)).toBe(
      [
        ...head,
        "    default_type text/plain;",
        '    return 503 "Situs ini sedang ditangguhkan. / This site is suspended.\\n";',
        "}",
      ].join("\n"),
    );
  });

  it("runs the pool as the account, sized by the package", () => {
    expect(renderPhpPool(planOf({ package: "besar" }))).toMatchInlineSnapshot(`
      "; dinkes.kuduskab.go.id (do-dinkes). Dikelola domainops; perubahan manual akan ditimpa. / Managed by domainops; manual changes are overwritten.
      [do-dinkes]
      user = do-dinkes
      group = do-dinkes
      listen = /run/php/do-dinkes.sock
      listen.owner = www-data
      listen.group = www-data
      listen.mode = 0660
      pm = ondemand
      pm.max_children = 12
      pm.process_idle_timeout = 10s
      pm.max_requests = 500
      chdir = /
      env[HOME] = /var/www/do-dinkes
      env[TMPDIR] = /var/www/do-dinkes/tmp
      php_admin_value[memory_limit] = 256M
      php_admin_value[open_basedir] = /var/www/do-dinkes/
      php_admin_value[upload_tmp_dir] = /var/www/do-dinkes/tmp
      php_admin_value[session.save_path] = /var/www/do-dinkes/tmp
      php_admin_value[sys_temp_dir] = /var/www/do-dinkes/tmp
      php_admin_value[disable_functions] = exec,passthru,shell_exec,system,proc_open,popen,pcntl_exec
      php_admin_flag[allow_url_include] = off"
    `);
  });

  it("locks the SFTP group in its homes with the keys domainops writes", () => {
    expect(renderSshdMatchBlock(SERVER)).toMatchInlineSnapshot(`
      "# Dikelola domainops; perubahan manual akan ditimpa. / Managed by domainops; manual changes are overwritten.
      Match Group domainops-sftp
          ChrootDirectory %h
          ForceCommand internal-sftp -u 0027
          AuthorizedKeysFile /etc/ssh/domainops/authorized_keys/%u
          PasswordAuthentication no
          KbdInteractiveAuthentication no
          AllowTcpForwarding no
          AllowAgentForwarding no
          X11Forwarding no
          PermitTunnel no
          PermitTTY no"
    `);
  });

  it("writes bare keys only", () => {
    expect(renderAuthorizedKeys(plan)).toBe(
      `# Dikelola domainops; perubahan manual akan ditimpa. / Managed by domainops; manual changes are overwritten.\n${KEY}`,
    );
  });
});

describe("renderLinuxScript", () => {
  const OPERATIONS: LinuxOperation[] = ["create-or-update", "suspend", "archive-and-remove"];

  it.each(OPERATIONS)("%s is a POSIX sh script that stops at the first error", (operation) => {
    const script = renderLinuxScript(planOf(), operation);
    expect(script.startsWith("#!/bin/sh\nset -eu\n")).toBe(true);
    // dash and bash in POSIX mode both parse it.
    execFileSync("/bin/sh", ["-n"], { input: script });
    execFileSync("/bin/bash", ["--posix", "-n"], { input: script });
  });

  // name='...' lines only, where a quote inside a value is written '\''.
  const ASSIGNMENTS = /^[a-z_]+='(?:[^']|'\\'')*'(?:\n[a-z_]+='(?:[^']|'\\'')*')*$/;

  /**
   * The values of `names` after a shell reads `header`. The header is checked to hold assignments
   * only before a shell sees it, and that shell is confined: a broken renderer fails the test
   * instead of running a provisioning script on this machine.
   */
  function readAssignments(header: string, names: string[]): string[] {
    expect(header).toMatch(ASSIGNMENTS);
    return confinedShell(`${header}\nprintf '%s\\0' ${names.map((n) => `"$${n}"`).join(" ")}`)
      .split("\0")
      .slice(0, -1);
  }

  /** The header (quoted assignments) and the body of a script. */
  function split(script: string, operation: LinuxOperation): { header: string; body: string } {
    const top = `# domainops ${operation}\n`;
    const start = script.indexOf(top) + top.length;
    const end = script.indexOf("\n\nchanged=0\n");
    return { header: script.slice(start, end), body: script.slice(0, start) + script.slice(end) };
  }

  it.each(OPERATIONS)("%s holds values only in its header of quoted assignments", (operation) => {
    const a = split(renderLinuxScript(planOf(), operation), operation);
    const other = planOf({
      subdomain: "x1.desa",
      fqdn: "x1.desa.kuduskab.go.id",
      package: "besar",
      database: false,
    });
    const b = split(renderLinuxScript(other, operation), operation);
    // The body is the same text for every account, but for the quoted arguments of drop_pool.
    const constant = (body: string) => body.replace(/^drop_pool .*$/gm, "drop_pool");
    expect(constant(b.body)).toBe(constant(a.body));
    expect(b.body.match(/^drop_pool .*$/gm)?.every((line) => /^drop_pool( '[^']*')+$/.test(line))).toBe(
      operation === "create-or-update" ? undefined : true,
    );
    // The header is nothing but `name='value'` lines: read back by a shell and written again with
    // shellAssign, it is the same text.
    const names = [...b.header.matchAll(/^([a-z_]+)='/gm)].map((m) => m[1] ?? "");
    const values = readAssignments(b.header, names);
    expect(names.map((name, i) => shellAssign(name, values[i] ?? "")).join("\n")).toBe(b.header);
  });

  it("passes every value to the shell exactly as planned", () => {
    const plan = planOf({ subdomain: "getasrabi.desa", fqdn: "getasrabi.desa.kuduskab.go.id" });
    const { header } = split(renderLinuxScript(plan, "create-or-update"), "create-or-update");
    const names = ["user", "db_account", "db_name_id", "quota_hard", "quota_soft", "keys_file", "site_file"];
    names.push("site_link", "pool_file", "pool_socket", "mycnf", "database", "site", "pool");
    const values = readAssignments(header, names);
    expect(Object.fromEntries(names.slice(0, -2).map((name, i) => [name, values[i]]))).toEqual({
      user: "do-getasrabi_desa",
      db_account: "'do-getasrabi_desa'@'localhost'",
      db_name_id: "`do-getasrabi_desa`",
      quota_hard: "524288",
      quota_soft: "471859",
      keys_file: "/etc/ssh/domainops/authorized_keys/do-getasrabi_desa",
      site_file: "/etc/nginx/sites-available/do-getasrabi_desa.conf",
      site_link: "/etc/nginx/sites-enabled/do-getasrabi_desa.conf",
      pool_file: "/etc/php/8.2/fpm/pool.d/do-getasrabi_desa.conf",
      pool_socket: "/run/php/do-getasrabi_desa.sock",
      mycnf: "/var/www/do-getasrabi_desa/.my.cnf",
      database: "yes",
    });
    expect(values.slice(-2)).toEqual([renderNginxSite(plan), renderPhpPool(plan)]);
    const noDatabase = split(renderLinuxScript(planOf({ database: false }), "suspend"), "suspend");
    expect(readAssignments(noDatabase.header, ["database"])).toEqual(["no"]);
  });

  it.each<[LinuxOperation, string[], string[]]>([
    [
      "create-or-update",
      ["useradd", "CREATE DATABASE", 'put "$pool_file"', "echo RESULT=changed"],
      ["userdel", "ARCHIVE="],
    ],
    [
      "suspend",
      ["usermod --expiredate 1", "ACCOUNT LOCK", "echo RESULT=suspended"],
      ["useradd", "userdel", "ARCHIVE="],
    ],
    [
      "archive-and-remove",
      ["mysqldump_bin", "tar -czf", "userdel", 'echo "ARCHIVE=$archive"'],
      ["useradd", "ACCOUNT LOCK"],
    ],
  ])("%s does its own steps", (operation, present, absent) => {
    const script = renderLinuxScript(planOf(), operation);
    for (const step of present) expect(script).toContain(step);
    for (const step of absent) expect(script).not.toContain(step);
  });

  it("removes the pools of the other PHP versions only", () => {
    const php = {
      ...SERVER.php,
      versions: {
        ...SERVER.php.versions,
        "8.3": {
          bin: "/usr/sbin/php-fpm8.3",
          config: "/etc/php/8.3/fpm/php-fpm.conf",
          poolDir: "/etc/php/8.3/fpm/pool.d",
          pidFile: "/run/php/php8.3-fpm.pid",
        },
      },
    };
    expect(renderLinuxScript(planOf(), "create-or-update")).not.toMatch(/^drop_pool '/m);
    const create = renderLinuxScript(planOf({}, { php }), "create-or-update");
    expect(create).toContain(
      "drop_pool '/usr/sbin/php-fpm8.3' '/etc/php/8.3/fpm/php-fpm.conf' '/run/php/php8.3-fpm.pid' '/etc/php/8.3/fpm/pool.d/do-dinkes.conf'",
    );
    expect(create).not.toContain("drop_pool '/usr/sbin/php-fpm8.2'");
    // The old version's master lets go of the account's socket before the new one takes it.
    expect(create.indexOf("drop_pool '/usr/sbin/php-fpm8.3'")).toBeLessThan(
      create.indexOf('put "$pool_file"'),
    );
    // In version order, whatever the order of the settings.
    const reversed = { ...php, versions: { "8.3": php.versions["8.3"], ...SERVER.php.versions } };
    const suspend = renderLinuxScript(planOf({}, { php: reversed }), "suspend");
    expect(suspend.match(/^drop_pool '\/usr\/sbin\/php-fpm[0-9.]+'/gm)).toEqual([
      "drop_pool '/usr/sbin/php-fpm8.2'",
      "drop_pool '/usr/sbin/php-fpm8.3'",
    ]);
  });
});

describe("SQL quoting", () => {
  it("doubles quotes and escapes backslashes", () => {
    expect(sqlString("a'b\\c")).toBe("'a''b\\\\c'");
    expect(sqlIdentifier("a`b")).toBe("`a``b`");
  });
});

describe("parseScriptOutput", () => {
  it("reads the result, the archive and the warnings", () => {
    expect(
      parseScriptOutput(
        "WARNING=quota-unavailable user quota is off on /\nnoise\nOTHER=changed\nRESULT=removed\nARCHIVE=/var/backups/domainops/do-x-20261201T140000Z.tar.gz\n",
      ),
    ).toStrictEqual({
      result: "removed",
      archive: "/var/backups/domainops/do-x-20261201T140000Z.tar.gz",
      warnings: ["quota-unavailable user quota is off on /"],
    });
    expect(parseScriptOutput("RESULT=unchanged\n")).toStrictEqual({ result: "unchanged", warnings: [] });
  });

  it("takes a result only from a RESULT line, and a warning only from a WARNING line", () => {
    expect(parseScriptOutput("WARNING=changed\nRESULT=unchanged\nWARNING=x")).toStrictEqual({
      result: "unchanged",
      warnings: ["changed", "x"],
    });
    expect(parseScriptOutput("RESULT=changed\nWARNING=unchanged\n")).toHaveProperty("result", "changed");
    expect(parseScriptOutput(" RESULT=changed\n")).toHaveProperty(
      "en",
      expect.stringContaining("no RESULT= line"),
    );
  });

  it("says the script stopped when there is no known result", () => {
    expect(parseScriptOutput("WARNING=x\n")).toHaveProperty("en", expect.stringContaining("no RESULT= line"));
    expect(parseScriptOutput("RESULT=exploded\n")).toHaveProperty("id", expect.stringContaining("RESULT="));
  });
});
