/**
 * Benchmark of `allocate` on generated waves of 10k, 100k and 1M franchisee order lines.
 *
 *   npm run bench                                  # all three sizes
 *   npm run bench -- --sizes 10000,100000          # pick sizes
 *   npm run bench -- --runs 3                      # timed runs per size (default 7 / 5 / 2)
 *
 * Each size runs in its own child process (so one size's heap cannot inflate the next
 * one's peak RSS), started with --expose-gc and --max-old-space-size=4096. The child
 * warms up once on a 10k wave, generates its wave (not timed), then alternates timed runs
 * of the floor and of `allocate(input)` (validation included), with a gc before each,
 * then one more run split into parseAllocationInput and runAllocation. It reports
 * process.resourceUsage().maxRSS, the peak resident set of the whole child (wave included).
 *
 * The FLOOR is the least any correct engine must do: build every demand line's ranking
 * key (franchisee rank from compareFranchisees over spendable = cash + max(0, creditLimit −
 * creditUsed), product rank from productPriority, orderedOn, order id, line) and sort all
 * lines in one array by franchisee rank, then compareLines — with the library's own
 * ranking functions. Targets (printed, never enforced by the exit code): at 1M,
 * allocate ≤ 3 × floor and peak RSS ≤ 1024 MiB; time(1M) / time(100k) ≤ 12.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  type AllocationInput,
  allocate,
  compareFranchisees,
  compareLines,
  DEFAULT_POLICY,
  type FranchiseeStanding,
  isFunded,
  type LineKey,
  Money,
  parseAllocationInput,
  productPriority,
  runAllocation,
} from "../src/index.js";
import { generateWave } from "./generate.js";

const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const WARMUP_LINES = 10_000;
const RESULT_PREFIX = "@@bench-result ";
const CHILD_NODE_FLAGS = ["--expose-gc", "--max-old-space-size=4096"];

const TARGET_FLOOR_RATIO = 3;
const TARGET_RSS_MIB = 1024;
const TARGET_SCALING = 12;

/** What a child reports for its size. */
interface SizeResult {
  readonly lines: number;
  readonly allocateMs: number[];
  readonly floorMs: number[];
  readonly parseMs: number;
  readonly runMs: number;
  readonly rssAfterGenerateMiB: number;
  readonly peakRssMiB: number;
  readonly plan: { readonly allocations: number; readonly locks: number; readonly trace: number };
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

const MIB = 1024 * 1024;
const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const best = (xs: readonly number[]): number => Math.min(...xs);

/** A demand line's full ranking key in the funded pass: franchisee rank, then R-RANK-LINE. */
interface RankedLineKey extends LineKey {
  readonly franchiseeRank: number;
}

/**
 * The floor: every demand line's ranking key, and all lines sorted by it.
 * Returns the number of keys sorted (so the work cannot be optimised away).
 */
export function rankAndSortLines(input: AllocationInput): number {
  const ranking = input.policy?.franchiseeRanking ?? DEFAULT_POLICY.franchiseeRanking;
  const creditCountsAsFunds =
    input.policy?.creditCountsAsFunds ?? DEFAULT_POLICY.creditCountsAsFunds;
  const standings: FranchiseeStanding[] = (input.franchisees ?? []).map((franchisee) => {
    const cash = new Money(franchisee.cash);
    const credit = Money.max(
      0,
      new Money(franchisee.creditLimit ?? 0).minus(franchisee.creditUsed ?? 0),
    );
    return {
      id: franchisee.id,
      priority: franchisee.priority,
      spendable: cash.plus(credit),
      funded: isFunded(cash, credit, creditCountsAsFunds),
    };
  });
  standings.sort(compareFranchisees(ranking));
  const franchiseeRank = new Map(standings.map((standing, index) => [standing.id, index]));
  const productRank = productPriority(input.products ?? []);

  const keys: RankedLineKey[] = [];
  for (const order of input.orders ?? []) {
    const rank = franchiseeRank.get(order.franchisee) as number;
    for (const line of order.lines) {
      keys.push({
        franchiseeRank: rank,
        productRank: productRank.get(line.sku) as number,
        orderedOn: order.orderedOn,
        order: order.id,
        line: line.line,
      });
    }
  }
  keys.sort((a, b) => a.franchiseeRank - b.franchiseeRank || compareLines(a, b));
  return keys.length;
}

function countLines(input: AllocationInput): number {
  let lines = 0;
  for (const order of input.orders ?? []) lines += order.lines.length;
  return lines;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Child mode: measures one size and prints its {@link SizeResult} as one line on stdout. */
function runChild(lines: number, runs: number): void {
  if ((globalThis as { gc?: unknown }).gc === undefined) log("warning: run with --expose-gc");

  // Warm up the JIT once on a small wave.
  {
    const warm = generateWave({ lines: WARMUP_LINES, seed: 7 });
    allocate(warm);
    rankAndSortLines(warm);
  }
  collectGarbage();

  const input = generateWave({ lines });
  const actualLines = countLines(input);
  collectGarbage();
  const rssAfterGenerateMiB = process.memoryUsage().rss / MIB;
  log(`  ${actualLines} lines generated, rss ${rssAfterGenerateMiB.toFixed(0)} MiB`);

  const allocateMs: number[] = [];
  const floorMs: number[] = [];
  let plan: SizeResult["plan"] = { allocations: 0, locks: 0, trace: 0 };
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    const floor = timed(() => rankAndSortLines(input));
    if (floor.value !== actualLines)
      throw new Error(`floor sorted ${floor.value} of ${actualLines} lines`);
    floorMs.push(floor.ms);
    collectGarbage();
    const result = timed(() => allocate(input));
    allocateMs.push(result.ms);
    plan = {
      allocations: result.value.franchiseeAllocations.length,
      locks: result.value.locks.length,
      trace: result.value.trace.length,
    };
    log(
      `  run ${run + 1}/${runs}: floor ${floor.ms.toFixed(0)} ms, allocate ${result.ms.toFixed(0)} ms`,
    );
  }

  // Where the time goes: validation versus the passes (one more run, reported apart).
  collectGarbage();
  const parsed = timed(() => parseAllocationInput(input));
  if (!parsed.value.ok) throw new Error("generated wave failed validation");
  const request = parsed.value.value;
  const run = timed(() => runAllocation(request));
  if (run.value.trace.length !== plan.trace)
    throw new Error("runAllocation disagrees with allocate");

  const result: SizeResult = {
    lines: actualLines,
    allocateMs,
    floorMs,
    parseMs: parsed.ms,
    runMs: run.ms,
    rssAfterGenerateMiB,
    // maxRSS is in KiB.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    plan,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

function defaultRuns(lines: number): number {
  if (lines <= 20_000) return 7;
  if (lines <= 200_000) return 5;
  return 2;
}

/** Checks the generated wave of the smallest size against the input contract. */
function checkWaveIsValid(lines: number): void {
  const parsed = parseAllocationInput(generateWave({ lines }));
  if (!parsed.ok) {
    for (const issue of parsed.issues.slice(0, 20))
      log(`  ${JSON.stringify(issue.path)}: ${issue.message}`);
    throw new Error(
      `the generated ${lines}-line wave is not a valid AllocationInput (${parsed.issues.length} issues)`,
    );
  }
}

function measureInChild(lines: number, runs: number | undefined): SizeResult {
  const script = fileURLToPath(import.meta.url);
  const args = [...CHILD_NODE_FLAGS, "--import", "tsx", script, "--child", String(lines)];
  args.push("--runs", String(runs ?? defaultRuns(lines)));
  const child = spawnSync(process.execPath, args, {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 16 * MIB,
  });
  if (child.status !== 0)
    throw new Error(
      `the ${lines}-line child failed (exit ${child.status}, signal ${child.signal})`,
    );
  const line = child.stdout.split("\n").find((text) => text.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`the ${lines}-line child printed no result`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as SizeResult;
}

function fmt(value: number, digits = 0): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function verdict(ok: boolean): string {
  return ok ? "PASS" : "MISS";
}

function printTable(results: readonly SizeResult[]): void {
  const header = [
    "lines",
    "allocate ms (median)",
    "best ms",
    "lines/s",
    "parse ms",
    "run ms",
    "RSS wave MiB",
    "peak RSS MiB",
    "floor ms (median)",
    "allocate/floor",
  ];
  const rows = results.map((r) => {
    const ms = median(r.allocateMs);
    const floor = median(r.floorMs);
    return [
      fmt(r.lines),
      fmt(ms),
      fmt(best(r.allocateMs)),
      fmt(r.lines / (ms / 1000)),
      fmt(r.parseMs),
      fmt(r.runMs),
      fmt(r.rssAfterGenerateMiB),
      fmt(r.peakRssMiB),
      fmt(floor, 1),
      `${fmt(ms / floor, 2)}×`,
    ];
  });
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] as string).length)),
  );
  const render = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padStart(widths[i] as number)).join(" | ")} |`;
  console.log(render(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(render(row));
  for (const r of results) {
    console.log(
      `  ${fmt(r.lines)} lines: plan has ${fmt(r.plan.allocations)} franchisee allocations, ` +
        `${fmt(r.plan.locks)} locks, ${fmt(r.plan.trace)} trace entries`,
    );
  }
}

function printTargets(results: readonly SizeResult[]): void {
  const bySize = new Map(results.map((r) => [r.lines, r]));
  const million = bySize.get(1_000_000);
  const hundredK = bySize.get(100_000);
  console.log("\nTargets (measured, not asserted):");
  if (million !== undefined) {
    const ratio = median(million.allocateMs) / median(million.floorMs);
    console.log(
      `  1M allocate/floor = ${fmt(ratio, 2)}× (≤ ${TARGET_FLOOR_RATIO}×): ${verdict(ratio <= TARGET_FLOOR_RATIO)}`,
    );
    console.log(
      `  1M peak RSS = ${fmt(million.peakRssMiB)} MiB (≤ ${TARGET_RSS_MIB} MiB): ${verdict(million.peakRssMiB <= TARGET_RSS_MIB)}`,
    );
  } else {
    console.log("  1M size not run: allocate/floor and RSS targets not checked");
  }
  if (million !== undefined && hundredK !== undefined) {
    const scaling = median(million.allocateMs) / median(hundredK.allocateMs);
    console.log(
      `  time(1M)/time(100k) = ${fmt(scaling, 2)} (≤ ${TARGET_SCALING}): ${verdict(scaling <= TARGET_SCALING)}`,
    );
  } else {
    console.log("  1M and 100k not both run: scaling target not checked");
  }
}

function parseArgs(argv: readonly string[]): {
  sizes: number[];
  runs: number | undefined;
  child: number | undefined;
} {
  let sizes = DEFAULT_SIZES;
  let runs: number | undefined;
  let child: number | undefined;
  const positiveInt = (text: string | undefined, flag: string): number => {
    const value = Number(text?.replaceAll("_", ""));
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${flag} expects a positive integer, got ${text}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes("=") ? arg.split("=", 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--sizes")
      sizes = (value() ?? "").split(",").map((s) => positiveInt(s.trim(), "--sizes"));
    else if (flag === "--runs") runs = positiveInt(value(), "--runs");
    else if (flag === "--child") child = positiveInt(value(), "--child");
    else throw new Error(`unknown argument ${arg} (use --sizes 10000,100000 and/or --runs N)`);
  }
  return { sizes, runs, child };
}

function main(): void {
  const { sizes, runs, child } = parseArgs(process.argv.slice(2));
  if (child !== undefined) {
    runChild(child, runs ?? defaultRuns(child));
    return;
  }
  const ordered = [...new Set(sizes)].sort((a, b) => a - b);
  checkWaveIsValid(ordered[0] as number);
  console.log(
    `fenhuo allocate benchmark — node ${process.version}, sizes ${ordered.map((s) => fmt(s)).join(", ")}`,
  );
  const results: SizeResult[] = [];
  for (const lines of ordered) {
    log(`size ${fmt(lines)}:`);
    results.push(measureInChild(lines, runs));
  }
  console.log();
  printTable(results);
  printTargets(results);
}

main();
