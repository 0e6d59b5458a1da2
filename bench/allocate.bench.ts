/**
 * Benchmark of `allocate` on generated waves (R-SCALE-1): 10k, 100k, 1M, 2M, 5M
 * franchisee order lines (10 per order, ~200k store needs at 1M).
 *
 *   npm run bench                                  # 10k, 100k and 1M
 *   npm run bench -- --size 1000000                # one size (1M, 100k, 1e6 work too)
 *   npm run bench -- --sizes 100k,1M,2M,5M         # several sizes
 *   npm run bench -- --runs 3                      # timed runs per size (default 5; 2 at
 *                                                  # 2M, 1 at 5M)
 *
 * Each size runs in a FRESH child process (measure.ts) with Node's default heap — no
 * --max-old-space-size, and NODE_OPTIONS removed — so its peak RSS is its own and "runs
 * under the default heap" is what is tested; the child gets --expose-gc only to collect
 * garbage before each timed run. Per size it reports the median allocate time
 * (validation included: `allocate(input)`), lines per second, the split parse / passes /
 * plan of one more run, the floor (floor.ts) median in the same process and the ratio,
 * in wall and in CPU time; the RSS after generating the wave and the peak RSS
 * (process.resourceUsage().maxRSS). R-SCALE-1's targets are printed PASS / MISS and do
 * not change the exit code; a child that fails (a wrong plan, out of memory) is reported
 * with its exit code and the end of its stderr, the other sizes still run, and the
 * exit code is then 1.
 *
 * The CLI at scale has its own script: cli.bench.ts (npm run bench:cli).
 */
import { fileURLToPath } from "node:url";
import { failureOf, flagsOf, fmt, positiveInt, runChild } from "./common.js";
import { RESULT_PREFIX, reportLines, type SizeOutcome, type SizeResult } from "./report.js";

const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const CHILD = fileURLToPath(new URL("./measure.ts", import.meta.url));

/** Median of 5 up to 1M lines (R-SCALE-1's acceptance), fewer where one run takes minutes. */
function defaultRuns(lines: number): number {
  if (lines <= 1_000_000) return 5;
  if (lines <= 2_000_000) return 2;
  return 1;
}

function parseArgs(argv: readonly string[]): { sizes: number[]; runs: number | undefined } {
  let sizes = DEFAULT_SIZES;
  let runs: number | undefined;
  const list = (text: string | undefined, flag: string) =>
    (text ?? "").split(",").map((s) => positiveInt(s, flag));
  for (const [flag, value] of flagsOf(argv)) {
    if (flag === "--size") sizes = [positiveInt(value(), flag)];
    else if (flag === "--sizes") sizes = list(value(), flag);
    else if (flag === "--runs") runs = positiveInt(value(), flag);
    else
      throw new Error(
        `unknown argument ${flag} (use --size N, --sizes 10000,100000 and/or --runs N)`,
      );
  }
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b), runs };
}

async function measureInChild(lines: number, runs: number): Promise<SizeOutcome> {
  const args = ["--expose-gc", "--import", "tsx", CHILD, "--lines", String(lines)];
  const outcome = await runChild(process.execPath, [...args, "--runs", String(runs)]);
  const line = outcome.stdout.split("\n").find((text) => text.startsWith(RESULT_PREFIX));
  if (outcome.code !== 0 || line === undefined) return { lines, failure: failureOf(outcome) };
  return { lines, result: JSON.parse(line.slice(RESULT_PREFIX.length)) as SizeResult };
}

async function main(): Promise<void> {
  const { sizes, runs } = parseArgs(process.argv.slice(2));
  if (process.env.NODE_OPTIONS !== undefined)
    process.stderr.write(`NODE_OPTIONS (${process.env.NODE_OPTIONS}) is not passed on\n`);
  console.log(
    `fenhuo allocate benchmark — node ${process.version}, sizes ${sizes.map((s) => fmt(s)).join(", ")}, each in a fresh process with the default heap`,
  );
  const outcomes: SizeOutcome[] = [];
  for (const lines of sizes) {
    const count = runs ?? defaultRuns(lines);
    process.stderr.write(`size ${fmt(lines)} (${count} run${count === 1 ? "" : "s"}):\n`);
    outcomes.push(await measureInChild(lines, count));
  }
  console.log();
  for (const line of reportLines(outcomes)) console.log(line);
  if (outcomes.some((o) => "failure" in o)) process.exitCode = 1;
}

await main();
