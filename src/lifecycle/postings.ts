import type { Decimal } from "decimal.js";
import { Money } from "../domain/money.js";
import type { LedgerEventInput } from "../ledger/events.js";
import { guarded } from "../schema/guard.js";
import { effectShape, referenceShape } from "../schema/madeShapes.js";
import type { Effect, SalesOrderLine } from "./order.js";

/**
 * R-POST-1: how shipping `quantity` units of a line is paid for — by the split
 * chosen at allocation, cash first, then credit.
 *
 * @example
 * ```ts
 * import { receiveOrder, transition } from "fenhuo";
 * // A line of 5 × 99.00 allocated with 300 cash and 195 credit ships 4: 300 cash, 96 credit.
 * const actor = { by: "wh", at: "2026-03-02T08:00:00+08:00" };
 * let order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10", deliveryDate: "2026-03-10",
 *     contact: { name: "Li", phone: "138" }, total: "495.00",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "495.00" }] },
 *   actor,
 * );
 * for (const event of [{ type: "verify" }, { type: "approve" },
 *     { type: "allocate", line: 1, quantity: 5, source: "funded", cash: "300", credit: "195" },
 *     { type: "pick", line: 1, quantity: 5 }]) {
 *   const next = transition(order, event, actor);
 *   if (next.ok) order = next.order;
 * }
 * const shipped = transition(order, { type: "ship", line: 1, quantity: 4 }, actor);
 * shipped.effects?.map((effect) => effect.kind === "post-shipment" && [effect.cash, effect.credit]);
 * // [["300.00", "96.00"]]
 * ```
 */
export function shipmentSplit(
  line: SalesOrderLine,
  quantity: number,
): { readonly cash: Decimal; readonly credit: Decimal } {
  const amount = new Money(line.unitPrice).times(quantity);
  const cash = Money.min(amount, new Money(line.paid.cash));
  return { cash, credit: Money.min(amount.minus(cash), new Money(line.paid.credit)) };
}

/**
 * The ledger event an effect asks for, if any: a `post-shipment` becomes a
 * `shipment` (R-POST-1: cash, then credit, by the allocation's split), a
 * `post-refund` a `refund` (R-POST-2). The business date is the date part of
 * the effect's `at`, in the actor's own offset. Notices give `undefined`.
 *
 * @param effect - an effect returned by `transition`
 * @param reference - the source document, such as the delivery or return note
 * @returns the event to pass to `post`, or `undefined`
 * @throws {@link InputError} when `effect` is not an effect or `reference` is empty
 * @example
 * ```ts
 * import { ledgerEventOf } from "fenhuo";
 * const refund = ledgerEventOf(
 *   { kind: "post-refund", franchisee: "F01", order: "SO-1", line: 1, quantity: 1,
 *     amount: "99.00", at: "2026-03-20T16:00:00+08:00" },
 *   "RN-1",
 * );
 * refund?.kind; // "refund"
 * refund?.on; // "2026-03-20"
 * ```
 */
export function ledgerEventOf(effect: Effect, reference: string): LedgerEventInput | undefined {
  return guarded(
    [
      { name: "effect", value: effect, shape: effectShape },
      { name: "reference", value: reference, shape: referenceShape },
    ],
    () => eventOf(effect, reference),
  );
}

/** {@link ledgerEventOf} of arguments that have their shapes. */
function eventOf(effect: Effect, reference: string): LedgerEventInput | undefined {
  switch (effect.kind) {
    case "post-shipment":
      return {
        kind: "shipment",
        franchisee: effect.franchisee,
        on: effect.at.slice(0, 10),
        reference,
        order: effect.order,
        line: effect.line,
        quantity: effect.quantity,
        amount: effect.amount,
        cash: effect.cash,
        credit: effect.credit,
      };
    case "post-refund":
      return {
        kind: "refund",
        franchisee: effect.franchisee,
        on: effect.at.slice(0, 10),
        reference,
        amount: effect.amount,
        order: effect.order,
        line: effect.line,
        quantity: effect.quantity,
      };
    case "notice":
      return undefined;
  }
}
