import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CODEOWNERS_PATH, renderCodeowners } from "../../src/core/approvals/codeowners.ts";
import { checkGovernance } from "../../src/core/approvals/governance-check.ts";
import { parseYamlSafe } from "../../src/core/request/parse.ts";
import { OFFICE, TOOL } from "../support/office.ts";
import { PRESETS, preset } from "./helpers.ts";

async function parsed(
  dir: string,
  patch: Partial<Record<"officials" | "sop" | "calendar", (t: string) => string>>,
) {
  const out = {} as Parameters<typeof checkGovernance>[0];
  for (const part of ["officials", "sop", "calendar"] as const) {
    const file = `governance/${part}.yaml`;
    const text = (patch[part] ?? ((t: string) => t))(await readFile(join(TOOL, dir, `${part}.yaml`), "utf8"));
    const result = parseYamlSafe(file, text, { maxBytes: 256 * 1024 });
    out[part] = { file, data: result.data, at: (p, k) => result.at(p, k) };
  }
  return out;
}

describe("governance data", () => {
  it.each(PRESETS)("preset %s passes its schemas and cross-checks", async (name) => {
    const { diagnostics } = checkGovernance(await parsed(`governance/presets/${name}`, {}));
    expect(diagnostics).toEqual([]);
  });

  it.each([
    [
      "acting official without an end date",
      {
        officials: (t: string) =>
          t.replace(
            '    status: plh\n    berlaku_mulai: "2026-07-06"\n    berlaku_sampai: "2026-07-10"\n',
            '    status: plh\n    berlaku_mulai: "2026-07-06"\n',
          ),
      },
      /kunci "berlaku_sampai" wajib diisi/,
      "governance/officials.yaml",
    ],
    [
      "period ending before it starts",
      { officials: (t: string) => t.replace('berlaku_sampai: "2026-03-31"', 'berlaku_sampai: "2025-03-31"') },
      /berlaku_sampai 2025-03-31 sebelum berlaku_mulai 2026-01-05/,
      "governance/officials.yaml",
    ],
    [
      "NIP without a real birth date",
      { officials: (t: string) => t.replace('"197204111998031005"', '"197213411998031005"') },
      /NIP "197213411998031005"/,
      "governance/officials.yaml",
    ],
    [
      "NIP written as a number",
      { officials: (t: string) => t.replace('nip: "197204111998031005"', "nip: 197204111998031005") },
      /pejabat\[0\]\.nip/,
      "governance/officials.yaml",
    ],
    [
      "SOP role nobody holds",
      { sop: (t: string) => t.replace("role: kepala_seksi", "role: kepala_sub_bagian") },
      /Tidak ada pejabat dengan role "kepala_sub_bagian"/,
      "governance/sop.yaml",
    ],
    [
      "two time units in one standard",
      { sop: (t: string) => t.replace("waktu: { menit: 60 }", "waktu: { menit: 60, jam: 1 }") },
      /tepat satu satuan waktu/,
      "governance/sop.yaml",
    ],
    [
      "holiday listed under the wrong year",
      { calendar: (t: string) => t.replace('tanggal: "2026-08-17"', 'tanggal: "2025-08-17"') },
      /"2025-08-17" tidak ada atau tidak di tahun 2026/,
      "governance/calendar.yaml",
    ],
    [
      "unknown time zone",
      { calendar: (t: string) => t.replace("zona_waktu: Asia/Jakarta", "zona_waktu: Asia/Singapore") },
      /zona_waktu: nilai harus salah satu dari/,
      "governance/calendar.yaml",
    ],
    [
      "one GitHub id under two logins",
      { officials: (t: string) => t.replace("id: 91000115", "id: 91000114") },
      /ID GitHub 91000114 tercatat dengan dua login/,
      "governance/officials.yaml",
    ],
  ])("rejects %s with file and line", async (_label, patch, message, file) => {
    const { governance, diagnostics } = checkGovernance(await parsed("governance/presets/kudus", patch));
    expect(governance).toBeUndefined();
    const hit = diagnostics.find((d) => message.test(d.message.id));
    expect(hit?.file).toBe(file);
    expect(hit?.line).toBeGreaterThan(1);
    expect(hit?.message.en.length).toBeGreaterThan(0);
  });
});

describe("CODEOWNERS", () => {
  it("renders the fixture office's file exactly", async () => {
    const committed = await readFile(join(OFFICE, CODEOWNERS_PATH), "utf8");
    expect(committed).toBe(renderCodeowners(await preset("office")));
  });

  it("admins own everything, officials co-own requests/", async () => {
    const text = renderCodeowners(await preset("buol"));
    expect(text).toContain("\n* @bul-platform-admin @bul-devops\n");
    expect(text).toMatch(
      /\n\/requests\/ @bul-platform-admin @bul-devops @bul-kadis @bul-kabid @bul-kasi @bul-staf @bul-staf2 @bul-sekdis\n/,
    );
  });
});
