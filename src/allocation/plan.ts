import type { RuleId } from "../domain/rules.js";
import type {
  AllocationSource,
  Season,
  SellingSeason,
  StoreClass,
  UnfilledReason,
} from "../domain/vocabulary.js";

/*
 * The plan: what `allocate` returns (SPEC §3.7 and Appendix A). Plain JSON:
 * money is a decimal string, dates are YYYY-MM-DD. Every list is in the
 * canonical order its field documents, and rows of quantity 0 are left out.
 */

/** Units of an order line allocated in this run, and how they are paid for. */
export interface FranchiseeAllocation {
  readonly order: string;
  readonly line: number;
  readonly franchisee: string;
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: string;
  /** quantity × unitPrice, exact; always `cash + credit`. */
  readonly amount: string;
  readonly cash: string;
  readonly credit: string;
  readonly source: AllocationSource;
}

/** A lock active after the run: carried from an earlier run (what is left of it) or placed now. */
export interface PlannedLock {
  readonly id: string;
  readonly order: string;
  readonly line: number;
  readonly franchisee: string;
  readonly sku: string;
  readonly quantity: number;
  readonly lockedOn: string;
  readonly expiresOn: string;
  readonly isNew: boolean;
}

/** A lock that expired at this run (R-LOCK-EXPIRE): its units went back to free stock. */
export interface ReleasedLock {
  readonly id: string;
  readonly order: string;
  readonly line: number;
  readonly franchisee: string;
  readonly sku: string;
  readonly quantity: number;
  readonly expiresOn: string;
  /**
   * Store this on the order line: no run before this date may lock it again.
   * The same for every lock of a line released in one run: the latest bar.
   */
  readonly lockBlockedUntil: string;
}

/** Units of a SKU for a direct or concession store's safety stock. */
export interface StoreAllocation {
  readonly store: string;
  readonly region: string;
  readonly sku: string;
  readonly quantity: number;
}

/** Units of a SKU for a region warehouse's stocking need. */
export interface RegionAllocation {
  readonly region: string;
  readonly sku: string;
  readonly quantity: number;
}

/** Demand this run could neither fill nor lock. */
export type Unfilled =
  | {
      readonly kind: "order-line";
      readonly order: string;
      readonly line: number;
      readonly franchisee: string;
      readonly sku: string;
      readonly quantity: number;
      readonly reason: UnfilledReason;
    }
  | {
      readonly kind: "store";
      readonly store: string;
      readonly region: string;
      readonly sku: string;
      readonly quantity: number;
      readonly reason: "stock";
    }
  | {
      readonly kind: "region";
      readonly region: string;
      readonly sku: string;
      readonly quantity: number;
      readonly reason: "stock";
    };

/** Free stock of a SKU left after the run. */
export interface Remaining {
  readonly sku: string;
  readonly quantity: number;
}

/** A franchisee's money before and after the run. */
export interface Balance {
  readonly franchisee: string;
  /** Cash plus available credit at the start of the run. */
  readonly spendableBefore: string;
  readonly cashCommitted: string;
  readonly creditCommitted: string;
  readonly cashAfter: string;
  readonly creditAvailableAfter: string;
}

/** 通知加盟商打款: pay for this run's new locks before they expire (R-LOCK-PLACE). */
export interface PaymentRequest {
  readonly franchisee: string;
  readonly amount: string;
  readonly payBefore: string;
  readonly locks: readonly string[];
}

/** Something the caller should know that did not stop the run. */
export interface Warning {
  readonly code: "REGION_NOT_IN_SEASON_ORDER";
  readonly message: string;
  readonly region: string;
  readonly season: SellingSeason;
}

/**
 * What held a demand below what it asked for at one decision: `none` (it got
 * all of it), `stock`, `funds` (its franchisee's money), or `lock-blocked`
 * (its line may not be locked in this run).
 */
export type Limit = "none" | "stock" | "funds" | "lock-blocked";

interface LineDecision {
  readonly kind: "order-line";
  readonly order: string;
  readonly line: number;
  readonly franchisee: string;
  readonly sku: string;
  /** The rules that decided this quantity. */
  readonly rules: readonly RuleId[];
  /** Units granted (allocated, released or locked) by this decision. */
  readonly quantity: number;
}

/** R-LOCK-EXPIRE: a carried lock reached its expiry date and was released. */
export interface ExpiryDecision extends LineDecision {
  readonly pass: "expiry";
  readonly lock: string;
  readonly expiresOn: string;
  readonly lockBlockedUntil: string;
}

/** Facts shared by the three franchisee passes. */
interface RankedLineDecision extends LineDecision {
  /** The franchisee's place in this pass, 1 first. */
  readonly franchiseeRank: number;
  /** The franchisee's priority (1 = highest), which its rank follows. */
  readonly priority: number;
  /** The line's place among its franchisee's lines (R-RANK-LINE), 1 first. */
  readonly lineRank: number;
  /** Units asked for at this decision. */
  readonly demand: number;
  readonly limitedBy: Limit;
}

/** R-LOCK-CONVERT: a carried lock offered to its paying franchisee. */
export interface ConversionDecision extends RankedLineDecision {
  readonly pass: "conversion";
  readonly lock: string;
  readonly unitPrice: string;
  /** The franchisee's spendable money when the lock was offered. */
  readonly spendable: string;
  /** Present when policy `afterShortfall: "stop"` held the lock back after an earlier shortfall. */
  readonly stopped?: true;
}

/** R-ALLOC-FUNDED: an outstanding line served from free stock and money. */
export interface FundedDecision extends RankedLineDecision {
  readonly pass: "funded";
  /** Whether the franchisee counted as funded (有款) when ranked. */
  readonly funded: boolean;
  /** Free stock of the SKU when the line's turn came. */
  readonly stock: number;
  readonly unitPrice: string;
  /** The franchisee's spendable money when the line's turn came. */
  readonly spendable: string;
  /** Present when policy `afterShortfall: "stop"` stopped this line after an earlier shortfall. */
  readonly stopped?: true;
}

/** R-LOCK-PLACE: stock locked for a line still outstanding. */
export interface LockDecision extends RankedLineDecision {
  readonly pass: "lock";
  readonly stock: number;
  /** The new lock, when one was placed. */
  readonly lock?: string;
  readonly expiresOn?: string;
  /** When the line was barred from locking in this run: the date the bar lifts (R-LOCK-EXPIRE). */
  readonly blockedUntil?: string;
}

/** R-ALLOC-DIRECT: a store's safety-stock need served in region and store order. */
export interface StoreDecision {
  readonly pass: "direct";
  readonly kind: "store";
  readonly store: string;
  readonly region: string;
  readonly storeClass: StoreClass;
  readonly sku: string;
  readonly season: Season;
  /** The season whose region order was used. */
  readonly seasonInForce: SellingSeason;
  readonly rules: readonly RuleId[];
  /** The region's place in the season's order, 1 first. */
  readonly regionRank: number;
  /** The store's place in its region (R-RANK-STORE), 1 first. */
  readonly storeRank: number;
  /** The claim's place among this SKU's direct claims, 1 first. */
  readonly rank: number;
  readonly demand: number;
  readonly stock: number;
  readonly quantity: number;
  readonly limitedBy: "none" | "stock";
}

/** R-ALLOC-DIRECT: a region warehouse's stocking need served in region order. */
export interface RegionDecision {
  readonly pass: "direct";
  readonly kind: "region";
  readonly region: string;
  readonly sku: string;
  readonly season: Season;
  readonly seasonInForce: SellingSeason;
  readonly rules: readonly RuleId[];
  readonly regionRank: number;
  readonly rank: number;
  readonly demand: number;
  readonly stock: number;
  readonly quantity: number;
  readonly limitedBy: "none" | "stock";
}

/** One decision of the run, with the rule IDs and facts behind it (SPEC §3.7). */
export type Decision =
  | ExpiryDecision
  | ConversionDecision
  | FundedDecision
  | LockDecision
  | StoreDecision
  | RegionDecision;

/**
 * The result of one allocation run (SPEC §3.7, Appendix A).
 *
 * Canonical orders: `franchiseeAllocations` by order id, line, then source
 * (`lock` before `funded`); `locks` and `releasedLocks` by order id, line, then
 * lock id; `storeAllocations` by store, then SKU; `regionAllocations` by region,
 * then SKU; `unfilled` order lines (by order, line), then stores (by store, SKU),
 * then regions (by region, SKU); `remaining` by SKU; `balances` and
 * `paymentRequests` by franchisee; `warnings` by region, then season; `trace` in
 * the order the decisions were taken. Ids compare as code-unit strings.
 */
export interface AllocationPlan {
  readonly asOf: string;
  readonly currency: string;
  readonly franchiseeAllocations: readonly FranchiseeAllocation[];
  readonly locks: readonly PlannedLock[];
  readonly releasedLocks: readonly ReleasedLock[];
  readonly storeAllocations: readonly StoreAllocation[];
  readonly regionAllocations: readonly RegionAllocation[];
  readonly unfilled: readonly Unfilled[];
  readonly remaining: readonly Remaining[];
  readonly balances: readonly Balance[];
  readonly paymentRequests: readonly PaymentRequest[];
  readonly warnings: readonly Warning[];
  readonly trace: readonly Decision[];
}
