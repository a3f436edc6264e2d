/**
 * `npm start`: the main job without credentials — validate every request, then show the plan the
 * repository's default stack would apply. Exit 1 when requests are invalid (the plan is not made).
 */
import { parseArgs } from "node:util";
import { DomainopsError } from "../core/errors.ts";
import type { Io } from "./io.ts";
import { runPlan } from "./plan.ts";
import { run as runValidate } from "./validate.ts";

const HELP = `Pemakaian (usage): domainops start [--root DIR] [--stack NAME]

Memeriksa semua permohonan lalu menampilkan rencana DNS, tanpa kredensial.
(Validates every request, then shows the DNS plan, without credentials.)
`;

export async function run(argv: string[], io: Io): Promise<number> {
  let values: { root?: string; stack?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { root: { type: "string" }, stack: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    throw new DomainopsError("usage", `${error instanceof Error ? error.message : String(error)}\n${HELP}`);
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const common = [
    ...(values.root ? ["--root", values.root] : []),
    ...(values.stack ? ["--stack", values.stack] : []),
  ];
  io.stdout("== domainops validate ==\n");
  const validated = await runValidate(values.root ? ["--root", values.root] : [], io);
  if (validated !== 0) return validated;
  io.stdout("\n== domainops plan ==\n");
  return runPlan(common, io);
}
