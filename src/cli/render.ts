import type { AllocationPlan, Unfilled } from "../index.js";
import { type Cell, type Column, displayWidth, renderTable, safeText } from "./table.js";

/*
 * A plan as text: a planner's table, the JSON itself, or one CSV. Pure
 * functions from a plan to a string; the caller decides where it goes.
 */

/** The output formats of `fenhuo allocate`. */
export const PLAN_FORMATS = ["table", "json", "csv"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** Optional facts from the input that make the table easier to read. */
export interface TableContext {
  /** Region id → display name (`shenzhen` → `深圳`), from the input's `regions`. */
  readonly regionNames?: ReadonlyMap<string, string>;
}

/** The plan in `format`, ending with a newline. */
export function renderPlan(
  plan: AllocationPlan,
  format: PlanFormat,
  context: TableContext = {},
): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(plan, null, 2)}\n`;
    case "csv":
      return planCsv(plan);
    case "table":
      return planTable(plan, context);
  }
}

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

const right = (title: string): Column => ({ title, align: "right" });
const left = (title: string): Column => ({ title });

/** The plan for a planner: one titled table per list of the plan. */
export function planTable(plan: AllocationPlan, context: TableContext = {}): string {
  const names = context.regionNames ?? new Map<string, string>();
  const out: string[] = [];
  const title = `Allocation run of ${safeText(plan.asOf)} (${safeText(plan.currency)})`;
  out.push(title, "=".repeat(displayWidth(title)));

  const section = (heading: string, columns: Column[], rows: Cell[][]): void => {
    out.push("", heading);
    if (rows.length === 0) out.push("  (none)");
    else out.push(...renderTable(columns, rows));
  };
  // A region name column only when the input named some region of the section.
  const regionColumns = (regions: readonly string[]): { columns: Column[]; cells: Cell[][] } => {
    const named = regions.some((region) => names.has(region));
    return {
      columns: named ? [left("region"), left("name")] : [left("region")],
      cells: regions.map((region) => (named ? [region, names.get(region) ?? ""] : [region])),
    };
  };

  section(
    "Summary by SKU (units)",
    [
      left("sku"),
      right("to franchisees"),
      right("newly locked"),
      right("to stores"),
      right("to regions"),
      right("left free"),
    ],
    skuSummary(plan).map((row) => [
      row.sku,
      row.franchisees,
      row.locked,
      row.stores,
      row.regions,
      row.remaining,
    ]),
  );

  section(
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
    plan.franchiseeAllocations.map((a) => [
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
    ]),
  );

  section(
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
    plan.locks.map((l) => [
      l.id,
      l.order,
      l.line,
      l.franchisee,
      l.sku,
      l.quantity,
      l.lockedOn,
      l.expiresOn,
      l.isNew ? "yes" : "",
    ]),
  );

  section(
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
    plan.releasedLocks.map((l) => [
      l.id,
      l.order,
      l.line,
      l.franchisee,
      l.sku,
      l.quantity,
      l.expiresOn,
      l.lockBlockedUntil,
    ]),
  );

  const stores = regionColumns(plan.storeAllocations.map((s) => s.region));
  section(
    "Store allocations (direct and concession stores)",
    [left("store"), ...stores.columns, left("sku"), right("qty")],
    plan.storeAllocations.map((s, index) => [
      s.store,
      ...(stores.cells[index] ?? []),
      s.sku,
      s.quantity,
    ]),
  );

  const regions = regionColumns(plan.regionAllocations.map((r) => r.region));
  section(
    "Region allocations (region warehouses)",
    [...regions.columns, left("sku"), right("qty")],
    plan.regionAllocations.map((r, index) => [...(regions.cells[index] ?? []), r.sku, r.quantity]),
  );

  section(
    "Unfilled demand",
    [left("demand"), left("kind"), left("sku"), right("qty"), left("reason")],
    plan.unfilled.map((u) => [refText(u), u.kind, u.sku, u.quantity, u.reason]),
  );

  section(
    "Remaining free stock",
    [left("sku"), right("qty")],
    plan.remaining.map((r) => [r.sku, r.quantity]),
  );

  section(
    "Franchisee balances",
    [
      left("franchisee"),
      right("spendable before"),
      right("cash used"),
      right("credit used"),
      right("cash after"),
      right("credit left"),
    ],
    plan.balances.map((b) => [
      b.franchisee,
      b.spendableBefore,
      b.cashCommitted,
      b.creditCommitted,
      b.cashAfter,
      b.creditAvailableAfter,
    ]),
  );

  section(
    "Payment requests (通知加盟商打款)",
    [left("franchisee"), right("amount"), left("pay before"), left("locks")],
    plan.paymentRequests.map((p) => [p.franchisee, p.amount, p.payBefore, p.locks.join(", ")]),
  );

  section(
    "Warnings",
    [left("code"), left("message")],
    plan.warnings.map((w) => [w.code, w.message]),
  );

  const example =
    plan.unfilled[0] !== undefined
      ? refText(plan.unfilled[0])
      : plan.franchiseeAllocations[0] !== undefined
        ? `${plan.franchiseeAllocations[0].order}#${plan.franchiseeAllocations[0].line}`
        : undefined;
  if (example !== undefined) {
    out.push(
      "",
      "Why did a demand get what it got? Save the plan with --format json --out plan.json, then:",
      `  fenhuo explain plan.json ${safeText(example)}`,
    );
  }
  return `${out.join("\n")}\n`;
}

/** Units per SKU and destination: where the run sent each SKU's stock. */
interface SkuSummary {
  readonly sku: string;
  franchisees: number;
  locked: number;
  stores: number;
  regions: number;
  remaining: number;
}

function skuSummary(plan: AllocationPlan): SkuSummary[] {
  const bySku = new Map<string, SkuSummary>();
  const of = (sku: string): SkuSummary => {
    let row = bySku.get(sku);
    if (row === undefined) {
      row = { sku, franchisees: 0, locked: 0, stores: 0, regions: 0, remaining: 0 };
      bySku.set(sku, row);
    }
    return row;
  };
  for (const a of plan.franchiseeAllocations) of(a.sku).franchisees += a.quantity;
  for (const l of plan.locks) if (l.isNew) of(l.sku).locked += l.quantity;
  for (const s of plan.storeAllocations) of(s.sku).stores += s.quantity;
  for (const r of plan.regionAllocations) of(r.sku).regions += r.quantity;
  for (const r of plan.remaining) of(r.sku).remaining += r.quantity;
  return [...bySku.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/**
 * The columns of `--format csv`: `section` (the plan's list the row comes
 * from), then the union of the fields of every list, named as in the plan's
 * JSON. A row leaves the fields its list does not have empty. The trace is
 * not in the CSV (`--format json` has it).
 */
export const CSV_COLUMNS = [
  "section",
  "kind",
  "id",
  "order",
  "line",
  "franchisee",
  "store",
  "region",
  "sku",
  "quantity",
  "unitPrice",
  "amount",
  "cash",
  "credit",
  "source",
  "lockedOn",
  "expiresOn",
  "isNew",
  "lockBlockedUntil",
  "convertedInGrace",
  "reason",
  "spendableBefore",
  "committedBefore",
  "cashCommitted",
  "creditCommitted",
  "cashAfter",
  "creditAvailableAfter",
  "payBefore",
  "locks",
  "code",
  "committedCash",
  "committedCredit",
  "season",
  "message",
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | boolean>>;

/** The plan's lists as one CSV (RFC 4180, `\n` line ends), in the plan's order. */
export function planCsv(plan: AllocationPlan): string {
  const rows: CsvRow[] = [];
  const add = (section: string, list: readonly object[]): void => {
    for (const item of list) rows.push({ section, ...(item as CsvRow) });
  };
  add("franchiseeAllocations", plan.franchiseeAllocations);
  add("locks", plan.locks);
  add("releasedLocks", plan.releasedLocks);
  add("storeAllocations", plan.storeAllocations);
  add("regionAllocations", plan.regionAllocations);
  add("unfilled", plan.unfilled);
  add("remaining", plan.remaining);
  add("balances", plan.balances);
  // A payment request's lock ids, joined by spaces (ids rarely hold one).
  add(
    "paymentRequests",
    plan.paymentRequests.map((p) => ({ ...p, locks: p.locks.join(" ") })),
  );
  add("warnings", plan.warnings);
  const lines = [
    CSV_COLUMNS.join(","),
    ...rows.map((row) => CSV_COLUMNS.map((column) => csvField(row[column])).join(",")),
  ];
  return `${lines.join("\n")}\n`;
}

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
