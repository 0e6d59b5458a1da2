import type { IsoDate } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import type { RegionNeed, Store, StoreNeed } from "../domain/types.js";
import type { SellingSeason } from "../domain/vocabulary.js";
import { type RegionOrder, regionServingOrder, seasonInForce } from "../ranking/regions.js";
import { compareStores } from "../ranking/stores.js";
import type { RunState } from "./state.js";

const SEASONAL = Object.freeze([
  RULE.ALLOC_DIRECT,
  RULE.ALLOC_SEASONAL,
  RULE.RANK_REGION,
  RULE.RANK_STORE,
]);
const NONSEASONAL = Object.freeze([
  RULE.ALLOC_DIRECT,
  RULE.ALLOC_NONSEASONAL,
  RULE.RANK_REGION,
  RULE.RANK_STORE,
]);

/** What the direct pass hands to the plan besides the trace. */
export interface DirectOutcome {
  readonly stores: Map<StoreNeed, number>;
  readonly regions: Map<RegionNeed, number>;
  /** Regions the season's order did not list, that had demand in that season. */
  readonly unlisted: ReadonlyArray<{ readonly region: string; readonly season: SellingSeason }>;
}

type Claim =
  | {
      readonly kind: "store";
      readonly need: StoreNeed;
      readonly store: Store;
      readonly demand: number;
    }
  | { readonly kind: "region"; readonly need: RegionNeed; readonly demand: number };

/**
 * Pass 5, R-ALLOC-DIRECT (seed 6.4.3): only after every franchisee pass, what
 * stock is left goes to direct and concession stores and regions, SKU by SKU
 * in launch-plan order. Regions follow the season's order (R-RANK-REGION),
 * stores their class then id (R-RANK-STORE). A seasonal product serves region
 * by region — stores' safety stock, then the region's stocking need
 * (R-ALLOC-SEASONAL); a `NONE` product serves every store first, then every
 * region (R-ALLOC-NONSEASONAL). Each demand gets min(need, free stock).
 */
export function allocateDirect(
  state: RunState,
  policy: AllocationPolicy,
  asOf: IsoDate,
): DirectOutcome {
  const { request } = state;
  const storeById = new Map(request.stores.map((store) => [store.id, store]));
  const byStore = compareStores(policy.storeClassOrder);
  const storeRank = new Map<string, number>();
  const storesByRegion = groupBy(request.stores, (store) => store.region);
  for (const stores of storesByRegion.values()) {
    stores.sort(byStore).forEach((store, index) => {
      storeRank.set(store.id, index + 1);
    });
  }

  const regionIds = request.regions.map((region) => region.id);
  const orders = new Map<SellingSeason, RegionOrder & { rank: Map<string, number> }>();
  const orderFor = (season: SellingSeason) => {
    let order = orders.get(season);
    if (order === undefined) {
      const serving = regionServingOrder(regionIds, season, policy.regionOrder);
      order = {
        ...serving,
        rank: new Map(serving.order.map((region, index) => [region, index + 1])),
      };
      orders.set(season, order);
    }
    return order;
  };

  const storeNeeds = groupBy(request.storeNeeds, (need) => need.sku);
  const regionNeeds = groupBy(request.regionNeeds, (need) => need.sku);
  const skus = [...new Set([...storeNeeds.keys(), ...regionNeeds.keys()])].sort(
    (a, b) => (state.productRank.get(a) as number) - (state.productRank.get(b) as number),
  );
  const products = new Map(request.products.map((product) => [product.sku, product]));

  const outcome: DirectOutcome = { stores: new Map(), regions: new Map(), unlisted: [] };
  const warned = new Set<string>();
  for (const sku of skus) {
    const product = products.get(sku);
    if (product === undefined) continue;
    const season = seasonInForce(product.season, asOf, policy.seasonCalendar);
    const order = orderFor(season);
    const regionRank = (region: string) => order.rank.get(region) as number;

    const storeClaims: Claim[] = [];
    for (const need of storeNeeds.get(sku) ?? []) {
      const demand = Math.max(0, need.safetyStock - need.onHand - need.inTransit);
      if (demand > 0)
        storeClaims.push({
          kind: "store",
          need,
          store: storeById.get(need.store) as Store,
          demand,
        });
    }
    const regionClaims: Claim[] = [];
    for (const need of regionNeeds.get(sku) ?? []) {
      if (need.quantity > 0) regionClaims.push({ kind: "region", need, demand: need.quantity });
    }
    const regionOf = (claim: Claim) =>
      claim.kind === "store" ? claim.store.region : claim.need.region;
    const claims = [...storeClaims, ...regionClaims];
    const seasonal = product.season !== "NONE";
    claims.sort((a, b) => {
      const byRegion = regionRank(regionOf(a)) - regionRank(regionOf(b));
      const byKind = (a.kind === "store" ? 0 : 1) - (b.kind === "store" ? 0 : 1);
      // Seasonal: region first, stores before the region's stocking need.
      // Non-seasonal: every store before any region, each in region order.
      const first = seasonal ? byRegion || byKind : byKind || byRegion;
      if (first !== 0) return first;
      if (a.kind === "store" && b.kind === "store") return byStore(a.store, b.store);
      return 0;
    });

    for (const claim of claims) {
      const region = regionOf(claim);
      if (order.unlisted.includes(region) && !warned.has(`${region}\u0000${season}`)) {
        warned.add(`${region}\u0000${season}`);
        (outcome.unlisted as { region: string; season: SellingSeason }[]).push({ region, season });
      }
    }

    let stock = state.stock.get(sku) ?? 0;
    claims.forEach((claim, index) => {
      const quantity = Math.min(claim.demand, stock);
      const limitedBy = quantity < claim.demand ? "stock" : "none";
      const rules = seasonal ? SEASONAL : NONSEASONAL;
      const rank = index + 1;
      if (claim.kind === "store") {
        outcome.stores.set(claim.need, quantity);
        state.trace.push({
          pass: "direct",
          kind: "store",
          store: claim.store.id,
          region: claim.store.region,
          storeClass: claim.store.class,
          sku,
          season: product.season,
          seasonInForce: season,
          rules,
          regionRank: regionRank(claim.store.region),
          storeRank: storeRank.get(claim.store.id) as number,
          rank,
          demand: claim.demand,
          stock,
          quantity,
          limitedBy,
        });
      } else {
        outcome.regions.set(claim.need, quantity);
        state.trace.push({
          pass: "direct",
          kind: "region",
          region: claim.need.region,
          sku,
          season: product.season,
          seasonInForce: season,
          rules,
          regionRank: regionRank(claim.need.region),
          rank,
          demand: claim.demand,
          stock,
          quantity,
          limitedBy,
        });
      }
      stock -= quantity;
    });
    state.stock.set(sku, stock);
  }
  return outcome;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
