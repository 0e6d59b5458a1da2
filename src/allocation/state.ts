import type { Decimal } from "decimal.js";
import type { IsoDate } from "../domain/dates.js";
import {
  currencyMinorDigits,
  formatAmount,
  Money,
  type SpendOrder,
  type SpendSplit,
  splitExact,
  ZERO,
} from "../domain/money.js";
import type { AllocationRequest, Franchisee, Lock, Order } from "../domain/types.js";
import { compareIds } from "../ranking/compare.js";
import { compareLines, type LineKey } from "../ranking/lines.js";
import { productPriority } from "../ranking/products.js";
import type { Decision, UnfilledReason } from "./plan.js";

/*
 * The mutable working state of one run. It lives only inside `allocate`: the
 * request it is built from is never touched, and the plan is built from it at
 * the end.
 */

/** A franchisee during the run: its purses shrink as the passes spend. */
export interface FranchiseeState {
  readonly source: Franchisee;
  readonly id: string;
  readonly priority: number;
  /** Cash left to spend. */
  cash: Decimal;
  /** Available credit left to spend. */
  credit: Decimal;
  readonly spendableBefore: Decimal;
  readonly availableCreditBefore: Decimal;
  cashCommitted: Decimal;
  creditCommitted: Decimal;
  /** Every line with something to decide, in R-RANK-LINE order. */
  readonly lines: LineState[];
}

/** An order line during the run. */
export interface LineState extends LineKey {
  readonly franchisee: FranchiseeState;
  readonly sku: string;
  readonly unitPrice: Decimal;
  /** Units neither allocated before nor under a lock still active: what this run may serve. */
  outstanding: number;
  readonly lockBlockedUntil: IsoDate | undefined;
  /** Set when a lock of this line expired in this run: no lock before this date. */
  relockFrom: IsoDate | undefined;
  /** Carried locks still active, oldest first. */
  readonly locks: LockState[];
  converted: number;
  convertedCash: Decimal;
  convertedCredit: Decimal;
  funded: number;
  fundedCash: Decimal;
  fundedCredit: Decimal;
  newLock: { readonly id: string; readonly quantity: number } | undefined;
  /** Why the last pass that looked at this line left part of it unserved. */
  reason: UnfilledReason | undefined;
}

/** A lock carried in from an earlier run. */
export interface LockState {
  readonly source: Lock;
  readonly line: LineState;
  converted: number;
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
  readonly locks: readonly LockState[];
  readonly trace: Decision[];
  /** Writes an amount for the plan, with the currency's minor digits at least. */
  readonly format: (amount: Decimal) => string;
}

export function createRunState(request: AllocationRequest): RunState {
  const productRank = productPriority(request.products);
  const stock = new Map<string, number>();
  for (const row of request.supply) stock.set(row.sku, row.quantity);

  const franchisees = new Map<string, FranchiseeState>();
  for (const source of request.franchisees) {
    const available = Money.max(ZERO, source.creditLimit.minus(source.creditUsed));
    franchisees.set(source.id, {
      source,
      id: source.id,
      priority: source.priority,
      cash: source.cash,
      credit: available,
      spendableBefore: source.cash.plus(available),
      availableCreditBefore: available,
      cashCommitted: ZERO,
      creditCommitted: ZERO,
      lines: [],
    });
  }

  const lineOf = new Map<string, LineState>();
  const orders = [...request.orders].sort((a, b) => compareIds(a.id, b.id));
  const orderStates = orders.map((order) => {
    const franchisee = franchisees.get(order.franchisee) as FranchiseeState;
    const lines = [...order.lines]
      .sort((a, b) => a.line - b.line)
      .map((line): LineState => {
        const state: LineState = {
          franchisee,
          order: order.id,
          orderedOn: order.orderedOn,
          line: line.line,
          productRank: productRank.get(line.sku) as number,
          sku: line.sku,
          unitPrice: line.unitPrice,
          outstanding: line.quantity - line.allocated,
          lockBlockedUntil: line.lockBlockedUntil,
          relockFrom: undefined,
          locks: [],
          converted: 0,
          convertedCash: ZERO,
          convertedCredit: ZERO,
          funded: 0,
          fundedCash: ZERO,
          fundedCredit: ZERO,
          newLock: undefined,
          reason: undefined,
        };
        lineOf.set(lineKey(order.id, line.line), state);
        return state;
      });
    return { order, lines };
  });

  const locks = [...request.locks]
    .sort((a, b) => compareIds(a.lockedOn, b.lockedOn) || compareIds(a.id, b.id))
    .map((source): LockState => {
      const line = lineOf.get(lineKey(source.order, source.line)) as LineState;
      line.outstanding -= source.quantity;
      const lock: LockState = { source, line, converted: 0, released: false };
      line.locks.push(lock);
      return lock;
    });

  for (const { lines } of orderStates) {
    for (const line of lines) {
      if (line.outstanding > 0 || line.locks.length > 0) line.franchisee.lines.push(line);
    }
  }
  for (const franchisee of franchisees.values()) franchisee.lines.sort(compareLines);

  const minorDigits = currencyMinorDigits(request.currency);
  const format = (amount: Decimal) => formatAmount(amount, minorDigits);
  return {
    request,
    productRank,
    stock,
    franchisees,
    orders: orderStates,
    locks,
    trace: [],
    format,
  };
}

function lineKey(order: string, line: number): string {
  return `${line}\u0000${order}`;
}

/** Takes `amount` from a franchisee's purses in the policy's order and books it as committed. */
export function spend(franchisee: FranchiseeState, amount: Decimal, order: SpendOrder): SpendSplit {
  const split = splitExact(amount, franchisee.cash, franchisee.credit, order);
  if (!split.cash.isZero()) {
    franchisee.cash = franchisee.cash.minus(split.cash);
    franchisee.cashCommitted = franchisee.cashCommitted.plus(split.cash);
  }
  if (!split.credit.isZero()) {
    franchisee.credit = franchisee.credit.minus(split.credit);
    franchisee.creditCommitted = franchisee.creditCommitted.plus(split.credit);
  }
  return split;
}

/** Cash plus available credit left. */
export function spendable(franchisee: FranchiseeState): Decimal {
  return franchisee.cash.plus(franchisee.credit);
}
