import { describe, expect, it } from "vitest";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import { checkPermissions } from "../../src/core/approvals/permissions.ts";
import type { PullFile } from "../../src/core/approvals/pull.ts";
import { renderApprovalComment } from "../../src/core/approvals/render.ts";
import { APPLICANT, local, preset, pull } from "./helpers.ts";

const g = await preset("kudus");
const at = local(g, "2026-11-24T09:00");
const mine = { "requests/dinkes.yaml": { pengelola_github: APPLICANT.login } };

describe("checkPermissions", () => {
  it.each<[string, PullFile[], Record<string, { pengelola_github: string | null } | null>, string[]]>([
    ["new request", [{ filename: "requests/dinkes-baru.yaml", status: "added" }], {}, []],
    [
      "own request renamed",
      [{ filename: "requests/dinkes2.yaml", status: "renamed", previous_filename: "requests/dinkes.yaml" }],
      mine,
      [],
    ],
    [
      "workflow moved into requests/",
      [{ filename: "requests/x.yaml", status: "renamed", previous_filename: ".github/workflows/apply.yml" }],
      {},
      [".github/workflows/apply.yml"],
    ],
    [
      "request moved out of requests/",
      [{ filename: "scripts/x.yaml", status: "renamed", previous_filename: "requests/dinkes.yaml" }],
      mine,
      ["scripts/x.yaml"],
    ],
    [
      "request whose base version has no owner",
      [{ filename: "requests/lama.yaml", status: "modified" }],
      { "requests/lama.yaml": { pengelola_github: null } },
      ["requests/lama.yaml"],
    ],
    [
      "path escaping requests/",
      [{ filename: "requests/../package.json", status: "added" }],
      {},
      ["requests/../package.json"],
    ],
    ["code", [{ filename: "src/core/approvals.ts", status: "modified" }], {}, ["src/core/approvals.ts"]],
  ])("%s", (_label, files, baseRequests, offending) => {
    const result = checkPermissions({ author: APPLICANT, files, governance: g, at, baseRequests });
    expect(result.violations.map((v) => v.file)).toEqual(offending);
    expect(result.ok).toBe(offending.length === 0);
    expect(result.authorRole).toBe("applicant");
  });

  it("an official may change any request but not governance; an admin may change anything", () => {
    const official = { login: "kds-kasi", id: 91000113 };
    const files: PullFile[] = [{ filename: "requests/disdik.yaml", status: "modified" }];
    expect(checkPermissions({ author: official, files, governance: g, at }).ok).toBe(true);
    const gov: PullFile[] = [{ filename: "governance/sop.yaml", status: "modified" }];
    expect(checkPermissions({ author: official, files: gov, governance: g, at }).ok).toBe(false);
    const admin = { login: "kds-platform-admin", id: 91000101 };
    expect(checkPermissions({ author: admin, files: gov, governance: g, at })).toMatchObject({
      ok: true,
      authorRole: "admin",
    });
  });

  it("an official whose term ended is an applicant again", () => {
    const exPlt = { login: "kds-sekdis", id: 91000116 }; // Plh. Kepala Dinas 6–10 July 2026 only
    const files: PullFile[] = [{ filename: "requests/disdik.yaml", status: "modified" }];
    const base = { "requests/disdik.yaml": { pengelola_github: "opd-disdik-admin" } };
    const during = checkPermissions({
      author: exPlt,
      files,
      governance: g,
      at: local(g, "2026-07-07T09:00"),
      baseRequests: base,
    });
    const after = checkPermissions({ author: exPlt, files, governance: g, at, baseRequests: base });
    expect([during.authorRole, during.ok, after.authorRole, after.ok]).toEqual([
      "official",
      true,
      "applicant",
      false,
    ]);
  });

  it("file names from the pull request cannot inject Markdown into the comment", () => {
    const files: PullFile[] = [
      { filename: "docs/<img src=x onerror=alert(1)>[a](http://evil).md", status: "added" },
    ];
    const decision = decideApprovals({ pull: pull(at), reviews: [], files, governance: g, now: at });
    const comment = renderApprovalComment(decision, g);
    expect(comment).not.toMatch(/(^|[^\\])<img/);
    expect(comment).not.toContain("[a](http");
    expect(comment).toContain("&lt;img src=x onerror=alert(1)&gt;\\[a\\](http://evil).md");
  });
});
