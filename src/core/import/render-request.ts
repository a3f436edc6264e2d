/**
 * The files an import writes, built with the `yaml` Document API (never by concatenating strings, so
 * no name or TXT value can break out of its scalar): one request per name, and the additions to
 * `governance/existing.yaml` with its comments and entries kept.
 */
import { Document, isMap, parseDocument, YAMLMap } from "yaml";
import { DomainopsError } from "../errors.ts";
import type { Request } from "../types.ts";

const REQUEST_HEADER = (zone: string) =>
  [
    ` Diimpor oleh domainops import dari zona ${zone} yang sudah ada. Lengkapi instansi.nama, tujuan,`,
    " surat, penanggung_jawab dan pengelola_teknis dari surat instansi pemilik nama, lalu hapus blok impor.",
    ` Imported by domainops import from the existing zone ${zone}. Complete instansi.nama, tujuan, surat,`,
    " penanggung_jawab and pengelola_teknis from the letter of the unit owning the name, then remove impor.",
  ].join("\n");

/** Key order of an imported request: what a reader looks for first. */
const ORDER: readonly (keyof Request)[] = [
  "subdomain",
  "impor",
  "instansi",
  "tujuan",
  "klasifikasi",
  "hosting",
  "dns",
];

export function renderRequestYaml(request: Request, zone: string): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (request[key] !== undefined) ordered[key] = request[key];
  const doc = new Document(ordered);
  doc.commentBefore = REQUEST_HEADER(zone);
  // A long DKIM key stays on one line: folding would change nothing, but reads worse in a diff.
  return doc.toString({ lineWidth: 0 });
}

const EXISTING_HEADER = [
  " yaml-language-server: $schema=../schema/governance-existing.schema.json",
  "",
  " Nama yang sudah ada di zona tetapi dikelola di luar repositori ini; tidak dapat diklaim lewat requests/.",
  " Names that already exist in the zone but are managed outside this repository; they cannot be claimed.",
].join("\n");

/**
 * `governance/existing.yaml` with `add` listed (names already there keep their note) and `remove`
 * taken out; `text` null when the file does not exist yet.
 */
export function updateExistingYaml(
  text: string | null,
  add: ReadonlyMap<string, string>,
  remove: readonly string[],
): string {
  const doc = text === null ? new Document({ existing: {} }) : parseDocument(text);
  if (doc.errors.length > 0) {
    throw new DomainopsError(
      "config",
      `governance/existing.yaml: YAML tidak sah, tidak diubah (invalid YAML, left unchanged): ${doc.errors[0]?.message ?? ""}`,
    );
  }
  if (text === null) doc.commentBefore = EXISTING_HEADER;
  let map = doc.get("existing", true);
  if (!isMap(map)) {
    map = new YAMLMap();
    doc.set("existing", map);
  }
  const existing = map as YAMLMap;
  for (const name of remove) existing.delete(name);
  for (const [name, note] of add) if (!existing.has(name)) existing.set(name, note);
  return doc.toString({ lineWidth: 0 });
}
