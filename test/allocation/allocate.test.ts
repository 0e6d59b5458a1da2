/** The whole run (src/allocation/allocate.ts): R-UNIT-4. */
import { describe, expect, it } from "vitest";
import { runPhases } from "../../src/allocation/allocate.js";
import { allocate, parseAllocationInput } from "../../src/index.js";
import { franchisee, order, products, t100, t100Wave, wave } from "../support/fixtures.js";

describe("R-UNIT-4: the same input in any order gives the same plan", () => {
  it("is deep-equal under reordered arrays and leaves the input untouched", () => {
    const input = wave({
      products: products("SS", "A", "B"),
      supply: [
        { sku: "A", quantity: 3 },
        { sku: "B", quantity: 3 },
      ],
      franchisees: [franchisee("F1", 1, "150"), franchisee("F2", 1, "150")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [
          { sku: "A", quantity: 2, unitPrice: "50" },
          { sku: "B", quantity: 2, unitPrice: "50" },
        ]),
        order("SO-2", "F2", "2026-02-01", [
          { sku: "B", quantity: 2, unitPrice: "50" },
          { sku: "A", quantity: 2, unitPrice: "50" },
        ]),
      ],
    });
    const before = structuredClone(input);
    const reversed = {
      ...input,
      products: [...(input.products ?? [])].reverse(),
      supply: [...(input.supply ?? [])].reverse(),
      franchisees: [...(input.franchisees ?? [])].reverse(),
      orders: [...(input.orders ?? [])]
        .reverse()
        .map((o) => ({ ...o, lines: [...o.lines].reverse() })),
    };
    expect(allocate(reversed)).toEqual(allocate(input));
    expect(input).toEqual(before);
  });
});

describe("runPhases, the benchmark's split of a run", () => {
  it("gives allocate's plan and times the passes and the plan by the clock it is given", () => {
    // F1's 300 pay for three of its five units; the other two are locked.
    const input = t100Wave(9, {
      franchisees: [franchisee("F1", 1, "300")],
      orders: [order("SO-1", "F1", "2026-02-10", [t100(5)])],
    });
    const parsed = parseAllocationInput(input);
    if (!parsed.ok) throw new Error("the fixture wave is invalid");
    const ticks = [10, 25, 45];
    const { plan, passesMs, planMs } = runPhases(parsed.value, () => ticks.shift() as number);
    expect(passesMs).toBe(15);
    expect(planMs).toBe(20);
    expect(ticks).toEqual([]);
    expect(plan.franchiseeAllocations.map((row) => row.quantity)).toEqual([3]);
    expect(plan.locks.map((lock) => lock.quantity)).toEqual([2]);
    expect(JSON.stringify(plan)).toBe(JSON.stringify(allocate(input)));
  });
});
