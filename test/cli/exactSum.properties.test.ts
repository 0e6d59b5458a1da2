/**
 * R-SCALE-2: the summary's money sums, made without a Decimal per amount, are
 * the exact sums of the amounts — past 2^53 too, with any number of decimals,
 * and with texts that are not plain digits summed as decimals.
 */
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactSum } from "../../src/cli/exactSum.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const Exact = Decimal.clone({ precision: 200 });

const plain = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 4 }))
  .map(([units, decimals]) => {
    const text = units.toString().padStart(decimals + 1, "0");
    return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  });
const odd = fc.constantFrom("-1.5", "1e3", "12345678901234567.89", "0.0000000000000001");
const amounts = fc.array(fc.oneof({ weight: 9, arbitrary: plain }, { weight: 1, arbitrary: odd }), {
  maxLength: 60,
});

describe("properties", () => {
  it("R-SCALE-2: ExactSum is the exact sum of any decimal texts", () => {
    fc.assert(
      fc.property(amounts, (texts) => {
        const sum = new ExactSum();
        for (const text of texts) sum.add(text);
        const expected = texts.reduce((total, text) => total.plus(text), new Exact(0));
        expect(sum.total().toFixed()).toBe(expected.toFixed());
      }),
      propertyParams(propertyRuns(1000)),
    );
  });

  it("R-SCALE-2: sums past 2^53 go on exactly", () => {
    const sum = new ExactSum();
    for (let i = 0; i < 100; i++) sum.add("999999999999.99");
    sum.add("0.01");
    expect(sum.total().toFixed()).toBe("99999999999999.01");
    expect(new ExactSum().total().toFixed()).toBe("0");
  });
});
