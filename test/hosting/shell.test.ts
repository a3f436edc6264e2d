import { describe, expect, it } from "vitest";
import { shellAssign, shellQuote } from "../../src/core/hosting/shell.ts";
import { confinedShell } from "./confined-shell.ts";

const HOSTILE = [
  "",
  "'",
  "''",
  "it's",
  "$(printf pwned)",
  "`id`",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion is the hostile value.
  "${HOME}",
  "$HOME",
  "a\nb",
  "a\r\nb",
  "x; printf pwned",
  "a && b || c | d & e",
  '"double"',
  "back\\slash\\",
  "*",
  "~root",
  "!",
  "-n",
  "# not a comment",
  "Dinas Kesehatan — Kabupaten Kudus ñ 🚀",
  "\u202eevil",
  "'$(id)'\"`id`\"",
];

function echoed(shell: string, word: string): string {
  return confinedShell(`printf '%s' ${word}`, shell);
}

describe("shellQuote", () => {
  it.each(HOSTILE)("keeps %j literal in dash and bash", (value) => {
    const word = shellQuote(value);
    expect(echoed("/bin/sh", word)).toBe(value);
    expect(echoed("/bin/bash", word)).toBe(value);
  });

  it("makes one word of the value, whatever it holds", () => {
    const value = "a b\tc\nd";
    const count = confinedShell(`set -- ${shellQuote(value)}; printf '%s' "$#"`);
    expect(count).toBe("1");
  });

  it("writes a quote as close, escaped quote, reopen", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("plain")).toBe("'plain'");
  });

  it("refuses NUL, which no shell word can hold", () => {
    expect(() => shellQuote("a\u0000b")).toThrow(
      expect.objectContaining({
        code: "internal",
        message: "nilai shell berisi NUL (shell value contains NUL)",
      }),
    );
  });
});

describe("shellAssign", () => {
  it("assigns a quoted value that a shell reads back unchanged", () => {
    const line = shellAssign("site", "a'b $(id)\n`x`");
    expect(line).toBe("site='a'\\''b $(id)\n`x`'");
    expect(confinedShell(`${line}\nprintf '%s' "$site"`)).toBe("a'b $(id)\n`x`");
  });

  it.each(["Site", "1x", "a-b", "a b", "x;id", ""])("refuses the variable name %j", (name) => {
    expect(() => shellAssign(name, "v")).toThrow(
      expect.objectContaining({
        code: "internal",
        message: expect.stringMatching(/^nama variabel shell tidak sah/),
      }),
    );
  });
});
