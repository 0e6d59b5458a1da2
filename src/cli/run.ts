import { nearest } from "../bundle/suggest.js";
import {
  type AllocationPlan,
  type AllocationRequest,
  explain,
  parseAllocationInput,
} from "../index.js";
import { inputJsonSchema, planJsonSchema } from "../schema/jsonSchema.js";
import { allocateCommand } from "./allocateCommand.js";
import { choice, INPUT_OPTIONS, problemsHeading, readArgs, usage } from "./args.js";
import { carryCommand } from "./carry.js";
import { exampleCommand } from "./example.js";
import { COMMANDS, type CommandName, HELP, MAIN_HELP } from "./help.js";
import { loadInput, loadPlan, problemLines } from "./input.js";
import { CliError, EXIT, type ExitCode, type Io } from "./io.js";
import { readInputOptions } from "./mapping.js";
import { compareCommand, exceptionsCommand } from "./planning.js";
import { chooseRef, REF_FORMS, refReadings } from "./ref.js";
import { reportCommand } from "./report.js";

/*
 * `fenhuo <command> …`: the command line read into a command, the command run
 * against an `Io`. Everything here returns an exit code; only main.ts touches
 * `process`.
 */

/** What a run of the CLI needs from outside. */
export interface CliContext {
  readonly io: Io;
  /** The package version, read only when `--version` asks for it. */
  readonly version: () => Promise<string>;
}

/**
 * Runs `fenhuo` with `argv` (without `node` and the script) and returns the
 * exit code: 0 done, 1 invalid or unreadable input or unwritable output, 2
 * usage error, 70 an unexpected error. Never throws: every failure ends in a
 * message on stderr, one line but for the lists of input problems.
 */
export async function run(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  try {
    return await dispatch(argv, context);
  } catch (error) {
    context.io.progress?.stop();
    if (error instanceof CliError) {
      context.io.stderr(`fenhuo: ${error.message}\n`);
      return error.exitCode;
    }
    context.io.stderr(`${unexpectedLine(error)}\n`);
    return EXIT.unexpected;
  }
}

/**
 * The one line for an error fenhuo did not expect (a bug): its message, no
 * stack trace, and a request to report it.
 *
 * @example
 * ```ts
 * import { unexpectedLine } from "./run.js";
 * unexpectedLine(new RangeError("Maximum call stack size exceeded"));
 * // "fenhuo: unexpected error (RangeError: Maximum call stack size exceeded); please report it with the command that caused it"
 * ```
 */
export function unexpectedLine(error: unknown): string {
  const what =
    error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  return `fenhuo: unexpected error (${what.split("\n")[0]}); please report it with the command that caused it`;
}

async function dispatch(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const { io } = context;
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(MAIN_HELP);
    return EXIT.usage;
  }
  if (first === "-h" || first === "--help" || first === "help") {
    const topic = rest[0];
    if (topic === undefined) io.stdout(MAIN_HELP);
    else if (isCommand(topic)) io.stdout(HELP[topic]);
    else throw usage(`no help for "${topic}": the commands are ${COMMANDS.join(", ")}`);
    return EXIT.ok;
  }
  if (first === "-V" || first === "--version") {
    io.stdout(`${await context.version()}\n`);
    return EXIT.ok;
  }
  if (first.startsWith("-")) throw usage(`unknown option ${first}`);
  if (!isCommand(first)) throw usage(`unknown command "${first}"${suggestion(first)}`);
  // --help wins over anything else on the line (but not as an operand after "--").
  const end = rest.indexOf("--");
  const options = end === -1 ? rest : rest.slice(0, end);
  if (options.includes("-h") || options.includes("--help")) {
    io.stdout(HELP[first]);
    return EXIT.ok;
  }
  switch (first) {
    case "allocate":
      return allocateCommand(rest, io);
    case "validate":
      return validateCommand(rest, io);
    case "explain":
      return explainCommand(rest, io);
    case "schema":
      return schemaCommand(rest, io);
    case "carry":
      return carryCommand(rest, io);
    case "compare":
      return compareCommand(rest, io);
    case "exceptions":
      return exceptionsCommand(rest, io);
    case "report":
      return reportCommand(rest, io);
    case "example":
      return exampleCommand(rest, io);
  }
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/** ` (did you mean "allocate"?)` for a command that starts like one, or is two letters off. */
function suggestion(typed: string): string {
  const near = nearest(typed, COMMANDS, 2);
  return near === undefined ? "" : ` (did you mean "${near}"?)`;
}

async function validateCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = readArgs("validate", args, INPUT_OPTIONS, { min: 1, max: 1 });
  const source = positionals[0] as string;
  const loaded = await loadInput(source, io, await readInputOptions(values, io));
  const parsed = parseAllocationInput(loaded.input);
  if (loaded.problems.length > 0 || !parsed.ok) {
    const lines = problemLines(loaded, parsed.issues ?? []);
    io.stdout(`${lines.join("\n")}\n${problemsHeading(lines.length, source)}\n`);
    return EXIT.invalid;
  }
  io.stdout(`valid: ${describeRequest(parsed.value)}\n`);
  return EXIT.ok;
}

/** `4 orders, 10 lines, 5 products, … (asOf 2026-03-01, CNY)` */
function describeRequest(request: AllocationRequest): string {
  const count = (n: number, one: string, many = `${one}s`): string =>
    `${n} ${n === 1 ? one : many}`;
  const lines = request.orders.reduce((total, order) => total + order.lines.length, 0);
  const units = request.supply.reduce((total, row) => total + row.quantity, 0);
  const parts = [
    count(request.orders.length, "order"),
    count(lines, "line"),
    count(request.franchisees.length, "franchisee"),
    count(request.products.length, "product"),
    `${count(request.supply.length, "supply row")} (${count(units, "unit")})`,
    count(request.locks.length, "lock"),
    count(request.regions.length, "region"),
    count(request.stores.length, "store"),
    count(request.storeNeeds.length, "store need"),
    count(request.regionNeeds.length, "region need"),
  ];
  return `${parts.join(", ")} (asOf ${request.asOf}, ${request.currency})`;
}

const EXPLAIN_FORMATS = ["text", "json"] as const;

async function explainCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = readArgs(
    "explain",
    args,
    { format: { type: "string", short: "f" } },
    { min: 2, max: 2 },
  );
  const format = choice("explain", "--format", values.format ?? "text", EXPLAIN_FORMATS);
  const [source, refText] = positionals as [string, string];
  const readings = refReadings(refText);
  if (readings.length === 0) {
    throw usage(`explain: cannot read the ref "${refText}": write ${REF_FORMS}`, "explain");
  }
  const plan = (await loadPlan(source, io)) as AllocationPlan;
  const ref = chooseRef(readings, plan) ?? (readings[0] as (typeof readings)[number]);
  let explanation: ReturnType<typeof explain>;
  try {
    explanation = explain(plan, ref);
  } catch (error) {
    throw new CliError(
      `${source === "-" ? "stdin" : source} is not a plan fenhuo can read: ${(error as Error).message}`,
      EXIT.invalid,
    );
  }
  io.stdout(
    format === "json" ? `${JSON.stringify(explanation, null, 2)}\n` : `${explanation.sentence}\n`,
  );
  return EXIT.ok;
}

const SCHEMAS = ["input", "plan"] as const;

async function schemaCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = readArgs(
    "schema",
    args,
    { out: { type: "string", short: "o" } },
    { min: 0, max: 1 },
  );
  const which = choice("schema", "the schema asked for", positionals[0] ?? "input", SCHEMAS);
  const schema = which === "input" ? inputJsonSchema() : planJsonSchema();
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (values.out === undefined) io.stdout(text);
  else await io.writeText(values.out, text);
  return EXIT.ok;
}
