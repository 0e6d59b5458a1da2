/**
 * Property-based tests of the supply notices (SPEC §2, R-SUP-1..4) over random
 * purchase orders, franchisees, order lines and carried locks, and random
 * ranges cut at random points.
 *
 * Every generated input is valid: each lock was placed on or before `from`,
 * fits its line's outstanding and matches its line's franchisee and SKU. Ids
 * come from pools with `:` and `%` (the separators of notice ids), `__proto__`
 * and `constructor`. Dates are whole days from 2026-01-01; the expected
 * notices come from a model written here on day numbers and its own
 * decimal.js clone, never from the library.
 *
 * With CI set, every property runs with the fixed seed 20261128. Each runs
 * 1000 times by default; FC_NUM_RUNS sets another count (test/support/runs.ts).
 */
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  type FundPreparationNotice,
  SUPPLY_NOTICE_KINDS,
  type SupplyNotice,
  type SupplyNoticesInput,
  supplyNotices,
} from "../../src/index.js";
import {
  dateFromOffset,
  deepFreeze,
  LOCK_POOL,
  moneyString,
  permutationSeed,
  SKU_POOL,
  shuffleInput,
} from "../support/arbitraries.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const RUNS = propertyRuns(1000);
const params = propertyParams(RUNS);

type World = Omit<SupplyNoticesInput, "from" | "to">;
type PurchaseOrderIn = NonNullable<SupplyNoticesInput["purchaseOrders"]>[number];
type FranchiseeIn = NonNullable<SupplyNoticesInput["franchisees"]>[number];
type OrderIn = NonNullable<SupplyNoticesInput["orders"]>[number];
type LockIn = NonNullable<SupplyNoticesInput["locks"]>[number];

/* ------------------------------------------------------------------------------------------------
 * Generators: raw material (indices, day offsets), then a plain function that builds a valid input.
 * --------------------------------------------------------------------------------------------- */

const PO_POOL = [
  "PO-1",
  "PO-2",
  "P",
  "P:1",
  "P%3A1",
  "__proto__",
  "constructor",
  "采购-1",
] as const;
const FRANCHISEE_IDS = ["F1", "F:1", "1:F", "F%", "__proto__", "constructor", "加盟-东"] as const;
const index = fc.nat({ max: 40 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const rawPurchaseOrder = fc.record({
  id: fc.constantFrom(...PO_POOL),
  supplier: fc.constantFrom("ACME", "供应商-1"),
  /** Days from `from`. */
  issued: fc.integer({ min: -45, max: 60 }),
  leadTime: fc.integer({ min: 0, max: 60 }),
  /** Days after issue; null and absent both mean "not confirmed". */
  confirmed: fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 30 })),
  lines: fc.uniqueArray(fc.record({ sku: index, quantity: fc.integer({ min: 1, max: 99 }) }), {
    minLength: 1,
    maxLength: 4,
    selector: (line) => line.sku,
  }),
});

const rawOrder = fc.record({
  franchisee: index,
  /** Days after `from`: an order placed after a notice's date is not its demand. */
  orderedAfter: fc.integer({ min: -30, max: 40 }),
  lines: fc.uniqueArray(
    fc.record({
      line: fc.integer({ min: 1, max: 5 }),
      sku: index,
      quantity: fc.integer({ min: 0, max: 20 }),
      allocated: optional(fc.nat({ max: 20 })),
      unitPrice: moneyString(150),
    }),
    { minLength: 1, maxLength: 4, selector: (line) => line.line },
  ),
});

const rawLock = fc.record({
  id: fc.constantFrom(...LOCK_POOL),
  order: index,
  line: index,
  quantity: fc.integer({ min: 1, max: 20 }),
  /** Placed this many days before `from`; lasts `duration` days, so it may expire in the range. */
  lockedAgo: fc.integer({ min: 0, max: 20 }),
  duration: fc.integer({ min: 1, max: 40 }),
});

const rawWorld = fc.record({
  /** `from`, in days from 2026-01-01. */
  from: fc.integer({ min: 0, max: 729 }),
  currency: fc.constantFrom(undefined, "CNY", "JPY", "KWD"),
  products: fc.uniqueArray(fc.constantFrom(...SKU_POOL), { minLength: 1, maxLength: 5 }),
  franchisees: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom(...FRANCHISEE_IDS),
      /** Few values, so that equal priorities are common and the id decides (R-RANK-FUNDED). */
      priority: fc.integer({ min: 1, max: 3 }),
      cash: moneyString(1500),
      creditLimit: optional(moneyString(1500)),
      creditUsed: optional(moneyString(1500)),
    }),
    { maxLength: 5, selector: (franchisee) => franchisee.id },
  ),
  orders: fc.array(rawOrder, { maxLength: 6 }),
  locks: fc.array(rawLock, { maxLength: 6 }),
  purchaseOrders: fc.uniqueArray(rawPurchaseOrder, { maxLength: 5, selector: (po) => po.id }),
});

type RawWorld = typeof rawWorld extends fc.Arbitrary<infer T> ? T : never;

function pick<T>(items: readonly T[], at: number): T | undefined {
  return items.length === 0 ? undefined : items[at % items.length];
}

/** A valid world whose allocation parts hold on `from` (day `raw.from`). */
function build(raw: RawWorld): { world: World; from: number } {
  const products = raw.products.map((sku) => ({ sku, season: "SS" as const }));
  const skus = raw.products;
  const franchisees: FranchiseeIn[] = raw.franchisees.map((f) => ({
    id: f.id,
    priority: f.priority,
    cash: f.cash,
    ...(f.creditLimit === undefined ? {} : { creditLimit: f.creditLimit }),
    ...(f.creditUsed === undefined ? {} : { creditUsed: f.creditUsed }),
  }));
  const orders: OrderIn[] = [];
  raw.orders.forEach((o, k) => {
    const franchisee = pick(franchisees, o.franchisee);
    if (franchisee === undefined) return;
    orders.push({
      id: `SO-${k}`,
      franchisee: franchisee.id,
      orderedOn: dateFromOffset(raw.from + o.orderedAfter),
      lines: o.lines.map((l) => ({
        line: l.line,
        sku: skus[l.sku % skus.length] as string,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        ...(l.allocated === undefined ? {} : { allocated: l.allocated % (l.quantity + 1) }),
      })),
    });
  });
  const locks: LockIn[] = [];
  const locked = new Map<object, number>();
  for (const l of raw.locks) {
    const order = pick(orders, l.order);
    const line = order === undefined ? undefined : pick(order.lines, l.line);
    if (order === undefined || line === undefined) continue;
    const open = line.quantity - (line.allocated ?? 0) - (locked.get(line) ?? 0);
    if (open <= 0 || locks.some((lock) => lock.id === l.id)) continue;
    const quantity = Math.min(open, l.quantity);
    locked.set(line, (locked.get(line) ?? 0) + quantity);
    locks.push({
      id: l.id,
      order: order.id,
      line: line.line,
      franchisee: order.franchisee,
      sku: line.sku,
      quantity,
      lockedOn: dateFromOffset(raw.from - l.lockedAgo),
      expiresOn: dateFromOffset(raw.from - l.lockedAgo + l.duration),
    });
  }
  const purchaseOrders: PurchaseOrderIn[] = raw.purchaseOrders.map((p) => {
    const issued = raw.from + p.issued;
    const lines = new Map<string, number>();
    for (const line of p.lines) lines.set(skus[line.sku % skus.length] as string, line.quantity);
    return {
      id: p.id,
      supplier: p.supplier,
      issuedOn: dateFromOffset(issued),
      expectedArrival: dateFromOffset(issued + p.leadTime),
      ...(p.confirmed === undefined
        ? {}
        : { confirmedOn: p.confirmed === null ? null : dateFromOffset(issued + p.confirmed) }),
      lines: [...lines].map(([sku, quantity]) => ({ sku, quantity })),
    };
  });
  const world: World = { products, franchisees, orders, locks, purchaseOrders };
  if (raw.currency !== undefined) world.currency = raw.currency;
  return { world, from: raw.from };
}

/** A world and a range `[a, c]` cut after `b` (a ≤ b < c), all as day numbers. */
const scenario = fc
  .tuple(rawWorld, fc.integer({ min: 1, max: 90 }), fc.nat({ max: 89 }), fc.nat({ max: 10 }))
  .map(([raw, length, cut, later]) => {
    const { world, from } = build(raw);
    // The range may start after the world's date: its locks are then older still.
    const a = from + later;
    const c = a + length;
    return { world, a, b: a + (cut % length), c };
  });

function notices(world: World, from: number, to: number): readonly SupplyNotice[] {
  return supplyNotices({ ...world, from: dateFromOffset(from), to: dateFromOffset(to) });
}

/* ------------------------------------------------------------------------------------------------
 * The model: what each purchase order's notices are, from day numbers and exact decimals.
 * --------------------------------------------------------------------------------------------- */

const D = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_DOWN });
const MINOR_DIGITS: Readonly<Record<string, number>> = { CNY: 2, JPY: 0, KWD: 3 };

/** A decimal written with at least `digits` fraction digits, padded, never rounded. */
function written(value: Decimal, digits: number): string {
  const text = value.isZero() ? "0" : value.toString();
  const have = text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  if (have >= digits) return text;
  return (text.includes(".") ? text : `${text}.`) + "0".repeat(digits - have);
}

const dayOf = (date: string): number =>
  (Date.parse(`${date}T00:00:00Z`) - Date.UTC(2026, 0, 1)) / 86_400_000;

const compareCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * R-PREVIEW with money no limit, written out again: the units `group` brings
 * on its arrival date go to the franchisees by priority, then id, each one's
 * lines by R-RANK-LINE (no launch plan here: SKU, then orderedOn, order id,
 * line), each line taking min(outstanding, units left). Demand is the orders
 * placed by `day`; a lock still active on `day` keeps its units out, an
 * expired one gives them back (and its units are not arriving ones). Returns,
 * per franchisee that receives something, its units and value per SKU.
 */
function previewModel(
  world: World,
  group: readonly PurchaseOrderIn[],
  day: number,
): Map<string, Map<string, { units: number; value: Decimal }>> {
  const left = new Map<string, number>();
  for (const po of group) {
    for (const line of po.lines) left.set(line.sku, (left.get(line.sku) ?? 0) + line.quantity);
  }
  const franchisees = [...(world.franchisees ?? [])].sort(
    (x, y) => x.priority - y.priority || compareCodeUnits(x.id, y.id),
  );
  const out = new Map<string, Map<string, { units: number; value: Decimal }>>();
  for (const franchisee of franchisees) {
    const lines = (world.orders ?? [])
      .filter((o) => o.franchisee === franchisee.id && dayOf(o.orderedOn) <= day)
      .flatMap((o) => o.lines.map((line) => ({ order: o, line })))
      .sort(
        (x, y) =>
          compareCodeUnits(x.line.sku, y.line.sku) ||
          compareCodeUnits(x.order.orderedOn, y.order.orderedOn) ||
          compareCodeUnits(x.order.id, y.order.id) ||
          x.line.line - y.line.line,
      );
    for (const { order, line } of lines) {
      const active = (world.locks ?? [])
        .filter((l) => l.order === order.id && l.line === line.line)
        .filter((l) => dayOf(l.expiresOn) > day)
        .reduce((sum, l) => sum + l.quantity, 0);
      const outstanding = line.quantity - (line.allocated ?? 0) - active;
      const take = Math.min(outstanding, left.get(line.sku) ?? 0);
      if (take <= 0) continue;
      left.set(line.sku, (left.get(line.sku) ?? 0) - take);
      const skus = out.get(franchisee.id) ?? new Map<string, { units: number; value: Decimal }>();
      out.set(franchisee.id, skus);
      const sku = skus.get(line.sku) ?? { units: 0, value: new D(0) };
      skus.set(line.sku, {
        units: sku.units + take,
        value: sku.value.plus(new D(line.unitPrice).times(take)),
      });
    }
  }
  return out;
}

/** Every notice of the world, whatever its date, keyed by id, with its day. */
function modelNotices(world: World): Map<string, { day: number; notice: Record<string, unknown> }> {
  const digits = MINOR_DIGITS[world.currency ?? "CNY"] as number;
  const money = (value: Decimal) => written(value, digits);
  const out = new Map<string, { day: number; notice: Record<string, unknown> }>();
  const escaped = (id: string) => id.replaceAll("%", "%25").replaceAll(":", "%3A");
  for (const po of world.purchaseOrders ?? []) {
    const issued = dayOf(po.issuedOn);
    const arrival = dayOf(po.expectedArrival);
    const confirmed = po.confirmedOn == null ? undefined : dayOf(po.confirmedOn);
    if (confirmed === undefined || confirmed > issued + 14) {
      out.set(`supplier-confirmation-overdue:${escaped(po.id)}`, {
        day: issued + 15,
        notice: { kind: "supplier-confirmation-overdue", due: dateFromOffset(issued + 14) },
      });
    }
    out.set(`warehouse-receiving:${escaped(po.id)}`, {
      day: Math.max(issued, arrival - 7),
      notice: {
        kind: "warehouse-receiving",
        lines: [...po.lines]
          .sort((x, y) => (x.sku < y.sku ? -1 : 1))
          .map((line) => ({ sku: line.sku, quantity: line.quantity })),
      },
    });
  }
  // R-SUP-2 edition 2: one preview per arrival date, over every purchase order expected that date.
  const byArrival = new Map<number, PurchaseOrderIn[]>();
  for (const po of world.purchaseOrders ?? []) {
    const arrival = dayOf(po.expectedArrival);
    byArrival.set(arrival, [...(byArrival.get(arrival) ?? []), po]);
  }
  for (const [arrival, group] of byArrival) {
    const fundDay = Math.max(...group.map((po) => Math.max(dayOf(po.issuedOn), arrival - 15)));
    for (const [franchisee, lines] of previewModel(world, group, fundDay)) {
      const found = (world.franchisees ?? []).find((f) => f.id === franchisee) as FranchiseeIn;
      const room = new D(found.creditLimit ?? 0).minus(found.creditUsed ?? 0);
      const spendable = new D(found.cash).plus(D.max(0, room));
      const needed = [...lines.values()].reduce((sum, line) => sum.plus(line.value), new D(0));
      out.set(`fund-preparation:${dateFromOffset(arrival)}:${escaped(franchisee)}`, {
        day: fundDay,
        notice: {
          kind: "fund-preparation",
          expectedArrival: dateFromOffset(arrival),
          purchaseOrders: group.map((po) => po.id).sort(compareCodeUnits),
          franchisee,
          needed: money(needed),
          spendable: money(spendable),
          lacking: money(D.max(0, needed.minus(spendable))),
          lines: [...lines]
            .sort(([x], [y]) => compareCodeUnits(x, y))
            .map(([sku, line]) => ({ sku, units: line.units, value: money(line.value) })),
        },
      });
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Properties.
 * --------------------------------------------------------------------------------------------- */

const kindRank = (notice: SupplyNotice) => SUPPLY_NOTICE_KINDS.indexOf(notice.kind);
const franchiseeOf = (notice: SupplyNotice) =>
  notice.kind === "fund-preparation" ? notice.franchisee : "";

describe("properties (R-SUP-1..4)", () => {
  it("R-SUP-4: [a, b] then [b + 1, c] gives exactly the notices of [a, c], no id twice", () => {
    fc.assert(
      fc.property(scenario, ({ world, a, b, c }) => {
        const whole = notices(world, a, c);
        expect([...notices(world, a, b), ...notices(world, b + 1, c)]).toEqual(whole);
        expect(new Set(whole.map((n) => n.id)).size).toBe(whole.length);
      }),
      params,
    );
  });

  it("R-SUP-4: one day at a time gives exactly the notices of the whole range", () => {
    const short = scenario.map(({ world, a, b }) => ({ world, a, c: Math.min(b, a + 20) }));
    fc.assert(
      fc.property(short, ({ world, a, c }) => {
        const days: SupplyNotice[] = [];
        for (let day = a; day <= c; day++) days.push(...notices(world, day, day));
        expect(days).toEqual(notices(world, a, c));
      }),
      { ...params, numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it("R-UNIT-4: the same notices whatever the order of the input arrays and keys; the input is unchanged", () => {
    fc.assert(
      fc.property(scenario, permutationSeed, ({ world, a, c }, seed) => {
        const input = deepFreeze({ ...world, from: dateFromOffset(a), to: dateFromOffset(c) });
        const once = supplyNotices(input);
        expect(supplyNotices(input)).toEqual(once);
        const shuffled = shuffleInput(input as unknown as AllocationInput, seed);
        expect(supplyNotices(shuffled)).toEqual(once);
      }),
      params,
    );
  });

  it("every notice is dated in its range, in canonical order, and is the model's (R-SUP-2: the preview written out again)", () => {
    fc.assert(
      fc.property(scenario, ({ world, a, c }) => {
        const range = notices(world, a, c);
        const model = modelNotices(world);
        const expected = [...model].filter(([, { day }]) => a <= day && day <= c);
        expect(range.map((n) => n.id).sort()).toEqual(expected.map(([id]) => id).sort());
        range.forEach((notice, k) => {
          const day = dayOf(notice.date);
          expect(day).toBeGreaterThanOrEqual(a);
          expect(day).toBeLessThanOrEqual(c);
          const entry = model.get(notice.id);
          expect(entry?.day).toBe(day);
          expect(notice).toMatchObject(entry?.notice ?? {});
          const previous = range[k - 1];
          if (previous !== undefined) {
            const key = (n: SupplyNotice) => [
              n.date,
              kindRank(n),
              n.kind === "fund-preparation" ? n.expectedArrival : n.purchaseOrder,
              franchiseeOf(n),
            ];
            expect(compareKeys(key(previous), key(notice))).toBeLessThan(0);
          }
        });
      }),
      params,
    );
  });

  it("R-SUP-2: one notice per (franchisee, arrival date), over every purchase order arriving that date", () => {
    fc.assert(
      fc.property(scenario, ({ world, a, c }) => {
        const funds = fundNotices(notices(world, a, c));
        const keys = funds.map((n) => JSON.stringify([n.franchisee, n.expectedArrival]));
        expect(new Set(keys).size).toBe(keys.length);
        for (const notice of funds) {
          const arriving = (world.purchaseOrders ?? [])
            .filter((po) => po.expectedArrival === notice.expectedArrival)
            .map((po) => po.id)
            .sort(compareCodeUnits);
          expect(notice.purchaseOrders).toEqual(arriving);
        }
      }),
      params,
    );
  });

  it("R-SUP-2: per arrival date and SKU, the notices' units never exceed the units arriving", () => {
    fc.assert(
      fc.property(scenario, ({ world, a, c }) => {
        const told = new Map<string, number>();
        for (const notice of fundNotices(notices(world, a, c))) {
          for (const line of notice.lines) {
            const key = JSON.stringify([notice.expectedArrival, line.sku]);
            told.set(key, (told.get(key) ?? 0) + line.units);
          }
        }
        for (const [key, units] of told) {
          const [arrival, sku] = JSON.parse(key) as [string, string];
          const arriving = (world.purchaseOrders ?? [])
            .filter((po) => po.expectedArrival === arrival)
            .flatMap((po) => po.lines)
            .filter((line) => line.sku === sku)
            .reduce((sum, line) => sum + line.quantity, 0);
          expect(units).toBeLessThanOrEqual(arriving);
        }
      }),
      params,
    );
  });

  it("R-SUP-2: needed = Σ units × unitPrice over the lines that receive them; lacking = max(0, needed − spendable); every line has units", () => {
    fc.assert(
      fc.property(scenario, ({ world, a, c }) => {
        for (const notice of fundNotices(notices(world, a, c))) {
          expect(notice.lines.length).toBeGreaterThan(0);
          let sum = new D(0);
          for (const line of notice.lines) {
            expect(line.units).toBeGreaterThan(0);
            sum = sum.plus(line.value);
          }
          expect(sum.eq(notice.needed)).toBe(true);
          const lacking = D.max(0, new D(notice.needed).minus(notice.spendable));
          expect(lacking.eq(notice.lacking)).toBe(true);
        }
      }),
      params,
    );
  });
});

const fundNotices = (list: readonly SupplyNotice[]): FundPreparationNotice[] =>
  list.filter((n): n is FundPreparationNotice => n.kind === "fund-preparation");

function compareKeys(x: readonly (string | number)[], y: readonly (string | number)[]): number {
  for (let k = 0; k < x.length; k++) {
    const p = x[k] as string | number;
    const q = y[k] as string | number;
    if (p < q) return -1;
    if (p > q) return 1;
  }
  return 0;
}
