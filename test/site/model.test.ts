import { beforeAll, describe, expect, it } from "vitest";
import { loadGovernance } from "../../src/adapters/governance.ts";
import type { Governance } from "../../src/core/approvals/governance.ts";
import { buildSiteModel, maskPersonal, type SiteInput } from "../../src/core/site/model.ts";
import type { Diagnostic } from "../../src/core/types.ts";
import { OFFICE } from "../support/office.ts";
import { approval, loaded, saved } from "./helpers.ts";

const NOW = new Date("2026-12-01T10:00:00Z");
let governance: Governance;

beforeAll(async () => {
  const loadedGovernance = await loadGovernance(OFFICE);
  if (!loadedGovernance.governance) throw new Error("fixture governance does not load");
  governance = loadedGovernance.governance;
});

function input(extra: Partial<SiteInput> = {}): SiteInput {
  return {
    zone: "kuduskab.go.id",
    timeZone: "Asia/Jakarta",
    requests: [],
    diagnostics: [],
    now: NOW,
    governance,
    ...extra,
  };
}

const error = (file: string): Diagnostic => ({
  file,
  line: 1,
  column: 1,
  rule: "x",
  severity: "error",
  message: { id: "x", en: "x" },
});

describe("live subdomains", () => {
  it("lists valid requests by name with unit, hosting and letter, and leaves out files with errors", () => {
    const model = buildSiteModel(
      input({
        requests: [
          loaded("rsud", { jenis: "rsud", hosting: "tunnel", nomor: "445/9/2026" }),
          loaded("bappeda", { jenis: "badan" }),
          loaded("rusak"),
        ],
        diagnostics: [
          error("requests/rusak.yaml"),
          { ...error("requests/bappeda.yaml"), severity: "warning" },
        ],
      }),
    );
    expect(model.live.map((e) => e.fqdn)).toEqual(["bappeda.kuduskab.go.id", "rsud.kuduskab.go.id"]);
    expect(model.live[1]).toMatchObject({
      unit: "Unit rsud",
      unitKind: "rsud",
      hosting: "tunnel",
      letter: { nomor: "445/9/2026", tanggal: "2026-03-02" },
    });
    expect(model.hostingKinds).toEqual(["server", "tunnel"]);
    expect(model.unitKinds).toEqual(["badan", "rsud"]);
  });

  it("keeps nothing personal: no NIP, e-mail, names of people or GitHub logins", () => {
    const model = buildSiteModel(input({ requests: [loaded("dinkes")], pulls: [saved(7)] }));
    const text = JSON.stringify(model);
    for (const secret of ["197601012005012001", "rahasia", "@", "Siti", "Budi"])
      expect(text).not.toContain(secret);
  });

  it("dates a subdomain from the merge that added its file (office time), else from its letter", () => {
    const pulls = [
      // 20:00 UTC is the next day in Jakarta.
      saved(1, {
        state: "closed",
        merged_at: "2026-10-07T20:00:00Z",
        files: [{ filename: "requests/a.yaml", status: "added" }],
      }),
      // Re-added later: the later merge counts.
      saved(2, {
        state: "closed",
        merged_at: "2026-11-02T03:00:00Z",
        files: [{ filename: "requests/a.yaml", status: "added" }],
      }),
      // A change of an existing file does not make it live.
      saved(3, {
        state: "closed",
        merged_at: "2026-11-20T03:00:00Z",
        files: [{ filename: "requests/b.yaml", status: "modified" }],
      }),
      // Closed without merge.
      saved(4, { state: "closed", files: [{ filename: "requests/c.yaml", status: "added" }] }),
      saved(5, {
        state: "closed",
        merged_at: "2026-09-01T03:00:00Z",
        files: [{ filename: "requests/d.yaml", status: "renamed", previous_filename: "requests/old.yaml" }],
      }),
    ];
    const model = buildSiteModel(
      input({
        requests: [
          loaded("a"),
          loaded("b", { tanggal: "2026-01-05" }),
          loaded("c"),
          loaded("d"),
          loaded("e", { surat: false }),
        ],
        pulls,
      }),
    );
    expect(model.live.map((e) => [e.subdomain, e.since, e.sinceFrom])).toEqual([
      ["a", "2026-11-02", "merge"],
      ["b", "2026-01-05", "letter"],
      ["c", "2026-03-02", "letter"],
      ["d", "2026-09-01", "merge"],
      ["e", undefined, "unknown"],
    ]);
    const first = buildSiteModel(input({ requests: [loaded("a")], pulls: [pulls[0] as never] }));
    expect(first.live[0]?.since).toBe("2026-10-08");
  });

  it("dates a request without a saved pull request by the commit that brought its file, in office time", () => {
    const arrivals = new Map([
      // 20:30 UTC is the next morning in Jakarta.
      ["requests/a.yaml", "2025-06-30T20:30:00+00:00"],
      ["requests/b.yaml", "2024-01-01T00:00:00Z"],
      ["requests/c.yaml", "not a date"],
    ]);
    const pulls = [
      saved(1, {
        state: "closed",
        merged_at: "2026-11-02T03:00:00Z",
        files: [{ filename: "requests/b.yaml", status: "added" }],
      }),
    ];
    const model = buildSiteModel(
      input({ requests: [loaded("a"), loaded("b"), loaded("c"), loaded("d")], pulls, arrivals }),
    );
    expect(model.live.map((e) => [e.subdomain, e.since, e.sinceFrom])).toEqual([
      ["a", "2025-07-01", "commit"],
      // The pull request's merge is the date GitHub vouches for; git's commit date comes after it.
      ["b", "2026-11-02", "merge"],
      ["c", "2026-03-02", "letter"],
      ["d", "2026-03-02", "letter"],
    ]);
  });
});

describe("pending requests", () => {
  it("is unknown without saved pull requests, not empty", () => {
    expect(buildSiteModel(input()).pending).toBeUndefined();
    expect(buildSiteModel(input({ pulls: [] })).pending).toEqual([]);
  });

  it("lists open pull requests that change request files, with the current SOP step and its time", () => {
    const pulls = [
      saved(9, { reviews: [approval(1, 91000111, "kds-kadis", "2026-11-30T02:00:00Z")] }),
      saved(8, { files: [{ filename: "README.md", status: "modified" }] }),
      saved(3, { state: "closed", merged_at: "2026-11-02T03:00:00Z" }),
      saved(6, {
        files: [
          { filename: "requests/baru.yaml", status: "renamed", previous_filename: "requests/lama.yaml" },
        ],
      }),
    ];
    const model = buildSiteModel(input({ pulls }));
    expect(model.pending?.map((p) => [p.number, p.subdomains])).toEqual([
      [6, ["baru", "lama"]],
      [9, ["pr9"]],
    ]);
    const nine = model.pending?.[1];
    expect(nine).toMatchObject({ status: "waiting", opened: "2026-11-30" });
    // Mon 09:00–16:00 WIB and Tue 07:30–16:00 WIB: 15 h 30 min = 1 working day (8 h 30) and 7 h.
    expect(nine?.step).toEqual({
      label: expect.stringMatching(/^Kepala Bidang Informatika menandatangani/),
      pelaksana: "Kepala Bidang Informatika",
      elapsed: { id: "1 hari kerja 7 jam", en: "1 working days 7 h" },
      standard: { id: "10 menit", en: "10 min" },
      overStandard: true,
    });
    expect(model.pending?.[0]?.step?.pelaksana).toBe("Kepala Dinas");
  });

  it("says a request was returned when an official requested changes, and approved when all approved", () => {
    const returned = saved(4, {
      reviews: [approval(2, 91000113, "kds-kasi", "2026-11-30T03:00:00Z", "CHANGES_REQUESTED")],
    });
    const at = (h: number) => `2026-11-30T0${h}:00:00Z`;
    const approved = saved(5, {
      reviews: [
        approval(3, 91000111, "kds-kadis", at(2)),
        approval(4, 91000112, "kds-kabid", at(3)),
        approval(5, 91000113, "kds-kasi", at(4)),
        approval(6, 91000114, "kds-staf", at(5)),
      ],
    });
    const model = buildSiteModel(input({ pulls: [returned, approved] }));
    expect(model.pending?.map((p) => [p.number, p.status, p.step])).toEqual([
      [4, "returned", undefined],
      [5, "approved", undefined],
    ]);
  });

  it("shows no step without governance", () => {
    const model = buildSiteModel(input({ governance: undefined, pulls: [saved(1)] }));
    expect(model.pending).toEqual([expect.objectContaining({ number: 1, status: "waiting" })]);
    expect(model.pending?.[0]?.step).toBeUndefined();
  });

  it("masks e-mail addresses, mentions and long digit runs in titles", () => {
    const model = buildSiteModel(
      input({
        pulls: [
          saved(1, { title: "Dinkes pemohon@contoh.go.id @budi 0812-3456-7890 NIP 197601012005012001" }),
        ],
      }),
    );
    expect(model.pending?.[0]?.title).toBe("Dinkes [•••] [•••] [•••] NIP [•••]");
  });
});

describe("maskPersonal", () => {
  it.each([
    ["surat 400.7/2147/29.02/2026 tanggal 2026-10-05", "surat 400.7/2147/29.02/2026 tanggal 2026-10-05"],
    ["hubungi +62 812 3456 789", "hubungi [•••]"],
    ["a@b.id", "[•••]"],
    ["<script>@x</script>", "<script>[•••]</script>"],
  ])("%j → %j", (text, masked) => {
    expect(maskPersonal(text)).toBe(masked);
  });
});
