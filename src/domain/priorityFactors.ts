import type { Decimal } from "decimal.js";
import type { IsoDate } from "./dates.js";

/*
 * R-PRIO-FACTORS (6.4.2.3: 考虑加盟商的区域、重要程度、订货累计数量等): the named
 * factors a franchisee's priority can be derived from, as trusted data. The
 * schema layer makes them (schema/priorityFactorsWire.ts), ranking/priorities.ts
 * turns them into priorities.
 */

/**
 * The factors of R-PRIO-FACTORS, each scored from 0 to 1: the franchisee's
 * region's place in a region ranking, its importance tier, and the units and
 * value it ordered over a period.
 *
 * @example
 * ```ts
 * import { PRIORITY_FACTORS } from "fenhuo";
 * PRIORITY_FACTORS; // ["region", "tier", "orderedUnits", "orderedValue"]
 * ```
 */
export const PRIORITY_FACTORS = ["region", "tier", "orderedUnits", "orderedValue"] as const;
/** One factor of R-PRIO-FACTORS. */
export type PriorityFactor = (typeof PRIORITY_FACTORS)[number];

/**
 * What to do with franchisees of the same score: `"next"` gives each its own
 * priority by the stated tie-break (value ordered, then units ordered, more
 * first, then id); `"share"` gives them one priority, for the run's
 * `franchiseeTieBreak` (or R-SHARE) to settle.
 *
 * @example
 * ```ts
 * import { SAME_SCORE } from "fenhuo";
 * SAME_SCORE; // ["next", "share"]
 * ```
 */
export const SAME_SCORE = ["next", "share"] as const;
/** See {@link SAME_SCORE}. */
export type SameScore = (typeof SAME_SCORE)[number];

/** A franchisee as R-PRIO-FACTORS reads it. */
export interface FactorFranchisee {
  readonly id: string;
  readonly region?: string;
  /** Importance tier (重要程度), 1 the most important. */
  readonly tier?: number;
}

/** An order as R-PRIO-FACTORS reads it: who ordered, when, how much at what price. */
export interface FactorOrder {
  readonly franchisee: string;
  readonly orderedOn: IsoDate;
  readonly lines: readonly { readonly quantity: number; readonly unitPrice: Decimal }[];
}

/** Parsed, cross-checked factors: what `franchiseePriorities` ranks. */
export interface PriorityFactors {
  readonly franchisees: readonly FactorFranchisee[];
  readonly orders: readonly FactorOrder[];
  /** Only orders placed from `from` to `to`, both included, count; every order when absent. */
  readonly period: { readonly from: IsoDate; readonly to: IsoDate } | undefined;
  /** Region ids, the best first. */
  readonly regionRank: readonly string[];
  /** Each factor's weight, 0 when not given. */
  readonly weights: Readonly<Record<PriorityFactor, Decimal>>;
  readonly sameScore: SameScore;
  /** The minor digits the ordered values are written with. */
  readonly minorDigits: number;
}

/** One franchisee's derived priority, its score and the factors behind it. */
export interface FranchiseePriority {
  readonly franchisee: string;
  /** 1 is the highest. */
  readonly priority: number;
  /** Σ weight × factor, cut to six decimals (the ranking compares the exact value). */
  readonly score: string;
  /** Each factor's score from 0 to 1, cut to four decimals. */
  readonly factors: Readonly<Record<PriorityFactor, string>>;
  /** Units ordered in the period. */
  readonly orderedUnits: number;
  /** Value ordered in the period (Σ quantity × unitPrice). */
  readonly orderedValue: string;
}
