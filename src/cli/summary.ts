import { currencyMinorDigits } from "../domain/money.js";
import { formatAmount, UNFILLED_REASONS } from "../index.js";
import { type CsvValue, csvLines, type PlanLists } from "./csv.js";
import { ExactSum } from "./exactSum.js";
import {
  type Cell,
  type Column,
  displayWidth,
  left,
  right,
  safeText,
  sectionLines,
} from "./table.js";

/*
 * `fenhuo allocate --summary` (R-SCALE-2): the plan folded into a few short
 * tables — units by SKU, by channel and by region, unfilled units by reason,
 * and the franchisees' money — whose length depends on the SKUs and regions,
 * not on the number of order lines. Pure: from the plan and the input's supply.
 */

/**
 * Units of one SKU: what the input supplied and where the run sent it. They
 * add up (R-INV-CONSERVE): supply + released = franchisees − converted +
 * locked + stores + regions + remaining.
 */
export interface SkuTotals {
  readonly sku: string;
  /** The input's free supply of the SKU (its `supply` rows added up). */
  readonly supply: number;
  /** Units of locks that expired at this run, back in free stock. */
  readonly released: number;
  /** Allocated to franchisee order lines: funded from free stock, and converted locks. */
  readonly franchisees: number;
  /** The part of `franchisees` that converted paid locks (`source: "lock"`): stock locked before. */
  readonly converted: number;
  /** Locked by this run's new locks (locks carried over are not counted again). */
  readonly locked: number;
  readonly stores: number;
  readonly regions: number;
  /** Free stock left after the run. */
  readonly remaining: number;
}

/** The channels of {@link SkuTotals}, in the order the tables show them. */
export const CHANNELS = [
  "released",
  "franchisees",
  "converted",
  "locked",
  "stores",
  "regions",
  "remaining",
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Units sent to a region: to its stores and to its warehouse. */
export interface RegionTotals {
  readonly region: string;
  /** The region's display name, when the input gave one. */
  readonly name?: string;
  readonly stores: number;
  readonly warehouse: number;
}

/** The franchisees' money in the plan, added up: exact decimal strings, as the plan writes amounts. */
export interface MoneyTotals {
  /** How many franchisees received at least one allocation row. */
  readonly served: number;
  /** Allocated amount: cash + credit. */
  readonly amount: string;
  readonly cash: string;
  readonly credit: string;
  /** Asked for by the payment requests (new locks to pay). */
  readonly paymentRequested: string;
}

/** What `fenhuo allocate --summary --format json` writes. */
export interface PlanSummary {
  readonly asOf: string;
  readonly currency: string;
  /** By SKU. */
  readonly bySku: readonly SkuTotals[];
  /** One row per channel, in {@link CHANNELS} order; `supply` first. */
  readonly byChannel: readonly {
    readonly channel: "supply" | Channel;
    readonly quantity: number;
  }[];
  /** By region id. */
  readonly byRegion: readonly RegionTotals[];
  /** Units left unfilled, by reason (in the order of `UNFILLED_REASONS`, others after by name). */
  readonly unfilled: readonly {
    readonly reason: string;
    readonly demands: number;
    readonly quantity: number;
  }[];
  readonly money: MoneyTotals;
}

/** Facts from the input the plan does not hold. */
export interface SummaryContext {
  /** SKU → free supply in the input. */
  readonly supply?: ReadonlyMap<string, number>;
  /** Region id → display name. */
  readonly regionNames?: ReadonlyMap<string, string>;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Units per SKU and channel: where the run sent each SKU's stock, by SKU. Every
 * SKU of the plan's rows or of `supply` has a row.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { skuTotals } from "./summary.js";
 * skuTotals(allocate({ asOf: "2026-03-01" }), new Map([["A", 5]]));
 * // [{ "sku": "A", "supply": 5, "released": 0, "franchisees": 0, "converted": 0, "locked": 0, "stores": 0, "regions": 0, "remaining": 0 }]
 * ```
 */
export function skuTotals(
  plan: PlanLists,
  supply: ReadonlyMap<string, number> = new Map(),
): SkuTotals[] {
  type Row = { -readonly [K in keyof SkuTotals]: SkuTotals[K] };
  const bySku = new Map<string, Row>();
  const of = (sku: string): Row => {
    let row = bySku.get(sku);
    if (row === undefined) {
      row = {
        sku,
        supply: 0,
        released: 0,
        franchisees: 0,
        converted: 0,
        locked: 0,
        stores: 0,
        regions: 0,
        remaining: 0,
      };
      bySku.set(sku, row);
    }
    return row;
  };
  for (const [sku, quantity] of supply) of(sku).supply += quantity;
  for (const l of plan.releasedLocks) of(l.sku).released += l.quantity;
  for (const a of plan.franchiseeAllocations) {
    const row = of(a.sku);
    row.franchisees += a.quantity;
    if (a.source === "lock") row.converted += a.quantity;
  }
  for (const l of plan.locks) if (l.isNew) of(l.sku).locked += l.quantity;
  for (const s of plan.storeAllocations) of(s.sku).stores += s.quantity;
  for (const r of plan.regionAllocations) of(r.sku).regions += r.quantity;
  for (const r of plan.remaining) of(r.sku).remaining += r.quantity;
  return [...bySku.values()].sort((a, b) => byText(a.sku, b.sku));
}

/**
 * The plan folded into {@link PlanSummary}: short whatever the number of lines.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { planSummary } from "./summary.js";
 * planSummary(allocate({ asOf: "2026-03-01" })).money;
 * // { "served": 0, "amount": "0.00", "cash": "0.00", "credit": "0.00", "paymentRequested": "0.00" }
 * ```
 */
export function planSummary(plan: PlanLists, context: SummaryContext = {}): PlanSummary {
  const bySku = skuTotals(plan, context.supply);
  const total = (key: "supply" | Channel): number => bySku.reduce((sum, row) => sum + row[key], 0);

  const regions = new Map<string, { stores: number; warehouse: number }>();
  const region = (id: string) => {
    let row = regions.get(id);
    if (row === undefined) {
      row = { stores: 0, warehouse: 0 };
      regions.set(id, row);
    }
    return row;
  };
  for (const s of plan.storeAllocations) region(s.region).stores += s.quantity;
  for (const r of plan.regionAllocations) region(r.region).warehouse += r.quantity;
  const names = context.regionNames ?? new Map<string, string>();

  const unfilled = new Map<string, { demands: number; quantity: number }>();
  for (const u of plan.unfilled) {
    const row = unfilled.get(u.reason) ?? { demands: 0, quantity: 0 };
    row.demands += 1;
    row.quantity += u.quantity;
    unfilled.set(u.reason, row);
  }
  const reasonRank = (reason: string): number => {
    const index = (UNFILLED_REASONS as readonly string[]).indexOf(reason);
    return index === -1 ? UNFILLED_REASONS.length : index;
  };

  // Exact sums without a Decimal per amount: millions of them in a big wave.
  const amount = new ExactSum();
  const cash = new ExactSum();
  const credit = new ExactSum();
  const served = new Set<string>();
  for (const a of plan.franchiseeAllocations) {
    amount.add(a.amount);
    cash.add(a.cash);
    credit.add(a.credit);
    served.add(a.franchisee);
  }
  const requested = new ExactSum();
  for (const p of plan.paymentRequests) requested.add(p.amount);

  const digits = currencyMinorDigits(plan.currency);
  return {
    asOf: plan.asOf,
    currency: plan.currency,
    bySku,
    byChannel: [
      { channel: "supply", quantity: total("supply") },
      ...CHANNELS.map((channel) => ({ channel, quantity: total(channel) })),
    ],
    byRegion: [...regions.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([id, row]) => {
        const name = names.get(id);
        return { region: id, ...(name === undefined ? {} : { name }), ...row };
      }),
    unfilled: [...unfilled.entries()]
      .sort(([a], [b]) => reasonRank(a) - reasonRank(b) || byText(a, b))
      .map(([reason, row]) => ({ reason, ...row })),
    money: {
      served: served.size,
      amount: formatAmount(amount.total(), digits),
      cash: formatAmount(cash.total(), digits),
      credit: formatAmount(credit.total(), digits),
      paymentRequested: formatAmount(requested.total(), digits),
    },
  };
}

/** The columns of `--summary --format csv`: `section`, then the fields of every list. */
export const SUMMARY_COLUMNS = [
  "section",
  "sku",
  "channel",
  "region",
  "name",
  "reason",
  "demands",
  "supply",
  ...CHANNELS,
  "warehouse",
  "quantity",
  "served",
  "amount",
  "cash",
  "credit",
  "paymentRequested",
] as const;

const SUMMARY_MONEY: ReadonlySet<string> = new Set([
  "amount",
  "cash",
  "credit",
  "paymentRequested",
]);

type SummaryRow = Partial<Record<(typeof SUMMARY_COLUMNS)[number], CsvValue>>;

/**
 * The summary as one CSV, line by line: a `section` column (`bySku`,
 * `byChannel`, `byRegion`, `unfilled`, `money`) and the fields of every list.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { planSummary, summaryCsvLines } from "./summary.js";
 * [...summaryCsvLines(planSummary(allocate({ asOf: "2026-03-01" })))].length; // 10
 * ```
 */
export function summaryCsvLines(summary: PlanSummary): Generator<string> {
  return csvLines(SUMMARY_COLUMNS, summaryRows(summary), SUMMARY_MONEY);
}

function* summaryRows(summary: PlanSummary): Generator<SummaryRow> {
  for (const row of summary.bySku) yield { section: "bySku", ...row };
  for (const row of summary.byChannel) yield { section: "byChannel", ...row };
  for (const row of summary.byRegion) yield { section: "byRegion", ...row };
  for (const row of summary.unfilled) yield { section: "unfilled", ...row };
  yield { section: "money", ...summary.money };
}

/**
 * The summary for a planner, line by line.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { planSummary, summaryTableLines } from "./summary.js";
 * [...summaryTableLines(planSummary(allocate({ asOf: "2026-03-01" })))][0];
 * // "Allocation run of 2026-03-01 (CNY): summary"
 * ```
 */
export function* summaryTableLines(summary: PlanSummary): Generator<string> {
  const title = `Allocation run of ${safeText(summary.asOf)} (${safeText(summary.currency)}): summary`;
  yield title;
  yield "=".repeat(displayWidth(title));
  const table = (heading: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]) =>
    sectionLines(heading, columns, rows.length, () => rows);
  yield* table(
    "Units by SKU",
    [
      left("sku"),
      right("supply"),
      right("released"),
      right("to franchisees"),
      right("of them locks"),
      right("newly locked"),
      right("to stores"),
      right("to regions"),
      right("left free"),
    ],
    summary.bySku.map((r) => [
      r.sku,
      r.supply,
      r.released,
      r.franchisees,
      r.converted,
      r.locked,
      r.stores,
      r.regions,
      r.remaining,
    ]),
  );
  yield* table(
    "Units by channel",
    [left("channel"), right("units")],
    summary.byChannel.map((r) => [r.channel, r.quantity]),
  );
  const named = summary.byRegion.some((r) => r.name !== undefined);
  yield* table(
    "Units by region",
    [left("region"), ...(named ? [left("name")] : []), right("to stores"), right("to warehouse")],
    summary.byRegion.map((r) => [
      r.region,
      ...(named ? [r.name ?? ""] : []),
      r.stores,
      r.warehouse,
    ]),
  );
  yield* table(
    "Unfilled units by reason",
    [left("reason"), right("demands"), right("units")],
    summary.unfilled.map((r) => [r.reason, r.demands, r.quantity]),
  );
  const m = summary.money;
  yield* table(
    `Franchisee money (${safeText(summary.currency)})`,
    [
      right("franchisees served"),
      right("amount"),
      right("cash"),
      right("credit"),
      right("payment requested"),
    ],
    [[m.served, m.amount, m.cash, m.credit, m.paymentRequested]],
  );
}
