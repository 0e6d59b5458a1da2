import { type CellFormat, PLAIN_CELLS, readCell } from "./cells.js";
import { BUNDLE_FILES, type FileSpec } from "./files.js";
import type { FileMapping } from "./mapping.js";
import { didYouMean, nearest } from "./suggest.js";
import type { SourceRow, SourceTable } from "./table.js";

/*
 * The rows of one export table read as one bundle file (bundle.ts puts the
 * files together): its headers matched to the bundle's columns through the
 * mapping, constants and fill-down applied, each cell read in the file's
 * formats, orders grouped from their lines — and where each value came from.
 */

/** A problem of the bundle itself (a file, a column, a row), before any validation of the input. */
export interface BundleProblem {
  /** Where: `orders.csv`, `orders.csv line 4, column Qty`, `wave.json`. */
  readonly where: string;
  readonly message: string;
}

/** A row of a table read as bundle columns. */
export interface Row {
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

/** `orders.csv line 9, column Qty`: a row and a bundle column, named by the export's own column. */
export function placeOf(table: SourceTable, row: Row, column: string | undefined): string {
  if (column === undefined) return table.where(row.source.at);
  const index = row.columns.get(column);
  if (index !== undefined) return table.where(row.source.at, index);
  const made = row.made.get(column);
  return made === undefined ? table.where(row.source.at) : `${table.where(row.source.at)}, ${made}`;
}

/** `(did you mean "sku"? expected sku and quantity)`, or `(expected sku and quantity)`. */
export function hint(
  typed: string,
  candidates: readonly string[],
  expected: readonly string[],
): string {
  const near = nearest(typed, candidates);
  return `(${near === undefined ? "" : `did you mean "${near}"? `}expected ${listOf(expected)})`;
}

export function listOf(names: readonly string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * The rows of one table read as the bundle file `spec`, through its mapping,
 * or `undefined` when the table cannot be read as it (unknown or missing
 * columns): its problems are listed. Headers match the bundle's columns (or
 * the mapping's export columns) in any case.
 */
export function readTable(
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
export function valuesOf(
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

export const ORDER_FIELDS = ["order", "franchisee", "orderedOn", "shipComplete"] as const;

/**
 * orders.csv has one row per order line: rows are grouped into orders by the
 * `order` column, in the order each order first appears. The order's
 * franchisee, date and `shipComplete` (R-COMPLETE) come from its first row; a
 * later row may leave them empty, and one that differs is a problem. With
 * `generateLineNumbers`, an order's lines are numbered 1, 2, 3 … in file order.
 */
export function groupOrders(
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
