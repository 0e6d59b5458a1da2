/**
 * How many times a fast-check property runs: `defaultRuns`, unless env
 * FC_NUM_RUNS holds a positive integer, which then wins — more for a deeper
 * search (FC_NUM_RUNS=20000), fewer for a fast pass (the mutation run,
 * vitest.stryker.config.ts, sets 50). Unset, the defaults stand.
 */
export function propertyRuns(defaultRuns: number): number {
  const requested = Number(process.env.FC_NUM_RUNS);
  return Number.isSafeInteger(requested) && requested > 0 ? requested : defaultRuns;
}

/** The seed every property runs with under CI, so a CI failure can be replayed. */
export const CI_SEED = 20261128;

/** fast-check parameters: `numRuns` runs, with {@link CI_SEED} when `CI` is set. */
export function propertyParams(numRuns: number): { numRuns: number; seed?: number } {
  return { numRuns, ...(process.env.CI ? { seed: CI_SEED } : {}) };
}
