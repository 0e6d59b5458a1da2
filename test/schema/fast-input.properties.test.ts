/**
 * Issue 11: the fast path of parseAllocationInput (src/schema/fastInput.ts)
 * is held to the full parser. For valid inputs and for inputs with one to
 * three random mutations — a value of another type, a value taken from
 * elsewhere in the input (an id of another list, a date, a price), a field
 * deleted or set to `undefined`, an extra key, a row duplicated or moved —
 * `parseAllocationInput` and `parseFully` give the same result: the same
 * request, key for key and in the same key order, or the same issues in the
 * same order; and whatever the fast path accepts, the full parser accepts as
 * the same request.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateWave } from "../../bench/generate.js";
import type { AllocationInput } from "../../src/index.js";
import { fastAllocationInput } from "../../src/schema/fastInput.js";
import { parseAllocationInput, parseFully } from "../../src/schema/parseInput.js";
import { allocationInput } from "../support/arbitraries.js";
import { propertyParams } from "../support/runs.js";
import { EXTRA_KEYS, exact, ODD_VALUES } from "./fastPath.js";

type Key = string | number;
type Path = readonly Key[];

/** The path of every value inside `root` (objects and lists included), root first. */
function places(root: unknown): Path[] {
  const found: Path[] = [];
  const visit = (value: unknown, path: Path): void => {
    found.push(path);
    if (typeof value !== "object" || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      visit(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  visit(root, []);
  return found;
}

function leaves(root: unknown): unknown[] {
  const found: unknown[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
    else found.push(value);
  };
  visit(root);
  return found;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const at = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<Key, unknown>)[key], root);

/**
 * One mutation: in which part of the input (the top level, a section, the
 * order lines, the policy: each as likely, however long), at which place of
 * it, what to do there, and with which value (an odd one, or one of the input's own).
 */
interface Mutation {
  readonly part: number;
  readonly place: number;
  readonly op: number;
  readonly value: number;
  readonly own: boolean;
}

/** The part of the input a place lies in. */
function partOf(path: Path): string {
  if (path.length <= 1) return "top";
  return path[0] === "orders" && path.length > 3 ? "orders.lines" : String(path[0]);
}

/** Applies `mutation` to `root` in place; returns the new root (when the root is replaced). */
function mutate(root: unknown, { part, place, op, value, own }: Mutation): unknown {
  const parts = new Map<string, Path[]>();
  for (const path of places(root)) {
    const name = partOf(path);
    parts.set(name, [...(parts.get(name) ?? []), path]);
  }
  const chosen = [...parts.values()][part % parts.size] as Path[];
  const path = chosen[place % chosen.length] as Path;
  const pool = own ? leaves(root) : ODD_VALUES;
  const replacement = pool.length === 0 ? undefined : pool[value % pool.length];
  if (path.length === 0) {
    // The root: an extra top-level key, or something else instead of an input.
    if (op % 6 !== 3 || typeof root !== "object" || root === null) return replacement;
    (root as Record<string, unknown>)[EXTRA_KEYS[value % EXTRA_KEYS.length] as string] =
      replacement;
    return root;
  }
  const parent = at(root, path.slice(0, -1)) as Record<Key, unknown>;
  const key = path[path.length - 1] as Key;
  const target = parent[key];
  switch (op % 6) {
    case 0: // another value, of any type or taken from elsewhere in the input
      parent[key] = replacement;
      break;
    case 1: // the field or row left out
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 2: // given, as undefined
      parent[key] = undefined;
      break;
    case 3: {
      // an extra key, on this object or else on the one holding this value
      const holder = isRecord(target) ? target : isRecord(parent) ? parent : undefined;
      if (holder === undefined) parent[key] = replacement;
      else holder[EXTRA_KEYS[value % EXTRA_KEYS.length] as string] = replacement;
      break;
    }
    case 4: // a row twice (duplicate ids, line numbers, pairs)
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(target));
      else parent[key] = structuredClone(parent);
      break;
    default: // a row moved (lines out of order, a different first row)
      if (Array.isArray(parent) && parent.length > 1) {
        const other = (value % (parent.length - 1)) + (((key as number) + 1) % parent.length);
        const j = other % parent.length;
        [parent[key as number], parent[j]] = [parent[j], parent[key as number]];
      } else parent[key] = replacement;
  }
  return root;
}

/** A valid input: a small one of the arbitraries, or a small benchmark wave. */
const validInput: fc.Arbitrary<AllocationInput> = fc.oneof(
  { weight: 3, arbitrary: allocationInput },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 10, max: 40 }), fc.nat())
      .map(([lines, seed]) => generateWave({ lines, seed })),
  },
);

const mutation = fc.record({
  part: fc.nat(),
  place: fc.nat(),
  op: fc.nat(),
  value: fc.nat(),
  own: fc.boolean(),
});

const mutated = fc
  .tuple(validInput, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([input, mutations]) => mutations.reduce<unknown>(mutate, structuredClone(input)));

describe("issue 11: the fast path of parseAllocationInput gives what the full parser gives", () => {
  const params = propertyParams(500);

  it("a valid input is accepted by the fast path, as the very request the full parser makes", () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const fast = fastAllocationInput(input);
        const full = parseFully(input);
        expect(full.ok).toBe(true);
        expect(fast).toBeDefined();
        expect(exact(fast)).toEqual(exact(full.ok ? full.value : undefined));
        expect(exact(parseAllocationInput(input))).toEqual(exact(full));
      }),
      propertyParams(300),
    );
  });

  it("a mutated input gives the same request or the same issues either way", () => {
    let accepted = 0;
    let refused = 0;
    let doubted = 0;
    fc.assert(
      fc.property(mutated, (input) => {
        const full = parseFully(input);
        const fast = fastAllocationInput(input);
        if (fast !== undefined) {
          // What the fast path accepts, the full parser accepts, as the same request.
          expect(full.ok).toBe(true);
          expect(exact(fast)).toEqual(exact(full.ok ? full.value : undefined));
          accepted++;
        } else if (full.ok) doubted++;
        else refused++;
        expect(exact(parseAllocationInput(input))).toEqual(exact(full));
      }),
      params,
    );
    // Both sides were exercised: mutations the schemas accept (an extra key,
    // a moved row, a number for an amount) and mutations they refuse.
    expect(accepted).toBeGreaterThan(params.numRuns / 20);
    expect(refused).toBeGreaterThan(params.numRuns / 2);
    // The fast path doubts a sound input only in rare, odd cases.
    expect(doubted).toBeLessThan(params.numRuns / 10);
  });
});
