import { affordableUnits } from "../domain/money.js";
import type { AllocationPolicy } from "../domain/policy.js";
import { RULE } from "../domain/rules.js";
import { compareFranchisees, isFunded } from "../ranking/franchisees.js";
import type { Limit } from "./plan.js";
import { type RunState, spend, spendable } from "./state.js";

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
      spendable: spendable(franchisee),
      funded: isFunded(franchisee.cash, franchisee.credit, policy.creditCountsAsFunds),
    }))
    .sort(compareFranchisees(policy.franchiseeRanking));

  ranked.forEach(({ franchisee, funded }, franchiseeIndex) => {
    let stopped = false;
    franchisee.lines.forEach((line, lineIndex) => {
      const demand = line.outstanding;
      if (demand <= 0) return;
      const stock = state.stock.get(line.sku) ?? 0;
      const want = Math.min(demand, stock);
      const money = spendable(franchisee);
      const quantity = stopped ? 0 : affordableUnits(want, line.unitPrice, money);
      const shortOfMoney = stopped || quantity < want;
      if (quantity > 0) {
        const paid = spend(franchisee, line.unitPrice.times(quantity), policy.spendOrder);
        line.funded = quantity;
        line.fundedCash = paid.cash;
        line.fundedCredit = paid.credit;
        state.stock.set(line.sku, stock - quantity);
      }
      const limitedBy: Limit = quantity === demand ? "none" : shortOfMoney ? "funds" : "stock";
      line.reason = limitedBy === "none" ? undefined : limitedBy;
      state.trace.push({
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
        unitPrice: state.format(line.unitPrice),
        spendable: state.format(money),
        ...(stopped ? { stopped: true as const } : {}),
      });
      if (shortOfMoney && policy.afterShortfall === "stop") stopped = true;
    });
  });
}
