/**
 * R-SHARE, policy `share: "proportional"` (src/allocation/share.ts, funded.ts
 * and direct.ts): claimants of equal rank for one SKU in one pass share stock
 * that cannot fill them all in proportion to their capped demand — each
 * ⌊stock × cap ÷ Σcaps⌋, the rest one each by largest remainder, ties to the
 * earlier in rank order. Every figure below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { proportionalShares } from "../../src/allocation/share.js";
import { allocate, explain } from "../../src/index.js";
import { franchisee, order, store, t100, t100Wave } from "../support/fixtures.js";
import { qty } from "../support/plans.js";

const proportional = { share: "proportional" } as const;

describe("R-SHARE: proportional shares among claimants of equal rank", () => {
  it("R-SHARE: proportionalShares — floors, then the rest by largest remainder, ties to the earlier; none when the stock fills every cap", () => {
    // 7 × 9 / 15 = 4.2, 7 × 6 / 15 = 2.8: 4 and 2, the last unit to the larger remainder.
    expect(proportionalShares(7, [9, 6])?.map((s) => s.units)).toEqual([4, 3]);
    // 5 × 3 / 6 = 2.5 each: the tie goes to the earlier.
    expect(proportionalShares(5, [3, 3])?.map((s) => s.units)).toEqual([3, 2]);
    // 10 × 2 / 12, 10 × 0 / 12, 10 × 10 / 12 = 1.67, 0, 8.33: 1, 0, 8 and the unit to the first.
    expect(proportionalShares(10, [2, 0, 10])?.map((s) => s.units)).toEqual([2, 0, 8]);
    expect(proportionalShares(7, [9, 6])?.[0]).toEqual({
      units: 4,
      cap: 9,
      stock: 7,
      claimants: 2,
    });
    expect(proportionalShares(15, [9, 6])).toBeUndefined();
    expect(proportionalShares(3, [9, 0])).toBeUndefined();
  });

  it("R-SHARE: two funded franchisees of priority 1 share 7 by 9 : 6 — 4 and 3, where sequential gives the first all 7", () => {
    const input = t100Wave(7, {
      franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 1, "10000")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [t100(9)]),
        order("SO-2", "F2", "2026-02-01", [t100(6)]),
      ],
    });
    const sequential = allocate(input);
    expect([qty(sequential, "SO-1"), qty(sequential, "SO-2")]).toEqual([7, 0]);
    const plan = allocate({ ...input, policy: proportional });
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([4, 3]);
    const [first, second] = plan.trace.filter((d) => d.pass === "funded");
    expect(first).toMatchObject({
      franchiseeRank: 1,
      quantity: 4,
      stock: 7,
      limitedBy: "stock",
      share: { units: 4, cap: 9, stock: 7, claimants: 2 },
    });
    expect(second).toMatchObject({
      franchiseeRank: 2,
      quantity: 3,
      stock: 3,
      share: { units: 3, cap: 6, stock: 7, claimants: 2 },
    });
    expect(first?.rules).toContain("R-SHARE");
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "got 4 of 9; 7 unit(s) could not fill the 2 claimants of its rank, so they were shared in proportion to what each could take — 4 for its 9 (R-ALLOC-FUNDED, R-SHARE)",
    );
    expect(plan.unfilled.map((row) => [row.quantity, row.reason])).toEqual([
      [5, "stock"],
      [3, "stock"],
    ]);
  });

  it("R-SHARE: a franchisee's cap is what its money buys — 300.00 at 100.00 caps it at 3 of 10, so 6 share 3 : 6 as 2 and 4", () => {
    const plan = allocate(
      t100Wave(6, {
        franchisees: [
          franchisee("F1", 1, "300"),
          franchisee("F2", 1, "300.00", { creditLimit: "900" }),
        ],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(10)]),
          order("SO-2", "F2", "2026-02-01", [t100(6)]),
        ],
        policy: { ...proportional, lockUnfunded: false },
      }),
    );
    // F2 (1200.00 spendable) ranks before F1 (300.00): caps 6 and 3.
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([2, 4]);
    const shares = plan.trace
      .filter((d) => d.pass === "funded")
      .map((d) => d.pass === "funded" && d.share);
    expect(shares).toEqual([
      { units: 4, cap: 6, stock: 6, claimants: 2 },
      { units: 2, cap: 3, stock: 6, claimants: 2 },
    ]);
  });

  it("R-SHARE: equal remainders go by rank — 5 for 3 : 3 gives the richer franchisee 3 and the other 2; different priorities are not shared", () => {
    const lines = [
      order("SO-1", "F1", "2026-02-01", [t100(3)]),
      order("SO-2", "F2", "2026-02-01", [t100(3)]),
    ];
    const tied = allocate(
      t100Wave(5, {
        franchisees: [franchisee("F1", 1, "1000"), franchisee("F2", 1, "2000")],
        orders: lines,
        policy: proportional,
      }),
    );
    expect([qty(tied, "SO-1"), qty(tied, "SO-2")]).toEqual([2, 3]);
    const ranked = allocate(
      t100Wave(5, {
        franchisees: [franchisee("F1", 1, "1000"), franchisee("F2", 2, "2000")],
        orders: lines,
        policy: proportional,
      }),
    );
    expect([qty(ranked, "SO-1"), qty(ranked, "SO-2")]).toEqual([3, 2]);
    expect(ranked.trace.some((d) => "share" in d)).toBe(false);
  });

  it("R-SHARE: stores of one class in one region share 4 by need 5 : 3 — 3 and 1 (remainders equal, the earlier first); the class B store after them gets none", () => {
    const plan = allocate(
      t100Wave(4, {
        regions: [{ id: "shenzhen" }],
        stores: [
          store("SZ-1", "shenzhen"),
          store("SZ-2", "shenzhen"),
          store("SZ-3", "shenzhen", "B"),
        ],
        storeNeeds: [
          { store: "SZ-1", sku: "T100", safetyStock: 5 },
          { store: "SZ-2", sku: "T100", safetyStock: 3 },
          { store: "SZ-3", sku: "T100", safetyStock: 2 },
        ],
        policy: proportional,
      }),
    );
    expect(plan.storeAllocations.map((row) => [row.store, row.quantity])).toEqual([
      ["SZ-1", 3],
      ["SZ-2", 1],
    ]);
    const [sz1, sz2, sz3] = plan.trace.filter((d) => d.pass === "direct");
    expect(sz1).toMatchObject({ share: { units: 3, cap: 5, stock: 4, claimants: 2 } });
    expect(sz2).toMatchObject({ stock: 1, quantity: 1, share: { units: 1, cap: 3 } });
    expect(sz3).not.toHaveProperty("share");
    expect(explain(plan, { kind: "store", store: "SZ-2", sku: "T100" }).sentence).toContain(
      "got 1 of 3; 4 unit(s) could not fill the 2 claimants of its rank, so they were shared in proportion to what each could take — 1 for its 3 (R-SHARE) (R-ALLOC-SEASONAL)",
    );
  });

  it("R-SHARE: a funded group shares SKU by SKU in launch-plan order, each franchisee's money shrinking as it buys", () => {
    // T100 first (launch rank 1), T200 next. 1000.00 each; T100 100.00, T200 100.00.
    const plan = allocate({
      asOf: "2026-03-01",
      products: [
        { sku: "T100", season: "SS", launchRank: 1 },
        { sku: "T200", season: "SS", launchRank: 2 },
      ],
      supply: [
        { sku: "T100", quantity: 6 },
        { sku: "T200", quantity: 6 },
      ],
      franchisees: [franchisee("F1", 1, "1000"), franchisee("F2", 1, "1000")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [
          { sku: "T200", quantity: 6, unitPrice: "100" },
          t100(8),
        ]),
        order("SO-2", "F2", "2026-02-01", [
          t100(4),
          { sku: "T200", quantity: 8, unitPrice: "100" },
        ]),
      ],
      policy: { ...proportional, lockUnfunded: false },
    });
    // T100: caps 8 and 4 for 6 → 4 and 2. Then F1 has 600.00 (cap 6 of T200), F2 800.00 (cap 8): 6 × 6/14 = 2.57, 6 × 8/14 = 3.43 → 2 and 3, the last unit to F1 (remainder 8/14 > 6/14).
    expect(
      plan.franchiseeAllocations.map((row) => [row.franchisee, row.sku, row.quantity]),
    ).toEqual([
      ["F1", "T200", 3],
      ["F1", "T100", 4],
      ["F2", "T100", 2],
      ["F2", "T200", 3],
    ]);
  });

  it("R-SHARE: stock that fills every cap is not shared — both get all they ask, and no decision carries a share", () => {
    const plan = allocate(
      t100Wave(20, {
        franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 1, "10000")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(9)]),
          order("SO-2", "F2", "2026-02-01", [t100(6)]),
        ],
        policy: proportional,
      }),
    );
    expect([qty(plan, "SO-1"), qty(plan, "SO-2")]).toEqual([9, 6]);
    expect(plan.trace.some((d) => "share" in d)).toBe(false);
  });

  it("R-SHARE: a franchisee's share goes over its lines of the SKU in line order — F1's 4 of 7 fill SO-1 (4) and leave SO-1B none; F2 gets 3", () => {
    const plan = allocate(
      t100Wave(7, {
        franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 1, "10000")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(4)]),
          order("SO-1B", "F1", "2026-02-02", [t100(5)]),
          order("SO-2", "F2", "2026-02-01", [t100(6)]),
        ],
        policy: { ...proportional, lockUnfunded: false },
      }),
    );
    // Caps 9 and 6: 4.2 and 2.8 → 4 and 3.
    expect([qty(plan, "SO-1"), qty(plan, "SO-1B"), qty(plan, "SO-2")]).toEqual([4, 0, 3]);
    const shared = plan.trace.filter((d) => d.pass === "funded");
    expect(shared.map((d) => [d.order, d.franchiseeRank, d.lineRank])).toEqual([
      ["SO-1", 1, 1],
      ["SO-1B", 1, 2],
      ["SO-2", 2, 1],
    ]);
  });

  it('R-SHARE: with afterShortfall "stop" a cap ends at the first line money leaves short — F1\'s cap is 1, not 6, so F2 gets 4 of 5', () => {
    const lines = [
      order("SO-1", "F1", "2026-02-01", [t100(5, "100")]),
      order("SO-1B", "F1", "2026-02-02", [t100(5, "10")]),
      order("SO-2", "F2", "2026-02-01", [t100(6, "100")]),
    ];
    const run = (afterShortfall: "stop" | "continue") =>
      allocate(
        t100Wave(5, {
          franchisees: [franchisee("F1", 1, "150"), franchisee("F2", 1, "10000")],
          orders: lines,
          policy: { ...proportional, afterShortfall, lockUnfunded: false },
        }),
      );
    // F2 ranks first (more spendable). stop: caps 6 and 1 → 4 and 1 (the last unit to F1's larger remainder).
    const stop = run("stop");
    expect([qty(stop, "SO-2"), qty(stop, "SO-1"), qty(stop, "SO-1B")]).toEqual([4, 1, 0]);
    // continue: F1's 50.00 left buys 5 at 10.00, cap 6 — 6 and 6 share 5 as 3 and 2.
    const go = run("continue");
    expect([qty(go, "SO-2"), qty(go, "SO-1"), qty(go, "SO-1B")]).toEqual([3, 1, 1]);
  });

  it('R-SHARE: with afterShortfall "stop" a line bought in full does not end the cap — F1\'s 150.00 buys 2 at 10.00 and 1 at 100.00, cap 3; 5 share 6 : 3 as 3 and 2', () => {
    const plan = allocate(
      t100Wave(5, {
        franchisees: [franchisee("F1", 1, "150"), franchisee("F2", 1, "10000")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(2, "10")]),
          order("SO-1B", "F1", "2026-02-02", [t100(5, "100")]),
          order("SO-2", "F2", "2026-02-01", [t100(6, "100")]),
        ],
        policy: { ...proportional, afterShortfall: "stop", lockUnfunded: false },
      }),
    );
    // 5 × 6 / 9 = 3.33, 5 × 3 / 9 = 1.67: 3 and 1, the last unit to F1's larger remainder.
    expect([qty(plan, "SO-2"), qty(plan, "SO-1"), qty(plan, "SO-1B")]).toEqual([3, 2, 0]);
  });

  it("R-SHARE: a franchisee stopped at an earlier SKU has no cap — F2 gets all 5 of B", () => {
    const plan = allocate({
      asOf: "2026-03-01",
      products: [
        { sku: "A", season: "SS", launchRank: 1 },
        { sku: "B", season: "SS", launchRank: 2 },
      ],
      supply: [
        { sku: "A", quantity: 5 },
        { sku: "B", quantity: 5 },
      ],
      franchisees: [franchisee("F1", 1, "150"), franchisee("F2", 1, "10000")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [
          { sku: "A", quantity: 5, unitPrice: "100" },
          { sku: "B", quantity: 5, unitPrice: "10" },
        ]),
        order("SO-2", "F2", "2026-02-01", [{ sku: "B", quantity: 5, unitPrice: "10" }]),
      ],
      policy: { ...proportional, afterShortfall: "stop", lockUnfunded: false },
    });
    // A: F1 alone buys 1 and is stopped; B: F1 has no cap, F2 takes its 5 unshared.
    expect([qty(plan, "SO-1", 1), qty(plan, "SO-1", 2), qty(plan, "SO-2")]).toEqual([1, 0, 5]);
  });

  it("R-SHARE: three SKUs walked in launch-plan order, and a ship-complete order of the group keeps its own ranks", () => {
    const skus = ["C", "A", "B"];
    const plan = allocate({
      asOf: "2026-03-01",
      products: skus.map((sku, k) => ({ sku, season: "SS" as const, launchRank: k + 1 })),
      supply: skus.map((sku) => ({ sku, quantity: 3 })),
      franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 1, "10000")],
      orders: [
        order(
          "SO-1",
          "F1",
          "2026-02-01",
          skus.map((sku) => ({ sku, quantity: 2, unitPrice: "10" })),
        ),
        {
          ...order("SO-2", "F2", "2026-02-01", [{ sku: "B", quantity: 1, unitPrice: "10" }]),
          shipComplete: true,
        },
        order("SO-3", "F2", "2026-02-02", [
          { sku: "C", quantity: 4, unitPrice: "10" },
          { sku: "A", quantity: 4, unitPrice: "10" },
        ]),
      ],
      policy: { ...proportional, lockUnfunded: false },
    });
    const funded = plan.trace.filter((d) => d.pass === "funded");
    expect(funded.map((d) => [d.sku, d.order, d.franchiseeRank, d.lineRank, d.quantity])).toEqual([
      // C: caps 2 and 4 share 3 as 1 and 2.
      ["C", "SO-1", 1, 1, 1],
      ["C", "SO-3", 2, 1, 2],
      // A: caps 2 and 4 share 3 as 1 and 2.
      ["A", "SO-1", 1, 2, 1],
      ["A", "SO-3", 2, 2, 2],
      // B: the ship-complete order first (F2's first line of B), then F1's line takes what is left.
      ["B", "SO-2", 2, 3, 1],
      ["B", "SO-1", 1, 3, 2],
    ]);
  });
});
