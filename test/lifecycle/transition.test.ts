/**
 * The order lifecycle (SPEC §5: R-LIFE-1..5, R-LOCK-PLACE, R-LOCK-CONVERT,
 * R-LOCK-EXPIRE, R-ALLOC-FUNDED, R-POST-1, R-POST-2) through `transition`, on
 * hand-computed event sequences of SO-1 and SO-7 (test/support/lifecycle.ts):
 * the states, buckets, exact errors and issues, audit entries, locks and effects
 * that the machine table's guards, moves, updates, effects and notes produce.
 */
import { describe, expect, it } from "vitest";
import type { LifecycleEventInput } from "../../src/index.js";
import {
  allocationDemand,
  isFulfilled,
  receiveOrder,
  type SalesOrder,
  transition,
} from "../../src/index.js";
import { bucketsWith, errorOf, so1, so7 } from "../support/lifecycle.js";

const { actor, input: registered, run, approved } = so1;

const lockEvent = (line: number, quantity: number, lock: string, lockedOn: string) => ({
  type: "lock" as const,
  line,
  quantity,
  lock,
  lockedOn,
  expiresOn: "2026-03-31",
});

describe("R-LIFE-1: header states", () => {
  it("goes received → verified → approved → fulfilling → fulfilled → invoiced → settled → closed", () => {
    let order = approved();
    expect(order.state).toBe("approved");
    order = run(
      order,
      { type: "allocate", line: 1, quantity: 5, source: "funded", cash: "495", credit: "0" },
      { type: "allocate", line: 2, quantity: 2, source: "funded", cash: "98", credit: "100" },
    );
    expect(order.state).toBe("fulfilling");
    for (const line of [1, 2]) {
      const quantity = line === 1 ? 5 : 2;
      order = run(
        order,
        { type: "pick", line, quantity },
        { type: "ship", line, quantity },
        { type: "deliver", line, quantity },
        { type: "accept", line, quantity },
      );
    }
    expect(order.state).toBe("fulfilled");
    order = run(
      order,
      { type: "invoice", invoice: "INV-9" },
      { type: "settle" },
      { type: "close" },
    );
    expect(order.state).toBe("closed");
    expect(order.audit.map((entry) => `${entry.event}:${entry.to}`).slice(-3)).toEqual([
      "invoice:invoiced",
      "settle:settled",
      "close:closed",
    ]);
  });

  it("rejects from review and re-enters received on amendment", () => {
    const rejected = run(
      receiveOrder(registered, actor),
      { type: "verify" },
      { type: "reject", reason: "price list" },
    );
    expect(rejected.state).toBe("rejected");
    const amended = run(approved(), { type: "amend", lines: [{ line: 1, quantity: 3 }] });
    expect(amended.state).toBe("received");
    expect(amended.lines[0]).toMatchObject({ quantity: 3, amount: "297", buckets: { open: 3 } });
    expect(amended.total).toBe("495");
  });

  it("cancels before anything ships, and not after", () => {
    const locked = run(approved(), {
      type: "lock",
      line: 1,
      quantity: 2,
      lock: "L1",
      lockedOn: "2026-03-01",
      expiresOn: "2026-03-16",
    });
    const cancelled = transition(locked, { type: "cancel", reason: "customer withdrew" }, actor);
    expect(cancelled.ok && cancelled.order.state).toBe("cancelled");
    expect(cancelled.ok && cancelled.order.lines.map((l) => l.buckets.cancelled)).toEqual([5, 2]);
    expect(cancelled.effects).toEqual([
      {
        kind: "notice",
        notice: "order-cancelled",
        franchisee: "F01",
        order: "SO-1",
        message: "order SO-1 was cancelled: customer withdrew",
      },
      // The locked units go back to free stock, as a release would say.
      {
        kind: "notice",
        notice: "lock-released",
        franchisee: "F01",
        order: "SO-1",
        message: "lock L1 of SO-1 line 1 released 2 unit(s) to free stock",
      },
    ]);
    const held = run(
      approved(),
      { type: "allocate", line: 1, quantity: 2, source: "funded", cash: "198", credit: "0" },
      { type: "pick", line: 1, quantity: 1 },
      { type: "allocate", line: 2, quantity: 1, source: "funded", cash: "0", credit: "99" },
    );
    expect(
      transition(held, { type: "cancel", reason: "store closed" }, actor).effects?.map(
        (effect) => effect.kind === "notice" && effect.message,
      ),
    ).toEqual([
      "order SO-1 was cancelled: store closed; 3 allocated or picked unit(s) go back to free stock",
    ]);
    const shipped = run(
      approved(),
      { type: "allocate", line: 1, quantity: 1, source: "funded", cash: "99", credit: "0" },
      { type: "pick", line: 1, quantity: 1 },
      { type: "ship", line: 1, quantity: 1 },
    );
    const late = transition(shipped, { type: "cancel", reason: "too late" }, actor);
    expect(late.ok).toBe(false);
    expect(late.error).toMatchObject({
      code: "GUARD_FAILED",
      state: "fulfilling",
      event: "cancel",
    });
  });
});

describe("R-LIFE-2: verification lists every failure at once", () => {
  it("finds missing fields, wrong amounts, a wrong total and an early delivery date", () => {
    const order = receiveOrder(
      {
        ...registered,
        deliveryDate: "2026-02-09",
        contact: { name: "Li Lei" },
        total: "700.00",
        lines: [
          { line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "490.00" },
          { line: 2, sku: "D200", quantity: 2, unitPrice: "99.00" },
        ],
      },
      actor,
    );
    const result = transition(order, { type: "verify" }, actor);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe("GUARD_FAILED");
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["deliveryDate", "delivery date 2026-02-09 is before the order date 2026-02-10"],
      ["contact.phone", "the contact phone is required"],
      ["lines.0.amount", "amount 490.00 is not quantity × unitPrice = 5 × 99.00 = 495"],
      ["lines.1.amount", "the line amount is required"],
      ["total", "total 700.00 is not the sum of the line amounts, 693"],
    ]);
  });
});

describe("R-LIFE-3: line buckets always add up to the ordered quantity", () => {
  it("handles partial shipment, partial acceptance, rejection on inspection and a return", () => {
    let order = run(
      approved(),
      { type: "allocate", line: 1, quantity: 5, source: "funded", cash: "300", credit: "195" },
      { type: "pick", line: 1, quantity: 5 },
      { type: "ship", line: 1, quantity: 3 },
      { type: "deliver", line: 1, quantity: 3 },
      { type: "accept", line: 1, quantity: 2 },
      { type: "rejectOnInspection", line: 1, quantity: 1, reason: "stain" },
      { type: "return", line: 1, quantity: 1, from: "rejectedOnInspection" },
    );
    const line = order.lines[0];
    expect(line?.buckets).toEqual({
      open: 0,
      locked: 0,
      allocated: 0,
      picked: 2,
      shipped: 0,
      delivered: 0,
      accepted: 2,
      rejectedOnInspection: 0,
      returned: 1,
      cancelled: 0,
    });
    order = run(order, { type: "ship", line: 1, quantity: 2 });
    const sum = Object.values(order.lines[0]?.buckets ?? {}).reduce((a, b) => a + b, 0);
    expect(sum).toBe(5);
  });

  it("refuses to move more units than a bucket holds", () => {
    const order = run(approved(), {
      type: "allocate",
      line: 2,
      quantity: 1,
      source: "funded",
      cash: "99",
      credit: "0",
    });
    const result = transition(order, { type: "pick", line: 1, quantity: 1 }, actor);
    expect(result.error).toMatchObject({
      code: "GUARD_FAILED",
      message: "line 1 has 0 allocated unit(s); cannot move 1 to picked",
    });
  });
});

describe("R-LIFE-4: illegal events are typed errors and change nothing; every accepted event is audited", () => {
  it("names the state and the event", () => {
    const order = receiveOrder(registered, actor);
    const result = transition(order, { type: "invoice", invoice: "INV-1" }, actor);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "ILLEGAL_EVENT",
        state: "received",
        event: "invoice",
        message: "invoice (开票) is not allowed in state received; it is allowed in fulfilled",
        issues: [],
      },
    });
  });

  it("reports a malformed event or actor with paths", () => {
    const order = receiveOrder(registered, actor);
    const result = transition(
      order,
      { type: "ship", line: 0, quantity: -1 },
      { by: "", at: "yesterday" },
    );
    expect(result.error?.code).toBe("INVALID_EVENT");
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "line",
      "quantity",
      "(actor).by",
      "(actor).at",
    ]);
  });

  it("leaves a frozen order as it was and appends one audit entry per accepted event", () => {
    const order = receiveOrder(registered, actor);
    expect(Object.isFrozen(order) && Object.isFrozen(order.lines[0]?.buckets)).toBe(true);
    const next = run(order, { type: "verify" }, { type: "approve" });
    expect(order.state).toBe("received");
    expect(order.audit).toHaveLength(1);
    expect(next.audit).toEqual([
      { seq: 1, at: actor.at, by: actor.by, event: "receive", from: "received", to: "received" },
      { seq: 2, at: actor.at, by: actor.by, event: "verify", from: "received", to: "verified" },
      { seq: 3, at: actor.at, by: actor.by, event: "approve", from: "verified", to: "approved" },
    ]);
  });
});

describe("R-LIFE-5: fulfilled when every unit not cancelled is accepted or returned", () => {
  it("derives fulfilled from the buckets", () => {
    const b = bucketsWith();
    expect(isFulfilled([{ quantity: 3, buckets: { ...b, accepted: 2, returned: 1 } }])).toBe(true);
    expect(
      isFulfilled([{ quantity: 3, buckets: { ...b, accepted: 2, rejectedOnInspection: 1 } }]),
    ).toBe(false);
    expect(isFulfilled([{ quantity: 3, buckets: { ...b, cancelled: 3 } }])).toBe(false);
  });

  it("after a partial shipment (部分发货), cancelling the rest of a line lets the order be fulfilled", () => {
    // Line 1: 5 × 99.00; 2 ship, 1 is locked, 2 stay open. Line 2: 2 × 99.00, all shipped.
    const partly = run(
      approved(),
      { type: "allocate", line: 1, quantity: 2, source: "funded", cash: "198", credit: "0" },
      { type: "allocate", line: 2, quantity: 2, source: "funded", cash: "198", credit: "0" },
      {
        type: "lock",
        line: 1,
        quantity: 1,
        lock: "L1",
        lockedOn: "2026-03-01",
        expiresOn: "2026-03-16",
      },
      ...[1, 2].flatMap((line) =>
        (["pick", "ship", "deliver", "accept"] as const).map((type) => ({
          type,
          line,
          quantity: 2,
        })),
      ),
    );
    expect(partly.state).toBe("fulfilling");
    // A whole-order cancel is too late now; the rest of line 1 can still be cancelled.
    expect(transition(partly, { type: "cancel", reason: "late" }, actor).ok).toBe(false);
    const result = transition(
      partly,
      { type: "cancelRemaining", line: 1, reason: "out of season" },
      actor,
    );
    expect(result.ok).toBe(true);
    const done = result.order as SalesOrder;
    expect(done.state).toBe("fulfilled");
    expect(done.lines[0]?.buckets).toMatchObject({ open: 0, locked: 0, accepted: 2, cancelled: 3 });
    expect(done.lines[0]?.locks).toEqual([]);
    expect(done.audit.at(-1)).toMatchObject({
      event: "cancelRemaining",
      from: "fulfilling",
      to: "fulfilled",
      line: 1,
      quantity: 3,
      note: "out of season",
    });
    expect(result.effects).toEqual([
      {
        kind: "notice",
        notice: "lock-released",
        franchisee: "F01",
        order: "SO-1",
        message: "lock L1 of SO-1 line 1 released 1 unit(s) to free stock",
      },
    ]);
    // The next allocation no longer asks for the cancelled units.
    expect(allocationDemand([result.order as SalesOrder]).orders).toEqual([]);
    const again = transition(done, { type: "cancelRemaining", line: 1, reason: "x" }, actor);
    expect(again.error?.code).toBe("ILLEGAL_EVENT");
    const nothingLeft = transition(
      partly,
      { type: "cancelRemaining", line: 2, reason: "x" },
      actor,
    );
    expect(nothingLeft.error).toMatchObject({
      code: "GUARD_FAILED",
      message: "line 2 has no open or locked unit left to cancel",
      issues: [{ path: ["line"], code: "invalid_event", message: "nothing open or locked" }],
    });
    const noSuchLine = transition(partly, { type: "cancelRemaining", line: 9, reason: "x" }, actor);
    expect(noSuchLine.error).toMatchObject({
      code: "GUARD_FAILED",
      issues: [{ path: ["line"], code: "unknown_reference", message: "no line 9" }],
    });
    // As many units open as locked: both are cancelled.
    const even = run(
      approved(),
      { type: "allocate", line: 1, quantity: 3, source: "funded", cash: "297", credit: "0" },
      {
        type: "lock",
        line: 1,
        quantity: 1,
        lock: "L2",
        lockedOn: "2026-03-01",
        expiresOn: "2026-03-16",
      },
    );
    const evenCut = transition(even, { type: "cancelRemaining", line: 1, reason: "x" }, actor);
    expect(evenCut.order?.lines[0]?.buckets).toMatchObject({ open: 0, locked: 0, cancelled: 2 });
  });
  it("cancelling the rest of a line releases that line's locks only", () => {
    const locked = run(
      approved(),
      lockEvent(1, 1, "L1", "2026-03-01"),
      lockEvent(2, 1, "L2", "2026-03-01"),
    );
    const result = transition(locked, { type: "cancelRemaining", line: 1, reason: "x" }, actor);
    expect(result.effects?.map((effect) => effect.kind === "notice" && effect.message)).toEqual([
      "lock L1 of SO-1 line 1 released 1 unit(s) to free stock",
    ]);
    expect(result.order?.lines.map((line) => line.locks.map((lock) => lock.id))).toEqual([
      [],
      ["L2"],
    ]);
    expect(result.order?.lines[1]?.buckets).toMatchObject({ open: 1, locked: 1, cancelled: 0 });
  });
});

describe("R-POST-1 and R-POST-2: shipments and returns ask for ledger postings", () => {
  it("posts the allocation's split, cash first, and refunds returns", () => {
    const order = run(
      approved(),
      { type: "allocate", line: 1, quantity: 5, source: "funded", cash: "300", credit: "195" },
      { type: "pick", line: 1, quantity: 5 },
    );
    const first = transition(order, { type: "ship", line: 1, quantity: 4 }, actor);
    expect(first.effects).toEqual([
      {
        kind: "post-shipment",
        franchisee: "F01",
        order: "SO-1",
        line: 1,
        quantity: 4,
        amount: "396.00",
        cash: "300.00",
        credit: "96.00",
        at: actor.at,
      },
    ]);
    const second = first.ok
      ? transition(first.order, { type: "ship", line: 1, quantity: 1 }, actor)
      : first;
    expect(second.effects?.[0]).toMatchObject({ amount: "99.00", cash: "0.00", credit: "99.00" });
    const returned = second.ok
      ? run(
          second.order,
          { type: "deliver", line: 1, quantity: 5 },
          { type: "accept", line: 1, quantity: 5 },
        )
      : second.order;
    const refund = transition(
      returned as SalesOrder,
      { type: "return", line: 1, quantity: 2 },
      actor,
    );
    expect(refund.effects).toEqual([
      {
        kind: "post-refund",
        franchisee: "F01",
        order: "SO-1",
        line: 1,
        quantity: 2,
        amount: "198.00",
        at: actor.at,
      },
    ]);
  });

  it("refuses an allocation whose split does not add up to quantity × unitPrice", () => {
    const result = transition(
      approved(),
      { type: "allocate", line: 1, quantity: 2, source: "funded", cash: "100", credit: "0" },
      actor,
    );
    expect(result.error?.message).toBe("cash + credit (100) must equal quantity × unitPrice (198)");
  });
});

describe("R-LIFE-4: a malformed or illegal event is refused, named by its type, with every issue", () => {
  it("names a malformed event by its type, or ? when it has none", () => {
    const order = so7.received();
    expect(errorOf(transition(order, null as never, so7.actor))).toMatchObject({
      code: "INVALID_EVENT",
      event: "?",
      message: 'event "?" is malformed',
    });
    expect(errorOf(transition(order, "verify" as never, so7.actor))).toMatchObject({ event: "?" });
    expect(errorOf(transition(order, { type: "teleport" } as never, so7.actor))).toMatchObject({
      event: "teleport",
      message: 'event "teleport" is malformed',
    });
  });

  it("refuses a valid event from an invalid so7.actor, and lists only the so7.actor's issues", () => {
    const error = errorOf(transition(so7.received(), { type: "verify" }, { by: "x", at: "today" }));
    expect(error.code).toBe("INVALID_EVENT");
    expect(error.issues.map((issue) => issue.path)).toEqual([["(actor)", "at"]]);
    const eventOnly = errorOf(
      transition(so7.received(), { type: "verify", extra: 1 } as never, so7.actor),
    );
    expect(eventOnly.issues).toHaveLength(1);
    expect(eventOnly.issues[0]?.path[0]).not.toBe("(actor)");
  });

  it("lists every state an illegal event is allowed in", () => {
    expect(
      errorOf(transition(so7.received(), { type: "reject", reason: "r" }, so7.actor)).message,
    ).toBe("reject (退回) is not allowed in state received; it is allowed in verified, approved");
  });
});

describe("R-LIFE-4: header events audit their notes and ask for their effects", () => {
  it("R-LIFE-4: verify and approve add entries without line, quantity or note, and no effects", () => {
    const verified = transition(so7.received(), { type: "verify" }, so7.actor);
    expect(verified.ok && verified.effects).toEqual([]);
    const order = verified.ok ? verified.order : so7.received();
    const approvedResult = transition(order, { type: "approve" }, so7.actor);
    expect(approvedResult.ok && approvedResult.effects).toEqual([]);
    const entry = approvedResult.order?.audit.at(-1);
    expect(Object.keys(entry ?? {})).toEqual(["seq", "at", "by", "event", "from", "to"]);
  });

  it("R-LIFE-2: a failing verification counts its problems", () => {
    const order = receiveOrder({ ...so7.input, total: "99.00" }, so7.actor);
    const error = errorOf(transition(order, { type: "verify" }, so7.actor));
    expect(error.message).toBe("verification (核对) found 1 problem(s)");
    expect(error.issues).toHaveLength(1);
  });

  it("reject notifies the franchisee and notes the reason", () => {
    const result = transition(
      so7.approved(),
      { type: "reject", reason: "wrong prices" },
      so7.actor,
    );
    expect(result.effects).toEqual([
      {
        kind: "notice",
        notice: "order-rejected",
        franchisee: "F07",
        order: "SO-7",
        message: "order SO-7 was sent back: wrong prices",
      },
    ]);
    expect(result.order?.audit.at(-1)).toEqual({
      seq: 4,
      at: so7.actor.at,
      by: so7.actor.by,
      event: "reject",
      from: "approved",
      to: "rejected",
      note: "wrong prices",
    });
    const closed = transition(result.order as SalesOrder, { type: "close" }, so7.actor);
    expect(closed.ok && closed.effects).toEqual([]);
    expect(closed.order?.audit.at(-1)).toEqual({
      seq: 5,
      at: so7.actor.at,
      by: so7.actor.by,
      event: "close",
      from: "rejected",
      to: "closed",
    });
  });

  it("invoice notes its invoice number; settle and close note nothing", () => {
    const fulfilled = so7.run(
      so7.approved(),
      { type: "allocate", line: 1, quantity: 4, source: "funded", cash: "40", credit: "0" },
      { type: "allocate", line: 2, quantity: 3, source: "funded", cash: "60", credit: "0" },
      { type: "pick", line: 1, quantity: 4 },
      { type: "pick", line: 2, quantity: 3 },
      { type: "ship", line: 1, quantity: 4 },
      { type: "ship", line: 2, quantity: 3 },
      { type: "deliver", line: 1, quantity: 4 },
      { type: "deliver", line: 2, quantity: 3 },
      { type: "accept", line: 1, quantity: 4 },
      { type: "accept", line: 2, quantity: 3 },
    );
    expect(fulfilled.state).toBe("fulfilled");
    const closed = so7.run(
      fulfilled,
      { type: "invoice", invoice: "INV-7" },
      { type: "settle" },
      { type: "close" },
    );
    expect(closed.audit.slice(-3).map((entry) => entry.note)).toEqual([
      "invoice INV-7",
      undefined,
      undefined,
    ]);
    expect(closed.audit.slice(-3).map((entry) => "note" in entry)).toEqual([true, false, false]);
    const invoiced = transition(fulfilled, { type: "invoice", invoice: "INV-7" }, so7.actor);
    expect(invoiced.ok && invoiced.effects).toEqual([]);
  });
});

describe("R-LIFE-1: cancel (取消) clears what allocation paid and is refused once units left", () => {
  it("resets what allocation paid, and says why it refuses once units left", () => {
    const allocated = so7.run(so7.approved(), {
      type: "allocate",
      line: 1,
      quantity: 2,
      source: "funded",
      cash: "15",
      credit: "5",
    });
    expect(allocated.lines[0]?.paid).toEqual({ cash: "15", credit: "5" });
    const cancelled = so7.run(allocated, { type: "cancel", reason: "shop closed" });
    expect(cancelled.lines.map((l) => l.paid)).toEqual([
      { cash: "0", credit: "0" },
      { cash: "0", credit: "0" },
    ]);
    const shipped = so7.run(
      allocated,
      { type: "pick", line: 1, quantity: 2 },
      { type: "ship", line: 1, quantity: 2 },
    );
    const error = errorOf(transition(shipped, { type: "cancel", reason: "late" }, so7.actor));
    expect(error.message).toBe("2 unit(s) already shipped: cancel only before anything ships");
    expect(error.issues).toEqual([]);
  });

  it("counts units rejected on inspection and returned as already shipped", () => {
    const inspected = so7.run(
      so7.approved(),
      { type: "allocate", line: 2, quantity: 3, source: "funded", cash: "60", credit: "0" },
      { type: "pick", line: 2, quantity: 3 },
      { type: "ship", line: 2, quantity: 3 },
      { type: "deliver", line: 2, quantity: 3 },
      { type: "rejectOnInspection", line: 2, quantity: 3 },
    );
    // Line 2: 3 rejected on inspection, nothing else out.
    expect(errorOf(transition(inspected, { type: "cancel", reason: "r" }, so7.actor)).message).toBe(
      "3 unit(s) already shipped: cancel only before anything ships",
    );
    const returned = so7.run(inspected, {
      type: "return",
      line: 2,
      quantity: 2,
      from: "rejectedOnInspection",
    });
    // Line 2: 1 rejected on inspection and 2 returned; still fulfilling. The refund
    // is line 2's: 2 × 20.00.
    const refund = transition(
      inspected,
      { type: "return", line: 2, quantity: 2, from: "rejectedOnInspection" },
      so7.actor,
    );
    expect(refund.effects).toEqual([
      {
        kind: "post-refund",
        franchisee: "F07",
        order: "SO-7",
        line: 2,
        quantity: 2,
        amount: "40.00",
        at: so7.actor.at,
      },
    ]);
    expect(returned.state).toBe("fulfilling");
    expect(errorOf(transition(returned, { type: "cancel", reason: "r" }, so7.actor)).message).toBe(
      "3 unit(s) already shipped: cancel only before anything ships",
    );
  });
});

describe("R-LOCK-PLACE and R-LOCK-EXPIRE: lock and release guard, keep and free a line's locks", () => {
  it("refuses a lock that does not expire after it is placed", () => {
    const error = errorOf(
      transition(
        so7.approved(),
        { ...lockEvent(1, 1, "L1", "2026-03-31"), expiresOn: "2026-03-31" },
        so7.actor,
      ),
    );
    expect(error).toMatchObject({
      code: "GUARD_FAILED",
      message: "a lock must expire after 2026-03-31",
      issues: [
        { path: ["expiresOn"], code: "inconsistent", message: "must be after lockedOn 2026-03-31" },
      ],
    });
    expect(transition(so7.approved(), lockEvent(1, 1, "L1", "2026-03-30"), so7.actor).ok).toBe(
      true,
    );
  });

  it("refuses a lock id the line already holds, but not one another line holds", () => {
    const once = so7.run(so7.approved(), lockEvent(1, 1, "L1", "2026-03-01"));
    expect(errorOf(transition(once, lockEvent(1, 1, "L1", "2026-03-02"), so7.actor)).message).toBe(
      "line 1 already holds lock L1",
    );
    const other = so7.run(once, lockEvent(2, 1, "L1", "2026-03-02"));
    expect(other.lines.map((l) => l.locks.map((lock) => lock.id))).toEqual([["L1"], ["L1"]]);
  });

  it("refuses a lock, release, allocation, pick, ship or return on a line the order lacks", () => {
    const order = so7.run(so7.approved(), lockEvent(1, 1, "L1", "2026-03-01"));
    const events: LifecycleEventInput[] = [
      lockEvent(9, 1, "L9", "2026-03-01"),
      { type: "release", line: 9, lock: "L1" },
      { type: "allocate", line: 9, quantity: 1, source: "funded", cash: "10", credit: "0" },
      { type: "pick", line: 9, quantity: 1 },
      { type: "ship", line: 9, quantity: 1 },
      { type: "return", line: 9, quantity: 1 },
    ];
    for (const event of events) {
      const state = event.type === "return" ? "fulfilling" : order.state;
      const error = errorOf(transition(order, event, so7.actor));
      expect([error.code, error.state, error.message, error.issues]).toEqual([
        "GUARD_FAILED",
        state,
        "the order has no line 9",
        [{ path: ["line"], code: "unknown_reference", message: "no line 9" }],
      ]);
    }
  });

  it("keeps a line's locks oldest first, then by id", () => {
    const order = so7.run(
      so7.approved(),
      lockEvent(1, 1, "L-C", "2026-03-02"),
      lockEvent(1, 1, "L-B", "2026-03-01"),
      lockEvent(1, 1, "L-A", "2026-03-02"),
    );
    expect(order.lines[0]?.locks.map((lock) => lock.id)).toEqual(["L-B", "L-A", "L-C"]);
  });

  it("releases exactly the named lock of the named line, with a notice and the relock bar", () => {
    const order = so7.run(
      so7.approved(),
      lockEvent(1, 2, "L1", "2026-03-01"),
      lockEvent(1, 1, "L2", "2026-03-02"),
      lockEvent(2, 1, "L1", "2026-03-01"),
    );
    const result = transition(
      order,
      { type: "release", line: 1, lock: "L1", lockBlockedUntil: "2026-04-15" },
      so7.actor,
    );
    expect(result.effects).toEqual([
      {
        kind: "notice",
        notice: "lock-released",
        franchisee: "F07",
        order: "SO-7",
        message: "lock L1 of SO-7 line 1 released 2 unit(s) to free stock",
      },
    ]);
    const [first, second] = result.order?.lines ?? [];
    expect(first?.locks.map((lock) => lock.id)).toEqual(["L2"]);
    expect(first?.buckets).toMatchObject({ open: 3, locked: 1 });
    expect(first?.lockBlockedUntil).toBe("2026-04-15");
    expect(second?.locks.map((lock) => lock.id)).toEqual(["L1"]);
    expect("lockBlockedUntil" in (second ?? {})).toBe(false);
    // The audit names a line and a quantity only for events that carry both: a
    // release names a line and a lock, so its entry says which in its note.
    expect(result.order?.audit.at(-1)).toStrictEqual({
      seq: 7,
      at: so7.actor.at,
      by: so7.actor.by,
      event: "release",
      from: "fulfilling",
      to: "fulfilling",
      note: "line 1: lock L1 released 2 unit(s)",
    });
    const plain = transition(order, { type: "release", line: 1, lock: "L2" }, so7.actor);
    expect("lockBlockedUntil" in (plain.order?.lines[0] ?? {})).toBe(false);
    expect(
      errorOf(transition(order, { type: "release", line: 2, lock: "L2" }, so7.actor)).message,
    ).toBe("line 2 holds no lock L2");
  });
});

describe("R-ALLOC-FUNDED and R-LOCK-CONVERT: allocate checks its split and converts locks oldest first", () => {
  it("checks the split against its own line's price", () => {
    const order = so7.run(so7.approved(), {
      type: "allocate",
      line: 2,
      quantity: 1,
      source: "funded",
      cash: "20",
      credit: "0",
    });
    expect(order.lines[1]?.paid).toEqual({ cash: "20", credit: "0" });
    expect(order.lines[0]?.paid).toEqual({ cash: "0", credit: "0" });
  });

  it("§7: cash or credit that are no decimals make a malformed event, each at its path", () => {
    const error = errorOf(
      transition(
        so7.approved(),
        { type: "allocate", line: 1, quantity: 1, source: "funded", cash: "ten", credit: "-" },
        so7.actor,
      ),
    );
    expect([error.code, error.message, error.issues.map((issue) => issue.path)]).toEqual([
      "INVALID_EVENT",
      'event "allocate" is malformed',
      [["cash"], ["credit"]],
    ]);
    expect(error.issues[0]?.message).toMatch(/, got "ten"$/);
  });

  it("a split that does not pay the units is refused at the path of cash", () => {
    const error = errorOf(
      transition(
        so7.approved(),
        { type: "allocate", line: 1, quantity: 1, source: "funded", cash: "5", credit: "0" },
        so7.actor,
      ),
    );
    expect([error.code, error.message, error.issues]).toEqual([
      "GUARD_FAILED",
      "cash + credit (5) must equal quantity × unitPrice (10)",
      [{ path: ["cash"], code: "inconsistent", message: "cash + credit must be 10" }],
    ]);
  });

  it("a funded allocation leaves the line's locks alone", () => {
    const order = so7.run(so7.approved(), lockEvent(1, 2, "L1", "2026-03-01"), {
      type: "allocate",
      line: 1,
      quantity: 2,
      source: "funded",
      cash: "20",
      credit: "0",
    });
    expect(order.lines[0]?.locks).toEqual([
      { id: "L1", quantity: 2, lockedOn: "2026-03-01", expiresOn: "2026-03-31" },
    ]);
    expect(order.lines[0]?.buckets).toMatchObject({ open: 0, locked: 2, allocated: 2 });
  });

  it("an allocation from locks consumes them oldest first", () => {
    const locked = so7.run(
      so7.approved(),
      lockEvent(1, 3, "L-NEW", "2026-03-02"),
      lockEvent(1, 1, "L-OLD", "2026-03-01"),
    );
    const allocate = (quantity: number) =>
      so7
        .run(locked, {
          type: "allocate",
          line: 1,
          quantity,
          source: "lock",
          cash: String(10 * quantity),
          credit: "0",
        })
        .lines[0]?.locks.map((lock) => [lock.id, lock.quantity]);
    expect(allocate(1)).toEqual([["L-NEW", 3]]);
    expect(allocate(2)).toEqual([["L-NEW", 2]]);
    expect(allocate(4)).toEqual([]);
    const twoOld = so7.run(
      so7.approved(),
      lockEvent(1, 2, "L-OLD", "2026-03-01"),
      lockEvent(1, 2, "L-NEW", "2026-03-02"),
    );
    const afterOne = so7.run(twoOld, {
      type: "allocate",
      line: 1,
      quantity: 1,
      source: "lock",
      cash: "10",
      credit: "0",
    });
    expect(afterOne.lines[0]?.locks).toEqual([
      { id: "L-OLD", quantity: 1, lockedOn: "2026-03-01", expiresOn: "2026-03-31" },
      { id: "L-NEW", quantity: 2, lockedOn: "2026-03-02", expiresOn: "2026-03-31" },
    ]);
  });
});

describe("R-POST-1: ship posts the line's own price and split", () => {
  it("posts the shipped line's own price and split", () => {
    const picked = so7.run(
      so7.approved(),
      { type: "allocate", line: 2, quantity: 2, source: "funded", cash: "30", credit: "10" },
      { type: "pick", line: 2, quantity: 2 },
    );
    const result = transition(picked, { type: "ship", line: 2, quantity: 2 }, so7.actor);
    expect(result.effects).toEqual([
      {
        kind: "post-shipment",
        franchisee: "F07",
        order: "SO-7",
        line: 2,
        quantity: 2,
        amount: "40.00",
        cash: "30.00",
        credit: "10.00",
        at: so7.actor.at,
      },
    ]);
    expect(result.order?.lines.map((l) => l.paid)).toEqual([
      { cash: "0", credit: "0" },
      { cash: "0", credit: "0" },
    ]);
  });
});

describe("R-LIFE-3: a move names what the source bucket holds and audits its line and units", () => {
  it("says how many units the source bucket holds", () => {
    const order = so7.run(so7.approved(), {
      type: "allocate",
      line: 1,
      quantity: 1,
      source: "funded",
      cash: "10",
      credit: "0",
    });
    const error = errorOf(transition(order, { type: "pick", line: 1, quantity: 2 }, so7.actor));
    expect([error.message, error.issues]).toEqual([
      "line 1 has 1 allocated unit(s); cannot move 2 to picked",
      [{ path: ["quantity"], code: "too_large", message: "at most 1" }],
    ]);
  });

  it("audits a line event's line and quantity, and a rejection's reason", () => {
    const order = so7.run(
      so7.approved(),
      { type: "allocate", line: 1, quantity: 1, source: "funded", cash: "10", credit: "0" },
      { type: "pick", line: 1, quantity: 1 },
      { type: "ship", line: 1, quantity: 1 },
      { type: "deliver", line: 1, quantity: 1 },
      { type: "rejectOnInspection", line: 1, quantity: 1, reason: "torn" },
    );
    expect(order.audit.at(-1)).toEqual({
      seq: 8,
      at: so7.actor.at,
      by: so7.actor.by,
      event: "rejectOnInspection",
      from: "fulfilling",
      to: "fulfilling",
      line: 1,
      quantity: 1,
      note: "torn",
    });
    expect(order.audit.at(-2)).toEqual({
      seq: 7,
      at: so7.actor.at,
      by: so7.actor.by,
      event: "deliver",
      from: "fulfilling",
      to: "fulfilling",
      line: 1,
      quantity: 1,
    });
  });
});
