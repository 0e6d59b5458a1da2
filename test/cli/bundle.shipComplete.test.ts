/**
 * R-COMPLETE in a CSV bundle: orders.csv's `shipComplete` column is an order's
 * field, read from its first row as `true` or `false`.
 */
import { describe, expect, it } from "vitest";
import { assembleBundle } from "../../src/bundle/bundle.js";
import { allocate } from "../../src/index.js";

const bundle = (orders: string) =>
  assembleBundle(
    new Map([
      ["wave.json", '{ "asOf": "2026-03-01" }'],
      ["franchisees.csv", "id,priority,cash\nF01,1,500.00\n"],
      ["products.csv", "sku,season\nA,SS\nB,SS\n"],
      ["supply.csv", "sku,quantity\nA,5\nB,1\n"],
      ["orders.csv", orders],
    ]),
  );

describe("R-COMPLETE: orders.csv's shipComplete column", () => {
  it("R-COMPLETE: true on the first row makes the order ship complete; later rows may leave it empty", () => {
    const read = bundle(
      "order,franchisee,orderedOn,shipComplete,line,sku,quantity,unitPrice\n" +
        "SO-1,F01,2026-02-01,true,1,A,2,10\n" +
        "SO-1,,,,2,B,3,10\n" +
        "SO-2,F01,2026-02-01,false,1,A,1,10\n",
    );
    expect(read.problems).toEqual([]);
    const orders = read.input.orders as { id: string; shipComplete?: boolean }[];
    expect(orders.map((order) => [order.id, order.shipComplete])).toEqual([
      ["SO-1", true],
      ["SO-2", false],
    ]);
    // Only 1 B for SO-1's 3: the order is held back whole, SO-2 still gets its A.
    const plan = allocate(read.input as unknown);
    expect(plan.franchiseeAllocations.map((row) => [row.order, row.line, row.quantity])).toEqual([
      ["SO-2", 1, 1],
    ]);
  });

  it("R-COMPLETE: a later row that differs is a problem, and a cell that is not true or false is refused by validation", () => {
    const differs = bundle(
      "order,franchisee,orderedOn,shipComplete,line,sku,quantity,unitPrice\n" +
        "SO-1,F01,2026-02-01,true,1,A,2,10\n" +
        "SO-1,,,false,2,B,3,10\n",
    );
    expect(differs.problems).toEqual([
      {
        where: "orders.csv line 3, column shipComplete",
        message: '"false" differs from the first row of order "SO-1" (line 2: "true")',
      },
    ]);
    const yes = bundle(
      "order,franchisee,orderedOn,shipComplete,line,sku,quantity,unitPrice\n" +
        "SO-1,F01,2026-02-01,yes,1,A,2,10\n",
    );
    expect((yes.input.orders as { shipComplete?: unknown }[])[0]?.shipComplete).toBe("yes");
  });
});
