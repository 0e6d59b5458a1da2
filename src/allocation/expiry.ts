import type { IsoDate } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { isLockExpired, lockBlockedUntil } from "./locks.js";
import type { RunState } from "./state.js";

const RULES = Object.freeze([RULE.LOCK_EXPIRE]);

/**
 * Pass 1, R-LOCK-EXPIRE (seed 6.4.2.5: 若加盟商未能在15天内打款，则所占用产品库存资源释放，
 * 参与重新分配): every carried lock whose expiry date has come is released
 * before anything is allocated, its units back in free stock and its line
 * outstanding again but barred from a new lock until the cool-down ends.
 */
export function expireLocks(state: RunState, policy: AllocationPolicy, asOf: IsoDate): void {
  for (const lock of state.locks) {
    const { source, line } = lock;
    if (!isLockExpired(source, asOf)) continue;
    lock.released = true;
    line.outstanding += source.quantity;
    state.stock.set(source.sku, (state.stock.get(source.sku) ?? 0) + source.quantity);
    const blockedUntil = lockBlockedUntil(source.expiresOn, policy.relockCooldownDays);
    if (line.relockFrom === undefined || blockedUntil > line.relockFrom)
      line.relockFrom = blockedUntil;
    state.trace.push({
      pass: "expiry",
      kind: "order-line",
      order: source.order,
      line: source.line,
      franchisee: source.franchisee,
      sku: source.sku,
      rules: RULES,
      quantity: source.quantity,
      lock: source.id,
      expiresOn: source.expiresOn,
      lockBlockedUntil: blockedUntil,
    });
  }
}
