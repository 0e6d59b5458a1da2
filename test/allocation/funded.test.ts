/** The funded pass (src/allocation/funded.ts): R-ALLOC-FUNDED, R-RANK-FUNDED, R-ALLOC-PARTIAL. */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { franchisee, order, products, t100, t100Wave, wave } from "../support/fixtures.js";
import { qty, rowsOf } from "../support/plans.js";

describe("R-ALLOC-FUNDED and R-RANK-FUNDED: funded franchisees are served first", () => {
  it("serves a funded franchisee before an unfunded one of higher priority (6.4.2.2)", () => {
    const plan = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "0"), franchisee("F2", 2, "1000")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(10)]),
          order("SO-2", "F2", "2026-02-05", [t100(10)]),
        ],
      }),
    );
    expect(plan.franchiseeAllocations).toEqual([
      {
        order: "SO-2",
        line: 1,
        franchisee: "F2",
        sku: "T100",
        quantity: 10,
        unitPrice: "100.00",
        amount: "1000.00",
        cash: "1000.00",
        credit: "0.00",
        source: "funded",
      },
    ]);
    expect(plan.locks).toEqual([]);
    expect(plan.unfilled).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 10,
        reason: "stock",
      },
    ]);
  });

  it('"funds" ranking serves the richer franchisee first; "priority" the higher priority', () => {
    const input = t100Wave(10, {
      franchisees: [franchisee("F1", 1, "100"), franchisee("F2", 2, "1000")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(10, "10")]),
        order("SO-2", "F2", "2026-02-01", [t100(10, "10")]),
      ],
    });
    const byPriority = allocate(input);
    expect([qty(byPriority, "SO-1"), qty(byPriority, "SO-2")]).toEqual([10, 0]);
    const byFunds = allocate({ ...input, policy: { franchiseeRanking: "funds" } });
    expect([qty(byFunds, "SO-1"), qty(byFunds, "SO-2")]).toEqual([0, 10]);
  });

  it("with creditCountsAsFunds false, a franchisee with only credit ranks after one with cash", () => {
    const input = t100Wave(5, {
      franchisees: [franchisee("F1", 1, "0", { creditLimit: "1000" }), franchisee("F2", 2, "50")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(5, "10")]),
        order("SO-2", "F2", "2026-02-01", [t100(5, "10")]),
      ],
    });
    const credit = allocate(input);
    expect(rowsOf(credit, "SO-1")).toMatchObject([{ quantity: 5, cash: "0.00", credit: "50.00" }]);
    expect(qty(credit, "SO-2")).toBe(0);
    const cashOnly = allocate({ ...input, policy: { creditCountsAsFunds: false } });
    expect(rowsOf(cashOnly, "SO-2")).toMatchObject([
      { quantity: 5, cash: "50.00", credit: "0.00" },
    ]);
    expect(qty(cashOnly, "SO-1")).toBe(0);
  });

  it("lets the launch plan decide which product a short franchisee's money buys (R-RANK-PRODUCT, 6.4.2.4)", () => {
    const plan = allocate(
      wave({
        products: [
          { sku: "LATE", season: "SS", launchDate: "2026-04-01" },
          { sku: "EARLY", season: "SS", launchDate: "2026-03-05" },
        ],
        supply: [
          { sku: "LATE", quantity: 5 },
          { sku: "EARLY", quantity: 5 },
        ],
        franchisees: [franchisee("F1", 1, "300")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [
            { sku: "LATE", quantity: 2, unitPrice: "100" },
            { sku: "EARLY", quantity: 2, unitPrice: "100" },
          ]),
        ],
      }),
    );
    expect(qty(plan, "SO-1", 2)).toBe(2); // EARLY launches first: both units
    expect(qty(plan, "SO-1", 1)).toBe(1); // LATE gets what 100.00 left buys
    expect(plan.locks).toMatchObject([{ order: "SO-1", line: 1, quantity: 1, isNew: true }]);
  });

  it("gives a zero-price line its units without money", () => {
    const plan = allocate(
      wave({
        products: products("SS", "GIFT"),
        supply: [{ sku: "GIFT", quantity: 3 }],
        franchisees: [franchisee("F1", 1, "0")],
        orders: [order("SO-1", "F1", "2026-02-01", [{ sku: "GIFT", quantity: 2, unitPrice: "0" }])],
      }),
    );
    expect(rowsOf(plan, "SO-1")).toMatchObject([{ quantity: 2, amount: "0.00", source: "funded" }]);
  });
});

describe("R-ALLOC-PARTIAL: the line money stops short ships partially", () => {
  const input = wave({
    products: [
      { sku: "A", season: "SS", launchRank: 1 },
      { sku: "B", season: "SS", launchRank: 2 },
      { sku: "C", season: "SS", launchRank: 3 },
    ],
    supply: [
      { sku: "A", quantity: 10 },
      { sku: "B", quantity: 10 },
      { sku: "C", quantity: 10 },
    ],
    franchisees: [franchisee("F1", 1, "250", { creditLimit: "100", creditUsed: "50" })],
    orders: [
      order("SO-1", "F1", "2026-02-01", [
        { sku: "A", quantity: 2, unitPrice: "100" },
        { sku: "B", quantity: 3, unitPrice: "40" },
        { sku: "C", quantity: 1, unitPrice: "20" },
      ]),
    ],
    policy: { lockUnfunded: false },
  });

  it("ships the short line partially and lets later lines use what is left (continue)", () => {
    const plan = allocate(input);
    // 300 spendable: A 2 × 100 = 200, B ⌊100 ÷ 40⌋ = 2 → 80, C 1 × 20 = 20 from the last credit.
    expect(plan.franchiseeAllocations.map((r) => [r.sku, r.quantity, r.cash, r.credit])).toEqual([
      ["A", 2, "200.00", "0.00"],
      ["B", 2, "50.00", "30.00"],
      ["C", 1, "0.00", "20.00"],
    ]);
    expect(plan.balances).toEqual([
      {
        franchisee: "F1",
        spendableBefore: "300.00",
        cashCommitted: "250.00",
        creditCommitted: "50.00",
        cashAfter: "0.00",
        creditAvailableAfter: "0.00",
      },
    ]);
    expect(plan.unfilled).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 2,
        franchisee: "F1",
        sku: "B",
        quantity: 1,
        reason: "funds",
      },
    ]);
  });

  it('stops the franchisee\'s later lines when afterShortfall is "stop"', () => {
    const plan = allocate({ ...input, policy: { lockUnfunded: false, afterShortfall: "stop" } });
    expect(plan.franchiseeAllocations.map((r) => [r.sku, r.quantity])).toEqual([
      ["A", 2],
      ["B", 2],
    ]);
    const c = plan.trace.find((d) => d.pass === "funded" && d.sku === "C");
    expect(c).toMatchObject({ quantity: 0, limitedBy: "funds", stopped: true });
    expect(plan.unfilled.map((u) => [u.sku, u.quantity, u.reason])).toEqual([
      ["B", 1, "funds"],
      ["C", 1, "funds"],
    ]);
  });

  it('pays credit first when spendOrder is "credit-first"', () => {
    const plan = allocate({
      ...input,
      policy: { lockUnfunded: false, spendOrder: "credit-first" },
    });
    expect(plan.franchiseeAllocations.map((r) => [r.sku, r.cash, r.credit])).toEqual([
      ["A", "150.00", "50.00"],
      ["B", "80.00", "0.00"],
      ["C", "20.00", "0.00"],
    ]);
  });

  it("is exact to the cent where binary floating point is not (R-UNIT-2)", () => {
    const plan = allocate(
      wave({
        products: products("SS", "P"),
        supply: [{ sku: "P", quantity: 5 }],
        franchisees: [franchisee("F1", 1, "0.3")],
        orders: [order("SO-1", "F1", "2026-02-01", [{ sku: "P", quantity: 5, unitPrice: 0.1 }])],
        policy: { lockUnfunded: false },
      }),
    );
    // 0.1 * 3 === 0.30000000000000004 > 0.3 in floats; in decimals three units fit exactly.
    expect(rowsOf(plan, "SO-1")).toMatchObject([{ quantity: 3, amount: "0.30", cash: "0.30" }]);
    expect(plan.balances[0]?.cashAfter).toBe("0.00");
  });

  it("writes amounts with the currency's minor digits (JPY has none)", () => {
    const plan = allocate(
      wave({
        currency: "JPY",
        products: products("SS", "P"),
        supply: [{ sku: "P", quantity: 2 }],
        franchisees: [franchisee("F1", 1, "1000")],
        orders: [order("SO-1", "F1", "2026-02-01", [{ sku: "P", quantity: 2, unitPrice: "450" }])],
      }),
    );
    expect(plan.currency).toBe("JPY");
    expect(rowsOf(plan, "SO-1")).toMatchObject([{ amount: "900", unitPrice: "450" }]);
  });
});
