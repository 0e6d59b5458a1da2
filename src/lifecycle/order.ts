import type { Bucket, HeaderState } from "../domain/vocabulary.js";

/** R-LIFE-3: a line's ordered quantity, split exactly into its buckets. */
export type Buckets = { readonly [B in Bucket]: number };

/** A line of a sales order in the lifecycle. */
export interface SalesOrderLine {
  readonly line: number;
  readonly sku: string;
  /** Ordered units: always the sum of `buckets` (R-LIFE-3). */
  readonly quantity: number;
  readonly unitPrice: string;
  /** The line amount as registered; verification checks it is quantity × unitPrice (R-LIFE-2). */
  readonly amount?: string;
  readonly buckets: Buckets;
  /**
   * How the allocated units not yet shipped are paid for, as chosen at
   * allocation (R-ALLOC-FUNDED): shipping posts from it, cash first (R-POST-1).
   */
  readonly paid: { readonly cash: string; readonly credit: string };
  /** No allocation run before this date may lock the line (R-LOCK-EXPIRE). */
  readonly lockBlockedUntil?: string;
  /** The stock locks holding the line's `locked` units, oldest first (R-LOCK-PLACE). */
  readonly locks: readonly LineLock[];
}

/** A stock lock held for a line: its units are in the line's `locked` bucket. */
export interface LineLock {
  readonly id: string;
  readonly quantity: number;
  readonly lockedOn: string;
  readonly expiresOn: string;
}

/** Who did what, when, to an order (可追溯, R-LIFE-4). */
export interface AuditEntry {
  /** 1, 2, 3 … in order. */
  readonly seq: number;
  /** An ISO 8601 date-time with offset, supplied by the caller. */
  readonly at: string;
  readonly by: string;
  readonly event: string;
  readonly from: HeaderState;
  readonly to: HeaderState;
  /** For a line event, the line and units it moved. */
  readonly line?: number;
  readonly quantity?: number;
  readonly note?: string;
}

/** A franchisee sales order in the lifecycle: plain JSON, never mutated by fenhuo. */
export interface SalesOrder {
  readonly id: string;
  readonly franchisee: string;
  readonly orderedOn: string;
  readonly currency: string;
  /** Requested delivery date (交货时间); required by verification. */
  readonly deliveryDate?: string;
  /** The customer contact registered with the order (联系方式); required by verification. */
  readonly contact?: { readonly name?: string; readonly phone?: string };
  /** The order total as registered; verification checks it is Σ line amounts. */
  readonly total?: string;
  readonly state: HeaderState;
  readonly lines: readonly SalesOrderLine[];
  readonly audit: readonly AuditEntry[];
  /**
   * R-RUN-3: the `planId` of every plan `applyPlan` applied to the order, in
   * the order applied; absent until the first. A plan is applied once.
   */
  readonly plans?: readonly string[];
}

/** What an accepted event asks the caller to do, as data: fenhuo never does it. */
export type Effect =
  | {
      /** R-POST-1: post the shipment to the franchisee's ledger (发货过账). */
      readonly kind: "post-shipment";
      readonly franchisee: string;
      readonly order: string;
      readonly line: number;
      readonly quantity: number;
      readonly amount: string;
      readonly cash: string;
      readonly credit: string;
      readonly at: string;
    }
  | {
      /** R-POST-2: refund returned units to the franchisee's ledger. */
      readonly kind: "post-refund";
      readonly franchisee: string;
      readonly order: string;
      readonly line: number;
      readonly quantity: number;
      readonly amount: string;
      readonly at: string;
    }
  | {
      /** Tell someone: the franchisee of a rejection or cancellation, the warehouse of a lock release. */
      readonly kind: "notice";
      readonly notice: "order-rejected" | "order-cancelled" | "lock-released";
      readonly franchisee: string;
      readonly order: string;
      readonly message: string;
    };
