/**
 * What `domainops init` may do to a folder that already holds files: pure, from what is there and
 * what would be written. An office's own requests and a stack file other than the one to be written
 * are only replaced with `force`; every file removed or overwritten with other content is archived
 * first, so nothing the office wrote is lost.
 */
import type { Message } from "../types.ts";
import type { ScaffoldFile } from "./scaffold.ts";

export interface ExistingOffice {
  /** `requests/*.yaml` (and `.yml`) file names present. */
  requests: readonly string[];
  /** `Pulumi.<stack>.yaml` file names present. */
  stackFiles: readonly string[];
  /** Current text of each path that would be written (undefined = absent). */
  current: ReadonlyMap<string, string | undefined>;
}

export interface InitPlan {
  refusals: Message[];
  /** Paths copied to the archive before anything changes. */
  archive: string[];
  /** Paths removed (after archiving). */
  remove: string[];
  /** Files written (those whose content already matches are left alone). */
  write: ScaffoldFile[];
}

export function planInit(existing: ExistingOffice, files: readonly ScaffoldFile[], force: boolean): InitPlan {
  const refusals: Message[] = [];
  const requests = existing.requests.map((name) => `requests/${name}`);
  if (requests.length > 0 && !force) {
    refusals.push({
      id: `ada ${requests.length} permohonan milik kantor di requests/ (${requests.slice(0, 3).join(", ")}${requests.length > 3 ? ", ..." : ""}); init tidak menimpanya tanpa --force (dengan --force permohonan diarsipkan lalu dihapus)`,
      en: `requests/ holds ${requests.length} of the office's requests; init does not replace them without --force (with --force they are archived, then removed)`,
    });
  }
  const written = new Set(files.map((f) => f.path));
  const otherStacks = existing.stackFiles.filter((file) => {
    if (!written.has(file)) return true;
    const current = existing.current.get(file);
    return current !== undefined && current !== files.find((f) => f.path === file)?.text;
  });
  if (otherStacks.length > 0 && !force) {
    refusals.push({
      id: `berkas stack ${otherStacks.join(", ")} sudah ada dan berbeda; init tidak menimpa pengaturan stack tanpa --force (dengan --force diarsipkan dulu)`,
      en: `stack file ${otherStacks.join(", ")} exists and differs; init does not replace stack settings without --force (with --force it is archived first)`,
    });
  }
  const remove = [...requests, ...existing.stackFiles.filter((file) => !written.has(file))];
  const changed = files.filter((file) => existing.current.get(file.path) !== file.text);
  const archive = [
    ...remove,
    ...changed.filter((file) => (existing.current.get(file.path) ?? "") !== "").map((file) => file.path),
  ];
  return { refusals, archive, remove, write: changed };
}
