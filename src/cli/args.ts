import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CommandName } from "./help.js";
import { CliError, EXIT } from "./io.js";

/* Reading a command's arguments: strict options, operands, choices, usage errors. */

/** A usage error (exit code 2): the message, and where the help is. */
export function usage(message: string, command?: CommandName): CliError {
  const help = command === undefined ? "fenhuo --help" : `fenhuo ${command} --help`;
  return new CliError(`${message}\nRun "${help}" for usage.`, EXIT.usage);
}

/** The options `readArgs` takes, as node:util parseArgs does. */
export type Options = NonNullable<ParseArgsConfig["options"]>;

/** What {@link readArgs} returns: the option values and the operands. */
export type ParsedArgs<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true }>
>;

/**
 * A command's arguments, read strictly: an unknown option, a missing option
 * value or a wrong number of operands is a usage error (exit code 2).
 */
export function readArgs<T extends Options>(
  command: CommandName,
  args: readonly string[],
  options: T,
  operands: { readonly min: number; readonly max: number },
): ParsedArgs<T> {
  let parsed: ParsedArgs<T>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages go on about "--" after the first sentence: keep the first.
    const message = (error as Error).message.split(". ")[0] ?? "bad arguments";
    throw usage(`${command}: ${message}`, command);
  }
  const count = parsed.positionals.length;
  if (count < operands.min) throw usage(`${command}: missing ${operandNames(command)}`, command);
  if (count > operands.max) {
    throw usage(`${command}: unexpected argument "${parsed.positionals[operands.max]}"`, command);
  }
  return parsed;
}

function operandNames(command: CommandName): string {
  return command === "explain" ? "<plan.json> and <ref>" : "<input> (a JSON file, - or a folder)";
}

/** `value` when it is one of `allowed`; a usage error naming them otherwise. */
export function choice<T extends string>(
  command: CommandName,
  option: string,
  value: string,
  allowed: readonly T[],
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(
    `${command}: ${option} must be one of ${allowed.join(", ")}; got "${value}"`,
    command,
  );
}

/** The options of the commands that read an input: `--as-of`, `--currency`, `--encoding`, `--map`. */
export const INPUT_OPTIONS = {
  "as-of": { type: "string" },
  currency: { type: "string" },
  encoding: { type: "string" },
  map: { type: "string" },
} as const;

/** `invalid input wave.json: 2 problems` */
export function problemsHeading(count: number, source: string): string {
  return `invalid input ${source === "-" ? "on stdin" : source}: ${count} ${count === 1 ? "problem" : "problems"}`;
}

/** Lines indented two spaces, each with its line end: a list of problems under its heading. */
export function indent(lines: readonly string[]): string {
  return lines.map((line) => `  ${line}\n`).join("");
}
