/**
 * The tool's own version, read at run time from its package.json: the nearest one above this module
 * that names a package (`name` and `version`), so it is found the same way when the code runs from
 * the repository, from `node_modules/domainops/` or compiled to `dist/` (where a bare
 * `{ "type": "module" }` package.json, if any, is passed over).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DomainopsError } from "../core/errors.ts";

/** The version of the package holding `moduleUrl` (default: this module). */
export function loadPackageVersion(moduleUrl: string = import.meta.url): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const version = versionIn(path.join(dir, "package.json"));
    if (version !== undefined) return version;
    if (path.dirname(dir) === dir) break;
  }
  throw new DomainopsError(
    "internal",
    `package.json domainops tidak ditemukan di atas ${start} (the domainops package.json was not found)`,
  );
}

/** The version a package.json names; undefined when there is no such file or it names no package. */
function versionIn(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new DomainopsError("io", `${file} tidak dapat dibaca (cannot be read)`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DomainopsError("io", `${file}: bukan JSON yang sah (not valid JSON)`, { cause: error });
  }
  const { name, version } = (json ?? {}) as { name?: unknown; version?: unknown };
  return typeof name === "string" && typeof version === "string" ? version : undefined;
}
