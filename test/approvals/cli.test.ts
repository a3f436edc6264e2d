import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/approvals.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { decideApprovals } from "../../src/core/approvals/decide.ts";
import type { PullFile, PullRequest, Review } from "../../src/core/approvals/pull.ts";
import { toApprovalJson } from "../../src/core/approvals/render.ts";
import { OFFICE, PRESETS_DIR } from "../support/office.ts";
import { FIXTURES } from "./fake-github.ts";
import {
  addMinutes,
  chain,
  local,
  NEW_REQUEST,
  OLD_HEAD,
  PRESETS,
  type PresetName,
  preset,
  pull,
  review,
} from "./helpers.ts";

async function presetRoot(name: PresetName): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `approvals-${name}-`));
  await cp(join(PRESETS_DIR, name), join(dir, "governance"), { recursive: true });
  return dir;
}

interface Case {
  label: string;
  build: (
    name: PresetName,
  ) => Promise<{ pull: PullRequest; reviews: Review[]; files: PullFile[]; now: Date }>;
}

async function base(name: PresetName) {
  const g = await preset(name);
  const t0 = local(g, "2026-11-24T08:00");
  return { g, t0, c: chain(g, t0) };
}

const cases: Case[] = [
  {
    label: "happy path",
    build: async (name) => {
      const { t0, c } = await base(name);
      const reviews = c.map((p, i) => review(p, "APPROVED", addMinutes(t0, 5 + 5 * i)));
      return { pull: pull(t0), reviews, files: NEW_REQUEST, now: addMinutes(t0, 90) };
    },
  },
  {
    label: "out of order",
    build: async (name) => {
      const { t0, c } = await base(name);
      const reviews = [...c].reverse().map((p, i) => review(p, "APPROVED", addMinutes(t0, 5 + 5 * i)));
      return { pull: pull(t0), reviews, files: NEW_REQUEST, now: addMinutes(t0, 90) };
    },
  },
  {
    label: "stale",
    build: async (name) => {
      const { t0, c } = await base(name);
      const reviews = c.map((p, i) => review(p, "APPROVED", addMinutes(t0, 5 + 5 * i), OLD_HEAD));
      return { pull: pull(t0), reviews, files: NEW_REQUEST, now: addMinutes(t0, 90) };
    },
  },
  {
    label: "changes requested",
    build: async (name) => {
      const { t0, c } = await base(name);
      const reviews = [review(c[0] as never, "CHANGES_REQUESTED", addMinutes(t0, 5))];
      return { pull: pull(t0), reviews, files: NEW_REQUEST, now: addMinutes(t0, 90) };
    },
  },
  {
    label: "workflow file",
    build: async (name) => {
      const { t0, c } = await base(name);
      const reviews = c.map((p, i) => review(p, "APPROVED", addMinutes(t0, 5 + 5 * i)));
      const files = [...NEW_REQUEST, { filename: ".github/workflows/apply.yml", status: "modified" }];
      return { pull: pull(t0), reviews, files, now: addMinutes(t0, 90) };
    },
  },
];

describe.each(PRESETS)("offline CLI, preset %s", (name) => {
  it.each(cases.map((c) => [c.label, c] as const))(
    "%s: same decision as the core",
    async (_label, testCase) => {
      const root = await presetRoot(name);
      const input = await testCase.build(name);
      await writeFile(join(root, "pull.json"), JSON.stringify(input.pull));
      await writeFile(join(root, "reviews.json"), JSON.stringify(input.reviews));
      await writeFile(join(root, "files.json"), JSON.stringify(input.files));
      const io = memoryIo({ cwd: root });
      const code = await run(
        [
          "--pull",
          "pull.json",
          "--reviews",
          "reviews.json",
          "--files",
          "files.json",
          "--now",
          input.now.toISOString(),
          "--format",
          "json",
        ],
        io,
      );
      const expected = decideApprovals({ ...input, governance: await preset(name), baseRequests: {} });
      expect(JSON.parse(io.out.join(""))).toEqual(JSON.parse(JSON.stringify(toApprovalJson(expected))));
      expect(code).toBe(expected.state === "success" ? 0 : 1);
    },
  );
});

describe("offline CLI with recorded GitHub responses", () => {
  it("reads raw REST JSON and the base checkout's request owners", async () => {
    const io = memoryIo({ cwd: OFFICE });
    const code = await run(
      [
        "--pull",
        join(FIXTURES, "pull.json"),
        "--reviews",
        join(FIXTURES, "reviews.json"),
        "--files",
        join(FIXTURES, "files.json"),
        "--base",
        join(FIXTURES, "base"),
        "--now",
        "2026-11-24T02:00:00Z",
      ],
      io,
    );
    const out = io.out.join("");
    expect(code).toBe(1);
    expect(out.split("\n")[0]).toBe("PENDING: Menunggu Kepala Seksi TI dan Persandian (langkah 3 dari 4)");
    expect(out).toContain("berikutnya (next): @kds-kasi");
  });

  it("a changed request missing from the base checkout cannot be checked: refused", async () => {
    const io = memoryIo({ cwd: OFFICE });
    const empty = await mkdtemp(join(tmpdir(), "approvals-base-"));
    const args = [
      "--pull",
      "pull.json",
      "--reviews",
      "reviews.json",
      "--files",
      "files.json",
      "--base",
      empty,
    ];
    const code = await run(
      args.map((a) => (a.endsWith(".json") ? join(FIXTURES, a) : a)),
      io,
    );
    expect(code).toBe(1);
    expect(io.out.join("")).toMatch(
      /^FAILURE: Perubahan di luar wewenang pengaju: requests\/puskesmas-jati\.yaml/,
    );
  });

  it("renders the sticky comment as Markdown", async () => {
    const io = memoryIo({ cwd: OFFICE });
    await run(
      [
        "--pull",
        join(FIXTURES, "pull.json"),
        "--reviews",
        join(FIXTURES, "reviews.json"),
        "--now",
        "2026-11-24T02:00:00Z",
        "--format",
        "markdown",
      ],
      io,
    );
    const md = io.out.join("");
    expect(md.startsWith("<!-- domainops:sop -->\n")).toBe(true);
    expect(md).toContain(
      "| ✅ | **langkah 1/4**: Kepala Dinas mendisposisi surat permohonan kepada Kepala Bidang Informatika _(disetujui)_ | Kepala Dinas | @kds-kadis | 5 menit | 10 menit |",
    );
    expect(md).toContain("**Berikutnya (next):** @kds-kasi — Kepala Seksi TI dan Persandian");
  });
});

describe("CLI usage errors exit 2 with one line", () => {
  it.each([
    [["--pull", "x.json"], /perlu --pull dan --reviews/],
    [["--format", "yaml", "--pull", "a", "--reviews", "b"], /format tidak dikenal/],
    [["--repo", "bad", "--pr", "1"], /GITHUB_TOKEN|owner\/name/],
    [["--pr", "3"], /memerlukan --repo/],
    [
      ["pull", "reviews", "files"]
        .flatMap((k) => [`--${k}`, join(FIXTURES, `${k}.json`)])
        .concat("--base", "/nonexistent"),
      /--base \/nonexistent: bukan folder/,
    ],
    [["--pull", "missing.json", "--reviews", "missing.json"], /tidak dapat membaca pull request/],
  ])("%j", async (argv, message) => {
    const io = memoryIo({ cwd: OFFICE });
    expect(await main(["approvals", ...argv], io)).toBe(2);
    expect(io.err.join("")).toMatch(message);
  });

  it("rejects JSON that is not GitHub's pull request shape", async () => {
    const dir = await mkdtemp(join(tmpdir(), "approvals-bad-"));
    await writeFile(join(dir, "pull.json"), JSON.stringify({ number: 1 }));
    await writeFile(join(dir, "reviews.json"), "[]");
    const io = memoryIo({ cwd: dir });
    expect(
      await main(["approvals", "--pull", "pull.json", "--reviews", "reviews.json", "--root", OFFICE], io),
    ).toBe(2);
    expect(io.err.join("")).toMatch(
      /pull\.json: bukan jawaban REST GitHub untuk pull request .*missing user/,
    );
  });

  it("reports invalid governance with file and line", async () => {
    const root = await presetRoot("kudus");
    const officials = join(root, "governance/officials.yaml");
    await writeFile(officials, "admins: []\npejabat:\n  - id: 1\n    login: x\n");
    await writeFile(
      join(root, "p.json"),
      await (await import("node:fs/promises")).readFile(join(FIXTURES, "pull.json"), "utf8"),
    );
    await writeFile(join(root, "r.json"), "[]");
    const io = memoryIo({ cwd: root });
    expect(await main(["approvals", "--pull", "p.json", "--reviews", "r.json"], io)).toBe(2);
    const err = io.err.join("");
    expect(err).toMatch(/governance\/officials\.yaml:1:\d+ governance-schema/);
    expect(err).toMatch(
      /governance\/officials\.yaml:3:\d+ governance-schema: pejabat\[0\]: kunci "nama" wajib diisi/,
    );
  });
});
