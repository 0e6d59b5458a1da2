/**
 * fast-check arbitraries for property tests of `allocate` (SPEC §3.8).
 *
 * Every value {@link allocationInput} produces is a VALID `AllocationInput`
 * (SPEC §3.0, §7, Appendix A): references resolve, ids are unique in their
 * list, a line's carried locks fit its outstanding quantity and match its
 * franchisee and SKU, every lock was placed on or before `asOf`. Inputs are
 * small (0–6 products, 0–5 franchisees, 0–6 orders of 1–4 lines) and stock is
 * small (0–30 per SKU), so that stock and money are often short and every pass
 * has something to decide.
 *
 * The generator first draws "raw" material (indices into the pools, offsets
 * from `asOf`, quantities to be clamped) and then builds the input with a
 * plain function: shrinking stays effective and every built input is valid
 * by construction.
 */
import fc from "fast-check";
import type { AllocationInput } from "../../src/index.js";

type Policy = NonNullable<AllocationInput["policy"]>;
type ProductIn = NonNullable<AllocationInput["products"]>[number];
type SupplyIn = NonNullable<AllocationInput["supply"]>[number];
type FranchiseeIn = NonNullable<AllocationInput["franchisees"]>[number];
type OrderIn = NonNullable<AllocationInput["orders"]>[number];
type LineIn = OrderIn["lines"][number];
type LockIn = NonNullable<AllocationInput["locks"]>[number];
type RegionIn = NonNullable<AllocationInput["regions"]>[number];
type StoreIn = NonNullable<AllocationInput["stores"]>[number];
type StoreNeedIn = NonNullable<AllocationInput["storeNeeds"]>[number];
type RegionNeedIn = NonNullable<AllocationInput["regionNeeds"]>[number];
type HoldbackIn = NonNullable<AllocationInput["holdback"]>[number];

/*
 * Id pools. Each holds prototype-sensitive ids ("__proto__", "constructor"),
 * ids that differ only in case, ids with dashes, CJK and accented letters, and
 * ids whose UTF-16 code-unit order differs from their code-point order and from
 * any locale order ("😀…" starts with a surrogate U+D83D, below "ｘ" U+FF58 in
 * code units but above it in code points).
 */
export const SKU_POOL = [
  "T100",
  "t100",
  "T-100",
  "__proto__",
  "constructor",
  "衬衫-红-M",
  "😀-tee",
  "ｘ-tee",
  "é",
] as const;
export const FRANCHISEE_POOL = [
  "F1",
  "F2",
  "F10",
  "f1",
  "__proto__",
  "constructor",
  "加盟-东",
  "😀",
] as const;
export const ORDER_POOL = [
  "SO-1",
  "SO-2",
  "SO-10",
  "so-1",
  "__proto__",
  "constructor",
  "订单-3",
  "ＳＯ-😀",
] as const;
/** Default region ids (nanning is not in the default AW order) and regions no season lists. */
export const REGION_POOL = [
  "airport",
  "shenzhen",
  "beijing",
  "guangzhou",
  "nanning",
  "guiyang",
  "__proto__",
  "constructor",
  "海南-1",
  "Zone-9",
] as const;
export const STORE_POOL = [
  "S1",
  "S2",
  "S10",
  "s1",
  "__proto__",
  "constructor",
  "店-A",
  "😀店",
] as const;
export const LOCK_POOL = ["L1", "L2", "L-1", "__proto__", "constructor", "锁-1", "l1"] as const;

/** Days from 2026-01-01: `asOf` ranges over two years, so every month and both seasons occur. */
const EPOCH = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

/** 2026-01-01 plus `days`, as YYYY-MM-DD (UTC calendar arithmetic). */
export function dateFromOffset(days: number): string {
  return new Date(EPOCH + days * DAY_MS).toISOString().slice(0, 10);
}

const NICE_AMOUNTS = [
  "0.01",
  "1",
  "9.99",
  "10",
  "10.50",
  "19.98",
  "20",
  "21.0",
  "30",
  "99.9",
  "100",
  "199.80",
];

/**
 * A decimal string with 0, 1 or 2 decimals and at most `maxUnits` before the
 * point; zero is frequent and comes written several ways ("0", "0.0", "0.00").
 */
export function moneyString(maxUnits: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom("0", "0.0", "0.00") },
    // Round amounts that are whole multiples of one another, so that money often
    // pays for exactly n units (the boundary of ⌊spendable ÷ unitPrice⌋).
    { weight: 2, arbitrary: fc.constantFrom(...NICE_AMOUNTS) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 0, max: maxUnits }),
          fc.integer({ min: 0, max: 99 }),
          fc.constantFrom(0, 1, 2),
        )
        .map(([units, cents, digits]) =>
          digits === 0
            ? `${units}`
            : digits === 1
              ? `${units}.${cents % 10}`
              : `${units}.${String(cents).padStart(2, "0")}`,
        ),
    },
  );
}

const quantity = fc.integer({ min: 0, max: 30 });
const index = fc.nat({ max: 40 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const PERMUTATIONS_OF_ABC = [
  ["A", "B", "C"],
  ["A", "C", "B"],
  ["B", "A", "C"],
  ["B", "C", "A"],
  ["C", "A", "B"],
  ["C", "B", "A"],
] as const;

/** A partial policy: every field optional, each with every admissible kind of value. */
export const policyArbitrary: fc.Arbitrary<Policy> = fc
  .record(
    {
      franchiseeRanking: fc.constantFrom("priority" as const, "funds" as const),
      creditCountsAsFunds: fc.boolean(),
      spendOrder: fc.constantFrom("cash-first" as const, "credit-first" as const),
      afterShortfall: fc.constantFrom("continue" as const, "stop" as const),
      lockUnfunded: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      lockDays: fc.integer({ min: 1, max: 30 }),
      relockCooldownDays: fc.integer({ min: 0, max: 30 }),
      // R-LOCK-GRACE: 0 (edition 1's reading) to 3; missing, the default 1.
      paymentGraceDays: fc.integer({ min: 0, max: 3 }),
      regionOrder: fc.record(
        { SS: fc.shuffledSubarray([...REGION_POOL]), AW: fc.shuffledSubarray([...REGION_POOL]) },
        { requiredKeys: [] },
      ),
      // A partition of the twelve months (both lists are given: one alone would
      // overlap the other's default and be refused).
      seasonCalendar: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }).map((springs) => ({
        SS: springs.flatMap((spring, month) => (spring ? [month + 1] : [])),
        AW: springs.flatMap((spring, month) => (spring ? [] : [month + 1])),
      })),
      storeClassOrder: fc.constantFrom(...PERMUTATIONS_OF_ABC).map((order) => [...order]),
      // R-PRIO-FACTORS: any keys in any order, at least one.
      franchiseeTieBreak: fc.shuffledSubarray(
        ["spendable" as const, "orderedUnits" as const, "orderedValue" as const, "id" as const],
        { minLength: 1 },
      ),
      // R-SHARE: equals one after another, or in proportion to their capped demand.
      share: fc.constantFrom("sequential" as const, "proportional" as const),
      // R-SIZE-RUN: sizes bought in line order, or a style's affordable units spread.
      partialBy: fc.constantFrom("line" as const, "style" as const),
      // R-MINFILL: off, hundredths, and shares no binary number holds exactly.
      minFill: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 100 }).map((hundredths) => hundredths / 100),
        fc.constantFrom(1 / 3, 0.07, 1e-7, 1),
      ),
    },
    { requiredKeys: [] },
  )
  // fc.record leaves out keys with a null-prototype object: rebuild plain objects,
  // as JSON.parse would give.
  .map(({ regionOrder, ...rest }) => {
    const policy: Policy = { ...rest };
    if (regionOrder !== undefined) policy.regionOrder = { ...regionOrder };
    return policy;
  });

const rawLine = fc.record({
  line: fc.integer({ min: 1, max: 6 }),
  sku: index,
  quantity,
  unitPrice: moneyString(150),
  allocated: optional(fc.nat({ max: 30 })),
  /** Days from `asOf`: blocked only when after it. */
  lockBlockedUntil: fc.option(fc.integer({ min: -5, max: 20 }), { nil: undefined, freq: 3 }),
  lockBlockedNull: fc.boolean(),
});

const rawOrder = fc.record({
  id: fc.constantFrom(...ORDER_POOL),
  franchisee: index,
  orderedOnAgo: fc.integer({ min: -3, max: 40 }),
  // R-COMPLETE: now and then a ship-complete order (false: the field given, off).
  shipComplete: fc.option(fc.boolean(), { nil: undefined, freq: 2 }),
  lines: fc.uniqueArray(rawLine, { minLength: 1, maxLength: 4, selector: (line) => line.line }),
});

const rawLock = fc.record({
  /** A pool id, or (a string) the id a new lock for some line would get in this run. */
  id: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...LOCK_POOL) },
    {
      weight: 1,
      arbitrary: fc.record({ order: index, line: index, suffix: fc.constantFrom("", "~2") }),
    },
  ),
  order: index,
  line: index,
  quantity: fc.integer({ min: 1, max: 30 }),
  lockedAgo: fc.integer({ min: 0, max: 30 }),
  duration: fc.integer({ min: 1, max: 30 }),
});

const rawInput = fc.record({
  asOf: fc.integer({ min: 0, max: 729 }),
  currency: fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constant("CNY") },
    { weight: 1, arbitrary: fc.constantFrom("JPY", "KWD", "USD") },
  ),
  policy: optional(policyArbitrary),
  products: fc.uniqueArray(
    fc.record({
      sku: fc.constantFrom(...SKU_POOL),
      style: optional(fc.constantFrom("T100", "衬衫")),
      season: fc.constantFrom("SS" as const, "AW" as const, "NONE" as const),
      launchDate: optional(fc.integer({ min: -30, max: 30 })),
      launchRank: optional(fc.integer({ min: -1, max: 3 })),
      // R-PACK: now and then cartons of a few units (1: the field given, off).
      packSize: optional(fc.integer({ min: 1, max: 6 })),
    }),
    { maxLength: 6, selector: (product) => product.sku },
  ),
  supply: fc.array(fc.record({ sku: index, quantity }), { maxLength: 6 }),
  franchisees: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom(...FRANCHISEE_POOL),
      priority: fc.integer({ min: -1, max: 4 }),
      cash: moneyString(2000),
      creditLimit: optional(moneyString(1500)),
      creditUsed: optional(moneyString(1500)),
      region: optional(fc.constantFrom(...REGION_POOL)),
    }),
    { maxLength: 5, selector: (franchisee) => franchisee.id },
  ),
  orders: fc.array(rawOrder, { maxLength: 6 }),
  locks: fc.array(rawLock, { maxLength: 6 }),
  regions: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom(...REGION_POOL),
      name: optional(fc.constantFrom("深圳", "x")),
    }),
    { maxLength: 6, selector: (region) => region.id },
  ),
  stores: fc.array(
    fc.record({
      id: fc.constantFrom(...STORE_POOL),
      region: index,
      class: fc.constantFrom("A" as const, "B" as const, "C" as const),
      operation: fc.constantFrom("direct" as const, "joint" as const),
    }),
    { maxLength: 6 },
  ),
  storeNeeds: fc.array(
    fc.record({
      store: index,
      sku: index,
      safetyStock: quantity,
      onHand: optional(fc.nat({ max: 12 })),
      inTransit: optional(fc.nat({ max: 6 })),
    }),
    { maxLength: 8 },
  ),
  regionNeeds: fc.array(fc.record({ region: index, sku: index, quantity }), { maxLength: 6 }),
  // R-HOLD: now and then units kept for the direct pass, a region or nobody.
  holdback: fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.record({
          sku: index,
          quantity: fc.integer({ min: 1, max: 30 }),
          for: fc.oneof(
            fc.constant("direct" as const),
            fc.constant("none" as const),
            fc.record({ region: index }),
          ),
        }),
        { maxLength: 4 },
      ),
    },
  ),
});

type RawInput = typeof rawInput extends fc.Arbitrary<infer T> ? T : never;

function pick<T>(items: readonly T[], at: number): T | undefined {
  return items.length === 0 ? undefined : items[at % items.length];
}

/** Builds a valid input from raw material: clamps, resolves indices, drops what cannot be valid. */
function build(raw: RawInput): AllocationInput {
  const asOfDay = raw.asOf;
  const asOf = dateFromOffset(asOfDay);

  const products: ProductIn[] = raw.products.map((p) => ({
    sku: p.sku,
    season: p.season,
    ...(p.style === undefined ? {} : { style: p.style }),
    ...(p.launchDate === undefined ? {} : { launchDate: dateFromOffset(asOfDay + p.launchDate) }),
    ...(p.launchRank === undefined ? {} : { launchRank: p.launchRank }),
    ...(p.packSize === undefined ? {} : { packSize: p.packSize }),
  }));
  const skus = products.map((p) => p.sku);

  const supply: SupplyIn[] = [];
  for (const row of raw.supply) {
    const sku = pick(skus, row.sku);
    if (sku !== undefined && !supply.some((s) => s.sku === sku)) {
      supply.push({ sku, quantity: row.quantity });
    }
  }

  const franchisees: FranchiseeIn[] = raw.franchisees.map((f) => ({
    id: f.id,
    priority: f.priority,
    cash: f.cash,
    ...(f.creditLimit === undefined ? {} : { creditLimit: f.creditLimit }),
    ...(f.creditUsed === undefined ? {} : { creditUsed: f.creditUsed }),
    ...(f.region === undefined ? {} : { region: f.region }),
  }));

  const orders: OrderIn[] = [];
  for (const o of raw.orders) {
    const franchisee = pick(franchisees, o.franchisee);
    if (franchisee === undefined || skus.length === 0) continue;
    if (orders.some((existing) => existing.id === o.id)) continue;
    const lines: LineIn[] = o.lines.map((l) => {
      const sku = skus[l.sku % skus.length] as string;
      const blocked =
        l.lockBlockedUntil === undefined
          ? l.lockBlockedNull
            ? { lockBlockedUntil: null }
            : {}
          : { lockBlockedUntil: dateFromOffset(asOfDay + l.lockBlockedUntil) };
      return {
        line: l.line,
        sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        ...(l.allocated === undefined ? {} : { allocated: l.allocated % (l.quantity + 1) }),
        ...blocked,
      };
    });
    orders.push({
      id: o.id,
      franchisee: franchisee.id,
      orderedOn: dateFromOffset(asOfDay - o.orderedOnAgo),
      lines,
      ...(o.shipComplete === undefined ? {} : { shipComplete: o.shipComplete }),
    });
  }

  const locks: LockIn[] = [];
  const lockedOnLine = new Map<LineIn, number>();
  for (const l of raw.locks) {
    const order = pick(orders, l.order);
    if (order === undefined) continue;
    const line = pick(order.lines, l.line);
    if (line === undefined) continue;
    const open = line.quantity - (line.allocated ?? 0) - (lockedOnLine.get(line) ?? 0);
    if (open <= 0) continue;
    const lockQuantity = Math.min(l.quantity, open);
    let id: string;
    if (typeof l.id === "string") {
      id = l.id;
    } else {
      // The id a new lock would get in this run (R-LOCK-PLACE: LK-<asOf>-<order>-<line>).
      const other = pick(orders, l.id.order) ?? order;
      const otherLine = pick(other.lines, l.id.line) ?? line;
      id = `LK-${asOf}-${other.id}-${otherLine.line}${l.id.suffix}`;
    }
    if (locks.some((existing) => existing.id === id)) continue;
    const lockedOnDay = asOfDay - l.lockedAgo;
    lockedOnLine.set(line, (lockedOnLine.get(line) ?? 0) + lockQuantity);
    locks.push({
      id,
      order: order.id,
      line: line.line,
      franchisee: order.franchisee,
      sku: line.sku,
      quantity: lockQuantity,
      lockedOn: dateFromOffset(lockedOnDay),
      expiresOn: dateFromOffset(lockedOnDay + l.duration),
    });
  }

  const regions: RegionIn[] = raw.regions.map((r) => ({
    id: r.id,
    ...(r.name === undefined ? {} : { name: r.name }),
  }));

  const stores: StoreIn[] = [];
  for (const s of raw.stores) {
    const region = pick(regions, s.region);
    if (region === undefined || stores.some((existing) => existing.id === s.id)) continue;
    stores.push({ id: s.id, region: region.id, class: s.class, operation: s.operation });
  }

  const storeNeeds: StoreNeedIn[] = [];
  for (const n of raw.storeNeeds) {
    const store = pick(stores, n.store);
    const sku = pick(skus, n.sku);
    if (store === undefined || sku === undefined) continue;
    if (storeNeeds.some((existing) => existing.store === store.id && existing.sku === sku))
      continue;
    storeNeeds.push({
      store: store.id,
      sku,
      safetyStock: n.safetyStock,
      ...(n.onHand === undefined ? {} : { onHand: n.onHand }),
      ...(n.inTransit === undefined ? {} : { inTransit: n.inTransit }),
    });
  }

  const regionNeeds: RegionNeedIn[] = [];
  for (const n of raw.regionNeeds) {
    const region = pick(regions, n.region);
    const sku = pick(skus, n.sku);
    if (region === undefined || sku === undefined) continue;
    if (regionNeeds.some((existing) => existing.region === region.id && existing.sku === sku)) {
      continue;
    }
    regionNeeds.push({ region: region.id, sku, quantity: n.quantity });
  }

  const holdback: HoldbackIn[] = [];
  for (const h of raw.holdback) {
    const sku = pick(skus, h.sku);
    const region = typeof h.for === "string" ? undefined : pick(regions, h.for.region);
    if (sku === undefined || (typeof h.for !== "string" && region === undefined)) continue;
    const holdFor = typeof h.for === "string" ? h.for : { region: (region as RegionIn).id };
    const channel = (f: HoldbackIn["for"]) => (typeof f === "string" ? f : f.region);
    if (holdback.some((e) => e.sku === sku && channel(e.for) === channel(holdFor))) continue;
    holdback.push({ sku, quantity: h.quantity, for: holdFor });
  }

  return {
    asOf,
    ...(raw.currency === undefined ? {} : { currency: raw.currency }),
    ...(raw.policy === undefined ? {} : { policy: raw.policy }),
    products,
    supply,
    franchisees,
    orders,
    locks,
    regions,
    stores,
    storeNeeds,
    regionNeeds,
    ...(holdback.length === 0 ? {} : { holdback }),
  };
}

/** A valid, small `AllocationInput` (see the module comment). */
export const allocationInput: fc.Arbitrary<AllocationInput> = rawInput.map(build);

/**
 * R-LOCK-GRACE: a valid input whose carried locks lie around their expiry — each
 * expires from four days before `asOf` to the day after it — with a payment grace of
 * 0 to 3 days, so that active, expiring and expired locks all occur, with money for
 * none, part or all of them.
 */
export const lockExpiryInput: fc.Arbitrary<AllocationInput> = fc
  .tuple(
    allocationInput,
    fc.array(fc.record({ late: fc.integer({ min: -1, max: 4 }), age: fc.nat({ max: 15 }) }), {
      minLength: 6,
      maxLength: 6,
    }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([input, dates, paymentGraceDays]) => {
    const asOfDay = Math.round((Date.parse(input.asOf) - EPOCH) / DAY_MS);
    const locks = (input.locks ?? []).map((lock, index) => {
      const { late, age } = dates[index % dates.length] as { late: number; age: number };
      const expiresDay = asOfDay - late;
      // Placed on or before asOf, at least a day before it expires.
      const lockedDay = expiresDay - Math.max(1, -late) - age;
      return {
        ...lock,
        lockedOn: dateFromOffset(lockedDay),
        expiresOn: dateFromOffset(expiresDay),
      };
    });
    return { ...input, policy: { ...input.policy, paymentGraceDays }, locks };
  })
  .filter((input) => input.locks.length > 0);

/** A seed for {@link shuffleInput}. */
export const permutationSeed: fc.Arbitrary<number> = fc.integer({
  min: 0,
  max: 0x7fff_ffff,
});

/** mulberry32: a tiny deterministic PRNG, for permutations driven by a fast-check seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}

/** Arrays whose order means something (a serving order): never shuffled. */
const ORDERED_PATHS = new Set([
  "policy.regionOrder.SS",
  "policy.regionOrder.AW",
  "policy.storeClassOrder",
  "policy.franchiseeTieBreak",
]);

/**
 * The same input with every array that is a set shuffled (products, supply,
 * franchisees, orders, each order's lines, locks, regions, stores, needs, the
 * months of each season) and the keys of every object in another order. Arrays
 * that are serving orders (`policy.regionOrder.*`, `policy.storeClassOrder`,
 * `policy.franchiseeTieBreak`) keep their order. A fresh deep copy: `input` is not touched.
 */
export function shuffleInput(input: AllocationInput, seed: number): AllocationInput {
  const random = prng(seed);
  const visit = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) {
      const items = value.map((item) => visit(item, `${path}[]`));
      return ORDERED_PATHS.has(path) ? items : shuffled(items, random);
    }
    if (typeof value === "object" && value !== null) {
      const entries = shuffled(Object.entries(value), random).map(
        ([key, inner]) => [key, visit(inner, path === "" ? key : `${path}.${key}`)] as const,
      );
      return Object.fromEntries(entries);
    }
    return value;
  };
  return visit(input, "") as AllocationInput;
}

/** Freezes `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
