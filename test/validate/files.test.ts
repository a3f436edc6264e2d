import { describe, expect, it } from "vitest";
import {
  chooseRequestFiles,
  classifyEntry,
  entriesOfTree,
  type RequestEntry,
  selectRequestEntries,
} from "../../src/core/request/files.ts";

describe("classifyEntry", () => {
  it.each<[RequestEntry, string]>([
    [{ name: "dinkes.yaml", type: "file" }, "yaml"],
    [{ name: "dinkes.yml", type: "file" }, "yml"],
    [{ name: "dinkes.YAML", type: "file" }, "yml"],
    [{ name: "dinkes.json", type: "file" }, "other"],
    [{ name: "dinkes.yaml", type: "symlink" }, "symlink"],
    [{ name: "dinkes.yaml", type: "directory" }, "directory"],
    [{ name: "dinkes.yaml", type: "other" }, "other"],
  ])("%o is %s", (entry, kind) => {
    expect(classifyEntry(entry)).toBe(kind);
  });
});

describe("selectRequestEntries", () => {
  it("keeps plain .yaml files, skips the placeholder and says why each other entry is refused", () => {
    const selected = selectRequestEntries([
      { name: "dinkes.yaml", type: "file" },
      { name: ".gitkeep", type: "file" },
      { name: "bkd.yml", type: "file" },
      { name: "arsip.yaml", type: "symlink" },
      { name: "lama", type: "directory" },
    ]);
    expect(selected.wanted).toEqual(["dinkes.yaml"]);
    expect(selected.listing).toEqual(["dinkes.yaml", "bkd.yml", "arsip.yaml", "lama"]);
    expect(selected.rejected.map((d) => [d.file, d.rule, d.line, d.column])).toEqual([
      ["requests/bkd.yml", "file-not-yaml", 1, 1],
      ["requests/arsip.yaml", "file-symlink", 1, 1],
      ["requests/lama", "file-not-yaml", 1, 1],
    ]);
    expect(selected.rejected[0]?.message.en).toContain("Rename it to requests/bkd.yaml");
  });
});

describe("entriesOfTree", () => {
  it("turns a commit's blob paths into the entries of requests/, nested paths into one folder entry", () => {
    expect(
      entriesOfTree(["requests/dinkes.yaml", "requests/lama/a.yaml", "requests/lama/b.yaml", "README.md"]),
    ).toEqual([
      { name: "dinkes.yaml", type: "file" },
      { name: "lama", type: "directory" },
    ]);
  });
});

describe("chooseRequestFiles", () => {
  it.each([
    [["Dinkes.yaml", "dinkes.yaml"], "dinkes.yaml"],
    [["dinkes.yaml", "Dinkes.yaml"], "dinkes.yaml"],
    // No exact lowercase spelling: the first in code-point order, whatever the listing order.
    [["diNkes.yaml", "DINKES.yaml"], "DINKES.yaml"],
    [["DINKES.yaml", "diNkes.yaml"], "DINKES.yaml"],
  ])("%o reads %s for the stem dinkes", (names, chosen) => {
    expect(chooseRequestFiles(names).get("dinkes")).toBe(chosen);
  });
});
