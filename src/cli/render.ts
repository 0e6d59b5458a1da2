import { compactTraceOf } from "../allocation/output.js";
import type { AllocationPlan } from "../index.js";
import { batched, jsonPieces, type LazyList } from "./chunks.js";
import { type PlanLists, planCsvLines } from "./csv.js";
import { planTableLines } from "./planTable.js";
import { type PlanSummary, summaryCsvLines, summaryTableLines } from "./summary.js";

/*
 * A plan as text: a planner's table, the JSON itself, or one CSV — in pieces
 * (R-SCALE-2), never one string of the whole plan. Pure generators; the caller
 * decides where the chunks go.
 */

/** The output formats of `fenhuo allocate`. */
export const PLAN_FORMATS = ["table", "json", "csv"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** Optional facts from the input that make the table easier to read. */
export interface TableContext {
  /** Region id → display name (`shenzhen` → `深圳`), from the input's `regions`. */
  readonly regionNames?: ReadonlyMap<string, string>;
}

/** How a plan is written. */
export interface RenderOptions extends TableContext {
  /** Called after each row of the plan's lists is written: a count for progress. */
  readonly onRow?: () => void;
}

/**
 * The plan in `format`, as chunks of about 64 KiB ending with a newline;
 * joined, the JSON is exactly `JSON.stringify(plan, null, 2)` and a newline
 * (with no `trace` for a plan passed through {@link withoutTrace}: `--no-trace`).
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { planChunks } from "./render.js";
 * const plan = allocate({ asOf: "2026-03-01" });
 * [...planChunks(plan, "json")].join(""); // `${JSON.stringify(plan, null, 2)}\n`
 * ```
 */
export function planChunks(
  plan: AllocationPlan | PlanLists,
  format: PlanFormat,
  options: RenderOptions = {},
): Iterable<string> {
  return batched(planPieces(plan, format, options));
}

/**
 * The summary of `fenhuo allocate --summary` in `format`, as chunks ending with
 * a newline: short tables, the {@link PlanSummary} as JSON (2-space indented,
 * like the plan), or one CSV with a `section` column.
 *
 * @example
 * ```ts
 * import { summaryChunks } from "./render.js";
 * const money = { served: 0, amount: "0.00", cash: "0.00", credit: "0.00", paymentRequested: "0.00" };
 * const summary = { asOf: "2026-03-01", currency: "CNY", bySku: [], byChannel: [], byRegion: [], unfilled: [], money };
 * JSON.parse([...summaryChunks(summary, "json")].join("")).money.served; // 0
 * [...summaryChunks(summary, "csv")].join("").split("\n")[1]; // "money,,,,,,,,,,,,,,,,,0,0.00,0.00,0.00,0.00"
 * ```
 */
export function summaryChunks(summary: PlanSummary, format: PlanFormat): Iterable<string> {
  switch (format) {
    case "json":
      return batched(jsonPieces(summary));
    case "csv":
      return batched(summaryCsvLines(summary));
    case "table":
      return batched(withNewlines(summaryTableLines(summary)));
  }
}

function planPieces(
  plan: AllocationPlan | PlanLists,
  format: PlanFormat,
  options: RenderOptions,
): Iterable<string> {
  const onRow = options.onRow ?? (() => {});
  switch (format) {
    case "json": {
      const trace = streamedTrace(plan);
      return jsonPieces(plan, trace === undefined ? { onRow } : { onRow, lists: trace });
    }
    case "csv":
      return planCsvLines(plan, onRow);
    case "table":
      return withNewlines(planTableLines(plan, options));
  }
}

/**
 * The trace of a plan fresh from the engine, as a list made one decision at
 * a time from its compact record (the plan's `trace` getter would make the
 * ~1.7 decisions per line all at once); none for another plan (one read from
 * JSON, a copy), whose trace is an array already.
 */
function streamedTrace(plan: PlanLists): ReadonlyMap<string, LazyList> | undefined {
  const compact = compactTraceOf(plan as AllocationPlan);
  if (compact === undefined || !Object.hasOwn(plan, "trace")) return undefined;
  return new Map([["trace", { size: compact.size, at: (at: number) => compact.decision(at) }]]);
}

/**
 * The plan without its trace (`--no-trace`), the rest in the same key order.
 * The trace is never read (spreading the plan would call its getter and make
 * every decision), so nothing of it outlives the copy; the other fields are
 * copied as they are, a lazy `planId` still lazy (`--summary` never writes it).
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { withoutTrace } from "./render.js";
 * "trace" in withoutTrace(allocate({ asOf: "2026-03-01" })); // false
 * ```
 */
export function withoutTrace(plan: AllocationPlan): PlanWithoutTrace {
  const rest = {};
  for (const key of Object.keys(plan)) {
    // Copied as they are: a getter (planId's digest) stays one, read only if written.
    const field = Object.getOwnPropertyDescriptor(plan, key);
    if (key !== "trace" && field !== undefined) Object.defineProperty(rest, key, field);
  }
  return rest as PlanWithoutTrace;
}

/** A plan as written with `--no-trace`. */
export type PlanWithoutTrace = PlanLists;

/**
 * How many rows the lists of a plan hold, its trace's too when it has one:
 * the total of the writing's progress.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { planRowCount } from "./render.js";
 * planRowCount(allocate({ asOf: "2026-03-01" })); // 0
 * ```
 */
export function planRowCount(plan: PlanLists): number {
  let rows = 0;
  for (const key of Object.keys(plan)) {
    // The trace's size from its compact record, and no other getter read (planId's digest).
    const size = key === "trace" ? compactTraceOf(plan as AllocationPlan)?.size : undefined;
    const field = Object.getOwnPropertyDescriptor(plan, key);
    const value = size === undefined ? field?.value : undefined;
    rows += size ?? (Array.isArray(value) ? value.length : 0);
  }
  return rows;
}

/** Lines with their line ends. */
function* withNewlines(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
