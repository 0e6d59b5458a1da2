/**
 * R-PRIO-FACTORS: franchiseePriorities (src/allocation/priorities.ts,
 * src/ranking/priorities.ts). Every score below is worked out by hand.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, franchiseePriorities, InputError } from "../../src/index.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const january = { from: "2026-01-01", to: "2026-01-31" };

function issuesOf(input: unknown): unknown[] {
  try {
    franchiseePriorities(input);
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((i) => [i.path, i.code, i.message]);
    throw error;
  }
  return [];
}

describe("R-PRIO-FACTORS: franchiseePriorities scores named factors with caller weights", () => {
  it("region place, tier and units ordered, weighted (the documented example)", () => {
    // F01: shenzhen first of 2 → 1; tier 2 of 2 → 1/2; 300 of 300 units → 1: 1 + 1/2 + 2 × 1 = 3.5.
    // F02: beijing second → 1/2; tier 1 → 1; 100 of 300 → 1/3: 1/2 + 1 + 2/3 = 2.1666….
    const rows = franchiseePriorities({
      franchisees: [
        { id: "F01", region: "shenzhen", tier: 2 },
        { id: "F02", region: "beijing", tier: 1 },
      ],
      orders: [
        { franchisee: "F01", orderedOn: "2026-01-10", lines: [{ quantity: 300, unitPrice: "99" }] },
        { franchisee: "F02", orderedOn: "2026-01-12", lines: [{ quantity: 100, unitPrice: "99" }] },
      ],
      period: january,
      regionRank: ["shenzhen", "beijing"],
      weights: { region: 1, tier: 1, orderedUnits: 2 },
    });
    expect(rows).toEqual([
      {
        franchisee: "F01",
        priority: 1,
        score: "3.500000",
        factors: {
          region: "1.0000",
          tier: "0.5000",
          orderedUnits: "1.0000",
          orderedValue: "1.0000",
        },
        orderedUnits: 300,
        orderedValue: "29700.00",
      },
      {
        franchisee: "F02",
        priority: 2,
        score: "2.166666",
        factors: {
          region: "0.5000",
          tier: "1.0000",
          orderedUnits: "0.3333",
          orderedValue: "0.3333",
        },
        orderedUnits: 100,
        orderedValue: "9900.00",
      },
    ]);
  });

  it("counts only orders inside the period, both ends included", () => {
    // F1: 10 on Jan 1 and 10 on Jan 31 count, 500 on Feb 1 does not → 20; F2: 30 → F2 first.
    const rows = franchiseePriorities({
      franchisees: [{ id: "F1" }, { id: "F2" }],
      orders: [
        { franchisee: "F1", orderedOn: "2026-01-01", lines: [{ quantity: 10, unitPrice: "1" }] },
        { franchisee: "F1", orderedOn: "2026-01-31", lines: [{ quantity: 10, unitPrice: "1" }] },
        { franchisee: "F1", orderedOn: "2026-02-01", lines: [{ quantity: 500, unitPrice: "1" }] },
        { franchisee: "F2", orderedOn: "2025-12-31", lines: [{ quantity: 900, unitPrice: "1" }] },
        { franchisee: "F2", orderedOn: "2026-01-15", lines: [{ quantity: 30, unitPrice: "1" }] },
      ],
      period: january,
      weights: { orderedUnits: 1 },
    });
    expect(rows.map((row) => [row.franchisee, row.priority, row.orderedUnits, row.score])).toEqual([
      ["F2", 1, 30, "1.000000"],
      ["F1", 2, 20, "0.666666"],
    ]);
  });

  it("a region not ranked, or none, and no tier score 0", () => {
    const rows = franchiseePriorities({
      franchisees: [
        { id: "A", region: "nanning" },
        { id: "B" },
        { id: "C", region: "airport", tier: 3 },
      ],
      regionRank: ["airport"],
      weights: { region: 1, tier: 1 },
    });
    // C: region 1/1 + tier 3 of 3 → 1/3; A and B: 0 each, then by id.
    expect(rows.map((row) => [row.franchisee, row.priority, row.score])).toEqual([
      ["C", 1, "1.333333"],
      ["A", 2, "0.000000"],
      ["B", 3, "0.000000"],
    ]);
  });

  it("equal scores: value ordered, then units ordered, then id — or one priority with sameScore share", () => {
    // Weight on the region only: all three score 1. X ordered 5 at 10 (50.00), Y 10 at 5 (50.00), Z 1 at 60.
    const input = {
      franchisees: [
        { id: "X", region: "r" },
        { id: "Y", region: "r" },
        { id: "Z", region: "r" },
      ],
      orders: [
        { franchisee: "X", orderedOn: "2026-01-05", lines: [{ quantity: 5, unitPrice: "10" }] },
        { franchisee: "Y", orderedOn: "2026-01-05", lines: [{ quantity: 10, unitPrice: "5" }] },
        { franchisee: "Z", orderedOn: "2026-01-05", lines: [{ quantity: 1, unitPrice: "60" }] },
      ],
      regionRank: ["r"],
      weights: { region: "1" },
    };
    expect(franchiseePriorities(input).map((row) => [row.franchisee, row.priority])).toEqual([
      ["Z", 1],
      ["Y", 2],
      ["X", 3],
    ]);
    expect(
      franchiseePriorities({ ...input, sameScore: "share" }).map((row) => [
        row.franchisee,
        row.priority,
      ]),
    ).toEqual([
      ["Z", 1],
      ["Y", 1],
      ["X", 1],
    ]);
  });

  it("compares scores exactly: 1/3 + 2/3 equals 1 and shares its priority; the next score is 2, no gap", () => {
    // Top tier 3. A: tier 3 → 1/3, 200 of 300 units → 2/3; B: tier 1 → 1, no units; C: no tier, 300 units → 1.
    // D: tier 2 → 2/3, 0 units → 2/3. A, B, C score exactly 1.
    const rows = franchiseePriorities({
      franchisees: [{ id: "A", tier: 3 }, { id: "B", tier: 1 }, { id: "C" }, { id: "D", tier: 2 }],
      orders: [
        { franchisee: "A", orderedOn: "2026-01-05", lines: [{ quantity: 200, unitPrice: "0" }] },
        { franchisee: "C", orderedOn: "2026-01-05", lines: [{ quantity: 300, unitPrice: "0" }] },
      ],
      weights: { tier: 1, orderedUnits: 1 },
      sameScore: "share",
    });
    expect(rows.map((row) => [row.franchisee, row.priority, row.score])).toEqual([
      ["C", 1, "1.000000"],
      ["A", 1, "1.000000"],
      ["B", 1, "1.000000"],
      ["D", 2, "0.666666"],
    ]);
  });

  it("takes an AllocationInput's franchisees and orders as they are, and its priorities feed a run", () => {
    const input = {
      asOf: "2026-03-01",
      products: [{ sku: "T100", season: "SS" as const }],
      supply: [{ sku: "T100", quantity: 10 }],
      franchisees: [
        { id: "F1", priority: 1, cash: "1000" },
        { id: "F2", priority: 2, cash: "1000" },
      ],
      orders: [
        {
          id: "SO-1",
          franchisee: "F1",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "T100", quantity: 10, unitPrice: "10" }],
        },
        {
          id: "SO-2",
          franchisee: "F2",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "T100", quantity: 40, unitPrice: "10" }],
        },
      ],
    };
    const rows = franchiseePriorities({
      franchisees: input.franchisees,
      orders: input.orders,
      weights: { orderedValue: 1 },
    });
    const priority = new Map(rows.map((row) => [row.franchisee, row.priority]));
    expect([...priority]).toEqual([
      ["F2", 1],
      ["F1", 2],
    ]);
    const plan = allocate({
      ...input,
      franchisees: input.franchisees.map((f) => ({ ...f, priority: priority.get(f.id) as number })),
    });
    expect(plan.franchiseeAllocations.map((row) => [row.order, row.quantity])).toEqual([
      ["SO-2", 10],
    ]);
  });
});

describe("R-PRIO-FACTORS: franchiseePriorities refuses bad factors, every problem at once", () => {
  it("lists each problem with its path", () => {
    expect(
      issuesOf({
        franchisees: [{ id: "F1", tier: 0 }, { id: "F1" }],
        orders: [{ franchisee: "F9", orderedOn: "2026-01-01", lines: [] }],
        period: { from: "2026-02-01", to: "2026-01-01" },
        regionRank: ["a", "a"],
        weights: { tier: 0 },
      }),
    ).toEqual([[["franchisees", 0, "tier"], "too_small", "tiers start at 1"]]);
    expect(
      issuesOf({
        franchisees: [{ id: "F1" }, { id: "F1" }],
        orders: [{ franchisee: "F9", orderedOn: "2026-01-01", lines: [] }],
        period: { from: "2026-02-01", to: "2026-01-01" },
        regionRank: ["a", "a"],
        weights: { tier: 0 },
      }),
    ).toEqual([
      [["franchisees", 1, "id"], "duplicate_key", 'franchisee "F1" is listed twice'],
      [["orders", 0, "franchisee"], "unknown_reference", 'franchisee "F9" is not in franchisees'],
      [["regionRank", 1], "duplicate_key", 'region "a" is ranked twice'],
      [
        ["period", "to"],
        "inconsistent",
        "the period ends (2026-01-01) before it starts (2026-02-01)",
      ],
      [
        ["weights"],
        "required",
        "must give at least one of region, tier, orderedUnits, orderedValue a weight above 0",
      ],
    ]);
  });

  it("refuses an unknown weight, a negative weight and a missing franchisees list", () => {
    expect(
      issuesOf({ weights: { size: 1, tier: -1 } }).map((row) => (row as unknown[])[0]),
    ).toEqual([["franchisees"], ["weights", "tier"], ["weights", "size"]]);
  });
});

describe("R-PRIO-FACTORS: properties", () => {
  const factors = fc.record({
    franchisees: fc.uniqueArray(
      fc.record(
        {
          id: fc.constantFrom("F1", "F2", "F3", "F4", "F5", "F6"),
          region: fc.constantFrom("a", "b", "c"),
          tier: fc.integer({ min: 1, max: 4 }),
        },
        { requiredKeys: ["id"] },
      ),
      { selector: (f) => f.id, minLength: 1 },
    ),
    orderUnits: fc.array(
      fc.tuple(fc.nat(5), fc.nat(50), fc.constantFrom("0", "1.5", "10", "99.99")),
      {
        maxLength: 12,
      },
    ),
    weights: fc.record({
      region: fc.constantFrom(0, 1, 2, "0.5"),
      tier: fc.constantFrom(0, 1, 3),
      orderedUnits: fc.constantFrom(0, 1, "0.25"),
      orderedValue: fc.constantFrom(1, 2),
    }),
    sameScore: fc.constantFrom("next" as const, "share" as const),
  });
  type Factors = typeof factors extends fc.Arbitrary<infer T> ? T : never;
  const inputOf = (f: Factors) => ({
    franchisees: f.franchisees,
    orders: f.orderUnits.map(([who, quantity, unitPrice]) => ({
      franchisee: (f.franchisees[who % f.franchisees.length] as { id: string }).id,
      orderedOn: "2026-01-10",
      lines: [{ quantity, unitPrice }],
    })),
    regionRank: ["b", "a"],
    weights: f.weights,
    sameScore: f.sameScore,
  });

  it("priorities run 1, 2, … without gaps, follow the score, and ignore the order of the rows", () => {
    fc.assert(
      fc.property(factors, (f) => {
        const input = inputOf(f);
        const rows = franchiseePriorities(input);
        expect(rows.map((row) => row.franchisee).sort()).toEqual(
          f.franchisees.map((x) => x.id).sort(),
        );
        rows.forEach((row, k) => {
          const before = rows[k - 1];
          if (before === undefined) {
            expect(row.priority).toBe(1);
            return;
          }
          expect(Number(before.score)).toBeGreaterThanOrEqual(Number(row.score));
          expect(row.priority - before.priority).toBe(
            f.sameScore === "next" ? 1 : before.score === row.score ? 0 : 1,
          );
        });
        const reversed = {
          ...input,
          franchisees: [...input.franchisees].reverse(),
          orders: [...input.orders].reverse(),
        };
        expect(franchiseePriorities(reversed)).toEqual(rows);
      }),
      propertyParams(propertyRuns(1000)),
    );
  });
});
