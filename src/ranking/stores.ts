import type { StoreClass } from "../domain/vocabulary.js";
import { compareIds } from "./compare.js";

/** What orders stores inside a region. */
export interface StoreKey {
  readonly id: string;
  readonly class: StoreClass;
}

/**
 * R-RANK-STORE (6.4.3.2): inside a region, stores by class (A > B > C by
 * default, policy `storeClassOrder`), then id. A total order.
 *
 * @example
 * ```ts
 * import { compareStores } from "fenhuo";
 * const byClass = compareStores(["A", "B", "C"]);
 * byClass({ id: "S9", class: "A" }, { id: "S1", class: "B" }) < 0; // true
 * ```
 */
export function compareStores(
  classOrder: readonly StoreClass[],
): (a: StoreKey, b: StoreKey) => number {
  const rank = (store: StoreKey) => classOrder.indexOf(store.class);
  return (a, b) => rank(a) - rank(b) || compareIds(a.id, b.id);
}
