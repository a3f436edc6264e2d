/**
 * The office's hosting servers, `domainops:hostingServers` in `Pulumi.<stack>.yaml`: where the
 * accounts of `hosting.akun` live and which packages and PHP versions each server offers. Checked
 * as strictly as the rest of the stack settings, every error naming the key it is about.
 *
 * Secrets are never here: the SSH private key and the WHM API token live in Pulumi's encrypted
 * config (`pulumi config set --secret domainops:hostingSshKey …`), and `findPlainSecrets` refuses a
 * stack file that holds one in plain text.
 */
import { DomainopsError } from "../errors.ts";
import { reservedOriginHost } from "../infra/tunnel-origins.ts";
import { classifyAddress, formatIp, parseIp } from "../ip.ts";
import { debianServerDefaults, normalizeSshKey, PACKAGE_LIMIT_MAX, type PackageLimits } from "./linux.ts";

export type HostingServerKind = "linux" | "whm";
export const HOSTING_SERVER_KINDS: readonly HostingServerKind[] = ["linux", "whm"];

export interface HostingServer {
  /** Named by a request's `hosting.akun.server`; lowercase. */
  name: string;
  kind: HostingServerKind;
  /** Host name (lowercase) or IP address (canonical text) the backend connects to. */
  address: string;
  /** SSH port (linux) or WHM API port (whm). */
  port: number;
  /**
   * linux: the server's SSH host key, `<type> <base64>` (as `ssh-keyscan` prints it, checked against the
   * server's console): the only key the apply accepts, so nobody on the path can pose as the server.
   * null for whm.
   */
  hostKey: string | null;
  /**
   * The administrator the apply acts as (default `root`): linux, the SSH login (the scripts need root);
   * whm, the WHM user the API token belongs to (`root` or a reseller).
   */
  adminUser: string;
  /** PHP versions a request may choose, the first being the default; empty = the server decides. */
  php: readonly string[];
  packages: Readonly<Record<string, PackageLimits>>;
}

/** Keys of Pulumi's encrypted config that hold the hosting backends' credentials. */
export const HOSTING_SECRET_KEYS = ["hostingSshKey", "hostingApiToken"] as const;

/** OpenSSH's port for linux; cPanel & WHM's API listens on 2087 (TLS). */
const DEFAULT_PORT: { readonly [K in HostingServerKind]: number } = { linux: 22, whm: 2087 };
/**
 * Debian's `pm.max_children` of the stock `www` pool and PHP's stock `memory_limit` (128M): what a
 * package gets when the stack names only its disk quota.
 */
const DEFAULT_PHP_MAX_CHILDREN = 5;
const DEFAULT_PHP_MEMORY_MB = 128;
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PHP_VERSION = /^[0-9]\.[0-9]{1,2}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const SERVER_FIELDS = ["name", "kind", "address", "port", "hostKey", "adminUser", "php", "packages"];
const ADMIN_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const PACKAGE_FIELDS: readonly (keyof PackageLimits)[] = [
  "diskQuotaMb",
  "phpMaxChildren",
  "phpMemoryLimitMb",
];
const SHAPE = "{name, kind, address, port?, hostKey?, adminUser?, php?, packages}";

/** `what` is "<Bahasa Indonesia> | <English>"; the message names the file and the key. */
export function configFail(source: string, key: string, what: string): never {
  const [id, en] = what.split(" | ");
  throw new DomainopsError("config", `${source}: domainops:${key} ${id} (${en ?? id})`);
}

/** Pulumi hands structured config to the program as JSON text; a stack file gives it parsed. */
function structured(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An IP address or host name an SSH or API client may be pointed at; the reason when it may not. */
function addressOf(value: unknown, source: string, key: string): string {
  const text = typeof value === "string" ? value.trim().toLowerCase().replace(/\.$/, "") : "";
  const shown = JSON.stringify(value);
  const ip = text === "" ? null : parseIp(text);
  if (ip !== null) {
    // Public and private addresses only: a server on loopback, link-local or a cloud metadata
    // address is a typo or an attack on the machine running apply, as for tunnel origins.
    const verdict = classifyAddress(ip);
    if (verdict !== null && verdict.range.kind !== "private")
      configFail(
        source,
        key,
        `${shown} tidak dapat dipakai: ${verdict.range.cidr} (${verdict.range.why.id}) | ${shown} cannot be used: ${verdict.range.cidr} (${verdict.range.why.en})`,
      );
    return formatIp(ip);
  }
  if (!HOST_NAME.test(text) || /^[0-9.]+$/.test(text))
    configFail(
      source,
      key,
      `${shown} bukan nama host atau alamat IP yang sah | ${shown} is not a valid host name or IP address`,
    );
  const reserved = reservedOriginHost(text);
  if (reserved !== null)
    configFail(source, key, `${shown} adalah ${reserved.id} | ${shown} is ${reserved.en}`);
  return text;
}

function positiveInteger(value: unknown, max: number, source: string, key: string): number {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1 || number > max)
    configFail(
      source,
      key,
      `harus bilangan bulat 1–${max}, bukan ${JSON.stringify(value)} | must be an integer from 1 to ${max}, not ${JSON.stringify(value)}`,
    );
  return number;
}

function parsePackages(value: unknown, source: string, key: string): Record<string, PackageLimits> {
  const raw = structured(value);
  if (!isObject(raw) || Object.keys(raw).length === 0)
    configFail(
      source,
      key,
      "wajib diisi: objek nama paket → {diskQuotaMb, phpMaxChildren?, phpMemoryLimitMb?} | is required: an object of package name → {diskQuotaMb, phpMaxChildren?, phpMemoryLimitMb?}",
    );
  const packages: Record<string, PackageLimits> = {};
  for (const [name, limits] of Object.entries(raw)) {
    const where = `${key}.${name}`;
    if (!NAME.test(name))
      configFail(
        source,
        where,
        'nama paket hanya huruf kecil, angka dan "-" | a package name holds only lowercase letters, digits and "-"',
      );
    if (!isObject(limits))
      configFail(source, where, "harus objek {diskQuotaMb, …} | must be an object {diskQuotaMb, …}");
    for (const field of Object.keys(limits)) {
      if (!(PACKAGE_FIELDS as readonly string[]).includes(field))
        configFail(
          source,
          `${where}.${field}`,
          `tidak dikenal; pakai ${PACKAGE_FIELDS.join(", ")} | is unknown; use ${PACKAGE_FIELDS.join(", ")}`,
        );
    }
    packages[name] = {
      diskQuotaMb: positiveInteger(
        limits.diskQuotaMb,
        PACKAGE_LIMIT_MAX.diskQuotaMb,
        source,
        `${where}.diskQuotaMb`,
      ),
      phpMaxChildren:
        limits.phpMaxChildren === undefined
          ? DEFAULT_PHP_MAX_CHILDREN
          : positiveInteger(
              limits.phpMaxChildren,
              PACKAGE_LIMIT_MAX.phpMaxChildren,
              source,
              `${where}.phpMaxChildren`,
            ),
      phpMemoryLimitMb:
        limits.phpMemoryLimitMb === undefined
          ? DEFAULT_PHP_MEMORY_MB
          : positiveInteger(
              limits.phpMemoryLimitMb,
              PACKAGE_LIMIT_MAX.phpMemoryLimitMb,
              source,
              `${where}.phpMemoryLimitMb`,
            ),
    };
  }
  return packages;
}

function parsePhp(value: unknown, kind: HostingServerKind, source: string, key: string): string[] {
  // A Linux server without the key runs Debian's PHP (bookworm: 8.2); a WHM server's versions are
  // whatever MultiPHP offers, so without the key no request may name one.
  if (value === undefined || value === null)
    return kind === "linux" ? [debianServerDefaults.php.defaultVersion] : [];
  const list = structured(value);
  if (!Array.isArray(list) || list.length === 0)
    configFail(source, key, 'harus daftar versi, mis. ["8.2"] | must be a list of versions, e.g. ["8.2"]');
  const versions: string[] = [];
  list.forEach((item: unknown, i) => {
    if (typeof item !== "string" || !PHP_VERSION.test(item))
      configFail(
        source,
        `${key}[${i}]`,
        `${JSON.stringify(item)} bukan versi PHP (tulis berkutip, mis. "8.2") | ${JSON.stringify(item)} is not a PHP version (write it quoted, e.g. "8.2")`,
      );
    if (versions.includes(item))
      configFail(
        source,
        `${key}[${i}]`,
        `${JSON.stringify(item)} ganda | ${JSON.stringify(item)} is listed twice`,
      );
    versions.push(item);
  });
  return versions;
}

/** linux: a public host key line is required (comment dropped); whm: none may be given. */
function hostKeyOf(value: unknown, kind: HostingServerKind, source: string, key: string): string | null {
  if (kind === "whm") {
    if (value !== undefined)
      configFail(
        source,
        key,
        "hanya untuk server linux; WHM diperiksa dengan sertifikat TLS-nya | is for linux servers only; WHM is checked by its TLS certificate",
      );
    return null;
  }
  const line = typeof value === "string" ? normalizeSshKey(value) : null;
  if (line === null)
    configFail(
      source,
      key,
      "wajib diisi: kunci host SSH server, mis. keluaran `ssh-keyscan -t ed25519 <alamat>` tanpa nama host, dicocokkan dengan konsol server | is required: the server's SSH host key, e.g. the output of `ssh-keyscan -t ed25519 <address>` without the host name, checked against the server's console",
    );
  return line;
}

function adminUserOf(value: unknown, source: string, key: string): string {
  if (value === undefined) return "root";
  if (typeof value !== "string" || !ADMIN_USER.test(value))
    configFail(
      source,
      key,
      `${JSON.stringify(value)} bukan nama pengguna Linux atau WHM | ${JSON.stringify(value)} is not a Linux or WHM user name`,
    );
  return value;
}

function parseServer(value: unknown, source: string, key: string): HostingServer {
  if (!isObject(value)) configFail(source, key, `harus objek ${SHAPE} | must be an object ${SHAPE}`);
  for (const field of Object.keys(value)) {
    if (!SERVER_FIELDS.includes(field))
      configFail(
        source,
        `${key}.${field}`,
        /key|token|password|secret/i.test(field)
          ? "tidak dikenal; rahasia disimpan dengan `pulumi config set --secret domainops:hostingSshKey` | is unknown; secrets are kept with `pulumi config set --secret domainops:hostingSshKey`"
          : `tidak dikenal; pakai ${SHAPE} | is unknown; use ${SHAPE}`,
      );
  }
  const name = typeof value.name === "string" ? value.name.trim().toLowerCase() : "";
  if (!NAME.test(name))
    configFail(
      source,
      `${key}.name`,
      'wajib diisi: huruf kecil, angka dan "-", mis. "web1" | is required: lowercase letters, digits and "-", e.g. "web1"',
    );
  const kind = value.kind;
  if (!(HOSTING_SERVER_KINDS as readonly unknown[]).includes(kind))
    configFail(
      source,
      `${key}.kind`,
      `${JSON.stringify(kind)} tidak dikenal; pilih ${HOSTING_SERVER_KINDS.join(" atau ")} | ${JSON.stringify(kind)} is unknown; choose ${HOSTING_SERVER_KINDS.join(" or ")}`,
    );
  const serverKind = kind as HostingServerKind;
  return {
    name,
    kind: serverKind,
    address: addressOf(value.address, source, `${key}.address`),
    port:
      value.port === undefined
        ? DEFAULT_PORT[serverKind]
        : positiveInteger(value.port, 65535, source, `${key}.port`),
    hostKey: hostKeyOf(value.hostKey, serverKind, source, `${key}.hostKey`),
    adminUser: adminUserOf(value.adminUser, source, `${key}.adminUser`),
    php: parsePhp(value.php, serverKind, source, `${key}.php`),
    packages: parsePackages(value.packages, source, `${key}.packages`),
  };
}

/** `domainops:hostingServers`: every server checked, names unique; absent = no hosting servers. */
export function parseHostingServers(value: unknown, source: string): HostingServer[] {
  const key = "hostingServers";
  if (value === undefined || value === null || value === "") return [];
  const list = structured(value);
  if (!Array.isArray(list)) configFail(source, key, `harus daftar ${SHAPE} | must be a list of ${SHAPE}`);
  const servers: HostingServer[] = [];
  list.forEach((item: unknown, i) => {
    const server = parseServer(item, source, `${key}[${i}]`);
    if (servers.some((other) => other.name === server.name))
      configFail(
        source,
        `${key}[${i}].name`,
        `${JSON.stringify(server.name)} sudah dipakai server lain | ${JSON.stringify(server.name)} is already used by another server`,
      );
    servers.push(server);
  });
  return servers;
}

/** PEM armour (`-----BEGIN OPENSSH PRIVATE KEY-----`, `-----BEGIN RSA PRIVATE KEY-----`, …). */
const PRIVATE_KEY = /-----BEGIN|PRIVATE KEY/;

/**
 * Paths (`domainops:hostingSshKey`, `cloudflare:x.y[0]`) of plain values in a stack document's
 * `config:` that must be secrets: text that looks like a private key, and the hosting credential
 * keys unless Pulumi encrypted them (`{secure: …}`).
 */
export function findPlainSecrets(document: unknown): string[] {
  const config = isObject(document) ? document.config : undefined;
  if (!isObject(config)) return [];
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") {
      if (PRIVATE_KEY.test(value)) found.push(path);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`);
    } else if (isObject(value)) {
      // Pulumi's ciphertext: `{secure: v1:…}` is the one safe form of a secret.
      if (Object.keys(value).length === 1 && typeof value.secure === "string") return;
      for (const [field, item] of Object.entries(value)) walk(item, `${path}.${field}`);
    }
  };
  for (const [key, value] of Object.entries(config)) {
    const secretKey = HOSTING_SECRET_KEYS.some((secret) => key === `domainops:${secret}`);
    const encrypted = isObject(value) && typeof value.secure === "string";
    if (secretKey && !encrypted) found.push(key);
    else walk(value, key);
  }
  return found;
}

/** Throws a `config` error naming every plain secret of the stack document. */
export function assertNoPlainSecrets(document: unknown, source: string): void {
  const found = findPlainSecrets(document);
  if (found.length === 0) return;
  throw new DomainopsError(
    "config",
    `${source}: ${found.join(", ")} memuat rahasia dalam teks biasa; hapus dan simpan terenkripsi dengan ` +
      "`pulumi config set --secret <kunci>` (holds a secret in plain text; remove it and store it encrypted " +
      "with `pulumi config set --secret <key>`)",
  );
}

export type ServerChoice =
  | { ok: true; server: HostingServer }
  | { ok: false; reason: "none" | "unknown" | "ambiguous" };

/**
 * The server an account lives on: the one named (compared lowercase), or the only one there is.
 * Several servers and none named is refused rather than guessed, so adding a second server to the
 * stack never moves an existing account.
 */
export function chooseHostingServer(
  servers: readonly HostingServer[],
  name: string | undefined,
): ServerChoice {
  if (servers.length === 0) return { ok: false, reason: "none" };
  if (name === undefined) {
    const only = servers.length === 1 ? servers[0] : undefined;
    return only === undefined ? { ok: false, reason: "ambiguous" } : { ok: true, server: only };
  }
  const wanted = name.trim().toLowerCase();
  const server = servers.find((candidate) => candidate.name === wanted);
  return server === undefined ? { ok: false, reason: "unknown" } : { ok: true, server };
}

/** The package's limits on `server`, or undefined (own keys only: `constructor` is no package). */
export function packageLimits(server: HostingServer, name: string): PackageLimits | undefined {
  return Object.hasOwn(server.packages, name) ? server.packages[name] : undefined;
}

/**
 * Why an account cannot be placed as asked (the first reason), or null: the rules
 * `hosting-account-*` report the same with the YAML location; this is the check before apply.
 */
export function accountProblem(
  servers: readonly HostingServer[],
  account: { paket: string; php?: string; server?: string },
): { id: string; en: string } | null {
  const choice = chooseHostingServer(servers, account.server);
  if (!choice.ok) {
    const which = account.server === undefined ? "" : ` ${JSON.stringify(account.server)}`;
    return {
      id: `server hosting${which} tidak ada atau tidak dipilih di domainops:hostingServers`,
      en: `hosting server${which} missing or not chosen in domainops:hostingServers`,
    };
  }
  const server = choice.server;
  if (packageLimits(server, account.paket) === undefined)
    return {
      id: `paket ${JSON.stringify(account.paket)} tidak ada di server ${server.name}`,
      en: `package ${JSON.stringify(account.paket)} is not offered by server ${server.name}`,
    };
  if (account.php !== undefined && !server.php.includes(account.php))
    return {
      id: `PHP ${JSON.stringify(account.php)} tidak tersedia di server ${server.name}`,
      en: `PHP ${JSON.stringify(account.php)} is not available on server ${server.name}`,
    };
  return null;
}
