/**
 * R-SLA-2, edition 2: shipping clocks from each allocation (the default,
 * `shipClockFrom: "allocation"`), and breaches that stay breaches after a
 * cancellation, rejection or amendment (R-SLA-1..3). Hand-computed on a
 * calendar in Asia/Shanghai with the weekend and one holiday, Thursday
 * 2026-03-05: from Monday 2 March 10:00, three working days are Tuesday 3,
 * Wednesday 4 and Friday 6 — due Friday 6 March 10:00.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { LifecycleEventInput } from "../../src/index.js";
import {
  DEFAULT_SLA_POLICY,
  orderSla,
  parseWorkCalendar,
  receiveOrder,
  type SalesOrder,
  type SlaClock,
  type SlaOptions,
  slaBreaches,
} from "../../src/index.js";
import { runEvents } from "../support/lifecycle.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai", holidays: ["2026-03-05"] });

/** Shanghai wall time: `at("03-02", "10:00")`. */
const at = (day: string, time: string) => `2026-${day}T${time}:00+08:00`;

/**
 * An order of 10 units at 10.00, received and approved at the instants given; by default a
 * pre-order (订货会) received Tuesday 20 January 09:00 and approved at 10:00.
 */
function preOrder(
  id = "SO-PRE",
  receivedAt = at("01-20", "09:00"),
  approvedAt = at("01-20", "10:00"),
): SalesOrder {
  const order = receiveOrder(
    {
      id,
      franchisee: "F01",
      orderedOn: receivedAt.slice(0, 10),
      deliveryDate: "2026-03-31",
      contact: { name: "Li Lei", phone: "13800000000" },
      total: "100.00",
      lines: [{ line: 1, sku: "SS26-T", quantity: 10, unitPrice: "10.00", amount: "100.00" }],
    },
    { by: "sales:li", at: receivedAt },
  );
  return then(order, approvedAt, { type: "verify" }, { type: "approve" });
}

function then(order: SalesOrder, instant: string, ...events: LifecycleEventInput[]): SalesOrder {
  return runEvents(order, { by: "ops:wang", at: instant }, ...events);
}

/** Allocates and picks `quantity` units of line 1, paid in cash. */
const allocated = (order: SalesOrder, instant: string, quantity: number) =>
  then(
    order,
    instant,
    {
      type: "allocate",
      line: 1,
      quantity,
      source: "funded",
      cash: `${quantity * 10}`,
      credit: "0",
    },
    { type: "pick", line: 1, quantity },
  );

const shipped = (order: SalesOrder, instant: string, quantity: number) =>
  then(order, instant, { type: "ship", line: 1, quantity });

const cancelled = (order: SalesOrder, instant: string) =>
  then(order, instant, { type: "cancel", reason: "season cancelled" });

const clockOf = (
  order: SalesOrder,
  instant: string,
  sla: SlaClock["sla"],
  more: Partial<SlaOptions> = {},
) => orderSla(order, { at: instant, calendar, ...more }).find((clock) => clock.sla === sla);

const shipping = (order: SalesOrder, instant: string, more: Partial<SlaOptions> = {}) =>
  clockOf(order, instant, "R-SLA-2", more);

const RECEIPT = { policy: { shipClockFrom: "receipt" } } as const;

describe("R-SLA-2: a shipping clock starts at each allocation (shipClockFrom: allocation)", () => {
  let onMonday: SalesOrder;
  beforeEach(() => {
    onMonday = allocated(preOrder(), at("03-02", "10:00"), 10);
  });

  it("R-SLA-2: is the default", () => {
    expect(DEFAULT_SLA_POLICY.shipClockFrom).toBe("allocation");
  });

  it("R-SLA-2: a pre-order allocated on Monday 10:00 is due 3 working days later, the holiday skipped", () => {
    expect(shipping(onMonday, at("03-04", "12:00"))).toEqual({
      sla: "R-SLA-2",
      order: "SO-PRE",
      startedAt: "2026-03-02T10:00:00+08:00",
      deadline: "2026-03-06T10:00:00+08:00",
      status: "pending",
      leftMs: DAY + 22 * HOUR,
      left: "1 d 22 h",
      clocks: [
        {
          entry: 4,
          line: 1,
          startedAt: "2026-03-02T10:00:00+08:00",
          deadline: "2026-03-06T10:00:00+08:00",
          units: 10,
          shippedUnits: 0,
          status: "pending",
          leftMs: DAY + 22 * HOUR,
          left: "1 d 22 h",
        },
      ],
    });
  });

  it("R-SLA-2: shipped in time, the pre-order is met — its 41 days of waiting for stock are no breach", () => {
    const done = shipped(onMonday, at("03-06", "09:00"), 10);
    expect(shipping(done, at("03-10", "12:00"))).toMatchObject({
      status: "met",
      completedAt: "2026-03-06T09:00:00+08:00",
      earlyByMs: HOUR,
      earlyBy: "1 h",
    });
  });

  it('R-SLA-2: "receipt" gives the first reading: due 3 working days after receipt, 42 days late', () => {
    const done = shipped(onMonday, at("03-06", "09:00"), 10);
    expect(shipping(done, at("03-10", "12:00"), RECEIPT)).toEqual({
      sla: "R-SLA-2",
      order: "SO-PRE",
      startedAt: "2026-01-20T09:00:00+08:00",
      deadline: "2026-01-23T09:00:00+08:00",
      status: "breached",
      completedAt: "2026-03-06T09:00:00+08:00",
      lateByMs: 42 * DAY,
      lateBy: "42 d",
    });
  });

  describe("R-SLA-2: part allocated Monday, part Wednesday; shipments settle the oldest clock first", () => {
    // Monday 10:00: 6 units, due Friday 6 March 10:00. Wednesday 14:00: 4 units — Thursday is a
    // holiday and the weekend is off: Friday 6, Monday 9, Tuesday 10 — due Tuesday 10 March 14:00.
    let inTwo: SalesOrder;
    let first: SalesOrder;
    let both: SalesOrder;
    beforeEach(() => {
      inTwo = allocated(allocated(preOrder(), at("03-02", "10:00"), 6), at("03-04", "14:00"), 4);
      // Thursday 16:00: 5 units — all of them the Monday clock's. Friday 15:00: its last unit, late, and
      // the Wednesday clock's 4.
      first = shipped(inTwo, at("03-05", "16:00"), 5);
      both = shipped(first, at("03-06", "15:00"), 5);
    });

    it("R-SLA-2: every clock pending: the order shows the nearest deadline", () => {
      const order = shipping(first, at("03-05", "18:00"));
      expect(order).toMatchObject({
        startedAt: "2026-03-02T10:00:00+08:00",
        deadline: "2026-03-06T10:00:00+08:00",
        status: "pending",
        left: "16 h",
      });
      expect(
        order?.clocks?.map((c) => [c.entry, c.units, c.shippedUnits, c.deadline, c.status]),
      ).toEqual([
        [4, 6, 5, "2026-03-06T10:00:00+08:00", "pending"],
        [6, 4, 0, "2026-03-10T14:00:00+08:00", "pending"],
      ]);
    });

    it("R-SLA-2: the oldest clock past its deadline with a unit unshipped breaches the order", () => {
      expect(shipping(first, at("03-06", "12:00"))).toMatchObject({
        deadline: "2026-03-06T10:00:00+08:00",
        status: "breached",
        lateByMs: 2 * HOUR,
        lateBy: "2 h",
      });
    });

    it("R-SLA-2: the late last unit of the Monday clock breaches it; the Wednesday clock is met", () => {
      const order = shipping(both, at("03-11", "09:00"));
      expect(order).toMatchObject({
        startedAt: "2026-03-02T10:00:00+08:00",
        deadline: "2026-03-06T10:00:00+08:00",
        status: "breached",
        completedAt: "2026-03-06T15:00:00+08:00",
        lateBy: "5 h",
      });
      expect(order?.clocks).toEqual([
        {
          entry: 4,
          line: 1,
          startedAt: "2026-03-02T10:00:00+08:00",
          deadline: "2026-03-06T10:00:00+08:00",
          units: 6,
          shippedUnits: 6,
          status: "breached",
          completedAt: "2026-03-06T15:00:00+08:00",
          lateByMs: 5 * HOUR,
          lateBy: "5 h",
        },
        {
          entry: 6,
          line: 1,
          startedAt: "2026-03-04T14:00:00+08:00",
          deadline: "2026-03-10T14:00:00+08:00",
          units: 4,
          shippedUnits: 4,
          status: "met",
          completedAt: "2026-03-06T15:00:00+08:00",
          earlyByMs: 3 * DAY + 23 * HOUR,
          earlyBy: "3 d 23 h",
        },
      ]);
    });

    it("R-SLA-2: the worst clock decides, even when it is the younger one", () => {
      const early = shipped(inTwo, at("03-03", "09:00"), 6);
      const late = shipped(early, at("03-11", "09:00"), 4);
      expect(shipping(late, at("03-12", "09:00"))).toMatchObject({
        startedAt: "2026-03-04T14:00:00+08:00",
        deadline: "2026-03-10T14:00:00+08:00",
        status: "breached",
        lateBy: "19 h",
      });
      // All met: the smallest margin stands for the order.
      const inTime = shipped(early, at("03-10", "09:00"), 4);
      expect(shipping(inTime, at("03-12", "09:00"))).toMatchObject({
        deadline: "2026-03-10T14:00:00+08:00",
        status: "met",
        earlyBy: "5 h",
      });
    });
  });

  it("R-SLA-2: units never allocated have no clock; an order with nothing allocated has no R-SLA-2 clock", () => {
    const waiting = preOrder();
    expect(orderSla(waiting, { at: at("03-01", "12:00"), calendar }).map((c) => c.sla)).toEqual([
      "R-SLA-1",
    ]);
    // The first reading had it breached for 37 days already.
    expect(shipping(waiting, at("03-01", "12:00"), RECEIPT)).toMatchObject({
      status: "breached",
      lateBy: "37 d 3 h",
    });
    const part = shipped(allocated(waiting, at("03-02", "10:00"), 6), at("03-03", "10:00"), 6);
    expect(shipping(part, at("03-20", "10:00"))).toMatchObject({ status: "met", earlyBy: "3 d" });
  });

  it("R-SLA-2: a lock converted into an allocation starts its clock at the allocation, not the lock", () => {
    const locked = then(preOrder(), at("02-20", "10:00"), {
      type: "lock",
      line: 1,
      quantity: 10,
      lock: "LK-1",
      lockedOn: "2026-02-20",
      expiresOn: "2026-03-07",
    });
    const converted = then(locked, at("03-02", "10:00"), {
      type: "allocate",
      line: 1,
      quantity: 10,
      source: "lock",
      cash: "100",
      credit: "0",
    });
    expect(shipping(converted, at("03-03", "10:00"))).toMatchObject({
      startedAt: "2026-03-02T10:00:00+08:00",
      deadline: "2026-03-06T10:00:00+08:00",
      status: "pending",
    });
  });

  it("R-SLA-2: an allocation written before the receipt runs from the receipt, the later of the two", () => {
    const order = allocated(preOrder(), at("01-19", "08:00"), 10);
    expect(shipping(order, at("01-21", "10:00"))).toMatchObject({
      startedAt: "2026-01-20T09:00:00+08:00",
      deadline: "2026-01-23T09:00:00+08:00",
    });
  });

  it("R-SLA-2: the same as the first reading when everything is allocated at receipt", () => {
    const now = allocated(
      preOrder("SO-NOW", at("03-02", "10:00"), at("03-02", "10:00")),
      at("03-02", "10:00"),
      10,
    );
    const late = shipped(shipped(now, at("03-04", "10:00"), 3), at("03-09", "11:00"), 7);
    for (const instant of [at("03-03", "10:00"), at("03-07", "10:00"), at("03-12", "10:00")]) {
      const { clocks, ...edition2 } = shipping(late, instant) as SlaClock;
      expect(clocks).toHaveLength(1);
      expect(edition2).toEqual(shipping(late, instant, RECEIPT));
    }
  });
});

describe("R-SLA-2: a breach that has happened stays a breach", () => {
  let onMonday: SalesOrder;
  beforeEach(() => {
    onMonday = allocated(preOrder(), at("03-02", "10:00"), 10);
  });

  it("R-SLA-2: cancelling after the deadline keeps the breach, by the overrun at the cancellation", () => {
    const late = cancelled(onMonday, at("03-09", "10:00"));
    const expected = {
      sla: "R-SLA-2",
      order: "SO-PRE",
      startedAt: "2026-03-02T10:00:00+08:00",
      deadline: "2026-03-06T10:00:00+08:00",
      status: "breached",
      stoppedAt: "2026-03-09T10:00:00+08:00",
      lateByMs: 3 * DAY,
      lateBy: "3 d",
    };
    const { clocks, ...order } = shipping(late, at("03-20", "10:00")) as SlaClock;
    expect(order).toEqual(expected);
    expect(clocks).toEqual([
      {
        entry: 4,
        line: 1,
        startedAt: "2026-03-02T10:00:00+08:00",
        deadline: "2026-03-06T10:00:00+08:00",
        units: 10,
        shippedUnits: 0,
        status: "breached",
        stoppedAt: "2026-03-09T10:00:00+08:00",
        lateByMs: 3 * DAY,
        lateBy: "3 d",
      },
    ]);
    // Read before the cancellation, it was breached and growing; after, it stays as it was.
    expect(shipping(late, at("03-07", "10:00"))).toMatchObject({
      status: "breached",
      lateBy: "1 d",
    });
    expect(slaBreaches([late], { at: at("03-20", "10:00"), calendar })).toMatchObject([expected]);
  });

  it("R-SLA-2: cancelling before the deadline leaves no breach and no clock", () => {
    const inTime = cancelled(onMonday, at("03-05", "12:00"));
    expect(shipping(inTime, at("03-04", "12:00"))?.status).toBe("pending");
    expect(shipping(inTime, at("03-20", "10:00"))).toBeUndefined();
    expect(slaBreaches([inTime], { at: at("03-20", "10:00"), calendar })).toEqual([]);
  });

  it('R-SLA-2 ("receipt"): a cancellation or rejection after the deadline keeps the breach', () => {
    const late = cancelled(onMonday, at("03-09", "10:00"));
    expect(shipping(late, at("03-20", "10:00"), RECEIPT)).toMatchObject({
      deadline: "2026-01-23T09:00:00+08:00",
      status: "breached",
      stoppedAt: "2026-03-09T10:00:00+08:00",
      lateBy: "45 d 1 h",
    });
    const rejected = then(preOrder(), at("01-26", "09:00"), { type: "reject", reason: "no stock" });
    expect(shipping(rejected, at("02-10", "09:00"), RECEIPT)).toMatchObject({
      status: "breached",
      stoppedAt: "2026-01-26T09:00:00+08:00",
      lateBy: "3 d",
    });
  });

  it('R-SLA-2 ("receipt"): an amendment taking every unit away after the deadline keeps the breach', () => {
    const emptied = then(preOrder(), at("01-26", "09:00"), {
      type: "amend",
      lines: [{ line: 1, quantity: 0 }],
    });
    expect(shipping(emptied, at("01-25", "09:00"), RECEIPT)).toMatchObject({
      status: "breached",
      lateBy: "2 d",
    });
    expect(shipping(emptied, at("02-10", "09:00"), RECEIPT)).toMatchObject({
      status: "breached",
      stoppedAt: "2026-01-26T09:00:00+08:00",
      lateBy: "3 d",
    });
    // Amended to nothing in time: nothing was late, nothing is owed.
    const early = then(preOrder(), at("01-21", "09:00"), {
      type: "amend",
      lines: [{ line: 1, quantity: 0 }],
    });
    expect(shipping(early, at("02-10", "09:00"), RECEIPT)).toBeUndefined();
  });

  it("R-SLA-1: cancelling an order left unprocessed past 4 hours keeps the breach", () => {
    const order = receiveOrder(
      {
        id: "SO-1",
        franchisee: "F01",
        orderedOn: "2026-03-02",
        lines: [{ line: 1, sku: "SS26-T", quantity: 1, unitPrice: "10.00" }],
      },
      { by: "sales:li", at: at("03-02", "09:00") },
    );
    const late = cancelled(order, at("03-02", "15:00"));
    expect(clockOf(late, at("03-03", "09:00"), "R-SLA-1")).toEqual({
      sla: "R-SLA-1",
      order: "SO-1",
      startedAt: "2026-03-02T09:00:00+08:00",
      deadline: "2026-03-02T13:00:00+08:00",
      status: "breached",
      stoppedAt: "2026-03-02T15:00:00+08:00",
      lateByMs: 2 * HOUR,
      lateBy: "2 h",
    });
    const inTime = cancelled(order, at("03-02", "12:00"));
    expect(clockOf(inTime, at("03-03", "09:00"), "R-SLA-1")).toBeUndefined();
  });

  it("R-SLA-3: a late answer to an after-sales request stays a breach once the order is cancelled", () => {
    const late = cancelled(onMonday, at("03-03", "10:00"));
    const requests = [
      {
        id: "AS-1",
        order: "SO-PRE",
        openedAt: at("03-02", "12:00"),
        answeredAt: at("03-04", "12:00"),
      },
    ];
    expect(orderSla(late, { at: at("03-20", "10:00"), calendar, requests })).toMatchObject([
      { sla: "R-SLA-1", status: "met" },
      { sla: "R-SLA-3", request: "AS-1", status: "breached", lateBy: "1 d" },
    ]);
  });
});
