import { describe, expect, it } from "vitest";
import type { DecideInput } from "../../src/core/approvals/decide.ts";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import type { Governance } from "../../src/core/approvals/governance.ts";
import { stepKind } from "../../src/core/approvals/governance.ts";
import type { Review } from "../../src/core/approvals/pull.ts";
import {
  APPLICANT,
  addMinutes,
  chain,
  HEAD,
  local,
  NEW_REQUEST,
  OLD_HEAD,
  OTHER_APPLICANT,
  officialByLogin,
  PRESETS,
  type PresetName,
  preset,
  pull,
  review,
  STRANGER,
} from "./helpers.ts";

type Person = { login: string; id: number };

interface Ctx {
  g: Governance;
  /** Tuesday 24 Nov 2026, 08:00 office time. */
  t0: Date;
  c: Person[];
  prefix: string;
  /** Approval-step positions (0-based in `c`) of the division head and section head, -1 if absent. */
  kabid: number;
  kasi: number;
}

interface Expected {
  state: "success" | "pending" | "failure";
  /** 1-based review step being waited on. */
  waiting?: number;
  next?: (ctx: Ctx) => string[];
  reason?: RegExp;
}

interface Scenario {
  name: string;
  input: (ctx: Ctx) => Omit<DecideInput, "governance">;
  expect: (ctx: Ctx) => Expected;
}

/** Every step approved in order, 5 minutes apart, starting `offset` minutes after `start`. */
function inOrder(people: Person[], start: Date, offset = 5, commit = HEAD): Review[] {
  return people.map((p, i) => review(p, "APPROVED", addMinutes(start, offset + 5 * i), commit));
}

const scenarios: Scenario[] = [
  {
    name: "happy path: every step in order",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: inOrder(c, t0),
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "success", next: () => [] }),
  },
  {
    name: "out of order: step 2 approves before step 1",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [
        review(c[1] as Person, "APPROVED", addMinutes(t0, 5)),
        review(c[0] as Person, "APPROVED", addMinutes(t0, 10)),
        ...inOrder(c.slice(2), t0, 15),
      ],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: ({ c }) => ({
      state: "pending",
      waiting: 2,
      next: () => [(c[1] as Person).login],
      reason: /sebelum langkah sebelumnya selesai/,
    }),
  },
  {
    name: "out of order, then step 2 approves again in turn",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [
        review(c[1] as Person, "APPROVED", addMinutes(t0, 5)),
        review(c[0] as Person, "APPROVED", addMinutes(t0, 10)),
        review(c[1] as Person, "APPROVED", addMinutes(t0, 20)),
        ...inOrder(c.slice(2), t0, 25),
      ],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "success" }),
  },
  {
    name: "stale approvals after a new push",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: inOrder(c, t0, 5, OLD_HEAD),
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: ({ c }) => ({
      state: "pending",
      waiting: 1,
      next: () => [(c[0] as Person).login],
      reason: /commit lama/,
    }),
  },
  {
    name: "self-approval by an author who is also an official",
    input: ({ t0, c }) => ({
      pull: pull(t0, { user: { ...(c[0] as Person), type: "User" } }),
      reviews: inOrder(c, t0),
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    // The only other head of office (Plh.) is valid in July only: nobody else can approve now.
    expect: () => ({
      state: "pending",
      waiting: 1,
      next: () => [],
      reason: /tidak boleh menyetujui sendiri/,
    }),
  },
  {
    name: "changes requested → returned to the applicant",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [
        review(c[0] as Person, "APPROVED", addMinutes(t0, 5)),
        review(c[1] as Person, "CHANGES_REQUESTED", addMinutes(t0, 10)),
      ],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: ({ c }) => ({
      state: "failure",
      next: () => [(c[1] as Person).login],
      reason: /Dikembalikan ke pemohon: @\S+ meminta perubahan/,
    }),
  },
  {
    name: "changes requested, fixed by a new push, then approved again in order",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [
        review(c[0] as Person, "APPROVED", addMinutes(t0, 5), OLD_HEAD),
        review(c[1] as Person, "CHANGES_REQUESTED", addMinutes(t0, 10), OLD_HEAD),
        review(c[0] as Person, "APPROVED", addMinutes(t0, 30)),
        review(c[1] as Person, "APPROVED", addMinutes(t0, 35)),
        ...inOrder(c.slice(2), t0, 40),
      ],
      files: NEW_REQUEST,
      now: addMinutes(t0, 180),
    }),
    expect: () => ({ state: "success" }),
  },
  {
    name: "a later comment does not withdraw an approval",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [...inOrder(c, t0), review(c[0] as Person, "COMMENTED", addMinutes(t0, 60))],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "success" }),
  },
  {
    name: "dismissed approval is no vote",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [review(c[0] as Person, "DISMISSED", addMinutes(t0, 5)), ...inOrder(c.slice(1), t0, 10)],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: ({ c }) => ({ state: "pending", waiting: 1, next: () => [(c[0] as Person).login] }),
  },
  {
    name: "dismissed change request no longer blocks",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [
        review(c[0] as Person, "APPROVED", addMinutes(t0, 5)),
        review(c[1] as Person, "DISMISSED", addMinutes(t0, 8)),
        review(c[1] as Person, "APPROVED", addMinutes(t0, 10)),
        ...inOrder(c.slice(2), t0, 15),
      ],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "success" }),
  },
  {
    name: "expired acting official (Plt. Kepala Bidang ended 31 March)",
    input: ({ g, c, kabid, prefix }) => {
      const t = local(g, "2026-04-07T08:00");
      const people = c.map((p, i) => (i === kabid ? officialByLogin(g, `${prefix}-kasi`) : p));
      return { pull: pull(t), reviews: inOrder(people, t), files: NEW_REQUEST, now: addMinutes(t, 120) };
    },
    expect: ({ kabid, prefix }) => ({
      state: "pending",
      waiting: kabid + 1,
      next: () => [`${prefix}-kabid`],
    }),
  },
  {
    name: "acting official within validity counts for one step only",
    input: ({ g, c, kabid, prefix }) => {
      const t = local(g, "2026-02-10T08:00");
      const people = c.map((p, i) => (i === kabid ? officialByLogin(g, `${prefix}-kasi`) : p));
      return { pull: pull(t), reviews: inOrder(people, t), files: NEW_REQUEST, now: addMinutes(t, 120) };
    },
    // Where the SOP also has a Kepala Seksi step, the same person cannot fill it a second time.
    expect: ({ kasi }) =>
      kasi === -1
        ? { state: "success" }
        : { state: "pending", waiting: kasi + 1, next: () => [], reason: /Tidak ada pejabat aktif/ },
  },
  {
    name: "non-official and platform-admin approvals never count",
    input: ({ g, t0 }) => ({
      pull: pull(t0),
      reviews: [
        review(STRANGER, "APPROVED", addMinutes(t0, 5)),
        review(g.officials.admins[0] as Person, "APPROVED", addMinutes(t0, 6)),
      ],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: ({ c }) => ({
      state: "pending",
      waiting: 1,
      next: () => [(c[0] as Person).login],
      reason: /bukan pejabat/,
    }),
  },
  {
    name: "non-official change request does not block",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: [review(STRANGER, "CHANGES_REQUESTED", addMinutes(t0, 1)), ...inOrder(c, t0)],
      files: NEW_REQUEST,
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "success" }),
  },
  {
    name: "applicant changes another unit's request",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: inOrder(c, t0),
      files: [{ filename: "requests/disdik.yaml", status: "modified" }],
      baseRequests: { "requests/disdik.yaml": { pengelola_github: OTHER_APPLICANT.login } },
      now: addMinutes(t0, 120),
    }),
    expect: () => ({
      state: "failure",
      next: () => [],
      reason: /"requests\/disdik\.yaml" milik pengelola teknis @opd-disdik-admin/,
    }),
  },
  {
    name: "applicant deletes another unit's request",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: inOrder(c, t0),
      files: [{ filename: "requests/disdik.yaml", status: "removed" }],
      baseRequests: { "requests/disdik.yaml": { pengelola_github: OTHER_APPLICANT.login } },
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "failure", reason: /requests\/disdik\.yaml/ }),
  },
  {
    name: "applicant changes their own request",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: inOrder(c, t0),
      files: [{ filename: "requests/dinkes.yaml", status: "modified" }],
      baseRequests: { "requests/dinkes.yaml": { pengelola_github: APPLICANT.login.toUpperCase() } },
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "success" }),
  },
  {
    name: "applicant touches a workflow file",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: inOrder(c, t0),
      files: [...NEW_REQUEST, { filename: ".github/workflows/apply.yml", status: "modified" }],
      now: addMinutes(t0, 120),
    }),
    expect: () => ({
      state: "failure",
      reason: /"\.github\/workflows\/apply\.yml" berada di luar requests\//,
    }),
  },
  {
    name: "official (not admin) changes governance",
    input: ({ t0, c }) => ({
      pull: pull(t0, { user: { ...(c[1] as Person), type: "User" } }),
      reviews: [],
      files: [{ filename: "governance/officials.yaml", status: "modified" }],
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "failure", reason: /governance\/officials\.yaml/ }),
  },
  {
    name: "platform admin changes governance only: SOP not applicable",
    input: ({ g, t0 }) => ({
      pull: pull(t0, { user: { ...(g.officials.admins[0] as Person), type: "User" } }),
      reviews: [],
      files: [{ filename: "governance/officials.yaml", status: "modified" }],
      now: addMinutes(t0, 120),
    }),
    expect: () => ({ state: "success", reason: /alur SOP tidak berlaku/ }),
  },
  {
    name: "approval submitted after the decision time is ignored",
    input: ({ t0, c }) => ({
      pull: pull(t0),
      reviews: inOrder(c, t0),
      files: NEW_REQUEST,
      now: addMinutes(t0, 5 * c.length - 1),
    }),
    expect: ({ c }) => ({ state: "pending", waiting: c.length }),
  },
];

async function context(name: PresetName): Promise<Ctx> {
  const g = await preset(name);
  const t0 = local(g, "2026-11-24T08:00");
  const c = chain(g, t0);
  const roles = g.sop.langkah.filter((s) => stepKind(s) === "persetujuan").map((s) => s.role);
  return {
    g,
    t0,
    c,
    prefix: (c[0] as Person).login.split("-")[0] as string,
    kabid: roles.indexOf("kepala_bidang"),
    kasi: roles.indexOf("kepala_seksi"),
  };
}

describe.each(PRESETS)("preset %s", (name) => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", async (_label, scenario) => {
    const ctx = await context(name);
    const decision = decideApprovals({ ...scenario.input(ctx), governance: ctx.g });
    const expected = scenario.expect(ctx);
    expect(decision.state).toBe(expected.state);
    if (expected.waiting !== undefined) {
      expect(decision.current?.approvalIndex).toBe(expected.waiting);
      expect(decision.description).toContain(`(langkah ${expected.waiting} dari ${ctx.c.length})`);
    }
    if (expected.state === "success" && decision.sopApplies) {
      const approved = decision.steps.filter((s) => s.kind === "persetujuan");
      expect(approved.every((s) => s.state === "approved" && s.approvedBy.length === s.required)).toBe(true);
    }
    if (expected.next) expect(decision.next).toEqual(expected.next(ctx));
    if (expected.reason) expect(decision.reasons.map((r) => r.id).join("\n")).toMatch(expected.reason);
    for (const reason of decision.reasons) expect(reason.en.length).toBeGreaterThan(0);
    expect(decision.description.length).toBeLessThanOrEqual(140);
  });
});

describe("preset encodings", () => {
  const expectedChains: Record<PresetName, { pelaksana: string; minutes: number }[]> = {
    // 1 hari kerja = the office-hours window 07:30–16:00 = 510 minutes.
    majalengka: [
      { pelaksana: "Kepala Dinas", minutes: 510 },
      { pelaksana: "Kepala Bidang Informatika", minutes: 510 },
      { pelaksana: "Kepala Seksi Pengembangan Aplikasi", minutes: 510 },
      { pelaksana: "Staf", minutes: 510 },
    ],
    kudus: [
      { pelaksana: "Kepala Dinas", minutes: 10 },
      { pelaksana: "Kepala Bidang Informatika", minutes: 10 },
      { pelaksana: "Kepala Seksi TI dan Persandian", minutes: 10 },
      { pelaksana: "Admin Helpdesk TIK", minutes: 60 },
    ],
    cirebon: [
      { pelaksana: "Bidang SP E-Gov", minutes: 15 },
      { pelaksana: "Kasi Aplikasi, Keamanan dan Persandian", minutes: 510 },
    ],
    buol: [
      { pelaksana: "Kepala Dinas", minutes: 10 },
      { pelaksana: "Kepala Bidang", minutes: 5 },
      { pelaksana: "Admin cPanel", minutes: 10 },
    ],
  };

  it.each(PRESETS)("%s: review steps, order and time standards follow the SOP", async (name) => {
    const ctx = await context(name);
    const decision = decideApprovals({ pull: pull(ctx.t0), reviews: [], now: ctx.t0, governance: ctx.g });
    const reviewSteps = decision.steps.filter((s) => s.kind === "persetujuan");
    expect(reviewSteps.map((s) => ({ pelaksana: s.pelaksana, minutes: s.standardMinutes }))).toEqual(
      expectedChains[name],
    );
    expect(decision.description).toMatch(
      new RegExp(
        `^Menunggu ${expectedChains[name][0]?.pelaksana} \\(langkah 1 dari ${reviewSteps.length}\\)$`,
      ),
    );
  });

  it("Cirebon and Buol time execution (merge) and informing separately", async () => {
    const cirebon = await preset("cirebon");
    expect(cirebon.sop.langkah.map((s) => stepKind(s))).toEqual([
      "pengajuan",
      "persetujuan",
      "persetujuan",
      "pelaksanaan",
      "pemberitahuan",
    ]);
    const buol = await preset("buol");
    expect(buol.sop.sla_total).toEqual({ jam: 24, kalender: true });
    expect(buol.calendar.zona_waktu).toBe("Asia/Makassar");
  });

  it("the fixture office's governance is the Kudus preset", async () => {
    const office = await preset("office");
    const kudus = await preset("kudus");
    expect(office).toEqual(kudus);
  });
});
