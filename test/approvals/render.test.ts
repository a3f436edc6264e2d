import { describe, expect, it } from "vitest";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import type { Governance } from "../../src/core/approvals/governance.ts";
import { renderApprovalComment, renderApprovalText } from "../../src/core/approvals/render.ts";
import { addMinutes, chain, local, NEW_REQUEST, preset, pull, review } from "./helpers.ts";

describe("sticky comment", () => {
  it("Buol: checklist, next officials, time per step against the standard, extra section", async () => {
    const g = await preset("buol");
    const t0 = local(g, "2026-11-24T08:00");
    const [kadis, kabid] = chain(g, t0);
    const decision = decideApprovals({
      pull: pull(t0),
      reviews: [
        review(kadis as never, "APPROVED", addMinutes(t0, 7)),
        review(kabid as never, "APPROVED", addMinutes(t0, 19)),
      ],
      files: NEW_REQUEST,
      now: addMinutes(t0, 25),
      governance: g,
    });
    const comment = renderApprovalComment(decision, g, {
      extra: "#### Perubahan DNS (DNS changes)\n\n+ dinkes.buolkab.go.id A 203.0.113.10",
      headSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
    });
    expect(comment).toMatchInlineSnapshot(`
      "<!-- domainops:sop -->
      ### Persetujuan SOP: Pengajuan Nama Sub Domain buolkab.go.id

      ⏳ **Menunggu persetujuan** (waiting for approval)

      > Menunggu Admin cPanel (langkah 3 dari 3)

      **Berikutnya (next):** @bul-staf, @bul-staf2 — Admin cPanel

      | | Langkah (step) | Pelaksana | Disetujui oleh (by) | Waktu kerja (WITA) | Mutu baku (standard) |
      |---|---|---|---|---|---|
      | ✅ | **pengajuan (PR)**: Instansi pemohon mengajukan surat permohonan nama sub domain _(selesai)_ | Instansi Pemohon | - | - | - |
      | ✅ | **langkah 1/3**: Surat permohonan pengajuan nama sub domain didisposisi Kepala Dinas _(disetujui)_ | Kepala Dinas | @bul-kadis | 7 menit | 10 menit |
      | ✅ | **langkah 2/3**: Kepala Bidang menugaskan ke pelaksana _(disetujui)_ | Kepala Bidang | @bul-kabid | 12 menit ⚠️ | 5 menit |
      | ⏳ | **langkah 3/3**: Admin cPanel mengecek ketersediaan nama sub domain dan memutuskan apakah tersedia _(menunggu)_ | Admin cPanel | 0/1 | 6 menit | 10 menit |
      | ⬜ | **pelaksanaan (merge)**: Melakukan konfigurasi sub domain _(belum dimulai)_ | Admin cPanel | - | - | 10 menit |
      | ⬜ | **pemberitahuan**: Memberikan informasi kepada pemohon bahwa nama domain sudah didaftarkan _(belum dimulai)_ | Admin cPanel | - | - | 5 menit |

      Waktu layanan keseluruhan (overall): 25 menit dari 24 jam (waktu kalender)

      <details open><summary>Catatan (notes)</summary>

      - Menunggu persetujuan Admin cPanel (langkah 3 dari 3): Admin cPanel mengecek ketersediaan nama sub domain dan memutuskan apakah tersedia.<br>_Waiting for approval by Admin cPanel (step 3 of 3)._

      </details>

      #### Perubahan DNS (DNS changes)

      + dinkes.buolkab.go.id A 203.0.113.10

      <sub>Persetujuan = tinjauan *Approve* GitHub sesuai urutan langkah, pada commit terakhir (\`6dcb09b\`); *Request changes* mengembalikan permohonan ke pemohon. Approvals are GitHub reviews in step order on the latest commit.</sub>
      "
    `);
  });
});

describe("multi-approval steps and one person per step", () => {
  it("a step needing two approvals waits for two different officials", async () => {
    const kudus = await preset("kudus");
    const g: Governance = structuredClone(kudus);
    const step = g.sop.langkah.find((s) => s.role === "staf");
    if (!step) throw new Error("no staf step");
    step.approvals = 2;
    const t0 = local(g, "2026-11-24T08:00");
    const [kadis, kabid, kasi, staf] = chain(g, t0);
    const base = [kadis, kabid, kasi, staf].map((p, i) =>
      review(p as never, "APPROVED", addMinutes(t0, 5 + 5 * i)),
    );
    const one = decideApprovals({
      pull: pull(t0),
      reviews: base,
      files: NEW_REQUEST,
      now: addMinutes(t0, 60),
      governance: g,
    });
    expect(one.state).toBe("pending");
    expect(one.description).toBe("Menunggu Admin Helpdesk TIK (langkah 4 dari 4), 1/2 persetujuan");
    expect(one.next).toEqual(["kds-staf2"]);
    // The same person approving again is still one person.
    const again = [...base, review(staf as never, "APPROVED", addMinutes(t0, 30))];
    expect(
      decideApprovals({
        pull: pull(t0),
        reviews: again,
        files: NEW_REQUEST,
        now: addMinutes(t0, 60),
        governance: g,
      }).state,
    ).toBe("pending");
    const two = [...base, review({ login: "kds-staf2", id: 91000115 }, "APPROVED", addMinutes(t0, 31))];
    const done = decideApprovals({
      pull: pull(t0),
      reviews: two,
      files: NEW_REQUEST,
      now: addMinutes(t0, 60),
      governance: g,
    });
    expect(done.state).toBe("success");
    expect(done.steps.find((s) => s.id === "admin-helpdesk")?.approvedBy).toEqual(["kds-staf", "kds-staf2"]);
    expect(renderApprovalText(done, g)).toMatch(
      /^SUCCESS: Disetujui lengkap sesuai SOP \(4 dari 4 langkah\)/,
    );
  });
});
