/**
 * Issue 11: each hand reader of the fast path (src/schema/fastRows.ts)
 * accepts exactly the rows its zod schema accepts and builds the same row,
 * key for key and in the same key order, an optional key present exactly when
 * zod keeps it — on rows with fields missing, odd values and extra keys.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  readFranchisee,
  readProduct,
  readRegion,
  readRegionNeed,
  readStore,
  readStoreNeed,
  readSupply,
} from "../../src/schema/fastRows.js";
import {
  franchiseeWire,
  productWire,
  regionNeedWire,
  regionWire,
  storeNeedWire,
  storeWire,
  supplyWire,
} from "../../src/schema/wire.js";
import { propertyParams } from "../support/runs.js";
import { EXTRA_KEYS, exact, ODD_VALUES } from "./fastPath.js";

/** A field that is valid four times in five, else an odd value. */
const mostly = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: valid, weight: 4 },
    { arbitrary: fc.constantFrom(...ODD_VALUES), weight: 1 },
  );

/** Records with some of `fields`, each mostly valid, sometimes an extra key; or any odd value. */
function rowLike(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const record = fc
    .tuple(
      fc.record(
        Object.fromEntries(Object.entries(fields).map(([key, valid]) => [key, mostly(valid)])),
        { requiredKeys: [] },
      ),
      fc.option(fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.constantFrom(...ODD_VALUES))),
    )
    .map(([row, extra]) => (extra === null ? { ...row } : { ...row, [extra[0]]: extra[1] }));
  return fc.oneof({ arbitrary: record, weight: 9 }, fc.constantFrom(...ODD_VALUES));
}

const idLike = fc.constantFrom("T100", "__proto__", "S1", "x");
const int = fc.integer({ min: -3, max: 5 });
const units = fc.integer({ min: 0, max: 50 });
const amountLike = fc.constantFrom("99.00", "0", 12.5, 0.1, 0);

/** The franchisee parseInput.ts builds from what `franchiseeWire` read. */
function franchiseeOf(value: ReturnType<typeof franchiseeWire.parse>): unknown {
  const { id, priority, cash, creditLimit, creditUsed, region } = value;
  return {
    id,
    priority,
    cash,
    creditLimit,
    creditUsed,
    ...(region === undefined ? {} : { region }),
  };
}

const ROW_READERS: readonly {
  readonly name: string;
  readonly rows: fc.Arbitrary<unknown>;
  readonly fast: (item: unknown) => unknown;
  readonly full: (item: unknown) => { success: boolean; data?: unknown };
}[] = [
  {
    name: "products",
    rows: rowLike({
      sku: idLike,
      style: fc.constantFrom("T100", ""),
      season: fc.constantFrom("SS", "AW", "NONE"),
      launchDate: fc.constantFrom("2026-03-16", "2024-02-29"),
      launchRank: int,
    }),
    fast: readProduct,
    full: (item) => productWire.safeParse(item),
  },
  {
    name: "supply",
    rows: rowLike({ sku: idLike, quantity: units }),
    fast: readSupply,
    full: (item) => supplyWire.safeParse(item),
  },
  {
    name: "franchisees",
    rows: rowLike({
      id: idLike,
      priority: int,
      cash: amountLike,
      creditLimit: amountLike,
      creditUsed: amountLike,
      region: fc.constantFrom("shenzhen", ""),
    }),
    fast: readFranchisee,
    full: (item) => {
      const parsed = franchiseeWire.safeParse(item);
      return parsed.success ? { success: true, data: franchiseeOf(parsed.data) } : parsed;
    },
  },
  {
    name: "regions",
    rows: rowLike({ id: idLike, name: fc.constantFrom("深圳", "") }),
    fast: readRegion,
    full: (item) => regionWire.safeParse(item),
  },
  {
    name: "stores",
    rows: rowLike({
      id: idLike,
      region: idLike,
      class: fc.constantFrom("A", "B", "C"),
      operation: fc.constantFrom("direct", "joint"),
    }),
    fast: readStore,
    full: (item) => storeWire.safeParse(item),
  },
  {
    name: "storeNeeds",
    rows: rowLike({
      store: idLike,
      sku: idLike,
      safetyStock: units,
      onHand: units,
      inTransit: units,
    }),
    fast: readStoreNeed,
    full: (item) => storeNeedWire.safeParse(item),
  },
  {
    name: "regionNeeds",
    rows: rowLike({ region: idLike, sku: idLike, quantity: units }),
    fast: readRegionNeed,
    full: (item) => regionNeedWire.safeParse(item),
  },
];

describe("issue 11: the fast path reads each row as its schema does", () => {
  for (const { name, rows, fast, full } of ROW_READERS) {
    it(`the hand reader of ${name} accepts exactly what its schema accepts, building the same row`, () => {
      let accepted = 0;
      let rejected = 0;
      fc.assert(
        fc.property(rows, (item) => {
          const read = fast(item);
          const parsed = full(item);
          expect(read !== undefined).toBe(parsed.success);
          if (read === undefined) rejected++;
          else {
            accepted++;
            expect(exact(read)).toEqual(exact(parsed.data));
          }
        }),
        propertyParams(2000),
      );
      expect(accepted).toBeGreaterThan(100);
      expect(rejected).toBeGreaterThan(100);
    });
  }
});
