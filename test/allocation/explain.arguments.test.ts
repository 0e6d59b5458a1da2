/**
 * explain's arguments and its R-RUN-1 note: each problem under the argument it
 * is in, and the committed-money note only for the franchisee it concerns.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { type AllocationInput, allocate, explain, InputError } from "../../src/index.js";
import { franchisee, order, t100, t100Wave } from "../support/fixtures.js";

function pathsOf(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((issue) => issue.path.join("."));
    throw error;
  }
  throw new Error("expected an InputError");
}

// F01 has 300 of its 500 committed by an earlier run (R-RUN-1); F02 has nothing committed.
const input: AllocationInput = t100Wave(4, {
  franchisees: [franchisee("F01", 1, "500"), franchisee("F02", 2, "500")],
  orders: [
    order("SO-1", "F01", "2026-02-10", [t100(5, "100", { allocated: 3 })]),
    order("SO-2", "F02", "2026-02-10", [t100(2, "100")]),
  ],
  commitments: [
    {
      order: "SO-1",
      line: 1,
      franchisee: "F01",
      sku: "T100",
      quantity: 3,
      cash: "300",
      credit: "0",
    },
  ],
});

describe("explain: arguments and the R-RUN-1 note", () => {
  let plan: ReturnType<typeof allocate>;
  beforeEach(() => {
    plan = allocate(input);
  });

  it("a bad ref is reported under ref, a bad plan under plan", () => {
    expect(
      pathsOf(() =>
        explain(plan, { kind: "order-line", order: "SO-1", line: "1" } as unknown as {
          kind: "order-line";
          order: string;
          line: number;
        }),
      ),
    ).toEqual(["(ref).line"]);
    const broken = { ...plan, asOf: 5 } as unknown as typeof plan;
    expect(pathsOf(() => explain(broken, { kind: "order-line", order: "SO-1", line: 1 }))).toEqual([
      "(plan).asOf",
    ]);
  });

  it("R-RUN-1: the note on committed money is on F01's line, not on F02's", () => {
    // F01: 500 − 300 committed = 200 spendable buys 2 of its 2 open units; F02 gets the other 2.
    const f01 = explain(plan, { kind: "order-line", order: "SO-1", line: 1 });
    const f02 = explain(plan, { kind: "order-line", order: "SO-2", line: 1 });
    expect(f01.sentence).toContain(
      "Franchisee F01's spendable was net of 300.00 committed by earlier runs and not yet posted (R-RUN-1).",
    );
    expect(f02.sentence).not.toContain("R-RUN-1");
    expect(f02.found).toBe(true);
  });
});
