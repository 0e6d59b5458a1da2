import type { Decimal } from "decimal.js";
import { Money, readAmount } from "../domain/money.js";
import { compareIds } from "../ranking/compare.js";
import { amendLines } from "./amend.js";
import type { EventOf, LineContext, OrderContext } from "./context.js";
import type { LineLock, SalesOrder, SalesOrderLine } from "./order.js";
import { shipmentSplit } from "./postings.js";

/** Applies `change` to the line the event names, or to every line for an order-wide event. */
function onLines(
  next: SalesOrder,
  { event }: OrderContext,
  change: (line: SalesOrderLine) => SalesOrderLine,
): SalesOrder {
  const lines = next.lines.map((line) =>
    "line" in event && line.line !== event.line ? line : change(line),
  );
  return { ...next, lines };
}

/**
 * The updates the lifecycle table names (machine.ts), by name: what an event
 * changes in the order besides its bucket moves, which are already applied to
 * `next`. The context is the order before the event.
 *
 * @example
 * ```ts
 * import { LIFECYCLE } from "fenhuo";
 * LIFECYCLE.events.allocate.updates; // ["addPayment", "convertLocks"]
 * ```
 */
export const UPDATES = {
  /** Cancelled units hold no stock: their locks go. */
  clearLocks: (next: SalesOrder, context: OrderContext): SalesOrder =>
    onLines(next, context, (line) => ({ ...line, locks: [] })),

  /** A cancelled order owes nothing for what allocation had paid. */
  clearPayment: (next: SalesOrder, context: OrderContext): SalesOrder =>
    onLines(next, context, (line) => ({ ...line, paid: { cash: "0", credit: "0" } })),

  /** R-LOCK-PLACE: the line holds its locks oldest first, then by id. */
  addLock(next: SalesOrder, context: LineContext<EventOf<"lock">>): SalesOrder {
    const { lock: id, quantity, lockedOn, expiresOn } = context.event;
    const lock: LineLock = { id, quantity, lockedOn, expiresOn };
    return onLines(next, context, (line) => ({
      ...line,
      locks: [...line.locks, lock].sort(byAge),
    }));
  },

  dropLock: (next: SalesOrder, context: LineContext<EventOf<"release">>): SalesOrder =>
    onLines(next, context, (line) => ({
      ...line,
      locks: line.locks.filter((lock) => lock.id !== context.event.lock),
    })),

  /** R-LOCK-EXPIRE: a released line may not be locked again before this date. */
  barRelock(next: SalesOrder, context: LineContext<EventOf<"release">>): SalesOrder {
    const until = context.event.lockBlockedUntil;
    if (until === undefined) return next;
    return onLines(next, context, (line) => ({ ...line, lockBlockedUntil: until }));
  },

  /** R-ALLOC-FUNDED: the line keeps how its allocated units are paid for, for shipping. */
  addPayment: (next: SalesOrder, context: LineContext<EventOf<"allocate">>): SalesOrder =>
    onLines(next, context, (line) => ({
      ...line,
      paid: {
        cash: plus(line.paid.cash, context.event.cash),
        credit: plus(line.paid.credit, context.event.credit),
      },
    })),

  /** R-LOCK-CONVERT converts a line's locks oldest first: consume them in that order. */
  convertLocks(next: SalesOrder, context: LineContext<EventOf<"allocate">>): SalesOrder {
    if (context.event.source !== "lock") return next;
    return onLines(next, context, (line) => ({
      ...line,
      locks: consumeOldest(line.locks, context.event.quantity),
    }));
  },

  /** R-POST-1: shipping spends what allocation paid, cash first. */
  spendPayment(next: SalesOrder, context: LineContext<EventOf<"ship">>): SalesOrder {
    const { cash, credit } = shipmentSplit(context.line, context.event.quantity);
    return onLines(next, context, (line) => ({
      ...line,
      paid: {
        cash: new Money(line.paid.cash).minus(cash).toString(),
        credit: new Money(line.paid.credit).minus(credit).toString(),
      },
    }));
  },

  amendLines,
};

function byAge(a: LineLock, b: LineLock): number {
  return compareIds(a.lockedOn, b.lockedOn) || compareIds(a.id, b.id);
}

/** What is left of a line's locks after converting `quantity` units, oldest first. */
function consumeOldest(locks: readonly LineLock[], quantity: number): LineLock[] {
  let left = quantity;
  const kept: LineLock[] = [];
  for (const lock of locks) {
    const taken = Math.min(left, lock.quantity);
    left -= taken;
    if (lock.quantity > taken)
      kept.push(taken === 0 ? lock : { ...lock, quantity: lock.quantity - taken });
  }
  return kept;
}

/** The schema admitted `amount` as an amount (R-UNIT-2). */
function plus(paid: string, amount: string | number): string {
  return new Money(paid).plus(readAmount(amount) as Decimal).toString();
}
