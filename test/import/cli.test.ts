import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseBindZone } from "../../src/core/import/parse-bind.ts";
import type { ZoneRecord } from "../../src/core/import/records.ts";
import { BIND_ZONE, cli, LISTING, makeOffice, type Report, removeOffices, ZONE } from "./helpers.ts";

const source = parseBindZone(readFileSync(BIND_ZONE, "utf8"), { file: "z", origin: ZONE });
const zoneRecords: ZoneRecord[] = source.ok ? source.records : [];
const apexCount = zoneRecords.filter((r) => r.name === ZONE && (r.type === "SOA" || r.type === "NS")).length;

function dnsCount(root: string, file: string): number {
  const request = parseYaml(readFileSync(path.join(root, file), "utf8")) as { dns?: unknown[] };
  return request.dns?.length ?? 0;
}

/** The records of a zone file as named-compilezone writes them: `name ttl type rdata`, TXT strings joined. */
function canonical(text: string, dir: string, name: string): string[] {
  const input = path.join(dir, `${name}.in`);
  const output = path.join(dir, `${name}.out`);
  writeFileSync(input, text);
  execFileSync("named-compilezone", ["-i", "none", "-k", "ignore", "-o", output, ZONE, input], {
    encoding: "utf8",
  });
  return readFileSync(output, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith(";"))
    .map((line) => {
      const [owner, ttl, , type, ...rest] = line.split(/\s+/);
      let rdata = rest.join(" ");
      if (type === "TXT") rdata = [...rdata.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("");
      return `${owner} ${ttl} ${type} ${rdata}`;
    });
}

describe("import --as requests from a BIND zone", () => {
  let root: string;
  let report: Report;
  let code: number;
  const rsudBefore = readFileSync(path.join(path.dirname(BIND_ZONE), "office/requests/rsud.yaml"), "utf8");

  beforeAll(async () => {
    root = makeOffice();
    const run = await cli(["import", "--root", root, "--from", BIND_ZONE, "--format", "json"], root);
    code = run.code;
    report = JSON.parse(run.out) as Report;
  });
  afterAll(removeOffices);

  it("reports exactly requests, existing and notImported, and exits 1 because some records stay out", () => {
    expect(Object.keys(report)).toEqual(["requests", "existing", "notImported"]);
    expect(code).toBe(1);
    for (const entry of report.notImported)
      expect(Object.keys(entry)).toEqual(["name", "type", "content", "reason"]);
  });

  it("accounts for every record: in a request, not imported, or the apex SOA/NS", () => {
    expect(zoneRecords.length).toBe(46);
    const inRequests = report.requests.reduce((n, file) => n + dnsCount(root, file), 0);
    expect(inRequests + report.notImported.length + apexCount).toBe(zoneRecords.length);
    expect([inRequests, report.notImported.length, apexCount]).toEqual([20, 23, 3]);
  });

  it("writes the requests it reports, never touching the one that existed", () => {
    const written = readdirSync(path.join(root, "requests"))
      .filter((f) => f !== "rsud.yaml")
      .map((f) => `requests/${f}`)
      .sort();
    expect(written).toEqual([...report.requests].sort());
    expect(report.requests).toContain("requests/dinkes.yaml");
    expect(report.requests).toContain("requests/getasrabi.desa.yaml");
    expect(readFileSync(path.join(root, "requests/rsud.yaml"), "utf8")).toBe(rsudBefore);
    expect(report.notImported.find((n) => n.name === "rsud.kuduskab.go.id")?.reason).toContain(
      "requests/rsud.yaml already exists",
    );
  });

  it.each([
    ["localhost.kuduskab.go.id", "A", "dns-address-not-public"],
    ["blog.kuduskab.go.id", "CNAME", "dns-target-takeover-prone"],
    ["lama-pariwisata.kuduskab.go.id", "CNAME", "dns-target-takeover-prone"],
    ["webmail.kuduskab.go.id", "A", "subdomain-reserved"],
    ["cpanel.kuduskab.go.id", "A", "subdomain-reserved"],
    ["autodiscover.kuduskab.go.id", "CNAME", "subdomain-reserved"],
    ["jdih.kuduskab.go.id", "NS", "is delegated to other name servers"],
    ["ns1.jdih.kuduskab.go.id", "A", 'lies below the delegation "jdih"'],
    ["*.kuduskab.go.id", "A", "is a wildcard"],
    ["*.uji.kuduskab.go.id", "A", "is a wildcard"],
    ["dinkes.kuduskab.go.id", "HTTPS", 'type "HTTPS" cannot be held'],
    ["sekolah baru.kuduskab.go.id", "A", "subdomain-label-invalid"],
    ["kuduskab.go.id", "MX", "at the zone apex"],
    ["_dmarc.kuduskab.go.id", "TXT", "belongs to the office's own zone"],
  ])("leaves out %s %s: %s", (name, type, reason) => {
    const entry = report.notImported.find((n) => n.name === name && n.type === type);
    expect(entry?.reason).toContain(reason);
  });

  it("protects every name left out in existing.yaml, keeping its comments, and moves adopted names out", () => {
    const text = readFileSync(path.join(root, "governance/existing.yaml"), "utf8");
    expect(text).toContain("# Names already in the zone, managed outside this repository (import fixture).");
    const existing = (parseYaml(text) as { existing: Record<string, string> }).existing;
    expect(Object.keys(existing).sort()).toEqual(["simpeg", ...report.existing].sort());
    expect(report.existing).toEqual(
      expect.arrayContaining([
        "localhost",
        "blog",
        "lama-pariwisata",
        "webmail",
        "cpanel",
        "jdih",
        "uji",
        "www",
      ]),
    );
    expect(report.existing).not.toContain("ns1.jdih");
    expect(existing.simpeg).toBe("Sistem kepegawaian BKPSDM, dikelola vendor aplikasi");
    // sipd was listed as existing and is now a request: it must leave the list, or validate would refuse it.
    expect(existing.sipd).toBeUndefined();
    expect(report.requests).toContain("requests/sipd.yaml");
  });

  it("leaves a repository that validate accepts", async () => {
    const run = await cli(["validate", "--root", root], root);
    expect(run.err).toMatch(/ 0 galat/);
    expect(run.code).toBe(0);
  });

  it("is shown by plan", async () => {
    const run = await cli(["plan", "--root", root, "--format", "json"], root);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.out) as { records: { name: string; request: string }[] };
    const imported = plan.records.filter((r) => r.request !== "rsud");
    const inRequests = report.requests.reduce((n, file) => n + dnsCount(root, file), 0);
    expect(imported).toHaveLength(inRequests);
    expect(imported.map((r) => r.name)).toContain("default._domainkey.dinkes.kuduskab.go.id");
  });

  it("is reproduced record for record by export --format bind (checked with named-compilezone)", async () => {
    const run = await cli(["export", "--format", "bind", "--root", root], root);
    expect(run.code).toBe(0);
    // Cloudflare's automatic TTL (1) is exported as the zone's default TTL, 300.
    const before = new Set(
      canonical(readFileSync(BIND_ZONE, "utf8"), root, "source").map((l) =>
        l.replace(/^(\S+) 1 /, "$1 300 "),
      ),
    );
    const after = canonical(run.out, root, "export").filter(
      (line) =>
        !/^kuduskab\.go\.id\. \d+ (SOA|NS) /.test(line) && !/(^|\.)rsud\.kuduskab\.go\.id\. /.test(line),
    );
    const inRequests = report.requests.reduce((n, file) => n + dnsCount(root, file), 0);
    expect(after).toHaveLength(inRequests);
    for (const line of after) expect(before).toContain(line);
    expect(
      after.some((l) =>
        l.startsWith("default._domainkey.dinkes.kuduskab.go.id. 3600 TXT v=DKIM1; k=rsa; p=MII"),
      ),
    ).toBe(true);
  });
});

describe("import --as existing", () => {
  afterEach(removeOffices);

  it("lists every name of the zone it can, writes no request, and validate still passes", async () => {
    const root = makeOffice();
    const run = await cli(
      ["import", "--root", root, "--from", BIND_ZONE, "--as", "existing", "--format", "json"],
      root,
    );
    const report = JSON.parse(run.out) as Report;
    expect(run.code).toBe(1);
    expect(report.requests).toEqual([]);
    expect(readdirSync(path.join(root, "requests"))).toEqual(["rsud.yaml"]);
    const existing = (
      parseYaml(readFileSync(path.join(root, "governance/existing.yaml"), "utf8")) as {
        existing: Record<string, string>;
      }
    ).existing;
    for (const name of [
      "dinkes",
      "disdikpora",
      "ppdb.disdikpora",
      "getasrabi.desa",
      "info.dinkes",
      "localhost",
      "jdih",
    ]) {
      expect(existing[name], name).toBeDefined();
    }
    // Already listed, so kept as it was; never a name a request holds.
    expect(existing.sipd).toBe("Sistem Informasi Pemerintahan Daerah, diarahkan ke layanan Kemendagri");
    expect(existing.rsud).toBeUndefined();
    expect(readFileSync(path.join(root, "governance/existing.yaml"), "utf8")).toContain(
      "# Diarahkan ke layanan Kemendagri (points at the home ministry's service)",
    );
    expect((await cli(["validate", "--root", root], root)).code).toBe(0);
  });

  it("leaves out the same records as --as requests", async () => {
    const a = makeOffice();
    const b = makeOffice();
    const requests = JSON.parse(
      (await cli(["import", "--root", a, "--from", BIND_ZONE, "--format", "json"], a)).out,
    );
    const existing = JSON.parse(
      (await cli(["import", "--root", b, "--from", BIND_ZONE, "--as", "existing", "--format", "json"], b))
        .out,
    );
    expect(existing.notImported).toEqual(requests.notImported);
  });
});

describe("import never overwrites", () => {
  afterEach(removeOffices);

  it("reports the records of a name whose request file exists and leaves the file alone", async () => {
    const root = makeOffice();
    const mine = "# hand-written\nsubdomain: dinkes\n";
    writeFileSync(path.join(root, "requests/dinkes.yaml"), mine);
    const run = await cli(["import", "--root", root, "--from", BIND_ZONE, "--format", "json"], root);
    const report = JSON.parse(run.out) as Report;
    expect(readFileSync(path.join(root, "requests/dinkes.yaml"), "utf8")).toBe(mine);
    expect(report.requests).not.toContain("requests/dinkes.yaml");
    const dinkes = report.notImported.filter((n) =>
      n.name.endsWith("dinkes.kuduskab.go.id") && n.name !== "dinkes.kuduskab.go.id"
        ? false
        : n.name === "dinkes.kuduskab.go.id",
    );
    expect(
      dinkes.filter((n) => n.reason.includes("requests/dinkes.yaml already exists")).length,
    ).toBeGreaterThan(3);
  });

  it("a second run adds nothing and leaves every file as the first wrote it", async () => {
    const root = makeOffice();
    await cli(["import", "--root", root, "--from", BIND_ZONE], root);
    const files = readdirSync(path.join(root, "requests")).sort();
    const texts = files.map((f) => readFileSync(path.join(root, "requests", f), "utf8"));
    const existing = readFileSync(path.join(root, "governance/existing.yaml"), "utf8");
    const second = JSON.parse(
      (await cli(["import", "--root", root, "--from", BIND_ZONE, "--format", "json"], root)).out,
    );
    expect(second.requests).toEqual([]);
    expect(second.existing).toEqual([]);
    expect(readdirSync(path.join(root, "requests")).sort()).toEqual(files);
    expect(files.map((f) => readFileSync(path.join(root, "requests", f), "utf8"))).toEqual(texts);
    expect(readFileSync(path.join(root, "governance/existing.yaml"), "utf8")).toBe(existing);
  });
});

describe("import from Cloudflare's listing", () => {
  afterEach(removeOffices);

  it("detects the format, imports, and writes the pulumi import file", async () => {
    const root = makeOffice();
    const out = path.join(root, "import.json");
    const run = await cli(
      ["import", "--root", root, "--from", LISTING, "--pulumi-import", out, "--format", "json"],
      root,
    );
    const report = JSON.parse(run.out) as Report;
    const listing = JSON.parse(readFileSync(LISTING, "utf8")) as { result: unknown[] }[];
    const total = listing.reduce((n, page) => n + page.result.length, 0);
    const inRequests = report.requests.reduce((n, file) => n + dnsCount(root, file), 0);
    expect(inRequests + report.notImported.length).toBe(total);
    const file = JSON.parse(readFileSync(out, "utf8")) as {
      resources: { type: string; name: string; id: string }[];
    };
    expect(file.resources).toHaveLength(inRequests);
    expect(new Set(file.resources.map((r) => r.type))).toEqual(
      new Set(["cloudflare:index/dnsRecord:DnsRecord"]),
    );
    for (const r of file.resources) expect(r.id).toMatch(/^3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b\/[0-9a-f]{32}$/);
    expect((await cli(["validate", "--root", root], root)).code).toBe(0);
  });
});

describe("usage and bad input (exit 2)", () => {
  afterEach(removeOffices);

  it.each([
    [["import"], "--from FILE wajib (is required)"],
    [["import", "--from", "x.zone", "--as", "both"], '--as "both" tidak dikenal'],
    [["import", "--from", "x.zone", "--input-format", "csv"], '--input-format "csv" tidak dikenal'],
    [["import", "--from", "missing.zone"], "missing.zone: tidak dapat dibaca (cannot be read)"],
    [
      ["import", "--from", BIND_ZONE, "--pulumi-import", "out.json"],
      "--pulumi-import hanya untuk JSON Cloudflare",
    ],
    [
      ["import", "--from", LISTING, "--as", "existing", "--pulumi-import", "o.json"],
      "--pulumi-import hanya untuk",
    ],
  ])("%j", async (args, message) => {
    const root = makeOffice();
    const run = await cli([...args.slice(0, 1), "--root", root, ...args.slice(1)], root);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });

  it("names the file and line of a syntax error and writes nothing", async () => {
    const root = makeOffice();
    writeFileSync(path.join(root, "rusak.zone"), 'a IN A 1.2.3.4\nb IN TXT "open\n');
    const run = await cli(["import", "--root", root, "--from", "rusak.zone"], root);
    expect(run.code).toBe(2);
    expect(run.err).toContain("rusak.zone:2: ");
    expect(readdirSync(path.join(root, "requests"))).toEqual(["rsud.yaml"]);
  });

  it("refuses a listing forced as bind only where it is wrong: it says where", async () => {
    const root = makeOffice();
    const run = await cli(["import", "--root", root, "--from", LISTING, "--input-format", "bind"], root);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/kudus-listing\.json:\d+: /);
  });

  it("documents the exit codes in --help", async () => {
    const run = await cli(["import", "--help"], ".");
    expect(run.code).toBe(0);
    expect(run.out).toContain("Kode keluar (exit codes): 0");
    expect(run.out).toContain("1 ada rekaman yang tidak diimpor");
  });

  it("exits 0 when every record is imported", async () => {
    const root = makeOffice();
    writeFileSync(
      path.join(root, "ok.zone"),
      "@ IN SOA a. b. 1 2 3 4 5\n@ IN NS ada.ns.cloudflare.com.\nbappeda IN A 103.147.222.50\n",
    );
    const run = await cli(["import", "--root", root, "--from", "ok.zone"], root);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(root, "requests/bappeda.yaml"))).toBe(true);
  });
});
