import type { IsoDate } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import type { RegionNeed, Store, StoreNeed } from "../domain/types.js";
import type { SellingSeason } from "../domain/vocabulary.js";
import { type RegionOrder, regionServingOrder, seasonInForce } from "../ranking/regions.js";
import { compareStores } from "../ranking/stores.js";
import { drawHeld, heldUnits, reachable } from "./holdback.js";
import { inPacks } from "./packs.js";
import { proportionalShares, type ShareFact } from "./share.js";
import { packOf, type RunState } from "./state.js";
import type { DirectSku } from "./trace.js";

/**
 * A demand of the direct pass, one object from first to last: sorted, then
 * served, then kept as the run's grant (`quantity`) and as what its trace row
 * is about (a {@link DirectClaim}).
 */
type Claim =
  | {
      readonly kind: "store";
      readonly need: StoreNeed;
      readonly store: Store;
      readonly sku: DirectSku;
      readonly demand: number;
      quantity: number;
      heldBack?: boolean;
    }
  | {
      readonly kind: "region";
      readonly need: RegionNeed;
      readonly sku: DirectSku;
      readonly demand: number;
      quantity: number;
      heldBack?: boolean;
    };

/**
 * Pass 5, R-ALLOC-DIRECT (seed 6.4.3): only after every franchisee pass, what
 * stock is left goes to direct and concession stores and regions, SKU by SKU
 * in launch-plan order. Regions follow the season's order (R-RANK-REGION),
 * stores their class then id (R-RANK-STORE). A seasonal product serves region
 * by region — stores' safety stock, then the region's stocking need
 * (R-ALLOC-SEASONAL); a `NONE` product serves every store first, then every
 * region (R-ALLOC-NONSEASONAL). Each demand gets min(need, free stock), in
 * whole packs (R-PACK). R-HOLD: a claim also reaches the units held for its
 * region and for the direct pass, and draws them before free stock.
 */
export function allocateDirect(state: RunState, policy: AllocationPolicy, asOf: IsoDate): void {
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
  const rank = (sku: string) => state.productRank[state.skuIndex.get(sku) as number] as number;
  const skus = [...new Set([...storeNeeds.keys(), ...regionNeeds.keys()])].sort(
    (a, b) => rank(a) - rank(b),
  );

  const served = state.direct;
  const proportional = policy.share === "proportional";
  const warned = new Set<string>();
  for (const sku of skus) {
    const skuNumber = state.skuIndex.get(sku) as number;
    const product = state.products[skuNumber] as (typeof state.products)[number];
    const season = seasonInForce(product.season, asOf, policy.seasonCalendar);
    const seasonal = product.season !== "NONE";
    const about: DirectSku = { sku, season: product.season, seasonInForce: season, seasonal };
    const order = orderFor(season);
    const regionRank = (region: string) => order.rank.get(region) as number;

    const claims: Claim[] = [];
    // Stryker disable next-line ArrayDeclaration: a SKU without needs of a kind makes no claim of it either way
    for (const need of storeNeeds.get(sku) ?? []) {
      const demand = Math.max(0, need.safetyStock - need.onHand - need.inTransit);
      if (demand > 0) {
        const store = storeById.get(need.store) as Store;
        claims.push({ kind: "store", need, store, sku: about, demand, quantity: 0 });
      }
    }
    // Stryker disable next-line ArrayDeclaration: as above
    for (const need of regionNeeds.get(sku) ?? []) {
      if (need.quantity > 0)
        claims.push({ kind: "region", need, sku: about, demand: need.quantity, quantity: 0 });
    }
    const regionOf = (claim: Claim) =>
      claim.kind === "store" ? claim.store.region : claim.need.region;
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
        served.unlisted.push({ region, season });
      }
    }

    let stock = state.stock[skuNumber] as number;
    const pack = packOf(state, skuNumber);
    // R-HOLD: a claim reaches free stock and the units held for its region and for the direct pass.
    const pools = state.held.get(skuNumber);
    // R-SHARE: with `share: "proportional"`, stores of one class in one region share scarce stock.
    let shares: readonly ShareFact[] | undefined;
    let groupStart = 0;
    let groupEnd = 0;
    for (let index = 0; index < claims.length; index++) {
      const claim = claims[index] as Claim;
      const region = regionOf(claim);
      const reach = stock + reachable(pools, region);
      if (index >= groupEnd) {
        groupStart = index;
        groupEnd = proportional ? levelEnd(claims, index) : index + 1;
        shares =
          groupEnd - index > 1
            ? proportionalShares(
                reach,
                claims.slice(index, groupEnd).map((c) => c.demand),
              )
            : undefined;
      }
      const share = shares?.[index - groupStart];
      // R-PACK: whole packs, unless the grant completes the need.
      const allowed = Math.min(claim.demand, reach, share?.units ?? reach);
      const quantity = inPacks(allowed, claim.demand, pack);
      claim.quantity = quantity;
      const storeRankOf = claim.kind === "store" ? (storeRank.get(claim.store.id) as number) : 0;
      if (claim.kind === "store") served.stores.push(claim);
      else served.regions.push(claim);
      state.trace.direct(
        claim,
        index + 1,
        regionRank(region),
        storeRankOf,
        claim.demand,
        reach,
        quantity,
      );
      if (quantity < allowed) state.trace.packed(pack, allowed);
      if (share !== undefined) state.trace.shared(share);
      if (pools !== undefined) {
        const outOfReach = heldUnits(state, skuNumber) - reachable(pools, region);
        if (quantity < claim.demand && outOfReach > 0) {
          claim.heldBack = true;
          state.trace.heldBack(outOfReach);
        }
        const drawn = drawHeld(pools, region, quantity);
        if (drawn > 0) state.trace.fromHeld(drawn);
        stock -= quantity - drawn;
      } else stock -= quantity;
    }
    state.stock[skuNumber] = stock;
  }
}

/**
 * R-SHARE: the end (exclusive) of the run of claims from `start` that stand
 * level — stores of one class in one region, next to each other in serving
 * order; a region's need stands alone.
 */
function levelEnd(claims: readonly Claim[], start: number): number {
  const head = claims[start] as Claim;
  let end = start + 1;
  if (head.kind !== "store") return end;
  for (; end < claims.length; end++) {
    const next = claims[end] as Claim;
    if (next.kind !== "store" || next.store.region !== head.store.region) break;
    if (next.store.class !== head.store.class) break;
  }
  return end;
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
