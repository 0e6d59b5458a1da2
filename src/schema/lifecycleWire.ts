import { z } from "zod";
import { currency, id, isoDate, lineNumber, quantity, units } from "./primitives.js";

/** Amounts as registered: verification (R-LIFE-2) and the ledger check their value. */
const decimal = z.union([z.string(), z.number()], {
  error: 'must be a decimal string such as "1299.50" or a finite number',
});

/*
 * The JSON contract of the lifecycle: an order as registered (登记) and the
 * events that move it. Business completeness (amounts, totals, dates) is
 * checked by verification (R-LIFE-2), not here: a received order may be wrong.
 */

export const receivedOrderWire = z.object({
  id,
  franchisee: id,
  orderedOn: isoDate,
  currency,
  deliveryDate: isoDate.optional(),
  contact: z.object({ name: z.string().optional(), phone: z.string().optional() }).optional(),
  total: decimal.optional(),
  lines: z
    .array(
      z.object({
        line: lineNumber,
        sku: id,
        quantity,
        unitPrice: decimal,
        amount: decimal.optional(),
      }),
    )
    .min(1, "an order has at least one line"),
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
          unitPrice: decimal.optional(),
        }),
      )
      .min(1),
    note: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("cancel"), reason: z.string().min(1) }),
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
    cash: decimal,
    credit: decimal,
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
