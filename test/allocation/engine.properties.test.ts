/**
 * The second engine's own machinery (R-SCALE-1), held to the plain readings it
 * replaced: the packed line ranking to a comparator, integer money to decimal.js,
 * the compact trace to the decisions the plan prints.
 */
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPasses } from "../../src/allocation/allocate.js";
import { byKey } from "../../src/allocation/lineTable.js";
import { sortIds } from "../../src/allocation/lockIds.js";
import { buildPlan, compactTraceOf } from "../../src/allocation/output.js";
import { runMoney } from "../../src/allocation/runMoney.js";
import { createRunState } from "../../src/allocation/state.js";
import { TraceRecorder } from "../../src/allocation/trace.js";
import { isAbout, type TraceRef } from "../../src/allocation/traceRead.js";
import {
  type AllocationInput,
  type AllocationPlan,
  allocate,
  type Decision,
  explain,
  formatAmount,
  Money,
  parseAllocationInput,
} from "../../src/index.js";
import { allocationInput } from "../support/arbitraries.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const params = propertyParams(propertyRuns(300));

function request(input: AllocationInput) {
  const parsed = parseAllocationInput(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function planIn(input: AllocationInput, money: "auto" | "decimal"): AllocationPlan {
  const state = createRunState(request(input), money);
  runPasses(state);
  return buildPlan(state);
}

/** Every money string of an input with `digits` more fraction digits (same value when they are 0s, else a little more). */
function withFractionDigits(input: AllocationInput, tail: string): AllocationInput {
  const widen = (amount: unknown) =>
    typeof amount === "string"
      ? amount.includes(".")
        ? `${amount}${tail}`
        : `${amount}.${tail}`
      : amount;
  return {
    ...input,
    franchisees: (input.franchisees ?? []).map((f) => ({ ...f, cash: widen(f.cash) as string })),
    orders: (input.orders ?? []).map((o) => ({
      ...o,
      lines: o.lines.map((l) => ({ ...l, unitPrice: widen(l.unitPrice) as string })),
    })),
  };
}

/** Every demand a plan can be asked about: each order line, store need and region need of the input. */
function refsOf(input: AllocationInput): TraceRef[] {
  const refs: TraceRef[] = [];
  for (const o of input.orders ?? [])
    for (const l of o.lines) refs.push({ kind: "order-line", order: o.id, line: l.line });
  for (const n of input.storeNeeds ?? []) refs.push({ kind: "store", store: n.store, sku: n.sku });
  for (const n of input.regionNeeds ?? [])
    refs.push({ kind: "region", region: n.region, sku: n.sku });
  refs.push({ kind: "order-line", order: "no-such-order", line: 1 });
  return refs;
}

describe("properties", () => {
  it("R-RANK-LINE: counting sorts key by key order items as a comparator over all keys does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 6 }), fc.nat({ max: 4 })), { maxLength: 60 }),
        (keys) => {
          const first = (i: number) => (keys[i] as [number, number])[0];
          const second = (i: number) => (keys[i] as [number, number])[1];
          const bySecond = byKey(Int32Array.from(keys.keys()), second, 5);
          const { sorted, begin } = byKey(bySecond.sorted, first, 7);
          const expected = [...keys.keys()].sort(
            (a, b) => first(a) - first(b) || second(a) - second(b) || a - b,
          );
          expect([...sorted]).toEqual(expected);
          for (let k = 0; k < 7; k++) {
            const group = [...sorted.subarray(begin[k], begin[k + 1])];
            expect(group).toEqual(expected.filter((i) => first(i) === k));
          }
        },
      ),
      params,
    );
  });

  it("R-UNIT-4: sortIds puts lock ids in code-unit order, as Array.prototype.sort does, however near sorted they come", () => {
    // Lock ids as a franchisee's lines give them (orders in id order, lines ascending), ids
    // whose orders prefix one another, shuffled lists past the insertion sort's move bound.
    const orderId = fc.stringMatching(/^[A-Z0-9~-]{1,4}$/);
    const lockIdsInLineOrder = fc
      .uniqueArray(fc.tuple(orderId, fc.integer({ min: 1, max: 120 })), {
        selector: ([order, line]) => `${order}\u0000${line}`,
        maxLength: 60,
      })
      .map((pairs) =>
        pairs
          .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x - y))
          .map(([order, line]) => `LK-2026-03-01-${order}-${line}`),
      );
    const shuffled = fc.uniqueArray(fc.string({ unit: "grapheme", maxLength: 6 }), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(fc.oneof(lockIdsInLineOrder, shuffled), (ids) => {
        const expected = [...ids].sort();
        const input = [...ids];
        const sorted = sortIds(input);
        expect(sorted).toBe(input);
        expect(sorted).toEqual(expected);
      }),
      params,
    );
    // A reversed list spends the move bound at once and is sorted outright.
    const reversed = Array.from({ length: 50 }, (_, k) => `id-${String(k).padStart(3, "0")}`);
    expect(sortIds([...reversed].reverse())).toEqual(reversed);
  });

  it("R-SCALE-1: a run in scaled integers gives the plan a run in decimal.js gives, to the character", () => {
    fc.assert(
      fc.property(
        allocationInput,
        fc.constantFrom("", "0000000000", "0000000001", "5"),
        (input, tail) => {
          const wide = tail === "" ? input : withFractionDigits(input, tail);
          const integer = planIn(wide, "auto");
          // Everyday amounts run in integers (12 fraction digits may need decimal.js).
          if (tail === "") expect(createRunState(request(wide)).money.zero).toBe(0);
          expect(JSON.stringify(integer)).toBe(JSON.stringify(planIn(wide, "decimal")));
        },
      ),
      params,
    );
  });

  it("R-SCALE-1: scaled amounts print as formatAmount prints them, and divide exactly", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 12 }),
        fc.nat({ max: 4 }),
        fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
        fc.bigInt({ min: 1n, max: 2n ** 40n }),
        (scale, minor, value, divisor) => {
          const minorDigits = Math.min(minor, scale);
          const cash = new Money(value.toString()).div(new Money(10).pow(scale));
          // A run whose one amount has `scale` fraction digits: its money has that scale.
          const scaled = runMoney(
            request({
              asOf: "2026-03-01",
              franchisees: [
                {
                  id: "F",
                  priority: 1,
                  cash: new Money(1).div(new Money(10).pow(scale)).toFixed(scale),
                },
              ],
            }),
            { prices: [], units: 0 },
            minorDigits,
          );
          expect(scaled.zero).toBe(0);
          const amount = scaled.of(cash);
          expect(amount).toBe(Number(value));
          expect(scaled.text(amount)).toBe(formatAmount(cash, minorDigits));
          expect(scaled.decimal(amount).eq(cash)).toBe(true);
          const d = Number(divisor);
          expect(scaled.quotient(amount, d)).toBe(Number(value / divisor));
        },
      ),
      params,
    );
  });

  it("R-SCALE-1, §3.7: the compact trace, read about one demand, is the printed trace's decisions about it — what explain reads", () => {
    fc.assert(
      fc.property(allocationInput, (input) => {
        const fresh = allocate(input);
        const printed = JSON.parse(JSON.stringify(allocate(input))) as AllocationPlan;
        for (const ref of refsOf(input)) {
          const expected = printed.trace.filter((decision) => isAbout(decision, ref));
          expect(compactTraceOf(fresh)?.about(ref)).toEqual(expected);
          expect(explain(fresh, ref)).toEqual(explain(printed, ref));
        }
        expect(fresh.trace).toEqual(printed.trace);
        // Once read, the plan's own trace is what explain reads: the same answers.
        expect(compactTraceOf(fresh)).toBeUndefined();
        for (const ref of refsOf(input)) expect(explain(fresh, ref)).toEqual(explain(printed, ref));
      }),
      params,
    );
  });
});

describe("runMoney", () => {
  it("R-SCALE-1: keeps decimal.js when a scaled amount could pass 2^53", () => {
    const input: AllocationInput = {
      asOf: "2026-03-01",
      products: [{ sku: "A", season: "SS" }],
      supply: [{ sku: "A", quantity: 3 }],
      franchisees: [{ id: "F", priority: 1, cash: "90000000000000.01" }],
      orders: [
        {
          id: "SO",
          franchisee: "F",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "A", quantity: 3, unitPrice: "30000000000000.01" }],
        },
      ],
    };
    expect(createRunState(request(input)).money.zero).toBeInstanceOf(Decimal);
    const plan = allocate(input);
    // Three cost 90000000000000.03, a cent more than the cash: two, by hand.
    expect(plan.franchiseeAllocations[0]?.quantity).toBe(2);
    expect(plan.franchiseeAllocations[0]?.amount).toBe("60000000000000.02");
    expect(plan.balances[0]?.cashAfter).toBe("29999999999999.99");
  });

  it("R-SCALE-1: keeps decimal.js when the highest price alone could pass 2^53, wherever it stands", () => {
    // Little money, but 3 × 30000000000000.01 in hundredths is past 2^53 (twice, with room).
    const line = (n: number, unitPrice: string) => ({ line: n, sku: "A", quantity: 3, unitPrice });
    for (const prices of [
      ["30000000000000.01", "1"],
      ["1", "30000000000000.01"],
    ]) {
      const input: AllocationInput = {
        asOf: "2026-03-01",
        products: [{ sku: "A", season: "SS" }],
        franchisees: [{ id: "F", priority: 1, cash: "1" }],
        orders: [
          {
            id: "SO",
            franchisee: "F",
            orderedOn: "2026-02-01",
            lines: prices.map((price, k) => line(k + 1, price)),
          },
        ],
      };
      expect(createRunState(request(input)).money.zero).toBeInstanceOf(Decimal);
    }
  });

  it("R-SCALE-1: uses scaled integers for a wave of everyday amounts", () => {
    const input: AllocationInput = {
      asOf: "2026-03-01",
      franchisees: [{ id: "F", priority: 1, cash: "5000.125" }],
    };
    expect(createRunState(request(input)).money.zero).toBe(0);
    expect(allocate(input).balances[0]?.spendableBefore).toBe("5000.125");
  });
});

describe("a plan's fields made when read (R-SCALE-1)", () => {
  const input: AllocationInput = {
    asOf: "2026-03-01",
    products: [{ sku: "T100", season: "SS" }],
    supply: [{ sku: "T100", quantity: 3 }],
    franchisees: [{ id: "F01", priority: 1, cash: "1000" }],
    orders: [
      {
        id: "SO-1",
        franchisee: "F01",
        orderedOn: "2026-02-10",
        lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "100" }],
      },
    ],
  };
  const ref: TraceRef = { kind: "order-line", order: "SO-1", line: 1 };

  it("explain answers a fresh plan from its compact trace and leaves the trace unmade", () => {
    const plan = allocate(input);
    expect(explain(plan, ref).decisions).toHaveLength(2);
    expect(compactTraceOf(plan)).toBeDefined();
    expect(Object.getOwnPropertyDescriptor(plan, "trace")?.get).toBeDefined();
  });

  it("once read, trace and planId are plain data properties, in the same key order", () => {
    const plan = allocate(input);
    const keys = Object.keys(plan);
    expect(plan.trace).toHaveLength(2);
    expect(plan.planId).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.getOwnPropertyDescriptor(plan, "trace")).toMatchObject({ writable: true });
    expect(Object.getOwnPropertyDescriptor(plan, "planId")).toMatchObject({ writable: true });
    expect(Object.keys(plan)).toEqual(keys);
    expect(keys[0]).toBe("planId");
    expect(keys.at(-1)).toBe("trace");
    // From then on the plan's own trace is what explain reads.
    expect(compactTraceOf(plan)).toBeUndefined();
    // Plain properties: deletable like any other.
    const record: Record<string, unknown> = plan;
    delete record.trace;
    delete record.planId;
    expect(Object.keys(plan)).toEqual(keys.slice(1, -1));
  });

  it("a plan frozen before its trace and planId are read still gives them, the same each time", () => {
    const plan = Object.freeze(allocate(input));
    const open = allocate(input);
    const answer = explain(open, ref);
    expect(compactTraceOf(plan)).toBeDefined();
    // Read twice: the getter stays (a frozen property cannot be redefined) and makes them once.
    expect(plan.trace).toBe(plan.trace);
    expect(plan.trace).toEqual(open.trace);
    expect(plan.planId).toBe(open.planId);
    expect(JSON.stringify(plan)).toBe(JSON.stringify(open));
    // Once given, the frozen plan's trace array is what explain reads, as on any plan.
    expect(compactTraceOf(plan)).toBeUndefined();
    expect(explain(plan, ref)).toEqual(answer);
    (plan.trace as Decision[]).length = 1;
    expect(explain(plan, ref).decisions).toHaveLength(1);
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 2 }).found).toBe(false);
    expect(() => {
      (plan as { trace: unknown }).trace = [];
    }).toThrow(TypeError);
  });

  it("explain on a fresh plan finds nothing for a line the wave does not have", () => {
    const order = input.orders?.[0] as NonNullable<AllocationInput["orders"]>[number];
    const line = { line: 2, sku: "T100", quantity: 1, unitPrice: "100" };
    const plan = allocate({ ...input, orders: [{ ...order, lines: [...order.lines, line] }] });
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 2 }).found).toBe(true);
    for (const missing of [
      { kind: "order-line", order: "SO-1", line: 3 },
      { kind: "order-line", order: "SO-0", line: 1 },
      { kind: "order-line", order: "SO-2", line: 1 },
    ] as const) {
      expect(explain(plan, missing).found).toBe(false);
      expect(explain(plan, missing).decisions).toEqual([]);
    }
  });

  it("a plan's trace and planId can be replaced or deleted before they are read, as on any object", () => {
    const plan = allocate(input) as { -readonly [K in keyof AllocationPlan]: AllocationPlan[K] };
    plan.trace = [];
    plan.planId = "f".repeat(64);
    expect(plan.trace).toEqual([]);
    expect(plan.planId).toBe("f".repeat(64));
    expect(explain(plan, ref).found).toBe(false);
    const other: Record<string, unknown> = allocate(input);
    delete other.trace;
    expect("trace" in other).toBe(false);
    expect(JSON.parse(JSON.stringify(other)).trace).toBeUndefined();
  });

  it("a run that records more decisions than its bound is a bug, reported, not rows lost", () => {
    const trace = new TraceRecorder(0);
    expect(() =>
      trace.direct(
        {
          kind: "region",
          need: { region: "R", sku: "S", quantity: 1 },
          sku: { sku: "S", season: "SS", seasonInForce: "SS", seasonal: true },
        },
        1,
        1,
        0,
        1,
        1,
        1,
      ),
    ).toThrow(new RangeError("trace capacity exceeded"));
  });
});
