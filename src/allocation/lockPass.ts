import type { IsoDate } from "../domain/dates.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { compareByPriority } from "../ranking/franchisees.js";
import { lockExpiresOn } from "./locks.js";
import type { LockDecision } from "./plan.js";
import type { Draft, LineState, RunState } from "./state.js";

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
  const carried = new Set(state.request.locks.map((lock) => lock.id));
  const stockOf = state.stock;
  const franchisees = [...state.franchisees.values()].sort(compareByPriority);
  franchisees.forEach((franchisee, franchiseeIndex) => {
    const lines = franchisee.lines;
    for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
      const line = lines[lineIndex] as (typeof lines)[number];
      const demand = line.outstanding - (line.funded?.quantity ?? 0);
      if (demand <= 0) continue;
      const stock = stockOf.get(line.sku) ?? 0;
      const blockedUntil = relockBarrier(line, asOf);
      const quantity = blockedUntil === undefined ? Math.min(demand, stock) : 0;
      const decision: Draft<LockDecision> = {
        pass: "lock",
        kind: "order-line",
        order: line.order,
        line: line.line,
        franchisee: franchisee.id,
        sku: line.sku,
        rules: blockedUntil === undefined ? RULES : RULES_BLOCKED,
        quantity,
        franchiseeRank: franchiseeIndex + 1,
        lineRank: lineIndex + 1,
        demand,
        priority: franchisee.priority,
        limitedBy:
          quantity === demand
            ? "none"
            : blockedUntil !== undefined && stock > 0
              ? "lock-blocked"
              : "stock",
        stock,
      };
      // A line money held back in the funded pass stays "funds" when there is no stock left to lock.
      line.reason =
        decision.limitedBy === "none"
          ? undefined
          : decision.limitedBy === "stock" && line.reason === "funds"
            ? "funds"
            : decision.limitedBy;
      if (blockedUntil !== undefined) decision.blockedUntil = blockedUntil;
      if (quantity > 0) {
        const id = freshLockId(`LK-${asOf}-${line.order}-${line.line}`, carried);
        line.newLock = { id, quantity };
        stockOf.set(line.sku, stock - quantity);
        decision.lock = id;
        decision.expiresOn = expiresOn;
      }
      state.trace.push(decision);
    }
  });
}

/**
 * R-LOCK-EXPIRE: the date before which a line may not be locked, if it is
 * barred in this run — released now (then never in this run), or carrying a
 * `lockBlockedUntil` after `asOf`. The later of the two when both apply.
 */
export function relockBarrier(line: LineState, asOf: IsoDate): IsoDate | undefined {
  const stored =
    line.lockBlockedUntil !== undefined && line.lockBlockedUntil > asOf
      ? line.lockBlockedUntil
      : undefined;
  if (line.relockFrom === undefined) return stored;
  return stored !== undefined && stored > line.relockFrom ? stored : line.relockFrom;
}

/**
 * New lock ids are `LK-<asOf>-<order>-<line>`: unique among new locks, since the
 * line number closes them. Should a carried lock already hold the id, a `~n`
 * suffix (which no such id ends with) makes it unique.
 */
function freshLockId(base: string, carried: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; carried.has(id); n++) id = `${base}~${n}`;
  return id;
}
