/**
 * The plan's lists in their canonical orders (src/allocation/output.ts, SPEC
 * Appendix A): locks by line, then id; payment requests by franchisee, their
 * locks by id; region rows by region; one warning per unlisted region.
 */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { carriedLock, franchisee, order, store, t100, t100Wave } from "../support/fixtures.js";

describe("R-LOCK-PLACE, R-RANK-REGION and the plan's canonical orders", () => {
  // No money anywhere; 20 × T100. SO-2/1 (6) carries four locks of 1, two of
  // them holding the ids its new lock would take. F1 (priority 1) locks SO-2/1
  // (2 left), SO-2/2 (1) and SO-2/10 (1); F2 locks SO-1/1 (1): 15 left. Then
  // shenzhen and guangzhou (listed for SS) and lhasa (unlisted: a store and the
  // region) take 1 each.
  const lock = (id: string, lockedOn: string) =>
    carriedLock(id, lockedOn, "2026-03-10", { order: "SO-2" });
  const planOf = () =>
    allocate(
      t100Wave(20, {
        franchisees: [franchisee("F1", 1, "0"), franchisee("F2", 2, "0")],
        orders: [
          order("SO-1", "F2", "2026-02-01", [t100(1, "10")]),
          order("SO-2", "F1", "2026-02-01", [
            t100(6, "10"),
            t100(1, "10"),
            t100(1, "10", { line: 10 }),
          ]),
        ],
        locks: [
          lock("L-B", "2026-02-20"),
          lock("L-A", "2026-02-21"),
          lock("LK-2026-03-01-SO-2-1", "2026-02-22"),
          lock("LK-2026-03-01-SO-2-1~2", "2026-02-23"),
        ],
        regions: [{ id: "shenzhen" }, { id: "guangzhou" }, { id: "lhasa" }],
        stores: [store("LS-1", "lhasa")],
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
