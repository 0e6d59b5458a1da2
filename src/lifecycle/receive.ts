import { deepFreeze } from "../domain/freeze.js";
import { BUCKETS, type Bucket } from "../domain/vocabulary.js";
import { InputError } from "../schema/issues.js";
import { parseReceivedOrder } from "../schema/lifecycleWire.js";
import { LIFECYCLE } from "./machine.js";
import type { SalesOrder, SalesOrderLine } from "./order.js";
import type { Actor } from "./transition.js";

/** A new line's buckets: every unit open (R-LIFE-3). */
const EMPTY = Object.fromEntries(BUCKETS.map((bucket) => [bucket, 0])) as Record<Bucket, number>;

/**
 * Registers an order (登记): validates it at the edge and returns it in state
 * `received`, every unit open, with its first audit entry. Amounts and dates
 * that do not add up are accepted here and caught by `verify` (R-LIFE-2).
 *
 * @throws {@link InputError} listing every structural problem with its path
 * @example
 * ```ts
 * import { receiveOrder } from "fenhuo";
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00" }] },
 *   { by: "sales:li", at: "2026-02-10T09:00:00+08:00" },
 * );
 * order.state; // "received"
 * order.lines[0]?.buckets.open; // 5
 * ```
 */
export function receiveOrder(input: unknown, actor: Actor): SalesOrder {
  const parsed = parseReceivedOrder(input, actor);
  if (!parsed.ok) throw new InputError(parsed.issues);
  const { value: raw, actor: by } = parsed.value;
  const lines: SalesOrderLine[] = raw.lines.map((line) => ({
    line: line.line,
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    ...(line.amount === undefined ? {} : { amount: line.amount }),
    buckets: { ...EMPTY, open: line.quantity },
    paid: { cash: "0", credit: "0" },
    locks: [],
  }));
  const { contact } = raw;
  const order: SalesOrder = {
    id: raw.id,
    franchisee: raw.franchisee,
    orderedOn: raw.orderedOn,
    currency: raw.currency,
    ...(raw.deliveryDate === undefined ? {} : { deliveryDate: raw.deliveryDate }),
    ...(contact === undefined
      ? {}
      : {
          contact: {
            ...(contact.name === undefined ? {} : { name: contact.name }),
            ...(contact.phone === undefined ? {} : { phone: contact.phone }),
          },
        }),
    ...(raw.total === undefined ? {} : { total: raw.total }),
    state: LIFECYCLE.initial,
    lines: [...lines].sort((a, b) => a.line - b.line),
    audit: [
      {
        seq: 1,
        at: by.at,
        by: by.by,
        event: "receive",
        from: LIFECYCLE.initial,
        to: LIFECYCLE.initial,
      },
    ],
  };
  return deepFreeze(order);
}
