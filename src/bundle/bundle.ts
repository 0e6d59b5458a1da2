import { formatPath, type Path } from "../schema/issues.js";
import { type CellFormat, PLAIN_CELLS, readCell } from "./cells.js";
import { BUNDLE_FILES, type FileSpec, REQUIRED_FILES, WAVE_FILE } from "./files.js";
import { type ColumnMapping, type FileMapping, NO_MAPPING } from "./mapping.js";
import { didYouMean, nearest } from "./suggest.js";
import { csvTable, type SourceRow, type SourceTable } from "./table.js";

/*
 * A bundle: the files of an export (one per section of the allocation input,
 * as an ERP or a spreadsheet writes them — CSV files in a folder or the sheets
 * of a workbook) and the run's settings (wave.json). `assembleBundle` turns
 * them into the JSON input of `allocate`, read through a column mapping when
 * one is given, and remembers where each row came from, so that an issue at
 * `orders[3].lines[0].sku` can also name `orders.csv line 9, column sku`.
 * Pure: the caller reads the files.
 */

/** A problem of the bundle itself (a file, a column, a row), before any validation of the input. */
export interface BundleProblem {
  /** Where: `orders.csv`, `orders.csv line 4, column Qty`, `wave.json`. */
  readonly where: string;
  readonly message: string;
}

/** Settings given on the command line (they win over wave.json), and the mapping to read through. */
export interface BundleOptions {
  readonly asOf?: string | undefined;
  readonly currency?: string | undefined;
  /** How the export's files and columns are read (`parseColumnMapping`); none: the bundle's own. */
  readonly mapping?: ColumnMapping | undefined;
}

/** An assembled bundle: the input, where its parts came from, and the bundle's own problems. */
export interface Bundle {
  readonly input: Record<string, unknown>;
  /** Where the value at a JSON path of `input` came from, when a file row can be named. */
  readonly locate: (path: Path) => string | undefined;
  /** Problems that make the input unusable; when any, do not run it. */
  readonly problems: readonly BundleProblem[];
  /**
   * The top-level keys a problem left without their content (a file that
   * could not be read, a missing `asOf`): the input's issues there, and its
   * references into them, are consequences of `problems`, not news.
   */
  readonly unread: ReadonlySet<string>;
  /** The paths (formatted) of cells a problem already names: validation's issue there is no news. */
  readonly reported: ReadonlySet<string>;
}

/**
 * What a bundle is read from: the names of its files (or a workbook's sheets,
 * named as the bundle file they are), a table by name, and its settings.
 */
export interface BundleSource {
  /** `CSV bundle`, `workbook`: how problems name the whole. */
  readonly kind: string;
  /** The files (sheets) there are, other than the settings. */
  readonly names: readonly string[];
  /** How a problem names one of `names` (`wave.xlsx, sheet orders`); the name itself by default. */
  readonly place?: (name: string) => string;
  /** The table of one of `names`, or why it cannot be read. */
  readonly table: (name: string, delimiter: string) => SourceTable | string;
  /** The run's settings (wave.json): text to parse, or a value, and where it came from. */
  readonly settings?: {
    readonly where: string;
    readonly text?: string;
    readonly value?: unknown;
    /** Why the settings cannot be read, when they cannot. */
    readonly problem?: string;
  };
}

/**
 * Assembles the input of `allocate` from a CSV bundle's files (`name → text`,
 * for the files that exist in the folder, wave.json included). Empty cells are
 * absent fields (so defaults apply); number columns are read as numbers when
 * they look like one and otherwise kept as text, for validation to reject with
 * its path. With a mapping, the export's files and columns are read as it says.
 *
 * @example
 * ```ts
 * import { assembleBundle } from "./bundle.js";
 * const files = new Map([["supply.csv", "SKU,Quantity\nX,3\n"]]);
 * assembleBundle(files).input.supply; // [{ sku: "X", quantity: 3 }]
 * ```
 */
export function assembleBundle(
  files: ReadonlyMap<string, string>,
  options: BundleOptions = {},
): Bundle {
  const wave = files.get(WAVE_FILE);
  return assembleSource(
    {
      kind: "CSV bundle",
      names: [...files.keys()].filter((name) => name !== WAVE_FILE),
      table: (name, delimiter) => csvTable(name, files.get(name) ?? "", delimiter),
      ...(wave === undefined ? {} : { settings: { where: WAVE_FILE, text: wave } }),
    },
    options,
  );
}

/** Assembles the input of `allocate` from any {@link BundleSource}: a CSV folder or a workbook. */
export function assembleSource(source: BundleSource, options: BundleOptions = {}): Bundle {
  const mapping = options.mapping ?? NO_MAPPING;
  const problems: BundleProblem[] = [];
  const input: Record<string, unknown> = {};
  const origin = new Map<string, string>(); // top-level key → its file or flag
  const placed = new Map<string, Placed>(); // section → where its rows came from
  const unread = new Set<string>();
  const reported = new Set<string>();
  const readings = Object.keys(BUNDLE_FILES).map((file) => ({ file, map: mapping.file(file) }));

  const present = new Set(source.names);
  const placeOfName = source.place ?? ((name: string) => name);
  for (const name of REQUIRED_FILES) {
    const from = mapping.file(name).from;
    if (!present.has(from)) {
      const needs =
        from === name
          ? `a ${source.kind} needs ${listOf(REQUIRED_FILES)}`
          : `the mapping reads ${name} from it`;
      problems.push({ where: placeOfName(from), message: `missing: ${needs}` });
    }
  }
  const expected = [...new Set([...readings.map((reading) => reading.map.from), WAVE_FILE])];
  for (const name of [...source.names].sort()) {
    if (!expected.includes(name)) {
      problems.push({
        where: placeOfName(name),
        message: `not a file of a ${source.kind} ${hint(name, expected, expected)}`,
      });
    }
  }

  if (source.settings !== undefined) {
    const before = problems.length;
    const settings = readSettings(source.settings, problems);
    if (problems.length > before) for (const key of ["asOf", "currency", "policy"]) unread.add(key);
    for (const [key, value] of Object.entries(settings)) {
      // defineProperty, not assignment: a "__proto__" key stays a key, for validation to refuse.
      Object.defineProperty(input, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      origin.set(key, source.settings.where);
    }
  }

  for (const { file, map } of readings) {
    const spec = BUNDLE_FILES[file] as FileSpec;
    if (!present.has(map.from)) continue;
    const read = source.table(map.from, map.delimiter);
    const table = typeof read === "string" ? undefined : read;
    if (typeof read === "string") problems.push({ where: placeOfName(map.from), message: read });
    const rows = table === undefined ? undefined : readTable(table, spec, map, problems);
    if (table === undefined || rows === undefined) {
      unread.add(spec.section);
      continue;
    }
    if (origin.has(spec.section)) {
      problems.push({
        where: table.name,
        message: `section "${spec.section}" is given both here and in ${origin.get(spec.section)}`,
      });
      continue;
    }
    origin.set(spec.section, table.name);
    if (spec.section === "orders") {
      const orders = groupOrders(table, rows, map, problems);
      input.orders = orders.map((order) => order.value);
      placed.set("orders", { table, rows: orders.map((order) => order.rows) });
    } else {
      input[spec.section] = rows.map((row) => valuesOf(row, spec, map.cells));
      placed.set(spec.section, { table, rows: rows.map((row) => [row]) });
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

  // Cells a mapping's format could not read: their problem, at their place; validation's is no news.
  for (const [section, { table, rows }] of placed) {
    rows.forEach((group, index) => {
      group.forEach((row, lineIndex) => {
        for (const [field, message] of row.unreadable) {
          const path = cellPath(section, index, lineIndex, field);
          problems.push({ where: placeOf(table, row, field), message });
          reported.add(formatPath(path));
        }
      });
    });
  }

  const locate = (path: Path): string | undefined => {
    const [key, index, ...rest] = path;
    if (typeof key !== "string") return undefined;
    const file = origin.get(key);
    const rows = placed.get(key);
    if (file === undefined || typeof index !== "number" || rows === undefined) return file;
    const group = rows.rows[index];
    if (group === undefined) return file;
    if (key === "orders") {
      const [field, lineIndex, lineField] = rest;
      if (field === "lines" && typeof lineIndex === "number") {
        const row = group[lineIndex];
        return row === undefined ? file : placeOf(rows.table, row, columnOf(lineField));
      }
      const first = group[0] as Row;
      return placeOf(rows.table, first, field === "id" ? "order" : columnOf(field));
    }
    return placeOf(rows.table, group[0] as Row, columnOf(rest[0]));
  };

  return { input, locate, problems, unread, reported };
}

/** Where a section's rows came from: its table, and for each element of the section its rows. */
interface Placed {
  readonly table: SourceTable;
  readonly rows: readonly (readonly Row[])[];
}

/** A row of a table read as bundle columns. */
interface Row {
  readonly source: SourceRow;
  /** Bundle column → cell text (after constants and fill-down). */
  readonly record: Readonly<Record<string, string>>;
  /** Bundle column → the index of the export column it came from. */
  readonly columns: ReadonlyMap<string, number>;
  /** Bundle column → what gave it when no export column did (a constant, a generated number). */
  readonly made: ReadonlyMap<string, string>;
  /** The bundle columns whose cell is written as the contract writes it (a typed workbook cell). */
  readonly plain: ReadonlySet<string>;
  /** Bundle column → why its cell could not be read (a date not of the mapping's format). */
  readonly unreadable: Map<string, string>;
}

function cellPath(section: string, index: number, lineIndex: number, field: string): Path {
  if (section !== "orders") return [section, index, field];
  if (field === "order") return ["orders", index, "id"];
  if (lineIndex === 0 && ORDER_FIELDS.includes(field as (typeof ORDER_FIELDS)[number]))
    return ["orders", index, field];
  return ["orders", index, "lines", lineIndex, field];
}

function columnOf(key: string | number | undefined): string | undefined {
  return typeof key === "string" ? key : undefined;
}

/** `orders.csv line 9, column Qty`: a row and a bundle column, named by the export's own column. */
function placeOf(table: SourceTable, row: Row, column: string | undefined): string {
  if (column === undefined) return table.where(row.source.at);
  const index = row.columns.get(column);
  if (index !== undefined) return table.where(row.source.at, index);
  const made = row.made.get(column);
  return made === undefined ? table.where(row.source.at) : `${table.where(row.source.at)}, ${made}`;
}

/** `(did you mean "sku"? expected sku and quantity)`, or `(expected sku and quantity)`. */
function hint(typed: string, candidates: readonly string[], expected: readonly string[]): string {
  const near = nearest(typed, candidates);
  return `(${near === undefined ? "" : `did you mean "${near}"? `}expected ${listOf(expected)})`;
}

function listOf(names: readonly string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** wave.json: an object of settings (`asOf`, `currency`, `policy`; sections are allowed too). */
function readSettings(
  settings: NonNullable<BundleSource["settings"]>,
  problems: BundleProblem[],
): Record<string, unknown> {
  if (settings.problem !== undefined) {
    problems.push({ where: settings.where, message: settings.problem });
    return {};
  }
  let value: unknown = settings.value;
  if (settings.text !== undefined) {
    try {
      value = JSON.parse(settings.text);
    } catch (error) {
      problems.push({
        where: settings.where,
        message: `not valid JSON: ${(error as Error).message}`,
      });
      return {};
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({
      where: settings.where,
      message: 'must be a JSON object such as { "asOf": "2026-03-01", "currency": "CNY" }',
    });
    return {};
  }
  return value as Record<string, unknown>;
}

/**
 * The rows of one table read as the bundle file `spec`, through its mapping,
 * or `undefined` when the table cannot be read as it (unknown or missing
 * columns): its problems are listed. Headers match the bundle's columns (or
 * the mapping's export columns) in any case.
 */
function readTable(
  table: SourceTable,
  spec: FileSpec,
  map: FileMapping,
  problems: BundleProblem[],
): Row[] | undefined {
  const before = problems.length;
  const own = new Map(Object.keys(spec.columns).map((column) => [column.toLowerCase(), column]));
  const columns = new Map<string, number>(); // bundle column → header index
  const seen = new Set<string>();
  const mapped = new Set<string>();
  table.header.forEach((name, index) => {
    const lower = name.toLowerCase();
    const at = table.where(undefined);
    if (seen.has(lower)) {
      problems.push({ where: at, message: `column "${name}" appears twice` });
      return;
    }
    seen.add(lower);
    const target = map.columns.get(lower) ?? (map.ignore.has(lower) ? undefined : own.get(lower));
    if (map.columns.has(lower)) mapped.add(lower);
    if (target === undefined) {
      if (map.ignore.has(lower) || map.ignoreUnknown) return;
      const names = [...Object.keys(spec.columns), ...map.columnNames.values()];
      problems.push({
        where: at,
        message: `unknown column "${name}" ${hint(name, names, Object.keys(spec.columns))}`,
      });
      return;
    }
    const earlier = columns.get(target);
    if (earlier !== undefined) {
      problems.push({
        where: at,
        message: `columns "${table.header[earlier]}" and "${name}" both give ${target}`,
      });
      return;
    }
    columns.set(target, index);
  });
  for (const [lower, name] of map.columnNames) {
    if (!mapped.has(lower))
      problems.push({
        where: table.where(undefined),
        message: `the mapping's column "${name}" is not in the file${didYouMean(name, table.header)}`,
      });
  }
  for (const column of spec.required) {
    const generated = column === "line" && map.generateLineNumbers;
    if (!columns.has(column) && !map.constants.has(column) && !generated)
      problems.push({ where: table.where(undefined), message: `missing column "${column}"` });
  }
  const lineColumn = columns.get("line");
  if (map.generateLineNumbers && lineColumn !== undefined)
    problems.push({
      where: table.where(undefined, lineColumn),
      message:
        "gives line, which the mapping's generateLineNumbers makes: map or ignore one of them",
    });
  if (problems.length > before) return undefined;
  const made = new Map<string, string>();
  for (const column of map.constants.keys()) made.set(column, `${column} (the mapping's constant)`);
  if (map.generateLineNumbers) made.set("line", "line (a generated number)");
  const above = new Map<string, { cell: string; plain: boolean }>();
  return table.rows.map((source) => {
    const record: Record<string, string> = {};
    const plain = new Set<string>();
    for (const [column, index] of columns) {
      record[column] = source.cells[index] ?? "";
      if (source.plain?.has(index) === true) plain.add(column);
    }
    for (const [column, cell] of map.constants) record[column] = cell;
    for (const column of map.fillDown) {
      const cell = record[column] ?? "";
      const last = above.get(column);
      if (cell !== "") above.set(column, { cell, plain: plain.has(column) });
      else if (last !== undefined) {
        record[column] = last.cell;
        if (last.plain) plain.add(column);
      }
    }
    return { source, record, columns, made, plain, unreadable: new Map() };
  });
}

/** A row's fields as the input reads them: empty cells left out, each cell read by its kind. */
function valuesOf(
  row: Row,
  spec: FileSpec,
  cells: CellFormat,
  skip: readonly string[] = [],
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(spec.columns)) {
    const cell = row.record[column];
    if (cell === undefined || cell === "" || skip.includes(column)) continue;
    const read = readCell(kind, cell, row.plain.has(column) ? PLAIN_CELLS : cells);
    if ("problem" in read) row.unreadable.set(column, read.problem);
    else value[column] = read.value;
  }
  return value;
}

const ORDER_FIELDS = ["order", "franchisee", "orderedOn", "shipComplete"] as const;

/**
 * orders.csv has one row per order line: rows are grouped into orders by the
 * `order` column, in the order each order first appears. The order's
 * franchisee, date and `shipComplete` (R-COMPLETE) come from its first row; a
 * later row may leave them empty, and one that differs is a problem. With
 * `generateLineNumbers`, an order's lines are numbered 1, 2, 3 … in file order.
 */
function groupOrders(
  table: SourceTable,
  rows: readonly Row[],
  map: FileMapping,
  problems: BundleProblem[],
): { value: Record<string, unknown>; rows: Row[] }[] {
  const spec = BUNDLE_FILES["orders.csv"] as FileSpec;
  const orders = new Map<string, { value: Record<string, unknown>; rows: Row[] }>();
  for (const row of rows) {
    const id = row.record.order ?? "";
    const found = orders.get(id);
    const line = valuesOf(row, spec, map.cells, ORDER_FIELDS);
    if (map.generateLineNumbers) line.line = (found?.rows.length ?? 0) + 1;
    if (found === undefined) {
      // The order's own fields, from its first row; column `order` is its `id`.
      const value: Record<string, unknown> = {};
      const fields = valuesOf(
        row,
        { ...spec, columns: pick(spec.columns, ORDER_FIELDS) },
        map.cells,
      );
      for (const [field, cell] of Object.entries(fields))
        value[field === "order" ? "id" : field] = cell;
      value.lines = [line];
      orders.set(id, { value, rows: [row] });
      continue;
    }
    const first = found.rows[0] as Row;
    for (const field of ["franchisee", "orderedOn", "shipComplete"] as const) {
      const mine = row.record[field] ?? "";
      const theirs = first.record[field] ?? "";
      if (mine !== "" && mine !== theirs) {
        problems.push({
          where: placeOf(table, row, field),
          message: `${JSON.stringify(mine)} differs from the first row of order ${JSON.stringify(id)} (${lineOf(table, first)}: ${JSON.stringify(theirs)})`,
        });
      }
    }
    (found.value.lines as unknown[]).push(line);
    found.rows.push(row);
  }
  return [...orders.values()];
}

/** `line 10` (CSV) or `row 10` (sheet): how the first row of an order is named beside another. */
function lineOf(table: SourceTable, row: Row): string {
  return table
    .where(row.source.at)
    .slice(table.name.length)
    .replace(/^,?\s*/, "");
}

function pick<T>(record: Readonly<Record<string, T>>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(
    keys.filter((key) => Object.hasOwn(record, key)).map((key) => [key, record[key] as T]),
  );
}
