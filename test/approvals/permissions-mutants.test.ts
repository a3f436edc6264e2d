/**
 * Who may change what, pinned down exactly: which paths are request files, each author's role, every
 * violation with its file and message, and the order they come in. A change to the permission rules
 * must fail here.
 */
import { describe, expect, it } from "vitest";
import {
  checkPermissions,
  isRequestPath,
  type PermissionResult,
} from "../../src/core/approvals/permissions.ts";
import type { BaseRequests, PullFile } from "../../src/core/approvals/pull.ts";
import { APPLICANT, local, OTHER_APPLICANT, preset } from "./helpers.ts";

const g = await preset("kudus");
const at = local(g, "2026-11-24T09:00");
const ADMIN = { login: "kds-platform-admin", id: 91000101 };
const OFFICIAL = { login: "kds-kasi", id: 91000113 };

const check = (
  author: { login: string; id: number },
  files: PullFile[],
  baseRequests?: BaseRequests,
  when: Date = at,
): PermissionResult =>
  checkPermissions({ author, files, governance: g, at: when, ...(baseRequests ? { baseRequests } : {}) });

const outside = (file: string) => ({
  file,
  message: {
    id: `Berkas "${file}" berada di luar requests/; perubahan governance/, kode dan workflow hanya boleh oleh admin platform.`,
    en: `File "${file}" is outside requests/; changes to governance/, code and workflows are for platform admins only.`,
  },
});
const unreadable = (file: string) => ({
  file,
  message: {
    id: `Versi "${file}" di cabang dasar tidak dapat dibaca, sehingga pemiliknya tidak dapat diperiksa.`,
    en: `The base-branch version of "${file}" could not be read, so its owner cannot be checked.`,
  },
});
const notOwner = (file: string, owner: string | null, login = APPLICANT.login) => ({
  file,
  message: {
    id: `"${file}" milik pengelola teknis ${owner ? `@${owner}` : "(tidak tercatat)"}; @${login} hanya boleh mengubah permohonan yang pengelola_teknis.github-nya adalah dirinya (atau minta pejabat/admin).`,
    en: `"${file}" belongs to technical admin ${owner ? `@${owner}` : "(not recorded)"}; @${login} may only change requests whose pengelola_teknis.github is themselves (or ask an official/admin).`,
  },
});

describe("isRequestPath", () => {
  it.each<[string, boolean]>([
    ["requests/dinkes.yaml", true],
    ["requests/a", true],
    ["requests/sub/dinkes.yaml", true],
    ["requests/", false],
    ["requests", false],
    ["requestsx/dinkes.yaml", false],
    ["x/requests/dinkes.yaml", false],
    ["requests/../package.json", false],
    ["requests/a..yaml", false],
    ["Requests/dinkes.yaml", false],
    ["", false],
  ])("%j → %s", (path, expected) => {
    expect(isRequestPath(path)).toBe(expected);
  });
});

describe("checkPermissions: roles", () => {
  it.each<[string, { login: string; id: number }, Date, PermissionResult["authorRole"]]>([
    ["an admin", ADMIN, at, "admin"],
    ["an admin known by id under a new login", { login: "renamed-admin", id: 91000101 }, at, "admin"],
    ["an official in office", OFFICIAL, at, "official"],
    [
      "an official before their term",
      { login: "kds-kabid", id: 91000112 },
      local(g, "2026-03-31T09:00"),
      "applicant",
    ],
    [
      "an official on the first day of their term",
      { login: "kds-kabid", id: 91000112 },
      local(g, "2026-04-01T00:30"),
      "official",
    ],
    ["an applicant", APPLICANT, at, "applicant"],
    ["a stranger using an official's login with another id", { login: "kds-kasi", id: 1 }, at, "applicant"],
  ])("%s", (_label, author, when, role) => {
    expect(check(author, [], undefined, when)).toEqual({
      ok: true,
      touchesRequests: false,
      authorRole: role,
      violations: [],
    });
  });
});

describe("checkPermissions: request files", () => {
  it.each<[string, PullFile[], boolean]>([
    ["an added request", [{ filename: "requests/a.yaml", status: "added" }], true],
    ["code only", [{ filename: "src/x.ts", status: "modified" }], false],
    [
      "a request moved out of requests/ (the old side is a request)",
      [{ filename: "docs/a.yaml", status: "renamed", previous_filename: "requests/a.yaml" }],
      true,
    ],
    [
      "a request among other files",
      [
        { filename: "README.md", status: "modified" },
        { filename: "requests/a.yaml", status: "added" },
      ],
      true,
    ],
    ["requests/ itself", [{ filename: "requests/", status: "added" }], false],
  ])("touchesRequests for %s: %s (admin, so no violation)", (_label, files, touches) => {
    expect(check(ADMIN, files)).toEqual({
      ok: true,
      touchesRequests: touches,
      authorRole: "admin",
      violations: [],
    });
  });
});

describe("checkPermissions: violations", () => {
  const mine: BaseRequests = {
    "requests/dinkes.yaml": { pengelola_github: APPLICANT.login },
    "requests/DINKES-upper.yaml": { pengelola_github: APPLICANT.login.toUpperCase() },
    "requests/disdik.yaml": { pengelola_github: OTHER_APPLICANT.login },
    "requests/lama.yaml": { pengelola_github: null },
    "requests/baru.yaml": null,
  };

  it.each<[string, PullFile[], ReturnType<typeof outside>[]]>([
    ["a new request", [{ filename: "requests/x.yaml", status: "added" }], []],
    [
      "an added file that exists on the base with another owner",
      [{ filename: "requests/disdik.yaml", status: "added" }],
      [],
    ],
    ["own request modified", [{ filename: "requests/dinkes.yaml", status: "modified" }], []],
    [
      "own request, owner recorded in another case",
      [{ filename: "requests/DINKES-upper.yaml", status: "modified" }],
      [],
    ],
    ["own request removed", [{ filename: "requests/dinkes.yaml", status: "removed" }], []],
    [
      "a request not on the base branch after all",
      [{ filename: "requests/baru.yaml", status: "modified" }],
      [],
    ],
    [
      "another unit's request modified",
      [{ filename: "requests/disdik.yaml", status: "modified" }],
      [notOwner("requests/disdik.yaml", OTHER_APPLICANT.login)],
    ],
    [
      "another unit's request removed",
      [{ filename: "requests/disdik.yaml", status: "removed" }],
      [notOwner("requests/disdik.yaml", OTHER_APPLICANT.login)],
    ],
    [
      "another unit's request renamed to a new name: judged by its old name",
      [{ filename: "requests/mine-now.yaml", status: "renamed", previous_filename: "requests/disdik.yaml" }],
      [notOwner("requests/disdik.yaml", OTHER_APPLICANT.login)],
    ],
    [
      "a request without a recorded owner",
      [{ filename: "requests/lama.yaml", status: "modified" }],
      [notOwner("requests/lama.yaml", null)],
    ],
    [
      "a request whose base version could not be read",
      [{ filename: "requests/hilang.yaml", status: "modified" }],
      [unreadable("requests/hilang.yaml")],
    ],
    ["code", [{ filename: "src/main.ts", status: "modified" }], [outside("src/main.ts")]],
    [
      "a request moved out: the new side is reported",
      [{ filename: "scripts/a.yaml", status: "renamed", previous_filename: "requests/dinkes.yaml" }],
      [outside("scripts/a.yaml")],
    ],
    [
      "a workflow moved into requests/: the old side is reported",
      [{ filename: "requests/a.yaml", status: "renamed", previous_filename: ".github/workflows/apply.yml" }],
      [outside(".github/workflows/apply.yml")],
    ],
    [
      "several files: each violation once, in file order",
      [
        { filename: "requests/disdik.yaml", status: "modified" },
        { filename: "governance/sop.yaml", status: "modified" },
        { filename: "requests/dinkes.yaml", status: "modified" },
        { filename: "requests/hilang.yaml", status: "removed" },
      ],
      [
        notOwner("requests/disdik.yaml", OTHER_APPLICANT.login),
        outside("governance/sop.yaml"),
        unreadable("requests/hilang.yaml"),
      ],
    ],
  ])("applicant: %s", (_label, files, violations) => {
    expect(check(APPLICANT, files, mine)).toEqual({
      ok: violations.length === 0,
      touchesRequests: files.some((f) =>
        [f.filename, f.previous_filename].some((p) => p?.startsWith("requests/")),
      ),
      authorRole: "applicant",
      violations,
    });
  });

  it("without base versions, every existing request is unreadable", () => {
    expect(check(APPLICANT, [{ filename: "requests/dinkes.yaml", status: "modified" }]).violations).toEqual([
      unreadable("requests/dinkes.yaml"),
    ]);
  });

  it("an official may change any request, even unreadable ones, but nothing outside requests/", () => {
    const files: PullFile[] = [
      { filename: "requests/disdik.yaml", status: "modified" },
      { filename: "requests/hilang.yaml", status: "removed" },
      { filename: "schema/request.schema.json", status: "modified" },
    ];
    expect(check(OFFICIAL, files, mine)).toEqual({
      ok: false,
      touchesRequests: true,
      authorRole: "official",
      violations: [outside("schema/request.schema.json")],
    });
  });

  it("an official whose term has ended is held to the applicant's rules", () => {
    const exPlh = { login: "kds-sekdis", id: 91000116 };
    expect(check(exPlh, [{ filename: "requests/disdik.yaml", status: "modified" }], mine)).toEqual({
      ok: false,
      touchesRequests: true,
      authorRole: "applicant",
      violations: [notOwner("requests/disdik.yaml", OTHER_APPLICANT.login, "kds-sekdis")],
    });
  });

  it("an admin may change anything, requests of others included", () => {
    const files: PullFile[] = [
      { filename: "requests/disdik.yaml", status: "modified" },
      { filename: "requests/hilang.yaml", status: "removed" },
      { filename: ".github/workflows/apply.yml", status: "modified" },
    ];
    expect(check(ADMIN, files, mine)).toEqual({
      ok: true,
      touchesRequests: true,
      authorRole: "admin",
      violations: [],
    });
  });
});

describe("checkPermissions: unsafe file names", () => {
  const unsafe = (file: string, shown: string, code: string) => ({
    file,
    message: {
      id: `Nama berkas "${shown}" memuat karakter ${code} (karakter kendali, pemisah baris atau pembalik arah teks); ganti namanya.`,
      en: `The file name "${shown}" holds the character ${code} (a control, line-separator or bidi character); rename it.`,
    },
  });

  it.each<[string, { login: string; id: number }, PermissionResult["authorRole"]]>([
    ["an admin", ADMIN, "admin"],
    ["an official", OFFICIAL, "official"],
    ["an applicant", APPLICANT, "applicant"],
  ])("fail closed for %s, one violation per file", (_label, author, role) => {
    const files: PullFile[] = [
      { filename: "requests/a\nb.yaml", status: "added" },
      { filename: "docs/x\u202e.md", status: "modified" },
      { filename: "requests/new.yaml", status: "renamed", previous_filename: "requests/old\u0007.yaml" },
    ];
    expect(check(author, files, {})).toEqual({
      ok: false,
      touchesRequests: true,
      authorRole: role,
      violations: [
        unsafe("requests/a\nb.yaml", "requests/a\\u000ab.yaml", "\\u000a"),
        unsafe("docs/x\u202e.md", "docs/x\\u202e.md", "\\u202e"),
        unsafe("requests/old\u0007.yaml", "requests/old\\u0007.yaml", "\\u0007"),
      ],
    });
  });
});
