import type { LineTable } from "./lineTable.js";
import type { Amount } from "./runMoney.js";
import type { WholeOrder } from "./shipComplete.js";
import type { FranchiseeState, RunState } from "./state.js";

/*
 * R-SIZE-RUN, policy `partialBy: "style"`: when money cannot buy all of a
 * franchisee's outstanding lines of one style (the sizes and colours of one
 * article), the units it can afford are spread over those lines in proportion
 * to what they are missing — largest remainder, ties in line order — instead of
 * buying sizes one after another. The style is decided at the turn of its first
 * outstanding line in the funded pass.
 */

/** A franchisee's lines of one style, in R-RANK-LINE order, with their ranks among its lines. */
export interface StyleGroup {
  readonly style: string;
  readonly lines: readonly number[];
  readonly ranks: readonly number[];
}

/** Serves one line its `share` (or, without one, what stock and money give it); whether money held it short. */
export type FundLine = (line: number, lineRank: number, share?: number) => boolean;

/**
 * Each line of a style group of two lines or more, by line-table index: a
 * franchisee's lines outstanding when the funded pass starts whose products
 * share a `style`, leaving out lines of ship-complete orders (R-COMPLETE
 * decides them whole).
 */
export function styleGroups(
  state: RunState,
  whole: ReadonlyMap<number, WholeOrder> | undefined,
): ReadonlyMap<number, StyleGroup> {
  const { lines, products } = state;
  const out = new Map<number, StyleGroup>();
  for (const franchisee of state.franchisees) {
    const groups = new Map<string, { style: string; lines: number[]; ranks: number[] }>();
    franchisee.lines.forEach((i, k) => {
      const style = products[lines.sku[i] as number]?.style;
      if (style === undefined || whole?.has(lines.order[i] as number)) return;
      if ((lines.open[i] as number) <= 0) return;
      const group = groups.get(style) ?? { style, lines: [], ranks: [] };
      group.lines.push(i);
      group.ranks.push(k + 1);
      groups.set(style, group);
    });
    for (const group of groups.values()) {
      if (group.lines.length < 2) continue;
      for (const i of group.lines) out.set(i, group);
    }
  }
  return out;
}

/**
 * R-SIZE-RUN: a style group at its first outstanding line's turn. Each line
 * may take c = min(missing, free stock left by the lines before it); when the
 * franchisee's money buys every c (or it is stopped), each line is served as
 * usual. Otherwise lines of price 0 take their c, and the priced ones share T
 * units — the most whose spread the money pays for — by {@link apportion}.
 * Whether money held the spread style short (a line bought as usual reports
 * its own shortfall to `afterLine`).
 */
export function spreadStyle(
  state: RunState,
  franchisee: FranchiseeState,
  group: StyleGroup,
  fund: FundLine,
  afterLine: (short: boolean) => void,
): boolean {
  const { lines, money, prices } = state;
  const open: number[] = [];
  const ranks: number[] = [];
  const caps: number[] = [];
  const taken = new Map<number, number>();
  let cost = money.zero;
  group.lines.forEach((i, k) => {
    const demand = lines.open[i] as number;
    if (demand <= 0) return;
    const sku = lines.sku[i] as number;
    const before = taken.get(sku) ?? 0;
    const cap = Math.min(demand, (state.stock[sku] as number) - before);
    taken.set(sku, before + cap);
    open.push(i);
    ranks.push(group.ranks[k] as number);
    caps.push(cap);
    cost = money.plus(cost, money.times(priceOf(lines, prices, i), cap));
  });
  if (franchisee.stopped || money.lte(cost, franchisee.spendable)) {
    // As "line" buys them: a line that still falls short (a pack cut left stock to a
    // dearer size) is a shortfall at its own turn.
    open.forEach((i, k) => {
      afterLine(fund(i, ranks[k] as number));
    });
    return false;
  }
  // Lines that cost nothing take all they may; the priced ones share what money buys.
  const priced = open.map((i) => !money.isZero(priceOf(lines, prices, i)));
  const weights = open.map((i, k) => (priced[k] ? (lines.open[i] as number) : 0));
  const pricedCaps = caps.map((cap, k) => (priced[k] ? cap : 0));
  const budget = franchisee.spendable;
  const costOf = (shares: readonly number[]) =>
    shares.reduce(
      (sum, units, k) =>
        money.plus(sum, money.times(priceOf(lines, prices, open[k] as number), units)),
      money.zero,
    );
  const pricesOf = open.filter((_, k) => priced[k]).map((i) => priceOf(lines, prices, i));
  const total = pricedCaps.reduce((sum, cap) => sum + cap, 0);
  const most = (price: Amount) => Math.min(total, money.quotient(budget, price));
  const cheapest = pricesOf.reduce((a, b) => (money.lte(a, b) ? a : b));
  const dearest = pricesOf.reduce((a, b) => (money.lte(a, b) ? b : a));
  // Any T units cost at most T × the dearest price: T = most(dearest) always fits.
  let units = most(dearest);
  let shares = apportion(units, weights, pricedCaps);
  for (let t = most(cheapest); t > units; t--) {
    const trial = apportion(t, weights, pricedCaps);
    if (money.lte(costOf(trial), budget)) {
      units = t;
      shares = trial;
      break;
    }
  }
  open.forEach((i, k) => {
    fund(i, ranks[k] as number, priced[k] ? (shares[k] as number) : (caps[k] as number));
    state.trace.spread({ style: group.style, units });
  });
  return true;
}

function priceOf(lines: LineTable, prices: readonly Amount[], i: number): Amount {
  return prices[lines.price[i] as number] as Amount;
}

/**
 * `units` shared by `weights`, each share at most its cap: shares whose exact
 * quota passes their cap take the cap and leave the rest to the others, in
 * turn; then each takes ⌊quota⌋ and the units left go one each to the largest
 * remainders, ties to the earlier entry. Exact (integers); `units` must not
 * exceed the caps' sum. Entries of weight 0 get 0.
 */
export function apportion(
  units: number,
  weights: readonly number[],
  caps: readonly number[],
): number[] {
  const shares = weights.map(() => 0);
  let active = weights.map((_, k) => k).filter((k) => (weights[k] as number) > 0);
  let left = BigInt(units);
  for (;;) {
    const sum = active.reduce((s, k) => s + BigInt(weights[k] as number), 0n);
    if (sum === 0n || left === 0n) return shares;
    const over = active.filter(
      (k) => left * BigInt(weights[k] as number) > BigInt(caps[k] as number) * sum,
    );
    if (over.length === 0) {
      const remainders: [number, bigint][] = [];
      let given = 0n;
      for (const k of active) {
        const quota = left * BigInt(weights[k] as number);
        shares[k] = Number(quota / sum);
        given += quota / sum;
        remainders.push([k, quota % sum]);
      }
      remainders.sort(([a, ra], [b, rb]) => (ra === rb ? a - b : ra > rb ? -1 : 1));
      for (let r = 0; r < Number(left - given); r++) {
        const k = (remainders[r] as [number, bigint])[0];
        shares[k] = (shares[k] as number) + 1;
      }
      return shares;
    }
    for (const k of over) {
      shares[k] = caps[k] as number;
      left -= BigInt(caps[k] as number);
    }
    active = active.filter((k) => !over.includes(k));
  }
}
