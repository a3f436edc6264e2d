import { describe, expect, it, vi } from "vitest";
import type { SourceFile } from "../../src/core/request/validate.ts";
import { validateSources } from "../../src/core/request/validate.ts";
import { type Doc, hit, hits, NOW, policy, type RunOptions, requestYaml, validate } from "./helpers.ts";

// `subdomain: <value>`: the value starts in column 12 of line 1.
const SUB = [1, 12] as const;

type Case = [string, Doc, RunOptions, number];

function table(rule: string, cases: Case[]) {
  it.each(cases)(`${rule}: %s`, (_name, doc, options, expected) => {
    const want = expected === 0 ? [] : Array.from({ length: expected }, () => hit(rule, ...SUB));
    expect(hits(rule, doc, options)).toEqual(want);
  });
}

describe("the base request", () => {
  it("passes every rule", () => {
    expect(validate({})).toEqual([]);
  });
});

describe("file-name-mismatch", () => {
  table("file-name-mismatch", [
    ["file named after the subdomain", { subdomain: "dinkes" }, {}, 0],
    ["nested name", { subdomain: "spmb.dinkes" }, { others: { "requests/dinkes.yaml": requestYaml() } }, 0],
    ["other file name", { subdomain: "dinkes" }, { file: "requests/dinas-kesehatan.yaml" }, 1],
    ["case differs", { subdomain: "dinkes" }, { file: "requests/Dinkes.yaml" }, 1],
  ]);
});

describe("subdomain-label-invalid", () => {
  table("subdomain-label-invalid", [
    ["plain", { subdomain: "dinkes" }, {}, 0],
    ["digits and hyphen", { subdomain: "smpn-2-kudus" }, {}, 0],
    ["uppercase", { subdomain: "Dinkes" }, {}, 1],
    ["leading hyphen", { subdomain: "-dinkes" }, {}, 1],
    ["trailing hyphen", { subdomain: "dinkes-" }, {}, 1],
    ["underscore", { subdomain: "din_kes" }, {}, 1],
    ["space", { subdomain: '"din kes"' }, {}, 1],
    ["empty label", { subdomain: "a..b" }, {}, 1],
    ["trailing dot", { subdomain: "dinkes." }, {}, 1],
    ["hyphens in positions 3-4", { subdomain: "ab--cd" }, {}, 1],
    ["two bad labels", { subdomain: "A.B" }, {}, 2],
  ]);

  it("says to write an uppercase name in lowercase", () => {
    const [d] = validate({ subdomain: "Dinkes" }).filter((x) => x.rule === "subdomain-label-invalid");
    expect(d?.message.id).toContain('tulis dengan huruf kecil: "dinkes"');
    expect(d?.message.en).toContain('write it lowercase: "dinkes"');
  });
});

describe("subdomain-label-length", () => {
  table("subdomain-label-length", [
    ["63 characters", { subdomain: "a".repeat(63) }, {}, 0],
    ["64 characters", { subdomain: "a".repeat(64) }, {}, 1],
  ]);
});

describe("subdomain-too-long", () => {
  // The schema caps `subdomain` at 253; with ".kuduskab.go.id" (15) the full name can still overflow.
  const labels = (last: number) =>
    [..."abc"]
      .map((c) => c.repeat(63))
      .concat("d".repeat(last))
      .join(".");
  table("subdomain-too-long", [
    ["238 + 15 = 253 characters", { subdomain: labels(46) }, {}, 0],
    ["239 + 15 = 254 characters", { subdomain: labels(47) }, {}, 1],
  ]);
});

describe("subdomain-wildcard", () => {
  table("subdomain-wildcard", [
    ["no wildcard", { subdomain: "dinkes" }, {}, 0],
    ["wildcard label", { subdomain: '"*.dinkes"' }, {}, 1],
    ["star inside a label", { subdomain: '"din*kes"' }, {}, 1],
  ]);
});

describe("subdomain-idn", () => {
  table("subdomain-idn", [
    ["plain ascii", { subdomain: "dinkes" }, {}, 0],
    ["xn-- label", { subdomain: "xn--kds-xla" }, {}, 1],
    [
      "xn-- label when IDN is allowed",
      { subdomain: "xn--kds-xla" },
      { policy: { ...policy, allowIdn: true } },
      0,
    ],
    ["accented letter", { subdomain: "kudüs" }, {}, 1],
    [
      "accented letter when IDN is allowed",
      { subdomain: "kudüs" },
      { policy: { ...policy, allowIdn: true } },
      1,
    ],
  ]);
});

describe("subdomain-reserved", () => {
  const dinkes = { "requests/dinkes.yaml": requestYaml() };
  table("subdomain-reserved", [
    ["free name", { subdomain: "dinkes" }, {}, 0],
    ["reserved top-level name", { subdomain: "www" }, {}, 1],
    ["reserved, other case", { subdomain: "WWW" }, {}, 1],
    ["reserved label under the unit's own name", { subdomain: "mail.dinkes" }, { others: dinkes }, 0],
    ["reserved first label under a namespace", { subdomain: "www.desa", jenis: "desa" }, {}, 1],
    ["reserved top label below a unit name", { subdomain: "dinkes.www" }, {}, 1],
  ]);

  it("quotes the reason from governance", () => {
    const [d] = validate({ subdomain: "mail" }).filter((x) => x.rule === "subdomain-reserved");
    expect(d?.message.id).toContain("server surat");
    expect(d?.message.en).toContain("mail server");
  });
});

describe("subdomain-duplicate", () => {
  table("subdomain-duplicate", [
    [
      "unique",
      { subdomain: "dinkes" },
      { others: { "requests/disdik.yaml": requestYaml({ subdomain: "disdik" }) } },
      0,
    ],
    [
      "same name in other case",
      { subdomain: "dinkes" },
      { others: { "requests/Dinkes.yaml": requestYaml() } },
      1,
    ],
    [
      "another file claims the name",
      { subdomain: "dinkes" },
      { file: "requests/dinkes-baru.yaml", others: { "requests/dinkes.yaml": requestYaml() } },
      1,
    ],
    [
      "a .yml sibling is the loader's concern",
      { subdomain: "dinkes" },
      { others: { "requests/dinkes.yml": "x" } },
      0,
    ],
  ]);
});

describe("subdomain-existing", () => {
  table("subdomain-existing", [
    ["not in the zone", { subdomain: "dinkes" }, {}, 0],
    ["already in the zone", { subdomain: "lpse" }, {}, 1],
  ]);
});

describe("subdomain-parent", () => {
  const parent = { "requests/dinkes.yaml": requestYaml() };
  const otherUnit = { "requests/dinkes.yaml": requestYaml({ nama: "Dinas Sosial" }) };
  it.each([
    ["top-level name", { subdomain: "dinkes" }, {}, []],
    ["parent by the same unit", { subdomain: "spmb.dinkes" }, { others: parent }, []],
    [
      "same unit, other spacing and case",
      { subdomain: "spmb.dinkes", nama: "dinas  kesehatan" },
      { others: parent },
      [],
    ],
    ["namespace child", { subdomain: "getasrabi.desa", jenis: "desa" }, {}, []],
    ["no parent", { subdomain: "spmb.dinkes" }, {}, [hit("subdomain-parent", 1, 12)]],
    ["parent managed outside", { subdomain: "ppdb.simpeg" }, {}, [hit("subdomain-parent", 1, 12)]],
    [
      "parent of another unit",
      { subdomain: "spmb.dinkes" },
      { others: otherUnit },
      [hit("subdomain-parent", 3, 9)],
    ],
    [
      "parent that fails the schema",
      { subdomain: "spmb.dinkes" },
      { others: { "requests/dinkes.yaml": "subdomain: dinkes\n" } },
      [hit("subdomain-parent", 1, 12)],
    ],
  ] as [string, Doc, RunOptions, ReturnType<typeof hit>[]][])("%s", (_n, doc, options, expected) => {
    expect(hits("subdomain-parent", doc, options)).toEqual(expected);
  });

  it("reads only the parent, by name, when one changed file is validated", () => {
    const files: Record<string, string> = {
      dinkes: requestYaml(),
      disdik: requestYaml({ subdomain: "disdik" }),
      dinsos: requestYaml({ subdomain: "dinsos" }),
    };
    const lookup = vi.fn((name: string): SourceFile | undefined =>
      files[name] === undefined ? undefined : { path: `requests/${name}.yaml`, bytes: files[name] },
    );
    const result = validateSources({
      targets: [
        {
          path: "requests/spmb.dinkes.yaml",
          bytes: requestYaml({ subdomain: "spmb.dinkes", hosting: "static" }),
        },
      ],
      siblings: ["dinkes.yaml", "disdik.yaml", "dinsos.yaml", "spmb.dinkes.yaml"],
      lookup,
      policy,
      now: NOW,
    });
    expect(result.diagnostics).toEqual([]);
    expect(lookup.mock.calls).toEqual([["dinkes"]]);
  });

  it("does not read anything for a namespace child", () => {
    const lookup = vi.fn(() => undefined);
    validateSources({
      targets: [
        {
          path: "requests/getasrabi.desa.yaml",
          bytes: requestYaml({ subdomain: "getasrabi.desa", jenis: "desa" }),
        },
      ],
      siblings: ["getasrabi.desa.yaml"],
      lookup,
      policy,
      now: NOW,
    });
    expect(lookup).not.toHaveBeenCalled();
  });
});

describe("subdomain-record-conflict", () => {
  const parentWith = (record: string): RunOptions => ({
    others: { "requests/dinkes.yaml": requestYaml({ hosting: "tanpa", extra: ["dns:", `  - ${record}`] }) },
  });
  const sub = { subdomain: "spmb.dinkes" };
  table("subdomain-record-conflict", [
    ["parent without that record", sub, parentWith("{ type: A, name: www, content: 103.76.120.34 }"), 0],
    [
      "parent already has it as a record",
      sub,
      parentWith("{ type: A, name: SPMB, content: 103.76.120.34 }"),
      1,
    ],
    ["deeper record of the parent", sub, parentWith("{ type: A, name: a.spmb, content: 103.76.120.34 }"), 0],
  ]);
});

describe("namespace-jenis-mismatch", () => {
  it.each([
    ["village in the desa namespace", { subdomain: "getasrabi.desa", jenis: "desa" }, []],
    ["kecamatan in the kec namespace", { subdomain: "gebog.kec", jenis: "kecamatan" }, []],
    [
      "dinas in the desa namespace",
      { subdomain: "dinkes.desa", jenis: "dinas" },
      [hit("namespace-jenis-mismatch", 4, 10)],
    ],
    [
      "desa in the kec namespace",
      { subdomain: "getasrabi.kec", jenis: "desa" },
      [hit("namespace-jenis-mismatch", 4, 10)],
    ],
    ["not a namespace", { subdomain: "dinkes", jenis: "desa" }, []],
  ] as [string, Doc, ReturnType<typeof hit>[]][])("%s", (_n, doc, expected) => {
    expect(hits("namespace-jenis-mismatch", doc)).toEqual(expected);
  });
});
