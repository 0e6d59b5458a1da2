import type { AllocationPlan } from "../allocation/plan.js";
import { formatAmount, Money } from "../domain/money.js";
import type { SalesOrder } from "../lifecycle/order.js";
import { compareIds } from "../ranking/compare.js";
import { guarded } from "../schema/guard.js";
import { indicatorOrdersWire } from "../schema/indicatorsWire.js";
import { InputError } from "../schema/issues.js";
import { indicatorSourcesShape } from "../schema/madeShapes.js";
import { check } from "../schema/zodIssues.js";

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
  /** Orders shipped by their R-SLA-2 deadline ÷ orders whose deadline was met or has passed. */
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
  /** Per SKU; the on-time rate counts orders, so it is not split by SKU (always 0 of 0 here). */
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
   * Each order's R-SLA-2 outcome: `true` shipped on time, `false` late (or overdue),
   * `undefined` not due yet. Typically read off the SLA clocks.
   */
  readonly shippedOnTime?: (order: SalesOrder) => boolean | undefined;
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
 * franchisee, region and SKU. Unit-based except the on-time rate, which counts
 * orders. Pure: every count comes from the arguments.
 *
 * @param sources - the orders, the period's plans, regions and the SLA outcome
 * @returns the rates, each with its exact numerator and denominator
 * @throws {@link InputError} when an order is given twice or is not a sales
 *   order (what is read: id, franchisee, audit events, each line's SKU, quantity
 *   and buckets),
 *   every problem with its path under `orders`
 * @example
 * ```ts
 * import { indicators, receiveOrder } from "fenhuo";
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 4, unitPrice: "99.00" }] },
 *   { by: "sales", at: "2026-02-10T09:00:00+08:00" },
 * );
 * const kpi = indicators({ orders: [order] });
 * kpi.overall.fillRate.rate; // "0.0000"
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
  if (!checked.ok) throw new InputError(checked.issues);
  const overall = tally();
  const byFranchisee = new Map<string, Tally>();
  const byRegion = new Map<string, Tally>();
  const bySku = new Map<string, Tally>();
  const groups = (franchisee: string, sku?: string): Tally[] => {
    const region = sources.regionOf?.get(franchisee) ?? NO_REGION;
    const list = [overall, slot(byFranchisee, franchisee), slot(byRegion, region)];
    if (sku !== undefined) list.push(slot(bySku, sku));
    return list;
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
    const onTime = sources.shippedOnTime?.(order);
    if (onTime !== undefined) {
      for (const t of groups(order.franchisee)) {
        t.due += 1;
        if (onTime) t.onTime += 1;
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
