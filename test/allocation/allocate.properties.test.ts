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
  const claims: Claim[] = [];
  const byLine = new Map<string, Claim>();
  const stoppedBefore = stoppedByConversion(facts, b);
  for (const standing of own) {
    let money = standing.spendable;
    let stopped = stoppedBefore.has(standing.id);
    const mine = must(facts.franchisees.get(standing.id), "franchisee").lines;
    const decided = new Set<string>();
    const decidedStyles = new Set<string>();
    for (const line of mine) {
      if (line.shipComplete) {
        // R-COMPLETE: the whole order, at its first outstanding line's turn.
        if (decided.has(line.order)) continue;
        decided.add(line.order);
        const group = mine
          .filter((l) => l.order === line.order)
          .map((l) => ({ line: l, demand: l.outstanding }));
        let cost = ZERO;
        const heldWhole = ownWholeShortfall(group, stock, (l, demand) => {
          if (stopped) return "funds";
          cost = cost.plus(l.price.times(demand));
          return cost.lte(money) ? undefined : "funds";
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
            stopped,
            refused: undefined,
            packedFrom: undefined,
            heldWhole,
            limit: heldWhole === undefined ? "none" : "ship-complete",
          };
          claims.push(claim);
          byLine.set(l.key, claim);
          stock.set(l.sku, s - quantity);
          money = money.minus(l.price.times(quantity));
        }
        if (heldWhole?.limitedBy === "funds" && facts.policy.afterShortfall === "stop")
          stopped = true;
        continue;
      }
      // One line's turn; `share` and `spread` for a line of a style spread by R-SIZE-RUN.
      const visit = (line: LineFact, share?: number, spread?: Claim["spread"]) => {
        const demand = line.outstanding;
        const quantity = get(b.fundedAllocated, line.key);
        const s = stock.get(line.sku) ?? 0;
        const cost = line.price.times(quantity);
        expect(quantity).toBeLessThanOrEqual(s);
        expect(cost.lte(money)).toBe(true);
        const filled = quantity === demand;
        const canPayOneMore = line.price.isZero() || line.price.times(quantity + 1).lte(money);
        // What stock and money allowed, and whether R-MINFILL refused it as too few.
        const affordable = line.price.isZero()
          ? Number.POSITIVE_INFINITY
          : money.dividedToIntegerBy(line.price).toNumber();
        const allowed = share ?? (stopped ? 0 : Math.min(demand, s, affordable));
        const offered = ownPacks(facts, line.sku, allowed, demand);
        const refused = ownRefusal(facts.policy, offered, demand);
        expect({ line: line.key, quantity }).toEqual({
          line: line.key,
          quantity: refused ? 0 : offered,
        });
        const claim: Claim = {
          line,
          demand,
          quantity,
          stock: s,
          filled,
          moneyLimited: !filled && (stopped || !canPayOneMore || spread !== undefined),
          stockLimited: !filled && quantity === s,
          stopped,
          refused: refused ? offered : undefined,
          packedFrom: offered < allowed ? allowed : undefined,
          heldWhole: undefined,
          spread,
          // Money held it back iff it allowed less than the stock did (a stopped line: stock > 0).
          limit: filled
            ? "none"
            : refused
              ? "min-fill"
              : allowed < Math.min(demand, s)
                ? "funds"
                : "stock",
        };
        claims.push(claim);
        byLine.set(line.key, claim);
        // R-ALLOC-PARTIAL: money stopped this line short of what stock allowed (R-MINFILL
        // refusing the part it could pay for is a shortfall all the same).
        if (spread === undefined && (stopped || allowed < Math.min(demand, s))) {
          if (facts.policy.afterShortfall === "stop") stopped = true;
        }
        stock.set(line.sku, s - quantity);
        money = money.minus(cost);
      };
      if (facts.policy.partialBy === "style" && !line.shipComplete) {
        // R-SIZE-RUN: the franchisee's lines of the style, at the first one's turn.
        const style = facts.products.get(line.sku)?.style;
        const group = mine.filter(
          (l) =>
            !l.shipComplete && style !== undefined && facts.products.get(l.sku)?.style === style,
        );
        if (style !== undefined && group.length >= 2) {
          if (decidedStyles.has(style)) continue;
          decidedStyles.add(style);
          const taken = new Map<string, number>();
          const caps = group.map((l) => {
            const before = taken.get(l.sku) ?? 0;
            const cap = Math.min(l.outstanding, (stock.get(l.sku) ?? 0) - before);
            taken.set(l.sku, before + cap);
            return cap;
          });
          const all = group.reduce((sum, l, k) => sum.plus(l.price.times(caps[k] as number)), ZERO);
          if (stopped || all.lte(money)) {
            for (const l of group) visit(l);
            continue;
          }
          const weights = group.map((l) => (l.price.isZero() ? 0 : l.outstanding));
          const pricedCaps = caps.map((cap, k) => ((weights[k] as number) > 0 ? cap : 0));
          const costOf = (shares: number[]) =>
            group.reduce((sum, l, k) => sum.plus(l.price.times(shares[k] as number)), ZERO);
          const total = pricedCaps.reduce((a, c) => a + c, 0);
          // The most units whose spread the money pays for.
          let units = total;
          while (units > 0 && !costOf(ownApportion(units, weights, pricedCaps)).lte(money)) units--;
          const shares = ownApportion(units, weights, pricedCaps);
          group.forEach((l, k) => {
            visit(l, (weights[k] as number) > 0 ? (shares[k] as number) : (caps[k] as number), {
              style,
              units,
            });
          });
          if (facts.policy.afterShortfall === "stop") stopped = true;
          continue;
        }
      }
      visit(line);
    }
  }
  return {
    claims,
    stock,
    byLine,
    order: own.map((s) => s.id),
    standings: new Map(standings.map((s) => [s.id, s])),
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
        limit: filled
          ? "none"
          : line.blocked && s > 0
            ? "lock-blocked"
            : refused
              ? "min-fill"
              : "stock",
      });
      stock.set(line.sku, s - quantity);
    }
  }
  return { claims, stock };
}

interface DirectReplay {
  bySku: Map<string, { claim: DirectClaim; quantity: number; stock: number }[]>;
  stock: Map<string, number>;
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

function replayDirect(facts: Facts, b: Booked, locks: LockReplay): DirectReplay {
  const stock = new Map(locks.stock);
  const bySku = new Map<string, { claim: DirectClaim; quantity: number; stock: number }[]>();
  for (const sku of facts.productRank.keys()) {
    const claims = directClaims(facts, sku);
    if (claims.length === 0) continue;
    let s = stock.get(sku) ?? 0;
    const rows = claims.map((claim) => {
      const quantity = get(claim.kind === "store" ? b.store : b.region, key(claim.id, sku));
      const row = { claim, quantity, stock: s };
      s -= quantity;
      return row;
    });
    stock.set(sku, s);
    bySku.set(sku, rows);
  }
  return { bySku, stock };
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
                claim.heldWhole !== undefined,
            }).toEqual({
              pass,
              rank,
              short: true,
            });
          }
          if (claim.quantity > 0) {
            for (const higher of before) {
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
        if (d.limitedBy === "stock") expect(claim.stockLimited || cut).toBe(true);
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
      const direct = replayDirect(facts, b, locks);
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
          // Each demand gets min(need, free stock), in whole packs unless that completes it (R-PACK).
          const allowed = Math.min(row.claim.demand, row.stock);
          expect(row.quantity).toBe(ownPacks(facts, sku, allowed, row.claim.demand));
          expect({ packSize: d.packSize, beforePacks: d.beforePacks }).toStrictEqual(
            row.quantity < allowed
              ? { packSize: ownPack(facts, sku), beforePacks: allowed }
              : { packSize: undefined, beforePacks: undefined },
          );
          if (row.quantity > 0) {
            for (const higher of rows.slice(0, i)) {
              expect({
                sku,
                rank: i,
                higher: higher.claim.id,
                // R-PACK: or its whole packs left units that make no pack for it.
                filled:
                  higher.quantity === higher.claim.demand ||
                  higher.quantity < Math.min(higher.claim.demand, higher.stock),
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
          const refused =
            lockClaim?.refused !== undefined ||
            lockClaim?.heldWhole !== undefined ||
            lockClaim?.packedFrom !== undefined;
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
              funded?.packedFrom !== undefined,
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
        const packCut = lastClaim?.packedFrom !== undefined;
        expect({
          line: key(row.order, row.line),
          reason:
            row.reason === "min-fill" || row.reason === "ship-complete" || packCut
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
