import * as z from "zod";
import type { Result } from "./issues.js";
import { check } from "./zodIssues.js";

/*
 * The shape of a column mapping (`fenhuo … --map mapping.json|yaml`): how the
 * files of an ERP's export become the files of a bundle. Only the shape is
 * checked here; that its files and fields are the bundle's own, with
 * did-you-mean suggestions, is checked by `parseColumnMapping`
 * (src/bundle/mapping.ts), which knows the bundle's files.
 */

/**
 * The date formats a column mapping may name. `YYYY-MM-DD HH:mm:ss` reads the
 * date part of a datetime as written (an ERP's local time; a `T` between date
 * and time is read too); the others are calendar dates. Impossible dates
 * (`31.02.2026`) are refused by the Temporal calendar, never rolled over.
 *
 * @example
 * ```ts
 * import { DATE_FORMATS } from "fenhuo";
 * DATE_FORMATS; // ["YYYY-MM-DD", "YYYY-MM-DD HH:mm:ss", "YYYYMMDD", "DD.MM.YYYY"]
 * ```
 */
export const DATE_FORMATS = [
  "YYYY-MM-DD",
  "YYYY-MM-DD HH:mm:ss",
  "YYYYMMDD",
  "DD.MM.YYYY",
] as const;
/** See {@link DATE_FORMATS}. */
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The decimal separators a mapping may name. */
export const DECIMAL_SEPARATORS = [".", ","] as const;
/** The thousands separators a mapping may name (`""`: none). */
export const THOUSANDS_SEPARATORS = ["", ",", ".", " ", "'"] as const;

/** How the cells of a file are written; given for every file or per file. */
const cellFormat = {
  /** The separator of the file's fields: `,` unless given (`;` and a tab are common in SAP exports). */
  delimiter: z.enum([",", ";", "\t", "|"]).optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  decimal: z.enum(DECIMAL_SEPARATORS).optional(),
  thousands: z.enum(THOUSANDS_SEPARATORS).optional(),
  /** Columns neither mapped, ignored nor the bundle's own are left out instead of refused. */
  ignoreUnknown: z.boolean().optional(),
};

const fileMapping = z.strictObject({
  ...cellFormat,
  /** The export's file (or, in a workbook, sheet) this bundle file is read from. */
  from: z.string().min(1, "must name a file").optional(),
  /** Export column → bundle column. Headers match case-insensitively. */
  columns: z.record(z.string(), z.string().min(1, "must name a column")).optional(),
  /** Bundle column → the value every row has. */
  constants: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Export columns left out. */
  ignore: z.array(z.string()).optional(),
  /** Bundle columns whose empty cells take the value of the row above (continuation rows). */
  fillDown: z.array(z.string()).optional(),
  /** orders.csv: number each order's lines 1, 2, 3 … in file order (the export has none). */
  generateLineNumbers: z.boolean().optional(),
});

const columnMapping = z.strictObject({
  /** What the mapping is for, for the people who read it. */
  description: z.string().optional(),
  ...cellFormat,
  files: z.record(z.string(), fileMapping),
});

/** A column mapping's shape, as parsed (see `parseColumnMapping`). */
export type ColumnMappingShape = z.output<typeof columnMapping>;
/** One file's part of a column mapping. */
export type FileMappingShape = z.output<typeof fileMapping>;

/** A mapping of the right shape, or every problem of its shape with its path. */
export function parseMappingShape(input: unknown): Result<ColumnMappingShape> {
  return check(columnMapping, input);
}
