// Mutation testing of the decision modules: `npm run mutation` (slow; not part of `npm test`).
// Narrow a run while working: `npx stryker run --mutate src/core/infra/gate.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  checkers: [],
  coverageAnalysis: "perTest",
  mutate: [
    "src/core/approvals/decide.ts",
    "src/core/approvals/permissions.ts",
    "src/core/approvals/merged-pull.ts",
    "src/core/approvals/verify-range.ts",
    "src/core/approvals/pull-size.ts",
    "src/core/approvals/name-owners.ts",
    "src/core/approvals/working-time.ts",
    // src/core/infra and the rules are being split up: globs keep following the modules.
    "src/core/infra/**/{gate,desired-state,diff,serial}*.ts",
    "src/core/infra/**/{gate,desired-state,diff}/**/*.ts",
    "src/core/request/rules/**/*.ts",
    "src/core/hosting/*.ts",
    "src/core/import/{classify,parse-bind,parse-cloudflare,records}.ts",
    "src/core/intake/{pull,from-issue,dns-lines}.ts",
    "src/core/reports/{service-report,pulls-file}.ts",
    "src/core/site/{model,html}.ts",
    "src/core/request/fast-load.ts",
  ],
  ignorePatterns: ["reports", ".stryker-tmp", "coverage", ".bench", ".pulumi"],
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
