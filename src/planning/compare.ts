import { Decimal } from "decimal.js";
import type { AllocationPlan } from "../allocation/plan.js";
import type { UnfilledReason } from "../domain/vocabulary.js";
import { compareIds } from "../ranking/compare.js";
import { guarded } from "../schema/guard.js";
import { freshPlanShape, planContract } from "../schema/madeShapes.js";
import { type Channels, NO_CHANNELS, unitsByChannel } from "./planFigures.js";

export type { Channels };

/*
 * R-WHATIF: two plans side by side — what each gave every demand and why,
 * the money each committed, the stock each sent down every channel and the
 * fill each reached — keeping only what differs, in canonical order. Pure:
 * it reads the plans' lists (never their trace) and changes nothing.
 */

/** What one plan did for one demand: units allocated, under lock after the run, left unfilled and why. */
export interface DemandSide {
  readonly allocated: number;
  /** Units under lock after the run (new and carried locks); 0 for a store or region. */
  readonly locked: number;
  readonly unfilled: number;
  /** Why `unfilled` units were left, when there are any. */
  readonly reason?: UnfilledReason;
}

/** A demand the two plans treated differently: its keys, and what each plan did (`a`, `b`). */
export type DemandChange =
  | {
      readonly kind: "order-line";
      readonly order: string;
      readonly line: number;
      readonly franchisee: string;
      readonly sku: string;
      readonly a: DemandSide;
      readonly b: DemandSide;
    }
  | {
      readonly kind: "store";
      readonly store: string;
      readonly region: string;
      readonly sku: string;
      readonly a: DemandSide;
      readonly b: DemandSide;
    }
  | {
      readonly kind: "region";
      readonly region: string;
      readonly sku: string;
      readonly a: DemandSide;
      readonly b: DemandSide;
    };

/** The money one plan committed for a franchisee (decimal strings, as the plan writes them). */
export interface CommittedMoney {
  readonly cash: string;
  readonly credit: string;
}

/** A franchisee whose committed money differs between the plans. */
export interface MoneyChange {
  readonly franchisee: string;
  readonly a: CommittedMoney;
  readonly b: CommittedMoney;
}

/** A SKU whose channel totals differ between the plans. */
export interface SkuChange {
  readonly sku: string;
  readonly a: Channels;
  readonly b: Channels;
}

/** Units filled of units asked for, and their ratio to four places (absent when nothing was asked). */
export interface FillRate {
  readonly filled: number;
  readonly demand: number;
  readonly rate?: string;
}

/**
 * A plan's fill rates: order lines (allocated ÷ allocated + locked + unfilled),
 * stores and regions (granted ÷ granted + unfilled).
 */
export interface FillRates {
  readonly orderLines: FillRate;
  readonly stores: FillRate;
  readonly regions: FillRate;
}

/** R-WHATIF: what {@link comparePlans} finds. Every list is empty when the plans agree. */
export interface PlanComparison {
  /** The plans compared: their `planId` (when they have one) and `asOf`. */
  readonly a: { readonly planId?: string; readonly asOf: string };
  readonly b: { readonly planId?: string; readonly asOf: string };
  /** Demands treated differently: order lines by (order, line), then stores by (store, sku), then regions by (region, sku). */
  readonly changes: readonly DemandChange[];
  /** Franchisees whose committed cash or credit differs, by id. */
  readonly money: readonly MoneyChange[];
  /** SKUs whose channel totals differ, by SKU. */
  readonly skus: readonly SkuChange[];
  /** Each plan's fill rates (given always; equal when the plans agree). */
  readonly fill: { readonly a: FillRates; readonly b: FillRates };
}

const NO_SIDE: DemandSide = Object.freeze({ allocated: 0, locked: 0, unfilled: 0 });

/**
 * R-WHATIF: compares plan `a` with plan `b` — for every demand (order line,
 * store need, region need) what each plan allocated, locked and left
 * unfilled, and why; per franchisee the money each committed; per SKU the
 * units each sent to franchisees, locks, stores, regions and left; each plan's
 * fill rates. Only what differs is listed, in canonical order: a plan compared
 * with itself has no change, and `comparePlans(b, a)` is `comparePlans(a, b)`
 * with `a` and `b` swapped.
 *
 * @param a - a plan (`allocate`'s, or one read back from JSON)
 * @param b - another plan, typically of the same input under another policy
 * @returns the comparison (plain JSON)
 * @throws {@link InputError} when either argument is not a plan, under `(a)` or `(b)`
 * @example
 * ```ts
 * import { allocate, comparePlans } from "fenhuo";
 * const input = {
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" as const }],
 *   supply: [{ sku: "T100", quantity: 7 }],
 *   franchisees: [
 *     { id: "F1", priority: 1, cash: "10000" },
 *     { id: "F2", priority: 1, cash: "10000" },
 *   ],
 *   orders: [
 *     { id: "SO-1", franchisee: "F1", orderedOn: "2026-02-01",
 *       lines: [{ line: 1, sku: "T100", quantity: 9, unitPrice: "100" }] },
 *     { id: "SO-2", franchisee: "F2", orderedOn: "2026-02-01",
 *       lines: [{ line: 1, sku: "T100", quantity: 6, unitPrice: "100" }] },
 *   ],
 * };
 * const a = allocate(input);
 * const b = allocate({ ...input, policy: { share: "proportional" } });
 * const diff = comparePlans(a, b);
 * diff.changes.map((c) => [c.a.allocated, c.b.allocated]); // [[7, 4], [0, 3]]
 * comparePlans(a, a).changes; // []
 * ```
 */
export function comparePlans(a: AllocationPlan, b: AllocationPlan): PlanComparison {
  return guarded(
    [
      { name: "a", value: a, shape: freshPlanShape, contract: planContract },
      { name: "b", value: b, shape: freshPlanShape, contract: planContract },
    ],
    () => compare(a, b),
  );
}

function compare(a: AllocationPlan, b: AllocationPlan): PlanComparison {
  return {
    a: refOf(a),
    b: refOf(b),
    changes: demandChanges(demandsOf(a), demandsOf(b)),
    money: moneyChanges(a, b),
    skus: skuChanges(unitsByChannel(a), unitsByChannel(b)),
    fill: { a: fillOf(a), b: fillOf(b) },
  };
}

function refOf(plan: AllocationPlan): PlanComparison["a"] {
  return plan.planId === undefined ? { asOf: plan.asOf } : { planId: plan.planId, asOf: plan.asOf };
}

/** A demand's keys (without what a plan did for it), and its canonical sort key. */
type DemandKey =
  | Omit<Extract<DemandChange, { kind: "order-line" }>, "a" | "b">
  | Omit<Extract<DemandChange, { kind: "store" }>, "a" | "b">
  | Omit<Extract<DemandChange, { kind: "region" }>, "a" | "b">;

interface Demands {
  readonly keys: Map<string, DemandKey>;
  readonly sides: Map<
    string,
    { allocated: number; locked: number; unfilled: number; reason?: UnfilledReason }
  >;
}

/** One plan's demands by key: `["o", order, line]`, `["s", store, sku]`, `["r", region, sku]`. */
function demandsOf(plan: AllocationPlan): Demands {
  const keys = new Map<string, DemandKey>();
  const sides: Demands["sides"] = new Map();
  const side = (k: string, key: DemandKey) => {
    let found = sides.get(k);
    if (found === undefined) {
      found = { allocated: 0, locked: 0, unfilled: 0 };
      sides.set(k, found);
      keys.set(k, key);
    }
    return found;
  };
  const line = (row: { order: string; line: number; franchisee: string; sku: string }) => {
    const { order, line: n, franchisee, sku } = row;
    return side(JSON.stringify(["o", order, n]), {
      kind: "order-line",
      order,
      line: n,
      franchisee,
      sku,
    });
  };
  for (const row of plan.franchiseeAllocations) line(row).allocated += row.quantity;
  for (const lock of plan.locks) line(lock).locked += lock.quantity;
  for (const row of plan.storeAllocations) {
    const { store, region, sku } = row;
    side(JSON.stringify(["s", store, sku]), { kind: "store", store, region, sku }).allocated +=
      row.quantity;
  }
  for (const row of plan.regionAllocations) {
    const { region, sku } = row;
    side(JSON.stringify(["r", region, sku]), { kind: "region", region, sku }).allocated +=
      row.quantity;
  }
  for (const row of plan.unfilled) {
    const found =
      row.kind === "order-line"
        ? line(row)
        : row.kind === "store"
          ? side(JSON.stringify(["s", row.store, row.sku]), {
              kind: "store",
              store: row.store,
              region: row.region,
              sku: row.sku,
            })
          : side(JSON.stringify(["r", row.region, row.sku]), {
              kind: "region",
              region: row.region,
              sku: row.sku,
            });
    found.unfilled += row.quantity;
    found.reason = row.reason;
  }
  return { keys, sides };
}

const KIND_ORDER = { "order-line": 0, store: 1, region: 2 } as const;

function compareDemands(x: DemandKey, y: DemandKey): number {
  const byKind = KIND_ORDER[x.kind] - KIND_ORDER[y.kind];
  if (byKind !== 0) return byKind;
  if (x.kind === "order-line" && y.kind === "order-line")
    return compareIds(x.order, y.order) || x.line - y.line;
  if (x.kind === "store" && y.kind === "store")
    return compareIds(x.store, y.store) || compareIds(x.sku, y.sku);
  if (x.kind === "region" && y.kind === "region")
    return compareIds(x.region, y.region) || compareIds(x.sku, y.sku);
  return 0;
}

function sameSide(x: DemandSide, y: DemandSide): boolean {
  return (
    x.allocated === y.allocated &&
    x.locked === y.locked &&
    x.unfilled === y.unfilled &&
    x.reason === y.reason
  );
}

function demandChanges(a: Demands, b: Demands): DemandChange[] {
  const all = new Map([...a.keys, ...b.keys]);
  const changes: DemandChange[] = [];
  for (const [k, key] of all) {
    const x: DemandSide = a.sides.get(k) ?? NO_SIDE;
    const y: DemandSide = b.sides.get(k) ?? NO_SIDE;
    // A demand's keys are the same in both plans but for what a plan names: b's when b has it.
    if (!sameSide(x, y))
      changes.push({ ...(b.keys.get(k) ?? key), a: { ...x }, b: { ...y } } as DemandChange);
  }
  return changes.sort(compareDemands);
}

function moneyChanges(a: AllocationPlan, b: AllocationPlan): MoneyChange[] {
  const committed = (plan: AllocationPlan) =>
    new Map(
      plan.balances.map((row) => [
        row.franchisee,
        { cash: row.cashCommitted, credit: row.creditCommitted },
      ]),
    );
  const x = committed(a);
  const y = committed(b);
  const zero = { cash: "0", credit: "0" };
  const ids = [...new Set([...x.keys(), ...y.keys()])].sort(compareIds);
  const changes: MoneyChange[] = [];
  for (const franchisee of ids) {
    const left = x.get(franchisee) ?? zero;
    const right = y.get(franchisee) ?? zero;
    const equal =
      new Decimal(left.cash).eq(right.cash) && new Decimal(left.credit).eq(right.credit);
    if (!equal) changes.push({ franchisee, a: left, b: right });
  }
  return changes;
}

function skuChanges(a: Map<string, Channels>, b: Map<string, Channels>): SkuChange[] {
  const skus = [...new Set([...a.keys(), ...b.keys()])].sort(compareIds);
  const changes: SkuChange[] = [];
  for (const sku of skus) {
    const x = a.get(sku) ?? NO_CHANNELS;
    const y = b.get(sku) ?? NO_CHANNELS;
    const keys = Object.keys(NO_CHANNELS) as (keyof Channels)[];
    if (keys.some((channel) => x[channel] !== y[channel]))
      changes.push({ sku, a: { ...x }, b: { ...y } });
  }
  return changes;
}

function fillOf(plan: AllocationPlan): FillRates {
  let lineFilled = 0;
  let lineDemand = 0;
  for (const row of plan.franchiseeAllocations) lineFilled += row.quantity;
  lineDemand += lineFilled;
  for (const row of plan.locks) lineDemand += row.quantity;
  let storeFilled = 0;
  for (const row of plan.storeAllocations) storeFilled += row.quantity;
  let regionFilled = 0;
  for (const row of plan.regionAllocations) regionFilled += row.quantity;
  let storeDemand = storeFilled;
  let regionDemand = regionFilled;
  for (const row of plan.unfilled) {
    if (row.kind === "order-line") lineDemand += row.quantity;
    else if (row.kind === "store") storeDemand += row.quantity;
    else regionDemand += row.quantity;
  }
  return {
    orderLines: rate(lineFilled, lineDemand),
    stores: rate(storeFilled, storeDemand),
    regions: rate(regionFilled, regionDemand),
  };
}

/** `filled ÷ demand` to four places, half to even; no rate when nothing was asked. */
function rate(filled: number, demand: number): FillRate {
  if (demand === 0) return { filled, demand };
  const ratio = new Decimal(filled).dividedBy(demand).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN);
  return { filled, demand, rate: ratio.toFixed(4) };
}
