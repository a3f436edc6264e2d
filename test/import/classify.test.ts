import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  type ClassifyInput,
  classifyZone,
  consultedNames,
  groupName,
  protectedName,
} from "../../src/core/import/classify.ts";
import { parseBindZone } from "../../src/core/import/parse-bind.ts";
import type { ZoneRecord } from "../../src/core/import/records.ts";
import { updateExistingYaml } from "../../src/core/import/render-request.ts";
import type { ValidationPolicy } from "../../src/core/request/rule.ts";
import { validateSources } from "../../src/core/request/validate.ts";
import type { InstansiJenis, Message } from "../../src/core/types.ts";

const ZONE = "kuduskab.go.id";
const NOW = new Date("2026-12-01T03:00:00Z");

const policy: ValidationPolicy = {
  zone: ZONE,
  allowIdn: false,
  reserved: new Map<string, Message>([
    ["www", { id: "situs utama", en: "main site" }],
    ["webmail", { id: "webmail kabupaten", en: "the regency webmail" }],
  ]),
  existing: new Set(["sipd", "simpeg"]),
  namespaces: new Map<string, readonly InstansiJenis[]>([["desa", ["desa"]]]),
  officialEmailDomains: ["go.id"],
  kegiatanMaxDays: 365,
  timeZone: "Asia/Jakarta",
  forbiddenCnameSuffixes: ["pages.dev"],
  takeoverAllowed: [],
};

const RSUD = `subdomain: rsud
instansi: { nama: RSUD, jenis: rsud }
surat: { nomor: "445/1/29.21/2026", tanggal: 2026-06-30, perihal: Permohonan }
penanggung_jawab: { nama: Dr. A, nip: "197107301999032002", jabatan: Direktur, email: rsud@kuduskab.go.id }
pengelola_teknis: { nama: B, email: b@kuduskab.go.id, github: b-rsud }
tujuan: Website
klasifikasi: instansi
hosting: { jenis: tanpa }
`;

function records(lines: string[]): ZoneRecord[] {
  const result = parseBindZone(lines.join("\n"), { file: "zona.db", origin: ZONE });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.records;
}

function classify(lines: string[], overrides: Partial<ClassifyInput> = {}) {
  return classifyZone({
    records: records(lines),
    zone: ZONE,
    source: "bind",
    mode: "requests",
    policy,
    now: NOW,
    requestFiles: ["rsud.yaml"],
    lookup: (name) => (name === "rsud" ? { path: "requests/rsud.yaml", bytes: RSUD } : undefined),
    ...overrides,
  });
}

/** `name type → first words of the English reason` of what was left out. */
function leftOut(plan: ReturnType<typeof classify>): Record<string, string> {
  return Object.fromEntries(
    plan.notImported.map(({ record, reason }) => [`${record.name} ${record.type}`, reason.en]),
  );
}

/** One test per `[name type, words of the English reason]`: the record was left out for that reason. */
function reasonTable(reasons: () => Record<string, string>, cases: [string, string][]): void {
  it.each(cases)("%s: %s", (key, reason) => {
    expect(reasons()[key]).toContain(reason);
  });
}

describe("decisions made before any request", () => {
  // Built anew in every test that asks: a mutant is switched on per test, and coverage is per test.
  const plan = () =>
    classify([
      "@ 3600 IN SOA ns1. host. 1 2 3 4 5",
      "@ IN NS ada.ns.cloudflare.com.",
      "@ IN A 103.147.222.10",
      '_dmarc IN TXT "v=DMARC1; p=none"',
      "jdih IN NS ns1.jdih",
      "jdih IN A 103.147.222.59",
      "ns1.jdih IN A 103.147.222.60",
      "* IN A 103.147.222.10",
      "*.uji IN A 103.147.222.11",
      "dinkes IN HTTPS 1 . alpn=h2",
      "dinkes IN MX mail.dinkes",
      "1.100.51.198.in-addr.arpa. IN PTR www.kuduskab.go.id.",
      "rsud IN A 103.147.222.80",
      // Shares the delegation's last letters, not its labels: not below it.
      "notjdih IN A 103.147.222.81",
    ]);
  const reasons = () => leftOut(plan());

  reasonTable(reasons, [
    ["kuduskab.go.id A", "at the zone apex belongs to the office's own zone"],
    ["_dmarc.kuduskab.go.id TXT", 'at "_dmarc" belongs to the office\'s own zone'],
    ["jdih.kuduskab.go.id NS", '"jdih" is delegated to other name servers'],
    ["ns1.jdih.kuduskab.go.id A", 'lies below the delegation "jdih"'],
    // At the delegated name itself, only the NS is the delegation; the rest is served below it.
    ["jdih.kuduskab.go.id A", 'lies below the delegation "jdih"'],
    ["*.kuduskab.go.id A", '"*" is a wildcard'],
    ["*.uji.kuduskab.go.id A", '"*.uji" is a wildcard'],
    ["dinkes.kuduskab.go.id HTTPS", 'type "HTTPS" cannot be held by a request'],
    ["dinkes.kuduskab.go.id MX", "cannot be read; expected: priority host"],
    ["1.100.51.198.in-addr.arpa PTR", "lies outside this stack's zone"],
    ["rsud.kuduskab.go.id A", "requests/rsud.yaml already exists and is not overwritten"],
  ]);

  it("keeps the apex SOA and NS apart, and nothing else", () => {
    expect(plan().apex.map((r) => r.type)).toEqual(["SOA", "NS"]);
  });

  it("protects the delegated, wildcard and unsupported names, not the apex, glue or a held name", () => {
    expect([...plan().protect.keys()]).toEqual(["dinkes", "jdih", "uji"]);
  });

  it("writes a request only for the name that is none of these", () => {
    expect(plan().requests.map((r) => r.subdomain)).toEqual(["notjdih"]);
  });
});

describe("decisions of the validator", () => {
  // Built anew in every test that asks: a mutant is switched on per test, and coverage is per test.
  const plan = () =>
    classify([
      "www IN A 103.147.222.10",
      "webmail IN A 103.147.222.5",
      "localhost IN A 127.0.0.1",
      "blog IN CNAME diskominfo-kudus.github.io.",
      "foo.blog IN A 103.147.222.12",
      "dinkes IN A 103.147.222.21",
      'dinkes IN TXT "v=spf1 -all"',
      "dinkes IN A 10.1.2.3",
      "app.simpeg IN A 103.147.222.13",
    ]);
  const reasons = () => leftOut(plan());

  reasonTable(reasons, [
    ["www.kuduskab.go.id A", 'subdomain-reserved: the name "www" is reserved'],
    ["webmail.kuduskab.go.id A", 'subdomain-reserved: the name "webmail" is reserved'],
    ["localhost.kuduskab.go.id A", 'dns-address-not-public: dns[0] A @: "127.0.0.1"'],
    ["blog.kuduskab.go.id CNAME", "dns-target-takeover-prone"],
    // Left out only once its parent was: the rounds repeat until nothing fails.
    ["foo.blog.kuduskab.go.id A", 'subdomain-parent: the nested name "foo.blog" needs its parent "blog"'],
    // A name existing.yaml lists stays outside: nothing may be imported below it.
    ["app.simpeg.kuduskab.go.id A", 'the parent "simpeg" is managed outside this repository'],
  ]);

  it("gives the rule's reason in Bahasa Indonesia too", () => {
    const www = plan().notImported.find((n) => n.record.name === "www.kuduskab.go.id");
    expect(www?.reason.id).toBe(
      'subdomain-reserved: nama "www" dicadangkan oleh kantor (situs utama); pilih nama lain',
    );
  });

  it("leaves out one record of a request and keeps the rest", () => {
    expect(Object.keys(reasons())).toContain("dinkes.kuduskab.go.id A");
    expect(reasons()["dinkes.kuduskab.go.id A"]).toContain('"10.1.2.3"');
    const dinkes = plan().requests.find((r) => r.subdomain === "dinkes");
    expect(dinkes?.request.dns?.map((d) => d.content)).toEqual(["103.147.222.21", "v=spf1 -all"]);
  });

  it("protects every name left out, with a note saying it could not be imported", () => {
    expect([...plan().protect.keys()]).toEqual([
      "app.simpeg",
      "blog",
      "foo.blog",
      "localhost",
      "webmail",
      "www",
    ]);
    expect(plan().protect.get("www")).toBe(
      "Ada di zona (bind, 2026-12-01): A; tidak dapat diimpor, lihat laporan impor (in the zone, cannot be imported, see the import report)",
    );
  });

  it("writes only requests the validator accepts", () => {
    const result = validateSources({
      targets: plan().requests.map((r) => ({ path: r.file, bytes: r.text })),
      siblings: plan().requests.map((r) => `${r.subdomain}.yaml`),
      lookup: (name) => {
        const found = plan().requests.find((r) => r.subdomain === name);
        return found && { path: found.file, bytes: found.text };
      },
      policy,
      now: NOW,
    });
    expect(result.errors).toBe(0);
    expect(result.files).toBe(1);
  });
});

describe("grouping into requests", () => {
  // Built anew in every test that asks: a mutant is switched on per test, and coverage is per test.
  const plan = () =>
    classify([
      "dinkes IN A 103.147.222.21",
      '_dmarc.dinkes IN TXT "v=DMARC1; p=none"',
      's1._domainkey.dinkes IN TXT "v=DKIM1; p=MII" "BIj"',
      "_sip._tcp.dinkes IN SRV 10 5 5060 sip.dinkes",
      "sip.dinkes 300 IN A 103.147.222.26",
      "getasrabi.desa IN A 103.147.222.40 ; cf_tags=cf-proxied:true",
      "disdikpora IN MX 10 mx.example.net.",
      "_acme-challenge.arsip IN CNAME arsip.acme.example.net.",
      "desa IN A 103.147.222.41",
    ]);
  const byName = () => new Map(plan().requests.map((r) => [r.subdomain, r.request]));

  it("keeps underscore names with the name below them, and gives other names their own request", () => {
    expect([...byName().keys()].sort()).toEqual([
      "arsip",
      "desa",
      "dinkes",
      "disdikpora",
      "getasrabi.desa",
      "sip.dinkes",
    ]);
    expect(
      byName()
        .get("dinkes")
        ?.dns?.map((d) => [d.name, d.type]),
    ).toEqual([
      [undefined, "A"],
      ["_dmarc", "TXT"],
      ["s1._domainkey", "TXT"],
      ["_sip._tcp", "SRV"],
    ]);
  });

  it("marks them imported, without letter or officials, and picks the hosting from the records", () => {
    const dinkes = byName().get("dinkes");
    expect(dinkes?.impor).toEqual({ sumber: "bind", tanggal: "2026-12-01" });
    expect([dinkes?.surat, dinkes?.penanggung_jawab, dinkes?.pengelola_teknis]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(dinkes?.hosting.jenis).toBe("eksternal");
    expect(byName().get("disdikpora")?.hosting.jenis).toBe("tanpa");
    // A CNAME at an underscore name is no site of the name itself.
    expect(byName().get("arsip")?.hosting.jenis).toBe("tanpa");
  });

  it("gives a namespace child the namespace's unit kind, and a nested name its parent's unit", () => {
    expect(byName().get("getasrabi.desa")?.instansi).toEqual({ nama: "getasrabi.desa", jenis: "desa" });
    expect(byName().get("sip.dinkes")?.instansi).toEqual({ nama: "dinkes", jenis: "lainnya" });
    // The namespace's own name is no child of it.
    expect(byName().get("desa")?.instansi).toEqual({ nama: "desa", jenis: "lainnya" });
  });

  it("keeps TTL and the proxy flag of every record", () => {
    expect(byName().get("getasrabi.desa")?.dns).toEqual([
      { type: "A", content: "103.147.222.40", proxied: true },
    ]);
    expect(byName().get("sip.dinkes")?.dns).toEqual([{ type: "A", content: "103.147.222.26", ttl: 300 }]);
  });

  it("writes the file the validator saw, with yaml, TXT joined", () => {
    const text = plan().requests.find((r) => r.subdomain === "dinkes")?.text ?? "";
    expect(text.startsWith("# Diimpor oleh domainops import")).toBe(true);
    expect(parseYaml(text)).toEqual(byName().get("dinkes"));
    expect(text).toContain("content: v=DKIM1; p=MIIBIj\n");
  });

  it("accounts for every record exactly once", () => {
    const total =
      plan().requests.reduce((n, r) => n + r.records.length, 0) +
      plan().notImported.length +
      plan().apex.length;
    expect(total).toBe(9);
  });
});

describe("names already listed in existing.yaml", () => {
  const lines = ["sipd 300 IN CNAME sipd.kemendagri.go.id.", "simpeg IN HINFO PC Linux"];

  it("become requests and leave existing.yaml with --as requests", () => {
    const plan = classify([...lines, "bappeda IN A 103.147.222.50"]);
    expect(plan.requests.map((r) => r.subdomain)).toEqual(["sipd", "bappeda"]);
    expect(plan.adopted).toEqual(["sipd"]);
    expect(plan.protect.size).toBe(0);
  });

  it("stay where they are with --as existing, and new names join them", () => {
    const plan = classify([...lines, "dinkes IN A 103.147.222.21", 'dinkes IN TXT "v=spf1 -all"'], {
      mode: "existing",
    });
    expect(plan.requests).toEqual([]);
    expect(plan.adopted).toEqual([]);
    expect([...plan.protect.keys()]).toEqual(["dinkes"]);
    expect(plan.protect.get("dinkes")).toMatch(/^Diimpor dari zona \(bind, 2026-12-01\): A, TXT; /);
  });
});

describe("records of another Cloudflare zone", () => {
  /** A record of the listing with zone id `zoneId`, classified for the stack's zone id "mine". */
  function withZoneId(zoneId: string | null) {
    const [record] = records(["dinkes IN A 103.147.222.21"]);
    return classifyZone({
      records: [{ ...(record as ZoneRecord), zoneId }],
      zone: ZONE,
      source: "cloudflare",
      mode: "requests",
      policy,
      now: NOW,
      requestFiles: [],
      lookup: () => undefined,
      zoneId: "mine",
    });
  }

  it.each([
    ["mine", true],
    [null, true],
    ["other", false],
  ])("zone id %s → imported %s", (zoneId, imported) => {
    expect(withZoneId(zoneId).requests.length).toBe(imported ? 1 : 0);
  });

  it("are left out when the listing's zone id is not the stack's", () => {
    expect(withZoneId("other").notImported[0]?.reason.en).toContain('belongs to Cloudflare zone "other"');
  });
});

describe("groupName and protectedName", () => {
  it.each([
    ["dinkes", "dinkes", undefined],
    ["_dmarc.dinkes", "dinkes", "_dmarc"],
    ["s1._domainkey.dinkes", "dinkes", "s1._domainkey"],
    ["_sip._tcp.a.desa", "a.desa", "_sip._tcp"],
    ["www.dinkes", "www.dinkes", undefined],
    ["_dmarc", "", "_dmarc"],
  ])("groupName(%s) → %s / %s", (rel, parent, name) => {
    expect(groupName(rel)).toEqual({ parent, name });
  });

  it.each([
    ["*.uji", "uji"],
    ["_dmarc.dinkes", "dinkes"],
    ["*", null],
    ["_dmarc", null],
    ["sekolah baru", null],
    ["Dinkes", null],
    ["a.b", "a.b"],
  ])("protectedName(%s) → %s", (rel, expected) => {
    expect(protectedName(rel)).toBe(expected);
  });
});

describe("updateExistingYaml", () => {
  const before = [
    "# Nama yang sudah ada (names already in the zone)",
    "existing:",
    "  # dikelola vendor",
    "  simpeg: Sistem kepegawaian",
    "  sipd: Layanan Kemendagri",
    "",
  ].join("\n");

  it("adds names, keeps comments and existing notes, removes adopted names", () => {
    const after = updateExistingYaml(
      before,
      new Map([
        ["www", "baru"],
        ["simpeg", "ditimpa?"],
      ]),
      ["sipd"],
    );
    expect(after).toContain("# Nama yang sudah ada (names already in the zone)");
    expect(after).toContain("# dikelola vendor");
    expect(parseYaml(after)).toEqual({ existing: { simpeg: "Sistem kepegawaian", www: "baru" } });
  });

  it("creates the file when there is none", () => {
    const after = updateExistingYaml(null, new Map([["www", "baru"]]), []);
    expect(after).toContain("$schema=../schema/governance-existing.schema.json");
    expect(parseYaml(after)).toEqual({ existing: { www: "baru" } });
  });

  it("refuses a broken file instead of rewriting it", () => {
    expect(() => updateExistingYaml("existing: [\n", new Map(), [])).toThrow(/invalid YAML/);
  });

  it("keeps a note with YAML syntax in it as text", () => {
    const after = updateExistingYaml(null, new Map([["x", "a: b\n- c # d"]]), []);
    expect(parseYaml(after)).toEqual({ existing: { x: "a: b\n- c # d" } });
  });
});

describe("consultedNames", () => {
  it("holds the name, its records' names and its in-zone targets, each with its ancestors", () => {
    const names = consultedNames(
      {
        subdomain: "Sip.Dinkes",
        instansi: { nama: "dinkes", jenis: "lainnya" },
        tujuan: "x",
        klasifikasi: "instansi",
        hosting: { jenis: "eksternal" },
        dns: [
          { type: "A", content: "103.147.222.1" },
          { type: "TXT", name: "_Dmarc", content: "v=DMARC1; p=none" },
          { type: "CNAME", name: "www", content: "Web.Disdikpora.kuduskab.go.id" },
          { type: "MX", content: "mx.example.net" },
          { type: "SRV", name: "_sip._tcp", content: "pbx.kec.kuduskab.go.id" },
          { type: "TXT", name: "t", content: "a.kuduskab.go.id" },
        ],
      },
      ZONE,
    );
    expect([...names].sort()).toEqual(
      [
        "sip.dinkes",
        "dinkes",
        "_dmarc.sip.dinkes",
        "www.sip.dinkes",
        "web.disdikpora",
        "disdikpora",
        "_sip._tcp.sip.dinkes",
        "_tcp.sip.dinkes",
        "pbx.kec",
        "kec",
        "t.sip.dinkes",
      ].sort(),
    );
  });
});
