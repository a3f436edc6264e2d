import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/adapters/github.ts";
import { createIntakeWriter } from "../../src/adapters/github-intake.ts";
import { run } from "../../src/cli/intake.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { DomainopsError } from "../../src/core/errors.ts";
import { INTAKE_MARKER } from "../../src/core/intake/pull.ts";
import { type FakeIssue, fakeRepo, NAME, OWNER } from "./fake-repo.ts";

const dir = mkdtempSync(join(tmpdir(), "domainops-intake-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AUTHOR = { login: "opd-dinkes-admin", id: 5_000_001, type: "User" };
const CONTENT =
  "subdomain: dinkes\npengelola_teknis:\n  nama: Arif\n  email: arif@kuduskab.go.id\n  github: opd-dinkes-admin\n";

function issue(extra: Partial<FakeIssue> = {}): FakeIssue {
  return {
    number: 17,
    user: AUTHOR,
    state: "open",
    labels: ["permohonan"],
    body: "### Subdomain\n\ndinkes",
    ...extra,
  };
}

function result(value: unknown): string {
  const file = join(dir, `result-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

const valid = { file: "requests/dinkes.yaml", content: CONTENT, diagnostics: [] };

async function intake(fake: ReturnType<typeof fakeRepo>, resultFile: string) {
  const io = memoryIo({
    cwd: dir,
    env: { GITHUB_TOKEN: "ghs_app", DOMAINOPS_BOT_LOGIN: "kudus-domainops[bot]" },
  });
  let code: number;
  try {
    code = await run(
      ["--repo", `${OWNER}/${NAME}`, "--issue", "17", "--result", resultFile],
      io,
      (o) => createGitHub({ ...o, fetch: fake.fetch, retries: 0, pacing: false }),
      (o) => createIntakeWriter({ ...o, fetch: fake.fetch, retries: 0, pacing: false }),
    );
  } catch (error) {
    // What the entry point does with a DomainopsError: its message on stderr, exit 2.
    if (!(error instanceof DomainopsError)) throw error;
    io.stderr(error.message);
    code = 2;
  }
  return { code, out: io.out.join(""), err: io.err.join("") };
}

describe("domainops intake", () => {
  it("opens one pull request on permohonan/<issue> holding the default branch plus the request file", async () => {
    const fake = fakeRepo({ issue: issue() });
    const first = await intake(fake, result(valid));
    expect(first.code).toBe(0);
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]).toMatchObject({
      head: { ref: "permohonan/17" },
      base: { ref: "main" },
      title: "Permohonan dinkes (#17)",
    });
    expect(fake.pulls[0]?.body).toContain("diajukan oleh @opd-dinkes-admin");
    expect([...(fake.filesOf("permohonan/17") ?? [])]).toEqual([
      ["README.md", "readme\n"],
      ["requests/dinkes.yaml", CONTENT],
    ]);
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]?.body).toContain(INTAKE_MARKER);
    expect(fake.comments[0]?.body).toContain(`Pull request #${fake.pulls[0]?.number} dibuat atau diperbarui`);
  });

  it("leaves the branch alone when the issue is saved again unchanged, so approvals stay valid", async () => {
    const fake = fakeRepo({ issue: issue() });
    await intake(fake, result(valid));
    const head = fake.refs.get("permohonan/17");
    fake.writes.length = 0;
    const again = await intake(fake, result(valid));
    expect(again.code).toBe(0);
    expect(fake.refs.get("permohonan/17")).toBe(head);
    expect(fake.writes.filter((w) => w.includes("/git/"))).toEqual([]);
    expect(fake.pulls).toHaveLength(1);
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]?.body).toContain("sudah sesuai isu ini");
  });

  it("rewrites the branch to the new file when the applicant renames the subdomain: the old file goes", async () => {
    const fake = fakeRepo({ issue: issue() });
    await intake(fake, result(valid));
    const renamed = {
      ...valid,
      file: "requests/dinkes2.yaml",
      content: CONTENT.replace("dinkes\n", "dinkes2\n"),
    };
    expect((await intake(fake, result(renamed))).code).toBe(0);
    expect([...(fake.filesOf("permohonan/17")?.keys() ?? [])]).toEqual([
      "README.md",
      "requests/dinkes2.yaml",
    ]);
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]?.title).toBe("Permohonan dinkes2 (#17)");
  });

  it("comments what to fix on an invalid request, per field and escaped, and opens nothing", async () => {
    const fake = fakeRepo({ issue: issue() });
    const invalid = {
      file: null,
      content: null,
      diagnostics: [
        {
          severity: "error",
          field: "subdomain",
          label: "Subdomain (requested name)",
          message: { id: "nama <b>dinkes</b> sudah dipakai", en: "the name is taken" },
        },
        { severity: "error", field: "instansi-nama", message: { id: "wajib", en: "required" } },
        { severity: "warning", field: "Catatan", message: { id: "catatan kosong", en: "empty note" } },
      ],
    };
    const outcome = await intake(fake, result(invalid));
    expect(outcome.code).toBe(1);
    expect(fake.pulls).toEqual([]);
    expect(fake.refs.has("permohonan/17")).toBe(false);
    const body = fake.comments[0]?.body ?? "";
    expect(body).toContain("**Subdomain (requested name)**: nama");
    expect(body).toContain("**instansi-nama**: wajib");
    expect(body).not.toContain("<b>");
    expect(body).not.toContain("catatan kosong");
  });

  it("writes nothing when someone else last edited the issue, and tells the applicant how to take it back", async () => {
    const fake = fakeRepo({ issue: issue({ editor: "pengurus_<repo>" }) });
    const outcome = await intake(fake, result(valid));
    expect(outcome.code).toBe(1);
    expect(fake.refs.has("permohonan/17")).toBe(false);
    expect(fake.pulls).toEqual([]);
    expect(fake.writes.filter((w) => !w.includes("/comments") && w !== "POST /graphql")).toEqual([]);
    const body = fake.comments[0]?.body ?? "";
    expect(body).toContain("<!-- domainops:intake -->");
    expect(body).toContain("terakhir disunting oleh pengurus\\_&lt;repo&gt;");
    expect(body).toContain("simpan ulang isu ini");
    expect(body).not.toContain("<repo>");
    // Once the applicant saves it again, they are its last editor and the request goes through.
    fake.issue.editor = AUTHOR.login.toUpperCase();
    const again = await intake(fake, result(valid));
    expect(again.code).toBe(0);
    expect(fake.pulls).toHaveLength(1);
  });

  it.each([
    ["closed", issue({ state: "closed" })],
    ["without the form's label", issue({ labels: ["bug"] })],
    ["a pull request", issue({ pull_request: { url: "x" } })],
  ])("does nothing for an issue that is %s", async (_name, which) => {
    const fake = fakeRepo({ issue: which });
    const outcome = await intake(fake, result(valid));
    expect(outcome.code).toBe(0);
    expect(outcome.out).toContain("tidak ada yang dikerjakan");
    expect(fake.writes).toEqual([]);
  });

  it("never opens a pull request in someone else's name", async () => {
    const fake = fakeRepo({ issue: issue({ user: { login: "someone-else", id: 6, type: "User" } }) });
    const outcome = await intake(fake, result(valid));
    expect(outcome.code).toBe(2);
    expect(outcome.err).toContain("pengelola_teknis.github bukan penulis isu #17");
    expect(fake.writes).toEqual([]);
  });

  it.each([
    ["not JSON", "{", "bukan JSON"],
    ["no diagnostics list", { file: null }, "tidak berisi {file, content, diagnostics}"],
    [
      "a diagnostic without a message",
      { file: null, content: null, diagnostics: [{ severity: "error" }] },
      "diagnostik tanpa message",
    ],
    ["a file outside requests/", { ...valid, file: ".github/workflows/x.yml" }, "bukan requests/<nama>.yaml"],
  ])("refuses a result that is %s (exit 2)", async (_name, value, message) => {
    const fake = fakeRepo({ issue: issue() });
    const outcome = await intake(fake, result(value));
    expect(outcome.code).toBe(2);
    expect(outcome.err).toContain(message);
    expect(fake.pulls).toEqual([]);
  });
});
