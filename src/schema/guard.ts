import type { z } from "zod";
import { InputError, type Issue } from "./issues.js";
import { check } from "./zodIssues.js";

/*
 * Every entry point answers garbage with its own typed
 * error, never a TypeError from inside. The one mechanism for the functions
 * that take objects fenhuo made (an order, a plan, a ledger, a calendar …):
 * each argument is checked against its shape (madeShapes.ts) before the work,
 * and — where the shape is shallow — against its full contract only if the
 * work throws anyway. A problem of an argument is reported under the
 * argument's name in parentheses: `["(plan)", "locks", 3]`.
 */

/** One argument of an entry point, and what it must look like. */
export interface Argument {
  /** The parameter's name; issues are reported under `(name)`. */
  readonly name: string;
  readonly value: unknown;
  /** Checked before the work: every field the work reads, with its JSON type. */
  readonly shape: z.ZodType;
  /** The full contract, when `shape` is shallow: read only when the work throws. */
  readonly contract?: z.ZodType;
}

/** Every problem of `args` against their shapes (or contracts), each under `(name)`. Never throws. */
export function argumentIssues(
  args: readonly Argument[],
  against: "shape" | "contract" = "shape",
): Issue[] {
  const issues: Issue[] = [];
  for (const arg of args) {
    const schema = against === "contract" ? (arg.contract ?? arg.shape) : arg.shape;
    const checked = check(schema, arg.value, [`(${arg.name})`]);
    if (!checked.ok) issues.push(...checked.issues);
  }
  return issues;
}

/**
 * `work()`, once every argument has its shape; else `refuse(issues)`, which by
 * default throws an {@link InputError}. If the work throws anything but an
 * InputError, the arguments are checked against their full contracts: what
 * that finds is refused the same way; when it finds nothing, the error is
 * fenhuo's own fault and is thrown as it is.
 */
export function guarded<R>(
  args: readonly Argument[],
  work: () => R,
  refuse: (issues: readonly Issue[]) => R = raise,
): R {
  const issues = argumentIssues(args);
  if (issues.length > 0) return refuse(issues);
  try {
    return work();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const found = argumentIssues(args, "contract");
    if (found.length > 0) return refuse(found);
    throw error;
  }
}

function raise(issues: readonly Issue[]): never {
  throw new InputError(issues);
}
