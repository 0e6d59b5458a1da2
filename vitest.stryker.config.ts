import { defineConfig } from "vitest/config";

/**
 * The test run of the mutation testing (stryker.config.json, `npm run mutation`):
 * every test file, with the fast-check properties cut to FC_NUM_RUNS (50 unless
 * set) and the fixed seed of CI (20261128), so a rerun kills the same mutants
 * and the run fits ~40 minutes on two cores.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    env: {
      FC_NUM_RUNS: process.env.FC_NUM_RUNS ?? "50",
      CI: process.env.CI ?? "true",
    },
  },
});
