import { Money, ZERO } from "../domain/money.js";
import type { Issue } from "../schema/issues.js";
import type { EventOf, OrderContext, Refusal } from "./context.js";
import type { SalesOrder } from "./order.js";

/*
 * Amendment (变更, R-LIFE-1): the guard and the update the lifecycle table
 * names for `amend`. An amended order re-enters `received` and is verified again.
 */

type Amend = OrderContext<EventOf<"amend">>;

/**
 * The guard of `amend`: every change names a line of the order, and no line
 * shrinks below its units already past open. Lists every misfit at once.
 *
 * @example
 * ```ts
 * import { receiveOrder, transition } from "fenhuo";
 * const actor = { by: "sales:li", at: "2026-02-10T09:00:00+08:00" };
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00" }] },
 *   actor,
 * );
 * transition(order, { type: "amend", lines: [{ line: 2, quantity: 1 }] }, actor).error?.message;
 * // "the amendment does not fit the order"
 * ```
 */
export function amendmentFits({ order, event }: Amend): Refusal | undefined {
  const issues: Issue[] = [];
  for (const line of order.lines) {
    const index = event.lines.findIndex((change) => change.line === line.line);
    const committed = line.quantity - line.buckets.open;
    if ((event.lines[index]?.quantity ?? line.quantity) < committed) {
      issues.push({
        path: ["lines", index, "quantity"],
        code: "too_small",
        message: `line ${line.line} already has ${committed} unit(s) past open`,
      });
    }
  }
  event.lines.forEach((change, index) => {
    if (!order.lines.some((line) => line.line === change.line)) {
      issues.push({
        path: ["lines", index, "line"],
        code: "unknown_reference",
        message: `order ${order.id} has no line ${change.line}`,
      });
    }
  });
  return issues.length > 0
    ? { message: "the amendment does not fit the order", issues }
    : undefined;
}

/**
 * The update of `amend`: each changed line takes its new quantity (the
 * difference goes to or from `open`) and price; every line amount and the total
 * are derived again, the registered ones being stale.
 *
 * @example
 * ```ts
 * import { receiveOrder, transition } from "fenhuo";
 * const actor = { by: "sales:li", at: "2026-02-10T09:00:00+08:00" };
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00" }] },
 *   actor,
 * );
 * const amended = transition(order, { type: "amend", lines: [{ line: 1, quantity: 2 }] }, actor);
 * amended.order?.total; // "198"
 * ```
 */
export function amendLines(next: SalesOrder, { event }: Amend): SalesOrder {
  const lines = next.lines.map((line) => {
    const change = event.lines.find((c) => c.line === line.line);
    const quantity = change?.quantity ?? line.quantity;
    const unitPrice = change?.unitPrice ?? line.unitPrice;
    const amount = new Money(unitPrice).times(quantity);
    return {
      ...line,
      quantity,
      unitPrice,
      amount: amount.toString(),
      buckets: { ...line.buckets, open: line.buckets.open + quantity - line.quantity },
    };
  });
  const total = lines.reduce((sum, line) => sum.plus(new Money(line.amount)), ZERO);
  return { ...next, lines, total: total.toString() };
}
