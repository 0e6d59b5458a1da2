import type { Decimal } from "decimal.js";
import * as z from "zod";
import { type IsoDate, isIsoDate } from "../domain/dates.js";
import { AMOUNT_RULE, isCurrencyCode, readAmount } from "../domain/money.js";
import { DEFAULT_CURRENCY } from "../domain/policy.js";

/*
 * The field schemas every JSON contract of fenhuo shares (R-UNIT-1..3), so that
 * an id, a date, a quantity or an amount is read the same way everywhere.
 */

/**
 * The largest quantity a field may hold (2³¹ − 1, R-UNIT-1): sums over millions
 * of lines stay exact integers.
 *
 * @example
 * ```ts
 * import { MAX_QUANTITY } from "fenhuo";
 * MAX_QUANTITY; // 2147483647
 * ```
 */
export const MAX_QUANTITY = 2_147_483_647;

/** A non-empty id: any string, `__proto__` included. */
export const id = z.string().min(1, "must be a non-empty id");

/** The message of a date that is not one (R-UNIT-3). */
export const DATE_RULE = "must be an existing calendar date written YYYY-MM-DD";

/** R-UNIT-3: an existing calendar date `YYYY-MM-DD`, typed {@link IsoDate}. */
export const isoDate = z
  .string({
    error: (issue) => (issue.input === undefined ? "is required" : DATE_RULE),
  })
  .refine((text): text is IsoDate => isIsoDate(text), {
    message: DATE_RULE,
    params: { code: "invalid_date" },
  });

const wholeUnits = "must be a whole number of units";

/** R-UNIT-1: whole units from `min` to {@link MAX_QUANTITY}; `why` says why not fewer. */
export const unitsFrom = (min: number, why: string) =>
  z
    .int({ error: (issue) => (issue.input === undefined ? "is required" : wholeUnits) })
    .min(min, why)
    .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

/** R-UNIT-1: whole units from 0 to {@link MAX_QUANTITY}. */
export const quantity = unitsFrom(0, "must not be negative");

/** R-UNIT-1: whole units from 1: what an event moves. */
export const units = unitsFrom(1, "must move at least one unit");

/** An order line number. */
export const lineNumber = z
  .int({
    error: (issue) => (issue.input === undefined ? "is required" : "must be a positive integer"),
  })
  .min(1, "must be a positive integer");

/**
 * R-UNIT-2: an amount as written, a decimal string or a finite number,
 * checked where it stands and kept as given (for data fenhuo stores as JSON).
 */
export const amountText = z
  .union([z.string(), z.number()], {
    error: (issue) =>
      issue.input === undefined
        ? "is required"
        : 'must be a decimal string such as "1299.50" or a finite number',
  })
  .refine((value) => readAmount(value) !== undefined, {
    error: (issue) => `${AMOUNT_RULE}, got ${JSON.stringify(issue.input)}`,
    params: { code: "invalid_amount" },
  });

/** R-UNIT-2: an amount, checked as {@link amountText} and read into an exact Decimal. */
export const amount = amountText.transform((value): Decimal => readAmount(value) as Decimal);

/**
 * R-UNIT-2: an amount kept as text, for data fenhuo stores as JSON: a string
 * as written, a number as its plain digits, never in exponent notation.
 *
 * @example
 * ```ts
 * import { receiveOrder } from "fenhuo";
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: 1e-7 }] },
 *   { by: "sales:li", at: "2026-02-10T09:00:00+08:00" },
 * );
 * order.lines[0]?.unitPrice; // "0.0000001"
 * ```
 */
export const amountString = amountText.transform((value): string =>
  typeof value === "string" ? value : (readAmount(value) as Decimal).toString(),
);

/** R-UNIT-2: an amount above zero, as a Decimal. */
export const positiveAmount = amount.refine((value) => !value.isZero(), {
  message: "must be more than zero",
  params: { code: "too_small" },
});

/** R-UNIT-2: one ISO 4217 currency per input, `CNY` by default. */
export const currency = z
  .string()
  .refine(isCurrencyCode, {
    message: "must be an ISO 4217 currency code such as CNY",
    params: { code: "invalid_currency" },
  })
  .default(DEFAULT_CURRENCY);
