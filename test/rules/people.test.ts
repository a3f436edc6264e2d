import { describe, expect, it } from "vitest";
import { hit, policy, table, validate } from "./helpers.ts";

// `  nip: <value>` → column 8 of line 11; `  email: <value>` → column 10 of lines 13 and 16.
const NIP = (rule: string) => hit(rule, 11, 8);

describe("nip-required", () => {
  // `penanggung_jawab:` → column 1 of line 9.
  const MISSING = hit("nip-required", 9, 1);
  table("nip-required", [
    ["dinas with a NIP", {}, []],
    ["dinas without a NIP", { nip: null }, [MISSING]],
    ["kelurahan without a NIP", { jenis: "kelurahan", nip: null }, [MISSING]],
    ["sekolah without a NIP", { jenis: "sekolah", nip: null }, [MISSING]],
    ["desa without a NIP", { jenis: "desa", nip: null }, []],
    ["bumd without a NIP", { jenis: "bumd", nip: null }, []],
    ["organisasi without a NIP", { jenis: "organisasi", nip: null }, []],
    ["lainnya without a NIP", { jenis: "lainnya", nip: null }, []],
    ["desa with a NIP", { jenis: "desa" }, []],
  ]);

  it("quotes the unit type and says how to fix it", () => {
    const found = validate({ jenis: "puskesmas", nip: null });
    expect(found.map((d) => d.rule)).toEqual(["nip-required"]);
    expect(found[0]?.message.id).toContain('"puskesmas"');
    expect(found[0]?.message.id).toContain('nip: "<18 digit>"');
    expect(found[0]?.message.en).toContain('add nip: "<18 digits>" in quotes');
  });

  it("lets a desa request without a NIP pass every rule", () => {
    expect(validate({ jenis: "desa", nip: null })).toEqual([]);
  });
});

describe("nip-format", () => {
  table("nip-format", [
    ["18 digits", { nip: '"197601012005012001"' }, []],
    ["17 digits", { nip: '"19760101200501200"' }, [NIP("nip-format")]],
    ["19 digits", { nip: '"1976010120050120011"' }, [NIP("nip-format")]],
    ["written with spaces", { nip: '"19760101 200501 2 001"' }, [NIP("nip-format")]],
    ["letters", { nip: '"19760101200501200X"' }, [NIP("nip-format")]],
    ["organisasi without a NIP", { jenis: "organisasi", nip: null }, []],
    ["organisasi with a bad NIP", { jenis: "organisasi", nip: '"12345"' }, [NIP("nip-format")]],
  ]);

  it("suggests the number without spaces", () => {
    const [d] = validate({ nip: '"19760101 200501 2 001"' }).filter((x) => x.rule === "nip-format");
    expect(d?.message.en).toContain('"197601012005012001"');
  });
});

describe("nip-birth-date", () => {
  table("nip-birth-date", [
    ["real date, age 50", { nip: '"197601012005012001"' }, []],
    ["29 February of a leap year", { nip: '"198402292008012001"' }, []],
    ["30 February", { nip: '"197602302005012001"' }, [NIP("nip-birth-date")]],
    ["29 February of a common year", { nip: '"198302292008012001"' }, [NIP("nip-birth-date")]],
    ["month 13", { nip: '"197613012005012001"' }, [NIP("nip-birth-date")]],
    ["age 16", { nip: '"201001012005012001"' }, [NIP("nip-birth-date")]],
    ["age 86", { nip: '"194001011960012001"' }, [NIP("nip-birth-date")]],
    ["born tomorrow", { nip: '"202611282005012001"' }, [NIP("nip-birth-date")]],
    ["malformed NIP is nip-format's concern", { nip: '"1976"' }, []],
    ["absent NIP is nip-required's concern", { nip: null }, []],
    ["desa with a wrong birth date", { jenis: "desa", nip: '"197602302005012001"' }, [NIP("nip-birth-date")]],
  ]);
});

describe("nip-appointment", () => {
  table("nip-appointment", [
    ["appointed at 29", { nip: '"197601012005012001"' }, []],
    ["appointed this month", { nip: '"197601012026112001"' }, []],
    ["month 00", { nip: '"197601012005002001"' }, [NIP("nip-appointment")]],
    ["month 13", { nip: '"197601012005132001"' }, [NIP("nip-appointment")]],
    ["appointed at 14", { nip: '"197601011990012001"' }, [NIP("nip-appointment")]],
    ["appointed next month", { nip: '"197601012026122001"' }, [NIP("nip-appointment")]],
  ]);
});

describe("nip-sex-digit", () => {
  table("nip-sex-digit", [
    ["1", { nip: '"197601012005011001"' }, []],
    ["2", { nip: '"197601012005012001"' }, []],
    ["0", { nip: '"197601012005010001"' }, [NIP("nip-sex-digit")]],
    ["3", { nip: '"197601012005013001"' }, [NIP("nip-sex-digit")]],
  ]);
});

describe("email-invalid", () => {
  table("email-invalid", [
    ["plain addresses", { pjEmail: "dinkes@kuduskab.go.id", ptEmail: "budi.santoso+web@kuduskab.go.id" }, []],
    ["(at) instead of @", { pjEmail: "dinkes(at)kuduskab.go.id" }, [hit("email-invalid", 13, 10)]],
    ["two @", { ptEmail: "budi@@kuduskab.go.id" }, [hit("email-invalid", 16, 10)]],
    ["double dot in the local part", { ptEmail: "budi..s@kuduskab.go.id" }, [hit("email-invalid", 16, 10)]],
    ["with a display name", { ptEmail: "Budi <budi@kuduskab.go.id>" }, [hit("email-invalid", 16, 10)]],
    ["single-label domain", { ptEmail: "budi@localhost" }, [hit("email-invalid", 16, 10)]],
    ["numeric top-level domain", { ptEmail: "budi@10.0.0.1" }, [hit("email-invalid", 16, 10)]],
    ["trailing dot in the domain", { ptEmail: "budi@kuduskab.go.id." }, [hit("email-invalid", 16, 10)]],
    [
      "both wrong",
      { pjEmail: "abc", ptEmail: "def" },
      [hit("email-invalid", 13, 10), hit("email-invalid", 16, 10)],
    ],
  ]);
});

describe("email-not-official", () => {
  table("email-not-official", [
    ["regency domain", { pjEmail: "dinkes@kuduskab.go.id" }, []],
    ["subdomain of an official domain", { pjEmail: "kepala@dinkes.kuduskab.go.id" }, []],
    ["uppercase domain", { pjEmail: "dinkes@KudusKab.go.id" }, []],
    ["free mail", { pjEmail: "dinkes.kudus@gmail.com" }, [hit("email-not-official", 13, 10)]],
    ["look-alike domain", { pjEmail: "dinkes@kuduskab-go.id" }, [hit("email-not-official", 13, 10)]],
    ["suffix without a dot", { pjEmail: "dinkes@notgo.id" }, [hit("email-not-official", 13, 10)]],
    ["technical admin may use any domain", { ptEmail: "budi@gmail.com" }, []],
    [
      "policy switched off",
      { pjEmail: "dinkes.kudus@gmail.com" },
      [],
      { policy: { ...policy, officialEmailDomains: null } },
    ],
  ]);
});

describe("personal-data", () => {
  table("personal-data", [
    ["office phone and NIP-free text", { tujuan: "Layanan informasi, telepon kantor (0291) 438713" }, []],
    ["18-digit NIP in text is not an NIK", { tujuan: "Pengelola NIP 197601012005012001" }, []],
    ["NIK in the purpose", { tujuan: "Pemohon NIK 3319014501850002" }, [hit("personal-data", 18, 9)]],
    ["mobile number in the purpose", { tujuan: "Hubungi 0812-3456-7890" }, [hit("personal-data", 18, 9)]],
    ["international mobile number", { tujuan: '"Hubungi +62 812 3456 7890"' }, [hit("personal-data", 18, 9)]],
    [
      "mobile number in the notes",
      { extra: ["catatan: Admin 081234567890"] },
      [hit("personal-data", 22, 10)],
    ],
    ["NIK in the unit name", { nama: "Dinas 3319014501850002" }, [hit("personal-data", 3, 9)]],
  ]);
});
