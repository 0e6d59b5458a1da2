import { type ParseArgsConfig, parseArgs } from "node:util";
import {
  type AllocationPlan,
  comparePlans,
  exceptions,
  InputError,
  type PlanComparison,
  type PlanException,
  simulate,
} from "../index.js";
import { batched, jsonPieces } from "./chunks.js";
import { BOM_OPTIONS, type CsvValue, csvLines, wantsBom, withBom } from "./csv.js";
import { issueLine, loadInput, loadPlan, problemLine, readJsonFile } from "./input.js";
import { CliError, EXIT, type ExitCode, type Io } from "./io.js";
import { left, right, sectionLines } from "./table.js";
import { flatten, isMoneyColumn, type SheetSource, writeXlsx } from "./xlsx.js";

/*
 * The planner's tools on the command line: `fenhuo compare` (R-WHATIF) and
 * `fenhuo exceptions` (R-EXCEPT), as tables for a person or JSON for a program.
 */

export const COMPARE_HELP = `Usage: fenhuo compare <a.json> <b.json> [options]
       fenhuo compare <input> --policy <A.json> --policy <B.json> [options]

Compares two plans (R-WHATIF): every demand the plans treat differently, with
each plan's units and reason; the money each committed per franchisee; each
SKU's units by channel; each plan's fill rates. Only what differs is listed.
With --policy, runs the input under each policy file (a partial policy laid
over the input's own) and compares each with the first.

Options:
      --policy <file>     a policy variant, named by its file (give two or more)
  -f, --format <format>   table (default), json, csv (one CSV, its list in
                          column "section"), or xlsx (with --out: sheets
                          changes, money, skus and fill)
  -o, --out <file>        write to <file> instead of stdout
      --bom, --no-bom     start a csv with a UTF-8 byte-order mark, so Excel
                          reads Chinese text right (default: on with --out)
  -h, --help              show this help
`;

export const EXCEPTIONS_HELP = `Usage: fenhuo exceptions <plan.json> [options]

Lists what in a plan needs a planner now (R-EXCEPT), most urgent first: locks
expiring soon with the money due, lines barred from locking while stock stays
free, lines short of money with what would complete them, ship-complete orders
held back, stores below safety stock, lines that refused a min-fill part,
regions no season lists. Each has a code, a severity and one sentence.

Options:
      --within-days <n>   list locks expiring within n days (default 3)
  -f, --format <format>   table (default), json, csv, or xlsx (with --out)
  -o, --out <file>        write to <file> instead of stdout
      --bom, --no-bom     start a csv with a UTF-8 byte-order mark, so Excel
                          reads Chinese text right (default: on with --out)
  -h, --help              show this help
`;

type Format = "table" | "json" | "csv" | "xlsx";

/** Every problem of a refused call on stderr, under `heading`. */
function refused(io: Io, heading: string, error: InputError): ExitCode {
  const lines = error.issues.map((issue) => issueLine(issue));
  const noun = lines.length === 1 ? "problem" : "problems";
  io.stderr(
    `fenhuo: ${heading}: ${lines.length} ${noun}\n${lines.map((l) => `  ${l}\n`).join("")}`,
  );
  return EXIT.invalid;
}

function formatOf(command: string, value: string | undefined): Format {
  if (value === undefined) return "table";
  if (value === "table" || value === "json" || value === "csv" || value === "xlsx") return value;
  throw new CliError(
    `${command}: --format must be table, json, csv or xlsx, not "${value}"\nRun "fenhuo ${command} --help" for usage.`,
    EXIT.usage,
  );
}

function argsOf(
  command: string,
  args: readonly string[],
  options: NonNullable<ParseArgsConfig["options"]>,
) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    const message = (error as Error).message.split(". ")[0] ?? "bad arguments";
    throw new CliError(
      `${command}: ${message}\nRun "fenhuo ${command} --help" for usage.`,
      EXIT.usage,
    );
  }
}

/** Runs `fenhuo compare` with the arguments after the command name. */
export async function compareCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = argsOf("compare", args, {
    policy: { type: "string", multiple: true },
    format: { type: "string", short: "f" },
    out: { type: "string", short: "o" },
    ...BOM_OPTIONS,
  });
  const format = formatOf("compare", values.format as string | undefined);
  const policies = (values.policy as string[] | undefined) ?? [];
  const out = values.out as string | undefined;
  if (policies.length === 0) {
    if (positionals.length !== 2)
      throw new CliError(
        `compare: needs two plans, or an input and two or more --policy files\nRun "fenhuo compare --help" for usage.`,
        EXIT.usage,
      );
    const [a, b] = (await Promise.all(
      positionals.map((source) => loadPlan(source, io, { needsTrace: false })),
    )) as [AllocationPlan, AllocationPlan];
    const comparison = comparePlans(a, b);
    await write(
      io,
      "compare",
      out,
      format,
      wantsBom(values as { bom?: boolean; "no-bom"?: boolean }, out),
      comparison,
      () => comparisonLines(positionals[0] as string, positionals[1] as string, comparison),
      () => ({ sheets: comparisonSheets({ comparison }, false), currency: a.currency }),
    );
    return EXIT.ok;
  }
  if (positionals.length !== 1 || policies.length < 2)
    throw new CliError(
      `compare: with --policy, needs one input and two or more --policy files\nRun "fenhuo compare --help" for usage.`,
      EXIT.usage,
    );
  const source = positionals[0] as string;
  const loaded = await loadInput(source, io);
  if (loaded.problems.length > 0) {
    const lines = loaded.problems.map(problemLine);
    io.stderr(`fenhuo: invalid input ${source}:\n${lines.map((l) => `  ${l}\n`).join("")}`);
    return EXIT.invalid;
  }
  const repeated = policies.find((file, k) => policies.indexOf(file) !== k);
  if (repeated !== undefined)
    throw new CliError(
      `compare: --policy ${repeated} is given twice: each variant once\nRun "fenhuo compare --help" for usage.`,
      EXIT.usage,
    );
  const variants: Record<string, Record<string, unknown>> = {};
  for (const file of policies) {
    const value = (await readJsonFile(file, io)) as Record<string, unknown>;
    Object.defineProperty(variants, file, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  let result: ReturnType<typeof simulate>;
  try {
    result = simulate(loaded.input, variants);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return refused(io, "cannot compare", error);
  }
  // The variants in simulate's order (an object's: integer-like names first).
  const [first, ...others] = Object.keys(result.plans) as [string, ...string[]];
  await write(
    io,
    "compare",
    out,
    format,
    wantsBom(values as { bom?: boolean; "no-bom"?: boolean }, out),
    result.comparisons,
    function* () {
      for (const name of others)
        yield* comparisonLines(first, name, result.comparisons[name] as PlanComparison);
    },
    () => ({
      sheets: comparisonSheets(result.comparisons, true),
      currency: (result.plans[first] as AllocationPlan).currency,
    }),
  );
  return EXIT.ok;
}

/** Runs `fenhuo exceptions` with the arguments after the command name. */
export async function exceptionsCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = argsOf("exceptions", args, {
    "within-days": { type: "string" },
    format: { type: "string", short: "f" },
    out: { type: "string", short: "o" },
    ...BOM_OPTIONS,
  });
  const format = formatOf("exceptions", values.format as string | undefined);
  if (positionals.length !== 1)
    throw new CliError(
      `exceptions: needs one plan\nRun "fenhuo exceptions --help" for usage.`,
      EXIT.usage,
    );
  const within = values["within-days"] as string | undefined;
  if (within !== undefined && !/^\d+$/.test(within))
    throw new CliError(
      `exceptions: --within-days must be a whole number of days, not "${within}"\nRun "fenhuo exceptions --help" for usage.`,
      EXIT.usage,
    );
  const plan = (await loadPlan(positionals[0] as string, io)) as AllocationPlan;
  let list: PlanException[];
  try {
    list = exceptions(plan, within === undefined ? {} : { withinDays: Number(within) });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return refused(io, "cannot list exceptions", error);
  }
  await write(
    io,
    "exceptions",
    values.out as string | undefined,
    format,
    wantsBom(values as { bom?: boolean; "no-bom"?: boolean }, values.out as string | undefined),
    list,
    () =>
      sectionLines(
        `Exceptions (${list.length})`,
        [left("severity"), left("code"), left("what")],
        list.length,
        () => list.map((e) => [e.severity, e.code, e.sentence]),
      ),
    () => ({ sheets: [{ name: "exceptions", rows: list }], currency: plan.currency }),
  );
  return EXIT.ok;
}

async function write(
  io: Io,
  command: string,
  out: string | undefined,
  format: Format,
  bom: boolean,
  value: unknown,
  lines: () => Iterable<string>,
  sheets: () => { sheets: SheetSource[]; currency: string },
): Promise<void> {
  if (format === "xlsx") {
    const book = sheets();
    await writeXlsx(io, command, out, book.sheets, book.currency);
    return;
  }
  if (format === "json") {
    await io.writeChunks(out, batched(jsonPieces(value)));
    return;
  }
  if (format === "csv") {
    await io.writeChunks(out, withBom(batched(sheetsCsvLines(sheets().sheets)), bom));
    return;
  }
  const text: string[] = [];
  for (const line of lines()) text.push(`${line}\n`);
  await io.writeChunks(out, batched(text));
}

/**
 * Sheets as one CSV, the sheet's name in column `section`, then every column
 * any sheet has (nested fields dotted: `a.allocated`); money exact as written.
 */
function sheetsCsvLines(sheets: readonly SheetSource[]): Iterable<string> {
  const rows = sheets.flatMap((sheet) =>
    sheet.rows.map((row) => ({ section: sheet.name, ...flatten(row) })),
  );
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const numeric = new Set(columns.filter(isMoneyColumn));
  const cells = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v as CsvValue)]),
    ),
  );
  return csvLines(columns, cells, numeric);
}

/** Comparisons as sheets: changes, money, SKUs and fill rates, each row led by its variant when there are several. */
function comparisonSheets(
  comparisons: Readonly<Record<string, PlanComparison>>,
  named: boolean,
): SheetSource[] {
  const rows = (pick: (c: PlanComparison) => readonly object[]) =>
    Object.entries(comparisons).flatMap(([variant, c]) =>
      pick(c).map((row) => (named ? { variant, ...row } : row)),
    );
  return [
    { name: "changes", rows: rows((c) => c.changes) },
    { name: "money", rows: rows((c) => c.money) },
    { name: "skus", rows: rows((c) => c.skus) },
    {
      name: "fill",
      rows: rows((c) =>
        (["orderLines", "stores", "regions"] as const).map((demand) => ({
          demand,
          a: c.fill.a[demand],
          b: c.fill.b[demand],
        })),
      ),
    },
  ];
}

/** A comparison as tables: what changed per demand, money, SKU, and the fill rates. */
function* comparisonLines(a: string, b: string, c: PlanComparison): Generator<string> {
  yield `Comparing ${a} (a) with ${b} (b)`;
  const side = (s: PlanComparison["changes"][number]["a"]) =>
    `${s.allocated} allocated, ${s.locked} locked${s.unfilled > 0 ? `, ${s.unfilled} unfilled (${s.reason})` : ""}`;
  yield* sectionLines(
    `Demands treated differently (${c.changes.length})`,
    [left("demand"), left("sku"), left("a"), left("b")],
    c.changes.length,
    () =>
      c.changes.map((d) => [
        d.kind === "order-line"
          ? `${d.order} line ${d.line} (${d.franchisee})`
          : d.kind === "store"
            ? `store ${d.store}`
            : `region ${d.region}`,
        d.sku,
        side(d.a),
        side(d.b),
      ]),
  );
  yield* sectionLines(
    `Money committed (${c.money.length})`,
    [left("franchisee"), right("a cash"), right("a credit"), right("b cash"), right("b credit")],
    c.money.length,
    () => c.money.map((m) => [m.franchisee, m.a.cash, m.a.credit, m.b.cash, m.b.credit]),
  );
  const channels = (x: PlanComparison["skus"][number]["a"]) =>
    `${x.franchisees}/${x.locks}/${x.stores}/${x.regions}/${x.remaining}`;
  yield* sectionLines(
    `Units by channel, franchisees/locks/stores/regions/remaining (${c.skus.length})`,
    [left("sku"), right("a"), right("b")],
    c.skus.length,
    () => c.skus.map((s) => [s.sku, channels(s.a), channels(s.b)]),
  );
  const rate = (r: PlanComparison["fill"]["a"]["orderLines"]) =>
    `${r.filled} of ${r.demand}${r.rate === undefined ? "" : ` (${r.rate})`}`;
  yield* sectionLines("Fill rates", [left("demand"), right("a"), right("b")], 3, () => [
    ["order lines", rate(c.fill.a.orderLines), rate(c.fill.b.orderLines)],
    ["stores", rate(c.fill.a.stores), rate(c.fill.b.stores)],
    ["regions", rate(c.fill.a.regions), rate(c.fill.b.regions)],
  ]);
  yield "";
}
