/**
 * Stack settings from `Pulumi.<stack>.yaml`, read directly so `plan`, `diff`, `export` and the
 * apply script agree with `pulumi up` without the Pulumi CLI or any credentials.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { DomainopsError } from "../core/errors.ts";
import { assertNoPlainSecrets } from "../core/hosting/servers.ts";
import {
  configFromStackDocument,
  parseZoneSettings,
  type ZoneSettings,
} from "../core/infra/zone-settings.ts";
import type { RuleStack } from "../core/request/rule.ts";
import { readFilesAt } from "./git.ts";
import { loadPolicy } from "./governance.ts";

const STACK_FILE = /^Pulumi\.([A-Za-z0-9._-]+)\.yaml$/;

export interface StackSettings {
  name: string;
  /** File name of the stack file, in the root. */
  file: string;
  settings: ZoneSettings;
}

export function parseStackFile(text: string, file: string): ZoneSettings {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new DomainopsError("config", `${file}: YAML tidak sah (invalid YAML): ${(error as Error).message}`);
  }
  assertNoPlainSecrets(document, file);
  return parseZoneSettings(configFromStackDocument(document), file);
}

/** The `Pulumi.<stack>.yaml` files in the root, sorted. */
export function listStackFiles(root: string): string[] {
  return existsSync(root)
    ? readdirSync(root)
        .filter((name) => STACK_FILE.test(name))
        .sort()
    : [];
}

/** The stack name of a `Pulumi.<stack>.yaml` file name. */
export function stackNameOf(file: string): string {
  return STACK_FILE.exec(file)?.[1] ?? file;
}

/** Finds `Pulumi.<stack>.yaml` in the root: the named one, or the only one there is. */
export function loadStackSettings(root: string, stack: string | undefined): StackSettings {
  const names = listStackFiles(root);
  let file: string;
  if (stack !== undefined) {
    file = `Pulumi.${stack}.yaml`;
    if (!names.includes(file)) {
      throw new DomainopsError(
        "config",
        `${file} tidak ada di ${root} (not found); stack yang ada (stacks found): ${names.join(", ") || "-"}`,
      );
    }
  } else if (names.length === 1 && names[0] !== undefined) {
    file = names[0];
  } else {
    throw new DomainopsError(
      "config",
      names.length === 0
        ? `tidak ada Pulumi.<stack>.yaml di ${root} (no stack file found)`
        : `beberapa stack, pilih dengan --stack (several stacks, choose with --stack): ${names.join(", ")}`,
    );
  }
  const name = STACK_FILE.exec(file)?.[1] ?? file;
  return { name, file, settings: parseStackFile(readFileSync(path.join(root, file), "utf8"), file) };
}

/**
 * The stack settings as they stood at a commit, read from git's object store: the deletion limit of
 * the last applied commit, the zone of a diff's base. A missing or broken file is an error, never a
 * silent stand-in of today's settings (which would hide a change of zone or origins in a diff).
 */
export function loadStackSettingsAt(root: string, commit: string, file: string): ZoneSettings {
  const bytes = readFilesAt(root, commit, [file]).get(file);
  if (!bytes) {
    throw new DomainopsError(
      "config",
      `${file} tidak ada di commit ${commit.slice(0, 7)} (not found at that commit); ambil riwayat lengkap ` +
        "(fetch-depth: 0) atau pilih commit yang memuatnya (fetch the full history, or choose a commit that has it)",
    );
  }
  return parseStackFile(new TextDecoder().decode(bytes), `${file}@${commit.slice(0, 7)}`);
}

/**
 * The stack settings as the rules see them, when the root holds exactly one stack file (or `stack`
 * names one); undefined otherwise, and the stack-dependent rules stay silent (apply still checks).
 */
export function findRuleStack(root: string, stack?: string): RuleStack | undefined {
  const names = existsSync(root) ? readdirSync(root).filter((name) => STACK_FILE.test(name)) : [];
  if (stack === undefined && names.length !== 1) return undefined;
  return ruleStackOf(loadStackSettings(root, stack));
}

export function ruleStackOf(stack: StackSettings): RuleStack {
  return {
    file: stack.file,
    tunnelOrigins: stack.settings.tunnelOrigins,
    hostingServers: stack.settings.hostingServers,
  };
}

/**
 * The stack must manage the zone the requests are validated for; a stack file copied from another
 * regency would otherwise plan every request under the wrong zone.
 */
export async function assertPolicyZone(
  root: string,
  stack: { file: string; settings: ZoneSettings },
): Promise<void> {
  const { policy } = await loadPolicy(root);
  const zone = policy.zone.toLowerCase();
  if (zone !== "invalid" && zone !== stack.settings.zone) {
    throw new DomainopsError(
      "config",
      `${stack.file}: domainops:zone "${stack.settings.zone}" berbeda dengan zona di governance/policy.yaml "${zone}" ` +
        `(differs from the zone in governance/policy.yaml)`,
    );
  }
}
