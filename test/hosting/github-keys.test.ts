import { describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { collectGitHubKeys, isGitHubLogin } from "../../src/core/hosting/github-keys.ts";
import { fakeGitHub } from "../approvals/fake-github.ts";

const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMk0Hh2m6mB0KVv6cS4iQv3JX7kJQfQmJ1y4mJ8c9Y0b";
const OTHER = `ssh-ed25519 ${Buffer.concat([
  Buffer.from([0, 0, 0, 11]),
  Buffer.from("ssh-ed25519"),
  Buffer.from([0, 0, 0, 32]),
  Buffer.alloc(32, 7),
]).toString("base64")}`;

describe("the public keys of a GitHub account", () => {
  it("keeps each usable key once, without its comment, in GitHub's order", () => {
    const { keys, refused } = collectGitHubKeys([
      { id: 1, key: `${OTHER} laptop kantor` },
      { id: 2, key: ED25519 },
      { id: 3, key: `${OTHER}` },
    ]);
    expect(keys).toEqual([OTHER, ED25519]);
    expect(refused).toBe(0);
  });

  it.each<[string, unknown]>([
    ["not an object", "ssh-ed25519 AAAA"],
    ["null", null],
    ["no key", { id: 1 }],
    ["a key that is not text", { id: 1, key: 42 }],
    ["options in front", { id: 1, key: `command="/bin/sh" ${ED25519}` }],
    ["a type the blob does not hold", { id: 1, key: ED25519.replace("ssh-ed25519", "ssh-rsa") }],
    ["a line break inside", { id: 1, key: `${ED25519}\nssh-ed25519 AAAA` }],
  ])("refuses %s", (_label, item) => {
    expect(collectGitHubKeys([item, { id: 9, key: ED25519 }])).toEqual({ keys: [ED25519], refused: 1 });
  });

  it.each([
    ["a", true],
    ["opd-dinkes-admin", true],
    ["A1b2", true],
    [`a${"b".repeat(38)}`, true],
    [`a${"b".repeat(39)}`, false],
    ["", false],
    ["-dinkes", false],
    ["dinkes-", false],
    ["din--kes", false],
    ["din_kes", false],
    ["../orgs", false],
    ["dinkes\n", false],
    ["dinkes/keys", false],
  ])("%j is a GitHub login: %s", (login, valid) => {
    expect(isGitHubLogin(login)).toBe(valid);
  });
});

describe("reading them from GitHub", () => {
  const client = (keys: Record<string, unknown[]>) => {
    const fake = fakeGitHub({ userKeys: keys });
    const github = createGitHub({ token: "t", owner: "o", repo: "r", fetch: fake.fetch, retries: 0 });
    return { fake, github };
  };

  it("asks GET /users/{login}/keys and judges the answer", async () => {
    const { fake, github } = client({
      "opd-dinkes-admin": [
        { id: 1, key: ED25519 },
        { id: 2, key: "junk" },
      ],
    });
    expect(await github.fetchUserKeys("opd-dinkes-admin")).toEqual({ keys: [ED25519], refused: 1 });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /users/opd-dinkes-admin/keys"]);
  });

  it("an unknown account is an error, not an empty list", async () => {
    const { github } = client({});
    await expect(github.fetchUserKeys("tidak-ada")).rejects.toThrow(/HTTP 404/);
  });

  it("refuses a login that is not one before any request, showing it on one line", async () => {
    const { fake, github } = client({});
    await expect(github.fetchUserKeys("evil\n::error::x")).rejects.toThrow(
      '"evil\\u000a::error::x" bukan login GitHub',
    );
    expect(fake.calls).toEqual([]);
  });
});
