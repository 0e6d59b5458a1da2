import {
  type AllocationPlan,
  type AllocationRequest,
  parseAllocationInput,
  runAllocation,
} from "../index.js";
import { choice, INPUT_OPTIONS, indent, problemsHeading, readArgs, usage } from "./args.js";
import { BOM_OPTIONS, wantsBom, withBom } from "./csv.js";
import { loadInput, problemLines } from "./input.js";
import { EXIT, type ExitCode, type Io } from "./io.js";
import { type InputOptions, readInputOptions } from "./mapping.js";
import { formatCount, NO_PROGRESS } from "./progress.js";
import {
  PLAN_FORMATS,
  type PlanWithoutTrace,
  planChunks,
  planRowCount,
  summaryChunks,
  withoutTrace,
} from "./render.js";
import { planSummary } from "./summary.js";
import { planSheets, writeXlsx } from "./xlsx.js";

/*
 * `fenhuo allocate`: read, validate, run, write (R-SCALE-2: the input read
 * from its bytes when big, the plan written in chunks, its trace only when
 * the JSON of the whole plan is written).
 */

/** Runs `fenhuo allocate …args` against `io`; the exit code. */
export async function allocateCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = readArgs(
    "allocate",
    args,
    {
      format: { type: "string", short: "f" },
      out: { type: "string", short: "o" },
      summary: { type: "boolean" },
      "no-trace": { type: "boolean" },
      ...BOM_OPTIONS,
      ...INPUT_OPTIONS,
    },
    { min: 1, max: 1 },
  );
  const chosen = choice("allocate", "--format", values.format ?? "table", [
    ...PLAN_FORMATS,
    "xlsx" as const,
  ]);
  if (chosen === "xlsx" && values.summary === true)
    throw usage("allocate: --summary has no xlsx form (use table, json or csv)", "allocate");
  if (chosen === "xlsx" && values.out === undefined)
    throw usage("allocate: --format xlsx writes a workbook: give --out <file.xlsx>", "allocate");
  const format = chosen === "xlsx" ? "json" : chosen;
  const bom = format === "csv" && wantsBom(values, values.out);
  const source = positionals[0] as string;
  const progress = io.progress ?? NO_PROGRESS;
  try {
    const trace = values["no-trace"] !== true;
    // Only the JSON of the whole plan writes the trace: drop it early otherwise.
    const keepTrace = trace && chosen === "json" && values.summary !== true;
    const run = await readAndAllocate(source, io, await readInputOptions(values, io), keepTrace);
    if (typeof run === "number") return run;
    const { plan, regionNames, supply } = run;
    // The bar would run into a plan printed on the same terminal.
    if (values.out === undefined && io.stdoutIsTerminal === true) progress.stop();
    if (values.summary === true) {
      progress.stage("writing", { about: "the summary" });
      await io.writeChunks(
        values.out,
        withBom(summaryChunks(planSummary(plan, { supply, regionNames }), format), bom),
      );
      return EXIT.ok;
    }
    if (chosen === "xlsx") {
      progress.stage("writing", { about: "the workbook" });
      await writeXlsx(io, "allocate", values.out, planSheets(plan as never), plan.currency);
      return EXIT.ok;
    }
    const total = planRowCount(plan);
    progress.stage("writing", { total, unit: "rows" });
    let rows = 0;
    const chunks = withBom(planChunks(plan, format, { regionNames, onRow: () => rows++ }), bom);
    await io.writeChunks(
      values.out,
      reported(chunks, () => {
        progress.advance(rows);
        rows = 0;
      }),
    );
    return EXIT.ok;
  } finally {
    progress.stop();
  }
}

/** The chunks, calling `after` once each has been taken. */
function* reported(chunks: Iterable<string>, after: () => void): Generator<string> {
  for (const chunk of chunks) {
    yield chunk;
    after();
  }
}

interface AllocatedRun {
  readonly plan: AllocationPlan | PlanWithoutTrace;
  readonly regionNames: ReadonlyMap<string, string>;
  /** SKU → the input's free supply, for the summary. */
  readonly supply: ReadonlyMap<string, number>;
}

/**
 * Reads the input, validates it and runs it, reporting each stage; the exit
 * code 1 after listing the problems of an invalid input. Only the plan (its
 * trace dropped unless `keepTrace`) and two small maps outlive it, so the
 * input's JSON, the parsed request and the trace can be collected while the
 * output is written.
 */
async function readAndAllocate(
  source: string,
  io: Io,
  overrides: InputOptions,
  keepTrace: boolean,
): Promise<AllocatedRun | ExitCode> {
  const request = await readRequest(source, io, overrides);
  if (typeof request === "number") return request;
  const lines = request.orders.reduce((total, order) => total + order.lines.length, 0);
  (io.progress ?? NO_PROGRESS).stage("allocating", { about: `${formatCount(lines)} order lines` });
  const plan = runAllocation(request);
  return {
    plan: keepTrace ? plan : withoutTrace(plan),
    regionNames: regionNames(request),
    supply: supplyBySku(request),
  };
}

/** The validated request; the raw input is out of reach once this returns. */
async function readRequest(
  source: string,
  io: Io,
  overrides: InputOptions,
): Promise<AllocationRequest | ExitCode> {
  const progress = io.progress ?? NO_PROGRESS;
  progress.stage("reading", { about: source === "-" ? "stdin" : source });
  const loaded = await loadInput(source, io, overrides);
  progress.stage("parsing");
  // Validated even when a file of the bundle had problems: every problem at once.
  const parsed = parseAllocationInput(loaded.input);
  if (parsed.ok && loaded.problems.length === 0) return parsed.value;
  const lines = problemLines(loaded, parsed.issues ?? []);
  progress.stop();
  io.stderr(`fenhuo: ${problemsHeading(lines.length, source)}\n${indent(lines)}`);
  return EXIT.invalid;
}

/** Region id → name, for the table. */
function regionNames(request: AllocationRequest): Map<string, string> {
  const names = new Map<string, string>();
  for (const region of request.regions) {
    if (region.name !== undefined && region.name !== "") names.set(region.id, region.name);
  }
  return names;
}

/** SKU → the units of its supply rows. */
function supplyBySku(request: AllocationRequest): Map<string, number> {
  const supply = new Map<string, number>();
  for (const row of request.supply) supply.set(row.sku, (supply.get(row.sku) ?? 0) + row.quantity);
  return supply;
}
