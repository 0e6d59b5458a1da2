import { beforeEach, describe, expect, it } from "vitest";
import type { LifecycleEventInput } from "../../src/index.js";
import {
  type Actor,
  type AllocationPlan,
  allocate,
  allocationDemand,
  applyPlan,
  type InputError,
  indicators,
  parseWorkCalendar,
  ratio,
  receiveOrder,
  type SalesOrder,
  transition,
} from "../../src/index.js";
import { planWith } from "../support/fixtures.js";
import { runEvents } from "../support/lifecycle.js";

const actor: Actor = { by: "kpi", at: "2026-03-01T10:00:00+08:00" };

function approvedOrder(
  id: string,
  franchisee: string,
  lines: { sku: string; quantity: number }[],
): SalesOrder {
  let order = receiveOrder(
    {
      id,
      franchisee,
      orderedOn: "2026-02-10",
      deliveryDate: "2026-03-10",
      contact: { name: "Li", phone: "1" },
      total: String(lines.reduce((sum, l) => sum + l.quantity * 10, 0)),
      lines: lines.map((l, i) => ({
        line: i + 1,
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: "10",
        amount: String(l.quantity * 10),
      })),
    },
    actor,
  );
  for (const type of ["verify", "approve"] as const) {
    const next = transition(order, { type }, actor);
    if (!next.ok) throw new Error(next.error.message);
    order = next.order;
  }
  return order;
}

function step(order: SalesOrder, event: LifecycleEventInput): SalesOrder {
  const next = transition(order, event, actor);
  if (!next.ok) throw new Error(next.error.message);
  return next.order;
}

describe("R-KPI-1: indicators", () => {
  it("computes fill, fulfilment and lock rates from orders and plans, per franchisee, region and SKU", () => {
    const a = approvedOrder("SO-A", "F1", [{ sku: "T", quantity: 6 }]);
    const b = approvedOrder("SO-B", "F2", [
      { sku: "T", quantity: 4 },
      { sku: "U", quantity: 2 },
    ]);
    // Day 1: F1 pays for 3 of T, the rest of the supply is locked.
    const day1 = allocate({
      asOf: "2026-03-01",
      products: [
        { sku: "T", season: "SS" },
        { sku: "U", season: "SS" },
      ],
      supply: [
        { sku: "T", quantity: 8 },
        { sku: "U", quantity: 2 },
      ],
      franchisees: [
        { id: "F1", priority: 1, cash: "30" },
        { id: "F2", priority: 2, cash: "0" },
      ],
      ...allocationDemand([a, b]),
    });
    const applied = applyPlan([a, b], day1, actor);
    if (!applied.ok) throw new Error("plan");
    let [a1, b1] = applied.orders as [SalesOrder, SalesOrder];
    // F1: 3 allocated, 3 locked. F2: T 2 locked (8 − 3 − 3), U 2 locked.
    expect(a1.lines[0]?.buckets).toMatchObject({ allocated: 3, locked: 3 });
    a1 = step(
      step(
        step(step(a1, { type: "pick", line: 1, quantity: 3 }), {
          type: "ship",
          line: 1,
          quantity: 3,
        }),
        { type: "deliver", line: 1, quantity: 3 },
      ),
      { type: "accept", line: 1, quantity: 2 },
    );
    b1 = step(b1, { type: "release", line: 1, lock: b1.lines[0]?.locks[0]?.id ?? "" });

    const kpi = indicators({
      orders: [a1, b1],
      plans: [day1],
      regionOf: new Map([["F1", "shenzhen"]]),
      sla: { at: "2026-03-01T12:00:00+08:00", calendar: { timeZone: "Asia/Shanghai" } },
    });
    // Ordered 12; filled (past open and locked): F1 3, F2 0 → 3/12. Accepted 2/12.
    expect(kpi.overall.fillRate).toEqual({ numerator: 3, denominator: 12, rate: "0.2500" });
    expect(kpi.overall.fulfilmentRate).toEqual({ numerator: 2, denominator: 12, rate: "0.1667" });
    // R-SLA-2: F1's 3 allocated units shipped at once, on time; F2 has nothing allocated, no clock.
    expect(kpi.overall.onTimeShipmentRate).toEqual({
      numerator: 3,
      denominator: 3,
      rate: "1.0000",
    });
    expect(kpi.bySku.map((r) => [r.sku, r.onTimeShipmentRate.denominator])).toEqual([
      ["T", 3],
      ["U", 0],
    ]);
    // Day 1 locked 3 (F1) + 2 + 2 (F2) = 7 units; none converted or expired yet: no rate.
    expect(kpi.overall.lockConversionRate).toEqual({
      numerator: 0,
      denominator: 0,
      rate: null,
    });
    expect(kpi.byFranchisee.map((r) => [r.franchisee, r.fillRate.rate])).toEqual([
      ["F1", "0.5000"],
      ["F2", "0.0000"],
    ]);
    expect(kpi.byRegion.map((r) => r.region)).toEqual(["(none)", "shenzhen"]);
    expect(kpi.bySku.map((r) => [r.sku, r.fillRate.numerator, r.fillRate.denominator])).toEqual([
      ["T", 3, 10],
      ["U", 0, 2],
    ]);
  });

  it("counts conversions and expiries of locks across plans", () => {
    const lock = {
      id: "L1",
      order: "SO-1",
      line: 1,
      franchisee: "F1",
      sku: "T",
      quantity: 4,
      lockedOn: "2026-03-01",
      expiresOn: "2026-03-16",
      isNew: true,
    };
    const plan = (rows: object) => planWith(rows as Partial<AllocationPlan>);
    const kpi = indicators({
      orders: [],
      plans: [
        plan({ locks: [lock] }),
        plan({
          franchiseeAllocations: [
            {
              order: "SO-1",
              line: 1,
              franchisee: "F1",
              sku: "T",
              quantity: 3,
              unitPrice: "10.00",
              amount: "30.00",
              cash: "30.00",
              credit: "0.00",
              source: "lock",
            },
          ],
          locks: [{ ...lock, quantity: 1, isNew: false }],
        }),
        plan({
          releasedLocks: [
            {
              id: "L1",
              order: "SO-1",
              line: 1,
              franchisee: "F1",
              sku: "T",
              quantity: 1,
              expiresOn: "2026-03-16",
              lockBlockedUntil: "2026-03-31",
            },
          ],
        }),
      ],
    });
    expect(kpi.overall.lockConversionRate).toEqual({
      numerator: 3,
      denominator: 4,
      rate: "0.7500",
    });
    expect(kpi.overall.lockExpiryRate).toEqual({ numerator: 1, denominator: 4, rate: "0.2500" });
  });

  it("R-KPI-1: a plan converting a lock placed before the period keeps the rate within 0–1", () => {
    const carried = {
      id: "L0",
      order: "SO-1",
      line: 1,
      franchisee: "F1",
      sku: "T",
      quantity: 1,
      lockedOn: "2026-02-01",
      expiresOn: "2026-02-16",
      isNew: false,
    };
    const kpi = indicators({
      orders: [],
      plans: [
        planWith({
          asOf: "2026-02-10",
          franchiseeAllocations: [
            {
              order: "SO-1",
              line: 1,
              franchisee: "F1",
              sku: "T",
              quantity: 5,
              unitPrice: "10.00",
              amount: "50.00",
              cash: "50.00",
              credit: "0.00",
              source: "lock",
            },
          ],
          locks: [carried, { ...carried, id: "L1", quantity: 1, isNew: true }],
        }),
      ],
    });
    expect(kpi.byFranchisee[0]?.lockConversionRate).toEqual({
      numerator: 5,
      denominator: 5,
      rate: "1.0000",
    });
    expect(kpi.overall.lockExpiryRate.rate).toBe("0.0000");
  });

  it("§7: refuses an order given twice, or one that is no sales order, every problem at its path", () => {
    const order = approvedOrder("SO-1", "F1", [{ sku: "T", quantity: 2 }]);
    const issues = (orders: unknown[]) => {
      try {
        indicators({ orders: orders as SalesOrder[] });
      } catch (error) {
        return (error as InputError).issues.map((issue) => [issue.path, issue.message]);
      }
      return [];
    };
    expect(issues([order, order])).toEqual([
      [["orders", 1, "id"], 'order "SO-1" is already orders[0]'],
    ]);
    expect(issues([{ id: "X", franchisee: "F1" }]).map(([path]) => path)).toEqual([
      ["orders", 0, "audit"],
      ["orders", 0, "lines"],
    ]);
  });

  it("R-KPI-1: a rejected order (退回) is no demand to fill, like cancelled units", () => {
    const kept = approvedOrder("SO-1", "F1", [{ sku: "T", quantity: 4 }]);
    const rejected = step(approvedOrder("SO-2", "F1", [{ sku: "T", quantity: 6 }]), {
      type: "reject",
      reason: "credit hold",
    });
    const kpi = indicators({ orders: [kept, rejected] });
    expect(kpi.overall.fillRate).toEqual({ numerator: 0, denominator: 4, rate: "0.0000" });
    expect(kpi.overall.fulfilmentRate.denominator).toBe(4);
  });

  it("rounds rates half-even to four decimals and has no rate for nothing counted", () => {
    expect(ratio(5, 6).rate).toBe("0.8333");
    expect(ratio(1, 8).rate).toBe("0.1250");
    expect(ratio(1, 3).rate).toBe("0.3333");
    expect(ratio(2, 3).rate).toBe("0.6667");
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});

describe("R-KPI-1: the on-time shipment rate reads the R-SLA-2 clocks", () => {
  // Asia/Shanghai, Thursday 5 March 2026 a holiday: allocated Monday 2 March 10:00, due Friday 6
  // March 10:00; allocated Wednesday 4 March 14:00, due Tuesday 10 March 14:00.
  const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai", holidays: ["2026-03-05"] });
  const on = (day: string, time: string) => `2026-03-${day}T${time}:00+08:00`;
  const run = (order: SalesOrder, at: string, ...events: LifecycleEventInput[]) =>
    runEvents(order, { by: "ops", at }, ...events);
  const allocated = (order: SalesOrder, at: string, line: number, quantity: number) =>
    run(
      order,
      at,
      { type: "allocate", line, quantity, source: "funded", cash: `${quantity * 10}`, credit: "0" },
      { type: "pick", line, quantity },
    );
  const ship = (order: SalesOrder, at: string, line: number, quantity: number) =>
    run(order, at, { type: "ship", line, quantity });

  // SO-A (F1): T 6 allocated Monday — 4 shipped Thursday (on time), 2 Saturday (late).
  // U 4 allocated Wednesday — 1 shipped Friday (on time), 3 still owed (due Tuesday 10th).
  let a: SalesOrder;
  let soA: SalesOrder;
  let soB: SalesOrder;
  let soC: SalesOrder;
  beforeEach(() => {
    a = approvedOrder("SO-A", "F1", [
      { sku: "T", quantity: 6 },
      { sku: "U", quantity: 4 },
    ]);
    soA = ship(
      ship(
        ship(
          allocated(allocated(a, on("02", "10:00"), 1, 6), on("04", "14:00"), 2, 4),
          on("05", "09:00"),
          1,
          4,
        ),
        on("06", "09:00"),
        2,
        1,
      ),
      on("07", "11:00"),
      1,
      2,
    );
    // SO-B (F2): T 5 allocated Monday, never shipped, cancelled on Monday 9th: 5 units late.
    soB = run(
      allocated(approvedOrder("SO-B", "F2", [{ sku: "T", quantity: 5 }]), on("02", "10:00"), 1, 5),
      on("09", "10:00"),
      {
        type: "cancel",
        reason: "closed shop",
      },
    );
    // SO-C (F2): T 3 allocated Monday, cancelled in time on Tuesday: not counted.
    soC = run(
      allocated(approvedOrder("SO-C", "F2", [{ sku: "T", quantity: 3 }]), on("02", "10:00"), 1, 3),
      on("03", "10:00"),
      {
        type: "cancel",
        reason: "duplicate",
      },
    );
  });

  it("R-KPI-1: a unit is on time if shipped by its clock's deadline; units not yet due do not count", () => {
    const kpi = indicators({ orders: [soA, soB, soC], sla: { at: on("09", "12:00"), calendar } });
    // On time: T 4, U 1. Due: T 4 + 2 (late) + 5 (SO-B, cancelled late); U 1 — its 3 due Tuesday.
    expect(kpi.overall.onTimeShipmentRate).toEqual({
      numerator: 5,
      denominator: 12,
      rate: "0.4167",
    });
    expect(kpi.byFranchisee.map((r) => [r.franchisee, r.onTimeShipmentRate.rate])).toEqual([
      ["F1", "0.7143"],
      ["F2", "0.0000"],
    ]);
    expect(
      kpi.bySku.map((r) => [
        r.sku,
        r.onTimeShipmentRate.numerator,
        r.onTimeShipmentRate.denominator,
      ]),
    ).toEqual([
      ["T", 4, 11],
      ["U", 1, 1],
    ]);
    // After Tuesday 14:00, U's 3 owed units are due, and late.
    const later = indicators({ orders: [soA], sla: { at: on("10", "15:00"), calendar } });
    expect(later.overall.onTimeShipmentRate).toEqual({
      numerator: 5,
      denominator: 10,
      rate: "0.5000",
    });
  });

  it('R-KPI-1: under shipClockFrom "receipt" every unit is due 3 working days after receipt', () => {
    // Received and approved Sunday 1 March: due Thursday 5 is a holiday, so Friday 6 March 00:00.
    const kpi = indicators({
      orders: [soA],
      sla: { at: on("09", "12:00"), calendar, policy: { shipClockFrom: "receipt" } },
    });
    // T: 4 shipped Thursday on time, 2 late; U: 1 shipped Friday 09:00 (late), 3 owed past the deadline.
    expect(kpi.overall.onTimeShipmentRate).toEqual({
      numerator: 4,
      denominator: 10,
      rate: "0.4000",
    });
  });

  it("R-KPI-1: without an SLA reading there is no on-time rate", () => {
    expect(indicators({ orders: [soA] }).overall.onTimeShipmentRate).toEqual({
      numerator: 0,
      denominator: 0,
      rate: null,
    });
  });

  it("§7: refuses a malformed SLA reading, every problem under sla", () => {
    try {
      indicators({
        orders: [soA],
        sla: {
          at: "2026-03-09",
          calendar: { timeZone: "Mars/Olympus" },
          policy: { shipClockFrom: "later" as "receipt" },
        },
      });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path)).toEqual([
        ["sla", "calendar", "timeZone"],
        ["sla", "at"],
        ["sla", "policy", "shipClockFrom"],
      ]);
    }
  });
});
