/**
 * Seeded, deterministic generator of realistic allocation waves for the benchmark.
 *
 * `generateWave({ lines })` builds an {@link AllocationInput} (SPEC Appendix A) with
 * `lines` franchisee order lines (10 per order) and, scaled to it:
 * - SKUs: lines / 200, at least 200, at most 5000; seasons SS / AW / NONE, launch
 *   dates and ranks (some missing), one or two price points each ("59.00", "129.90"…);
 * - franchisees: lines / 500, at least 20; about a third fully funded, a third partly,
 *   a third unfunded (cash and credit as decimal strings);
 * - supply: per SKU, between ~30% and ~120% of the franchisee demand (many SKUs at
 *   60–70%), a few SKUs with no supply row at all;
 * - carried locks: lines / 1000, about a third already expired on `asOf`;
 * - regions: the default region ids of the policy plus one id no season lists;
 * - stores (class A/B/C), store needs (lines / 5) and region stocking needs.
 *
 * The same options always give the same input: the only randomness is a mulberry32
 * PRNG seeded from `seed`, and the generator never reads a clock.
 */
import { type AllocationInput, DEFAULT_POLICY } from "../src/index.js";

/** What to generate. */
export interface WaveOptions {
  /** Franchisee order lines in the wave (10 per order). */
  readonly lines: number;
  /** PRNG seed; the default is 20260301. */
  readonly seed?: number;
}

/** The run date of every generated wave. */
export const AS_OF = "2026-03-01";

const LINES_PER_ORDER = 10;
/** A region id that no season of the default policy lists (it earns a warning). */
const UNLISTED_REGION = "kunming";
const COLORS = ["BLK", "WHT", "RED", "NAV", "GRY", "KHA", "OLV", "PNK"] as const;
const SIZES = ["XS", "S", "M", "L", "XL", "XXL"] as const;
/** Price points in cents: what a fashion brand charges franchisees. */
const PRICE_POINTS = [
  3900, 4990, 5900, 6900, 7990, 8900, 9900, 12990, 14900, 15900, 19900, 22900, 25900, 29990, 35900,
  39900,
] as const;
const PACK_QUANTITIES = [1, 2, 2, 3, 4, 4, 6, 6, 8, 10, 12, 12, 20, 24] as const;
const DAY_MS = 86_400_000;

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded source of the few kinds of random values the generator needs. */
class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** An index in [0, n) skewed towards 0: a few items are far more popular than the rest. */
  skewed(n: number): number {
    const u = this.next();
    return Math.min(n - 1, Math.floor(u * u * n));
  }
}

/** `YYYY-MM-DD` of the day `days` after `from` (calendar arithmetic, UTC, no clock). */
function isoDay(from: string, days: number): string {
  const [year, month, day] = from.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A whole number of cents as a decimal string: 12990 → "129.90". */
function cents(amount: number): string {
  const whole = Math.floor(amount / 100);
  const rest = amount % 100;
  return `${whole}.${rest < 10 ? "0" : ""}${rest}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

interface SkuFacts {
  readonly sku: string;
  /** Price points as decimal strings: the list price first, sometimes a promotional one. */
  readonly prices: readonly string[];
  /** The same price points in cents. */
  readonly priceCents: readonly number[];
}

type InputOrder = NonNullable<AllocationInput["orders"]>[number];
type InputLine = InputOrder["lines"][number];
type InputLock = NonNullable<AllocationInput["locks"]>[number];

/** The sizes of every section, derived from the number of order lines. */
export function waveShape(lines: number) {
  const orderCount = Math.ceil(lines / LINES_PER_ORDER);
  return {
    orders: orderCount,
    skus: Math.min(5000, Math.max(200, Math.floor(lines / 200))),
    franchisees: Math.max(20, Math.floor(lines / 500)),
    stores: Math.min(1000, Math.max(20, Math.floor(lines / 2500))),
    storeNeeds: Math.floor(lines / 5),
    locks: Math.max(5, Math.floor(lines / 1000)),
  };
}

/**
 * Generates one allocation wave: a valid {@link AllocationInput} with `lines` order
 * lines, deterministic in `options`.
 */
export function generateWave(options: WaveOptions): AllocationInput {
  const lineTarget = Math.max(LINES_PER_ORDER, Math.floor(options.lines));
  const random = new Random(options.seed ?? 20260301);
  const shape = waveShape(lineTarget);

  // Regions: the default ids of both seasons, plus one that no season lists.
  const regionIds = [
    ...new Set([...DEFAULT_POLICY.regionOrder.SS, ...DEFAULT_POLICY.regionOrder.AW]),
  ];
  regionIds.push(UNLISTED_REGION);
  const regions = regionIds.map((id) => ({ id, name: id }));

  // Products: style-colour-size SKUs with a launch plan.
  const products: NonNullable<AllocationInput["products"]> = [];
  const skus: SkuFacts[] = [];
  for (let i = 0; i < shape.skus; i++) {
    const style = `T${pad(Math.floor(i / (COLORS.length * SIZES.length)) + 100, 4)}`;
    const color = COLORS[Math.floor(i / SIZES.length) % COLORS.length] as string;
    const size = SIZES[i % SIZES.length] as string;
    const sku = `${style}-${color}-${size}`;
    const roll = random.float();
    const season = roll < 0.45 ? "SS" : roll < 0.85 ? "AW" : "NONE";
    const product: (typeof products)[number] = { sku, style, season };
    if (!random.chance(0.1)) product.launchDate = isoDay("2026-01-15", random.int(0, 105));
    if (!random.chance(0.2)) product.launchRank = random.int(1, 50);
    products.push(product);
    const list = random.pick(PRICE_POINTS);
    const priceCents = random.chance(0.3) ? [list, Math.round(list * 0.8)] : [list];
    skus.push({ sku, prices: priceCents.map(cents), priceCents });
  }

  // Orders: 10 lines each, on popular SKUs more often than on the long tail.
  const franchiseeIds = Array.from({ length: shape.franchisees }, (_, i) => `F${pad(i + 1, 5)}`);
  const demandUnits = new Float64Array(shape.skus);
  const demandValue = new Float64Array(shape.franchisees);
  const orders: InputOrder[] = [];
  const openLines: { order: InputOrder; line: InputLine; sku: number }[] = [];
  // Lines a carried lock may sit on: a sample spread over the whole wave.
  const lockCandidateShare = Math.min(1, (shape.locks * 20) / lineTarget);
  let made = 0;
  for (let o = 0; o < shape.orders; o++) {
    const franchisee = random.skewed(shape.franchisees);
    const order: InputOrder = {
      id: `SO-${pad(o + 1, 7)}`,
      franchisee: franchiseeIds[franchisee] as string,
      orderedOn: isoDay("2026-01-05", random.int(0, 54)),
      lines: [],
    };
    const used = new Set<number>();
    const count = Math.min(LINES_PER_ORDER, lineTarget - made);
    for (let l = 1; l <= count; l++) {
      let index = random.skewed(shape.skus);
      while (used.has(index)) index = random.int(0, shape.skus - 1);
      used.add(index);
      const facts = skus[index] as SkuFacts;
      const which = facts.prices.length > 1 && random.chance(0.2) ? 1 : 0;
      const quantity = random.pick(PACK_QUANTITIES);
      const allocated = random.chance(0.1) ? random.int(0, quantity - 1) : 0;
      const line: InputLine = {
        line: l,
        sku: facts.sku,
        quantity,
        unitPrice: facts.prices[which] as string,
        allocated,
      };
      const blockRoll = random.float();
      if (blockRoll < 0.005) line.lockBlockedUntil = isoDay(AS_OF, random.int(1, 14));
      else if (blockRoll < 0.01) line.lockBlockedUntil = isoDay(AS_OF, -random.int(1, 14));
      order.lines.push(line);
      const open = quantity - allocated;
      demandUnits[index] = (demandUnits[index] as number) + open;
      demandValue[franchisee] =
        (demandValue[franchisee] as number) + open * (facts.priceCents[which] as number);
      if (open > 0 && random.chance(lockCandidateShare))
        openLines.push({ order, line, sku: index });
      made++;
    }
    orders.push(order);
  }

  // Carried locks on distinct open lines: about a third expired on asOf.
  const locks: InputLock[] = [];
  const lockedLines = new Set<InputLine>();
  for (let tries = 0; locks.length < shape.locks && tries < shape.locks * 10; tries++) {
    const pick = openLines[random.int(0, openLines.length - 1)];
    if (pick === undefined || lockedLines.has(pick.line)) continue;
    lockedLines.add(pick.line);
    const open = pick.line.quantity - (pick.line.allocated ?? 0);
    const quantity = random.int(1, open);
    // lockedOn 02-01…02-28: expires 15 days later, so locks from before 02-15 have expired.
    const lockedOn = isoDay(
      "2026-02-01",
      random.chance(1 / 3) ? random.int(0, 13) : random.int(14, 27),
    );
    locks.push({
      id: `LK-${lockedOn}-${pick.order.id}-${pick.line.line}`,
      order: pick.order.id,
      line: pick.line.line,
      franchisee: pick.order.franchisee,
      sku: pick.line.sku,
      quantity,
      lockedOn,
      expiresOn: isoDay(lockedOn, DEFAULT_POLICY.lockDays),
    });
    demandUnits[pick.sku] = (demandUnits[pick.sku] as number) - quantity;
  }

  // Supply per SKU against its franchisee demand: short on many SKUs, surplus on others.
  const supply: NonNullable<AllocationInput["supply"]> = [];
  skus.forEach((facts, index) => {
    const demand = Math.max(0, demandUnits[index] as number);
    const roll = random.float();
    if (roll < 0.05) return; // not arrived yet: no supply row
    const cover =
      roll < 0.45
        ? 0.6 + random.float() * 0.1
        : roll < 0.6
          ? 0.3 + random.float() * 0.3
          : 1 + random.float() * 0.2;
    supply.push({ sku: facts.sku, quantity: Math.floor(demand * cover) });
  });

  // Franchisees: a third funded for all their demand, a third partly, a third not at all.
  const franchisees: NonNullable<AllocationInput["franchisees"]> = franchiseeIds.map(
    (id, index) => {
      const need = Math.round(demandValue[index] as number);
      const region = random.pick(regionIds);
      const priority = random.int(1, 10);
      const kind = index % 3;
      if (kind === 2) {
        // Unfunded: no cash, and credit either absent or used up.
        const limit = random.chance(0.5) ? 0 : random.int(1, 500) * 10_000;
        const used = limit + (random.chance(0.5) ? random.int(0, 200) * 100 : 0);
        return {
          id,
          priority,
          cash: "0.00",
          creditLimit: cents(limit),
          creditUsed: cents(used),
          region,
        };
      }
      const share = kind === 0 ? 1.1 + random.float() * 0.5 : 0.2 + random.float() * 0.5;
      const spendable = Math.round(need * share);
      const cash = Math.round(spendable * (0.3 + random.float() * 0.7));
      const credit = spendable - cash;
      const used = random.int(0, 50) * 1000;
      return {
        id,
        priority,
        cash: cents(cash),
        creditLimit: cents(credit + used),
        creditUsed: cents(used),
        region,
      };
    },
  );

  // Stores spread over the regions, with a mix of classes and operations.
  const stores: NonNullable<AllocationInput["stores"]> = [];
  for (let s = 0; s < shape.stores; s++) {
    const region = regionIds[s % regionIds.length] as string;
    const classRoll = random.float();
    stores.push({
      id: `ST-${region}-${pad(s + 1, 4)}`,
      region,
      class: classRoll < 0.2 ? "A" : classRoll < 0.6 ? "B" : "C",
      operation: random.chance(0.7) ? "direct" : "joint",
    });
  }

  // Store needs: each store stocks a run of distinct SKUs from a random offset.
  const storeNeeds: NonNullable<AllocationInput["storeNeeds"]> = [];
  const perStore = Math.min(shape.skus, Math.ceil(shape.storeNeeds / shape.stores));
  for (const store of stores) {
    const offset = random.int(0, shape.skus - 1);
    for (let k = 0; k < perStore && storeNeeds.length < shape.storeNeeds; k++) {
      const facts = skus[(offset + k) % shape.skus] as SkuFacts;
      const safetyStock = random.int(2, 12);
      storeNeeds.push({
        store: store.id,
        sku: facts.sku,
        safetyStock,
        onHand: random.int(0, safetyStock),
        inTransit: random.chance(0.2) ? random.int(1, 3) : 0,
      });
    }
  }

  // Region stocking needs: each region restocks about a third of the SKUs.
  const regionNeeds: NonNullable<AllocationInput["regionNeeds"]> = [];
  for (const region of regionIds) {
    for (const facts of skus) {
      if (random.chance(0.3)) {
        regionNeeds.push({ region, sku: facts.sku, quantity: random.int(5, 60) });
      }
    }
  }

  return {
    asOf: AS_OF,
    currency: "CNY",
    products,
    supply,
    franchisees,
    orders,
    locks,
    regions,
    stores,
    storeNeeds,
    regionNeeds,
  };
}
