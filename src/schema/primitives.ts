import { z } from "zod";
import { isIsoDate } from "../domain/dates.js";
import { AMOUNT_RULE, isCurrencyCode, readAmount } from "../domain/money.js";

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

/** A non-empty id: any string, `__proto__` included (SPEC §7). */
export const id = z.string().min(1, "must be a non-empty id");

/** R-UNIT-3: an existing calendar date `YYYY-MM-DD`. */
export const isoDate = z
  .string()
  .refine(isIsoDate, { message: "must be an existing calendar date written YYYY-MM-DD" });

/** R-UNIT-1: whole units from 0 to {@link MAX_QUANTITY}. */
export const quantity = z
  .int("must be a whole number of units")
  .min(0, "must not be negative")
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

/** R-UNIT-1: whole units from 1: what an event moves. */
export const units = z
  .int("must be a whole number of units")
  .min(1, "must move at least one unit")
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

/** An order line number. */
export const lineNumber = z.int("must be a positive integer").min(1, "must be a positive integer");

/** R-UNIT-2: an amount, a decimal string or a finite number, checked where it stands. */
export const amount = z
  .union([z.string(), z.number()], {
    error: 'must be a decimal string such as "1299.50" or a finite number',
  })
  .refine((value) => readAmount(value) !== undefined, {
    error: (issue) => `${AMOUNT_RULE}, got ${JSON.stringify(issue.input)}`,
  });

/** R-UNIT-2: one ISO 4217 currency per input, `CNY` by default. */
export const currency = z
  .string()
  .refine(isCurrencyCode, { message: "must be an ISO 4217 currency code such as CNY" })
  .default("CNY");
