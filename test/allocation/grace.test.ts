/**
 * The payment grace (src/allocation/expiry.ts, conversion.ts): R-LOCK-GRACE,
 * with R-LOCK-EXPIRE and R-LOCK-CONVERT, on hand-computed waves.
 *
 * L1 holds 5 × T100 (100.00 each) for F01's SO-1 line 1: placed 2026-03-01,
 * it expires on 2026-03-16 (its last active day is 03-15). F02 (priority 2,
 * 1000.00) wants 2 on SO-2; store SZ-1 needs 10. No free supply: every unit a
 * run hands out comes from L1.
 */
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  allocate,
  allocationDemand,
  applyPlan,
  explain,
  lockPhase,
  type SalesOrder,
} from "../../src/index.js";
import { carriedLock, franchisee, order, store, t100, t100Wave } from "../support/fixtures.js";
import { planner as actor, approvedT100Order } from "../support/lifecycle.js";
import { qty } from "../support/plans.js";

const input = (asOf: string, cash: string, policy: AllocationInput["policy"] = {}) =>
  t100Wave(0, {
    asOf,
    policy,
    franchisees: [franchisee("F01", 1, cash), franchisee("F02", 2, "1000")],
    orders: [
      order("SO-1", "F01", "2026-02-20", [t100(5)]),
      order("SO-2", "F02", "2026-03-02", [t100(2)]),
    ],
    locks: [carriedLock("L1", "2026-03-01", "2026-03-16", { franchisee: "F01", quantity: 5 })],
    regions: [{ id: "shenzhen" }],
    stores: [store("SZ-1", "shenzhen")],
    storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 10 }],
  });

const L1_RELEASED = {
  id: "L1",
  order: "SO-1",
  line: 1,
  franchisee: "F01",
  sku: "T100",
  expiresOn: "2026-03-16",
  lockBlockedUntil: "2026-03-31", // 03-16 + relockCooldownDays 15
};

describe("R-LOCK-GRACE: a payment that shows on the expiry day still converts the lock", () => {
  it("R-LOCK-GRACE: on 03-16 with money for all 5, the lock converts in full (source lock); nothing is released or carried", () => {
    const plan = allocate(input("2026-03-16", "500"));
    expect(plan.franchiseeAllocations).toEqual([
      {
        order: "SO-1",
        line: 1,
        franchisee: "F01",
        sku: "T100",
        quantity: 5,
        unitPrice: "100.00",
        amount: "500.00",
        cash: "500.00",
        credit: "0.00",
        source: "lock",
      },
    ]);
    expect(plan.releasedLocks).toEqual([]);
    expect(plan.locks).toEqual([]);
    expect(plan.storeAllocations).toEqual([]);
    expect(plan.trace[0]).toMatchObject({
      pass: "conversion",
      lock: "L1",
      quantity: 5,
      demand: 5,
      limitedBy: "none",
      paymentGraceDays: 1,
      rules: ["R-LOCK-CONVERT", "R-RANK-LINE", "R-RANK-PRODUCT", "R-LOCK-GRACE"],
    });
    expect(plan.trace.some((d) => d.pass === "expiry")).toBe(false);
  });

  it("R-LOCK-GRACE: on 03-16 with money for 2, 2 convert and 3 are released before the funded pass: F02 takes 2, the store 1, the line is not locked again", () => {
    const plan = allocate(input("2026-03-16", "200"));
    expect(plan.franchiseeAllocations.map((r) => [r.order, r.quantity, r.source])).toEqual([
      ["SO-1", 2, "lock"],
      ["SO-2", 2, "funded"],
    ]);
    expect(plan.releasedLocks).toEqual([{ ...L1_RELEASED, quantity: 3, convertedInGrace: 2 }]);
    // Never carried past the run, and no new lock on its line.
    expect(plan.locks).toEqual([]);
    expect(plan.paymentRequests).toEqual([]);
    expect(plan.storeAllocations).toEqual([
      { store: "SZ-1", region: "shenzhen", sku: "T100", quantity: 1 },
    ]);
    expect(plan.unfilled).toContainEqual({
      kind: "order-line",
      order: "SO-1",
      line: 1,
      franchisee: "F01",
      sku: "T100",
      quantity: 3,
      reason: "lock-blocked",
    });
    expect(plan.remaining).toEqual([]);
    // R-INV-CONSERVE: converted 2 + still locked 0 + released 3 = 5.
    expect(plan.trace.map((d) => [d.pass, d.kind === "order-line" ? d.order : d.kind])).toEqual([
      ["conversion", "SO-1"],
      ["expiry", "SO-1"],
      ["funded", "SO-2"],
      ["funded", "SO-1"],
      ["lock", "SO-1"],
      ["direct", "store"],
    ]);
    expect(plan.trace[1]).toEqual({
      pass: "expiry",
      kind: "order-line",
      order: "SO-1",
      line: 1,
      franchisee: "F01",
      sku: "T100",
      rules: ["R-LOCK-GRACE", "R-LOCK-EXPIRE"],
      quantity: 3,
      lock: "L1",
      expiresOn: "2026-03-16",
      lockBlockedUntil: "2026-03-31",
      paymentGraceDays: 1,
      convertedInGrace: 2,
    });
    expect(plan.trace[4]).toMatchObject({ pass: "lock", blockedUntil: "2026-03-31", quantity: 0 });
    expect(plan.balances.find((b) => b.franchisee === "F01")).toMatchObject({
      cashCommitted: "200.00",
      cashAfter: "0.00",
    });
  });

  it("R-LOCK-GRACE: explain tells the grace in a sentence", () => {
    const plan = allocate(input("2026-03-16", "200"));
    const why = explain(plan, { kind: "order-line", order: "SO-1", line: 1 });
    expect(why).toMatchObject({ allocated: 2, locked: 0, released: 3 });
    expect(why.rules.slice(0, 6)).toEqual([
      "R-LOCK-CONVERT",
      "R-RANK-LINE",
      "R-RANK-PRODUCT",
      "R-ALLOC-PARTIAL",
      "R-LOCK-GRACE",
      "R-LOCK-EXPIRE",
    ]);
    expect(why.sentence).toBe(
      "Order SO-1 line 1 (franchisee F01, T100): lock L1, past its expiry date but in its 1-day payment grace (R-LOCK-GRACE), offered first (R-LOCK-CONVERT) — converted 2 of 5: 200.00 spendable buys 2 at 100.00; lock L1 reached its expiry on 2026-03-16; in its 1-day payment grace F01 could pay for 2 of 5 unit(s); the other 3 went back to free stock; the line may not be locked again before 2026-03-31 (R-LOCK-GRACE, R-LOCK-EXPIRE); funded pass — franchisee #2 (priority 1, unfunded), line #1, got 0 of 3: no money left (spendable 0.00) (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #1, line #1: 3 unit(s) not locked — the line may not be locked before 2026-03-31 (R-LOCK-EXPIRE). Unfilled: 3 (lock-blocked).",
    );
  });

  it("R-LOCK-GRACE: with paymentGraceDays 0 the lock is released on 03-16 before conversion (edition 1): F01's 200.00 buys 2 of the 5 in the funded pass", () => {
    const plan = allocate(input("2026-03-16", "200", { paymentGraceDays: 0 }));
    expect(plan.trace.some((d) => d.pass === "conversion")).toBe(false);
    expect(plan.trace[0]).toMatchObject({ pass: "expiry", lock: "L1", quantity: 5 });
    expect(plan.releasedLocks).toEqual([{ ...L1_RELEASED, quantity: 5 }]);
    expect(plan.franchiseeAllocations.map((r) => [r.order, r.quantity, r.source])).toEqual([
      ["SO-1", 2, "funded"],
      ["SO-2", 2, "funded"],
    ]);
    expect(plan.locks).toEqual([]);
    expect(plan.storeAllocations.map((r) => r.quantity)).toEqual([1]);
  });

  it("R-LOCK-GRACE: on 03-17 (expiresOn + 1) the grace is over: released first, as with grace 0 on 03-16", () => {
    const plan = allocate(input("2026-03-17", "200"));
    const edition1 = allocate(input("2026-03-16", "200", { paymentGraceDays: 0 }));
    expect(plan.releasedLocks).toEqual(edition1.releasedLocks);
    expect(plan.franchiseeAllocations).toEqual(edition1.franchiseeAllocations);
    expect(plan.trace[0]).toMatchObject({ pass: "expiry", rules: ["R-LOCK-EXPIRE"] });
    expect(plan.trace.some((d) => d.pass === "conversion")).toBe(false);
  });

  it("R-LOCK-GRACE: with paymentGraceDays 2 the lock is still expiring on 03-17, and released whole on 03-18", () => {
    const day2 = allocate(input("2026-03-17", "200", { paymentGraceDays: 2 }));
    expect(qty(day2, "SO-1")).toBe(2);
    expect(day2.franchiseeAllocations[0]?.source).toBe("lock");
    expect(day2.releasedLocks).toEqual([{ ...L1_RELEASED, quantity: 3, convertedInGrace: 2 }]);
    expect(day2.trace[0]).toMatchObject({ pass: "conversion", paymentGraceDays: 2 });
    expect(day2.locks).toEqual([]);
    const day3 = allocate(input("2026-03-18", "200", { paymentGraceDays: 2 }));
    expect(day3.releasedLocks).toEqual([{ ...L1_RELEASED, quantity: 5 }]);
    expect(day3.franchiseeAllocations[0]?.source).toBe("funded");
  });

  it("R-LOCK-GRACE: an expiring lock is never in plan.locks, whatever the money; an active one is carried", () => {
    for (const cash of ["0", "100", "450", "500", "900"]) {
      expect(allocate(input("2026-03-16", cash)).locks).toEqual([]);
    }
    expect(allocate(input("2026-03-15", "100")).locks).toMatchObject([
      { id: "L1", quantity: 4, isNew: false },
    ]);
  });

  it("R-LOCK-GRACE: with no money an expiring lock converts nothing and is released whole, marked as in its grace", () => {
    const plan = allocate(input("2026-03-16", "0"));
    expect(plan.releasedLocks).toEqual([{ ...L1_RELEASED, quantity: 5, convertedInGrace: 0 }]);
    expect(plan.franchiseeAllocations.map((r) => [r.order, r.quantity])).toEqual([["SO-2", 2]]);
  });

  it("R-LOCK-GRACE: several locks of a line go oldest first; the expiring one, oldest, converts before the active one", () => {
    const plan = allocate({
      ...input("2026-03-16", "300"),
      orders: [order("SO-1", "F01", "2026-02-20", [t100(7)])],
      locks: [
        carriedLock("L1", "2026-03-01", "2026-03-16", { franchisee: "F01", quantity: 5 }),
        carriedLock("L2", "2026-03-05", "2026-03-20", { franchisee: "F01", quantity: 2 }),
      ],
    });
    expect(
      plan.trace.flatMap((d) => (d.pass === "conversion" ? [[d.lock, d.quantity]] : [])),
    ).toEqual([
      ["L1", 3],
      ["L2", 0],
    ]);
    expect(plan.releasedLocks).toEqual([{ ...L1_RELEASED, quantity: 2, convertedInGrace: 3 }]);
    expect(plan.locks).toMatchObject([{ id: "L2", quantity: 2, isNew: false }]);
  });

  it("R-LOCK-GRACE: lockPhase reads the three phases", () => {
    const lock = { expiresOn: "2026-03-16" };
    expect(lockPhase(lock, "2026-03-15", 1)).toBe("active");
    expect(lockPhase(lock, "2026-03-16", 1)).toBe("expiring");
    expect(lockPhase(lock, "2026-03-17", 1)).toBe("expired");
    expect(lockPhase(lock, "2026-03-17", 2)).toBe("expiring");
    expect(lockPhase(lock, "2026-03-16", 0)).toBe("expired");
    // No date past 9999-12-31 is computed.
    expect(lockPhase({ expiresOn: "9999-12-31" }, "9999-12-31", 3660)).toBe("expiring");
  });
});

describe("R-LOCK-GRACE through applyPlan: conversion first, then the rest released", () => {
  it("R-LOCK-GRACE: a lock converted in part in its grace leaves the line with the converted units allocated and the rest open, barred", () => {
    const wave = (asOf: string, cash: string, orders: readonly SalesOrder[]) =>
      allocate({
        asOf,
        products: [{ sku: "T100", season: "SS" }],
        supply: [{ sku: "T100", quantity: asOf === "2026-03-01" ? 5 : 0 }],
        franchisees: [{ id: "F1", priority: 1, cash }],
        ...allocationDemand(orders),
      });
    const applied = (orders: readonly SalesOrder[], asOf: string, cash: string) => {
      const result = applyPlan(orders, wave(asOf, cash, orders), actor);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.orders as SalesOrder[];
    };
    // 03-01: no money, 5 in stock: the line locks 5 until 03-16 (T100 at 10.00).
    const day1 = applied([approvedT100Order("SO-A", [5])], "2026-03-01", "0");
    expect(day1[0]?.lines[0]?.buckets.locked).toBe(5);
    // 03-16: 20.00 shows in finance's balances: 2 convert, 3 go back to open.
    const day2 = applied(day1, "2026-03-16", "20");
    const line = day2[0]?.lines[0];
    expect(line?.buckets).toMatchObject({ open: 3, locked: 0, allocated: 2 });
    expect(line?.locks).toEqual([]);
    expect(line?.lockBlockedUntil).toBe("2026-03-31");
    expect(line?.paid).toEqual({ cash: "20", credit: "0" });
  });
});
