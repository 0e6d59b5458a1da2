import { addDays, type IsoDate } from "../domain/dates.js";
import type { PurchaseOrder } from "../schema/supplyWire.js";

/*
 * The dates of SPEC §2 for one purchase order (seed 6.1–6.3). Each notice has
 * exactly one date, whatever range is asked for: that is what makes R-SUP-4
 * hold — a range only selects the notices whose date it holds.
 */

/** R-SUP-1 (seed 6.1: 两周内确认): days a supplier has to confirm a purchase order. */
const CONFIRMATION_DAYS = 14;
/** R-SUP-2 (seed 6.2: 到货前15天): days before arrival that franchisees prepare funds. */
const FUND_PREPARATION_LEAD_DAYS = 15;
/** R-SUP-3 (seed 6.3: 到货前一周): days before arrival that the central warehouse prepares. */
const RECEIVING_LEAD_DAYS = 7;

/** When a purchase order's notices are due; a notice that is never due is absent. */
export interface NoticeSchedule {
  /** R-SUP-1, only when the order was not confirmed by its due date. */
  readonly overdue?: { readonly due: IsoDate; readonly date: IsoDate };
  /** R-SUP-2. */
  readonly fundPreparation: IsoDate;
  /** R-SUP-3. */
  readonly receiving: IsoDate;
}

/**
 * The notice dates of one purchase order. A lead-time notice whose date falls
 * before the order was issued is due on `issuedOn` instead: a notice cannot be
 * sent about an order that does not exist yet, and sent late it is not lost.
 */
export function scheduleOf(po: PurchaseOrder): NoticeSchedule {
  const due = shifted(po.issuedOn, CONFIRMATION_DAYS);
  // Confirmed on the due date is in time; overdue from the next day on (R-SUP-1).
  const late = due !== undefined && (po.confirmedOn === undefined || po.confirmedOn > due);
  const firstOverdueDay = late ? shifted(due, 1) : undefined;
  return {
    ...(firstOverdueDay === undefined
      ? {}
      : { overdue: { due: due as IsoDate, date: firstOverdueDay } }),
    fundPreparation: notBefore(
      shifted(po.expectedArrival, -FUND_PREPARATION_LEAD_DAYS),
      po.issuedOn,
    ),
    receiving: notBefore(shifted(po.expectedArrival, -RECEIVING_LEAD_DAYS), po.issuedOn),
  };
}

function notBefore(date: IsoDate | undefined, earliest: IsoDate): IsoDate {
  return date === undefined || date < earliest ? earliest : date;
}

/** `date + days`, or `undefined` when that leaves the years 0000–9999: no range holds it. */
function shifted(date: IsoDate, days: number): IsoDate | undefined {
  try {
    return addDays(date, days);
  } catch {
    return undefined;
  }
}
