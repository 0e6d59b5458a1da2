/**
 * R-MINFILL, policy `minFill` (src/allocation/minFill.ts, funded.ts, lockPass.ts):
 * in the funded and lock passes a franchisee line takes its units only if they
 * are at least ⌈minFill × outstanding⌉ or all of it; otherwise none, and the
 * stock and money pass on. Every figure below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { minUnitsOf, refusal } from "../../src/allocation/minFill.js";
import {
  type AllocationInput,
  type AllocationPlan,
  allocate,
  explain,
  safeAllocate,
} from "../../src/index.js";
import { franchisee, order, products, t100, t100Wave, wave } from "../support/fixtures.js";
import { qty } from "../support/plans.js";

/** The plan's unfilled order lines. */
const lineRows = (plan: AllocationPlan) =>
  plan.unfilled.flatMap((row) => (row.kind === "order-line" ? [row] : []));

/** F1 (priority 1, 1000.00) wants 10 T100 at 100.00; F2 (priority 2, 1000.00) wants 4. */
const twoFranchisees = (stock: number, minFill: number) =>
  t100Wave(stock, {
    franchisees: [franchisee("F1", 1, "1000"), franchisee("F2", 2, "1000")],
    orders: [
      order("SO-1", "F1", "2026-02-01", [t100(10)]),
      order("SO-2", "F2", "2026-02-01", [t100(4)]),
    ],
    policy: { minFill },
  });

/** F1 (300.00) wants 10 T100 and 2 T200 at 100.00; 10 T100 and 2 T200 in stock. */
const moneyShort = (policy: NonNullable<AllocationInput["policy"]>) =>
  wave({
    products: products("SS", "T100", "T200"),
    supply: [
      { sku: "T100", quantity: 10 },
      { sku: "T200", quantity: 2 },
    ],
    franchisees: [franchisee("F1", 1, "300")],
    orders: [
      order("SO-1", "F1", "2026-02-01", [t100(10), { sku: "T200", quantity: 2, unitPrice: "100" }]),
    ],
    policy,
  });

describe("R-MINFILL: the least share of a line the funded and lock passes give", () => {
  it("R-MINFILL: exactly at the threshold the line takes it — 5 in stock, minFill 0.5 of 10 needs 5", () => {
    const plan = allocate(twoFranchisees(5, 0.5));
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([5, 0]);
    expect(lineRows(plan).map((row) => [row.order, row.quantity, row.reason])).toEqual([
      ["SO-1", 5, "stock"],
      ["SO-2", 4, "stock"],
    ]);
  });

  it("R-MINFILL: one below the threshold the line takes none and the stock passes on — 4 in stock go to F2", () => {
    const plan = allocate(twoFranchisees(4, 0.5));
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([0, 4]);
    // The lock pass offers SO-1 nothing (no stock left): its reason stays min-fill.
    expect(plan.locks).toEqual([]);
    expect(plan.unfilled).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 10,
        reason: "min-fill",
      },
    ]);
    const refused = plan.trace.find((d) => d.pass === "funded" && d.order === "SO-1");
    expect(refused).toMatchObject({
      quantity: 0,
      demand: 10,
      stock: 4,
      limitedBy: "min-fill",
      offered: 4,
      minUnits: 5,
      rules: ["R-ALLOC-FUNDED", "R-RANK-FUNDED", "R-RANK-LINE", "R-RANK-PRODUCT", "R-MINFILL"],
    });
  });

  it("R-MINFILL: 0.07 is seven hundredths — a line of 100 needs 7 units, not the 8 a binary 0.07 × 100 rounds up to", () => {
    expect(Math.ceil(0.07 * 100)).toBe(8); // the float product is 7.000000000000001
    const input = t100Wave(7, {
      franchisees: [franchisee("F1", 1, "100000")],
      orders: [order("SO-1", "F1", "2026-02-01", [t100(100)])],
      policy: { minFill: 0.07 },
    });
    expect(qty(allocate(input), "SO-1")).toBe(7);
    expect(minUnitsOf(0.07)?.(100)).toBe(7);
    expect(minUnitsOf(0.3)?.(11)).toBe(4);
    expect(minUnitsOf(1e-7)?.(1)).toBe(1);
    expect(minUnitsOf(1)?.(7)).toBe(7);
    expect(minUnitsOf(0)).toBeUndefined();
  });

  it("R-MINFILL: a part is refused, never none nor the whole line; the least share is named", () => {
    const half = minUnitsOf(0.5);
    expect(refusal(half, 4, 10)).toBe(5);
    expect(refusal(half, 5, 10)).toBeUndefined();
    expect(refusal(half, 0, 10)).toBeUndefined();
    expect(refusal(half, 10, 10)).toBeUndefined();
    expect(refusal(minUnitsOf(1), 9, 10)).toBe(10);
    expect(refusal(undefined, 4, 10)).toBeUndefined();
  });

  it("R-MINFILL: minFill 1 ships whole lines only, and a whole line below the share's units still ships", () => {
    expect(qty(allocate(twoFranchisees(9, 1)), "SO-1")).toBe(0);
    expect(qty(allocate(twoFranchisees(9, 1)), "SO-2")).toBe(4);
    expect(qty(allocate(twoFranchisees(10, 1)), "SO-1")).toBe(10);
  });

  it("R-MINFILL: money-short — 300.00 buys 3 of 10, below 5: none taken, the money buys the franchisee's next line, the lock pass locks line 1 whole", () => {
    const input = moneyShort({ minFill: 0.5 });
    const plan = allocate(input);
    expect(plan.franchiseeAllocations.map((row) => [row.line, row.quantity, row.amount])).toEqual([
      [2, 2, "200.00"],
    ]);
    expect(plan.locks.map((lock) => [lock.line, lock.quantity])).toEqual([[1, 10]]);
    expect(plan.unfilled).toEqual([]);
    const refused = plan.trace.find((d) => d.pass === "funded" && d.line === 1);
    // Money held it below the stock, so R-ALLOC-PARTIAL is cited with R-MINFILL.
    expect(refused).toMatchObject({ limitedBy: "min-fill", offered: 3, minUnits: 5 });
    expect(refused?.rules).toContain("R-ALLOC-PARTIAL");
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "300.00 spendable buys 3 at 100.00, and 3 is below the least it takes, 5 (minFill); the stock and money passed on (R-ALLOC-FUNDED, R-ALLOC-PARTIAL, R-MINFILL)",
    );
  });

  it('R-MINFILL with afterShortfall "stop": a refusal for money is a shortfall — the later line is stopped', () => {
    const input = moneyShort({ minFill: 0.5, afterShortfall: "stop", lockUnfunded: false });
    const plan = allocate(input);
    expect(plan.franchiseeAllocations).toEqual([]);
    expect(lineRows(plan).map((row) => [row.line, row.reason])).toEqual([
      [1, "min-fill"],
      [2, "funds"],
    ]);
  });

  it("R-MINFILL in the lock pass: an unfunded line offered 4 of 10 locks none; the 4 are locked for the next line", () => {
    const input = t100Wave(4, {
      franchisees: [franchisee("F1", 1, "0"), franchisee("F2", 2, "0")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(10)]),
        order("SO-2", "F2", "2026-02-01", [t100(4)]),
      ],
      policy: { minFill: 0.5 },
    });
    const plan = allocate(input);
    expect(plan.locks.map((lock) => [lock.order, lock.quantity])).toEqual([["SO-2", 4]]);
    expect(lineRows(plan).map((row) => [row.order, row.quantity, row.reason])).toEqual([
      ["SO-1", 10, "min-fill"],
    ]);
    const decision = plan.trace.find((d) => d.pass === "lock" && d.order === "SO-1");
    expect(decision).toMatchObject({ limitedBy: "min-fill", offered: 4, minUnits: 5 });
    expect(decision?.rules).toEqual(["R-LOCK-PLACE", "R-RANK-LINE", "R-RANK-PRODUCT", "R-MINFILL"]);
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "lock pass — franchisee #1, line #1: 10 unit(s) not locked — only 4 in free stock, and 4 is below the least it takes, 5 (minFill); the stock passed on (R-LOCK-PLACE, R-MINFILL)",
    );
  });

  it("R-MINFILL: minFill 0, given or not, is the run without the lever — the same plan and planId", () => {
    const without = twoFranchisees(4, 0);
    const { policy: _none, ...bare } = without;
    expect(allocate(without)).toEqual(allocate(bare));
    expect(allocate(twoFranchisees(4, 0.5)).planId).not.toBe(allocate(bare).planId);
  });

  it("R-MINFILL: a minFill outside 0–1 or not a number is refused with its path", () => {
    const high = safeAllocate({ ...twoFranchisees(4, 0), policy: { minFill: 1.5 } });
    expect(high.ok ? [] : high.issues).toEqual([
      {
        path: ["policy", "minFill"],
        code: "too_large",
        message: "must be at most 1 (a share of the outstanding quantity)",
      },
    ]);
    const text = safeAllocate({ ...twoFranchisees(4, 0), policy: { minFill: "0.5" } } as unknown);
    expect(text.ok ? [] : text.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["policy", "minFill"], "must be a number from 0 to 1"],
    ]);
  });
});
