/**
 * R-PICK-1: `pickLists` lists a plan's picks per destination; `postPickList`
 * picks and ships exactly a franchisee list's units, or refuses it whole.
 */
import { describe, expect, it } from "vitest";
import {
  allocate,
  allocationDemand,
  applyPlan,
  type PickList,
  pickLists,
  postPickList,
} from "../../src/index.js";
import { planWith } from "../support/fixtures.js";
import { planner as actor, approvedT100Order as approved, so1 } from "../support/lifecycle.js";

describe("R-PICK-1: pick lists per destination, and posting one ships exactly its units", () => {
  /** Built inside each test, so a mutation run sees which test covers which code. */
  const planOf = () =>
    allocate({
      asOf: "2026-03-01",
      products: [
        { sku: "T100", season: "SS" },
        { sku: "D200", season: "SS" },
      ],
      supply: [
        { sku: "T100", quantity: 20 },
        { sku: "D200", quantity: 3 },
      ],
      franchisees: [{ id: "F01", priority: 1, cash: "10000" }],
      ...allocationDemand([so1.approved()]),
      regions: [{ id: "shenzhen" }],
      stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 4 }],
      regionNeeds: [{ region: "shenzhen", sku: "T100", quantity: 2 }],
    });

  it("lists franchisees, then stores, then regions, SKUs in order, with the order lines behind them", () => {
    expect(pickLists(planOf())).toEqual([
      {
        destination: { kind: "franchisee", franchisee: "F01" },
        lines: [
          { sku: "D200", quantity: 2, orders: [{ order: "SO-1", line: 2, quantity: 2 }] },
          { sku: "T100", quantity: 5, orders: [{ order: "SO-1", line: 1, quantity: 5 }] },
        ],
        units: 7,
      },
      {
        destination: { kind: "store", store: "SZ-1", region: "shenzhen" },
        lines: [{ sku: "T100", quantity: 4 }],
        units: 4,
      },
      {
        destination: { kind: "region", region: "shenzhen" },
        lines: [{ sku: "T100", quantity: 2 }],
        units: 2,
      },
    ]);
  });

  it("applies the plan to the order, then ships exactly the pick list's units", () => {
    const plan = planOf();
    const applied = applyPlan([so1.approved()], plan, so1.actor);
    expect(applied.ok).toBe(true);
    const [franchiseeList] = pickLists(plan);
    const shipped = postPickList(applied.orders ?? [], franchiseeList as PickList, so1.actor);
    expect(
      shipped.orders?.[0]?.lines.map((line) => [line.buckets.shipped, line.buckets.allocated]),
    ).toEqual([
      [5, 0],
      [2, 0],
    ]);
    expect(
      shipped.effects?.map(
        (effect) => effect.kind === "post-shipment" && [effect.line, effect.amount],
      ),
    ).toEqual([
      [2, "198.00"],
      [1, "495.00"],
    ]);
    const again = postPickList(shipped.orders ?? [], franchiseeList as PickList, so1.actor);
    expect(again.ok).toBe(false);
  });
});

describe("R-PICK-1: pick lists merge a line's rows, and post or refuse them", () => {
  // F1: SO-2 line 1 (5, a carried lock of 2 converts, the funded pass serves 3),
  // SO-2 line 2 (2) and SO-3 line 1 (1); F2: SO-1 line 1 (1). All T100 at 10.
  const planOf = () =>
    allocate({
      asOf: "2026-03-01",
      products: [{ sku: "T100", season: "SS" }],
      supply: [{ sku: "T100", quantity: 20 }],
      franchisees: [
        { id: "F1", priority: 1, cash: "1000" },
        { id: "F2", priority: 2, cash: "1000" },
      ],
      orders: [
        {
          id: "SO-1",
          franchisee: "F2",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "T100", quantity: 1, unitPrice: "10" }],
        },
        {
          id: "SO-2",
          franchisee: "F1",
          orderedOn: "2026-02-01",
          lines: [
            { line: 1, sku: "T100", quantity: 5, unitPrice: "10" },
            { line: 2, sku: "T100", quantity: 2, unitPrice: "10" },
          ],
        },
        {
          id: "SO-3",
          franchisee: "F1",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "T100", quantity: 1, unitPrice: "10" }],
        },
      ],
      locks: [
        {
          id: "L-1",
          order: "SO-2",
          line: 1,
          franchisee: "F1",
          sku: "T100",
          quantity: 2,
          lockedOn: "2026-02-20",
          expiresOn: "2026-03-07",
        },
      ],
    });

  it("lists franchisees by id, each SKU's order lines by order and line, one row per line", () => {
    const plan = planOf();
    expect(plan.franchiseeAllocations.map((r) => [r.order, r.line, r.quantity, r.source])).toEqual([
      ["SO-1", 1, 1, "funded"],
      ["SO-2", 1, 2, "lock"],
      ["SO-2", 1, 3, "funded"],
      ["SO-2", 2, 2, "funded"],
      ["SO-3", 1, 1, "funded"],
    ]);
    expect(pickLists(plan)).toEqual([
      {
        destination: { kind: "franchisee", franchisee: "F1" },
        lines: [
          {
            sku: "T100",
            quantity: 8,
            orders: [
              { order: "SO-2", line: 1, quantity: 5 },
              { order: "SO-2", line: 2, quantity: 2 },
              { order: "SO-3", line: 1, quantity: 1 },
            ],
          },
        ],
        units: 8,
      },
      {
        destination: { kind: "franchisee", franchisee: "F2" },
        lines: [{ sku: "T100", quantity: 1, orders: [{ order: "SO-1", line: 1, quantity: 1 }] }],
        units: 1,
      },
    ]);
  });

  it("puts every list in canonical order whatever the order of the plan's rows", () => {
    const row = (order: string, line: number, sku: string, quantity: number, source: string) => ({
      order,
      line,
      franchisee: "F1",
      sku,
      quantity,
      unitPrice: "10.00",
      amount: `${10 * quantity}.00`,
      cash: `${10 * quantity}.00`,
      credit: "0.00",
      source: source as "lock" | "funded",
    });
    const shuffled = planWith({
      franchiseeAllocations: [
        row("SO-3", 1, "T100", 1, "funded"),
        row("SO-2", 2, "T100", 2, "funded"),
        row("SO-2", 1, "T100", 3, "funded"),
        row("SO-2", 1, "T100", 2, "lock"),
        row("SO-1", 1, "A100", 4, "funded"),
      ],
      storeAllocations: [
        { store: "SZ-2", region: "shenzhen", sku: "T100", quantity: 1 },
        { store: "SZ-1", region: "shenzhen", sku: "T100", quantity: 2 },
        { store: "SZ-1", region: "shenzhen", sku: "A100", quantity: 3 },
      ],
      regionAllocations: [
        { region: "shenzhen", sku: "T100", quantity: 4 },
        { region: "guangzhou", sku: "T100", quantity: 5 },
      ],
    });
    expect(pickLists(shuffled)).toEqual([
      {
        destination: { kind: "franchisee", franchisee: "F1" },
        lines: [
          { sku: "A100", quantity: 4, orders: [{ order: "SO-1", line: 1, quantity: 4 }] },
          {
            sku: "T100",
            quantity: 8,
            orders: [
              { order: "SO-2", line: 1, quantity: 5 },
              { order: "SO-2", line: 2, quantity: 2 },
              { order: "SO-3", line: 1, quantity: 1 },
            ],
          },
        ],
        units: 12,
      },
      {
        destination: { kind: "store", store: "SZ-1", region: "shenzhen" },
        lines: [
          { sku: "A100", quantity: 3 },
          { sku: "T100", quantity: 2 },
        ],
        units: 5,
      },
      {
        destination: { kind: "store", store: "SZ-2", region: "shenzhen" },
        lines: [{ sku: "T100", quantity: 1 }],
        units: 1,
      },
      {
        destination: { kind: "region", region: "guangzhou" },
        lines: [{ sku: "T100", quantity: 5 }],
        units: 5,
      },
      {
        destination: { kind: "region", region: "shenzhen" },
        lines: [{ sku: "T100", quantity: 4 }],
        units: 4,
      },
    ]);
  });

  it("refuses a pick list naming an order not given, or units the order has not allocated", () => {
    const list: PickList = {
      destination: { kind: "franchisee", franchisee: "F1" },
      lines: [{ sku: "T100", quantity: 2, orders: [{ order: "SO-9", line: 1, quantity: 2 }] }],
      units: 2,
    };
    expect(postPickList([], list, actor)).toEqual({
      ok: false,
      errors: [
        {
          order: "SO-9",
          // An order not given has no state: none is invented.
          error: {
            code: "INVALID_EVENT",
            event: "pick",
            message: "order SO-9 was not given",
            issues: [],
          },
        },
      ],
    });
    const order = approved("SO-9", [2]);
    expect(postPickList([order], list, actor)).toEqual({
      ok: false,
      errors: [
        {
          order: "SO-9",
          error: {
            code: "ILLEGAL_EVENT",
            state: "approved",
            event: "pick",
            message: "pick (拣货) is not allowed in state approved; it is allowed in fulfilling",
            issues: [],
          },
        },
      ],
    });
  });
});
