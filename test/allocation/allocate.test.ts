import { describe, expect, it } from "vitest";
import { type AllocationPlan, allocate } from "../../src/index.js";
import { order, products, wave } from "../support/fixtures.js";

const rowsOf = (plan: AllocationPlan, orderId: string, line = 1) =>
  plan.franchiseeAllocations.filter((row) => row.order === orderId && row.line === line);
const qty = (plan: AllocationPlan, orderId: string, line = 1) =>
  rowsOf(plan, orderId, line).reduce((sum, row) => sum + row.quantity, 0);

describe("R-ALLOC-FUNDED and R-RANK-FUNDED: funded franchisees are served first", () => {
  it("serves a funded franchisee before an unfunded one of higher priority (6.4.2.2)", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 10 }],
        franchisees: [
          { id: "F1", priority: 1, cash: "0" },
          { id: "F2", priority: 2, cash: "1000" },
        ],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 10, unitPrice: "100" }]),
          order("SO-2", "F2", "2026-02-05", [{ sku: "T100", quantity: 10, unitPrice: "100" }]),
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
    const input = wave({
      products: products("SS", "T100"),
      supply: [{ sku: "T100", quantity: 10 }],
      franchisees: [
        { id: "F1", priority: 1, cash: "100" },
        { id: "F2", priority: 2, cash: "1000" },
      ],
      orders: [
        order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 10, unitPrice: "10" }]),
        order("SO-2", "F2", "2026-02-01", [{ sku: "T100", quantity: 10, unitPrice: "10" }]),
      ],
    });
    const byPriority = allocate(input);
    expect([qty(byPriority, "SO-1"), qty(byPriority, "SO-2")]).toEqual([10, 0]);
    const byFunds = allocate({ ...input, policy: { franchiseeRanking: "funds" } });
    expect([qty(byFunds, "SO-1"), qty(byFunds, "SO-2")]).toEqual([0, 10]);
  });

  it("with creditCountsAsFunds false, a franchisee with only credit ranks after one with cash", () => {
    const input = wave({
      products: products("SS", "T100"),
      supply: [{ sku: "T100", quantity: 5 }],
      franchisees: [
        { id: "F1", priority: 1, cash: "0", creditLimit: "1000" },
        { id: "F2", priority: 2, cash: "50" },
      ],
      orders: [
        order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 5, unitPrice: "10" }]),
        order("SO-2", "F2", "2026-02-01", [{ sku: "T100", quantity: 5, unitPrice: "10" }]),
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
        franchisees: [{ id: "F1", priority: 1, cash: "300" }],
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
        franchisees: [{ id: "F1", priority: 1, cash: "0" }],
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
    franchisees: [{ id: "F1", priority: 1, cash: "250", creditLimit: "100", creditUsed: "50" }],
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
        franchisees: [{ id: "F1", priority: 1, cash: "0.3" }],
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
        franchisees: [{ id: "F1", priority: 1, cash: "1000" }],
        orders: [order("SO-1", "F1", "2026-02-01", [{ sku: "P", quantity: 2, unitPrice: "450" }])],
      }),
    );
    expect(plan.currency).toBe("JPY");
    expect(rowsOf(plan, "SO-1")).toMatchObject([{ amount: "900", unitPrice: "450" }]);
  });
});

describe("R-LOCK-PLACE: stock left after the funded pass is locked for 15 days", () => {
  it("locks for unfunded franchisees by priority and asks them to pay", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 8 }],
        franchisees: [
          { id: "F1", priority: 2, cash: "0" },
          { id: "F2", priority: 1, cash: "0" },
        ],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 5, unitPrice: "100" }]),
          order("SO-2", "F2", "2026-02-09", [{ sku: "T100", quantity: 5, unitPrice: "100" }]),
        ],
      }),
    );
    expect(plan.locks).toEqual([
      {
        id: "LK-2026-03-01-SO-1-1",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 3,
        lockedOn: "2026-03-01",
        expiresOn: "2026-03-16",
        isNew: true,
      },
      {
        id: "LK-2026-03-01-SO-2-1",
        order: "SO-2",
        line: 1,
        franchisee: "F2",
        sku: "T100",
        quantity: 5,
        lockedOn: "2026-03-01",
        expiresOn: "2026-03-16",
        isNew: true,
      },
    ]);
    expect(plan.paymentRequests).toEqual([
      {
        franchisee: "F1",
        amount: "300.00",
        payBefore: "2026-03-16",
        locks: ["LK-2026-03-01-SO-1-1"],
      },
      {
        franchisee: "F2",
        amount: "500.00",
        payBefore: "2026-03-16",
        locks: ["LK-2026-03-01-SO-2-1"],
      },
    ]);
    expect(plan.unfilled).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 2,
        reason: "funds", // no money at its funded turn; then no stock left to lock
      },
    ]);
    expect(plan.remaining).toEqual([]);
  });

  it("locks the unpaid rest of a funded franchisee's line, for policy lockDays", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 10 }],
        franchisees: [{ id: "F1", priority: 1, cash: "200" }],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 6, unitPrice: "100" }]),
        ],
        policy: { lockDays: 10 },
      }),
    );
    expect(qty(plan, "SO-1")).toBe(2);
    expect(plan.locks).toMatchObject([{ quantity: 4, expiresOn: "2026-03-11" }]);
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 4 }]);
  });

  it("locks nothing when lockUnfunded is false, and the stock goes to stores", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 4 }],
        franchisees: [{ id: "F1", priority: 1, cash: "0" }],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 3, unitPrice: "100" }]),
        ],
        regions: [{ id: "shenzhen" }],
        stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
        storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 4 }],
        policy: { lockUnfunded: false },
      }),
    );
    expect(plan.locks).toEqual([]);
    expect(plan.paymentRequests).toEqual([]);
    expect(plan.storeAllocations).toEqual([
      { store: "SZ-1", region: "shenzhen", sku: "T100", quantity: 4 },
    ]);
    expect(plan.unfilled).toMatchObject([{ kind: "order-line", quantity: 3, reason: "funds" }]);
  });

  it("does not lock a line whose lockBlockedUntil is after asOf, and does from that date on", () => {
    const input = wave({
      asOf: "2026-03-15",
      products: products("SS", "T100"),
      supply: [{ sku: "T100", quantity: 5 }],
      franchisees: [{ id: "F1", priority: 1, cash: "0" }],
      orders: [
        order("SO-1", "F1", "2026-02-01", [
          { sku: "T100", quantity: 3, unitPrice: "100", lockBlockedUntil: "2026-03-16" },
        ]),
      ],
    });
    const blocked = allocate(input);
    expect(blocked.locks).toEqual([]);
    expect(blocked.unfilled).toMatchObject([{ quantity: 3, reason: "lock-blocked" }]);
    const open = allocate({ ...input, asOf: "2026-03-16" });
    expect(open.locks).toMatchObject([{ quantity: 3, expiresOn: "2026-03-31" }]);
  });
});

describe("R-LOCK-EXPIRE: a lock lasts 15 days, then its stock is allocated again", () => {
  const input = (asOf: string) =>
    wave({
      asOf,
      products: products("SS", "T100"),
      supply: [{ sku: "T100", quantity: 0 }],
      franchisees: [
        { id: "F1", priority: 1, cash: "0" },
        { id: "F2", priority: 2, cash: "1000" },
      ],
      orders: [
        order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 4, unitPrice: "100" }]),
        order("SO-2", "F2", "2026-02-03", [{ sku: "T100", quantity: 3, unitPrice: "100" }]),
      ],
      locks: [
        {
          id: "L1",
          order: "SO-1",
          line: 1,
          franchisee: "F1",
          sku: "T100",
          quantity: 4,
          lockedOn: "2026-02-14",
          expiresOn: "2026-03-01",
        },
      ],
      regions: [{ id: "shenzhen" }],
      stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 5 }],
    });

  it("keeps the lock on its last active day (expiresOn − 1)", () => {
    const plan = allocate(input("2026-02-28"));
    expect(plan.releasedLocks).toEqual([]);
    expect(plan.locks).toMatchObject([
      { id: "L1", quantity: 4, isNew: false, expiresOn: "2026-03-01" },
    ]);
    expect(qty(plan, "SO-2")).toBe(0);
    expect(plan.storeAllocations).toEqual([]);
  });

  it("releases it on its expiry day into free stock, re-allocated in the same run, and bars relocking", () => {
    const plan = allocate(input("2026-03-01"));
    expect(plan.releasedLocks).toEqual([
      {
        id: "L1",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 4,
        expiresOn: "2026-03-01",
        lockBlockedUntil: "2026-03-16",
      },
    ]);
    expect(plan.locks).toEqual([]);
    expect(qty(plan, "SO-2")).toBe(3); // F2 paid: it takes 3 of the released 4
    expect(plan.storeAllocations).toMatchObject([{ store: "SZ-1", quantity: 1 }]);
    expect(plan.unfilled).toContainEqual({
      kind: "order-line",
      order: "SO-1",
      line: 1,
      franchisee: "F1",
      sku: "T100",
      quantity: 4,
      reason: "lock-blocked",
    });
  });

  it("takes the cool-down from policy relockCooldownDays", () => {
    const plan = allocate({ ...input("2026-03-05"), policy: { relockCooldownDays: 3 } });
    expect(plan.releasedLocks[0]?.lockBlockedUntil).toBe("2026-03-04");
    // Released in this run, so not locked again in this run even though the date has passed.
    expect(plan.locks.filter((l) => l.order === "SO-1")).toEqual([]);
  });
});

describe("R-LOCK-CONVERT: a paid lock becomes an allocation", () => {
  const lock = (id: string, quantity: number, lockedOn: string) => ({
    id,
    order: "SO-1",
    line: 1,
    franchisee: "F1",
    sku: "T100",
    quantity,
    lockedOn,
    expiresOn: "2026-03-10",
  });

  it("converts what the franchisee can pay, oldest lock first, and keeps the rest locked", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 0 }],
        franchisees: [{ id: "F1", priority: 1, cash: "300" }],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 9, unitPrice: "100" }]),
        ],
        locks: [lock("L-NEW", 3, "2026-02-24"), lock("L-OLD", 2, "2026-02-23")],
      }),
    );
    expect(plan.franchiseeAllocations).toMatchObject([
      { quantity: 3, amount: "300.00", source: "lock" },
    ]);
    expect(plan.locks).toEqual([
      {
        id: "L-NEW",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 2,
        lockedOn: "2026-02-24",
        expiresOn: "2026-03-10",
        isNew: false,
      },
    ]);
    const conversions = plan.trace.filter((d) => d.pass === "conversion");
    expect(conversions.map((d) => [d.pass === "conversion" && d.lock, d.quantity])).toEqual([
      ["L-OLD", 2],
      ["L-NEW", 1],
    ]);
    expect(plan.unfilled).toMatchObject([{ quantity: 4, reason: "stock" }]);
  });

  it("converts before the funded pass spends the money on other lines", () => {
    const plan = allocate(
      wave({
        products: [
          { sku: "T100", season: "SS", launchRank: 2 },
          { sku: "FIRST", season: "SS", launchRank: 1 },
        ],
        supply: [{ sku: "FIRST", quantity: 10 }],
        franchisees: [{ id: "F1", priority: 1, cash: "500" }],
        orders: [
          order("SO-1", "F1", "2026-02-01", [
            { sku: "T100", quantity: 5, unitPrice: "100" },
            { sku: "FIRST", quantity: 10, unitPrice: "100" },
          ]),
        ],
        locks: [lock("L1", 3, "2026-02-20")],
      }),
    );
    expect(plan.franchiseeAllocations.map((r) => [r.sku, r.quantity, r.source])).toEqual([
      ["T100", 3, "lock"],
      ["FIRST", 2, "funded"],
    ]);
  });

  it("yields two rows for a line served by conversion and by the funded pass", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 4 }],
        franchisees: [{ id: "F1", priority: 1, cash: "1000" }],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 9, unitPrice: "100" }]),
        ],
        locks: [lock("L1", 3, "2026-02-20")],
      }),
    );
    expect(plan.franchiseeAllocations.map((r) => [r.source, r.quantity, r.amount])).toEqual([
      ["lock", 3, "300.00"],
      ["funded", 4, "400.00"],
    ]);
  });
});

describe("R-ALLOC-DIRECT: stores and regions are served after every franchisee", () => {
  const stores = [
    { id: "SZ-B", region: "shenzhen", class: "B" as const, operation: "direct" as const },
    { id: "SZ-A", region: "shenzhen", class: "A" as const, operation: "joint" as const },
    { id: "BJ-A", region: "beijing", class: "A" as const, operation: "direct" as const },
    { id: "NN-A", region: "nanning", class: "A" as const, operation: "direct" as const },
  ];
  const direct = (sku: string, season: "SS" | "AW" | "NONE", asOf = "2026-03-01") =>
    allocate(
      wave({
        asOf,
        products: [{ sku, season }],
        supply: [{ sku, quantity: 10 }],
        regions: [{ id: "shenzhen" }, { id: "beijing" }, { id: "nanning" }],
        stores,
        storeNeeds: stores.map((store) => ({ store: store.id, sku, safetyStock: 4, onHand: 1 })),
        regionNeeds: [
          { region: "shenzhen", sku, quantity: 3 },
          { region: "beijing", sku, quantity: 3 },
        ],
      }),
    );
  const served = (plan: AllocationPlan) =>
    plan.trace.flatMap((d) =>
      d.pass === "direct" ? [`${d.kind === "store" ? d.store : d.region}:${d.quantity}`] : [],
    );

  it("serves a SS product region by region, stores then the region's stock (R-ALLOC-SEASONAL)", () => {
    const plan = direct("SS1", "SS");
    expect(served(plan)).toEqual([
      "SZ-A:3",
      "SZ-B:3",
      "shenzhen:3",
      "BJ-A:1",
      "beijing:0",
      "NN-A:0",
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it("serves an AW product north first and nanning, not in the AW order, last with a warning", () => {
    const plan = direct("AW1", "AW");
    expect(served(plan)).toEqual([
      "BJ-A:3",
      "beijing:3",
      "SZ-A:3",
      "SZ-B:1",
      "shenzhen:0",
      "NN-A:0",
    ]);
    expect(plan.warnings).toEqual([
      {
        code: "REGION_NOT_IN_SEASON_ORDER",
        message:
          'region "nanning" is not in the AW region order: it was served after every listed region',
        region: "nanning",
        season: "AW",
      },
    ]);
  });

  it("serves a NONE product every store first, then every region (R-ALLOC-NONSEASONAL)", () => {
    const plan = direct("N1", "NONE");
    expect(served(plan)).toEqual([
      "SZ-A:3",
      "SZ-B:3",
      "BJ-A:3",
      "NN-A:1",
      "shenzhen:0",
      "beijing:0",
    ]);
    expect(plan.unfilled.filter((u) => u.kind !== "order-line").map((u) => u.quantity)).toEqual([
      2, 3, 3,
    ]);
  });

  it("uses the AW order for a NONE product in an AW month", () => {
    const plan = direct("N1", "NONE", "2026-09-01");
    expect(served(plan)).toEqual([
      "BJ-A:3",
      "SZ-A:3",
      "SZ-B:3",
      "NN-A:1",
      "beijing:0",
      "shenzhen:0",
    ]);
    expect(plan.warnings).toMatchObject([{ region: "nanning", season: "AW" }]);
  });

  it("serves franchisees before any store (6.4.2.1)", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 5 }],
        franchisees: [{ id: "F1", priority: 9, cash: "0" }],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 4, unitPrice: "100" }]),
        ],
        regions: [{ id: "airport" }],
        stores: [{ id: "AP-1", region: "airport", class: "A", operation: "direct" }],
        storeNeeds: [{ store: "AP-1", sku: "T100", safetyStock: 10 }],
      }),
    );
    expect(plan.locks).toMatchObject([{ quantity: 4 }]);
    expect(plan.storeAllocations).toEqual([
      { store: "AP-1", region: "airport", sku: "T100", quantity: 1 },
    ]);
  });
});

describe("R-UNIT-4: the same input in any order gives the same plan", () => {
  it("is deep-equal under reordered arrays and leaves the input untouched", () => {
    const input = wave({
      products: products("SS", "A", "B"),
      supply: [
        { sku: "A", quantity: 3 },
        { sku: "B", quantity: 3 },
      ],
      franchisees: [
        { id: "F1", priority: 1, cash: "150" },
        { id: "F2", priority: 1, cash: "150" },
      ],
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

describe("review findings, pinned", () => {
  it('R-ALLOC-PARTIAL: a lock converted short under "stop" stops the funded pass for that franchisee too', () => {
    const plan = allocate(
      wave({
        policy: { afterShortfall: "stop" },
        products: [
          { sku: "A", season: "SS", launchRank: 1 },
          { sku: "B", season: "SS", launchRank: 2 },
        ],
        supply: [{ sku: "B", quantity: 3 }],
        franchisees: [{ id: "F", priority: 1, cash: "150" }],
        orders: [
          order("SO", "F", "2026-02-01", [
            { sku: "A", quantity: 2, unitPrice: "100" },
            { sku: "B", quantity: 3, unitPrice: "10" },
          ]),
        ],
        locks: [
          {
            id: "L1",
            order: "SO",
            line: 1,
            franchisee: "F",
            sku: "A",
            quantity: 2,
            lockedOn: "2026-02-25",
            expiresOn: "2026-03-12",
          },
        ],
      }),
    );
    expect(plan.franchiseeAllocations.map((r) => [r.line, r.quantity, r.source])).toEqual([
      [1, 1, "lock"],
    ]);
    expect(plan.trace.find((d) => d.pass === "funded" && d.line === 2)).toMatchObject({
      quantity: 0,
      stopped: true,
      limitedBy: "funds",
    });
    expect(plan.locks.find((l) => l.line === 2)).toMatchObject({ quantity: 3, isNew: true });
  });

  it("R-LOCK-EXPIRE: every released lock of a line carries the line's latest bar, its stored one included", () => {
    const lock = (id: string, expiresOn: string) => ({
      id,
      order: "SO",
      line: 1,
      franchisee: "F",
      sku: "A",
      quantity: 1,
      lockedOn: "2026-02-20",
      expiresOn,
    });
    const input = wave({
      asOf: "2026-03-07",
      products: products("SS", "A"),
      franchisees: [{ id: "F", priority: 1, cash: "0" }],
      orders: [order("SO", "F", "2026-02-01", [{ sku: "A", quantity: 2, unitPrice: "10" }])],
      locks: [lock("L1", "2026-03-07"), lock("L2", "2026-03-01")],
    });
    expect(allocate(input).releasedLocks.map((l) => [l.id, l.lockBlockedUntil])).toEqual([
      ["L1", "2026-03-22"],
      ["L2", "2026-03-22"],
    ]);
    const stored = {
      ...input,
      orders: [
        order("SO", "F", "2026-02-01", [
          { sku: "A", quantity: 2, unitPrice: "10", lockBlockedUntil: "2026-05-01" },
        ]),
      ],
    };
    const plan = allocate(stored);
    expect(plan.releasedLocks.map((l) => l.lockBlockedUntil)).toEqual(["2026-05-01", "2026-05-01"]);
  });

  it("keeps funds as the reason when money held a line back and the lock pass then found no stock", () => {
    const plan = allocate(
      wave({
        products: products("SS", "A"),
        supply: [{ sku: "A", quantity: 10 }],
        franchisees: [
          { id: "F1", priority: 1, cash: "400" },
          { id: "F2", priority: 2, cash: "10000" },
        ],
        orders: [
          order("SO-1", "F1", "2026-02-01", [{ sku: "A", quantity: 10, unitPrice: "100" }]),
          order("SO-2", "F2", "2026-02-01", [{ sku: "A", quantity: 10, unitPrice: "100" }]),
        ],
      }),
    );
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([4, 6]);
    expect(plan.unfilled).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "A",
        quantity: 6,
        reason: "funds",
      },
      {
        kind: "order-line",
        order: "SO-2",
        line: 1,
        franchisee: "F2",
        sku: "A",
        quantity: 4,
        reason: "stock",
      },
    ]);
  });

  it("§7: tells (store, sku) needs apart even when ids contain NUL characters", () => {
    const plan = allocate(
      wave({
        products: products("SS", "b\u0000c", "c"),
        regions: [{ id: "r" }],
        stores: [
          { id: "a", region: "r", class: "A", operation: "direct" },
          { id: "a\u0000b", region: "r", class: "A", operation: "direct" },
        ],
        storeNeeds: [
          { store: "a", sku: "b\u0000c", safetyStock: 1 },
          { store: "a\u0000b", sku: "c", safetyStock: 1 },
        ],
      }),
    );
    expect(plan.unfilled).toHaveLength(2);
  });
});
