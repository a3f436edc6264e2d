import { describe, expect, it } from "vitest";
import { buildDesiredState } from "../../src/core/infra/desired-state.ts";
import { diffDesiredStates, isEmptyDiff, renderDiffMarkdown } from "../../src/core/infra/diff.ts";
import { renderDiff } from "../../src/core/infra/render.ts";
import { request, settings } from "./helpers.ts";

const zone = settings();
const state = (...requests: Parameters<typeof buildDesiredState>[0]) => buildDesiredState(requests, zone);

describe("diffDesiredStates", () => {
  it("finds nothing between equal states", () => {
    const a = state(request("dinkes", "server"), request("arsip", "tunnel"));
    const diff = diffDesiredStates(a, a);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(renderDiffMarkdown(diff)).toContain("Tidak ada perubahan pada zona");
  });

  it("classifies added, updated, replaced and removed records the way Pulumi will act", () => {
    const base = state(
      request("dinkes", "server"),
      request("bkd", "eksternal", [{ type: "A", content: "198.51.100.7" }]),
      request("web", "server"),
      request("lama", "tanpa", [{ type: "TXT", content: "x=1" }]),
    );
    const head = state(
      request("dinkes", "server"),
      request("bkd", "eksternal", [{ type: "A", content: "198.51.100.7", ttl: 3600 }]),
      request("web", { jenis: "tunnel", service: "http://10.0.0.5:80" }),
      request("baru", "static"),
    );
    const diff = diffDesiredStates(base, head);
    expect(diff.records.map((c) => [c.kind, c.key, c.fields])).toEqual([
      ["add", "baru.kuduskab.go.id", []],
      ["update", "bkd.kuduskab.go.id", ["ttl"]],
      ["remove", "lama.kuduskab.go.id", []],
      ["replace", "web.kuduskab.go.id", ["type", "content"]],
      ["remove", "web.kuduskab.go.id/AAAA/2001-db8-1000--10", []],
    ]);
    expect(diff.counts).toEqual({ add: 1, update: 1, replace: 1, remove: 2 });
    expect(diff.baseRecords).toBe(6);
    expect(diff.hosting.map((h) => [h.kind, h.resource, h.name, h.before, h.after])).toEqual([
      ["add", "pages", "baru.kuduskab.go.id", null, "baru-kuduskab@main"],
      ["add", "tunnel-ingress", "web.kuduskab.go.id", null, "http://10.0.0.5:80"],
    ]);
  });

  it("updates a new address or CNAME target in place, the name's other records untouched", () => {
    const cname = (target: string) =>
      state(request("app", "eksternal", [{ type: "CNAME", content: target }]));
    expect(diffDesiredStates(cname("a.vendor.co.id"), cname("b.vendor.co.id")).records[0]?.kind).toBe(
      "update",
    );
    const address = (ip: string) =>
      state(
        request("app", "eksternal", [
          { type: "A", content: ip },
          { type: "MX", content: "mx.vendor.co.id", priority: 10 },
          { type: "TXT", content: "v=spf1 -all" },
        ]),
      );
    const diff = diffDesiredStates(address("198.51.100.7"), address("198.51.100.8"));
    expect(diff.records.map((c) => [c.kind, c.key, c.fields])).toEqual([
      ["update", "app.kuduskab.go.id", ["content"]],
    ]);
    expect(diff.counts).toEqual({ add: 0, update: 1, replace: 0, remove: 0 });
  });

  it("replaces delete-first only what Pulumi replaces: a type change, or an anchor among records of its type", () => {
    const addresses = (...ips: string[]) =>
      state(
        request("app", "eksternal", [
          ...ips.map((ip) => ({ type: "A" as const, content: ip })),
          { type: "TXT", content: "v=spf1 -all" },
        ]),
      );
    const changes = (from: string[], to: string[]) =>
      diffDesiredStates(addresses(...from), addresses(...to)).records.map((c) => `${c.kind} ${c.key}`);
    // The second of two A records gets a new address: its key holds its value, so delete + create.
    expect(changes(["198.51.100.7", "198.51.100.8"], ["198.51.100.7", "198.51.100.9"])).toEqual([
      "remove app.kuduskab.go.id/A/198.51.100.8",
      "add app.kuduskab.go.id/A/198.51.100.9",
    ]);
    // The first one would take the second's value: the anchor is replaced, with the name's other records.
    expect(changes(["198.51.100.7", "198.51.100.8"], ["198.51.100.8"])).toEqual([
      "replace app.kuduskab.go.id",
      "remove app.kuduskab.go.id/A/198.51.100.8",
      expect.stringMatching(/^replace app\.kuduskab\.go\.id\/TXT\/h[0-9a-f]{16}$/),
    ]);
    expect(
      renderDiff(
        diffDesiredStates(addresses("198.51.100.7", "198.51.100.8"), addresses("198.51.100.8")),
        "text",
      ),
    ).toContain(
      "! app.kuduskab.go.id TXT v=spf1 -all (ttl auto) [diganti bersama rekaman pertama di nama ini (replaced with the first record at this name)]  <<< DIGANTI (REPLACED)",
    );
  });

  it("reports hosting changes: a tunnel service moved, a Pages site removed", () => {
    const base = state(
      request("arsip", { jenis: "tunnel", service: "http://10.0.0.5:80" }),
      request("web", "static"),
    );
    const head = state(request("arsip", { jenis: "tunnel", service: "http://10.0.0.9:80" }));
    expect(diffDesiredStates(base, head).hosting).toEqual([
      {
        kind: "update",
        resource: "tunnel-ingress",
        name: "arsip.kuduskab.go.id",
        before: "http://10.0.0.5:80",
        after: "http://10.0.0.9:80",
        request: "arsip",
      },
      {
        kind: "remove",
        resource: "pages",
        name: "web.kuduskab.go.id",
        before: "web-kuduskab@main",
        after: null,
        request: "web",
      },
    ]);
  });
});

describe("rendering a diff", () => {
  const app = (ip: string) =>
    request("app", "eksternal", [
      { type: "A", content: ip },
      { type: "MX", content: "mx.vendor.co.id", priority: 10 },
    ]);
  const base = state(
    app("198.51.100.7"),
    request("web", "server"),
    request("lama", "tanpa", [{ type: "TXT", content: "a|b`c" }]),
  );
  const head = state(app("198.51.100.8"), request("web", "tunnel"));
  const diff = diffDesiredStates(base, head);

  it("Markdown shows an address change as an update, highlights removals and replacements, keeps cells intact", () => {
    expect(renderDiffMarkdown(diff)).toMatchInlineSnapshot(`
      "### Perubahan DNS (DNS changes): \`kuduskab.go.id\`

      Zona kuduskab.go.id: 0 ditambah, 1 diubah di tempat, 1 diganti (hapus dulu), 2 dihapus dari 5 rekaman; 1 perubahan hosting; 0 perubahan akun hosting.

      _Zone kuduskab.go.id: 0 added, 1 updated in place, 1 replaced (deleted first), 2 removed of 5 records; 1 hosting changes; 0 hosting account changes._

      > [!WARNING]
      > Penghapusan dan penggantian memutus nama yang sedang dipakai; pastikan disengaja.
      > _Removals and replacements take down names in use; make sure they are intended._

      | | Nama (name) | Sebelum (before) | Sesudah (after) | Permohonan (request) |
      | --- | --- | --- | --- | --- |
      | 🟡 DIUBAH (UPDATED) | \`app.kuduskab.go.id\` | \`A 198.51.100.7 (ttl auto)\` | \`A 198.51.100.8 (ttl auto)\` | app |
      | 🔴 **DIHAPUS (REMOVED)** | \`lama.kuduskab.go.id\` | \`\`TXT a\\|b\`c (ttl auto)\`\` |  | lama |
      | 🟠 **DIGANTI (REPLACED)** | \`web.kuduskab.go.id\` | \`A 203.0.113.10 (proxied, ttl auto)\` | \`CNAME 6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f.cfargotunnel.com (proxied, ttl auto)\` | web |
      | 🔴 **DIHAPUS (REMOVED)** | \`web.kuduskab.go.id\` | \`AAAA 2001:db8:1000::10 (proxied, ttl auto)\` |  | web |

      **Hosting**

      - 🟢 ditambah (added): Tunnel web.kuduskab.go.id → http://10.10.1.20:80
      "
    `);
  });

  it("text marks risky lines, JSON carries the whole diff", () => {
    const text = renderDiff(diff, "text");
    expect(text).toContain("! web.kuduskab.go.id A 203.0.113.10 (proxied, ttl auto) → CNAME");
    expect(text).toContain("<<< DIGANTI (REPLACED)");
    expect(text).toContain(
      "~ app.kuduskab.go.id A 198.51.100.7 (ttl auto) → A 198.51.100.8 (ttl auto) [content]\n",
    );
    expect(text).toContain("- lama.kuduskab.go.id TXT a|b`c (ttl auto)  <<< DIHAPUS (REMOVED)");
    expect(JSON.parse(renderDiff(diff, "json")).counts).toEqual({ add: 0, update: 1, replace: 1, remove: 2 });
  });
});
