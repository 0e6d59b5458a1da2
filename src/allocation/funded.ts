import { Decimal } from "decimal.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { compareFranchisees, isFunded, levelBeforeTieBreak } from "../ranking/franchisees.js";
import { heldFrom } from "./holdback.js";
import { type LineTable, MIN_FILL, MONEY_SHORT } from "./lineTable.js";
import { minUnitsOf, refusal } from "./minFill.js";
import { inPacks } from "./packs.js";
import type { Limit } from "./plan.js";
import type { Amount } from "./runMoney.js";
import { fundLevelGroup, levelRuns, type ShareLimit } from "./share.js";
import { decideWhole, firstShortLine, type WholeOrder, wholeOrders } from "./shipComplete.js";
import { type FundLine, type StyleGroup, spreadStyle, styleGroups } from "./sizeRun.js";
import {
  affordable,
  afterShortfall,
  type FranchiseeState,
  forEachRankedLine,
  packOf,
  type RunState,
  serve,
} from "./state.js";

/**
 * Pass 3, R-ALLOC-FUNDED (seed 6.4.2.1–6.4.2.4): franchisees in R-RANK-FUNDED
 * order, ranked once from the money left after lock conversion — funded ones
 * first, then the rest, who can take only what costs them nothing (or, with
 * `creditCountsAsFunds: false`, what their credit pays for). Each line takes
 * min(outstanding, free stock, ⌊spendable ÷ unitPrice⌋), paid in the policy's
 * `spendOrder`. When money stops a line short, R-ALLOC-PARTIAL: the franchisee's
 * later lines go on with what is left, unless `afterShortfall` is `"stop"`.
 * R-MINFILL: a line offered part of its outstanding quantity below
 * ⌈minFill × outstanding⌉ takes none (a shortfall all the same, for `afterShortfall`).
 * R-COMPLETE: a ship-complete order is served whole or not at all ({@link fundWholeOrder}).
 * R-SIZE-RUN: with `partialBy: "style"`, a franchisee's lines of one style that
 * money cannot buy in full share what it can buy (sizeRun.ts).
 * R-SHARE: with `share: "proportional"`, franchisees level up to the tie-break
 * share each SKU's scarce stock by capped demand, walked SKU by SKU (share.ts).
 * R-HOLD: held units are out of the pass's free stock; a line short of stock
 * while some were held names them (holdback.ts).
 */
export function allocateFunded(state: RunState, policy: AllocationPolicy): void {
  const { lines, money } = state;
  const tieBreak = policy.franchiseeTieBreak;
  const minUnits = minUnitsOf(policy.minFill);
  // R-PRIO-FACTORS: the ordered figures are summed only when the tie-break ranks by them.
  const ordered =
    tieBreak.includes("orderedUnits") || tieBreak.includes("orderedValue")
      ? orderedFigures(lines, state.franchisees.length)
      : undefined;
  const standings = state.franchisees
    .map((franchisee) => ({
      franchisee,
      id: franchisee.id,
      priority: franchisee.priority,
      spendable: money.decimal(franchisee.spendable),
      funded: isFunded(
        money.decimal(franchisee.cash),
        money.decimal(franchisee.credit),
        policy.creditCountsAsFunds,
      ),
      orderedUnits: ordered?.units[franchisee.index],
      orderedValue: ordered?.value[franchisee.index],
    }))
    .sort(compareFranchisees(policy.franchiseeRanking, tieBreak));
  const funded = new Uint8Array(state.franchisees.length);
  for (const standing of standings) funded[standing.franchisee.index] = standing.funded ? 1 : 0;
  if (ordered !== undefined) {
    standings.forEach((standing, k) => {
      const level = (other: (typeof standings)[number] | undefined) =>
        other !== undefined && levelBeforeTieBreak(policy.franchiseeRanking, standing, other);
      const value = ordered.value[standing.franchisee.index] as Decimal;
      standing.franchisee.ordered = {
        units: ordered.units[standing.franchisee.index] as number,
        value,
        valueText: state.format(value),
        tied: level(standings[k - 1]) || level(standings[k + 1]),
      };
    });
  }

  const { open, order: orderOf } = lines;
  // R-COMPLETE: ship-complete orders, each decided whole at its first outstanding line.
  const whole = wholeOrders(lines, state.franchisees);
  const decided = new Set<number>();
  const styles = policy.partialBy === "style" ? styleGroups(state, whole) : undefined;
  const spread = new Set<StyleGroup>();
  /** One line's turn; `limit`, R-SHARE's cap on what a shared line may take of the stock. */
  const visit = (
    franchisee: FranchiseeState,
    i: number,
    franchiseeRank: number,
    lineRank: number,
    limit?: ShareLimit,
  ): void => {
    const demand = open[i] as number;
    if (demand <= 0) return;
    const order = whole?.get(orderOf[i] as number);
    if (order !== undefined) {
      if (decided.has(orderOf[i] as number)) return;
      decided.add(orderOf[i] as number);
      fundWholeOrder(
        state,
        policy,
        franchisee,
        order,
        franchiseeRank,
        funded[franchisee.index] === 1,
      );
      return;
    }
    const isFunded = funded[franchisee.index] === 1;
    // R-SIZE-RUN: a franchisee's lines of one style, spread when money cannot buy them all.
    const style = styles?.get(i);
    if (style !== undefined) {
      if (spread.has(style)) return;
      spread.add(style);
      const fund: FundLine = (line, rank, share) =>
        fundLine(state, policy, franchisee, line, franchiseeRank, rank, isFunded, minUnits, {
          share,
        });
      const afterLine = (short: boolean) => afterShortfall(franchisee, short, policy);
      afterLine(spreadStyle(state, franchisee, style, fund, afterLine));
      return;
    }
    const short = fundLine(
      state,
      policy,
      franchisee,
      i,
      franchiseeRank,
      lineRank,
      isFunded,
      minUnits,
      {
        limit,
      },
    );
    afterShortfall(franchisee, short, policy);
  };
  const ranked = standings.map((standing) => standing.franchisee);
  if (policy.share !== "proportional") {
    forEachRankedLine(ranked, visit);
    return;
  }
  // R-SHARE: franchisees level up to the tie-break share each SKU; one alone walks its lines.
  const plain = (i: number) =>
    whole?.get(orderOf[i] as number) === undefined && styles?.get(i) === undefined;
  let first = 1;
  for (const run of levelRuns(standings, (a, b) =>
    levelBeforeTieBreak(policy.franchiseeRanking, a, b),
  )) {
    const members = run.map((standing) => standing.franchisee);
    if (members.length === 1) forEachRankedLine(members, (f, i, _rank, k) => visit(f, i, first, k));
    else fundLevelGroup(state, policy, members, first, visit, plain);
    first += members.length;
  }
}

/**
 * One line's turn in the funded pass: min(outstanding, free stock, what money
 * buys) — or, for a line of a style spread by R-SIZE-RUN, its `share` — in whole
 * packs (R-PACK), unless R-MINFILL refuses it; served, its facts kept and its
 * decision recorded. Whether money held it below what the stock allowed.
 */
function fundLine(
  state: RunState,
  policy: AllocationPolicy,
  franchisee: FranchiseeState,
  i: number,
  franchiseeRank: number,
  lineRank: number,
  funded: boolean,
  minUnits: ((outstanding: number) => number) | undefined,
  {
    share,
    limit,
  }: { readonly share?: number | undefined; readonly limit?: ShareLimit | undefined } = {},
): boolean {
  const { lines, stock: stockOf, trace, money, prices } = state;
  const { open, sku: skuOf, price: priceOf, facts } = lines;
  const demand = open[i] as number;
  const sku = skuOf[i] as number;
  const stock = stockOf[sku] as number;
  // R-SHARE: a shared line takes at most what is left of its franchisee's share.
  const want = Math.min(demand, stock, limit === undefined ? stock : limit.units);
  const spendable = franchisee.spendable;
  const stopped = franchisee.stopped;
  const price = prices[priceOf[i] as number] as Amount;
  const allowed = share ?? affordable(money, franchisee, want, price);
  // Money held the line back if it got less than the stock allowed (a stopped line gets 0).
  const shortOfMoney = allowed < want;
  // R-PACK: whole packs, unless the line completes; money buys whole packs.
  const pack = packOf(state, sku);
  const offered = inPacks(allowed, demand, pack);
  // R-MINFILL: a part below the least share is not taken; stock and money pass on.
  const least = refusal(minUnits, offered, demand);
  const refused = least !== undefined;
  const quantity = refused ? 0 : offered;
  if (quantity > 0) {
    serve(state, franchisee, i, "funded", quantity, price, policy.spendOrder);
    stockOf[sku] = stock - quantity;
  }
  if (shortOfMoney) facts[i] = (facts[i] as number) | MONEY_SHORT;
  if (refused) facts[i] = (facts[i] as number) | MIN_FILL;
  const limitedBy: Limit =
    quantity === demand ? "none" : refused ? "min-fill" : shortOfMoney ? "funds" : "stock";
  trace.funded(
    i,
    franchiseeRank,
    lineRank,
    demand,
    stock,
    quantity,
    limitedBy,
    spendable,
    funded,
    stopped,
  );
  if (offered < allowed) trace.packed(pack, allowed);
  if (refused) trace.refused(offered, least);
  // R-HOLD: named whenever stock kept the line short (a min-fill refusal of a stock-bound part too).
  if (limitedBy === "stock" || (refused && stock < demand)) heldFrom(state, i);
  if (limit !== undefined) trace.shared(limit.fact);
  return shortOfMoney;
}

/**
 * R-COMPLETE: a ship-complete order in the funded pass, at its first
 * outstanding line's turn: when free stock and the franchisee's money cover
 * every outstanding line in full, each is served in rank order; else none is,
 * each line's decision naming the line that fell short, and the stock and money
 * pass on. Falling short for money is a shortfall (R-ALLOC-PARTIAL).
 */
function fundWholeOrder(
  state: RunState,
  policy: AllocationPolicy,
  franchisee: FranchiseeState,
  order: WholeOrder,
  franchiseeRank: number,
  funded: boolean,
): void {
  const { lines, stock: stockOf, trace, money, prices } = state;
  const priceOf = (i: number) => prices[lines.price[i] as number] as Amount;
  let cost = money.zero;
  const shortfall = firstShortLine(lines, order, stockOf, (i, demand) => {
    if (franchisee.stopped) return "funds";
    cost = money.plus(cost, money.times(priceOf(i), demand));
    return money.lte(cost, franchisee.spendable) ? undefined : "funds";
  });
  const stopped = franchisee.stopped;
  decideWhole(lines, order, stockOf, shortfall, (i, rank, demand, stock, quantity, limitedBy) => {
    const spendable = franchisee.spendable;
    if (quantity > 0)
      serve(state, franchisee, i, "funded", quantity, priceOf(i), policy.spendOrder);
    trace.funded(
      i,
      franchiseeRank,
      rank,
      demand,
      stock,
      quantity,
      limitedBy,
      spendable,
      funded,
      stopped,
    );
    trace.wholeOrder(shortfall);
    // R-HOLD: stock held the order back while units of the line's SKU were held.
    if (shortfall?.limitedBy === "stock") heldFrom(state, i);
  });
  afterShortfall(franchisee, shortfall?.limitedBy === "funds", policy);
}

/**
 * R-PRIO-FACTORS: each franchisee's units and value ordered in the input (every
 * line's `quantity`, allocated or not, and quantity × unitPrice), by
 * franchisee number. Units are summed per distinct price, so a value costs one
 * multiplication per price a franchisee orders at, not one per line.
 */
function orderedFigures(
  lines: LineTable,
  franchisees: number,
): { readonly units: Float64Array; readonly value: Decimal[] } {
  const units = new Float64Array(franchisees);
  const byPrice = new Map<number, number>();
  const { count, source, franchisee: owner, price, prices } = lines;
  for (let i = 0; i < count; i++) {
    const f = owner[i] as number;
    const quantity = (source[i] as (typeof source)[number]).quantity;
    units[f] = (units[f] as number) + quantity;
    const key = f * prices.length + (price[i] as number);
    byPrice.set(key, (byPrice.get(key) ?? 0) + quantity);
  }
  const value = Array.from({ length: franchisees }, () => new Decimal(0));
  for (const [key, quantity] of byPrice) {
    const f = Math.floor(key / prices.length);
    value[f] = (value[f] as Decimal).plus((prices[key % prices.length] as Decimal).times(quantity));
  }
  return { units, value };
}
