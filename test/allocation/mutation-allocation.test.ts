/**
 * The allocation passes and the plan's canonical orders (SPEC §3, Appendix A)
 * on hand-computed waves: R-LOCK-EXPIRE with several locks, R-RANK-LINE when a
 * line has nothing outstanding, R-LOCK-PLACE lock ids and payment requests,
 * R-RANK-REGION warnings and region rows. Written to kill the surviving
 * mutants of src/allocation (npm run mutation). Plans are built inside each
 * test, so the mutation run's per-test coverage is exact.
 */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { order, products, wave } from "../support/fixtures.js";

const lock = (
  id: string,
  orderId: string,
  quantity: number,
  lockedOn: string,
  expiresOn: string,
  line = 1,
) => ({ id, order: orderId, line, franchisee: "F1", sku: "T100", quantity, lockedOn, expiresOn });

describe("R-LOCK-EXPIRE: several expired locks", () => {
  // asOf 03-01, cool-down 15 days. SO-1/1 holds L-A (placed 02-01, expires 02-20)
  // and L-B (placed 02-02, expires 02-25); SO-0/1 holds L-C (placed 02-03,
  // expires 02-28). All three are released.
  const planOf = () =>
    allocate(
      wave({
        products: products("SS", "T100"),
        franchisees: [{ id: "F1", priority: 1, cash: "0" }],
        orders: [
          order("SO-0", "F1", "2026-02-01", [{ sku: "T100", quantity: 1, unitPrice: "10" }]),
          order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 2, unitPrice: "10" }]),
        ],
        locks: [
          lock("L-B", "SO-1", 1, "2026-02-02", "2026-02-25"),
          lock("L-A", "SO-1", 1, "2026-02-01", "2026-02-20"),
          lock("L-C", "SO-0", 1, "2026-02-03", "2026-02-28"),
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

describe("R-RANK-LINE: a line with nothing outstanding takes no rank", () => {
  it("ranks line 2 first when line 1 is already allocated in full", () => {
    const plan = allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 5 }],
        franchisees: [{ id: "F1", priority: 1, cash: "100" }],
        orders: [
          order("SO-1", "F1", "2026-02-01", [
            { sku: "T100", quantity: 2, unitPrice: "10", allocated: 2 },
            { sku: "T100", quantity: 1, unitPrice: "10" },
          ]),
        ],
      }),
    );
    expect(plan.trace).toHaveLength(1);
    expect(plan.trace[0]).toMatchObject({ pass: "funded", line: 2, lineRank: 1, quantity: 1 });
  });
});

describe("R-LOCK-PLACE, R-RANK-REGION and the plan's canonical orders", () => {
  // No money anywhere; 20 × T100. SO-2/1 (6) carries four locks of 1, two of
  // them holding the ids its new lock would take. F1 (priority 1) locks SO-2/1
  // (2 left), SO-2/2 (1) and SO-2/10 (1); F2 locks SO-1/1 (1): 15 left. Then
  // shenzhen and guangzhou (listed for SS) and lhasa (unlisted: a store and the
  // region) take 1 each.
  const planOf = () =>
    allocate(
      wave({
        products: products("SS", "T100"),
        supply: [{ sku: "T100", quantity: 20 }],
        franchisees: [
          { id: "F1", priority: 1, cash: "0" },
          { id: "F2", priority: 2, cash: "0" },
        ],
        orders: [
          order("SO-1", "F2", "2026-02-01", [{ sku: "T100", quantity: 1, unitPrice: "10" }]),
          order("SO-2", "F1", "2026-02-01", [
            { sku: "T100", quantity: 6, unitPrice: "10" },
            { sku: "T100", quantity: 1, unitPrice: "10" },
            { line: 10, sku: "T100", quantity: 1, unitPrice: "10" },
          ]),
        ],
        locks: [
          lock("L-B", "SO-2", 1, "2026-02-20", "2026-03-10"),
          lock("L-A", "SO-2", 1, "2026-02-21", "2026-03-10"),
          lock("LK-2026-03-01-SO-2-1", "SO-2", 1, "2026-02-22", "2026-03-10"),
          lock("LK-2026-03-01-SO-2-1~2", "SO-2", 1, "2026-02-23", "2026-03-10"),
        ],
        regions: [{ id: "shenzhen" }, { id: "guangzhou" }, { id: "lhasa" }],
        stores: [{ id: "LS-1", region: "lhasa", class: "A", operation: "direct" }],
        storeNeeds: [{ store: "LS-1", sku: "T100", safetyStock: 1 }],
        regionNeeds: [
          { region: "shenzhen", sku: "T100", quantity: 1 },
          { region: "guangzhou", sku: "T100", quantity: 1 },
          { region: "lhasa", sku: "T100", quantity: 1 },
        ],
      }),
    );

  it("gives a new lock the first free ~n suffix, and lists a line's locks by id", () => {
    expect(planOf().locks.map((l) => [l.order, l.line, l.id, l.quantity, l.isNew])).toEqual([
      ["SO-1", 1, "LK-2026-03-01-SO-1-1", 1, true],
      ["SO-2", 1, "L-A", 1, false],
      ["SO-2", 1, "L-B", 1, false],
      ["SO-2", 1, "LK-2026-03-01-SO-2-1", 1, false],
      ["SO-2", 1, "LK-2026-03-01-SO-2-1~2", 1, false],
      ["SO-2", 1, "LK-2026-03-01-SO-2-1~3", 2, true],
      ["SO-2", 2, "LK-2026-03-01-SO-2-2", 1, true],
      ["SO-2", 10, "LK-2026-03-01-SO-2-10", 1, true],
    ]);
  });

  it("asks for payment by franchisee id, each request's locks in code-unit order", () => {
    expect(planOf().paymentRequests).toEqual([
      {
        franchisee: "F1",
        amount: "40.00",
        payBefore: "2026-03-16",
        locks: ["LK-2026-03-01-SO-2-10", "LK-2026-03-01-SO-2-1~3", "LK-2026-03-01-SO-2-2"],
      },
      {
        franchisee: "F2",
        amount: "10.00",
        payBefore: "2026-03-16",
        locks: ["LK-2026-03-01-SO-1-1"],
      },
    ]);
  });

  it("lists region rows by region id, and warns once for an unlisted region with two claims", () => {
    const plan = planOf();
    expect(plan.regionAllocations).toEqual([
      { region: "guangzhou", sku: "T100", quantity: 1 },
      { region: "lhasa", sku: "T100", quantity: 1 },
      { region: "shenzhen", sku: "T100", quantity: 1 },
    ]);
    expect(plan.storeAllocations).toEqual([
      { store: "LS-1", region: "lhasa", sku: "T100", quantity: 1 },
    ]);
    expect(plan.warnings).toEqual([
      {
        code: "REGION_NOT_IN_SEASON_ORDER",
        message:
          'region "lhasa" is not in the SS region order: it was served after every listed region',
        region: "lhasa",
        season: "SS",
      },
    ]);
    expect(plan.remaining).toEqual([{ sku: "T100", quantity: 11 }]);
  });
});
