import type { AllocationPlan } from "../allocation/plan.js";

/*
 * Figures read from a plan's lists that several planner's tools need: the
 * units of each SKU by channel (R-WHATIF, the report) and each order line's
 * unit price from the trace (R-EXCEPT's money due, the report's).
 */

/** Where one plan sent the units of a SKU. */
export interface Channels {
  /** Allocated to franchisees (funded and converted from locks). */
  readonly franchisees: number;
  /** Under lock after the run (new and carried). */
  readonly locks: number;
  readonly stores: number;
  readonly regions: number;
  /** Free stock left (held units nobody used included, R-HOLD). */
  readonly remaining: number;
}

/** A SKU with nothing in any channel. */
export const NO_CHANNELS: Channels = Object.freeze({
  franchisees: 0,
  locks: 0,
  stores: 0,
  regions: 0,
  remaining: 0,
});

/** The plan's units of each SKU by channel, SKUs in the order the lists first name them. */
export function unitsByChannel(plan: AllocationPlan): Map<string, Channels> {
  const out = new Map<string, { -readonly [K in keyof Channels]: number }>();
  const add = (sku: string, channel: keyof Channels, quantity: number) => {
    let row = out.get(sku);
    if (row === undefined) {
      row = { ...NO_CHANNELS };
      out.set(sku, row);
    }
    row[channel] += quantity;
  };
  for (const row of plan.franchiseeAllocations) add(row.sku, "franchisees", row.quantity);
  for (const row of plan.locks) add(row.sku, "locks", row.quantity);
  for (const row of plan.storeAllocations) add(row.sku, "stores", row.quantity);
  for (const row of plan.regionAllocations) add(row.sku, "regions", row.quantity);
  for (const row of plan.remaining) add(row.sku, "remaining", row.quantity);
  return out;
}

/** The key of an order line in {@link linePrices}. */
export function lineKey(order: string, line: number): string {
  return `${order}\u0000${line}`;
}

/**
 * Each order line's unit price (a decimal string), from the plan's funded and
 * conversion decisions: every line that was allocated or locked met one of them.
 */
export function linePrices(plan: AllocationPlan): Map<string, string> {
  const price = new Map<string, string>();
  for (const d of plan.trace) {
    if ((d.pass === "funded" || d.pass === "conversion") && d.kind === "order-line")
      price.set(lineKey(d.order, d.line), d.unitPrice);
  }
  return price;
}
