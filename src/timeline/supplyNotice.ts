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

/** What a supply notice is about (SPEC §2). */
export type SupplyNoticeKind = (typeof SUPPLY_NOTICE_KINDS)[number];

/** What every supply notice carries. */
interface NoticeHeader<K extends SupplyNoticeKind> {
  /**
   * Stable across calls and ranges: `kind:purchaseOrder`, and `:franchisee` for
   * R-SUP-2, each id with `%` and `:` written `%25` and `%3A` so that no two
   * notices share one.
   */
  readonly id: string;
  readonly kind: K;
  /** The one day the notice is due to be sent. */
  readonly date: IsoDate;
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

/** One order line behind a fund-preparation notice: what its outstanding units cost. */
export interface FundPreparationLine {
  readonly order: string;
  readonly line: number;
  readonly sku: string;
  /** quantity − allocated − units under locks still active on the notice's date. */
  readonly outstanding: number;
  readonly unitPrice: string;
  /** outstanding × unitPrice, exact. */
  readonly amount: string;
}

/**
 * R-SUP-2 (通知加盟商准备货款): a franchisee with open demand for the purchase
 * order's SKUs, and the money that demand needs. Dated `expectedArrival − 15`.
 * Money as decimal strings with the currency's minor digits at least.
 */
export interface FundPreparationNotice extends NoticeHeader<"fund-preparation"> {
  readonly expectedArrival: IsoDate;
  readonly franchisee: string;
  readonly currency: string;
  /** Σ outstanding × unitPrice over `lines`. */
  readonly needed: string;
  /** cash + max(0, creditLimit − creditUsed), as the allocation run reads it. */
  readonly spendable: string;
  /** max(0, needed − spendable). */
  readonly lacking: string;
  /** The lines with outstanding units of the order's SKUs, in R-RANK-LINE order. */
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

/** A supply notice (SPEC §2, R-SUP-1..3); `kind` tells which. */
export type SupplyNotice =
  | ConfirmationOverdueNotice
  | FundPreparationNotice
  | WarehouseReceivingNotice;

/** A notice's id: its kind, purchase order and franchisee, each id escaped so the parts stay apart. */
export function noticeId(
  kind: SupplyNoticeKind,
  purchaseOrder: string,
  franchisee?: string,
): string {
  const po = `${kind}:${escapeId(purchaseOrder)}`;
  return franchisee === undefined ? po : `${po}:${escapeId(franchisee)}`;
}

function escapeId(id: string): string {
  return id.replaceAll("%", "%25").replaceAll(":", "%3A");
}

const KIND_RANK: ReadonlyMap<SupplyNoticeKind, number> = new Map(
  SUPPLY_NOTICE_KINDS.map((kind, rank) => [kind, rank]),
);

/**
 * R-SUP-4: the canonical order of notices — date, then kind
 * ({@link SUPPLY_NOTICE_KINDS}), then purchase order id, then franchisee id
 * (none first). A total order: no two notices share all four.
 */
export function compareNotices(a: SupplyNotice, b: SupplyNotice): number {
  return (
    compareIds(a.date, b.date) ||
    (KIND_RANK.get(a.kind) as number) - (KIND_RANK.get(b.kind) as number) ||
    compareIds(a.purchaseOrder, b.purchaseOrder) ||
    compareIds(franchiseeOf(a), franchiseeOf(b))
  );
}

function franchiseeOf(notice: SupplyNotice): string {
  return notice.kind === "fund-preparation" ? notice.franchisee : "";
}
