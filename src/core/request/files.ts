/**
 * What counts as a request file, decided on names and entry types alone so the working tree and a
 * commit's tree (read from git objects) are judged the same: `requests/` holds one plain
 * `<subdomain>.yaml` file per request and nothing else (is-a-dev/register's rule: the file name is
 * the key). Everything else in the folder becomes a diagnostic, never a silent skip.
 */
import { unhandled } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
import { stemOf } from "./validate.ts";

export const REQUESTS_DIR = "requests";

/** An empty folder needs a placeholder to exist in git; it is not a request. */
export const PLACEHOLDER = ".gitkeep";

/** What the edge saw: the entry's own type, not what it points to. */
export type EntryType = "file" | "symlink" | "directory" | "other";

export type EntryKind = "yaml" | "yml" | "symlink" | "directory" | "other";

export interface RequestEntry {
  name: string;
  type: EntryType;
}

export function classifyEntry(entry: RequestEntry): EntryKind {
  switch (entry.type) {
    case "symlink":
    case "directory":
    case "other":
      return entry.type;
    case "file":
      if (entry.name.endsWith(".yaml")) return "yaml";
      return /\.ya?ml$/i.test(entry.name) ? "yml" : "other";
    default:
      return unhandled(entry.type, "entry type");
  }
}

/** Why an entry of `requests/` is not a request, and how to fix it. */
export function entryDiagnostic(file: string, kind: Exclude<EntryKind, "yaml">, name: string): Diagnostic {
  const base = { file, line: 1, column: 1, severity: "error" as const };
  switch (kind) {
    case "symlink":
      return {
        ...base,
        rule: "file-symlink",
        message: {
          id: `${file} adalah tautan simbolik. Ganti dengan berkas biasa berisi permohonan.`,
          en: `${file} is a symbolic link. Replace it with a regular file holding the request.`,
        },
      };
    case "yml": {
      const renamed = `${name.replace(/\.ya?ml$/i, "")}.yaml`;
      const extension = JSON.stringify(name.slice(name.lastIndexOf(".")));
      return {
        ...base,
        rule: "file-not-yaml",
        message: {
          id: `Ekstensi berkas harus .yaml (huruf kecil), bukan ${extension}. Ganti nama menjadi ${REQUESTS_DIR}/${renamed}.`,
          en: `The file extension must be .yaml (lowercase), not ${extension}. Rename it to ${REQUESTS_DIR}/${renamed}.`,
        },
      };
    }
    case "directory":
    case "other": {
      const what =
        kind === "directory"
          ? { id: "sebuah folder", en: "a folder" }
          : { id: "bukan berkas .yaml", en: "not a .yaml file" };
      return {
        ...base,
        rule: "file-not-yaml",
        message: {
          id: `${file} ${what.id}; ${REQUESTS_DIR}/ hanya berisi berkas <subdomain>.yaml. Pindahkan atau hapus.`,
          en: `${file} is ${what.en}; ${REQUESTS_DIR}/ holds only <subdomain>.yaml files. Move or delete it.`,
        },
      };
    }
    default:
      return unhandled(kind, "entry kind");
  }
}

export interface RequestListing {
  /** Entry names to validate, in listing order. */
  wanted: string[];
  /** Every entry name but the placeholder, for the cross-file rules (case clashes, parents). */
  listing: string[];
  /** Entries that are not requests, each with its diagnostic. */
  rejected: Diagnostic[];
}

/** Sorts the entries of `requests/` into requests and the rest. */
export function selectRequestEntries(entries: readonly RequestEntry[]): RequestListing {
  const result: RequestListing = { wanted: [], listing: [], rejected: [] };
  for (const entry of entries) {
    if (entry.name === PLACEHOLDER) continue;
    result.listing.push(entry.name);
    const kind = classifyEntry(entry);
    if (kind === "yaml") result.wanted.push(entry.name);
    else result.rejected.push(entryDiagnostic(`${REQUESTS_DIR}/${entry.name}`, kind, entry.name));
  }
  return result;
}

/**
 * The entries of `requests/` in a commit's tree, from the blob paths under it: a path with a further
 * slash is a folder entry (git lists no empty folders and no folders as such).
 */
export function entriesOfTree(paths: readonly string[]): RequestEntry[] {
  const entries = new Map<string, RequestEntry>();
  const prefix = `${REQUESTS_DIR}/`;
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash === -1 ? rest : rest.slice(0, slash);
    if (name !== "" && !entries.has(name))
      entries.set(name, { name, type: slash === -1 ? "file" : "directory" });
  }
  return [...entries.values()];
}

/**
 * The file a request's stem (its name in lowercase) is read from when a cross-file rule asks for it.
 * Two files may differ only in case (`Dinkes.yaml`, `dinkes.yaml`; a rule reports the clash): the
 * exact lowercase spelling wins, else the first in code-point order, so every machine and every
 * listing order reads the same one.
 */
export function chooseRequestFiles(names: readonly string[]): Map<string, string> {
  const byStem = new Map<string, string>();
  for (const name of [...names].sort()) {
    const stem = stemOf(name);
    if (!byStem.has(stem) || name === `${stem}.yaml`) byStem.set(stem, name);
  }
  return byStem;
}
