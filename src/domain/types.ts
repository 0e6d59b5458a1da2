import type { Decimal } from "decimal.js";
import type { Branded } from "./brand.js";
import type { IsoDate } from "./dates.js";
import type { AllocationPolicy } from "./policy.js";
import type { Season, StoreClass, StoreOperation } from "./vocabulary.js";

/*
 * The trusted shapes the engine works on. Only the schema layer makes them
 * (parse, don't validate): every reference resolves, every id is unique, every
 * quantity is a whole number, every amount a Decimal.
 */

/** A product of the launch plan (产品上市计划). */
export interface Product {
  readonly sku: string;
  readonly style?: string;
  readonly season: Season;
  readonly launchDate?: IsoDate;
  readonly launchRank?: number;
  /**
   * R-PACK (箱规 / 配比包): units per carton or prepack (1 when absent): every
   * allocation, lock and store or region grant of the SKU is whole packs,
   * unless it completes its demand exactly.
   */
  readonly packSize?: number;
}

/** Free stock of one SKU at the central warehouse (总仓). */
export interface SupplyRow {
  readonly sku: string;
  readonly quantity: number;
}

/** A franchisee (加盟商) and the balances finance reported for it (6.4.1). */
export interface Franchisee {
  readonly id: string;
  readonly priority: number;
  readonly cash: Decimal;
  readonly creditLimit: Decimal;
  readonly creditUsed: Decimal;
  readonly region?: string;
}

/** One line of a franchisee sales order. */
export interface OrderLine {
  readonly line: number;
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: Decimal;
  readonly allocated: number;
  /** No run before this date may lock the line (R-LOCK-EXPIRE). */
  readonly lockBlockedUntil: IsoDate | undefined;
}

/** A franchisee sales order (销售订单). */
export interface Order {
  readonly id: string;
  readonly franchisee: string;
  readonly orderedOn: IsoDate;
  readonly lines: readonly OrderLine[];
  /**
   * R-COMPLETE (整单发货): in one run the order's outstanding lines are all
   * served (or locked) in full, or none is. Present only when true.
   */
  readonly shipComplete?: true;
}

/** Stock locked for an order line by an earlier run (R-LOCK-PLACE). */
export interface Lock {
  readonly id: string;
  readonly order: string;
  readonly line: number;
  readonly franchisee: string;
  readonly sku: string;
  readonly quantity: number;
  readonly lockedOn: IsoDate;
  readonly expiresOn: IsoDate;
}

/**
 * R-RUN-1: money an earlier run committed to an order line (its allocation's
 * cash and credit parts) whose shipment is not yet posted, so finance's
 * balances still show it. The run nets it from the franchisee's spendable.
 */
export interface Commitment {
  /** The `planId` of the run that committed it, when known (R-RUN-3). */
  readonly plan?: string;
  /** The date of the run that committed it: posting settles the oldest first. */
  readonly committedOn?: IsoDate;
  readonly order: string;
  readonly line: number;
  readonly franchisee: string;
  readonly sku: string;
  /** Units allocated and not yet posted. */
  readonly quantity: number;
  /** The not-yet-posted cash part. */
  readonly cash: Decimal;
  /** The not-yet-posted credit part. */
  readonly credit: Decimal;
}

/** A direct/concession region (区域). */
export interface Region {
  readonly id: string;
  readonly name?: string;
}

/** A direct (直营) or concession (联营) store. */
export interface Store {
  readonly id: string;
  readonly region: string;
  readonly class: StoreClass;
  readonly operation: StoreOperation;
}

/** A store's safety-stock position for one SKU. */
export interface StoreNeed {
  readonly store: string;
  readonly sku: string;
  readonly safetyStock: number;
  readonly onHand: number;
  readonly inTransit: number;
}

/** A region warehouse's stocking need (备货) for one SKU. */
export interface RegionNeed {
  readonly region: string;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * R-HOLD: who may use units held back: only the direct pass (`"direct"`),
 * only one region's stores and warehouse (`{ region }`), or nobody in this
 * run (`"none"`: they stay in `remaining`).
 */
export type HoldFor = "direct" | "none" | { readonly region: string };

/**
 * R-HOLD: units of a SKU taken from free stock before the franchisee passes
 * and kept for one channel (an explicit exception to funded-franchisees-first).
 */
export interface Holdback {
  readonly sku: string;
  readonly quantity: number;
  readonly for: HoldFor;
}

/**
 * A parsed, cross-checked allocation input: what `allocate` runs on. Only
 * {@link parseAllocationInput} makes one.
 */
export interface AllocationRequest extends Branded<"AllocationRequest"> {
  readonly asOf: IsoDate;
  readonly currency: string;
  readonly policy: AllocationPolicy;
  readonly products: readonly Product[];
  readonly supply: readonly SupplyRow[];
  readonly franchisees: readonly Franchisee[];
  readonly orders: readonly Order[];
  readonly locks: readonly Lock[];
  /** R-RUN-1: money committed by earlier runs and not yet posted. */
  readonly commitments: readonly Commitment[];
  readonly regions: readonly Region[];
  readonly stores: readonly Store[];
  readonly storeNeeds: readonly StoreNeed[];
  readonly regionNeeds: readonly RegionNeed[];
  /** R-HOLD: units kept back for one channel, at most one row per (SKU, channel). */
  readonly holdback: readonly Holdback[];
}
