import { addDays, type IsoDate } from "../domain/dates.js";
import type { LeadTimes } from "../domain/policy.js";
import type { PurchaseOrder } from "../schema/supplyWire.js";

/*
 * The notice dates for one purchase order (seed 6.1–6.3). Each notice has
 * exactly one date, whatever range is asked for: that is what makes R-SUP-4
 * hold — a range only selects the notices whose date it holds.
 */

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
 * The notice dates of one purchase order, with the lead times of the input
 * (R-SUP-1..3; `DEFAULT_LEAD_TIMES` unless the caller set others). A lead-time notice whose date falls
 * before the order was issued is due on `issuedOn` instead: a notice cannot be
 * sent about an order that does not exist yet, and sent late it is not lost.
 */
export function scheduleOf(po: PurchaseOrder, leadTimes: LeadTimes): NoticeSchedule {
  const due = shifted(po.issuedOn, leadTimes.confirmationDays);
  // Confirmed on the due date is in time; overdue from the next day on (R-SUP-1).
  const late = due !== undefined && (po.confirmedOn === undefined || po.confirmedOn > due);
  const firstOverdueDay = late ? shifted(due, 1) : undefined;
  return {
    ...(firstOverdueDay === undefined
      ? {}
      : { overdue: { due: due as IsoDate, date: firstOverdueDay } }),
    fundPreparation: notBefore(
      shifted(po.expectedArrival, -leadTimes.fundPreparationDays),
      po.issuedOn,
    ),
    receiving: notBefore(shifted(po.expectedArrival, -leadTimes.receivingDays), po.issuedOn),
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
