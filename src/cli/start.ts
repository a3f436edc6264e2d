/**
 * `npm start`: the main job without credentials — validate every request, then show the plan the
 * repository's default stack would apply. Exit 1 when requests are invalid (the plan is not made).
 */
import { parseCommandArgs } from "./args.ts";
import type { Io } from "./io.ts";
import { runPlan } from "./plan.ts";
import { run as runValidate } from "./validate.ts";

const HELP = `Pemakaian (usage): domainops start [--root DIR] [--stack NAME]

Memeriksa semua permohonan lalu menampilkan rencana DNS, tanpa kredensial.
(Validates every request, then shows the DNS plan, without credentials.)
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    help: HELP,
    options: { root: { type: "string" }, stack: { type: "string" } },
  });
  if (args === "help") {
    io.stdout(HELP);
    return 0;
  }
  const { root, stack } = args.values;
  const common = [...(root ? ["--root", root] : []), ...(stack ? ["--stack", stack] : [])];
  io.stdout("== domainops validate ==\n");
  const validated = await runValidate(root ? ["--root", root] : [], io);
  if (validated !== 0) return validated;
  io.stdout("\n== domainops plan ==\n");
  return runPlan(common, io);
}
