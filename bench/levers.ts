/**
 * The cost of each planner's lever (edition 2) at scale: one generated wave
 * (generate.ts, seeded) allocated with every lever off, with each one alone,
 * and with all of them on; per variant the median `allocate` time over
 * `--runs` runs (the variants interleaved, round after round, after one
 * untimed run each), its ratio to "all off", and what the lever did (the
 * decisions it refused or held back).
 *
 *   npm run bench:levers                      # 1M lines, 3 runs per variant
 *   npm run bench:levers -- --lines 100000 --runs 5
 *
 * Run with --expose-gc (the npm script does) so each run starts from collected
 * garbage. Figures are printed, never asserted.
 */
import { performance } from "node:perf_hooks";
import { type AllocationInput, type AllocationPlan, allocate } from "../src/index.js";
import { flagsOf, fmt, median, positiveInt } from "./common.js";
import { generateWave } from "./generate.js";

interface Variant {
  readonly name: string;
  readonly apply: (input: AllocationInput) => AllocationInput;
}

/** R-PACK: every product in cartons of 6. */
function cartonsOfSix(input: AllocationInput): AllocationInput {
  return { ...input, products: (input.products ?? []).map((p) => ({ ...p, packSize: 6 })) };
}

/** R-COMPLETE on every third order (by position in the generated wave). */
function everyThirdShipsComplete(input: AllocationInput): AllocationInput {
  const orders = (input.orders ?? []).map((order, k) =>
    k % 3 === 0 ? { ...order, shipComplete: true } : order,
  );
  return { ...input, orders };
}

/**
 * R-HOLD: a twentieth of every supplied SKU held back (at least one unit), by turns
 * for the direct pass, for the first region, and for nobody.
 */
function holdAWentieth(input: AllocationInput): AllocationInput {
  const region = input.regions?.[0]?.id ?? "none";
  const holdback = (input.supply ?? []).map((row, k) => ({
    sku: row.sku,
    quantity: Math.max(1, Math.floor(row.quantity / 20)),
    for: k % 3 === 0 ? ("direct" as const) : k % 3 === 1 ? { region } : ("none" as const),
  }));
  return { ...input, holdback };
}

const withPolicy =
  (policy: NonNullable<AllocationInput["policy"]>) =>
  (input: AllocationInput): AllocationInput => ({
    ...input,
    policy: { ...input.policy, ...policy },
  });

const VARIANTS: readonly Variant[] = [
  { name: "all levers off", apply: (input) => input },
  {
    name: "franchiseeTieBreak orderedValue (R-PRIO-FACTORS)",
    apply: withPolicy({ franchiseeTieBreak: ["orderedValue", "spendable", "id"] }),
  },
  { name: "minFill 0.5 (R-MINFILL)", apply: withPolicy({ minFill: 0.5 }) },
  { name: "shipComplete on every 3rd order (R-COMPLETE)", apply: everyThirdShipsComplete },
  { name: "packSize 6 on every product (R-PACK)", apply: cartonsOfSix },
  { name: 'partialBy "style" (R-SIZE-RUN)', apply: withPolicy({ partialBy: "style" }) },
  { name: 'share "proportional" (R-SHARE)', apply: withPolicy({ share: "proportional" }) },
  { name: "holdback of 1/20 of every SKU (R-HOLD)", apply: holdAWentieth },
  {
    name: "all of them on",
    apply: (input) =>
      withPolicy({
        franchiseeTieBreak: ["orderedValue", "spendable", "id"],
        minFill: 0.5,
        partialBy: "style",
        share: "proportional",
      })(holdAWentieth(cartonsOfSix(everyThirdShipsComplete(input)))),
  },
];

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** What the levers did in a plan: decisions limited by them, unfilled rows they explain. */
function effects(plan: AllocationPlan): string {
  let minFill = 0;
  let complete = 0;
  let packed = 0;
  let spread = 0;
  let shared = 0;
  let held = 0;
  for (const decision of plan.trace) {
    if ("share" in decision) shared++;
    if ("heldBack" in decision) held++;
    if (decision.pass !== "funded" && decision.pass !== "lock") continue;
    if (decision.limitedBy === "min-fill") minFill++;
    if (decision.limitedBy === "ship-complete") complete++;
    if (decision.rules.includes("R-PACK")) packed++;
    if (decision.pass === "funded" && decision.sizeRun !== undefined) spread++;
  }
  const allocated = plan.franchiseeAllocations.reduce((sum, row) => sum + row.quantity, 0);
  return `${fmt(allocated)} units to franchisees; min-fill refusals ${fmt(minFill)}, held back whole ${fmt(complete)}, cut to packs ${fmt(packed)}, spread ${fmt(spread)}, shared ${fmt(shared)}, short of held units ${fmt(held)}`;
}

function main(): void {
  let lines = 1_000_000;
  let runs = 3;
  for (const [flag, value] of flagsOf(process.argv.slice(2))) {
    if (flag === "--lines") lines = positiveInt(value(), flag);
    else if (flag === "--runs") runs = positiveInt(value(), flag);
    else throw new Error(`unknown argument ${flag} (use --lines N and/or --runs N)`);
  }
  if ((globalThis as { gc?: unknown }).gc === undefined)
    process.stderr.write("no --expose-gc: runs are not separated by a collection\n");
  console.log(
    `fenhuo levers benchmark — node ${process.version}, ${fmt(lines)} lines, ${runs} runs per variant`,
  );
  const wave = generateWave({ lines });
  // Warm the JIT on a small wave with every lever on, then each variant once, untimed.
  allocate((VARIANTS.at(-1) as Variant).apply(generateWave({ lines: 10_000 })));
  const inputs = VARIANTS.map((variant) => variant.apply(wave));
  const plans = inputs.map((input) => effects(allocate(input)));
  // Rounds interleave the variants, so the heap's state and the machine's drift
  // weigh on each of them alike.
  const times: number[][] = VARIANTS.map(() => []);
  for (let run = 0; run < runs; run++) {
    inputs.forEach((input, v) => {
      collectGarbage();
      const start = performance.now();
      allocate(input);
      (times[v] as number[]).push(performance.now() - start);
    });
  }
  const base = median(times[0] as number[]);
  VARIANTS.forEach((variant, v) => {
    const ms = median(times[v] as number[]);
    console.log(
      `${variant.name.padEnd(50)} ${fmt(ms).padStart(7)} ms  ×${(ms / base).toFixed(2)}  ${plans[v]}`,
    );
  });
}

main();
