/** `domainops check` judges the issue form like the other generated files, and `--fix` writes it. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { issueFormFile } from "../../src/core/office/generated.ts";
import { domainops, removeAll, tempToolCopy } from "../init/helpers.ts";

const temps: string[] = [];
afterAll(() => removeAll(temps));

async function drift(dir: string, ...argv: string[]): Promise<{ code: number; files: string[] }> {
  const result = await domainops(dir, ["check", "--format", "json", ...argv]);
  const list = (JSON.parse(result.out) as { diagnostics: { file: string; rule: string }[] }).diagnostics;
  return { code: result.code, files: list.filter((d) => d.rule === "generated-drift").map((d) => d.file) };
}

describe("issue form as a generated file", () => {
  it("is reported when missing or edited, and --fix writes it back", async () => {
    const dir = tempToolCopy("intake", temps);
    const form = issueFormFile();
    const target = join(dir, form.path);
    rmSync(target);
    expect(await drift(dir)).toEqual({ code: 1, files: [form.path] });
    expect((await drift(dir, "--fix")).code).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(form.text);
    writeFileSync(target, form.text.replace("- kegiatan", "- lainnya"));
    expect(await drift(dir)).toEqual({ code: 1, files: [form.path] });
  });
});
