import { compareIds } from "../ranking/compare.js";
import { byKey } from "./lineTable.js";
import type { RegionAllocation, StoreAllocation, Unfilled, Warning } from "./plan.js";
import type { DirectGrant, RunState } from "./state.js";

/**
 * The plan's lists of the direct pass (R-ALLOC-DIRECT), from what it served:
 * allocations and unfilled needs by (store, SKU) and (region, SKU), and a
 * warning per region a season's order did not list (by region, then season).
 */
export function directLists(state: RunState): {
  readonly storeAllocations: StoreAllocation[];
  readonly regionAllocations: RegionAllocation[];
  readonly unfilled: Unfilled[];
  readonly warnings: Warning[];
} {
  const { stores, regions, unlisted } = state.direct;
  const storeRegion = new Map(state.request.stores.map((store) => [store.id, store.region]));
  const byStore = inIdOrder(
    state,
    stores,
    state.request.stores.map((store) => store.id),
    (need) => need.store,
  );
  const storeAllocations: StoreAllocation[] = [];
  // Stores' unfilled needs, then regions'.
  const unfilled: Unfilled[] = [];
  for (const { need, demand, quantity, heldBack } of byStore) {
    const region = storeRegion.get(need.store) as string;
    const { store, sku } = need;
    if (quantity > 0) storeAllocations.push({ store, region, sku, quantity });
    if (demand > quantity)
      unfilled.push({
        kind: "store",
        store,
        region,
        sku,
        quantity: demand - quantity,
        reason: heldBack === true ? "holdback" : "stock",
      });
  }

  const byRegion = inIdOrder(
    state,
    regions,
    state.request.regions.map((region) => region.id),
    (need) => need.region,
  );
  const regionAllocations: RegionAllocation[] = [];
  for (const { need, demand, quantity, heldBack } of byRegion) {
    const { region, sku } = need;
    if (quantity > 0) regionAllocations.push({ region, sku, quantity });
    if (demand > quantity)
      unfilled.push({
        kind: "region",
        region,
        sku,
        quantity: demand - quantity,
        reason: heldBack === true ? "holdback" : "stock",
      });
  }

  const warnings: Warning[] = [...unlisted]
    .sort((a, b) => compareIds(a.region, b.region) || compareIds(a.season, b.season))
    .map(({ region, season }) => ({
      code: "REGION_NOT_IN_SEASON_ORDER",
      message: `region ${JSON.stringify(region)} is not in the ${season} region order: it was served after every listed region`,
      region,
      season,
    }));
  return {
    storeAllocations,
    regionAllocations,
    unfilled,
    warnings,
  };
}

/** Grants sorted by (owner id, SKU id) with two counting sorts, owner ids being unique. */
function inIdOrder<Need extends { readonly sku: string }>(
  state: RunState,
  grants: readonly DirectGrant<Need>[],
  ownerIds: readonly string[],
  ownerOf: (need: Need) => string,
): DirectGrant<Need>[] {
  const owners = [...ownerIds].sort(compareIds);
  const ownerIndex = new Map(owners.map((id, index) => [id, index]));
  const grant = (k: number) => grants[k] as DirectGrant<Need>;
  const all = new Int32Array(grants.length);
  for (let k = 0; k < all.length; k++) all[k] = k;
  const bySku = byKey(
    all,
    (k) => state.skuIndex.get(grant(k).need.sku) as number,
    state.skus.length,
  );
  const { sorted } = byKey(
    bySku.sorted,
    (k) => ownerIndex.get(ownerOf(grant(k).need)) as number,
    owners.length,
  );
  const out = new Array<DirectGrant<Need>>(sorted.length);
  for (let k = 0; k < sorted.length; k++) out[k] = grant(sorted[k] as number);
  return out;
}
