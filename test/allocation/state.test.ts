/** The run state (src/allocation/state.ts): which lines take part, in R-RANK-LINE order. */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { franchisee, order, t100, t100Wave } from "../support/fixtures.js";

describe("R-RANK-LINE: a line with nothing outstanding takes no rank", () => {
  it("ranks line 2 first when line 1 is already allocated in full", () => {
    const plan = allocate(
      t100Wave(5, {
        franchisees: [franchisee("F1", 1, "100")],
        orders: [
          order("SO-1", "F1", "2026-02-01", [t100(2, "10", { allocated: 2 }), t100(1, "10")]),
        ],
      }),
    );
    expect(plan.trace).toHaveLength(1);
    expect(plan.trace[0]).toMatchObject({ pass: "funded", line: 2, lineRank: 1, quantity: 1 });
  });
});
