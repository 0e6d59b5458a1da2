import * as z from "zod";
import { isIsoDate } from "../domain/dates.js";
import { RULE, type RuleId } from "../domain/rules.js";
import { LIMITS, SELLING_SEASONS } from "../domain/vocabulary.js";

/*
 * The field schemas the plan's rows and decisions share (planWire.ts,
 * planTrace.ts): the plan writes plain JSON, so these describe what it
 * writes, not what an input may hold.
 */

/** A list in the plan: read-only, like the plan's own arrays. */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/**
 * `schema`, typed by the name of its output, so a type that holds it shows the
 * name (`readonly FranchiseeAllocation[]`) rather than every field over again.
 * Only the type changes: `T` must be what `schema` yields.
 */
export const named = <T>(schema: z.ZodType<T>): z.ZodType<T> => schema;

/**
 * A date in the plan: checked like an input date, but typed a plain `string`
 * as the plan types it (the input's `isoDate` narrows to the `IsoDate` brand).
 */
export const planDate = z.string().refine((text): boolean => isIsoDate(text), {
  message: "must be an existing calendar date written YYYY-MM-DD",
});

/** Units in a plan row or decision: a whole number, 0 or more. */
export const units = z.int().min(0);
/** A place in an order, 1 first. */
export const rank = z.int().min(1);
/** Money in the plan: always a plain non-negative decimal string (R-UNIT-2). */
export const decimal = z
  .string()
  .regex(/^\d+(?:\.\d+)?$/, 'must be a decimal string such as "1299.50"');

export const sellingSeason = z.enum(SELLING_SEASONS);
export const ruleIds = list(named<RuleId>(z.enum(RULE))).describe(
  "The rules that decided this quantity.",
);
export const limit = z.enum(LIMITS);

/**
 * What held a demand below what it asked for at one decision: `none` (it got
 * all of it), `stock`, `funds` (its franchisee's money), or `lock-blocked`
 * (its line may not be locked in this run).
 *
 * @useDeclaredType
 */
export type Limit = z.output<typeof limit>;
