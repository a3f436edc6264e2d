/** Requests and saved pull requests for the site's tests, built in code so each test shows its data. */
import type { SavedPull } from "../../src/core/reports/pulls-file.ts";
import type { HostingJenis, InstansiJenis, LoadedRequest } from "../../src/core/types.ts";

export const HOSTILE = {
  script: "<script>alert(1)</script>",
  img: '"><img src=x onerror=alert(2)>',
  bidi: "Dinas\u202Ekes\u202C",
} as const;

export function loaded(
  subdomain: string,
  options: {
    nama?: string;
    jenis?: InstansiJenis;
    hosting?: HostingJenis;
    nomor?: string;
    tanggal?: string;
    surat?: boolean;
  } = {},
): LoadedRequest {
  return {
    file: `requests/${subdomain}.yaml`,
    request: {
      subdomain,
      instansi: { nama: options.nama ?? `Unit ${subdomain}`, jenis: options.jenis ?? "dinas" },
      ...(options.surat === false
        ? {}
        : {
            surat: {
              nomor: options.nomor ?? "400/1/2026",
              tanggal: options.tanggal ?? "2026-03-02",
              perihal: "p",
            },
          }),
      penanggung_jawab: {
        nama: "Siti Rahasia",
        nip: "197601012005012001",
        jabatan: "Kepala",
        email: "siti.rahasia@contoh.go.id",
      },
      pengelola_teknis: { nama: "Budi Rahasia", email: "budi.rahasia@contoh.go.id", github: "budi-rahasia" },
      tujuan: "Profil",
      klasifikasi: "instansi",
      hosting: { jenis: options.hosting ?? "server" },
    },
  } as LoadedRequest;
}

const sha = (c: string) => c.repeat(40);

export function saved(
  number: number,
  options: {
    state?: "open" | "closed";
    merged_at?: string | null;
    created_at?: string;
    title?: string;
    files?: { filename: string; status: string; previous_filename?: string }[];
    reviews?: SavedPull["reviews"];
  } = {},
): SavedPull {
  return {
    pull: {
      number,
      state: options.state ?? "open",
      user: { id: 5001, login: "pemohon-rahasia" },
      created_at: options.created_at ?? "2026-11-30T01:00:00Z",
      merged_at: options.merged_at ?? null,
      head: { sha: sha("a") },
      base: { sha: sha("b"), ref: "main" },
      requested_reviewers: [],
    },
    reviews: options.reviews ?? [],
    files: options.files ?? [{ filename: `requests/pr${number}.yaml`, status: "added" }],
    title: options.title ?? `Permohonan ${number}`,
    closedAt: options.merged_at ?? null,
  };
}

export function approval(id: number, userId: number, login: string, at: string, state = "APPROVED") {
  return { id, user: { id: userId, login }, state, commit_id: sha("a"), submitted_at: at };
}
