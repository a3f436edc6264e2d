import { describe, expect, it } from "vitest";
import { CPANEL_USER_MAX, cpanelUserProblem, deriveCpanelUser } from "../../src/core/hosting/whm-user.ts";

// cPanel & WHM, "Reserved, Invalid, and Misconfigured Usernames": a–z and 0–9 only, at most 16,
// not starting with a digit or "test", not ending in "assword".
const CPANEL_RULES = /^(?!test)[a-z][a-z0-9]{0,15}$/;

describe("deriveCpanelUser", () => {
  it.each([
    ["dinkes", "dodinkes"],
    ["DinKes", "dodinkes"],
    ["123", "do123"],
    ["test", "dotest"],
    ["testing1", "dotesting1"],
    ["abcdefghijklmn", "doabcdefghijklmn"],
  ])("keeps a short one-label name: %s → %s", (subdomain, user) => {
    expect(deriveCpanelUser(subdomain)).toBe(user);
  });

  it.each([
    ["getasrabi.desa", "dhgetasr"],
    ["getasrabi-desa", "dhgetasr"],
    ["abcdefghijklmno", "dhabcdef"],
    ["password", "dhpasswo"],
    ["vecot", "dhvecot"],
    ["venull", "dhvenull"],
    ["vecot.x", "dhvecotx"],
    ["1.2", "dh12"],
  ])("shortens %s with a hash, starting %s", (subdomain, start) => {
    const user = deriveCpanelUser(subdomain) ?? "";
    expect(user.startsWith(start)).toBe(true);
    expect(user).toMatch(/^dh[a-z0-9]*[0-9a-f]{8}$/);
    expect(user.length).toBe(start.length + 8);
  });

  it.each(["", "a..b", "-a", "a-", "a_b", "ä", "*", `${"a".repeat(64)}`])("refuses %j", (subdomain) => {
    expect(deriveCpanelUser(subdomain)).toBeNull();
  });

  it("never gives one name to two subdomains that differ only in dots and hyphens", () => {
    const names = ["ab", "a-b", "a.b", "a.b.c", "a-b.c", "ab.c", "abc", "a.bc", "ab-c"].map(deriveCpanelUser);
    expect(new Set(names).size).toBe(names.length);
  });

  it("keeps long nested names apart even when their first characters agree", () => {
    const a = deriveCpanelUser("sekretariat.dprd.kudus");
    const b = deriveCpanelUser("sekretariat.dprd.jepara");
    expect(a).not.toBe(b);
    expect(a?.slice(0, 8)).toBe(b?.slice(0, 8));
  });

  it.each([
    "dinkes",
    "123",
    "test",
    "getasrabi.desa",
    "a-very-long-subdomain-name.with.many.labels",
    "password",
    "vecot",
    "9",
  ])("gives a name cPanel accepts and domainops owns: %s", (subdomain) => {
    const user = deriveCpanelUser(subdomain) ?? "";
    expect(user).toMatch(CPANEL_RULES);
    expect(user.length).toBeLessThanOrEqual(CPANEL_USER_MAX);
    expect(user.endsWith("assword")).toBe(false);
    expect(cpanelUserProblem(user)).toBeNull();
  });
});

describe("cpanelUserProblem", () => {
  it.each([
    ["", "1–16"],
    ["do12345678901234x", "1–16"],
    ["do-dinkes", "lowercase letters and digits"],
    ["Dodinkes", "lowercase letters and digits"],
    ["1do", "lowercase letters and digits"],
    ["testdo", "lowercase letters and digits"],
    ["dopassword", "assword"],
    ["root", "not a domainops account"],
    ["dovecot", "reserved"],
    ["dovenull", "reserved"],
  ])("refuses %j (%s)", (name, part) => {
    const problem = cpanelUserProblem(name);
    expect(problem?.en).toContain(part);
    expect(problem?.id).toContain("pengguna cPanel");
  });

  it.each(["dodinkes", "dhgetasr0123abcd", "do1"])("accepts %j", (name) => {
    expect(cpanelUserProblem(name)).toBeNull();
  });
});
