import type { Decimal } from "decimal.js";
import { currencyMinorDigits, formatAmount, Money } from "../domain/money.js";
import type { EventOf, LineContext, OrderContext } from "./context.js";
import type { Effect, LineLock, SalesOrder } from "./order.js";
import { shipmentSplit } from "./postings.js";

type Notice = Extract<Effect, { kind: "notice" }>;

function notice(order: SalesOrder, kind: Notice["notice"], message: string): Notice {
  return { kind: "notice", notice: kind, franchisee: order.franchisee, order: order.id, message };
}

/** The notice that a lock's units went back to free stock (release, cancel). */
function lockReleased(order: SalesOrder, line: number, lock: LineLock): Notice {
  return notice(
    order,
    "lock-released",
    `lock ${lock.id} of ${order.id} line ${line} released ${lock.quantity} unit(s) to free stock`,
  );
}

/**
 * The effect builders the lifecycle table names (machine.ts), by name: each
 * builds its effects whole from the order before the event, the event and the
 * actor's time.
 *
 * @example
 * ```ts
 * import { LIFECYCLE } from "fenhuo";
 * LIFECYCLE.events.ship.effects; // ["postShipment"]
 * ```
 */
export const EFFECTS = {
  orderRejected: ({ order, event }: OrderContext<EventOf<"reject">>): Effect[] => [
    notice(order, "order-rejected", `order ${order.id} was sent back: ${event.reason}`),
  ],

  /** Stock held for the order goes back to free stock: say so, as a release does. */
  orderCancelled({ order, event }: OrderContext<EventOf<"cancel">>): Effect[] {
    const held = order.lines.reduce((sum, l) => sum + l.buckets.allocated + l.buckets.picked, 0);
    const freed = held === 0 ? "" : `; ${held} allocated or picked unit(s) go back to free stock`;
    return [
      notice(order, "order-cancelled", `order ${order.id} was cancelled: ${event.reason}${freed}`),
    ];
  },

  /** Every lock of the lines whose units are cancelled (the line named, or all). */
  locksReleased({ order, event }: OrderContext): Effect[] {
    return order.lines
      .filter((line) => !("line" in event) || line.line === event.line)
      .flatMap((line) => line.locks.map((lock) => lockReleased(order, line.line, lock)));
  },

  lockReleased: ({ order, event, held }: LineContext<EventOf<"release">>): Effect[] => [
    // holdsLock refused a release of a lock the line does not hold.
    lockReleased(order, event.line, held as LineLock),
  ],

  /** R-POST-1: the split chosen at allocation, cash first. */
  postShipment({ order, event, line, at }: LineContext<EventOf<"ship">>): Effect[] {
    const format = (amount: Decimal) => formatAmount(amount, currencyMinorDigits(order.currency));
    const { cash, credit } = shipmentSplit(line, event.quantity);
    return [
      {
        kind: "post-shipment",
        franchisee: order.franchisee,
        order: order.id,
        line: event.line,
        quantity: event.quantity,
        amount: format(cash.plus(credit)),
        cash: format(cash),
        credit: format(credit),
        at,
      },
    ];
  },

  /** R-POST-2: returned units are refunded at their line's price. */
  postRefund({ order, event, line, at }: LineContext<EventOf<"return">>): Effect[] {
    const amount = new Money(line.unitPrice).times(event.quantity);
    return [
      {
        kind: "post-refund",
        franchisee: order.franchisee,
        order: order.id,
        line: event.line,
        quantity: event.quantity,
        amount: formatAmount(amount, currencyMinorDigits(order.currency)),
        at,
      },
    ];
  },
};

/**
 * The audit notes the lifecycle table names (machine.ts), by name (R-LIFE-4,
 * 可追溯): what the entry of an accepted event says besides its line and units.
 *
 * @example
 * ```ts
 * import { LIFECYCLE } from "fenhuo";
 * LIFECYCLE.events.invoice.note; // "invoiceNumber"
 * ```
 */
export const NOTES = {
  reason: ({
    event,
  }: OrderContext<EventOf<"reject" | "cancel" | "cancelRemaining" | "rejectOnInspection">>) =>
    event.reason,
  amendNote: ({ event }: OrderContext<EventOf<"amend">>) => event.note,
  invoiceNumber: ({ event }: OrderContext<EventOf<"invoice">>) => `invoice ${event.invoice}`,
  releasedUnits: ({ event, held }: LineContext<EventOf<"release">>) =>
    `line ${event.line}: lock ${event.lock} released ${(held as LineLock).quantity} unit(s)`,
};
