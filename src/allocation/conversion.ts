import { affordableUnits } from "../domain/money.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { compareByPriority } from "../ranking/franchisees.js";
import type { Limit } from "./plan.js";
import { type RunState, spend, spendable } from "./state.js";

const RULES = Object.freeze([RULE.LOCK_CONVERT, RULE.RANK_LINE, RULE.RANK_PRODUCT]);
const RULES_SHORT = Object.freeze([...RULES, RULE.ALLOC_PARTIAL]);

/**
 * Pass 2, R-LOCK-CONVERT: each active carried lock is offered to its own
 * franchisee first — franchisees by priority, lines by R-RANK-LINE, several
 * locks of a line oldest first — and as many units as its money pays for
 * become an allocation (source `lock`). The rest stays locked until expiry.
 * A shortfall obeys policy `afterShortfall` as in the funded pass.
 */
export function convertLocks(state: RunState, policy: AllocationPolicy): void {
  const franchisees = [...state.franchisees.values()].sort(compareByPriority);
  franchisees.forEach((franchisee, franchiseeIndex) => {
    let stopped = false;
    franchisee.lines.forEach((line, lineIndex) => {
      for (const lock of line.locks) {
        if (lock.released) continue;
        const demand = lock.source.quantity;
        const money = spendable(franchisee);
        const quantity = stopped ? 0 : affordableUnits(demand, line.unitPrice, money);
        if (quantity > 0) {
          const paid = spend(franchisee, line.unitPrice.times(quantity), policy.spendOrder);
          line.converted += quantity;
          line.convertedCash = line.convertedCash.plus(paid.cash);
          line.convertedCredit = line.convertedCredit.plus(paid.credit);
          lock.converted = quantity;
        }
        const limitedBy: Limit = quantity < demand ? "funds" : "none";
        state.trace.push({
          pass: "conversion",
          kind: "order-line",
          order: line.order,
          line: line.line,
          franchisee: franchisee.id,
          sku: line.sku,
          rules: limitedBy === "none" ? RULES : RULES_SHORT,
          quantity,
          franchiseeRank: franchiseeIndex + 1,
          lineRank: lineIndex + 1,
          demand,
          limitedBy,
          lock: lock.source.id,
          unitPrice: state.format(line.unitPrice),
          spendable: state.format(money),
        });
        if (quantity < demand && policy.afterShortfall === "stop") stopped = true;
      }
    });
  });
}
