import type { IsoDate } from "../domain/dates.js";
import { compareIds } from "../ranking/compare.js";

/**
 * The kinds of supply notice, in the order the canonical output lists the
 * notices of one date: R-SUP-1, R-SUP-2, R-SUP-3.
 *
 * @example
 * ```ts
 * import { SUPPLY_NOTICE_KINDS } from "fenhuo";
 * SUPPLY_NOTICE_KINDS[1]; // "fund-preparation"
 * ```
 */
export const SUPPLY_NOTICE_KINDS = [
  "supplier-confirmation-overdue",
  "fund-preparation",
  "warehouse-receiving",
] as const;

/** What a supply notice is about. */
export type SupplyNoticeKind = (typeof SUPPLY_NOTICE_KINDS)[number];

/** What every supply notice carries. */
interface NoticeBase<K extends SupplyNoticeKind> {
  /**
   * Stable across calls and ranges, and unique: `kind:purchaseOrder` for
   * R-SUP-1 and R-SUP-3, `fund-preparation:expectedArrival:franchisee` for
   * R-SUP-2, each id with `%` and `:` written `%25` and `%3A` so that no two
   * notices share one.
   */
  readonly id: string;
  readonly kind: K;
  /** The one day the notice is due to be sent. */
  readonly date: IsoDate;
}

/** What a notice about one purchase order carries. */
interface NoticeHeader<K extends SupplyNoticeKind> extends NoticeBase<K> {
  readonly purchaseOrder: string;
  readonly supplier: string;
}

/**
 * R-SUP-1: the supplier did not confirm the purchase order within 14 days of
 * its issue. Dated the first overdue day, `due + 1`.
 */
export interface ConfirmationOverdueNotice extends NoticeHeader<"supplier-confirmation-overdue"> {
  readonly issuedOn: IsoDate;
  /** `issuedOn + 14`: the last day to confirm. */
  readonly due: IsoDate;
  /** The late confirmation, when the input already records one. */
  readonly confirmedOn?: IsoDate;
}

/** One SKU of a fund-preparation notice: the arriving units the franchisee would receive. */
export interface FundPreparationLine {
  readonly sku: string;
  /** The units of the SKU the preview gives the franchisee (R-PREVIEW, money no limit). */
  readonly units: number;
  /** What those units cost at their lines' unit prices, exact. */
  readonly value: string;
}

/**
 * R-SUP-2 edition 2 (通知加盟商准备货款): the money a franchisee should prepare
 * for what arrives on one date — one notice per (franchisee, arrival date),
 * over every purchase order expected that date, so its money is counted once.
 * Dated `expectedArrival − 15`. Built on a preview allocation (R-PREVIEW) of
 * the units arriving that date alone, with money no limit: what the notice
 * asks for is what those units would give, never more. Money as decimal
 * strings with the currency's minor digits at least.
 */
export interface FundPreparationNotice extends NoticeBase<"fund-preparation"> {
  readonly expectedArrival: IsoDate;
  /** The purchase orders expected on `expectedArrival`, by id. */
  readonly purchaseOrders: readonly string[];
  readonly franchisee: string;
  readonly currency: string;
  /** Σ value over `lines`. */
  readonly needed: string;
  /**
   * The franchisee's spendable on the notice's date as the allocation run
   * reads it: cash + max(0, creditLimit − creditUsed), net of money committed
   * and not yet posted (R-RUN-1).
   */
  readonly spendable: string;
  /** max(0, needed − spendable). */
  readonly lacking: string;
  /** By SKU (code-unit order); every one with at least one unit. */
  readonly lines: readonly FundPreparationLine[];
}

/** A SKU and the units a purchase order brings of it. */
export interface ExpectedSupply {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * R-SUP-3 (通知总仓收货准备): the central warehouse should prepare to receive
 * the purchase order. Dated `expectedArrival − 7`.
 */
export interface WarehouseReceivingNotice extends NoticeHeader<"warehouse-receiving"> {
  readonly expectedArrival: IsoDate;
  /** What arrives, by SKU (code-unit order). */
  readonly lines: readonly ExpectedSupply[];
}

/** A supply notice (R-SUP-1..3); `kind` tells which. */
export type SupplyNotice =
  | ConfirmationOverdueNotice
  | FundPreparationNotice
  | WarehouseReceivingNotice;

/** A notice's id: its kind and its key's parts, each escaped so the parts stay apart. */
export function noticeId(kind: SupplyNoticeKind, ...parts: readonly string[]): string {
  return [kind, ...parts.map(escapeId)].join(":");
}

function escapeId(id: string): string {
  return id.replaceAll("%", "%25").replaceAll(":", "%3A");
}

const KIND_RANK: ReadonlyMap<SupplyNoticeKind, number> = new Map(
  SUPPLY_NOTICE_KINDS.map((kind, rank) => [kind, rank]),
);

/**
 * R-SUP-4: the canonical order of notices — date, then kind
 * ({@link SUPPLY_NOTICE_KINDS}), then purchase order id (R-SUP-1, R-SUP-3)
 * or arrival date and franchisee id (R-SUP-2). A total order: no two notices
 * share all of them.
 */
export function compareNotices(a: SupplyNotice, b: SupplyNotice): number {
  return (
    compareIds(a.date, b.date) ||
    (KIND_RANK.get(a.kind) as number) - (KIND_RANK.get(b.kind) as number) ||
    compareIds(keyOf(a), keyOf(b)) ||
    compareIds(franchiseeOf(a), franchiseeOf(b))
  );
}

function keyOf(notice: SupplyNotice): string {
  return notice.kind === "fund-preparation" ? notice.expectedArrival : notice.purchaseOrder;
}

function franchiseeOf(notice: SupplyNotice): string {
  return notice.kind === "fund-preparation" ? notice.franchisee : "";
}
