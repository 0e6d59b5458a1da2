import type { AllocationPlan } from "../allocation/plan.js";
import { formatAmount, Money } from "../domain/money.js";
import type { SalesOrder } from "../lifecycle/order.js";
import { compareIds } from "../ranking/compare.js";
import { guarded } from "../schema/guard.js";
import { indicatorOrdersWire } from "../schema/indicatorsWire.js";
import { InputError, type Issue, under } from "../schema/issues.js";
import { indicatorSourcesShape } from "../schema/madeShapes.js";
import { check } from "../schema/zodIssues.js";
import { replayShipClocks, type ShipClockReplay } from "./shipClocks.js";
import { checkAudit, ms, type ReadOptions, readOptions, type SlaOptions } from "./slaOptions.js";

/** A rate as its exact parts, and the quotient to four decimals (`null` when nothing was counted). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator ÷ denominator, rounded half-even to 4 decimals, as a decimal string ("0.8333"). */
  readonly rate: string | null;
}

/** R-KPI-1: the indicators a planner watches, for one group of orders. */
export interface Rates {
  /** Units allocated or further ÷ units ordered (net of cancellations and rejected orders). */
  readonly fillRate: Ratio;
  /** 履约率: units accepted ÷ units ordered (net of cancellations and rejected orders). */
  readonly fulfilmentRate: Ratio;
  /**
   * Units shipped by their R-SLA-2 clock's deadline ÷ units due: shipped, or
   * still owed (or stopped by a cancellation or rejection) past their clock's
   * deadline. Units whose deadline is still ahead, and units cancelled in time,
   * are not counted. Read at `sources.sla`'s instant; without it, 0 of 0.
   */
  readonly onTimeShipmentRate: Ratio;
  /**
   * Locked units converted into allocations ÷ locked units resolved (converted or
   * expired), over the plans. Counting resolved units keeps the rate within 0–1
   * when a plan converts a lock placed before the period.
   */
  readonly lockConversionRate: Ratio;
  /** Locked units that expired and were released ÷ locked units resolved, over the plans. */
  readonly lockExpiryRate: Ratio;
}

/** The indicators overall and per franchisee, region and SKU, each list sorted by its key. */
export interface Indicators {
  readonly overall: Rates;
  readonly byFranchisee: readonly ({ readonly franchisee: string } & Rates)[];
  readonly byRegion: readonly ({ readonly region: string } & Rates)[];
  /** Per SKU: every rate counts units of the SKU's lines. */
  readonly bySku: readonly ({ readonly sku: string } & Rates)[];
}

/** What the indicators are computed from. */
export interface IndicatorSources {
  readonly orders: readonly SalesOrder[];
  /** The allocation plans of the period, for the lock rates. */
  readonly plans?: readonly AllocationPlan[];
  /** Each franchisee's region, for `byRegion`; a franchisee without one counts under "(none)". */
  readonly regionOf?: ReadonlyMap<string, string>;
  /**
   * R-SLA-2: what the shipping clocks of the on-time rate are read with — the
   * instant, the calendar and the SLA policy (`shipClockFrom`,
   * `shippingWorkingDays`), as {@link orderSla} reads them.
   */
  readonly sla?: Omit<SlaOptions, "requests">;
}

interface Tally {
  ordered: number;
  filled: number;
  accepted: number;
  onTime: number;
  due: number;
  converted: number;
  expired: number;
}

const NO_REGION = "(none)";

/**
 * R-KPI-1: fill rate (allocated ÷ ordered), franchisee fulfilment rate (履约率),
 * on-time shipment rate, and lock conversion and expiry rates — overall and per
 * franchisee, region and SKU, every one counting units. The on-time rate reads
 * the orders' R-SLA-2 shipping clocks at `sources.sla.at` (under the default
 * `shipClockFrom: "allocation"`, one per allocation; see {@link orderSla}): a
 * unit is on time if shipped by its clock's deadline. Pure: every count comes
 * from the arguments.
 *
 * @param sources - the orders, the period's plans, regions and the SLA reading
 * @returns the rates, each with its exact numerator and denominator
 * @throws {@link InputError} when an order is given twice or is not a sales
 *   order (what is read: id, franchisee, audit events, each line's SKU, quantity
 *   and buckets), every problem with its path under `orders`; with `sla`, for
 *   what {@link orderSla} refuses, under `sla` (and an audit trail that does
 *   not start with its receipt, under `orders`)
 * @example
 * ```ts
 * import { indicators, parseWorkCalendar, receiveOrder, transition } from "fenhuo";
 * let order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-03-02", deliveryDate: "2026-03-31",
 *     contact: { name: "Li", phone: "138" }, total: "40.00",
 *     lines: [{ line: 1, sku: "T100", quantity: 4, unitPrice: "10.00", amount: "40.00" }] },
 *   { by: "sales", at: "2026-03-02T09:00:00+08:00" },
 * );
 * const events = [{ type: "verify" }, { type: "approve" },
 *   { type: "allocate", line: 1, quantity: 4, source: "funded", cash: "40", credit: "0" },
 *   { type: "pick", line: 1, quantity: 4 }, { type: "ship", line: 1, quantity: 3 }] as const;
 * for (const event of events) {
 *   const next = transition(order, event, { by: "ops", at: "2026-03-02T10:00:00+08:00" });
 *   if (next.ok) order = next.order;
 * }
 * const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai" });
 * // Read on 9 March: 3 units shipped in time, 1 still owed past its deadline (5 March 10:00).
 * const kpi = indicators({ orders: [order], sla: { at: "2026-03-09T10:00:00+08:00", calendar } });
 * kpi.overall.fillRate.rate; // "1.0000"
 * kpi.overall.onTimeShipmentRate; // { numerator: 3, denominator: 4, rate: "0.7500" }
 * kpi.overall.lockConversionRate.rate; // null
 * ```
 */
export function indicators(sources: IndicatorSources): Indicators {
  return guarded([{ name: "sources", value: sources, shape: indicatorSourcesShape }], () =>
    indicatorsOf(sources),
  );
}

/** {@link indicators} of arguments that have their shapes. */
function indicatorsOf(sources: IndicatorSources): Indicators {
  const checked = check(indicatorOrdersWire, sources.orders, ["orders"]);
  const issues: Issue[] = checked.ok ? [] : [...checked.issues];
  const clocks = sources.sla === undefined ? undefined : readSla(sources, checked.ok, issues);
  if (issues.length > 0) throw new InputError(issues);
  const overall = tally();
  const byFranchisee = new Map<string, Tally>();
  const byRegion = new Map<string, Tally>();
  const bySku = new Map<string, Tally>();
  const groups = (franchisee: string, sku: string): Tally[] => {
    const region = sources.regionOf?.get(franchisee) ?? NO_REGION;
    return [overall, slot(byFranchisee, franchisee), slot(byRegion, region), slot(bySku, sku)];
  };

  for (const order of sources.orders) {
    // A rejected order (退回) was never taken on: like cancelled units, it is no demand to fill.
    const rejected = order.audit.some((entry) => entry.event === "reject");
    for (const line of rejected ? [] : order.lines) {
      const b = line.buckets;
      const ordered = line.quantity - b.cancelled;
      const filled = ordered - b.open - b.locked;
      for (const t of groups(order.franchisee, line.sku)) {
        t.ordered += ordered;
        t.filled += filled;
        t.accepted += b.accepted;
      }
    }
    if (clocks === undefined) continue;
    const skuOf = new Map(order.lines.map((line) => [line.line, line.sku]));
    for (const clock of replayShipClocks(order, clocks)) {
      for (const [line, { onTime, due }] of onTimeUnits(clock, clocks.atMs)) {
        for (const t of groups(order.franchisee, skuOf.get(line) as string)) {
          t.onTime += onTime;
          t.due += due;
        }
      }
    }
  }

  for (const plan of sources.plans ?? []) {
    for (const row of plan.franchiseeAllocations) {
      if (row.source === "lock")
        for (const t of groups(row.franchisee, row.sku)) t.converted += row.quantity;
    }
    for (const lock of plan.releasedLocks) {
      for (const t of groups(lock.franchisee, lock.sku)) t.expired += lock.quantity;
    }
  }

  const sorted = (map: Map<string, Tally>) =>
    [...map.entries()].sort(([a], [b]) => compareIds(a, b));
  return {
    overall: rates(overall),
    byFranchisee: sorted(byFranchisee).map(([franchisee, t]) => ({ franchisee, ...rates(t) })),
    byRegion: sorted(byRegion).map(([region, t]) => ({ region, ...rates(t) })),
    bySku: sorted(bySku).map(([sku, t]) => ({ sku, ...rates(t) })),
  };
}

/** The SLA options read once, every problem under `sla`; each order's audit checked. */
function readSla(sources: IndicatorSources, ordersOk: boolean, issues: Issue[]): ReadOptions {
  const found: Issue[] = [];
  const options = readOptions(sources.sla as SlaOptions, found);
  issues.push(...under(["sla"], found));
  if (ordersOk)
    sources.orders.forEach((order, index) => {
      checkAudit(order, ["orders", index], issues);
    });
  return options as ReadOptions;
}

/**
 * R-KPI-1 on R-SLA-2's clocks: per line, the clock's units shipped by its
 * deadline (`onTime`) and its units due — shipped, or settled or stopped past
 * the deadline, or still owed with the deadline passed at `atMs`.
 */
function onTimeUnits(
  clock: ShipClockReplay,
  atMs: number,
): Map<number, { onTime: number; due: number }> {
  const deadlineMs = ms(clock.deadline);
  const lines = new Map<number, { onTime: number; due: number }>();
  for (const [line, owed] of clock.owed) {
    const count = { onTime: 0, due: 0 };
    let settled = 0;
    for (const s of clock.settlements) {
      if (s.line !== line) continue;
      settled += s.units;
      const inTime = s.atMs <= deadlineMs;
      if (s.shipped || !inTime) count.due += s.units;
      if (s.shipped && inTime) count.onTime += s.units;
    }
    const endMs = clock.stoppedAt === undefined ? atMs : ms(clock.stoppedAt);
    if (endMs > deadlineMs) count.due += owed - settled;
    lines.set(line, count);
  }
  return lines;
}

function tally(): Tally {
  return {
    ordered: 0,
    filled: 0,
    accepted: 0,
    onTime: 0,
    due: 0,
    converted: 0,
    expired: 0,
  };
}

function slot(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (t === undefined) {
    t = tally();
    map.set(key, t);
  }
  return t;
}

function rates(t: Tally): Rates {
  return {
    fillRate: ratio(t.filled, t.ordered),
    fulfilmentRate: ratio(t.accepted, t.ordered),
    onTimeShipmentRate: ratio(t.onTime, t.due),
    lockConversionRate: ratio(t.converted, t.converted + t.expired),
    lockExpiryRate: ratio(t.expired, t.converted + t.expired),
  };
}

/**
 * An exact ratio and its quotient to four decimals, rounded half-even.
 *
 * @param numerator - what was counted
 * @param denominator - out of how many; 0 gives a `null` rate
 * @example
 * ```ts
 * import { ratio } from "fenhuo";
 * ratio(5, 6).rate; // "0.8333"
 * ratio(0, 0).rate; // null
 * ```
 */
export function ratio(numerator: number, denominator: number): Ratio {
  if (denominator === 0) return { numerator, denominator, rate: null };
  const quotient = new Money(numerator).div(denominator).toDecimalPlaces(4, Money.ROUND_HALF_EVEN);
  return { numerator, denominator, rate: formatAmount(quotient, 4) };
}
