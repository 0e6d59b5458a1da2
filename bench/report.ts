/**
 * What a benchmark child reports (measure.ts) and how the driver prints it
 * (allocate.bench.ts): a time table, a memory table, and R-SCALE-1's targets marked
 * PASS / MISS — printed, never enforced by the exit code. The verdicts are on wall time, as
 * R-SCALE-1 states them; the same ratios in CPU time are printed beside them, steadier on
 * a machine that other work shares.
 */
import { fmt, median, verdict } from "./common.js";

/** Prefix of the child's result line on stdout. */
export const RESULT_PREFIX = "@@bench-result ";
/** Exit code of a child whose plan failed a check. */
export const PLAN_CHECK_EXIT = 3;

/** Counts of the plan's lists, for the report and the checks. */
export interface PlanCounts {
  readonly franchiseeAllocations: number;
  readonly locks: number;
  readonly storeAllocations: number;
  readonly trace: number;
}

/** What a child reports for its size. */
export interface SizeResult {
  readonly lines: number;
  readonly heapLimitMiB: number;
  readonly gcExposed: boolean;
  readonly generateMs: number;
  /** RSS and heap used after generating the wave and a gc: the wave's share. */
  readonly rssWaveMiB: number;
  readonly heapWaveMiB: number;
  /** maxRSS right after generating the wave (before any run). */
  readonly peakRssWaveMiB: number;
  readonly allocateMs: number[];
  readonly allocateCpuMs: number[];
  readonly floorMs: number[];
  readonly floorCpuMs: number[];
  readonly parseMs: number;
  readonly passesMs: number;
  readonly planMs: number;
  /** maxRSS after the first allocate run, before the trace is read. */
  readonly peakRssMiB: number;
  /** maxRSS at the end: every run, and the traces read. */
  readonly peakRssEndMiB: number;
  readonly plan: PlanCounts;
  /** SHA-256 (16 hex digits) of JSON.stringify(plan), on small sizes only. */
  readonly planDigest?: string;
}

/** A size as the driver saw it: measured, or the reason its child failed. */
export type SizeOutcome =
  | { readonly lines: number; readonly result: SizeResult }
  | { readonly lines: number; readonly failure: string };

const TARGET_FLOOR_RATIO = 3;
const TARGET_RSS_MIB = 1024;
const TARGET_SCALING = 12;
const ACCEPTANCE_RUNS = 5;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const render = (cells: readonly string[]) =>
    `| ${header.map((_, i) => (cells[i] ?? "").padStart(widths[i] as number)).join(" | ")} |`;
  return [
    render(header),
    `|${widths.map((w) => `${"-".repeat(w + 1)}:`).join("|")}|`,
    ...rows.map(render),
  ];
}

const failedRow = (lines: number, columns: number): string[] => [
  fmt(lines),
  "FAILED",
  ...Array.from({ length: columns - 2 }, () => ""),
];

function timeRows(outcomes: readonly SizeOutcome[]): string[] {
  const header = [
    "lines",
    "runs",
    "allocate ms",
    "lines/s",
    "floor ms",
    "allocate/floor",
    "cpu ms",
    "floor cpu ms",
    "cpu ratio",
    "parse ms",
    "passes ms",
    "plan ms",
  ];
  const rows = outcomes.map((outcome) => {
    if (!("result" in outcome)) return failedRow(outcome.lines, header.length);
    const r = outcome.result;
    const ms = median(r.allocateMs);
    const cpu = median(r.allocateCpuMs);
    return [
      fmt(r.lines),
      String(r.allocateMs.length),
      fmt(ms),
      fmt(r.lines / (ms / 1000)),
      fmt(median(r.floorMs)),
      `${fmt(ms / median(r.floorMs), 2)}×`,
      fmt(cpu),
      fmt(median(r.floorCpuMs)),
      `${fmt(cpu / median(r.floorCpuMs), 2)}×`,
      fmt(r.parseMs),
      fmt(r.passesMs),
      fmt(r.planMs),
    ];
  });
  return table(header, rows);
}

function memoryRows(outcomes: readonly SizeOutcome[]): string[] {
  const header = [
    "lines",
    "heap limit MiB",
    "RSS after wave",
    "heap after wave",
    "peak RSS after wave",
    "peak RSS (1st allocate)",
    "peak − wave",
    "peak RSS at end",
  ];
  const rows = outcomes.map((outcome) => {
    if (!("result" in outcome)) return failedRow(outcome.lines, header.length);
    const r = outcome.result;
    return [
      fmt(r.lines),
      fmt(r.heapLimitMiB),
      fmt(r.rssWaveMiB),
      fmt(r.heapWaveMiB),
      fmt(r.peakRssWaveMiB),
      fmt(r.peakRssMiB),
      fmt(r.peakRssMiB - r.rssWaveMiB),
      fmt(r.peakRssEndMiB),
    ];
  });
  return table(header, rows);
}

function targetLines(outcomes: readonly SizeOutcome[]): string[] {
  const measured = new Map<number, SizeResult>();
  for (const o of outcomes) if ("result" in o) measured.set(o.lines, o.result);
  const million = measured.get(1_000_000);
  const out = ["Targets of R-SCALE-1 (measured, not enforced by the exit code):"];
  if (million === undefined) {
    out.push("  1M not measured: the allocate/floor and peak RSS targets are not checked");
  } else {
    const runs = million.allocateMs.length;
    const medianOf =
      runs >= ACCEPTANCE_RUNS ? `median of ${runs}` : `median of ${runs}: acceptance asks 5`;
    const ratio = median(million.allocateMs) / median(million.floorMs);
    const cpuRatio = median(million.allocateCpuMs) / median(million.floorCpuMs);
    out.push(
      `  1M allocate/floor = ${fmt(ratio, 2)}× (≤ ${TARGET_FLOOR_RATIO}×, ${medianOf}): ${verdict(ratio <= TARGET_FLOOR_RATIO)}; in CPU time ${fmt(cpuRatio, 2)}×`,
      `  1M peak RSS = ${fmt(million.peakRssMiB)} MiB (≤ ${TARGET_RSS_MIB} MiB, fresh process): ${verdict(million.peakRssMiB <= TARGET_RSS_MIB)}`,
    );
  }
  const hundredK = measured.get(100_000);
  if (million !== undefined && hundredK !== undefined) {
    const scaling = median(million.allocateMs) / median(hundredK.allocateMs);
    const cpuScaling = median(million.allocateCpuMs) / median(hundredK.allocateCpuMs);
    out.push(
      `  time(1M)/time(100k) = ${fmt(scaling, 2)} (≤ ${TARGET_SCALING}): ${verdict(scaling <= TARGET_SCALING)}; in CPU time ${fmt(cpuScaling, 2)}`,
    );
  } else {
    out.push("  1M and 100k not both measured: the scaling target is not checked");
  }
  const five = outcomes.find((o) => o.lines === 5_000_000);
  if (five === undefined) out.push("  5M not run: the default-heap target is not checked");
  else
    out.push(
      "result" in five
        ? `  5M under the default heap (${fmt(five.result.heapLimitMiB)} MiB): PASS`
        : "  5M under the default heap: MISS (the child failed, see above)",
    );
  return out;
}

/** The whole report: both tables, the plans' sizes, failures and the targets. */
export function reportLines(outcomes: readonly SizeOutcome[]): string[] {
  const out = [
    "Time (wall ms, median of the runs; cpu = user + system of every thread; the split",
    "parse / passes / plan is one more run: parseAllocationInput, then runPhases):",
    ...timeRows(outcomes),
    "",
    "Memory (MiB; RSS of the whole child, the wave and the tsx loader included):",
    ...memoryRows(outcomes),
    "",
  ];
  for (const o of outcomes) {
    if ("result" in o) {
      const { plan, gcExposed, planDigest } = o.result;
      out.push(
        `  ${fmt(o.lines)} lines: ${fmt(plan.franchiseeAllocations)} franchisee allocations, ` +
          `${fmt(plan.locks)} locks, ${fmt(plan.storeAllocations)} store allocations, ` +
          `${fmt(plan.trace)} trace entries${planDigest === undefined ? "" : `, plan JSON sha256 ${planDigest}…`}` +
          `${gcExposed ? "" : " (no gc between runs)"}`,
      );
    } else {
      out.push(`  ${fmt(o.lines)} lines FAILED: ${o.failure}`);
    }
  }
  return [...out, "", ...targetLines(outcomes)];
}
