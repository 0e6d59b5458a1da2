import { configDefaults, defineConfig } from "vitest/config";

/**
 * The test run of the mutation testing (stryker.config.json, `npm run mutation`):
 * every test file but test/cli/cli.test.ts, which builds dist/ and spawns the built
 * binary — a mutant is never active in that child process, and the build would
 * run again for every mutant — and test/docs/markdown-snippets.test.ts, which reads
 * README.md, docs/*.md and runs examples/ (not copied into Stryker's sandbox) and
 * type-checks every block (seconds per run, for code the other tests cover) — and
 * test/cli/report.test.ts, which opens the report in a headless browser (seconds per run,
 * for code outside the mutated folders) — and test/package/consumer.test.ts, which builds,
 * packs and installs the package in a fresh project (a minute, all of it in child
 * processes) — and test/docs/rules-pointers.test.ts, which checks that the files docs/rules.md
 * names exist and hold the names it gives (bench/ and examples/ are not in the sandbox, and
 * no mutant changes a name). The fast-check properties are cut to FC_NUM_RUNS (50 unless set) with the
 * fixed seed of CI (20261128), so a rerun kills the same mutants and the run fits
 * ~25 minutes on two cores.
 *
 * Tests build their plans, ledgers and orders inside a test or a `beforeEach`, never at the
 * top of a file or a `describe`: code run while the files are collected is outside every
 * test, so Stryker counts each mutant it reaches as static and runs the whole suite for it
 * (one plan built so in a describe made 2,000 of the 5,000 mutants static — 20 hours).
 * What stays static is the code src/ runs as it loads (the lifecycle machine's table,
 * a few constants): about 250 mutants.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      ...configDefaults.exclude,
      "test/cli/cli.test.ts",
      "test/docs/markdown-snippets.test.ts",
      "test/cli/report.test.ts",
      "test/package/consumer.test.ts",
      "test/docs/rules-pointers.test.ts",
    ],
    testTimeout: 120_000,
    env: {
      FC_NUM_RUNS: process.env.FC_NUM_RUNS ?? "50",
      CI: process.env.CI ?? "true",
    },
  },
});
