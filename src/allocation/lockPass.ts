import type { IsoDate } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { compareByPriority } from "../ranking/franchisees.js";
import { heldFrom } from "./holdback.js";
import { barredUntil, LOCK_BLOCKED, lockUnits, MIN_FILL } from "./lineTable.js";
import { minUnitsOf, refusal } from "./minFill.js";
import { inPacks } from "./packs.js";
import type { Limit } from "./plan.js";
import { decideWhole, firstShortLine, type WholeOrder, wholeOrders } from "./shipComplete.js";
import { forEachRankedLine, packOf, type RunState } from "./state.js";

/**
 * Pass 4, R-LOCK-PLACE (seed 6.4.2.5: 根据加盟商优先级依次根据销售订单占用产品库存):
 * stock left after the funded pass is locked for every line still outstanding,
 * funded or not — franchisees by priority then id, lines by R-RANK-LINE — for
 * `lockDays` days. A line released in this run, or whose `lockBlockedUntil` is
 * after `asOf`, is skipped (R-LOCK-EXPIRE). Off when `lockUnfunded` is false.
 * R-MINFILL: a line that could lock only part of its outstanding quantity,
 * below ⌈minFill × outstanding⌉, locks none.
 */
export function placeLocks(state: RunState, policy: AllocationPolicy, asOf: IsoDate): void {
  if (!policy.lockUnfunded) return;
  const { lines, stock: stockOf, trace } = state;
  const { open, sku: skuOf, facts } = lines;
  const franchisees = [...state.franchisees].sort(compareByPriority);
  const minUnits = minUnitsOf(policy.minFill);
  // R-COMPLETE: ship-complete orders, each locked whole or not at all.
  const whole = wholeOrders(lines, state.franchisees);
  const decided = new Set<number>();
  forEachRankedLine(franchisees, (_franchisee, i, franchiseeRank, lineRank) => {
    const demand = open[i] as number;
    if (demand <= 0) return;
    const order = whole?.get(lines.order[i] as number);
    if (order !== undefined) {
      if (decided.has(lines.order[i] as number)) return;
      decided.add(lines.order[i] as number);
      lockWholeOrder(state, order, franchiseeRank, asOf);
      return;
    }
    const sku = skuOf[i] as number;
    const stock = stockOf[sku] as number;
    const blockedUntil = barredUntil(lines, i, asOf);
    const allowed = blockedUntil === undefined ? Math.min(demand, stock) : 0;
    // R-PACK: whole packs, unless the lock completes the line.
    const pack = packOf(state, sku);
    const offered = inPacks(allowed, demand, pack);
    // R-MINFILL: a part below the least share is not locked; the stock passes on.
    const least = refusal(minUnits, offered, demand);
    const refused = least !== undefined;
    const quantity = refused ? 0 : offered;
    const limitedBy: Limit =
      quantity === demand
        ? "none"
        : blockedUntil !== undefined && stock > 0
          ? "lock-blocked"
          : refused
            ? "min-fill"
            : "stock";
    if (limitedBy === "lock-blocked") facts[i] = (facts[i] as number) | LOCK_BLOCKED;
    if (refused) facts[i] = (facts[i] as number) | MIN_FILL;
    if (quantity > 0) {
      lockUnits(lines, i, quantity);
      stockOf[sku] = stock - quantity;
    }
    trace.lock(i, franchiseeRank, lineRank, demand, stock, quantity, limitedBy, blockedUntil);
    if (offered < allowed) trace.packed(pack, allowed);
    if (refused) trace.refused(offered, least);
    if (limitedBy === "stock" || (refused && stock < demand)) heldFrom(state, i);
  });
}

/**
 * R-COMPLETE: a ship-complete order in the lock pass, at its first outstanding
 * line's turn: locked whole when free stock covers every outstanding line and
 * none is barred (R-LOCK-EXPIRE); else no line is locked, each decision naming
 * the line that fell short, and the stock passes on.
 */
function lockWholeOrder(
  state: RunState,
  order: WholeOrder,
  franchiseeRank: number,
  asOf: IsoDate,
): void {
  const { lines, stock: stockOf, trace } = state;
  const shortfall = firstShortLine(lines, order, stockOf, (i) =>
    barredUntil(lines, i, asOf) === undefined ? undefined : "lock-blocked",
  );
  decideWhole(lines, order, stockOf, shortfall, (i, rank, demand, stock, quantity, limitedBy) => {
    if (quantity > 0) lockUnits(lines, i, quantity);
    const bar = barredUntil(lines, i, asOf);
    trace.lock(i, franchiseeRank, rank, demand, stock, quantity, limitedBy, bar);
    trace.wholeOrder(shortfall);
    // R-HOLD: stock held the order back while units of the line's SKU were held.
    if (shortfall?.limitedBy === "stock") heldFrom(state, i);
  });
}
