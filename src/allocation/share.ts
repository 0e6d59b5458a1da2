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
    spendable = money.minus(spendable, money.times(price, units));
    if (units < demand && policy.afterShortfall === "stop") break;
  }
  return cap;
}

/** One member's run of lines of one SKU: indexes `start` to `end` (exclusive) into its ranked lines. */
export interface SkuRun {
  /** The member's place in its group, 0 first. */
  readonly member: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The walk of a group of level franchisees in the funded pass: SKU after SKU
 * in launch-plan order, and for each the runs of lines of that SKU of the
 * members that have some, members in rank order. Each member's lines keep
 * their R-RANK-LINE order, which sorts by product first, so a member has one
 * run per SKU. Made in one sort of the runs: a group of thousands of members
 * over thousands of SKUs costs its lines, not members × SKUs.
 */
export function skuSteps(
  state: RunState,
  members: readonly FranchiseeState[],
): { readonly sku: number; readonly runs: readonly SkuRun[] }[] {
  const { productRank } = state;
  const skuOf = state.lines.sku;
  const runs: SkuRun[] = [];
  const rankOf: number[] = [];
  const perRank = new Int32Array(productRank.length + 1);
  members.forEach((franchisee, member) => {
    const lines = franchisee.lines;
    for (let start = 0; start < lines.length; ) {
      const sku = skuOf[lines[start] as number] as number;
      let end = start + 1;
      while (end < lines.length && skuOf[lines[end] as number] === sku) end++;
      runs.push({ member, start, end });
      const rank = productRank[sku] as number;
      rankOf.push(rank);
      perRank[rank + 1] = (perRank[rank + 1] as number) + 1;
      start = end;
    }
  });
  // A counting sort by launch-plan rank keeps the members' order within a SKU.
  for (let rank = 1; rank < perRank.length; rank++)
    perRank[rank] = (perRank[rank] as number) + (perRank[rank - 1] as number);
  const sorted = new Array<SkuRun>(runs.length);
  const skuAt = new Int32Array(runs.length);
  runs.forEach((run, k) => {
    const rank = rankOf[k] as number;
    const at = perRank[rank] as number;
    perRank[rank] = at + 1;
    sorted[at] = run;
    skuAt[at] = skuOf[
      (members[run.member] as FranchiseeState).lines[run.start] as number
    ] as number;
  });
  const steps: { sku: number; runs: SkuRun[] }[] = [];
  sorted.forEach((run, k) => {
    const sku = skuAt[k] as number;
    const last = steps[steps.length - 1];
    if (last !== undefined && last.sku === sku) last.runs.push(run);
    else steps.push({ sku, runs: [run] });
  });
  return steps;
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
    const claims = runs.map(({ member: m, start, end }) => {
      const member = members[m] as FranchiseeState;
      const own: number[] = [];
      for (let k = start; k < end; k++) {
        const i = member.lines[k] as number;
        if (!plain(i)) visit(member, i, first + m, k + 1);
        else if ((open[i] as number) > 0) own.push(k);
      }
      return own;
    });
    const caps = runs.map(({ member: m }, r) => {
      const member = members[m] as FranchiseeState;
      return cappedDemand(
        state,
        member,
        (claims[r] as number[]).map((k) => member.lines[k] as number),
        policy,
      );
    });
    const shares = proportionalShares(state.stock[sku] as number, caps);
    runs.forEach(({ member: m }, r) => {
      const member = members[m] as FranchiseeState;
      const fact = shares?.[r];
      let left = fact?.units ?? 0;
      for (const k of claims[r] as number[]) {
        const i = member.lines[k] as number;
        const before = open[i] as number;
        visit(member, i, first + m, k + 1, fact === undefined ? undefined : { units: left, fact });
        left -= before - (open[i] as number);
      }
    });
  }
}
