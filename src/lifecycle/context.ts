import type { Issue } from "../schema/issues.js";
import type { LifecycleEvent } from "../schema/lifecycleWire.js";
import type { LineLock, SalesOrder, SalesOrderLine } from "./order.js";

/*
 * What the lifecycle table's guards, updates, effects and notes (guards.ts,
 * updates.ts, effects.ts) are given, and how the table names them so that a
 * name fits every event that uses it (machine.ts).
 */

/** The parsed event of one type. */
export type EventOf<K extends LifecycleEvent["type"]> = Extract<LifecycleEvent, { type: K }>;

/** An event that names one of the order's lines. */
type LineEvent = Extract<LifecycleEvent, { line: number }>;

/** An event and the order as it was before it; `at` is the actor's time. */
export interface OrderContext<E extends LifecycleEvent = LifecycleEvent> {
  readonly order: SalesOrder;
  readonly event: E;
  readonly at: string;
}

/** For an event that names a line: that line as it was, and the lock of the event's id it holds. */
export interface LineContext<E extends LineEvent = LineEvent> extends OrderContext<E> {
  readonly line: SalesOrderLine;
  readonly held: LineLock | undefined;
}

/** What the table's functions for events of type `K` are given. */
type ContextOf<K extends LifecycleEvent["type"]> =
  EventOf<K> extends LineEvent ? LineContext<EventOf<K>> : OrderContext<EventOf<K>>;

/** Why a guard refuses an event: `GUARD_FAILED` (R-LIFE-4). */
export interface Refusal {
  readonly message: string;
  readonly issues?: readonly Issue[];
}

/** The names in `R` whose function can be given, last, the context of an event of type `K`. */
export type NamesFor<R, K extends LifecycleEvent["type"]> = {
  [N in keyof R]: R[N] extends (...args: infer A) => unknown
    ? A extends readonly [...unknown[], infer C]
      ? ContextOf<K> extends C
        ? N
        : never
      : never
    : never;
}[keyof R] &
  string;
