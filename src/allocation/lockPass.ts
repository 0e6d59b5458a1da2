import type { IsoDate } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { compareByPriority } from "../ranking/franchisees.js";
import { lockExpiresOn } from "./locks.js";
import type { Limit } from "./plan.js";
import type { RunState } from "./state.js";

const RULES = Object.freeze([RULE.LOCK_PLACE, RULE.RANK_LINE, RULE.RANK_PRODUCT]);
const RULES_BLOCKED = Object.freeze([...RULES, RULE.LOCK_EXPIRE]);

/**
 * Pass 4, R-LOCK-PLACE (seed 6.4.2.5: 根据加盟商优先级依次根据销售订单占用产品库存):
 * stock left after the funded pass is locked for every line still outstanding,
 * funded or not — franchisees by priority then id, lines by R-RANK-LINE — for
 * `lockDays` days. A line released in this run, or whose `lockBlockedUntil` is
 * after `asOf`, is skipped (R-LOCK-EXPIRE). Off when `lockUnfunded` is false.
 */
export function placeLocks(state: RunState, policy: AllocationPolicy, asOf: IsoDate): void {
  if (!policy.lockUnfunded) return;
  const expiresOn = lockExpiresOn(asOf, policy.lockDays);
  const taken = new Set(state.request.locks.map((lock) => lock.id));
  const franchisees = [...state.franchisees.values()].sort(compareByPriority);
  franchisees.forEach((franchisee, franchiseeIndex) => {
    franchisee.lines.forEach((line, lineIndex) => {
      const demand = line.outstanding - line.funded;
      if (demand <= 0) return;
      const stock = state.stock.get(line.sku) ?? 0;
      const blockedUntil =
        line.relockFrom ??
        (line.lockBlockedUntil !== undefined && line.lockBlockedUntil > asOf
          ? line.lockBlockedUntil
          : undefined);
      const base = {
        pass: "lock" as const,
        kind: "order-line" as const,
        order: line.order,
        line: line.line,
        franchisee: franchisee.id,
        sku: line.sku,
        franchiseeRank: franchiseeIndex + 1,
        lineRank: lineIndex + 1,
        demand,
        stock,
      };
      if (blockedUntil !== undefined) {
        const limitedBy: Limit = stock > 0 ? "lock-blocked" : "stock";
        line.reason = limitedBy;
        state.trace.push({ ...base, rules: RULES_BLOCKED, quantity: 0, limitedBy, blockedUntil });
        return;
      }
      const quantity = Math.min(demand, stock);
      const limitedBy: Limit = quantity < demand ? "stock" : "none";
      line.reason = limitedBy === "none" ? undefined : limitedBy;
      if (quantity === 0) {
        state.trace.push({ ...base, rules: RULES, quantity, limitedBy });
        return;
      }
      const id = freshLockId(`LK-${asOf}-${line.order}-${line.line}`, taken);
      line.newLock = { id, quantity };
      state.stock.set(line.sku, stock - quantity);
      state.trace.push({ ...base, rules: RULES, quantity, limitedBy, lock: id, expiresOn });
    });
  });
}

/**
 * New lock ids are `LK-<asOf>-<order>-<line>`: unique among new locks, since the
 * line number closes them. Should a carried lock already hold the id, a `~n`
 * suffix (which no such id ends with) makes it unique.
 */
function freshLockId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}~${n}`;
  taken.add(id);
  return id;
}
