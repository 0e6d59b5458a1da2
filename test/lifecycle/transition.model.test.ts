/**
 * Model-based test of the order lifecycle (SPEC §5): random event sequences,
 * legal and illegal, run against `transition` and against a small model written
 * here from the SPEC alone. After every event: the real order agrees with the
 * model, every line's buckets add up to its quantity (R-LIFE-3), the audit has
 * one entry per accepted event (R-LIFE-4), and a refused event changed nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LifecycleEventInput } from "../../src/index.js";
import {
  type Actor,
  type Effect,
  type Ledger,
  ledgerEventOf,
  openLedger,
  post,
  receiveOrder,
  type SalesOrder,
  transition,
} from "../../src/index.js";
import { bucketsWith } from "../support/lifecycle.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const actor: Actor = { by: "model", at: "2026-03-01T10:00:00+08:00" };
const PRICE = 10;
const QUANTITIES = [3, 2];

type State =
  | "received"
  | "verified"
  | "approved"
  | "fulfilling"
  | "fulfilled"
  | "invoiced"
  | "settled"
  | "closed"
  | "rejected"
  | "cancelled";
type BucketName =
  | "open"
  | "locked"
  | "allocated"
  | "picked"
  | "shipped"
  | "delivered"
  | "accepted"
  | "rejectedOnInspection"
  | "returned"
  | "cancelled";

/** SPEC §5 read independently of src/lifecycle/machine.ts. */
const ALLOWED: Record<string, readonly State[]> = {
  verify: ["received"],
  approve: ["verified"],
  reject: ["verified", "approved"],
  amend: ["received", "verified", "approved"],
  cancel: ["received", "verified", "approved", "fulfilling"],
  cancelRemaining: ["fulfilling"],
  lock: ["approved", "fulfilling"],
  release: ["fulfilling"],
  allocate: ["approved", "fulfilling"],
  pick: ["fulfilling"],
  ship: ["fulfilling"],
  deliver: ["fulfilling"],
  accept: ["fulfilling"],
  rejectOnInspection: ["fulfilling"],
  return: ["fulfilling", "fulfilled", "invoiced", "settled"],
  invoice: ["fulfilled"],
  settle: ["invoiced"],
  close: ["settled", "rejected", "cancelled"],
};
const NEXT: Record<string, State> = {
  verify: "verified",
  approve: "approved",
  reject: "rejected",
  amend: "received",
  cancel: "cancelled",
  lock: "fulfilling",
  allocate: "fulfilling",
  invoice: "invoiced",
  settle: "settled",
  close: "closed",
};
const MOVES: Record<string, [BucketName, BucketName]> = {
  lock: ["open", "locked"],
  pick: ["allocated", "picked"],
  ship: ["picked", "shipped"],
  deliver: ["shipped", "delivered"],
  accept: ["delivered", "accepted"],
  rejectOnInspection: ["delivered", "rejectedOnInspection"],
};

interface ModelLine {
  quantity: number;
  buckets: Record<BucketName, number>;
  locks: { id: string; quantity: number }[];
}
interface Model {
  state: State;
  lines: ModelLine[];
  accepted: number;
  /** Money posted for shipments minus refunds, in units of PRICE. */
  shippedUnits: number;
  refundedUnits: number;
  nextLock: number;
}
interface Real {
  order: SalesOrder;
  effects: Effect[];
  ledger: Ledger;
}

type Event = { type: string; line?: number; quantity?: number; [key: string]: unknown };

/** What the model says the event does: the next model, or undefined when it must be refused. */
function predict(model: Model, event: Event): Model | undefined {
  if (!ALLOWED[event.type]?.includes(model.state)) return undefined;
  const next: Model = structuredClone(model);
  const line = event.line === undefined ? undefined : next.lines[event.line - 1];
  const q = event.quantity ?? 0;
  switch (event.type) {
    case "cancel": {
      const out = next.lines.some(
        (l) =>
          l.buckets.shipped +
            l.buckets.delivered +
            l.buckets.accepted +
            l.buckets.rejectedOnInspection +
            l.buckets.returned >
          0,
      );
      if (out) return undefined;
      for (const l of next.lines) {
        l.buckets = { ...emptyBuckets(), cancelled: l.quantity };
        l.locks = [];
      }
      break;
    }
    case "cancelRemaining": {
      if (line === undefined || line.buckets.open + line.buckets.locked === 0) return undefined;
      line.buckets.cancelled += line.buckets.open + line.buckets.locked;
      line.buckets.open = 0;
      line.buckets.locked = 0;
      line.locks = [];
      break;
    }
    case "amend": {
      const change = (event.lines as { line: number; quantity: number }[])[0] as {
        line: number;
        quantity: number;
      };
      const target = next.lines[change.line - 1] as ModelLine;
      if (change.quantity < target.quantity - target.buckets.open) return undefined;
      target.buckets.open += change.quantity - target.quantity;
      target.quantity = change.quantity;
      break;
    }
    case "release": {
      if (line === undefined) return undefined;
      const lock = line.locks.find((l) => l.id === event.lock);
      if (lock === undefined) return undefined;
      line.locks = line.locks.filter((l) => l !== lock);
      line.buckets.locked -= lock.quantity;
      line.buckets.open += lock.quantity;
      break;
    }
    case "allocate": {
      if (line === undefined) return undefined;
      const from: BucketName = event.source === "lock" ? "locked" : "open";
      if (line.buckets[from] < q) return undefined;
      line.buckets[from] -= q;
      line.buckets.allocated += q;
      if (from === "locked") {
        let left = q;
        line.locks = line.locks.flatMap((lock) => {
          const taken = Math.min(left, lock.quantity);
          left -= taken;
          return lock.quantity > taken ? [{ ...lock, quantity: lock.quantity - taken }] : [];
        });
      }
      break;
    }
    case "return": {
      if (line === undefined) return undefined;
      const from = event.from as BucketName;
      if (line.buckets[from] < q) return undefined;
      line.buckets[from] -= q;
      line.buckets.returned += q;
      next.refundedUnits += q;
      break;
    }
    default: {
      const move = MOVES[event.type];
      if (move !== undefined) {
        if (line === undefined || line.buckets[move[0]] < q) return undefined;
        line.buckets[move[0]] -= q;
        line.buckets[move[1]] += q;
        if (event.type === "lock") line.locks.push({ id: String(event.lock), quantity: q });
        if (event.type === "ship") next.shippedUnits += q;
      }
    }
  }
  next.state = NEXT[event.type] ?? next.state;
  const live = next.lines.reduce((sum, l) => sum + l.quantity - l.buckets.cancelled, 0);
  const done = next.lines.every(
    (l) => l.buckets.accepted + l.buckets.returned === l.quantity - l.buckets.cancelled,
  );
  if (next.state === "fulfilling" && live > 0 && done) next.state = "fulfilled";
  next.accepted += 1;
  return next;
}

function emptyBuckets(): Record<BucketName, number> {
  return bucketsWith();
}

/** The header states the runs reached: a model test that never reaches `settled` proves little. */
const reached = new Set<State>();

class EventCommand implements fc.Command<Model, Real> {
  constructor(readonly event: Event) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const event = { ...this.event };
    if (event.type === "lock") event.lock = `L${model.nextLock}`;
    const expected = predict(model, event);
    const before = real.order;
    const result = transition(real.order, event as LifecycleEventInput, actor);
    expect(result.ok, `${JSON.stringify(event)} in ${model.state}: ${result.error?.message}`).toBe(
      expected !== undefined,
    );
    if (!result.ok || expected === undefined) {
      if (event.type === "lock") model.nextLock += 1;
      expect(real.order).toBe(before);
      expect(["ILLEGAL_EVENT", "GUARD_FAILED"]).toContain(result.error?.code);
      expect(result.error?.state).toBe(model.state);
      return;
    }
    Object.assign(model, expected);
    if (event.type === "lock") model.nextLock += 1;
    reached.add(model.state);
    real.order = result.order;
    real.effects.push(...result.effects);
    expect(real.order.state).toBe(model.state);
    real.order.lines.forEach((line, index) => {
      const mine = model.lines[index] as ModelLine;
      expect(line.buckets).toEqual(mine.buckets);
      expect(line.locks.map((l) => [l.id, l.quantity])).toEqual(
        mine.locks.map((l) => [l.id, l.quantity]),
      );
      // R-LIFE-3: the buckets always add up to the ordered quantity.
      expect(Object.values(line.buckets).reduce((a, b) => a + b, 0)).toBe(line.quantity);
    });
    // R-LIFE-4: one audit entry per accepted event, after the registration.
    expect(real.order.audit).toHaveLength(model.accepted + 1);
    // R-POST-1/2: postings follow the units shipped and returned, never negative.
    const shipped = real.effects.filter((e) => e.kind === "post-shipment");
    const refunds = real.effects.filter((e) => e.kind === "post-refund");
    expect(shipped.reduce((sum, e) => sum + e.quantity, 0)).toBe(model.shippedUnits);
    expect(refunds.reduce((sum, e) => sum + e.quantity, 0)).toBe(model.refundedUnits);
    // R-POST-1/2: every posting the event asks for goes through the ledger, which never
    // goes below zero cash nor above the credit limit.
    result.effects.forEach((effect, index) => {
      const event = ledgerEventOf(effect, `${real.order.audit.length}-${index}`);
      if (event === undefined) return;
      const posted = post(real.ledger, event);
      expect(posted.error).toBeUndefined();
      if (posted.ok) real.ledger = posted.ledger;
    });
    const account = real.ledger.accounts[0];
    expect(Number(account?.cash)).toBeGreaterThanOrEqual(0);
    expect(Number(account?.creditUsed)).toBeLessThanOrEqual(Number(account?.creditLimit));
  }
  toString(): string {
    return JSON.stringify(this.event);
  }
}

/** Takes the next step forward from where the model is, so that runs reach the late states. */
class AdvanceCommand implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    new EventCommand(nextStep(model)).run(model, real);
  }
  toString(): string {
    return "advance";
  }
}

function nextStep(model: Model): Event {
  const simple: Partial<Record<State, Event>> = {
    received: { type: "verify" },
    verified: { type: "approve" },
    fulfilled: { type: "invoice", invoice: "INV" },
    invoiced: { type: "settle" },
    settled: { type: "close" },
    rejected: { type: "close" },
    cancelled: { type: "close" },
  };
  const step = simple[model.state];
  if (step !== undefined) return step;
  const forward: [BucketName, string][] = [
    ["rejectedOnInspection", "return"],
    ["delivered", "accept"],
    ["shipped", "deliver"],
    ["picked", "ship"],
    ["allocated", "pick"],
    ["locked", "allocate"],
    ["open", "allocate"],
  ];
  for (const [bucket, type] of forward) {
    const index = model.lines.findIndex((line) => line.buckets[bucket] > 0);
    const line = model.lines[index];
    if (line === undefined) continue;
    const quantity = line.buckets[bucket];
    if (type === "return") return { type, line: index + 1, quantity, from: bucket };
    if (type !== "allocate") return { type, line: index + 1, quantity };
    const source = bucket === "locked" ? "lock" : "funded";
    return { type, line: index + 1, quantity, source, cash: String(quantity * PRICE), credit: "0" };
  }
  return { type: "close" };
}

const lineNo = fc.integer({ min: 1, max: QUANTITIES.length });
const qty = fc.integer({ min: 1, max: 3 });
const lineEvent = (type: string) =>
  fc.record({ type: fc.constant(type), line: lineNo, quantity: qty });
const commands = [
  // As likely as all the random events together: enough runs reach the late states.
  ...Array.from({ length: 20 }, () => fc.constant(new AdvanceCommand())),
  fc.constantFrom("verify", "approve", "settle", "close").map((type) => new EventCommand({ type })),
  fc.constant(new EventCommand({ type: "reject", reason: "price" })),
  fc.constant(new EventCommand({ type: "cancel", reason: "withdrawn" })),
  lineNo.map((line) => new EventCommand({ type: "cancelRemaining", line, reason: "short" })),
  fc.constant(new EventCommand({ type: "invoice", invoice: "INV" })),
  fc
    .record({ line: lineNo, quantity: fc.integer({ min: 0, max: 6 }) })
    .map(({ line, quantity }) => new EventCommand({ type: "amend", lines: [{ line, quantity }] })),
  lineEvent("lock").map(
    (e) => new EventCommand({ ...e, lock: "?", lockedOn: "2026-03-01", expiresOn: "2026-03-16" }),
  ),
  fc
    .record({ line: lineNo, n: fc.integer({ min: 0, max: 5 }) })
    .map(({ line, n }) => new EventCommand({ type: "release", line, lock: `L${n}` })),
  fc
    .record({
      line: lineNo,
      quantity: qty,
      source: fc.constantFrom("lock", "funded"),
      cashShare: fc.integer({ min: 0, max: 4 }),
    })
    .map(({ line, quantity, source, cashShare }) => {
      const cash = Math.min(cashShare, quantity) * PRICE;
      return new EventCommand({
        type: "allocate",
        line,
        quantity,
        source,
        cash: String(cash),
        credit: String(quantity * PRICE - cash),
      });
    }),
  ...["pick", "ship", "deliver", "accept", "rejectOnInspection"].map((type) =>
    lineEvent(type).map((e) => new EventCommand(e)),
  ),
  fc
    .record({
      line: lineNo,
      quantity: qty,
      from: fc.constantFrom("accepted", "rejectedOnInspection"),
    })
    .map((e) => new EventCommand({ type: "return", ...e })),
];

describe("properties", () => {
  it("R-LIFE-1..5: random event sequences keep the order, its buckets, audit and postings in step with the model", () => {
    const runs = propertyParams(propertyRuns(process.env.CI ? 10_000 : 2_000));
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 50, size: "max" }), (cmds) => {
        const order = receiveOrder(
          {
            id: "SO-M",
            franchisee: "F01",
            orderedOn: "2026-02-10",
            deliveryDate: "2026-03-10",
            contact: { name: "Li", phone: "138" },
            total: String(QUANTITIES.reduce((sum, q) => sum + q * PRICE, 0)),
            lines: QUANTITIES.map((quantity, index) => ({
              line: index + 1,
              sku: `S${index}`,
              quantity,
              unitPrice: String(PRICE),
              amount: String(quantity * PRICE),
            })),
          },
          actor,
        );
        const model: Model = {
          state: "received",
          lines: QUANTITIES.map((quantity) => ({
            quantity,
            buckets: { ...emptyBuckets(), open: quantity },
            locks: [],
          })),
          accepted: 0,
          shippedUnits: 0,
          refundedUnits: 0,
          nextLock: 0,
        };
        const ledger = openLedger({
          accounts: [{ franchisee: "F01", cash: "100", creditLimit: "100", asOf: "2026-03-01" }],
        });
        fc.modelRun(() => ({ model, real: { order, effects: [], ledger } }), cmds);
      }),
      runs,
    );
    expect([...reached].sort()).toEqual([
      "approved",
      "cancelled",
      "closed",
      "fulfilled",
      "fulfilling",
      "invoiced",
      "received",
      "rejected",
      "settled",
      "verified",
    ]);
  });
});
