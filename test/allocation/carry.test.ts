/**
 * The daily loop on hand-computed days: R-RUN-1 committed money netted from
 * spendable, R-RUN-2 carryForward, R-RUN-3 a plan carried once.
 */
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  allocate,
  carryForward,
  explain,
  InputError,
  type Issue,
  parseAllocationInput,
  planIdOf,
  previewAllocation,
  safeAllocate,
} from "../../src/index.js";
import { franchisee, order, store, t100, t100Wave } from "../support/fixtures.js";

/** The issue's scenario: F01 has 500 cash and orders 8 × 100; 10 units arrive. */
const day1 = (): AllocationInput =>
  t100Wave(10, {
    franchisees: [franchisee("F01", 1, "500")],
    orders: [order("SO-1", "F01", "2026-02-10", [t100(8, "100")])],
  });

/** A commitment on SO-1 line 1 (F01, T100): `quantity` units, paid `cash` + `credit`. */
function committedOnSo1(quantity: number, cash: string, credit: string) {
  return { order: "SO-1", line: 1, franchisee: "F01", sku: "T100", quantity, cash, credit };
}

/** The issues `call` throws, as `code path` strings. */
function refused(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    if (error instanceof InputError)
      return error.issues.map((found: Issue) => `${found.code} ${found.path.join(".")}`);
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("R-RUN-1: money committed and not yet posted is not spent again", () => {
  it("R-RUN-1: day 1 commits 500 of F01's 500; day 2, finance still showing 500, can spend 0 on new goods", () => {
    const input1 = day1();
    const plan1 = allocate(input1);
    expect(plan1.franchiseeAllocations.map((a) => [a.quantity, a.cash])).toEqual([[5, "500.00"]]);
    expect(plan1.locks.map((l) => l.quantity)).toEqual([3]);
    // Two more units arrive: without R-RUN-1 the 500 would pay for them again.
    const input2 = carryForward(input1, plan1, {
      asOf: "2026-03-02",
      balances: [{ franchisee: "F01", cash: "500" }],
      arrivals: [{ sku: "T100", quantity: 2 }],
    });
    expect(input2.commitments).toEqual([
      {
        plan: plan1.planId,
        committedOn: "2026-03-01",
        order: "SO-1",
        line: 1,
        franchisee: "F01",
        sku: "T100",
        quantity: 5,
        cash: "500.00",
        credit: "0.00",
      },
    ]);
    const plan2 = allocate(input2);
    expect(plan2.balances).toEqual([
      {
        franchisee: "F01",
        spendableBefore: "0.00",
        committedBefore: "500.00",
        cashCommitted: "0.00",
        creditCommitted: "0.00",
        cashAfter: "0.00",
        creditAvailableAfter: "0.00",
      },
    ]);
    expect(plan2.franchiseeAllocations).toEqual([]);
    expect(plan2.remaining).toEqual([{ sku: "T100", quantity: 4 }]);
    expect(plan2.warnings).toEqual([]);
    expect(explain(plan2, { kind: "order-line", order: "SO-1", line: 1 }).sentence).toContain(
      "Franchisee F01's spendable was net of 500.00 committed by earlier runs and not yet posted (R-RUN-1).",
    );
  });

  it("R-RUN-1: after the 5 ship and post and finance shows 0 cash, still 0; a payment of 300 converts the 3 locked units", () => {
    const input1 = day1();
    const plan1 = allocate(input1);
    const input2 = carryForward(input1, plan1, {
      asOf: "2026-03-02",
      balances: [{ franchisee: "F01", cash: "0" }],
      shipped: [{ order: "SO-1", line: 1, quantity: 5 }],
    });
    expect(input2.commitments).toEqual([]);
    const plan2 = allocate(input2);
    expect(plan2.balances[0]?.spendableBefore).toBe("0.00");
    expect(plan2.balances[0]).not.toHaveProperty("committedBefore");
    expect(plan2.franchiseeAllocations).toEqual([]);
    const input3 = carryForward(input2, plan2, {
      asOf: "2026-03-03",
      payments: [{ franchisee: "F01", amount: "300" }],
    });
    expect(input3.franchisees).toEqual([
      { id: "F01", priority: 1, cash: "300.00", creditLimit: "0.00", creditUsed: "0.00" },
    ]);
    const plan3 = allocate(input3);
    expect(plan3.franchiseeAllocations.map((a) => [a.source, a.quantity, a.cash])).toEqual([
      ["lock", 3, "300.00"],
    ]);
    expect(plan3.locks).toEqual([]);
  });

  it("R-RUN-1: without fresh balances the input's figures less what was posted are used (cash part from cash)", () => {
    const input1 = day1();
    const plan1 = allocate(input1);
    const input2 = carryForward(input1, plan1, {
      asOf: "2026-03-02",
      shipped: [{ order: "SO-1", line: 1, quantity: 2 }],
    });
    // 2 of the 5 posted: 200 left finance's cash; 300 still committed.
    expect(input2.franchisees?.[0]?.cash).toBe("300.00");
    expect(input2.commitments?.map((c) => [c.quantity, c.cash, c.credit])).toEqual([
      [3, "300.00", "0.00"],
    ]);
    expect(allocate(input2).balances[0]?.spendableBefore).toBe("0.00");
  });

  it("R-RUN-1: finance's figures below the commitments give spendable 0 and a COMMITMENTS_EXCEED_FUNDS warning", () => {
    const plan = allocate(
      t100Wave(5, {
        franchisees: [franchisee("F01", 1, "200", { creditLimit: "100", creditUsed: "40" })],
        orders: [order("SO-1", "F01", "2026-02-10", [t100(9, "100", { allocated: 4 })])],
        commitments: [committedOnSo1(4, "300", "100")],
      }),
    );
    expect(plan.balances[0]).toMatchObject({ spendableBefore: "0.00", committedBefore: "400.00" });
    expect(plan.franchiseeAllocations).toEqual([]);
    expect(plan.warnings).toEqual([
      {
        code: "COMMITMENTS_EXCEED_FUNDS",
        message:
          'franchisee "F01": earlier runs committed 300.00 cash and 100.00 credit not yet posted, but finance shows 200.00 cash and 60.00 available credit; what one purse falls short is taken from the other, and spendable never goes below zero',
        franchisee: "F01",
        cash: "200.00",
        credit: "60.00",
        committedCash: "300.00",
        committedCredit: "100.00",
      },
    ]);
  });

  it("R-RUN-1: committed cash above finance's cash is taken from credit: spendable = cash + credit − committed, no money pays twice", () => {
    const plan = allocate(
      t100Wave(20, {
        franchisees: [franchisee("F01", 1, "300", { creditLimit: "1000" })],
        orders: [order("SO-1", "F01", "2026-02-10", [t100(20, "100", { allocated: 5 })])],
        commitments: [committedOnSo1(5, "500", "0")],
      }),
    );
    // 300 cash + 1000 credit − 500 committed = 800: the 200 cash short comes out of credit.
    expect(plan.balances[0]).toMatchObject({
      spendableBefore: "800.00",
      committedBefore: "500.00",
    });
    expect(plan.franchiseeAllocations.map((a) => [a.quantity, a.cash, a.credit])).toEqual([
      [8, "0.00", "800.00"],
    ]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["COMMITMENTS_EXCEED_FUNDS"]);
  });

  it("R-RUN-1: cash parts are netted from cash and credit parts from available credit", () => {
    const plan = allocate(
      t100Wave(10, {
        franchisees: [franchisee("F01", 1, "300", { creditLimit: "500" })],
        orders: [order("SO-1", "F01", "2026-02-10", [t100(9, "100", { allocated: 2 })])],
        commitments: [committedOnSo1(2, "100", "100")],
      }),
    );
    // cash 300 − 100 = 200, credit 500 − 100 = 400: 600 buys 6 of the 7 outstanding.
    expect(plan.balances[0]).toMatchObject({
      spendableBefore: "600.00",
      committedBefore: "200.00",
    });
    expect(plan.franchiseeAllocations.map((a) => [a.quantity, a.cash, a.credit])).toEqual([
      [6, "200.00", "400.00"],
    ]);
  });

  it("R-RUN-1: a commitment row is checked against its line", () => {
    const commitment = {
      order: "SO-1",
      line: 1,
      franchisee: "F01",
      sku: "T100",
      quantity: 2,
      cash: "100",
      credit: "100",
    };
    const result = safeAllocate(
      t100Wave(1, {
        franchisees: [franchisee("F01", 1, "0"), franchisee("F02", 2, "0")],
        orders: [order("SO-1", "F01", "2026-02-10", [t100(5, "100", { allocated: 2 })])],
        commitments: [
          commitment,
          { ...commitment, plan: "P" },
          { ...commitment, franchisee: "F02", sku: "T200", cash: "1", plan: "Q" },
          { ...commitment, line: 9 },
          { ...commitment, order: "SO-9" },
          commitment,
          { ...commitment, quantity: 0, committedOn: "2026-04-01" },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.issues?.map((found) => `${found.code} ${found.path.join(".")}`)).toEqual([
      "too_small commitments.6.quantity",
      "inconsistent commitments.2.franchisee",
      "inconsistent commitments.2.sku",
      "inconsistent commitments.2.cash",
      "unknown_reference commitments.3.line",
      "unknown_reference commitments.4.order",
      "duplicate_key commitments.5.line",
      "inconsistent commitments.5.quantity",
    ]);
  });
});

describe("R-RUN-2: carryForward builds the next run's input", () => {
  it("R-RUN-2: released locks bar their line, store allocations travel as in transit, served region needs go, finished orders drop", () => {
    const input: AllocationInput = t100Wave(4, {
      franchisees: [franchisee("F01", 1, "0"), franchisee("F02", 2, "1000")],
      orders: [
        order("SO-1", "F01", "2026-02-10", [t100(2, "10")]),
        order("SO-2", "F02", "2026-02-11", [t100(1, "10")]),
      ],
      locks: [
        {
          id: "L1",
          order: "SO-1",
          line: 1,
          franchisee: "F01",
          sku: "T100",
          quantity: 2,
          lockedOn: "2026-02-14",
          expiresOn: "2026-03-01",
        },
      ],
      regions: [{ id: "shenzhen" }],
      stores: [store("SZ-1", "shenzhen")],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 4, onHand: 1 }],
      regionNeeds: [{ region: "shenzhen", sku: "T100", quantity: 1 }],
    });
    const plan = allocate(input);
    // L1 expires: 2 back to stock (6). SO-2 gets 1 (funded); SO-1 is barred; SZ-1 gets 3; the region 1; 1 left.
    expect(plan.releasedLocks.map((l) => l.lockBlockedUntil)).toEqual(["2026-03-16"]);
    const next = carryForward(input, plan, {
      asOf: "2026-03-02",
      arrivals: [
        { sku: "T100", quantity: 2 },
        { sku: "T100", quantity: 3 },
      ],
    });
    expect(next.orders).toEqual([
      {
        id: "SO-1",
        franchisee: "F01",
        orderedOn: "2026-02-10",
        lines: [
          {
            line: 1,
            sku: "T100",
            quantity: 2,
            unitPrice: "10.00",
            allocated: 0,
            lockBlockedUntil: "2026-03-16",
          },
        ],
      },
      // SO-2 is fully allocated but not yet posted: it stays for its commitment.
      {
        id: "SO-2",
        franchisee: "F02",
        orderedOn: "2026-02-11",
        lines: [{ line: 1, sku: "T100", quantity: 1, unitPrice: "10.00", allocated: 1 }],
      },
    ]);
    expect(next.locks).toEqual([]);
    expect(next.supply).toEqual([{ sku: "T100", quantity: 1 + 5 }]);
    expect(next.storeNeeds).toEqual([
      { store: "SZ-1", sku: "T100", safetyStock: 4, onHand: 1, inTransit: 3 },
    ]);
    expect(next.regionNeeds).toEqual([]);
    // Once SO-2's unit ships, the order has nothing left and is dropped.
    const after = carryForward(next, allocate(next), {
      asOf: "2026-03-03",
      shipped: [{ order: "SO-2", line: 1, quantity: 1 }],
    });
    expect(after.orders?.map((o) => o.id)).toEqual(["SO-1"]);
    expect(after.franchisees?.find((f) => f.id === "F02")?.cash).toBe("990.00");
  });

  it("R-RUN-2: a shipment settles its line's commitments oldest first, and each one's cash part first (R-POST-1)", () => {
    const row = { order: "SO-1", line: 1, franchisee: "F01", sku: "T100" };
    const input = t100Wave(0, {
      franchisees: [franchisee("F01", 1, "500", { creditLimit: "1000", creditUsed: "0" })],
      orders: [order("SO-1", "F01", "2026-02-10", [t100(5, "100", { allocated: 4 })])],
      commitments: [
        { ...row, plan: "B", committedOn: "2026-02-20", quantity: 2, cash: "50", credit: "150" },
        { ...row, plan: "A", committedOn: "2026-02-25", quantity: 2, cash: "200", credit: "0" },
      ],
    });
    const next = carryForward(input, allocate(input), {
      asOf: "2026-03-02",
      shipped: [{ order: "SO-1", line: 1, quantity: 3 }],
    });
    // 3 × 100 = 300: the 02-20 row (2 units) posts 50 cash + 150 credit, the 02-25 row 1 unit: 100 cash.
    expect(next.commitments?.map((c) => [c.plan, c.quantity, c.cash, c.credit])).toEqual([
      ["A", 1, "100.00", "0.00"],
    ]);
    expect(next.franchisees).toEqual([
      { id: "F01", priority: 1, cash: "350.00", creditLimit: "1000.00", creditUsed: "150.00" },
    ]);
  });

  it("R-RUN-2: the next input is in canonical order, whatever the order of the input", () => {
    const input = t100Wave(10, {
      products: [
        { sku: "T200", season: "SS" },
        { sku: "T100", season: "SS" },
      ],
      franchisees: [franchisee("F02", 2, "100"), franchisee("F01", 1, "300")],
      orders: [
        order("SO-2", "F02", "2026-02-10", [t100(3, "100")]),
        order("SO-1", "F01", "2026-02-10", [
          t100(3, "100"),
          { sku: "T200", quantity: 1, unitPrice: "5", line: 2 },
        ]),
      ],
    });
    const next = carryForward(input, allocate(input), { asOf: "2026-03-02" });
    expect(next.products?.map((p) => p.sku)).toEqual(["T100", "T200"]);
    expect(next.franchisees?.map((f) => f.id)).toEqual(["F01", "F02"]);
    expect(next.orders?.map((o) => o.id)).toEqual(["SO-1", "SO-2"]);
    expect(next.commitments?.map((c) => [c.order, c.line])).toEqual([
      ["SO-1", 1],
      ["SO-2", 1],
    ]);
    expect(parseAllocationInput(next).ok).toBe(true);
  });
});

describe("R-RUN-3: a plan's identity, and a plan carried once", () => {
  it("R-RUN-3: the planId is a digest of the parsed input: amounts by value, arrays in any order", () => {
    const plan = allocate(day1());
    expect(plan.planId).toMatch(/^[0-9a-f]{64}$/);
    const same = allocate(
      t100Wave(10, {
        orders: [order("SO-1", "F01", "2026-02-10", [t100(8, "100.00")])],
        franchisees: [franchisee("F01", 1, "500.000", { creditLimit: "0", creditUsed: 0 })],
        policy: { lockDays: 15 },
      }),
    );
    expect(same.planId).toBe(plan.planId);
    const parsed = parseAllocationInput(day1());
    expect(parsed.ok && planIdOf(parsed.value)).toBe(plan.planId);
    expect(allocate({ ...day1(), policy: { lockDays: 14 } }).planId).not.toBe(plan.planId);
  });

  it("R-RUN-3: carrying the same plan again, or another input's plan, is refused", () => {
    const input1 = day1();
    const plan1 = allocate(input1);
    const input2 = carryForward(input1, plan1, { asOf: "2026-03-02" });
    const before = structuredClone(input2);
    expect(refused(() => carryForward(input2, plan1, { asOf: "2026-03-03" }))).toEqual([
      "inconsistent plan.planId",
    ]);
    expect(input2).toEqual(before);
    try {
      carryForward(input2, plan1, { asOf: "2026-03-03" });
    } catch (error) {
      expect((error as InputError).issues[0]?.message).toBe(
        "the plan is not the plan of this input: this plan was already carried forward, or was made from another input",
      );
    }
    const other = allocate(t100Wave(1));
    expect(refused(() => carryForward(input1, other, { asOf: "2026-03-02" }))).toEqual([
      "inconsistent plan.planId",
    ]);
  });

  it("R-PREVIEW, R-RUN-2: a preview's plan commits nothing and is not carried forward", () => {
    const input1 = day1();
    const preview = previewAllocation(input1, [{ sku: "T100", quantity: 4 }]);
    expect(refused(() => carryForward(input1, preview, { asOf: "2026-03-02" }))).toContain(
      "inconsistent plan.preview",
    );
  });

  it("R-RUN-2: every argument is checked, each problem under input, plan or next", () => {
    const input1 = day1();
    const plan1 = allocate(input1);
    expect(
      refused(() =>
        carryForward(
          { ...input1, asOf: "2026-02-30" },
          { ...plan1, planId: "x" },
          {
            asOf: "2026-03-02",
            payments: [{ franchisee: "F01", amount: "-1" }],
          },
        ),
      ),
    ).toEqual([
      "invalid_date input.asOf",
      "invalid_value plan.planId",
      "invalid_amount next.payments.0.amount",
    ]);
    expect(
      refused(() =>
        carryForward(input1, plan1, {
          asOf: "2026-03-01",
          arrivals: [{ sku: "NOPE", quantity: 1 }],
          payments: [{ franchisee: "F09", amount: "1" }],
          balances: [
            { franchisee: "F01", cash: "1" },
            { franchisee: "F01", cash: "2" },
          ],
          shipped: [
            { order: "SO-1", line: 1, quantity: 6 },
            { order: "SO-1", line: 2, quantity: 1 },
          ],
        }),
      ),
    ).toEqual([
      "inconsistent next.asOf",
      "unknown_reference next.payments.0.franchisee",
      "duplicate_key next.balances.1.franchisee",
      "unknown_reference next.arrivals.0.sku",
      "inconsistent next.shipped.0.quantity",
      "unknown_reference next.shipped.1.line",
    ]);
  });
});
