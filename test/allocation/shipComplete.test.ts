/**
 * R-COMPLETE, order field `shipComplete` (src/allocation/shipComplete.ts,
 * funded.ts, lockPass.ts): in one run a ship-complete order's outstanding lines
 * are all served in full or none is, and it is locked only whole. Every figure
 * below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { type AllocationPlan, allocate, explain, safeAllocate } from "../../src/index.js";
import { franchisee, order, products, wave } from "../support/fixtures.js";
import { qty } from "../support/plans.js";

const lineRows = (plan: AllocationPlan) =>
  plan.unfilled.flatMap((row) => (row.kind === "order-line" ? [row] : []));

/**
 * F1 (priority 1) orders 4 T100 and 6 T200 at 100.00, ship-complete; F2
 * (priority 2, 10000.00) orders 4 T100 and 3 T200. Stock and F1's cash vary.
 */
const twoOrders = (t100: number, t200: number, cash: string, shipComplete = true) =>
  wave({
    products: products("SS", "T100", "T200"),
    supply: [
      { sku: "T100", quantity: t100 },
      { sku: "T200", quantity: t200 },
    ],
    franchisees: [franchisee("F1", 1, cash), franchisee("F2", 2, "10000")],
    orders: [
      {
        ...order("SO-1", "F1", "2026-02-01", [
          { sku: "T100", quantity: 4, unitPrice: "100" },
          { sku: "T200", quantity: 6, unitPrice: "100" },
        ]),
        ...(shipComplete ? { shipComplete: true } : {}),
      },
      order("SO-2", "F2", "2026-02-01", [
        { sku: "T100", quantity: 4, unitPrice: "100" },
        { sku: "T200", quantity: 3, unitPrice: "100" },
      ]),
    ],
  });

describe("R-COMPLETE: a ship-complete order is served whole or not at all", () => {
  it("R-COMPLETE: stock and money for every line — the order ships whole, as it would without the field", () => {
    const plan = allocate(twoOrders(8, 9, "1000"));
    expect([qty(plan, "SO-1", 1), qty(plan, "SO-1", 2)]).toEqual([4, 6]);
    expect([qty(plan, "SO-2", 1), qty(plan, "SO-2", 2)]).toEqual([4, 3]);
    const first = plan.trace.find((d) => d.pass === "funded" && d.order === "SO-1");
    expect(first?.rules).toContain("R-COMPLETE");
  });

  it("R-COMPLETE: stopped by money on its last line — 900.00 pays the 4 T100 and 5 of the 6 T200: nothing ships, the stock goes to F2", () => {
    const plan = allocate({ ...twoOrders(8, 9, "900"), policy: { lockUnfunded: false } });
    expect([qty(plan, "SO-1", 1), qty(plan, "SO-1", 2)]).toEqual([0, 0]);
    // F2 takes its 4 T100 and 3 T200 from the stock F1 passed on.
    expect([qty(plan, "SO-2", 1), qty(plan, "SO-2", 2)]).toEqual([4, 3]);
    expect(plan.balances.find((b) => b.franchisee === "F1")?.cashAfter).toBe("900.00");
    expect(lineRows(plan).map((row) => [row.order, row.line, row.quantity, row.reason])).toEqual([
      ["SO-1", 1, 4, "ship-complete"],
      ["SO-1", 2, 6, "ship-complete"],
    ]);
    const decisions = plan.trace.flatMap((d) =>
      d.pass === "funded" && d.order === "SO-1" ? [d] : [],
    );
    expect(decisions.map((d) => [d.line, d.quantity, d.limitedBy])).toEqual([
      [1, 0, "ship-complete"],
      [2, 0, "ship-complete"],
    ]);
    expect(decisions[0]).toMatchObject({ completeShort: { line: 2, limitedBy: "funds" } });
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "the order ships complete and 900.00 spendable does not pay for every line in full (line 2 is the first it cannot), so none of its lines took units; the stock and money passed on (R-ALLOC-FUNDED, R-ALLOC-PARTIAL, R-COMPLETE)",
    );
  });

  it("R-COMPLETE: without the field the same wave ships 4 and 5 to F1 (the sequential reading)", () => {
    const plan = allocate({ ...twoOrders(8, 9, "900", false), policy: { lockUnfunded: false } });
    expect([qty(plan, "SO-1", 1), qty(plan, "SO-1", 2)]).toEqual([4, 5]);
  });

  it("R-COMPLETE: short of stock on one line — 5 T200 for 6: nothing ships; the lock pass cannot lock it whole either", () => {
    const plan = allocate(twoOrders(8, 5, "1000"));
    expect([qty(plan, "SO-1", 1), qty(plan, "SO-1", 2)]).toEqual([0, 0]);
    expect(plan.locks.filter((lock) => lock.order === "SO-1")).toEqual([]);
    // F2 is served from what F1 left: 4 T100 and 3 of the 5 T200.
    expect([qty(plan, "SO-2", 1), qty(plan, "SO-2", 2)]).toEqual([4, 3]);
    const lock = plan.trace.find((d) => d.pass === "lock" && d.order === "SO-1" && d.line === 2);
    expect(lock).toMatchObject({
      quantity: 0,
      limitedBy: "ship-complete",
      completeShort: { line: 2, limitedBy: "stock" },
    });
    expect(lock?.rules).toEqual(["R-LOCK-PLACE", "R-RANK-LINE", "R-RANK-PRODUCT", "R-COMPLETE"]);
  });

  it("R-COMPLETE: unfunded, with stock for every line — locked whole in the lock pass", () => {
    const plan = allocate(twoOrders(8, 9, "0"));
    expect(plan.locks.filter((lock) => lock.order === "SO-1").map((lock) => lock.quantity)).toEqual(
      [4, 6],
    );
    expect(lineRows(plan).filter((row) => row.order === "SO-1")).toEqual([]);
  });

  it("R-COMPLETE: a line already allocated in part counts only its outstanding units", () => {
    const input = twoOrders(8, 9, "300", true);
    const orders = input.orders ?? [];
    const first = orders[0] as NonNullable<typeof input.orders>[number];
    const withAllocated = {
      ...input,
      orders: [
        {
          ...first,
          lines: [
            { line: 1, sku: "T100", quantity: 4, unitPrice: "100", allocated: 4 },
            { line: 2, sku: "T200", quantity: 6, unitPrice: "100", allocated: 3 },
          ],
        },
        ...orders.slice(1),
      ],
      policy: { lockUnfunded: false },
    };
    // Line 1 is done; line 2 needs 3 more at 100.00: 300.00 pays them.
    const plan = allocate(withAllocated);
    expect(qty(plan, "SO-1", 2)).toBe(3);
    expect(plan.trace.filter((d) => d.pass === "funded" && d.order === "SO-1")).toHaveLength(1);
  });

  it("R-COMPLETE: shipComplete false or missing is the order without it — the same plan and planId", () => {
    const without = twoOrders(8, 9, "900", false);
    const orders = without.orders ?? [];
    const falseFlag = {
      ...without,
      orders: [
        { ...(orders[0] as (typeof orders)[number]), shipComplete: false },
        ...orders.slice(1),
      ],
    };
    expect(allocate(falseFlag)).toEqual(allocate(without));
    expect(allocate(twoOrders(8, 9, "900")).planId).not.toBe(allocate(without).planId);
  });

  it("R-COMPLETE: shipComplete must be a boolean", () => {
    const input = twoOrders(8, 9, "900", false);
    const orders = input.orders ?? [];
    const bad = safeAllocate({
      ...input,
      orders: [
        { ...(orders[0] as (typeof orders)[number]), shipComplete: "yes" },
        ...orders.slice(1),
      ],
    } as unknown);
    expect(bad.ok ? [] : bad.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["orders", 0, "shipComplete"], "must be true or false"],
    ]);
  });
});
