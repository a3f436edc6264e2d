import { describe, expect, it } from "vitest";
import { buildDesiredState, type DesiredState } from "../../src/core/infra/desired-state.ts";
import { diffDesiredStates, isEmptyDiff } from "../../src/core/infra/diff.ts";
import { renderDiff, renderPlan } from "../../src/core/infra/render.ts";
import type { HostingAccount, LoadedRequest } from "../../src/core/types.ts";
import { request, settings } from "./helpers.ts";

const web1 = {
  name: "web1",
  kind: "linux",
  address: "10.10.1.30",
  hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8wesHfWZfptNAtg+zovO79geXa6KrXJMVSB9MyXsW+",
  php: ["8.2", "8.3"],
  packages: {
    kecil: { diskQuotaMb: 1024 },
    sedang: { diskQuotaMb: 5120, phpMaxChildren: 10, phpMemoryLimitMb: 256 },
  },
};
const cpanel = {
  name: "cpanel",
  kind: "whm",
  address: "whm.kuduskab.go.id",
  packages: { dasar: { diskQuotaMb: 2048 } },
};
const zone = settings({ hostingServers: [web1] });
const withAkun = (subdomain: string, akun: HostingAccount): LoadedRequest =>
  request(subdomain, { jenis: "server", akun });
const state = (requests: LoadedRequest[], stack = zone): DesiredState => buildDesiredState(requests, stack);

describe("desired hosting accounts", () => {
  it("places each account with its user, server, limits, PHP and database, sorted like the records", () => {
    const built = state([
      withAkun("getasrabi.desa", { paket: "kecil" }),
      withAkun("dinkes", { paket: "sedang", php: "8.3", database: true }),
      request("arsip", "tunnel"),
      request("web", "server"),
    ]);
    expect(built.accounts).toEqual([
      {
        fqdn: "getasrabi.desa.kuduskab.go.id",
        user: "do-getasrabi_desa",
        server: "web1",
        serverKind: "linux",
        package: "kecil",
        limits: { diskQuotaMb: 1024, phpMaxChildren: 5, phpMemoryLimitMb: 128 },
        php: "8.2",
        database: false,
        contact: "admin",
        contactEmail: "b@kuduskab.go.id",
        request: "getasrabi.desa",
      },
      {
        fqdn: "dinkes.kuduskab.go.id",
        user: "do-dinkes",
        server: "web1",
        serverKind: "linux",
        package: "sedang",
        limits: { diskQuotaMb: 5120, phpMaxChildren: 10, phpMemoryLimitMb: 256 },
        php: "8.3",
        database: true,
        contact: "admin",
        contactEmail: "b@kuduskab.go.id",
        request: "dinkes",
      },
    ]);
    // The account adds nothing to DNS: the same proxied records as a server request without one.
    expect(built.records.filter((r) => r.request === "dinkes").map((r) => r.type)).toEqual(["A", "AAAA"]);
  });

  it("is independent of the order of the requests", () => {
    const requests = [
      withAkun("b", { paket: "kecil" }),
      withAkun("a.b", { paket: "kecil" }),
      withAkun("a", { paket: "kecil" }),
    ];
    const forward = state(requests).accounts.map((a) => a.fqdn);
    expect(forward).toEqual(["a.kuduskab.go.id", "b.kuduskab.go.id", "a.b.kuduskab.go.id"]);
    expect(state([...requests].reverse()).accounts.map((a) => a.fqdn)).toEqual(forward);
  });

  it("chooses the named server among several, and a WHM server's PHP stays its own", () => {
    const two = settings({ hostingServers: [web1, cpanel] });
    const [account] = state([withAkun("bkd", { paket: "dasar", server: "CPanel" })], two).accounts;
    expect(account).toMatchObject({ server: "cpanel", serverKind: "whm", php: null, package: "dasar" });
  });

  it.each([
    ["no server in the stack", withAkun("dinkes", { paket: "kecil" }), settings()],
    ["a server the stack lacks", withAkun("dinkes", { paket: "kecil", server: "web9" }), zone],
    [
      "several servers, none named",
      withAkun("dinkes", { paket: "dasar" }),
      settings({ hostingServers: [web1, cpanel] }),
    ],
    ["an unknown package", withAkun("dinkes", { paket: "raksasa" }), zone],
    ["an unsupported PHP version", withAkun("dinkes", { paket: "kecil", php: "7.4" }), zone],
  ])("refuses %s before apply, naming the file", (_name, loaded, stack) => {
    expect(() => state([loaded], stack)).toThrow(
      /^akun hosting tidak dapat ditempatkan, tidak ada yang diterapkan .*\n {2}requests\/dinkes\.yaml: /,
    );
  });

  it("refuses two accounts with one Linux user", () => {
    const left = withAkun("kantordinaskudusx-000000006kwr", { paket: "kecil" });
    const right = withAkun("kantordinaskudusx-00000000djdt", { paket: "kecil" });
    expect(() => state([left, right])).toThrow(
      "requests/kantordinaskudusx-00000000djdt.yaml: pengguna Linux do-kantordinaskudusx__07d6fedb4d sudah dipakai requests/kantordinaskudusx-000000006kwr.yaml",
    );
  });

  it("ignores an akun on another kind (the validator refuses it)", () => {
    expect(state([request("web", { jenis: "static", akun: { paket: "kecil" } })]).accounts).toEqual([]);
  });
});

describe("plan and diff of hosting accounts", () => {
  const base = state([
    withAkun("dinkes", { paket: "kecil" }),
    withAkun("lama", { paket: "kecil", database: true }),
    withAkun("tetap", { paket: "kecil" }),
  ]);
  const head = state([
    withAkun("dinkes", { paket: "sedang", php: "8.3", database: true }),
    withAkun("baru", { paket: "kecil" }),
    withAkun("tetap", { paket: "kecil" }),
  ]);
  const diff = diffDesiredStates(base, head);

  it("pairs accounts by name: created, changed (with the fields), archived then removed", () => {
    expect(diff.accounts.map((c) => [c.kind, c.fqdn, c.fields])).toEqual([
      ["add", "baru.kuduskab.go.id", []],
      ["update", "dinkes.kuduskab.go.id", ["package", "php", "database"]],
      ["remove", "lama.kuduskab.go.id", []],
    ]);
    expect(isEmptyDiff(diffDesiredStates(head, head))).toBe(true);
  });

  const web2 = { ...web1, name: "web2" };
  const before = state(
    [withAkun("dinkes", { paket: "kecil", server: "web1" })],
    settings({ hostingServers: [web1, web2] }),
  );
  const resized = { ...web1, packages: { ...web1.packages, kecil: { diskQuotaMb: 2048 } } };
  const workers = { ...web1, packages: { kecil: { diskQuotaMb: 1024, phpMaxChildren: 6 } } };
  const memory = { ...web1, packages: { kecil: { diskQuotaMb: 1024, phpMemoryLimitMb: 129 } } };
  it.each([
    ["a changed server", { paket: "kecil", server: "web2" }, [web1, web2], ["server"]],
    ["resized limits of the same package", { paket: "kecil", server: "web1" }, [resized, web2], ["limits"]],
    ["more PHP workers", { paket: "kecil", server: "web1" }, [workers, web2], ["limits"]],
    ["more PHP memory", { paket: "kecil", server: "web1" }, [memory, web2], ["limits"]],
    ["a changed package", { paket: "sedang", server: "web1" }, [web1, web2], ["package"]],
    ["PHP only", { paket: "kecil", server: "web1", php: "8.3" }, [web1, web2], ["php"]],
    ["database only", { paket: "kecil", server: "web1", database: true }, [web1, web2], ["database"]],
  ])("names %s", (_name, akun, servers, fields) => {
    const after = state([withAkun("dinkes", akun)], settings({ hostingServers: servers }));
    expect(diffDesiredStates(before, after).accounts.map((c) => [c.kind, c.fields])).toEqual([
      ["update", fields],
    ]);
  });

  it("names a changed technical contact, whose keys open the account", () => {
    const other = withAkun("dinkes", { paket: "kecil", server: "web1" });
    const contact = other.request.pengelola_teknis;
    if (contact === undefined) throw new Error("fixture request without pengelola_teknis");
    other.request.pengelola_teknis = { ...contact, github: "operator-dinkes" };
    const after = state([other], settings({ hostingServers: [web1, web2] }));
    expect(after.accounts[0]?.contact).toBe("operator-dinkes");
    expect(diffDesiredStates(before, after).accounts.map((c) => [c.kind, c.fields])).toEqual([
      ["update", ["contact"]],
    ]);
  });

  it("shows the accounts in the plan: text, Markdown and JSON", () => {
    const text = renderPlan(head, "text");
    expect(text).toContain(
      "Zona kuduskab.go.id: 6 rekaman DNS, 0 aturan tunnel, 0 situs Pages, 3 akun hosting.",
    );
    expect(text.slice(text.indexOf("Akun hosting"))).toMatchInlineSnapshot(`
      "Akun hosting (hosting accounts):
        baru.kuduskab.go.id -> web1 do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin
        dinkes.kuduskab.go.id -> web1 do-dinkes sedang (disk 5120 MiB, PHP 8.3 ×10, 256 MiB, database), SFTP @admin
        tetap.kuduskab.go.id -> web1 do-tetap kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin
      "
    `);
    const md = renderPlan(head, "markdown");
    expect(md.slice(md.indexOf("**Akun hosting"))).toMatchInlineSnapshot(`
      "**Akun hosting (hosting accounts)**

      - \`baru.kuduskab.go.id\` → \`web1 do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin\`
      - \`dinkes.kuduskab.go.id\` → \`web1 do-dinkes sedang (disk 5120 MiB, PHP 8.3 ×10, 256 MiB, database), SFTP @admin\`
      - \`tetap.kuduskab.go.id\` → \`web1 do-tetap kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin\`
      "
    `);
    expect(JSON.parse(renderPlan(head, "json")).accounts).toEqual(head.accounts);
    expect(renderPlan(state([request("web", "server")]), "text")).not.toContain(
      "Akun hosting (hosting accounts):",
    );
  });

  it("shows who logs in: SFTP or cPanel with the contact's login, or no contact, escaped in Markdown", () => {
    const base = head.accounts[0];
    if (base === undefined) throw new Error("fixture state without accounts");
    const accounts = [
      { ...base, fqdn: "a.kuduskab.go.id", contact: null },
      { ...base, fqdn: "b.kuduskab.go.id", server: "cpanel", serverKind: "whm" as const, contact: "ops" },
      { ...base, fqdn: "c.kuduskab.go.id", contact: "x`|@y" },
    ];
    const lines = (format: "text" | "markdown") =>
      renderPlan({ ...head, accounts }, format)
        .split("\n")
        .filter((line) => /(a|b|c)\.kuduskab\.go\.id.? (->|→)/.test(line));
    expect(lines("text")).toEqual([
      "  a.kuduskab.go.id -> web1 do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), tanpa kontak (no contact)",
      "  b.kuduskab.go.id -> cpanel do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), cPanel @ops",
      "  c.kuduskab.go.id -> web1 do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @x`|@y",
    ]);
    expect(lines("markdown")[2]).toBe(
      "- `c.kuduskab.go.id` → ``web1 do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @x`\\|@y``",
    );
  });

  it("shows the account changes in the diff, a removal loudly", () => {
    const text = renderDiff(diff, "text");
    expect(text).toContain("; 3 perubahan akun hosting.");
    expect(text).toContain("!! Penghapusan");
    expect(text.slice(text.indexOf("+ Akun"))).toMatchInlineSnapshot(`
      "+ Akun hosting (hosting accounts): baru.kuduskab.go.id web1 do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin
      ~ Akun hosting (hosting accounts): dinkes.kuduskab.go.id web1 do-dinkes kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin → web1 do-dinkes sedang (disk 5120 MiB, PHP 8.3 ×10, 256 MiB, database), SFTP @admin [package, php, database]
      - Akun hosting (hosting accounts): lama.kuduskab.go.id web1 do-lama kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB, database), SFTP @admin  <<< DIARSIPKAN LALU DIHAPUS (ARCHIVED THEN REMOVED)
      "
    `);
    const md = renderDiff(diff, "markdown");
    expect(md).toContain("> [!WARNING]");
    expect(md.slice(md.indexOf("**Akun hosting"))).toMatchInlineSnapshot(`
      "**Akun hosting (hosting accounts)**

      - 🟢 dibuat (created): \`baru.kuduskab.go.id web1 do-baru kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin\`
      - 🟡 DIUBAH (CHANGED): \`dinkes.kuduskab.go.id web1 do-dinkes kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB), SFTP @admin → web1 do-dinkes sedang (disk 5120 MiB, PHP 8.3 ×10, 256 MiB, database), SFTP @admin [package, php, database]\`
      - 🔴 **DIARSIPKAN LALU DIHAPUS (ARCHIVED THEN REMOVED)**: \`lama.kuduskab.go.id web1 do-lama kecil (disk 1024 MiB, PHP 8.2 ×5, 128 MiB, database), SFTP @admin\`
      "
    `);
    expect(JSON.parse(renderDiff(diff, "json")).accounts).toHaveLength(3);
  });

  it("sorts the changes by name, removals among them", () => {
    const changes = diffDesiredStates(
      state([withAkun("arsip", { paket: "kecil" })]),
      state([withAkun("baru", { paket: "kecil" })]),
    ).accounts;
    expect(changes.map((c) => [c.kind, c.fqdn])).toEqual([
      ["remove", "arsip.kuduskab.go.id"],
      ["add", "baru.kuduskab.go.id"],
    ]);
  });

  it("warns when only an account goes, its DNS records staying", () => {
    const only = diffDesiredStates(
      state([withAkun("lama", { paket: "kecil" })]),
      state([request("lama", "server")]),
    );
    expect(only.records).toEqual([]);
    expect(renderDiff(only, "text")).toContain("!! Penghapusan");
    expect(renderDiff(only, "markdown")).toContain("> [!WARNING]");
  });

  it("warns of nothing when accounts are only created", () => {
    const added = diffDesiredStates(state([]), state([withAkun("baru", { paket: "kecil" })]));
    expect(renderDiff(added, "text")).not.toContain("!!");
    expect(renderDiff(added, "markdown")).not.toContain("[!WARNING]");
  });
});

describe("1,000 accounts", () => {
  it("are planned (desired state and every plan format) well under 2 s", () => {
    const requests = Array.from({ length: 1000 }, (_, i) =>
      withAkun(i % 2 === 0 ? `unit-${i}` : `unit-${i}.desa`, {
        paket: i % 3 === 0 ? "sedang" : "kecil",
        database: i % 2 === 0,
      }),
    );
    const started = performance.now();
    const built = state(requests);
    for (const format of ["text", "json", "markdown"] as const) renderPlan(built, format);
    const elapsed = performance.now() - started;
    expect(built.accounts).toHaveLength(1000);
    // Measured 80 ms warm, under 500 ms cold in a test worker; 2 s is the figure asked for.
    expect(elapsed).toBeLessThan(2000);
  });
});
