/**
 * The daily loop as properties: seasons of random days (arrivals, payments,
 * shipments, finance's balances) run through carryForward (R-RUN-2) conserve
 * every unit and every cent and never spend money twice (R-RUN-1); the planId
 * (R-RUN-3) ignores array order and sees every field.
 */

import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  type AllocationPlan,
  allocate,
  carryForward,
  InputError,
  parseAllocationInput,
  planIdOf,
} from "../../src/index.js";
import {
  allocationInput,
  moneyString,
  permutationSeed,
  shuffleInput,
} from "../support/arbitraries.js";
import { propertyParams } from "../support/runs.js";

const SKUS = ["A", "B"] as const;
const FRANCHISEES = ["F1", "F2", "F3"] as const;
const PRICES = ["10", "25", "9.99", "100"] as const;

const dayArbitrary = fc.record({
  gap: fc.integer({ min: 1, max: 3 }),
  arrivals: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.nat({ max: 6 }) }), {
    maxLength: 2,
  }),
  payments: fc.array(
    fc.record({ franchisee: fc.constantFrom(...FRANCHISEES), amount: moneyString(120) }),
    { maxLength: 2 },
  ),
  /** Per line with unposted units: 0 ships none, 1 one unit, 2 all of them. */
  ship: fc.array(fc.constantFrom(0, 1, 2), { minLength: 6, maxLength: 6 }),
  /** Whether finance sends fresh balances (the model's figures) this day; one day in four. */
  balances: fc.nat({ max: 3 }).map((n) => n === 0),
});

const seasonArbitrary = fc.record({
  supply: fc.tuple(fc.nat({ max: 8 }), fc.nat({ max: 8 })),
  franchisees: fc.tuple(
    ...FRANCHISEES.map(() => fc.tuple(moneyString(150), fc.constantFrom("0", "50", "200"))),
  ),
  orders: fc.array(
    fc.record({
      franchisee: fc.constantFrom(...FRANCHISEES),
      lines: fc.array(
        fc.record({
          sku: fc.constantFrom(...SKUS),
          quantity: fc.integer({ min: 1, max: 6 }),
          unitPrice: fc.constantFrom(...PRICES),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  storeNeed: fc.nat({ max: 4 }),
  days: fc.array(dayArbitrary, { minLength: 1, maxLength: 2 }),
});

/** Long seasons, fewer of them: 20 to 60 days. */
const longSeasonArbitrary = seasonArbitrary.chain((season) =>
  fc.array(dayArbitrary, { minLength: 20, maxLength: 60 }).map((days) => ({ ...season, days })),
);

type Season = typeof seasonArbitrary extends fc.Arbitrary<infer T> ? T : never;

function firstInput(season: Season): AllocationInput {
  return {
    asOf: "2026-03-01",
    products: SKUS.map((sku) => ({ sku, season: "SS" as const })),
    supply: SKUS.map((sku, k) => ({ sku, quantity: season.supply[k] as number })),
    franchisees: FRANCHISEES.map((id, k) => {
      const [cash, creditLimit] = season.franchisees[k] as [string, string];
      return { id, priority: k + 1, cash, creditLimit };
    }),
    orders: season.orders.map((order, k) => ({
      id: `SO-${k + 1}`,
      franchisee: order.franchisee,
      orderedOn: "2026-02-10",
      lines: order.lines.map((line, j) => ({ line: j + 1, ...line })),
    })),
    regions: [{ id: "shenzhen" }],
    stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
    storeNeeds: [{ store: "SZ-1", sku: "A", safetyStock: season.storeNeed }],
  };
}

const sum = (values: readonly Decimal.Value[]) =>
  values.reduce<Decimal>((total, value) => total.plus(value), new Decimal(0));

/** A season through carryForward, with the books a ledger would keep beside it. */
function runSeason(season: Season) {
  let input = firstInput(season);
  let asOfDay = 1;
  const arrived = new Map<string, number>(SKUS.map((sku, k) => [sku, season.supply[k] as number]));
  const allocatedUnits = new Map<string, number>(); // per SKU, every day
  const directUnits = new Map<string, number>();
  const perLine = new Map<string, number>();
  const finance = new Map<string, { cash: Decimal; limit: Decimal; used: Decimal }>(
    FRANCHISEES.map((id, k) => {
      const [cash, limit] = season.franchisees[k] as [string, string];
      return [id, { cash: new Decimal(cash), limit: new Decimal(limit), used: new Decimal(0) }];
    }),
  );
  const received = new Map<string, Decimal>(FRANCHISEES.map((id) => [id, new Decimal(0)]));
  const committed = new Map<string, { cash: Decimal; credit: Decimal }>(
    FRANCHISEES.map((id) => [id, { cash: new Decimal(0), credit: new Decimal(0) }]),
  );
  const posted = new Map<string, { cash: Decimal; credit: Decimal }>(
    FRANCHISEES.map((id) => [id, { cash: new Decimal(0), credit: new Decimal(0) }]),
  );
  const prices = new Map<string, string>();
  for (const order of input.orders ?? [])
    for (const line of order.lines) prices.set(`${order.id}/${line.line}`, String(line.unitPrice));
  let plan: AllocationPlan = allocate(input);
  const plans: AllocationPlan[] = [plan];

  const account = (current: AllocationPlan) => {
    for (const row of current.franchiseeAllocations) {
      allocatedUnits.set(row.sku, (allocatedUnits.get(row.sku) ?? 0) + row.quantity);
      const key = `${row.order}/${row.line}`;
      perLine.set(key, (perLine.get(key) ?? 0) + row.quantity);
      const money = committed.get(row.franchisee) as { cash: Decimal; credit: Decimal };
      money.cash = money.cash.plus(row.cash);
      money.credit = money.credit.plus(row.credit);
    }
    for (const row of [...current.storeAllocations, ...current.regionAllocations])
      directUnits.set(row.sku, (directUnits.get(row.sku) ?? 0) + row.quantity);
  };
  account(plan);

  for (const day of season.days) {
    asOfDay += day.gap;
    // Shipments of the units committed so far: the next input's commitments tell which.
    const unposted = new Map<string, { franchisee: string; quantity: number }>();
    for (const row of input.commitments ?? []) {
      const key = `${row.order}/${row.line}`;
      const seen = unposted.get(key) ?? { franchisee: row.franchisee, quantity: 0 };
      unposted.set(key, { ...seen, quantity: seen.quantity + row.quantity });
    }
    for (const row of plan.franchiseeAllocations) {
      const key = `${row.order}/${row.line}`;
      const seen = unposted.get(key) ?? { franchisee: row.franchisee, quantity: 0 };
      unposted.set(key, { ...seen, quantity: seen.quantity + row.quantity });
    }
    const shipped = [...unposted]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, { quantity }], k) => {
        const choice = day.ship[k % day.ship.length] ?? 0;
        const [order, line] = key.split("/") as [string, string];
        return {
          order,
          line: Number(line),
          quantity: choice === 0 ? 0 : choice === 1 ? 1 : quantity,
        };
      })
      .filter((row) => row.quantity > 0);
    for (const row of day.payments) {
      const books = finance.get(row.franchisee) as {
        cash: Decimal;
      };
      books.cash = books.cash.plus(row.amount);
      received.set(row.franchisee, (received.get(row.franchisee) as Decimal).plus(row.amount));
    }
    const nextInput = carryForward(input, plan, {
      ...dateOf(asOfDay),
      arrivals: day.arrivals,
      payments: day.payments,
      shipped,
    });
    // What shipping posted, read from the commitments that went away.
    const before = moneyOf([...(input.commitments ?? []), ...allocationsAsCommitments(plan)]);
    const after = moneyOf(nextInput.commitments ?? []);
    for (const id of FRANCHISEES) {
      const b = before.get(id) ?? { cash: new Decimal(0), credit: new Decimal(0) };
      const a = after.get(id) ?? { cash: new Decimal(0), credit: new Decimal(0) };
      const cash = b.cash.minus(a.cash);
      const credit = b.credit.minus(a.credit);
      const books = finance.get(id) as { cash: Decimal; used: Decimal };
      books.cash = books.cash.minus(cash);
      books.used = books.used.plus(credit);
      const total = posted.get(id) as { cash: Decimal; credit: Decimal };
      total.cash = total.cash.plus(cash);
      total.credit = total.credit.plus(credit);
      // Finance's own figures agree with the carry's fallback.
      const row = nextInput.franchisees?.find((f) => f.id === id);
      expect(new Decimal(row?.cash ?? 0).eq(books.cash)).toBe(true);
      expect(new Decimal(row?.creditUsed ?? 0).eq(books.used)).toBe(true);
    }
    input = day.balances
      ? carryForward(input, plan, {
          ...dateOf(asOfDay),
          arrivals: day.arrivals,
          shipped,
          balances: FRANCHISEES.map((id) => {
            const books = finance.get(id) as { cash: Decimal; used: Decimal };
            // Finance's cash before today's payments: carryForward adds them.
            const paidToday = sum(
              day.payments.filter((p) => p.franchisee === id).map((p) => p.amount),
            );
            return {
              franchisee: id,
              cash: books.cash.minus(paidToday).toString(),
              creditUsed: books.used.toString(),
            };
          }),
          payments: day.payments,
        })
      : nextInput;
    if (day.balances) expect(input).toEqual(nextInput);
    for (const row of day.arrivals)
      arrived.set(row.sku, (arrived.get(row.sku) ?? 0) + row.quantity);
    plan = allocate(input);
    plans.push(plan);
    account(plan);
  }
  return {
    plan,
    plans,
    arrived,
    allocatedUnits,
    directUnits,
    perLine,
    finance,
    received,
    committed,
    posted,
    prices,
    input,
  };
}

function dateOf(day: number): { asOf: string } {
  const date = new Date(Date.UTC(2026, 2, day));
  return { asOf: date.toISOString().slice(0, 10) };
}

function allocationsAsCommitments(plan: AllocationPlan) {
  return plan.franchiseeAllocations.map((row) => ({
    franchisee: row.franchisee,
    cash: row.cash,
    credit: row.credit,
  }));
}

function moneyOf(
  rows: readonly { franchisee: string; cash: Decimal.Value; credit: Decimal.Value }[],
) {
  const out = new Map<string, { cash: Decimal; credit: Decimal }>();
  for (const row of rows) {
    const seen = out.get(row.franchisee) ?? { cash: new Decimal(0), credit: new Decimal(0) };
    out.set(row.franchisee, {
      cash: seen.cash.plus(row.cash),
      credit: seen.credit.plus(row.credit),
    });
  }
  return out;
}

/** Every unit, every cent, every line of a finished season (R-RUN-1, R-RUN-2). */
function checkSeason(season: Season): void {
  const run = runSeason(season);
  const { plan } = run;
  // Units: supply + arrivals = allocated + direct + still locked + remaining, per SKU.
  for (const sku of SKUS) {
    const locked = plan.locks.filter((l) => l.sku === sku).reduce((t, l) => t + l.quantity, 0);
    const remaining = plan.remaining.find((r) => r.sku === sku)?.quantity ?? 0;
    const served = (run.allocatedUnits.get(sku) ?? 0) + (run.directUnits.get(sku) ?? 0);
    expect(served + locked + remaining).toBe(run.arrived.get(sku));
  }
  // No line over its quantity.
  for (const order of firstInput(season).orders ?? []) {
    for (const line of order.lines) {
      const locked = plan.locks
        .filter((l) => l.order === order.id && l.line === line.line)
        .reduce((t, l) => t + l.quantity, 0);
      const allocated = run.perLine.get(`${order.id}/${line.line}`) ?? 0;
      expect(allocated + locked).toBeLessThanOrEqual(line.quantity);
    }
  }
  FRANCHISEES.forEach((id, k) => {
    const [cash, limit] = season.franchisees[k] as [string, string];
    const books = run.finance.get(id) as { cash: Decimal };
    const committed = run.committed.get(id) as { cash: Decimal; credit: Decimal };
    const posted = run.posted.get(id) as { cash: Decimal; credit: Decimal };
    const paid = run.received.get(id) as Decimal;
    // Cents: cash + payments = spent (posted) + left on the account, and what is
    // left covers what is committed and not yet posted.
    expect(new Decimal(cash).plus(paid).eq(posted.cash.plus(books.cash))).toBe(true);
    expect(books.cash.minus(committed.cash.minus(posted.cash)).isNegative()).toBe(false);
    // R-RUN-1: no money spent twice: all the cash ever committed is within cash +
    // payments, all the credit within the limit.
    expect(committed.cash.lte(new Decimal(cash).plus(paid))).toBe(true);
    expect(committed.credit.lte(limit)).toBe(true);
  });
  // R-RUN-3: the last plan carried twice is refused, and nothing changes.
  const next = carryForward(run.input, plan, { asOf: "2027-01-01" });
  const before = structuredClone(next);
  expect(() => carryForward(next, plan, { asOf: "2027-01-02" })).toThrow(InputError);
  expect(next).toEqual(before);
}

describe("properties", () => {
  it("R-RUN-1, R-RUN-2: short seasons through carryForward conserve every unit and cent, no line gets more than it ordered, no money is spent twice; R-RUN-3: the last plan cannot be carried twice", () => {
    fc.assert(fc.property(seasonArbitrary, checkSeason), propertyParams(1000));
  });

  it("R-RUN-1, R-RUN-2: long seasons (20 to 60 days) too", () => {
    fc.assert(fc.property(longSeasonArbitrary, checkSeason), propertyParams(25));
  });

  it("R-RUN-3: the planId ignores array order and key order, and changes with any field", () => {
    const idOf = (input: AllocationInput) => {
      const parsed = parseAllocationInput(input);
      return parsed.ok ? planIdOf(parsed.value) : undefined;
    };
    let changed = 0;
    fc.assert(
      fc.property(allocationInput, permutationSeed, fc.nat(), (input, seed, pick) => {
        const id = idOf(input);
        expect(idOf(shuffleInput(input, seed))).toBe(id);
        // One leaf anywhere in the input — a number, a date or an amount of any
        // section, the policy included — changed to another value.
        const leaves = leavesOf(input);
        const leaf = leaves[pick % leaves.length];
        if (leaf === undefined) return;
        const other = idOf(withLeaf(input, leaf.path, leaf.changed) as AllocationInput);
        // A change the parser refuses (a duplicate key, allocated above quantity …) has no id.
        if (other === undefined) return;
        changed += 1;
        expect(other, `planId unchanged by ${leaf.path.join(".")}`).not.toBe(id);
      }),
      propertyParams(1000),
    );
    // The property is not vacuous: most picked changes are valid inputs.
    expect(changed).toBeGreaterThan(0);
  });
});

/** Every number, date and amount of `value`, each with a different value of its kind. */
function leavesOf(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; changed: unknown }[] {
  if (typeof value === "number") return [{ path, changed: value + 1 }];
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return [{ path, changed: shiftDate(value) }];
    if (/^\d+(\.\d+)?$/.test(value))
      return [{ path, changed: new Decimal(value).plus(1).toString() }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => leavesOf(item, [...path, index]));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...path, key]));
  return [];
}

function shiftDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** `value` with the leaf at `path` replaced, copied along the path. */
function withLeaf(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (Array.isArray(value))
    return value.map((item, index) => (index === head ? withLeaf(item, rest, leaf) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: withLeaf(record[head], rest, leaf) };
}
