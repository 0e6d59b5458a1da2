import type { AllocationInput, AllocationPlan } from "../../src/index.js";
import { parseWorkCalendar } from "../../src/index.js";

type Line = NonNullable<AllocationInput["orders"]>[number]["lines"][number];
type FranchiseeRow = NonNullable<AllocationInput["franchisees"]>[number];
type LockRow = NonNullable<AllocationInput["locks"]>[number];
type StoreRow = NonNullable<AllocationInput["stores"]>[number];

/** A small wave on 2026-03-01 with the given parts; every array defaults to empty. */
export function wave(parts: Partial<AllocationInput> = {}): AllocationInput {
  return { asOf: "2026-03-01", ...parts };
}

/** An order of one franchisee, its lines numbered from 1 in the order given. */
export function order(
  id: string,
  franchisee: string,
  orderedOn: string,
  lines: ReadonlyArray<Omit<Line, "line"> & { line?: number }>,
): NonNullable<AllocationInput["orders"]>[number] {
  return {
    id,
    franchisee,
    orderedOn,
    lines: lines.map((line, index) => ({ ...line, line: line.line ?? index + 1 })),
  };
}

/** Products of one season with no launch plan, in the order given. */
export function products(season: "SS" | "AW" | "NONE", ...skus: string[]) {
  return skus.map((sku) => ({ sku, season }));
}

/**
 * The wave most tests start from: {@link wave} with one SS product, T100, of
 * which `stock` units are free; the other parts as given.
 */
export function t100Wave(stock: number, parts: Partial<AllocationInput> = {}): AllocationInput {
  return wave({
    products: products("SS", "T100"),
    supply: [{ sku: "T100", quantity: stock }],
    ...parts,
  });
}

/** An order line of T100 (numbered by {@link order}): `quantity` units at `unitPrice`. */
export function t100(
  quantity: number,
  unitPrice: string | number = "100",
  more: Partial<Omit<Line, "sku" | "quantity" | "unitPrice">> = {},
): Omit<Line, "line"> & { line?: number } {
  return { sku: "T100", quantity, unitPrice, ...more };
}

/** A franchisee of the given priority with `cash`, and no credit unless `more` gives some. */
export function franchisee(
  id: string,
  priority: number,
  cash: string,
  more: Partial<FranchiseeRow> = {},
): FranchiseeRow {
  return { id, priority, cash, ...more };
}

/**
 * A lock from an earlier run: by default one unit of T100 on SO-1 line 1 of F1,
 * placed on `lockedOn` and expiring on `expiresOn`.
 */
export function carriedLock(
  id: string,
  lockedOn: string,
  expiresOn: string,
  parts: Partial<LockRow> = {},
): LockRow {
  return {
    id,
    order: "SO-1",
    line: 1,
    franchisee: "F1",
    sku: "T100",
    quantity: 1,
    lockedOn,
    expiresOn,
    ...parts,
  };
}

/** A store of a region; class A and run directly unless told otherwise. */
export function store(
  id: string,
  region: string,
  storeClass: StoreRow["class"] = "A",
  operation: StoreRow["operation"] = "direct",
): StoreRow {
  return { id, region, class: storeClass, operation };
}

/** A plan on 2026-03-01 in CNY with the given parts; every list defaults to empty. */
export function planWith(parts: Partial<AllocationPlan> = {}): AllocationPlan {
  return {
    planId: "0".repeat(64),
    asOf: "2026-03-01",
    currency: "CNY",
    franchiseeAllocations: [],
    locks: [],
    releasedLocks: [],
    storeAllocations: [],
    regionAllocations: [],
    unfilled: [],
    remaining: [],
    balances: [],
    paymentRequests: [],
    warnings: [],
    trace: [],
    ...parts,
  };
}

/**
 * A Spring-Festival-like 2026 in Asia/Shanghai (R-SLA-2): Sun 15 – Mon 23
 * February off, Saturdays 14 and 28 worked (调休).
 */
export const springCalendar = parseWorkCalendar({
  timeZone: "Asia/Shanghai",
  holidays: [
    "2026-02-15",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-02-21",
    "2026-02-22",
    "2026-02-23",
  ],
  workdays: ["2026-02-14", "2026-02-28"],
});

/**
 * A commitment of an earlier run (R-RUN-1) on `order` line `line` of F01's
 * T100: one unit, paid 100 cash; `more` gives its plan and date, if any.
 */
export function commitmentOn(
  order: string,
  line: number,
  more: { plan?: string; committedOn?: string } = {},
) {
  return {
    ...more,
    order,
    line,
    franchisee: "F01",
    sku: "T100",
    quantity: 1,
    cash: "100",
    credit: "0",
  };
}

/**
 * Eight commitments on F01's SO-1 (lines 1, 2) and SO-2 (line 1), out of
 * canonical order: ties on order and line, on date, on plan, and undated ones
 * (with and without a plan). Sorted: SO-1/1 undated, d (02-21), c (02-22);
 * SO-1/2 b, e (both 02-21); SO-2/1 undated, f (undated), a (02-20).
 */
export function tiedCommitments() {
  return [
    commitmentOn("SO-2", 1, { plan: "a".repeat(64), committedOn: "2026-02-20" }),
    commitmentOn("SO-1", 2, { plan: "e".repeat(64), committedOn: "2026-02-21" }),
    commitmentOn("SO-1", 2, { plan: "b".repeat(64), committedOn: "2026-02-21" }),
    commitmentOn("SO-1", 1, { plan: "c".repeat(64), committedOn: "2026-02-22" }),
    commitmentOn("SO-1", 1, { plan: "d".repeat(64), committedOn: "2026-02-21" }),
    commitmentOn("SO-2", 1, { plan: "f".repeat(64) }),
    commitmentOn("SO-1", 1),
    commitmentOn("SO-2", 1),
  ];
}
