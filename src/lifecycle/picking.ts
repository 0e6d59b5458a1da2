import type { AllocationPlan } from "../allocation/plan.js";
import { compareIds } from "../ranking/compare.js";
import { guarded } from "../schema/guard.js";
import { pickListShape, planContract, planShape, salesOrdersShape } from "../schema/madeShapes.js";
import type { ApplyPlanResult } from "./applyPlan.js";
import type { Effect, SalesOrder } from "./order.js";
import { type Actor, step, type TransitionError } from "./transition.js";

/** Where a pick list's goods go (seed 6.4.4: 加盟商、直营/联营店面、或直营/联营区域仓库). */
export type Destination =
  | { readonly kind: "franchisee"; readonly franchisee: string }
  | { readonly kind: "store"; readonly store: string; readonly region: string }
  | { readonly kind: "region"; readonly region: string };

/** One SKU of a pick list; for a franchisee, the order lines it serves. */
export interface PickLine {
  readonly sku: string;
  readonly quantity: number;
  readonly orders?: readonly {
    readonly order: string;
    readonly line: number;
    readonly quantity: number;
  }[];
}

/** What the warehouse picks and packs for one destination (拣货). */
export interface PickList {
  readonly destination: Destination;
  readonly lines: readonly PickLine[];
  readonly units: number;
}

/**
 * R-PICK-1: the pick lists of a plan, one per destination — franchisees (by
 * id), then direct and concession stores (by id), then region warehouses (by
 * id) — each with its SKUs in order and, for a franchisee, the order lines
 * behind each SKU. Locks are not picked: only allocations are.
 *
 * @throws {@link InputError} when `plan` is not a plan, under `(plan)`
 * @example
 * ```ts
 * import { allocate, pickLists } from "fenhuo";
 * const plan = allocate({
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" }],
 *   supply: [{ sku: "T100", quantity: 10 }],
 *   franchisees: [{ id: "F01", priority: 1, cash: "500" }],
 *   orders: [{ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *              lines: [{ line: 1, sku: "T100", quantity: 3, unitPrice: "100" }] }],
 *   regions: [{ id: "shenzhen" }],
 *   regionNeeds: [{ region: "shenzhen", sku: "T100", quantity: 4 }],
 * });
 * pickLists(plan).map((list) => `${list.destination.kind}:${list.units}`); // ["franchisee:3", "region:4"]
 * ```
 */
export function pickLists(plan: AllocationPlan): PickList[] {
  return guarded([{ name: "plan", value: plan, shape: planShape, contract: planContract }], () =>
    listsOf(plan),
  );
}

/** {@link pickLists} of arguments that have their shapes. */
function listsOf(plan: AllocationPlan): PickList[] {
  type Served = { order: string; line: number; quantity: number };
  const franchisees = new Map<string, Map<string, Served[]>>();
  for (const row of plan.franchiseeAllocations) {
    const skus = franchisees.get(row.franchisee) ?? new Map<string, Served[]>();
    franchisees.set(row.franchisee, skus);
    const rows: Served[] = skus.get(row.sku) ?? [];
    skus.set(row.sku, rows);
    const same = rows.find((r) => r.order === row.order && r.line === row.line);
    if (same === undefined) rows.push({ order: row.order, line: row.line, quantity: row.quantity });
    else same.quantity += row.quantity;
  }
  const lists: PickList[] = [];
  for (const franchisee of [...franchisees.keys()].sort(compareIds)) {
    const skus = franchisees.get(franchisee) as Map<
      string,
      { order: string; line: number; quantity: number }[]
    >;
    // list() puts the lines in SKU order.
    const lines = [...skus].map(([sku, orders]) => {
      orders.sort((a, b) => compareIds(a.order, b.order) || a.line - b.line);
      return { sku, quantity: orders.reduce((sum, o) => sum + o.quantity, 0), orders };
    });
    lists.push(list({ kind: "franchisee", franchisee }, lines));
  }
  const group = <K extends string>(
    rows: readonly ({ sku: string; quantity: number } & Record<K, string>)[],
    key: K,
  ) => {
    const byKey = new Map<string, { sku: string; quantity: number }[]>();
    for (const row of rows) {
      const bucket = byKey.get(row[key]) ?? [];
      byKey.set(row[key], bucket);
      bucket.push({ sku: row.sku, quantity: row.quantity });
    }
    return [...byKey.entries()].sort(([a], [b]) => compareIds(a, b));
  };
  const regionOf = new Map(plan.storeAllocations.map((row) => [row.store, row.region]));
  for (const [store, lines] of group(plan.storeAllocations, "store")) {
    lists.push(list({ kind: "store", store, region: regionOf.get(store) as string }, lines));
  }
  for (const [region, lines] of group(plan.regionAllocations, "region")) {
    lists.push(list({ kind: "region", region }, lines));
  }
  return lists;
}

function list(destination: Destination, lines: readonly PickLine[]): PickList {
  const sorted = [...lines].sort((a, b) => compareIds(a.sku, b.sku));
  return {
    destination,
    lines: sorted,
    units: sorted.reduce((sum, line) => sum + line.quantity, 0),
  };
}

/**
 * Posts a franchisee's pick list: every order line on it is picked and shipped
 * by exactly the listed units (拣货, 发货), and each shipment asks for its
 * ledger posting (R-POST-1). All or nothing. Store and region lists move no
 * franchisee order and are returned unchanged.
 *
 * @throws {@link InputError} when `orders` or `pickList` is not what fenhuo made
 * @example
 * ```ts
 * import { postPickList } from "fenhuo";
 * const list = { destination: { kind: "region", region: "shenzhen" } as const,
 *                lines: [{ sku: "T100", quantity: 4 }], units: 4 };
 * postPickList([], list, { by: "wh", at: "2026-03-02T08:00:00+08:00" }).ok; // true
 * ```
 */
export function postPickList(
  orders: readonly SalesOrder[],
  pickList: PickList,
  actor: Actor,
): ApplyPlanResult {
  return guarded(
    [
      { name: "orders", value: orders, shape: salesOrdersShape },
      { name: "pickList", value: pickList, shape: pickListShape },
    ],
    () => postChecked(orders, pickList, actor),
  );
}

/** {@link postPickList} of arguments that have their shapes. */
function postChecked(
  orders: readonly SalesOrder[],
  pickList: PickList,
  actor: Actor,
): ApplyPlanResult {
  const errors: { order: string; error: TransitionError }[] = [];
  const effects: Effect[] = [];
  const byId = new Map(orders.map((order) => [order.id, order]));
  for (const line of pickList.lines) {
    for (const served of line.orders ?? []) {
      const order = byId.get(served.order);
      if (order === undefined) {
        errors.push({
          order: served.order,
          // Not given: the order has no state to report.
          error: {
            code: "INVALID_EVENT",
            event: "pick",
            message: `order ${served.order} was not given`,
            issues: [],
          },
        });
        continue;
      }
      let current = order;
      for (const type of ["pick", "ship"] as const) {
        const result = step(current, { type, line: served.line, quantity: served.quantity }, actor);
        if (!result.ok) {
          errors.push({ order: served.order, error: result.error });
          break;
        }
        current = result.order;
        effects.push(...result.effects);
      }
      byId.set(served.order, current);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, orders: orders.map((order) => byId.get(order.id) as SalesOrder), effects };
}
