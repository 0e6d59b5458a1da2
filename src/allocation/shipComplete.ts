import { type LineTable, SHIP_COMPLETE } from "./lineTable.js";
import type { Limit } from "./plan.js";
import type { FranchiseeState } from "./state.js";

/*
 * R-COMPLETE (整单发货): an order marked `shipComplete` is decided whole in the
 * funded pass and again in the lock pass, at the turn of its first line still
 * outstanding: every outstanding line in full, or none of them. This module
 * finds those orders and checks one; funded.ts and lockPass.ts serve or lock.
 */

/** A ship-complete order's lines, in R-RANK-LINE order, with their ranks among the franchisee's lines. */
export interface WholeOrder {
  readonly lines: readonly number[];
  readonly ranks: readonly number[];
}

/** What kept a ship-complete order from being served or locked whole: its first line that could not be. */
export interface CompleteShortfall {
  /** The order line (its `line` number) that could not be served or locked in full. */
  readonly line: number;
  /** Why: not enough free stock, not enough money, or a line that may not be locked now. */
  readonly limitedBy: "stock" | "funds" | "lock-blocked";
}

/**
 * The ship-complete orders of the run, by order number, each with its lines in
 * R-RANK-LINE order; `undefined` when no order ships complete (the run without
 * the field).
 */
export function wholeOrders(
  lines: LineTable,
  franchisees: readonly FranchiseeState[],
): ReadonlyMap<number, WholeOrder> | undefined {
  if (!lines.orders.some((order) => order.shipComplete === true)) return undefined;
  const out = new Map<number, { lines: number[]; ranks: number[] }>();
  for (const franchisee of franchisees) {
    franchisee.lines.forEach((i, k) => {
      const order = lines.order[i] as number;
      if (lines.orders[order]?.shipComplete !== true) return;
      const whole = out.get(order) ?? { lines: [], ranks: [] };
      whole.lines.push(i);
      whole.ranks.push(k + 1);
      out.set(order, whole);
    });
  }
  return out;
}

/**
 * R-COMPLETE: walks an order's outstanding lines in rank order, taking each
 * one's whole outstanding quantity from the free stock left by the lines before
 * it, then asking `fits` (called once per line, in order, only while every
 * line before it fitted) what else holds it back — money, a bar; the first
 * line that does not fit, or `undefined` when all of them do.
 */
export function firstShortLine(
  lines: LineTable,
  whole: WholeOrder,
  stock: Float64Array,
  fits: (i: number, demand: number) => CompleteShortfall["limitedBy"] | undefined,
): CompleteShortfall | undefined {
  const taken = new Map<number, number>();
  for (const i of whole.lines) {
    const demand = lines.open[i] as number;
    if (demand <= 0) continue;
    const sku = lines.sku[i] as number;
    const before = taken.get(sku) ?? 0;
    const line = (lines.source[i] as (typeof lines.source)[number]).line;
    // Stock first: when stock and money both fall short, the SKU had nothing to give.
    if ((stock[sku] as number) - before < demand) return { line, limitedBy: "stock" };
    const other = fits(i, demand);
    if (other !== undefined) return { line, limitedBy: other };
    taken.set(sku, before + demand);
  }
  return undefined;
}

/**
 * R-COMPLETE: a pass's decision on a ship-complete order, line by line in rank
 * order: each outstanding line takes its whole outstanding quantity when the
 * order had no `shortfall`, else none (and keeps the fact, for `unfilled`).
 * `take` serves or locks the units and records the decision from the free
 * stock it met; the stock is then reduced.
 */
export function decideWhole(
  lines: LineTable,
  order: WholeOrder,
  stock: Float64Array,
  shortfall: CompleteShortfall | undefined,
  take: (
    i: number,
    rank: number,
    demand: number,
    stock: number,
    quantity: number,
    limitedBy: Limit,
  ) => void,
): void {
  order.lines.forEach((i, k) => {
    const demand = lines.open[i] as number;
    if (demand <= 0) return;
    const sku = lines.sku[i] as number;
    const before = stock[sku] as number;
    const quantity = shortfall === undefined ? demand : 0;
    if (quantity === 0) lines.facts[i] = (lines.facts[i] as number) | SHIP_COMPLETE;
    take(
      i,
      order.ranks[k] as number,
      demand,
      before,
      quantity,
      quantity === demand ? "none" : "ship-complete",
    );
    stock[sku] = before - quantity;
  });
}
