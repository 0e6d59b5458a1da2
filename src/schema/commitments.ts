import type { z } from "zod";
import type { Commitment, Order, OrderLine } from "../domain/types.js";
import type { Path } from "./issues.js";
import { type LockContext, lineOf } from "./references.js";
import type { Row } from "./rows.js";
import type { commitmentWire } from "./wire.js";

/*
 * R-RUN-1: the `commitments` of an input against its orders. Each row names a
 * line (order, line, franchisee, SKU agreeing), is paid exactly (cash + credit
 * = quantity × the line's unitPrice), and a line's rows together commit no more
 * units than the line has allocated.
 */

/**
 * Checks the commitment rows across the input and returns them as trusted
 * {@link Commitment}s (only used when no issue was found).
 */
export function checkCommitments(
  rows: readonly Row<z.output<typeof commitmentWire>>[],
  orderById: ReadonlyMap<string, Order>,
  asOf: string | undefined,
  context: LockContext,
): Commitment[] {
  const { issues } = context;
  const perLine = new Map<OrderLine, { total: number; last: Path }>();
  const keys = new Map<string, number>();
  for (const { index, value } of rows) {
    const path: Path = ["commitments", index];
    const key = JSON.stringify([value.plan ?? null, value.order, value.line]);
    const earlier = keys.get(key);
    if (earlier !== undefined) {
      issues.push({
        path: [...path, "line"],
        code: "duplicate_key",
        message: `commitments[${earlier}] already holds this plan's money for order ${JSON.stringify(value.order)} line ${value.line}`,
      });
    } else keys.set(key, index);
    if (asOf !== undefined && value.committedOn !== undefined && value.committedOn > asOf) {
      issues.push({
        path: [...path, "committedOn"],
        code: "inconsistent",
        message: `committed on ${value.committedOn}, after the run's asOf ${asOf}`,
      });
    }
    const line = lineOf(value, path, orderById, context);
    if (line === undefined) continue;
    const due = line.unitPrice.times(value.quantity);
    if (!value.cash.plus(value.credit).eq(due)) {
      issues.push({
        path: [...path, "cash"],
        code: "inconsistent",
        message: `cash ${value.cash.toString()} + credit ${value.credit.toString()} is not ${value.quantity} × the line's unitPrice ${line.unitPrice.toString()} = ${due.toString()}`,
      });
    }
    const seen = perLine.get(line) ?? { total: 0, last: path };
    perLine.set(line, { total: seen.total + value.quantity, last: path });
  }
  for (const [line, { total, last }] of perLine) {
    if (total > line.allocated) {
      issues.push({
        path: [...last, "quantity"],
        code: "inconsistent",
        message: `commitments on this line hold ${total} units but the line has only ${line.allocated} allocated`,
      });
    }
  }
  return rows.map(({ value }) => {
    const { plan, committedOn, ...rest } = value;
    return {
      ...rest,
      ...(plan === undefined ? {} : { plan }),
      ...(committedOn === undefined ? {} : { committedOn }),
    } as Commitment;
  });
}
