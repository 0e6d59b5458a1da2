/**
 * The rule IDs (docs/rules.md) that the allocation engine applies, as they appear in
 * the plan's trace. docs/rules.md maps each to its code and tests.
 *
 * @example
 * ```ts
 * import { RULE } from "fenhuo";
 * RULE.LOCK_EXPIRE; // "R-LOCK-EXPIRE"
 * ```
 */
export const RULE = {
  RANK_PRODUCT: "R-RANK-PRODUCT",
  RANK_LINE: "R-RANK-LINE",
  RANK_FUNDED: "R-RANK-FUNDED",
  RANK_REGION: "R-RANK-REGION",
  RANK_STORE: "R-RANK-STORE",
  LOCK_EXPIRE: "R-LOCK-EXPIRE",
  LOCK_GRACE: "R-LOCK-GRACE",
  LOCK_CONVERT: "R-LOCK-CONVERT",
  ALLOC_FUNDED: "R-ALLOC-FUNDED",
  ALLOC_PARTIAL: "R-ALLOC-PARTIAL",
  LOCK_PLACE: "R-LOCK-PLACE",
  ALLOC_DIRECT: "R-ALLOC-DIRECT",
  ALLOC_SEASONAL: "R-ALLOC-SEASONAL",
  ALLOC_NONSEASONAL: "R-ALLOC-NONSEASONAL",
  PRIO_FACTORS: "R-PRIO-FACTORS",
  MINFILL: "R-MINFILL",
  COMPLETE: "R-COMPLETE",
  PACK: "R-PACK",
  SIZE_RUN: "R-SIZE-RUN",
  HOLD: "R-HOLD",
  SHARE: "R-SHARE",
} as const;

/** A rule ID of the allocation run that can decide a quantity. */
export type RuleId = (typeof RULE)[keyof typeof RULE];
