import * as z from "zod";
import type { Issue, Path } from "./issues.js";
import { check, collect } from "./zodIssues.js";

/** A row that passed its own schema, with where it stood in the input. */
export interface Row<T> {
  readonly index: number;
  readonly value: T;
}

/**
 * The rows of a list that pass `schema`, each with its index; every problem of
 * every other row goes to `issues` under `path`, so one bad row never hides
 * the problems of the others. A sound list is parsed in one call;
 * only a list with a bad row is read row by row.
 */
export function parseRows<S extends z.ZodType>(
  schema: S,
  raw: readonly unknown[],
  path: Path,
  issues: Issue[],
): Row<z.output<S>>[] {
  const whole = z.array(schema).safeParse(raw);
  if (whole.success) return whole.data.map((value, index) => ({ index, value }));
  const rows: Row<z.output<S>>[] = [];
  raw.forEach((item, index) => {
    const one = check(schema, item, [...path, index]);
    if (one.ok) rows.push({ index, value: one.value });
    else issues.push(...one.issues);
  });
  return rows;
}

/**
 * Every key of `record` that `known` lacks, as an `unknown_field` at its own
 * path: a misspelt section or field is found where it is, never ignored.
 */
export function unknownFields(
  record: Readonly<Record<string, unknown>>,
  known: (key: string) => boolean,
  issues: Issue[],
): void {
  for (const key of Object.keys(record)) {
    if (!known(key)) {
      issues.push({
        path: [key],
        code: "unknown_field",
        message: `unknown field ${JSON.stringify(key)}`,
      });
    }
  }
}

/**
 * An object's fields, each run through its own schema of `shape`, so that one
 * bad field never hides another: the fields that passed (a field
 * that failed is reported and left out), every unknown key reported where it
 * is; `undefined` (and `notObject`, an `invalid_type` at the root) when
 * `input` is no object at all.
 */
export function parseFields<Shape extends Readonly<Record<string, z.ZodType>>>(
  shape: Shape,
  input: unknown,
  notObject: string,
  issues: Issue[],
): Partial<{ [K in keyof Shape]: z.output<Shape[K]> }> | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    issues.push({ path: [], code: "invalid_type", message: notObject });
    return undefined;
  }
  const record = input as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const value = collect(check(schema, record[key], [key]), issues);
    if (value !== undefined) fields[key] = value;
  }
  unknownFields(record, (key) => Object.hasOwn(shape, key), issues);
  return fields as Partial<{ [K in keyof Shape]: z.output<Shape[K]> }>;
}
