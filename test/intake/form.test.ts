/**
 * The issue form agrees with the request schema: every dropdown offers exactly the schema's enum,
 * every field the schema requires of a request is asked and required, and nothing is asked that a
 * request does not hold (no NIK, no phone number, no GitHub account: the author is that).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FIELDS } from "../../src/core/intake/fields.ts";
import { buildIssueForm, type SchemaNode, schemaAt } from "../../src/core/intake/form.ts";
import { TOOL } from "../support/office.ts";

const schema = JSON.parse(readFileSync(path.join(TOOL, "schema/request.schema.json"), "utf8")) as SchemaNode;

interface Element {
  type: string;
  id?: string;
  attributes: { label?: string; description?: string; options?: unknown[] };
  validations?: { required?: boolean };
}

const form = parse(buildIssueForm(schema)) as { name: string; body: Element[] };
const elements = form.body.filter((e) => e.type !== "markdown");
const pathOf = (id: string | undefined) => FIELDS.find((f) => f.id === id)?.path;
const key = (p: readonly string[]) => p.join(".");

/** Leaf paths a request (not an import) must hold, from `required` and the `then` branch. */
function requiredLeaves(node: SchemaNode, prefix: string[] = [], extra: string[] = []): string[] {
  const out: string[] = [];
  for (const name of [...(node.required ?? []), ...extra]) {
    const child = schemaAt(node, [name]);
    if (child?.properties) out.push(...requiredLeaves(child, [...prefix, name]));
    else out.push(key([...prefix, name]));
  }
  return out;
}

describe("issue form", () => {
  it("offers exactly the schema's enum in every dropdown", () => {
    const dropdowns = elements.filter((e) => e.type === "dropdown");
    expect(dropdowns.map((e) => e.id)).toEqual(["instansi-jenis", "klasifikasi", "hosting-jenis"]);
    for (const element of dropdowns) {
      const p = pathOf(element.id) as readonly string[];
      expect(element.attributes.options).toEqual(schemaAt(schema, p)?.enum);
    }
    expect(elements.find((e) => e.id === "klasifikasi")?.attributes.options).toEqual([
      "instansi",
      "layanan_publik",
      "kegiatan",
    ]);
  });

  it("asks every field the schema requires, as required, except the GitHub account (the author)", () => {
    const required = requiredLeaves(schema, [], schema.then?.required ?? []).filter(
      (p) => p !== "pengelola_teknis.github",
    );
    expect(required).toContain("surat.tanggal");
    expect(required).toContain("hosting.jenis");
    const asked = new Map(
      elements.map((e) => {
        const p = pathOf(e.id);
        return [Array.isArray(p) ? key(p) : String(p), e.validations?.required === true] as const;
      }),
    );
    for (const p of required)
      expect({ field: p, required: asked.get(p) }).toEqual({ field: p, required: true });
  });

  it("maps every field to a path the schema knows, and covers every request property but impor", () => {
    const paths = FIELDS.flatMap((f) => (Array.isArray(f.path) ? [f.path as readonly string[]] : []));
    for (const p of paths) expect(schemaAt(schema, p), key(p)).toBeDefined();
    const covered = new Set(paths.map((p) => p[0]));
    covered.add("dns");
    const top = Object.keys(schema.properties ?? {}).filter((name) => name !== "impor");
    expect(top.filter((name) => !covered.has(name))).toEqual([]);
    expect(paths.map(key)).not.toContain("pengelola_teknis.github");
  });

  it("never asks for an ID card number or a phone number", () => {
    for (const element of elements) {
      expect(element.attributes.label).not.toMatch(/\bNIK\b|telepon|phone|\bHP\b|KTP/i);
      expect(element.id).not.toMatch(/nik|phone|telepon|(^|-)hp($|-)/i);
    }
  });

  it("has unique, bilingual labels and descriptions (Bahasa Indonesia first, English in brackets)", () => {
    const labels = elements.map((e) => e.attributes.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const element of elements) {
      expect(element.attributes.label).toMatch(/^[^(]+ \([^)]+\)$/);
      expect(element.attributes.description?.split("\n")).toHaveLength(2);
    }
  });

  it("requires the personal data confirmation and renders the DNS records as a code block", () => {
    const pdp = elements.find((e) => e.id === "pdp");
    expect(pdp?.type).toBe("checkboxes");
    expect(pdp?.attributes.options).toEqual([expect.objectContaining({ required: true })]);
    expect(elements.find((e) => e.id === "dns")?.attributes).toMatchObject({ render: "text" });
  });
});
