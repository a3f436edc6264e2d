/**
 * The SOP approval decision, pinned down exactly: for each situation the state, the description, who
 * is asked next, the reasons in order, and every step's state, times and counts. A change to the
 * decision's rules must fail here, not only a change to its overall outcome.
 */
import { describe, expect, it } from "vitest";
import { type DecideInput, type Decision, decideApprovals } from "../../src/core/approvals/decide.ts";
import type { Governance, SopStep } from "../../src/core/approvals/governance.ts";
import type { PullCommit, PullFile, Review } from "../../src/core/approvals/pull.ts";
import {
  APPLICANT,
  addMinutes,
  HEAD,
  local,
  NEW_REQUEST,
  OLD_HEAD,
  officialByLogin,
  preset,
  pull,
  review,
  STRANGER,
} from "./helpers.ts";

const g = await preset("kudus");
/** Tuesday 24 November 2026, 08:00 in Kudus: office hours run 07:30–16:00. */
const t0 = local(g, "2026-11-24T08:00");
const at = (minutes: number) => addMinutes(t0, minutes);
const iso = (minutes: number) => at(minutes).toISOString();

const KADIS = officialByLogin(g, "kds-kadis");
const KABID = officialByLogin(g, "kds-kabid");
const KASI = officialByLogin(g, "kds-kasi");
const STAF = officialByLogin(g, "kds-staf");
const STAF2 = officialByLogin(g, "kds-staf2");
const SEKDIS = officialByLogin(g, "kds-sekdis"); // Plh. Kepala Dinas 6–10 July 2026 only
const CHAIN = [KADIS, KABID, KASI, STAF];

const approve = (who: { login: string; id: number }, minutes: number, commit = HEAD): Review =>
  review(who, "APPROVED", at(minutes), commit);
const inOrder = (start = 5): Review[] => CHAIN.map((p, i) => approve(p, start + 5 * i));

function decide(input: Partial<DecideInput> & { governance?: Governance } = {}): Decision {
  return decideApprovals({
    pull: pull(t0),
    reviews: [],
    files: NEW_REQUEST,
    governance: g,
    now: at(60),
    ...input,
  });
}

const ids = (d: Decision) => d.reasons.map((r) => r.id);
const summary = (d: Decision) => ({ state: d.state, description: d.description, next: d.next });

const STATUS_WAITING_KADIS = {
  state: "pending",
  description: "Menunggu Kepala Dinas (langkah 1 dari 4)",
  next: ["kds-kadis"],
};
const WAITING_REASON = (step: number, pelaksana: string, label: string) =>
  `Menunggu persetujuan ${pelaksana} (langkah ${step} dari 4): ${label}.`;
const LABEL = Object.fromEntries(g.sop.langkah.map((s) => [s.id, s.label]));

describe("decideApprovals: the whole decision of the happy path", () => {
  it("every step in order on the head: success, with each step's times", () => {
    const d = decide({ reviews: inOrder(), now: at(60) });
    // Strict: a step without a role or a standard has no such key at all.
    expect(d).toStrictEqual({
      state: "success",
      description: "Disetujui lengkap sesuai SOP (4 dari 4 langkah)",
      next: [],
      approvalSteps: 4,
      sopApplies: true,
      reasons: [],
      permissions: { ok: true, touchesRequests: true, authorRole: "applicant", violations: [] },
      ownership: expect.anything(),
      steps: [
        {
          index: 1,
          id: "pengajuan",
          kind: "pengajuan",
          pelaksana: "Pemohon",
          label: LABEL.pengajuan,
          required: 0,
          state: "done",
          approvedBy: [],
          overStandard: false,
          candidates: [],
          standard: { menit: 15 },
          standardMinutes: 15,
          startedAt: iso(0),
          endedAt: iso(0),
          elapsedMinutes: 0,
        },
        ...CHAIN.map((p, i) => ({
          index: i + 2,
          approvalIndex: i + 1,
          id: g.sop.langkah[i + 1]?.id,
          kind: "persetujuan",
          role: g.sop.langkah[i + 1]?.role,
          pelaksana: g.sop.langkah[i + 1]?.pelaksana,
          label: g.sop.langkah[i + 1]?.label,
          required: 1,
          state: "approved",
          approvedBy: [p.login],
          overStandard: false,
          candidates: i === 0 ? ["kds-kadis"] : i === 3 ? ["kds-staf", "kds-staf2"] : [p.login],
          standard: g.sop.langkah[i + 1]?.waktu,
          standardMinutes: i === 3 ? 60 : 10,
          startedAt: iso(5 * i),
          endedAt: iso(5 + 5 * i),
          elapsedMinutes: 5,
        })),
        {
          index: 6,
          id: "pemberitahuan",
          kind: "pemberitahuan",
          pelaksana: "Admin Helpdesk TIK",
          label: LABEL.pemberitahuan,
          required: 0,
          state: "waiting",
          approvedBy: [],
          overStandard: false,
          candidates: [],
          startedAt: iso(20),
          elapsedMinutes: 40,
        },
      ],
    });
    expect(d.current).toBeUndefined();
    expect(d.total).toBeUndefined();
  });

  it("after the merge, the notification step is done at the merge time", () => {
    const d = decide({ pull: pull(t0, { merged_at: iso(30) }), reviews: inOrder(), now: at(60) });
    expect(d.state).toBe("success");
    expect(d.steps[5]).toMatchObject({
      state: "done",
      startedAt: iso(20),
      endedAt: iso(30),
      elapsedMinutes: 10,
    });
  });

  it("a merge before the last approval ends the notification step when it starts", () => {
    const d = decide({ pull: pull(t0, { merged_at: iso(12) }), reviews: inOrder(), now: at(60) });
    expect(d.steps[5]).toMatchObject({
      state: "done",
      startedAt: iso(20),
      endedAt: iso(20),
      elapsedMinutes: 0,
    });
  });

  it("a merge at this very moment is a merge", () => {
    const d = decide({ pull: pull(t0, { merged_at: iso(60) }), reviews: inOrder(), now: at(60) });
    expect(d.steps[5]).toMatchObject({ state: "done", endedAt: iso(60), elapsedMinutes: 40 });
  });

  it("a merge time after now is not a merge yet", () => {
    const d = decide({ pull: pull(t0, { merged_at: iso(90) }), reviews: inOrder(), now: at(60) });
    expect(d.steps[5]).toMatchObject({ state: "waiting", startedAt: iso(20), elapsedMinutes: 40 });
    expect(d.steps[5]?.endedAt).toBeUndefined();
  });

  it("a step over its standard time is marked, one at it is not", () => {
    const d = decide({
      reviews: [approve(KADIS, 10), approve(KABID, 21), approve(KASI, 31), approve(STAF, 91)],
      now: at(120),
    });
    expect(d.steps.map((s) => [s.elapsedMinutes, s.overStandard])).toEqual([
      [0, false],
      [10, false],
      [11, true],
      [10, false],
      [60, false],
      [29, false],
    ]);
  });
});

describe("decideApprovals: waiting", () => {
  it("nobody approved: waits for step 1 and asks its official", () => {
    const d = decide();
    expect(summary(d)).toEqual(STATUS_WAITING_KADIS);
    expect(ids(d)).toEqual([WAITING_REASON(1, "Kepala Dinas", LABEL["kepala-dinas"] as string)]);
    expect(d.reasons[0]?.en).toBe("Waiting for approval by Kepala Dinas (step 1 of 4).");
    expect(d.current).toBe(d.steps[1]);
    expect(d.steps.map((s) => s.state)).toEqual([
      "done",
      "waiting",
      "not_started",
      "not_started",
      "not_started",
      "not_started",
    ]);
    expect(d.steps[1]).toMatchObject({
      startedAt: iso(0),
      elapsedMinutes: 60,
      approvedBy: [],
      candidates: ["kds-kadis"],
    });
    expect(d.steps[2]?.startedAt).toBeUndefined();
    expect(d.steps[2]?.elapsedMinutes).toBeUndefined();
    expect(d.steps[2]?.candidates).toEqual(["kds-kabid"]);
  });

  it("halfway: waits for step 3; the staff step lists both staff", () => {
    const d = decide({ reviews: [approve(KADIS, 5), approve(KABID, 10)] });
    expect(summary(d)).toEqual({
      state: "pending",
      description: "Menunggu Kepala Seksi TI dan Persandian (langkah 3 dari 4)",
      next: ["kds-kasi"],
    });
    expect(d.current?.id).toBe("kepala-seksi");
    expect(d.steps[4]?.candidates).toEqual(["kds-staf", "kds-staf2"]);
    expect(d.steps[3]).toMatchObject({ state: "waiting", startedAt: iso(10), elapsedMinutes: 50 });
  });

  it("an approval given before its turn does not count and must be given again", () => {
    const d = decide({ reviews: [approve(KABID, 3), approve(KADIS, 5)] });
    expect(summary(d)).toEqual({
      state: "pending",
      description: "Menunggu Kepala Bidang Informatika (langkah 2 dari 4)",
      next: ["kds-kabid"],
    });
    expect(ids(d)).toEqual([
      WAITING_REASON(2, "Kepala Bidang Informatika", LABEL["kepala-bidang"] as string),
      'Persetujuan @kds-kabid untuk "Kepala Bidang Informatika" diberikan sebelum langkah sebelumnya selesai: tidak dihitung, mohon setujui ulang.',
    ]);
    expect(d.reasons[1]?.en).toBe(
      'Approval by @kds-kabid for "Kepala Bidang Informatika" was given before the previous step was complete: it does not count, please approve again.',
    );
  });

  it("an approval at the very moment the previous step ends counts", () => {
    const d = decide({ reviews: [approve(KADIS, 5), approve(KABID, 5)] });
    expect(d.steps[2]).toMatchObject({
      state: "approved",
      approvedBy: ["kds-kabid"],
      endedAt: iso(5),
      elapsedMinutes: 0,
    });
    expect(ids(d)).toEqual([
      WAITING_REASON(3, "Kepala Seksi TI dan Persandian", LABEL["kepala-seksi"] as string),
    ]);
  });

  it("one official counts for one step only, even when holding two roles", () => {
    // kds-kasi was Plt. Kepala Bidang until March 2026; give it both roles now.
    const both: Governance = {
      ...g,
      officials: {
        ...g.officials,
        pejabat: g.officials.pejabat.map((o) =>
          o.login === "kds-kasi" && o.role === "kepala_bidang" ? { ...o, berlaku_sampai: undefined } : o,
        ),
      },
    };
    const d = decide({ governance: both, reviews: [approve(KADIS, 5), approve(KASI, 10)] });
    expect(d.steps[2]).toMatchObject({ state: "approved", approvedBy: ["kds-kasi"] });
    expect(d.steps[3]).toMatchObject({ state: "waiting", approvedBy: [], candidates: [] });
    expect(summary(d).next).toEqual([]);
    expect(ids(d)[1]).toBe(
      'Tidak ada pejabat aktif dengan peran "kepala_seksi" yang dapat menyetujui (selain pengaju dan pejabat langkah sebelumnya); perbarui governance/officials.yaml atau tunjuk Plt./Plh.',
    );
    expect(d.reasons[1]?.en).toBe(
      'No official in office with role "kepala_seksi" can approve (other than the author and earlier steps\' officials); update governance/officials.yaml or appoint an acting official.',
    );
  });

  describe("a step needing two approvals", () => {
    const two: Governance = {
      ...g,
      sop: {
        ...g.sop,
        langkah: g.sop.langkah.map((s: SopStep) => (s.id === "admin-helpdesk" ? { ...s, approvals: 2 } : s)),
      },
    };
    const first3 = [approve(KADIS, 5), approve(KABID, 10), approve(KASI, 15)];

    it("waits with the count given", () => {
      const d = decide({ governance: two, reviews: [...first3, approve(STAF2, 20)] });
      expect(summary(d)).toEqual({
        state: "pending",
        description: "Menunggu Admin Helpdesk TIK (langkah 4 dari 4), 1/2 persetujuan",
        next: ["kds-staf"],
      });
      expect(d.steps[4]).toMatchObject({
        required: 2,
        state: "waiting",
        approvedBy: ["kds-staf2"],
        candidates: ["kds-staf"],
      });
    });

    it("is approved by both, ending at the second", () => {
      const d = decide({ governance: two, reviews: [...first3, approve(STAF2, 20), approve(STAF, 30)] });
      expect(d.state).toBe("success");
      expect(d.steps[4]).toMatchObject({
        required: 2,
        state: "approved",
        approvedBy: ["kds-staf2", "kds-staf"],
        endedAt: iso(30),
        elapsedMinutes: 15,
      });
      expect(d.steps[5]?.startedAt).toBe(iso(30));
    });
  });

  it("a one-approval step takes the earliest approval in turn", () => {
    const d = decide({ reviews: [...inOrder().slice(0, 3), approve(STAF2, 20), approve(STAF, 25)] });
    expect(d.steps[4]).toMatchObject({ approvedBy: ["kds-staf2"], endedAt: iso(20) });
  });
});

describe("decideApprovals: an execution step between review steps", () => {
  const split: Governance = {
    ...g,
    sop: {
      ...g.sop,
      langkah: [
        ...g.sop.langkah.slice(0, 2),
        { id: "eksekusi", jenis: "pelaksanaan", pelaksana: "Admin", label: "Eksekusi" },
        ...g.sop.langkah.slice(2),
      ],
    },
  };

  it("before the merge, the steps after it have not started and nobody is asked yet", () => {
    const d = decide({ governance: split, reviews: [approve(KADIS, 5), approve(KABID, 10)] });
    expect(summary(d)).toEqual({
      state: "pending",
      description: "Menunggu persetujuan sesuai SOP",
      next: [],
    });
    expect(d.current).toBeUndefined();
    expect(d.steps.map((s) => s.state)).toEqual([
      "done",
      "approved",
      "waiting",
      "not_started",
      "not_started",
      "not_started",
      "not_started",
    ]);
    expect(d.reasons).toEqual([]);
  });

  it("after the merge, the next review step is waited on from the merge time", () => {
    const d = decide({
      governance: split,
      pull: pull(t0, { merged_at: iso(20) }),
      reviews: [approve(KADIS, 5)],
    });
    expect(summary(d)).toEqual({
      state: "pending",
      description: "Menunggu Kepala Bidang Informatika (langkah 2 dari 4)",
      next: ["kds-kabid"],
    });
    expect(d.steps[2]).toMatchObject({ state: "done", startedAt: iso(5), endedAt: iso(20) });
    expect(d.steps[3]).toMatchObject({ state: "waiting", startedAt: iso(20), elapsedMinutes: 40 });
  });
});

describe("decideApprovals: votes", () => {
  it.each<[string, Review[], string[]]>([
    ["a comment is no vote", [review(KADIS, "COMMENTED", at(5))], []],
    ["a pending review is no vote", [review(KADIS, "PENDING", at(5))], []],
    ["a dismissed approval is no vote", [approve(KADIS, 5), review(KADIS, "DISMISSED", at(6))], []],
    [
      "the later approval after a comment still counts",
      [approve(KADIS, 5), review(KADIS, "COMMENTED", at(6))],
      ["kds-kadis"],
    ],
    ["an approval submitted after now is not seen yet", [approve(KADIS, 61)], []],
    ["an approval at now counts", [approve(KADIS, 60)], ["kds-kadis"]],
    ["a review without a user is ignored", [{ ...approve(KADIS, 5), user: null }], []],
    ["a review without a date is ignored", [{ ...approve(KADIS, 5), submitted_at: null }], []],
    ["a review with a broken date is ignored", [{ ...approve(KADIS, 5), submitted_at: "kemarin" }], []],
    [
      "the latest vote counts, whatever the list order",
      [review(KADIS, "CHANGES_REQUESTED", at(10)), approve(KADIS, 5)].reverse(),
      [],
    ],
    [
      "a re-approval after a request for changes counts",
      [review(KADIS, "CHANGES_REQUESTED", at(5)), approve(KADIS, 10)],
      ["kds-kadis"],
    ],
  ])("%s", (_label, reviews, approvedBy) => {
    expect(decide({ reviews }).steps[1]?.approvedBy).toEqual(approvedBy);
  });

  it("at the same instant the review with the higher id is the latest", () => {
    const a = review(KADIS, "APPROVED", at(5));
    const b = review(KADIS, "CHANGES_REQUESTED", at(5));
    expect(decide({ reviews: [b, a] }).state).toBe("failure");
    expect(decide({ reviews: [{ ...b, id: a.id - 1 }, a] }).state).toBe("pending");
  });
});

describe("decideApprovals: approvals that never count", () => {
  const note = (d: Decision) => d.reasons.slice(1).map((r) => [r.id, r.en]);
  const NO_KADIS = [
    'Tidak ada pejabat aktif dengan peran "kepala_dinas" yang dapat menyetujui (selain pengaju dan pejabat langkah sebelumnya); perbarui governance/officials.yaml atau tunjuk Plt./Plh.',
    'No official in office with role "kepala_dinas" can approve (other than the author and earlier steps\' officials); update governance/officials.yaml or appoint an acting official.',
  ];

  it("not an official", () => {
    expect(note(decide({ reviews: [approve(STRANGER, 5)] }))).toEqual([
      [
        "Persetujuan @random-contributor tidak dihitung: bukan pejabat dalam governance/officials.yaml.",
        "Approval by @random-contributor does not count: not an official in governance/officials.yaml.",
      ],
    ]);
  });

  it("the pull request's author", () => {
    const d = decide({ pull: pull(t0, { user: { ...KADIS, type: "User" } }), reviews: [approve(KADIS, 5)] });
    expect(note(d)).toEqual([
      NO_KADIS,
      [
        "Persetujuan @kds-kadis tidak dihitung: pengaju permintaan tarik tidak boleh menyetujui sendiri.",
        "Approval by @kds-kadis does not count: the pull request's author cannot approve it.",
      ],
    ]);
    expect(d.steps[1]?.candidates).toEqual([]);
  });

  it.each<[string, PullCommit[]]>([
    ["wrote a commit", [{ sha: "a", author: "KDS-Kadis", committer: "web-flow" }]],
    ["pushed a commit", [{ sha: "a", author: null, committer: "kds-kadis" }]],
  ])("an official who %s", (_label, commits) => {
    const d = decide({ pull: pull(t0, { commits: 1 }), commits, reviews: [approve(KADIS, 5)] });
    expect(note(d)).toEqual([
      NO_KADIS,
      [
        "Persetujuan @kds-kadis tidak dihitung: ia menulis atau mendorong commit di permintaan tarik ini.",
        "Approval by @kds-kadis does not count: they wrote or pushed commits of this pull request.",
      ],
    ]);
    expect(d.steps[1]?.candidates).toEqual([]);
  });

  it("commits made in the web interface do not make GitHub's committer a contributor", () => {
    const webFlow: Governance = {
      ...g,
      officials: {
        ...g.officials,
        pejabat: g.officials.pejabat.map((o) => (o.login === "kds-kadis" ? { ...o, login: "Web-Flow" } : o)),
      },
    };
    const commits = [{ sha: "a", author: APPLICANT.login, committer: "web-flow" }];
    const d = decide({
      governance: webFlow,
      pull: pull(t0, { commits: 1 }),
      commits,
      reviews: [approve({ login: "Web-Flow", id: KADIS.id }, 5)],
    });
    expect(d.steps[1]).toMatchObject({
      state: "approved",
      approvedBy: ["Web-Flow"],
      candidates: ["Web-Flow"],
    });
  });

  it.each<[string, string | null, string]>([
    ["an old commit", OLD_HEAD, "2d1b0a9"],
    ["no commit", null, "?"],
  ])("an approval on %s", (_label, commit, short) => {
    const r = { ...approve(KADIS, 5), commit_id: commit };
    expect(note(decide({ reviews: [r] }))).toEqual([
      [
        `Persetujuan @kds-kadis diberikan pada commit lama ${short}, bukan 6dcb09b: perlu disetujui ulang.`,
        `Approval by @kds-kadis was given on old commit ${short}, not 6dcb09b: it must be given again.`,
      ],
    ]);
  });

  it("a head without a sha is shown as ?", () => {
    const d = decide({ pull: pull(t0, { head: { sha: "" } }), reviews: [approve(KADIS, 5)] });
    expect(d.reasons[1]?.en).toBe(
      "Approval by @kds-kadis was given on old commit 6dcb09b, not ?: it must be given again.",
    );
  });

  it("an official with several past terms, or one not begun, lists every term", () => {
    const former = { login: "kds-mantan", id: 91000190 };
    const base = g.officials.pejabat.find((o) => o.login === "kds-kadis");
    if (!base) throw new Error("no kds-kadis");
    const withFormer: Governance = {
      ...g,
      officials: {
        ...g.officials,
        pejabat: [
          ...g.officials.pejabat,
          { ...base, ...former, berlaku_mulai: "2020-01-01", berlaku_sampai: "2020-12-31" },
          {
            ...base,
            ...former,
            role: "kepala_bidang",
            berlaku_mulai: "2021-01-01",
            berlaku_sampai: "2021-06-30",
          },
          { ...base, id: 91000191, login: "kds-calon", berlaku_mulai: "2027-01-04" },
        ],
      },
    };
    const d = decide({
      governance: withFormer,
      reviews: [approve(former, 5), approve({ login: "kds-calon", id: 91000191 }, 6)],
    });
    expect(d.reasons.slice(1).map((r) => r.en)).toEqual([
      "Approval by @kds-mantan does not count: not in office on the review date (valid 2020-01-01…2020-12-31, 2021-01-01…2021-06-30).",
      "Approval by @kds-calon does not count: not in office on the review date (valid 2027-01-04…).",
    ]);
    expect(d.reasons[1]?.id).toBe(
      "Persetujuan @kds-mantan tidak dihitung: tidak menjabat pada tanggal tinjauan (masa berlaku 2020-01-01…2020-12-31, 2021-01-01…2021-06-30).",
    );
  });

  it("an official out of office on the review date", () => {
    const d = decide({ reviews: [approve(SEKDIS, 5)] });
    expect(note(d)).toEqual([
      [
        "Persetujuan @kds-sekdis tidak dihitung: tidak menjabat pada tanggal tinjauan (masa berlaku 2026-07-06…2026-07-10).",
        "Approval by @kds-sekdis does not count: not in office on the review date (valid 2026-07-06…2026-07-10).",
      ],
    ]);
  });
});

describe("decideApprovals: returned to the applicant", () => {
  it("a standing request for changes fails, naming the official", () => {
    const d = decide({ reviews: [...inOrder().slice(0, 2), review(KASI, "CHANGES_REQUESTED", at(20))] });
    expect(summary(d)).toEqual({
      state: "failure",
      description: "Dikembalikan ke pemohon oleh @kds-kasi: perbaiki lalu minta tinjauan ulang",
      next: ["kds-kasi"],
    });
    expect(d.reasons.map((r) => [r.id, r.en])).toEqual([
      [
        "Dikembalikan ke pemohon: @kds-kasi meminta perubahan. Perbaiki permohonan, lalu @kds-kasi perlu menyetujui kembali.",
        "Returned to the applicant: @kds-kasi requested changes. Fix the request, then @kds-kasi must approve again.",
      ],
    ]);
  });

  it("several requests for changes are listed in the order given", () => {
    const d = decide({
      reviews: [review(KABID, "CHANGES_REQUESTED", at(5)), review(KADIS, "CHANGES_REQUESTED", at(6))],
    });
    expect(summary(d)).toEqual({
      state: "failure",
      description: "Dikembalikan ke pemohon oleh @kds-kabid, @kds-kadis: perbaiki lalu minta tinjauan ulang",
      next: ["kds-kabid", "kds-kadis"],
    });
  });

  it.each<[string, Review]>([
    ["someone who is not an official", review(STRANGER, "CHANGES_REQUESTED", at(5))],
    ["an official out of office on that date", review(SEKDIS, "CHANGES_REQUESTED", at(5))],
  ])("a request for changes by %s does not block", (_label, r) => {
    expect(summary(decide({ reviews: [r] }))).toEqual(STATUS_WAITING_KADIS);
  });

  it("a long description is cut at 140 characters", () => {
    const long = "a".repeat(60);
    const many: Governance = {
      ...g,
      officials: {
        ...g.officials,
        pejabat: g.officials.pejabat.map((o) =>
          o.login === "kds-kadis" || o.login === "kds-kabid" ? { ...o, login: `${o.login}-${long}` } : o,
        ),
      },
    };
    const d = decide({
      governance: many,
      reviews: [
        review({ login: `kds-kadis-${long}`, id: KADIS.id }, "CHANGES_REQUESTED", at(5)),
        review({ login: `kds-kabid-${long}`, id: KABID.id }, "CHANGES_REQUESTED", at(6)),
      ],
    });
    expect(d.description).toHaveLength(140);
    expect(d.description).toBe(
      `Dikembalikan ke pemohon oleh @kds-kadis-${long}, @kds-kabid-${"a".repeat(26)}…`,
    );
  });

  it("a description of exactly 140 characters is kept whole", () => {
    // "Dikembalikan ke pemohon oleh @" (30) + login + ": perbaiki lalu minta tinjauan ulang" (36) = 140.
    const login = `k${"b".repeat(73)}`;
    const one: Governance = {
      ...g,
      officials: {
        ...g.officials,
        pejabat: g.officials.pejabat.map((o) => (o.login === "kds-kadis" ? { ...o, login } : o)),
      },
    };
    const d = decide({
      governance: one,
      reviews: [review({ login, id: KADIS.id }, "CHANGES_REQUESTED", at(5))],
    });
    expect(d.description).toBe(`Dikembalikan ke pemohon oleh @${login}: perbaiki lalu minta tinjauan ulang`);
    expect(d.description).toHaveLength(140);
  });
});

describe("decideApprovals: failures before the SOP", () => {
  it("a cut file list fails first, whatever else", () => {
    const d = decide({
      pull: pull(t0, { changed_files: 2 }),
      files: [{ filename: "src/x.ts", status: "modified" }],
      reviews: [review(KADIS, "CHANGES_REQUESTED", at(5))],
    });
    expect(summary(d)).toEqual({
      state: "failure",
      description: "Daftar berkas atau commit PR tidak lengkap: bagi PR menjadi lebih kecil",
      next: [],
    });
    expect(ids(d)).toEqual([
      'Berkas "src/x.ts" berada di luar requests/; perubahan governance/, kode dan workflow hanya boleh oleh admin platform.',
      "PR #42 mengubah 2 berkas tetapi daftar berkas GitHub memuat 1 (GitHub berhenti di 3.000): bagi menjadi PR yang lebih kecil.",
      "Dikembalikan ke pemohon: @kds-kadis meminta perubahan. Perbaiki permohonan, lalu @kds-kadis perlu menyetujui kembali.",
    ]);
  });

  it("a whole file list and commit list pass", () => {
    const d = decide({
      pull: pull(t0, { changed_files: 1, commits: 1 }),
      commits: [{ sha: "a", author: APPLICANT.login, committer: APPLICANT.login }],
      reviews: inOrder(),
    });
    expect(summary(d)).toEqual({
      state: "success",
      description: "Disetujui lengkap sesuai SOP (4 dari 4 langkah)",
      next: [],
    });
  });

  it("a cut commit list fails", () => {
    const d = decide({
      pull: pull(t0, { commits: 3 }),
      commits: [{ sha: "a", author: null, committer: null }],
      reviews: inOrder(),
    });
    expect(summary(d)).toEqual({
      state: "failure",
      description: "Daftar berkas atau commit PR tidak lengkap: bagi PR menjadi lebih kecil",
      next: [],
    });
    expect(ids(d)).toEqual([
      "PR #42: daftar commit tidak lengkap (1 dari 3; GitHub berhenti di 250): gabungkan (squash) commit atau bagi PR.",
    ]);
  });

  it("an unknown file count is not checked without a file list", () => {
    const { files: _files, ...rest } = { files: undefined };
    const d = decideApprovals({
      pull: pull(t0, { changed_files: 5 }),
      reviews: inOrder(),
      governance: g,
      now: at(60),
      ...rest,
    });
    expect(summary(d)).toEqual({
      state: "success",
      description: "Disetujui lengkap sesuai SOP (4 dari 4 langkah)",
      next: [],
    });
    expect(d.sopApplies).toBe(true);
    expect(d.permissions).toBeUndefined();
    expect(d.ownership).toBeUndefined();
    expect(d.reasons).toEqual([
      {
        id: "Daftar berkas tidak diberikan: pemeriksaan wewenang perubahan dilewati.",
        en: "No file list given: the change-permission check was skipped.",
      },
    ]);
  });

  it("a change outside the author's rights fails, naming the first file", () => {
    const d = decide({
      files: [
        { filename: "requests/a.yaml", status: "added" },
        { filename: "scripts/x.ts", status: "modified" },
        { filename: "src/y.ts", status: "modified" },
      ],
      reviews: [review(KADIS, "CHANGES_REQUESTED", at(5))],
    });
    expect(summary(d)).toEqual({
      state: "failure",
      description: "Perubahan di luar wewenang pengaju: scripts/x.ts",
      next: [],
    });
    expect(d.permissions?.violations.map((v) => v.file)).toEqual(["scripts/x.ts", "src/y.ts"]);
  });

  it("no request file: the SOP does not apply and the admins' review decides", () => {
    const admin = { login: "kds-platform-admin", id: 91000101, type: "User" };
    const files: PullFile[] = [{ filename: "src/x.ts", status: "modified" }];
    const d = decide({ pull: pull(t0, { user: admin }), files });
    expect(summary(d)).toEqual({
      state: "success",
      description: "Tidak ada berkas permohonan; perubahan ditinjau admin platform (CODEOWNERS)",
      next: [],
    });
    expect(d.sopApplies).toBe(false);
    expect(d.reasons).toEqual([
      {
        id: "Permintaan tarik ini tidak mengubah berkas di requests/, jadi alur SOP tidak berlaku; tinjauan admin platform diwajibkan lewat CODEOWNERS.",
        en: "This pull request changes no file in requests/, so the SOP chain does not apply; platform admin review is required through CODEOWNERS.",
      },
    ]);
    const blocked = decide({
      pull: pull(t0, { user: admin }),
      files,
      reviews: [review(KADIS, "CHANGES_REQUESTED", at(5))],
    });
    expect(blocked.state).toBe("failure");
  });
});

describe("decideApprovals: service level and calendar", () => {
  it("a working-time service level over its standard is noted", () => {
    const sla: Governance = { ...g, sop: { ...g.sop, sla_total: { menit: 30 } } };
    const within = decide({ governance: sla, reviews: inOrder(), now: at(30) });
    expect(within.total).toEqual({
      elapsedMinutes: 30,
      standardMinutes: 30,
      kalender: false,
      overStandard: false,
    });
    expect(within.reasons).toEqual([]);
    const over = decide({ governance: sla, reviews: inOrder(), now: at(31) });
    expect(over.total).toEqual({
      elapsedMinutes: 31,
      standardMinutes: 30,
      kalender: false,
      overStandard: true,
    });
    expect(over.reasons).toEqual([
      {
        id: "Waktu layanan keseluruhan melewati standar 30 menit.",
        en: "Overall service time exceeds the standard of 30 menit.",
      },
    ]);
  });

  it("a calendar-time service level counts every minute, until the merge", () => {
    const sla: Governance = {
      ...g,
      sop: { ...g.sop, sla_total: { hari_kerja: 1, jam: 2, menit: 3, kalender: true } },
    };
    // Friday 27 Nov 15:00 → Monday 30 Nov 08:00: 65 hours of calendar time.
    const friday = local(g, "2026-11-27T15:00");
    const d = decideApprovals({
      pull: pull(friday, { merged_at: addMinutes(friday, 65 * 60).toISOString() }),
      reviews: [],
      files: NEW_REQUEST,
      governance: sla,
      now: addMinutes(friday, 70 * 60),
    });
    expect(d.total).toEqual({
      elapsedMinutes: 3900,
      standardMinutes: 1563,
      kalender: true,
      overStandard: true,
    });
    expect(d.reasons.at(-1)).toEqual({
      id: "Waktu layanan keseluruhan melewati standar 3 menit (waktu kalender).",
      en: "Overall service time exceeds the standard of 3 menit (calendar time).",
    });
  });

  it("every year without a decreed calendar is listed", () => {
    const d = decideApprovals({
      pull: pull(local(g, "2027-12-31T08:00")),
      reviews: [],
      files: NEW_REQUEST,
      governance: g,
      now: local(g, "2028-01-03T09:00"),
    });
    expect(d.reasons.at(-1)?.en).toBe(
      "The working calendar for 2027, 2028 is not (fully) decreed in governance/calendar.yaml; only weekends and listed dates are skipped.",
    );
    expect(d.reasons.at(-1)?.id).toBe(
      "Kalender kerja tahun 2027, 2028 belum ditetapkan lengkap di governance/calendar.yaml; hanya akhir pekan dan tanggal yang tercatat yang dilewati.",
    );
  });

  it("a year without a decreed calendar is noted", () => {
    const d = decideApprovals({
      pull: pull(local(g, "2027-01-05T08:00")),
      reviews: [],
      files: NEW_REQUEST,
      governance: g,
      now: local(g, "2027-01-05T09:00"),
    });
    expect(d.reasons.at(-1)).toEqual({
      id: "Kalender kerja tahun 2027 belum ditetapkan lengkap di governance/calendar.yaml; hanya akhir pekan dan tanggal yang tercatat yang dilewati.",
      en: "The working calendar for 2027 is not (fully) decreed in governance/calendar.yaml; only weekends and listed dates are skipped.",
    });
  });
});

describe("decideApprovals: owners of parent names and Pages projects", () => {
  const names = { zone: "kuduskab.go.id", namespaces: new Set(["desa"]) };
  const OWNER = { login: "budi-dinkes", id: 5_000_010 };
  const child: PullFile[] = [{ filename: "requests/login.dinkes.yaml", status: "added" }];
  const owned = (owner: string) => ({ "requests/dinkes.yaml": { pengelola_github: owner, project: null } });
  const input = (owner: string, reviews: Review[]): Partial<DecideInput> => ({
    pull: pull(t0, { user: { ...STRANGER, type: "User" } }),
    files: child,
    baseRequests: owned(owner),
    names,
    reviews,
  });
  const NEEDS_OWNER = (owner: string) =>
    `"requests/login.dinkes.yaml" lies below the name "dinkes": it needs approval of @${owner}, pengelola teknis of the parent name dinkes (per the base branch).`;

  it("the SOP done, the parent's admin not yet: pending on the owner, asked by name", () => {
    const d = decide(input(OWNER.login, inOrder()));
    expect(summary(d)).toEqual({
      state: "pending",
      description: "Menunggu persetujuan pemilik nama: @budi-dinkes",
      next: ["budi-dinkes"],
    });
    expect(d.reasons.map((r) => r.en)).toEqual([NEEDS_OWNER("budi-dinkes")]);
    expect(d.ownership?.requirements.map((r) => r.met)).toEqual([false]);
  });

  it("two parents' admins are both named", () => {
    const d = decide({
      ...input(OWNER.login, inOrder()),
      files: [...child, { filename: "requests/ppdb.disdik.yaml", status: "added" }],
      baseRequests: {
        ...owned(OWNER.login),
        "requests/disdik.yaml": { pengelola_github: "siti-disdik", project: null },
      },
    });
    expect(summary(d)).toEqual({
      state: "pending",
      description: "Menunggu persetujuan pemilik nama: @budi-dinkes, @siti-disdik",
      next: ["budi-dinkes", "siti-disdik"],
    });
  });

  it("the SOP waiting: its officials first, then the owner", () => {
    const d = decide(input(OWNER.login, []));
    expect(summary(d)).toEqual({ ...STATUS_WAITING_KADIS, next: ["kds-kadis", "budi-dinkes"] });
    expect(d.reasons.map((r) => r.en)).toEqual([
      "Waiting for approval by Kepala Dinas (step 1 of 4).",
      NEEDS_OWNER("budi-dinkes"),
    ]);
  });

  it("an owner who is also the step's official is asked once", () => {
    const d = decide(input("kds-kadis", []));
    expect(d.next).toEqual(["kds-kadis"]);
  });

  it.each<[string, Review, Decision["state"]]>([
    ["on the head", review(OWNER, "APPROVED", at(40)), "success"],
    ["on an old commit", review(OWNER, "APPROVED", at(40), OLD_HEAD), "pending"],
    ["as a comment", review(OWNER, "COMMENTED", at(40)), "pending"],
    ["turned into a request for changes", review(OWNER, "CHANGES_REQUESTED", at(40)), "pending"],
  ])("the owner's approval %s", (_label, r, state) => {
    expect(decide(input(OWNER.login, [...inOrder(), r])).state).toBe(state);
  });

  it("another unit's Pages project fails, naming the file", () => {
    const d = decide({
      pull: pull(t0, { user: { ...STRANGER, type: "User" } }),
      files: [{ filename: "requests/portal.yaml", status: "added" }],
      baseRequests: {},
      headRequests: { "requests/portal.yaml": { project: "direktori-desa-kudus", impor: false } },
      names,
      reviews: [...inOrder(), review(KADIS, "CHANGES_REQUESTED", at(50))],
    });
    expect(summary(d)).toEqual({
      state: "failure",
      description: "Pemilik nama atau proyek Pages tidak sah: requests/portal.yaml",
      next: [],
    });
    // The request for changes comes first, the owner check after it.
    expect(d.reasons).toHaveLength(2);
    expect(d.reasons[0]?.en).toMatch(/^Returned to the applicant: @kds-kadis/);
    expect(d.reasons[1]?.en).toContain(
      'names the Pages project "direktori-desa-kudus", which is not its own',
    );
  });
});
