import type { Decimal } from "decimal.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { compareIds } from "./compare.js";

/** A franchisee's standing at ranking time. */
export interface FranchiseeStanding {
  readonly id: string;
  /** 1 is the highest. */
  readonly priority: number;
  /** Cash plus available credit. */
  readonly spendable: Decimal;
  /** Whether it has money (有款), see {@link isFunded}. */
  readonly funded: boolean;
}

/**
 * R-RANK-FUNDED: whether a franchisee counts as funded (有款): spendable > 0,
 * or cash > 0 when policy `creditCountsAsFunds` is false.
 *
 * @example
 * ```ts
 * import { Money, isFunded } from "fenhuo";
 * isFunded(new Money(0), new Money(500), true); // true
 * isFunded(new Money(0), new Money(500), false); // false
 * ```
 */
export function isFunded(
  cash: Decimal,
  availableCredit: Decimal,
  creditCountsAsFunds: boolean,
): boolean {
  return creditCountsAsFunds ? cash.plus(availableCredit).gt(0) : cash.gt(0);
}

/**
 * R-RANK-FUNDED: the comparator of the franchisee passes (6.4.2.2–6.4.2.3).
 * Funded franchisees come first; within each group, `"priority"` orders by
 * priority ascending, then spendable descending, then id; `"funds"` by
 * spendable descending, then priority, then id. A total order.
 *
 * @example
 * ```ts
 * import { Money, compareFranchisees } from "fenhuo";
 * const rich = { id: "F2", priority: 2, spendable: new Money(900), funded: true };
 * const poor = { id: "F1", priority: 1, spendable: new Money(0), funded: false };
 * compareFranchisees("priority")(rich, poor) < 0; // true: funded beats unfunded
 * ```
 */
export function compareFranchisees(
  ranking: AllocationPolicy["franchiseeRanking"],
): (a: FranchiseeStanding, b: FranchiseeStanding) => number {
  return (a, b) => {
    if (a.funded !== b.funded) return a.funded ? -1 : 1;
    const byPriority = a.priority - b.priority;
    const byFunds = b.spendable.comparedTo(a.spendable);
    const first = ranking === "priority" ? byPriority : byFunds;
    const second = ranking === "priority" ? byFunds : byPriority;
    return first || second || compareIds(a.id, b.id);
  };
}

/**
 * R-LOCK-PLACE and R-LOCK-CONVERT: the plain priority order (priority ascending,
 * then id) in which locks are offered and placed.
 *
 * @example
 * ```ts
 * import { compareByPriority } from "fenhuo";
 * compareByPriority({ id: "F9", priority: 1 }, { id: "F1", priority: 2 }) < 0; // true
 * ```
 */
export function compareByPriority(
  a: { readonly id: string; readonly priority: number },
  b: { readonly id: string; readonly priority: number },
): number {
  return a.priority - b.priority || compareIds(a.id, b.id);
}
