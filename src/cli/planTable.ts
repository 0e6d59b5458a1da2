import type { Unfilled } from "../index.js";
import type { PlanLists } from "./csv.js";
import type { RenderOptions } from "./render.js";
import { skuTotals } from "./summary.js";
import {
  type Cell,
  type Column,
  displayWidth,
  left,
  right,
  safeText,
  sectionLines,
} from "./table.js";

/* The plan as tables for a planner (`fenhuo allocate`, the default format), line by line. */

/** How a demand is named on the command line: what `fenhuo explain` takes. */
export function refText(row: Unfilled): string {
  switch (row.kind) {
    case "order-line":
      return `${row.order}#${row.line}`;
    case "store":
      return `store:${row.store}/${row.sku}`;
    case "region":
      return `region:${row.region}/${row.sku}`;
  }
}

/**
 * The plan for a planner, line by line: one titled table per list of the plan.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { planTableLines } from "./planTable.js";
 * [...planTableLines(allocate({ asOf: "2026-03-01" }))].slice(0, 5);
 * // ["Allocation run of 2026-03-01 (CNY)", "==================================", "", "Summary by SKU (units)", "  (none)"]
 * ```
 */
export function* planTableLines(plan: PlanLists, context: RenderOptions = {}): Generator<string> {
  const names = context.regionNames ?? new Map<string, string>();
  const title = `Allocation run of ${safeText(plan.asOf)} (${safeText(plan.currency)})`;
  yield title;
  yield "=".repeat(displayWidth(title));

  function* section<T>(
    heading: string,
    columns: readonly Column[],
    list: readonly T[],
    row: (item: T) => readonly Cell[],
  ): Generator<string> {
    yield* sectionLines(heading, columns, list.length, () => mapped(list, row), context.onRow);
  }
  // A region name column only when the input named some region of the section.
  const regionColumns = (list: readonly { readonly region: string }[]) => {
    const named = list.some((item) => names.has(item.region));
    return {
      columns: named ? [left("region"), left("name")] : [left("region")],
      cells: (region: string): Cell[] => (named ? [region, names.get(region) ?? ""] : [region]),
    };
  };

  const totals = skuTotals(plan);
  // Not counted in the progress: its rows are not the plan's.
  yield* sectionLines(
    "Summary by SKU (units)",
    [
      left("sku"),
      right("to franchisees"),
      right("newly locked"),
      right("to stores"),
      right("to regions"),
      right("left free"),
    ],
    totals.length,
    () =>
      totals.map((row) => [
        row.sku,
        row.franchisees,
        row.locked,
        row.stores,
        row.regions,
        row.remaining,
      ]),
  );

  yield* section(
    "Franchisee allocations",
    [
      left("order"),
      right("line"),
      left("franchisee"),
      left("sku"),
      right("qty"),
      right("unit price"),
      right("amount"),
      right("cash"),
      right("credit"),
      left("source"),
    ],
    plan.franchiseeAllocations,
    (a) => [
      a.order,
      a.line,
      a.franchisee,
      a.sku,
      a.quantity,
      a.unitPrice,
      a.amount,
      a.cash,
      a.credit,
      a.source,
    ],
  );

  yield* section(
    "Locks after the run (pay before expiry, or the stock is released)",
    [
      left("lock"),
      left("order"),
      right("line"),
      left("franchisee"),
      left("sku"),
      right("qty"),
      left("locked on"),
      left("expires on"),
      left("new"),
    ],
    plan.locks,
    (l) => [
      l.id,
      l.order,
      l.line,
      l.franchisee,
      l.sku,
      l.quantity,
      l.lockedOn,
      l.expiresOn,
      l.isNew ? "yes" : "",
    ],
  );

  yield* section(
    "Released locks (expired: back to free stock)",
    [
      left("lock"),
      left("order"),
      right("line"),
      left("franchisee"),
      left("sku"),
      right("qty"),
      left("expired on"),
      left("no relock before"),
    ],
    plan.releasedLocks,
    (l) => [
      l.id,
      l.order,
      l.line,
      l.franchisee,
      l.sku,
      l.quantity,
      l.expiresOn,
      l.lockBlockedUntil,
    ],
  );

  const stores = regionColumns(plan.storeAllocations);
  yield* section(
    "Store allocations (direct and concession stores)",
    [left("store"), ...stores.columns, left("sku"), right("qty")],
    plan.storeAllocations,
    (s) => [s.store, ...stores.cells(s.region), s.sku, s.quantity],
  );

  const regions = regionColumns(plan.regionAllocations);
  yield* section(
    "Region allocations (region warehouses)",
    [...regions.columns, left("sku"), right("qty")],
    plan.regionAllocations,
    (r) => [...regions.cells(r.region), r.sku, r.quantity],
  );

  yield* section(
    "Unfilled demand",
    [left("demand"), left("kind"), left("sku"), right("qty"), left("reason")],
    plan.unfilled,
    (u) => [refText(u), u.kind, u.sku, u.quantity, u.reason],
  );

  yield* section("Remaining free stock", [left("sku"), right("qty")], plan.remaining, (r) => [
    r.sku,
    r.quantity,
  ]);

  yield* section(
    "Franchisee balances",
    [
      left("franchisee"),
      right("spendable before"),
      right("cash used"),
      right("credit used"),
      right("cash after"),
      right("credit left"),
    ],
    plan.balances,
    (b) => [
      b.franchisee,
      b.spendableBefore,
      b.cashCommitted,
      b.creditCommitted,
      b.cashAfter,
      b.creditAvailableAfter,
    ],
  );

  yield* section(
    "Payment requests (通知加盟商打款)",
    [left("franchisee"), right("amount"), left("pay before"), left("locks")],
    plan.paymentRequests,
    (p) => [p.franchisee, p.amount, p.payBefore, p.locks.join(", ")],
  );

  yield* section("Warnings", [left("code"), left("message")], plan.warnings, (w) => [
    w.code,
    w.message,
  ]);

  const example =
    plan.unfilled[0] !== undefined
      ? refText(plan.unfilled[0])
      : plan.franchiseeAllocations[0] !== undefined
        ? `${plan.franchiseeAllocations[0].order}#${plan.franchiseeAllocations[0].line}`
        : undefined;
  if (example !== undefined) {
    yield "";
    yield "Why did a demand get what it got? Save the plan with --format json --out plan.json, then:";
    yield `  fenhuo explain plan.json ${safeText(example)}`;
  }
}

function* mapped<T>(
  list: readonly T[],
  row: (item: T) => readonly Cell[],
): Generator<readonly Cell[]> {
  for (const item of list) yield row(item);
}
