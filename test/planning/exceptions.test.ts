/**
 * R-EXCEPT (src/planning/exceptions.ts): the planner's attention list from the
 * plan alone — a stable code, a severity and one sentence each, most urgent
 * first. Every figure below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { type AllocationInput, allocate, exceptions, InputError } from "../../src/index.js";

const line = (n: number, sku: string, quantity: number, unitPrice: string, more = {}) => ({
  line: n,
  sku,
  quantity,
  unitPrice,
  ...more,
});

/**
 * T100 10, T200 2, T300 4. F1 (150.00) wants 5 T100 at 100.00: buys 1, locks 4 (400.00 due).
 * F2 (100.00) ships SO-2 complete, 1 + 2 T100 at 50.00 = 150.00: held back in the
 * funded pass, locked whole (50.00 + 100.00 due). F3 (no money) wants 2 T300, barred
 * from locking until 2026-03-05 while the 4 stay free. SZ-1 needs 5 T200 and gets 2;
 * MA-1, in region mars that no season lists, needs 1 and gets none.
 */
const wave: AllocationInput = {
  asOf: "2026-03-01",
  products: ["T100", "T200", "T300"].map((sku) => ({ sku, season: "SS" as const })),
  supply: [
    { sku: "T100", quantity: 10 },
    { sku: "T200", quantity: 2 },
    { sku: "T300", quantity: 4 },
  ],
  franchisees: [
    { id: "F1", priority: 1, cash: "150" },
    { id: "F2", priority: 2, cash: "100" },
    { id: "F3", priority: 3, cash: "0" },
  ],
  orders: [
    { id: "SO-1", franchisee: "F1", orderedOn: "2026-02-01", lines: [line(1, "T100", 5, "100")] },
    {
      id: "SO-2",
      franchisee: "F2",
      orderedOn: "2026-02-01",
      shipComplete: true,
      lines: [line(1, "T100", 1, "50"), line(2, "T100", 2, "50")],
    },
    {
      id: "SO-3",
      franchisee: "F3",
      orderedOn: "2026-02-01",
      lines: [line(1, "T300", 2, "10", { lockBlockedUntil: "2026-03-05" })],
    },
  ],
  regions: [{ id: "shenzhen" }, { id: "mars" }],
  stores: [
    { id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" },
    { id: "MA-1", region: "mars", class: "A", operation: "direct" },
  ],
  storeNeeds: [
    { store: "SZ-1", sku: "T200", safetyStock: 5 },
    { store: "MA-1", sku: "T200", safetyStock: 1 },
  ],
};

describe("R-EXCEPT: exceptions", () => {
  it("R-EXCEPT: locks expiring within 15 days with the money due, a barred line while stock stays free, stores below safety stock, a region no season lists — most urgent first", () => {
    const list = exceptions(allocate(wave), { withinDays: 15 });
    expect(list.map((e) => [e.code, e.severity, e.order ?? e.store ?? e.region, e.amount])).toEqual(
      [
        ["LOCK_EXPIRING", "high", "SO-1", "400.00"],
        ["LOCK_EXPIRING", "high", "SO-2", "50.00"],
        ["LOCK_EXPIRING", "high", "SO-2", "100.00"],
        ["LOCK_BLOCKED_WITH_FREE_STOCK", "high", "SO-3", undefined],
        ["STORE_BELOW_SAFETY_STOCK", "medium", "MA-1", undefined],
        ["STORE_BELOW_SAFETY_STOCK", "medium", "SZ-1", undefined],
        ["REGION_NOT_IN_SEASON_ORDER", "low", "mars", undefined],
      ],
    );
    expect(list[0]?.sentence).toBe(
      "Lock LK-2026-03-01-SO-1-1 of 4 T100 for order SO-1 line 1 expires on 2026-03-16, in 15 days: 400.00 due from F1 (通知加盟商打款); unpaid, its stock goes back to be allocated again (R-LOCK-EXPIRE).",
    );
    expect(list[3]?.sentence).toBe(
      "Order SO-3 line 1 (F3, T300) may not be locked in this run (R-LOCK-EXPIRE) while 4 T300 stay free: 2 units wait for payment or the bar to lift.",
    );
    expect(list[5]).toMatchObject({ store: "SZ-1", region: "shenzhen", sku: "T200", quantity: 3 });
    // By default only locks expiring within 3 days: none of these.
    expect(exceptions(allocate(wave)).map((e) => e.code)).not.toContain("LOCK_EXPIRING");
  });

  it("R-EXCEPT: without the lock pass — a line short of money with what would complete it, a ship-complete order held back (once), a refused min-fill part", () => {
    const plan = allocate({ ...wave, policy: { lockUnfunded: false, minFill: 0.5 } });
    const list = exceptions(plan).filter((e) => e.order !== undefined);
    // SO-1: 150.00 buys 1 of 5, below the least 3 (minFill): refused, 5 left (min-fill).
    // SO-2: held back whole for money. SO-3: no money, 2 at 10.00 = 20.00 would complete it.
    expect(list.map((e) => [e.code, e.severity, e.order, e.quantity, e.amount])).toEqual([
      ["SHORT_OF_MONEY", "medium", "SO-3", 2, "20.00"],
      ["SHIP_COMPLETE_HELD", "medium", "SO-2", undefined, undefined],
      ["MIN_FILL_REFUSED", "low", "SO-1", 5, undefined],
    ]);
    expect(list[1]?.sentence).toBe(
      "Order SO-2 (F2) ships complete (整单发货) and could not be served whole: none of its lines took units.",
    );
    expect(list[0]?.sentence).toBe(
      "Order SO-3 line 1 (F3, T300) is 2 short for money (部分发货): 20.00 more would complete it.",
    );
  });

  it("R-EXCEPT: a plan read back from JSON gives the same list; bad options and non-plans are refused", () => {
    const plan = allocate(wave);
    expect(exceptions(JSON.parse(JSON.stringify(plan)), { withinDays: 15 })).toEqual(
      exceptions(plan, { withinDays: 15 }),
    );
    expect(() => exceptions(plan, { withinDays: -1 })).toThrow(InputError);
    expect(() => exceptions({} as never)).toThrow(InputError);
  });
});
