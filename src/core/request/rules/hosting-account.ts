/**
 * Rules on `hosting.akun`, the account a `server` request asks for on the office's hosting server:
 * the server, package and PHP version must be ones the stack (`domainops:hostingServers`) offers,
 * and the account's Linux user must be its own. The stack-dependent rules stay silent without the
 * stack settings; `buildDesiredState` checks the same again before every apply.
 */

import { deriveLinuxUser } from "../../hosting/linux-user.ts";
import { chooseHostingServer, type HostingServer, packageLimits } from "../../hosting/servers.ts";
import type { HostingAccount } from "../../types.ts";
import type { Rule, RuleContext } from "../rule.ts";
import { msg, q } from "./util.ts";

/** The account of a `server` request, or undefined (another kind's `akun` is hosting-account-kind's). */
function accountOf(ctx: RuleContext): HostingAccount | undefined {
  const hosting = ctx.request.hosting;
  return hosting.jenis === "server" ? hosting.akun : undefined;
}

/** The account and the server it lives on, when the stack is known and names it unambiguously. */
function placedAccount(ctx: RuleContext): { account: HostingAccount; server: HostingServer } | undefined {
  const account = accountOf(ctx);
  if (account === undefined || ctx.stack === undefined) return undefined;
  const choice = chooseHostingServer(ctx.stack.hostingServers, account.server);
  return choice.ok ? { account, server: choice.server } : undefined;
}

function names(servers: readonly { name: string }[]): string {
  return servers.map((server) => server.name).join(", ");
}

export const hostingAccountKind: Rule = {
  id: "hosting-account-kind",
  severity: "error",
  summary: msg(
    "`hosting.akun` (akun di server hosting kantor) hanya untuk `hosting.jenis: server`.",
    "`hosting.akun` (an account on the office's hosting server) is only for `hosting.jenis: server`.",
  ),
  check(ctx) {
    const hosting = ctx.request.hosting;
    if (hosting.akun === undefined || hosting.jenis === "server") return [];
    return [
      {
        path: ["hosting", "akun"],
        part: "key",
        message: msg(
          `akun hosting hanya untuk jenis "server", bukan ${q(hosting.jenis)}; hapus blok akun atau ganti jenis menjadi server`,
          `a hosting account is only for kind "server", not ${q(hosting.jenis)}; remove the akun block or change jenis to server`,
        ),
      },
    ];
  },
};

export const hostingAccountServerUnknown: Rule = {
  id: "hosting-account-server-unknown",
  severity: "error",
  summary: msg(
    "Server akun (`hosting.akun.server`) harus ada di `domainops:hostingServers` pada `Pulumi.<stack>.yaml`; wajib ditulis bila stack punya lebih dari satu server. Diperiksa bila pengaturan stack tersedia, dan selalu sebelum penerapan.",
    "The account's server (`hosting.akun.server`) must be in `domainops:hostingServers` of `Pulumi.<stack>.yaml`; it must be named when the stack has more than one server. Checked when the stack settings are available, and always before apply.",
  ),
  check(ctx) {
    const account = accountOf(ctx);
    if (account === undefined || ctx.stack === undefined) return [];
    const { file, hostingServers: servers } = ctx.stack;
    const choice = chooseHostingServer(servers, account.server);
    if (choice.ok) return [];
    switch (choice.reason) {
      case "none":
        return [
          {
            path: ["hosting", "akun"],
            part: "key",
            message: msg(
              `${file} belum punya server hosting (domainops:hostingServers); minta admin kantor menambahkannya, atau hapus blok akun (hanya catatan DNS)`,
              `${file} has no hosting server yet (domainops:hostingServers); ask the office's admin to add one, or remove the akun block (DNS records only)`,
            ),
          },
        ];
      case "unknown":
        return [
          {
            path: ["hosting", "akun", "server"],
            message: msg(
              `server ${q(account.server)} tidak ada di ${file}; pilih salah satu: ${names(servers)}`,
              `server ${q(account.server)} is not in ${file}; choose one of: ${names(servers)}`,
            ),
          },
        ];
      case "ambiguous":
        return [
          {
            path: ["hosting", "akun"],
            part: "key",
            message: msg(
              `${file} punya ${servers.length} server hosting; tulis server: <nama>, salah satu dari: ${names(servers)}`,
              `${file} has ${servers.length} hosting servers; add server: <name>, one of: ${names(servers)}`,
            ),
          },
        ];
      default:
        return choice.reason satisfies never;
    }
  },
};

export const hostingAccountPackageUnknown: Rule = {
  id: "hosting-account-package-unknown",
  severity: "error",
  summary: msg(
    "Paket akun (`hosting.akun.paket`) harus salah satu paket server itu di `domainops:hostingServers`.",
    "The account's package (`hosting.akun.paket`) must be one of that server's packages in `domainops:hostingServers`.",
  ),
  check(ctx) {
    const placed = placedAccount(ctx);
    if (placed === undefined || packageLimits(placed.server, placed.account.paket)) return [];
    const { account, server } = placed;
    const known = Object.keys(server.packages).join(", ");
    return [
      {
        path: ["hosting", "akun", "paket"],
        message: msg(
          `paket ${q(account.paket)} tidak ada di server ${server.name}; pilih salah satu: ${known}`,
          `package ${q(account.paket)} is not offered by server ${server.name}; choose one of: ${known}`,
        ),
      },
    ];
  },
};

export const hostingAccountPhpUnsupported: Rule = {
  id: "hosting-account-php-unsupported",
  severity: "error",
  summary: msg(
    "Versi PHP akun (`hosting.akun.php`) harus salah satu versi `php` server itu di `domainops:hostingServers`; tanpa `php` dipakai versi pertama server.",
    "The account's PHP version (`hosting.akun.php`) must be one of that server's `php` versions in `domainops:hostingServers`; without `php` the server's first version is used.",
  ),
  check(ctx) {
    const { account, server } = placedAccount(ctx) ?? {};
    if (account?.php === undefined || server === undefined || server.php.includes(account.php)) return [];
    const message =
      server.php.length === 0
        ? msg(
            `server ${server.name} tidak menawarkan pilihan versi PHP; hapus php: ${q(account.php)}`,
            `server ${server.name} offers no choice of PHP version; remove php: ${q(account.php)}`,
          )
        : msg(
            `PHP ${q(account.php)} tidak tersedia di server ${server.name}; pilih salah satu: ${server.php.join(", ")}, atau hapus php untuk versi bawaan ${server.php[0]}`,
            `PHP ${q(account.php)} is not available on server ${server.name}; choose one of: ${server.php.join(", ")}, or remove php for the default ${server.php[0]}`,
          );
    return [{ path: ["hosting", "akun", "php"], message }];
  },
};

/** Linux user → the request stems deriving it, per listing (built once, on the first account). */
const usersBySiblings = new WeakMap<ReadonlyMap<string, readonly string[]>, Map<string, string[]>>();

function stemsOfUser(siblings: ReadonlyMap<string, readonly string[]>, user: string): readonly string[] {
  let index = usersBySiblings.get(siblings);
  if (index === undefined) {
    index = new Map();
    for (const stem of siblings.keys()) {
      const derived = deriveLinuxUser(stem);
      if (derived === null) continue;
      const stems = index.get(derived);
      if (stems === undefined) index.set(derived, [stem]);
      else stems.push(stem);
    }
    usersBySiblings.set(siblings, index);
  }
  return index.get(user) ?? [];
}

export const hostingAccountUserCollision: Rule = {
  id: "hosting-account-user-collision",
  severity: "error",
  summary: msg(
    "Nama pengguna Linux akun (`do-` + subdomain, dipendekkan dengan hash bila lebih dari 32 karakter) tidak boleh sama dengan akun permohonan lain: satu pengguna, satu akun.",
    "The account's Linux user (`do-` + the subdomain, shortened with a hash past 32 characters) must differ from every other request's account: one user, one account.",
  ),
  check(ctx) {
    if (accountOf(ctx) === undefined) return [];
    const own = ctx.request.subdomain.toLowerCase();
    const user = deriveLinuxUser(own);
    // An invalid subdomain is subdomain-label-invalid's.
    if (user === null) return [];
    const holders = stemsOfUser(ctx.siblings, user)
      .filter((stem) => stem !== own)
      .map((stem) => ctx.findRequest(stem))
      .filter(
        (other) =>
          other !== undefined && other.request.hosting.jenis === "server" && other.request.hosting.akun,
      );
    return holders.map((other) => ({
      path: ["subdomain"],
      message: msg(
        `nama pengguna Linux ${q(user)} dari subdomain ${q(own)} sama dengan akun ${other?.file}: nama panjang dipendekkan menjadi 17 karakter + hash; ubah salah satu subdomain`,
        `the Linux user ${q(user)} of the subdomain ${q(own)} is also the account of ${other?.file}: long names are shortened to 17 characters + a hash; change one of the subdomains`,
      ),
    }));
  },
};

export const hostingAccountRules: readonly Rule[] = [
  hostingAccountKind,
  hostingAccountServerUnknown,
  hostingAccountPackageUnknown,
  hostingAccountPhpUnsupported,
  hostingAccountUserCollision,
];
