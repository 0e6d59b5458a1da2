import type ExcelJS from "exceljs";
import type { BundleSource } from "../bundle/bundle.js";
import { BUNDLE_FILES } from "../bundle/files.js";
import type { SourceRow, SourceTable } from "../bundle/table.js";
import { CliError, EXIT } from "./io.js";

/*
 * A workbook as a bundle: one sheet per bundle file, named as the file with or
 * without `.csv` in any case (`orders`, `Orders.csv`), or as a column mapping's
 * `from` names it; an optional sheet `wave` holds the settings, one per row
 * (`setting`, `value`: `asOf` 2026-03-01, `currency` CNY, `policy` as JSON).
 * Every problem names the workbook, the sheet, the row and the column (its
 * letter and header), as a CSV bundle's name the file, the line and the column.
 */

/** The sheet of a workbook's settings. */
export const SETTINGS_SHEET = "wave";

/**
 * The bundle source of a workbook's bytes (`name`: the file, as problems name it).
 * Ends the command with exit code 1 when the bytes are not a workbook.
 */
export async function workbookSource(bytes: Uint8Array, name: string): Promise<BundleSource> {
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new CliError(
      `${name} is not an .xlsx workbook: ${(error as Error).message}`,
      EXIT.invalid,
    );
  }
  const tables = new Map<string, SourceTable | string>();
  const sheetOf = new Map<string, string>(); // bundle file → the sheet read as it
  let settings: BundleSource["settings"];
  for (const sheet of book.worksheets) {
    if (sheet.name.toLowerCase() === SETTINGS_SHEET) {
      settings = readSettings(sheet, name);
      continue;
    }
    const file = bundleFileOf(sheet.name);
    const earlier = sheetOf.get(file);
    sheetOf.set(file, sheet.name);
    tables.set(
      file,
      earlier === undefined
        ? sheetTable(sheet, name)
        : `sheets "${earlier}" and "${sheet.name}" are both ${file}`,
    );
  }
  return {
    kind: "workbook",
    names: [...tables.keys()],
    table: (file) => tables.get(file) ?? `no sheet ${file}`,
    place: (file) => `${name}, sheet ${sheetOf.get(file) ?? file}`,
    ...(settings === undefined ? {} : { settings }),
  };
}

/** The bundle file a sheet is (`Orders` → `orders.csv`), else the sheet's own name. */
function bundleFileOf(sheet: string): string {
  const lower = sheet.toLowerCase().replace(/\.csv$/, "");
  return Object.keys(BUNDLE_FILES).find((file) => file.toLowerCase() === `${lower}.csv`) ?? sheet;
}

/** A sheet as a table: its first non-empty row the header, then every non-empty row. */
function sheetTable(sheet: ExcelJS.Worksheet, book: string): SourceTable | string {
  let header: string[] | undefined;
  let headerRow = 1;
  const rows: SourceRow[] = [];
  let beyond: string | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values: string[] = [];
    const plain = new Set<number>();
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = shownText(cell);
      // A typed number or date is written as the contract writes it, whatever the mapping's formats.
      if (typeof cell.value === "number" || cell.value instanceof Date) plain.add(column - 1);
    });
    for (let index = 0; index < values.length; index++) values[index] ??= "";
    if (values.every((cell) => cell === "")) return;
    if (header === undefined) {
      header = trimEnd(values);
      headerRow = number;
      return;
    }
    const extra = values.findIndex((cell, index) => index >= (header?.length ?? 0) && cell !== "");
    if (extra >= 0 && beyond === undefined)
      beyond = `row ${number} has a value in column ${letter(extra)}, right of the header`;
    rows.push({ at: number, cells: values.slice(0, header.length), plain });
  });
  if (beyond !== undefined) return beyond;
  const names = header ?? [];
  const place = `${book}, sheet ${sheet.name}`;
  return {
    name: place,
    header: names,
    rows,
    where: (at, column) => {
      const row = `${place}, row ${at ?? headerRow}`;
      return column === undefined ? row : `${row}, column ${letter(column)} (${names[column]})`;
    },
  };
}

/** The settings sheet: `setting`, `value` rows; a value starting with `{` or `[` is JSON. */
function readSettings(sheet: ExcelJS.Worksheet, book: string): BundleSource["settings"] {
  const where = `${book}, sheet ${sheet.name}`;
  const value: Record<string, unknown> = {};
  let problem: string | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const [key = "", cell = ""] = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    if (number === 1 && key.toLowerCase() === "setting") return;
    if (key === "") return;
    if (/^[[{]/.test(cell)) {
      try {
        Object.defineProperty(value, key, {
          value: JSON.parse(cell),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } catch (error) {
        problem ??= `row ${number}, ${key}: not valid JSON: ${(error as Error).message}`;
      }
      return;
    }
    Object.defineProperty(value, key, {
      value: cell,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  return problem === undefined ? { where, value } : { where, problem };
}

function trimEnd(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return cells.slice(0, end);
}

/**
 * A cell as the text a CSV file would hold: a number with the places its
 * format shows (`#,##0.00`: 159 → `159.00`, as a CSV export writes an amount)
 * when that loses no digit, else as it is; dates as ISO dates.
 */
function shownText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  const places = /\.(0+)/.exec(cell.numFmt ?? "")?.[1]?.length;
  if (typeof value === "number" && places !== undefined && Number.isFinite(value)) {
    const fixed = value.toFixed(places);
    if (Number(fixed) === value) return fixed;
  }
  return cellText(value);
}

/** A cell's value as the text a CSV file would hold: numbers as written, dates as ISO dates. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return isoOf(value);
  if ("richText" in value)
    return value.richText
      .map((part) => part.text)
      .join("")
      .trim();
  if ("formula" in value || "sharedFormula" in value)
    return cellText(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text).trim();
  if ("error" in value) return String(value.error);
  return "";
}

/**
 * A date cell as its calendar date, `2026-02-10`: exceljs gives the cell's wall
 * time as a UTC instant, so its UTC date is the date the sheet shows (a time
 * of day, as in an order's datetime, is left out: the input's dates are days).
 */
function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A column's letter: 0 → A, 25 → Z, 26 → AA. */
function letter(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
