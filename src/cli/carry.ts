import { parseArgs } from "node:util";
import { type AllocationPlan, type CarryNext, carryForward, InputError } from "../index.js";
import { batched, jsonPieces } from "./chunks.js";
import { issueLine, loadInput, loadPlan, problemLine, readJsonFile } from "./input.js";
import { CliError, EXIT, type ExitCode, type Io } from "./io.js";
import { readInputOptions } from "./mapping.js";

/*
 * `fenhuo carry <input> <plan.json> --as-of D [--arrivals F] [--payments F]
 * [--balances F] [--shipped F] [--out next.json]` (R-RUN-2, the edition-2 entry points):
 * the next run's input, exactly as `carryForward` gives it.
 */

export const CARRY_HELP = `Usage: fenhuo carry <input> <plan.json> --as-of <date> [options]

Writes the next run's input (R-RUN-2): the input's orders with the plan's
allocations counted as allocated, the plan's locks, its remaining stock plus
arrivals, finance's fresh balances plus payments, and the money the plan
committed that shipping has not posted (R-RUN-1: it is not spent again).
The plan must be the plan of this input (R-RUN-3): a plan is carried once.

Options:
      --as-of <date>      the next run's date (YYYY-MM-DD), after the plan's
      --arrivals <file>   JSON [{ "sku", "quantity" }]: stock arrived since
      --payments <file>   JSON [{ "franchisee", "amount" }]: cash received since
      --balances <file>   JSON [{ "franchisee", "cash", "creditLimit"?, "creditUsed"? }]:
                          finance's fresh figures (6.4.1)
      --shipped <file>    JSON [{ "order", "line", "quantity" }]: posted since
      --map <file>        read a bundle <input> (a folder or an .xlsx workbook)
                          through a column mapping (see fenhuo allocate --help)
      --encoding <name>   the CSV files' encoding (see fenhuo allocate --help)
  -o, --out <file>        write the next input to <file> instead of stdout
  -h, --help              show this help

Invalid input: every problem is listed on stderr, with its path (under
input, plan or next), and the exit code is 1.
`;

const LISTS = ["arrivals", "payments", "balances", "shipped"] as const;

/** Runs `fenhuo carry` with the arguments after the command name. */
export async function carryCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  let parsed: ReturnType<typeof readCarryArgs>;
  try {
    parsed = readCarryArgs(args);
  } catch (error) {
    const message = (error as Error).message.split(". ")[0] ?? "bad arguments";
    throw new CliError(`carry: ${message}\nRun "fenhuo carry --help" for usage.`, EXIT.usage);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2 || values["as-of"] === undefined) {
    throw new CliError(
      `carry: needs <input>, <plan.json> and --as-of <date>\nRun "fenhuo carry --help" for usage.`,
      EXIT.usage,
    );
  }
  const [source, planSource] = positionals as [string, string];
  const loaded = await loadInput(
    source,
    io,
    await readInputOptions({ encoding: values.encoding, map: values.map }, io),
  );
  if (loaded.problems.length > 0) {
    const lines = loaded.problems.map(problemLine);
    io.stderr(`fenhuo: invalid input ${source}:\n${lines.map((l) => `  ${l}\n`).join("")}`);
    return EXIT.invalid;
  }
  // The trace is not needed: a plan written with --no-trace carries forward too.
  const plan = (await loadPlan(planSource, io, { needsTrace: false })) as AllocationPlan;
  const next: Record<string, unknown> = { asOf: values["as-of"] };
  for (const list of LISTS) {
    const file = values[list];
    if (file !== undefined) next[list] = await readJsonFile(file, io);
  }
  let result: ReturnType<typeof carryForward>;
  try {
    result = carryForward(loaded.input, plan, next as unknown as CarryNext);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const lines = error.issues.map((issue) => issueLine(issue));
    const noun = lines.length === 1 ? "problem" : "problems";
    io.stderr(
      `fenhuo: cannot carry ${planSource} forward: ${lines.length} ${noun}\n${lines.map((l) => `  ${l}\n`).join("")}`,
    );
    return EXIT.invalid;
  }
  // Streamed like a plan (R-SCALE-2): the next input of a big wave is big too.
  await io.writeChunks(values.out, batched(jsonPieces(result)));
  return EXIT.ok;
}

function readCarryArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      "as-of": { type: "string" },
      arrivals: { type: "string" },
      payments: { type: "string" },
      balances: { type: "string" },
      shipped: { type: "string" },
      out: { type: "string", short: "o" },
      encoding: { type: "string" },
      map: { type: "string" },
    },
  });
}
