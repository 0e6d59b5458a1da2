/**
 * The plan's types are derived from its zod schema (src/schema/planWire.ts), so
 * their fields cannot differ; what is held here: the named `Decision` union
 * agrees with the schema's, the types stay read-only and narrow by `pass` and
 * `kind`, and every plan the engine returns parses — strictly, so a field the
 * engine writes and the schema lacks fails here.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  type AllocationPlan,
  allocate,
  type Decision,
  type FundedDecision,
  type PlannedLock,
  previewAllocation,
  type RegionDecision,
  type StoreDecision,
  type Unfilled,
} from "../../src/index.js";
import type { decisionWire } from "../../src/schema/planTrace.js";
import { planWire } from "../../src/schema/planWire.js";
import { allocationInput } from "../support/arbitraries.js";
import { CI_SEED } from "../support/runs.js";

type WirePlan = z.infer<typeof planWire>;

const springWave: unknown = JSON.parse(
  readFileSync(new URL("../../examples/data/spring-wave.json", import.meta.url), "utf8"),
);

/** Plans of generated inputs, the same ones on every run (made inside the test that reads them). */
const generatedPlans = () =>
  fc.sample(allocationInput, { numRuns: 300, seed: CI_SEED }).map((input) => allocate(input));

describe("planWire is the one source of AllocationPlan", () => {
  it("is mutually assignable with AllocationPlan, and its Decision with Decision (types)", () => {
    expectTypeOf<WirePlan>().toExtend<AllocationPlan>();
    expectTypeOf<AllocationPlan>().toExtend<WirePlan>();
    expectTypeOf<z.infer<typeof decisionWire>>().toExtend<Decision>();
    expectTypeOf<Decision>().toExtend<z.infer<typeof decisionWire>>();
    // Optional fields are exact (no `| undefined`), as in plan.ts under exactOptionalPropertyTypes.
    expectTypeOf<Extract<z.infer<typeof decisionWire>, { pass: "lock" }>["lock"]>().toEqualTypeOf<
      string | undefined
    >();
  });

  it("gives read-only types whose unions narrow by pass and by kind (types)", () => {
    expectTypeOf<AllocationPlan>().toEqualTypeOf<Readonly<AllocationPlan>>();
    expectTypeOf<AllocationPlan["locks"]>().toEqualTypeOf<readonly PlannedLock[]>();
    expectTypeOf<PlannedLock>().toEqualTypeOf<Readonly<PlannedLock>>();
    expectTypeOf<FundedDecision["rules"]>().toExtend<readonly string[]>();
    expectTypeOf<FundedDecision["rules"]>().not.toExtend<string[]>();
    expectTypeOf<Extract<Decision, { pass: "funded" }>>().toEqualTypeOf<FundedDecision>();
    expectTypeOf<
      Extract<Decision, { pass: "direct"; kind: "store" }>
    >().toEqualTypeOf<StoreDecision>();
    expectTypeOf<Extract<Decision, { kind: "region" }>>().toEqualTypeOf<RegionDecision>();
    expectTypeOf<Extract<Unfilled, { kind: "store" }>["reason"]>().toEqualTypeOf<
      "stock" | "holdback"
    >();
    expectTypeOf<Extract<Unfilled, { kind: "order-line" }>["reason"]>().toEqualTypeOf<
      "stock" | "funds" | "lock-blocked" | "min-fill" | "ship-complete" | "holdback"
    >();
  });

  it("parses the plan of examples/data/spring-wave.json unchanged", () => {
    const plan = allocate(springWave);
    expect(planWire.parse(plan)).toEqual(plan);
  });

  it("parses the plans of generated inputs, which between them take every kind of decision", () => {
    const seen = new Set<string>();
    for (const plan of generatedPlans()) {
      const parsed = planWire.safeParse(plan);
      expect(parsed.error?.issues).toBeUndefined();
      for (const decision of plan.trace) seen.add(`${decision.pass}/${decision.kind}`);
    }
    expect([...seen].sort()).toEqual([
      "conversion/order-line",
      "direct/region",
      "direct/store",
      "expiry/order-line",
      "funded/order-line",
      "lock/order-line",
    ]);
  });

  it("R-PREVIEW: parses a preview's plan, preview field included", () => {
    const wave = springWave as { supply: { sku: string }[] };
    const arrivals = wave.supply.map((row) => ({ sku: row.sku, quantity: 3 }));
    for (const money of ["as-given", "unlimited"] as const) {
      const plan = previewAllocation(springWave, arrivals, { money });
      expect(plan.preview?.money).toBe(money);
      expect(planWire.parse(plan)).toEqual(plan);
    }
  });

  it("refuses a plan with a field the type does not have, or without one it has", () => {
    const plan = allocate(springWave);
    expect(planWire.safeParse({ ...plan, extra: 1 }).success).toBe(false);
    const { trace: _trace, ...withoutTrace } = plan;
    expect(planWire.safeParse(withoutTrace).success).toBe(false);
    const [first, ...rest] = plan.franchiseeAllocations;
    expect(
      planWire.safeParse({
        ...plan,
        franchiseeAllocations: [{ ...first, source: "gift" }, ...rest],
      }).success,
    ).toBe(false);
  });
});

describe("the plan's schemas describe each row once", () => {
  it("give each row type the TSDoc line its schema's description says", () => {
    let checked = 0;
    for (const file of ["planWire.ts", "planTrace.ts"]) {
      const source = readFileSync(new URL(`../../src/schema/${file}`, import.meta.url), "utf8");
      for (const match of source.matchAll(
        /\.describe\(\s*"([^"]+)",?\s*\);\n\n\/\*\* ([^*]+) \*\/\nexport interface/g,
      )) {
        expect(match[2]).toBe(match[1]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
