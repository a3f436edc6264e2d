/** Shared fixtures of the validation tests: a valid request and a throw-away repository root. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ValidationPolicy } from "../../src/core/request/rule.ts";
import { OFFICE } from "../support/office.ts";

/** The clock of every test: the seeded letters are dated before it. */
export const NOW = new Date("2026-11-27T03:00:00Z");

/** A request that passes the schema and the repository's rules (Kudus zone). */
export const VALID = `# yaml-language-server: $schema=../schema/request.schema.json
subdomain: dinkes
instansi:
  nama: Dinas Kesehatan
  jenis: dinas
surat:
  nomor: "400.7/123/Dinkes/2026"
  tanggal: 2026-11-02
  perihal: Permohonan subdomain dan hosting website Dinas Kesehatan
penanggung_jawab:
  nama: dr. Siti Aminah, M.Kes.
  nip: "197601012005012001"
  jabatan: Kepala Dinas Kesehatan
  email: dinkes@kuduskab.go.id
pengelola_teknis:
  nama: Budi Santoso
  email: budi.santoso@kuduskab.go.id
  github: budi-dinkes
tujuan: Website profil dan informasi layanan kesehatan masyarakat
klasifikasi: instansi
hosting:
  jenis: server
`;

/** `VALID` for another subdomain (and file name). */
export function request(subdomain: string, extra = ""): string {
  return VALID.replace("subdomain: dinkes", `subdomain: ${subdomain}`) + extra;
}

/** A permissive policy for engine tests that do not exercise governance. */
export const POLICY: ValidationPolicy = {
  zone: "kuduskab.go.id",
  allowIdn: false,
  reserved: new Map(),
  existing: new Set(),
  namespaces: new Map(),
  officialEmailDomains: null,
  kegiatanMaxDays: 365,
  timeZone: "Asia/Jakarta",
  forbiddenCnameSuffixes: [],
  takeoverAllowed: [],
};

export interface TempRepo {
  root: string;
  write(path: string, content: string | Uint8Array): void;
  symlink(target: string, path: string): void;
  mkdir(path: string): void;
  cleanup(): void;
}

/** A repository root in a temporary folder with the fixture office's governance/ copied in. */
export function tempRepo(files: Record<string, string> = {}): TempRepo {
  const root = mkdtempSync(join(tmpdir(), "domainops-validate-"));
  cpSync(join(OFFICE, "governance"), join(root, "governance"), { recursive: true });
  mkdirSync(join(root, "requests"));
  const repo: TempRepo = {
    root,
    write(path, content) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    },
    symlink(target, path) {
      symlinkSync(target, join(root, path));
    },
    mkdir(path) {
      mkdirSync(join(root, path), { recursive: true });
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  return repo;
}
