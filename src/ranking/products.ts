import { compareDatesMissingLast, compareIds, compareMissingLast } from "./compare.js";

/** What orders a product in the launch plan. */
export interface ProductKey {
  readonly sku: string;
  readonly launchDate?: string | undefined;
  readonly launchRank?: number | undefined;
}

/**
 * R-RANK-PRODUCT: the launch plan (产品上市计划) decides which product a
 * franchisee's money buys first — `launchDate` ascending (missing last), then
 * `launchRank` ascending (missing last), then `sku`. A total order.
 *
 * @example
 * ```ts
 * import { compareProducts } from "fenhuo";
 * compareProducts({ sku: "B", launchDate: "2026-03-01" }, { sku: "A" }) < 0; // true
 * ```
 */
export function compareProducts(a: ProductKey, b: ProductKey): number {
  return (
    compareDatesMissingLast(a.launchDate, b.launchDate) ||
    compareMissingLast(a.launchRank, b.launchRank) ||
    compareIds(a.sku, b.sku)
  );
}

/**
 * R-RANK-PRODUCT: each SKU's place in the launch plan, 0 first.
 *
 * @example
 * ```ts
 * import { productPriority } from "fenhuo";
 * const rank = productPriority([
 *   { sku: "LATE", launchDate: "2026-04-01" },
 *   { sku: "EARLY", launchDate: "2026-03-01" },
 * ]);
 * rank.get("EARLY"); // 0
 * ```
 */
export function productPriority(products: readonly ProductKey[]): Map<string, number> {
  const ranked = [...products].sort(compareProducts);
  return new Map(ranked.map((product, index) => [product.sku, index]));
}
