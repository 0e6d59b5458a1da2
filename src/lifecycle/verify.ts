import { Money, readAmount, ZERO } from "../domain/money.js";
import { argumentIssues } from "../schema/guard.js";
import type { Issue } from "../schema/issues.js";
import { salesOrderShape } from "../schema/madeShapes.js";
import type { SalesOrder } from "./order.js";

/**
 * R-LIFE-2, verification (核对): the checks an order must pass before review —
 * required fields present (delivery date, contact name and phone, the total and
 * every line amount), every line amount = quantity × unitPrice, the total =
 * Σ line amounts, the delivery date not before the order date. Returns every
 * failure at once, each with its path in the order; none means it passes.
 *
 * @returns every failure at once, with its path; for what is not a sales order of fenhuo,
 *   its problems under `(order)` instead
 * @example
 * ```ts
 * import { receiveOrder, verifyOrder } from "fenhuo";
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10", deliveryDate: "2026-02-01",
 *     contact: { name: "Li", phone: "138" }, total: "500",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "495.00" }] },
 *   { by: "sales:li", at: "2026-02-10T09:00:00+08:00" },
 * );
 * verifyOrder(order).map((issue) => issue.path.join("."));
 * // ["deliveryDate", "total"]
 * ```
 */
export function verifyOrder(order: SalesOrder): Issue[] {
  // What is not a sales order is answered with its problems, under "(order)".
  const unfit = argumentIssues([{ name: "order", value: order, shape: salesOrderShape }]);
  return unfit.length > 0 ? unfit : verified(order);
}

/** {@link verifyOrder} of a sound order. */
function verified(order: SalesOrder): Issue[] {
  const issues: Issue[] = [];
  const missing = (path: (string | number)[], what: string) =>
    issues.push({ path, code: "required", message: `${what} is required` });

  if (order.deliveryDate === undefined) missing(["deliveryDate"], "the delivery date");
  else if (order.deliveryDate < order.orderedOn) {
    issues.push({
      path: ["deliveryDate"],
      code: "inconsistent",
      message: `delivery date ${order.deliveryDate} is before the order date ${order.orderedOn}`,
    });
  }
  if (order.contact?.name === undefined || order.contact.name === "")
    missing(["contact", "name"], "the contact name");
  if (order.contact?.phone === undefined || order.contact.phone === "")
    missing(["contact", "phone"], "the contact phone");

  let sum = ZERO;
  order.lines.forEach((line, index) => {
    const expected = new Money(line.unitPrice).times(line.quantity);
    sum = sum.plus(expected);
    if (line.amount === undefined) {
      missing(["lines", index, "amount"], "the line amount");
      return;
    }
    const amount = readAmount(line.amount);
    if (amount === undefined || !amount.eq(expected)) {
      issues.push({
        path: ["lines", index, "amount"],
        code: "inconsistent",
        message: `amount ${line.amount} is not quantity × unitPrice = ${line.quantity} × ${line.unitPrice} = ${expected}`,
      });
    }
  });
  if (order.total === undefined) missing(["total"], "the order total");
  else {
    const total = readAmount(order.total);
    if (total === undefined || !total.eq(sum)) {
      issues.push({
        path: ["total"],
        code: "inconsistent",
        message: `total ${order.total} is not the sum of the line amounts, ${sum}`,
      });
    }
  }
  return issues;
}
