/** Lock conversion (src/allocation/conversion.ts): R-LOCK-CONVERT, and R-ALLOC-PARTIAL for locks. */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { carriedLock, franchisee, order, t100, t100Wave, wave } from "../support/fixtures.js";

describe("R-LOCK-CONVERT: a paid lock becomes an allocation", () => {
  const lock = (id: string, quantity: number, lockedOn: string) =>
    carriedLock(id, lockedOn, "2026-03-10", { quantity });

  it("converts what the franchisee can pay, oldest lock first, and keeps the rest locked", () => {
    const plan = allocate(
      t100Wave(0, {
        franchisees: [franchisee("F1", 1, "300")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(9)])],
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
        franchisees: [franchisee("F1", 1, "500")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [
            t100(5),
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
      t100Wave(4, {
        franchisees: [franchisee("F1", 1, "1000")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(9)])],
        locks: [lock("L1", 3, "2026-02-20")],
      }),
    );
    expect(plan.franchiseeAllocations.map((r) => [r.source, r.quantity, r.amount])).toEqual([
      ["lock", 3, "300.00"],
      ["funded", 4, "400.00"],
    ]);
  });

  it('R-ALLOC-PARTIAL: a lock converted short under "stop" stops the funded pass for that franchisee too', () => {
    const plan = allocate(
      wave({
        policy: { afterShortfall: "stop" },
        products: [
          { sku: "A", season: "SS", launchRank: 1 },
          { sku: "B", season: "SS", launchRank: 2 },
        ],
        supply: [{ sku: "B", quantity: 3 }],
        franchisees: [franchisee("F", 1, "150")],
        orders: [
          order("SO", "F", "2026-02-01", [
            { sku: "A", quantity: 2, unitPrice: "100" },
            { sku: "B", quantity: 3, unitPrice: "10" },
          ]),
        ],
        locks: [
          carriedLock("L1", "2026-02-25", "2026-03-12", {
            order: "SO",
            franchisee: "F",
            sku: "A",
            quantity: 2,
          }),
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
});
