import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { compareFranchisees, isFunded } from "../ranking/franchisees.js";
import type { FundedDecision, Limit } from "./plan.js";
import {
  type Draft,
  offer,
  type RunState,
  recordLineDecision,
  spend,
  spendableText,
} from "./state.js";

const RULES = Object.freeze([
  RULE.ALLOC_FUNDED,
  RULE.RANK_FUNDED,
  RULE.RANK_LINE,
  RULE.RANK_PRODUCT,
]);
const RULES_SHORT = Object.freeze([...RULES, RULE.ALLOC_PARTIAL]);

/**
 * Pass 3, R-ALLOC-FUNDED (seed 6.4.2.1–6.4.2.4): franchisees in R-RANK-FUNDED
 * order, ranked once from the money left after lock conversion — funded ones
 * first, then the rest, who can take only what costs them nothing (or, with
 * `creditCountsAsFunds: false`, what their credit pays for). Each line takes
 * min(outstanding, free stock, ⌊spendable ÷ unitPrice⌋), paid in the policy's
 * `spendOrder`. When money stops a line short, R-ALLOC-PARTIAL: the franchisee's
 * later lines go on with what is left, unless `afterShortfall` is `"stop"`.
 */
export function allocateFunded(state: RunState, policy: AllocationPolicy): void {
  const ranked = [...state.franchisees.values()]
    .map((franchisee) => ({
      franchisee,
      id: franchisee.id,
      priority: franchisee.priority,
      spendable: franchisee.spendable,
      funded: isFunded(franchisee.cash, franchisee.credit, policy.creditCountsAsFunds),
    }))
    .sort(compareFranchisees(policy.franchiseeRanking));

  const stockOf = state.stock;
  ranked.forEach(({ franchisee, funded }, franchiseeIndex) => {
    const lines = franchisee.lines;
    for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
      const line = lines[lineIndex] as (typeof lines)[number];
      const demand = line.outstanding;
      if (demand <= 0) continue;
      const stock = stockOf.get(line.sku) ?? 0;
      const want = Math.min(demand, stock);
      const spendable = spendableText(state, franchisee);
      const stopped = franchisee.stopped;
      const bought = offer(franchisee, want, line.unitPrice);
      const quantity = bought.quantity;
      // Money held the line back if it got less than the stock allowed (a stopped line gets 0).
      const shortOfMoney = quantity < want;
      if (quantity > 0) {
        line.funded = spend(franchisee, quantity, bought.amount, policy.spendOrder);
        stockOf.set(line.sku, stock - quantity);
      }
      const limitedBy: Limit = quantity === demand ? "none" : shortOfMoney ? "funds" : "stock";
      line.reason = limitedBy === "none" ? undefined : limitedBy;
      const decision: Draft<FundedDecision> = {
        pass: "funded",
        kind: "order-line",
        order: line.order,
        line: line.line,
        franchisee: franchisee.id,
        sku: line.sku,
        rules: shortOfMoney ? RULES_SHORT : RULES,
        quantity,
        franchiseeRank: franchiseeIndex + 1,
        lineRank: lineIndex + 1,
        demand,
        limitedBy,
        funded,
        stock,
        unitPrice: line.priceText,
        spendable,
        priority: franchisee.priority,
      };
      recordLineDecision(state, franchisee, decision, { stopped, shortOfMoney }, policy);
    }
  });
}
