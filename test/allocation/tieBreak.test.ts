/**
 * R-PRIO-FACTORS, policy `franchiseeTieBreak` (src/ranking/franchisees.ts,
 * src/allocation/funded.ts): the keys that order funded franchisees of equal
 * priority. Every figure below is worked out by hand.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { allocate, explain, safeAllocate } from "../../src/index.js";
import { franchisee, order, products, t100, t100Wave, wave } from "../support/fixtures.js";
import { qty } from "../support/plans.js";

/**
 * F1 and F2, both priority 1. F1 has 100.00 and ordered 10 T100 at 10.00 plus
 * 20 T200 at 10.00 (30 units worth 300.00); F2 has 1000.00 and ordered 10 T100
 * at 40.00 (10 units worth 400.00). 10 T100 in stock, no T200.
 */
const level = wave({
  products: products("SS", "T100", "T200"),
  supply: [{ sku: "T100", quantity: 10 }],
  franchisees: [franchisee("F1", 1, "100"), franchisee("F2", 1, "1000")],
  orders: [
    order("SO-1", "F1", "2026-02-01", [
      t100(10, "10"),
      { sku: "T200", quantity: 20, unitPrice: "10" },
    ]),
    order("SO-2", "F2", "2026-02-01", [t100(10, "40")]),
  ],
});

describe("R-PRIO-FACTORS: franchiseeTieBreak orders franchisees of equal priority", () => {
  it("by default the richer of two equal-priority franchisees goes first (spendable, then id)", () => {
    const plan = allocate(level);
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([0, 10]);
  });

  it('["orderedUnits"]: F1 ordered 30 units to F2\'s 10, so F1 goes first and takes the 10', () => {
    const plan = allocate({ ...level, policy: { franchiseeTieBreak: ["orderedUnits"] } });
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([10, 0]);
  });

  it('["orderedValue"]: F2 ordered 400.00 to F1\'s 300.00, so F2 goes first', () => {
    const plan = allocate({ ...level, policy: { franchiseeTieBreak: ["orderedValue", "id"] } });
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([0, 10]);
  });

  it("counts every line's ordered quantity, allocated or not, and its value at its own price", () => {
    // F1's SO-1 line 1 is half allocated already: it still ordered 30 units worth 300.00.
    const input = {
      ...level,
      orders: [
        order("SO-1", "F1", "2026-02-01", [
          t100(10, "10", { allocated: 5 }),
          { sku: "T200", quantity: 20, unitPrice: "10" },
        ]),
        order("SO-2", "F2", "2026-02-01", [t100(10, "40")]),
      ],
      policy: { franchiseeTieBreak: ["orderedUnits"] as const },
    };
    const first = allocate(input).trace.find((decision) => decision.pass === "funded");
    expect(first).toMatchObject({ franchisee: "F1", orderedUnits: 30, orderedValue: "300.00" });
  });

  it("the id always ends the order: equal units ordered put F1 before the richer F2", () => {
    const plan = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F2", 1, "1000"), franchisee("F1", 1, "100")],
        orders: [
          order("SO-2", "F2", "2026-02-01", [t100(10, "10")]),
          order("SO-1", "F1", "2026-02-01", [t100(10, "10")]),
        ],
        policy: { franchiseeTieBreak: ["orderedUnits"] },
      }),
    );
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([10, 0]);
  });

  it("breaks ties only: a higher priority still goes first whatever it ordered", () => {
    const plan = allocate({
      ...level,
      franchisees: [franchisee("F1", 2, "100"), franchisee("F2", 1, "1000")],
      policy: { franchiseeTieBreak: ["orderedUnits"] },
    });
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([0, 10]);
  });

  it('under "funds" ranking it orders equal spendable and equal priority', () => {
    // Both have 500.00 and priority 1: spendable and priority tie, F1's 30 units beat F2's 10.
    const plan = allocate({
      ...level,
      franchisees: [franchisee("F1", 1, "500"), franchisee("F2", 1, "500")],
      policy: { franchiseeRanking: "funds", franchiseeTieBreak: ["spendable", "orderedUnits"] },
    });
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([10, 0]);
  });

  it("leaves the lock pass in priority-then-id order (R-LOCK-PLACE)", () => {
    // No money at all: nothing is funded; the 10 units are locked for F1 (id order), not by units.
    const plan = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F1", 1, "0"), franchisee("F2", 1, "0")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(10)]),
          order("SO-2", "F2", "2026-02-01", [t100(30)]),
        ],
        policy: { franchiseeTieBreak: ["orderedUnits"] },
      }),
    );
    expect(plan.locks.map((lock) => [lock.order, lock.quantity])).toEqual([["SO-1", 10]]);
  });
});

describe("R-PRIO-FACTORS: the trace and explain name the tie-break that decided", () => {
  let plan: ReturnType<typeof allocate>;
  beforeEach(() => {
    plan = allocate({ ...level, policy: { franchiseeTieBreak: ["orderedUnits"] } });
  });

  it("a funded decision carries the ordered figures and, when level on priority, R-PRIO-FACTORS", () => {
    const funded = plan.trace.filter((decision) => decision.pass === "funded");
    expect(funded.map((d) => [d.franchisee, d.orderedUnits, d.orderedValue, d.rules])).toEqual([
      [
        "F1",
        30,
        "300.00",
        ["R-ALLOC-FUNDED", "R-RANK-FUNDED", "R-RANK-LINE", "R-RANK-PRODUCT", "R-PRIO-FACTORS"],
      ],
      [
        "F1",
        30,
        "300.00",
        ["R-ALLOC-FUNDED", "R-RANK-FUNDED", "R-RANK-LINE", "R-RANK-PRODUCT", "R-PRIO-FACTORS"],
      ],
      [
        "F2",
        10,
        "400.00",
        ["R-ALLOC-FUNDED", "R-RANK-FUNDED", "R-RANK-LINE", "R-RANK-PRODUCT", "R-PRIO-FACTORS"],
      ],
    ]);
  });

  it("no R-PRIO-FACTORS where priorities differ, though the figures are shown", () => {
    const apart = allocate({
      ...level,
      franchisees: [franchisee("F1", 1, "100"), franchisee("F2", 2, "1000")],
      policy: { franchiseeTieBreak: ["orderedUnits"] },
    });
    const funded = apart.trace.filter((decision) => decision.pass === "funded");
    expect(funded.every((d) => !d.rules.includes("R-PRIO-FACTORS"))).toBe(true);
    expect(funded.map((d) => d.orderedUnits)).toEqual([30, 30, 10]);
  });

  it("the default tie-break adds no field to any decision", () => {
    const funded = allocate(level).trace.filter((decision) => decision.pass === "funded");
    expect(funded.some((d) => "orderedUnits" in d || "orderedValue" in d)).toBe(false);
  });

  it("explain says the tie-break placed the franchisee, in one sentence", () => {
    expect(explain(plan, { kind: "order-line", order: "SO-2", line: 1 }).sentence).toBe(
      "Order SO-2 line 1 (franchisee F2, T100): funded pass — franchisee #2 (priority 1, funded; level on priority with another franchisee, placed by franchiseeTieBreak — it ordered 10 unit(s) worth 400.00), line #1, got 0 of 10: only 0 in free stock (R-ALLOC-FUNDED, R-PRIO-FACTORS); lock pass — franchisee #2, line #1: no free stock left to lock its 10 outstanding unit(s) (R-LOCK-PLACE). Unfilled: 10 (stock).",
    );
  });
});

describe("R-PRIO-FACTORS: franchiseeTieBreak as input", () => {
  it("refuses a key twice, an empty list and an unknown key, each under its path", () => {
    const twice = safeAllocate({
      asOf: "2026-03-01",
      policy: { franchiseeTieBreak: ["id", "id"] },
    });
    expect(twice.ok ? [] : twice.issues).toEqual([
      {
        path: ["policy", "franchiseeTieBreak", 1],
        code: "duplicate_key",
        message: '"id" is listed twice',
      },
    ]);
    const empty = safeAllocate({ asOf: "2026-03-01", policy: { franchiseeTieBreak: [] } });
    expect(empty.ok ? [] : empty.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        ["policy", "franchiseeTieBreak"],
        "must name at least one of spendable, orderedUnits, orderedValue, id",
      ],
    ]);
    const unknown = safeAllocate({
      asOf: "2026-03-01",
      policy: { franchiseeTieBreak: ["size"] },
    } as unknown);
    expect(unknown.ok ? [] : unknown.issues.map((issue) => issue.path)).toEqual([
      ["policy", "franchiseeTieBreak", 0],
    ]);
  });

  it("the default, given or not, keeps the planId; another tie-break changes it", () => {
    const plain = allocate(level).planId;
    expect(allocate({ ...level, policy: { franchiseeTieBreak: ["spendable", "id"] } }).planId).toBe(
      plain,
    );
    expect(
      allocate({ ...level, policy: { franchiseeTieBreak: ["orderedUnits"] } }).planId,
    ).not.toBe(plain);
  });
});
