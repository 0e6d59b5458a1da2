import { z } from "zod";
import {
  amountText as amount,
  currency,
  id,
  isoDate,
  lineNumber,
  quantity,
  units,
} from "./primitives.js";

/** Line numbers are unique within an order and within an amendment. */
function uniqueLineNumbers(
  lines: readonly { readonly line: number }[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<number>();
  lines.forEach(({ line }, index) => {
    if (seen.has(line))
      ctx.addIssue({
        code: "custom",
        path: [index, "line"],
        message: `duplicate line number ${line}`,
      });
    seen.add(line);
  });
}

/*
 * The JSON contract of the lifecycle: an order as registered (登记) and the
 * events that move it. Every amount must be a plain decimal (R-UNIT-2) and line
 * numbers unique, so that every such problem is listed at once; whether the
 * amounts, totals and dates agree is checked by verification (R-LIFE-2), not
 * here: a received order may be wrong.
 */

export const receivedOrderWire = z.object({
  id,
  franchisee: id,
  orderedOn: isoDate,
  currency,
  deliveryDate: isoDate.optional(),
  contact: z.object({ name: z.string().optional(), phone: z.string().optional() }).optional(),
  total: amount.optional(),
  lines: z
    .array(
      z.object({
        line: lineNumber,
        sku: id,
        quantity,
        unitPrice: amount,
        amount: amount.optional(),
      }),
    )
    .min(1, "an order has at least one line")
    .superRefine(uniqueLineNumbers),
});

/**
 * An order as an ERP registers it (登记), before verification.
 *
 * @interface
 */
export type ReceivedOrderInput = z.input<typeof receivedOrderWire>;

const line = { line: lineNumber, quantity: units };

export const lifecycleEventWire = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("verify") }),
  z.strictObject({ type: z.literal("approve") }),
  z.strictObject({ type: z.literal("reject"), reason: z.string().min(1) }),
  z.strictObject({
    type: z.literal("amend"),
    lines: z
      .array(
        z.strictObject({
          line: lineNumber,
          quantity: quantity.optional(),
          unitPrice: amount.optional(),
        }),
      )
      .min(1)
      .superRefine(uniqueLineNumbers),
    note: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("cancel"), reason: z.string().min(1) }),
  z.strictObject({
    type: z.literal("cancelRemaining"),
    line: lineNumber,
    reason: z.string().min(1),
  }),
  z.strictObject({
    type: z.literal("lock"),
    ...line,
    lock: id,
    lockedOn: isoDate,
    expiresOn: isoDate,
  }),
  z.strictObject({
    type: z.literal("release"),
    line: lineNumber,
    lock: id,
    lockBlockedUntil: isoDate.optional(),
  }),
  z.strictObject({
    type: z.literal("allocate"),
    ...line,
    source: z.enum(["lock", "funded"]),
    cash: amount,
    credit: amount,
  }),
  z.strictObject({ type: z.literal("pick"), ...line }),
  z.strictObject({ type: z.literal("ship"), ...line }),
  z.strictObject({ type: z.literal("deliver"), ...line }),
  z.strictObject({ type: z.literal("accept"), ...line }),
  z.strictObject({ type: z.literal("rejectOnInspection"), ...line, reason: z.string().optional() }),
  z.strictObject({
    type: z.literal("return"),
    ...line,
    from: z.enum(["accepted", "rejectedOnInspection"]).default("accepted"),
  }),
  z.strictObject({ type: z.literal("invoice"), invoice: id }),
  z.strictObject({ type: z.literal("settle") }),
  z.strictObject({ type: z.literal("close") }),
]);

/**
 * An event that moves a sales order, as a caller writes it.
 *
 * @useDeclaredType
 */
export type LifecycleEventInput = z.input<typeof lifecycleEventWire>;
/**
 * An event that moves a sales order, once parsed.
 *
 * @useDeclaredType
 */
export type LifecycleEvent = z.output<typeof lifecycleEventWire>;

/** Who causes an event and when: the lifecycle has no clock (R-LIFE-4 audit). */
export const actorWire = z.strictObject({
  by: z.string().min(1, "must name who acts"),
  at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" }),
});
