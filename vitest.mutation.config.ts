import { defineConfig } from "vitest/config";

/**
 * The vitest setup Stryker runs each mutant with (`stryker.config.mjs`): the in-process unit tests of
 * the decision modules. Tests that drive the CLI in a child process, git or a fake GitHub server
 * cannot see a mutant (it is switched on inside the test worker only), so they would only cost time.
 */

/**
 * Stryker's vitest runner 9.6 picks the tests covering a mutant with a name pattern built from the
 * test's suite chain joined by spaces; Vitest 5 matches the pattern against the chain joined by
 * " > ", so the pattern selects no test and every mutant "survives" with 0 tests run
 * (stryker-mutator/stryker-js#6210). Let each space of the pattern also match " > ". Its names are
 * escaped literals, so a space in the pattern is always a space of a name: the worst case is a test
 * more than needed.
 */
function vitest5TestNamePattern() {
  return {
    name: "domainops:stryker-vitest5-test-name-pattern",
    configureVitest({ project }: { project: { config: { testNamePattern?: RegExp | undefined } } }) {
      const config = project.config;
      let pattern = config.testNamePattern;
      Object.defineProperty(config, "testNamePattern", {
        configurable: true,
        enumerable: true,
        get: () => pattern,
        set: (value: RegExp | undefined) => {
          pattern = value && new RegExp(value.source.replaceAll(" ", "(?: | > )"), value.flags);
        },
      });
    },
  };
}

export default defineConfig({
  plugins: [vitest5TestNamePattern()],
  test: {
    include: [
      "test/approvals/**/*.test.ts",
      "test/infra/**/*.test.ts",
      "test/rules/**/*.test.ts",
      "test/validate/**/*.test.ts",
      "test/escape/**/*.test.ts",
      "test/hosting/{shell,linux-user,linux-plan,servers,whm-user,whm-plan,whm,github-keys,job}.test.ts",
      "test/import/{classify,parse-bind,parse-cloudflare,records}.test.ts",
      "test/intake/{pull,form,from-issue}.test.ts",
      "test/report/service-report.test.ts",
      "test/site/{model,html,render}.test.ts",
    ],
    exclude: [
      "**/node_modules/**",
      "test/approvals/cli.test.ts",
      "test/approvals/github.test.ts",
      "test/infra/plan-cli.test.ts",
      "test/infra/apply.test.ts",
      "test/validate/cli.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
