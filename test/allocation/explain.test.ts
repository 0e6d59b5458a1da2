/**
 * explain (src/allocation/explain.ts, SPEC §3.7) on hand-computed plans: one
 * sentence per kind of decision, every pass's clause (R-LOCK-EXPIRE,
 * R-LOCK-CONVERT, R-ALLOC-FUNDED, R-ALLOC-PARTIAL, R-LOCK-PLACE,
 * R-ALLOC-SEASONAL, R-ALLOC-NONSEASONAL), and demands that share an order, a
 * store, a region or a SKU with another, so each explanation is seen to pick
 * exactly its own rows. Plans are built inside each test, so a mutation run
 * (npm run mutation) sees which test covers which code.
 */
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  type AllocationPlan,
  allocate,
  type ExplainRef,
  explain,
  InputError,
} from "../../src/index.js";
import {
  carriedLock,
  franchisee,
  order,
  store,
  t100,
  t100Wave,
  wave,
} from "../support/fixtures.js";

/** A lock of T100 carried from an earlier run. */
const lock = (
  id: string,
  orderId: string,
  line: number,
  franchiseeId: string,
  quantity: number,
  lockedOn: string,
  expiresOn: string,
) =>
  carriedLock(id, lockedOn, expiresOn, {
    order: orderId,
    line,
    franchisee: franchiseeId,
    quantity,
  });

/** Two franchisees and a store short of T100. */
const planOf = () =>
  allocate(
    t100Wave(6, {
      franchisees: [franchisee("F1", 1, "200"), franchisee("F2", 2, "0")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(5)]),
        order("SO-2", "F2", "2026-02-02", [t100(2)]),
      ],
      regions: [{ id: "shenzhen" }],
      stores: [store("SZ-1", "shenzhen")],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 4 }],
    }),
  );

describe("explain: why a demand got what it got (§3.7)", () => {
  it("explains a partially shipped and locked franchisee line", () => {
    const why = explain(planOf(), { kind: "order-line", order: "SO-1", line: 1 });
    expect(why).toMatchObject({ found: true, allocated: 2, locked: 3, released: 0 });
    expect(why.unfilled).toBeUndefined();
    expect(why.rules).toEqual([
      "R-ALLOC-FUNDED",
      "R-RANK-FUNDED",
      "R-RANK-LINE",
      "R-RANK-PRODUCT",
      "R-ALLOC-PARTIAL",
      "R-LOCK-PLACE",
    ]);
    expect(why.decisions.map((d) => d.pass)).toEqual(["funded", "lock"]);
    expect(why.sentence).toBe(
      "Order SO-1 line 1 (franchisee F1, T100): funded pass — franchisee #1 (priority 1, funded), line #1, got 2 of 5: 200.00 spendable buys 2 at 100.00 (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #1, line #1: locked 3 as LK-2026-03-01-SO-1-1 until 2026-03-16 (R-LOCK-PLACE).",
    );
  });

  it("explains why a store got nothing", () => {
    const why = explain(planOf(), { kind: "store", store: "SZ-1", sku: "T100" });
    expect(why).toMatchObject({
      found: true,
      allocated: 0,
      unfilled: { quantity: 4, reason: "stock" },
    });
    expect(why.sentence).toBe(
      "Store SZ-1 (shenzhen, class A) for T100: direct pass after every franchisee — region #1 in the SS order, store #1 in its region, claim #1 on this SKU, got 0 of 4: free stock was used up before its turn (R-ALLOC-SEASONAL). Unfilled: 4 (stock).",
    );
  });

  it("explains an unfunded line that was locked only in part", () => {
    const why = explain(planOf(), { kind: "order-line", order: "SO-2", line: 1 });
    expect(why).toMatchObject({
      allocated: 0,
      locked: 1,
      unfilled: { quantity: 1, reason: "funds" },
    });
    expect(why.sentence).toContain("no money left (spendable 0.00)");
    expect(why.sentence).toContain("locked 1 of 2 (only 1 in free stock)");
  });

  it("says so when no decision concerns the demand", () => {
    const why = explain(planOf(), { kind: "region", region: "shenzhen", sku: "T100" });
    expect(why.found).toBe(false);
    expect(why.decisions).toEqual([]);
    expect(why.sentence).toMatch(
      /^Region shenzhen stocking need for T100: no decision of this run concerns it/,
    );
  });

  it("works on a plan read back from JSON", () => {
    const plan = planOf();
    const copy = JSON.parse(JSON.stringify(plan));
    const ref = { kind: "order-line", order: "SO-1", line: 1 } as const;
    expect(explain(copy, ref)).toEqual(explain(plan, ref));
  });
});

/*
 * asOf 2026-03-01, afterShortfall "stop", 10 × T100 in stock, every price 100;
 * paymentGraceDays 0 (R-LOCK-GRACE off: the grace's clauses are in grace.test.ts).
 *
 * Expiry: L-EXP (SO-2/1, 2 units, expires 03-01) is released: stock 12, the line
 * barred from relocking until 03-01 + 15 = 03-16.
 * Conversion (priority order): F3's L-C1 (2) — 100 buys 1, short, so F3 stops
 * and L-C2 (1) converts 0; F4's L-F (1) converts all of it with 1000.
 * Funded (funded F1, F4 first, then unfunded F2, F3): F1 takes SO-1/1 (2, 250 →
 * 50), then 50 buys none of SO-1/2 (3), so F1 stops and SO-1/3 is skipped. F2
 * has 0: SO-2/1 gets 0 ("no money left"), F2 stops. F3 was stopped already.
 * Lock (F1, F2, F3, F4): SO-1/2 locks 3, SO-1/3 1, SO-2/1 is barred until 03-16,
 * SO-2/2 by its lockBlockedUntil 03-05, SO-3/1 locks 2, SO-3/2 1: 3 left.
 */
const franchiseePlan = () =>
  allocate(
    t100Wave(10, {
      policy: { afterShortfall: "stop", paymentGraceDays: 0 },
      franchisees: [
        franchisee("F1", 1, "250"),
        franchisee("F2", 2, "0"),
        franchisee("F3", 3, "100"),
        franchisee("F4", 4, "1000"),
      ],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(2), t100(3), t100(1)]),
        order("SO-2", "F2", "2026-02-02", [
          t100(2),
          t100(1, "100", { lockBlockedUntil: "2026-03-05" }),
        ]),
        order("SO-3", "F3", "2026-02-03", [t100(4), t100(2)]),
        order("SO-4", "F4", "2026-02-04", [t100(1)]),
      ],
      locks: [
        lock("L-EXP", "SO-2", 1, "F2", 2, "2026-02-14", "2026-03-01"),
        lock("L-C1", "SO-3", 1, "F3", 2, "2026-02-20", "2026-03-07"),
        lock("L-C2", "SO-3", 2, "F3", 1, "2026-02-21", "2026-03-08"),
        lock("L-F", "SO-4", 1, "F4", 1, "2026-02-22", "2026-03-09"),
      ],
    }),
  );

const line = (orderId: string, n: number) =>
  explain(franchiseePlan(), { kind: "order-line", order: orderId, line: n });

const FUNDED_RULES = ["R-ALLOC-FUNDED", "R-RANK-FUNDED", "R-RANK-LINE", "R-RANK-PRODUCT"];

describe("explain, order lines: each clause of the franchisee passes", () => {
  it("R-ALLOC-FUNDED: a line served in full says 'got all', and has no unfilled key", () => {
    const why = line("SO-1", 1);
    expect(why).toMatchObject({ found: true, allocated: 2, locked: 0, released: 0 });
    expect("unfilled" in why).toBe(false);
    expect(why.rules).toEqual(FUNDED_RULES);
    expect(why.decisions).toHaveLength(1);
    expect(why.sentence).toBe(
      "Order SO-1 line 1 (franchisee F1, T100): funded pass — franchisee #1 (priority 1, funded), line #1, got all 2 (R-ALLOC-FUNDED).",
    );
  });

  it("R-ALLOC-PARTIAL: money left but too little for one unit is not 'no money left'; the lock is this line's only", () => {
    const why = line("SO-1", 2);
    expect(why).toMatchObject({ allocated: 0, locked: 3, released: 0 });
    expect(why.decisions.map((d) => d.pass)).toEqual(["funded", "lock"]);
    expect(why.sentence).toBe(
      "Order SO-1 line 2 (franchisee F1, T100): funded pass — franchisee #1 (priority 1, funded), line #2, got 0 of 3: 50.00 spendable buys 0 at 100.00 (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #1, line #2: locked 3 as LK-2026-03-01-SO-1-2 until 2026-03-16 (R-LOCK-PLACE).",
    );
  });

  it('R-ALLOC-PARTIAL with afterShortfall "stop": a later line of the franchisee is stopped', () => {
    const why = line("SO-1", 3);
    expect(why).toMatchObject({ allocated: 0, locked: 1 });
    expect(why.sentence).toBe(
      'Order SO-1 line 3 (franchisee F1, T100): funded pass — franchisee #1 (priority 1, funded), line #3, got 0 of 1: stopped, an earlier line ran short of money and afterShortfall is "stop" (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #1, line #3: locked 1 as LK-2026-03-01-SO-1-3 until 2026-03-16 (R-LOCK-PLACE).',
    );
  });

  it("R-LOCK-EXPIRE: an expired lock's clause, released units, and the relock bar of the same run", () => {
    const why = line("SO-2", 1);
    expect(why).toMatchObject({
      found: true,
      allocated: 0,
      locked: 0,
      released: 2,
      unfilled: { quantity: 2, reason: "lock-blocked" },
    });
    expect(why.rules).toEqual([
      "R-LOCK-EXPIRE",
      ...FUNDED_RULES,
      "R-ALLOC-PARTIAL",
      "R-LOCK-PLACE",
    ]);
    expect(why.sentence).toBe(
      "Order SO-2 line 1 (franchisee F2, T100): lock L-EXP of 2 expired on 2026-03-01 and went back to free stock; the line may not be locked again before 2026-03-16 (R-LOCK-EXPIRE); funded pass — franchisee #3 (priority 2, unfunded), line #1, got 0 of 2: no money left (spendable 0.00) (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #2, line #1: 2 unit(s) not locked — the line may not be locked before 2026-03-16 (R-LOCK-EXPIRE). Unfilled: 2 (lock-blocked).",
    );
  });

  it("R-LOCK-EXPIRE: a stored lockBlockedUntil bars the other line of the same order; nothing released there", () => {
    const why = line("SO-2", 2);
    expect(why).toMatchObject({
      released: 0,
      locked: 0,
      unfilled: { quantity: 1, reason: "lock-blocked" },
    });
    expect(why.decisions).toHaveLength(2);
    expect(why.rules).toEqual([
      ...FUNDED_RULES,
      "R-ALLOC-PARTIAL",
      "R-LOCK-PLACE",
      "R-LOCK-EXPIRE",
    ]);
    expect(why.sentence).toBe(
      'Order SO-2 line 2 (franchisee F2, T100): funded pass — franchisee #3 (priority 2, unfunded), line #2, got 0 of 1: stopped, an earlier line ran short of money and afterShortfall is "stop" (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #2, line #2: 1 unit(s) not locked — the line may not be locked before 2026-03-05 (R-LOCK-EXPIRE). Unfilled: 1 (lock-blocked).',
    );
  });

  it("R-LOCK-CONVERT: a lock converted in part, then stopped, then one converted in full", () => {
    const first = line("SO-3", 1);
    expect(first).toMatchObject({ allocated: 1, locked: 3, released: 0 });
    expect(first.sentence).toBe(
      'Order SO-3 line 1 (franchisee F3, T100): lock L-C1 offered first (R-LOCK-CONVERT) — converted 1 of 2: 100.00 spendable buys 1 at 100.00; funded pass — franchisee #4 (priority 3, unfunded), line #1, got 0 of 2: stopped, an earlier line ran short of money and afterShortfall is "stop" (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #3, line #1: locked 2 as LK-2026-03-01-SO-3-1 until 2026-03-16 (R-LOCK-PLACE).',
    );
    const second = line("SO-3", 2);
    expect(second).toMatchObject({ allocated: 0, locked: 2 });
    expect(second.sentence).toBe(
      'Order SO-3 line 2 (franchisee F3, T100): lock L-C2 offered first (R-LOCK-CONVERT) — converted 0 of 1: an earlier lock ran short of money and afterShortfall is "stop"; funded pass — franchisee #4 (priority 3, unfunded), line #2, got 0 of 1: stopped, an earlier line ran short of money and afterShortfall is "stop" (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #3, line #2: locked 1 as LK-2026-03-01-SO-3-2 until 2026-03-16 (R-LOCK-PLACE).',
    );
    const full = line("SO-4", 1);
    expect(full).toMatchObject({ allocated: 1, locked: 0 });
    expect(full.rules).toEqual(["R-LOCK-CONVERT", "R-RANK-LINE", "R-RANK-PRODUCT"]);
    expect(full.sentence).toBe(
      "Order SO-4 line 1 (franchisee F4, T100): lock L-F offered first (R-LOCK-CONVERT) — converted all 1.",
    );
  });

  it("an order line no decision concerns has a bare subject", () => {
    const why = line("SO-9", 1);
    expect(why).toEqual({
      ref: { kind: "order-line", order: "SO-9", line: 1 },
      found: false,
      allocated: 0,
      locked: 0,
      released: 0,
      rules: [],
      decisions: [],
      sentence:
        "Order SO-9 line 1: no decision of this run concerns it — it had nothing outstanding, or is not part of this run's input.",
    });
    expect("unfilled" in why).toBe(false);
  });

  it("R-LOCK-EXPIRE: with no cool-down the bar is the expiry date itself, told as 'expired in this run'", () => {
    const plan = allocate(
      t100Wave(5, {
        policy: { relockCooldownDays: 0, paymentGraceDays: 0 },
        franchisees: [franchisee("F1", 1, "0")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(2, "10")])],
        locks: [lock("L1", "SO-1", 1, "F1", 2, "2026-02-14", "2026-03-01")],
      }),
    );
    expect(plan.releasedLocks.map((l) => l.lockBlockedUntil)).toEqual(["2026-03-01"]);
    const why = explain(plan, { kind: "order-line", order: "SO-1", line: 1 });
    expect(why.sentence).toBe(
      "Order SO-1 line 1 (franchisee F1, T100): lock L1 of 2 expired on 2026-03-01 and went back to free stock; the line may not be locked again before 2026-03-01 (R-LOCK-EXPIRE); funded pass — franchisee #1 (priority 1, unfunded), line #1, got 0 of 2: no money left (spendable 0.00) (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #1, line #1: 2 unit(s) not locked — a lock of the line expired in this run, so it is not locked again in this run (R-LOCK-EXPIRE). Unfilled: 2 (lock-blocked).",
    );
  });
});

/* Stores SZ-1 (A) and SZ-2 (B) in shenzhen, GZ-1 (A) in guangzhou; T100 is SS, N200 NONE. */
const direct = (parts: Partial<AllocationInput>) =>
  allocate(
    wave({
      products: [
        { sku: "T100", season: "SS" },
        { sku: "N200", season: "NONE" },
      ],
      regions: [{ id: "shenzhen" }, { id: "guangzhou" }],
      stores: [
        store("SZ-1", "shenzhen"),
        store("SZ-2", "shenzhen", "B", "joint"),
        store("GZ-1", "guangzhou"),
      ],
      ...parts,
    }),
  );

/*
 * Enough stock: every need is met. N200 (non-seasonal, stores first): SZ-1 4,
 * then shenzhen 7. T100 (seasonal, region by region): SZ-1 2, SZ-2 5 − 1 − 1 = 3,
 * shenzhen 5, then guangzhou 6.
 */
const fullPlan = () =>
  direct({
    supply: [
      { sku: "T100", quantity: 20 },
      { sku: "N200", quantity: 20 },
    ],
    storeNeeds: [
      { store: "SZ-1", sku: "T100", safetyStock: 2 },
      { store: "SZ-2", sku: "T100", safetyStock: 5, onHand: 1, inTransit: 1 },
      { store: "SZ-1", sku: "N200", safetyStock: 4 },
    ],
    regionNeeds: [
      { region: "shenzhen", sku: "T100", quantity: 5 },
      { region: "guangzhou", sku: "T100", quantity: 6 },
      { region: "shenzhen", sku: "N200", quantity: 7 },
    ],
  });

/*
 * Short of stock. N200 (3): SZ-1 2 of 2, GZ-1 1 of 3, shenzhen 0 of 3,
 * guangzhou 0 of 4. T100 (4): SZ-1 2 of 2, SZ-2 2 of 3, shenzhen 0 of 1, GZ-1 0
 * of 3, guangzhou 0 of 2.
 */
const shortPlan = () =>
  direct({
    supply: [
      { sku: "T100", quantity: 4 },
      { sku: "N200", quantity: 3 },
    ],
    storeNeeds: [
      { store: "SZ-1", sku: "T100", safetyStock: 2 },
      { store: "SZ-2", sku: "T100", safetyStock: 3 },
      { store: "GZ-1", sku: "T100", safetyStock: 3 },
      { store: "SZ-1", sku: "N200", safetyStock: 2 },
      { store: "GZ-1", sku: "N200", safetyStock: 3 },
    ],
    regionNeeds: [
      { region: "shenzhen", sku: "T100", quantity: 1 },
      { region: "guangzhou", sku: "T100", quantity: 2 },
      { region: "shenzhen", sku: "N200", quantity: 3 },
      { region: "guangzhou", sku: "N200", quantity: 4 },
    ],
  });

const summary = (plan: () => AllocationPlan, ref: ExplainRef) => {
  const why = explain(plan(), ref);
  return [why.allocated, why.unfilled?.quantity, why.decisions.length, why.sentence];
};

describe("explain, stores and regions: R-ALLOC-DIRECT clauses", () => {
  it("R-ALLOC-SEASONAL: stores served in full, each counting only its own store and SKU", () => {
    expect(summary(fullPlan, { kind: "store", store: "SZ-1", sku: "T100" })).toEqual([
      2,
      undefined,
      1,
      "Store SZ-1 (shenzhen, class A) for T100: direct pass after every franchisee — region #1 in the SS order, store #1 in its region, claim #1 on this SKU, got all 2 (R-ALLOC-SEASONAL).",
    ]);
    expect(summary(fullPlan, { kind: "store", store: "SZ-2", sku: "T100" })).toEqual([
      3,
      undefined,
      1,
      "Store SZ-2 (shenzhen, class B) for T100: direct pass after every franchisee — region #1 in the SS order, store #2 in its region, claim #2 on this SKU, got all 3 (R-ALLOC-SEASONAL).",
    ]);
  });

  it("R-ALLOC-NONSEASONAL: a NONE product's store and region clauses", () => {
    expect(summary(fullPlan, { kind: "store", store: "SZ-1", sku: "N200" })).toEqual([
      4,
      undefined,
      1,
      "Store SZ-1 (shenzhen, class A) for N200: direct pass after every franchisee — region #1 in the SS order, store #1 in its region, claim #1 on this SKU, got all 4 (R-ALLOC-NONSEASONAL).",
    ]);
    expect(summary(fullPlan, { kind: "region", region: "shenzhen", sku: "N200" })).toEqual([
      7,
      undefined,
      1,
      "Region shenzhen stocking need for N200: direct pass after every franchisee — region #1 in the SS order, claim #2 on this SKU, got all 7 (R-ALLOC-NONSEASONAL).",
    ]);
  });

  it("R-ALLOC-SEASONAL: region needs served in full count only their own region and SKU", () => {
    expect(summary(fullPlan, { kind: "region", region: "shenzhen", sku: "T100" })).toEqual([
      5,
      undefined,
      1,
      "Region shenzhen stocking need for T100: direct pass after every franchisee — region #1 in the SS order, claim #3 on this SKU, got all 5 (R-ALLOC-SEASONAL).",
    ]);
    expect(summary(fullPlan, { kind: "region", region: "guangzhou", sku: "T100" })).toEqual([
      6,
      undefined,
      1,
      "Region guangzhou stocking need for T100: direct pass after every franchisee — region #2 in the SS order, claim #4 on this SKU, got all 6 (R-ALLOC-SEASONAL).",
    ]);
  });

  it("a store or region no decision concerns has a bare subject", () => {
    expect(summary(fullPlan, { kind: "store", store: "GZ-1", sku: "T100" })).toEqual([
      0,
      undefined,
      0,
      "Store GZ-1 for T100: no decision of this run concerns it — it had nothing outstanding, or is not part of this run's input.",
    ]);
    expect(summary(fullPlan, { kind: "region", region: "guangzhou", sku: "N200" })).toEqual([
      0,
      undefined,
      0,
      "Region guangzhou stocking need for N200: no decision of this run concerns it — it had nothing outstanding, or is not part of this run's input.",
    ]);
  });

  it("R-ALLOC-DIRECT: short stores each find their own unfilled row (same SKU, same store, other store)", () => {
    expect(summary(shortPlan, { kind: "store", store: "SZ-2", sku: "T100" })).toEqual([
      2,
      1,
      1,
      "Store SZ-2 (shenzhen, class B) for T100: direct pass after every franchisee — region #1 in the SS order, store #2 in its region, claim #2 on this SKU, got 2 of 3: only 2 left in free stock when its turn came (R-ALLOC-SEASONAL). Unfilled: 1 (stock).",
    ]);
    expect(summary(shortPlan, { kind: "store", store: "GZ-1", sku: "T100" })).toEqual([
      0,
      3,
      1,
      "Store GZ-1 (guangzhou, class A) for T100: direct pass after every franchisee — region #2 in the SS order, store #1 in its region, claim #4 on this SKU, got 0 of 3: free stock was used up before its turn (R-ALLOC-SEASONAL). Unfilled: 3 (stock).",
    ]);
    expect(summary(shortPlan, { kind: "store", store: "GZ-1", sku: "N200" })).toEqual([
      1,
      2,
      1,
      "Store GZ-1 (guangzhou, class A) for N200: direct pass after every franchisee — region #2 in the SS order, store #1 in its region, claim #2 on this SKU, got 1 of 3: only 1 left in free stock when its turn came (R-ALLOC-NONSEASONAL). Unfilled: 2 (stock).",
    ]);
  });

  it("R-ALLOC-DIRECT: short regions each find their own unfilled row", () => {
    const expected: [ExplainRef, number, string][] = [
      [
        { kind: "region", region: "shenzhen", sku: "T100" },
        1,
        "Region shenzhen stocking need for T100: direct pass after every franchisee — region #1 in the SS order, claim #3 on this SKU, got 0 of 1: free stock was used up before its turn (R-ALLOC-SEASONAL). Unfilled: 1 (stock).",
      ],
      [
        { kind: "region", region: "guangzhou", sku: "T100" },
        2,
        "Region guangzhou stocking need for T100: direct pass after every franchisee — region #2 in the SS order, claim #5 on this SKU, got 0 of 2: free stock was used up before its turn (R-ALLOC-SEASONAL). Unfilled: 2 (stock).",
      ],
      [
        { kind: "region", region: "shenzhen", sku: "N200" },
        3,
        "Region shenzhen stocking need for N200: direct pass after every franchisee — region #1 in the SS order, claim #3 on this SKU, got 0 of 3: free stock was used up before its turn (R-ALLOC-NONSEASONAL). Unfilled: 3 (stock).",
      ],
      [
        { kind: "region", region: "guangzhou", sku: "N200" },
        4,
        "Region guangzhou stocking need for N200: direct pass after every franchisee — region #2 in the SS order, claim #4 on this SKU, got 0 of 4: free stock was used up before its turn (R-ALLOC-NONSEASONAL). Unfilled: 4 (stock).",
      ],
    ];
    for (const [ref, quantity, sentence] of expected) {
      expect(summary(shortPlan, ref)).toEqual([0, quantity, 1, sentence]);
      expect(explain(shortPlan(), ref).unfilled).toEqual({ quantity, reason: "stock" });
    }
  });
});

describe("explain, arguments it cannot read (§7)", () => {
  it("§7: a plan that throws when read is an InputError under (plan), never the plan's own error", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
        ownKeys() {
          throw new Error("boom");
        },
      },
    );
    expect(() =>
      explain(hostile as unknown as AllocationPlan, { kind: "order-line", order: "SO-1", line: 1 }),
    ).toThrow(InputError);
  });
});
