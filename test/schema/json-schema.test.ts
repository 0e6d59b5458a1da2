/**
 * The JSON Schemas of the contract (docs/schema/*.schema.json) are generated from
 * the zod schemas (src/schema/jsonSchema.ts, `npm run docs:schema`): the committed
 * files must match, and real inputs and plans must validate against them.
 *
 * No JSON Schema validator is a dependency, so `check` below is a small one for
 * the keywords the generator emits; it throws on any other keyword, so that a
 * schema it cannot fully read never passes by default.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, inputJsonSchema, planJsonSchema } from "../../src/index.js";
import { allocationInput } from "../support/arbitraries.js";
import { CI_SEED } from "../support/runs.js";

type Schema = { readonly [keyword: string]: unknown };
type Path = readonly (string | number)[];

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "default"]);

const typeOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "array"
      : Number.isInteger(value)
        ? "integer"
        : typeof value;

const hasType = (value: unknown, type: string): boolean =>
  type === "number" ? typeof value === "number" : typeOf(value) === type;

const isCalendarDate = (text: string): boolean => {
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0));
  return date.toISOString().slice(0, 10) === text;
};

/** The JSON paths at which `value` breaks `schema` (empty: valid). */
function check(schema: Schema, value: unknown, path: Path = []): string[] {
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path.join(".") || "(root)"}: ${why}`);
  for (const [keyword, expected] of Object.entries(schema)) {
    switch (keyword) {
      case "type": {
        const types = Array.isArray(expected) ? expected : [expected];
        if (!types.some((type) => hasType(value, type))) fail(`not ${types.join(" | ")}`);
        break;
      }
      case "enum":
        if (!(expected as unknown[]).includes(value)) fail(`not one of ${String(expected)}`);
        break;
      case "const":
        if (value !== expected) fail(`not ${String(expected)}`);
        break;
      case "minimum":
        if (typeof value === "number" && value < (expected as number)) fail("below minimum");
        break;
      case "maximum":
        if (typeof value === "number" && value > (expected as number)) fail("above maximum");
        break;
      case "minLength":
        if (typeof value === "string" && value.length < (expected as number)) fail("too short");
        break;
      case "minItems":
        if (Array.isArray(value) && value.length < (expected as number)) fail("too few items");
        break;
      case "pattern":
        if (typeof value === "string" && !new RegExp(expected as string, "u").test(value))
          fail(`does not match ${String(expected)}`);
        break;
      case "format":
        if (expected !== "date") throw new Error(`check: unknown format ${String(expected)}`);
        if (typeof value === "string" && !isCalendarDate(value)) fail("not a calendar date");
        break;
      case "required":
        if (typeOf(value) === "object")
          for (const key of expected as string[])
            if (!Object.hasOwn(value as object, key)) fail(`missing ${key}`);
        break;
      case "properties":
        if (typeOf(value) === "object")
          for (const [key, sub] of Object.entries(expected as Record<string, Schema>))
            if (Object.hasOwn(value as object, key))
              errors.push(...check(sub, (value as Record<string, unknown>)[key], [...path, key]));
        break;
      case "additionalProperties": {
        if (expected !== false) throw new Error("check: additionalProperties other than false");
        const known = Object.keys((schema.properties ?? {}) as object);
        if (typeOf(value) === "object")
          for (const key of Object.keys(value as object))
            if (!known.includes(key)) fail(`unknown key ${key}`);
        break;
      }
      case "items":
        if (Array.isArray(value))
          value.forEach((item, index) => {
            errors.push(...check(expected as Schema, item, [...path, index]));
          });
        break;
      case "anyOf":
      case "oneOf": {
        const matches = (expected as Schema[]).filter(
          (sub) => check(sub, value, path).length === 0,
        ).length;
        if (keyword === "anyOf" ? matches === 0 : matches !== 1)
          fail(`${keyword}: ${matches} of ${(expected as Schema[]).length} branches match`);
        break;
      }
      default:
        if (!ANNOTATIONS.has(keyword)) throw new Error(`check: unsupported keyword ${keyword}`);
    }
  }
  return errors;
}

const readJson = (relative: string): unknown =>
  JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"));

/** The sub-schema at a path of keywords and names. */
const at = (schema: Schema, ...keys: string[]): Schema =>
  keys.reduce<Schema>((sub, key) => (sub[key] ?? {}) as Schema, schema);

const inputSchema = inputJsonSchema() as Schema;
const planSchema = planJsonSchema() as Schema;
const springWave = readJson("../../examples/data/spring-wave.json") as Record<string, unknown>;
const generatedInputs = fc.sample(allocationInput, { numRuns: 200, seed: CI_SEED });

describe("docs/schema is generated from the zod schemas", () => {
  it("matches docs/schema/input.schema.json (run `npm run docs:schema` after changing the schemas)", () => {
    expect(readJson("../../docs/schema/input.schema.json")).toEqual(inputSchema);
  });

  it("matches docs/schema/plan.schema.json (run `npm run docs:schema` after changing the schemas)", () => {
    expect(readJson("../../docs/schema/plan.schema.json")).toEqual(planSchema);
  });

  it("names each schema: draft 2020-12, a stable $id, a title and a description", () => {
    for (const [schema, id] of [
      [inputSchema, "https://fenhuo.dev/schema/input.json"],
      [planSchema, "https://fenhuo.dev/schema/plan.json"],
    ] as const) {
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(id);
      expect(schema.title).toMatch(/^fenhuo /);
      expect(schema.description).toEqual(expect.any(String));
    }
  });

  it("spells out every section's rows and every policy field of SPEC Appendix A", () => {
    const properties = inputSchema.properties as Record<string, Schema>;
    expect(Object.keys(properties)).toEqual([
      "asOf",
      "currency",
      "policy",
      "products",
      "supply",
      "franchisees",
      "orders",
      "locks",
      "commitments",
      "regions",
      "stores",
      "storeNeeds",
      "regionNeeds",
      "holdback",
    ]);
    for (const [name, section] of Object.entries(properties)) {
      if (section.type === "array") expect((section.items as Schema).type, name).toBe("object");
    }
    const orderLine = at(
      inputSchema,
      "properties",
      "orders",
      "items",
      "properties",
      "lines",
      "items",
    );
    expect(orderLine.required).toEqual(["line", "sku", "quantity", "unitPrice"]);
    expect(Object.keys((properties.policy as Schema).properties as object)).toEqual([
      "franchiseeRanking",
      "franchiseeTieBreak",
      "creditCountsAsFunds",
      "spendOrder",
      "afterShortfall",
      "share",
      "minFill",
      "partialBy",
      "lockUnfunded",
      "lockDays",
      "relockCooldownDays",
      "paymentGraceDays",
      "regionOrder",
      "seasonCalendar",
      "storeClassOrder",
    ]);
  });
});

describe("inputs and plans validate against the schemas", () => {
  it("accepts examples/data/spring-wave.json, and its plan", () => {
    expect(check(inputSchema, springWave)).toEqual([]);
    expect(check(planSchema, allocate(springWave as unknown))).toEqual([]);
  });

  it("accepts generated inputs and their plans", () => {
    for (const input of generatedInputs) {
      expect(check(inputSchema, input)).toEqual([]);
      expect(check(planSchema, JSON.parse(JSON.stringify(allocate(input))))).toEqual([]);
    }
  });

  it("refuses, at its path, what allocate refuses row by row", () => {
    const [product] = springWave.products as Record<string, unknown>[];
    const [order] = springWave.orders as { lines: Record<string, unknown>[] }[];
    const broken = (patch: Record<string, unknown>) =>
      check(inputSchema, { ...springWave, ...patch });
    expect(broken({ asOf: "2026-02-30" })).toEqual(["asOf: not a calendar date"]);
    expect(check(inputSchema, { currency: "CNY" })).toEqual(["(root): missing asOf"]);
    expect(broken({ suply: [] })).toEqual(["(root): unknown key suply"]);
    expect(broken({ currency: "cny" })).toEqual(["currency: does not match ^[A-Z]{3}$"]);
    expect(broken({ supply: [{ sku: "T100-RED-M", quantity: -1 }] })).toEqual([
      "supply.0.quantity: below minimum",
    ]);
    expect(broken({ supply: [{ sku: "T100-RED-M", quantity: 1.5 }] })).toEqual([
      "supply.0.quantity: not integer",
    ]);
    expect(broken({ products: [{ ...product, season: "SPRING" }] })).toEqual([
      "products.0.season: not one of SS,AW,NONE",
    ]);
    expect(
      broken({ orders: [{ ...order, lines: [{ ...order?.lines[0], unitPrice: "12,50" }] }] }),
    ).toEqual(["orders.0.lines.0.unitPrice: anyOf: 0 of 2 branches match"]);
    expect(broken({ policy: { lockDays: 0 } })).toEqual(["policy.lockDays: below minimum"]);
    expect(broken({ policy: { lockdays: 15 } })).toEqual(["policy: unknown key lockdays"]);
  });
});
