/**
 * R-RANK-PRODUCT: a missing launch rank sorts last, from either side of the
 * comparison. Written to kill the surviving mutants of src/ranking/compare.ts
 * (npm run mutation).
 */
import { describe, expect, it } from "vitest";
import { compareProducts, productPriority } from "../../src/index.js";

describe("R-RANK-PRODUCT: missing launch ranks come last", () => {
  it("puts a ranked product before an unranked one whose SKU sorts first, both ways round", () => {
    const ranked = { sku: "B", launchRank: 1 };
    const unranked = { sku: "A" };
    expect(compareProducts(unranked, ranked)).toBe(1);
    expect(compareProducts(ranked, unranked)).toBe(-1);
    expect([...productPriority([unranked, ranked])]).toEqual([
      ["B", 0],
      ["A", 1],
    ]);
  });
});
