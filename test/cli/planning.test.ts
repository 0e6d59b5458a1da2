/**
 * `fenhuo compare` (R-WHATIF) and `fenhuo exceptions` (R-EXCEPT) in process, on
 * an in-memory Io: the same results as comparePlans, simulate and exceptions.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { allocate, comparePlans, exceptions, simulate } from "../../src/index.js";
import { franchisee, order, t100, t100Wave } from "../support/fixtures.js";
import { memoryIo } from "../support/memoryIo.js";

const input = t100Wave(7, {
  franchisees: [franchisee("F1", 1, "10000"), franchisee("F2", 1, "10000")],
  orders: [
    order("SO-1", "F1", "2026-02-01", [t100(9)]),
    order("SO-2", "F2", "2026-02-01", [t100(6)]),
  ],
});
let a: ReturnType<typeof allocate>;
let b: ReturnType<typeof allocate>;
beforeEach(() => {
  a = allocate(input);
  b = allocate({ ...input, policy: { share: "proportional" } });
});

describe("fenhuo compare and fenhuo exceptions", () => {
  it("R-WHATIF: compare of two plans prints comparePlans as JSON, and as tables", async () => {
    const inputs = { "a.json": JSON.stringify(a), "b.json": JSON.stringify(b) };
    const json = memoryIo({ inputs });
    expect(
      await run(["compare", "a.json", "b.json", "--format", "json"], {
        io: json,
        version: async () => "0",
      }),
    ).toBe(0);
    expect(JSON.parse(json.stdoutText())).toEqual(comparePlans(a, b));
    const table = memoryIo({ inputs });
    expect(
      await run(["compare", "a.json", "b.json"], { io: table, version: async () => "0" }),
    ).toBe(0);
    const text = table.stdoutText();
    expect(text).toContain("Demands treated differently (2)");
    expect(text).toContain(
      "SO-1 line 1 (F1)  T100  7 allocated, 0 locked, 2 unfilled (stock)  4 allocated, 0 locked, 5 unfilled (stock)",
    );
    expect(text).toContain("order lines  7 of 15 (0.4667)  7 of 15 (0.4667)");
  });

  it("R-WHATIF: compare of one input under --policy files prints simulate's comparisons", async () => {
    const io = memoryIo({
      inputs: {
        "in.json": JSON.stringify(input),
        "seed.json": "{}",
        "share.json": '{ "share": "proportional" }',
      },
    });
    const code = await run(
      ["compare", "in.json", "--policy", "seed.json", "--policy", "share.json", "-f", "json"],
      { io, version: async () => "0" },
    );
    expect(io.stderrText()).toBe("");
    expect(code).toBe(0);
    const expected = simulate(input, { "seed.json": {}, "share.json": { share: "proportional" } });
    expect(JSON.parse(io.stdoutText())).toEqual(expected.comparisons);
  });

  it("R-WHATIF: a bad policy file is listed with its path; a wrong call is a usage error", async () => {
    const io = memoryIo({
      inputs: { "in.json": JSON.stringify(input), "a.json": "{}", "bad.json": '{ "minFill": 2 }' },
    });
    expect(
      await run(["compare", "in.json", "--policy", "a.json", "--policy", "bad.json"], {
        io,
        version: async () => "0",
      }),
    ).toBe(1);
    expect(io.stderrText()).toBe(
      'fenhuo: cannot compare: 1 problem\n  variants["bad.json"].minFill: must be at most 1 (a share of the outstanding quantity)\n',
    );
    const usage = memoryIo();
    expect(await run(["compare", "only.json"], { io: usage, version: async () => "0" })).toBe(2);
    expect(
      await run(["compare", "a", "b", "--format", "xml"], { io: usage, version: async () => "0" }),
    ).toBe(2);
  });

  it("R-EXCEPT: exceptions prints the list as JSON and as a table; --within-days must be a number", async () => {
    const wave = t100Wave(10, {
      franchisees: [franchisee("F1", 1, "500")],
      orders: [order("SO-1", "F1", "2026-02-01", [t100(8)])],
    });
    const plan = allocate(wave);
    const inputs = { "plan.json": JSON.stringify(plan) };
    const json = memoryIo({ inputs });
    expect(
      await run(["exceptions", "plan.json", "--within-days", "15", "-f", "json"], {
        io: json,
        version: async () => "0",
      }),
    ).toBe(0);
    expect(JSON.parse(json.stdoutText())).toEqual(exceptions(plan, { withinDays: 15 }));
    const table = memoryIo({ inputs });
    expect(
      await run(["exceptions", "plan.json", "--within-days", "15"], {
        io: table,
        version: async () => "0",
      }),
    ).toBe(0);
    expect(table.stdoutText()).toContain("Exceptions (1)");
    expect(table.stdoutText()).toContain(
      "high      LOCK_EXPIRING  Lock LK-2026-03-01-SO-1-1 of 3 T100",
    );
    const bad = memoryIo({ inputs });
    expect(
      await run(["exceptions", "plan.json", "--within-days", "soon"], {
        io: bad,
        version: async () => "0",
      }),
    ).toBe(2);
  });

  it("R-WHATIF: a --policy file given twice is a usage error; files named like numbers compare in the order simulate keeps", async () => {
    const version = async () => "0";
    const inputs = {
      "in.json": JSON.stringify(input),
      s: "{}",
      "10": '{ "share": "proportional" }',
      "2": "{}",
    };
    const twice = memoryIo({ inputs });
    expect(
      await run(["compare", "in.json", "--policy", "s", "--policy", "s"], { io: twice, version }),
    ).toBe(2);
    expect(twice.stderrText()).toContain("--policy s is given twice");
    const numbered = memoryIo({ inputs });
    expect(
      await run(["compare", "in.json", "--policy", "10", "--policy", "2", "-f", "json"], {
        io: numbered,
        version,
      }),
    ).toBe(0);
    expect(Object.keys(JSON.parse(numbered.stdoutText()))).toEqual(["10"]);
  });
});
