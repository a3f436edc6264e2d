import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { runSshScript, type SshTarget, sshArguments } from "../../src/adapters/ssh.ts";

const TARGET: SshTarget = {
  host: "127.0.0.1",
  port: 2222,
  user: "root",
  identityFile: "/nonexistent/admin",
  knownHostsFile: "/nonexistent/known_hosts",
};

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe("sshArguments", () => {
  it("never prompts, trusts only the given host keys, and runs a fixed remote command", () => {
    const args = sshArguments(TARGET);
    const options = args.flatMap((arg, i) => (args[i - 1] === "-o" ? [arg] : []));
    expect(options).toEqual(
      expect.arrayContaining([
        "BatchMode=yes",
        "StrictHostKeyChecking=yes",
        "UserKnownHostsFile=/nonexistent/known_hosts",
        "GlobalKnownHostsFile=/dev/null",
        "IdentitiesOnly=yes",
        "ConnectTimeout=10",
      ]),
    );
    expect(args.slice(-4)).toEqual(["root", "--", "127.0.0.1", "/bin/sh -s"]);
    expect(args).toContain("/nonexistent/admin");
    expect(args[args.indexOf("-p") + 1]).toBe("2222");
  });

  it.each([
    { host: "-oProxyCommand=id" },
    { host: "a b" },
    { user: "-oX" },
    { user: "root;id" },
    { port: 0 },
    { port: 65536 },
    { port: 22.5 },
  ])("refuses the destination %j", (change) => {
    expect(() => sshArguments({ ...TARGET, ...change })).toThrow(/tidak sah.*invalid/);
  });

  it("accepts an IPv6 literal and a host name", () => {
    expect(sshArguments({ ...TARGET, host: "fd12:3456::1e" })).toContain("fd12:3456::1e");
    // ssh(1) would look `[::1]` up as a host name.
    expect(() => sshArguments({ ...TARGET, host: "[::1]" })).toThrow(/tidak sah/);
    expect(sshArguments({ ...TARGET, host: "server.kuduskab.go.id" })).toContain("server.kuduskab.go.id");
  });
});

describe("runSshScript", () => {
  it("says in both languages that the ssh client is missing", async () => {
    await expect(runSshScript(TARGET, "true\n", { sshBin: "/nonexistent/ssh" })).rejects.toMatchObject({
      code: "config",
      message: expect.stringMatching(
        /^klien SSH .* tidak ditemukan; pasang openssh-client \(SSH client .* not found/,
      ),
    });
  });

  it("says in both languages that the connection failed, with ssh's reason", async () => {
    const port = await closedPort();
    await expect(
      runSshScript({ ...TARGET, port }, "true\n", { connectTimeoutSeconds: 2 }),
    ).rejects.toMatchObject({
      code: "io",
      message: expect.stringMatching(
        /^koneksi SSH ke root@127\.0\.0\.1:\d+ gagal \(SSH connection .* failed\): .*refused/,
      ),
    });
  });

  it("stops a run that takes too long", async () => {
    // A listener that accepts and never speaks: ssh waits for the server's banner.
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await expect(runSshScript({ ...TARGET, port }, "true\n", { timeoutMs: 500 })).rejects.toMatchObject({
        code: "io",
        message: expect.stringContaining("did not finish within 500 ms"),
      });
    } finally {
      server.close();
    }
  });
});
