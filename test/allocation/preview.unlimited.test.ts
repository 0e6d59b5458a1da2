/**
 * R-PREVIEW with `money: "unlimited"`, by hand: the level every franchisee is
 * raised to, the purse the lift goes to by spend order, and the arrivals the
 * preview shows.
 */
import { describe, expect, it } from "vitest";
import { type AllocationInput, previewAllocation } from "../../src/index.js";
import { carriedLock, franchisee, order, t100 } from "../support/fixtures.js";

// F01: 100 cash, 50 credit; SO-1 line 1 wants 5 × 100, 2 of them under an active lock.
const input = (spendOrder: "cash-first" | "credit-first"): AllocationInput => ({
  asOf: "2026-03-01",
  policy: { spendOrder },
  products: [
    { sku: "T100", season: "SS" },
    { sku: "A0", season: "SS" },
    { sku: "A1", season: "SS" },
  ],
  franchisees: [franchisee("F01", 1, "100", { creditLimit: "50" })],
  orders: [order("SO-1", "F01", "2026-02-10", [t100(5, "100")])],
  locks: [carriedLock("L1", "2026-02-25", "2026-03-10", { franchisee: "F01", quantity: 2 })],
});
const arrivals = [
  { sku: "T100", quantity: 3 },
  { sku: "A0", quantity: 0 },
  { sku: "A1", quantity: 1 },
];

describe("R-PREVIEW: money unlimited", () => {
  it("R-PREVIEW: shows the arrivals with something in them, by SKU", () => {
    const plan = previewAllocation(input("cash-first"), arrivals, { money: "unlimited" });
    expect(plan.preview?.arrivals).toEqual([
      { sku: "A1", quantity: 1 },
      { sku: "T100", quantity: 3 },
    ]);
  });

  it("R-PREVIEW: cash-first lifts credit to 1 + 150 + 100 × (3 open + 2 locked) = 651, again after conversion", () => {
    // Lift 501 into credit (551). Conversion of the 2 locked: 100 cash + 100 credit; the
    // level is restored (lift 200 into credit, 651). The 3 arrivals: 300 from credit → 351.
    const plan = previewAllocation(input("cash-first"), arrivals, { money: "unlimited" });
    expect(
      plan.franchiseeAllocations.map((row) => [row.source, row.quantity, row.cash, row.credit]),
    ).toEqual([
      ["lock", 2, "100.00", "100.00"],
      ["funded", 3, "0.00", "300.00"],
    ]);
    expect(plan.balances).toEqual([
      {
        franchisee: "F01",
        spendableBefore: "851.00",
        cashCommitted: "100.00",
        creditCommitted: "400.00",
        cashAfter: "0.00",
        creditAvailableAfter: "351.00",
      },
    ]);
  });

  it("R-PREVIEW: credit-first lifts cash instead", () => {
    // Lift 501 into cash (601). Conversion: 50 credit + 150 cash (451); lift 200 into cash
    // (651). The 3 arrivals: 300 from cash → 351.
    const plan = previewAllocation(input("credit-first"), arrivals, { money: "unlimited" });
    expect(
      plan.franchiseeAllocations.map((row) => [row.source, row.quantity, row.cash, row.credit]),
    ).toEqual([
      ["lock", 2, "150.00", "50.00"],
      ["funded", 3, "300.00", "0.00"],
    ]);
    expect(plan.balances).toEqual([
      {
        franchisee: "F01",
        spendableBefore: "851.00",
        cashCommitted: "450.00",
        creditCommitted: "50.00",
        cashAfter: "351.00",
        creditAvailableAfter: "0.00",
      },
    ]);
  });
});
