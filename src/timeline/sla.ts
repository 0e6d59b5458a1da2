import type { SalesOrder } from "../lifecycle/order.js";
import { compareIds } from "../ranking/compare.js";
import { argumentIssues, guarded } from "../schema/guard.js";
import { InputError } from "../schema/issues.js";
import { salesOrderShape, salesOrdersShape } from "../schema/madeShapes.js";
import { firstIndexes } from "../schema/references.js";
import { addHours, inCalendarZone } from "./calendar.js";
import { replayShipClocks, settledAt } from "./shipClocks.js";
import { checkAudit, ms, type ReadOptions, readOptions, type SlaOptions } from "./slaOptions.js";

/*
 * The SLA clocks (R-SLA-1..4). A clock starts at an instant, has a
 * deadline and stops at the instant its work was done; it is read at an
 * instant `at` the caller supplies — fenhuo reads no clock. Everything that
 * happens after `at` (audit entries, answers) has not happened yet at `at`.
 */

/** The service levels measured: their rule IDs. */
export type SlaId = "R-SLA-1" | "R-SLA-2" | "R-SLA-3";

/** Where a clock stands at an instant (R-SLA-4). */
export type SlaStatus = "met" | "pending" | "breached";

/**
 * How a clock reads at an instant (R-SLA-4). `met`: done by the deadline, and
 * how early; `pending`: not done, the deadline not passed, and how long is
 * left; `breached`: done late (`completedAt`), or not done with the deadline
 * passed, and how late. A breach stays a breach: when a cancellation,
 * rejection or amendment stops a clock past its deadline before its work was
 * done, it is breached by the overrun at that instant (`stoppedAt`), for good;
 * stopped by its deadline, the clock is gone — nothing is owed any more.
 *
 * @inline
 */
type SlaReading =
  | {
      readonly status: "met";
      readonly completedAt: string;
      readonly earlyByMs: number;
      readonly earlyBy: string;
    }
  | { readonly status: "pending"; readonly leftMs: number; readonly left: string }
  | {
      readonly status: "breached";
      /** Present when the work was done, late; absent while it is still not done. */
      readonly completedAt?: string;
      /** Present when a cancellation, rejection or amendment stopped the clock past its deadline. */
      readonly stoppedAt?: string;
      readonly lateByMs: number;
      readonly lateBy: string;
    };

/**
 * One R-SLA-2 shipping clock of an order under `shipClockFrom: "allocation"`:
 * the units one allocation (an `allocate` audit entry) moved to the order's
 * line, due `shippingWorkingDays` working days from the later of receipt and
 * that allocation. Shipments of the line settle its clocks oldest first; the
 * clock is done when its last unit ships.
 */
export type ShipClock = {
  /** The `seq` of the allocation's audit entry. */
  readonly entry: number;
  readonly line: number;
  /** The later of the order's receipt and the allocation. */
  readonly startedAt: string;
  readonly deadline: string;
  /** Units the allocation moved to the line. */
  readonly units: number;
  /** Of them, units shipped by the instant read. */
  readonly shippedUnits: number;
} & SlaReading;

/**
 * What every clock says, whatever its status.
 *
 * @inline
 */
interface ClockBase {
  readonly sla: SlaId;
  readonly order: string;
  /** R-SLA-3: the after-sales request the clock is for. */
  readonly request?: string;
  /**
   * When the clock started: the order's receipt, the request's opening, or —
   * R-SLA-2 under `"allocation"` — the start of the order's worst clock.
   */
  readonly startedAt: string;
  readonly deadline: string;
  /**
   * R-SLA-2 under `shipClockFrom: "allocation"`: the order's shipping clocks,
   * one per allocation, oldest first; the order's status is the worst of them.
   */
  readonly clocks?: readonly ShipClock[];
}

/**
 * One service-level clock of an order at an instant (R-SLA-4). `met`: done by
 * the deadline, and how early; `pending`: not done, the deadline not passed,
 * and how long is left; `breached`: done late (`completedAt`), not done with
 * the deadline passed, or stopped past it (`stoppedAt`), and how late.
 * Durations are in milliseconds and as text (`"2 h 15 min"`, see
 * {@link formatDuration}); instants are in the calendar's zone.
 */
export type SlaClock = ClockBase & SlaReading;

/**
 * R-SLA-4: the service-level clocks of one order at the instant `at`, in the
 * order R-SLA-1, R-SLA-2, then R-SLA-3 by request id. An order received after
 * `at` has none yet.
 *
 * - R-SLA-1 runs from receipt (the first audit entry) until the first
 *   `approve` or `reject` entry; `processingHours` of elapsed time. A
 *   cancellation before either stops it: past the deadline it stays breached
 *   (by the overrun at the cancellation, `stoppedAt`), else it is gone.
 * - R-SLA-2 (`shippingWorkingDays` working days in the calendar), as the
 *   policy's `shipClockFrom` says. `"allocation"` (the default): each
 *   allocation of units starts a clock for them from the later of receipt and
 *   the allocation (see {@link ShipClock}); shipments of a line settle its
 *   clocks oldest first. The order's R-SLA-2 clock is its worst one — breached
 *   beats pending beats met; then the largest overrun, the least time left or
 *   the smallest margin; then the oldest — so its `startedAt`, `deadline` and
 *   margin (`lateBy`, `left`, `earlyBy`) are that clock's, and `clocks` lists
 *   them all. Units never allocated have no clock: an order with nothing
 *   allocated has no R-SLA-2 clock yet. `"receipt"`: one clock from receipt
 *   for every unit, done when the order is shipped (see {@link shippedAt}).
 *   Either way a cancellation or rejection stops the clocks still open: those
 *   past their deadline stay breached (by the overrun at that instant), the
 *   others are gone.
 * - R-SLA-3 runs, for each of the order's after-sales requests opened by `at`,
 *   from `openedAt` until `answeredAt`; `answerHours` of elapsed time.
 *   Requests of other orders are ignored; nothing done to the order stops them.
 *
 * A clock done exactly at its deadline is met; one read exactly at its
 * deadline, not done, is pending with nothing left. A breach stays a breach:
 * read at any later instant, a clock breached at `at` is still breached, by
 * as much or more.
 *
 * @param order - a sales order from the lifecycle, its audit trail intact
 * @param options - `at`, the calendar, the after-sales requests, the policy
 * @throws {@link InputError} for a malformed `at`, request or policy, a request
 *   id used twice, or an audit trail that does not start with `receive`
 * @example
 * ```ts
 * import { orderSla, parseWorkCalendar, receiveOrder, transition } from "fenhuo";
 * const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai" });
 * // A pre-order (订货会) received on 20 January; its stock is allocated on Monday 2 March.
 * let order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-01-20", deliveryDate: "2026-03-10",
 *     contact: { name: "Li", phone: "138" }, total: "495.00",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "495.00" }] },
 *   { by: "sales:li", at: "2026-01-20T09:00:00+08:00" },
 * );
 * const steps = [
 *   ["2026-01-20T15:15:00+08:00", { type: "verify" }], ["2026-01-20T15:15:00+08:00", { type: "approve" }],
 *   ["2026-03-02T10:00:00+08:00",
 *     { type: "allocate", line: 1, quantity: 5, source: "funded", cash: "495", credit: "0" }],
 * ] as const;
 * for (const [at, event] of steps) {
 *   const next = transition(order, event, { by: "ops:wang", at });
 *   if (next.ok) order = next.order;
 * }
 * const clocks = orderSla(order, { at: "2026-03-03T10:00:00+08:00", calendar });
 * clocks.map((clock) => `${clock.sla} ${clock.status}`); // ["R-SLA-1 breached", "R-SLA-2 pending"]
 * clocks[0]?.status === "breached" && clocks[0].lateBy; // "2 h 15 min"
 * clocks[1]?.deadline; // "2026-03-05T10:00:00+08:00"
 * clocks[1]?.clocks?.map((clock) => [clock.entry, clock.units, clock.shippedUnits]); // [[4, 5, 0]]
 * ```
 */
export function orderSla(order: SalesOrder, options: SlaOptions): readonly SlaClock[] {
  // An order that is not one is reported with the options' problems, under "(order)".
  const issues = argumentIssues([{ name: "order", value: order, shape: salesOrderShape }]);
  const sound = issues.length === 0;
  const parsed = readOptions(options, issues);
  if (sound) checkAudit(order, ["(order)"], issues);
  if (parsed === undefined || issues.length > 0) throw new InputError(issues);
  return clocksOf(order, parsed);
}

/**
 * R-SLA-4 over a set of orders: every breached clock (done late, not done
 * past its deadline, or stopped past it by a cancellation or rejection) at the
 * instant `at`, most late first; ties by order id, then rule ID, then request
 * id (code-unit order). Clocks as {@link orderSla}: one R-SLA-2 clock per
 * order, its worst.
 *
 * @param orders - sales orders from the lifecycle, ids unique
 * @param options - `at`, the calendar, the after-sales requests (each of one of `orders`), the policy
 * @throws {@link InputError} as {@link orderSla}, and for an order id used
 *   twice or a request naming none of `orders`
 * @example
 * ```ts
 * import { parseWorkCalendar, receiveOrder, slaBreaches } from "fenhuo";
 * const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai" });
 * const receive = (id: string, at: string) => receiveOrder(
 *   { id, franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00" }] },
 *   { by: "sales:li", at });
 * const orders = [receive("SO-1", "2026-02-10T10:00:00+08:00"), receive("SO-2", "2026-02-10T09:00:00+08:00")];
 * const breaches = slaBreaches(orders, { at: "2026-02-10T14:30:00+08:00", calendar });
 * breaches.map((clock) => `${clock.order} ${clock.sla}`); // ["SO-2 R-SLA-1", "SO-1 R-SLA-1"]
 * breaches.map((clock) => clock.status === "breached" && clock.lateBy); // ["1 h 30 min", "30 min"]
 * ```
 */
export function slaBreaches(
  orders: readonly SalesOrder[],
  options: SlaOptions,
): readonly SlaClock[] {
  const issues = argumentIssues([{ name: "orders", value: orders, shape: salesOrdersShape }]);
  const sound = issues.length === 0;
  const parsed = readOptions(options, issues);
  const place = { list: "(orders)", field: "id", what: "order" };
  const ids = sound ? firstIndexes(orders, (order) => order.id, place, issues) : new Map();
  if (sound) {
    orders.forEach((order, index) => {
      checkAudit(order, ["(orders)", index], issues);
    });
  }
  parsed?.requests.forEach((request, index) => {
    if (!ids.has(request.order)) {
      issues.push({
        path: ["requests", index, "order"],
        code: "unknown_reference",
        message: `names no order of the set: ${JSON.stringify(request.order)}`,
      });
    }
  });
  if (parsed === undefined || issues.length > 0) throw new InputError(issues);
  return orders
    .flatMap((order) => clocksOf(order, parsed))
    .filter((clock) => clock.status === "breached")
    .sort(byLateness);
}

/**
 * The instant an order was shipped (R-SLA-2): the `at` of the `ship` audit
 * entry after which every unit has shipped — counted from the ship entries'
 * line and quantity, so units since delivered, accepted, rejected on inspection
 * or returned count as shipped. Units cancelled after a partial shipment
 * (`cancelRemaining`) count from their entry on, so the order is shipped at the
 * later of its last shipment and that cancellation. Undefined while some unit
 * is still to ship, for a cancelled order and for one with no unit.
 *
 * @param order - a sales order from the lifecycle
 * @returns the `at` of that entry, as written in the audit trail
 * @throws {@link InputError} when `order` is not a sales order of fenhuo, under `(order)`
 * @example
 * ```ts
 * import { receiveOrder, shippedAt, transition } from "fenhuo";
 * let order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10", deliveryDate: "2026-03-10",
 *     contact: { name: "Li", phone: "138" }, total: "495.00",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "495.00" }] },
 *   { by: "sales:li", at: "2026-02-10T09:00:00+08:00" },
 * );
 * const events = [{ type: "verify" }, { type: "approve" },
 *   { type: "allocate", line: 1, quantity: 5, source: "funded", cash: "495", credit: "0" },
 *   { type: "pick", line: 1, quantity: 5 }, { type: "ship", line: 1, quantity: 2 },
 *   { type: "ship", line: 1, quantity: 3 }, { type: "deliver", line: 1, quantity: 5 }];
 * events.forEach((event, hour) => {
 *   const next = transition(order, event, { by: "wh:wang", at: `2026-02-11T1${hour}:00:00+08:00` });
 *   if (next.ok) order = next.order;
 * });
 * shippedAt(order); // "2026-02-11T15:00:00+08:00"
 * ```
 */
export function shippedAt(order: SalesOrder): string | undefined {
  return guarded([{ name: "order", value: order, shape: salesOrderShape }], () => shippedOn(order));
}

/** {@link shippedAt} of arguments that have their shapes. */
function shippedOn(order: SalesOrder): string | undefined {
  // A cancelled order ships nothing. The rest of a line cancelled after a partial shipment
  // (cancelRemaining) is settled when it was cancelled, as units are when their ship entry comes.
  if (order.audit.some((entry) => entry.event === "cancel")) return undefined;
  return settledAt(order);
}

/**
 * A duration as a person reads it: days of 24 hours, hours, minutes and
 * seconds, zero parts left out, anything under a second dropped.
 *
 * @param ms - milliseconds; the sign is ignored
 * @example
 * ```ts
 * import { formatDuration } from "fenhuo";
 * formatDuration(8_100_000); // "2 h 15 min"
 * formatDuration(97_205_000); // "1 d 3 h 5 s"
 * formatDuration(999); // "0 s"
 * ```
 */
export function formatDuration(ms: number): string {
  let seconds = Math.floor(Math.abs(ms) / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(seconds / size);
    seconds -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
  }
  return parts.length === 0 ? "0 s" : parts.join(" ");
}

function clocksOf(order: SalesOrder, options: ReadOptions): SlaClock[] {
  const { atMs, calendar, policy } = options;
  const receipt = order.audit[0]?.at as string;
  if (ms(receipt) > atMs) return [];
  const clocks: SlaClock[] = [];
  const base = (sla: SlaId, startedAt: string, deadline: string, request?: string) => ({
    sla,
    order: order.id,
    ...(request === undefined ? {} : { request }),
    startedAt: inCalendarZone(calendar, startedAt),
    deadline,
  });
  const add = (clock: SlaClock | undefined) => {
    if (clock !== undefined) clocks.push(clock);
  };

  // R-SLA-1: the first of approve, reject or cancel decides; a cancellation stops the clock.
  const decided = order.audit.find((entry) =>
    ["approve", "reject", "cancel"].includes(entry.event),
  );
  const deadline = addHours(calendar, receipt, policy.processingHours);
  const [processedAt, stoppedAt] =
    decided?.event === "cancel" ? [undefined, decided.at] : [decided?.at, undefined];
  add(readClock(base("R-SLA-1", receipt, deadline), processedAt, stoppedAt, options));

  // R-SLA-2: the order's shipping clocks, the worst one standing for the order.
  const replays = replayShipClocks(order, options);
  if (policy.shipClockFrom === "receipt") {
    const [only] = replays;
    if (only !== undefined)
      add(readClock(base("R-SLA-2", receipt, only.deadline), only.doneAt, only.stoppedAt, options));
  } else {
    const read = replays.flatMap((replay) => {
      const reading = readClock(
        { deadline: replay.deadline },
        replay.doneAt,
        replay.stoppedAt,
        options,
      );
      if (reading === undefined) return [];
      const clock: ShipClock = {
        entry: replay.entry,
        line: replay.line as number,
        startedAt: inCalendarZone(calendar, replay.start),
        units: replay.units,
        shippedUnits: replay.shippedUnits,
        ...reading,
      };
      return [{ clock, reading }];
    });
    const [worst] = [...read].sort((a, b) => byWorst(a.clock, b.clock));
    if (worst !== undefined) {
      const clocks = read.map(({ clock }) => clock);
      add({
        ...base("R-SLA-2", worst.clock.startedAt, worst.reading.deadline),
        ...worst.reading,
        clocks,
      });
    }
  }

  // R-SLA-3: one clock per after-sales request of the order opened by `at`.
  const requests = options.requests
    .filter((request) => request.order === order.id && ms(request.openedAt) <= atMs)
    .sort((a, b) => compareIds(a.id, b.id));
  for (const request of requests) {
    const deadline = addHours(calendar, request.openedAt, policy.answerHours);
    add(
      readClock(
        base("R-SLA-3", request.openedAt, deadline, request.id),
        request.answeredAt,
        undefined,
        options,
      ),
    );
  }
  return clocks;
}

/**
 * A clock's reading at `atMs`, given when its work was done (if ever) and when
 * it was stopped with work left (if ever); undefined for a clock stopped by
 * its deadline, which no longer exists.
 */
function readClock<Base extends { readonly deadline: string }>(
  base: Base,
  doneAt: string | undefined,
  stoppedAt: string | undefined,
  { atMs, calendar }: ReadOptions,
): (Base & SlaReading) | undefined {
  const deadlineMs = ms(base.deadline);
  const late = (endMs: number) => {
    const lateByMs = endMs - deadlineMs;
    return { status: "breached", lateByMs, lateBy: formatDuration(lateByMs) } as const;
  };
  if (doneAt !== undefined && ms(doneAt) <= atMs) {
    const doneMs = ms(doneAt);
    const completedAt = inCalendarZone(calendar, doneAt);
    if (doneMs > deadlineMs) return { ...base, completedAt, ...late(doneMs) };
    const earlyByMs = deadlineMs - doneMs;
    return { ...base, status: "met", completedAt, earlyByMs, earlyBy: formatDuration(earlyByMs) };
  }
  if (stoppedAt !== undefined && ms(stoppedAt) <= atMs) {
    // A breach stays a breach; stopped in time, nothing was ever late and nothing is owed.
    const stopMs = ms(stoppedAt);
    if (stopMs <= deadlineMs) return undefined;
    return { ...base, stoppedAt: inCalendarZone(calendar, stoppedAt), ...late(stopMs) };
  }
  if (atMs <= deadlineMs) {
    const leftMs = deadlineMs - atMs;
    return { ...base, status: "pending", leftMs, left: formatDuration(leftMs) };
  }
  return { ...base, ...late(atMs) };
}

const SEVERITY: Readonly<Record<SlaStatus, number>> = { breached: 0, pending: 1, met: 2 };

/**
 * The worse of two shipping clocks first (R-SLA-2): breached, pending, then
 * met; then the largest overrun, the least time left, the smallest margin;
 * then the older allocation — a total order.
 */
function byWorst(a: ShipClock, b: ShipClock): number {
  const margin = (clock: ShipClock) =>
    clock.status === "breached"
      ? -clock.lateByMs
      : clock.status === "pending"
        ? clock.leftMs
        : clock.earlyByMs;
  return SEVERITY[a.status] - SEVERITY[b.status] || margin(a) - margin(b) || a.entry - b.entry;
}

/** Most late first; then order id, rule ID, request id: a total order (R-UNIT-4). */
function byLateness(a: SlaClock, b: SlaClock): number {
  const late = (clock: SlaClock) => (clock.status === "breached" ? clock.lateByMs : 0);
  return (
    late(b) - late(a) ||
    compareIds(a.order, b.order) ||
    compareIds(a.sla, b.sla) ||
    compareIds(a.request ?? "", b.request ?? "")
  );
}
