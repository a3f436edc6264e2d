import { describe } from "vitest";
import { type Doc, hit, policy, table } from "./helpers.ts";

// `  tanggal: <value>` → line 7 column 12; `  nomor: <value>` → line 6 column 10;
// `klasifikasi: <value>` → line 19 column 14; `berlaku_sampai: <value>` on line 22 → column 17.
const kegiatan = (tanggal: string, sampai?: string): Doc => ({
  klasifikasi: "kegiatan",
  tanggal,
  nomor: `"556/903/29.11/${tanggal.slice(0, 4)}"`,
  extra: sampai === undefined ? [] : [`berlaku_sampai: ${sampai}`],
});

describe("surat-date-future", () => {
  table("surat-date-future", [
    ["yesterday", { tanggal: "2026-11-26" }, []],
    ["today in WIB", { tanggal: "2026-11-27" }, []],
    ["tomorrow", { tanggal: "2026-11-28" }, [hit("surat-date-future", 7, 12)]],
    // 18:00 UTC is already 01:00 the next day in Kudus: a letter dated that day is not in the future.
    [
      "tomorrow in UTC, today in WIB",
      { tanggal: "2026-11-28" },
      [],
      { now: new Date("2026-11-27T18:00:00Z") },
    ],
    [
      "still yesterday in WIB",
      { tanggal: "2026-11-28" },
      [hit("surat-date-future", 7, 12)],
      { now: new Date("2026-11-27T16:59:59Z") },
    ],
    [
      "today in WITA, still yesterday in WIB",
      { tanggal: "2026-11-28" },
      [],
      { now: new Date("2026-11-27T16:30:00Z"), policy: { ...policy, timeZone: "Asia/Makassar" } },
    ],
    ["next year", { tanggal: "2027-01-05", nomor: '"400/1/29.02/2027"' }, [hit("surat-date-future", 7, 12)]],
  ]);
});

describe("surat-nomor-format", () => {
  table("surat-nomor-format", [
    ["official style", { nomor: '"400.7/123/29.02/2026"' }, []],
    ["with spaces like the Kudus SOP", { nomor: '"555 / 963 / 18.03 / 2026"' }, []],
    ["no year at the end", { nomor: '"400.7/123/Dinkes"' }, []],
    [
      "year differs from the letter date",
      { nomor: '"400.7/123/29.02/2025"' },
      [hit("surat-nomor-format", 6, 10, "warning")],
    ],
    ["not a letter number", { nomor: "SURAT-123" }, [hit("surat-nomor-format", 6, 10, "warning")]],
    ["line break", { nomor: '"400.7/123\\n/29.02/2026"' }, [hit("surat-nomor-format", 6, 10, "error")]],
  ]);
});

describe("kegiatan-end-missing", () => {
  table("kegiatan-end-missing", [
    ["kegiatan with an end date", kegiatan("2026-11-02", "2027-03-15"), []],
    ["instansi needs none", { klasifikasi: "instansi" }, []],
    ["kegiatan without an end date", kegiatan("2026-11-02"), [hit("kegiatan-end-missing", 19, 14)]],
  ]);
});

describe("kegiatan-end-range", () => {
  table("kegiatan-end-range", [
    ["the next day", kegiatan("2026-11-02", "2026-11-03"), []],
    ["exactly 365 days", kegiatan("2026-11-02", "2027-11-02"), []],
    ["366 days", kegiatan("2026-11-02", "2027-11-03"), [hit("kegiatan-end-range", 22, 17)]],
    ["the letter date itself", kegiatan("2026-11-02", "2026-11-02"), [hit("kegiatan-end-range", 22, 17)]],
    ["before the letter", kegiatan("2026-11-02", "2026-10-01"), [hit("kegiatan-end-range", 22, 17)]],
  ]);
});

describe("berlaku-sampai-unexpected", () => {
  table("berlaku-sampai-unexpected", [
    ["kegiatan", kegiatan("2026-11-02", "2027-03-15"), []],
    ["instansi without an end date", { klasifikasi: "instansi" }, []],
    [
      "instansi with an end date",
      { klasifikasi: "instansi", extra: ["berlaku_sampai: 2027-03-15"] },
      [hit("berlaku-sampai-unexpected", 22, 1)],
    ],
    [
      "layanan_publik with an end date",
      { klasifikasi: "layanan_publik", extra: ["berlaku_sampai: 2027-03-15"] },
      [hit("berlaku-sampai-unexpected", 22, 1)],
    ],
  ]);
});

describe("kegiatan-expired", () => {
  table("kegiatan-expired", [
    ["ends today", kegiatan("2026-01-05", "2026-11-27"), []],
    ["ended yesterday", kegiatan("2026-01-05", "2026-11-26"), [hit("kegiatan-expired", 22, 17)]],
    [
      "ends today in WIB although UTC is a day behind",
      kegiatan("2026-01-05", "2026-11-28"),
      [],
      { now: new Date("2026-11-28T16:00:00Z") },
    ],
    [
      "ended in WIB, not yet in UTC",
      kegiatan("2026-01-05", "2026-11-27"),
      [hit("kegiatan-expired", 22, 17)],
      { now: new Date("2026-11-27T17:30:00Z") },
    ],
    // 16:30 UTC is 23:30 in Kudus (WIB) but already 00:30 the next day in Buol (WITA).
    [
      "ended in WITA, not yet in WIB",
      kegiatan("2026-01-05", "2026-11-27"),
      [hit("kegiatan-expired", 22, 17)],
      { now: new Date("2026-11-27T16:30:00Z"), policy: { ...policy, timeZone: "Asia/Makassar" } },
    ],
    [
      "not yet ended in WIB at the same instant",
      kegiatan("2026-01-05", "2026-11-27"),
      [],
      { now: new Date("2026-11-27T16:30:00Z") },
    ],
  ]);
});
