/**
 * R-SIZE-RUN, policy `partialBy: "style"` (src/allocation/sizeRun.ts): when
 * money cannot buy all of a franchisee's outstanding lines of one style, the
 * units it can afford are spread over them in proportion to what each misses
 * (largest remainder, ties in line order — R-RANK-LINE: here the SKUs sort S,
 * M, L). Every figure is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { apportion } from "../../src/allocation/sizeRun.js";
import { type AllocationInput, allocate, explain } from "../../src/index.js";
import { franchisee, order, wave } from "../support/fixtures.js";

/** Style TEE in sizes S, M and L; F1 orders each at the given quantity and price. */
const tee = (
  cash: string,
  lines: readonly [number, string][],
  stock: readonly number[],
  partialBy: "line" | "style" = "style",
): AllocationInput =>
  wave({
    products: ["TEE-1S", "TEE-2M", "TEE-3L"].map((sku) => ({
      sku,
      style: "TEE",
      season: "SS" as const,
    })),
    supply: ["TEE-1S", "TEE-2M", "TEE-3L"].map((sku, k) => ({ sku, quantity: stock[k] ?? 0 })),
    franchisees: [franchisee("F1", 1, cash)],
    orders: [
      order(
        "SO-1",
        "F1",
        "2026-02-01",
        lines.map(([quantity, unitPrice], k) => ({
          sku: ["TEE-1S", "TEE-2M", "TEE-3L"][k] as string,
          quantity,
          unitPrice,
        })),
      ),
    ],
    policy: { partialBy, lockUnfunded: false },
  });

const got = (input: AllocationInput) => {
  const plan = allocate(input);
  return [1, 2, 3].map((line) =>
    plan.franchiseeAllocations
      .filter((row) => row.line === line)
      .reduce((sum, row) => sum + row.quantity, 0),
  );
};

describe("R-SIZE-RUN: a size curve, not three of one size and none of the next", () => {
  it("R-SIZE-RUN: 200.00 buys 20 of S 10, M 20, L 10 at 10.00 — spread 5, 10, 5 (in line order: 10, 10, 0)", () => {
    const lines: [number, string][] = [
      [10, "10"],
      [20, "10"],
      [10, "10"],
    ];
    expect(got(tee("200", lines, [50, 50, 50]))).toEqual([5, 10, 5]);
    expect(got(tee("200", lines, [50, 50, 50], "line"))).toEqual([10, 10, 0]);
  });

  it("R-SIZE-RUN: remainders — money for 2 of three single units: the ties go in line order, 1, 1, 0", () => {
    const lines: [number, string][] = [
      [1, "10"],
      [1, "10"],
      [1, "10"],
    ];
    expect(got(tee("20", lines, [5, 5, 5]))).toEqual([1, 1, 0]);
  });

  it("R-SIZE-RUN: a size with no stock — its share goes to the others: money for 10 of 10, 10, 10 with no S gives 0, 5, 5", () => {
    const lines: [number, string][] = [
      [10, "10"],
      [10, "10"],
      [10, "10"],
    ];
    const plan = allocate(tee("100", lines, [0, 50, 50]));
    expect(got(tee("100", lines, [0, 50, 50]))).toEqual([0, 5, 5]);
    const m = plan.trace.find((d) => d.pass === "funded" && d.line === 2);
    expect(m).toMatchObject({ sizeRun: { style: "TEE", units: 10 }, limitedBy: "funds" });
    expect(m?.rules).toContain("R-SIZE-RUN");
    expect(explain(plan, { kind: "order-line", order: "SO-1", line: 2 }).sentence).toContain(
      "got 5 of 10: money could not buy every line of style TEE, so the 10 unit(s) it could afford were spread over them in proportion to what each misses (R-ALLOC-FUNDED, R-ALLOC-PARTIAL, R-SIZE-RUN)",
    );
  });

  it("R-SIZE-RUN: sizes at different prices — the most units whose spread the money pays: 100.00 for S 5 at 10.00 and M 5 at 20.00 buys 4 and 3", () => {
    const lines: [number, string][] = [
      [5, "10"],
      [5, "20"],
    ];
    // 10 units: 5 + 5 cost 150; 9: 5 + 4 cost 130; 8: 4 + 4 cost 120; 7: 4 + 3 cost 100.
    expect(got(tee("100", lines, [10, 10, 10]))).toEqual([4, 3, 0]);
    expect(got(tee("100", lines, [10, 10, 10], "line"))).toEqual([5, 2, 0]);
  });

  it("R-SIZE-RUN: money for every size — the style is bought as it would be line by line", () => {
    const lines: [number, string][] = [
      [3, "10"],
      [4, "10"],
      [5, "10"],
    ];
    expect(allocate(tee("1000", lines, [9, 9, 9])).franchiseeAllocations).toEqual(
      allocate(tee("1000", lines, [9, 9, 9], "line")).franchiseeAllocations,
    );
  });

  it("R-SIZE-RUN: apportion — caps first, then floors and the largest remainders, ties to the earlier entry", () => {
    expect(apportion(20, [10, 20, 10], [10, 20, 10])).toEqual([5, 10, 5]);
    expect(apportion(2, [1, 1, 1], [1, 1, 1])).toEqual([1, 1, 0]);
    expect(apportion(10, [10, 10, 10], [0, 10, 10])).toEqual([0, 5, 5]);
    expect(apportion(7, [3, 3, 1], [3, 3, 1])).toEqual([3, 3, 1]);
    expect(apportion(5, [2, 2, 0], [2, 2, 0])).toEqual([2, 2, 0]);
    expect(apportion(0, [4, 4], [4, 4])).toEqual([0, 0]);
    // Quotas 3/7, 6/7 and 12/7: floors 0, 0, 1; remainders 3, 6, 5 sevenths take the 2 left.
    expect(apportion(3, [1, 2, 4], [9, 9, 9])).toEqual([0, 1, 2]);
    // The larger remainder wins over the earlier entry: quotas 4/5 and 6/5 of 2.
    expect(apportion(2, [2, 3], [9, 9])).toEqual([1, 1]);
    expect(apportion(1, [2, 3], [9, 9])).toEqual([0, 1]);
    // A cap passed in the second round: 9 over 1, 1, 8 with caps 9, 9, 2 gives 2 to the
    // third, then 7 over 1 and 1 — 4 and 3.
    expect(apportion(9, [1, 1, 8], [9, 9, 2])).toEqual([4, 3, 2]);
  });
});

describe("R-SIZE-RUN with other levers", () => {
  it('R-SIZE-RUN: a style the money covers is bought line by line — with packs of 2 and afterShortfall "stop", the dearer size that then falls short stops the next one', () => {
    // Stock 1 of T100; line 1 (2 at 0.01) may take 1, which makes no pack of 2, so
    // line 2 (1 at 1.10) meets the unit and 1.00 of credit cannot pay it: a shortfall,
    // and line 3 (free) is stopped, as "line" would have it.
    const input: AllocationInput = wave({
      products: [{ sku: "T100", season: "SS", style: "T100", packSize: 2 }],
      supply: [{ sku: "T100", quantity: 1 }],
      franchisees: [franchisee("F1", 0, "0", { creditLimit: "1" })],
      orders: [
        order("SO-1", "F1", "2026-01-01", [
          { line: 1, sku: "T100", quantity: 2, unitPrice: "0.01" },
          { line: 2, sku: "T100", quantity: 1, unitPrice: "1.1" },
          { line: 3, sku: "T100", quantity: 1, unitPrice: "0" },
        ]),
      ],
      policy: { afterShortfall: "stop", partialBy: "style", lockUnfunded: false },
    });
    const style = allocate(input);
    expect(style.franchiseeAllocations).toEqual([]);
    expect(style.franchiseeAllocations).toEqual(
      allocate({ ...input, policy: { ...input.policy, partialBy: "line" } }).franchiseeAllocations,
    );
  });
});
