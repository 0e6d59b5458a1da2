import { parse } from "csv-parse/sync";
import {
  BUNDLE_FILES,
  type FileSpec,
  type Kind,
  REQUIRED_FILES,
  WAVE_FILE,
} from "./bundleFiles.js";

/*
 * A CSV bundle: a folder of CSV files (one per section of the allocation input,
 * as an ERP or a spreadsheet exports them) and an optional wave.json for the
 * run's settings. `assembleBundle` turns the files' text into the JSON input of
 * `allocate` and remembers where each row came from, so that an issue at
 * `orders[3].lines[0].sku` can also name `orders.csv line 9`. Pure: the caller
 * reads the files.
 */

/** A problem of the bundle itself (a file, a column, a row), before any validation of the input. */
export interface BundleProblem {
  /** Where: `orders.csv`, `orders.csv line 4`, `wave.json`. */
  readonly where: string;
  readonly message: string;
}

/** Settings given on the command line; they win over wave.json. */
export interface BundleOptions {
  readonly asOf?: string | undefined;
  readonly currency?: string | undefined;
}

/** An assembled bundle: the input, where its parts came from, and the bundle's own problems. */
export interface Bundle {
  readonly input: Record<string, unknown>;
  /** Where the value at a JSON path of `input` came from, when a file row can be named. */
  readonly locate: (path: readonly (string | number)[]) => string | undefined;
  /** Problems that make the input unusable; when any, do not run it. */
  readonly problems: readonly BundleProblem[];
  /**
   * The top-level keys a problem left without their content (a file that
   * could not be read, a missing `asOf`): the input's issues there, and its
   * references into them, are consequences of `problems`, not news.
   */
  readonly unread: ReadonlySet<string>;
}

/** A row and the line of its file where it starts. */
interface SourceRow {
  readonly line: number;
  readonly record: Record<string, string>;
}

/**
 * Assembles the input of `allocate` from a bundle's files (`name → text`, for
 * the files that exist in the folder). Empty cells are absent fields (so
 * defaults apply); number columns are read as numbers when they look like one
 * and otherwise kept as text, for validation to reject with its path.
 */
export function assembleBundle(
  files: ReadonlyMap<string, string>,
  options: BundleOptions = {},
): Bundle {
  const problems: BundleProblem[] = [];
  const input: Record<string, unknown> = {};
  const origin = new Map<string, string>(); // top-level key → its file or flag
  const rowsOf = new Map<string, SourceRow[]>(); // section → its file's rows
  let orderRows: SourceRow[][] = []; // orders[i] → its lines' rows
  const unread = new Set<string>();

  for (const name of REQUIRED_FILES) {
    if (!files.has(name)) {
      problems.push({
        where: name,
        message: `missing: a CSV bundle needs ${listOf(REQUIRED_FILES)}`,
      });
    }
  }
  for (const name of [...files.keys()].sort()) {
    if (name !== WAVE_FILE && !Object.hasOwn(BUNDLE_FILES, name)) {
      problems.push({
        where: name,
        message: `not a file of a CSV bundle (expected ${listOf([...Object.keys(BUNDLE_FILES), WAVE_FILE])})`,
      });
    }
  }

  const wave = files.get(WAVE_FILE);
  if (wave !== undefined) {
    const before = problems.length;
    const settings = readWave(wave, problems);
    if (problems.length > before) for (const key of ["asOf", "currency", "policy"]) unread.add(key);
    for (const [key, value] of Object.entries(settings)) {
      // defineProperty, not assignment: a "__proto__" key stays a key, for validation to refuse.
      Object.defineProperty(input, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      origin.set(key, WAVE_FILE);
    }
  }

  for (const [name, spec] of Object.entries(BUNDLE_FILES)) {
    const text = files.get(name);
    if (text === undefined) continue;
    const rows = readCsv(name, text, spec, problems);
    if (rows === undefined) {
      unread.add(spec.section);
      continue;
    }
    if (origin.has(spec.section)) {
      problems.push({
        where: name,
        message: `section "${spec.section}" is given both here and in ${WAVE_FILE}`,
      });
      continue;
    }
    origin.set(spec.section, name);
    if (spec.section === "orders") {
      const orders = groupOrders(name, rows, spec, problems);
      input.orders = orders.map((order) => order.value);
      orderRows = orders.map((order) => order.rows);
    } else {
      input[spec.section] = rows.map((row) => valuesOf(row.record, spec));
      rowsOf.set(spec.section, rows);
    }
  }

  if (options.asOf !== undefined) {
    input.asOf = options.asOf;
    origin.set("asOf", "--as-of");
  }
  if (options.currency !== undefined) {
    input.currency = options.currency;
    origin.set("currency", "--currency");
  }
  if (input.asOf === undefined) {
    unread.add("asOf");
    problems.push({
      where: "asOf",
      message: `missing: give the run's date in ${WAVE_FILE} ({ "asOf": "2026-03-01" }) or with --as-of`,
    });
  }

  const locate = (path: readonly (string | number)[]): string | undefined => {
    const [key, index, ...rest] = path;
    if (typeof key !== "string") return undefined;
    const file = origin.get(key);
    if (file === undefined || typeof index !== "number" || file === WAVE_FILE) return file;
    if (key === "orders") {
      const lines = orderRows[index];
      if (lines === undefined) return file;
      const [field, lineIndex, lineField] = rest;
      if (field === "lines" && typeof lineIndex === "number") {
        const row = lines[lineIndex];
        return row === undefined ? file : at(file, row, columnOf(lineField));
      }
      const first = lines[0];
      return first === undefined
        ? file
        : at(file, first, field === "id" ? "order" : columnOf(field));
    }
    const row = rowsOf.get(key)?.[index];
    return row === undefined ? file : at(file, row, columnOf(rest[0]));
  };

  return { input, locate, problems, unread };
}

function columnOf(key: string | number | undefined): string | undefined {
  return typeof key === "string" ? key : undefined;
}

function at(file: string, row: SourceRow, column: string | undefined): string {
  return column === undefined
    ? `${file} line ${row.line}`
    : `${file} line ${row.line}, column ${column}`;
}

function listOf(names: readonly string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** wave.json: an object of settings (`asOf`, `currency`, `policy`; sections are allowed too). */
function readWave(text: string, problems: BundleProblem[]): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problems.push({ where: WAVE_FILE, message: `not valid JSON: ${(error as Error).message}` });
    return {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({
      where: WAVE_FILE,
      message: 'must be a JSON object such as { "asOf": "2026-03-01", "currency": "CNY" }',
    });
    return {};
  }
  return value as Record<string, unknown>;
}

/**
 * The rows of one CSV file, or `undefined` when the file cannot be read as the
 * bundle's file (bad CSV, unknown or missing columns): its problems are listed.
 */
function readCsv(
  name: string,
  text: string,
  spec: FileSpec,
  problems: BundleProblem[],
): SourceRow[] | undefined {
  let header: string[] = [];
  let parsed: { record: Record<string, string>; info: { lines: number; empty_lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      columns: (names: string[]) => {
        header = names;
        return names;
      },
    }) as typeof parsed;
  } catch (error) {
    problems.push({ where: name, message: `not a readable CSV file: ${(error as Error).message}` });
    return undefined;
  }
  const before = problems.length;
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column))
      problems.push({ where: `${name} line 1`, message: `column "${column}" appears twice` });
    else if (!Object.hasOwn(spec.columns, column))
      problems.push({
        where: `${name} line 1`,
        message: `unknown column "${column}" (expected ${listOf(Object.keys(spec.columns))})`,
      });
    seen.add(column);
  }
  for (const column of spec.required) {
    if (!seen.has(column))
      problems.push({ where: `${name} line 1`, message: `missing column "${column}"` });
  }
  if (problems.length > before) return undefined;
  // A row starts on the line after the previous row ends, skipping empty lines.
  let previousEnd = 1;
  let previousEmpty = 0;
  return parsed.map(({ record, info }) => {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    return { line, record };
  });
}

/** A row's fields as the input reads them: empty cells left out, number columns as numbers. */
function valuesOf(
  record: Readonly<Record<string, string>>,
  spec: FileSpec,
  skip: readonly string[] = [],
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(spec.columns)) {
    const cell = record[column];
    if (cell === undefined || cell === "" || skip.includes(column)) continue;
    value[column] = readCell(kind, cell);
  }
  return value;
}

/** A cell as its column's kind reads it; a cell that is not of its kind stays text, to be rejected. */
function readCell(kind: Kind, cell: string): unknown {
  if (kind === "number") return readNumber(cell);
  if (kind === "boolean") return cell === "true" ? true : cell === "false" ? false : cell;
  // R-HOLD: `region:<id>` is the JSON contract's { "region": id }.
  if (kind === "holdFor" && cell.startsWith("region:")) return { region: cell.slice(7) };
  return cell;
}

/** A number when the cell is written as one (`12`, `-3`, `1.5`); else the text, to be rejected. */
function readNumber(cell: string): number | string {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? Number(cell) : cell;
}

const ORDER_FIELDS = ["order", "franchisee", "orderedOn", "shipComplete"] as const;

/**
 * orders.csv has one row per order line: rows are grouped into orders by the
 * `order` column, in the order each order first appears. The order's
 * franchisee, date and `shipComplete` (R-COMPLETE) come from its first row; a
 * later row may leave them empty, and one that differs is a problem.
 */
function groupOrders(
  name: string,
  rows: readonly SourceRow[],
  spec: FileSpec,
  problems: BundleProblem[],
): { value: Record<string, unknown>; rows: SourceRow[] }[] {
  const orders = new Map<string, { value: Record<string, unknown>; rows: SourceRow[] }>();
  for (const row of rows) {
    const id = row.record.order ?? "";
    const found = orders.get(id);
    const line = valuesOf(row.record, spec, ORDER_FIELDS);
    if (found === undefined) {
      // The order's own fields, from its first row; column `order` is its `id`.
      const value: Record<string, unknown> = {};
      for (const field of ORDER_FIELDS) {
        const cell = row.record[field] ?? "";
        const kind = spec.columns[field] ?? "text";
        if (cell !== "") value[field === "order" ? "id" : field] = readCell(kind, cell);
      }
      value.lines = [line];
      orders.set(id, { value, rows: [row] });
      continue;
    }
    const first = found.rows[0] as SourceRow;
    for (const field of ["franchisee", "orderedOn", "shipComplete"] as const) {
      const mine = row.record[field] ?? "";
      const theirs = first.record[field] ?? "";
      if (mine !== "" && mine !== theirs) {
        problems.push({
          where: `${name} line ${row.line}, column ${field}`,
          message: `${JSON.stringify(mine)} differs from the first row of order ${JSON.stringify(id)} (line ${first.line}: ${JSON.stringify(theirs)})`,
        });
      }
    }
    (found.value.lines as unknown[]).push(line);
    found.rows.push(row);
  }
  return [...orders.values()];
}
