import type { FranchiseePriority } from "../domain/priorityFactors.js";
import { rankByFactors } from "../ranking/priorities.js";
import { InputError } from "../schema/issues.js";
import { parsePriorityFactors } from "../schema/priorityFactorsWire.js";

/**
 * R-PRIO-FACTORS (seed 6.4.2.3: 考虑加盟商的区域、重要程度、订货累计数量等): derives each
 * franchisee's `priority` from named factors, for brands that keep no
 * predefined list. Each factor scores 0 to 1 — `region` by the region's place
 * in `regionRank` (the first 1, the last 1/n, not listed 0), `tier` by the
 * importance tier (1 the most important: tier 1 of 3 scores 1, tier 3 scores
 * 1/3, none 0), `orderedUnits` and `orderedValue` by what the franchisee
 * ordered in `period` (both dates included) against the most any franchisee
 * ordered — and the score is Σ weight × factor, compared exactly. Equal scores
 * go in the stated tie-break: value ordered, then units ordered (more first),
 * then id; with `sameScore: "share"` they keep one priority, for the run's
 * `franchiseeTieBreak` to settle.
 *
 * Rows of franchisees and orders may carry other fields (an `AllocationInput`'s
 * can be passed as they are). Pure: the result depends on the argument alone.
 *
 * @param input - `{ franchisees, orders?, period?, regionRank?, weights, sameScore?, currency? }`
 * @returns one row per franchisee, in priority order (1 the highest, no gaps)
 * @throws {@link InputError} listing every problem with its JSON path
 * @example
 * ```ts
 * import { franchiseePriorities } from "fenhuo";
 * const rows = franchiseePriorities({
 *   franchisees: [
 *     { id: "F01", region: "shenzhen", tier: 2 },
 *     { id: "F02", region: "beijing", tier: 1 },
 *   ],
 *   orders: [
 *     { franchisee: "F01", orderedOn: "2026-01-10", lines: [{ quantity: 300, unitPrice: "99" }] },
 *     { franchisee: "F02", orderedOn: "2026-01-12", lines: [{ quantity: 100, unitPrice: "99" }] },
 *   ],
 *   period: { from: "2026-01-01", to: "2026-01-31" },
 *   regionRank: ["shenzhen", "beijing"],
 *   weights: { region: 1, tier: 1, orderedUnits: 2 },
 * });
 * rows.map((row) => [row.franchisee, row.priority, row.score]);
 * // [["F01", 1, "3.500000"], ["F02", 2, "2.166666"]]
 * ```
 */
export function franchiseePriorities(input: unknown): FranchiseePriority[] {
  const parsed = parsePriorityFactors(input);
  if (!parsed.ok) throw new InputError(parsed.issues);
  return rankByFactors(parsed.value);
}
