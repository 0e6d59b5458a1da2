import { deepFreeze } from "../domain/freeze.js";
import type { Bucket, HeaderState } from "../domain/vocabulary.js";
import { argumentIssues, guarded } from "../schema/guard.js";
import type { Issue } from "../schema/issues.js";
import {
  type LifecycleEvent,
  type LifecycleEventInput,
  parseLifecycleEvent,
} from "../schema/lifecycleWire.js";
import { eventTypeShape, fulfilmentLinesShape, salesOrderShape } from "../schema/madeShapes.js";
import { check } from "../schema/zodIssues.js";
import type { LineContext, OrderContext, Refusal } from "./context.js";
import { EFFECTS, NOTES } from "./effects.js";
import { GUARDS } from "./guards.js";
import { LIFECYCLE, type NamedSpec } from "./machine.js";
import type { AuditEntry, Buckets, Effect, LineLock, SalesOrder, SalesOrderLine } from "./order.js";
import { UPDATES } from "./updates.js";

/** Who acts, and when (an ISO 8601 date-time with offset): the lifecycle has no clock. */
export interface Actor {
  readonly by: string;
  readonly at: string;
}

/** Why an event was refused; the order is unchanged (R-LIFE-4). */
export interface TransitionError {
  /**
   * `ILLEGAL_EVENT`: not allowed in the order's state; `GUARD_FAILED`: allowed,
   * but the order does not permit it now (units, verification); `INVALID_EVENT`:
   * the event or actor is malformed, or names an order that was not given;
   * `PLAN_ALREADY_APPLIED` (from `applyPlan`, R-RUN-3): the order already
   * carries the plan's `planId`.
   */
  readonly code: "ILLEGAL_EVENT" | "GUARD_FAILED" | "INVALID_EVENT" | "PLAN_ALREADY_APPLIED";
  /** The order's state; absent when the error is about an order that was not given. */
  readonly state?: HeaderState;
  readonly event: string;
  readonly message: string;
  readonly issues: readonly Issue[];
}

/** The result of {@link transition}. */
export type TransitionResult =
  | {
      readonly ok: true;
      readonly order: SalesOrder;
      readonly effects: readonly Effect[];
      readonly error?: never;
    }
  | {
      readonly ok: false;
      readonly error: TransitionError;
      readonly order?: never;
      readonly effects?: never;
    };

/**
 * Moves an order by one event, purely: returns the next order and the
 * effects it asks for (ledger postings, notices) as data, or a typed error
 * naming the state and the event — the order unchanged (R-LIFE-4). The event
 * and the actor are parsed here, once; the parsed event is then applied as
 * {@link LIFECYCLE} says. Every accepted event appends one audit entry. Line
 * events move units along the bucket edges of {@link LIFECYCLE} only, so a
 * line's buckets always add up to its quantity (R-LIFE-3); once every unit not
 * cancelled is accepted or returned, the order is `fulfilled` (R-LIFE-5).
 *
 * @param order - an order from {@link receiveOrder} or an earlier transition;
 *   anything else (null, `{}`, an order missing its buckets …) is refused with
 *   `INVALID_EVENT`, its problems under `(order)`: `transition`
 *   never throws
 * @param event - a typed event (a misspelt field is a compile error); it is
 *   still checked here, once, since JSON from a queue or a file reaches this
 *   edge unchecked — a malformed one is refused with `INVALID_EVENT`
 * @param actor - who acts and when
 * @example
 * ```ts
 * import { receiveOrder, transition } from "fenhuo";
 * const actor = { by: "sales:li", at: "2026-02-10T09:00:00+08:00" };
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10", deliveryDate: "2026-03-10",
 *     contact: { name: "Li", phone: "138" }, total: "495.00",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "495.00" }] },
 *   actor,
 * );
 * const verified = transition(order, { type: "verify" }, actor);
 * verified.ok && verified.order.state; // "verified"
 * const early = transition(order, { type: "ship", line: 1, quantity: 1 }, actor);
 * early.ok || early.error.code; // "ILLEGAL_EVENT"
 * ```
 */
export function transition(
  order: SalesOrder,
  event: LifecycleEventInput,
  actor: Actor,
): TransitionResult {
  // An order that is not one is refused like a malformed event, its problems under "(order)".
  const unfit = argumentIssues([{ name: "order", value: order, shape: salesOrderShape }]);
  if (unfit.length > 0) {
    const { issues } = parseLifecycleEvent(event, actor);
    const all = [...unfit, ...(issues ?? [])];
    return {
      ok: false,
      error: {
        code: "INVALID_EVENT",
        event: eventName(event),
        message: "the order is not a sales order of fenhuo's",
        issues: all,
      },
    };
  }
  return step(order, event, actor);
}

/** {@link transition} of an order known to be sound: the lifecycle's own calls (applyPlan, postPickList). */
export function step(
  order: SalesOrder,
  event: LifecycleEventInput,
  actor: Actor,
): TransitionResult {
  const parsed = parseLifecycleEvent(event, actor);
  if (parsed.ok) return applyEvent(order, parsed.value.value, parsed.value.actor);
  const name = eventName(event);
  const message = `event ${JSON.stringify(name)} is malformed`;
  return refuse("INVALID_EVENT", order, name, message, parsed.issues);
}

/**
 * R-LIFE-5: an order is fulfilled when every unit not cancelled is accepted or
 * returned (and at least one unit is not cancelled).
 *
 * @throws {@link InputError} when `lines` are not lines with a quantity and buckets
 * @example
 * ```ts
 * import { isFulfilled } from "fenhuo";
 * const buckets = { open: 0, locked: 0, allocated: 0, picked: 0, shipped: 0, delivered: 0,
 *                   accepted: 2, rejectedOnInspection: 0, returned: 1, cancelled: 4 };
 * isFulfilled([{ quantity: 7, buckets }]); // true
 * ```
 */
export function isFulfilled(
  lines: readonly { readonly quantity: number; readonly buckets: Buckets }[],
): boolean {
  return guarded([{ name: "lines", value: lines, shape: fulfilmentLinesShape }], () =>
    fulfilled(lines),
  );
}

/** {@link isFulfilled} of arguments that have their shapes. */
function fulfilled(
  lines: readonly { readonly quantity: number; readonly buckets: Buckets }[],
): boolean {
  let live = 0;
  for (const { quantity, buckets } of lines) {
    const notCancelled = quantity - buckets.cancelled;
    if (buckets.accepted + buckets.returned !== notCancelled) return false;
    live += notCancelled;
  }
  return live > 0;
}

/** The event's `type` as text, for a refusal; `"?"` when it has none that can be read. */
function eventName(event: unknown): string {
  const read = check(eventTypeShape, event);
  const type = read.ok ? read.value.type : undefined;
  if (typeof type === "string") return type;
  return typeof type === "number" || typeof type === "boolean" ? String(type) : "?";
}

type Context = OrderContext | LineContext;

/*
 * The table names only functions that fit its event (machine.ts `Row`), so each
 * named function may be given the event's context.
 */
type Guard = (context: Context) => Refusal | undefined;
type Update = (next: SalesOrder, context: Context) => SalesOrder;
type Effects = (context: Context) => Effect[];
type Note = (context: Context) => string | undefined;

/**
 * The machine's interpreter: applies a parsed event as its row of
 * {@link LIFECYCLE} says — the states it is allowed in, its guards, its bucket
 * moves, its updates, effects and note — and nothing else.
 */
function applyEvent(order: SalesOrder, event: LifecycleEvent, actor: Actor): TransitionResult {
  const spec: NamedSpec = LIFECYCLE.events[event.type];
  if (!spec.from.includes(order.state)) {
    const message = `${event.type} (${spec.label}) is not allowed in state ${order.state}; it is allowed in ${spec.from.join(", ")}`;
    return refuse("ILLEGAL_EVENT", order, event.type, message);
  }
  let context: Context = { order, event, at: actor.at };
  let refusal = firstRefusal(spec.guards, context);
  if (refusal === undefined && "line" in event) {
    const line = order.lines.find((l) => l.line === event.line);
    if (line === undefined) refusal = noLine(event.line);
    else {
      const held = "lock" in event ? line.locks.find((l) => l.id === event.lock) : undefined;
      context = { order, event, at: actor.at, line, held };
      refusal = firstRefusal(spec.lineGuards, context);
    }
  }
  const moved = refusal ?? moveUnits(context, spec);
  if ("message" in moved)
    return refuse("GUARD_FAILED", order, event.type, moved.message, moved.issues);

  let next: SalesOrder = { ...order, lines: moved.lines };
  for (const name of spec.updates ?? []) next = (UPDATES[name] as Update)(next, context);
  const effects = (spec.effects ?? []).flatMap((name) => (EFFECTS[name] as Effects)(context));
  const note = spec.note === undefined ? undefined : (NOTES[spec.note] as Note)(context);

  let state: HeaderState = spec.to === "same" ? order.state : spec.to;
  if (state === LIFECYCLE.fulfilled.from && fulfilled(next.lines)) state = LIFECYCLE.fulfilled.to;
  const entry: AuditEntry = {
    seq: order.audit.length + 1,
    at: actor.at,
    by: actor.by,
    event: event.type,
    from: order.state,
    to: state,
    // A release names its units in its note: they are the lock's, not the event's.
    ...("line" in event && spec.units !== "lock"
      ? { line: event.line, quantity: moved.units }
      : {}),
    ...(note === undefined ? {} : { note }),
  };
  return {
    ok: true,
    order: deepFreeze({ ...next, state, audit: [...order.audit, entry] }),
    effects,
  };
}

/** The first refusal of the named guards, in order. */
function firstRefusal(names: NamedSpec["guards"] = [], context: Context): Refusal | undefined {
  for (const name of names) {
    const refusal = (GUARDS[name] as Guard)(context);
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

/**
 * R-LIFE-3: moves units along the row's edges only, so a line's buckets keep
 * adding up to its quantity; refuses to move more than the source bucket holds.
 */
function moveUnits(
  context: Context,
  spec: NamedSpec,
): { readonly lines: readonly SalesOrderLine[]; readonly units: number } | Refusal {
  const { order, event } = context;
  const edges = spec.moves ?? [];
  const touched = "line" in context ? [context.line] : spec.units === "all" ? order.lines : [];
  let units = 0;
  const moved = new Map<SalesOrderLine, Buckets>();
  for (const line of touched) {
    const buckets = { ...line.buckets };
    if (spec.units === "all") {
      for (const [from, to] of edges) {
        units += buckets[from];
        buckets[to] += buckets[from];
        buckets[from] = 0;
      }
    } else {
      // Every line event's row has moves: the edge from the source bucket it names, else the first.
      const [from, to] = (edges.find(([source]) => source === sourceOf(event)) ??
        edges[0]) as readonly [Bucket, Bucket];
      // The lock's units, once holdsLock let the release through; else the event's quantity.
      units =
        spec.units === "lock"
          ? ((context as LineContext).held as LineLock).quantity
          : (event as { readonly quantity: number }).quantity;
      if (buckets[from] < units) {
        return {
          message: `line ${line.line} has ${buckets[from]} ${from} unit(s); cannot move ${units} to ${to}`,
          issues: [{ path: ["quantity"], code: "too_large", message: `at most ${buckets[from]}` }],
        };
      }
      buckets[from] -= units;
      buckets[to] += units;
    }
    moved.set(line, buckets);
  }
  const lines = order.lines.map((line) => {
    const buckets = moved.get(line);
    return buckets === undefined ? line : { ...line, buckets };
  });
  return { lines, units };
}

/** The source bucket an event names among its row's edges: a return's `from`, `locked` for an allocation from locks. */
function sourceOf(event: LifecycleEvent): Bucket | undefined {
  if ("from" in event) return event.from;
  return "source" in event && event.source === "lock" ? "locked" : undefined;
}

function noLine(line: number): Refusal {
  return {
    message: `the order has no line ${line}`,
    issues: [{ path: ["line"], code: "unknown_reference", message: `no line ${line}` }],
  };
}

function refuse(
  code: TransitionError["code"],
  order: SalesOrder,
  event: string,
  message: string,
  issues: readonly Issue[] = [],
): TransitionResult {
  return { ok: false, error: { code, state: order.state, event, message, issues } };
}
