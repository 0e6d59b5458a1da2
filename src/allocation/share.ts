import type { AllocationPolicy } from "../domain/policy.js";
import type { Amount } from "./runMoney.js";
import { apportion } from "./sizeRun.js";
import type { FranchiseeState, RunState } from "./state.js";

/*
 * R-SHARE (policy `share: "proportional"`): claimants of equal rank for one
 * SKU in one pass share stock that cannot fill them all in proportion to
 * their capped demand — each ⌊stock × cap ÷ Σcaps⌋, the units left one each
 * by largest remainder, ties to the earlier in rank order (which ends in the
 * id). Nobody gets more than its cap. The funded pass walks a group of level
 * franchisees SKU by SKU (funded.ts); the direct pass shares among the
 * stores of one class in one region (direct.ts).
 */

/** R-SHARE: what a claimant's decision says of the share it met. */
export interface ShareFact {
  /** The units this claimant was given of the stock shared. */
  readonly units: number;
  /** Its capped demand: what it would have taken, stock no limit. */
  readonly cap: number;
  /** The stock shared among the claimants. */
  readonly stock: number;
  /** How many claimants (of a cap above 0) shared it. */
  readonly claimants: number;
}

/**
 * R-SHARE: each claimant's share of `stock` by its cap, or `undefined` when
 * the stock fills every cap (or fewer than two claimants have one): then the
 * claimants take their turns one after another, as without the lever.
 */
export function proportionalShares(
  stock: number,
  caps: readonly number[],
): readonly ShareFact[] | undefined {
  let total = 0;
  let claimants = 0;
  for (const cap of caps) {
    total += cap;
    if (cap > 0) claimants++;
  }
  if (total <= stock || claimants < 2) return undefined;
  // Below the caps' sum, no quota reaches its cap: this is ⌊stock × cap ÷ Σcaps⌋ and the remainders.
  const units = apportion(stock, caps, caps);
  return caps.map((cap, k) => ({ units: units[k] as number, cap, stock, claimants }));
}

/**
 * Consecutive runs of `items` that stand level with their neighbour: the
 * groups of equal rank, in order (a run of one is a claimant alone).
 */
export function levelRuns<T>(items: readonly T[], level: (a: T, b: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    const previous = last?.[last.length - 1];
    if (last !== undefined && level(previous as T, item)) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * R-SHARE in the funded pass: a franchisee's capped demand for the lines
 * given (its plain lines of one SKU, in R-RANK-LINE order) — what money buys of
 * them one after another, stock no limit: min(outstanding, ⌊spendable ÷
 * price⌋) each, a zero price no limit, none once it is stopped, and (with
 * `afterShortfall: "stop"`) none after the first line money leaves short.
 */
export function cappedDemand(
  state: RunState,
  franchisee: FranchiseeState,
  lines: readonly number[],
  policy: Pick<AllocationPolicy, "afterShortfall">,
): number {
  if (franchisee.stopped) return 0;
  const { money, prices } = state;
  const { open, price: priceOf } = state.lines;
  let spendable = franchisee.spendable;
  let cap = 0;
  for (const i of lines) {
    const demand = open[i] as number;
    const price = prices[priceOf[i] as number] as Amount;
    const units = money.isZero(price) ? demand : Math.min(demand, money.quotient(spendable, price));
    cap += units;
    if (units > 0) spendable = money.minus(spendable, money.times(price, units));
    if (units < demand && policy.afterShortfall === "stop") break;
  }
  return cap;
}

/**
 * The walk of a group of level franchisees in the funded pass: SKU after SKU
 * in launch-plan order, and for each the members' runs of lines of that SKU
 * (indexes into each member's ranked lines), members in rank order. Each
 * member's lines keep their R-RANK-LINE order, which sorts by product first.
 */
export function* skuSteps(
  state: RunState,
  members: readonly FranchiseeState[],
): Generator<{ readonly sku: number; readonly runs: readonly (readonly [number, number])[] }> {
  const { productRank } = state;
  const skuOf = state.lines.sku;
  const cursor = members.map(() => 0);
  const skuAt = (m: number) => {
    const lines = (members[m] as FranchiseeState).lines;
    const k = cursor[m] as number;
    return k < lines.length ? (skuOf[lines[k] as number] as number) : -1;
  };
  for (;;) {
    let next = -1;
    for (let m = 0; m < members.length; m++) {
      const sku = skuAt(m);
      if (sku >= 0 && (next < 0 || (productRank[sku] as number) < (productRank[next] as number)))
        next = sku;
    }
    if (next < 0) return;
    const runs = members.map((member, m) => {
      const start = cursor[m] as number;
      let end = start;
      while (end < member.lines.length && skuOf[member.lines[end] as number] === next) end++;
      cursor[m] = end;
      return [start, end] as const;
    });
    yield { sku: next, runs };
  }
}

/** R-SHARE: what is left of a shared line's franchisee's share, and the share. */
export interface ShareLimit {
  readonly units: number;
  readonly fact: ShareFact;
}

/**
 * R-SHARE: a group of level franchisees (ranks `first`, `first + 1`, …) in the
 * funded pass, SKU by SKU in launch-plan order. At each SKU the members' lines
 * decided with others — ship-complete orders, spread styles — take their turn
 * first, members in rank order; then the members' other lines of the SKU
 * share the free stock left by their capped demand ({@link cappedDemand}),
 * each member's lines taking its share in R-RANK-LINE order. Stock that fills
 * every cap is not shared: the lines take their turns as without the lever.
 * What a member leaves of its share (whole packs, R-MINFILL) passes on to the
 * franchisees after the group.
 */
export function fundLevelGroup(
  state: RunState,
  policy: AllocationPolicy,
  members: readonly FranchiseeState[],
  first: number,
  visit: (
    f: FranchiseeState,
    i: number,
    rank: number,
    lineRank: number,
    limit?: ShareLimit,
  ) => void,
  plain: (i: number) => boolean,
): void {
  const { open } = state.lines;
  for (const { sku, runs } of skuSteps(state, members)) {
    const claims = members.map((member, m) => {
      const [start, end] = runs[m] as readonly [number, number];
      const own: number[] = [];
      for (let k = start; k < end; k++) {
        const i = member.lines[k] as number;
        if (!plain(i)) visit(member, i, first + m, k + 1);
        else if ((open[i] as number) > 0) own.push(k);
      }
      return own;
    });
    const caps = members.map((member, m) =>
      cappedDemand(
        state,
        member,
        (claims[m] as number[]).map((k) => member.lines[k] as number),
        policy,
      ),
    );
    const shares = proportionalShares(state.stock[sku] as number, caps);
    members.forEach((member, m) => {
      const fact = shares?.[m];
      let left = fact?.units ?? 0;
      for (const k of claims[m] as number[]) {
        const i = member.lines[k] as number;
        const before = open[i] as number;
        visit(member, i, first + m, k + 1, fact === undefined ? undefined : { units: left, fact });
        left -= before - (open[i] as number);
      }
    });
  }
}
