/** The direct pass (src/allocation/direct.ts): R-ALLOC-DIRECT, R-ALLOC-SEASONAL, R-ALLOC-NONSEASONAL. */
import { describe, expect, it } from "vitest";
import { type AllocationPlan, allocate } from "../../src/index.js";
import { franchisee, order, products, store, t100, t100Wave, wave } from "../support/fixtures.js";

describe("R-ALLOC-DIRECT: stores and regions are served after every franchisee", () => {
  const stores = [
    store("SZ-B", "shenzhen", "B"),
    store("SZ-A", "shenzhen", "A", "joint"),
    store("BJ-A", "beijing"),
    store("NN-A", "nanning"),
  ];
  const direct = (sku: string, season: "SS" | "AW" | "NONE", asOf = "2026-03-01") =>
    allocate(
      wave({
        asOf,
        products: [{ sku, season }],
        supply: [{ sku, quantity: 10 }],
        regions: [{ id: "shenzhen" }, { id: "beijing" }, { id: "nanning" }],
        stores,
        storeNeeds: stores.map((store) => ({ store: store.id, sku, safetyStock: 4, onHand: 1 })),
        regionNeeds: [
          { region: "shenzhen", sku, quantity: 3 },
          { region: "beijing", sku, quantity: 3 },
        ],
      }),
    );
  const served = (plan: AllocationPlan) =>
    plan.trace.flatMap((d) =>
      d.pass === "direct" ? [`${d.kind === "store" ? d.store : d.region}:${d.quantity}`] : [],
    );

  it("serves a SS product region by region, stores then the region's stock (R-ALLOC-SEASONAL)", () => {
    const plan = direct("SS1", "SS");
    expect(served(plan)).toEqual([
      "SZ-A:3",
      "SZ-B:3",
      "shenzhen:3",
      "BJ-A:1",
      "beijing:0",
      "NN-A:0",
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it("serves an AW product north first and nanning, not in the AW order, last with a warning", () => {
    const plan = direct("AW1", "AW");
    expect(served(plan)).toEqual([
      "BJ-A:3",
      "beijing:3",
      "SZ-A:3",
      "SZ-B:1",
      "shenzhen:0",
      "NN-A:0",
    ]);
    expect(plan.warnings).toEqual([
      {
        code: "REGION_NOT_IN_SEASON_ORDER",
        message:
          'region "nanning" is not in the AW region order: it was served after every listed region',
        region: "nanning",
        season: "AW",
      },
    ]);
  });

  it("serves a NONE product every store first, then every region (R-ALLOC-NONSEASONAL)", () => {
    const plan = direct("N1", "NONE");
    expect(served(plan)).toEqual([
      "SZ-A:3",
      "SZ-B:3",
      "BJ-A:3",
      "NN-A:1",
      "shenzhen:0",
      "beijing:0",
    ]);
    expect(plan.unfilled.filter((u) => u.kind !== "order-line").map((u) => u.quantity)).toEqual([
      2, 3, 3,
    ]);
  });

  it("uses the AW order for a NONE product in an AW month", () => {
    const plan = direct("N1", "NONE", "2026-09-01");
    expect(served(plan)).toEqual([
      "BJ-A:3",
      "SZ-A:3",
      "SZ-B:3",
      "NN-A:1",
      "beijing:0",
      "shenzhen:0",
    ]);
    expect(plan.warnings).toMatchObject([{ region: "nanning", season: "AW" }]);
  });

  it("serves franchisees before any store (6.4.2.1)", () => {
    const plan = allocate(
      t100Wave(5, {
        franchisees: [franchisee("F1", 9, "0")],
        orders: [order("SO-1", "F1", "2026-02-01", [t100(4)])],
        regions: [{ id: "airport" }],
        stores: [store("AP-1", "airport")],
        storeNeeds: [{ store: "AP-1", sku: "T100", safetyStock: 10 }],
      }),
    );
    expect(plan.locks).toMatchObject([{ quantity: 4 }]);
    expect(plan.storeAllocations).toEqual([
      { store: "AP-1", region: "airport", sku: "T100", quantity: 1 },
    ]);
  });

  it("§7: tells (store, sku) needs apart even when ids contain NUL characters", () => {
    const plan = allocate(
      wave({
        products: products("SS", "b\u0000c", "c"),
        regions: [{ id: "r" }],
        stores: [store("a", "r"), store("a\u0000b", "r")],
        storeNeeds: [
          { store: "a", sku: "b\u0000c", safetyStock: 1 },
          { store: "a\u0000b", sku: "c", safetyStock: 1 },
        ],
      }),
    );
    expect(plan.unfilled).toHaveLength(2);
  });
});
