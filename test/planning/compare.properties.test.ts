/**
 * R-WHATIF, properties: over random valid inputs and random policies, a plan
 * compared with itself has no change, and comparePlans(b, a) is comparePlans(a, b)
 * with its sides swapped; what it lists agrees with the plans. 1000 runs by
 * default (FC_NUM_RUNS sets another count), the CI seed under CI.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, comparePlans, type PlanComparison } from "../../src/index.js";
import { allocationInput, policyArbitrary } from "../support/arbitraries.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const params = propertyParams(propertyRuns(1000));

/** `c` with its two sides swapped. */
function swapped(c: PlanComparison): PlanComparison {
  return {
    a: c.b,
    b: c.a,
    changes: c.changes.map((change) => ({ ...change, a: change.b, b: change.a })),
    money: c.money.map((row) => ({ ...row, a: row.b, b: row.a })),
    skus: c.skus.map((row) => ({ ...row, a: row.b, b: row.a })),
    fill: { a: c.fill.b, b: c.fill.a },
  };
}

describe("R-WHATIF properties", () => {
  it("R-WHATIF: comparePlans(p, p) is empty; comparePlans(b, a) mirrors comparePlans(a, b); every change is a real difference", () => {
    fc.assert(
      fc.property(allocationInput, policyArbitrary, (input, other) => {
        const a = allocate(input);
        const b = allocate({ ...input, policy: { ...input.policy, ...other } });
        const self = comparePlans(a, a);
        expect([self.changes, self.money, self.skus]).toEqual([[], [], []]);
        expect(self.fill.a).toEqual(self.fill.b);
        const ab = comparePlans(a, b);
        expect(comparePlans(b, a)).toStrictEqual(swapped(ab));
        for (const change of ab.changes) expect(change.a).not.toEqual(change.b);
        for (const row of ab.skus) expect(row.a).not.toEqual(row.b);
        // Units to franchisees, in total, as the SKU rows and the demands tell it.
        const total = (plan: typeof a) =>
          plan.franchiseeAllocations.reduce((sum, row) => sum + row.quantity, 0);
        const byChanges = ab.changes.reduce(
          (sum, c) => sum + (c.kind === "order-line" ? c.b.allocated - c.a.allocated : 0),
          0,
        );
        expect(byChanges).toBe(total(b) - total(a));
        expect(ab.fill.a.orderLines.filled).toBe(total(a));
      }),
      params,
    );
  });
});
