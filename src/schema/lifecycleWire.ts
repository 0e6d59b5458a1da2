import * as z from "zod";
import { ALLOCATION_SOURCES, RETURNABLE_BUCKETS } from "../domain/vocabulary.js";
import type { Result } from "./issues.js";
import {
  amountString as amount,
  currency,
  id,
  isoDate,
  lineNumber,
  quantity,
  units,
} from "./primitives.js";
import { check } from "./zodIssues.js";

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
        params: { code: "duplicate_key" },
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

const receivedOrderWire = z.object({
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

const lifecycleEventWire = z.discriminatedUnion("type", [
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
    source: z.enum(ALLOCATION_SOURCES),
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
    from: z.enum(RETURNABLE_BUCKETS).default("accepted"),
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
const actorWire = z.strictObject({
  by: z.string().min(1, "must name who acts"),
  at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" }),
});

/** An input and the actor behind it, both parsed. */
interface WithActor<T> {
  readonly value: T;
  readonly actor: z.output<typeof actorWire>;
}

/**
 * Parses an input and its actor at once, so that every problem is listed:
 * the input's first, then the actor's under `(actor)`.
 */
function parseWithActor<S extends z.ZodType>(
  schema: S,
  input: unknown,
  actor: unknown,
): Result<WithActor<z.output<S>>> {
  const parsed = check(schema, input);
  const who = check(actorWire, actor, ["(actor)"]);
  if (parsed.ok && who.ok) return { ok: true, value: { value: parsed.value, actor: who.value } };
  return { ok: false, issues: [...(parsed.issues ?? []), ...(who.issues ?? [])] };
}

/**
 * An order as registered (登记) and who registers it, parsed at the edge.
 *
 * @example
 * ```ts
 * // receiveOrder parses here, and throws what it finds:
 * import { InputError, receiveOrder } from "fenhuo";
 * let paths = [];
 * try {
 *   receiveOrder({ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10", lines: [] },
 *                { by: "", at: "2026-02-10T09:00:00+08:00" });
 * } catch (error) {
 *   if (error instanceof InputError) paths = error.issues.map((issue) => issue.path.join("."));
 * }
 * paths; // ["lines", "(actor).by"]
 * ```
 */
export function parseReceivedOrder(
  input: unknown,
  actor: unknown,
): Result<WithActor<z.output<typeof receivedOrderWire>>> {
  return parseWithActor(receivedOrderWire, input, actor);
}

/**
 * A lifecycle event and who causes it, parsed at the edge: the one place an
 * `unknown` event becomes a {@link LifecycleEvent} (R-LIFE-4: a malformed one
 * is refused with every issue and its path).
 *
 * @example
 * ```ts
 * // transition parses here, and refuses what it finds:
 * import { receiveOrder, transition } from "fenhuo";
 * const actor = { by: "wh", at: "2026-03-02T08:00:00+08:00" };
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00" }] },
 *   actor,
 * );
 * const result = transition(order, { type: "ship", line: 1, quantity: 0 }, actor);
 * result.error?.issues.map((issue) => issue.path.join(".")); // ["quantity"]
 * ```
 */
export function parseLifecycleEvent(
  event: unknown,
  actor: unknown,
): Result<WithActor<LifecycleEvent>> {
  return parseWithActor(lifecycleEventWire, event, actor);
}
