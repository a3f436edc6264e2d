import { describe, expect, it } from "vitest";
import { readHeadRequests } from "../../src/adapters/head-requests.ts";

const files: Record<string, string> = {
  "requests/impor.yaml": "subdomain: impor\nimpor:\n  sumber: cloudflare\n  tanggal: 2026-12-01\n",
  "requests/biasa.yaml": "subdomain: biasa\nhosting:\n  jenis: static\n  project: Situs-Biasa\n",
  "requests/kosong.yaml": "subdomain: kosong\nimpor: null\n",
  "requests/rusak.yaml": "subdomain: [rusak\n",
};
const read = async (path: string) => {
  const text = files[path];
  return text === undefined ? null : new TextEncoder().encode(text);
};

describe("the pull request's versions of its request files", () => {
  it("say which Pages project each names and whether it carries the impor marker", async () => {
    const head = await readHeadRequests(
      [
        { filename: "requests/impor.yaml", status: "added" },
        { filename: "requests/biasa.yaml", status: "modified" },
        { filename: "requests/kosong.yaml", status: "added" },
        { filename: "requests/rusak.yaml", status: "added" },
        { filename: "requests/hilang.yaml", status: "added" },
        { filename: "requests/dihapus.yaml", status: "removed" },
        { filename: "governance/sop.yaml", status: "modified" },
      ],
      read,
    );
    expect(head).toEqual({
      "requests/impor.yaml": { project: null, impor: true },
      "requests/biasa.yaml": { project: "situs-biasa", impor: false },
      "requests/kosong.yaml": { project: null, impor: false },
      "requests/hilang.yaml": null,
    });
  });
});
