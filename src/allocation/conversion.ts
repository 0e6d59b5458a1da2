import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { compareByPriority } from "../ranking/franchisees.js";
import type { ConversionDecision } from "./plan.js";
import {
  type Draft,
  offer,
  type RunState,
  recordLineDecision,
  spend,
  spendableText,
} from "./state.js";

const RULES = Object.freeze([RULE.LOCK_CONVERT, RULE.RANK_LINE, RULE.RANK_PRODUCT]);
const RULES_SHORT = Object.freeze([...RULES, RULE.ALLOC_PARTIAL]);
/** R-LOCK-GRACE: a lock in its payment grace is offered like an active one. */
const RULES_GRACE = Object.freeze([...RULES, RULE.LOCK_GRACE]);
const RULES_GRACE_SHORT = Object.freeze([...RULES_SHORT, RULE.LOCK_GRACE]);

/**
 * Pass 2, R-LOCK-CONVERT: each active carried lock — and each expiring one, in
 * its payment grace (R-LOCK-GRACE), in the same order — is offered to its own
 * franchisee first — franchisees by priority, lines by R-RANK-LINE, several
 * locks of a line oldest first — and as many units as its money pays for
 * become an allocation (source `lock`). The rest of an active lock stays
 * locked until expiry; the rest of an expiring one is released next
 * (`releaseExpiring`). A shortfall obeys policy `afterShortfall` as in the
 * funded pass.
 */
export function convertLocks(state: RunState, policy: AllocationPolicy): void {
  const franchisees = [...state.franchisees.values()].sort(compareByPriority);
  franchisees.forEach((franchisee, franchiseeIndex) => {
    franchisee.lines.forEach((line, lineIndex) => {
      for (const lock of line.locks ?? []) {
        if (lock.released) continue;
        const demand = lock.source.quantity;
        const spendable = spendableText(state, franchisee);
        const stopped = franchisee.stopped;
        const bought = offer(franchisee, demand, line.unitPrice);
        const quantity = bought.quantity;
        if (quantity > 0) {
          const paid = spend(franchisee, quantity, bought.amount, policy.spendOrder);
          const served = line.converted;
          if (served === undefined) line.converted = paid;
          else {
            served.quantity += paid.quantity;
            served.amount = served.amount.plus(paid.amount);
            served.cash = served.cash.plus(paid.cash);
            served.credit = served.credit.plus(paid.credit);
          }
          lock.converted = quantity;
        }
        const short = quantity < demand;
        const decision: Draft<ConversionDecision> = {
          pass: "conversion",
          kind: "order-line",
          order: line.order,
          line: line.line,
          franchisee: franchisee.id,
          sku: line.sku,
          rules: lock.expiring
            ? short
              ? RULES_GRACE_SHORT
              : RULES_GRACE
            : short
              ? RULES_SHORT
              : RULES,
          quantity,
          franchiseeRank: franchiseeIndex + 1,
          lineRank: lineIndex + 1,
          demand,
          limitedBy: short ? "funds" : "none",
          lock: lock.source.id,
          unitPrice: line.priceText,
          spendable,
          priority: franchisee.priority,
        };
        if (lock.expiring) decision.paymentGraceDays = policy.paymentGraceDays;
        recordLineDecision(state, franchisee, decision, { stopped, shortOfMoney: short }, policy);
      }
    });
  });
}
