import type { AllocationInput, AllocationPlan } from "../../src/index.js";

type Line = NonNullable<AllocationInput["orders"]>[number]["lines"][number];

/** A small wave on 2026-03-01 with the given parts; every array defaults to empty. */
export function wave(parts: Partial<AllocationInput> = {}): AllocationInput {
  return { asOf: "2026-03-01", ...parts };
}

/** An order of one franchisee, its lines numbered from 1 in the order given. */
export function order(
  id: string,
  franchisee: string,
  orderedOn: string,
  lines: ReadonlyArray<Omit<Line, "line"> & { line?: number }>,
): NonNullable<AllocationInput["orders"]>[number] {
  return {
    id,
    franchisee,
    orderedOn,
    lines: lines.map((line, index) => ({ ...line, line: line.line ?? index + 1 })),
  };
}

/** Products of one season with no launch plan, in the order given. */
export function products(season: "SS" | "AW" | "NONE", ...skus: string[]) {
  return skus.map((sku) => ({ sku, season }));
}

/** A plan on 2026-03-01 in CNY with the given parts; every list defaults to empty. */
export function planWith(parts: Partial<AllocationPlan> = {}): AllocationPlan {
  return {
    asOf: "2026-03-01",
    currency: "CNY",
    franchiseeAllocations: [],
    locks: [],
    releasedLocks: [],
    storeAllocations: [],
    regionAllocations: [],
    unfilled: [],
    remaining: [],
    balances: [],
    paymentRequests: [],
    warnings: [],
    trace: [],
    ...parts,
  };
}
