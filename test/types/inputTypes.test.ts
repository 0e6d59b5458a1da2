/**
 * Issue 14, "types that help": the entry points that take an allocation input
 * are typed, so that a misspelt field of an object literal is a compile error,
 * while JSON.parse's `any` and untyped JSON typed `unknown` still have a way in.
 *
 * The `@ts-expect-error` lines are checked by `tsc --noEmit -p .` (tsconfig
 * includes test/): if a typo compiled again, the directive would be unused and
 * the type check would fail. At run time the same calls still throw the
 * InputError they always did: the types add a check, never remove one. The
 * last block compiles snippets with the project's TypeScript to pin the error
 * a user reads.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type AllocationInput,
  type AllocationPlan,
  allocate,
  carryForward,
  InputError,
  type ProductInput,
  previewAllocation,
  type SafeAllocateResult,
  safeAllocate,
  safePreviewAllocation,
  simulate,
  type UntypedInput,
} from "../../src/index.js";
import { typeErrors } from "../support/snippets.js";

const root = join(import.meta.dirname, "..", "..");
const asOf = "2026-03-01";

describe("a misspelt field is a compile error, and still an InputError at run time", () => {
  it("at the top level of allocate and safeAllocate", () => {
    // @ts-expect-error `suply` is not a field of AllocationInput
    expect(() => allocate({ asOf, suply: [] })).toThrow(InputError);
    // @ts-expect-error `suply` is not a field of AllocationInput
    expect(safeAllocate({ asOf, suply: [] }).issues?.map((issue) => issue.code)).toEqual([
      "unknown_field",
    ]);
  });

  it("in a nested row (an order line's quantity)", () => {
    const throws = () =>
      // @ts-expect-error `quantitty` is not a field of OrderLineInput (reported on the call)
      allocate({
        asOf,
        products: [{ sku: "X", season: "SS" }],
        franchisees: [{ id: "F", priority: 1, cash: "1" }],
        orders: [
          {
            id: "A",
            franchisee: "F",
            orderedOn: "2026-02-01",
            lines: [{ line: 1, sku: "X", quantitty: 1, unitPrice: "1" }],
          },
        ],
      });
    expect(throws).toThrow(InputError);
  });

  it("in every entry point that takes an allocation input", () => {
    const plan = allocate({ asOf });
    // @ts-expect-error `polcy` is not a field of AllocationInput
    expect(() => carryForward({ asOf, polcy: {} }, plan, { asOf: "2026-03-02" })).toThrow(
      InputError,
    );
    // @ts-expect-error `sku` of a product, not `skus`
    expect(() => previewAllocation({ asOf, products: [{ skus: "X", season: "SS" }] }, [])).toThrow(
      InputError,
    );
    // @ts-expect-error `lockDays` of the policy, not `lockDay`
    expect(safePreviewAllocation({ asOf, policy: { lockDay: 3 } }, []).ok).toBe(false);
    // @ts-expect-error `franchisees`, not `franchisee`
    expect(() => simulate({ asOf, franchisee: [] }, { seed: {} })).toThrow(InputError);
  });

  it("a value outside a closed set compiles (it may come from a string variable) and is refused when validated", () => {
    expect(() => allocate({ asOf, products: [{ sku: "X", season: "WINTER" }] })).toThrow(
      InputError,
    );
  });
});

describe("an input built in a variable or imported from JSON fits as it is (InputOf)", () => {
  it("closed sets typed plain string, as TypeScript types a variable's literal", () => {
    const input = {
      asOf,
      policy: { franchiseeRanking: "priority", afterShortfall: "stop" },
      products: [{ sku: "X", season: "SS" }],
      supply: [{ sku: "X", quantity: 1 }],
    };
    expectTypeOf(input.products[0]?.season).toEqualTypeOf<string | undefined>();
    expect(allocate(input).asOf).toBe(asOf);
    expect(safeAllocate(input).ok).toBe(true);
    expect(previewAllocation(input, []).asOf).toBe(asOf);
    expect(Object.keys(simulate(input, { seed: {} }).plans)).toEqual(["seed"]);
    const misspelt = { asOf, suply: [] };
    // A variable is not a literal: its extra field is found when it is validated.
    expect(safeAllocate(misspelt).issues?.map((found) => found.code)).toEqual(["unknown_field"]);
  });
});

describe("what is not a typed literal still has a way in", () => {
  it("JSON.parse's any", () => {
    expect(allocate(JSON.parse(`{ "asOf": "${asOf}" }`)).remaining).toEqual([]);
  });

  it("untyped JSON typed unknown, with its problems found at run time", () => {
    const json: unknown = JSON.parse(`{ "asOf": "${asOf}", "suply": [] }`);
    expect(() => allocate(json)).toThrow(InputError);
    expect(safeAllocate(json).ok).toBe(false);
    const sound: unknown = JSON.parse(`{ "asOf": "${asOf}" }`);
    expect(carryForward(sound, allocate(sound), { asOf: "2026-03-02" }).asOf).toBe("2026-03-02");
    expect(previewAllocation(sound, []).remaining).toEqual([]);
    expect(safePreviewAllocation(sound, []).ok).toBe(true);
    expect(Object.keys(simulate(sound, { seed: {} }).plans)).toEqual(["seed"]);
  });

  it("a typed value must be an AllocationInput: any other type needs a cast", () => {
    const record: Record<string, unknown> = { asOf };
    // @ts-expect-error a Record<string, unknown> is neither an AllocationInput nor unknown
    expect(allocate(record).remaining).toEqual([]);
    expect(allocate(record as unknown).remaining).toEqual([]);
  });

  it("the signatures say so", () => {
    // The first signature, the one an object literal is checked against.
    const first: (input: AllocationInput) => AllocationPlan = allocate;
    expectTypeOf(first).returns.toEqualTypeOf<AllocationPlan>();
    expectTypeOf(allocate<unknown>)
      .parameter(0)
      .toEqualTypeOf<unknown>();
    expectTypeOf(safeAllocate<unknown>).returns.toEqualTypeOf<SafeAllocateResult>();
    expectTypeOf(carryForward<unknown>).returns.toEqualTypeOf<AllocationInput>();
    expectTypeOf<UntypedInput<unknown>>().toEqualTypeOf<unknown>();
    expectTypeOf<UntypedInput<AllocationInput>>().toEqualTypeOf<never>();
    expectTypeOf<UntypedInput<Record<string, unknown>>>().toEqualTypeOf<never>();
    expectTypeOf<AllocationInput["products"]>().toEqualTypeOf<ProductInput[] | undefined>();
  });

  it("examples/data/spring-wave.json is an AllocationInput as it is", () => {
    const text = readFileSync(join(root, "examples", "data", "spring-wave.json"), "utf8");
    const sample: AllocationInput = JSON.parse(text);
    expect(allocate(sample).planId).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the error a user reads", () => {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const errors = typeErrors(
    [
      {
        name: "top",
        code: 'import { allocate } from "fenhuo";\nallocate({ asOf: "2026-03-01", suply: [] });',
      },
      {
        name: "nested",
        code: [
          'import { allocate } from "fenhuo";',
          'allocate({ asOf: "2026-03-01", orders: [{ id: "A", franchisee: "F", orderedOn: "2026-02-01",',
          '  lines: [{ line: 1, sku: "X", quantitty: 1, unitPrice: "1" }] }] });',
        ].join("\n"),
      },
      {
        name: "callback",
        code: [
          'import { allocate } from "fenhuo";',
          'const skus = ["TEE-S", "TEE-M"];',
          'allocate({ asOf: "2026-03-01", products: skus.map((sku) => ({ sku, season: "SS" })) });',
        ].join("\n"),
      },
      {
        name: "untyped",
        code: 'import { allocate } from "fenhuo";\nconst json: unknown = JSON.parse("{}");\nallocate(json);\nallocate(JSON.parse("{}"));',
      },
    ],
    { fenhuo: join(root, "src", "index.js") },
    join(root, "test", "types"),
    { ...options, types: [] },
  );

  it("names the misspelt field and suggests the right one, as the first signature's error", () => {
    expect(errors.get("top")).toEqual([
      [
        "2: No overload matches this call.",
        "  Overload 1 of 2, '(input: InputOf<AllocationInput>): AllocationPlan', gave the following error.",
        "    Object literal may only specify known properties, but 'suply' does not exist in type 'InputOf<AllocationInput>'. Did you mean to write 'supply'?",
        "  Overload 2 of 2, '(input: never): AllocationPlan', gave the following error.",
        "    Argument of type '{ asOf: string; suply: never[]; }' is not assignable to parameter of type 'never'.",
      ].join("\n"),
    ]);
    const [nested] = errors.get("nested") ?? [];
    expect(nested).toContain(
      "Object literal may only specify known properties, but 'quantitty' does not exist in type 'OrderLineInput'. Did you mean to write 'quantity'?",
    );
  });

  it("keeps the contextual typing of callbacks inside the literal", () => {
    expect(errors.get("callback")).toEqual([]);
  });

  it("says nothing of untyped JSON", () => {
    expect(errors.get("untyped")).toEqual([]);
  });
});
