/**
 * R-WHATIF (src/planning/compare.ts, simulate.ts): two plans side by side, only
 * what differs, in canonical order; one input under named policy variants.
 * Every figure below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  allocate,
  comparePlans,
  InputError,
  simulate,
} from "../../src/index.js";
import { franchisee, order, store, t100, t100Wave } from "../support/fixtures.js";

/** 7 T100 for F1 (9) and F2 (6), both priority 1 with money for all. */
const tied: AllocationInput = t100Wave(7, {
  franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 1, "10000")],
  orders: [
    order("SO-1", "F1", "2026-02-01", [t100(9)]),
    order("SO-2", "F2", "2026-02-01", [t100(6)]),
  ],
});

describe("R-WHATIF: comparePlans", () => {
  it("R-WHATIF: sequential against proportional — each line's units and reason in each plan, the money each committed, the same T100 totals, the same fill", () => {
    const a = allocate(tied);
    const b = allocate({ ...tied, policy: { share: "proportional" } });
    const diff = comparePlans(a, b);
    expect(diff.a).toEqual({ planId: a.planId, asOf: "2026-03-01" });
    expect(diff.changes).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        a: { allocated: 7, locked: 0, unfilled: 2, reason: "stock" },
        b: { allocated: 4, locked: 0, unfilled: 5, reason: "stock" },
      },
      {
        kind: "order-line",
        order: "SO-2",
        line: 1,
        franchisee: "F2",
        sku: "T100",
        a: { allocated: 0, locked: 0, unfilled: 6, reason: "stock" },
        b: { allocated: 3, locked: 0, unfilled: 3, reason: "stock" },
      },
    ]);
    expect(diff.money).toEqual([
      {
        franchisee: "F1",
        a: { cash: "700.00", credit: "0.00" },
        b: { cash: "400.00", credit: "0.00" },
      },
      {
        franchisee: "F2",
        a: { cash: "0.00", credit: "0.00" },
        b: { cash: "300.00", credit: "0.00" },
      },
    ]);
    // Seven units to franchisees either way.
    expect(diff.skus).toEqual([]);
    // 7 of 15 = 0.46666… → 0.4667.
    expect(diff.fill.a).toEqual({
      orderLines: { filled: 7, demand: 15, rate: "0.4667" },
      stores: { filled: 0, demand: 0 },
      regions: { filled: 0, demand: 0 },
    });
    expect(diff.fill.b).toEqual(diff.fill.a);
  });

  it("R-WHATIF: a holdback for the store — the SKU's channels move from franchisee to store, a lock appears, and the store's fill rises from 0 of 4 to 4 of 4", () => {
    const base = t100Wave(10, {
      franchisees: [franchisee("F1", 1, "600")],
      orders: [order("SO-1", "F1", "2026-02-01", [t100(10)])],
      regions: [{ id: "shenzhen" }],
      stores: [store("SZ-1", "shenzhen")],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 4 }],
    });
    const a = allocate(base);
    const b = allocate({ ...base, holdback: [{ sku: "T100", quantity: 4, for: "direct" }] });
    const diff = comparePlans(a, b);
    // a: F1 buys 6 (600.00), locks 4; the store gets none. b: F1 buys 6, nothing to lock; the store gets the 4 held.
    expect(diff.changes).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        a: { allocated: 6, locked: 4, unfilled: 0 },
        b: { allocated: 6, locked: 0, unfilled: 4, reason: "holdback" },
      },
      {
        kind: "store",
        store: "SZ-1",
        region: "shenzhen",
        sku: "T100",
        a: { allocated: 0, locked: 0, unfilled: 4, reason: "stock" },
        b: { allocated: 4, locked: 0, unfilled: 0 },
      },
    ]);
    expect(diff.money).toEqual([]);
    expect(diff.skus).toEqual([
      {
        sku: "T100",
        a: { franchisees: 6, locks: 4, stores: 0, regions: 0, remaining: 0 },
        b: { franchisees: 6, locks: 0, stores: 4, regions: 0, remaining: 0 },
      },
    ]);
    expect(diff.fill.a.stores).toEqual({ filled: 0, demand: 4, rate: "0.0000" });
    expect(diff.fill.b.stores).toEqual({ filled: 4, demand: 4, rate: "1.0000" });
    // Order lines: 6 of 6 + 4 locked = 0.6 in a; 6 of 6 + 4 unfilled = 0.6 in b.
    expect(diff.fill.a.orderLines).toEqual({ filled: 6, demand: 10, rate: "0.6000" });
    expect(diff.fill.b.orderLines).toEqual({ filled: 6, demand: 10, rate: "0.6000" });
  });

  it("R-WHATIF: a plan compared with itself, or with its JSON copy, has no change; a non-plan is refused under its name", () => {
    const plan = allocate(tied);
    const same = comparePlans(plan, JSON.parse(JSON.stringify(plan)));
    expect([same.changes, same.money, same.skus]).toEqual([[], [], []]);
    expect(() => comparePlans(plan, { asOf: 3 } as never)).toThrow(InputError);
    try {
      comparePlans({} as never, plan);
    } catch (error) {
      expect((error as InputError).issues[0]?.path[0]).toBe("(a)");
    }
  });
});

describe("R-WHATIF: simulate", () => {
  it("R-WHATIF: runs every named variant over the input's policy and compares each with the first", () => {
    const input = { ...tied, policy: { lockUnfunded: false } };
    const result = simulate(input, {
      seed: {},
      shares: { share: "proportional" },
      "locks too": { share: "proportional", lockUnfunded: true },
    });
    expect(Object.keys(result.plans)).toEqual(["seed", "shares", "locks too"]);
    expect(Object.keys(result.comparisons)).toEqual(["shares", "locks too"]);
    expect(result.plans.seed).toEqual(allocate(input));
    expect(result.plans.shares).toEqual(
      allocate({ ...tied, policy: { lockUnfunded: false, share: "proportional" } }),
    );
    expect(result.comparisons.shares?.changes.map((c) => [c.a.allocated, c.b.allocated])).toEqual([
      [7, 4],
      [0, 3],
    ]);
    // No stock is left to lock either way: "locks too" changes the same lines the same way.
    expect(result.comparisons["locks too"]?.changes).toEqual(result.comparisons.shares?.changes);
    expect(input.policy).toEqual({ lockUnfunded: false });
  });

  it("R-WHATIF: every problem at once — the input's under its paths, a variant's under variants.<name>", () => {
    const bad = { ...tied, supply: [{ sku: "T999", quantity: 1 }] };
    let caught: InputError | undefined;
    try {
      simulate(bad, { seed: {}, wrong: { minFill: 2, lockDays: 0 }, odd: 3 as never });
    } catch (error) {
      caught = error as InputError;
    }
    expect(caught?.issues.map((issue) => issue.path.join("."))).toEqual([
      "supply.0.sku",
      "variants.odd",
    ]);
    try {
      simulate(tied, { seed: {}, wrong: { minFill: 2, lockDays: 0 } });
    } catch (error) {
      caught = error as InputError;
    }
    // In the policy's field order, as the parser lists them.
    expect(caught?.issues.map((issue) => issue.path.join("."))).toEqual([
      "variants.wrong.minFill",
      "variants.wrong.lockDays",
    ]);
    expect(() => simulate(tied, {})).toThrow("must name at least one variant");
  });

  it("R-WHATIF: any variant name is an own entry — __proto__ included — and integer-like names come first, as an object orders them", () => {
    const variants = JSON.parse('{"__proto__": {}, "shares": {"share": "proportional"}}');
    const result = simulate(tied, variants);
    expect(Object.keys(result.plans)).toEqual(["__proto__", "shares"]);
    expect(Object.getPrototypeOf(result.plans)).toBe(Object.prototype);
    expect(Object.keys(result.comparisons)).toEqual(["shares"]);
    const numbered = simulate(tied, { b: {}, "10": { share: "proportional" }, "2": {} });
    expect(Object.keys(numbered.plans)).toEqual(["2", "10", "b"]);
    expect(Object.keys(numbered.comparisons)).toEqual(["10", "b"]);
  });
});
