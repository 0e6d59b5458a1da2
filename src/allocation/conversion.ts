import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { compareByPriority } from "../ranking/franchisees.js";
import { inPacks } from "./packs.js";
import type { ConversionDecision } from "./plan.js";
import {
  affordable,
  afterShortfall,
  type Draft,
  forEachRankedLine,
  packOf,
  type RunState,
  serve,
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
  if (state.locks.length === 0) return;
  const { lines, money } = state;
  const franchisees = [...state.franchisees].sort(compareByPriority);
  forEachRankedLine(franchisees, (franchisee, i, franchiseeRank, lineRank) => {
    const carried = lines.carried.get(i);
    if (carried === undefined) return;
    const source = lines.source[i] as (typeof lines.source)[number];
    for (const lock of carried) {
      if (lock.released) continue;
      const demand = lock.source.quantity;
      const spendable = money.text(franchisee.spendable);
      const stopped = franchisee.stopped;
      const price = money.of(source.unitPrice);
      const allowed = affordable(money, franchisee, demand, price);
      // R-PACK: the money converts whole packs, unless it converts the whole lock.
      const pack = packOf(state, lines.sku[i] as number);
      const quantity = inPacks(allowed, demand, pack);
      if (quantity > 0) {
        // Stryker disable next-line StringLiteral: any source but "funded" is the conversion's
        serve(state, franchisee, i, "lock", quantity, price, policy.spendOrder);
        lock.converted = quantity;
      }
      const short = quantity < demand;
      const decision: Draft<ConversionDecision> = {
        pass: "conversion",
        kind: "order-line",
        order: lock.source.order,
        line: source.line,
        franchisee: franchisee.id,
        sku: source.sku,
        rules: lock.expiring
          ? short
            ? RULES_GRACE_SHORT
            : RULES_GRACE
          : short
            ? RULES_SHORT
            : RULES,
        quantity,
        franchiseeRank,
        lineRank,
        demand,
        limitedBy: short ? "funds" : "none",
        lock: lock.source.id,
        unitPrice: state.priceText(i),
        spendable,
        priority: franchisee.priority,
      };
      if (stopped) decision.stopped = true;
      if (lock.expiring) decision.paymentGraceDays = policy.paymentGraceDays;
      if (quantity < allowed) {
        decision.rules = Object.freeze([...decision.rules, RULE.PACK]);
        decision.packSize = pack;
        decision.beforePacks = allowed;
      }
      state.trace.whole(decision);
      afterShortfall(franchisee, short, policy);
    }
  });
}
