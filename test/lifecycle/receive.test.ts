/** Registration (登记): `receiveOrder` parses an order at the edge (R-LIFE-2, R-UNIT-2, §7). */
import { describe, expect, it } from "vitest";
import { type Actor, InputError, receiveOrder } from "../../src/index.js";
import { so1, so7 } from "../support/lifecycle.js";

const { actor, input: registered } = so7;

function inputIssues(input: unknown, who: Actor = actor): [string, string][] {
  try {
    receiveOrder(input, who);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((issue) => [JSON.stringify(issue.path), issue.message]);
  }
  throw new Error("receiveOrder accepted the input");
}

describe("R-LIFE-2 and §7: receiveOrder (登记) keeps what it is given and reports every problem", () => {
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

  it("rejects a structurally broken order at registration with every path", () => {
    expect(() =>
      receiveOrder({ id: "", franchisee: "F01", orderedOn: "2026-02-30", lines: [] }, so1.actor),
    ).toThrow(InputError);
    try {
      receiveOrder({ id: "", franchisee: "F01", orderedOn: "2026-02-30", lines: [] }, so1.actor);
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path.join("."))).toEqual([
        "id",
        "orderedOn",
        "lines",
      ]);
    }
  });
});
