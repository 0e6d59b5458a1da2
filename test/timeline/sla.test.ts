/**
 * The SLA clocks (SPEC §6, R-SLA-1..4) on hand-computed cases, with orders
 * moved through the real lifecycle. The R-SLA-2 clocks here are the first
 * reading, `shipClockFrom: "receipt"`; the edition-2 default, clocks from each
 * allocation, is in sla-allocation.test.ts. Unless said otherwise, the calendar is
 * Asia/Shanghai with a Spring-Festival-like 2026: Sunday 15 – Monday 23
 * February off, Saturdays 14 and 28 February worked (调休). 2026-02-06 and
 * 2026-02-13 are Fridays, 2026-02-10 a Tuesday.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import type { LifecycleEventInput } from "../../src/index.js";
import {
  DEFAULT_SLA_POLICY,
  formatDuration,
  InputError,
  orderSla,
  parseWorkCalendar,
  receiveOrder,
  type SalesOrder,
  type SlaClock,
  type SlaOptions,
  shippedAt,
  slaBreaches,
} from "../../src/index.js";
import { springCalendar } from "../support/fixtures.js";
import { runEvents } from "../support/lifecycle.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;

const calendar = springCalendar;

/** Shanghai wall time on a day of February 2026: `feb(10, "09:00")`. */
const feb = (day: number, time: string) =>
  `2026-02-${String(day).padStart(2, "0")}T${time}:00+08:00`;

/** Receives an order with one line per quantity, 10.00 a unit, ready for verification. */
function received(id: string, at: string, quantities: number[] = [5]): SalesOrder {
  const total = quantities.reduce((sum, q) => sum + q, 0) * 10;
  return receiveOrder(
    {
      id,
      franchisee: "F01",
      orderedOn: "2026-02-01",
      deliveryDate: "2026-03-31",
      contact: { name: "Li Lei", phone: "13800000000" },
      total: `${total}.00`,
      lines: quantities.map((quantity, index) => ({
        line: index + 1,
        sku: `S${index + 1}`,
        quantity,
        unitPrice: "10.00",
        amount: `${quantity * 10}.00`,
      })),
    },
    { by: "sales:li", at },
  );
}

/** Applies events at one instant, failing the test on a refusal. */
function then(order: SalesOrder, at: string, ...events: LifecycleEventInput[]): SalesOrder {
  return runEvents(order, { by: "ops:wang", at }, ...events);
}

const approve = (order: SalesOrder, at: string) =>
  then(order, at, { type: "verify" }, { type: "approve" });

/** Allocates and picks every unit of an approved order. */
const picked = (order: SalesOrder, at: string) =>
  then(
    order,
    at,
    ...order.lines.flatMap(({ line, quantity }): LifecycleEventInput[] => [
      { type: "allocate", line, quantity, source: "funded", cash: `${quantity * 10}`, credit: "0" },
      { type: "pick", line, quantity },
    ]),
  );

const ship = (order: SalesOrder, at: string, line: number, quantity: number) =>
  then(order, at, { type: "ship", line, quantity });

const clock = (clocks: readonly SlaClock[], sla: string, request?: string) =>
  clocks.find((c) => c.sla === sla && c.request === request);

/** The first reading of R-SLA-2: one clock from receipt for every unit. */
const RECEIPT = { shipClockFrom: "receipt" } as const;

const read = (order: SalesOrder, at: string, more: Partial<SlaOptions> = {}) =>
  orderSla(order, { at, calendar, ...more, policy: { ...RECEIPT, ...more.policy } });

describe("R-SLA-1: an order is processed within 4 hours of receipt", () => {
  let order: SalesOrder;
  beforeEach(() => {
    order = received("SO-1", feb(10, "09:00"));
  });

  it("is met by an approval, early by the time left", () => {
    const approved = approve(order, feb(10, "11:30"));
    expect(clock(read(approved, feb(10, "12:00")), "R-SLA-1")).toEqual({
      sla: "R-SLA-1",
      order: "SO-1",
      startedAt: "2026-02-10T09:00:00+08:00",
      deadline: "2026-02-10T13:00:00+08:00",
      status: "met",
      completedAt: "2026-02-10T11:30:00+08:00",
      earlyByMs: 90 * MINUTE,
      earlyBy: "1 h 30 min",
    });
  });

  it("is met by a rejection, and met exactly at the deadline", () => {
    const verified = then(order, feb(10, "10:00"), { type: "verify" });
    const rejected = then(verified, feb(10, "12:59"), { type: "reject", reason: "no credit" });
    expect(clock(read(rejected, feb(10, "18:00")), "R-SLA-1")).toMatchObject({
      status: "met",
      completedAt: "2026-02-10T12:59:00+08:00",
      earlyByMs: MINUTE,
      earlyBy: "1 min",
    });
    const onTheDot = approve(order, feb(10, "13:00"));
    expect(clock(read(onTheDot, feb(10, "18:00")), "R-SLA-1")).toMatchObject({
      status: "met",
      earlyByMs: 0,
      earlyBy: "0 s",
    });
  });

  it("is pending before the deadline, with the time left, up to the deadline itself", () => {
    expect(clock(read(order, feb(10, "11:00")), "R-SLA-1")).toEqual({
      sla: "R-SLA-1",
      order: "SO-1",
      startedAt: "2026-02-10T09:00:00+08:00",
      deadline: "2026-02-10T13:00:00+08:00",
      status: "pending",
      leftMs: 2 * HOUR,
      left: "2 h",
    });
    expect(clock(read(order, feb(10, "13:00")), "R-SLA-1")).toMatchObject({
      status: "pending",
      leftMs: 0,
    });
  });

  it("is breached once the deadline passes unprocessed, by how late it is", () => {
    expect(clock(read(order, feb(10, "15:15")), "R-SLA-1")).toEqual({
      sla: "R-SLA-1",
      order: "SO-1",
      startedAt: "2026-02-10T09:00:00+08:00",
      deadline: "2026-02-10T13:00:00+08:00",
      status: "breached",
      lateByMs: 2 * HOUR + 15 * MINUTE,
      lateBy: "2 h 15 min",
    });
  });

  it("is breached by a late approval, with when it came", () => {
    const late = approve(order, feb(10, "14:00"));
    expect(clock(read(late, feb(10, "16:00")), "R-SLA-1")).toMatchObject({
      status: "breached",
      completedAt: "2026-02-10T14:00:00+08:00",
      lateByMs: HOUR,
      lateBy: "1 h",
    });
  });

  it("ignores what happens after the instant it is read at", () => {
    const later = approve(order, feb(10, "14:00"));
    expect(clock(read(later, feb(10, "12:00")), "R-SLA-1")).toMatchObject({
      status: "pending",
      leftMs: HOUR,
    });
  });

  it("counts elapsed hours across a daylight-saving change", () => {
    const newYork = parseWorkCalendar({ timeZone: "America/New_York" });
    const night = received("SO-NY", "2026-03-07T23:00:00-05:00");
    const [processing] = orderSla(night, { at: "2026-03-08T05:00:00-04:00", calendar: newYork });
    expect(processing).toMatchObject({
      deadline: "2026-03-08T04:00:00-04:00",
      status: "breached",
      lateByMs: HOUR,
    });
  });

  it("writes instants in the calendar's zone, whatever offset the audit used", () => {
    const utc = received("SO-Z", "2026-02-10T01:00:00Z");
    expect(clock(read(utc, "2026-02-10T02:00:00Z"), "R-SLA-1")).toMatchObject({
      startedAt: "2026-02-10T09:00:00+08:00",
      deadline: "2026-02-10T13:00:00+08:00",
      leftMs: 3 * HOUR,
    });
  });

  it("has no deadline once the order is cancelled before it is processed", () => {
    const cancelled = then(order, feb(10, "10:30"), { type: "cancel", reason: "duplicate" });
    expect(read(cancelled, feb(10, "16:00"))).toEqual([]);
    expect(read(cancelled, feb(10, "10:00")).map((c) => `${c.sla} ${c.status}`)).toEqual([
      "R-SLA-1 pending",
      "R-SLA-2 pending",
    ]);
  });

  it("follows the policy's limit", () => {
    expect(
      clock(read(order, feb(10, "12:00"), { policy: { processingHours: 2 } }), "R-SLA-1"),
    ).toMatchObject({ deadline: "2026-02-10T11:00:00+08:00", status: "breached", lateByMs: HOUR });
    expect(DEFAULT_SLA_POLICY.processingHours).toBe(4);
  });
});

describe('R-SLA-2 (shipClockFrom "receipt"): an order is shipped within 3 working days of receipt', () => {
  // Friday evening before the Spring Festival: Saturday 14 (made up), Tuesday 24, Wednesday 25.
  let friday: SalesOrder;
  let ready: SalesOrder;
  beforeEach(() => {
    friday = approve(received("SO-2", feb(13, "18:00")), feb(13, "19:00"));
    ready = picked(friday, feb(14, "10:00"));
  });

  it("counts working days from a Friday evening before a holiday, make-up days included", () => {
    expect(clock(read(friday, feb(20, "12:00")), "R-SLA-2")).toEqual({
      sla: "R-SLA-2",
      order: "SO-2",
      startedAt: "2026-02-13T18:00:00+08:00",
      deadline: "2026-02-25T18:00:00+08:00",
      status: "pending",
      leftMs: (5 * 24 + 6) * HOUR,
      left: "5 d 6 h",
    });
  });

  it("is met by the shipment of the last unit, early by the time left", () => {
    const shipped = ship(ready, feb(24, "10:00"), 1, 5);
    expect(clock(read(shipped, feb(26, "09:00")), "R-SLA-2")).toMatchObject({
      status: "met",
      completedAt: "2026-02-24T10:00:00+08:00",
      earlyByMs: 32 * HOUR,
      earlyBy: "1 d 8 h",
    });
  });

  it("after a partial shipment, is met when the rest of the line is cancelled (cancelRemaining)", () => {
    const partly = then(
      friday,
      feb(14, "10:00"),
      { type: "allocate", line: 1, quantity: 2, source: "funded", cash: "20", credit: "0" },
      { type: "pick", line: 1, quantity: 2 },
      { type: "ship", line: 1, quantity: 2 },
    );
    expect(shippedAt(partly)).toBeUndefined();
    const cut = then(partly, feb(24, "16:00"), {
      type: "cancelRemaining",
      line: 1,
      reason: "sold out",
    });
    expect(shippedAt(cut)).toBe("2026-02-24T16:00:00+08:00");
    expect(clock(read(cut, feb(26, "09:00")), "R-SLA-2")).toMatchObject({
      status: "met",
      completedAt: "2026-02-24T16:00:00+08:00",
    });
    // Cut short after the deadline: late by as much.
    const late = then(partly, feb(26, "09:00"), {
      type: "cancelRemaining",
      line: 1,
      reason: "sold out",
    });
    expect(clock(read(late, feb(27, "09:00")), "R-SLA-2")).toMatchObject({
      status: "breached",
      lateBy: "15 h",
    });
  });

  it("is not met by a partial shipment", () => {
    const partial = ship(ready, feb(24, "10:00"), 1, 2);
    expect(shippedAt(partial)).toBeUndefined();
    expect(clock(read(partial, feb(25, "12:00")), "R-SLA-2")).toMatchObject({
      status: "pending",
      leftMs: 6 * HOUR,
      left: "6 h",
    });
    expect(clock(read(partial, feb(26, "09:30")), "R-SLA-2")).toEqual({
      sla: "R-SLA-2",
      order: "SO-2",
      startedAt: "2026-02-13T18:00:00+08:00",
      deadline: "2026-02-25T18:00:00+08:00",
      status: "breached",
      lateByMs: 15 * HOUR + 30 * MINUTE,
      lateBy: "15 h 30 min",
    });
  });

  it("is breached by a late last shipment, units delivered and accepted since counting as shipped", () => {
    const done = then(
      ship(ship(ready, feb(24, "10:00"), 1, 2), feb(26, "09:00"), 1, 3),
      feb(27, "09:00"),
      { type: "deliver", line: 1, quantity: 5 },
      { type: "accept", line: 1, quantity: 4 },
    );
    expect(shippedAt(done)).toBe(feb(26, "09:00"));
    expect(clock(read(done, feb(28, "12:00")), "R-SLA-2")).toMatchObject({
      status: "breached",
      completedAt: "2026-02-26T09:00:00+08:00",
      lateByMs: 15 * HOUR,
      lateBy: "15 h",
    });
    // Read before the last shipment, the order was still being shipped.
    expect(clock(read(done, feb(25, "18:00")), "R-SLA-2")).toMatchObject({
      status: "pending",
      leftMs: 0,
    });
  });

  it("waits for every line: shipped when the last line's last unit ships", () => {
    const two = picked(
      approve(received("SO-3", feb(10, "09:00"), [2, 3]), feb(10, "10:00")),
      feb(10, "11:00"),
    );
    const first = ship(two, feb(11, "09:00"), 2, 3);
    expect(shippedAt(first)).toBeUndefined();
    const both = ship(first, feb(12, "09:00"), 1, 2);
    expect(shippedAt(both)).toBe(feb(12, "09:00"));
    expect(clock(read(both, feb(12, "10:00")), "R-SLA-2")).toMatchObject({
      deadline: "2026-02-13T09:00:00+08:00",
      status: "met",
      earlyBy: "1 d",
    });
  });

  it("starts an order received on a non-working day at 00:00 of the next working day", () => {
    const saturday = received("SO-4", "2026-03-07T10:00:00+08:00");
    expect(clock(read(saturday, "2026-03-07T11:00:00+08:00"), "R-SLA-2")).toMatchObject({
      startedAt: "2026-03-07T10:00:00+08:00",
      deadline: "2026-03-12T00:00:00+08:00",
    });
  });

  it("keeps the wall time across a daylight-saving change", () => {
    const newYork = parseWorkCalendar({ timeZone: "America/New_York" });
    const order = received("SO-NY", "2026-03-06T09:00:00-05:00");
    const clocks = orderSla(order, {
      at: "2026-03-06T09:00:00-05:00",
      calendar: newYork,
      policy: RECEIPT,
    });
    expect(clock(clocks, "R-SLA-2")).toMatchObject({
      deadline: "2026-03-11T09:00:00-04:00",
      leftMs: (5 * 24 - 1) * HOUR,
    });
  });

  it("has no deadline for an order cancelled entirely or rejected", () => {
    const cancelled = then(friday, feb(14, "09:00"), { type: "cancel", reason: "closed shop" });
    expect(read(cancelled, feb(26, "09:00")).map((c) => `${c.sla} ${c.status}`)).toEqual([
      "R-SLA-1 met",
    ]);
    expect(clock(read(cancelled, feb(13, "20:00")), "R-SLA-2")?.status).toBe("pending");
    const verified = then(received("SO-5", feb(10, "09:00")), feb(10, "09:30"), {
      type: "verify",
    });
    const rejected = then(verified, feb(10, "10:00"), { type: "reject", reason: "no credit" });
    expect(read(rejected, feb(26, "09:00")).map((c) => `${c.sla} ${c.status}`)).toEqual([
      "R-SLA-1 met",
    ]);
  });

  it("follows the policy's number of working days", () => {
    expect(
      clock(read(friday, feb(13, "20:00"), { policy: { shippingWorkingDays: 1 } }), "R-SLA-2")
        ?.deadline,
    ).toBe("2026-02-14T18:00:00+08:00");
  });
});

describe("R-SLA-3: an after-sales request is answered within 24 hours", () => {
  let order: SalesOrder;
  beforeEach(() => {
    order = received("SO-6", feb(10, "09:00"));
  });
  const requests = (...list: { id: string; openedAt: string; answeredAt?: string }[]) =>
    list.map((request) => ({ order: "SO-6", ...request }));

  it("is met by an answer, early by the time left", () => {
    const clocks = read(order, feb(12, "12:00"), {
      requests: requests({ id: "AS-1", openedAt: feb(11, "10:00"), answeredAt: feb(12, "09:00") }),
    });
    expect(clock(clocks, "R-SLA-3", "AS-1")).toEqual({
      sla: "R-SLA-3",
      order: "SO-6",
      request: "AS-1",
      startedAt: "2026-02-11T10:00:00+08:00",
      deadline: "2026-02-12T10:00:00+08:00",
      status: "met",
      completedAt: "2026-02-12T09:00:00+08:00",
      earlyByMs: HOUR,
      earlyBy: "1 h",
    });
  });

  it("is pending before the deadline, an answer after the instant read not counting yet", () => {
    const clocks = read(order, feb(11, "22:00"), {
      requests: requests({ id: "AS-1", openedAt: feb(11, "10:00"), answeredAt: feb(12, "09:00") }),
    });
    expect(clock(clocks, "R-SLA-3", "AS-1")).toMatchObject({
      status: "pending",
      leftMs: 12 * HOUR,
      left: "12 h",
    });
  });

  it("is breached unanswered past the deadline, or answered late", () => {
    const clocks = read(order, feb(12, "12:30"), {
      requests: requests(
        { id: "AS-1", openedAt: feb(11, "10:00") },
        { id: "AS-2", openedAt: feb(11, "09:00"), answeredAt: feb(12, "11:00") },
      ),
    });
    expect(clock(clocks, "R-SLA-3", "AS-1")).toEqual({
      sla: "R-SLA-3",
      order: "SO-6",
      request: "AS-1",
      startedAt: "2026-02-11T10:00:00+08:00",
      deadline: "2026-02-12T10:00:00+08:00",
      status: "breached",
      lateByMs: 2 * HOUR + 30 * MINUTE,
      lateBy: "2 h 30 min",
    });
    expect(clock(clocks, "R-SLA-3", "AS-2")).toMatchObject({
      status: "breached",
      completedAt: "2026-02-12T11:00:00+08:00",
      lateByMs: 2 * HOUR,
    });
  });

  it("counts 24 elapsed hours, not a working day, over a holiday", () => {
    const clocks = read(order, feb(16, "08:00"), {
      requests: requests({ id: "AS-1", openedAt: feb(15, "09:00") }),
    });
    expect(clock(clocks, "R-SLA-3", "AS-1")).toMatchObject({
      deadline: "2026-02-16T09:00:00+08:00",
      leftMs: HOUR,
    });
  });

  it("ignores requests opened after the instant read and requests of other orders", () => {
    const clocks = read(order, feb(11, "12:00"), {
      requests: [
        { id: "AS-1", order: "SO-6", openedAt: feb(11, "13:00") },
        { id: "AS-2", order: "SO-other", openedAt: feb(11, "10:00") },
      ],
    });
    expect(clocks.filter((c) => c.sla === "R-SLA-3")).toEqual([]);
  });

  it("rejects malformed requests, each problem at its path", () => {
    const bad = () =>
      read(order, feb(12, "12:00"), {
        requests: [
          { id: "AS-1", order: "SO-6", openedAt: feb(11, "10:00"), answeredAt: feb(11, "09:00") },
          { id: "AS-1", order: "SO-6", openedAt: "2026-02-11T10:00:00" },
          { id: "", order: "SO-6", openedAt: "2026-02-30T10:00:00+08:00" },
        ],
      });
    expect(bad).toThrowError(InputError);
    try {
      bad();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path)).toEqual([
        ["requests", 0, "answeredAt"],
        ["requests", 1, "openedAt"],
        ["requests", 2, "id"],
        ["requests", 2, "openedAt"],
      ]);
    }
    try {
      read(order, feb(12, "12:00"), {
        requests: [
          { id: "AS-1", order: "SO-6", openedAt: feb(11, "10:00") },
          { id: "AS-1", order: "SO-6", openedAt: feb(11, "11:00") },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path)).toEqual([
        ["requests", 1, "id"],
      ]);
    }
  });
});

describe("R-SLA-4: the clocks of an order at an instant", () => {
  it("lists R-SLA-1, R-SLA-2, then R-SLA-3 by request id", () => {
    const order = received("SO-7", feb(10, "09:00"));
    const clocks = read(order, feb(11, "12:00"), {
      requests: [
        { id: "AS-2", order: "SO-7", openedAt: feb(11, "09:00") },
        { id: "AS-10", order: "SO-7", openedAt: feb(11, "10:00") },
      ],
    });
    expect(clocks.map((c) => `${c.sla} ${c.request ?? "-"} ${c.status}`)).toEqual([
      "R-SLA-1 - breached",
      "R-SLA-2 - pending",
      "R-SLA-3 AS-10 pending",
      "R-SLA-3 AS-2 pending",
    ]);
  });

  it("has no clock before the order is received", () => {
    expect(read(received("SO-8", feb(10, "09:00")), feb(10, "08:59"))).toEqual([]);
  });

  it("reads no clock: the same instant gives the same clocks", () => {
    const order = received("SO-9", feb(10, "09:00"));
    expect(read(order, feb(10, "12:00"))).toEqual(read(order, feb(10, "12:00")));
  });

  it("rejects a malformed instant, policy or audit trail, at its path", () => {
    const order = received("SO-9", feb(10, "09:00"));
    const issuesOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as InputError).issues.map((issue) => issue.path);
      }
      return [];
    };
    expect(issuesOf(() => read(order, "2026-02-10 12:00"))).toEqual([["at"]]);
    expect(issuesOf(() => read(order, feb(10, "12:00"), { policy: { answerHours: -1 } }))).toEqual([
      ["policy", "answerHours"],
    ]);
    const noReceipt = { ...order, audit: order.audit.slice(1) };
    expect(issuesOf(() => read(noReceipt, feb(10, "12:00")))).toEqual([
      ["(order)", "audit", 0, "event"],
    ]);
    // §7: a calendar given as JSON is read as parseWorkCalendar reads it, problems at its path.
    expect(
      issuesOf(() =>
        read(order, feb(10, "12:00"), {
          calendar: { timeZone: "Asia/Shanghai", holidays: ["2026-02-30"] },
          policy: { shippingWorkingDays: 3_000_000 },
        }),
      ),
    ).toEqual([
      ["calendar", "holidays", 0],
      ["policy", "shippingWorkingDays"],
    ]);
    expect(
      issuesOf(() => orderSla(order, { at: feb(10, "12:00") } as unknown as SlaOptions)),
    ).toEqual([["calendar"]]);
  });

  it("R-SLA-2: reads a JSON calendar with its holidays in any order as the parsed one", () => {
    const order = approve(received("SO-2", feb(13, "18:00")), feb(13, "19:00"));
    const json = {
      timeZone: "Asia/Shanghai",
      holidays: [...calendar.holidays].reverse(),
      workdays: [...calendar.workdays].reverse(),
    };
    expect(clock(read(order, feb(20, "12:00"), { calendar: json }), "R-SLA-2")?.deadline).toBe(
      "2026-02-25T18:00:00+08:00",
    );
  });

  it("writes durations as days, hours, minutes and seconds", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(59_999)).toBe("59 s");
    expect(formatDuration(2 * HOUR + 15 * MINUTE)).toBe("2 h 15 min");
    expect(formatDuration(-(26 * HOUR + 1000))).toBe("1 d 2 h 1 s");
  });
});

describe("R-SLA-4: breaches over a set of orders", () => {
  const at = feb(12, "16:00");
  // SO-D: received Friday 6 Feb, processed in time, not shipped by Wednesday 11 Feb 09:00: 31 h late.
  let soD: SalesOrder;
  let soA: SalesOrder;
  let soB: SalesOrder;
  let soE: SalesOrder;
  let soF: SalesOrder;
  beforeEach(() => {
    soD = approve(received("SO-D", "2026-02-06T09:00:00+08:00"), "2026-02-06T10:00:00+08:00");
    // SO-A, SO-B: received 12 Feb 09:00, not processed by 13:00: 3 h late each.
    soA = received("SO-A", feb(12, "09:00"));
    soB = received("SO-B", feb(12, "09:00"));
    // SO-E: approved at 14:00, an hour late; SO-F: processed in time.
    soE = approve(received("SO-E", feb(12, "09:00")), feb(12, "14:00"));
    soF = approve(received("SO-F", feb(12, "09:00")), feb(12, "10:00"));
  });
  const requests = [
    { id: "R2", order: "SO-D", openedAt: feb(11, "15:00") },
    { id: "R-9", order: "SO-A", openedAt: feb(11, "13:00") },
    { id: "R1", order: "SO-D", openedAt: feb(11, "15:00") },
    { id: "R3", order: "SO-F", openedAt: feb(11, "17:00") },
  ];
  const expected = [
    "SO-D R-SLA-2 - 1 d 7 h",
    "SO-A R-SLA-1 - 3 h",
    "SO-A R-SLA-3 R-9 3 h",
    "SO-B R-SLA-1 - 3 h",
    "SO-D R-SLA-3 R1 1 h",
    "SO-D R-SLA-3 R2 1 h",
    "SO-E R-SLA-1 - 1 h",
  ];
  const describeBreach = (c: SlaClock) =>
    `${c.order} ${c.sla} ${c.request ?? "-"} ${c.status === "breached" ? c.lateBy : c.status}`;

  it("sorts breaches most late first, ties by order id, then SLA id, then request id", () => {
    const breaches = slaBreaches([soA, soB, soD, soE, soF], {
      at,
      calendar,
      requests,
      policy: RECEIPT,
    });
    expect(breaches.map(describeBreach)).toEqual(expected);
    expect(breaches[0]).toEqual({
      sla: "R-SLA-2",
      order: "SO-D",
      startedAt: "2026-02-06T09:00:00+08:00",
      deadline: "2026-02-11T09:00:00+08:00",
      status: "breached",
      lateByMs: 31 * HOUR,
      lateBy: "1 d 7 h",
    });
    expect(breaches.find((c) => c.order === "SO-E")).toMatchObject({
      completedAt: "2026-02-12T14:00:00+08:00",
    });
  });

  it("gives the same breaches whatever the order of the inputs", () => {
    const shuffled = slaBreaches([soF, soE, soD, soB, soA], {
      at,
      calendar,
      policy: RECEIPT,
      requests: [...requests].reverse(),
    });
    expect(shuffled.map(describeBreach)).toEqual(expected);
  });

  it("is empty when nothing is late", () => {
    expect(slaBreaches([soA, soF], { at: feb(12, "12:00"), calendar })).toEqual([]);
  });

  it("rejects an order id used twice and a request naming no order of the set", () => {
    try {
      slaBreaches([soA, soB, soA], {
        at,
        calendar,
        requests: [{ id: "R1", order: "SO-X", openedAt: feb(11, "15:00") }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((issue) => issue.path)).toEqual([
        ["(orders)", 2, "id"],
        ["requests", 0, "order"],
      ]);
    }
  });
});

describe("properties", () => {
  const params = propertyParams(propertyRuns(500));
  const receipt = Date.parse(feb(2, "09:00"));
  const iso = (epoch: number) => new Date(epoch).toISOString();
  /** An order received Monday 2 Feb 09:00, approved and shipped after random delays (minutes). */
  const life = fc
    .record({
      approveAfter: fc.integer({ min: 0, max: 600 }),
      shipAfter: fc.integer({ min: 0, max: 15 * 24 * 60 }),
      firstAt: fc.integer({ min: 0, max: 20 * 24 * 60 }),
      secondAt: fc.integer({ min: 0, max: 20 * 24 * 60 }),
    })
    .map(({ approveAfter, shipAfter, firstAt, secondAt }) => {
      const approved = approve(
        received("SO-P", iso(receipt)),
        iso(receipt + approveAfter * MINUTE),
      );
      const shipAt = receipt + (approveAfter + shipAfter) * MINUTE;
      const order = ship(picked(approved, iso(shipAt)), iso(shipAt), 1, 5);
      const [early, late] = [firstAt, secondAt].sort((a, b) => a - b) as [number, number];
      return { order, early: iso(receipt + early * MINUTE), late: iso(receipt + late * MINUTE) };
    });

  it("R-SLA-4: a met clock stays met, a breach stays a breach and only grows later", () => {
    fc.assert(
      fc.property(life, ({ order, early, late }) => {
        const before = read(order, early);
        const after = read(order, late);
        expect(after.map((c) => c.sla)).toEqual(before.map((c) => c.sla));
        before.forEach((clock, index) => {
          const next = after[index] as SlaClock;
          expect(next.deadline).toBe(clock.deadline);
          if (clock.status === "met") expect(next).toEqual(clock);
          if (clock.status === "breached") {
            expect(next.status).toBe("breached");
            if (next.status === "breached")
              expect(next.lateByMs).toBeGreaterThanOrEqual(clock.lateByMs);
          }
        });
      }),
      params,
    );
  });

  it("R-SLA-4: the margin is the deadline minus the instant done, or read at when not done", () => {
    fc.assert(
      fc.property(life, ({ order, late }) => {
        for (const clock of read(order, late)) {
          const deadline = Date.parse(clock.deadline);
          const at = Date.parse(late);
          if (clock.status === "met") {
            expect(clock.earlyByMs).toBe(deadline - Date.parse(clock.completedAt));
            expect(Date.parse(clock.completedAt)).toBeLessThanOrEqual(at);
          } else if (clock.status === "pending") {
            expect(clock.leftMs).toBe(deadline - at);
          } else {
            const end = clock.completedAt === undefined ? at : Date.parse(clock.completedAt);
            expect(clock.lateByMs).toBe(end - deadline);
            expect(clock.lateByMs).toBeGreaterThan(0);
          }
        }
      }),
      params,
    );
  });
});
