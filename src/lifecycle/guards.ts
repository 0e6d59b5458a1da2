import type { Decimal } from "decimal.js";
import { Money, readAmount } from "../domain/money.js";
import { amendmentFits } from "./amend.js";
import type { EventOf, LineContext, OrderContext, Refusal } from "./context.js";
import { verifyOrder } from "./verify.js";

/**
 * The guards the lifecycle table names (machine.ts), by name: each returns why
 * the event is refused now, or `undefined` to let it through (R-LIFE-4:
 * `GUARD_FAILED`, the order unchanged). `guards` see the order; `lineGuards`
 * also the line the event names, once the order is known to have it.
 *
 * @example
 * ```ts
 * import { LIFECYCLE } from "fenhuo";
 * LIFECYCLE.events.verify.guards; // ["passesVerification"]
 * ```
 */
export const GUARDS = {
  /** R-LIFE-2: verification (核对) lists every problem at once. */
  passesVerification({ order }: OrderContext): Refusal | undefined {
    const issues = verifyOrder(order);
    if (issues.length === 0) return undefined;
    return { message: `verification (核对) found ${issues.length} problem(s)`, issues };
  },

  /** R-LIFE-1: an order is cancelled only before anything ships. */
  nothingShipped({ order }: OrderContext): Refusal | undefined {
    let out = 0;
    for (const { buckets: b } of order.lines)
      out += b.shipped + b.delivered + b.accepted + b.rejectedOnInspection + b.returned;
    if (out === 0) return undefined;
    return { message: `${out} unit(s) already shipped: cancel only before anything ships` };
  },

  amendmentFits,

  /** R-LOCK-PLACE: a lock expires after it is placed. */
  lockExpiresAfterPlacing({ event }: OrderContext<EventOf<"lock">>): Refusal | undefined {
    if (event.expiresOn > event.lockedOn) return undefined;
    return {
      message: `a lock must expire after ${event.lockedOn}`,
      issues: [
        {
          path: ["expiresOn"],
          code: "inconsistent",
          message: `must be after lockedOn ${event.lockedOn}`,
        },
      ],
    };
  },

  /** A line holds a lock id once. */
  lockIsNew({ event, held }: LineContext<EventOf<"lock">>): Refusal | undefined {
    if (held === undefined) return undefined;
    return { message: `line ${event.line} already holds lock ${event.lock}` };
  },

  /** R-LOCK-EXPIRE: only a lock the line holds is released. */
  holdsLock({ event, held }: LineContext<EventOf<"release">>): Refusal | undefined {
    if (held !== undefined) return undefined;
    return { message: `line ${event.line} holds no lock ${event.lock}` };
  },

  /** R-ALLOC-FUNDED: the cash and credit of an allocation pay for exactly its units. */
  splitPaysUnits({ event, line }: LineContext<EventOf<"allocate">>): Refusal | undefined {
    // The schema admitted both as amounts (R-UNIT-2).
    const paid = (readAmount(event.cash) as Decimal).plus(readAmount(event.credit) as Decimal);
    const owed = new Money(line.unitPrice).times(event.quantity);
    if (paid.eq(owed)) return undefined;
    return {
      message: `cash + credit (${paid}) must equal quantity × unitPrice (${owed})`,
      issues: [{ path: ["cash"], code: "inconsistent", message: `cash + credit must be ${owed}` }],
    };
  },

  /** After a partial shipment, only units not yet allocated are left to cancel. */
  hasUnitsLeft({ event, line }: LineContext<EventOf<"cancelRemaining">>): Refusal | undefined {
    if (line.buckets.open + line.buckets.locked > 0) return undefined;
    return {
      message: `line ${event.line} has no open or locked unit left to cancel`,
      issues: [{ path: ["line"], code: "invalid_event", message: "nothing open or locked" }],
    };
  },
};
