/**
 * Child process of the site benchmark: one `domainops site` run in a fresh process, printing
 * `{"seconds", "maxRssMiB", "exit"}` as its last line.
 *
 *   node scripts/bench/_site-measure.ts <root> <out> <pulls.json> [arrivals.json]
 */
import { main } from "../../src/cli/main.ts";

const [root, out, pulls, arrivals] = process.argv.slice(2);
if (!root || !out || !pulls) {
  process.stderr.write("usage: _site-measure.ts <root> <out> <pulls.json>\n");
  process.exit(2);
}
const started = performance.now();
let output = "";
const args = ["site", "--root", root, "--out", out, "--pulls", pulls, "--repo", "contoh/domain"];
const exit = await main([...args, ...(arrivals ? ["--arrivals", arrivals] : [])], {
  stdout: (text) => {
    output += text;
  },
  stderr: (text) => void process.stderr.write(text),
  env: {},
  cwd: root,
  now: () => new Date(),
  stdin: async () => "",
});
const seconds = (performance.now() - started) / 1000;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${output.trim()}\n${JSON.stringify({ seconds, maxRssMiB, exit })}\n`);
