/** The whole run (src/allocation/allocate.ts): R-UNIT-4. */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { franchisee, order, products, wave } from "../support/fixtures.js";

describe("R-UNIT-4: the same input in any order gives the same plan", () => {
  it("is deep-equal under reordered arrays and leaves the input untouched", () => {
    const input = wave({
      products: products("SS", "A", "B"),
      supply: [
        { sku: "A", quantity: 3 },
        { sku: "B", quantity: 3 },
      ],
      franchisees: [franchisee("F1", 1, "150"), franchisee("F2", 1, "150")],
      orders: [
        order("SO-1", "F1", "2026-02-01", [
          { sku: "A", quantity: 2, unitPrice: "50" },
          { sku: "B", quantity: 2, unitPrice: "50" },
        ]),
        order("SO-2", "F2", "2026-02-01", [
          { sku: "B", quantity: 2, unitPrice: "50" },
          { sku: "A", quantity: 2, unitPrice: "50" },
        ]),
      ],
    });
    const before = structuredClone(input);
    const reversed = {
      ...input,
      products: [...(input.products ?? [])].reverse(),
      supply: [...(input.supply ?? [])].reverse(),
      franchisees: [...(input.franchisees ?? [])].reverse(),
      orders: [...(input.orders ?? [])]
        .reverse()
        .map((o) => ({ ...o, lines: [...o.lines].reverse() })),
    };
    expect(allocate(reversed)).toEqual(allocate(input));
    expect(input).toEqual(before);
  });
});
