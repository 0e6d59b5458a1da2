/** The lock pass (src/allocation/lockPass.ts): R-LOCK-PLACE, and the relock bar of R-LOCK-EXPIRE. */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { franchisee, order, products, store, t100, t100Wave, wave } from "../support/fixtures.js";
import { qty } from "../support/plans.js";

describe("R-LOCK-PLACE: stock left after the funded pass is locked for 15 days", () => {
  it("locks for unfunded franchisees by priority and asks them to pay", () => {
    const plan = allocate(
      t100Wave(8, {
        franchisees: [franchisee("F1", 2, "0"), franchisee("F2", 1, "0")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(5)]),
          order("SO-2", "F2", "2026-02-09", [t100(5)]),
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
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "200")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(6)])],
        policy: { lockDays: 10 },
      }),
    );
    expect(qty(plan, "SO-1")).toBe(2);
    expect(plan.locks).toMatchObject([{ quantity: 4, expiresOn: "2026-03-11" }]);
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 4 }]);
  });

  it("locks nothing when lockUnfunded is false, and the stock goes to stores", () => {
    const plan = allocate(
      t100Wave(4, {
        franchisees: [franchisee("F1", 1, "0")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(3)])],
        regions: [{ id: "shenzhen" }],
        stores: [store("SZ-1", "shenzhen")],
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
    const input = t100Wave(5, {
      asOf: "2026-03-15",
      franchisees: [franchisee("F1", 1, "0")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(3, "100", { lockBlockedUntil: "2026-03-16" })]),
      ],
    });
    const blocked = allocate(input);
    expect(blocked.locks).toEqual([]);
    expect(blocked.unfilled).toMatchObject([{ quantity: 3, reason: "lock-blocked" }]);
    const open = allocate({ ...input, asOf: "2026-03-16" });
    expect(open.locks).toMatchObject([{ quantity: 3, expiresOn: "2026-03-31" }]);
  });

  it("keeps funds as the reason when money held a line back and the lock pass then found no stock", () => {
    const plan = allocate(
      wave({
        products: products("SS", "A"),
        supply: [{ sku: "A", quantity: 10 }],
        franchisees: [franchisee("F1", 1, "400"), franchisee("F2", 2, "10000")],
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
});
