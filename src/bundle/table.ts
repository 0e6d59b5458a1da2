import { parse } from "csv-parse/sync";

/*
 * A table of an export as the bundle reads it: a header, rows of text cells,
 * and how a problem names a row and a column of it — `orders.csv line 9,
 * column sku` for a CSV file, `wave.xlsx, sheet orders, row 9, column E (sku)`
 * for a sheet of a workbook.
 */

/** A row of a table: where it starts and its cells, one per header column. */
export interface SourceRow {
  /** The line (CSV) or row (sheet) where the row starts. */
  readonly at: number;
  readonly cells: readonly string[];
  /**
   * The columns (indexes) whose cell is already written as the JSON contract
   * writes it — a workbook's typed number or date cell — and so is not read
   * in the mapping's formats.
   */
  readonly plain?: ReadonlySet<number>;
}

/** One file of an export, or one sheet of a workbook, read. */
export interface SourceTable {
  /** The file (or workbook and sheet) as a problem names it. */
  readonly name: string;
  /** The header's cells, trimmed. */
  readonly header: readonly string[];
  readonly rows: readonly SourceRow[];
  /** Where a row (the header when `at` is undefined) and a column (an index of `header`) are. */
  readonly where: (at: number | undefined, column?: number) => string;
}

/**
 * The table of a CSV file's text (RFC 4180; a UTF-8 byte-order mark ignored;
 * cells trimmed; empty lines skipped), or the reason it cannot be read.
 *
 * @example
 * ```ts
 * import { csvTable } from "./table.js";
 * const table = csvTable("supply.csv", "sku;quantity\nX;3\n", ";");
 * typeof table === "string" ? table : table.where(table.rows[0]?.at, 1); // "supply.csv line 2, column quantity"
 * ```
 */
export function csvTable(name: string, text: string, delimiter = ","): SourceTable | string {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      delimiter,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (error) {
    return `not a readable CSV file: ${(error as Error).message}`;
  }
  const [first, ...body] = records;
  const header = first?.record ?? [];
  const headerLine = first?.info.lines ?? 1;
  // A row starts on the line after the previous row ends, skipping empty lines.
  let previousEnd = first?.info.lines ?? 1;
  let previousEmpty = first?.info.empty_lines ?? 0;
  const rows = body.map(({ record, info }) => {
    const at = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    return { at, cells: record };
  });
  return {
    name,
    header,
    rows,
    where: (at, column) => {
      const place = `${name} line ${at ?? headerLine}`;
      if (column === undefined) return place;
      return `${place}, column ${header[column] || `${column + 1} (no header)`}`;
    },
  };
}
