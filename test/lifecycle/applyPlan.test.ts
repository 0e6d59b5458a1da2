/**
 * Allocation and the lifecycle, day after day (R-LOCK-PLACE, R-LOCK-CONVERT,
 * R-LOCK-EXPIRE, R-UNIT-2): `applyPlan` and `allocationDemand` on
 * hand-computed waves, their refusals included. Everything is built inside the
 * tests, so the mutation run's per-test coverage is exact.
 */
import { describe, expect, it } from "vitest";
import {
  type AllocationPlan,
  allocate,
  allocationDemand,
  applyPlan,
  type InputError,
  receiveOrder,
  type SalesOrder,
} from "../../src/index.js";
import { planWith } from "../support/fixtures.js";
import {
  planner as actor,
  approvedT100Order as approved,
  t100Order as registered,
  runEvents,
} from "../support/lifecycle.js";

const wave = (asOf: string, cash: string, supply: number, orders: readonly SalesOrder[]) =>
  allocate({
    asOf,
    products: [{ sku: "T100", season: "SS" }],
    supply: [{ sku: "T100", quantity: supply }],
    franchisees: [{ id: "F1", priority: 1, cash }],
    ...allocationDemand(orders),
  });

const applied = (orders: readonly SalesOrder[], plan: AllocationPlan) => {
  const result = applyPlan(orders, plan, actor);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
};

describe("R-LOCK-PLACE → R-LOCK-CONVERT → R-LOCK-EXPIRE through applyPlan and allocationDemand", () => {
  /** Three days of allocation, applied; built inside each test for exact per-test coverage. */
  const days = () => {
    // SO-A: line 1 × 4, line 2 × 2; SO-B: line 1 × 3. F1 has no money on 03-01.
    const a0 = approved("SO-A", [4, 2]);
    const b0 = approved("SO-B", [3]);

    // 03-01: 3 in stock, no money: SO-A/1 (first by order id) locks all 3 until 03-16.
    const day1 = applied([a0, b0], wave("2026-03-01", "0", 3, [a0, b0]));
    const [a1, b1] = day1.orders as [SalesOrder, SalesOrder];

    // 03-05: no stock, 20.00 paid: the lock converts 2 units; 1 stays locked (carried).
    const plan2 = wave("2026-03-05", "20", 0, [a1, b1]);
    const day2 = applied([a1, b1], plan2);
    const [a2, b2] = day2.orders as [SalesOrder, SalesOrder];

    // 03-16: the carried lock expires; its unit goes back to stock; SO-A/1 is barred
    // until 03-31, so SO-A/2 locks that unit.
    const plan3 = wave("2026-03-16", "0", 0, [a2, b2]);
    const day3 = applied([a2, b2], plan3);
    const [a3, b3] = day3.orders as [SalesOrder, SalesOrder];
    return { a0, b0, day1, a1, b1, plan2, day2, a2, b2, plan3, day3, a3, b3 };
  };

  it("places the lock, and the demand of a fulfilling order counts locked units as not allocated", () => {
    const { b0, day1, a1, b1 } = days();
    expect(day1.effects).toEqual([]);
    expect(a1.state).toBe("fulfilling");
    expect(a1.lines.map((l) => [l.buckets.open, l.buckets.locked])).toEqual([
      [1, 3],
      [2, 0],
    ]);
    expect(b1).toBe(b0);
    expect(allocationDemand([a1, b1])).toEqual({
      currency: "CNY",
      orders: [
        {
          id: "SO-A",
          franchisee: "F1",
          orderedOn: "2026-02-10",
          lines: [
            { line: 1, sku: "T100", quantity: 4, unitPrice: "10", allocated: 0 },
            { line: 2, sku: "T100", quantity: 2, unitPrice: "10", allocated: 0 },
          ],
        },
        {
          id: "SO-B",
          franchisee: "F1",
          orderedOn: "2026-02-10",
          lines: [{ line: 1, sku: "T100", quantity: 3, unitPrice: "10", allocated: 0 }],
        },
      ],
      locks: [
        {
          id: "LK-2026-03-01-SO-A-1",
          order: "SO-A",
          line: 1,
          franchisee: "F1",
          sku: "T100",
          quantity: 3,
          lockedOn: "2026-03-01",
          expiresOn: "2026-03-16",
        },
      ],
      commitments: [],
    });
  });

  it("converts part of the lock and leaves the carried rest alone", () => {
    const { plan2, day2, a2 } = days();
    expect(plan2.locks.map((l) => [l.id, l.quantity, l.isNew])).toEqual([
      ["LK-2026-03-01-SO-A-1", 1, false],
    ]);
    expect(day2.effects).toEqual([]);
    expect(a2.lines[0]?.buckets).toMatchObject({ open: 1, locked: 1, allocated: 2 });
    expect(a2.lines[0]?.locks).toEqual([
      { id: "LK-2026-03-01-SO-A-1", quantity: 1, lockedOn: "2026-03-01", expiresOn: "2026-03-16" },
    ]);
    expect(a2.lines[0]?.paid).toEqual({ cash: "20", credit: "0" });
  });

  it("releases the expired lock with its relock bar, and the demand carries the bar", () => {
    const { plan3, day3, a3, b3, b2 } = days();
    expect(plan3.releasedLocks.map((l) => [l.id, l.quantity, l.lockBlockedUntil])).toEqual([
      ["LK-2026-03-01-SO-A-1", 1, "2026-03-31"],
    ]);
    expect(day3.effects).toEqual([
      {
        kind: "notice",
        notice: "lock-released",
        franchisee: "F1",
        order: "SO-A",
        message: "lock LK-2026-03-01-SO-A-1 of SO-A line 1 released 1 unit(s) to free stock",
      },
    ]);
    expect(a3.lines.map((l) => [l.buckets.open, l.buckets.locked, l.lockBlockedUntil])).toEqual([
      [2, 0, "2026-03-31"],
      [1, 1, undefined],
    ]);
    expect(b3).toBe(b2);
    const demand = allocationDemand([a3, b3]);
    expect(demand.orders[0]?.lines).toEqual([
      {
        line: 1,
        sku: "T100",
        quantity: 4,
        unitPrice: "10",
        allocated: 2,
        lockBlockedUntil: "2026-03-31",
      },
      { line: 2, sku: "T100", quantity: 2, unitPrice: "10", allocated: 0 },
    ]);
    expect(demand.orders[0]?.lines.map((l) => "lockBlockedUntil" in l)).toEqual([true, false]);
    expect(demand.locks).toEqual([
      {
        id: "LK-2026-03-16-SO-A-2",
        order: "SO-A",
        line: 2,
        franchisee: "F1",
        sku: "T100",
        quantity: 1,
        lockedOn: "2026-03-16",
        expiresOn: "2026-03-31",
      },
    ]);
  });

  it("asks each line for its quantity less what was cancelled", () => {
    const { a0 } = days();
    // The lifecycle cancels whole orders; an order kept as JSON may still carry a
    // cancelled unit on a live line.
    const line = a0.lines[1] as SalesOrder["lines"][number];
    const edited: SalesOrder = {
      ...a0,
      lines: [
        a0.lines[0] as SalesOrder["lines"][number],
        {
          ...line,
          buckets: { ...line.buckets, open: 1, cancelled: 1 },
        },
      ],
    };
    expect(allocationDemand([edited]).orders[0]?.lines[1]).toEqual({
      line: 2,
      sku: "T100",
      quantity: 1,
      unitPrice: "10",
      allocated: 0,
    });
  });

  it("refuses a plan naming an order not given, and one whose event the order refuses; nothing moves", () => {
    const { a0, b0 } = days();
    const plan = wave("2026-03-01", "0", 3, [a0, b0]);
    expect(applyPlan([b0], plan, actor)).toEqual({
      ok: false,
      errors: [
        {
          order: "SO-A",
          // An order not given has no state: none is invented.
          error: {
            code: "INVALID_EVENT",
            event: "plan",
            message: "the plan names order SO-A, which was not given",
            issues: [],
          },
        },
      ],
    });
    const unapproved = registered("SO-A", [4, 2]);
    const refused = applyPlan([unapproved, b0], plan, actor);
    expect(refused.ok).toBe(false);
    expect(refused.errors).toEqual([
      {
        order: "SO-A",
        error: {
          code: "ILLEGAL_EVENT",
          state: "received",
          event: "lock",
          message:
            "lock (锁定) is not allowed in state received; it is allowed in approved, fulfilling",
          issues: [],
        },
      },
    ]);
  });
});

describe("R-UNIT-2 and §7: applyPlan and allocationDemand refuse what cannot be one run", () => {
  const actor = { by: "ops", at: "2026-03-01T09:00:00+08:00" };
  const approvedOrder = (id: string, currency: string) =>
    runEvents(
      receiveOrder(
        {
          id,
          franchisee: "F1",
          orderedOn: "2026-02-10",
          currency,
          deliveryDate: "2026-03-20",
          contact: { name: "Li", phone: "138" },
          total: "30",
          lines: [{ line: 1, sku: "T100", quantity: 3, unitPrice: "10", amount: "30" }],
        },
        actor,
      ),
      actor,
      { type: "verify" },
      { type: "approve" },
    );
  const plan = (currency: string): AllocationPlan =>
    planWith({
      currency,
      franchiseeAllocations: [
        {
          order: "SO-1",
          line: 1,
          franchisee: "F1",
          sku: "T100",
          quantity: 3,
          unitPrice: "10",
          amount: "30",
          cash: "30",
          credit: "0",
          source: "funded",
        },
      ],
    });

  it("applyPlan refuses a plan in another currency than the order, and an order given twice", () => {
    const yen = approvedOrder("SO-1", "JPY");
    const result = applyPlan([yen], plan("CNY"), actor);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        order: "SO-1",
        error: {
          code: "INVALID_EVENT",
          state: "approved",
          event: "plan",
          message: "the plan is in CNY, order SO-1 in JPY",
          issues: [],
        },
      },
    ]);
    const yuan = approvedOrder("SO-1", "CNY");
    const twice = applyPlan([yuan, yuan], plan("CNY"), actor);
    expect(twice.errors?.map((e) => e.error.message)).toContain("order SO-1 is given twice");
    const once = applyPlan([yuan], plan("CNY"), actor);
    expect(once.ok && once.orders[0]?.lines[0]?.buckets.allocated).toBe(3);
  });

  it("allocationDemand carries the orders' currency and lists every order in another one", () => {
    expect(allocationDemand([approvedOrder("SO-1", "JPY")]).currency).toBe("JPY");
    expect("currency" in allocationDemand([])).toBe(false);
    try {
      allocationDemand([
        approvedOrder("SO-1", "CNY"),
        approvedOrder("SO-2", "JPY"),
        approvedOrder("SO-3", "CNY"),
        approvedOrder("SO-4", "USD"),
      ]);
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues).toEqual([
        {
          path: [1, "currency"],
          code: "invalid_currency",
          message: "order SO-2 is in JPY, the first order taking part in CNY: one currency per run",
        },
        {
          path: [3, "currency"],
          code: "invalid_currency",
          message: "order SO-4 is in USD, the first order taking part in CNY: one currency per run",
        },
      ]);
    }
  });
});

describe("R-RUN-3 and R-RUN-1: applyPlan once, and the money of applied plans in the next demand", () => {
  it("R-RUN-3: applyPlan(applyPlan(orders, plan).orders, plan) is refused with PLAN_ALREADY_APPLIED; nothing changes", () => {
    const a0 = approved("SO-A", [4, 2]);
    const plan = wave("2026-03-01", "30", 5, [a0]);
    const once = applied([a0], plan);
    expect(once.orders[0]?.plans).toEqual([plan.planId]);
    const before = structuredClone(once.orders);
    expect(applyPlan(once.orders, plan, actor)).toEqual({
      ok: false,
      errors: [
        {
          order: "SO-A",
          error: {
            code: "PLAN_ALREADY_APPLIED",
            state: "fulfilling",
            event: "plan",
            message: `order SO-A already carries plan ${plan.planId}: a plan is applied once`,
            issues: [],
          },
        },
      ],
    });
    expect(once.orders).toEqual(before);
  });

  it("R-RUN-3: a plan without planId (edition 1) is refused, so it cannot be applied twice unseen", () => {
    const a0 = approved("SO-A", [4, 2]);
    const { planId: _id, ...plan } = wave("2026-03-01", "30", 5, [a0]);
    const result = applyPlan([a0], plan as never, actor);
    expect(result.errors?.map((e) => [e.order, e.error.code, e.error.message])).toEqual([
      [
        "SO-A",
        "INVALID_EVENT",
        "the plan has no planId (an edition-1 plan): it cannot be applied exactly once; run allocate again on its input",
      ],
    ]);
  });

  it("R-PREVIEW, R-RUN-3: a preview's plan commits nothing and is refused; nothing changes", () => {
    const a0 = approved("SO-A", [4, 2]);
    const plan = wave("2026-03-01", "30", 5, [a0]);
    const preview = { ...plan, preview: { money: "unlimited" as const, arrivals: [] } };
    const result = applyPlan([a0], preview, actor);
    expect(result.ok).toBe(false);
    expect(result.errors?.map((e) => [e.order, e.error.code, e.error.message])).toEqual([
      [
        "SO-A",
        "INVALID_EVENT",
        "the plan is a preview (previewAllocation): it commits nothing and cannot be applied; run allocate",
      ],
    ]);
    expect(a0).toEqual(approved("SO-A", [4, 2]));
  });

  it("R-RUN-1: allocationDemand gives allocated and picked units as commitments with their split; the next run nets them", () => {
    const a0 = approved("SO-A", [4, 2]);
    // 30 cash buys 3 of SO-A/1 (10 each); the rest is locked.
    const day1 = applied([a0], wave("2026-03-01", "30", 6, [a0]));
    const a1 = day1.orders[0] as SalesOrder;
    const demand = allocationDemand([a1]);
    expect(demand.commitments).toEqual([
      {
        order: "SO-A",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 3,
        cash: "30",
        credit: "0",
      },
    ]);
    // Finance still shows 30 (nothing posted): the next day can spend none of it.
    const plan2 = wave("2026-03-02", "30", 3, [a1]);
    expect(plan2.balances[0]).toMatchObject({ spendableBefore: "0.00", committedBefore: "30.00" });
    expect(plan2.franchiseeAllocations).toEqual([]);
    // A cancelled order frees its money.
    const cancelled = runEvents(a1, actor, { type: "cancel", reason: "customer" });
    expect(allocationDemand([cancelled]).commitments).toEqual([]);
  });
});
