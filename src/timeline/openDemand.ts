import type { IsoDate } from "../domain/dates.js";
import type { AllocationRequest } from "../domain/types.js";

/*
 * R-SUP-2: the franchisee lines' outstanding demand as of a notice's date,
 * as an allocation request on that date. Outstanding itself is the run
 * state's (quantity − allocated − units under carried locks); the preview's
 * own expiry pass on that date gives back the units of the locks expired by
 * then (R-LOCK-EXPIRE), while a lock still active keeps its units out.
 */

/**
 * The request a fund notice dated `on` previews: `asOf` = `on`, the orders
 * placed by `on` (a later order was not demand yet) and their locks. The
 * preview places no locks, so it needs no date after `on` (the lock and
 * cool-down days are 0: nothing of the notice reads them).
 */
export function demandOn(request: AllocationRequest, on: IsoDate): AllocationRequest {
  const orders = request.orders.filter((order) => order.orderedOn <= on);
  const placed = new Set(orders.map((order) => order.id));
  return {
    ...request,
    asOf: on,
    policy: { ...request.policy, lockUnfunded: false, lockDays: 0, relockCooldownDays: 0 },
    orders,
    locks: request.locks.filter((lock) => placed.has(lock.order)),
  };
}
