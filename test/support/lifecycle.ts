import { type Actor, type Buckets, type SalesOrder, transition } from "../../src/index.js";

/** A line's buckets: every one 0 but those given. */
export function bucketsWith(parts: Partial<Buckets> = {}): Buckets {
  return {
    open: 0,
    locked: 0,
    allocated: 0,
    picked: 0,
    shipped: 0,
    delivered: 0,
    accepted: 0,
    rejectedOnInspection: 0,
    returned: 0,
    cancelled: 0,
    ...parts,
  };
}

/** Applies events in order as `actor`, failing the test on the first refusal. */
export function runEvents(order: SalesOrder, actor: Actor, ...events: object[]): SalesOrder {
  let current = order;
  for (const event of events) {
    const result = transition(current, event, actor);
    if (!result.ok) throw new Error(`${JSON.stringify(event)}: ${result.error.message}`);
    current = result.order;
  }
  return current;
}
