/** Compares two strings by UTF-16 code units, as SPEC R-UNIT-4 requires (never by locale). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares optional numbers ascending, a missing one last. */
export function compareMissingLast(a: number | undefined, b: number | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return a - b;
}

/** Compares optional ISO dates ascending, a missing one last. */
export function compareDatesMissingLast(a: string | undefined, b: string | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return compareIds(a, b);
}
