/**
 * R-SCALE-2 properties of the CLI's output: the JSON written in pieces is the
 * text of `JSON.stringify(value, null, 2)` for any value and any plan, and the
 * `--summary` totals add up (R-INV-CONSERVE).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPieces } from "../../src/cli/chunks.js";
import { planChunks } from "../../src/cli/render.js";
import { planSummary } from "../../src/cli/summary.js";
import { allocate } from "../../src/index.js";
import { allocationInput } from "../support/arbitraries.js";
import { propertyParams } from "../support/runs.js";

describe("properties", () => {
  it("R-SCALE-2: any JSON value's pieces join to JSON.stringify(value, null, 2) at any depth", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        const text = [...jsonPieces(value, { depth })].join("");
        expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      propertyParams(1000),
    );
  });

  it("R-SCALE-2, R-INV-CONSERVE: any plan's JSON chunks are JSON.stringify(plan, null, 2); its summary's units add up", () => {
    fc.assert(
      fc.property(allocationInput, (input) => {
        const plan = allocate(input);
        expect([...planChunks(plan, "json")].join("")).toBe(`${JSON.stringify(plan, null, 2)}\n`);
        // per SKU: supply + released = funded (franchisees − converted) + locked + stores + regions + remaining
        const supply = new Map<string, number>();
        for (const row of input.supply ?? [])
          supply.set(row.sku, (supply.get(row.sku) ?? 0) + row.quantity);
        for (const row of planSummary(plan, { supply }).bySku) {
          expect(row.supply + row.released, row.sku).toBe(
            row.franchisees - row.converted + row.locked + row.stores + row.regions + row.remaining,
          );
        }
      }),
      propertyParams(1000),
    );
  });
});
