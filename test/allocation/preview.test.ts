/**
 * R-PREVIEW: `previewAllocation` — the plan the arriving units would give,
 * money as given or unlimited, committing nothing (SPEC §10, Appendix B).
 */
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  type AllocationPlan,
  allocate,
  InputError,
  type Issue,
  previewAllocation,
  safePreviewAllocation,
} from "../../src/index.js";
import { allocationInput, deepFreeze } from "../support/arbitraries.js";
import { carriedLock, franchisee, order, t100, t100Wave } from "../support/fixtures.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

/** 99 units of T100 in the input's own supply; F1 (200.00) and F2 (0) each want 3 at 100.00. */
function input(parts: Partial<AllocationInput> = {}): AllocationInput {
  return t100Wave(99, {
    franchisees: [franchisee("F2", 1, "0"), franchisee("F1", 2, "200")],
    orders: [
      order("SO-1", "F1", "2026-02-10", [t100(3)]),
      order("SO-2", "F2", "2026-02-11", [t100(3)]),
    ],
    ...parts,
  });
}

const arrivals = (quantity: number) => [{ sku: "T100", quantity }];

/** A plan's franchisee allocations as [franchisee, quantity, source]. */
const served = (plan: AllocationPlan) =>
  plan.franchiseeAllocations.map((row) => [row.franchisee, row.quantity, row.source]);

/** The issues `safePreviewAllocation` finds, as [path, code]. */
function issuesOf(...args: Parameters<typeof safePreviewAllocation>): [Issue["path"], string][] {
  const result = safePreviewAllocation(...args);
  if (result.ok) throw new Error("expected issues");
  return result.issues.map((issue) => [issue.path, issue.code]);
}

describe("R-PREVIEW previewAllocation", () => {
  it("R-PREVIEW: allocates the arrivals alone — the input's own supply is not part of the preview", () => {
    // 4 arriving: F2 (priority 1) has no money, so F1 buys its 2 (200.00) and the rest is locked.
    const plan = previewAllocation(input(), arrivals(4));
    expect(plan.franchiseeAllocations).toEqual([
      {
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 2,
        unitPrice: "100.00",
        amount: "200.00",
        cash: "200.00",
        credit: "0.00",
        source: "funded",
      },
    ]);
    // The lock pass takes the 2 units left, F2 first (priority 1), from the arrivals only.
    expect(plan.locks.map((lock) => [lock.order, lock.quantity])).toEqual([["SO-2", 2]]);
    expect(plan.remaining).toEqual([]);
    expect(plan.preview).toEqual({ money: "as-given", arrivals: [{ sku: "T100", quantity: 4 }] });
  });

  it("R-PREVIEW: with money as given, is the run of the input with the arrivals as its supply", () => {
    const given = input();
    const { preview, ...plan } = previewAllocation(given, arrivals(4));
    expect(plan).toEqual(allocate({ ...given, supply: arrivals(4) }));
    expect(preview?.money).toBe("as-given");
  });

  it("R-PREVIEW: with money unlimited, every franchisee is funded and they rank by priority, then id", () => {
    // 4 arriving: F2 (priority 1, no money) takes its 3, F1 the last one.
    const plan = previewAllocation(input(), arrivals(4), { money: "unlimited" });
    expect(
      plan.franchiseeAllocations.map((row) => [row.franchisee, row.quantity, row.amount]),
    ).toEqual([
      ["F1", 1, "100.00"],
      ["F2", 3, "300.00"],
    ]);
    expect(plan.locks).toEqual([]);
    expect(
      plan.unfilled.map((row) => [
        row.kind === "order-line" && row.franchisee,
        row.quantity,
        row.reason,
      ]),
    ).toEqual([["F1", 2, "stock"]]);
    expect(plan.preview?.money).toBe("unlimited");
    // Equal priority: id decides, not money.
    const tied = input({
      franchisees: [
        franchisee("F2", 1, "0"),
        franchisee("F1", 1, "0"),
        franchisee("F0", 1, "5000"),
      ],
      orders: [
        order("SO-1", "F1", "2026-02-10", [t100(3)]),
        order("SO-2", "F2", "2026-02-11", [t100(3)]),
        order("SO-0", "F0", "2026-02-11", [t100(3)]),
      ],
    });
    const ranked = previewAllocation(tied, arrivals(7), { money: "unlimited" });
    expect(ranked.franchiseeAllocations.map((row) => [row.franchisee, row.quantity])).toEqual([
      ["F0", 3],
      ["F1", 3],
      ["F2", 1],
    ]);
  });

  it("R-PREVIEW: money unlimited even where only cash counts as funds (creditCountsAsFunds: false)", () => {
    const given = input({ policy: { creditCountsAsFunds: false } });
    const plan = previewAllocation(given, arrivals(6), { money: "unlimited" });
    expect(plan.franchiseeAllocations.map((row) => [row.franchisee, row.quantity])).toEqual([
      ["F1", 3],
      ["F2", 3],
    ]);
  });

  it("R-PREVIEW: with money unlimited, each allocation is paid from the franchisee's own money first, the rest from the purse its spend order draws last", () => {
    // F1 has 200.00 cash and 50.00 of credit room; 3 units cost 300.00.
    const given = input({
      franchisees: [franchisee("F1", 1, "200", { creditLimit: "80", creditUsed: "30" })],
      orders: [order("SO-1", "F1", "2026-02-10", [t100(3)])],
    });
    const parts = (spendOrder: "cash-first" | "credit-first") => {
      const plan = previewAllocation({ ...given, policy: { spendOrder } }, arrivals(3), {
        money: "unlimited",
      });
      return plan.franchiseeAllocations.map((row) => [row.amount, row.cash, row.credit]);
    };
    expect(parts("cash-first")).toEqual([["300.00", "200.00", "100.00"]]);
    expect(parts("credit-first")).toEqual([["300.00", "250.00", "50.00"]]);
  });

  it("R-PREVIEW: lists the locks it releases and gives their lines back their units, but keeps the released units out of its stock (R-LOCK-EXPIRE)", () => {
    // L1 (2 units of SO-1) expired on 02-28; the preview on 03-01 releases it.
    const given = input({
      locks: [carriedLock("L1", "2026-02-13", "2026-02-28", { quantity: 2 })],
    });
    const plan = previewAllocation(given, arrivals(3), { money: "unlimited" });
    expect(plan.releasedLocks.map((lock) => [lock.id, lock.quantity])).toEqual([["L1", 2]]);
    // Only the 3 arriving units are allocated: F2 (priority 1) takes them; F1's 3 wait.
    expect(plan.franchiseeAllocations.map((row) => [row.franchisee, row.quantity])).toEqual([
      ["F2", 3],
    ]);
    expect(
      plan.unfilled.map((row) => [row.kind === "order-line" && row.franchisee, row.quantity]),
    ).toEqual([["F1", 3]]);
    expect(plan.remaining).toEqual([]);
  });

  it("R-PREVIEW: a lock still active converts as the run would, and its units are not taken from the arrivals", () => {
    const given = input({
      locks: [carriedLock("L1", "2026-02-20", "2026-03-07", { quantity: 2 })],
    });
    const plan = previewAllocation(given, arrivals(4), { money: "unlimited" });
    expect(served(plan)).toEqual([
      ["F1", 2, "lock"],
      ["F1", 1, "funded"],
      ["F2", 3, "funded"],
    ]);
  });

  it("R-PREVIEW: with money unlimited, a converted lock does not move its franchisee down among equals (R-RANK-FUNDED after conversion)", () => {
    // F1 and F2 share priority 1; F1's lock of 2 converts first and spends money, yet F1 still comes first by id.
    const given = input({
      franchisees: [franchisee("F2", 1, "0"), franchisee("F1", 1, "0")],
      locks: [carriedLock("L1", "2026-02-20", "2026-03-07", { quantity: 2 })],
    });
    const plan = previewAllocation(given, arrivals(1), { money: "unlimited" });
    expect(served(plan)).toEqual([
      ["F1", 2, "lock"],
      ["F1", 1, "funded"],
    ]);
  });

  it("R-PREVIEW: commits nothing — the input is unchanged and the same call gives the same plan", () => {
    const given = deepFreeze(input());
    const once = previewAllocation(
      given,
      deepFreeze(arrivals(4)),
      deepFreeze({ money: "unlimited" }),
    );
    expect(previewAllocation(given, arrivals(4), { money: "unlimited" })).toEqual(once);
    // The input's own supply is intact for the run: 99 − 2 funded (F1) − 4 locked (F2 3, F1 1).
    expect(allocate(given).remaining).toEqual([{ sku: "T100", quantity: 93 }]);
  });

  it("R-PREVIEW: leaves arrivals of 0 units out of preview.arrivals and lists them by SKU", () => {
    const given = t100Wave(0, {
      products: [
        { sku: "T200", season: "SS" },
        { sku: "T100", season: "SS" },
      ],
    });
    const plan = previewAllocation(given, [
      { sku: "T200", quantity: 2 },
      { sku: "T100", quantity: 0 },
    ]);
    expect(plan.preview?.arrivals).toEqual([{ sku: "T200", quantity: 2 }]);
    expect(plan.remaining).toEqual([{ sku: "T200", quantity: 2 }]);
  });
});

describe("R-PREVIEW bad arguments: one InputError with every problem and its path (SPEC §7)", () => {
  it("reports the input's problems at allocate's paths, the arrivals' under arrivals, the options' under options — all at once", () => {
    expect(
      issuesOf(
        { asOf: "2026-02-30", products: [{ sku: "T100", season: "SS" }] },
        [
          { sku: "T100", quantity: 1.5 },
          { sku: "T900", quantity: 1 },
          { sku: "T100", quantity: 2 },
          { sku: "T100", quantity: 3 },
          "x",
        ],
        { money: "free", extra: true },
      ),
    ).toEqual([
      [["asOf"], "invalid_date"],
      [["arrivals", 0, "quantity"], "not_integer"],
      [["arrivals", 4], "invalid_type"],
      [["arrivals", 3, "sku"], "duplicate_key"],
      [["arrivals", 1, "sku"], "unknown_reference"],
      [["options", "money"], "invalid_value"],
      [["options", "extra"], "unknown_field"],
    ]);
  });

  it("requires arrivals to be a list, and options to be an object when given", () => {
    expect(issuesOf({ asOf: "2026-03-01" }, undefined)).toEqual([[["arrivals"], "required"]]);
    expect(issuesOf({ asOf: "2026-03-01" }, { sku: "T100" }, "unlimited")).toEqual([
      [["arrivals"], "invalid_type"],
      [["options"], "invalid_type"],
    ]);
    expect(safePreviewAllocation({ asOf: "2026-03-01" }, [], null).ok).toBe(true);
  });

  it("previewAllocation throws an InputError; safePreviewAllocation returns the issues, or the plan under both names", () => {
    expect(() => previewAllocation(null as unknown, [])).toThrow(InputError);
    const result = safePreviewAllocation(input(), arrivals(1));
    expect(result.ok && result.plan === result.value).toBe(true);
  });

  it("safePreviewAllocation never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, c) => {
        expect(() => safePreviewAllocation(a, b, c)).not.toThrow();
      }),
      propertyParams(propertyRuns(200)),
    );
  });
});

describe("properties (R-PREVIEW)", () => {
  // Each run is a whole allocation of a random wave: 150 runs keep this file to a few
  // seconds on the shared machine (FC_NUM_RUNS raises it).
  const RUNS = propertyRuns(150);
  const withArrivals = allocationInput.chain((given) =>
    fc
      .array(fc.nat({ max: 30 }), {
        minLength: given.products?.length ?? 0,
        maxLength: given.products?.length ?? 0,
      })
      .map((units) => ({
        given,
        arrivals: (given.products ?? []).map((product, k) => ({
          sku: product.sku,
          quantity: units[k] as number,
        })),
      })),
  );

  it("R-PREVIEW: every franchisee and lock pass unit comes from the arrivals, per SKU; the input is unchanged", () => {
    fc.assert(
      fc.property(withArrivals, fc.boolean(), ({ given, arrivals }, unlimited) => {
        const frozen = deepFreeze(given);
        const plan = previewAllocation(frozen, arrivals, unlimited ? { money: "unlimited" } : {});
        for (const { sku, quantity } of arrivals) {
          const used =
            plan.franchiseeAllocations
              .filter((row) => row.sku === sku && row.source === "funded")
              .reduce((sum, row) => sum + row.quantity, 0) +
            plan.locks
              .filter((lock) => lock.sku === sku && lock.isNew)
              .reduce((sum, lock) => sum + lock.quantity, 0) +
            plan.storeAllocations
              .filter((row) => row.sku === sku)
              .reduce((sum, row) => sum + row.quantity, 0) +
            plan.regionAllocations
              .filter((row) => row.sku === sku)
              .reduce((sum, row) => sum + row.quantity, 0) +
            (plan.remaining.find((row) => row.sku === sku)?.quantity ?? 0);
          expect(used).toBe(quantity);
        }
      }),
      propertyParams(RUNS),
    );
  });

  it("R-PREVIEW: with money unlimited, no franchisee line is left short by money", () => {
    fc.assert(
      fc.property(withArrivals, ({ given, arrivals }) => {
        const plan = previewAllocation(given, arrivals, { money: "unlimited" });
        expect(plan.unfilled.filter((row) => row.reason === "funds")).toEqual([]);
        // R-INV-MONEY still holds row by row: amount = cash part + credit part.
        for (const row of plan.franchiseeAllocations) {
          expect(new Decimal(row.cash).plus(row.credit).eq(row.amount)).toBe(true);
        }
      }),
      propertyParams(RUNS),
    );
  });
});
