/**
 * R-PACK, product field `packSize` (src/allocation/packs.ts and the passes):
 * every franchisee allocation, lock, store and region grant of the SKU is whole
 * packs unless it completes its demand exactly; money buys whole packs; units
 * that make no pack stay free. Every figure below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { inPacks } from "../../src/allocation/packs.js";
import { type AllocationInput, allocate, explain } from "../../src/index.js";
import { carriedLock, franchisee, order, t100, wave } from "../support/fixtures.js";
import { qty } from "../support/plans.js";

/** T100 in packs of 6; `stock` units free; the parts as given. */
const packed = (stock: number, parts: Partial<AllocationInput>) =>
  wave({
    products: [{ sku: "T100", season: "SS", packSize: 6 }],
    supply: [{ sku: "T100", quantity: stock }],
    ...parts,
  });

describe("R-PACK: grants in whole packs", () => {
  it("R-PACK: inPacks cuts a part to whole packs and leaves a completing grant whole", () => {
    expect(inPacks(10, 20, 6)).toBe(6);
    expect(inPacks(5, 20, 6)).toBe(0);
    expect(inPacks(7, 7, 6)).toBe(7);
    expect(inPacks(12, 20, 6)).toBe(12);
    expect(inPacks(10, 20, 1)).toBe(10);
  });

  it("R-PACK: 10 free for a line of 20 ships one pack of 6; the 4 that make no pack stay free", () => {
    const plan = allocate(
      packed(10, {
        franchisees: [franchisee("F1", 1, "10000")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(20)])],
        policy: { lockUnfunded: false },
      }),
    );
    expect(qty(plan, "SO-1")).toBe(6);
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 4 }]);
    const decision = plan.trace.find((d) => d.pass === "funded");
    expect(decision).toMatchObject({
      quantity: 6,
      packSize: 6,
      beforePacks: 10,
      limitedBy: "stock",
    });
    expect(decision?.rules).toContain("R-PACK");
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "got 6 of 20: only 10 in free stock, cut to whole packs of 6 from the 10 allowed (R-ALLOC-FUNDED, R-PACK)",
    );
  });

  it("R-PACK: a pack bigger than the stock — 5 free, packs of 6: nothing ships to a line of 20, but a line of 5 completes", () => {
    const plan = allocate(
      packed(5, {
        franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 2, "10000")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(20)]),
          order("SO-2", "F2", "2026-02-01", [t100(5)]),
        ],
      }),
    );
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([0, 5]);
    expect(plan.locks).toEqual([]);
  });

  it("R-PACK: money buys whole packs — 1100.00 at 100.00 buys 11 units, 1 pack of 6 ships; the lock pass locks whole packs of the rest", () => {
    const plan = allocate(
      packed(30, {
        franchisees: [franchisee("F1", 1, "1100")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(20)])],
      }),
    );
    expect(plan.franchiseeAllocations.map((row) => [row.quantity, row.amount])).toEqual([
      [6, "600.00"],
    ]);
    // 14 outstanding, 24 free: the lock completes the line.
    expect(plan.locks.map((lock) => lock.quantity)).toEqual([14]);
    const funded = plan.trace.find((d) => d.pass === "funded");
    expect(funded).toMatchObject({ limitedBy: "funds", packSize: 6, beforePacks: 11 });
  });

  it("R-PACK: stores take whole packs unless the grant completes their need", () => {
    const plan = allocate(
      packed(10, {
        regions: [{ id: "shenzhen" }],
        stores: [
          { id: "S1", region: "shenzhen", class: "A", operation: "direct" },
          { id: "S2", region: "shenzhen", class: "B", operation: "direct" },
        ],
        storeNeeds: [
          { store: "S1", sku: "T100", safetyStock: 12, onHand: 0, inTransit: 0 },
          { store: "S2", sku: "T100", safetyStock: 3, onHand: 0, inTransit: 0 },
        ],
      }),
    );
    // S1 needs 12, 10 are free: 6 (one pack); S2 needs 3 and 4 are left: 3 completes it; 1 stays free.
    expect(plan.storeAllocations.map((row) => [row.store, row.quantity])).toEqual([
      ["S1", 6],
      ["S2", 3],
    ]);
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 1 }]);
    const s1 = plan.trace.find(
      (d) => d.pass === "direct" && d.kind === "store" && d.store === "S1",
    );
    expect(s1).toMatchObject({ packSize: 6, beforePacks: 10 });
  });

  it("R-PACK: packSize 1, given or not, is the product without it — the same plan and planId", () => {
    const input = (packSize?: number) =>
      wave({
        products: [{ sku: "T100", season: "SS", ...(packSize === undefined ? {} : { packSize }) }],
        supply: [{ sku: "T100", quantity: 10 }],
        franchisees: [franchisee("F1", 1, "1100")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(20)])],
      });
    expect(allocate(input(1))).toEqual(allocate(input()));
    expect(allocate(input(6)).planId).not.toBe(allocate(input()).planId);
  });
});

describe("R-PACK in explain", () => {
  it("R-PACK: money buys 5 at 100.00, whole packs of 4 take 4 — the sentence names both", () => {
    const plan = allocate(
      wave({
        products: [{ sku: "T100", season: "SS", packSize: 4 }],
        supply: [{ sku: "T100", quantity: 6 }],
        franchisees: [franchisee("F1", 1, "500")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(6)])],
        policy: { lockUnfunded: false },
      }),
    );
    expect(qty(plan, "SO-1")).toBe(4);
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "got 4 of 6: 500.00 spendable buys 5 at 100.00, cut to whole packs of 4 from the 5 allowed (R-ALLOC-FUNDED, R-ALLOC-PARTIAL, R-PACK)",
    );
  });
});

describe("R-PACK in lock conversion", () => {
  it("R-PACK: a carried lock of 10 in packs of 4, money for 7 — 4 convert, the other 6 stay locked", () => {
    const plan = allocate(
      wave({
        products: [{ sku: "T100", season: "SS", packSize: 4 }],
        supply: [],
        franchisees: [franchisee("F1", 1, "700")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(10)])],
        locks: [carriedLock("L1", "2026-02-20", "2026-03-07", { quantity: 10 })],
      }),
    );
    expect(plan.franchiseeAllocations.map((row) => [row.source, row.quantity])).toEqual([
      ["lock", 4],
    ]);
    expect(plan.locks.map((lock) => [lock.id, lock.quantity])).toEqual([["L1", 6]]);
    const conversion = plan.trace.find((d) => d.pass === "conversion");
    expect(conversion).toMatchObject({ quantity: 4, packSize: 4, beforePacks: 7 });
    expect(conversion?.rules).toContain("R-PACK");
  });
});
