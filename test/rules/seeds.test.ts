import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadPolicy } from "../../src/adapters/governance.ts";
import { validateRepository } from "../../src/adapters/repository.ts";
import type { Request } from "../../src/core/types.ts";
import { OFFICE as ROOT } from "../support/office.ts";
import { NOW } from "./helpers.ts";

const files = readdirSync(join(ROOT, "requests")).filter((f) => f.endsWith(".yaml"));
const seeds = files.map((f) => parse(readFileSync(join(ROOT, "requests", f), "utf8")) as Request);

describe("the fixture office's requests", () => {
  it("validate without errors today", async () => {
    const { policy } = await loadPolicy(ROOT);
    const result = await validateRepository(ROOT, { policy, now: new Date() });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("validate without any finding on the reference date", async () => {
    const { policy } = await loadPolicy(ROOT);
    const result = await validateRepository(ROOT, { policy, now: NOW });
    expect(result.files).toBe(files.length);
    expect(result.diagnostics).toEqual([]);
  });

  it("start with the schema line", () => {
    for (const f of files) {
      const first = readFileSync(join(ROOT, "requests", f), "utf8").split("\n")[0];
      expect(first, f).toBe("# yaml-language-server: $schema=../../../../schema/request.schema.json");
    }
  });

  it("cover every hosting kind, namespaces, nesting, kegiatan and every record type", () => {
    expect(new Set(seeds.map((s) => s.hosting.jenis))).toEqual(
      new Set(["server", "tunnel", "static", "eksternal", "tanpa"]),
    );
    expect(seeds.some((s) => s.subdomain.endsWith(".desa") && s.instansi.jenis === "desa")).toBe(true);
    expect(seeds.some((s) => s.subdomain.endsWith(".kec") && s.instansi.jenis === "kecamatan")).toBe(true);
    expect(seeds.some((s) => s.subdomain === "spmb.disdikpora")).toBe(true);
    expect(seeds.some((s) => s.klasifikasi === "kegiatan" && s.berlaku_sampai !== undefined)).toBe(true);
    const types = new Set(seeds.flatMap((s) => (s.dns ?? []).map((r) => r.type)));
    expect(types).toEqual(new Set(["A", "AAAA", "CNAME", "MX", "TXT", "CAA", "SRV"]));
  });
});
