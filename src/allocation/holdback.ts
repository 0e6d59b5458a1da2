import type { Holdback } from "../domain/types.js";
import { compareIds } from "../ranking/compare.js";
import { HELD_BACK } from "./lineTable.js";
import type { RunState } from "./state.js";

/*
 * R-HOLD: units of a SKU held back from free stock before the franchisee
 * passes, for one channel — the direct pass, one region's stores and
 * warehouse, or nobody in this run. The pools are kept here, apart from free
 * stock: the franchisee passes never see them, a direct claim draws from the
 * pools it may use before free stock, and what nobody used goes back into the
 * plan's `remaining` (with its `held` part).
 */

/** The units of one SKU held back, by channel, as the run draws them. */
export interface HeldPools {
  /** Held for nobody in this run (`for: "none"`). */
  readonly none: number;
  /** Held for the direct pass (`for: "direct"`), left. */
  direct: number;
  /** Held for one region (`for: { region }`), left, by region id. */
  readonly regions: Map<string, number>;
}

/**
 * The order the rows of one SKU take their units in when its free stock cannot
 * hold them all: `"none"` first, then the regions by id, then `"direct"` —
 * the narrowest channel first.
 */
function holdOrder(a: Holdback, b: Holdback): number {
  return compareIds(holdRank(a), holdRank(b));
}

/** {@link holdOrder} as a key: `0` for nobody, `1<region>` for a region, `2` for the direct pass. */
function holdRank(row: Holdback): string {
  if (typeof row.for === "object") return `1${row.for.region}`;
  return row.for === "none" ? "0" : "2";
}

/**
 * R-HOLD: takes the input's holdback out of free stock, SKU by SKU, each row
 * min(its quantity, what is free) in {@link holdOrder}, into the run's pools
 * (`state.held`). Runs just before the funded pass, after lock expiry and
 * conversion have put their units back.
 */
export function holdBack(state: RunState): void {
  const rows = [...state.request.holdback].sort(
    (a, b) => compareIds(a.sku, b.sku) || holdOrder(a, b),
  );
  let k = 0;
  while (k < rows.length) {
    const sku = state.skuIndex.get((rows[k] as Holdback).sku) as number;
    let free = state.stock[sku] as number;
    let none = 0;
    let direct = 0;
    const regions = new Map<string, number>();
    for (; k < rows.length && state.skuIndex.get((rows[k] as Holdback).sku) === sku; k++) {
      const row = rows[k] as Holdback;
      const held = Math.min(row.quantity, free);
      free -= held;
      if (typeof row.for === "object") regions.set(row.for.region, held);
      else if (row.for === "direct") direct = held;
      else none = held;
    }
    state.stock[sku] = free;
    state.held.set(sku, { none, direct, regions });
  }
}

/** R-HOLD: the units held for SKU number `sku` that a claim in `region` may draw (its region's, then the direct pass's). */
export function reachable(pools: HeldPools | undefined, region: string): number {
  if (pools === undefined) return 0;
  return (pools.regions.get(region) ?? 0) + pools.direct;
}

/**
 * R-HOLD: line `i`'s decision just recorded was limited by stock: when units
 * of its SKU were held back (none of them for a franchisee), the decision
 * names them and the line's facts keep it (its unfilled reason `holdback`).
 */
export function heldFrom(state: RunState, i: number): void {
  const units = heldUnits(state, state.lines.sku[i] as number);
  if (units === 0) return;
  state.lines.facts[i] = (state.lines.facts[i] as number) | HELD_BACK;
  state.trace.heldBack(units);
}

/** R-HOLD: the units held for SKU `sku` still in the pools, none of which a franchisee may use. */
export function heldUnits(state: RunState, sku: number): number {
  const pools = state.held.get(sku);
  if (pools === undefined) return 0;
  let left = pools.none + pools.direct;
  for (const units of pools.regions.values()) left += units;
  return left;
}

/**
 * R-HOLD: a direct claim in `region` takes `quantity` units, from its region's
 * pool first, then the direct pass's, then free stock; how many came from
 * the pools.
 */
export function drawHeld(pools: HeldPools, region: string, quantity: number): number {
  const own = pools.regions.get(region);
  const fromRegion = own === undefined ? 0 : Math.min(own, quantity);
  if (own !== undefined) pools.regions.set(region, own - fromRegion);
  const fromDirect = Math.min(pools.direct, quantity - fromRegion);
  pools.direct -= fromDirect;
  return fromRegion + fromDirect;
}
