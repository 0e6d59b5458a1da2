import * as z from "zod";
import type { PolicyField, PolicyOf } from "../domain/policyField.js";
import { SELLING_SEASONS } from "../domain/vocabulary.js";
import type { Issue, Path } from "./issues.js";
import { id } from "./primitives.js";

/*
 * A policy's parser, default merge, checks and JSON Schema, derived from its
 * field definitions (domain/policy.ts): one function per kind of field, so a
 * new field of a known kind needs nothing here.
 */

type Fields = Readonly<Record<string, PolicyField>>;

const month = z.int().min(1, "months are 1–12").max(12, "months are 1–12");

/** The zod schema of one field's value, as a caller writes it. */
function valueSchema(field: PolicyField): z.ZodType {
  switch (field.kind) {
    case "choice":
      return z.enum(field.values as [string, ...string[]], {
        error: (issue) =>
          issue.input === undefined
            ? "is required"
            : `must be one of ${field.values.map((value) => JSON.stringify(value)).join(", ")}`,
      });
    case "flag":
      return z.boolean({ error: "must be true or false" });
    case "whole": {
      const minMessage = field.minMessage ?? `must be at least ${field.min} ${field.unit}`;
      return z
        .int(`must be a whole number of ${field.unit}`)
        .min(field.min, minMessage)
        .max(field.max, `must be at most ${field.max} ${field.unit}`);
    }
    case "ratio":
      return z
        .number({ error: "must be a number from 0 to 1" })
        .min(0, "must be at least 0")
        .max(1, "must be at most 1 (a share of the outstanding quantity)");
    case "seasonal": {
      const item = field.item === "regions" ? id : month;
      return z.strictObject(
        Object.fromEntries(SELLING_SEASONS.map((season) => [season, z.array(item).optional()])),
      );
    }
    case "ranking":
      return z.array(z.enum(field.values as [string, ...string[]]));
    case "keys":
      return z
        .array(z.enum(field.values as [string, ...string[]]))
        .min(1, `must name at least one of ${field.values.join(", ")}`);
  }
}

/**
 * The strict zod object of a policy as a caller writes it: every field
 * optional, an unknown field refused (a typo is not silently ignored).
 */
export function policySchema(fields: Fields) {
  return z.strictObject(
    Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [name, valueSchema(field).optional()]),
    ),
  );
}

/**
 * The policy with every field's meaning and default, for the JSON Schema
 * (the parser fills the defaults in itself, in {@link completePolicy}).
 */
export function documentedPolicySchema(fields: Fields) {
  return z.strictObject(
    Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [
        name,
        valueSchema(field).default(field.default).describe(`${field.rule}: ${field.meaning}`),
      ]),
    ),
  );
}

/**
 * The whole policy: each field as given, else its default (a seasonal field
 * season by season), and the checks across a field's items — a region once
 * per season, every month in exactly one season, every value of a ranking
 * once, a key of a list of keys at most once. Problems go to `issues` under `path`.
 */
export function completePolicy<F extends Fields>(
  fields: F,
  given: Readonly<Record<string, unknown>> | undefined,
  path: Path,
  issues: Issue[],
): PolicyOf<F> {
  const policy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = given?.[name];
    if (field.kind === "seasonal") {
      const seasons = (value ?? {}) as Readonly<Record<string, unknown>>;
      const merged = Object.fromEntries(
        SELLING_SEASONS.map((season) => [season, seasons[season] ?? field.default[season]]),
      ) as Record<(typeof SELLING_SEASONS)[number], readonly (string | number)[]>;
      checkSeasonal(field.item, merged, [...path, name], issues);
      policy[name] = merged;
    } else {
      policy[name] = value ?? field.default;
      if (field.kind === "ranking") {
        checkRanking(field.values, policy[name] as readonly string[], [...path, name], issues);
      }
      if (field.kind === "keys")
        checkOnce(policy[name] as readonly string[], [...path, name], issues);
    }
  }
  return policy as PolicyOf<F>;
}

function checkSeasonal(
  item: "regions" | "months",
  lists: Readonly<Record<string, readonly (string | number)[]>>,
  path: Path,
  issues: Issue[],
): void {
  if (item === "regions") {
    for (const season of SELLING_SEASONS) {
      const seen = new Set<string | number>();
      (lists[season] ?? []).forEach((region, index) => {
        if (seen.has(region)) {
          issues.push({
            path: [...path, season, index],
            code: "duplicate_key",
            message: `region ${JSON.stringify(region)} is listed twice`,
          });
        }
        seen.add(region);
      });
    }
    return;
  }
  const months = SELLING_SEASONS.flatMap((season) => lists[season] ?? []);
  for (let month = 1; month <= 12; month++) {
    const count = months.filter((m) => m === month).length;
    if (count !== 1) {
      issues.push({
        path,
        code: "inconsistent",
        message: `month ${month} must belong to exactly one season, but is in ${count}`,
      });
    }
  }
}

function checkRanking(
  values: readonly string[],
  order: readonly string[],
  path: Path,
  issues: Issue[],
): void {
  const complete = order.length === values.length && values.every((value) => order.includes(value));
  if (!complete) {
    issues.push({
      path,
      code: "inconsistent",
      message: `must list ${values.slice(0, -1).join(", ")} and ${values.at(-1)} once each`,
    });
  }
}

function checkOnce(list: readonly string[], path: Path, issues: Issue[]): void {
  list.forEach((value, index) => {
    if (list.indexOf(value) !== index) {
      issues.push({
        path: [...path, index],
        code: "duplicate_key",
        message: `${JSON.stringify(value)} is listed twice`,
      });
    }
  });
}
