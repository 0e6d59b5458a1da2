import type { LifecycleEventInput } from "../../src/index.js";
import {
  type Actor,
  type Buckets,
  receiveOrder,
  type SalesOrder,
  type TransitionError,
  type TransitionResult,
  transition,
} from "../../src/index.js";

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
export function runEvents(
  order: SalesOrder,
  actor: Actor,
  ...events: LifecycleEventInput[]
): SalesOrder {
  let current = order;
  for (const event of events) {
    const result = transition(current, event, actor);
    if (!result.ok) throw new Error(`${JSON.stringify(event)}: ${result.error.message}`);
    current = result.order;
  }
  return current;
}

/** The error of a refused event, failing the test if the event was accepted. */
export function errorOf(result: TransitionResult): TransitionError {
  if (result.ok) throw new Error("the event was accepted");
  return result.error;
}

/** One order as registered by one actor, and the ways the tests move it. */
function fixture<I extends object>(input: I, actor: Actor) {
  const run = (order: SalesOrder, ...events: LifecycleEventInput[]): SalesOrder =>
    runEvents(order, actor, ...events);
  const received = (): SalesOrder => receiveOrder(input, actor);
  const approved = (): SalesOrder => run(received(), { type: "verify" }, { type: "approve" });
  return { input, actor, run, received, approved };
}

/** SO-1 of F01, by sales:li: line 1 is 5 × 99.00, line 2 is 2 × 99.00; total 693.00. */
export const so1 = fixture(
  {
    id: "SO-1",
    franchisee: "F01",
    orderedOn: "2026-02-10",
    deliveryDate: "2026-03-10",
    contact: { name: "Li Lei", phone: "13800000000" },
    total: "693.00",
    lines: [
      { line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "495.00" },
      { line: 2, sku: "D200", quantity: 2, unitPrice: "99.00", amount: "198.00" },
    ],
  },
  { by: "sales:li", at: "2026-02-10T09:00:00+08:00" },
);

/** SO-7 of F07, by ops:wang: line 1 is 4 × 10.00, line 2 is 3 × 20.00; total 100.00. */
export const so7 = fixture(
  {
    id: "SO-7",
    franchisee: "F07",
    orderedOn: "2026-02-20",
    deliveryDate: "2026-03-20",
    contact: { name: "Zhao", phone: "139" },
    total: "100.00",
    lines: [
      { line: 1, sku: "A1", quantity: 4, unitPrice: "10.00", amount: "40.00" },
      { line: 2, sku: "B2", quantity: 3, unitPrice: "20.00", amount: "60.00" },
    ],
  },
  { by: "ops:wang", at: "2026-03-02T10:00:00+08:00" },
);

/** The planner who applies allocation plans in the tests. */
export const planner: Actor = { by: "planner", at: "2026-03-01T10:00:00+08:00" };

/** An order of F1 for T100 at 10.00 a unit, one line per quantity given, registered by the planner. */
export function t100Order(id: string, quantities: number[]): SalesOrder {
  return receiveOrder(
    {
      id,
      franchisee: "F1",
      orderedOn: "2026-02-10",
      deliveryDate: "2026-03-20",
      contact: { name: "Sun", phone: "135" },
      total: String(10 * quantities.reduce((sum, q) => sum + q, 0)),
      lines: quantities.map((quantity, index) => ({
        line: index + 1,
        sku: "T100",
        quantity,
        unitPrice: "10",
        amount: String(10 * quantity),
      })),
    },
    planner,
  );
}

/** {@link t100Order}, verified and approved. */
export const approvedT100Order = (id: string, quantities: number[]): SalesOrder =>
  runEvents(t100Order(id, quantities), planner, { type: "verify" }, { type: "approve" });
