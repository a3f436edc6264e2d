import { describe, expect, it } from "vitest";
import { deriveLinuxUser, LINUX_USER_MAX, linuxUserProblem } from "../../src/core/hosting/linux-user.ts";

/** Users of a Debian server with nginx, PHP-FPM, MariaDB and OpenSSH, and a few that packages add. */
const SYSTEM_USERS = [
  "root",
  "daemon",
  "bin",
  "sys",
  "sync",
  "games",
  "man",
  "lp",
  "mail",
  "news",
  "uucp",
  "proxy",
  "www-data",
  "backup",
  "list",
  "irc",
  "gnats",
  "nobody",
  "_apt",
  "messagebus",
  "sshd",
  "mysql",
  "nginx",
  "postfix",
  "systemd-network",
  "redis",
];

describe("deriveLinuxUser", () => {
  it.each([
    ["dinkes", "do-dinkes"],
    ["DinKes", "do-dinkes"],
    ["getasrabi.desa", "do-getasrabi_desa"],
    ["getasrabi-desa", "do-getasrabi-desa"],
    ["123", "do-123"],
    ["root", "do-root"],
    ["www", "do-www"],
    ["a.b.c", "do-a_b_c"],
    // 29 characters after the prefix: exactly 32, kept whole.
    ["abcdefghijklmnopqrstuvwxyz012", "do-abcdefghijklmnopqrstuvwxyz012"],
  ])("%s → %s", (subdomain, user) => {
    expect(deriveLinuxUser(subdomain)).toBe(user);
  });

  it.each([
    "",
    "a..b",
    "-dinkes",
    "dinkes-",
    "din_kes",
    "dinkes.",
    ".dinkes",
    "dínkes",
    "a b",
    "x;id",
    "a".repeat(64),
  ])("refuses the subdomain %j", (subdomain) => {
    expect(deriveLinuxUser(subdomain)).toBeNull();
  });

  it("shortens a long name to 32 characters with a hash that a full name cannot have", () => {
    const long = "abcdefghijklmnopqrstuvwxyz0123"; // 30 characters: one too many
    const user = deriveLinuxUser(long) ?? "";
    expect(user).toHaveLength(LINUX_USER_MAX);
    expect(user).toMatch(/^do-abcdefghijklmnopq__[0-9a-f]{10}$/);
    expect(linuxUserProblem(user)).toBeNull();
  });

  it("keeps the dots in the hash, so labels cut elsewhere stay apart", () => {
    // Without the dots both would hash "x…xab…b" and share their first 17 characters.
    const a = deriveLinuxUser(`${"x".repeat(20)}a.${"b".repeat(20)}`);
    const b = deriveLinuxUser(`${"x".repeat(20)}.a${"b".repeat(20)}`);
    expect(a?.slice(0, 22)).toBe(`do-${"x".repeat(17)}__`);
    expect(a).not.toBe(b);
  });

  it("shortens a nested name from its labels joined with _", () => {
    expect(deriveLinuxUser("a.bcdefghijklmnopqrstuvwxyz0123456")).toMatch(
      /^do-a_bcdefghijklmnop__[0-9a-f]{10}$/,
    );
  });

  it("keeps long names that share their start apart", () => {
    const a = deriveLinuxUser("sekolah-dasar-negeri-satu-kudus.desa");
    const b = deriveLinuxUser("sekolah-dasar-negeri-satu-kudus.kec");
    expect(a).not.toBe(b);
    expect(a?.slice(0, 20)).toBe(b?.slice(0, 20));
  });

  it("gives distinct names to the nested and the hyphenated subdomain", () => {
    expect(deriveLinuxUser("getasrabi.desa")).not.toBe(deriveLinuxUser("getasrabi-desa"));
  });

  it("derives only names that are valid accounts", () => {
    for (const subdomain of ["dinkes", "a.b", "9", "x".repeat(63), "sekolah-dasar-negeri-satu-kudus.desa"]) {
      const user = deriveLinuxUser(subdomain);
      expect(user).not.toBeNull();
      expect(linuxUserProblem(user ?? ""), subdomain).toBeNull();
    }
  });
});

describe("linuxUserProblem", () => {
  it.each(SYSTEM_USERS)("refuses the system user %s", (name) => {
    expect(linuxUserProblem(name)?.en).toMatch(/system users cannot be used/);
  });

  it.each(SYSTEM_USERS.filter((name) => /^[a-z0-9-]+$/.test(name)))(
    "gives the subdomain %s an account that is not that system user",
    (name) => {
      expect(deriveLinuxUser(name)).toBe(`do-${name}`);
    },
  );

  it.each([
    ["", /1–32 characters/],
    [`do-${"a".repeat(30)}`, /1–32 characters/],
    ["do-Dinkes", /may only hold/],
    ["do-a b", /may only hold/],
    ["do-a;id", /may only hold/],
    ["1do", /may only hold/],
    ["dinkes", /prefix "do-"/],
  ])("refuses %j", (name, problem) => {
    expect(linuxUserProblem(name)?.en).toMatch(problem);
  });

  it("accepts a 32-character account name and says why others fail in both languages", () => {
    expect(linuxUserProblem(`do-${"a".repeat(29)}`)).toBeNull();
    expect(linuxUserProblem("root")?.id).toBe(
      'nama pengguna Linux "root" bukan nama akun domainops (awalan "do-"); akun sistem tidak boleh dipakai',
    );
    expect(linuxUserProblem("")?.id).toBe('nama pengguna Linux "" harus 1–32 karakter');
    expect(linuxUserProblem("do-A")?.id).toBe(
      'nama pengguna Linux "do-A" hanya boleh huruf kecil, angka, "_" dan "-", diawali huruf atau "_"',
    );
  });
});
