/*
 * "Did you mean …?": the nearest of some names to a name that is not one of
 * them, for unknown commands, columns, files and fields.
 */

/**
 * The candidate nearest to `typed` (case ignored): one that starts with it
 * (when it has three letters or more), else one within `maxDistance` edits
 * (by default a third of its length, one to two), the nearest first, ties to
 * the earlier candidate; `undefined` when none is near.
 *
 * @example
 * ```ts
 * import { nearest } from "./suggest.js";
 * nearest("quantiy", ["sku", "quantity"]); // "quantity"
 * nearest("alloc", ["allocate", "validate"]); // "allocate"
 * nearest("colour", ["sku", "quantity"]); // undefined
 * ```
 */
export function nearest(
  typed: string,
  candidates: readonly string[],
  maxDistance = Math.min(2, Math.max(1, Math.floor(typed.length / 3))),
): string | undefined {
  const lower = typed.toLowerCase();
  const prefixed = candidates.find(
    (candidate) => lower.length >= 3 && candidate.toLowerCase().startsWith(lower),
  );
  if (prefixed !== undefined) return prefixed;
  let best: string | undefined;
  let bestDistance = maxDistance;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "quantity"?)`, or `""` when no candidate is near. */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  const near = nearest(typed, candidates);
  return near === undefined ? "" : ` (did you mean "${near}"?)`;
}

/** The Levenshtein distance of `a` and `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
