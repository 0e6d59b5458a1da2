import { describe, expect, it } from "vitest";
import {
  type Actor,
  allocate,
  allocationDemand,
  applyPlan,
  InputError,
  isFulfilled,
  LIFECYCLE,
  type PickList,
  pickLists,
  postPickList,
  receiveOrder,
  type SalesOrder,
  transition,
} from "../../src/index.js";
import { bucketsWith, runEvents } from "../support/lifecycle.js";

const actor: Actor = { by: "sales:li", at: "2026-02-10T09:00:00+08:00" };

const registered = {
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
};

/** Applies events in order, failing the test on the first refusal. */
function run(order: SalesOrder, ...events: object[]): SalesOrder {
  return runEvents(order, actor, ...events);
}

const approved = () =>
  run(receiveOrder(registered, actor), { type: "verify" }, { type: "approve" });

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

  it("rejects a structurally broken order at registration with every path", () => {
    expect(() =>
      receiveOrder({ id: "", franchisee: "F01", orderedOn: "2026-02-30", lines: [] }, actor),
    ).toThrow(InputError);
    try {
      receiveOrder({ id: "", franchisee: "F01", orderedOn: "2026-02-30", lines: [] }, actor);
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path.join("."))).toEqual([
        "id",
        "orderedOn",
        "lines",
      ]);
    }
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
        ["pick", "ship", "deliver", "accept"].map((type) => ({ type, line, quantity: 2 })),
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
      issues: [{ path: ["line"], message: "nothing open or locked" }],
    });
    const noSuchLine = transition(partly, { type: "cancelRemaining", line: 9, reason: "x" }, actor);
    expect(noSuchLine.error).toMatchObject({
      code: "GUARD_FAILED",
      issues: [{ path: ["line"], message: "no line 9" }],
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

describe("the machine as data", () => {
  it("declares every event's allowed states and target", () => {
    expect(Object.keys(LIFECYCLE.events)).toHaveLength(18);
    expect(LIFECYCLE.events.cancel.from).toEqual([
      "received",
      "verified",
      "approved",
      "fulfilling",
    ]);
  });
});

describe("R-PICK-1: pick lists per destination, and posting one ships exactly its units", () => {
  /** Built inside each test, so a mutation run sees which test covers which code. */
  const planOf = () =>
    allocate({
      asOf: "2026-03-01",
      products: [
        { sku: "T100", season: "SS" },
        { sku: "D200", season: "SS" },
      ],
      supply: [
        { sku: "T100", quantity: 20 },
        { sku: "D200", quantity: 3 },
      ],
      franchisees: [{ id: "F01", priority: 1, cash: "10000" }],
      ...allocationDemand([approved()]),
      regions: [{ id: "shenzhen" }],
      stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 4 }],
      regionNeeds: [{ region: "shenzhen", sku: "T100", quantity: 2 }],
    });

  it("lists franchisees, then stores, then regions, SKUs in order, with the order lines behind them", () => {
    expect(pickLists(planOf())).toEqual([
      {
        destination: { kind: "franchisee", franchisee: "F01" },
        lines: [
          { sku: "D200", quantity: 2, orders: [{ order: "SO-1", line: 2, quantity: 2 }] },
          { sku: "T100", quantity: 5, orders: [{ order: "SO-1", line: 1, quantity: 5 }] },
        ],
        units: 7,
      },
      {
        destination: { kind: "store", store: "SZ-1", region: "shenzhen" },
        lines: [{ sku: "T100", quantity: 4 }],
        units: 4,
      },
      {
        destination: { kind: "region", region: "shenzhen" },
        lines: [{ sku: "T100", quantity: 2 }],
        units: 2,
      },
    ]);
  });

  it("applies the plan to the order, then ships exactly the pick list's units", () => {
    const plan = planOf();
    const applied = applyPlan([approved()], plan, actor);
    expect(applied.ok).toBe(true);
    const [franchiseeList] = pickLists(plan);
    const shipped = postPickList(applied.orders ?? [], franchiseeList as PickList, actor);
    expect(
      shipped.orders?.[0]?.lines.map((line) => [line.buckets.shipped, line.buckets.allocated]),
    ).toEqual([
      [5, 0],
      [2, 0],
    ]);
    expect(
      shipped.effects?.map(
        (effect) => effect.kind === "post-shipment" && [effect.line, effect.amount],
      ),
    ).toEqual([
      [2, "198.00"],
      [1, "495.00"],
    ]);
    const again = postPickList(shipped.orders ?? [], franchiseeList as PickList, actor);
    expect(again.ok).toBe(false);
  });
});
