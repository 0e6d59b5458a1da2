import { parseArgs } from "node:util";
import { Decimal } from "decimal.js";
import { type AllocationPlan, exceptions } from "../index.js";
import {
  type Channels,
  lineKey,
  linePrices,
  NO_CHANNELS,
  unitsByChannel,
} from "../planning/planFigures.js";
import { loadPlan } from "./input.js";
import { CliError, EXIT, type ExitCode, type Io } from "./io.js";
import { type Chart, page } from "./reportPage.js";

/*
 * `fenhuo report <plan.json> --out report.html`: one self-contained HTML page
 * a planner opens in a browser — no script, no request leaves it — with
 * charts drawn to SVG by Apache ECharts' server-side renderer (no DOM), the
 * exceptions (R-EXCEPT) and the plan's lists. Readable at a million lines:
 * charts and tables show the top rows, the rest summed or counted; the full
 * lists stay in the JSON and the workbook.
 */

/** Options of {@link reportHtml}. */
export interface ReportOptions {
  /** Rows of each table and bars of each chart before the rest is summed (default 20). */
  readonly top?: number;
  /** Locks expiring within this many days are exceptions (default 3). */
  readonly withinDays?: number;
}

const CHANNELS = ["franchisees", "locks", "stores", "regions", "remaining"] as const;
const CHANNEL_NAMES: Record<(typeof CHANNELS)[number], string> = {
  franchisees: "franchisees (加盟商)",
  locks: "locked (锁定)",
  stores: "stores (门店)",
  regions: "regions (区域)",
  remaining: "left (剩余)",
};

/** The `top` entries of `rows` by `weight` (then key), and the rest summed as one. */
function topN<T>(
  rows: readonly [string, T][],
  weight: (value: T) => number,
  top: number,
  sum: (values: readonly T[]) => T,
): [string, T][] {
  const sorted = [...rows].sort(
    ([ka, a], [kb, b]) => weight(b) - weight(a) || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top);
  return [...sorted.slice(0, top), [`other (${rest.length})`, sum(rest.map(([, v]) => v))]];
}

/**
 * The report of `plan` as one HTML document (a string): charts of stock by
 * SKU and channel, fill by region and by franchisee, locks by expiry date with
 * the money due; the exceptions; the plan's lists, `top` rows each.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { reportHtml } from "./report.js";
 * const plan = allocate({ asOf: "2026-03-01" });
 * void reportHtml(plan).then((html) => html.startsWith("<!doctype html>"));
 * ```
 */
export async function reportHtml(
  plan: AllocationPlan,
  options: ReportOptions = {},
): Promise<string> {
  const top = options.top ?? 20;
  // Loaded only for a report: every other command starts without it.
  const echarts = await import("echarts");
  let drawn = 0;
  const draw = (title: string, width: number, height: number, option: object): Chart => {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
    chart.setOption({ animation: false, textStyle: { fontFamily: "sans-serif" }, ...option });
    const svg = stableIds(chart.renderToSVGString(), drawn++);
    chart.dispose();
    return { title, svg };
  };
  const list = exceptions(plan, { withinDays: options.withinDays ?? 3 });

  // Stock by SKU and channel.
  const total = (u: Channels) => CHANNELS.reduce((s, c) => s + u[c], 0);
  const sumUnits = (values: readonly Channels[]): Channels => {
    const out = { ...NO_CHANNELS };
    for (const v of values) for (const c of CHANNELS) out[c] += v[c];
    return out;
  };
  const skus = topN([...unitsByChannel(plan)], total, top, sumUnits);
  const stock = draw("Stock by SKU and channel (units)", 900, 380, {
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 70 },
    xAxis: { type: "category", data: skus.map(([k]) => k), axisLabel: { rotate: 30 } },
    yAxis: { type: "value" },
    series: CHANNELS.map((c) => ({
      name: CHANNEL_NAMES[c],
      type: "bar",
      stack: "units",
      data: skus.map(([, u]) => u[c]),
    })),
  });

  // Fill by region (stores and warehouses) and by franchisee (order lines).
  type Fill = { filled: number; demand: number };
  const fillAdd = (map: Map<string, Fill>, key: string, filled: number, demand: number) => {
    const f = map.get(key) ?? { filled: 0, demand: 0 };
    f.filled += filled;
    f.demand += demand;
    map.set(key, f);
  };
  const byRegion = new Map<string, Fill>();
  for (const row of plan.storeAllocations)
    fillAdd(byRegion, row.region, row.quantity, row.quantity);
  for (const row of plan.regionAllocations)
    fillAdd(byRegion, row.region, row.quantity, row.quantity);
  const byFranchisee = new Map<string, Fill>();
  for (const row of plan.franchiseeAllocations)
    fillAdd(byFranchisee, row.franchisee, row.quantity, row.quantity);
  for (const row of plan.locks) fillAdd(byFranchisee, row.franchisee, 0, row.quantity);
  for (const row of plan.unfilled) {
    if (row.kind === "order-line") fillAdd(byFranchisee, row.franchisee, 0, row.quantity);
    else fillAdd(byRegion, row.region, 0, row.quantity);
  }
  const sumFill = (values: readonly Fill[]) => ({
    filled: values.reduce((s, v) => s + v.filled, 0),
    demand: values.reduce((s, v) => s + v.demand, 0),
  });
  const percent = (f: Fill) => (f.demand === 0 ? 0 : Math.round((1000 * f.filled) / f.demand) / 10);
  const fillChart = (title: string, rows: [string, Fill][]) =>
    draw(title, 440, 320, {
      grid: { left: 110, right: 50, top: 20, bottom: 30 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: rows.map(([k]) => k) },
      series: [
        {
          type: "bar",
          barMaxWidth: 32,
          data: rows.map(([, f]) => percent(f)),
          label: { show: true, position: "right", formatter: "{c}%" },
        },
      ],
    });
  const regionFill = fillChart(
    "Fill by region: stores and warehouses (%)",
    topN([...byRegion], (f) => f.demand, top, sumFill),
  );
  const franchiseeFill = fillChart(
    "Fill by franchisee: order lines allocated (%)",
    topN([...byFranchisee], (f) => f.demand, top, sumFill),
  );

  // Locks by expiry date, with the money due (at each line's price, from the trace).
  const price = linePrices(plan);
  const byExpiry = new Map<string, { units: number; due: Decimal }>();
  for (const lock of plan.locks) {
    const row = byExpiry.get(lock.expiresOn) ?? { units: 0, due: new Decimal(0) };
    row.units += lock.quantity;
    row.due = row.due.plus(
      new Decimal(price.get(lineKey(lock.order, lock.line)) ?? 0).times(lock.quantity),
    );
    byExpiry.set(lock.expiresOn, row);
  }
  const dates = [...byExpiry.keys()].sort();
  const locks = draw("Locks by expiry date: units, and the money due", 900, 320, {
    legend: { top: 0 },
    grid: { left: 60, right: 80, top: 40, bottom: 40 },
    xAxis: { type: "category", data: dates },
    yAxis: [
      { type: "value", name: "units" },
      { type: "value", name: plan.currency },
    ],
    series: [
      {
        name: "units locked",
        type: "bar",
        barMaxWidth: 48,
        data: dates.map((d) => byExpiry.get(d)?.units ?? 0),
      },
      {
        name: `money due (${plan.currency})`,
        type: "line",
        yAxisIndex: 1,
        // Exact sums, drawn as numbers (a chart's scale is not money).
        data: dates.map((d) => (byExpiry.get(d)?.due ?? new Decimal(0)).toNumber()),
      },
    ],
  });

  const charts = [stock, regionFill, franchiseeFill, locks];
  return page(plan, charts, list, top);
}

/**
 * The SVG with ECharts' ids (numbered across every chart the process ever
 * drew: `zr4-cls-17`) renamed in order of appearance (`fh1-0`): the same plan
 * gives the same page, and two charts on it never share an id.
 */
function stableIds(svg: string, chart: number): string {
  const names = new Map<string, string>();
  return svg.replace(/zr\d+-[a-z]+-?\d+/g, (id) => {
    let name = names.get(id);
    if (name === undefined) {
      name = `fh${chart}-${names.size}`;
      names.set(id, name);
    }
    return name;
  });
}

export const REPORT_HELP = `Usage: fenhuo report <plan.json> [options]

Writes one self-contained HTML page for a person to read in a browser (no
script, nothing loaded from the network): charts of the stock by SKU and
channel, fill by region and by franchisee, and locks by expiry date with the
money due; the exceptions (R-EXCEPT); the plan's lists. Big plans show the
top rows of each, the rest summed or counted (the full lists stay in JSON).

Options:
  -o, --out <file>        write the page to <file> (report.html) instead of stdout
      --top <n>           rows per table and bars per chart (default 20)
      --within-days <n>   locks expiring within n days are exceptions (default 3)
  -h, --help              show this help
`;

function whole(command: string, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value) && Number(value) <= 100_000) return Number(value);
  throw new CliError(
    `${command}: ${option} must be a whole number (at most 100000), not "${value}"\nRun "fenhuo ${command} --help" for usage.`,
    EXIT.usage,
  );
}

/** Runs `fenhuo report` with the arguments after the command name. */
export async function reportCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  let parsed: ReturnType<typeof readReportArgs>;
  try {
    parsed = readReportArgs(args);
  } catch (error) {
    const message = (error as Error).message.split(". ")[0] ?? "bad arguments";
    throw new CliError(`report: ${message}\nRun "fenhuo report --help" for usage.`, EXIT.usage);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new CliError(`report: needs one plan\nRun "fenhuo report --help" for usage.`, EXIT.usage);
  const top = whole("report", "--top", values.top);
  const withinDays = whole("report", "--within-days", values["within-days"]);
  if (withinDays !== undefined && withinDays > 3650)
    throw new CliError(
      `report: --within-days must be at most 3650, not ${withinDays}\nRun "fenhuo report --help" for usage.`,
      EXIT.usage,
    );
  const plan = (await loadPlan(positionals[0] as string, io)) as AllocationPlan;
  const html = await reportHtml(plan, {
    ...(top === undefined ? {} : { top: Math.max(1, top) }),
    ...(withinDays === undefined ? {} : { withinDays }),
  });
  await io.writeChunks(values.out, [html]);
  return EXIT.ok;
}

function readReportArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: "string", short: "o" },
      top: { type: "string" },
      "within-days": { type: "string" },
    },
  });
}
