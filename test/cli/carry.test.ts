/**
 * `fenhuo carry` in process, on an in-memory Io: the same next input as
 * carryForward (R-RUN-2), and its refusals (R-RUN-3).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { allocate, carryForward } from "../../src/index.js";
import { franchisee, order, t100, t100Wave } from "../support/fixtures.js";
import { memoryIo } from "../support/memoryIo.js";

const input = t100Wave(10, {
  franchisees: [franchisee("F01", 1, "500")],
  orders: [order("SO-1", "F01", "2026-02-10", [t100(8, "100")])],
});
let plan: ReturnType<typeof allocate>;
beforeEach(() => {
  plan = allocate(input);
});

describe("fenhuo carry", () => {
  it("R-RUN-2: writes the same next input as carryForward", async () => {
    const next = {
      asOf: "2026-03-02",
      arrivals: [{ sku: "T100", quantity: 4 }],
      payments: [{ franchisee: "F01", amount: "300" }],
      balances: [{ franchisee: "F01", cash: "300" }],
      shipped: [{ order: "SO-1", line: 1, quantity: 2 }],
    };
    const io = memoryIo({
      inputs: {
        "in.json": JSON.stringify(input),
        "plan.json": JSON.stringify(plan),
        "arrivals.json": JSON.stringify(next.arrivals),
        "payments.json": JSON.stringify(next.payments),
        "balances.json": JSON.stringify(next.balances),
        "shipped.json": JSON.stringify(next.shipped),
      },
    });
    const code = await run(
      [
        "carry",
        "in.json",
        "plan.json",
        "--as-of",
        "2026-03-02",
        "--arrivals",
        "arrivals.json",
        "--payments",
        "payments.json",
        "--balances",
        "balances.json",
        "--shipped",
        "shipped.json",
        "--out",
        "next.json",
      ],
      { io, version: async () => "0" },
    );
    expect(io.stderrText()).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(io.files.get("next.json")?.join("") ?? "")).toEqual(
      carryForward(input, plan, next),
    );
  });

  it("R-RUN-3: refuses to carry a plan into the input it was already carried into (exit 1)", async () => {
    const carried = carryForward(input, plan, { asOf: "2026-03-02" });
    const io = memoryIo({
      inputs: {
        "in.json": JSON.stringify(carried),
        "plan.json": JSON.stringify(plan),
      },
    });
    const code = await run(["carry", "in.json", "plan.json", "--as-of", "2026-03-03"], {
      io,
      version: async () => "0",
    });
    expect(code).toBe(1);
    expect(io.stderrText()).toContain(
      "plan.planId: the plan is not the plan of this input: this plan was already carried forward, or was made from another input",
    );
  });

  it("R-RUN-2, R-SCALE-2: carries a plan written with --no-trace (the trace is not needed)", async () => {
    const { trace: _trace, ...untraced } = plan;
    const io = memoryIo({
      inputs: { "in.json": JSON.stringify(input), "plan.json": JSON.stringify(untraced) },
    });
    const code = await run(["carry", "in.json", "plan.json", "--as-of", "2026-03-02"], {
      io,
      version: async () => "0",
    });
    expect(io.stderrText()).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(io.stdoutText())).toEqual(carryForward(input, plan, { asOf: "2026-03-02" }));
  });

  it("needs <input>, <plan.json> and --as-of (exit 2)", async () => {
    const io = memoryIo();
    expect(await run(["carry", "in.json"], { io, version: async () => "0" })).toBe(2);
    expect(io.stderrText()).toContain("carry: needs <input>, <plan.json> and --as-of <date>");
  });
});
