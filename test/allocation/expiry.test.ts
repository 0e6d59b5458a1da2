/** Lock expiry (src/allocation/expiry.ts): R-LOCK-EXPIRE. */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import {
  carriedLock,
  franchisee,
  order,
  products,
  store,
  t100,
  t100Wave,
  wave,
} from "../support/fixtures.js";
import { qty } from "../support/plans.js";

describe("R-LOCK-EXPIRE: a lock lasts 15 days, then its stock is allocated again", () => {
  const input = (asOf: string) =>
    t100Wave(0, {
      asOf,
      franchisees: [franchisee("F1", 1, "0"), franchisee("F2", 2, "1000")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(4)]),
        order("SO-2", "F2", "2026-02-03", [t100(3)]),
      ],
      locks: [carriedLock("L1", "2026-02-14", "2026-03-01", { quantity: 4 })],
      regions: [{ id: "shenzhen" }],
      stores: [store("SZ-1", "shenzhen")],
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

  it("with paymentGraceDays 0, releases it on its expiry day into free stock, re-allocated in the same run, and bars relocking", () => {
    const plan = allocate({ ...input("2026-03-01"), policy: { paymentGraceDays: 0 } });
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

  it("R-LOCK-GRACE: by default offers it for conversion on its expiry day, then releases what F1 (no money) cannot pay for, exactly so", () => {
    const grace = allocate(input("2026-03-01"));
    const edition1 = allocate({ ...input("2026-03-01"), policy: { paymentGraceDays: 0 } });
    expect(grace.releasedLocks).toEqual([{ ...edition1.releasedLocks[0], convertedInGrace: 0 }]);
    // The planId digests the policy (R-RUN-3), so it differs too.
    const { trace: _trace, releasedLocks: _released, planId: _id, ...rest } = grace;
    const { trace: _trace1, releasedLocks: _released1, planId: _id1, ...rest1 } = edition1;
    expect(rest).toEqual(rest1);
    expect(grace.trace.map((d) => d.pass).slice(0, 2)).toEqual(["conversion", "expiry"]);
  });

  it("releases it whole before anything on the day after its expiry day (grace over)", () => {
    const plan = allocate(input("2026-03-02"));
    expect(plan.releasedLocks).toMatchObject([{ id: "L1", quantity: 4 }]);
    expect("convertedInGrace" in (plan.releasedLocks[0] ?? {})).toBe(false);
    expect(plan.trace[0]).toMatchObject({ pass: "expiry", rules: ["R-LOCK-EXPIRE"], lock: "L1" });
    expect(plan.trace.some((d) => d.pass === "conversion")).toBe(false);
  });

  it("takes the cool-down from policy relockCooldownDays", () => {
    const plan = allocate({ ...input("2026-03-05"), policy: { relockCooldownDays: 3 } });
    expect(plan.releasedLocks[0]?.lockBlockedUntil).toBe("2026-03-04");
    // Released in this run, so not locked again in this run even though the date has passed.
    expect(plan.locks.filter((l) => l.order === "SO-1")).toEqual([]);
  });

  it("gives every released lock of a line the line's latest bar, its stored one included", () => {
    const lock = (id: string, expiresOn: string) =>
      carriedLock(id, "2026-02-20", expiresOn, { order: "SO", franchisee: "F", sku: "A" });
    const input = wave({
      asOf: "2026-03-07",
      products: products("SS", "A"),
      franchisees: [franchisee("F", 1, "0")],
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
});

describe("R-LOCK-EXPIRE: several expired locks", () => {
  // asOf 03-01, cool-down 15 days. SO-1/1 holds L-A (placed 02-01, expires 02-20)
  // and L-B (placed 02-02, expires 02-25); SO-0/1 holds L-C (placed 02-03,
  // expires 02-28). All three are released.
  const planOf = () =>
    allocate(
      wave({
        products: products("SS", "T100"),
        franchisees: [franchisee("F1", 1, "0")],
        orders: [
          order("SO-0", "F1", "2026-02-01", [t100(1, "10")]),
          order("SO-1", "F1", "2026-02-01", [t100(2, "10")]),
        ],
        locks: [
          carriedLock("L-B", "2026-02-02", "2026-02-25"),
          carriedLock("L-A", "2026-02-01", "2026-02-20"),
          carriedLock("L-C", "2026-02-03", "2026-02-28", { order: "SO-0" }),
        ],
      }),
    );

  it("bars a line until the latest of its released locks' bars, even when the older lock expired first", () => {
    // L-A: 02-20 + 15 = 03-07; L-B, released after it: 02-25 + 15 = 03-12; L-C: 03-15.
    expect(planOf().releasedLocks.map((l) => [l.order, l.id, l.lockBlockedUntil])).toEqual([
      ["SO-0", "L-C", "2026-03-15"],
      ["SO-1", "L-A", "2026-03-12"],
      ["SO-1", "L-B", "2026-03-12"],
    ]);
  });

  it("releases carried locks oldest first, whatever their orders", () => {
    expect(planOf().trace.flatMap((d) => (d.pass === "expiry" ? [d.lock] : []))).toEqual([
      "L-A",
      "L-B",
      "L-C",
    ]);
  });
});
