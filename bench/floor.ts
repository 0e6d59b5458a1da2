/**
 * The FLOOR of the benchmark (R-SCALE-1): the least any correct engine must do with a
 * wave's demand lines — build every line's ranking key (franchisee rank from
 * compareFranchisees over spendable = cash + max(0, creditLimit − creditUsed), product
 * rank from productPriority, orderedOn, order id, line) and sort all lines in one array
 * by franchisee rank, then compareLines, with the library's own ranking functions.
 * Unchanged since the first benchmark, so ratios stay comparable across engines.
 */
import {
  type AllocationInput,
  compareFranchisees,
  compareLines,
  DEFAULT_POLICY,
  type FranchiseeStanding,
  isFunded,
  type LineKey,
  Money,
  productPriority,
} from "../src/index.js";

/** A demand line's full ranking key in the funded pass: franchisee rank, then R-RANK-LINE. */
interface RankedLineKey extends LineKey {
  readonly franchiseeRank: number;
}

/**
 * Every demand line's ranking key, and all lines sorted by it.
 * Returns the number of keys sorted (so the work cannot be optimised away).
 */
export function rankAndSortLines(input: AllocationInput): number {
  const ranking = input.policy?.franchiseeRanking ?? DEFAULT_POLICY.franchiseeRanking;
  const creditCountsAsFunds =
    input.policy?.creditCountsAsFunds ?? DEFAULT_POLICY.creditCountsAsFunds;
  const standings: FranchiseeStanding[] = (input.franchisees ?? []).map((franchisee) => {
    const cash = new Money(franchisee.cash);
    const credit = Money.max(
      0,
      new Money(franchisee.creditLimit ?? 0).minus(franchisee.creditUsed ?? 0),
    );
    return {
      id: franchisee.id,
      priority: franchisee.priority,
      spendable: cash.plus(credit),
      funded: isFunded(cash, credit, creditCountsAsFunds),
    };
  });
  standings.sort(compareFranchisees(ranking));
  const franchiseeRank = new Map(standings.map((standing, index) => [standing.id, index]));
  const productRank = productPriority(input.products ?? []);

  const keys: RankedLineKey[] = [];
  for (const order of input.orders ?? []) {
    const rank = franchiseeRank.get(order.franchisee) as number;
    for (const line of order.lines) {
      keys.push({
        franchiseeRank: rank,
        productRank: productRank.get(line.sku) as number,
        orderedOn: order.orderedOn,
        order: order.id,
        line: line.line,
      });
    }
  }
  keys.sort((a, b) => a.franchiseeRank - b.franchiseeRank || compareLines(a, b));
  return keys.length;
}

/** The number of franchisee order lines in a wave. */
export function countLines(input: AllocationInput): number {
  let lines = 0;
  for (const order of input.orders ?? []) lines += order.lines.length;
  return lines;
}
