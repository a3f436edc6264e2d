/**
 * Owners beyond the SOP chain: the parent name's technical admin for a nested name, a platform admin
 * for a namespace, and a request's own Pages project. The base branch is a fake `BaseRequests`.
 */
import { describe, expect, it } from "vitest";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import { decideOwnership, type NamePolicy } from "../../src/core/approvals/name-owners.ts";
import type {
  BaseRequests,
  GitHubUser,
  HeadRequests,
  PullFile,
  Review,
} from "../../src/core/approvals/pull.ts";
import { addMinutes, chain, local, OTHER_APPLICANT, preset, pull, review, STRANGER } from "./helpers.ts";

const g = await preset("kudus");
const t0 = local(g, "2026-11-24T08:00");
const now = addMinutes(t0, 120);
const sop = chain(g, t0).map((p, i) => review(p, "APPROVED", addMinutes(t0, 5 + 5 * i)));
const names: NamePolicy = { zone: "kuduskab.go.id", namespaces: new Set(["desa", "kec", "kelurahan"]) };

const DINKES_OWNER = { login: "budi-dinkes", id: 5_000_010 };
const ADMIN = { login: "kds-platform-admin", id: 91000101 };
const dinkesOnBase: BaseRequests = {
  "requests/dinkes.yaml": { pengelola_github: DINKES_OWNER.login, project: null },
};

function added(name: string): PullFile[] {
  return [{ filename: `requests/${name}.yaml`, status: "added" }];
}

function decide(
  author: GitHubUser,
  files: PullFile[],
  baseRequests: BaseRequests,
  extra: Review[] = [],
  headRequests?: HeadRequests,
) {
  return decideApprovals({
    pull: pull(t0, { user: author }),
    reviews: [...sop, ...extra],
    files,
    governance: g,
    now,
    baseRequests,
    names,
    ...(headRequests ? { headRequests } : {}),
  });
}

const ownerApproves = review(DINKES_OWNER, "APPROVED", addMinutes(t0, 60));

describe("a new name below another request's name", () => {
  it("approved by the SOP chain only: waits for the parent's technical admin, who is asked to review", () => {
    const decision = decide(STRANGER, added("login.dinkes"), { ...dinkesOnBase });
    expect(decision.state).toBe("pending");
    expect(decision.next).toEqual([DINKES_OWNER.login]);
    expect(decision.reasons.map((r) => r.en)).toContain(
      '"requests/login.dinkes.yaml" lies below the name "dinkes": it needs approval of @budi-dinkes, pengelola teknis of the parent name dinkes (per the base branch).',
    );
    expect(decision.reasons.map((r) => r.id).join("\n")).toContain(
      "perlu persetujuan @budi-dinkes, pengelola teknis nama induk dinkes",
    );
  });

  it("succeeds once the parent's technical admin approves the current head", () => {
    expect(decide(STRANGER, added("login.dinkes"), dinkesOnBase, [ownerApproves]).state).toBe("success");
  });

  it("an approval by the parent's admin on an older commit does not count", () => {
    const stale = review(DINKES_OWNER, "APPROVED", addMinutes(t0, 60), "0".repeat(40));
    expect(decide(STRANGER, added("login.dinkes"), dinkesOnBase, [stale]).state).toBe("pending");
  });

  it("succeeds when the author is the parent's technical admin", () => {
    const author = { ...DINKES_OWNER, login: "Budi-Dinkes" };
    expect(decide(author, added("spmb.dinkes"), dinkesOnBase).state).toBe("success");
  });

  it("asks nothing more when the parent is not on the base branch", () => {
    expect(decide(STRANGER, added("login.dinkes"), { "requests/dinkes.yaml": null }).state).toBe("success");
  });

  it.each<[string, BaseRequests]>([
    ["broken on the base branch", { "requests/dinkes.yaml": { pengelola_github: null } }],
    ["not read", {}],
  ])("fails closed when the parent file is %s", (_label, base) => {
    const decision = decide(STRANGER, added("login.dinkes"), base, [ownerApproves]);
    expect(decision.state).toBe("failure");
    expect(decision.reasons[0]?.en).toMatch(/owner of the parent name "dinkes" cannot be established/);
  });

  it("the nearest existing ancestor decides", () => {
    const base: BaseRequests = {
      "requests/b.dinkes.yaml": null,
      "requests/dinkes.yaml": { pengelola_github: DINKES_OWNER.login },
    };
    expect(decide(STRANGER, added("a.b.dinkes"), base).next).toEqual([DINKES_OWNER.login]);
    const nearer: BaseRequests = { ...base, "requests/b.dinkes.yaml": { pengelola_github: "opd-b" } };
    expect(decide(STRANGER, added("a.b.dinkes"), nearer).next).toEqual(["opd-b"]);
  });

  it("a renamed file creates its new name too", () => {
    const files: PullFile[] = [
      { filename: "requests/login.dinkes.yaml", status: "renamed", previous_filename: "requests/x.yaml" },
    ];
    const base: BaseRequests = { ...dinkesOnBase, "requests/x.yaml": { pengelola_github: STRANGER.login } };
    expect(decide(STRANGER, files, base).state).toBe("pending");
  });

  it("a child of a namespace needs no one beyond the SOP, even when the namespace has a page", () => {
    const base: BaseRequests = { "requests/desa.yaml": { pengelola_github: "dwiprasetyo-kominfo" } };
    expect(decide(STRANGER, added("getasrabi.desa"), base).state).toBe("success");
  });
});

describe("a request named like a namespace", () => {
  const mine = { login: "dwiprasetyo-kominfo", id: 5_000_020 };
  const base: BaseRequests = { "requests/desa.yaml": { pengelola_github: mine.login } };
  const changed: PullFile[] = [{ filename: "requests/desa.yaml", status: "modified" }];

  it("needs a platform admin even from its own technical admin", () => {
    const decision = decide(mine, changed, base);
    expect(decision.state).toBe("pending");
    expect(decision.next).toEqual(["kds-platform-admin", "kds-devops"]);
  });

  it("a new one needs a platform admin too", () => {
    expect(decide(STRANGER, added("kec"), {}).state).toBe("pending");
  });

  it("an admin's approval, or an admin as author, satisfies it", () => {
    expect(decide(mine, changed, base, [review(ADMIN, "APPROVED", addMinutes(t0, 60))]).state).toBe(
      "success",
    );
    expect(decide({ ...ADMIN, type: "User" }, changed, base).state).toBe("success");
  });
});

describe("explicit Pages projects", () => {
  const head = (project: string | null): HeadRequests => ({
    "requests/portal.yaml": { project, impor: false },
  });

  it.each<[string, PullFile["status"], BaseRequests, HeadRequests, "success" | "failure"]>([
    ["new request, no project", "added", {}, head(null), "success"],
    ["new request, its own derived project", "added", {}, head("portal-kuduskab"), "success"],
    ["new request, another unit's project", "added", {}, head("direktori-desa-kudus"), "failure"],
    [
      "existing request keeps its project",
      "modified",
      { "requests/portal.yaml": { pengelola_github: OTHER_APPLICANT.login, project: "situs-portal" } },
      head("situs-portal"),
      "success",
    ],
    [
      "existing request switches to another project",
      "modified",
      { "requests/portal.yaml": { pengelola_github: OTHER_APPLICANT.login, project: "situs-portal" } },
      head("direktori-desa-kudus"),
      "failure",
    ],
    [
      "existing request whose base project was not read",
      "modified",
      { "requests/portal.yaml": { pengelola_github: OTHER_APPLICANT.login } },
      head("situs-portal"),
      "failure",
    ],
    ["head version not read", "added", {}, {}, "failure"],
  ])("%s", (_label, status, base, headRequests, state) => {
    const files: PullFile[] = [{ filename: "requests/portal.yaml", status }];
    expect(decide(OTHER_APPLICANT, files, base, [], headRequests).state).toBe(state);
  });

  it("says whose project it is not", () => {
    const files = added("portal");
    const decision = decide(OTHER_APPLICANT, files, {}, [], head("direktori-desa-kudus"));
    expect(decision.reasons[0]?.en).toContain(
      'names the Pages project "direktori-desa-kudus", which is not its own',
    );
  });
});

describe("the impor marker of domainops import", () => {
  const path = "requests/portal.yaml";
  const head = (impor: boolean): HeadRequests => ({ [path]: { project: null, impor } });
  const base = (impor: boolean | undefined): BaseRequests => ({
    [path]: {
      pengelola_github: OTHER_APPLICANT.login,
      project: null,
      ...(impor === undefined ? {} : { impor }),
    },
  });
  const adminApproves = review(ADMIN, "APPROVED", addMinutes(t0, 60));

  it.each<[string, PullFile["status"], BaseRequests, HeadRequests, Review[], "success" | "pending"]>([
    ["a new request without it", "added", {}, head(false), [], "success"],
    ["a new request with it, approved by the SOP chain only", "added", {}, head(true), [], "pending"],
    ["a new request with it, approved by an admin too", "added", {}, head(true), [adminApproves], "success"],
    ["a request that gains it", "modified", base(false), head(true), [], "pending"],
    [
      "a request whose base version was not read or is broken",
      "modified",
      base(undefined),
      head(true),
      [],
      "pending",
    ],
    ["an imported request being completed keeps it", "modified", base(true), head(true), [], "success"],
    ["an imported request completed, marker removed", "modified", base(true), head(false), [], "success"],
  ])("%s → %s", (_label, status, baseRequests, headRequests, extra, state) => {
    const files: PullFile[] = [{ filename: path, status }];
    expect(decide(OTHER_APPLICANT, files, baseRequests, extra, headRequests).state).toBe(state);
  });

  it("a copy or rename onto a new name needs an admin even when the source was imported", () => {
    const copied: PullFile[] = [
      { filename: path, status: "copied", previous_filename: "requests/lama.yaml" },
    ];
    const source: BaseRequests = {
      "requests/lama.yaml": { pengelola_github: OTHER_APPLICANT.login, project: null, impor: true },
      [path]: null,
    };
    expect(decide(OTHER_APPLICANT, copied, source, [], head(true)).state).toBe("pending");
    const renamed: PullFile[] = [
      { filename: path, status: "renamed", previous_filename: "requests/lama.yaml" },
    ];
    expect(decide({ ...ADMIN, type: "User" }, renamed, source, [], head(true)).state).toBe("success");
  });

  it("asks the platform admins, and says why", () => {
    const decision = decide(OTHER_APPLICANT, added("portal"), {}, [], head(true));
    expect(decision.next).toEqual(g.officials.admins.map((a) => a.login));
    expect(decision.reasons.map((r) => r.en).join("\n")).toContain(
      `"${path}" carries the impor block (a request imported from the zone, allowed without letter and officials): only platform admins set it`,
    );
  });
});

describe("the impor requirement, decided on its own", () => {
  const path = "requests/portal.yaml";
  const imported = { [path]: { project: null, impor: true } };
  const kinds = (files: PullFile[], baseRequests?: BaseRequests, headRequests: HeadRequests = imported) =>
    decideOwnership({
      author: OTHER_APPLICANT,
      files,
      governance: g,
      approvedBy: [],
      ...(baseRequests ? { baseRequests } : {}),
      headRequests,
      names,
    }).requirements.map((r) => `${r.kind} ${r.owned} ${r.met}`);

  it.each<[string, PullFile, BaseRequests | undefined, string[]]>([
    [
      "modified, base versions never read",
      { filename: path, status: "modified" },
      undefined,
      ["impor portal false"],
    ],
    [
      "modified, base already imported",
      { filename: path, status: "modified" },
      { [path]: { pengelola_github: null, impor: true } },
      [],
    ],
    [
      "added, whatever the base map claims",
      { filename: path, status: "added" },
      { [path]: { pengelola_github: null, impor: true } },
      ["impor portal false"],
    ],
    [
      "copied from an imported file",
      { filename: path, status: "copied", previous_filename: "requests/a.yaml" },
      { "requests/a.yaml": { pengelola_github: null, impor: true } },
      ["impor portal false"],
    ],
    [
      "renamed from an imported file",
      { filename: path, status: "renamed", previous_filename: "requests/a.yaml" },
      { "requests/a.yaml": { pengelola_github: null, impor: true }, [path]: null },
      [],
    ],
    ["removed, even if a head version were claimed", { filename: path, status: "removed" }, {}, []],
  ])("%s", (_label, file, base, expected) => {
    expect(kinds([file], base)).toEqual(expected);
  });

  it("ignores files outside requests/ whatever their content says", () => {
    const other = "governance/portal.yaml";
    expect(
      kinds([{ filename: other, status: "added" }], {}, { [other]: { project: null, impor: true } }),
    ).toEqual([]);
  });
});
