import type { Decimal } from "decimal.js";
import type { AllocationSource } from "../domain/vocabulary.js";
import { compareIds } from "../ranking/compare.js";
import type { DirectOutcome } from "./direct.js";
import { relockBarrier } from "./lockPass.js";
import { lockExpiresOn } from "./locks.js";
import type {
  AllocationPlan,
  Balance,
  FranchiseeAllocation,
  PaymentRequest,
  PlannedLock,
  RegionAllocation,
  ReleasedLock,
  Remaining,
  StoreAllocation,
  Unfilled,
  Warning,
} from "./plan.js";
import { digestOf } from "./planId.js";
import type { Draft, FranchiseeState, LineState, RunState, Served } from "./state.js";

/** Builds the plan from the finished run, every list in its canonical order (see {@link AllocationPlan}). */
export function buildPlan(state: RunState, direct: DirectOutcome): AllocationPlan {
  const { request, format } = state;
  const { asOf, policy } = request;
  const franchiseeAllocations: FranchiseeAllocation[] = [];
  const locks: PlannedLock[] = [];
  const releasedLocks: ReleasedLock[] = [];
  const unfilled: Unfilled[] = [];
  const newLockExpiry = lockExpiresOn(asOf, policy.lockDays);
  const requests = new Map<string, { amount: Decimal; locks: string[] }>();

  const row = (line: LineState, served: Served, source: AllocationSource) => {
    const amount = format(served.amount);
    franchiseeAllocations.push({
      order: line.order,
      line: line.line,
      franchisee: line.franchisee.id,
      sku: line.sku,
      quantity: served.quantity,
      unitPrice: line.priceText,
      amount,
      // Most rows are paid from one purse: reuse the amount's text for it.
      cash: served.cash === served.amount ? amount : format(served.cash),
      credit: served.credit === served.amount ? amount : format(served.credit),
      source,
    });
  };

  // Orders are sorted by id and their lines by number, so every per-line list
  // comes out in canonical order without sorting the (many) lines again.
  for (const { lines } of state.orders) {
    for (const line of lines) {
      const franchisee = line.franchisee.id;
      if (line.converted !== undefined) row(line, line.converted, "lock");
      if (line.funded !== undefined) row(line, line.funded, "funded");

      if (line.locks !== undefined || line.newLock !== undefined) {
        const lineLocks: PlannedLock[] = [];
        for (const lock of line.locks ?? []) {
          const { source } = lock;
          if (lock.released) {
            const released: Draft<ReleasedLock> = {
              id: source.id,
              order: source.order,
              line: source.line,
              franchisee,
              sku: source.sku,
              quantity: source.quantity - lock.converted,
              expiresOn: source.expiresOn,
              lockBlockedUntil: relockBarrier(line, asOf) as string,
            };
            // R-LOCK-GRACE: an expiring lock is released, never carried, after conversion.
            if (lock.expiring) released.convertedInGrace = lock.converted;
            releasedLocks.push(released);
          } else if (source.quantity > lock.converted) {
            lineLocks.push({ ...source, quantity: source.quantity - lock.converted, isNew: false });
          }
        }
        if (line.newLock !== undefined) {
          const { id, quantity } = line.newLock;
          lineLocks.push({
            id,
            order: line.order,
            line: line.line,
            franchisee,
            sku: line.sku,
            quantity,
            lockedOn: asOf,
            expiresOn: newLockExpiry,
            isNew: true,
          });
          const cost = line.unitPrice.times(quantity);
          const request = requests.get(franchisee);
          if (request === undefined) requests.set(franchisee, { amount: cost, locks: [id] });
          else {
            request.amount = request.amount.plus(cost);
            request.locks.push(id);
          }
        }
        if (lineLocks.length > 1) lineLocks.sort((a, b) => compareIds(a.id, b.id));
        for (const lock of lineLocks) locks.push(lock);
      }

      const left = line.outstanding - (line.funded?.quantity ?? 0) - (line.newLock?.quantity ?? 0);
      if (left > 0) {
        unfilled.push({
          kind: "order-line",
          order: line.order,
          line: line.line,
          franchisee,
          sku: line.sku,
          quantity: left,
          reason: line.reason ?? "stock",
        });
      }
    }
  }
  releasedLocks.sort(
    (a, b) => compareIds(a.order, b.order) || a.line - b.line || compareIds(a.id, b.id),
  );

  const storeAllocations: StoreAllocation[] = [];
  const storeUnfilled: Unfilled[] = [];
  const storeRegion = new Map(request.stores.map((store) => [store.id, store.region]));
  for (const [need, quantity] of direct.stores) {
    const region = storeRegion.get(need.store) as string;
    if (quantity > 0) storeAllocations.push({ store: need.store, region, sku: need.sku, quantity });
    const demand = need.safetyStock - need.onHand - need.inTransit;
    if (demand > quantity) {
      storeUnfilled.push({
        kind: "store",
        store: need.store,
        region,
        sku: need.sku,
        quantity: demand - quantity,
        reason: "stock",
      });
    }
  }
  const byStoreSku = (a: { store: string; sku: string }, b: { store: string; sku: string }) =>
    compareIds(a.store, b.store) || compareIds(a.sku, b.sku);
  storeAllocations.sort(byStoreSku);
  storeUnfilled.sort((a, b) =>
    byStoreSku(a as { store: string; sku: string }, b as { store: string; sku: string }),
  );

  const regionAllocations: RegionAllocation[] = [];
  const regionUnfilled: Unfilled[] = [];
  for (const [need, quantity] of direct.regions) {
    if (quantity > 0) regionAllocations.push({ region: need.region, sku: need.sku, quantity });
    if (need.quantity > quantity) {
      regionUnfilled.push({
        kind: "region",
        region: need.region,
        sku: need.sku,
        quantity: need.quantity - quantity,
        reason: "stock",
      });
    }
  }
  const byRegionSku = (a: { region: string; sku: string }, b: { region: string; sku: string }) =>
    compareIds(a.region, b.region) || compareIds(a.sku, b.sku);
  regionAllocations.sort(byRegionSku);
  regionUnfilled.sort((a, b) => byRegionSku(a as RegionAllocation, b as RegionAllocation));

  const remaining: Remaining[] = [...state.stock]
    .filter(([, quantity]) => quantity > 0)
    .map(([sku, quantity]) => ({ sku, quantity }))
    .sort((a, b) => compareIds(a.sku, b.sku));

  const balances: Balance[] = [...state.franchisees.values()]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((franchisee) => {
      const earlier = franchisee.committed?.cash.plus(franchisee.committed.credit);
      return {
        franchisee: franchisee.id,
        spendableBefore: format(franchisee.spendableBefore),
        ...(earlier === undefined || earlier.isZero() ? {} : { committedBefore: format(earlier) }),
        cashCommitted: format(franchisee.cashBefore.minus(franchisee.cash)),
        creditCommitted: format(franchisee.creditBefore.minus(franchisee.credit)),
        cashAfter: format(franchisee.cash),
        creditAvailableAfter: format(franchisee.credit),
      };
    });

  const paymentRequests: PaymentRequest[] = [...requests]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([franchisee, { amount, locks: ids }]) => ({
      franchisee,
      amount: format(amount),
      payBefore: newLockExpiry,
      locks: ids.sort(compareIds),
    }));

  const warnings: Warning[] = commitmentWarnings(state);
  const regionWarnings: Warning[] = [...direct.unlisted]
    .sort((a, b) => compareIds(a.region, b.region) || compareIds(a.season, b.season))
    .map(({ region, season }) => ({
      code: "REGION_NOT_IN_SEASON_ORDER",
      message: `region ${JSON.stringify(region)} is not in the ${season} region order: it was served after every listed region`,
      region,
      season,
    }));
  warnings.push(...regionWarnings);

  return {
    planId: digestOf(request),
    asOf,
    currency: request.currency,
    franchiseeAllocations,
    locks,
    releasedLocks,
    storeAllocations,
    regionAllocations,
    unfilled: [...unfilled, ...storeUnfilled, ...regionUnfilled],
    remaining,
    balances,
    paymentRequests,
    warnings,
    trace: state.trace,
  };
}

/**
 * R-RUN-1: a franchisee whose cash or available credit in finance's figures is
 * below what earlier runs committed from it; the plan says so, by franchisee
 * (the shortfall was taken from the other purse, see `netOfCommitted`).
 */
function commitmentWarnings(state: RunState): Warning[] {
  const warnings: Warning[] = [];
  const ids = [...state.franchisees.keys()].sort(compareIds);
  for (const id of ids) {
    const committed = (state.franchisees.get(id) as FranchiseeState).committed;
    if (committed === undefined) continue;
    const { cash, credit, financeCash, financeCredit } = committed;
    if (cash.lte(financeCash) && credit.lte(financeCredit)) continue;
    const format = state.format;
    warnings.push({
      code: "COMMITMENTS_EXCEED_FUNDS",
      message: `franchisee ${JSON.stringify(id)}: earlier runs committed ${format(cash)} cash and ${format(credit)} credit not yet posted, but finance shows ${format(financeCash)} cash and ${format(financeCredit)} available credit; what one purse falls short is taken from the other, and spendable never goes below zero`,
      franchisee: id,
      cash: format(financeCash),
      credit: format(financeCredit),
      committedCash: format(cash),
      committedCredit: format(credit),
    });
  }
  return warnings;
}
