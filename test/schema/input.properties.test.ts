import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AmountReader, readSoundLine } from "../../src/schema/orderLines.js";
import { orderLineWire } from "../../src/schema/wire.js";
import { propertyParams } from "../support/runs.js";

const runs = propertyParams(5000);

/** Values that are sometimes right for a line field and often subtly wrong. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -3, max: 5 }),
  fc.constantFrom(
    0,
    1,
    2.5,
    -0,
    2_147_483_647,
    2_147_483_648,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e21,
  ),
  fc.constantFrom(
    "",
    "T100",
    "99.00",
    "0",
    "1e3",
    "-1",
    " 1",
    "2026-03-16",
    "2026-02-30",
    "12.",
    ".5",
  ),
  fc.constantFrom(true, [], {}),
);

/** A field that is valid five times in six. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: anyValue, weight: 1 });

const lineLike = fc.oneof(
  fc.record(
    {
      line: mostly(fc.integer({ min: 1, max: 9 })),
      sku: mostly(fc.constantFrom("T100", "__proto__")),
      quantity: mostly(fc.integer({ min: 0, max: 50 })),
      unitPrice: mostly(fc.constantFrom("99.00", "0", 12.5, 0.1)),
      allocated: mostly(fc.integer({ min: 0, max: 5 })),
      lockBlockedUntil: mostly(fc.constantFrom("2026-03-16", null)),
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

describe("properties", () => {
  it("R-UNIT-1/R-UNIT-2: the hand reader of order lines accepts exactly what the zod schema accepts, with the same values", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(lineLike, (item) => {
        const fast = readSoundLine(item, new AmountReader());
        const zod = orderLineWire.safeParse(item);
        // The schema reads the price itself (into a Decimal): a bad price fails it.
        expect(fast !== undefined).toBe(zod.success);
        if (fast === undefined) rejected++;
        else accepted++;
        if (fast !== undefined && zod.success) {
          expect(fast.line).toBe(zod.data.line);
          expect(fast.sku).toBe(zod.data.sku);
          expect(fast.quantity).toBe(zod.data.quantity);
          expect(fast.allocated).toBe(zod.data.allocated);
          expect(fast.lockBlockedUntil).toBe(zod.data.lockBlockedUntil ?? undefined);
          expect(fast.unitPrice.toString()).toBe(zod.data.unitPrice.toString());
        }
      }),
      runs,
    );
    // Both sides of the equivalence were exercised.
    expect(accepted).toBeGreaterThan(runs.numRuns / 20);
    expect(rejected).toBeGreaterThan(runs.numRuns / 20);
  });
});
