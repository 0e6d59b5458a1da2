/**
 * R-SCALE-2: the plan's trace (~1.7 decisions per line) is made only when
 * written. `--format json` streams it from the compact record one decision at
 * a time, byte-identical to JSON.stringify; `--no-trace`, `--summary`, CSV and
 * tables never read `plan.trace` (whose getter would make every decision).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateWave } from "../../bench/generate.js";
import { CompactTrace } from "../../src/allocation/traceRead.js";
import { planChunks, planRowCount, withoutTrace } from "../../src/cli/render.js";
import { run } from "../../src/cli/run.js";
import { type AllocationPlan, allocate } from "../../src/index.js";
import { memoryIo } from "../support/memoryIo.js";

const SAMPLE_TEXT = readFileSync(
  join(import.meta.dirname, "..", "..", "examples", "data", "spring-wave.json"),
  "utf8",
);

/**
 * The plan seen through a proxy that counts the reads of `trace` and of the
 * lazy `planId` (its compact record reachable).
 */
function counted(plan: AllocationPlan) {
  let reads = 0;
  let planIdReads = 0;
  const proxy = new Proxy(plan, {
    get(target, key, receiver) {
      if (key === "trace") reads++;
      if (key === "planId") planIdReads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { plan: proxy, reads: () => reads, planIdReads: () => planIdReads };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the trace is made only when written", () => {
  it("R-SCALE-2: --format json streams the trace without reading plan.trace, byte for byte", () => {
    const { plan, reads } = counted(allocate(generateWave({ lines: 300 })));
    const text = [...planChunks(plan, "json")].join("");
    expect(reads()).toBe(0);
    expect(text).toBe(`${JSON.stringify(allocate(generateWave({ lines: 300 })), null, 2)}\n`);
  });

  it("R-SCALE-2: withoutTrace and planRowCount never read plan.trace; the count includes the trace", () => {
    const fresh = allocate(generateWave({ lines: 300 }));
    const lists = [
      fresh.franchiseeAllocations,
      fresh.locks,
      fresh.releasedLocks,
      fresh.storeAllocations,
      fresh.regionAllocations,
      fresh.unfilled,
      fresh.remaining,
      fresh.balances,
      fresh.paymentRequests,
      fresh.warnings,
    ].reduce((total, list) => total + list.length, 0);
    const { plan, reads, planIdReads } = counted(fresh);
    const rest = withoutTrace(plan);
    expect(planRowCount(plan)).toBe(lists + JSON.parse(JSON.stringify(fresh)).trace.length);
    expect(reads()).toBe(0);
    // planId (a digest of the whole input) stays lazy in the copy: --summary never makes it.
    expect(planIdReads()).toBe(0);
    expect(rest.planId).toBe(fresh.planId);
    expect("trace" in rest).toBe(false);
    expect(Object.keys(rest)).toEqual(Object.keys(plan).filter((key) => key !== "trace"));
    expect(planRowCount(rest)).toBe(lists);
  });

  it("R-SCALE-2: a plan read from JSON (no compact record) is written from its trace array", () => {
    const plan = JSON.parse(JSON.stringify(allocate(JSON.parse(SAMPLE_TEXT)))) as AllocationPlan;
    expect([...planChunks(plan, "json")].join("")).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect(planRowCount(plan)).toBeGreaterThan(plan.trace.length);
  });

  it.each([
    [["--format", "json"]],
    [["--format", "json", "--no-trace"]],
    [["--summary"]],
    [["--summary", "--format", "json"]],
    [["--format", "csv"]],
    [["--format", "table"]],
  ])("R-SCALE-2: fenhuo allocate %j never makes the whole trace", async (args) => {
    const all = vi.spyOn(CompactTrace.prototype, "all");
    const decision = vi.spyOn(CompactTrace.prototype, "decision");
    const io = memoryIo({ inputs: { "wave.json": SAMPLE_TEXT } });
    expect(await run(["allocate", "wave.json", ...args], { io, version: async () => "0" })).toBe(0);
    expect(all).not.toHaveBeenCalled();
    const streams =
      args.includes("json") && !args.includes("--no-trace") && !args.includes("--summary");
    if (streams) expect(decision.mock.calls.length).toBeGreaterThan(0);
    else expect(decision).not.toHaveBeenCalled();
  });
});
