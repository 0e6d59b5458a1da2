import type { Decimal } from "decimal.js";
import { formatAmount, Money, ZERO } from "../domain/money.js";
import {
  type FranchiseePriority,
  PRIORITY_FACTORS,
  type PriorityFactor,
  type PriorityFactors,
} from "../domain/priorityFactors.js";
import { compareIds } from "./compare.js";

/** Every amount has at most 12 fraction digits (R-UNIT-2): × 10^12 makes it a whole number. */
const SCALE = 10n ** 12n;

/** An amount as the whole number of 10^-12 units it is, exactly. */
function scaled(amount: Decimal): bigint {
  return BigInt(amount.times(1e12).toFixed(0));
}

/** One franchisee's factor scores as exact fractions over a denominator shared by all. */
interface Scored {
  readonly id: string;
  readonly numerators: Readonly<Record<PriorityFactor, bigint>>;
  readonly units: number;
  readonly value: Decimal;
  /** Σ weight × numerator × (common ÷ denominator): the score × common × 10^12, exact. */
  readonly exact: bigint;
}

/**
 * R-PRIO-FACTORS: ranks franchisees by the weighted sum of their factor
 * scores, each from 0 to 1 —
 * - `region`: a region listed at place p (1 first) of n scores (n − p + 1) ÷ n;
 *   a region not listed, or none, 0;
 * - `tier`: tier t of the highest tier T given scores (T − t + 1) ÷ T; no tier, 0;
 * - `orderedUnits`, `orderedValue`: what it ordered in the period ÷ the most any
 *   franchisee ordered (0 when nobody ordered);
 *
 * with the score compared exactly (as fractions, never rounded). Equal scores
 * go in the stated tie-break: value ordered, then units ordered (more first),
 * then id; with `sameScore: "share"` they share one priority. Priorities are
 * 1, 2, 3, … without gaps; the rows come in priority order.
 */
export function rankByFactors(factors: PriorityFactors): FranchiseePriority[] {
  const { franchisees, orders, period, regionRank, weights, sameScore, minorDigits } = factors;
  const units = new Map<string, number>();
  const value = new Map<string, Decimal>();
  for (const order of orders) {
    if (period !== undefined && (order.orderedOn < period.from || order.orderedOn > period.to))
      continue;
    let u = units.get(order.franchisee) ?? 0;
    let v = value.get(order.franchisee) ?? ZERO;
    for (const line of order.lines) {
      u += line.quantity;
      v = v.plus(line.unitPrice.times(line.quantity));
    }
    units.set(order.franchisee, u);
    value.set(order.franchisee, v);
  }

  const place = new Map(regionRank.map((region, index) => [region, index]));
  const topTier = Math.max(0, ...franchisees.map((franchisee) => franchisee.tier ?? 0));
  const raw = franchisees.map((franchisee) => {
    const p = franchisee.region === undefined ? undefined : place.get(franchisee.region);
    return {
      franchisee,
      region: p === undefined ? 0n : BigInt(regionRank.length - p),
      tier: franchisee.tier === undefined ? 0n : BigInt(topTier - franchisee.tier + 1),
      orderedUnits: BigInt(units.get(franchisee.id) ?? 0),
      orderedValue: scaled(value.get(franchisee.id) ?? ZERO),
    };
  });
  const most = (factor: "orderedUnits" | "orderedValue") => {
    let top = 0n;
    for (const row of raw) if (row[factor] > top) top = row[factor];
    return top;
  };
  const denominators: Record<PriorityFactor, bigint> = {
    region: atLeastOne(BigInt(regionRank.length)),
    tier: atLeastOne(BigInt(topTier)),
    orderedUnits: atLeastOne(most("orderedUnits")),
    orderedValue: atLeastOne(most("orderedValue")),
  };
  const common = PRIORITY_FACTORS.reduce((product, factor) => product * denominators[factor], 1n);
  const weight = Object.fromEntries(
    PRIORITY_FACTORS.map((factor) => [factor, scaled(weights[factor])]),
  ) as Record<PriorityFactor, bigint>;

  const scored: Scored[] = raw.map((row) => {
    const numerators = {
      region: row.region,
      tier: row.tier,
      orderedUnits: row.orderedUnits,
      orderedValue: row.orderedValue,
    };
    let exact = 0n;
    for (const factor of PRIORITY_FACTORS) {
      exact += weight[factor] * numerators[factor] * (common / denominators[factor]);
    }
    const id = row.franchisee.id;
    return { id, numerators, units: units.get(id) ?? 0, value: value.get(id) ?? ZERO, exact };
  });
  scored.sort(
    (a, b) =>
      compareBig(b.exact, a.exact) ||
      b.value.comparedTo(a.value) ||
      b.units - a.units ||
      compareIds(a.id, b.id),
  );

  const whole = new Money((common * SCALE).toString());
  let priority = 0;
  return scored.map((row, index) => {
    const previous = scored[index - 1];
    if (sameScore === "next" || previous === undefined || previous.exact !== row.exact) priority++;
    return {
      franchisee: row.id,
      priority,
      score: new Money(row.exact.toString()).div(whole).toFixed(6),
      factors: Object.fromEntries(
        PRIORITY_FACTORS.map((factor) => [
          factor,
          new Money(row.numerators[factor].toString())
            .div(denominators[factor].toString())
            .toFixed(4),
        ]),
      ) as Record<PriorityFactor, string>,
      orderedUnits: row.units,
      orderedValue: formatAmount(row.value, minorDigits),
    };
  });
}

function atLeastOne(n: bigint): bigint {
  return n > 0n ? n : 1n;
}

function compareBig(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
