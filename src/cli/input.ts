import {
  assembleBundle,
  assembleSource,
  type BundleOptions,
  type BundleProblem,
} from "../bundle/bundle.js";
import { BUNDLE_FILES, WAVE_FILE } from "../bundle/files.js";
import { NO_MAPPING } from "../bundle/mapping.js";
import { formatPath, type Issue } from "../index.js";
import { PLAN_LISTS } from "../schema/madeShapes.js";
import { decodeText, type Encoding } from "./encoding.js";
import { CliError, EXIT, type Io } from "./io.js";
import { readJson } from "./jsonRead.js";
import { JsonTextError, JsonValueTooLong } from "./jsonText.js";
import { safeText } from "./table.js";

/*
 * Reading what the commands work on: an allocation input (a JSON file, stdin or
 * a CSV bundle folder) or a plan (a JSON file or stdin), and writing problems
 * the way a person reads them.
 */

/** An input as read, before validation. */
export interface LoadedInput {
  readonly input: unknown;
  /** Where a JSON path's value came from, beyond the path itself (a CSV file and line). */
  readonly locate: (path: readonly (string | number)[]) => string | undefined;
  /** Problems of a CSV bundle's files; when any, the input is not to be run. */
  readonly problems: readonly BundleProblem[];
  /** The top-level keys the problems left empty (see `Bundle.unread`). */
  readonly unread?: ReadonlySet<string>;
  /** The paths (formatted) whose problem the bundle named already (see `Bundle.reported`). */
  readonly reported?: ReadonlySet<string>;
}

/**
 * Reads an allocation input from `source`: a folder is a CSV bundle, a
 * `.xlsx` file a workbook bundle, `-` is stdin, anything else a JSON file. A
 * bundle is read through `options.mapping` when given. `--as-of` and
 * `--currency` replace the input's own `asOf` and `currency`.
 */
export async function loadInput(
  source: string,
  io: Io,
  options: BundleOptions & { readonly encoding?: Encoding | undefined } = {},
): Promise<LoadedInput> {
  if (source.toLowerCase().endsWith(".xlsx") && io.readBytes !== undefined) {
    const { workbookSource } = await import("./xlsxRead.js");
    return assembleSource(await workbookSource(await io.readBytes(source), source), options);
  }
  if (await io.isDirectory(source)) {
    const mapping = options.mapping ?? NO_MAPPING;
    const sources = new Set(Object.keys(BUNDLE_FILES).map((file) => mapping.file(file).from));
    const names = (await io.listFiles(source)).filter(
      (name) => name === WAVE_FILE || name.toLowerCase().endsWith(".csv") || sources.has(name),
    );
    const texts = new Map<string, string>();
    for (const name of names.sort()) {
      const path = joinPath(source, name);
      // A CSV file is decoded from its bytes: never read as mojibake (encoding.ts).
      const text =
        io.readBytes === undefined || name === WAVE_FILE
          ? await io.readText(path)
          : decodeText(await io.readBytes(path), name, options.encoding);
      texts.set(name, text);
    }
    return assembleBundle(texts, options);
  }
  const input = withOverrides(await readJsonFile(source, io), options);
  const flags = new Map<string, string>();
  if (options.asOf !== undefined) flags.set("asOf", "--as-of");
  if (options.currency !== undefined) flags.set("currency", "--currency");
  return {
    input,
    locate: (path) => (path.length === 1 ? flags.get(String(path[0])) : undefined),
    problems: [],
  };
}

/** A path under a folder, with the separator the folder already uses. */
function joinPath(folder: string, name: string): string {
  return /[/\\]$/.test(folder) ? `${folder}${name}` : `${folder}/${name}`;
}

/**
 * Reads a plan JSON (a file or `-`), checking that it has every list of a plan;
 * the trace only when `needsTrace` (explain reads it, carry does not).
 */
export async function loadPlan(
  source: string,
  io: Io,
  { needsTrace = true }: { readonly needsTrace?: boolean } = {},
): Promise<unknown> {
  const plan = await readJsonFile(source, io);
  const lists = needsTrace ? PLAN_LISTS : PLAN_LISTS.filter((list) => list !== "trace");
  const missing =
    typeof plan !== "object" || plan === null || Array.isArray(plan)
      ? lists
      : lists.filter((key) => !Array.isArray((plan as Record<string, unknown>)[key]));
  if (missing.length === 1 && missing[0] === "trace") {
    throw new CliError(
      `${label(source)} has no trace (written with --no-trace?): explain reads the trace, so write the plan with fenhuo allocate --format json without --no-trace`,
      EXIT.invalid,
    );
  }
  if (missing.length > 0) {
    throw new CliError(
      `${label(source)} is not an allocation plan (no ${missing.join(", ")}): write one with fenhuo allocate --format json`,
      EXIT.invalid,
    );
  }
  return plan;
}

/**
 * The value of the JSON file `source` (`-`: stdin). Read from its bytes when
 * the `Io` gives them: a file over 256 MiB (BIG_JSON_BYTES) is scanned
 * element by element and never one string (R-SCALE-2), its syntax errors
 * named by byte offset, line and column; a smaller one reads exactly as
 * {@link parseJson} reads its text. Ends the command with exit code 1 when
 * the file cannot be read or is not JSON.
 */
export async function readJsonFile(source: string, io: Io): Promise<unknown> {
  if (io.readChunks === undefined) return parseJson(await io.readText(source), source);
  try {
    return await readJson(
      io.readChunks(source),
      io.bigJsonBytes === undefined ? {} : { threshold: io.bigJsonBytes },
    );
  } catch (error) {
    if (error instanceof JsonTextError || error instanceof SyntaxError) {
      const where = error instanceof JsonTextError ? " " : ": ";
      throw new CliError(
        `${label(source)} is not valid JSON${where}${error.message}`,
        EXIT.invalid,
      );
    }
    if (error instanceof JsonValueTooLong) {
      throw new CliError(`cannot read ${label(source)}: ${error.message}`, EXIT.invalid);
    }
    throw error;
  }
}

/** JSON text → value; a syntax error ends the command with exit code 1. A UTF-8 BOM is ignored. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliError(
      `${label(source)} is not valid JSON: ${(error as Error).message}`,
      EXIT.invalid,
    );
  }
}

function label(source: string): string {
  return source === "-" ? "stdin" : source;
}

function withOverrides(input: unknown, options: BundleOptions): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  return {
    ...(input as Record<string, unknown>),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.currency === undefined ? {} : { currency: options.currency }),
  };
}

/** `orders[3].lines[0].sku: unknown product "X": not in products (orders.csv line 5, column sku)` */
export function issueLine(
  issue: Issue,
  locate: (path: readonly (string | number)[]) => string | undefined = () => undefined,
): string {
  const where = locate(issue.path);
  return safeText(`${formatPath(issue.path)}: ${issue.message}${where ? ` (${where})` : ""}`);
}

/**
 * Every problem of a loaded input, one line each: the bundle's own problems,
 * then the input's issues (a bad cell of one file hides no bad cell
 * of another). An issue under a key the bundle's problems left empty is left
 * out, and so are references while any file is unread (what they name may be
 * in it): those are consequences, already reported.
 */
export function problemLines(loaded: LoadedInput, issues: readonly Issue[]): string[] {
  const unread = loaded.unread ?? new Set<string>();
  const reported = loaded.reported ?? new Set<string>();
  const news = issues.filter(
    (found) =>
      !unread.has(String(found.path[0])) &&
      !reported.has(formatPath(found.path)) &&
      !(unread.size > 0 && found.code === "unknown_reference"),
  );
  return [...loaded.problems.map(problemLine), ...news.map((i) => issueLine(i, loaded.locate))];
}

/** `orders.csv line 1: unknown column "colour" (…)` */
export function problemLine(problem: BundleProblem): string {
  return safeText(`${problem.where}: ${problem.message}`);
}
