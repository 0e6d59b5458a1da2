/**
 * R-HOLD, input section `holdback` (src/allocation/holdback.ts, the passes and
 * src/schema/holdback.ts): units of a SKU are taken from free stock before the
 * franchisee passes and kept for the direct pass, one region's stores and
 * warehouse, or nobody; held units nobody used stay in `remaining`. Every
 * figure below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  allocate,
  carryForward,
  explain,
  parseAllocationInput,
  safeAllocate,
} from "../../src/index.js";
import { fastAllocationInput } from "../../src/schema/fastInput.js";
import { franchisee, order, store, t100, t100Wave, wave } from "../support/fixtures.js";
import { qty } from "../support/plans.js";

const regions = [{ id: "shenzhen" }, { id: "guangzhou" }];
const needs = (...rows: [string, number][]) =>
  rows.map(([id, safetyStock]) => ({ store: id, sku: "T100", safetyStock }));

describe("R-HOLD: units held back for one channel", () => {
  it("R-HOLD: 4 of 10 held for the direct pass — the funded line gets 6 (heldBack 4, unfilled holdback), the store gets the 4", () => {
    const plan = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "10000")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(10)])],
        regions,
        stores: [store("SZ-1", "shenzhen")],
        storeNeeds: needs(["SZ-1", 5]),
        holdback: [{ sku: "T100", quantity: 4, for: "direct" }],
      }),
    );
    expect(qty(plan, "SO-1")).toBe(6);
    const funded = plan.trace.find((d) => d.pass === "funded");
    expect(funded).toMatchObject({ quantity: 6, stock: 6, limitedBy: "stock", heldBack: 4 });
    expect(funded?.rules).toContain("R-HOLD");
    expect(plan.storeAllocations).toEqual([
      { store: "SZ-1", region: "shenzhen", sku: "T100", quantity: 4 },
    ]);
    const direct = plan.trace.find((d) => d.pass === "direct");
    expect(direct).toMatchObject({ quantity: 4, stock: 4, fromHeld: 4, limitedBy: "stock" });
    expect(direct).not.toHaveProperty("heldBack");
    expect(plan.unfilled).toEqual([
      {
        kind: "order-line",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 4,
        reason: "holdback",
      },
      {
        kind: "store",
        store: "SZ-1",
        region: "shenzhen",
        sku: "T100",
        quantity: 1,
        reason: "stock",
      },
    ]);
    expect(plan.remaining).toEqual([]);
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "got 6 of 10: only 6 in free stock, with 4 more held back for another channel (R-ALLOC-FUNDED, R-HOLD)",
    );
    expect(explain(plan, { kind: "store", store: "SZ-1", sku: "T100" }).sentence).toContain(
      "got 4 of 5: only 4 left in free stock and units held for it when its turn came, 4 of them from units held back for it (R-HOLD)",
    );
  });

  it("R-HOLD: a holdback larger than the supply — 8 held for nobody of 5: every unit is held, nobody gets one, all 5 remain (held 5)", () => {
    const plan = allocate(
      t100Wave(5, {
        franchisees: [franchisee("F1", 1, "10000")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(3)])],
        regions,
        stores: [store("SZ-1", "shenzhen")],
        storeNeeds: needs(["SZ-1", 2]),
        holdback: [{ sku: "T100", quantity: 8, for: "none" }],
      }),
    );
    expect(plan.franchiseeAllocations).toEqual([]);
    expect(plan.locks).toEqual([]);
    expect(plan.storeAllocations).toEqual([]);
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 5, held: 5 }]);
    expect(plan.unfilled.map((row) => [row.kind, row.quantity, row.reason])).toEqual([
      ["order-line", 3, "holdback"],
      ["store", 2, "holdback"],
    ]);
    const lock = plan.trace.find((d) => d.pass === "lock");
    expect(lock).toMatchObject({ quantity: 0, stock: 0, limitedBy: "stock", heldBack: 5 });
    const direct = plan.trace.find((d) => d.pass === "direct");
    expect(direct).toMatchObject({ quantity: 0, stock: 0, heldBack: 5 });
    expect(explain(plan, { kind: "store", store: "SZ-1", sku: "T100" }).sentence).toBe(
      "Store SZ-1 (shenzhen, class A) for T100: direct pass after every franchisee — region #1 in the SS order, store #1 in its region, claim #1 on this SKU, got 0 of 2: free stock was used up before its turn, with 5 more held back for another channel (R-HOLD) (R-ALLOC-SEASONAL). Unfilled: 2 (holdback).",
    );
  });

  it("R-HOLD: 6 of 10 held for guangzhou — shenzhen, first in the SS order, reaches only the 4 free (heldBack 6); guangzhou's store gets the 6", () => {
    const plan = allocate(
      t100Wave(10, {
        regions,
        stores: [store("SZ-1", "shenzhen"), store("GZ-1", "guangzhou")],
        storeNeeds: needs(["SZ-1", 8], ["GZ-1", 8]),
        holdback: [{ sku: "T100", quantity: 6, for: { region: "guangzhou" } }],
      }),
    );
    expect(plan.storeAllocations.map((row) => [row.store, row.quantity])).toEqual([
      ["GZ-1", 6],
      ["SZ-1", 4],
    ]);
    const [sz, gz] = plan.trace.filter((d) => d.pass === "direct");
    expect(sz).toMatchObject({ store: "SZ-1", stock: 4, quantity: 4, heldBack: 6 });
    expect(gz).toMatchObject({ store: "GZ-1", stock: 6, quantity: 6, fromHeld: 6 });
    expect(gz).not.toHaveProperty("heldBack");
    expect(plan.unfilled.map((row) => [row.kind === "store" && row.store, row.reason])).toEqual([
      ["GZ-1", "stock"],
      ["SZ-1", "holdback"],
    ]);
  });

  it("R-HOLD: a claim draws the units held for its region before free stock — AW serves guangzhou first, and its 4 held leave the 6 free to shenzhen", () => {
    const plan = allocate(
      wave({
        products: [{ sku: "T100", season: "AW" }],
        supply: [{ sku: "T100", quantity: 10 }],
        regions,
        stores: [store("SZ-1", "shenzhen"), store("GZ-1", "guangzhou")],
        storeNeeds: needs(["SZ-1", 6], ["GZ-1", 4]),
        holdback: [{ sku: "T100", quantity: 4, for: { region: "guangzhou" } }],
      }),
    );
    expect(plan.storeAllocations.map((row) => [row.store, row.quantity])).toEqual([
      ["GZ-1", 4],
      ["SZ-1", 6],
    ]);
    expect(plan.unfilled).toEqual([]);
    const [gz, sz] = plan.trace.filter((d) => d.pass === "direct");
    expect(gz).toMatchObject({ store: "GZ-1", stock: 10, fromHeld: 4 });
    expect(sz).toMatchObject({ store: "SZ-1", stock: 6 });
    expect(sz).not.toHaveProperty("fromHeld");
  });

  it("R-HOLD: rows of one SKU that free stock cannot all hold take it in order — none, then regions by id, then direct: 6 free hold 4 + 2 + 0", () => {
    const plan = allocate(
      t100Wave(6, {
        regions,
        stores: [store("SZ-1", "shenzhen"), store("GZ-1", "guangzhou")],
        storeNeeds: needs(["SZ-1", 9], ["GZ-1", 9]),
        holdback: [
          { sku: "T100", quantity: 4, for: "direct" },
          { sku: "T100", quantity: 4, for: { region: "guangzhou" } },
          { sku: "T100", quantity: 4, for: "none" },
        ],
      }),
    );
    // SZ-1 reaches no pool (heldBack: 4 none + 2 guangzhou); GZ-1 its 2.
    expect(plan.storeAllocations.map((row) => [row.store, row.quantity])).toEqual([["GZ-1", 2]]);
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 4, held: 4 }]);
    const [sz, gz] = plan.trace.filter((d) => d.pass === "direct");
    expect(sz).toMatchObject({ stock: 0, quantity: 0, heldBack: 6 });
    expect(gz).toMatchObject({ stock: 2, quantity: 2, fromHeld: 2, heldBack: 4 });
  });

  it("R-HOLD: the lock pass cannot lock held units either — an unfunded line locks 6 of 10 and names the 4 held", () => {
    const plan = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "0")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(10)])],
        holdback: [{ sku: "T100", quantity: 4, for: "direct" }],
      }),
    );
    expect(plan.locks.map((lock) => lock.quantity)).toEqual([6]);
    expect(plan.trace.find((d) => d.pass === "lock")).toMatchObject({
      quantity: 6,
      limitedBy: "stock",
      heldBack: 4,
    });
    // Nobody in the direct pass: the 4 held remain.
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 4, held: 4 }]);
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "locked 6 of 10 (only 6 in free stock, with 4 more held back for another channel) as LK-2026-03-01-SO-1-1 until 2026-03-16 (R-LOCK-PLACE, R-HOLD)",
    );
  });

  it("R-HOLD: without a holdback nothing changes; with one the planId changes, and carryForward keeps it", () => {
    const base = t100Wave(10, {
      franchisees: [franchisee("F1", 1, "10000")],
      orders: [order("SO-1", "F1", "2026-02-01", [t100(10)])],
    });
    const held: AllocationInput = {
      ...base,
      holdback: [{ sku: "T100", quantity: 4, for: "none" }],
    };
    expect(allocate({ ...base, holdback: [] })).toEqual(allocate(base));
    const plan = allocate(held);
    expect(plan.planId).not.toBe(allocate(base).planId);
    const next = carryForward(held, plan, { asOf: "2026-03-02" });
    expect(next.holdback).toEqual([{ sku: "T100", quantity: 4, for: "none" }]);
    expect(next.supply).toEqual([{ sku: "T100", quantity: 4 }]);
  });

  it("R-HOLD: bad rows are refused all at once, each at its path, by both parsers", () => {
    const input = t100Wave(10, {
      regions,
      holdback: [
        { sku: "T999", quantity: 1, for: "direct" },
        { sku: "T100", quantity: 0, for: "none" },
        { sku: "T100", quantity: 2, for: { region: "beijing" } },
        { sku: "T100", quantity: 2, for: "stores" as "direct" },
        { sku: "T100", quantity: 1, for: { region: "guangzhou" } },
        { sku: "T100", quantity: 3, for: { region: "guangzhou" } },
      ],
    });
    expect(fastAllocationInput(input)).toBeUndefined();
    const result = safeAllocate(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["holdback.1.quantity", "a holdback holds at least one unit"],
      ["holdback.3.for", 'must be "direct", "none" or { "region": id }'],
      ["holdback.0.sku", 'unknown product "T999": not in products'],
      ["holdback.2.for.region", 'unknown region "beijing": not in regions'],
      ["holdback.5.for", 'holdback[4] already holds "T100" for region:guangzhou'],
    ]);
    const sound = t100Wave(10, { holdback: [{ sku: "T100", quantity: 1, for: "direct" }] });
    const parsed = parseAllocationInput(sound);
    expect(parsed.ok && parsed.value.holdback).toEqual([
      { sku: "T100", quantity: 1, for: "direct" },
    ]);
    expect(fastAllocationInput(sound)?.holdback).toEqual([
      { sku: "T100", quantity: 1, for: "direct" },
    ]);
  });

  it("R-HOLD: two regions' rows free stock cannot both hold take it by region id — guangzhou's 4 first, shenzhen's 1", () => {
    const plan = allocate(
      t100Wave(5, {
        regions,
        stores: [store("SZ-1", "shenzhen"), store("GZ-1", "guangzhou")],
        storeNeeds: needs(["SZ-1", 9], ["GZ-1", 9]),
        holdback: [
          { sku: "T100", quantity: 4, for: { region: "shenzhen" } },
          { sku: "T100", quantity: 4, for: { region: "guangzhou" } },
        ],
      }),
    );
    expect(plan.storeAllocations.map((row) => [row.store, row.quantity])).toEqual([
      ["GZ-1", 4],
      ["SZ-1", 1],
    ]);
  });

  it("R-HOLD: a claim draws its region's held units, then the direct pass's, then free stock — 6 of 3 + 4 held leave 1 held and 3 free", () => {
    const plan = allocate(
      t100Wave(10, {
        regions,
        stores: [store("SZ-1", "shenzhen")],
        storeNeeds: needs(["SZ-1", 6]),
        holdback: [
          { sku: "T100", quantity: 3, for: { region: "shenzhen" } },
          { sku: "T100", quantity: 4, for: "direct" },
        ],
      }),
    );
    expect(plan.trace.find((d) => d.pass === "direct")).toMatchObject({
      stock: 10,
      quantity: 6,
      fromHeld: 6,
    });
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 4, held: 1 }]);
  });

  it("R-HOLD: named too when stock held back a ship-complete order or a min-fill part — and when the stock was shared", () => {
    const whole = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "10000")],
        orders: [{ ...order("SO-1", "F1", "2026-02-01", [t100(8)]), shipComplete: true }],
        holdback: [{ sku: "T100", quantity: 4, for: "none" }],
      }),
    );
    // 6 free for 8: the order is held back for stock, with 4 held beside it.
    const funded = whole.trace.find((d) => d.pass === "funded");
    expect(funded).toMatchObject({ limitedBy: "ship-complete", heldBack: 4 });
    expect(funded?.rules).toEqual(expect.arrayContaining(["R-COMPLETE", "R-HOLD"]));
    expect(explain(whole, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "line 1 could not be served in full from the free stock left, with 4 more held back for another channel",
    );
    const part = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "10000")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(10)])],
        holdback: [{ sku: "T100", quantity: 6, for: "none" }],
        policy: { minFill: 0.5 },
      }),
    );
    expect(part.trace.find((d) => d.pass === "funded")).toMatchObject({
      limitedBy: "min-fill",
      offered: 4,
      heldBack: 6,
    });
    const shared = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 1, "10000")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(9)]),
          order("SO-2", "F2", "2026-02-01", [t100(6)]),
        ],
        holdback: [{ sku: "T100", quantity: 3, for: "none" }],
        policy: { share: "proportional" },
      }),
    );
    expect(explain(shared, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "with 3 more held back for another channel",
    );
  });
});
