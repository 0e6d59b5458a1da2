import { type IsoDate, monthOf } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import type { Season, SellingSeason } from "../domain/vocabulary.js";
import { compareIds } from "./compare.js";

/**
 * R-RANK-REGION: the season whose region order applies to a product on a date.
 * A seasonal product keeps its own; a `NONE` product takes the season the
 * calendar puts `asOf` in (default SS = months 2–7, AW = 8–1).
 *
 * @example
 * ```ts
 * import { DEFAULT_POLICY, parseIsoDate, seasonInForce } from "fenhuo";
 * seasonInForce("NONE", parseIsoDate("2026-01-15"), DEFAULT_POLICY.seasonCalendar); // "AW"
 * seasonInForce("SS", parseIsoDate("2026-01-15"), DEFAULT_POLICY.seasonCalendar); // "SS"
 * ```
 */
export function seasonInForce(
  season: Season,
  asOf: IsoDate,
  calendar: AllocationPolicy["seasonCalendar"],
): SellingSeason {
  if (season !== "NONE") return season;
  return calendar.SS.includes(monthOf(asOf)) ? "SS" : "AW";
}

/** The serving order of regions for one season. */
export interface RegionOrder {
  /** Every region, in serving order. */
  readonly order: readonly string[];
  /** The regions the season's list did not name (they come last, by id): each earns a warning. */
  readonly unlisted: readonly string[];
}

/**
 * R-RANK-REGION (6.4.3.1): regions in the season's order; regions the list
 * does not name come after every listed one, by id. Listed ids that are not
 * among `regions` are ignored.
 *
 * @example
 * ```ts
 * import { DEFAULT_POLICY, regionServingOrder } from "fenhuo";
 * const aw = regionServingOrder(["nanning", "shenzhen", "beijing"], "AW", DEFAULT_POLICY.regionOrder);
 * aw.order; // ["beijing", "shenzhen", "nanning"]
 * aw.unlisted; // ["nanning"]
 * ```
 */
export function regionServingOrder(
  regions: Iterable<string>,
  season: SellingSeason,
  regionOrder: AllocationPolicy["regionOrder"],
): RegionOrder {
  const present = new Set(regions);
  const listed = regionOrder[season].filter((region) => present.has(region));
  const named = new Set(listed);
  const unlisted = [...present].filter((region) => !named.has(region)).sort(compareIds);
  return { order: [...listed, ...unlisted], unlisted };
}
