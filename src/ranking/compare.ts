import { compareIds } from "../domain/compare.js";

export { compareIds };

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
