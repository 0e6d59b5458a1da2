/**
 * R-HOLD in a CSV bundle: holdback.csv, one row per (SKU, channel), its `for`
 * column `direct`, `none` or `region:<id>`.
 */
import { describe, expect, it } from "vitest";
import { assembleBundle } from "../../src/bundle/bundle.js";
import { allocate, safeAllocate } from "../../src/index.js";

const bundle = (holdback: string) =>
  assembleBundle(
    new Map([
      ["wave.json", '{ "asOf": "2026-03-01" }'],
      ["franchisees.csv", "id,priority,cash\nF01,1,500.00\n"],
      ["products.csv", "sku,season\nA,SS\n"],
      ["supply.csv", "sku,quantity\nA,10\n"],
      [
        "orders.csv",
        "order,franchisee,orderedOn,line,sku,quantity,unitPrice\nSO-1,F01,2026-02-01,1,A,10,10\n",
      ],
      ["regions.csv", "id\nshenzhen\n"],
      ["stores.csv", "id,region,class,operation\nSZ-1,shenzhen,A,direct\n"],
      ["storeNeeds.csv", "store,sku,safetyStock\nSZ-1,A,3\n"],
      ["holdback.csv", holdback],
    ]),
  );

describe("R-HOLD: holdback.csv", () => {
  it("R-HOLD: region:<id> is held for that region, none for nobody — the franchisee gets the 6 left, the store its 3, 1 stays held", () => {
    const read = bundle("sku,quantity,for\nA,3,region:shenzhen\nA,1,none\n");
    expect(read.problems).toEqual([]);
    expect(read.input.holdback).toEqual([
      { sku: "A", quantity: 3, for: { region: "shenzhen" } },
      { sku: "A", quantity: 1, for: "none" },
    ]);
    const plan = allocate(read.input as unknown);
    expect(plan.franchiseeAllocations.map((row) => row.quantity)).toEqual([6]);
    expect(plan.storeAllocations.map((row) => row.quantity)).toEqual([3]);
    expect(plan.remaining).toEqual([{ sku: "A", quantity: 1, held: 1 }]);
  });

  it("R-HOLD: a channel that is none of the three is refused by validation, with its path", () => {
    const read = bundle("sku,quantity,for\nA,3,stores\n");
    const result = safeAllocate(read.input as unknown);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
        ["holdback.0.for", 'must be "direct", "none" or { "region": id }'],
      ]);
  });
});
