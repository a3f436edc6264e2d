import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { domainops, removeRoots } from "./helpers.ts";

afterAll(removeRoots);

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** The subcommands the usage lists (so a new command is covered without editing this file). */
async function commandNames(): Promise<string[]> {
  const { out } = await domainops(["--help"]);
  return [...out.matchAll(/^ {2}([a-z][a-z-]*) {2,}/gm)].map((match) => match[1] as string);
}

/** Bahasa Indonesia first, English second, both present. */
function expectIdThenEn(text: string, id: string, en: string): void {
  expect(text).toContain(id);
  expect(text).toContain(en);
  expect(text.indexOf(id)).toBeLessThan(text.indexOf(en));
}

describe("domainops without a command, --help and --version", () => {
  it("alone: the usage on stderr, nothing on stdout, exit 2", async () => {
    const { code, out, err } = await domainops([]);
    expect([code, out]).toEqual([2, ""]);
    expect(err).toContain("Pemakaian (usage): domainops <perintah> [opsi]");
    expect(err).toMatch(/^ {2}validate {4}/m);
  });

  it.each([["--help"], ["-h"], ["help"]])("%s: the usage on stdout, exit 0", async (flag) => {
    const { code, out, err } = await domainops([flag]);
    expect([code, err]).toEqual([0, ""]);
    expect(out).toContain("Pemakaian (usage): domainops <perintah> [opsi]");
    expect(out).toContain("--version");
  });

  it.each([["--version"], ["-v"], ["version"]])(
    "%s: the package.json version on stdout, exit 0",
    async (flag) => {
      expect(await domainops([flag])).toEqual({ code: 0, out: `${VERSION}\n`, err: "" });
    },
  );

  it("an unknown command: escaped, with a suggestion when one is close, exit 2", async () => {
    const typo = await domainops(["valdate"]);
    expect([typo.code, typo.out]).toEqual([2, ""]);
    expect(typo.err).toContain(
      'perintah tidak dikenal "valdate" (unknown command); maksud Anda validate? (did you mean validate?)',
    );
    const far = await domainops(["zzz\u001b[2J"]);
    expect(far.code).toBe(2);
    expect(far.err).toContain('"zzz\\u001b[2J" (unknown command)\n');
    expect(far.err).not.toContain("\u001b");
  });

  it("a name of Object.prototype is not a command", async () => {
    expect((await domainops(["constructor"])).err).toContain('perintah tidak dikenal "constructor"');
  });
});

describe("argument mistakes: bilingual, naming the argument, pointing at --help, exit 2", () => {
  it("lists the commands it covers", async () => {
    expect(await commandNames()).toEqual(
      expect.arrayContaining(["validate", "plan", "export", "apply", "start"]),
    );
  });

  it("an unknown flag, for every command", async () => {
    for (const name of await commandNames()) {
      const { code, out, err } = await domainops([name, "--bogus-flag"]);
      expect({ name, code, out }).toEqual({ name, code: 2, out: "" });
      expectIdThenEn(err, 'opsi tidak dikenal "--bogus-flag"', "(unknown option)");
      expect(err).toContain(`\`domainops ${name} --help\``);
      expect(err).not.toContain("Unknown option"); // Node's own text is translated
      expect(err).not.toMatch(/\n\s+at /);
    }
  });

  it.each([
    [
      ["validate", "--formt", "json"],
      '"--formt" (unknown option); maksud Anda --format? (did you mean --format?)',
    ],
    [["plan", "--stak", "uji"], "maksud Anda --stack? (did you mean --stack?)"],
    [["plan", "--hepl"], "maksud Anda --help?"],
    [["apply", "--preview-onyl"], "maksud Anda --preview-only?"],
  ])("suggests the flag meant: %j", async (args, words) => {
    const { code, err } = await domainops(args);
    expect(code).toBe(2);
    expect(err).toContain(words);
  });

  it.each([[["plan", "--zzzzzz"]], [["plan", "-x"]]])(
    "no suggestion when nothing is close: %j",
    async (args) => {
      const { code, err } = await domainops(args);
      expect(code).toBe(2);
      expect(err).toContain(`opsi tidak dikenal "${args[1]}" (unknown option)\n`);
    },
  );

  it("a flag name is shown, not obeyed", async () => {
    const { code, err } = await domainops(["plan", "--a\u001b[31m\u202eb"]);
    expect(code).toBe(2);
    expect(err).toContain('"--a\\u001b[31m\\u202eb" (unknown option)');
    expect(err).not.toContain("\u001b");
    expect(err).not.toContain("\u202e");
  });

  it.each([
    [["plan", "--root"], 'opsi "--root" butuh nilai (needs a value)', "plan"],
    [
      ["apply", "--force=yes"],
      'opsi "--force" tidak menerima nilai (takes no value), bukan (not) "yes"',
      "apply",
    ],
    [
      ["plan", "--root", "--stack", "uji"],
      'opsi "--root" butuh nilai, tetapi "--stack" tampak seperti opsi; bila nilainya memang diawali "-", tulis --root=--stack',
      "plan",
    ],
    [
      ["plan", "extra"],
      'argumen tak terduga "extra": perintah ini hanya menerima opsi (unexpected argument; this command takes options only)',
      "plan",
    ],
  ])("%j", async (args, words, name) => {
    const { code, out, err } = await domainops(args);
    expect([code, out]).toEqual([2, ""]);
    expect(err.startsWith(`domainops ${name}: ${words}`)).toBe(true);
    expect(err).toContain(`Lihat (see) \`domainops ${name} --help\`.\n`);
  });

  it("a value written inline may start with a dash", async () => {
    const { err } = await domainops(["apply", "--max-delete-share=-1"]);
    expect(err).toContain("--max-delete-share harus 0–1 (must be 0 to 1): -1");
  });
});

describe("--format: one message for every command", () => {
  it.each([
    ["export", "json", "bind", ""],
    ["plan", "yaml", "text, json, markdown", ""],
    ["diff", "jsno", "text, json, markdown", "; maksud Anda json? (did you mean json?)"],
    ["validate", "xml", "text, json, github", ""],
    ["approvals", "html", "text, json, markdown", ""],
  ])("%s --format %s", async (name, format, choices, hint) => {
    const { code, out, err } = await domainops([name, "--format", format]);
    expect([code, out]).toEqual([2, ""]);
    expect(err).toBe(
      `domainops ${name}: format tidak dikenal "${format}" (unknown format); pilih (choose) ${choices}${hint}\n` +
        `Lihat (see) \`domainops ${name} --help\`.\n`,
    );
  });
});
