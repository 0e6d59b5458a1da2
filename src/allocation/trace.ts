import type { IsoDate } from "../domain/dates.js";
import type { RegionNeed, Store } from "../domain/types.js";
import type { Season, SellingSeason } from "../domain/vocabulary.js";
import type { ConversionDecision, ExpiryDecision, Limit } from "./plan.js";
import type { Amount } from "./runMoney.js";
import type { ShareFact } from "./share.js";
import type { CompleteShortfall } from "./shipComplete.js";

/*
 * The trace of a run, kept compactly. A million-line wave takes about
 * two decisions per line: as documented objects they were a fifth of the
 * run's time and most of its memory. A decision is recorded here as a row of
 * numbers (what it met: its line, ranks, demand, stock, grant, limit) and
 * becomes the documented object only when the plan's `trace` is read
 * (`CompactTrace`, traceRead.ts); the rare kinds (expiry, conversion) are kept whole.
 */

/** The kinds of row: a decision kept whole, or one of the four recorded as numbers. */
export const WHOLE = 0;
/** A funded-pass decision (R-ALLOC-FUNDED). */
export const FUNDED = 1;
/** A lock-pass decision (R-LOCK-PLACE). */
export const LOCK = 2;
/** A store's claim in the direct pass (R-ALLOC-DIRECT). */
export const STORE = 3;
/** A region's claim in the direct pass (R-ALLOC-DIRECT). */
export const REGION = 4;

/** A row's limit, as the three low bits of its flags. */
export const LIMITS: readonly Limit[] = [
  "none",
  "funds",
  "stock",
  "lock-blocked",
  "min-fill",
  "ship-complete",
];
/** The flags' bits that hold the limit. */
export const LIMIT_MASK = 7;
/** R-ALLOC-PARTIAL with `afterShortfall: "stop"`: the franchisee was stopped before this line. */
export const STOPPED = 8;
/** R-RANK-FUNDED: the franchisee counted as funded when ranked. */
export const FUNDED_FRANCHISEE = 16;
/** R-COMPLETE: the line's order ships complete; the pass decided it whole. */
export const WHOLE_ORDER = 32;

export type { CompleteShortfall };

/** R-MINFILL: what a refused line was offered, and the least it would take. */
export interface MinFillRefusal {
  readonly offered: number;
  readonly minUnits: number;
}

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

/**
 * A recorder's rows as `CompactTrace` (traceRead.ts) reads them: the number
 * columns, and per row what it keeps besides numbers (`ref`) and, for a funded
 * row, the spendable it met.
 */
export interface TraceColumns {
  readonly kind: Uint8Array;
  readonly flags: Uint8Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Int32Array;
  readonly d: Int32Array;
  readonly e: Int32Array;
  readonly f: Float64Array;
  readonly size: number;
  readonly ref: (at: number) => unknown;
  readonly spendable: (at: number) => Amount;
  /** R-MINFILL: a refused row's offer and least share, else undefined. */
  readonly refusal: (at: number) => MinFillRefusal | undefined;
  /** R-COMPLETE: on a row of an order held back whole, the line that held it, else undefined. */
  readonly shortfall: (at: number) => CompleteShortfall | undefined;
  /** R-PACK: on a row whose grant whole packs cut, the pack and what was allowed before. */
  readonly packed: (at: number) => PackRounding | undefined;
  /** R-SIZE-RUN: on a row of a spread style, the style and the units spread. */
  readonly spread: (at: number) => StyleSpread | undefined;
  /** R-HOLD: on a row short of stock, the units held back out of its reach, else undefined. */
  readonly heldBack: (at: number) => number | undefined;
  /** R-HOLD: on a direct row, the units of its grant drawn from held units, else undefined. */
  readonly fromHeld: (at: number) => number | undefined;
  /** R-SHARE: on a row of a claimant that shared scarce stock, the share, else undefined. */
  readonly share: (at: number) => ShareFact | undefined;
}

/** R-SIZE-RUN: a line of a style whose affordable units were spread: the style and those units. */
export interface StyleSpread {
  readonly style: string;
  readonly units: number;
}

/** R-PACK: a grant cut to whole packs — the pack size, and the units allowed before the cut. */
export interface PackRounding {
  readonly packSize: number;
  readonly beforePacks: number;
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
  /** A funded row's spendable, when amounts are numbers (scaled integers). */
  private readonly g: Float64Array;
  /**
   * What a row keeps besides numbers (a whole decision, a direct claim, a lock
   * bar, a decimal spendable): `refs[refAt[row] - 1]`, 0 for none. Most rows
   * keep none, so a capacity-long array of references is not paid for.
   */
  private readonly refAt: Int32Array;
  private readonly refs: unknown[] = [];
  /** R-MINFILL refusals by row: few rows have one, so they are kept apart. */
  private readonly refusals = new Map<number, MinFillRefusal>();
  /** R-COMPLETE: the shortfall that held back a ship-complete order, by row. */
  private readonly shortfalls = new Map<number, CompleteShortfall>();
  /** R-PACK: grants whole packs cut, by row. */
  private readonly packs = new Map<number, PackRounding>();
  /** R-SIZE-RUN: rows of spread styles. */
  private readonly spreads = new Map<number, StyleSpread>();
  /** R-HOLD: rows short of stock while units were held out of their reach. */
  private readonly held = new Map<number, number>();
  /** R-HOLD: direct rows granted held units. */
  private readonly drawn = new Map<number, number>();
  /** R-SHARE: rows of claimants that shared scarce stock. */
  private readonly shares = new Map<number, ShareFact>();
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
    this.g = new Float64Array(capacity);
    this.refAt = new Int32Array(capacity);
  }

  /** An expiry or conversion decision, whole: there are few of them. */
  whole(decision: ExpiryDecision | ConversionDecision): void {
    this.keep(this.row(WHOLE, 0), decision);
  }

  /**
   * R-ALLOC-FUNDED: line `line`'s turn in the funded pass — its ranks, what it
   * asked (`demand`) and got (`quantity`), the free stock and spendable it met,
   * what limited it, whether its franchisee counted as funded and had been
   * stopped (R-ALLOC-PARTIAL). Plain values, not objects: the passes call
   * this once per line, a million times in a big wave.
   */
  funded(
    line: number,
    franchiseeRank: number,
    lineRank: number,
    demand: number,
    stock: number,
    quantity: number,
    limitedBy: Limit,
    spendable: Amount,
    funded: boolean,
    stopped: boolean,
  ): void {
    const flags =
      LIMITS.indexOf(limitedBy) | (stopped ? STOPPED : 0) | (funded ? FUNDED_FRANCHISEE : 0);
    const at = this.lineRow(FUNDED, flags, line, franchiseeRank, lineRank, demand, stock, quantity);
    if (typeof spendable === "number") this.g[at] = spendable;
    else this.keep(at, spendable);
  }

  /** R-LOCK-PLACE: line `line`'s turn in the lock pass (as in {@link funded}), and the bar it met, if any. */
  lock(
    line: number,
    franchiseeRank: number,
    lineRank: number,
    demand: number,
    stock: number,
    quantity: number,
    limitedBy: Limit,
    blockedUntil: IsoDate | undefined,
  ): void {
    const flags = LIMITS.indexOf(limitedBy);
    const at = this.lineRow(LOCK, flags, line, franchiseeRank, lineRank, demand, stock, quantity);
    if (blockedUntil !== undefined) this.keep(at, blockedUntil);
  }

  /**
   * R-MINFILL: the row just recorded (a funded or lock decision limited by
   * `"min-fill"`) refused `offered` units, less than the `minUnits` it takes.
   */
  refused(offered: number, minUnits: number): void {
    this.refusals.set(this.size - 1, { offered, minUnits });
  }

  /** R-SIZE-RUN: the row just recorded (a funded decision) is a line of a spread style. */
  spread(spread: StyleSpread): void {
    this.spreads.set(this.size - 1, spread);
  }

  /**
   * R-PACK: the row just recorded (a funded, lock or direct decision) was
   * allowed `beforePacks` units, cut to whole packs of `packSize`.
   */
  packed(packSize: number, beforePacks: number): void {
    this.packs.set(this.size - 1, { packSize, beforePacks });
  }

  /**
   * R-HOLD: the row just recorded (limited by stock) could not reach `units`
   * units of its SKU held back for another channel.
   */
  heldBack(units: number): void {
    this.held.set(this.size - 1, units);
  }

  /** R-SHARE: the row just recorded (a funded or direct decision) shared scarce stock: its share. */
  shared(share: ShareFact): void {
    this.shares.set(this.size - 1, share);
  }

  /** R-HOLD: `units` of the grant of the row just recorded (a direct claim) came from held units. */
  fromHeld(units: number): void {
    this.drawn.set(this.size - 1, units);
  }

  /**
   * R-COMPLETE: the row just recorded is a line of a ship-complete order:
   * decided whole, and held back by `shortfall` when there is one.
   */
  wholeOrder(shortfall: CompleteShortfall | undefined): void {
    const at = this.size - 1;
    this.flags[at] = (this.flags[at] as number) | WHOLE_ORDER;
    if (shortfall !== undefined) this.shortfalls.set(at, shortfall);
  }

  /**
   * R-ALLOC-DIRECT: a store's or region's claim on a SKU — its place among the
   * SKU's claims, its region's and (0 for a region) its store's rank, what it
   * asked, met and got.
   */
  direct(
    claim: DirectClaim,
    rank: number,
    regionRank: number,
    storeRank: number,
    demand: number,
    stock: number,
    quantity: number,
  ): void {
    const at = this.row(claim.kind === "store" ? STORE : REGION, 0);
    this.keep(at, claim);
    this.a[at] = rank;
    this.b[at] = regionRank;
    this.c[at] = storeRank;
    this.d[at] = demand;
    this.e[at] = quantity;
    this.f[at] = stock;
  }

  private lineRow(
    kind: number,
    flags: number,
    line: number,
    franchiseeRank: number,
    lineRank: number,
    demand: number,
    stock: number,
    quantity: number,
  ): number {
    const at = this.row(kind, flags);
    this.a[at] = line;
    this.b[at] = franchiseeRank;
    this.c[at] = lineRank;
    this.d[at] = demand;
    this.e[at] = quantity;
    this.f[at] = stock;
    return at;
  }

  private row(kind: number, flags: number): number {
    // The capacity is the run's bound on decisions: passing it is a bug, never lost rows.
    if (this.size === this.kind.length) throw new RangeError("trace capacity exceeded");
    const at = this.size++;
    this.kind[at] = kind;
    this.flags[at] = flags;
    return at;
  }

  private keep(at: number, ref: unknown): void {
    this.refs.push(ref);
    this.refAt[at] = this.refs.length;
  }

  /** The recorded columns, for `CompactTrace` (traceRead.ts). */
  columns(): TraceColumns {
    const { kind, flags, a, b, c, d, e, f, g, refAt, refs, refusals, shortfalls, packs } = this;
    const { spreads, held, drawn, shares: shareOf, size } = this;
    return {
      kind,
      flags,
      a,
      b,
      c,
      d,
      e,
      f,
      size,
      // No reference is index 0: refs[-1] is undefined.
      ref: (at) => refs[(refAt[at] as number) - 1],
      spendable: (at) => {
        const k = refAt[at] as number;
        return k === 0 ? (g[at] as number) : (refs[k - 1] as Amount);
      },
      refusal: (at) => refusals.get(at),
      shortfall: (at) => shortfalls.get(at),
      packed: (at) => packs.get(at),
      spread: (at) => spreads.get(at),
      heldBack: (at) => held.get(at),
      fromHeld: (at) => drawn.get(at),
      share: (at) => shareOf.get(at),
    };
  }
}
