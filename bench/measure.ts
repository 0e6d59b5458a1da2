/**
 * The benchmark's child: measures ONE size in a fresh process and prints its
 * {@link SizeResult} as one `@@bench-result {…}` line on stdout (progress goes to stderr).
 * Started by allocate.bench.ts as
 *
 *   node --expose-gc --import tsx bench/measure.ts --lines 1000000 --runs 5
 *
 * with Node's default heap (no --max-old-space-size: R-SCALE-1's "under the default
 * heap"). --expose-gc only lets it collect garbage before each timed run, so one run
 * does not pay for the previous one's; without it the child runs anyway, and says so.
 *
 * Steps: warm the JIT on a 10k wave; generate the wave (not timed) and record the RSS;
 * then `runs` pairs of timed runs — `allocate(input)` (validation included), then the
 * floor (floor.ts) — with wall and CPU time; then one more run split into
 * parseAllocationInput and runPhases (run state + passes, then plan building).
 *
 * Peak RSS is process.resourceUsage().maxRSS of the whole child, the wave included. It
 * is read right after the FIRST allocate run (the wave, the warm-up and one allocate: what
 * a fresh process pays), before anything reads `plan.trace` — an engine may keep its
 * trace compact until it is read — and again at the end (every run, the trace read).
 *
 * The child fails loudly (exit 3, "plan check failed") when the plan looks wrong: a run
 * whose lists or planId differ from the first run's, runPhases' plan differing from
 * allocate's (the trace length included), or a plan with no allocations or no trace.
 * Up to 100k lines it also reports a digest of the plan's JSON, to compare two engines.
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { runPhases } from "../src/allocation/allocate.js";
import type { AllocationPlan } from "../src/allocation/plan.js";
import { type AllocationInput, allocate, parseAllocationInput } from "../src/index.js";
import { flagsOf, MIB, positiveInt } from "./common.js";
import { countLines, rankAndSortLines } from "./floor.js";
import { generateWave } from "./generate.js";
import { PLAN_CHECK_EXIT, type PlanCounts, RESULT_PREFIX, type SizeResult } from "./report.js";

const WARMUP_LINES = 10_000;
/** Above this size the plan's JSON (over 1 GB per million lines) is not hashed. */
const DIGEST_LINES = 100_000;

class PlanCheckError extends Error {}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB

/** Wall and CPU (user + system, every thread of the process: GC helpers too) time of `work`. */
function timed<T>(work: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/**
 * What a plan must keep from run to run without reading its trace: its planId, the length
 * of every other list and the units in each list that has quantities.
 */
function fingerprintOf(plan: AllocationPlan): string {
  const parts = [`planId=${plan.planId}`];
  const record = plan as unknown as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    if (key === "trace") continue; // reading it may materialise it (see the file's TSDoc)
    const value = record[key];
    if (!Array.isArray(value)) continue;
    let units = 0;
    for (const row of value as { quantity?: unknown }[])
      if (typeof row.quantity === "number") units += row.quantity;
    parts.push(`${key}=${value.length}/${units}`);
  }
  return parts.join(" ");
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new PlanCheckError(message);
}

/**
 * One timed `allocate(input)`, and what the checks need of its plan; the plan itself is
 * not returned, so it is garbage before the floor runs. maxRSS is read before the trace.
 */
function allocateOnce(input: AllocationInput, readTrace: boolean) {
  const result = timed(() => allocate(input));
  const plan = result.value;
  const peakRssMiB = maxRssMiB();
  const fingerprint = fingerprintOf(plan);
  const counts: PlanCounts | undefined = readTrace
    ? {
        franchiseeAllocations: plan.franchiseeAllocations.length,
        locks: plan.locks.length,
        storeAllocations: plan.storeAllocations.length,
        trace: plan.trace.length,
      }
    : undefined;
  return { ms: result.ms, cpuMs: result.cpuMs, peakRssMiB, fingerprint, counts };
}

function measure(lines: number, runs: number): SizeResult {
  const gcExposed = (globalThis as { gc?: unknown }).gc !== undefined;
  if (!gcExposed) log("  warning: no --expose-gc: runs are timed without a gc before each");
  {
    const warm = generateWave({ lines: WARMUP_LINES, seed: 7 });
    allocate(warm);
    rankAndSortLines(warm);
  }
  collectGarbage();

  const generated = timed(() => generateWave({ lines }));
  const input = generated.value;
  const actualLines = countLines(input);
  collectGarbage();
  const memory = process.memoryUsage();
  const peakRssWaveMiB = maxRssMiB();
  const heapLimitMiB = getHeapStatistics().heap_size_limit / MIB;
  log(
    `  ${actualLines} lines generated in ${generated.ms.toFixed(0)} ms, rss ${(memory.rss / MIB).toFixed(0)} MiB, heap limit ${heapLimitMiB.toFixed(0)} MiB`,
  );

  const allocateMs: number[] = [];
  const allocateCpuMs: number[] = [];
  const floorMs: number[] = [];
  const floorCpuMs: number[] = [];
  let fingerprint = "";
  let peakRssMiB = 0;
  let counts: PlanCounts | undefined;
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    const result = allocateOnce(input, run === runs - 1);
    allocateMs.push(result.ms);
    allocateCpuMs.push(result.cpuMs);
    if (run === 0) {
      peakRssMiB = result.peakRssMiB;
      fingerprint = result.fingerprint;
    }
    check(
      result.fingerprint === fingerprint,
      `run ${run + 1} differs from run 1:\n${result.fingerprint}\n${fingerprint}`,
    );
    counts = result.counts ?? counts;
    collectGarbage();
    const floor = timed(() => rankAndSortLines(input));
    check(floor.value === actualLines, `floor sorted ${floor.value} of ${actualLines} lines`);
    floorMs.push(floor.ms);
    floorCpuMs.push(floor.cpuMs);
    log(
      `  run ${run + 1}/${runs}: allocate ${result.ms.toFixed(0)} ms (cpu ${result.cpuMs.toFixed(0)}), floor ${floor.ms.toFixed(0)} ms (cpu ${floor.cpuMs.toFixed(0)})`,
    );
  }
  if (counts === undefined) throw new Error("no run");
  check(counts.franchiseeAllocations > 0 && counts.trace > 0, "the plan allocated nothing");

  // Where the time goes: validation, run state + passes, plan building (one more run).
  collectGarbage();
  const parsed = timed(() => parseAllocationInput(input));
  if (!parsed.value.ok) throw new PlanCheckError("the generated wave failed validation");
  const phases = runPhases(parsed.value.value, () => performance.now());
  check(fingerprintOf(phases.plan) === fingerprint, "runPhases' plan differs from allocate's");
  check(phases.plan.trace.length === counts.trace, "runPhases' trace differs from allocate's");
  // The whole plan as JSON, hashed, up to DIGEST_LINES: equal digests from two engines on
  // the same wave mean the same plan (R-SCALE-1 keeps the plan unchanged).
  const planDigest =
    lines <= DIGEST_LINES
      ? createHash("sha256").update(JSON.stringify(phases.plan)).digest("hex").slice(0, 16)
      : undefined;

  return {
    lines: actualLines,
    heapLimitMiB,
    gcExposed,
    generateMs: generated.ms,
    rssWaveMiB: memory.rss / MIB,
    peakRssWaveMiB,
    heapWaveMiB: memory.heapUsed / MIB,
    allocateMs,
    allocateCpuMs,
    floorMs,
    floorCpuMs,
    parseMs: parsed.ms,
    passesMs: phases.passesMs,
    planMs: phases.planMs,
    peakRssMiB,
    peakRssEndMiB: maxRssMiB(),
    plan: counts,
    ...(planDigest === undefined ? {} : { planDigest }),
  };
}

function main(): void {
  let lines: number | undefined;
  let runs = 1;
  for (const [flag, value] of flagsOf(process.argv.slice(2))) {
    if (flag === "--lines") lines = positiveInt(value(), flag);
    else if (flag === "--runs") runs = positiveInt(value(), flag);
    else throw new Error(`unknown argument ${flag} (measure.ts --lines N --runs R)`);
  }
  if (lines === undefined) throw new Error("measure.ts needs --lines N");
  try {
    const result = measure(lines, runs);
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
  } catch (error) {
    if (!(error instanceof PlanCheckError)) throw error;
    log(`plan check failed at ${lines} lines: ${error.message}`);
    process.exitCode = PLAN_CHECK_EXIT;
  }
}

main();
