import { Temporal } from "temporal-polyfill";
import type {
  DateFormat,
  DECIMAL_SEPARATORS,
  THOUSANDS_SEPARATORS,
} from "../schema/mappingWire.js";
import type { Kind } from "./files.js";

/*
 * How one cell of an export becomes a field of the input: numbers and amounts
 * with the export's decimal and thousands separators, dates in the export's
 * format (R-UNIT-3: the input's dates are ISO calendar dates). A cell that is
 * not of its column's kind stays text, for validation to reject with its path;
 * a date that is not of the mapping's format is a problem of its own.
 */

/** How the cells of one file are written. */
export interface CellFormat {
  readonly dateFormat: DateFormat;
  readonly decimal: (typeof DECIMAL_SEPARATORS)[number];
  readonly thousands: (typeof THOUSANDS_SEPARATORS)[number];
}

/** The format of a file without a mapping: ISO dates, `.` decimals, no thousands separator. */
export const PLAIN_CELLS: CellFormat = { dateFormat: "YYYY-MM-DD", decimal: ".", thousands: "" };

/** A cell read: its value, or why it could not be read (then the field is left to the caller). */
export type CellRead = { readonly value: unknown } | { readonly problem: string };

/**
 * A cell as its column's kind reads it in `format`. A number or amount that is
 * not written as one stays text, to be rejected by validation with its path.
 *
 * @example
 * ```ts
 * import { readCell } from "./cells.js";
 * const sap = { dateFormat: "DD.MM.YYYY", decimal: ",", thousands: "." } as const;
 * readCell("money", "1.299,00", sap); // { value: "1299.00" }
 * readCell("number", "10,000", sap); // { value: 10 }
 * readCell("date", "10.02.2026", sap); // { value: "2026-02-10" }
 * ```
 */
export function readCell(kind: Kind, cell: string, format: CellFormat): CellRead {
  switch (kind) {
    case "number":
    case "money": {
      // Plain cells are the contract's as written: validation reads them.
      const plain = format.decimal === "." && format.thousands === "";
      if (plain && kind === "money") return { value: cell };
      const text = decimalText(cell, format);
      if (text !== undefined) return { value: kind === "number" ? Number(text) : text };
      return plain ? { value: cell } : { problem: notWritten(cell, format) };
    }
    case "date":
      return readDate(cell, format.dateFormat);
    case "boolean":
      return { value: cell === "true" ? true : cell === "false" ? false : cell };
    case "holdFor":
      // R-HOLD: `region:<id>` is the JSON contract's { "region": id }.
      return { value: cell.startsWith("region:") ? { region: cell.slice(7) } : cell };
    case "text":
      return { value: cell };
  }
}

/** `"1.299" is not a number written with the decimal "," and no thousands separator` */
function notWritten(cell: string, { decimal, thousands }: CellFormat): string {
  const groups =
    thousands === ""
      ? "no thousands separator"
      : `thousands separator ${JSON.stringify(thousands)}`;
  return `${JSON.stringify(cell)} is not a number written with the decimal ${JSON.stringify(decimal)} and ${groups}`;
}

/**
 * A number written with the format's separators, as plain decimal text
 * (`1.299,00` → `1299.00`), or `undefined` when the cell is not one. Thousands
 * separators must group by three; a sign and an exponent are kept.
 */
function decimalText(cell: string, { decimal, thousands }: CellFormat): string | undefined {
  const match = /^([+-]?)([0-9., ']*)([eE][+-]?\d+)?$/.exec(cell);
  if (match === null) return undefined;
  const [, sign = "", body = "", exponent = ""] = match;
  const point = body.lastIndexOf(decimal);
  const whole = point < 0 ? body : body.slice(0, point);
  const fraction = point < 0 ? "" : body.slice(point + 1);
  if (!/^\d*$/.test(fraction) || (point >= 0 && fraction === "" && whole === "")) return undefined;
  const digits =
    thousands !== "" && whole.includes(thousands)
      ? grouped(whole, thousands)
      : /^\d*$/.test(whole)
        ? whole
        : undefined;
  if (digits === undefined || (digits === "" && fraction === "")) return undefined;
  return `${sign}${digits === "" ? "0" : digits}${point < 0 ? "" : `.${fraction}`}${exponent}`;
}

/** `1,299,000` → `1299000`; `undefined` when the groups are not of three digits. */
function grouped(whole: string, separator: string): string | undefined {
  const groups = whole.split(separator);
  const [first = "", ...rest] = groups;
  if (!/^\d{1,3}$/.test(first) || rest.some((group) => !/^\d{3}$/.test(group))) return undefined;
  return groups.join("");
}

const PATTERNS: Readonly<Record<DateFormat, RegExp>> = {
  "YYYY-MM-DD": /^(\d{4})-(\d{2})-(\d{2})$/,
  "YYYY-MM-DD HH:mm:ss": /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/,
  YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
  "DD.MM.YYYY": /^(\d{2})\.(\d{2})\.(\d{4})$/,
};

/** A date cell in `format` as an ISO date; an impossible or differently written one is a problem. */
function readDate(cell: string, format: DateFormat): CellRead {
  // Without a format the cell is the contract's own ISO date: validation checks it.
  if (format === "YYYY-MM-DD") return { value: cell };
  // A datetime column may hold a bare date (an ERP leaves out midnight).
  const bare = format === "YYYY-MM-DD HH:mm:ss" && PATTERNS["YYYY-MM-DD"].test(cell);
  const match = PATTERNS[bare ? "YYYY-MM-DD" : format].exec(cell);
  if (match !== null) {
    const parts = match.slice(1).map(Number);
    const [year, month, day] =
      format === "DD.MM.YYYY" ? [parts[2], parts[1], parts[0]] : [parts[0], parts[1], parts[2]];
    try {
      const date = Temporal.PlainDate.from(
        { year: year as number, month: month as number, day: day as number },
        { overflow: "reject" },
      );
      if (format === "YYYY-MM-DD HH:mm:ss" && !bare) {
        const [hour, minute, second] = parts.slice(3) as [number, number, number];
        Temporal.PlainTime.from({ hour, minute, second }, { overflow: "reject" });
      }
      return { value: date.toString() };
    } catch {
      // An impossible date or time: the problem below names it.
    }
  }
  return { problem: `${JSON.stringify(cell)} is not a date written ${format}` };
}
