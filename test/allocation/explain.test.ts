import { describe, expect, it } from "vitest";
import { allocate, explain } from "../../src/index.js";
import { order, products, wave } from "../support/fixtures.js";

/** Built inside each test, so a mutation run sees which test covers which code. */
const planOf = () =>
  allocate(
    wave({
      products: products("SS", "T100"),
      supply: [{ sku: "T100", quantity: 6 }],
      franchisees: [
        { id: "F1", priority: 1, cash: "200" },
        { id: "F2", priority: 2, cash: "0" },
      ],
      orders: [
        order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 5, unitPrice: "100" }]),
        order("SO-2", "F2", "2026-02-02", [{ sku: "T100", quantity: 2, unitPrice: "100" }]),
      ],
      regions: [{ id: "shenzhen" }],
      stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 4 }],
    }),
  );

describe("explain: why a demand got what it got (§3.7)", () => {
  it("explains a partially shipped and locked franchisee line", () => {
    const why = explain(planOf(), { kind: "order-line", order: "SO-1", line: 1 });
    expect(why).toMatchObject({ found: true, allocated: 2, locked: 3, released: 0 });
    expect(why.unfilled).toBeUndefined();
    expect(why.rules).toEqual([
      "R-ALLOC-FUNDED",
      "R-RANK-FUNDED",
      "R-RANK-LINE",
      "R-RANK-PRODUCT",
      "R-ALLOC-PARTIAL",
      "R-LOCK-PLACE",
    ]);
    expect(why.decisions.map((d) => d.pass)).toEqual(["funded", "lock"]);
    expect(why.sentence).toBe(
      "Order SO-1 line 1 (franchisee F1, T100): funded pass — franchisee #1 (priority 1, funded), line #1, got 2 of 5: 200.00 spendable buys 2 at 100.00 (R-ALLOC-FUNDED, R-ALLOC-PARTIAL); lock pass — franchisee #1, line #1: locked 3 as LK-2026-03-01-SO-1-1 until 2026-03-16 (R-LOCK-PLACE).",
    );
  });

  it("explains why a store got nothing", () => {
    const why = explain(planOf(), { kind: "store", store: "SZ-1", sku: "T100" });
    expect(why).toMatchObject({
      found: true,
      allocated: 0,
      unfilled: { quantity: 4, reason: "stock" },
    });
    expect(why.sentence).toBe(
      "Store SZ-1 (shenzhen, class A) for T100: direct pass after every franchisee — region #1 in the SS order, store #1 in its region, claim #1 on this SKU, got 0 of 4: free stock was used up before its turn (R-ALLOC-SEASONAL). Unfilled: 4 (stock).",
    );
  });

  it("explains an unfunded line that was locked only in part", () => {
    const why = explain(planOf(), { kind: "order-line", order: "SO-2", line: 1 });
    expect(why).toMatchObject({
      allocated: 0,
      locked: 1,
      unfilled: { quantity: 1, reason: "funds" },
    });
    expect(why.sentence).toContain("no money left (spendable 0.00)");
    expect(why.sentence).toContain("locked 1 of 2 (only 1 in free stock)");
  });

  it("says so when no decision concerns the demand", () => {
    const why = explain(planOf(), { kind: "region", region: "shenzhen", sku: "T100" });
    expect(why.found).toBe(false);
    expect(why.decisions).toEqual([]);
    expect(why.sentence).toMatch(
      /^Region shenzhen stocking need for T100: no decision of this run concerns it/,
    );
  });

  it("works on a plan read back from JSON", () => {
    const plan = planOf();
    const copy = JSON.parse(JSON.stringify(plan));
    const ref = { kind: "order-line", order: "SO-1", line: 1 } as const;
    expect(explain(copy, ref)).toEqual(explain(plan, ref));
  });
});
