import type { Decimal } from "decimal.js";
import { creditRoom, currencyMinorDigits, formatAmount, ZERO } from "../domain/money.js";
import type {
  AllocationRequest,
  Commitment,
  Product,
  RegionNeed,
  StoreNeed,
} from "../domain/types.js";
import type { SellingSeason, SpendOrder } from "../domain/vocabulary.js";
import { compareIds } from "../ranking/compare.js";
import { productPriority } from "../ranking/products.js";
import type { HeldPools } from "./holdback.js";
import {
  buildLineTable,
  type LineTable,
  type LockState,
  rankLines,
  recordServed,
  servedColumns,
} from "./lineTable.js";
import { type Amount, type MoneyMode, type RunMoney, runMoney } from "./runMoney.js";
import { TraceRecorder } from "./trace.js";

/*
 * The mutable working state of one run. It lives only inside `allocate`: the
 * request it is built from is never touched, and the plan is built from it at
 * the end. Lines, SKUs and franchisees are numbered: a line is an index into
 * the columns of its {@link LineTable}, a SKU an index into `skus`.
 */

/** A franchisee during the run: its purses shrink as the passes spend. */
export interface FranchiseeState {
  /** Its number in the run (franchisees sorted by id). */
  readonly index: number;
  readonly id: string;
  readonly priority: number;
  /** Cash left to spend. */
  cash: Amount;
  /** Available credit left to spend. */
  credit: Amount;
  /** cash + credit, kept in step with them. */
  spendable: Amount;
  readonly cashBefore: Amount;
  readonly creditBefore: Amount;
  readonly spendableBefore: Amount;
  /** R-RUN-1: money earlier runs committed and shipping has not posted, when any. */
  readonly committed: Committed | undefined;
  /** Its lines with something to decide, in R-RANK-LINE order (line-table indexes). */
  readonly lines: Int32Array;
  /** R-ALLOC-PARTIAL with `afterShortfall: "stop"`: money ran short; serve no later line. */
  stopped: boolean;
  /**
   * R-PRIO-FACTORS: what it ordered in the input, set by the funded pass when
   * the policy's `franchiseeTieBreak` ranks by it; `tied` when another
   * franchisee stood level with it up to the tie-break, so the tie-break decided.
   */
  ordered: OrderedFigures | undefined;
}

/** R-PRIO-FACTORS: a franchisee's ordered units and value, and whether they broke a tie. */
export interface OrderedFigures {
  readonly units: number;
  readonly value: Decimal;
  /** `value` as the plan writes it. */
  readonly valueText: string;
  readonly tied: boolean;
}

/**
 * R-RUN-1: a franchisee's committed, not yet posted money, netted from
 * finance's figures (cash parts from cash, credit parts from available credit).
 */
export interface Committed {
  readonly cash: Decimal;
  readonly credit: Decimal;
  /** Finance's cash and available credit, before netting. */
  readonly financeCash: Decimal;
  readonly financeCredit: Decimal;
}

/** What the direct pass served: a claim, its demand and its grant. */
export interface DirectGrant<Need> {
  readonly need: Need;
  readonly demand: number;
  readonly quantity: number;
  /** R-HOLD: units held for another channel were out of its reach while it fell short of stock. */
  readonly heldBack?: boolean;
}

/** The direct pass's results, which it writes into the run state. */
export interface DirectServed {
  readonly stores: DirectGrant<StoreNeed>[];
  readonly regions: DirectGrant<RegionNeed>[];
  /** Regions the season's order did not list, that had demand in that season. */
  readonly unlisted: { readonly region: string; readonly season: SellingSeason }[];
}

/** Everything one run works on, from the request to the plan: private to the run. */
export interface RunState {
  readonly request: AllocationRequest;
  /** Every product's SKU, sorted by id: a SKU's number is its place here. */
  readonly skus: readonly string[];
  readonly skuIndex: ReadonlyMap<string, number>;
  /** The product of each SKU number. */
  readonly products: readonly Product[];
  /** R-RANK-PRODUCT: each SKU number's launch-plan rank, 0 first. */
  readonly productRank: Int32Array;
  /** Free stock by SKU number. */
  readonly stock: Float64Array;
  /** R-HOLD: units held back from free stock, by SKU number (holdback.ts); empty without a holdback. */
  readonly held: Map<number, HeldPools>;
  /** Every franchisee, sorted by id (its `index`). */
  readonly franchisees: readonly FranchiseeState[];
  readonly lines: LineTable;
  /** Carried locks, oldest first (lockedOn, then id). */
  readonly locks: readonly LockState[];
  readonly trace: TraceRecorder;
  /** The run's amounts: exact scaled integers, or decimal.js values when those could overflow. */
  readonly money: RunMoney;
  /** The line table's distinct prices as run amounts (a line's is `prices[lines.price[i]]`). */
  readonly prices: readonly Amount[];
  /** What the direct pass served (R-ALLOC-DIRECT), filled by it. */
  readonly direct: DirectServed;
  /** Writes a decimal.js amount for the plan, with the currency's minor digits at least. */
  readonly format: (amount: Decimal) => string;
  /** Line `i`'s unit price as the plan writes it (one text per distinct price). */
  readonly priceText: (i: number) => string;
  /** What `quantity` units of line `i` cost, as the plan writes it (texts shared by lines of one price). */
  readonly amountText: (i: number, quantity: number) => string;
}

/**
 * R-RUN-1: a franchisee's cash and available credit net of the money earlier
 * runs committed and not yet posted — the cash parts from cash, the credit parts
 * from credit, and what one purse cannot cover from the other (posting takes
 * funds, then credit, R-POST-1), so spendable = max(0, cash + credit −
 * committed) and no money pays twice.
 */
function netOfCommitted(
  cash: Decimal,
  credit: Decimal,
  owed: { readonly cash: Decimal; readonly credit: Decimal },
): { cash: Decimal; credit: Decimal } {
  let netCash = cash.minus(owed.cash);
  let netCredit = credit.minus(owed.credit);
  if (netCash.isNegative()) {
    netCredit = netCredit.plus(netCash);
    netCash = ZERO;
  }
  if (netCredit.isNegative()) {
    netCash = atLeastZero(netCash.plus(netCredit));
    netCredit = ZERO;
  }
  return { cash: netCash, credit: netCredit };
}

/**
 * The run state of `request`, every line waiting for its first pass. `money`
 * `"decimal"` keeps every amount in decimal.js (a test's way to hold the
 * integer path to it).
 */
export function createRunState(request: AllocationRequest, money: MoneyMode = "auto"): RunState {
  const products = [...request.products].sort((a, b) => compareIds(a.sku, b.sku));
  const skus = products.map((product) => product.sku);
  const skuIndex = new Map(skus.map((sku, index) => [sku, index]));
  const ranks = productPriority(request.products);
  const productRank = Int32Array.from(skus, (sku) => ranks.get(sku) as number);
  const stock = new Float64Array(skus.length);
  for (const row of request.supply) stock[skuIndex.get(row.sku) as number] = row.quantity;

  const minorDigits = currencyMinorDigits(request.currency);
  const zeroText = formatAmount(ZERO, minorDigits);
  const format = (amount: Decimal) =>
    amount.isZero() ? zeroText : formatAmount(amount, minorDigits);
  const sources = [...request.franchisees].sort((a, b) => compareIds(a.id, b.id));
  const franchiseeIndex = new Map(sources.map((source, index) => [source.id, index]));
  const { table: numbered, locks } = buildLineTable(request.orders, request.locks, {
    skuIndex,
    franchiseeIndex,
  });
  const { ranked, start } = rankLines(numbered, productRank, sources.length);

  const run = runMoney(request, numbered, minorDigits, money);
  const table: LineTable = {
    ...numbered,
    // Few runs convert locks: their columns are empty unless some line has one.
    converted: servedColumns(locks.length === 0 ? 0 : numbered.count, run),
    funded: servedColumns(numbered.count, run),
  };
  const prices = table.prices.map((price) => run.of(price));
  const priceTexts = table.prices.map(format);
  // A wave repeats few (price, quantity) pairs: each amount's text is made once.
  const amountTexts: (string[] | undefined)[] = new Array(prices.length);
  const amountText = (i: number, quantity: number) => {
    const p = table.price[i] as number;
    let texts = amountTexts[p];
    if (texts === undefined) {
      texts = [];
      amountTexts[p] = texts;
    }
    let text = texts[quantity];
    if (text === undefined) {
      text = run.text(run.times(prices[p] as Amount, quantity));
      texts[quantity] = text;
    }
    return text;
  };
  const committed = committedMoney(request.commitments);
  const franchisees = sources.map((source, index): FranchiseeState => {
    const financeCredit = creditRoom(source.creditLimit, source.creditUsed);
    const owed = committed.get(source.id);
    // R-RUN-1: what earlier runs committed is not spendable again; never below zero.
    const { cash, credit } =
      owed === undefined
        ? { cash: source.cash, credit: financeCredit }
        : netOfCommitted(source.cash, financeCredit, owed);
    const purse = { cash: run.of(cash), credit: run.of(credit) };
    const spendable = run.plus(purse.cash, purse.credit);
    return {
      index,
      id: source.id,
      priority: source.priority,
      ...purse,
      spendable,
      cashBefore: purse.cash,
      creditBefore: purse.credit,
      spendableBefore: spendable,
      committed:
        owed === undefined ? undefined : { ...owed, financeCash: source.cash, financeCredit },
      lines: ranked.subarray(start[index], start[index + 1]),
      stopped: false,
      ordered: undefined,
    };
  });

  return {
    request,
    skus,
    skuIndex,
    products,
    productRank,
    stock,
    held: new Map(),
    franchisees,
    lines: table,
    locks,
    trace: new TraceRecorder(
      2 * ranked.length + 2 * locks.length + request.storeNeeds.length + request.regionNeeds.length,
    ),
    money: run,
    prices,
    direct: { stores: [], regions: [], unlisted: [] },
    format,
    priceText: (i) => priceTexts[table.price[i] as number] as string,
    amountText,
  };
}

/** R-RUN-1: each franchisee's committed cash and credit, summed over its commitment rows. */
function committedMoney(
  commitments: readonly Commitment[],
): Map<string, { cash: Decimal; credit: Decimal }> {
  const sums = new Map<string, { cash: Decimal; credit: Decimal }>();
  for (const row of commitments) {
    const sum = sums.get(row.franchisee);
    if (sum === undefined) sums.set(row.franchisee, { cash: row.cash, credit: row.credit });
    else {
      sum.cash = sum.cash.plus(row.cash);
      sum.credit = sum.credit.plus(row.credit);
    }
  }
  return sums;
}

function atLeastZero(amount: Decimal): Decimal {
  return amount.isNegative() ? ZERO : amount;
}

/**
 * The serve step of the franchisee passes: `quantity` units of line `i` at
 * `price`, paid from the franchisee's purses in the policy's order
 * (R-ALLOC-FUNDED: the first purse as far as it goes, the rest from the
 * other), recorded on the line (see {@link recordServed}). The caller
 * guarantees the franchisee can pay.
 */
export function serve(
  state: RunState,
  franchisee: FranchiseeState,
  i: number,
  from: "funded" | "lock",
  quantity: number,
  price: Amount,
  order: SpendOrder,
): void {
  const { money } = state;
  const amount = money.times(price, quantity);
  const first = order === "cash-first" ? franchisee.cash : franchisee.credit;
  const fromFirst = money.lte(amount, first) ? amount : first;
  const fromSecond = fromFirst === amount ? money.zero : money.minus(amount, fromFirst);
  const cash = order === "cash-first" ? fromFirst : fromSecond;
  const credit = order === "cash-first" ? fromSecond : fromFirst;
  if (!money.isZero(cash)) franchisee.cash = money.minus(franchisee.cash, cash);
  if (!money.isZero(credit)) franchisee.credit = money.minus(franchisee.credit, credit);
  if (!money.isZero(amount)) franchisee.spendable = money.minus(franchisee.spendable, amount);
  recordServed(state.lines, i, from, quantity, cash, money);
}

/**
 * How many of `want` units at `price` a franchisee's money buys
 * (R-ALLOC-FUNDED): min(want, ⌊spendable ÷ price⌋), every unit when the
 * price is zero, none once it is stopped (R-ALLOC-PARTIAL).
 */
export function affordable(
  money: RunMoney,
  franchisee: FranchiseeState,
  want: number,
  price: Amount,
): number {
  if (franchisee.stopped) return 0;
  if (want === 0 || money.isZero(price)) return want;
  // Most lines are either wholly affordable or not at all.
  if (!money.lte(price, franchisee.spendable)) return 0;
  if (money.lte(money.times(price, want), franchisee.spendable)) return want;
  return money.quotient(franchisee.spendable, price);
}

/** A mutable view of a readonly record, for decisions built field by field. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The one walk of the three franchisee passes (conversion, funded, lock): franchisees in the
 * pass's order, each one's lines in R-RANK-LINE order, with their 1-based
 * ranks as the trace reports them.
 */
export function forEachRankedLine(
  franchisees: readonly FranchiseeState[],
  visit: (
    franchisee: FranchiseeState,
    line: number,
    franchiseeRank: number,
    lineRank: number,
  ) => void,
): void {
  for (let rank = 0; rank < franchisees.length; rank++) {
    const franchisee = franchisees[rank] as FranchiseeState;
    const lines = franchisee.lines;
    for (let k = 0; k < lines.length; k++) visit(franchisee, lines[k] as number, rank + 1, k + 1);
  }
}

/** R-PACK: the units per pack of SKU number `sku` (1 when its product has none). */
export function packOf(state: RunState, sku: number): number {
  return (state.products[sku] as Product).packSize ?? 1;
}

/**
 * R-ALLOC-PARTIAL: with `afterShortfall: "stop"`, a line money left short
 * stops the franchisee's later lines, in this pass and the next.
 */
export function afterShortfall(
  franchisee: FranchiseeState,
  shortOfMoney: boolean,
  policy: { readonly afterShortfall: "continue" | "stop" },
): void {
  if (shortOfMoney && policy.afterShortfall === "stop") franchisee.stopped = true;
}
