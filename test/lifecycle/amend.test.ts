/** Amendment (变更): the guard and update the machine names for `amend` (R-LIFE-1, R-LIFE-4). */
import { describe, expect, it } from "vitest";
import { type SalesOrder, transition } from "../../src/index.js";
import { errorOf, so7 } from "../support/lifecycle.js";

const { actor, run, approved } = so7;

describe("R-LIFE-1: amend (变更) re-enters received; its guard lists every misfit, its update derives amounts again", () => {
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
      {
        path: ["lines", 0, "quantity"],
        code: "too_small",
        message: "line 1 already has 3 unit(s) past open",
      },
      {
        path: ["lines", 1, "line"],
        code: "unknown_reference",
        message: "order SO-7 has no line 5",
      },
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
