import type { LedgerEventInput } from "../ledger/events.js";
import type { Effect } from "./transition.js";

/**
 * The ledger event an effect asks for, if any: a `post-shipment` becomes a
 * `shipment` (R-POST-1: cash, then credit, by the allocation's split), a
 * `post-refund` a `refund` (R-POST-2). The business date is the date part of
 * the effect's `at`, in the actor's own offset. Notices give `undefined`.
 *
 * @param effect - an effect returned by `transition`
 * @param reference - the source document, such as the delivery or return note
 * @returns the event to pass to `post`, or `undefined`
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
