import type { IsoDate } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { type LockState, reopen } from "./lineTable.js";
import { lockBlockedUntil, phaseOf } from "./locks.js";
import type { ExpiryDecision } from "./plan.js";
import type { Draft, RunState } from "./state.js";

const RULES = Object.freeze([RULE.LOCK_EXPIRE]);
const RULES_GRACE = Object.freeze([RULE.LOCK_GRACE, RULE.LOCK_EXPIRE]);

/**
 * Pass 1, R-LOCK-EXPIRE (seed 6.4.2.5: 若加盟商未能在15天内打款，则所占用产品库存资源释放，
 * 参与重新分配): every carried lock past its expiry date and its payment grace
 * is released before anything is allocated, its units back in free stock and
 * its line outstanding again but barred from a new lock until the cool-down
 * ends. A lock in its grace (R-LOCK-GRACE) is only marked expiring here: lock
 * conversion offers it first, and {@link releaseExpiring} releases the rest.
 */
export function expireLocks(state: RunState, policy: AllocationPolicy, asOf: IsoDate): void {
  for (const lock of state.locks) {
    const phase = phaseOf(lock.source, asOf, policy.paymentGraceDays);
    if (phase === "expiring") lock.expiring = true;
    else if (phase === "expired") release(state, lock, policy);
  }
}

/**
 * Pass 2b, R-LOCK-GRACE (seed 6.4.1: finance refreshes balances daily, so money
 * paid on a lock's last active day shows the day after): after lock conversion,
 * what conversion did not take of each expiring lock is released exactly as an
 * expired lock is — back to free stock before the funded pass, its line barred
 * from a new lock in this run. An expiring lock is never carried past the run.
 */
export function releaseExpiring(state: RunState, policy: AllocationPolicy): void {
  for (const lock of state.locks) {
    if (lock.expiring && lock.converted < lock.source.quantity) release(state, lock, policy);
  }
}

/** Releases what conversion left of a carried lock (all of it, for an expired one), with its trace. */
function release(state: RunState, lock: LockState, policy: AllocationPolicy): void {
  const { source, line } = lock;
  const quantity = source.quantity - lock.converted;
  lock.released = true;
  const sku = state.lines.sku[line] as number;
  state.stock[sku] = (state.stock[sku] as number) + quantity;
  const blockedUntil = lockBlockedUntil(source.expiresOn, policy.relockCooldownDays);
  reopen(state.lines, line, quantity, blockedUntil);
  const decision: Draft<ExpiryDecision> = {
    pass: "expiry",
    kind: "order-line",
    order: source.order,
    line: source.line,
    franchisee: source.franchisee,
    sku: source.sku,
    rules: lock.expiring ? RULES_GRACE : RULES,
    quantity,
    lock: source.id,
    expiresOn: source.expiresOn,
    lockBlockedUntil: blockedUntil,
  };
  if (lock.expiring) {
    decision.paymentGraceDays = policy.paymentGraceDays;
    decision.convertedInGrace = lock.converted;
  }
  state.trace.whole(decision);
}
