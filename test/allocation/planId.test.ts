import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateWave } from "../../bench/generate.js";
import { digestOf } from "../../src/allocation/planId.js";
import {
  type AllocationInput,
  allocate,
  carryForward,
  parseAllocationInput,
  planIdOf,
} from "../../src/index.js";
import { allocationInput, permutationSeed, shuffleInput } from "../support/arbitraries.js";
import { referenceDigestOf } from "../support/planIdReference.js";
import { propertyParams } from "../support/runs.js";

const spring = (): AllocationInput =>
  JSON.parse(
    readFileSync(new URL("../../examples/data/spring-wave.json", import.meta.url), "utf8"),
  );

function requestOf(input: unknown) {
  const parsed = parseAllocationInput(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const nextDay = (date: string) =>
  new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);

/** An input at the edges of what the digest writes: astral and lone-surrogate text, huge numbers, tiny amounts. */
const edgeInput = (): AllocationInput => ({
  asOf: "2026-03-01",
  products: [
    { sku: "衬衫-😀-M", style: "衬衫", season: "SS", launchRank: -1 },
    { sku: "\ud800lone", season: "NONE", launchDate: "2026-02-28" },
  ],
  supply: [{ sku: "衬衫-😀-M", quantity: 2_147_483_647 }],
  franchisees: [
    {
      id: "加盟商",
      priority: -1,
      cash: "0.000000000001",
      creditLimit: "9999999999999999999999999999.999999999999",
    },
  ],
  orders: [
    {
      id: "SO-😀",
      franchisee: "加盟商",
      orderedOn: "2026-02-01",
      lines: [
        { line: 9_007_199_254_740_991, sku: "\ud800lone", quantity: 0, unitPrice: 1e-7 },
        { line: 1, sku: "衬衫-😀-M", quantity: 3, unitPrice: 0.1 },
      ],
    },
  ],
  regions: [{ id: "深圳", name: "深圳" }],
});

describe("R-RUN-3: planId", () => {
  it("R-RUN-3: keeps every planId it ever gave (the spring wave, its carried day, generated waves)", () => {
    // Pinned from the first formulation: a change here changes every issued planId.
    const day1 = spring();
    const day2 = carryForward(day1, allocate(day1), { asOf: "2026-03-02" });
    expect(requestOf(day2).commitments.length).toBeGreaterThan(0);
    expect(planIdOf(requestOf(day1))).toBe(
      "33d132e0e189e808191395aacd3b8e442b494f8bdac55cc8b0b955d0f47fbda6",
    );
    expect(planIdOf(requestOf(day2))).toBe(
      "d2ad3abd55c56b4dc450f37ba02533d469f63378436e31403398900477f0332c",
    );
    expect(planIdOf(requestOf(generateWave({ lines: 10_000 })))).toBe(
      "b96a8cf8a1945de5b4b25662511eaa7a3014d9da9c0215c332341db280da9542",
    );
    expect(planIdOf(requestOf(generateWave({ lines: 10_000, seed: 7 })))).toBe(
      "71e1242a2aeb980b49590f4e58ba1a725c69dd30ea49f6544fe77b6f4a7793c0",
    );
  });

  it("R-RUN-3: writes the same bytes as the first formulation, hashed by node:crypto, at the edges", () => {
    const request = requestOf(edgeInput());
    expect(digestOf(request)).toBe(referenceDigestOf(request));
    const big = requestOf(generateWave({ lines: 20_000, seed: 3 }));
    expect(digestOf(big)).toBe(referenceDigestOf(big));
  });

  it("R-RUN-3: equals the first formulation for random requests, in any array order, with commitments", () => {
    fc.assert(
      fc.property(allocationInput, permutationSeed, (input, seed) => {
        const request = requestOf(input);
        expect(digestOf(request)).toBe(referenceDigestOf(request));
        const shuffled = requestOf(shuffleInput(input, seed));
        expect(digestOf(shuffled)).toBe(referenceDigestOf(shuffled));
        // The carried day holds commitments, a section the arbitrary leaves empty.
        const carried = requestOf(
          carryForward(input, allocate(input), { asOf: nextDay(input.asOf) }),
        );
        expect(digestOf(carried)).toBe(referenceDigestOf(carried));
      }),
      propertyParams(300),
    );
  });
});
