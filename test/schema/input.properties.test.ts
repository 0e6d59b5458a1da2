import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  type Issue,
  parseAllocationInput,
  safeAllocate,
  safeOpenLedger,
  safeParseWorkCalendar,
  safePreviewAllocation,
  safeSupplyNotices,
} from "../../src/index.js";
import { AmountReader, readSoundLine } from "../../src/schema/orderLines.js";
import { orderLineWire } from "../../src/schema/wire.js";
import { allocationInput, deepFreeze } from "../support/arbitraries.js";
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

type Path = readonly (string | number)[];

/**
 * The places of `input` that can be corrupted independently of each other,
 * each with a value its field refuses whatever the rest holds: a corruption
 * never makes another place right or wrong.
 */
function corruptible(input: AllocationInput): [Path, unknown][] {
  const places: [Path, unknown][] = [[["asOf"], "2026-13-01"]];
  for (const i of (input.products ?? []).keys()) places.push([["products", i, "launchRank"], 1.5]);
  for (const i of (input.supply ?? []).keys()) places.push([["supply", i, "quantity"], -1]);
  input.franchisees?.forEach((_, i) => {
    places.push([["franchisees", i, "cash"], "-5"]);
    places.push([["franchisees", i, "priority"], "first"]);
  });
  input.orders?.forEach((order, i) => {
    places.push([["orders", i, "orderedOn"], "2026-02-30"]);
    order.lines.forEach((_, j) => {
      places.push([["orders", i, "lines", j, "quantity"], -1]);
      places.push([["orders", i, "lines", j, "unitPrice"], "1,000"]);
    });
  });
  for (const i of (input.storeNeeds ?? []).keys())
    places.push([["storeNeeds", i, "safetyStock"], 0.5]);
  for (const i of (input.locks ?? []).keys()) places.push([["locks", i, "lockedOn"], "someday"]);
  return places;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  let at = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = value;
}

const samePath = (a: Path, b: Path) => a.length === b.length && a.every((key, i) => key === b[i]);

const corrupted = fc
  .tuple(allocationInput, fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 6 }))
  .map(([input, picks]) => {
    const places = corruptible(input);
    const chosen = [...new Set(picks.map((pick) => pick % places.length))].map(
      (index) => places[index] as [Path, unknown],
    );
    const copy = structuredClone(input);
    for (const [path, value] of chosen) setAt(copy, path, value);
    return { input: copy, paths: chosen.map(([path]) => path) };
  });

/** A value no JSON can hold, of one of the kinds a JavaScript caller can still pass. */
function hostileValue(kind: number): unknown {
  const boom = () => {
    throw new Error("boom");
  };
  switch (kind % 6) {
    case 0:
      return Object.defineProperty({}, "asOf", { get: boom, enumerable: true });
    case 1: {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 2:
      return new Proxy({ id: "x" }, { get: boom });
    case 3:
      return new Proxy({ id: "x" }, { ownKeys: boom });
    case 4:
      return new Proxy({ id: "x" }, { getOwnPropertyDescriptor: boom });
    default:
      return 10n;
  }
}

/** `value` with a hostile value put in place of its `n`-th object or list member (or as itself). */
function inject(value: unknown, n: number, kind: number): unknown {
  let left = n;
  const visit = (node: unknown): unknown => {
    if (left-- === 0) return hostileValue(kind);
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === "object" && node !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(node)) {
        Object.defineProperty(copy, key, {
          value: visit(inner),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    }
    return node;
  };
  return visit(value);
}

const SAFE: readonly ((input: unknown) => {
  readonly ok: boolean;
  readonly issues?: readonly Issue[];
})[] = [
  safeAllocate,
  parseAllocationInput,
  safeOpenLedger,
  safeParseWorkCalendar,
  safeSupplyNotices,
  (input) => safePreviewAllocation(input, input),
];

/** Any value, and the same under the keys each safe… function reads, so that parsing goes deep. */
const anyInput = fc.oneof(
  fc.anything(),
  fc.record(
    {
      asOf: fc.anything(),
      from: fc.anything(),
      to: fc.anything(),
      timeZone: fc.anything(),
      accounts: fc.array(fc.anything(), { maxLength: 3 }),
      orders: fc.array(
        fc.record({ id: fc.anything(), lines: fc.array(fc.anything(), { maxLength: 3 }) }),
        { maxLength: 3 },
      ),
      products: fc.array(fc.anything(), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
);

describe("properties: §7 edition 2", () => {
  const params = propertyParams(1000);

  it("§7: k independent corruptions of a valid input are k issues at least, one at each corrupted path", () => {
    fc.assert(
      fc.property(corrupted, ({ input, paths }) => {
        const result = parseAllocationInput(input);
        expect(result.ok).toBe(false);
        for (const path of paths) {
          expect(result.issues?.some((found) => samePath(found.path, path))).toBe(true);
        }
      }),
      params,
    );
  });

  it("§7: a rejected call leaves its input unchanged (deep-frozen, and equal to a copy taken before)", () => {
    fc.assert(
      fc.property(corrupted, ({ input }) => {
        const before = structuredClone(input);
        const frozen = deepFreeze(input);
        expect(safeAllocate(frozen).ok).toBe(false);
        expect(frozen).toEqual(before);
      }),
      params,
    );
  });

  it("§7: a safe… function never throws: on any value, and with throwing getters, proxies and BigInts injected", () => {
    fc.assert(
      fc.property(
        anyInput,
        fc.nat({ max: 40 }),
        fc.nat(),
        fc.boolean(),
        (input, n, kind, hostile) => {
          const value = hostile ? inject(input, n, kind) : input;
          for (const safe of SAFE) {
            const result = safe(value);
            expect(typeof result.ok).toBe("boolean");
            if (!result.ok) expect(result.issues?.length).toBeGreaterThan(0);
          }
        },
      ),
      params,
    );
  });
});
