/**
 * The zod schema of the plan (src/schema/planWire.ts) mirrors the AllocationPlan
 * type exactly: the two are mutually assignable, and every plan the engine
 * returns parses — strictly, so a field added to the plan alone fails here.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { type AllocationPlan, allocate, type Decision } from "../../src/index.js";
import { type decisionWire, planWire } from "../../src/schema/planWire.js";
import { allocationInput } from "../support/arbitraries.js";

type WirePlan = z.infer<typeof planWire>;

const springWave: unknown = JSON.parse(
  readFileSync(new URL("../../examples/data/spring-wave.json", import.meta.url), "utf8"),
);

/** Plans of generated inputs, the same ones on every run. */
const generatedPlans = fc
  .sample(allocationInput, { numRuns: 300, seed: 20261128 })
  .map((input) => allocate(input));

describe("planWire mirrors AllocationPlan", () => {
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

  it("parses the plan of examples/data/spring-wave.json unchanged", () => {
    const plan = allocate(springWave);
    expect(planWire.parse(plan)).toEqual(plan);
  });

  it("parses the plans of generated inputs, which between them take every kind of decision", () => {
    const seen = new Set<string>();
    for (const plan of generatedPlans) {
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
