/**
 * Compares ids as UTF-16 code-unit strings, never by locale (R-UNIT-4): the
 * last tie-breaker of every ordering in fenhuo.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
