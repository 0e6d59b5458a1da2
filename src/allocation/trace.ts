import type { IsoDate } from "../domain/dates.js";
import type { RegionNeed, Store } from "../domain/types.js";
import type { Season, SellingSeason } from "../domain/vocabulary.js";
import type { ConversionDecision, ExpiryDecision, Limit } from "./plan.js";
import type { Amount } from "./runMoney.js";

/*
 * The trace of a run (§3.7), kept compactly. A million-line wave takes about
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

/** A row's limit, as the two low bits of its flags. */
export const LIMITS: readonly Limit[] = ["none", "funds", "stock", "lock-blocked"];
/** The flags' bits that hold the limit. */
export const LIMIT_MASK = 3;
/** R-ALLOC-PARTIAL with `afterShortfall: "stop"`: the franchisee was stopped before this line. */
export const STOPPED = 4;
/** R-RANK-FUNDED: the franchisee counted as funded when ranked. */
export const FUNDED_FRANCHISEE = 8;

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
    // The capacity is the run's bound on decisions: passing it is a bug, never lost rows.
    if (this.size === this.kind.length) throw new RangeError("trace capacity exceeded");
    const at = this.size++;
    this.kind[at] = kind;
    this.flags[at] = flags;
    this.ref[at] = ref;
    return at;
  }

  /** The recorded columns, for `CompactTrace` (traceRead.ts). */
  columns() {
    const { kind, flags, a, b, c, d, e, f, ref, size } = this;
    return { kind, flags, a, b, c, d, e, f, ref, size };
  }
}
