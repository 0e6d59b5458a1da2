import type { Decimal } from "decimal.js";
import type { IsoDate } from "../domain/dates.js";
import {
  creditRoom,
  currencyMinorDigits,
  formatAmount,
  type Purchase,
  purchase,
  type SpendSplit,
  splitExact,
  ZERO,
} from "../domain/money.js";
import type { AllocationPolicy } from "../domain/policy.js";
import type { AllocationRequest, Commitment, Lock, Order } from "../domain/types.js";
import type { SpendOrder, UnfilledReason } from "../domain/vocabulary.js";
import { compareIds } from "../ranking/compare.js";
import { compareLines, type LineKey } from "../ranking/lines.js";
import { productPriority } from "../ranking/products.js";
import type { ConversionDecision, Decision, FundedDecision } from "./plan.js";

/*
 * The mutable working state of one run. It lives only inside `allocate`: the
 * request it is built from is never touched, and the plan is built from it at
 * the end. It is kept lean: a wave can hold a million lines.
 */

/** A franchisee during the run: its purses shrink as the passes spend. */
export interface FranchiseeState {
  readonly id: string;
  readonly priority: number;
  /** Cash left to spend. */
  cash: Decimal;
  /** Available credit left to spend. */
  credit: Decimal;
  /** cash + credit, kept in step with them. */
  spendable: Decimal;
  /** `spendable` as the plan writes it, made when first needed after each spend. */
  spendableText: string | undefined;
  readonly cashBefore: Decimal;
  readonly creditBefore: Decimal;
  readonly spendableBefore: Decimal;
  /** R-RUN-1: money earlier runs committed and shipping has not posted, when any. */
  readonly committed: Committed | undefined;
  /** Every line with something to decide, in R-RANK-LINE order. */
  readonly lines: LineState[];
  /** R-ALLOC-PARTIAL with `afterShortfall: "stop"`: money ran short; serve no later line. */
  stopped: boolean;
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

/** Units served to a line by one source, and how they were paid. */
export interface Served {
  quantity: number;
  amount: Decimal;
  cash: Decimal;
  credit: Decimal;
}

/** An order line during the run. */
export interface LineState extends LineKey {
  readonly franchisee: FranchiseeState;
  readonly sku: string;
  readonly unitPrice: Decimal;
  /** `unitPrice` as the plan writes it. */
  readonly priceText: string;
  /** Units neither allocated before nor under a carried lock: what this run may serve. */
  outstanding: number;
  readonly lockBlockedUntil: IsoDate | undefined;
  /** Set when a lock of this line was released in this run: no new lock before this date. */
  relockFrom: IsoDate | undefined;
  /** Carried locks, oldest first; undefined when there are none. */
  locks: LockState[] | undefined;
  /** What lock conversion served (R-LOCK-CONVERT). */
  converted: Served | undefined;
  /** What the funded pass served (R-ALLOC-FUNDED). */
  funded: Served | undefined;
  newLock: { readonly id: string; readonly quantity: number } | undefined;
  /** Why the last pass that looked at this line left part of it unserved. */
  reason: UnfilledReason | undefined;
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

/** A lock carried in from an earlier run. */
interface LockState {
  readonly source: Lock;
  readonly line: LineState;
  converted: number;
  /** Past its expiry date but in its payment grace (R-LOCK-GRACE): converted, then released. */
  expiring: boolean;
  /** Its units not converted went back to free stock in this run. */
  released: boolean;
}

export interface RunState {
  readonly request: AllocationRequest;
  readonly productRank: ReadonlyMap<string, number>;
  /** Free stock per SKU. */
  readonly stock: Map<string, number>;
  /** Every franchisee, by id. */
  readonly franchisees: ReadonlyMap<string, FranchiseeState>;
  /** Orders sorted by id, each with its line states in line-number order. */
  readonly orders: ReadonlyArray<{ readonly order: Order; readonly lines: readonly LineState[] }>;
  /** Carried locks, oldest first (lockedOn, then id). */
  readonly locks: readonly LockState[];
  readonly trace: Decision[];
  /** Writes an amount for the plan, with the currency's minor digits at least. */
  readonly format: (amount: Decimal) => string;
}

export function createRunState(request: AllocationRequest): RunState {
  const productRank = productPriority(request.products);
  const stock = new Map<string, number>();
  for (const row of request.supply) stock.set(row.sku, row.quantity);

  const minorDigits = currencyMinorDigits(request.currency);
  const zeroText = formatAmount(ZERO, minorDigits);
  const format = (amount: Decimal) =>
    amount.isZero() ? zeroText : formatAmount(amount, minorDigits);
  // The parser shares one Decimal per distinct price text, so this cache is small.
  const priceTexts = new Map<Decimal, string>();
  const priceText = (price: Decimal) => {
    let text = priceTexts.get(price);
    if (text === undefined) {
      text = format(price);
      priceTexts.set(price, text);
    }
    return text;
  };

  const committed = committedMoney(request.commitments);
  const franchisees = new Map<string, FranchiseeState>();
  for (const source of request.franchisees) {
    const financeCredit = creditRoom(source.creditLimit, source.creditUsed);
    const owed = committed.get(source.id);
    // R-RUN-1: what earlier runs committed is not spendable again; never below zero.
    const { cash, credit } =
      owed === undefined
        ? { cash: source.cash, credit: financeCredit }
        : netOfCommitted(source.cash, financeCredit, owed);
    const spendable = cash.plus(credit);
    franchisees.set(source.id, {
      id: source.id,
      priority: source.priority,
      cash,
      credit,
      spendable,
      spendableText: undefined,
      cashBefore: cash,
      creditBefore: credit,
      spendableBefore: spendable,
      committed:
        owed === undefined ? undefined : { ...owed, financeCash: source.cash, financeCredit },
      lines: [],
      stopped: false,
    });
  }

  const locksByOrder = new Map<string, Lock[]>();
  for (const lock of request.locks) {
    const list = locksByOrder.get(lock.order);
    if (list === undefined) locksByOrder.set(lock.order, [lock]);
    else list.push(lock);
  }
  const lockStates: LockState[] = [];

  const orders = [...request.orders].sort((a, b) => compareIds(a.id, b.id));
  const orderStates = orders.map((order) => {
    const franchisee = franchisees.get(order.franchisee) as FranchiseeState;
    const lines = [...order.lines]
      .sort((a, b) => a.line - b.line)
      .map(
        (line): LineState => ({
          franchisee,
          order: order.id,
          orderedOn: order.orderedOn,
          line: line.line,
          productRank: productRank.get(line.sku) as number,
          sku: line.sku,
          unitPrice: line.unitPrice,
          priceText: priceText(line.unitPrice),
          outstanding: line.quantity - line.allocated,
          lockBlockedUntil: line.lockBlockedUntil,
          relockFrom: undefined,
          locks: undefined,
          converted: undefined,
          funded: undefined,
          newLock: undefined,
          reason: undefined,
        }),
      );
    for (const source of locksByOrder.get(order.id) ?? []) {
      const line = lines.find((candidate) => candidate.line === source.line) as LineState;
      line.outstanding -= source.quantity;
      const lock: LockState = { source, line, converted: 0, expiring: false, released: false };
      if (line.locks === undefined) line.locks = [lock];
      else line.locks.push(lock);
      lockStates.push(lock);
    }
    for (const line of lines) {
      if (line.outstanding > 0 || line.locks !== undefined) franchisee.lines.push(line);
    }
    return { order, lines };
  });

  const byAge = (a: LockState, b: LockState) =>
    compareIds(a.source.lockedOn, b.source.lockedOn) || compareIds(a.source.id, b.source.id);
  lockStates.sort(byAge);
  for (const lock of lockStates) {
    if (lock.line.locks !== undefined && lock.line.locks.length > 1) lock.line.locks.sort(byAge);
  }
  for (const franchisee of franchisees.values()) franchisee.lines.sort(compareLines);

  return {
    request,
    productRank,
    stock,
    franchisees,
    orders: orderStates,
    locks: lockStates,
    trace: [],
    format,
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
 * Takes `amount` from a franchisee's purses in the policy's order (R-ALLOC-FUNDED)
 * and returns what was served. The caller guarantees amount ≤ spendable.
 */
export function spend(
  franchisee: FranchiseeState,
  quantity: number,
  amount: Decimal,
  order: SpendOrder,
): Served {
  const split: SpendSplit = splitExact(amount, franchisee.cash, franchisee.credit, order);
  if (!split.cash.isZero()) franchisee.cash = franchisee.cash.minus(split.cash);
  if (!split.credit.isZero()) franchisee.credit = franchisee.credit.minus(split.credit);
  if (!amount.isZero()) {
    franchisee.spendable = franchisee.spendable.minus(amount);
    franchisee.spendableText = undefined;
  }
  return { quantity, amount, cash: split.cash, credit: split.credit };
}

const NOTHING: Purchase = Object.freeze({ quantity: 0, amount: ZERO });

/**
 * What a franchisee's money buys of `want` units at `unitPrice`
 * (R-ALLOC-FUNDED): nothing once it is stopped (R-ALLOC-PARTIAL).
 */
export function offer(franchisee: FranchiseeState, want: number, unitPrice: Decimal): Purchase {
  return franchisee.stopped ? NOTHING : purchase(want, unitPrice, franchisee.spendable);
}

/**
 * Records a decision of a franchisee's line in the trace, marked `stopped`
 * when the franchisee was. R-ALLOC-PARTIAL: with `afterShortfall: "stop"`, a
 * line money left short stops the franchisee's later lines, in this pass and
 * the next.
 */
export function recordLineDecision(
  state: RunState,
  franchisee: FranchiseeState,
  decision: Draft<ConversionDecision> | Draft<FundedDecision>,
  outcome: { readonly stopped: boolean; readonly shortOfMoney: boolean },
  policy: AllocationPolicy,
): void {
  if (outcome.stopped) decision.stopped = true;
  state.trace.push(decision);
  if (outcome.shortOfMoney && policy.afterShortfall === "stop") franchisee.stopped = true;
}

/** The franchisee's spendable money as the plan writes it. */
export function spendableText(state: RunState, franchisee: FranchiseeState): string {
  franchisee.spendableText ??= state.format(franchisee.spendable);
  return franchisee.spendableText;
}

/** A mutable view of a readonly record, for decisions built field by field. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };
