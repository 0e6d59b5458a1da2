import { Decimal } from "decimal.js";

/*
 * R-MINFILL: the least quantity a franchisee line takes in the funded and lock
 * passes. The policy's `minFill` is a JSON number; it is read as the decimal it
 * is written as (0.3 is 3/10), and ⌈minFill × outstanding⌉ is computed in
 * integers, so 0.3 × 10 needs 3 units, never 4.
 */

/**
 * The least units a line of `outstanding` units takes under `minFill`, as a
 * function of the outstanding quantity; `undefined` when `minFill` is 0 (any
 * quantity is taken, the run without the lever).
 */
export function minUnitsOf(minFill: number): ((outstanding: number) => number) | undefined {
  if (minFill === 0) return undefined;
  const exact = new Decimal(minFill);
  const places = exact.decimalPlaces();
  const denominator = 10n ** BigInt(places);
  const numerator = BigInt(exact.times(new Decimal(10).pow(places)).toFixed(0));
  return (outstanding) =>
    Number((numerator * BigInt(outstanding) + denominator - 1n) / denominator);
}

/**
 * R-MINFILL: the least units a line of `outstanding` units takes when that is
 * what refuses an `offered` part of it — more than none, less than all, below
 * ⌈minFill × outstanding⌉ — else `undefined`. The least share is worked out only
 * for a part, so a pass pays for it only on the lines stock or money cut short.
 */
export function refusal(
  minUnits: ((outstanding: number) => number) | undefined,
  offered: number,
  outstanding: number,
): number | undefined {
  if (minUnits === undefined || offered <= 0 || offered >= outstanding) return undefined;
  const least = minUnits(outstanding);
  return offered < least ? least : undefined;
}
