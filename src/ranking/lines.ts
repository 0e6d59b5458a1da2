import { compareIds } from "./compare.js";

/** What orders one franchisee's order lines. */
export interface LineKey {
  /** The line's product's place in the launch plan ({@link productPriority}). */
  readonly productRank: number;
  readonly orderedOn: string;
  readonly order: string;
  readonly line: number;
}

/**
 * R-RANK-LINE: a franchisee's lines are served in product priority, then
 * `orderedOn`, then order id, then line number. A total order.
 *
 * @example
 * ```ts
 * import { compareLines } from "fenhuo";
 * const a = { productRank: 0, orderedOn: "2026-02-10", order: "SO-2", line: 1 };
 * const b = { productRank: 1, orderedOn: "2026-02-01", order: "SO-1", line: 1 };
 * compareLines(a, b) < 0; // true: the launch plan comes before the order date
 * ```
 */
export function compareLines(a: LineKey, b: LineKey): number {
  return (
    a.productRank - b.productRank ||
    compareIds(a.orderedOn, b.orderedOn) ||
    compareIds(a.order, b.order) ||
    a.line - b.line
  );
}
