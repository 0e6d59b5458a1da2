import type { Decimal } from "decimal.js";
import { ZERO } from "../domain/money.js";
import type { AllocationPolicy } from "../domain/policy.js";
import type { FranchiseeTieBreak } from "../domain/vocabulary.js";
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
  /** R-PRIO-FACTORS: units it ordered in the input, when a tie-break asks for them. */
  readonly orderedUnits?: number | undefined;
  /** R-PRIO-FACTORS: the value it ordered in the input, when a tie-break asks for it. */
  readonly orderedValue?: Decimal | undefined;
}

/** The tie-break of R-RANK-FUNDED when the policy names none. */
const SPENDABLE_THEN_ID: readonly FranchiseeTieBreak[] = Object.freeze(["spendable", "id"]);

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
 * R-RANK-FUNDED: the comparator of the funded pass (6.4.2.2–6.4.2.3).
 * Funded franchisees come first; within each group, `"priority"` orders by
 * priority ascending, then by `tieBreak`; `"funds"` by spendable descending,
 * then priority, then `tieBreak`. `tieBreak` (R-PRIO-FACTORS, policy
 * `franchiseeTieBreak`) is a list of keys taken in turn — `"spendable"`,
 * `"orderedUnits"`, `"orderedValue"` (more first; a standing without the
 * figure counts 0) and `"id"` — and the id always ends it, so the order is
 * total. The default, spendable then id, is the seed's.
 *
 * @example
 * ```ts
 * import { Money, compareFranchisees } from "fenhuo";
 * const rich = { id: "F2", priority: 2, spendable: new Money(900), funded: true };
 * const poor = { id: "F1", priority: 1, spendable: new Money(0), funded: false };
 * compareFranchisees("priority")(rich, poor) < 0; // true: funded beats unfunded
 * const big = { id: "F3", priority: 1, spendable: new Money(100), funded: true, orderedUnits: 90 };
 * const small = { id: "F4", priority: 1, spendable: new Money(800), funded: true, orderedUnits: 10 };
 * compareFranchisees("priority", ["orderedUnits"])(big, small) < 0; // true: more units ordered
 * ```
 */
export function compareFranchisees(
  ranking: AllocationPolicy["franchiseeRanking"],
  tieBreak: readonly FranchiseeTieBreak[] = SPENDABLE_THEN_ID,
): (a: FranchiseeStanding, b: FranchiseeStanding) => number {
  const keys = tieBreak.map(tieComparator);
  const head = headComparator(ranking);
  return (a, b) => {
    const first = head(a, b);
    if (first !== 0) return first;
    for (const key of keys) {
      const order = key(a, b);
      if (order !== 0) return order;
    }
    return compareIds(a.id, b.id);
  };
}

type Comparator = (a: FranchiseeStanding, b: FranchiseeStanding) => number;

/**
 * R-PRIO-FACTORS: whether two standings are level up to the tie-break — the
 * same funded status and priority (and spendable, under `"funds"`) — so that
 * `franchiseeTieBreak` alone orders them.
 *
 * @example
 * ```ts
 * import { Money, levelBeforeTieBreak } from "fenhuo";
 * const a = { id: "F1", priority: 1, spendable: new Money(100), funded: true };
 * const b = { id: "F2", priority: 1, spendable: new Money(900), funded: true };
 * levelBeforeTieBreak("priority", a, b); // true
 * levelBeforeTieBreak("funds", a, b); // false
 * ```
 */
export function levelBeforeTieBreak(
  ranking: AllocationPolicy["franchiseeRanking"],
  a: FranchiseeStanding,
  b: FranchiseeStanding,
): boolean {
  return headComparator(ranking)(a, b) === 0;
}

/** R-RANK-FUNDED up to the tie-break: funded first, then priority (`"funds"`: spendable, then priority). */
function headComparator(ranking: AllocationPolicy["franchiseeRanking"]): Comparator {
  return (a, b) => {
    if (a.funded !== b.funded) return a.funded ? -1 : 1;
    const byPriority = a.priority - b.priority;
    return ranking === "priority" ? byPriority : bySpendable(a, b) || byPriority;
  };
}

function bySpendable(a: FranchiseeStanding, b: FranchiseeStanding): number {
  return b.spendable.comparedTo(a.spendable);
}

function tieComparator(key: FranchiseeTieBreak): Comparator {
  switch (key) {
    case "spendable":
      return bySpendable;
    case "orderedUnits":
      return (a, b) => (b.orderedUnits ?? 0) - (a.orderedUnits ?? 0);
    case "orderedValue":
      return (a, b) => (b.orderedValue ?? ZERO).comparedTo(a.orderedValue ?? ZERO);
    case "id":
      return (a, b) => compareIds(a.id, b.id);
  }
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
