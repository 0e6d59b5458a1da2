/**
 * Property-based tests of the invariants of SPEC §3.8 (and the plan contract of
 * Appendix A) over random valid inputs (test/support/arbitraries.ts).
 *
 * Every expectation is recomputed here from the input and the plan's own
 * quantities, by the rules of SPEC §3 written out again in this file (own
 * comparators, own lock expiry, own money arithmetic on decimal.js): the plan's
 * trace is used only for its order and to be checked against the recomputed
 * facts, never as the source of an expected value where an independent one
 * can be had. The ranking helpers of src/ranking are cross-checked against the
 * comparators written here.
 *
 * With CI set, every property runs with the fixed seed 20261128. Each runs 1000
 * times by default; FC_NUM_RUNS sets another count (test/support/runs.ts).
 */
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationInput,
  type AllocationPlan,
  allocate,
  compareByPriority,
  compareFranchisees,
  compareLines,
  compareStores,
  DEFAULT_POLICY,
  isFunded,
  parseAllocationInput,
  parseIsoDate,
  productPriority,
  regionServingOrder,
  seasonInForce,
} from "../../src/index.js";
import {
  allocationInput,
  deepFreeze,
  lockExpiryInput,
  permutationSeed,
  shuffleInput,
} from "../support/arbitraries.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

/** 1000 runs per property; FC_NUM_RUNS=20000 for a deeper search, fewer for a fast pass. */
const RUNS = propertyRuns(1000);
const params = propertyParams(RUNS);

/* ------------------------------------------------------------------------------------------------
 * Exact money, independent of src/domain/money.ts.
 * --------------------------------------------------------------------------------------------- */

const D = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_DOWN });
type Dec = Decimal;
const dec = (value: string | number): Dec => new D(value);
const ZERO = dec(0);

/* ------------------------------------------------------------------------------------------------
 * Small helpers.
 * --------------------------------------------------------------------------------------------- */

/** Code-unit string order (SPEC R-UNIT-4), written here again. */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const key = (...parts: (string | number)[]): string => JSON.stringify(parts);
const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};
const addTo = (map: Map<string, number>, k: string, n: number) => map.set(k, (map.get(k) ?? 0) + n);

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/* ------------------------------------------------------------------------------------------------
 * The facts of an input, recomputed from SPEC §3.0–3.2.
 * --------------------------------------------------------------------------------------------- */

type ProductIn = NonNullable<AllocationInput["products"]>[number];
type LockIn = NonNullable<AllocationInput["locks"]>[number];
type HoldIn = NonNullable<AllocationInput["holdback"]>[number];
type StoreIn = NonNullable<AllocationInput["stores"]>[number];
type StoreClass = StoreIn["class"];
type Season = "SS" | "AW";

interface Policy {
  franchiseeRanking: "priority" | "funds";
  creditCountsAsFunds: boolean;
  spendOrder: "cash-first" | "credit-first";
  afterShortfall: "continue" | "stop";
  lockUnfunded: boolean;
  lockDays: number;
  relockCooldownDays: number;
  paymentGraceDays: number;
  regionOrder: Record<Season, readonly string[]>;
  seasonCalendar: Record<Season, readonly number[]>;
  storeClassOrder: readonly StoreClass[];
  franchiseeTieBreak: readonly ("spendable" | "orderedUnits" | "orderedValue" | "id")[];
  minFill: number;
  partialBy: "line" | "style";
  share: "sequential" | "proportional";
}

interface FranchiseeFact {
  id: string;
  priority: number;
  cash: Dec;
  /** max(0, creditLimit − creditUsed). */
  available: Dec;
  /** Order lines of the franchisee with outstanding > 0 after expiry. */
  lines: LineFact[];
}

interface LineFact {
  key: string;
  order: string;
  line: number;
  franchisee: string;
  sku: string;
  quantity: number;
  allocated: number;
  price: Dec;
  orderedOn: string;
  /** R-COMPLETE: the line's order ships complete. */
  shipComplete: boolean;
  productRank: number;
  lockBlockedUntil: string | undefined;
  /**
   * Carried locks offered for conversion (R-LOCK-CONVERT): active at `asOf`, or
   * expiring — past expiresOn but in the payment grace (R-LOCK-GRACE).
   */
  active: LockIn[];
  /** Carried locks released at this run: expired, or expiring and not converted in full. */
  released: LockIn[];
  /** Units of the line's expiring locks released after conversion (R-LOCK-GRACE). */
  graceReleased: number;
  /**
   * What the funded pass may serve: quantity − allocated − Σ offered carried locks
   * (SPEC §3.0), plus what the expiring ones gave back after conversion (R-LOCK-GRACE).
   */
  outstanding: number;
  /** May not be locked in this run: released now, or lockBlockedUntil > asOf. */
  blocked: boolean;
  /**
   * R-LOCK-EXPIRE, per line: the later of (the latest expiresOn + relockCooldownDays of
   * the line's locks released now) and (its lockBlockedUntil when after asOf). Every
   * released lock of the line carries it, and so does a barred line's lock decision.
   */
  barrier: string | undefined;
}

interface DirectClaim {
  kind: "store" | "region";
  id: string;
  region: string;
  demand: number;
}

interface Facts {
  input: AllocationInput;
  asOf: string;
  policy: Policy;
  products: Map<string, ProductIn>;
  productRank: Map<string, number>;
  supply: Map<string, number>;
  franchisees: Map<string, FranchiseeFact>;
  lines: LineFact[];
  line: Map<string, LineFact>;
  locks: LockIn[];
  /** R-LOCK-EXPIRE: the locks past expiresOn + paymentGraceDays, released whole before anything. */
  releasedIds: Set<string>;
  /** R-LOCK-GRACE: the locks with expiresOn ≤ asOf < expiresOn + paymentGraceDays. */
  expiringIds: Set<string>;
  /** Units released of each released lock: all of an expired one, the unconverted rest of an expiring one. */
  releasedUnits: Map<string, number>;
  /** Units converted of each offered lock, by the plan's conversion decisions (checked in R-INV-CONSERVE). */
  convertedUnits: Map<string, number>;
  stores: Map<string, StoreIn>;
}

function effectivePolicy(input: AllocationInput): Policy {
  const given = input.policy ?? {};
  return {
    franchiseeRanking: given.franchiseeRanking ?? "priority",
    creditCountsAsFunds: given.creditCountsAsFunds ?? true,
    spendOrder: given.spendOrder ?? "cash-first",
    afterShortfall: given.afterShortfall ?? "continue",
    lockUnfunded: given.lockUnfunded ?? true,
    lockDays: given.lockDays ?? 15,
    relockCooldownDays: given.relockCooldownDays ?? 15,
    paymentGraceDays: given.paymentGraceDays ?? 1,
    regionOrder: {
      SS: given.regionOrder?.SS ?? DEFAULT_POLICY.regionOrder.SS,
      AW: given.regionOrder?.AW ?? DEFAULT_POLICY.regionOrder.AW,
    },
    seasonCalendar: {
      SS: given.seasonCalendar?.SS ?? [2, 3, 4, 5, 6, 7],
      AW: given.seasonCalendar?.AW ?? [8, 9, 10, 11, 12, 1],
    },
    storeClassOrder: given.storeClassOrder ?? ["A", "B", "C"],
    franchiseeTieBreak: given.franchiseeTieBreak ?? ["spendable", "id"],
    minFill: given.minFill ?? 0,
    partialBy: given.partialBy ?? "line",
    share: given.share ?? "sequential",
  };
}

/**
 * R-MINFILL written out: whether a line of `demand` outstanding units refuses an
 * `offered` part — more than none, less than all and below ⌈minFill × demand⌉,
 * minFill read as the decimal it is written as.
 */
function ownRefusal(policy: Policy, offered: number, demand: number): boolean {
  const least = dec(String(policy.minFill)).times(demand).ceil().toNumber();
  return offered > 0 && offered < demand && offered < least;
}

/**
 * R-SIZE-RUN written out: `units` shared in proportion to `weights`, no share
 * above its cap — a share whose quota passes its cap is fixed at it and the rest
 * re-shared — then floors, and one more each to the largest remainders
 * (earlier first on a tie).
 */
function ownApportion(
  units: number,
  weights: readonly number[],
  caps: readonly number[],
): number[] {
  const out = weights.map(() => 0);
  const fixed = new Set<number>();
  let left = units;
  for (;;) {
    const open = weights
      .map((_, k) => k)
      .filter((k) => (weights[k] as number) > 0 && !fixed.has(k));
    const total = open.reduce((sum, k) => sum + (weights[k] as number), 0);
    if (total === 0 || left === 0) return out;
    const quota = (k: number) =>
      dec(left)
        .times(weights[k] as number)
        .dividedBy(total);
    const capped = open.filter((k) => quota(k).gt(caps[k] as number));
    if (capped.length > 0) {
      for (const k of capped) {
        out[k] = caps[k] as number;
        left -= caps[k] as number;
        fixed.add(k);
      }
      continue;
    }
    // Remainders compared as left × weight mod total: exact integers.
    const rest = open.map((k) => ({ k, r: (left * (weights[k] as number)) % total }));
    for (const k of open) out[k] = Math.floor((left * (weights[k] as number)) / total);
    const given = open.reduce((sum, k) => sum + (out[k] as number), 0);
    rest.sort((x, y) => y.r - x.r || x.k - y.k);
    for (let n = 0; n < left - given; n++) {
      const k = (rest[n] as { k: number }).k;
      out[k] = (out[k] as number) + 1;
    }
    return out;
  }
}

/** R-PACK written out: the units per pack of `sku` (1 when none is given). */
/** Units `price` lets `money` buy, at most `cap`. */
function affordableUnits(price: Dec, money: Dec, cap: number): number {
  return price.isZero() ? cap : Math.min(cap, money.dividedToIntegerBy(price).toNumber());
}

function ownPack(facts: Facts, sku: string): number {
  return facts.products.get(sku)?.packSize ?? 1;
}

/** R-PACK written out: `allowed` units of a demand of `demand` as whole packs, unless it completes. */
function ownPacks(facts: Facts, sku: string, allowed: number, demand: number): number {
  if (allowed >= demand) return allowed;
  const pack = ownPack(facts, sku);
  return Math.floor(allowed / pack) * pack;
}

/** R-MINFILL: the least units of `demand`, as a refused decision must name them. */
function ownLeast(policy: Policy, demand: number): number {
  return dec(String(policy.minFill)).times(demand).ceil().toNumber();
}

/** R-RANK-PRODUCT written out: launchDate asc (missing last), launchRank asc (missing last), sku. */
function ownProductOrder(a: ProductIn, b: ProductIn): number {
  const missingLast = <T>(x: T | undefined, y: T | undefined, cmp: (p: T, q: T) => number) =>
    x === undefined ? (y === undefined ? 0 : 1) : y === undefined ? -1 : cmp(x, y);
  return (
    missingLast(a.launchDate, b.launchDate, byId) ||
    missingLast(a.launchRank, b.launchRank, (p, q) => p - q) ||
    byId(a.sku, b.sku)
  );
}

/** R-RANK-LINE written out: product priority, orderedOn, order id, line. */
function ownLineOrder(a: LineFact, b: LineFact): number {
  return (
    a.productRank - b.productRank ||
    byId(a.orderedOn, b.orderedOn) ||
    byId(a.order, b.order) ||
    a.line - b.line
  );
}

/**
 * The facts of `input`, and of its plan's conversion quantities where the edition-2
 * reading needs them (R-LOCK-GRACE: what an expiring lock gives back depends on what
 * it converted; the conversions are checked against the money in R-INV-CONSERVE).
 */
function factsOf(input: AllocationInput, plan: AllocationPlan): Facts {
  const policy = effectivePolicy(input);
  const asOf = input.asOf;
  const productList = input.products ?? [];
  const ranked = [...productList].sort(ownProductOrder);
  const productRank = new Map(ranked.map((p, i) => [p.sku, i]));
  // The helper must agree with R-RANK-PRODUCT as written here.
  expect([...productPriority(productList).entries()]).toEqual([...productRank.entries()]);

  const supply = new Map<string, number>();
  for (const row of input.supply ?? []) supply.set(row.sku, row.quantity);

  const franchisees = new Map<string, FranchiseeFact>();
  for (const f of input.franchisees ?? []) {
    const available = dec(f.creditLimit ?? "0").minus(dec(f.creditUsed ?? "0"));
    franchisees.set(f.id, {
      id: f.id,
      priority: f.priority,
      cash: dec(f.cash),
      available: available.isNegative() ? ZERO : available,
      lines: [],
    });
  }

  const locks = input.locks ?? [];
  // R-LOCK-EXPIRE: active while asOf < expiresOn; R-LOCK-GRACE: expiring for
  // paymentGraceDays days from expiresOn; released whole before anything after that.
  const graceEnds = (l: LockIn) => addDays(l.expiresOn, policy.paymentGraceDays);
  const releasedIds = new Set(locks.filter((l) => asOf >= graceEnds(l)).map((l) => l.id));
  const expiringIds = new Set(
    locks.filter((l) => asOf >= l.expiresOn && asOf < graceEnds(l)).map((l) => l.id),
  );
  const convertedUnits = new Map<string, number>();
  for (const d of plan.trace)
    if (d.pass === "conversion") addTo(convertedUnits, d.lock, d.quantity);
  const releasedUnits = new Map<string, number>();
  for (const l of locks) {
    if (releasedIds.has(l.id)) releasedUnits.set(l.id, l.quantity);
    const rest = l.quantity - (convertedUnits.get(l.id) ?? 0);
    if (expiringIds.has(l.id) && rest > 0) releasedUnits.set(l.id, rest);
  }

  const lines: LineFact[] = [];
  const line = new Map<string, LineFact>();
  for (const order of input.orders ?? []) {
    for (const l of order.lines) {
      const k = key(order.id, l.line);
      const mine = locks.filter((lock) => lock.order === order.id && lock.line === l.line);
      const active = mine.filter((lock) => !releasedIds.has(lock.id));
      const released = mine.filter((lock) => releasedUnits.has(lock.id));
      const graceReleased = sum(
        mine
          .filter((lock) => expiringIds.has(lock.id))
          .map((lock) => releasedUnits.get(lock.id) ?? 0),
      );
      const allocated = l.allocated ?? 0;
      const lockBlockedUntil = l.lockBlockedUntil ?? undefined;
      const bars = released.map((lock) => addDays(lock.expiresOn, policy.relockCooldownDays));
      if (lockBlockedUntil !== undefined && lockBlockedUntil > asOf) bars.push(lockBlockedUntil);
      // YYYY-MM-DD dates: the latest is the last in code-unit order (none: undefined).
      const barrier = bars.sort(byId).pop();
      const fact: LineFact = {
        key: k,
        order: order.id,
        line: l.line,
        franchisee: order.franchisee,
        sku: l.sku,
        quantity: l.quantity,
        allocated,
        price: dec(l.unitPrice),
        orderedOn: order.orderedOn,
        shipComplete: order.shipComplete === true,
        productRank: must(productRank.get(l.sku), `product ${l.sku}`),
        lockBlockedUntil,
        active,
        released,
        graceReleased,
        outstanding:
          l.quantity - allocated - sum(active.map((lock) => lock.quantity)) + graceReleased,
        blocked: released.length > 0 || (lockBlockedUntil !== undefined && lockBlockedUntil > asOf),
        barrier,
      };
      lines.push(fact);
      line.set(k, fact);
    }
  }
  for (const fact of lines) {
    if (fact.outstanding > 0) must(franchisees.get(fact.franchisee), "franchisee").lines.push(fact);
  }
  for (const f of franchisees.values()) {
    f.lines.sort(ownLineOrder);
    // The helper must order lines the same way.
    expect([...f.lines].sort(compareLines).map((l) => l.key)).toEqual(f.lines.map((l) => l.key));
  }

  return {
    input,
    asOf,
    policy,
    products: new Map(productList.map((p) => [p.sku, p])),
    productRank,
    supply,
    franchisees,
    lines,
    line,
    locks,
    releasedIds,
    expiringIds,
    releasedUnits,
    convertedUnits,
    stores: new Map((input.stores ?? []).map((s) => [s.id, s])),
  };
}

/* ------------------------------------------------------------------------------------------------
 * What the plan says, indexed.
 * --------------------------------------------------------------------------------------------- */

interface Booked {
  lockAllocated: Map<string, number>;
  fundedAllocated: Map<string, number>;
  newLock: Map<string, number>;
  carriedLeft: Map<string, number>;
  /** What is left of each carried lock, by lock id. */
  carriedLeftByLock: Map<string, number>;
  unfilled: Map<string, number>;
  store: Map<string, number>;
  region: Map<string, number>;
  remaining: Map<string, number>;
}

function booked(plan: AllocationPlan): Booked {
  const b: Booked = {
    lockAllocated: new Map(),
    fundedAllocated: new Map(),
    newLock: new Map(),
    carriedLeft: new Map(),
    carriedLeftByLock: new Map(),
    unfilled: new Map(),
    store: new Map(),
    region: new Map(),
    remaining: new Map(),
  };
  for (const row of plan.franchiseeAllocations) {
    addTo(
      row.source === "lock" ? b.lockAllocated : b.fundedAllocated,
      key(row.order, row.line),
      row.quantity,
    );
  }
  for (const lock of plan.locks) {
    addTo(lock.isNew ? b.newLock : b.carriedLeft, key(lock.order, lock.line), lock.quantity);
    if (!lock.isNew) addTo(b.carriedLeftByLock, lock.id, lock.quantity);
  }
  for (const row of plan.unfilled) {
    const k =
      row.kind === "order-line"
        ? key("order-line", row.order, row.line)
        : row.kind === "store"
          ? key("store", row.store, row.sku)
          : key("region", row.region, row.sku);
    addTo(b.unfilled, k, row.quantity);
  }
  for (const row of plan.storeAllocations) addTo(b.store, key(row.store, row.sku), row.quantity);
  for (const row of plan.regionAllocations) addTo(b.region, key(row.region, row.sku), row.quantity);
  for (const row of plan.remaining) addTo(b.remaining, row.sku, row.quantity);
  return b;
}

const get = (map: Map<string, number>, k: string): number => map.get(k) ?? 0;

/* ------------------------------------------------------------------------------------------------
 * Replays of the passes, driven by the plan's quantities and checked by the rules.
 * --------------------------------------------------------------------------------------------- */

interface Claim {
  line: LineFact;
  demand: number;
  quantity: number;
  stock: number;
  filled: boolean;
  /** Could not pay for one more unit, or stopped by an earlier shortfall (afterShortfall "stop"). */
  moneyLimited: boolean;
  /** Took every unit of free stock there was. */
  stockLimited: boolean;
  /**
   * Policy afterShortfall "stop" after an earlier shortfall of the franchisee's: a lock
   * that converted short (R-LOCK-CONVERT), or a funded line money held back.
   */
  stopped: boolean;
  /** R-MINFILL: the units stock (and money) allowed, when the line refused them as too few. */
  refused: number | undefined;
  /** R-PACK: what stock, money and need allowed, when whole packs cut the grant below it. */
  packedFrom: number | undefined;
  /** R-SIZE-RUN: the style whose affordable units were spread over its lines, and those units. */
  spread?: { style: string; units: number } | undefined;
  /** R-COMPLETE: the first line that kept the claim's ship-complete order from being served whole. */
  heldWhole: { line: number; limitedBy: "stock" | "funds" | "lock-blocked" } | undefined;
  /** What the pass must report as having held the claim back (its decision's limitedBy). */
  limit: "none" | "stock" | "funds" | "lock-blocked" | "min-fill" | "ship-complete";
  /** R-SHARE: the share its franchisee met for the SKU, and the group (first rank) it shared in. */
  share?: OwnShare | undefined;
  group?: number | undefined;
  /** R-HOLD: the held units out of its reach while stock held it short. */
  heldBack?: number | undefined;
}

/** R-SHARE: a claimant's share as its decision reports it. */
interface OwnShare {
  units: number;
  cap: number;
  stock: number;
  claimants: number;
}

/**
 * R-SHARE written out: `stock` shared by `caps` — ⌊stock × cap ÷ Σcaps⌋ each, the
 * units left one each by largest remainder, ties to the earlier — or undefined when
 * the stock fills every cap or fewer than two caps are above 0.
 */
function ownShares(stock: number, caps: readonly number[]): OwnShare[] | undefined {
  const total = caps.reduce((a, c) => a + c, 0);
  const claimants = caps.filter((c) => c > 0).length;
  if (total <= stock || claimants < 2) return undefined;
  const units = caps.map((c) => Math.floor((stock * c) / total));
  const order = caps
    .map((c, k) => ({ k, r: (stock * c) % total }))
    .sort((x, y) => y.r - x.r || x.k - y.k);
  let left = stock - units.reduce((a, u) => a + u, 0);
  for (const { k } of order) {
    if (left === 0) break;
    units[k] = (units[k] as number) + 1;
    left--;
  }
  return caps.map((cap, k) => ({ units: units[k] as number, cap, stock, claimants }));
}

/** R-HOLD written out: a SKU's held units by channel, as taken from free stock. */
interface OwnPools {
  none: number;
  direct: number;
  regions: Map<string, number>;
}

/**
 * R-HOLD written out: the holdback rows take their units out of `stock` (changed in
 * place), SKU by SKU, "none" first, then regions by id, then "direct", each
 * min(its quantity, what is free).
 */
function ownHoldback(facts: Facts, stock: Map<string, number>): Map<string, OwnPools> {
  const pools = new Map<string, OwnPools>();
  const rank = (row: HoldIn) =>
    row.for === "none" ? "0" : row.for === "direct" ? "2" : `1${row.for.region}`;
  const rows = [...(facts.input.holdback ?? [])].sort(
    (a, c) => byId(a.sku, c.sku) || byId(rank(a), rank(c)),
  );
  for (const row of rows) {
    const free = stock.get(row.sku) ?? 0;
    const held = Math.min(row.quantity, free);
    stock.set(row.sku, free - held);
    const pool = pools.get(row.sku) ?? { none: 0, direct: 0, regions: new Map() };
    pools.set(row.sku, pool);
    if (row.for === "none") pool.none = held;
    else if (row.for === "direct") pool.direct = held;
    else pool.regions.set(row.for.region, held);
  }
  return pools;
}

/**
 * R-HOLD: whether `higher` (an earlier direct claim) could reach fewer units than
 * `lower` does — held for `lower`'s region, not its own — so that it fell short
 * while `lower` was served.
 */
function reachesLess(higher: DirectRow, lower: DirectRow): boolean {
  return higher.claim.region !== lower.claim.region && lower.fromHeld !== undefined;
}

/** R-HOLD: every unit still held of `sku`. */
function heldOf(pools: ReadonlyMap<string, OwnPools>, sku: string): number {
  const pool = pools.get(sku);
  if (pool === undefined) return 0;
  return pool.none + pool.direct + sum(pool.regions.values());
}

/**
 * R-COMPLETE written out: a ship-complete order's lines (with what each is
 * missing, in rank order) taken whole from `stock`, then `fits` asked for the
 * rest; the first line that cannot be, or undefined.
 */
function ownWholeShortfall(
  group: readonly { line: LineFact; demand: number }[],
  stock: ReadonlyMap<string, number>,
  fits: (line: LineFact, demand: number) => "funds" | "lock-blocked" | undefined,
): Claim["heldWhole"] {
  const taken = new Map<string, number>();
  for (const { line, demand } of group) {
    const before = taken.get(line.sku) ?? 0;
    if ((stock.get(line.sku) ?? 0) - before < demand)
      return { line: line.line, limitedBy: "stock" };
    const other = fits(line, demand);
    if (other !== undefined) return { line: line.line, limitedBy: other };
    taken.set(line.sku, before + demand);
  }
  return undefined;
}

interface Standing {
  id: string;
  priority: number;
  spendable: Dec;
  funded: boolean;
  cash: Dec;
  credit: Dec;
  /** R-PRIO-FACTORS: every line's quantity in the input, and quantity × unitPrice. */
  orderedUnits: number;
  orderedValue: Dec;
}

/**
 * Each franchisee's cash and available credit after lock conversion (R-LOCK-CONVERT),
 * from the converted quantities alone: with one spend order, the purses a total
 * amount is taken from do not depend on how it was split into spends.
 */
function afterConversion(facts: Facts, b: Booked): Map<string, Standing> {
  const spent = new Map<string, Dec>();
  for (const l of facts.lines) {
    const q = get(b.lockAllocated, l.key);
    if (q > 0) spent.set(l.franchisee, (spent.get(l.franchisee) ?? ZERO).plus(l.price.times(q)));
  }
  const standings = new Map<string, Standing>();
  for (const f of facts.franchisees.values()) {
    const total = spent.get(f.id) ?? ZERO;
    let cash: Dec;
    let credit: Dec;
    if (facts.policy.spendOrder === "cash-first") {
      const fromCash = Decimal.min(f.cash, total);
      cash = f.cash.minus(fromCash);
      credit = f.available.minus(total.minus(fromCash));
    } else {
      const fromCredit = Decimal.min(f.available, total);
      credit = f.available.minus(fromCredit);
      cash = f.cash.minus(total.minus(fromCredit));
    }
    const spendable = cash.plus(credit);
    let orderedUnits = 0;
    let orderedValue = ZERO;
    for (const order of facts.input.orders ?? []) {
      if (order.franchisee !== f.id) continue;
      for (const l of order.lines) {
        orderedUnits += l.quantity;
        orderedValue = orderedValue.plus(dec(l.unitPrice).times(l.quantity));
      }
    }
    standings.set(f.id, {
      id: f.id,
      priority: f.priority,
      spendable,
      funded: facts.policy.creditCountsAsFunds ? spendable.gt(0) : cash.gt(0),
      cash,
      credit,
      orderedUnits,
      orderedValue,
    });
  }
  return standings;
}

/** R-RANK-FUNDED written out, with R-PRIO-FACTORS' tie-break after priority (the id always last). */
function ownFranchiseeOrder(
  ranking: Policy["franchiseeRanking"],
  tieBreak: Policy["franchiseeTieBreak"],
) {
  return (a: Standing, b: Standing): number => {
    if (a.funded !== b.funded) return a.funded ? -1 : 1;
    const byPriority = a.priority - b.priority;
    const byFunds = b.spendable.comparedTo(a.spendable);
    const head = ranking === "priority" ? byPriority : byFunds || byPriority;
    if (head !== 0) return head;
    for (const key of tieBreak) {
      const by =
        key === "spendable"
          ? byFunds
          : key === "orderedUnits"
            ? b.orderedUnits - a.orderedUnits
            : key === "orderedValue"
              ? b.orderedValue.comparedTo(a.orderedValue)
              : byId(a.id, b.id);
      if (by !== 0) return by;
    }
    return byId(a.id, b.id);
  };
}

interface FundedReplay {
  claims: Claim[];
  /** Free stock per SKU after the funded pass. */
  stock: Map<string, number>;
  /** Lines of the funded pass by key. */
  byLine: Map<string, Claim>;
  /** The pass's franchisee order. */
  order: string[];
  /** Each franchisee's standing after lock conversion, by id. */
  standings: Map<string, Standing>;
  /** R-HOLD: the units held back before the pass, by SKU. */
  pools: Map<string, OwnPools>;
}

/**
 * Free stock before the funded pass: supply plus released locks (R-LOCK-EXPIRE), an
 * expiring lock's rest included (R-LOCK-GRACE).
 */
function initialStock(facts: Facts): Map<string, number> {
  const stock = new Map(facts.supply);
  for (const lock of facts.locks) addTo(stock, lock.sku, get(facts.releasedUnits, lock.id));
  return stock;
}

/**
 * Franchisees that policy afterShortfall "stop" stops before the funded pass: one of
 * the carried locks offered to them converted short (R-LOCK-CONVERT), i.e. is still
 * (partly) locked after the run or, expiring, had its rest released (R-LOCK-GRACE).
 * The flag carries over into the funded pass.
 */
function stoppedByConversion(facts: Facts, b: Booked): Set<string> {
  const stopped = new Set<string>();
  if (facts.policy.afterShortfall !== "stop") return stopped;
  for (const lock of facts.locks) {
    if (facts.releasedIds.has(lock.id)) continue;
    const rest = get(b.carriedLeftByLock, lock.id) + get(facts.releasedUnits, lock.id);
    if (rest > 0) stopped.add(lock.franchisee);
  }
  return stopped;
}

function replayFunded(facts: Facts, b: Booked): FundedReplay {
  const standings = [...afterConversion(facts, b).values()];
  const { franchiseeRanking, franchiseeTieBreak } = facts.policy;
  const own = [...standings].sort(ownFranchiseeOrder(franchiseeRanking, franchiseeTieBreak));
  const helper = [...standings].sort(compareFranchisees(franchiseeRanking, franchiseeTieBreak));
  expect(helper.map((s) => s.id)).toEqual(own.map((s) => s.id));
  for (const s of standings) {
    expect(isFunded(s.cash, s.credit, facts.policy.creditCountsAsFunds)).toBe(s.funded);
  }

  const stock = initialStock(facts);
  // R-HOLD: held units leave free stock before the pass.
  const pools = ownHoldback(facts, stock);
  const claims: Claim[] = [];
  const byLine = new Map<string, Claim>();
  const stoppedBefore = stoppedByConversion(facts, b);
  interface Walk {
    money: Dec;
    stopped: boolean;
    mine: LineFact[];
    decided: Set<string>;
    decidedStyles: Set<string>;
  }
  const walks = new Map<string, Walk>(
    own.map((standing) => [
      standing.id,
      {
        money: standing.spendable,
        stopped: stoppedBefore.has(standing.id),
        mine: must(facts.franchisees.get(standing.id), "franchisee").lines,
        decided: new Set(),
        decidedStyles: new Set(),
      },
    ]),
  );
  const styleOf = (w: Walk, line: LineFact) => {
    if (facts.policy.partialBy !== "style" || line.shipComplete) return undefined;
    const style = facts.products.get(line.sku)?.style;
    const group = w.mine.filter(
      (l) => !l.shipComplete && style !== undefined && facts.products.get(l.sku)?.style === style,
    );
    return style !== undefined && group.length >= 2 ? { style, group } : undefined;
  };
  const plain = (w: Walk, line: LineFact) => !line.shipComplete && styleOf(w, line) === undefined;

  /** One line's turn; `limit`: R-SHARE's share left to the line's franchisee, and the share. */
  const turn = (
    w: Walk,
    line: LineFact,
    limit?: { units: number; share: OwnShare; group: number },
  ): void => {
    const { mine } = w;
    if (line.shipComplete) {
      // R-COMPLETE: the whole order, at its first outstanding line's turn.
      if (w.decided.has(line.order)) return;
      w.decided.add(line.order);
      const group = mine
        .filter((l) => l.order === line.order)
        .map((l) => ({ line: l, demand: l.outstanding }));
      let cost = ZERO;
      const heldWhole = ownWholeShortfall(group, stock, (l, demand) => {
        if (w.stopped) return "funds";
        cost = cost.plus(l.price.times(demand));
        return cost.lte(w.money) ? undefined : "funds";
      });
      for (const { line: l, demand } of group) {
        const quantity = get(b.fundedAllocated, l.key);
        const s = stock.get(l.sku) ?? 0;
        expect({ line: l.key, quantity }).toEqual({
          line: l.key,
          quantity: heldWhole === undefined ? demand : 0,
        });
        const claim: Claim = {
          line: l,
          demand,
          quantity,
          stock: s,
          filled: quantity === demand,
          moneyLimited: false,
          stockLimited: false,
          stopped: w.stopped,
          refused: undefined,
          packedFrom: undefined,
          heldWhole,
          limit: heldWhole === undefined ? "none" : "ship-complete",
          // R-HOLD: named when stock held the order back while units of the line's SKU were held.
          heldBack:
            heldWhole?.limitedBy === "stock" && heldOf(pools, l.sku) > 0
              ? heldOf(pools, l.sku)
              : undefined,
        };
        claims.push(claim);
        byLine.set(l.key, claim);
        stock.set(l.sku, s - quantity);
        w.money = w.money.minus(l.price.times(quantity));
      }
      if (heldWhole?.limitedBy === "funds" && facts.policy.afterShortfall === "stop")
        w.stopped = true;
      return;
    }
    // One line's own turn; `share` and `spread` for a line of a style spread by R-SIZE-RUN.
    const visit = (line: LineFact, share?: number, spread?: Claim["spread"]) => {
      const demand = line.outstanding;
      const quantity = get(b.fundedAllocated, line.key);
      const s = stock.get(line.sku) ?? 0;
      const cost = line.price.times(quantity);
      expect(quantity).toBeLessThanOrEqual(s);
      expect(cost.lte(w.money)).toBe(true);
      const filled = quantity === demand;
      const canPayOneMore = line.price.isZero() || line.price.times(quantity + 1).lte(w.money);
      // What stock (R-SHARE: the share left) and money allowed, and whether R-MINFILL refused it.
      const affordable = line.price.isZero()
        ? Number.POSITIVE_INFINITY
        : w.money.dividedToIntegerBy(line.price).toNumber();
      const want = Math.min(demand, s, limit?.units ?? s);
      const allowed = share ?? (w.stopped ? 0 : Math.min(want, affordable));
      const offered = ownPacks(facts, line.sku, allowed, demand);
      const refused = ownRefusal(facts.policy, offered, demand);
      expect({ line: line.key, quantity }).toEqual({
        line: line.key,
        quantity: refused ? 0 : offered,
      });
      const limitedBy: Claim["limit"] = filled
        ? "none"
        : refused
          ? "min-fill"
          : allowed < want
            ? "funds"
            : "stock";
      const claim: Claim = {
        line,
        demand,
        quantity,
        stock: s,
        filled,
        moneyLimited: !filled && (w.stopped || !canPayOneMore || spread !== undefined),
        stockLimited: !filled && quantity === s,
        stopped: w.stopped,
        refused: refused ? offered : undefined,
        packedFrom: offered < allowed ? allowed : undefined,
        heldWhole: undefined,
        spread,
        // Money held it back iff it allowed less than the stock (and share) did (a stopped line: stock > 0).
        limit: limitedBy,
        share: limit?.share,
        group: limit?.group,
        // R-HOLD: named whenever stock kept the line short (a refused stock-bound part too).
        heldBack:
          (limitedBy === "stock" || (refused && s < demand)) && heldOf(pools, line.sku) > 0
            ? heldOf(pools, line.sku)
            : undefined,
      };
      claims.push(claim);
      byLine.set(line.key, claim);
      // R-ALLOC-PARTIAL: money stopped this line short of what stock allowed (R-MINFILL
      // refusing the part it could pay for is a shortfall all the same).
      if (spread === undefined && (w.stopped || allowed < want)) {
        if (facts.policy.afterShortfall === "stop") w.stopped = true;
      }
      stock.set(line.sku, s - quantity);
      w.money = w.money.minus(cost);
    };
    const styled = styleOf(w, line);
    if (styled !== undefined) {
      // R-SIZE-RUN: the franchisee's lines of the style, at the first one's turn.
      const { style, group } = styled;
      if (w.decidedStyles.has(style)) return;
      w.decidedStyles.add(style);
      const taken = new Map<string, number>();
      const caps = group.map((l) => {
        const before = taken.get(l.sku) ?? 0;
        const cap = Math.min(l.outstanding, (stock.get(l.sku) ?? 0) - before);
        taken.set(l.sku, before + cap);
        return cap;
      });
      const all = group.reduce((sum, l, k) => sum.plus(l.price.times(caps[k] as number)), ZERO);
      if (w.stopped || all.lte(w.money)) {
        for (const l of group) visit(l);
        return;
      }
      const weights = group.map((l) => (l.price.isZero() ? 0 : l.outstanding));
      const pricedCaps = caps.map((cap, k) => ((weights[k] as number) > 0 ? cap : 0));
      const costOf = (shares: number[]) =>
        group.reduce((sum, l, k) => sum.plus(l.price.times(shares[k] as number)), ZERO);
      const total = pricedCaps.reduce((a, c) => a + c, 0);
      // The most units whose spread the money pays for.
      let units = total;
      while (units > 0 && !costOf(ownApportion(units, weights, pricedCaps)).lte(w.money)) units--;
      const shares = ownApportion(units, weights, pricedCaps);
      group.forEach((l, k) => {
        visit(l, (weights[k] as number) > 0 ? (shares[k] as number) : (caps[k] as number), {
          style,
          units,
        });
      });
      if (facts.policy.afterShortfall === "stop") w.stopped = true;
      return;
    }
    visit(line);
  };

  /** R-SHARE written out: what money buys of `lines` one after another, stock no limit. */
  const capOf = (w: Walk, lines: readonly LineFact[]): number => {
    if (w.stopped) return 0;
    let money = w.money;
    let cap = 0;
    for (const l of lines) {
      const units = affordableUnits(l.price, money, l.outstanding);
      cap += units;
      money = money.minus(l.price.times(units));
      if (units < l.outstanding && facts.policy.afterShortfall === "stop") break;
    }
    return cap;
  };
  // R-SHARE: level up to the tie-break — funded status and the ranking's head keys.
  const level = (a: Standing, c: Standing) =>
    a.funded === c.funded &&
    a.priority === c.priority &&
    (franchiseeRanking === "priority" || a.spendable.eq(c.spendable));
  const groups: Standing[][] = [];
  for (const standing of own) {
    const last = groups[groups.length - 1];
    if (
      facts.policy.share === "proportional" &&
      last !== undefined &&
      level(must(last[last.length - 1], "last"), standing)
    )
      last.push(standing);
    else groups.push([standing]);
  }
  let first = 1;
  for (const group of groups) {
    const members = group.map((standing) => must(walks.get(standing.id), "walk"));
    if (members.length === 1) {
      const w = must(members[0], "walk");
      for (const line of w.mine) turn(w, line);
    } else {
      const skus = [...new Set(members.flatMap((w) => w.mine.map((l) => l.sku)))].sort(
        (x, y) => get(facts.productRank, x) - get(facts.productRank, y),
      );
      for (const sku of skus) {
        for (const w of members)
          for (const l of w.mine) if (l.sku === sku && !plain(w, l)) turn(w, l);
        const own = members.map((w) => w.mine.filter((l) => l.sku === sku && plain(w, l)));
        const shares = ownShares(
          stock.get(sku) ?? 0,
          members.map((w, m) => capOf(w, own[m] as LineFact[])),
        );
        members.forEach((w, m) => {
          const share = shares?.[m];
          let left = share?.units ?? 0;
          for (const l of own[m] as LineFact[]) {
            turn(w, l, share === undefined ? undefined : { units: left, share, group: first });
            left -= get(b.fundedAllocated, l.key);
          }
        });
      }
    }
    first += group.length;
  }
  return {
    claims,
    stock,
    byLine,
    order: own.map((s) => s.id),
    standings: new Map(standings.map((s) => [s.id, s])),
    pools,
  };
}

interface LockReplay {
  claims: Claim[];
  stock: Map<string, number>;
}

function replayLocks(facts: Facts, b: Booked, funded: FundedReplay): LockReplay {
  const stock = new Map(funded.stock);
  const claims: Claim[] = [];
  if (!facts.policy.lockUnfunded) return { claims, stock };
  const franchisees = [...facts.franchisees.values()].sort(
    (a, c) => a.priority - c.priority || byId(a.id, c.id),
  );
  expect([...franchisees].sort(compareByPriority).map((f) => f.id)).toEqual(
    franchisees.map((f) => f.id),
  );
  for (const f of franchisees) {
    const decided = new Set<string>();
    for (const line of f.lines) {
      const demand = line.outstanding - get(b.fundedAllocated, line.key);
      if (demand <= 0) continue;
      if (line.shipComplete) {
        // R-COMPLETE: locked whole at its first outstanding line's turn, or not at all.
        if (decided.has(line.order)) continue;
        decided.add(line.order);
        const group = f.lines
          .filter((l) => l.order === line.order)
          .map((l) => ({ line: l, demand: l.outstanding - get(b.fundedAllocated, l.key) }))
          .filter((entry) => entry.demand > 0);
        const heldWhole = ownWholeShortfall(group, stock, (l) =>
          l.blocked ? "lock-blocked" : undefined,
        );
        for (const { line: l, demand: d } of group) {
          const quantity = get(b.newLock, l.key);
          const s = stock.get(l.sku) ?? 0;
          expect({ line: l.key, locked: quantity }).toEqual({
            line: l.key,
            locked: heldWhole === undefined ? d : 0,
          });
          claims.push({
            line: l,
            demand: d,
            quantity,
            stock: s,
            filled: quantity === d,
            moneyLimited: false,
            stockLimited: false,
            stopped: false,
            refused: undefined,
            packedFrom: undefined,
            heldWhole,
            limit: heldWhole === undefined ? "none" : "ship-complete",
            heldBack:
              heldWhole?.limitedBy === "stock" && heldOf(funded.pools, l.sku) > 0
                ? heldOf(funded.pools, l.sku)
                : undefined,
          });
          stock.set(l.sku, s - quantity);
        }
        continue;
      }
      const quantity = get(b.newLock, line.key);
      const s = stock.get(line.sku) ?? 0;
      expect(quantity).toBeLessThanOrEqual(s);
      const filled = quantity === demand;
      const allowed = line.blocked ? 0 : Math.min(demand, s);
      const offered = ownPacks(facts, line.sku, allowed, demand);
      const refused = ownRefusal(facts.policy, offered, demand);
      const limit: Claim["limit"] = filled
        ? "none"
        : line.blocked && s > 0
          ? "lock-blocked"
          : refused
            ? "min-fill"
            : "stock";
      expect({ line: line.key, locked: quantity }).toEqual({
        line: line.key,
        locked: refused ? 0 : offered,
      });
      claims.push({
        line,
        demand,
        quantity,
        stock: s,
        filled,
        moneyLimited: false,
        stockLimited: !filled && quantity === s,
        stopped: false,
        refused: refused ? offered : undefined,
        packedFrom: offered < allowed ? allowed : undefined,
        heldWhole: undefined,
        // A barred line is held back by its bar only while there was stock to lock.
        limit,
        // R-HOLD: stock held it short while units were held for another channel.
        heldBack:
          (limit === "stock" || (refused && s < demand)) && heldOf(funded.pools, line.sku) > 0
            ? heldOf(funded.pools, line.sku)
            : undefined,
      });
      stock.set(line.sku, s - quantity);
    }
  }
  return { claims, stock };
}

interface DirectRow {
  claim: DirectClaim;
  quantity: number;
  /** Free stock and the held units the claim may draw (R-HOLD), at its turn. */
  stock: number;
  /** min(need, that stock, R-SHARE's share). */
  allowed: number;
  share: OwnShare | undefined;
  /** R-SHARE: the first claim of the group it shared in. */
  group: number | undefined;
  fromHeld: number | undefined;
  heldBack: number | undefined;
}

interface DirectReplay {
  bySku: Map<string, DirectRow[]>;
  stock: Map<string, number>;
  /** R-HOLD: what is left held after the pass, by SKU. */
  pools: Map<string, OwnPools>;
}

/** R-RANK-REGION written out: the season's list (present regions only), then the rest by id. */
function ownRegionOrder(facts: Facts, season: Season): string[] {
  const present = (facts.input.regions ?? []).map((r) => r.id);
  const listed = facts.policy.regionOrder[season].filter((r) => present.includes(r));
  const unlisted = present.filter((r) => !listed.includes(r)).sort(byId);
  return [...listed, ...unlisted];
}

function seasonOf(facts: Facts, sku: string): Season {
  const season = must(facts.products.get(sku), "product").season;
  if (season !== "NONE") return season;
  const month = Number(facts.asOf.slice(5, 7));
  return facts.policy.seasonCalendar.SS.includes(month) ? "SS" : "AW";
}

/** The direct claims of a SKU in R-ALLOC-SEASONAL / R-ALLOC-NONSEASONAL order. */
function directClaims(facts: Facts, sku: string): DirectClaim[] {
  const season = seasonOf(facts, sku);
  const product = must(facts.products.get(sku), "product");
  expect(seasonInForce(product.season, parseIsoDate(facts.asOf), facts.policy.seasonCalendar)).toBe(
    season,
  );
  const regionOrder = ownRegionOrder(facts, season);
  const helperOrder = regionServingOrder(
    (facts.input.regions ?? []).map((r) => r.id),
    season,
    facts.policy.regionOrder,
  );
  expect(helperOrder.order).toEqual(regionOrder);
  const regionRank = (region: string) => regionOrder.indexOf(region);
  const classRank = (c: StoreClass) => facts.policy.storeClassOrder.indexOf(c);

  const stores: (DirectClaim & { store: StoreIn })[] = [];
  for (const need of facts.input.storeNeeds ?? []) {
    if (need.sku !== sku) continue;
    const demand = Math.max(0, need.safetyStock - (need.onHand ?? 0) - (need.inTransit ?? 0));
    const store = must(facts.stores.get(need.store), "store");
    if (demand > 0)
      stores.push({ kind: "store", id: store.id, region: store.region, demand, store });
  }
  const regions: DirectClaim[] = [];
  for (const need of facts.input.regionNeeds ?? []) {
    if (need.sku === sku && need.quantity > 0) {
      regions.push({ kind: "region", id: need.region, region: need.region, demand: need.quantity });
    }
  }
  const storeOrder = (a: DirectClaim & { store: StoreIn }, b: DirectClaim & { store: StoreIn }) =>
    regionRank(a.region) - regionRank(b.region) ||
    classRank(a.store.class) - classRank(b.store.class) ||
    byId(a.id, b.id);
  // The helper must order stores of a region the same way.
  const helper = compareStores(facts.policy.storeClassOrder);
  for (const a of stores) {
    for (const c of stores) {
      if (a.region === c.region)
        expect(sign(helper(a.store, c.store))).toBe(sign(storeOrder(a, c)));
    }
  }
  stores.sort(storeOrder);
  regions.sort((a, c) => regionRank(a.region) - regionRank(c.region));
  if (product.season === "NONE") return [...stores, ...regions];
  return regionOrder.flatMap((region) => [
    ...stores.filter((s) => s.region === region),
    ...regions.filter((r) => r.region === region),
  ]);
}

function replayDirect(
  facts: Facts,
  b: Booked,
  locks: LockReplay,
  held: ReadonlyMap<string, OwnPools>,
): DirectReplay {
  const stock = new Map(locks.stock);
  const pools = new Map(
    [...held].map(([sku, pool]) => [sku, { ...pool, regions: new Map(pool.regions) }]),
  );
  const bySku = new Map<string, DirectRow[]>();
  const classOf = (claim: DirectClaim) =>
    claim.kind === "store" ? must(facts.stores.get(claim.id), "store").class : undefined;
  for (const sku of facts.productRank.keys()) {
    const claims = directClaims(facts, sku);
    if (claims.length === 0) continue;
    let s = stock.get(sku) ?? 0;
    const pool = pools.get(sku);
    // R-HOLD: a claim reaches free stock, its region's held units and the direct pass's.
    const reachable = (region: string) =>
      pool === undefined ? 0 : (pool.regions.get(region) ?? 0) + pool.direct;
    const rows: DirectRow[] = [];
    for (let k = 0; k < claims.length; ) {
      const head = must(claims[k], "claim");
      let end = k + 1;
      // R-SHARE: stores of one class in one region, next to each other.
      if (facts.policy.share === "proportional" && head.kind === "store") {
        while (end < claims.length) {
          const next = must(claims[end], "claim");
          if (next.kind !== "store" || next.region !== head.region) break;
          if (classOf(next) !== classOf(head)) break;
          end++;
        }
      }
      const shares =
        end - k > 1
          ? ownShares(
              s + reachable(head.region),
              claims.slice(k, end).map((c) => c.demand),
            )
          : undefined;
      for (let j = k; j < end; j++) {
        const claim = must(claims[j], "claim");
        const quantity = get(claim.kind === "store" ? b.store : b.region, key(claim.id, sku));
        const reach = s + reachable(claim.region);
        const share = shares?.[j - k];
        const allowed = Math.min(claim.demand, reach, share?.units ?? reach);
        const outOfReach = pool === undefined ? 0 : heldOf(pools, sku) - reachable(claim.region);
        let drawn = 0;
        if (pool !== undefined) {
          const own = pool.regions.get(claim.region) ?? 0;
          const fromRegion = Math.min(own, quantity);
          if (fromRegion > 0) pool.regions.set(claim.region, own - fromRegion);
          const fromDirect = Math.min(pool.direct, quantity - fromRegion);
          pool.direct -= fromDirect;
          drawn = fromRegion + fromDirect;
        }
        rows.push({
          claim,
          quantity,
          stock: reach,
          allowed,
          share,
          group: shares === undefined ? undefined : k,
          fromHeld: drawn > 0 ? drawn : undefined,
          heldBack: quantity < claim.demand && outOfReach > 0 ? outOfReach : undefined,
        });
        s -= quantity - drawn;
      }
      k = end;
    }
    stock.set(sku, s);
    bySku.set(sku, rows);
  }
  return { bySku, stock, pools };
}

/* ------------------------------------------------------------------------------------------------
 * The properties.
 * --------------------------------------------------------------------------------------------- */

/**
 * Random valid inputs; one in four has its locks around their expiry, with a random
 * payment grace (R-LOCK-GRACE), so that expiring locks are common.
 */
const inputs = fc.oneof(
  { weight: 3, arbitrary: allocationInput },
  { weight: 1, arbitrary: lockExpiryInput },
);

/** Runs `check` on a random valid input and its plan. */
function forAll(check: (facts: Facts, plan: AllocationPlan) => void): void {
  fc.assert(
    fc.property(inputs, (input) => {
      const plan = allocate(input);
      check(factsOf(input, plan), plan);
    }),
    params,
  );
}

/**
 * The order of the passes in the trace: expired locks are released first, the rest of
 * expiring ones ("grace", R-LOCK-GRACE) after conversion and before funding.
 */
const PASS_ORDER = ["expiry", "conversion", "grace", "funded", "lock", "direct"] as const;
const passOf = (d: AllocationPlan["trace"][number]) =>
  d.pass === "expiry" && d.paymentGraceDays !== undefined ? "grace" : d.pass;

describe("properties", () => {
  it("the arbitraries produce valid inputs", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const parsed = parseAllocationInput(input);
        expect(parsed.issues ?? []).toEqual([]);
        expect(parsed.ok).toBe(true);
      }),
      params,
    );
  });

  it("R-INV-CONSERVE: supply plus released equals allocated, locked, stored and remaining, per SKU; conversion moves a carried lock's units, never creates them", () => {
    forAll((facts, plan) => {
      const b = booked(plan);
      const { policy } = facts;

      // R-LOCK-EXPIRE: exactly the locks with asOf ≥ expiresOn + paymentGraceDays are
      // released whole, and (R-LOCK-GRACE) the expiring ones conversion did not take in
      // full, for the rest, marked with what they converted; each carries its line's bar
      // (the latest of the line's released locks' expiresOn + relockCooldownDays and the
      // line's own lockBlockedUntil when after asOf).
      expect(plan.releasedLocks.map((l) => l.id).sort(byId)).toEqual(
        [...facts.releasedUnits.keys()].sort(byId),
      );
      for (const row of plan.releasedLocks) {
        const lock = must(
          facts.locks.find((l) => l.id === row.id),
          `lock ${row.id}`,
        );
        expect(row).toStrictEqual({
          id: lock.id,
          order: lock.order,
          line: lock.line,
          franchisee: lock.franchisee,
          sku: lock.sku,
          quantity: get(facts.releasedUnits, lock.id),
          expiresOn: lock.expiresOn,
          lockBlockedUntil: must(
            must(facts.line.get(key(lock.order, lock.line)), "line").barrier,
            `bar of ${lock.order}/${lock.line}`,
          ),
          ...(facts.expiringIds.has(lock.id)
            ? { convertedInGrace: get(facts.convertedUnits, lock.id) }
            : {}),
        });
      }

      // Per SKU: supply + released = funded + new locks + stores + regions + remaining.
      const released = new Map<string, number>();
      for (const lock of facts.locks) addTo(released, lock.sku, get(facts.releasedUnits, lock.id));
      const out = new Map<string, number>();
      for (const row of plan.franchiseeAllocations) {
        if (row.source === "funded") addTo(out, row.sku, row.quantity);
      }
      for (const lock of plan.locks) if (lock.isNew) addTo(out, lock.sku, lock.quantity);
      for (const row of plan.storeAllocations) addTo(out, row.sku, row.quantity);
      for (const row of plan.regionAllocations) addTo(out, row.sku, row.quantity);
      for (const row of plan.remaining) addTo(out, row.sku, row.quantity);
      const skus = new Set([...facts.productRank.keys(), ...out.keys()]);
      for (const sku of skus) {
        expect({ sku, units: get(out, sku) }).toEqual({
          sku,
          units: get(facts.supply, sku) + get(released, sku),
        });
      }

      // Per carried lock offered for conversion: converted + still locked + released =
      // its quantity; an expiring one (R-LOCK-GRACE) is never still locked.
      const carriedIds = new Set<string>();
      for (const lock of facts.locks) {
        if (facts.releasedIds.has(lock.id)) continue;
        const expiring = facts.expiringIds.has(lock.id);
        if (!expiring) carriedIds.add(lock.id);
        const decisions = plan.trace.filter((d) => d.pass === "conversion" && d.lock === lock.id);
        expect(decisions).toHaveLength(1);
        const converted = must(decisions[0], "conversion").quantity;
        const rows = plan.locks.filter((l) => l.id === lock.id);
        expect(rows.length).toBeLessThanOrEqual(1);
        const left = rows[0];
        if (left !== undefined) {
          expect(left).toStrictEqual({ ...lock, quantity: left.quantity, isNew: false });
        }
        expect({ lock: lock.id, carried: left !== undefined && expiring }).toEqual({
          lock: lock.id,
          carried: false,
        });
        const releasedRow = plan.releasedLocks.find((l) => l.id === lock.id);
        expect({
          lock: lock.id,
          units: converted + (left?.quantity ?? 0) + (releasedRow?.quantity ?? 0),
        }).toEqual({ lock: lock.id, units: lock.quantity });
      }
      // The converted units of a line are its lock-sourced allocation.
      for (const line of facts.lines) {
        const converted = sum(
          plan.trace
            .filter((d) => d.pass === "conversion" && line.active.some((l) => l.id === d.lock))
            .map((d) => d.quantity),
        );
        expect(get(b.lockAllocated, line.key)).toBe(converted);
      }
      // No other carried lock, and no lock id twice (new ids never reuse a carried one).
      const ids = plan.locks.map((l) => l.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const lock of plan.locks) {
        if (lock.isNew) expect(facts.locks.some((l) => l.id === lock.id)).toBe(false);
        else expect(carriedIds.has(lock.id)).toBe(true);
      }

      // The trace of R-LOCK-EXPIRE: one decision per released lock, with its cool-down;
      // one released in its grace (R-LOCK-GRACE) names the grace and what it converted.
      const expiryTrace = plan.trace.flatMap((d) =>
        d.pass === "expiry"
          ? [
              key(
                d.lock,
                d.quantity,
                d.lockBlockedUntil,
                d.paymentGraceDays ?? "-",
                d.convertedInGrace ?? "-",
                d.rules.join(),
              ),
            ]
          : [],
      );
      expect(expiryTrace.sort(byId)).toEqual(
        facts.locks
          .filter((l) => facts.releasedUnits.has(l.id))
          .map((l) => {
            const expiring = facts.expiringIds.has(l.id);
            return key(
              l.id,
              get(facts.releasedUnits, l.id),
              addDays(l.expiresOn, policy.relockCooldownDays),
              expiring ? policy.paymentGraceDays : "-",
              expiring ? get(facts.convertedUnits, l.id) : "-",
              expiring ? "R-LOCK-GRACE,R-LOCK-EXPIRE" : "R-LOCK-EXPIRE",
            );
          })
          .sort(byId),
      );

      // R-LOCK-CONVERT: carried locks are offered franchisee by franchisee (priority, then
      // id), lines in R-RANK-LINE order, a line's locks oldest first (lockedOn, then id);
      // each converts what the franchisee's money pays for — never more than it holds.
      // With afterShortfall "stop", once a lock of a franchisee converts short, none of
      // its later locks converts a unit (and the decision says it was stopped).
      const conversions = plan.trace.flatMap((d) => (d.pass === "conversion" ? [d] : []));
      const offered = [...facts.franchisees.values()]
        .sort((a, c) => a.priority - c.priority || byId(a.id, c.id))
        .flatMap((f) =>
          facts.lines
            .filter((l) => l.franchisee === f.id && l.active.length > 0)
            .sort(ownLineOrder)
            .flatMap((l) =>
              [...l.active]
                .sort((a, c) => byId(a.lockedOn, c.lockedOn) || byId(a.id, c.id))
                .map((lock) => ({ f, line: l, lock })),
            ),
        );
      expect(conversions.map((d) => d.lock)).toEqual(offered.map((o) => o.lock.id));
      const money = new Map(
        [...facts.franchisees.values()].map((f) => [f.id, f.cash.plus(f.available)]),
      );
      const short = new Set<string>();
      offered.forEach(({ f, line, lock }, i) => {
        const d = must(conversions[i], "conversion");
        const q = d.quantity;
        const m = must(money.get(f.id), "money");
        const cost = line.price.times(q);
        const canPayOneMore = line.price.isZero() || line.price.times(q + 1).lte(m);
        const stopped = policy.afterShortfall === "stop" && short.has(f.id);
        expect({
          lock: lock.id,
          withinLock: q >= 0 && q <= lock.quantity,
          paid: cost.lte(m),
          // R-PACK: or one more pack.
          shortOnlyForMoney:
            stopped ||
            q === lock.quantity ||
            !canPayOneMore ||
            q ===
              ownPacks(
                facts,
                line.sku,
                affordableUnits(line.price, m, lock.quantity),
                lock.quantity,
              ),
          nothingWhenStopped: !stopped || q === 0,
        }).toEqual({
          lock: lock.id,
          withinLock: true,
          paid: true,
          shortOnlyForMoney: true,
          nothingWhenStopped: true,
        });
        // The decision agrees with the recomputed facts.
        expect({
          franchisee: d.franchisee,
          order: d.order,
          line: d.line,
          sku: d.sku,
          priority: d.priority,
          demand: d.demand,
          limitedBy: d.limitedBy,
          stopped: d.stopped,
          spendable: dec(d.spendable).eq(m),
          paymentGraceDays: d.paymentGraceDays,
        }).toStrictEqual({
          franchisee: f.id,
          order: line.order,
          line: line.line,
          sku: line.sku,
          priority: f.priority,
          demand: lock.quantity,
          limitedBy: q < lock.quantity ? "funds" : "none",
          stopped: stopped ? true : undefined,
          spendable: true,
          paymentGraceDays: facts.expiringIds.has(lock.id) ? policy.paymentGraceDays : undefined,
        });
        if (q < lock.quantity) short.add(f.id);
        money.set(f.id, m.minus(cost));
      });
    });
  });

  it("R-INV-MONEY: cash and credit committed stay within what each franchisee has; every amount is exactly cash + credit = quantity × unitPrice", () => {
    forAll((facts, plan) => {
      const { policy } = facts;
      const cashOf = new Map<string, Dec>();
      const creditOf = new Map<string, Dec>();
      for (const row of plan.franchiseeAllocations) {
        const line = must(facts.line.get(key(row.order, row.line)), "line");
        expect(row.franchisee).toBe(line.franchisee);
        expect(row.sku).toBe(line.sku);
        expect(Number.isInteger(row.quantity) && row.quantity > 0).toBe(true);
        const price = dec(row.unitPrice);
        const amount = dec(row.amount);
        const cash = dec(row.cash);
        const credit = dec(row.credit);
        expect(price.eq(line.price)).toBe(true);
        expect(cash.isNegative() || credit.isNegative()).toBe(false);
        expect(amount.eq(cash.plus(credit))).toBe(true);
        expect(amount.eq(line.price.times(row.quantity))).toBe(true);
        cashOf.set(row.franchisee, (cashOf.get(row.franchisee) ?? ZERO).plus(cash));
        creditOf.set(row.franchisee, (creditOf.get(row.franchisee) ?? ZERO).plus(credit));
      }

      expect(plan.balances.map((b) => b.franchisee).sort(byId)).toEqual(
        [...facts.franchisees.keys()].sort(byId),
      );
      for (const balance of plan.balances) {
        const f = must(facts.franchisees.get(balance.franchisee), "franchisee");
        const cashCommitted = dec(balance.cashCommitted);
        const creditCommitted = dec(balance.creditCommitted);
        const cashAfter = dec(balance.cashAfter);
        const creditAfter = dec(balance.creditAvailableAfter);
        const checks = {
          franchisee: f.id,
          spendableBefore: dec(balance.spendableBefore).eq(f.cash.plus(f.available)),
          cashWithin: cashCommitted.gte(0) && cashCommitted.lte(f.cash),
          creditWithin: creditCommitted.gte(0) && creditCommitted.lte(f.available),
          cashIsSumOfRows: cashCommitted.eq(cashOf.get(f.id) ?? ZERO),
          creditIsSumOfRows: creditCommitted.eq(creditOf.get(f.id) ?? ZERO),
          cashAfter: cashAfter.eq(f.cash.minus(cashCommitted)),
          creditAfter: creditAfter.eq(f.available.minus(creditCommitted)),
          // policy spendOrder: the second purse is touched only once the first is empty.
          spendOrder:
            policy.spendOrder === "cash-first"
              ? creditCommitted.isZero() || cashAfter.isZero()
              : cashCommitted.isZero() || creditAfter.isZero(),
        };
        expect(checks).toEqual({
          franchisee: f.id,
          spendableBefore: true,
          cashWithin: true,
          creditWithin: true,
          cashIsSumOfRows: true,
          creditIsSumOfRows: true,
          cashAfter: true,
          creditAfter: true,
          spendOrder: true,
        });
      }

      // R-LOCK-PLACE payment requests: Σ new lock quantity × unitPrice, before the locks expire.
      const requested = new Map<string, { amount: Dec; locks: string[] }>();
      for (const lock of plan.locks) {
        if (!lock.isNew) continue;
        const line = must(facts.line.get(key(lock.order, lock.line)), "line");
        const request = requested.get(lock.franchisee) ?? { amount: ZERO, locks: [] };
        request.amount = request.amount.plus(line.price.times(lock.quantity));
        request.locks.push(lock.id);
        requested.set(lock.franchisee, request);
      }
      expect(plan.paymentRequests.map((r) => r.franchisee).sort(byId)).toEqual(
        [...requested.keys()].sort(byId),
      );
      for (const request of plan.paymentRequests) {
        const expected = must(requested.get(request.franchisee), "request");
        expect(dec(request.amount).eq(expected.amount)).toBe(true);
        expect(request.payBefore).toBe(addDays(facts.asOf, policy.lockDays));
        expect([...request.locks].sort(byId)).toEqual(expected.locks.sort(byId));
      }
    });
  });

  it("R-INV-PRIORITY: per SKU and pass, a lower-ranked claimant gets units only if every higher-ranked one was filled or stopped by money, never by stock", () => {
    forAll((facts, plan) => {
      const b = booked(plan);
      const funded = replayFunded(facts, b);

      // Funded pass (R-ALLOC-FUNDED): the trace follows R-RANK-FUNDED then R-RANK-LINE.
      const fundedTrace = plan.trace.filter((d) => d.pass === "funded");
      expect(fundedTrace.map((d) => key(d.franchisee, d.order, d.line))).toEqual(
        funded.claims.map((c) => key(c.line.franchisee, c.line.order, c.line.line)),
      );
      const checkPass = (claims: readonly Claim[], pass: string) => {
        const earlier = new Map<string, Claim[]>();
        claims.forEach((claim, rank) => {
          const before = earlier.get(claim.line.sku) ?? [];
          // Nobody is left short without a reason (stock exhausted or money short).
          if (!claim.line.blocked || pass === "funded") {
            expect({
              pass,
              rank,
              short:
                claim.filled ||
                claim.moneyLimited ||
                claim.stockLimited ||
                claim.refused !== undefined ||
                claim.packedFrom !== undefined ||
                claim.spread !== undefined ||
                claim.heldWhole !== undefined ||
                claim.share !== undefined,
            }).toEqual({
              pass,
              rank,
              short: true,
            });
          }
          if (claim.quantity > 0) {
            // R-SHARE: claimants of one group are of equal rank.
            for (const higher of before.filter(
              (h) => claim.group === undefined || h.group !== claim.group,
            )) {
              expect({
                pass,
                rank,
                sku: claim.line.sku,
                higher: key(higher.line.order, higher.line.line),
                // R-MINFILL: a refused claimant passes its stock on.
                filledOrMoney:
                  higher.filled ||
                  higher.moneyLimited ||
                  higher.refused !== undefined ||
                  higher.packedFrom !== undefined ||
                  higher.spread !== undefined ||
                  higher.heldWhole !== undefined,
              }).toEqual({
                pass,
                rank,
                sku: claim.line.sku,
                higher: key(higher.line.order, higher.line.line),
                filledOrMoney: true,
              });
            }
          }
          if (!(pass === "lock" && claim.line.blocked))
            earlier.set(claim.line.sku, [...before, claim]);
        });
      };
      checkPass(funded.claims, "funded");
      // R-ALLOC-PARTIAL with afterShortfall "stop": after a shortfall, nothing more.
      for (const claim of funded.claims) {
        if (claim.stopped)
          expect({ stopped: claim.line.key, got: claim.quantity }).toEqual({
            stopped: claim.line.key,
            got: 0,
          });
      }
      fundedTrace.forEach((d, i) => {
        const claim = must(funded.claims[i], "claim");
        const standing = must(funded.standings.get(claim.line.franchisee), "standing");
        expect(d.quantity).toBe(claim.quantity);
        expect(d.demand).toBe(claim.demand);
        expect(d.stock).toBe(claim.stock);
        // The explanation agrees with the recomputed facts.
        if (d.limitedBy === "none") expect(claim.filled).toBe(true);
        // R-PACK: or one more pack was more than the money or the stock.
        const cut = claim.packedFrom !== undefined;
        if (d.limitedBy === "funds") expect(claim.moneyLimited || cut).toBe(true);
        // R-SHARE: or its share was all it could take of the stock.
        if (d.limitedBy === "stock")
          expect(claim.stockLimited || cut || claim.share !== undefined).toBe(true);
        expect(d.limitedBy).not.toBe("lock-blocked");
        if (claim.filled) expect(d.limitedBy).toBe("none");
        expect({
          line: claim.line.key,
          limitedBy: d.limitedBy,
          stopped: d.stopped,
          priority: d.priority,
          funded: d.funded,
          offered: d.offered,
          minUnits: d.minUnits,
          minFillCited: d.rules.includes("R-MINFILL"),
          completeCited: d.rules.includes("R-COMPLETE"),
          completeShort: d.completeShort,
          packSize: d.packSize,
          beforePacks: d.beforePacks,
          sizeRun: d.sizeRun,
          sizeRunCited: d.rules.includes("R-SIZE-RUN"),
          share: d.share,
          shareCited: d.rules.includes("R-SHARE"),
          heldBack: d.heldBack,
          holdCited: d.rules.includes("R-HOLD"),
        }).toStrictEqual({
          line: claim.line.key,
          limitedBy: claim.limit,
          stopped: claim.stopped ? true : undefined,
          priority: standing.priority,
          funded: standing.funded,
          offered: claim.refused,
          minUnits: claim.refused === undefined ? undefined : ownLeast(facts.policy, claim.demand),
          minFillCited: claim.refused !== undefined,
          completeCited: claim.line.shipComplete,
          completeShort: claim.heldWhole,
          packSize: claim.packedFrom === undefined ? undefined : ownPack(facts, claim.line.sku),
          beforePacks: claim.packedFrom,
          sizeRun: claim.spread,
          sizeRunCited: claim.spread !== undefined,
          share: claim.share,
          shareCited: claim.share !== undefined,
          heldBack: claim.heldBack,
          holdCited: claim.heldBack !== undefined,
        });
      });
      // Every funded allocation row comes from a decision of the pass.
      for (const [k, q] of b.fundedAllocated) expect(funded.byLine.get(k)?.quantity).toBe(q);

      // Lock pass (R-LOCK-PLACE): franchisees by priority then id, lines by R-RANK-LINE,
      // lines that may not be locked skipped.
      const locks = replayLocks(facts, b, funded);
      const lockTrace = plan.trace.filter((d) => d.pass === "lock");
      expect(lockTrace.map((d) => key(d.franchisee, d.order, d.line))).toEqual(
        locks.claims.map((c) => key(c.line.franchisee, c.line.order, c.line.line)),
      );
      for (const claim of locks.claims) {
        if (claim.line.blocked)
          expect({ blocked: claim.line.key, locked: claim.quantity }).toEqual({
            blocked: claim.line.key,
            locked: 0,
          });
      }
      checkPass(locks.claims, "lock");
      lockTrace.forEach((d, i) => {
        const claim = must(locks.claims[i], "claim");
        expect(d.quantity).toBe(claim.quantity);
        expect(d.demand).toBe(claim.demand);
        if (d.limitedBy === "lock-blocked") expect(claim.line.blocked).toBe(true);
        if (claim.line.blocked)
          expect(["lock-blocked", "stock", "ship-complete"]).toContain(d.limitedBy);
        if (d.limitedBy === "none") expect(claim.filled).toBe(true);
        // A barred line's decision names the date its line's bar lifts (R-LOCK-EXPIRE).
        expect({
          line: claim.line.key,
          stock: d.stock,
          limitedBy: d.limitedBy,
          blockedUntil: d.blockedUntil,
          priority: d.priority,
          offered: d.offered,
          minUnits: d.minUnits,
          completeCited: d.rules.includes("R-COMPLETE"),
          completeShort: d.completeShort,
          beforePacks: d.beforePacks,
          heldBack: d.heldBack,
        }).toStrictEqual({
          line: claim.line.key,
          stock: claim.stock,
          limitedBy: claim.limit,
          blockedUntil: claim.line.blocked ? must(claim.line.barrier, "bar") : undefined,
          priority: must(facts.franchisees.get(claim.line.franchisee), "franchisee").priority,
          offered: claim.refused,
          minUnits: claim.refused === undefined ? undefined : ownLeast(facts.policy, claim.demand),
          completeCited: claim.line.shipComplete,
          completeShort: claim.heldWhole,
          beforePacks: claim.packedFrom,
          heldBack: claim.heldBack,
        });
      });

      // Unfilled reasons (SPEC §3.7): the last pass that looked at a line says why it was
      // left short — but a line money held back in the funded pass stays "funds" when the
      // lock pass then found no stock for it; a barred line with stock to lock is
      // "lock-blocked".
      const lockByLine = new Map(locks.claims.map((c) => [c.line.key, c]));
      const expectedReasons = new Map<string, string>();
      for (const line of facts.lines) {
        if (line.outstanding <= 0) continue;
        const left = line.outstanding - get(b.fundedAllocated, line.key) - get(b.newLock, line.key);
        if (left <= 0) continue;
        const fundedLimit = must(funded.byLine.get(line.key), "funded claim").limit;
        const lockLimit = lockByLine.get(line.key)?.limit;
        // A bar outranks R-MINFILL, which outranks money and stock, whichever pass refused.
        expectedReasons.set(
          key(line.order, line.line),
          lockLimit === "lock-blocked"
            ? lockLimit
            : fundedLimit === "ship-complete" || lockLimit === "ship-complete"
              ? "ship-complete"
              : fundedLimit === "min-fill" || lockLimit === "min-fill"
                ? "min-fill"
                : lockLimit === undefined || (lockLimit === "stock" && fundedLimit === "funds")
                  ? fundedLimit
                  : lockLimit,
        );
      }
      // R-HOLD: a line stock left short while units were held for another channel.
      for (const [k, reason] of expectedReasons) {
        const [order, line] = JSON.parse(k) as [string, number];
        const lineKey = key(order, line);
        const fundedClaim = funded.byLine.get(lineKey);
        if (
          reason === "stock" &&
          (fundedClaim?.heldBack !== undefined || lockByLine.get(lineKey)?.heldBack !== undefined)
        )
          expectedReasons.set(k, "holdback");
      }
      const reasons = new Map<string, string>();
      for (const row of plan.unfilled) {
        if (row.kind === "order-line") reasons.set(key(row.order, row.line), row.reason);
      }
      expect(reasons).toEqual(expectedReasons);
      for (const [k, q] of b.newLock) {
        expect(locks.claims.find((c) => c.line.key === k)?.quantity).toBe(q);
      }
      for (const lock of plan.locks) {
        if (!lock.isNew) continue;
        expect(lock.lockedOn).toBe(facts.asOf);
        expect(lock.expiresOn).toBe(addDays(facts.asOf, facts.policy.lockDays));
      }

      // Direct pass (R-ALLOC-DIRECT): claims in region / store order; later ones only
      // after earlier ones are filled.
      const direct = replayDirect(facts, b, locks, funded.pools);
      const directTrace = plan.trace.filter((d) => d.pass === "direct");
      const expectedSkus = [...direct.bySku.keys()];
      for (const sku of expectedSkus) {
        const rows = must(direct.bySku.get(sku), "rows");
        const traced = directTrace.filter((d) => d.sku === sku);
        expect(traced.map((d) => key(d.kind, d.kind === "store" ? d.store : d.region))).toEqual(
          rows.map((r) => key(r.claim.kind, r.claim.id)),
        );
        rows.forEach((row, i) => {
          const d = must(traced[i], "decision");
          expect(d.quantity).toBe(row.quantity);
          expect(d.demand).toBe(row.claim.demand);
          expect(row.quantity).toBeLessThanOrEqual(row.stock);
          // Each demand gets min(need, free stock and the held units it may draw, R-HOLD;
          // R-SHARE: its share), in whole packs unless that completes it (R-PACK).
          const allowed = row.allowed;
          expect(row.quantity).toBe(ownPacks(facts, sku, allowed, row.claim.demand));
          expect({
            stock: d.stock,
            share: d.share,
            shareCited: d.rules.includes("R-SHARE"),
            fromHeld: d.fromHeld,
            heldBack: d.heldBack,
            holdCited: d.rules.includes("R-HOLD"),
          }).toStrictEqual({
            stock: row.stock,
            share: row.share,
            shareCited: row.share !== undefined,
            fromHeld: row.fromHeld,
            heldBack: row.heldBack,
            holdCited: row.fromHeld !== undefined || row.heldBack !== undefined,
          });
          expect({ packSize: d.packSize, beforePacks: d.beforePacks }).toStrictEqual(
            row.quantity < allowed
              ? { packSize: ownPack(facts, sku), beforePacks: allowed }
              : { packSize: undefined, beforePacks: undefined },
          );
          if (row.quantity > 0) {
            // R-SHARE: claimants of one group are of equal rank.
            const before = rows
              .slice(0, i)
              .filter((h) => row.group === undefined || h.group !== row.group);
            for (const higher of before) {
              expect({
                sku,
                rank: i,
                higher: higher.claim.id,
                // R-PACK: or its whole packs left units that make no pack for it; R-HOLD: or
                // the units it could not reach were held for another region.
                filled:
                  higher.quantity === higher.claim.demand ||
                  higher.quantity < Math.min(higher.claim.demand, higher.stock) ||
                  (higher.share !== undefined && higher.quantity === higher.share.units) ||
                  reachesLess(higher, row),
              }).toEqual({
                sku,
                rank: i,
                higher: higher.claim.id,
                filled: true,
              });
            }
          }
        });
      }
      expect(directTrace.filter((d) => !direct.bySku.has(d.sku))).toEqual([]);
      // Every store and region allocation comes from a claim of the pass.
      for (const row of plan.storeAllocations) {
        const rows = direct.bySku.get(row.sku) ?? [];
        expect(rows.some((r) => r.claim.kind === "store" && r.claim.id === row.store)).toBe(true);
      }
      for (const row of plan.regionAllocations) {
        const rows = direct.bySku.get(row.sku) ?? [];
        expect(rows.some((r) => r.claim.kind === "region" && r.claim.id === row.region)).toBe(true);
      }
    });
  });

  it("R-INV-ORDER: no store or region receives a SKU while a lockable franchisee line of it is left unfilled and unlocked", () => {
    forAll((facts, plan) => {
      const b = booked(plan);
      // Franchisee passes come before the direct pass (6.4.3: 加盟商之后); expired locks
      // are released before conversion, expiring ones after it (R-LOCK-GRACE).
      const passes = plan.trace.map((d) => PASS_ORDER.indexOf(passOf(d)));
      expect(passes).toEqual([...passes].sort((x, y) => x - y));

      let replay: FundedReplay | undefined;
      let lockReplay: Map<string, Claim> | undefined;
      const directSkus = new Set<string>();
      for (const row of plan.storeAllocations) directSkus.add(row.sku);
      for (const row of plan.regionAllocations) directSkus.add(row.sku);
      for (const line of facts.lines) {
        if (!directSkus.has(line.sku) || line.outstanding <= 0) continue;
        const left = line.outstanding - get(b.fundedAllocated, line.key) - get(b.newLock, line.key);
        if (facts.policy.lockUnfunded) {
          // A line that may be locked is never left open while direct demand is served
          // (R-MINFILL: a line whose share of the stock left is too few to lock may).
          replay ??= replayFunded(facts, b);
          lockReplay ??= new Map(
            replayLocks(facts, b, replay).claims.map((claim) => [claim.line.key, claim]),
          );
          const lockClaim = lockReplay.get(line.key);
          // R-PACK: nor one whose share of the stock left makes no pack.
          // R-HOLD: nor one left short while the units the stores got were held for them.
          const refused =
            lockClaim?.refused !== undefined ||
            lockClaim?.heldWhole !== undefined ||
            lockClaim?.packedFrom !== undefined ||
            lockClaim?.heldBack !== undefined;
          if (!line.blocked && !refused) {
            expect({ sku: line.sku, line: line.key, leftOpen: left }).toEqual({
              sku: line.sku,
              line: line.key,
              leftOpen: 0,
            });
          }
        } else if (left > 0) {
          // Without the lock pass only money may keep a line short of a SKU the stores get.
          replay ??= replayFunded(facts, b);
          const funded = replay.byLine.get(line.key);
          expect({
            line: line.key,
            moneyLimited:
              funded?.moneyLimited === true ||
              funded?.refused !== undefined ||
              funded?.heldWhole !== undefined ||
              funded?.packedFrom !== undefined ||
              funded?.heldBack !== undefined,
          }).toEqual({
            line: line.key,
            moneyLimited: true,
          });
        }
      }
      for (const row of plan.unfilled) {
        if (row.kind !== "order-line" || !directSkus.has(row.sku)) continue;
        const allowed = facts.policy.lockUnfunded ? "lock-blocked" : "funds";
        // R-PACK: any reason, when the stock left made no (further) pack for the line.
        replay ??= replayFunded(facts, b);
        lockReplay ??= new Map(
          replayLocks(facts, b, replay).claims.map((claim) => [claim.line.key, claim]),
        );
        const k = key(row.order, row.line);
        const lastClaim = facts.policy.lockUnfunded ? lockReplay.get(k) : replay.byLine.get(k);
        // R-HOLD: or the units the direct pass got were held for it.
        const packCut = lastClaim?.packedFrom !== undefined || lastClaim?.heldBack !== undefined;
        expect({
          line: key(row.order, row.line),
          reason:
            row.reason === "min-fill" ||
            row.reason === "ship-complete" ||
            row.reason === "holdback" ||
            packCut
              ? allowed
              : row.reason,
        }).toEqual({
          line: key(row.order, row.line),
          reason: allowed,
        });
      }
    });
  });

  it("R-INV-DEMAND: nobody receives more than its outstanding demand or need; allocated, locked and unfilled account for each demand exactly", () => {
    forAll((facts, plan) => {
      const b = booked(plan);
      const { policy } = facts;
      for (const line of facts.lines) {
        const activeCarried = sum(line.active.map((l) => l.quantity));
        const fromLocks = get(b.lockAllocated, line.key);
        const funded = get(b.fundedAllocated, line.key);
        const newLock = get(b.newLock, line.key);
        const carriedLeft = get(b.carriedLeft, line.key);
        const unfilled = get(b.unfilled, key("order-line", line.order, line.line));
        const outstanding = line.quantity - line.allocated - activeCarried + line.graceReleased;
        expect(outstanding).toBe(line.outstanding);
        expect({
          line: line.key,
          fromLocksWithinLocks: fromLocks <= activeCarried,
          withinOutstanding: funded + newLock <= outstanding,
          locksAccounted: fromLocks + carriedLeft + line.graceReleased === activeCarried,
          outstandingAccounted: funded + newLock + unfilled === outstanding,
          orderedAccounted:
            fromLocks + funded + carriedLeft + newLock + unfilled ===
            line.quantity - line.allocated,
          newLockOnlyIfLockable: newLock === 0 || (policy.lockUnfunded && !line.blocked),
        }).toEqual({
          line: line.key,
          fromLocksWithinLocks: true,
          withinOutstanding: true,
          locksAccounted: true,
          outstandingAccounted: true,
          orderedAccounted: true,
          newLockOnlyIfLockable: true,
        });
      }
      // Rows name real lines, with that line's franchisee and SKU, once per source.
      const rowKeys = plan.franchiseeAllocations.map((r) => key(r.order, r.line, r.source));
      expect(new Set(rowKeys).size).toBe(rowKeys.length);
      for (const row of [...plan.franchiseeAllocations, ...plan.locks, ...plan.releasedLocks]) {
        const line = must(
          facts.line.get(key(row.order, row.line)),
          `line ${row.order}/${row.line}`,
        );
        expect([row.franchisee, row.sku]).toEqual([line.franchisee, line.sku]);
      }
      for (const row of plan.unfilled) {
        if (row.kind === "order-line") {
          const line = must(facts.line.get(key(row.order, row.line)), "line");
          expect([row.franchisee, row.sku]).toEqual([line.franchisee, line.sku]);
          if (row.reason === "lock-blocked") expect(line.blocked && policy.lockUnfunded).toBe(true);
        }
      }
      const unfilledKeys = plan.unfilled.map((r) =>
        r.kind === "order-line"
          ? key(r.kind, r.order, r.line)
          : key(r.kind, r.kind === "store" ? r.store : r.region, r.sku),
      );
      expect(new Set(unfilledKeys).size).toBe(unfilledKeys.length);

      // Store needs: max(0, safetyStock − onHand − inTransit).
      const needKeys = new Set<string>();
      for (const need of facts.input.storeNeeds ?? []) {
        const k = key(need.store, need.sku);
        needKeys.add(k);
        const demand = Math.max(0, need.safetyStock - (need.onHand ?? 0) - (need.inTransit ?? 0));
        const got = get(b.store, k);
        const unfilled = get(b.unfilled, key("store", need.store, need.sku));
        expect({ need: k, got: got <= demand, accounted: got + unfilled === demand }).toEqual({
          need: k,
          got: true,
          accounted: true,
        });
      }
      for (const row of plan.storeAllocations) {
        expect(needKeys.has(key(row.store, row.sku))).toBe(true);
        expect(row.region).toBe(must(facts.stores.get(row.store), "store").region);
      }
      // Region stocking needs.
      const regionKeys = new Set<string>();
      for (const need of facts.input.regionNeeds ?? []) {
        const k = key(need.region, need.sku);
        regionKeys.add(k);
        const got = get(b.region, k);
        const unfilled = get(b.unfilled, key("region", need.region, need.sku));
        expect({
          need: k,
          got: got <= need.quantity,
          accounted: got + unfilled === need.quantity,
        }).toEqual({
          need: k,
          got: true,
          accounted: true,
        });
      }
      for (const row of plan.regionAllocations)
        expect(regionKeys.has(key(row.region, row.sku))).toBe(true);
    });
  });

  it("R-UNIT-4: same plan for any order of the input arrays and keys, for a second run and for a frozen input; the input is never mutated; outputs in canonical order", () => {
    fc.assert(
      fc.property(inputs, permutationSeed, (input, seed) => {
        const before = structuredClone(input);
        const plan = allocate(input);
        expect(input).toStrictEqual(before);
        expect(allocate(input)).toStrictEqual(plan);

        const shuffled = shuffleInput(input, seed);
        const shuffledCopy = structuredClone(shuffled);
        expect(allocate(shuffled)).toStrictEqual(plan);
        expect(shuffled).toStrictEqual(shuffledCopy);

        const frozen = deepFreeze(structuredClone(input));
        expect(allocate(frozen)).toStrictEqual(plan);
        expect(frozen).toStrictEqual(before);

        // Canonical orders (src/allocation/plan.ts, AllocationPlan).
        const sorted = <T>(rows: readonly T[], cmp: (a: T, b: T) => number) =>
          rows.every((row, i) => i === 0 || cmp(rows[i - 1] as T, row) <= 0);
        const source = (s: string) => (s === "lock" ? 0 : 1);
        expect(
          sorted(
            plan.franchiseeAllocations,
            (a, c) =>
              byId(a.order, c.order) || a.line - c.line || source(a.source) - source(c.source),
          ),
        ).toBe(true);
        const byLineThenId = (
          a: { order: string; line: number; id: string },
          c: { order: string; line: number; id: string },
        ) => byId(a.order, c.order) || a.line - c.line || byId(a.id, c.id);
        expect(sorted(plan.locks, byLineThenId)).toBe(true);
        expect(sorted(plan.releasedLocks, byLineThenId)).toBe(true);
        expect(
          sorted(plan.storeAllocations, (a, c) => byId(a.store, c.store) || byId(a.sku, c.sku)),
        ).toBe(true);
        expect(
          sorted(plan.regionAllocations, (a, c) => byId(a.region, c.region) || byId(a.sku, c.sku)),
        ).toBe(true);
        const kindRank = { "order-line": 0, store: 1, region: 2 } as const;
        expect(
          sorted(plan.unfilled, (a, c) => {
            if (a.kind !== c.kind) return kindRank[a.kind] - kindRank[c.kind];
            if (a.kind === "order-line" && c.kind === "order-line")
              return byId(a.order, c.order) || a.line - c.line;
            if (a.kind === "store" && c.kind === "store")
              return byId(a.store, c.store) || byId(a.sku, c.sku);
            if (a.kind === "region" && c.kind === "region")
              return byId(a.region, c.region) || byId(a.sku, c.sku);
            return 0;
          }),
        ).toBe(true);
        expect(sorted(plan.remaining, (a, c) => byId(a.sku, c.sku))).toBe(true);
        expect(sorted(plan.balances, (a, c) => byId(a.franchisee, c.franchisee))).toBe(true);
        expect(sorted(plan.paymentRequests, (a, c) => byId(a.franchisee, c.franchisee))).toBe(true);
        expect(
          sorted(
            plan.warnings,
            (a, c) =>
              byId(
                a.code === "COMMITMENTS_EXCEED_FUNDS" ? "0" : "1",
                c.code === "COMMITMENTS_EXCEED_FUNDS" ? "0" : "1",
              ) ||
              byId("franchisee" in a ? a.franchisee : "", "franchisee" in c ? c.franchisee : "") ||
              byId("region" in a ? a.region : "", "region" in c ? c.region : "") ||
              byId("season" in a ? a.season : "", "season" in c ? c.season : ""),
          ),
        ).toBe(true);
      }),
      params,
    );
  });

  it("R-COMPLETE: a ship-complete order is all or nothing — in the funded pass every outstanding line in full or none, and the same for its new locks", () => {
    forAll((facts, plan) => {
      const b = booked(plan);
      const orders = new Set(facts.lines.filter((l) => l.shipComplete).map((l) => l.order));
      for (const order of orders) {
        const open = facts.lines.filter((l) => l.order === order && l.outstanding > 0);
        const served = open.map((l) => get(b.fundedAllocated, l.key));
        const whole = open.every((l, k) => served[k] === l.outstanding);
        expect({ order, served, whole: whole || served.every((q) => q === 0) }).toEqual({
          order,
          served,
          whole: true,
        });
        const left = open
          .map((l) => ({ l, demand: l.outstanding - get(b.fundedAllocated, l.key) }))
          .filter((entry) => entry.demand > 0);
        const locked = left.map(({ l }) => get(b.newLock, l.key));
        const lockedWhole = left.every(({ demand }, k) => locked[k] === demand);
        expect({ order, locked, whole: lockedWhole || locked.every((q) => q === 0) }).toEqual({
          order,
          locked,
          whole: true,
        });
      }
    });
  });

  it("R-PACK: every allocation, lock, store and region grant of a SKU is whole packs unless it completes its demand", () => {
    forAll((facts, plan) => {
      const b = booked(plan);
      const whole = (sku: string, quantity: number, demand: number) =>
        quantity === 0 || quantity === demand || quantity % ownPack(facts, sku) === 0;
      const check = (what: string, sku: string, quantity: number, demand: number) =>
        expect({
          what,
          quantity,
          demand,
          pack: ownPack(facts, sku),
          whole: whole(sku, quantity, demand),
        }).toEqual({ what, quantity, demand, pack: ownPack(facts, sku), whole: true });
      for (const l of facts.lines) {
        if (l.outstanding <= 0) continue;
        const funded = get(b.fundedAllocated, l.key);
        check(`funded ${l.key}`, l.sku, funded, l.outstanding);
        check(`lock ${l.key}`, l.sku, get(b.newLock, l.key), l.outstanding - funded);
      }
      for (const d of plan.trace) {
        if (d.pass !== "conversion") continue;
        const lock = must(
          facts.locks.find((x) => x.id === d.lock),
          "lock",
        );
        check(`conversion ${lock.id}`, lock.sku, d.quantity, lock.quantity);
      }
      for (const sku of facts.productRank.keys()) {
        for (const claim of directClaims(facts, sku)) {
          const got = get(claim.kind === "store" ? b.store : b.region, key(claim.id, sku));
          check(`${claim.kind} ${claim.id} ${sku}`, sku, got, claim.demand);
        }
      }
    });
  });

  it("R-MINFILL: a line takes in the funded or lock pass all it is missing there, or at least ⌈minFill × that⌉, or nothing", () => {
    forAll((facts, plan) => {
      const b = booked(plan);
      for (const l of facts.lines) {
        if (l.outstanding <= 0 || l.shipComplete) continue;
        const funded = get(b.fundedAllocated, l.key);
        const least = (demand: number) => ownLeast(facts.policy, demand);
        const ok = (q: number, demand: number) => q === 0 || q === demand || q >= least(demand);
        const lockDemand = l.outstanding - funded;
        const locked = get(b.newLock, l.key);
        expect({
          line: l.key,
          funded: ok(funded, l.outstanding),
          locked: ok(locked, lockDemand),
        }).toEqual({
          line: l.key,
          funded: true,
          locked: true,
        });
      }
    });
  });

  it("R-SHARE: proportional shares are within one unit of the exact proportion, never above a cap, and add up to the stock shared; nobody takes more than its share", () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        const input = { ...raw, policy: { ...raw.policy, share: "proportional" as const } };
        const plan = allocate(input);
        // The shared decisions, in runs: one SKU step of one group (its claimants of equal rank).
        type Shared = {
          claimant: string;
          sku: string;
          quantity: number;
          share: OwnShare;
          group: string;
        };
        const shared: Shared[] = [];
        for (const d of plan.trace) {
          if (d.pass === "funded" && d.share !== undefined)
            shared.push({
              claimant: d.franchisee,
              sku: d.sku,
              quantity: d.quantity,
              share: d.share,
              group: key(
                "funded",
                d.sku,
                d.funded ? 1 : 0,
                d.priority,
                d.share.stock,
                d.share.claimants,
              ),
            });
          if (d.pass === "direct" && d.kind === "store" && d.share !== undefined)
            shared.push({
              claimant: d.store,
              sku: d.sku,
              quantity: d.quantity,
              share: d.share,
              group: key("store", d.sku, d.region, d.storeClass, d.share.stock, d.share.claimants),
            });
        }
        for (let k = 0; k < shared.length; ) {
          let end = k;
          const group = must(shared[k], "shared").group;
          while (end < shared.length && must(shared[end], "shared").group === group) end++;
          const run = shared.slice(k, end);
          k = end;
          const byClaimant = new Map<string, { share: OwnShare; got: number }>();
          for (const row of run) {
            const seen = byClaimant.get(row.claimant);
            // A franchisee's lines of the SKU carry its one share.
            if (seen !== undefined) expect(row.share).toEqual(seen.share);
            byClaimant.set(row.claimant, {
              share: row.share,
              got: (seen?.got ?? 0) + row.quantity,
            });
          }
          const members = [...byClaimant.values()];
          const { stock, claimants } = must(members[0], "member").share;
          const caps = sum(members.map((m) => m.share.cap));
          expect(members.filter((m) => m.share.cap > 0).length).toBe(claimants);
          // Shared only when the stock could not fill every cap.
          expect(caps).toBeGreaterThan(stock);
          expect(sum(members.map((m) => m.share.units))).toBe(stock);
          for (const { share, got } of members) {
            expect(share.units).toBeLessThanOrEqual(share.cap);
            // |units − stock × cap ÷ Σcaps| < 1, in integers.
            expect(Math.abs(share.units * caps - stock * share.cap)).toBeLessThan(caps);
            expect(got).toBeLessThanOrEqual(share.units);
          }
        }
      }),
      params,
    );
  });

  it("R-HOLD: held units reach only their channel — never a franchisee; a region's only its stores and warehouse; none, nobody (they stay in remaining)", () => {
    forAll((facts, plan) => {
      if ((facts.input.holdback ?? []).length === 0) return;
      const b = booked(plan);
      const free = initialStock(facts);
      const pools = ownHoldback(facts, new Map(free));
      const direct = new Map<string, { inRegion: Map<string, number>; all: number }>();
      for (const row of plan.storeAllocations) {
        const d = direct.get(row.sku) ?? { inRegion: new Map(), all: 0 };
        d.all += row.quantity;
        addTo(d.inRegion, row.region, row.quantity);
        direct.set(row.sku, d);
      }
      for (const row of plan.regionAllocations) {
        const d = direct.get(row.sku) ?? { inRegion: new Map(), all: 0 };
        d.all += row.quantity;
        addTo(d.inRegion, row.region, row.quantity);
        direct.set(row.sku, d);
      }
      for (const [sku, pool] of pools) {
        const held = heldOf(pools, sku);
        const start = free.get(sku) ?? 0;
        let franchisees = 0;
        for (const line of facts.lines) {
          if (line.sku !== sku) continue;
          franchisees += get(b.fundedAllocated, line.key) + get(b.newLock, line.key);
        }
        // Franchisees take only what was free beside the held units.
        expect({ sku, franchisees: franchisees <= start - held }).toEqual({
          sku,
          franchisees: true,
        });
        const left = start - franchisees;
        const d = direct.get(sku) ?? { inRegion: new Map<string, number>(), all: 0 };
        // "none" is kept from every pass: it stays in remaining, and is named there.
        expect(d.all).toBeLessThanOrEqual(left - pool.none);
        const remaining = plan.remaining.find((row) => row.sku === sku);
        expect(remaining?.quantity ?? 0).toBeGreaterThanOrEqual(pool.none);
        expect(remaining?.held ?? 0).toBeGreaterThanOrEqual(pool.none);
        // A region's held units go to its stores and warehouse only.
        for (const [region, units] of pool.regions) {
          const outside = d.all - (d.inRegion.get(region) ?? 0);
          expect({ sku, region, outside: outside <= left - pool.none - units }).toEqual({
            sku,
            region,
            outside: true,
          });
        }
      }
      for (const row of plan.remaining) {
        if (row.held !== undefined) {
          expect(pools.has(row.sku)).toBe(true);
          expect(row.held).toBeLessThanOrEqual(Math.min(row.quantity, heldOf(pools, row.sku)));
        }
      }
    });
  });

  it("R-UNIT-4 with every lever on (R-SHARE, R-MINFILL, R-COMPLETE, R-PACK, R-SIZE-RUN, R-HOLD, R-PRIO-FACTORS): the same plan for any order of the input", () => {
    const everyLever = fc
      .tuple(inputs, fc.constantFrom(0.25, 1 / 3, 0.5), fc.integer({ min: 2, max: 4 }))
      .map(([input, minFill, pack]): AllocationInput => {
        const products = input.products ?? [];
        const first = products[0];
        return {
          ...input,
          policy: {
            ...input.policy,
            share: "proportional",
            partialBy: "style",
            minFill,
            franchiseeTieBreak: ["orderedUnits", "orderedValue", "spendable", "id"],
          },
          products: products.map((p, k) => ({
            ...p,
            packSize: p.packSize ?? (k % 2 === 0 ? pack : 1),
          })),
          orders: (input.orders ?? []).map((o, k) =>
            k % 2 === 0 ? { ...o, shipComplete: true } : o,
          ),
          ...(first === undefined || (input.holdback ?? []).length > 0
            ? {}
            : { holdback: [{ sku: first.sku, quantity: 3, for: "direct" as const }] }),
        };
      });
    fc.assert(
      fc.property(everyLever, permutationSeed, (input, seed) => {
        const plan = allocate(input);
        expect(allocate(shuffleInput(input, seed))).toStrictEqual(plan);
        expect(allocate(deepFreeze(structuredClone(input)))).toStrictEqual(plan);
      }),
      params,
    );
  });

  it("Appendix A: no plan list holds a row of quantity 0", () => {
    forAll((_facts, plan) => {
      const lists = {
        franchiseeAllocations: plan.franchiseeAllocations,
        locks: plan.locks,
        releasedLocks: plan.releasedLocks,
        storeAllocations: plan.storeAllocations,
        regionAllocations: plan.regionAllocations,
        unfilled: plan.unfilled,
        remaining: plan.remaining,
      };
      for (const [name, rows] of Object.entries(lists)) {
        const bad = (rows as readonly { quantity: number }[]).filter(
          (row) => !(Number.isInteger(row.quantity) && row.quantity > 0),
        );
        expect({ name, bad }).toEqual({ name, bad: [] });
      }
    });
  });

  it("Appendix A: the plan is plain JSON — JSON.parse(JSON.stringify(plan)) deep-equals it", () => {
    forAll((_facts, plan) => {
      const json = JSON.stringify(plan);
      expect(JSON.parse(json) as AllocationPlan).toStrictEqual(plan);
      // Money in the plan is always a plain decimal string.
      const amounts = [
        ...plan.franchiseeAllocations.flatMap((r) => [r.unitPrice, r.amount, r.cash, r.credit]),
        ...plan.balances.flatMap((b) => [
          b.spendableBefore,
          b.cashCommitted,
          b.creditCommitted,
          b.cashAfter,
          b.creditAvailableAfter,
        ]),
        ...plan.paymentRequests.map((r) => r.amount),
      ];
      for (const amount of amounts) expect(amount).toMatch(/^\d+(\.\d+)?$/);
      // Decisions carry rule IDs.
      for (const d of plan.trace) expect(d.rules.length).toBeGreaterThan(0);
    });
  });
});
