/** One problem found in an input, at its JSON path (SPEC §7). */
export interface Issue {
  /** Where the problem is, from the root of the input: `["orders", 3, "lines", 0, "sku"]`. */
  readonly path: readonly (string | number)[];
  /** What is wrong, in a sentence a person can act on. */
  readonly message: string;
}

/**
 * The one error every fenhuo entry point throws for bad input (SPEC §7). It
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
 * Writes a JSON path the way a person reads it: `orders[3].lines[0].sku`.
 *
 * @example
 * ```ts
 * import { formatPath } from "fenhuo";
 * formatPath(["orders", 3, "lines", 0, "sku"]); // "orders[3].lines[0].sku"
 * ```
 */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(input)";
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/** The result of a parse that does not throw: `ok` with a value, or not `ok` with issues. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly value?: never };
