/**
 * Benchmark of `domainops import`: a synthetic zone of BENCH_IMPORT_RECORDS records (default 5,000)
 * written at run time in the shape of a regency's zone (per unit: proxied A, AAAA, MX, SPF, DMARC, a
 * DKIM key split into strings, CAA, SRV, a www CNAME; and a share of records that must be left out:
 * loopback and private addresses, wildcards, takeover-prone CNAMEs, delegations). Each run imports it
 * `--as requests` into a fresh office root in a process of its own, BENCH_RUNS times (default 3);
 * the median wall time must stay under 10 s.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { importTarget, judgeTargets, median } from "./_targets.ts";
import { REPO_ROOT, writeGovernance } from "./corpus.ts";

const RECORDS = Math.max(10, Number(process.env.BENCH_IMPORT_RECORDS ?? 5_000));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const ZONE = "benchkab.go.id";

const KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9);

/** The records of unit `i` (10 lines) and, every 25th unit, records no request can hold. */
function unitLines(i: number): string[] {
  const name = `unit${i}`;
  const ip = `103.${140 + (i % 10)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
  const lines = [
    `${name}\t1\tIN\tA\t${ip} ; cf_tags=cf-proxied:true`,
    `${name}\t300\tIN\tAAAA\t2400:8902::${(i + 1).toString(16)}`,
    `${name}\t3600\tIN\tMX\t10 mail.${name}`,
    `mail.${name}\t3600\tIN\tA\t${ip}`,
    `${name}\t3600\tIN\tTXT\t"v=spf1 a mx -all"`,
    `_dmarc.${name}\t3600\tIN\tTXT\t"v=DMARC1; p=none; rua=mailto:admin@${name}.${ZONE}"`,
    `s1._domainkey.${name}\t3600\tIN\tTXT\t( "v=DKIM1; k=rsa; p=${KEY.slice(0, 200)}"\n\t\t"${KEY.slice(200)}" )`,
    `${name}\t3600\tIN\tCAA\t0 issue "letsencrypt.org"`,
    `_sip._tcp.${name}\t3600\tIN\tSRV\t10 5 5060 mail.${name}.${ZONE}.`,
    `www.${name}\t1\tIN\tCNAME\t${name}.${ZONE}. ; cf_tags=cf-proxied:true`,
  ];
  if (i % 25 === 0) {
    lines.push(
      `localhost.${name}\t3600\tIN\tA\t127.0.0.1`,
      `*.${name}\t3600\tIN\tA\t${ip}`,
      `blog-${i}\t300\tIN\tCNAME\tunit-${i}.github.io.`,
      `intra-${i}\t300\tIN\tA\t10.10.${i % 250}.1`,
      `sub-${i}\t86400\tIN\tNS\tns1.sub-${i}.example.net.`,
    );
  }
  return lines;
}

function buildZone(records: number): { text: string; count: number } {
  const lines = [
    `$ORIGIN ${ZONE}.`,
    "$TTL 3600",
    "@\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 2051234567 10000 2400 604800 3600",
    "@\t86400\tIN\tNS\tada.ns.cloudflare.com.",
    "@\t86400\tIN\tNS\tbob.ns.cloudflare.com.",
  ];
  let count = 3;
  for (let i = 0; count < records; i++) {
    for (const line of unitLines(i)) {
      if (count >= records) break;
      lines.push(line);
      count++;
    }
  }
  return { text: `${lines.join("\n")}\n`, count };
}

async function makeOffice(zoneFile: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "domainops-bench-import-"));
  await writeGovernance(root, ZONE);
  await writeFile(
    join(root, "Pulumi.bench.yaml"),
    `config:\n  domainops:zone: ${ZONE}\n  domainops:zoneId: 3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b\n` +
      "  domainops:accountId: 9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a\n  domainops:requestsDir: requests\n",
  );
  await writeFile(join(root, "zone.db"), zoneFile);
  return root;
}

const zone = buildZone(RECORDS);
const seconds: number[] = [];
let summary = "";
for (let run = 0; run < RUNS; run++) {
  const root = await makeOffice(zone.text);
  try {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, "src/cli/main.ts"),
        "import",
        "--root",
        root,
        "--from",
        join(root, "zone.db"),
        "--format",
        "json",
      ],
      { encoding: "utf8", maxBuffer: 1 << 30 },
    );
    seconds.push((performance.now() - started) / 1000);
    if (child.status !== 0 && child.status !== 1) {
      throw new Error(`import failed (${child.status}): ${child.stderr.slice(0, 2000)}`);
    }
    const report = JSON.parse(child.stdout) as {
      requests: string[];
      existing: string[];
      notImported: unknown[];
    };
    summary = `${report.requests.length} requests, ${report.notImported.length} records not imported, ${report.existing.length} names protected`;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const judged = judgeTargets([importTarget(median(seconds))]);
process.stdout.write(
  [
    `## import --as requests: synthetic zone of ${zone.count} records (${RUNS} runs, load ${loadavg()[0]?.toFixed(2)})`,
    `runs                  ${seconds.map((s) => s.toFixed(2)).join(" s, ")} s`,
    `result                ${summary}`,
    ...judged.lines,
    "",
  ].join("\n"),
);
process.exitCode = judged.exitCode;
