/**
 * The order lifecycle (SPEC §5: R-LIFE-1..5, R-LOCK-PLACE, R-LOCK-CONVERT,
 * R-LOCK-EXPIRE, R-POST-1, R-POST-2) on hand-computed event sequences: the exact
 * errors, issues, audit entries, locks and effects of `receiveOrder` and
 * `transition`. Written to kill the surviving mutants of
 * src/lifecycle/transition.ts (npm run mutation).
 */
import { describe, expect, it } from "vitest";
import {
  type Actor,
  InputError,
  receiveOrder,
  type SalesOrder,
  type TransitionResult,
  transition,
} from "../../src/index.js";
import { runEvents } from "../support/lifecycle.js";

const actor: Actor = { by: "ops:wang", at: "2026-03-02T10:00:00+08:00" };

/** SO-7 of F07: line 1 is 4 × 10.00, line 2 is 3 × 20.00; total 100.00. */
const registered = {
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
};

function run(order: SalesOrder, ...events: object[]): SalesOrder {
  return runEvents(order, actor, ...events);
}

const received = () => receiveOrder(registered, actor);
const approved = () => run(received(), { type: "verify" }, { type: "approve" });

function inputIssues(input: unknown, who: Actor = actor): [string, string][] {
  try {
    receiveOrder(input, who);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((issue) => [JSON.stringify(issue.path), issue.message]);
  }
  throw new Error("receiveOrder accepted the input");
}

const errorOf = (result: TransitionResult): NonNullable<TransitionResult["error"]> => {
  if (result.ok) throw new Error("the event was accepted");
  return result.error;
};

const lockEvent = (line: number, quantity: number, lock: string, lockedOn: string) => ({
  type: "lock",
  line,
  quantity,
  lock,
  lockedOn,
  expiresOn: "2026-03-31",
});

describe("receiveOrder (登记): what it keeps, and every problem it reports", () => {
  it("R-LIFE-4: an invalid actor is reported under (actor), with the order's own issues first", () => {
    expect(
      inputIssues({ ...registered, lines: [] }, { by: "", at: "2026-03-02T10:00:00+08:00" }),
    ).toEqual([
      ['["lines"]', "an order has at least one line"],
      ['["(actor)","by"]', "must name who acts"],
    ]);
  });

  it("R-LIFE-2: amounts that are no decimals are refused with their paths; line indexes stay numbers", () => {
    expect(
      inputIssues({
        ...registered,
        total: "1,00",
        lines: [
          { line: 1, sku: "A1", quantity: 4, unitPrice: "ten", amount: "40.00" },
          { line: 2, sku: "B2", quantity: 3, unitPrice: "20.00", amount: "6O" },
        ],
      }).map(([path]) => path),
    ).toEqual(['["total"]', '["lines",0,"unitPrice"]', '["lines",1,"amount"]']);
    const [[, message] = ["", ""]] = inputIssues({ ...registered, total: "x" });
    expect(message).toMatch(/, got "x"$/);
  });

  it("§7: lists a bad date, a bad amount and a duplicate line number at once", () => {
    expect(
      inputIssues({
        ...registered,
        orderedOn: "2026-02-30",
        lines: [
          { ...registered.lines[0], unitPrice: "abc" },
          { ...registered.lines[1], line: 1 },
        ],
      }).map(([path]) => path),
    ).toEqual(['["orderedOn"]', '["lines",0,"unitPrice"]', '["lines",1,"line"]']);
  });

  it("R-UNIT-2: keeps a JSON number as its plain decimal digits, never in exponent notation", () => {
    const order = receiveOrder(
      {
        ...registered,
        total: 1e21,
        lines: [{ line: 1, sku: "A1", quantity: 3, unitPrice: 1e-7, amount: 3e-7 }],
      },
      actor,
    );
    expect([order.total, order.lines[0]?.unitPrice, order.lines[0]?.amount]).toEqual([
      "1000000000000000000000",
      "0.0000001",
      "0.0000003",
    ]);
  });

  it("reports a malformed line at a path whose index is a number", () => {
    try {
      receiveOrder({ ...registered, lines: [{ ...registered.lines[0], quantity: -1 }] }, actor);
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path)).toEqual([
        ["lines", 0, "quantity"],
      ]);
    }
  });

  it("R-LIFE-3: a duplicate line number is refused", () => {
    expect(
      inputIssues({
        ...registered,
        lines: [registered.lines[0], { ...registered.lines[1], line: 1 }],
      }),
    ).toEqual([['["lines",1,"line"]', "duplicate line number 1"]]);
  });

  it("leaves out what was not given, and sorts lines by number", () => {
    const bare = receiveOrder(
      {
        id: "SO-8",
        franchisee: "F07",
        orderedOn: "2026-02-20",
        contact: {},
        lines: [
          { line: 2, sku: "B2", quantity: 1, unitPrice: 5 },
          { line: 1, sku: "A1", quantity: 2, unitPrice: "3" },
        ],
      },
      actor,
    );
    expect(Object.keys(bare)).toEqual([
      "id",
      "franchisee",
      "orderedOn",
      "currency",
      "contact",
      "state",
      "lines",
      "audit",
    ]);
    expect(bare.contact).toEqual({});
    expect(Object.keys(bare.contact ?? { missing: true })).toEqual([]);
    expect(bare.lines.map((l) => [l.line, l.unitPrice, "amount" in l])).toEqual([
      [1, "3", false],
      [2, "5", false],
    ]);
    const named = receiveOrder({ ...registered, contact: { name: "Zhao" } }, actor);
    expect(Object.keys(named.contact ?? {})).toEqual(["name"]);
    const phoned = receiveOrder({ ...registered, contact: { phone: "139" } }, actor);
    expect(Object.keys(phoned.contact ?? {})).toEqual(["phone"]);
  });
});

describe("transition: malformed and illegal events (R-LIFE-4)", () => {
  it("names a malformed event by its type, or ? when it has none", () => {
    const order = received();
    expect(errorOf(transition(order, null, actor))).toMatchObject({
      code: "INVALID_EVENT",
      event: "?",
      message: 'event "?" is malformed',
    });
    expect(errorOf(transition(order, "verify", actor))).toMatchObject({ event: "?" });
    expect(errorOf(transition(order, { type: "teleport" }, actor))).toMatchObject({
      event: "teleport",
      message: 'event "teleport" is malformed',
    });
  });

  it("refuses a valid event from an invalid actor, and lists only the actor's issues", () => {
    const error = errorOf(transition(received(), { type: "verify" }, { by: "x", at: "today" }));
    expect(error.code).toBe("INVALID_EVENT");
    expect(error.issues.map((issue) => issue.path)).toEqual([["(actor)", "at"]]);
    const eventOnly = errorOf(transition(received(), { type: "verify", extra: 1 }, actor));
    expect(eventOnly.issues).toHaveLength(1);
    expect(eventOnly.issues[0]?.path[0]).not.toBe("(actor)");
  });

  it("lists every state an illegal event is allowed in", () => {
    expect(errorOf(transition(received(), { type: "reject", reason: "r" }, actor)).message).toBe(
      "reject (退回) is not allowed in state received; it is allowed in verified, approved",
    );
  });
});

describe("transition: header events, their audit entries, notes and effects", () => {
  it("R-LIFE-4: verify and approve add entries without line, quantity or note, and no effects", () => {
    const verified = transition(received(), { type: "verify" }, actor);
    expect(verified.ok && verified.effects).toEqual([]);
    const order = verified.ok ? verified.order : received();
    const approvedResult = transition(order, { type: "approve" }, actor);
    expect(approvedResult.ok && approvedResult.effects).toEqual([]);
    const entry = approvedResult.order?.audit.at(-1);
    expect(Object.keys(entry ?? {})).toEqual(["seq", "at", "by", "event", "from", "to"]);
  });

  it("R-LIFE-2: a failing verification counts its problems", () => {
    const order = receiveOrder({ ...registered, total: "99.00" }, actor);
    const error = errorOf(transition(order, { type: "verify" }, actor));
    expect(error.message).toBe("verification (核对) found 1 problem(s)");
    expect(error.issues).toHaveLength(1);
  });

  it("reject notifies the franchisee and notes the reason", () => {
    const result = transition(approved(), { type: "reject", reason: "wrong prices" }, actor);
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
      at: actor.at,
      by: actor.by,
      event: "reject",
      from: "approved",
      to: "rejected",
      note: "wrong prices",
    });
    const closed = transition(result.order as SalesOrder, { type: "close" }, actor);
    expect(closed.ok && closed.effects).toEqual([]);
    expect(closed.order?.audit.at(-1)).toEqual({
      seq: 5,
      at: actor.at,
      by: actor.by,
      event: "close",
      from: "rejected",
      to: "closed",
    });
  });

  it("invoice notes its invoice number; settle and close note nothing", () => {
    const fulfilled = run(
      approved(),
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
    const closed = run(
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
    const invoiced = transition(fulfilled, { type: "invoice", invoice: "INV-7" }, actor);
    expect(invoiced.ok && invoiced.effects).toEqual([]);
  });
});

describe("transition: cancel (取消)", () => {
  it("resets what allocation paid, and says why it refuses once units left", () => {
    const allocated = run(approved(), {
      type: "allocate",
      line: 1,
      quantity: 2,
      source: "funded",
      cash: "15",
      credit: "5",
    });
    expect(allocated.lines[0]?.paid).toEqual({ cash: "15", credit: "5" });
    const cancelled = run(allocated, { type: "cancel", reason: "shop closed" });
    expect(cancelled.lines.map((l) => l.paid)).toEqual([
      { cash: "0", credit: "0" },
      { cash: "0", credit: "0" },
    ]);
    const shipped = run(
      allocated,
      { type: "pick", line: 1, quantity: 2 },
      { type: "ship", line: 1, quantity: 2 },
    );
    const error = errorOf(transition(shipped, { type: "cancel", reason: "late" }, actor));
    expect(error.message).toBe("2 unit(s) already shipped: cancel only before anything ships");
    expect(error.issues).toEqual([]);
  });

  it("counts units rejected on inspection and returned as already shipped", () => {
    const inspected = run(
      approved(),
      { type: "allocate", line: 2, quantity: 3, source: "funded", cash: "60", credit: "0" },
      { type: "pick", line: 2, quantity: 3 },
      { type: "ship", line: 2, quantity: 3 },
      { type: "deliver", line: 2, quantity: 3 },
      { type: "rejectOnInspection", line: 2, quantity: 3 },
    );
    // Line 2: 3 rejected on inspection, nothing else out.
    expect(errorOf(transition(inspected, { type: "cancel", reason: "r" }, actor)).message).toBe(
      "3 unit(s) already shipped: cancel only before anything ships",
    );
    const returned = run(inspected, {
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
      actor,
    );
    expect(refund.effects).toEqual([
      {
        kind: "post-refund",
        franchisee: "F07",
        order: "SO-7",
        line: 2,
        quantity: 2,
        amount: "40.00",
        at: actor.at,
      },
    ]);
    expect(returned.state).toBe("fulfilling");
    expect(errorOf(transition(returned, { type: "cancel", reason: "r" }, actor)).message).toBe(
      "3 unit(s) already shipped: cancel only before anything ships",
    );
  });
});

describe("transition: lock and release (R-LOCK-PLACE, R-LOCK-EXPIRE)", () => {
  it("refuses a lock that does not expire after it is placed", () => {
    const error = errorOf(
      transition(
        approved(),
        { ...lockEvent(1, 1, "L1", "2026-03-31"), expiresOn: "2026-03-31" },
        actor,
      ),
    );
    expect(error).toMatchObject({
      code: "GUARD_FAILED",
      message: "a lock must expire after 2026-03-31",
      issues: [{ path: ["expiresOn"], message: "must be after lockedOn 2026-03-31" }],
    });
    expect(transition(approved(), lockEvent(1, 1, "L1", "2026-03-30"), actor).ok).toBe(true);
  });

  it("refuses a lock id the line already holds, but not one another line holds", () => {
    const once = run(approved(), lockEvent(1, 1, "L1", "2026-03-01"));
    expect(errorOf(transition(once, lockEvent(1, 1, "L1", "2026-03-02"), actor)).message).toBe(
      "line 1 already holds lock L1",
    );
    const other = run(once, lockEvent(2, 1, "L1", "2026-03-02"));
    expect(other.lines.map((l) => l.locks.map((lock) => lock.id))).toEqual([["L1"], ["L1"]]);
  });

  it("refuses a lock, release, allocation, pick, ship or return on a line the order lacks", () => {
    const order = run(approved(), lockEvent(1, 1, "L1", "2026-03-01"));
    const events = [
      lockEvent(9, 1, "L9", "2026-03-01"),
      { type: "release", line: 9, lock: "L1" },
      { type: "allocate", line: 9, quantity: 1, source: "funded", cash: "10", credit: "0" },
      { type: "pick", line: 9, quantity: 1 },
      { type: "ship", line: 9, quantity: 1 },
      { type: "return", line: 9, quantity: 1 },
    ];
    for (const event of events) {
      const state = event.type === "return" ? "fulfilling" : order.state;
      const error = errorOf(transition(order, event, actor));
      expect([error.code, error.state, error.message, error.issues]).toEqual([
        "GUARD_FAILED",
        state,
        "the order has no line 9",
        [{ path: ["line"], message: "no line 9" }],
      ]);
    }
  });

  it("keeps a line's locks oldest first, then by id", () => {
    const order = run(
      approved(),
      lockEvent(1, 1, "L-C", "2026-03-02"),
      lockEvent(1, 1, "L-B", "2026-03-01"),
      lockEvent(1, 1, "L-A", "2026-03-02"),
    );
    expect(order.lines[0]?.locks.map((lock) => lock.id)).toEqual(["L-B", "L-A", "L-C"]);
  });

  it("releases exactly the named lock of the named line, with a notice and the relock bar", () => {
    const order = run(
      approved(),
      lockEvent(1, 2, "L1", "2026-03-01"),
      lockEvent(1, 1, "L2", "2026-03-02"),
      lockEvent(2, 1, "L1", "2026-03-01"),
    );
    const result = transition(
      order,
      { type: "release", line: 1, lock: "L1", lockBlockedUntil: "2026-04-15" },
      actor,
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
      at: actor.at,
      by: actor.by,
      event: "release",
      from: "fulfilling",
      to: "fulfilling",
      note: "line 1: lock L1 released 2 unit(s)",
    });
    const plain = transition(order, { type: "release", line: 1, lock: "L2" }, actor);
    expect("lockBlockedUntil" in (plain.order?.lines[0] ?? {})).toBe(false);
    expect(
      errorOf(transition(order, { type: "release", line: 2, lock: "L2" }, actor)).message,
    ).toBe("line 2 holds no lock L2");
  });
});

describe("transition: allocate (R-ALLOC-FUNDED, R-LOCK-CONVERT)", () => {
  it("checks the split against its own line's price", () => {
    const order = run(approved(), {
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
        approved(),
        { type: "allocate", line: 1, quantity: 1, source: "funded", cash: "ten", credit: "-" },
        actor,
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
        approved(),
        { type: "allocate", line: 1, quantity: 1, source: "funded", cash: "5", credit: "0" },
        actor,
      ),
    );
    expect([error.code, error.message, error.issues]).toEqual([
      "GUARD_FAILED",
      "cash + credit (5) must equal quantity × unitPrice (10)",
      [{ path: ["cash"], message: "cash + credit must be 10" }],
    ]);
  });

  it("a funded allocation leaves the line's locks alone", () => {
    const order = run(approved(), lockEvent(1, 2, "L1", "2026-03-01"), {
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
    const locked = run(
      approved(),
      lockEvent(1, 3, "L-NEW", "2026-03-02"),
      lockEvent(1, 1, "L-OLD", "2026-03-01"),
    );
    const allocate = (quantity: number) =>
      run(locked, {
        type: "allocate",
        line: 1,
        quantity,
        source: "lock",
        cash: String(10 * quantity),
        credit: "0",
      }).lines[0]?.locks.map((lock) => [lock.id, lock.quantity]);
    expect(allocate(1)).toEqual([["L-NEW", 3]]);
    expect(allocate(2)).toEqual([["L-NEW", 2]]);
    expect(allocate(4)).toEqual([]);
    const twoOld = run(
      approved(),
      lockEvent(1, 2, "L-OLD", "2026-03-01"),
      lockEvent(1, 2, "L-NEW", "2026-03-02"),
    );
    const afterOne = run(twoOld, {
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

describe("transition: ship (R-POST-1)", () => {
  it("posts the shipped line's own price and split", () => {
    const picked = run(
      approved(),
      { type: "allocate", line: 2, quantity: 2, source: "funded", cash: "30", credit: "10" },
      { type: "pick", line: 2, quantity: 2 },
    );
    const result = transition(picked, { type: "ship", line: 2, quantity: 2 }, actor);
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
        at: actor.at,
      },
    ]);
    expect(result.order?.lines.map((l) => l.paid)).toEqual([
      { cash: "0", credit: "0" },
      { cash: "0", credit: "0" },
    ]);
  });
});

describe("transition: moving units (R-LIFE-3)", () => {
  it("says how many units the source bucket holds", () => {
    const order = run(approved(), {
      type: "allocate",
      line: 1,
      quantity: 1,
      source: "funded",
      cash: "10",
      credit: "0",
    });
    const error = errorOf(transition(order, { type: "pick", line: 1, quantity: 2 }, actor));
    expect([error.message, error.issues]).toEqual([
      "line 1 has 1 allocated unit(s); cannot move 2 to picked",
      [{ path: ["quantity"], message: "at most 1" }],
    ]);
  });

  it("audits a line event's line and quantity, and a rejection's reason", () => {
    const order = run(
      approved(),
      { type: "allocate", line: 1, quantity: 1, source: "funded", cash: "10", credit: "0" },
      { type: "pick", line: 1, quantity: 1 },
      { type: "ship", line: 1, quantity: 1 },
      { type: "deliver", line: 1, quantity: 1 },
      { type: "rejectOnInspection", line: 1, quantity: 1, reason: "torn" },
    );
    expect(order.audit.at(-1)).toEqual({
      seq: 8,
      at: actor.at,
      by: actor.by,
      event: "rejectOnInspection",
      from: "fulfilling",
      to: "fulfilling",
      line: 1,
      quantity: 1,
      note: "torn",
    });
    expect(order.audit.at(-2)).toEqual({
      seq: 7,
      at: actor.at,
      by: actor.by,
      event: "deliver",
      from: "fulfilling",
      to: "fulfilling",
      line: 1,
      quantity: 1,
    });
  });
});

describe("transition: amend (变更)", () => {
  it("§7: a bad price or a repeated line makes a malformed amendment, each at its path", () => {
    const error = errorOf(
      transition(
        approved(),
        {
          type: "amend",
          lines: [
            { line: 1, quantity: 9 },
            { line: 2, unitPrice: "cheap" },
            { line: 1, quantity: 1 },
          ],
        },
        actor,
      ),
    );
    expect([error.code, error.issues.map((issue) => issue.path)]).toEqual([
      "INVALID_EVENT",
      [
        ["lines", 1, "unitPrice"],
        ["lines", 2, "line"],
      ],
    ]);
    expect(error.issues[1]?.message).toBe("duplicate line number 1");
  });

  it("refuses a quantity below what is past open and an unknown line, all at once", () => {
    // Amend is legal only before fulfilment, when every unit is open; an order kept
    // as JSON can still say otherwise: here line 1 has 3 units allocated.
    const fulfilling = run(approved(), {
      type: "allocate",
      line: 1,
      quantity: 3,
      source: "funded",
      cash: "30",
      credit: "0",
    });
    const order: SalesOrder = { ...fulfilling, state: "approved" };
    const error = errorOf(
      transition(
        order,
        {
          type: "amend",
          lines: [
            { line: 1, quantity: 2 },
            { line: 5, quantity: 1 },
          ],
        },
        actor,
      ),
    );
    expect([error.code, error.message]).toEqual([
      "GUARD_FAILED",
      "the amendment does not fit the order",
    ]);
    expect(error.issues).toEqual([
      { path: ["lines", 0, "quantity"], message: "line 1 already has 3 unit(s) past open" },
      { path: ["lines", 1, "line"], message: "order SO-7 has no line 5" },
    ]);
    const atCommitted = transition(
      order,
      { type: "amend", lines: [{ line: 1, quantity: 3 }] },
      actor,
    );
    expect(atCommitted.order?.lines[0]?.buckets).toMatchObject({ open: 0, allocated: 3 });
  });

  it("R-LIFE-4: the amendment's note goes into its audit entry", () => {
    const amended = run(approved(), {
      type: "amend",
      lines: [{ line: 1, quantity: 5 }],
      note: "customer phoned: one more",
    });
    expect(amended.audit.at(-1)).toStrictEqual({
      seq: 4,
      at: actor.at,
      by: actor.by,
      event: "amend",
      from: "approved",
      to: "received",
      note: "customer phoned: one more",
    });
    const silent = run(approved(), { type: "amend", lines: [{ line: 1, quantity: 5 }] });
    expect("note" in (silent.audit.at(-1) ?? {})).toBe(false);
  });

  it("takes a new price, keeps an unchanged quantity, and derives amounts and the total again", () => {
    const result = transition(
      approved(),
      {
        type: "amend",
        lines: [
          { line: 1, quantity: 5 },
          { line: 2, unitPrice: "25" },
        ],
      },
      actor,
    );
    expect(result.ok && result.effects).toEqual([]);
    const amended = result.order as SalesOrder;
    expect(amended.state).toBe("received");
    expect(amended.lines.map((l) => [l.quantity, l.unitPrice, l.amount, l.buckets.open])).toEqual([
      [5, "10.00", "50", 5],
      [3, "25", "75", 3],
    ]);
    expect(amended.total).toBe("125");
  });
});
