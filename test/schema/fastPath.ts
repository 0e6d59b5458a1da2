/**
 * What the fast-path properties (fast-rows, fast-input) share: values a field
 * may be wrongly given, keys an extra field may have, and an exact view of a
 * result for comparing the fast path with the full parser.
 */
import { Decimal } from "decimal.js";

/**
 * `value` as plain data that keeps what deep equality may overlook: the
 * order of keys, a key set to `undefined`, and a Decimal's class and value.
 */
export function exact(value: unknown): unknown {
  if (value instanceof Decimal) return { decimal: value.toString(), type: value.constructor.name };
  if (Array.isArray(value)) return value.map(exact);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).map(([key, inner]) => [key, exact(inner)]);
  }
  return value === undefined ? { undefined: true } : value;
}

/** Values a field may be given: sometimes right, often subtly wrong. */
export const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  true,
  [],
  {},
  0,
  -0,
  1,
  -1,
  1.5,
  12.5,
  0.1,
  1e21,
  2_147_483_647,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "5",
  "99.00",
  "0",
  "-1",
  "1e3",
  " 1",
  "12.",
  "2026-02-30",
  "2026-03-16",
  "2026-3-1",
  "9999-12-31",
  "__proto__",
  "constructor",
  "CNY",
  "XXX",
  "SS",
  "NONE",
  "C",
  "joint",
];

/** Keys an extra field may have: unknown to every schema, or known to another one. */
export const EXTRA_KEYS = ["extra", "lines", "allocated", "region", "quantity", "policy"] as const;
