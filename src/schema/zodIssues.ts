import type { z } from "zod";
import { type Issue, type IssueCode, type Path, type Result, under } from "./issues.js";
import { readSafely } from "./readable.js";

/*
 * The one bridge from zod to fenhuo's issues. Every schema of fenhuo is run
 * through `check` (or `issuesOf` for an error zod raised), so every problem
 * has a stable code and a message in fenhuo's own words: a schema's
 * own message wins, and where a schema has none, `message` below writes one —
 * zod's internal wording ("Invalid input: expected string, received
 * undefined") never reaches a caller.
 */

/** A zod issue as the error map sees it (before its message is written). */
type RawIssue = z.core.$ZodRawIssue;

/** The JSON type of a value, as a person names it. */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: "must be a string",
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be true or false",
  object: "must be an object",
  array: "must be a list",
  null: "must be null",
};

/**
 * The value a discriminated union (an event's `type`, an entry's `kind`) was
 * given, when no shape has it: the union's issue holds the whole object.
 */
function discriminatorValue(issue: {
  readonly input?: unknown;
  readonly discriminator?: unknown;
}): unknown {
  const { input, discriminator } = issue;
  if (typeof discriminator !== "string" || typeof input !== "object" || input === null) {
    return undefined;
  }
  return (input as Record<string, unknown>)[discriminator];
}

/** Whether a union's issue says no shape has the given discriminator value. */
function isDiscriminator(issue: object): boolean {
  return (issue as { readonly note?: unknown }).note === "No matching discriminator";
}

/** fenhuo's message for an issue a schema wrote no message for. */
function message(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      if (issue.expected === "int" && typeof issue.input === "number") {
        return "must be a whole number";
      }
      return `${EXPECTED[issue.expected] ?? `must be ${issue.expected}`}, not ${typeOf(issue.input)}`;
    case "too_small":
      return issue.origin === "string" || issue.origin === "array"
        ? "must not be empty"
        : `must be at least ${issue.minimum}`;
    case "too_big":
      return `must be at most ${issue.maximum}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "unrecognized_keys":
      return `unknown field ${JSON.stringify(issue.keys[0])}`;
    case "invalid_union":
      if (!isDiscriminator(issue)) return "is not any of the allowed shapes";
      if (discriminatorValue(issue) === undefined) return "is required";
      return `must be one of ${((issue.options ?? []) as readonly unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    default:
      return "is not valid here";
  }
}

/**
 * The per-parse options of every fenhuo parse: the error map (a schema's own
 * message takes precedence) and the input kept on each issue, which `codeOf`
 * reads (it never reaches a caller: an Issue has a path, a code, a message).
 */
const inFenhuoWords = { error: message, reportInput: true } as const;

/** The stable code of a zod issue. */
function codeOf(issue: z.core.$ZodIssue): IssueCode {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      return issue.expected === "int" && typeof issue.input === "number"
        ? "not_integer"
        : "invalid_type";
    case "too_small":
      return "too_small";
    case "too_big":
      return "too_large";
    case "unrecognized_keys":
      return "unknown_field";
    case "invalid_format":
      return issue.format === "datetime" || issue.format === "date"
        ? "invalid_date"
        : "invalid_value";
    case "invalid_union":
      if (issue.input === undefined) return "required";
      if (!isDiscriminator(issue)) return "invalid_type";
      return discriminatorValue(issue) === undefined ? "required" : "invalid_value";
    case "custom":
      if (issue.input === undefined) return "required";
      return (issue.params?.code as IssueCode | undefined) ?? "invalid_value";
    default:
      return "invalid_value";
  }
}

/**
 * zod's issues as fenhuo {@link Issue}s under `prefix`: one issue per
 * unknown field, at the field's own path, so a typo is found where it is.
 */
export function issuesOf(error: z.ZodError, prefix: Path = []): Issue[] {
  const issues: Issue[] = [];
  for (const found of error.issues) {
    const path = [
      ...prefix,
      ...found.path.map((key) => (typeof key === "symbol" ? key.toString() : key)),
    ];
    if (found.code === "unrecognized_keys") {
      for (const key of found.keys) {
        issues.push({
          path: [...path, key],
          code: "unknown_field",
          message: `unknown field ${JSON.stringify(key)}`,
        });
      }
    } else {
      issues.push({ path, code: codeOf(found), message: found.message });
    }
  }
  return issues;
}

/**
 * Runs `schema` on `input` in fenhuo's words: its value, or every issue
 * under `prefix`. Never throws.
 */
export function check<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: Path = [],
): Result<z.output<S>> {
  return readSafely(
    input,
    (readable) => {
      const parsed = schema.safeParse(readable, inFenhuoWords);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, issues: issuesOf(parsed.error, prefix) };
    },
    prefix,
  );
}

/** Pushes what `result` found onto `issues`; its value, or `undefined`. */
export function collect<T>(result: Result<T>, issues: Issue[], prefix: Path = []): T | undefined {
  if (result.ok) return result.value;
  issues.push(...under(prefix, result.issues));
  return undefined;
}
