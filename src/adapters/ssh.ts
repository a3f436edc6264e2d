/**
 * Runs a rendered provisioning script on a server with the system's OpenSSH client. The script goes
 * on stdin to a fixed remote command (`/bin/sh -s`), never on a command line, where the process list
 * and the server's logs would show it. Host keys are checked against the given known-hosts file only,
 * and no prompt can wait for a human (`BatchMode`).
 */
import { spawn } from "node:child_process";
import { DomainopsError } from "../core/errors.ts";

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** Private key of the administrator allowed to log in as `user`. */
  identityFile: string;
  /** known_hosts holding the server's host key: an unknown or changed key stops the connection. */
  knownHostsFile: string;
}

export interface SshRunOptions {
  /** Whole run, connection included (default 120 s). */
  timeoutMs?: number;
  /** TCP connect and key exchange (default 10 s). */
  connectTimeoutSeconds?: number;
  /** The client binary (default `ssh` from PATH). */
  sshBin?: string;
}

export interface SshResult {
  /** The script's exit status. */
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** ssh(1): "exits with the exit status of the remote command or with 255 if an error occurred". */
export const SSH_FAILURE = 255;

// A host name, an IPv4 address, or a bare IPv6 literal: ssh(1) resolves `[::1]` as a name and fails.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;

/** The client's arguments: options only, then the destination and the fixed remote command. */
export function sshArguments(target: SshTarget, connectTimeoutSeconds = 10): string[] {
  if (!HOST.test(target.host) || !USER.test(target.user)) {
    throw new DomainopsError(
      "config",
      `tujuan SSH tidak sah (invalid SSH destination): ${JSON.stringify(`${target.user}@${target.host}`)}`,
    );
  }
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new DomainopsError("config", `port SSH tidak sah (invalid SSH port): ${target.port}`);
  }
  return [
    "-F",
    "none",
    "-T",
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    `UserKnownHostsFile=${target.knownHostsFile}`,
    "-o",
    "GlobalKnownHostsFile=/dev/null",
    "-o",
    "UpdateHostKeys=no",
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "PasswordAuthentication=no",
    "-o",
    "KbdInteractiveAuthentication=no",
    "-o",
    `ConnectTimeout=${connectTimeoutSeconds}`,
    "-o",
    "ServerAliveInterval=15",
    "-o",
    "LogLevel=ERROR",
    "-i",
    target.identityFile,
    "-p",
    String(target.port),
    "-l",
    target.user,
    "--",
    target.host,
    "/bin/sh -s",
  ];
}

/**
 * Runs `script` as `target.user` on the server and returns its exit status and output. Throws
 * `DomainopsError` when ssh is missing, when the connection or authentication fails (exit 255), or on
 * timeout; a script that fails returns its non-zero status, for the caller to judge.
 */
export function runSshScript(
  target: SshTarget,
  script: string,
  options: SshRunOptions = {},
): Promise<SshResult> {
  const args = sshArguments(target, options.connectTimeoutSeconds);
  const bin = options.sshBin ?? "ssh";
  const timeoutMs = options.timeoutMs ?? 120_000;
  const where = `${target.user}@${target.host}:${target.port}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    // A child that died early closes stdin; its exit status tells the story, not EPIPE.
    child.stdin.on("error", () => {});
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === "ENOENT") {
        reject(
          new DomainopsError(
            "config",
            `klien SSH "${bin}" tidak ditemukan; pasang openssh-client ` +
              `(SSH client "${bin}" not found; install openssh-client)`,
            { cause: error },
          ),
        );
      } else {
        reject(new DomainopsError("io", `ssh ${where}: ${error.message}`, { cause: error }));
      }
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = {
        code: code ?? -1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        durationMs: performance.now() - started,
      };
      if (timedOut) {
        reject(
          new DomainopsError(
            "io",
            `ssh ${where}: tidak selesai dalam ${timeoutMs} ms (did not finish within ${timeoutMs} ms)`,
          ),
        );
      } else if (code === SSH_FAILURE || signal !== null) {
        const detail = result.stderr.trim().split("\n").slice(-3).join(" / ") || (signal ?? "");
        reject(
          new DomainopsError(
            "io",
            `koneksi SSH ke ${where} gagal (SSH connection to ${where} failed): ${detail}`,
          ),
        );
      } else {
        resolve(result);
      }
    });
    child.stdin.end(script);
  });
}
