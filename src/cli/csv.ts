import type { AllocationPlan } from "../index.js";
import { CliError, EXIT } from "./io.js";

/*
 * CSV output: RFC 4180 fields, made safe for spreadsheets, and the plan's lists
 * as one CSV written row by row (R-SCALE-2: never one string of the whole plan).
 */

/**
 * The columns of `--format csv`: `section` (the plan's list the row comes
 * from), then the union of the fields of every list, named as in the plan's
 * JSON. A row leaves the fields its list does not have empty. The trace is
 * not in the CSV (`--format json` has it).
 */
export const CSV_COLUMNS = [
  "section",
  "kind",
  "id",
  "order",
  "line",
  "franchisee",
  "store",
  "region",
  "sku",
  "quantity",
  "unitPrice",
  "amount",
  "cash",
  "credit",
  "source",
  "lockedOn",
  "expiresOn",
  "isNew",
  "lockBlockedUntil",
  "convertedInGrace",
  "reason",
  "spendableBefore",
  "committedBefore",
  "cashCommitted",
  "creditCommitted",
  "cashAfter",
  "creditAvailableAfter",
  "payBefore",
  "locks",
  "code",
  "committedCash",
  "committedCredit",
  "season",
  "message",
] as const;

/** A CSV cell's value: numbers and booleans as they are, text made spreadsheet-safe. */
export type CsvValue = string | number | boolean | undefined;

/** A decimal number written as text: an exact amount of the plan (`3168.00`, `-12.5`). */
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** What a spreadsheet reads as the start of a formula (or strips before one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. A text cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'`, so that a spreadsheet shows it as text
 * instead of running it as a formula (`=HYPERLINK(…)` in an id); then a field
 * holding a comma, a quote or a line break is quoted (RFC 4180). Numbers and
 * booleans are written as they are, and so is a `numeric` cell (a money
 * column) that is a decimal number: amounts stay numbers, a negative one
 * included.
 *
 * @param value the cell; `undefined` is an empty field
 * @param numeric whether the column holds exact amounts written as decimal strings
 * @returns the field as written between commas
 * @example
 * ```ts
 * import { csvField } from "./csv.js";
 * csvField("=HYPERLINK(\"x\")"); // "\"'=HYPERLINK(\"\"x\"\")\""
 * csvField("-1"); // "'-1"
 * csvField(-1); // "-1"
 * csvField("-12.50", true); // "-12.50"
 * csvField("a,b"); // "\"a,b\""
 * ```
 */
export function csvField(value: CsvValue, numeric = false): string {
  if (value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) && !(numeric && DECIMAL.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The lines of a CSV (each ending in `\n`): the header, then one line per
 * row, read one at a time; `numeric` names the columns of exact amounts.
 *
 * @example
 * ```ts
 * import { csvLines } from "./csv.js";
 * [...csvLines(["a", "b"], [{ a: "=1", b: 2 }], new Set())]; // ["a,b\n", "'=1,2\n"]
 * ```
 */
export function* csvLines<C extends string>(
  columns: readonly C[],
  rows: Iterable<Partial<Record<C, CsvValue>>>,
  numeric: ReadonlySet<string>,
  onRow: () => void = () => {},
): Generator<string> {
  yield `${columns.join(",")}\n`;
  const isNumeric = columns.map((column) => numeric.has(column));
  for (const row of rows) {
    let line = "";
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index] as C;
      line += `${index === 0 ? "" : ","}${csvField(row[column], isNumeric[index])}`;
    }
    yield `${line}\n`;
    onRow();
  }
}

/** The plan's columns of exact amounts (decimal strings). */
export const MONEY_COLUMNS: ReadonlySet<string> = new Set([
  "unitPrice",
  "amount",
  "cash",
  "credit",
  "spendableBefore",
  "committedBefore",
  "cashCommitted",
  "creditCommitted",
  "cashAfter",
  "creditAvailableAfter",
]);

/** A plan's lists: what the CSV writes (the trace never is). */
export type PlanLists = Omit<AllocationPlan, "trace">;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], CsvValue>>;

/** The plan's rows, section by section, in the plan's order. */
function* planRows(plan: PlanLists): Generator<CsvRow> {
  const lists: [string, readonly object[]][] = [
    ["franchiseeAllocations", plan.franchiseeAllocations],
    ["locks", plan.locks],
    ["releasedLocks", plan.releasedLocks],
    ["storeAllocations", plan.storeAllocations],
    ["regionAllocations", plan.regionAllocations],
    ["unfilled", plan.unfilled],
    ["remaining", plan.remaining],
    ["balances", plan.balances],
  ];
  for (const [section, list] of lists) {
    for (const item of list) yield { section, ...(item as CsvRow) };
  }
  // A payment request's lock ids, joined by spaces (ids rarely hold one).
  for (const request of plan.paymentRequests) {
    yield { section: "paymentRequests", ...request, locks: request.locks.join(" ") };
  }
  for (const warning of plan.warnings) yield { section: "warnings", ...(warning as CsvRow) };
}

/**
 * The plan's lists as one CSV (RFC 4180, `\n` line ends), in the plan's
 * order, line by line: the header, then a line per row of every list;
 * `onRow` is called after each row's line.
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * import { planCsvLines } from "./csv.js";
 * [...planCsvLines(allocate({ asOf: "2026-03-01" }))].length; // 1
 * ```
 */
export function planCsvLines(plan: PlanLists, onRow?: () => void): Generator<string> {
  return csvLines(CSV_COLUMNS, planRows(plan), MONEY_COLUMNS, onRow);
}

/** `--bom` and `--no-bom`: whether a CSV starts with a UTF-8 byte-order mark. */
export const BOM_OPTIONS = {
  bom: { type: "boolean" },
  "no-bom": { type: "boolean" },
} as const;

/**
 * Whether a CSV gets a byte-order mark: `--bom` or `--no-bom` when given, else
 * yes for a file (so that Excel opens Chinese text as UTF-8) and no on stdout
 * (where a pipe reads it).
 *
 * @example
 * ```ts
 * import { wantsBom } from "./csv.js";
 * wantsBom({}, "plan.csv"); // true
 * wantsBom({}, undefined); // false
 * wantsBom({ "no-bom": true }, "plan.csv"); // false
 * ```
 */
export function wantsBom(
  values: { readonly bom?: boolean | undefined; readonly "no-bom"?: boolean | undefined },
  out: string | undefined,
): boolean {
  if (values.bom === true && values["no-bom"] === true)
    throw new CliError("--bom and --no-bom cannot both be given", EXIT.usage);
  return values.bom === true || (values["no-bom"] !== true && out !== undefined);
}

/** The chunks of a CSV, after a UTF-8 byte-order mark when `bom`. */
export function* withBom(chunks: Iterable<string>, bom: boolean): Generator<string> {
  if (bom) yield "\uFEFF";
  yield* chunks;
}
