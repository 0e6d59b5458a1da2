/**
 * The stable, machine-readable kinds of problem an {@link Issue} can report
 *. A caller may branch on them; the message is for people.
 *
 * | code | the problem |
 * |---|---|
 * | `required` | a required field is missing |
 * | `invalid_type` | a value of the wrong JSON type (a string for a number, an object for a list …) |
 * | `not_integer` | a number that must be whole is not |
 * | `too_small` | below the field's minimum (a negative quantity, a lock of 0 units, an empty id …) |
 * | `too_large` | above the field's maximum, or a date that would leave the calendar |
 * | `invalid_value` | not one of the allowed values (an event `type`, a `season` …) |
 * | `invalid_date` | not an existing calendar date `YYYY-MM-DD`, or not a date-time with an offset |
 * | `invalid_amount` | not a non-negative decimal amount (R-UNIT-2) |
 * | `invalid_currency` | not an ISO 4217 currency code, or two currencies where one is allowed |
 * | `unknown_field` | a field the contract does not have (a typo is found where it is) |
 * | `unknown_reference` | an id that names nothing given (order → franchisee, line → product …) |
 * | `duplicate_key` | an id or key given twice (an order id, a line number, a SKU in supply …) |
 * | `inconsistent` | fields that contradict each other (allocated above quantity, a lock larger than its line …) |
 * | `invalid_event` | a lifecycle event its order does not allow (nothing left to move) |
 * | `unreadable` | a value that cannot be read as JSON: a getter or Proxy trap that throws, a revoked Proxy, a cycle |
 *
 * @example
 * ```ts
 * import { ISSUE_CODES } from "fenhuo";
 * ISSUE_CODES.includes("unknown_reference"); // true
 * ```
 */
export const ISSUE_CODES = [
  "required",
  "invalid_type",
  "not_integer",
  "too_small",
  "too_large",
  "invalid_value",
  "invalid_date",
  "invalid_amount",
  "invalid_currency",
  "unknown_field",
  "unknown_reference",
  "duplicate_key",
  "inconsistent",
  "invalid_event",
  "unreadable",
] as const;

/** A stable kind of problem (see {@link ISSUE_CODES}). */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A JSON path from the root of an input: `["orders", 3, "lines", 0, "sku"]`. */
export type Path = readonly (string | number)[];

/** One problem found in an input, at its JSON path. */
export interface Issue {
  /** Where the problem is, from the root of the input: `["orders", 3, "lines", 0, "sku"]`. */
  readonly path: Path;
  /** What kind of problem it is, stable across versions (see {@link ISSUE_CODES}). */
  readonly code: IssueCode;
  /** What is wrong, in a sentence a person can act on. */
  readonly message: string;
}

/**
 * An {@link Issue}, written in one call.
 *
 * @example
 * ```ts
 * import { issue } from "fenhuo";
 * issue(["orders", 0, "id"], "duplicate_key", 'duplicate order id "SO-1"').code; // "duplicate_key"
 * ```
 */
export function issue(path: Path, code: IssueCode, message: string): Issue {
  return { path, code, message };
}

/** The same issues, each under `prefix`: what a nested parse found, placed in its caller's input. */
export function under(prefix: Path, issues: readonly Issue[]): Issue[] {
  return issues.map((found) => ({ ...found, path: [...prefix, ...found.path] }));
}

/**
 * The one error every fenhuo entry point throws for bad input. It
 * lists *every* problem found, each with its JSON path; nothing was applied.
 *
 * @example
 * ```ts
 * import { allocate, InputError } from "fenhuo";
 * try {
 *   allocate({ asOf: "2026-02-30" });
 * } catch (error) {
 *   if (error instanceof InputError) error.issues[0]?.path; // ["asOf"]
 * }
 * ```
 */
export class InputError extends Error {
  override readonly name = "InputError";
  /** Every problem found: shapes first, section by section, then the checks across rows. */
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    super(summarize(issues));
    this.issues = issues;
  }
}

function summarize(issues: readonly Issue[]): string {
  const shown = issues.slice(0, 5).map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > 5 ? [`  … and ${issues.length - 5} more`] : [];
  const noun = issues.length === 1 ? "problem" : "problems";
  return [`invalid input: ${issues.length} ${noun}`, ...shown, ...more].join("\n");
}

/**
 * Writes a JSON path the way a person reads it: `orders[3].lines[0].sku`; an
 * argument's name in parentheses, `(plan)`, as itself.
 *
 * @example
 * ```ts
 * import { formatPath } from "fenhuo";
 * formatPath(["orders", 3, "lines", 0, "sku"]); // "orders[3].lines[0].sku"
 * formatPath(["(plan)", "locks", 3]); // "(plan).locks[3]"
 * ```
 */
export function formatPath(path: Path): string {
  if (path.length === 0) return "(input)";
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    // An argument's name in parentheses, as guarded entry points report it, reads as itself.
    else if (/^[A-Za-z_$][\w$]*$/.test(key) || /^\([A-Za-z]\w*\)$/.test(key))
      text += text === "" ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/**
 * What every `safe…` function and every `parse…` result of fenhuo returns: `ok`
 * with its `value`, or not `ok` with every {@link Issue} found, never both.
 * `Name` adds the value under a second, older name (`plan` for
 * `safeAllocate`, `ledger` for `safeOpenLedger`, `notices` for
 * `safeSupplyNotices`), so edition-1 callers keep working.
 *
 * @example
 * ```ts
 * import { safeAllocate } from "fenhuo";
 * const result = safeAllocate({ asOf: "2026-02-30" });
 * result.ok ? result.value.asOf : result.issues[0]?.code; // "invalid_date"
 * ```
 */
export type Result<T, Name extends string = never> =
  | ({ readonly ok: true; readonly value: T; readonly issues?: never } & {
      readonly [K in Name]: T;
    })
  | ({ readonly ok: false; readonly issues: readonly Issue[]; readonly value?: never } & {
      readonly [K in Name]?: never;
    });

/** @deprecated The edition-1 name of {@link Result}. */
export type ParseResult<T> = Result<T>;
