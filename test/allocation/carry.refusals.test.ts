/**
 * carryForward's corners (R-RUN-2, R-RUN-3): one bad argument at a time, the
 * sentences of its refusals, and the next input's canonical order and shape.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  type AllocationInput,
  type AllocationRequest,
  allocate,
  carryForward,
  InputError,
  parseAllocationInput,
  previewAllocation,
} from "../../src/index.js";
import { franchisee, order, t100, t100Wave, tiedCommitments } from "../support/fixtures.js";

/** F01 has 500 cash and orders 8 × 100; 10 units arrive: 5 allocated, 3 locked. */
const day1 = (parts: Partial<AllocationInput> = {}): AllocationInput =>
  t100Wave(10, {
    franchisees: [franchisee("F01", 1, "500")],
    orders: [order("SO-1", "F01", "2026-02-10", [t100(8, "100")])],
    ...parts,
  });

/** The issues `call` throws, as `code path: message` strings. */
function refusals(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    if (error instanceof InputError)
      return error.issues.map((found) => `${found.code} ${found.path.join(".")}: ${found.message}`);
    throw error;
  }
  throw new Error("expected an InputError");
}

const codes = (call: () => unknown) => refusals(call).map((text) => text.split(":")[0]);

describe("R-RUN-2: carryForward refuses each bad argument alone", () => {
  const input = day1();
  let plan: ReturnType<typeof allocate>;
  beforeEach(() => {
    plan = allocate(input);
  });

  it("R-RUN-2: a bad input alone", () => {
    expect(
      codes(() => carryForward({ ...input, asOf: "2026-02-30" }, plan, { asOf: "2026-03-02" })),
    ).toEqual(["invalid_date input.asOf"]);
  });

  it("R-RUN-2: a bad plan alone", () => {
    expect(
      codes(() => carryForward(input, { ...plan, planId: "x" }, { asOf: "2026-03-02" })),
    ).toEqual(["invalid_value plan.planId"]);
  });

  it("R-RUN-2: a bad next alone", () => {
    const next = { asOf: "2026-03-02", payments: [{ franchisee: "F01", amount: "-1" }] };
    expect(codes(() => carryForward(input, plan, next))).toEqual([
      "invalid_amount next.payments.0.amount",
    ]);
  });
});

describe("R-RUN-2, R-PREVIEW: the sentences of carryForward's refusals", () => {
  const input = day1();
  let plan: ReturnType<typeof allocate>;
  beforeEach(() => {
    plan = allocate(input);
  });

  it("R-PREVIEW: a preview's plan", () => {
    const preview = previewAllocation(input, [{ sku: "T100", quantity: 4 }]);
    expect(refusals(() => carryForward(input, preview, { asOf: "2026-03-02" }))).toContain(
      "inconsistent plan.preview: the plan is a preview (previewAllocation): it commits nothing and cannot be carried forward; run allocate",
    );
  });

  it("R-RUN-2: a next date not after the plan's, unknown and repeated references, a shipment past what is unposted", () => {
    const next = {
      asOf: "2026-03-01",
      payments: [{ franchisee: "F09", amount: "1" }],
      balances: [
        { franchisee: "F01", cash: "1" },
        { franchisee: "F01", cash: "2" },
      ],
      arrivals: [{ sku: "NOPE", quantity: 1 }],
      shipped: [
        { order: "SO-1", line: 1, quantity: 6 },
        { order: "SO-9", line: 1, quantity: 1 },
      ],
    };
    expect(refusals(() => carryForward(input, plan, next))).toEqual([
      "inconsistent next.asOf: the next run's date 2026-03-01 must be after the plan's 2026-03-01",
      'unknown_reference next.payments.0.franchisee: unknown franchisee "F09": not in the input\'s franchisees',
      'duplicate_key next.balances.1.franchisee: duplicate balances for franchisee "F01"',
      'unknown_reference next.arrivals.0.sku: unknown product "NOPE": not in the input\'s products',
      "inconsistent next.shipped.0.quantity: ships 6 units but order SO-1 line 1 has only 5 allocated and not yet posted",
      'unknown_reference next.shipped.1.line: order "SO-9" line 1 is not in the input',
    ]);
  });
});

describe("R-RUN-2: the next input's commitments and orders", () => {
  // Earlier commitments, given out of order: SO-2 before SO-1, line 2 before line 1, a later
  // day before an earlier one, and one with neither plan nor date (older than any dated one).
  const input = day1({
    franchisees: [franchisee("F01", 1, "2000")],
    orders: [
      order("SO-2", "F01", "2026-02-11", [t100(4, "100", { allocated: 3 })]),
      order("SO-1", "F01", "2026-02-10", [
        t100(3, "100", { line: 2, allocated: 2 }),
        t100(4, "100", { line: 1, allocated: 3 }),
      ]),
    ],
    commitments: tiedCommitments(),
    supply: [{ sku: "T100", quantity: 0 }],
  });
  let plan: ReturnType<typeof allocate>;
  beforeEach(() => {
    plan = allocate(input);
  });

  it("R-RUN-2: commitments come out by order, line, date (undated first), then plan; one without plan or date has neither key", () => {
    const next = carryForward(input, plan, { asOf: "2026-03-02" });
    const rows = next.commitments ?? [];
    expect(
      rows.map(
        (row) => `${row.order}/${row.line}/${row.committedOn ?? "-"}/${row.plan?.[0] ?? "-"}`,
      ),
    ).toEqual([
      "SO-1/1/-/-",
      "SO-1/1/2026-02-21/d",
      "SO-1/1/2026-02-22/c",
      "SO-1/2/2026-02-21/b",
      "SO-1/2/2026-02-21/e",
      "SO-2/1/-/-",
      "SO-2/1/-/f",
      "SO-2/1/2026-02-20/a",
    ]);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "order",
      "line",
      "franchisee",
      "sku",
      "quantity",
      "cash",
      "credit",
    ]);
  });

  it("R-POST-1: a shipment settles the oldest commitment of its line first", () => {
    // SO-1 line 1 ships 2: the undated commitment, then the one of 2026-02-21.
    const next = carryForward(input, plan, {
      asOf: "2026-03-02",
      shipped: [{ order: "SO-1", line: 1, quantity: 2 }],
    });
    expect(
      (next.commitments ?? []).map((row) => `${row.order}/${row.line}/${row.plan?.[0] ?? "-"}`),
    ).toEqual(["SO-1/1/c", "SO-1/2/b", "SO-1/2/e", "SO-2/1/-", "SO-2/1/f", "SO-2/1/a"]);
  });

  it("R-RUN-2: orders come out by id and their lines by number, whatever the input's order", () => {
    const next = carryForward(input, plan, { asOf: "2026-03-02" });
    expect(
      (next.orders ?? []).map((o) => `${o.id}:${o.lines.map((line) => line.line).join(",")}`),
    ).toEqual(["SO-1:1,2", "SO-2:1"]);
    // No line was ever barred: none carries a lockBlockedUntil key.
    const keys = (next.orders ?? []).flatMap((o) =>
      o.lines.map((line) => Object.keys(line).join(",")),
    );
    expect(new Set(keys)).toEqual(new Set(["line,sku,quantity,unitPrice,allocated"]));
  });
});

describe("R-RUN-2: the rest of the next input, in canonical order and plain JSON", () => {
  // Nothing to allocate (no supply): the plan changes no need, so every section of the
  // next input is the input's own, sorted, with the arrivals as supply and the day's money.
  const input: AllocationInput = {
    asOf: "2026-03-01",
    products: [
      { sku: "B", season: "SS" },
      { sku: "A", season: "SS" },
      { sku: "C", season: "SS" },
    ],
    franchisees: [
      { id: "F02", priority: 2, cash: "0" },
      { id: "F01", priority: 1, cash: "100", creditLimit: "50", region: "R1" },
    ],
    regions: [{ id: "R2" }, { id: "R1" }],
    stores: [
      { id: "S2", region: "R1", class: "A", operation: "direct" },
      { id: "S1", region: "R2", class: "B", operation: "joint" },
    ],
    storeNeeds: [
      { store: "S2", sku: "B", safetyStock: 1 },
      { store: "S1", sku: "B", safetyStock: 2 },
      { store: "S1", sku: "A", safetyStock: 3 },
    ],
    regionNeeds: [
      { region: "R2", sku: "B", quantity: 5 },
      { region: "R1", sku: "A", quantity: 1 },
    ],
  };
  let request: AllocationRequest;
  let next: AllocationInput;
  beforeEach(() => {
    const parsed = parseAllocationInput(input);
    if (!parsed.ok) throw new Error("the fixture is invalid");
    request = parsed.value;
    next = carryForward(input, allocate(input), {
      asOf: "2026-03-02",
      arrivals: [
        { sku: "B", quantity: 3 },
        { sku: "C", quantity: 0 },
        { sku: "A", quantity: 2 },
      ],
      balances: [{ franchisee: "F01", cash: "70", creditUsed: "10" }],
      payments: [{ franchisee: "F02", amount: "25" }],
    });
  });
  const pick = <T>(items: readonly T[], key: (item: T) => string, order: string[]) =>
    order.map((k) => items.find((item) => key(item) === k));

  it("R-RUN-2: supply is the arrivals with something in them, by SKU", () => {
    expect(next.supply).toStrictEqual([
      { sku: "A", quantity: 2 },
      { sku: "B", quantity: 3 },
    ]);
  });

  it("R-RUN-1: a franchisee's fresh balance replaces its figures; one without keeps them, plus its payments", () => {
    expect(next.franchisees).toStrictEqual([
      {
        id: "F01",
        priority: 1,
        cash: "70.00",
        creditLimit: "50.00",
        creditUsed: "10.00",
        region: "R1",
      },
      { id: "F02", priority: 2, cash: "25.00", creditLimit: "0.00", creditUsed: "0.00" },
    ]);
  });

  it("R-RUN-2: regions, stores and needs by id, the policy a copy of the complete one", () => {
    expect(next.regions).toStrictEqual(pick(request.regions, (r) => r.id, ["R1", "R2"]));
    expect(next.stores).toStrictEqual(pick(request.stores, (r) => r.id, ["S1", "S2"]));
    expect(next.storeNeeds).toStrictEqual(
      pick(request.storeNeeds, (n) => n.store + n.sku, ["S1A", "S1B", "S2B"]),
    );
    expect(next.regionNeeds).toStrictEqual(
      pick(request.regionNeeds, (n) => n.region + n.sku, ["R1A", "R2B"]),
    );
    expect(next.policy).toStrictEqual(JSON.parse(JSON.stringify(request.policy)));
    expect(next.policy).not.toBe(request.policy);
  });
});
