import type { Decimal } from "decimal.js";
import type { IsoDate } from "../domain/dates.js";
import { RULE } from "../domain/rules.js";
import type { RegionNeed, Store } from "../domain/types.js";
import type { Season, SellingSeason } from "../domain/vocabulary.js";
import type { LineTable } from "./lineTable.js";
import type {
  ConversionDecision,
  Decision,
  ExpiryDecision,
  FundedDecision,
  Limit,
  LockDecision,
} from "./plan.js";
import type { Amount } from "./runMoney.js";

/*
 * The trace of a run (§3.7), kept compactly. A million-line wave takes about
 * two decisions per line: as documented objects they were a fifth of the
 * run's time and most of its memory. A decision is recorded here as a row of
 * numbers (what it met: its line, ranks, demand, stock, grant, limit) and
 * becomes the documented object only when the plan's `trace` is read
 * ({@link materialise}); the rare kinds (expiry, conversion) are kept whole.
 */

const WHOLE = 0;
const FUNDED = 1;
const LOCK = 2;
const STORE = 3;
const REGION = 4;

const LIMITS: readonly Limit[] = ["none", "funds", "stock", "lock-blocked"];
const LIMIT_MASK = 3;
/** R-ALLOC-PARTIAL with `afterShortfall: "stop"`: the franchisee was stopped before this line. */
const STOPPED = 4;
/** R-RANK-FUNDED: the franchisee counted as funded when ranked. */
const FUNDED_FRANCHISEE = 8;

/** A direct claim's SKU, as its decisions tell it (R-ALLOC-DIRECT). */
export interface DirectSku {
  readonly sku: string;
  readonly season: Season;
  readonly seasonInForce: SellingSeason;
  readonly seasonal: boolean;
}

/** What a direct decision is about: a store's need, or a region's. */
export type DirectClaim =
  | { readonly kind: "store"; readonly store: Store; readonly sku: DirectSku }
  | { readonly kind: "region"; readonly need: RegionNeed; readonly sku: DirectSku };

/** A line's place in a franchisee pass, 1 first. */
export interface Ranks {
  readonly franchiseeRank: number;
  readonly lineRank: number;
}

/** What a line asked for, met and got at one decision. */
export interface Grant {
  readonly demand: number;
  readonly stock: number;
  readonly quantity: number;
  readonly limitedBy: Limit;
}

/** The decisions of one run, in the order they were taken. */
export class TraceRecorder {
  private readonly kind: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly c: Int32Array;
  private readonly d: Int32Array;
  private readonly e: Int32Array;
  private readonly f: Float64Array;
  private readonly ref: unknown[];
  private size = 0;

  /** `capacity`: at most this many decisions will be recorded. */
  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.c = new Int32Array(capacity);
    this.d = new Int32Array(capacity);
    this.e = new Int32Array(capacity);
    this.f = new Float64Array(capacity);
    this.ref = new Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** An expiry or conversion decision, whole: there are few of them. */
  whole(decision: ExpiryDecision | ConversionDecision): void {
    this.row(WHOLE, 0, decision);
  }

  /**
   * R-ALLOC-FUNDED: line `line`'s turn in the funded pass — its ranks, what it
   * asked and got, the free stock and spendable it met, whether its franchisee
   * counted as funded and had been stopped (R-ALLOC-PARTIAL).
   */
  funded(
    line: number,
    ranks: Ranks,
    grant: Grant,
    spendable: Amount,
    funded: boolean,
    stopped: boolean,
  ): void {
    const flags =
      LIMITS.indexOf(grant.limitedBy) | (stopped ? STOPPED : 0) | (funded ? FUNDED_FRANCHISEE : 0);
    this.lineRow(FUNDED, flags, line, ranks, grant, spendable);
  }

  /** R-LOCK-PLACE: line `line`'s turn in the lock pass, and the bar it met, if any. */
  lock(line: number, ranks: Ranks, grant: Grant, blockedUntil: IsoDate | undefined): void {
    this.lineRow(LOCK, LIMITS.indexOf(grant.limitedBy), line, ranks, grant, blockedUntil);
  }

  /** R-ALLOC-DIRECT: a store's or region's claim on a SKU. */
  direct(
    claim: DirectClaim,
    ranks: { readonly rank: number; readonly regionRank: number; readonly storeRank: number },
    demand: number,
    stock: number,
    quantity: number,
  ): void {
    const at = this.row(claim.kind === "store" ? STORE : REGION, 0, claim);
    this.a[at] = ranks.rank;
    this.b[at] = ranks.regionRank;
    this.c[at] = ranks.storeRank;
    this.d[at] = demand;
    this.e[at] = quantity;
    this.f[at] = stock;
  }

  private lineRow(
    kind: number,
    flags: number,
    line: number,
    ranks: Ranks,
    grant: Grant,
    ref: unknown,
  ): void {
    const at = this.row(kind, flags, ref);
    this.a[at] = line;
    this.b[at] = ranks.franchiseeRank;
    this.c[at] = ranks.lineRank;
    this.d[at] = grant.demand;
    this.e[at] = grant.quantity;
    this.f[at] = grant.stock;
  }

  private row(kind: number, flags: number, ref: unknown): number {
    const at = this.size++;
    this.kind[at] = kind;
    this.flags[at] = flags;
    this.ref[at] = ref;
    return at;
  }

  /** The documented decisions, in order (see {@link materialise}). */
  decisions(context: TraceContext): Decision[] {
    return materialise(this, context);
  }

  /** @internal the columns, for {@link materialise}. */
  columns() {
    const { kind, flags, a, b, c, d, e, f, ref, size } = this;
    return { kind, flags, a, b, c, d, e, f, ref, size };
  }
}

/** What turning recorded rows into decisions reads of the finished run. */
export interface TraceContext {
  readonly lines: LineTable;
  readonly franchisees: readonly { readonly id: string; readonly priority: number }[];
  readonly priceText: (price: Decimal) => string;
  /** Writes a run amount as the plan does. */
  readonly text: (amount: Amount) => string;
  /** The id of the new lock of a line (R-LOCK-PLACE), and its expiry. */
  readonly newLock: (line: number) => { readonly id: string; readonly expiresOn: IsoDate };
}

const FUNDED_RULES = Object.freeze([
  RULE.ALLOC_FUNDED,
  RULE.RANK_FUNDED,
  RULE.RANK_LINE,
  RULE.RANK_PRODUCT,
]);
const FUNDED_RULES_SHORT = Object.freeze([...FUNDED_RULES, RULE.ALLOC_PARTIAL]);
const LOCK_RULES = Object.freeze([RULE.LOCK_PLACE, RULE.RANK_LINE, RULE.RANK_PRODUCT]);
const LOCK_RULES_BLOCKED = Object.freeze([...LOCK_RULES, RULE.LOCK_EXPIRE]);
const SEASONAL = Object.freeze([
  RULE.ALLOC_DIRECT,
  RULE.ALLOC_SEASONAL,
  RULE.RANK_REGION,
  RULE.RANK_STORE,
]);
const NONSEASONAL = Object.freeze([
  RULE.ALLOC_DIRECT,
  RULE.ALLOC_NONSEASONAL,
  RULE.RANK_REGION,
  RULE.RANK_STORE,
]);

/**
 * The recorded rows as the documented decision objects of {@link Decision},
 * field for field and in the key order the JSON contract prints them.
 */
export function materialise(trace: TraceRecorder, context: TraceContext): Decision[] {
  const { kind, flags, a, b, c, d, e, f, ref, size } = trace.columns();
  const { lines, franchisees, priceText, text } = context;
  const out: Decision[] = new Array(size);
  // Consecutive decisions of a franchisee often meet the same spendable.
  let lastSpendable: Amount | undefined;
  let lastText = "";
  for (let at = 0; at < size; at++) {
    const type = kind[at] as number;
    if (type === WHOLE) {
      out[at] = ref[at] as Decision;
      continue;
    }
    const quantity = e[at] as number;
    const demand = d[at] as number;
    const stock = f[at] as number;
    if (type === STORE || type === REGION) {
      out[at] = directDecision(
        ref[at] as DirectClaim,
        a[at] as number,
        b[at] as number,
        c[at] as number,
        demand,
        stock,
        quantity,
      );
      continue;
    }
    const i = a[at] as number;
    const source = lines.source[i] as (typeof lines.source)[number];
    const franchisee = franchisees[lines.franchisee[i] as number] as (typeof franchisees)[number];
    const order = (lines.orders[lines.order[i] as number] as (typeof lines.orders)[number]).id;
    const flag = flags[at] as number;
    const limitedBy = LIMITS[flag & LIMIT_MASK] as Limit;
    if (type === FUNDED) {
      const spendable = ref[at] as Amount;
      if (spendable !== lastSpendable) {
        lastSpendable = spendable;
        lastText = text(spendable);
      }
      const decision: { -readonly [K in keyof FundedDecision]: FundedDecision[K] } = {
        pass: "funded",
        kind: "order-line",
        order,
        line: source.line,
        franchisee: franchisee.id,
        sku: source.sku,
        rules: limitedBy === "funds" ? FUNDED_RULES_SHORT : FUNDED_RULES,
        quantity,
        franchiseeRank: b[at] as number,
        lineRank: c[at] as number,
        demand,
        limitedBy,
        funded: (flag & FUNDED_FRANCHISEE) !== 0,
        stock,
        unitPrice: priceText(source.unitPrice),
        spendable: lastText,
        priority: franchisee.priority,
      };
      if ((flag & STOPPED) !== 0) decision.stopped = true;
      out[at] = decision;
      continue;
    }
    const blockedUntil = ref[at] as IsoDate | undefined;
    const decision: { -readonly [K in keyof LockDecision]: LockDecision[K] } = {
      pass: "lock",
      kind: "order-line",
      order,
      line: source.line,
      franchisee: franchisee.id,
      sku: source.sku,
      rules: blockedUntil === undefined ? LOCK_RULES : LOCK_RULES_BLOCKED,
      quantity,
      franchiseeRank: b[at] as number,
      lineRank: c[at] as number,
      demand,
      priority: franchisee.priority,
      limitedBy,
      stock,
    };
    if (blockedUntil !== undefined) decision.blockedUntil = blockedUntil;
    if (quantity > 0) {
      const lock = context.newLock(i);
      decision.lock = lock.id;
      decision.expiresOn = lock.expiresOn;
    }
    out[at] = decision;
  }
  return out;
}

function directDecision(
  claim: DirectClaim,
  rank: number,
  regionRank: number,
  storeRank: number,
  demand: number,
  stock: number,
  quantity: number,
): Decision {
  const { sku, season, seasonInForce, seasonal } = claim.sku;
  const rules = seasonal ? SEASONAL : NONSEASONAL;
  const limitedBy = quantity < demand ? "stock" : "none";
  if (claim.kind === "store") {
    const { store } = claim;
    return {
      pass: "direct",
      kind: "store",
      store: store.id,
      region: store.region,
      storeClass: store.class,
      sku,
      season,
      seasonInForce,
      rules,
      regionRank,
      storeRank,
      rank,
      demand,
      stock,
      quantity,
      limitedBy,
    };
  }
  return {
    pass: "direct",
    kind: "region",
    region: claim.need.region,
    sku,
    season,
    seasonInForce,
    rules,
    regionRank,
    rank,
    demand,
    stock,
    quantity,
    limitedBy,
  };
}
