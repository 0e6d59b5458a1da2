import { type Actor, type SalesOrder, transition } from "../../src/index.js";

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
