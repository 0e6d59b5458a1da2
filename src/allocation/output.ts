import type { IsoDate } from "../domain/dates.js";
import type { AllocationSource } from "../domain/vocabulary.js";
import { compareIds } from "../ranking/compare.js";
import { heldUnits } from "./holdback.js";
import {
  barredUntil,
  creditPaid,
  type LineTable,
  type Served,
  unfilledReason,
} from "./lineTable.js";
import { lockIdOf, orderId, sortIds } from "./lockIds.js";
import { lockExpiresOn } from "./locks.js";
import { directLists } from "./outputDirect.js";
import type {
  AllocationPlan,
  Balance,
  FranchiseeAllocation,
  PaymentRequest,
  PlannedLock,
  ReleasedLock,
  Remaining,
  Unfilled,
  Warning,
} from "./plan.js";
import { digestOf } from "./planId.js";
import type { Amount } from "./runMoney.js";
import type { Draft, RunState } from "./state.js";
import { CompactTrace, type TraceContext } from "./traceRead.js";

/**
 * Where a plan made by this engine keeps its compact trace (not enumerable:
 * JSON, spreading and deep equality never see it), for `explain` to read the
 * decisions about one demand without making all of them.
 */
const COMPACT_TRACE = Symbol("fenhuo.compactTrace");

/**
 * The compact trace of a plan this engine made whose `trace` nobody has read
 * or replaced yet, if any: from then on the plan's own `trace` is the truth.
 * None for anything else — `null`, a Proxy that throws — since callers ask
 * before the argument is checked.
 */
export function compactTraceOf(plan: AllocationPlan): CompactTrace | undefined {
  try {
    // Null, undefined and a Proxy that throws land in the catch, and so does a plan whose
    // trace was deleted: the same answer as the test would give.
    // Stryker disable next-line OptionalChaining: the throw it would add lands in the catch
    const unread = Object.getOwnPropertyDescriptor(plan, "trace")?.get !== undefined;
    // Only this engine's plans hold the symbol (not enumerable: copies drop it).
    const trace = (plan as { [COMPACT_TRACE]?: CompactTrace })[COMPACT_TRACE];
    // A frozen plan keeps its getter: once it gave the trace, that array is the truth too.
    return unread && trace?.given === false ? trace : undefined;
    // Stryker disable next-line BlockStatement: an empty catch gives undefined too
  } catch {
    return undefined;
  }
}

/**
 * Defines `plan[key]` as made when first read: the first read makes the
 * value and leaves it as a plain data property, and writing or deleting it
 * before then works as on any object — the plan stays a plain object to its
 * users, in the same key order. A plan frozen before the first read (its
 * properties can no longer be redefined) keeps the getter, which then gives
 * the value it made the first time.
 */
function madeWhenRead<K extends "planId" | "trace">(
  plan: Draft<AllocationPlan>,
  key: K,
  make: () => AllocationPlan[K],
): void {
  const settle = (value: AllocationPlan[K]) =>
    Object.defineProperty(plan, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  let made: { readonly value: AllocationPlan[K] } | undefined;
  Object.defineProperty(plan, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      made ??= { value: make() };
      // Settled unless frozen (or sealed); a getter kept and called after a delete puts it back.
      const own = Object.getOwnPropertyDescriptor(plan, key);
      if (own === undefined || own.configurable === true) settle(made.value);
      return made.value;
    },
    set: settle,
  });
}

/** What a plan has besides its lists: the preview's note (R-PREVIEW), when it is one. */
type PlanExtras = Pick<AllocationPlan, "preview">;

/**
 * Builds the plan from the finished run, every list in its canonical order
 * (see {@link AllocationPlan}). Two fields are made when first read, then
 * kept: `trace`, from the run's compact record, and `planId`, the digest of
 * the input (R-RUN-3) — JSON, spreading, structuredClone and deep equality
 * all see the documented values; the run's parsed request must not change
 * meanwhile (it is the engine's own unless the caller parsed it).
 */
export function buildPlan(state: RunState, extras?: PlanExtras): AllocationPlan {
  const { request, lines, money } = state;
  const text = (amount: Amount) => money.text(amount);
  const { asOf, policy } = request;
  const newLockExpiry = lockExpiresOn(asOf, policy.lockDays);
  const lockId = lockIdOf(state);
  const direct = directLists(state);
  const { franchiseeAllocations, locks, releasedLocks, unfilled, requests } = lineLists(
    state,
    lockId,
    newLockExpiry,
    direct.unfilled,
  );

  const remaining: Remaining[] = [];
  for (let sku = 0; sku < state.skus.length; sku++) {
    // R-HOLD: held units nobody used stay in `remaining`, their part named.
    const held = heldUnits(state, sku);
    const quantity = (state.stock[sku] as number) + held;
    if (quantity > 0)
      remaining.push({ sku: state.skus[sku] as string, quantity, ...(held > 0 ? { held } : {}) });
  }

  const balances: Balance[] = state.franchisees.map((franchisee) => {
    const earlier = franchisee.committed?.cash.plus(franchisee.committed.credit);
    return {
      franchisee: franchisee.id,
      spendableBefore: text(franchisee.spendableBefore),
      ...(earlier === undefined || earlier.isZero()
        ? {}
        : { committedBefore: state.format(earlier) }),
      cashCommitted: text(money.minus(franchisee.cashBefore, franchisee.cash)),
      creditCommitted: text(money.minus(franchisee.creditBefore, franchisee.credit)),
      cashAfter: text(franchisee.cash),
      creditAvailableAfter: text(franchisee.credit),
    };
  });

  const paymentRequests: PaymentRequest[] = [];
  for (const [index, request] of requests) {
    paymentRequests.push({
      franchisee: (state.franchisees[index] as RunState["franchisees"][number]).id,
      amount: text(request.amount),
      payBefore: newLockExpiry,
      locks: sortIds(request.locks),
    });
  }

  const warnings: Warning[] = [...commitmentWarnings(state), ...direct.warnings];
  const context: TraceContext = {
    lines,
    franchisees: state.franchisees,
    priceText: state.priceText,
    text,
    newLock: (i) => ({ id: lockId(i), expiresOn: newLockExpiry }),
  };
  const plan = {
    planId: "",
    asOf,
    currency: request.currency,
    franchiseeAllocations,
    locks,
    releasedLocks,
    storeAllocations: direct.storeAllocations,
    regionAllocations: direct.regionAllocations,
    unfilled,
    remaining,
    balances,
    paymentRequests,
    warnings,
  } as Omit<Draft<AllocationPlan>, "trace"> as Draft<AllocationPlan>;
  const trace = new CompactTrace(state.trace, context);
  // R-RUN-3's digest reads the whole input: it too is made when first read.
  madeWhenRead(plan, "planId", () => digestOf(request));
  madeWhenRead(plan, "trace", () => trace.all());
  Object.defineProperty(plan, COMPACT_TRACE, { value: trace });
  if (extras?.preview !== undefined) plan.preview = extras.preview;
  return plan;
}

/** How many rows each per-line list gets, so that every list is made at its size. */
function rowCounts(lines: LineTable) {
  let allocations = 0;
  let locks = 0;
  let released = 0;
  let unfilled = 0;
  for (let i = 0; i < lines.count; i++) {
    if ((lines.converted.quantity[i] as number) > 0) allocations++;
    if ((lines.funded.quantity[i] as number) > 0) allocations++;
    if ((lines.locked[i] as number) > 0) locks++;
    if ((lines.open[i] as number) > 0) unfilled++;
  }
  for (const carried of lines.carried.values())
    for (const lock of carried) {
      if (lock.released) released++;
      else if (lock.source.quantity > lock.converted) locks++;
    }
  return { allocations, locks, released, unfilled };
}

/**
 * The per-line lists, in canonical order without sorting: lines are in
 * (order id, line) order. `unfilled` ends with the direct pass's rows.
 */
function lineLists(
  state: RunState,
  lockId: (i: number) => string,
  newLockExpiry: IsoDate,
  directUnfilled: readonly Unfilled[],
) {
  const { lines, money, franchisees, request } = state;
  const { asOf } = request;
  const counts = rowCounts(lines);
  const franchiseeAllocations = new Array<FranchiseeAllocation>(counts.allocations);
  const locks = new Array<PlannedLock>(counts.locks);
  const releasedLocks = new Array<ReleasedLock>(counts.released);
  const unfilled = new Array<Unfilled>(counts.unfilled + directUnfilled.length);
  let allocationsAt = 0;
  let locksAt = 0;
  let releasedAt = 0;
  let unfilledAt = 0;
  // Payment requests by franchisee number, so they come out sorted by id.
  const requests = new Map<number, { amount: Amount; locks: string[] }>();

  for (let i = 0; i < lines.count; i++) {
    const converted = lines.converted.quantity[i] as number;
    const funded = lines.funded.quantity[i] as number;
    const carried = lines.carried.get(i);
    const lockedNow = lines.locked[i] as number;
    const open = lines.open[i] as number;
    const decided = converted > 0 || funded > 0 || carried !== undefined || lockedNow > 0;
    if (!decided && open <= 0) continue;
    const source = lines.source[i] as LineTable["source"][number];
    const order = orderId(lines, i);
    const franchiseeIndex = lines.franchisee[i] as number;
    const franchisee = (franchisees[franchiseeIndex] as RunState["franchisees"][number]).id;
    const line = source.line;
    const row = { order, line, franchisee, sku: source.sku, unitPrice: state.priceText(i) };
    if (converted > 0)
      franchiseeAllocations[allocationsAt++] = allocationRow(
        row,
        lines.converted,
        "lock",
        state,
        i,
      );
    if (funded > 0)
      franchiseeAllocations[allocationsAt++] = allocationRow(row, lines.funded, "funded", state, i);

    if (carried !== undefined || lockedNow > 0) {
      // A line's locks in id order: only carried ones can come out of it.
      const lineLocks: PlannedLock[] = [];
      for (const lock of carried ?? []) {
        const { source: carriedLock } = lock;
        if (lock.released) {
          const released: Draft<ReleasedLock> = {
            id: carriedLock.id,
            order,
            line,
            franchisee,
            sku: carriedLock.sku,
            quantity: carriedLock.quantity - lock.converted,
            expiresOn: carriedLock.expiresOn,
            lockBlockedUntil: barredUntil(lines, i, asOf) as string,
          };
          // R-LOCK-GRACE: an expiring lock is released, never carried, after conversion.
          if (lock.expiring) released.convertedInGrace = lock.converted;
          releasedLocks[releasedAt++] = released;
        } else if (carriedLock.quantity > lock.converted) {
          lineLocks.push({
            ...carriedLock,
            quantity: carriedLock.quantity - lock.converted,
            isNew: false,
          });
        }
      }
      if (lockedNow > 0) {
        const id = lockId(i);
        const lock: PlannedLock = {
          id,
          order,
          line,
          franchisee,
          sku: source.sku,
          quantity: lockedNow,
          lockedOn: asOf,
          expiresOn: newLockExpiry,
          isNew: true,
        };
        if (lineLocks.length === 0) locks[locksAt++] = lock;
        else lineLocks.push(lock);
        const cost = money.times(state.prices[lines.price[i] as number] as Amount, lockedNow);
        const request = requests.get(franchiseeIndex);
        if (request === undefined) requests.set(franchiseeIndex, { amount: cost, locks: [id] });
        else {
          request.amount = money.plus(request.amount, cost);
          request.locks.push(id);
        }
      }
      if (lineLocks.length > 1) lineLocks.sort((a, b) => compareIds(a.id, b.id));
      for (const lock of lineLocks) locks[locksAt++] = lock;
    }

    if (open > 0) {
      unfilled[unfilledAt++] = {
        kind: "order-line",
        order,
        line,
        franchisee,
        sku: source.sku,
        quantity: open,
        reason: unfilledReason(lines.facts[i] as number),
      };
    }
  }
  for (const row of directUnfilled) unfilled[unfilledAt++] = row;
  releasedLocks.sort(
    (a, b) => compareIds(a.order, b.order) || a.line - b.line || compareIds(a.id, b.id),
  );
  const sortedRequests = [...requests].sort(([a], [b]) => a - b);
  return { franchiseeAllocations, locks, releasedLocks, unfilled, requests: sortedRequests };
}

/** A row of `franchiseeAllocations`: what one source served a line, and how it was paid. */
function allocationRow(
  at: Pick<FranchiseeAllocation, "order" | "line" | "franchisee" | "sku" | "unitPrice">,
  served: Served,
  source: AllocationSource,
  state: RunState,
  i: number,
): FranchiseeAllocation {
  const { money } = state;
  const quantity = served.quantity[i] as number;
  const cash = served.cash[i] as Amount;
  const credit = creditPaid(
    served,
    i,
    state.prices[state.lines.price[i] as number] as Amount,
    money,
  );
  const amount = state.amountText(i, quantity);
  return {
    order: at.order,
    line: at.line,
    franchisee: at.franchisee,
    sku: at.sku,
    quantity,
    unitPrice: at.unitPrice,
    amount,
    // Most rows are paid from one purse: the other is zero and this one the amount.
    cash: money.isZero(credit) ? amount : money.text(cash),
    credit: money.isZero(cash) ? amount : money.text(credit),
    source,
  };
}

/**
 * R-RUN-1: a franchisee whose cash or available credit in finance's figures is
 * below what earlier runs committed from it; the plan says so, by franchisee
 * (the shortfall was taken from the other purse, see `netOfCommitted`).
 */
function commitmentWarnings(state: RunState): Warning[] {
  const warnings: Warning[] = [];
  const format = state.format;
  for (const { id, committed } of state.franchisees) {
    if (committed === undefined) continue;
    const { cash, credit, financeCash, financeCredit } = committed;
    if (cash.lte(financeCash) && credit.lte(financeCredit)) continue;
    warnings.push({
      code: "COMMITMENTS_EXCEED_FUNDS",
      message: `franchisee ${JSON.stringify(id)}: earlier runs committed ${format(cash)} cash and ${format(credit)} credit not yet posted, but finance shows ${format(financeCash)} cash and ${format(financeCredit)} available credit; what one purse falls short is taken from the other, and spendable never goes below zero`,
      franchisee: id,
      cash: format(financeCash),
      credit: format(financeCredit),
      committedCash: format(cash),
      committedCredit: format(credit),
    });
  }
  return warnings;
}
