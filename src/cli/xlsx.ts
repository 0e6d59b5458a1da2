import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import { currencyMinorDigits } from "../domain/money.js";
import { PLAN_LISTS } from "../schema/madeShapes.js";
import { MONEY_COLUMNS } from "./csv.js";
import { CliError, EXIT, type Io } from "./io.js";
import { displayWidth } from "./table.js";

/*
 * `--format xlsx`: a workbook with one sheet per list, written row by row by
 * exceljs' streaming writer (a big plan is never a workbook in memory). The
 * header row is frozen; numbers are numbers; money columns are numbers shown
 * with the currency's places when the decimal has at most 15 significant
 * digits (what a spreadsheet holds exactly), else text; ids stay text. A text
 * cell is a typed string cell, never a formula, so one that starts like a
 * formula (=, +, -, @) is inert as it is and keeps its value.
 * Columns are as wide as their widest cell, CJK counted double.
 */

/** A sheet: its name and its rows (plain objects; nested objects become dotted columns). */
export interface SheetSource {
  readonly name: string;
  readonly rows: readonly object[];
}

/** A row as dotted columns: `{ a: { allocated: 1 } }` → `{ "a.allocated": 1 }`. */
export function flatten(
  row: object,
  prefix = "",
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      flatten(value, name, out);
    else out[name] = value;
  }
  return out;
}

/** Whether a (dotted) column holds money: its last part is a money field. */
export function isMoneyColumn(column: string): boolean {
  return MONEY_COLUMNS.has(leaf(column));
}

/** The last part of a dotted column: what decides whether it holds money. */
function leaf(column: string): string {
  const dot = column.lastIndexOf(".");
  return dot < 0 ? column : column.slice(dot + 1);
}

/** A money text as a number when a spreadsheet holds it exactly (≤ 15 significant digits). */
function moneyCell(text: string): number | string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const digits = text.replace(/^-/, "").replace(".", "").replace(/^0+/, "");
  return digits.length <= 15 ? Number(text) : text;
}

function cellOf(column: string, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.join(", ");
  const text = String(value);
  return MONEY_COLUMNS.has(leaf(column)) ? moneyCell(text) : text;
}

/** The number format of money cells: `digits` places, thousands grouped. */
function moneyFormat(digits: number): string {
  return digits === 0 ? "#,##0" : `#,##0.${"0".repeat(digits)}`;
}

/**
 * The workbook of `sheets` as the bytes of an .xlsx file, in chunks as the
 * writer makes them: hand them to `sink` (which writes them out) while the
 * rows are still being added.
 */
export async function writeWorkbook(
  sheets: readonly SheetSource[],
  moneyDigits: number,
  sink: (chunks: AsyncIterable<Uint8Array>) => Promise<void>,
): Promise<void> {
  // Loaded only for a workbook: every other command starts without it.
  const { default: excel } = await import("exceljs");
  const stream = new PassThrough();
  const written = sink(stream);
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  for (const sheet of sheets) {
    const rows = sheet.rows.map((row) => flatten(row));
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.add(key);
          columns.push(key);
        }
      }
    }
    const widths = columns.map((column) => displayWidth(column));
    for (const row of rows) {
      columns.forEach((column, k) => {
        const value = row[column];
        const width = value === undefined ? 0 : displayWidth(String(value));
        if (width > (widths[k] as number)) widths[k] = width;
      });
    }
    const worksheet = workbook.addWorksheet(sheet.name, {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    worksheet.columns = columns.map((column, k) => ({
      header: column,
      key: column,
      width: Math.min(80, (widths[k] as number) + 2),
      ...(MONEY_COLUMNS.has(leaf(column)) ? { style: { numFmt: moneyFormat(moneyDigits) } } : {}),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of rows) {
      worksheet.addRow(columns.map((column) => cellOf(column, row[column]))).commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
  await written;
}

/**
 * Writes `sheets` as the workbook `out` through `io`; `--format xlsx` needs
 * `--out` (a workbook is not for a terminal).
 */
export async function writeXlsx(
  io: Io,
  command: string,
  out: string | undefined,
  sheets: readonly SheetSource[],
  currency: string,
): Promise<void> {
  if (out === undefined)
    throw new CliError(
      `${command}: --format xlsx writes a workbook: give --out <file.xlsx>\nRun "fenhuo ${command} --help" for usage.`,
      EXIT.usage,
    );
  await writeWorkbook(sheets, currencyMinorDigits(currency), (chunks) =>
    io.writeBytes(out, chunks),
  );
}

/** A plan's lists as sheets, in the contract's order; the trace stays in the JSON. */
export function planSheets(plan: Readonly<Record<string, unknown>>): SheetSource[] {
  return PLAN_LISTS.filter((list) => list !== "trace").map((name) => ({
    name,
    rows: (plan[name] as readonly object[] | undefined) ?? [],
  }));
}
