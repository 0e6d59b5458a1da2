import type { Decimal } from "decimal.js";
import { runPreview } from "../allocation/preview.js";
import type { IsoDate } from "../domain/dates.js";
import { Money, ZERO } from "../domain/money.js";
import type { AllocationRequest } from "../domain/types.js";
import { compareIds } from "../ranking/compare.js";
import { InputError, type Result } from "../schema/issues.js";
import { type PurchaseOrder, parseSupplyInput, type SupplyRequest } from "../schema/supplyWire.js";
import { demandOn } from "./openDemand.js";
import { scheduleOf } from "./schedule.js";
import {
  compareNotices,
  type ExpectedSupply,
  type FundPreparationNotice,
  noticeId,
  type SupplyNotice,
} from "./supplyNotice.js";

/**
 * The supply notices due in the date range `[from, to]`: overdue
 * supplier confirmations (R-SUP-1), fund preparation for franchisees with open
 * demand (R-SUP-2) and receiving preparation for the central warehouse
 * (R-SUP-3).
 *
 * R-SUP-4: every notice has exactly one date, computed from the purchase
 * orders alone, and a range returns the notices whose date it holds; what a
 * notice says does not depend on the range either (R-SUP-2 previews the
 * demand of the notice's own date). So the same range gives the same
 * notices, and `[a, b]` followed by `[b + 1, c]` gives exactly the notices of
 * `[a, c]`. Canonical order: date, kind (R-SUP-1, 2, 3), then purchase order
 * id, or arrival date and franchisee id for R-SUP-2.
 *
 * - R-SUP-1 is dated `issuedOn + 15`, the first overdue day, when the order
 *   was not confirmed by `issuedOn + 14`: once, not on every overdue day.
 * - R-SUP-2 (edition 2) is one notice per (franchisee, arrival date), over
 *   every purchase order expected that date, dated `expectedArrival − 15`. It
 *   is a preview allocation (R-PREVIEW, money no limit): the franchisee
 *   passes on the units arriving that date alone, against the outstanding
 *   demand of the orders placed by the notice's date — a lock still active
 *   on that date keeps its units out, an expired one gives them back
 *   (R-LOCK-EXPIRE). Per SKU, the units the franchisee would receive and
 *   their value; `needed` is their total, `spendable` the franchisee's
 *   spendable as the run state reads it on that date, `lacking` =
 *   max(0, needed − spendable). Money is counted once per (franchisee,
 *   date); a franchisee the preview gives nothing gets no notice.
 * - R-SUP-3 is dated `expectedArrival − 7`.
 * - A lead-time notice that would fall before `issuedOn` is dated `issuedOn`;
 *   an R-SUP-2 notice over several orders takes the latest of their dates, so
 *   that it is never sent before one of its orders exists.
 *
 * The allocation parts (products, franchisees, orders, locks, currency) are
 * read exactly as `allocate` reads them with `asOf` = `from`: a lock placed
 * after `from` is refused, since no notice of the range could have seen it.
 *
 * @param input - a `SupplyNoticesInput`, typically straight from `JSON.parse`
 * @returns the notices dated in `[from, to]`, in canonical order
 * @throws {@link InputError} listing every problem with its JSON path
 * @example
 * ```ts
 * import { supplyNotices } from "fenhuo";
 * const notices = supplyNotices({
 *   from: "2026-04-01", to: "2026-04-30",
 *   products: [{ sku: "T100", season: "SS" }],
 *   franchisees: [{ id: "F01", priority: 1, cash: "300.00", creditLimit: "500", creditUsed: "200" }],
 *   orders: [{ id: "SO-1", franchisee: "F01", orderedOn: "2026-03-01",
 *              lines: [{ line: 1, sku: "T100", quantity: 8, unitPrice: "99.00" }] }],
 *   purchaseOrders: [{ id: "PO-7", supplier: "ACME", issuedOn: "2026-03-20",
 *                      expectedArrival: "2026-04-20", lines: [{ sku: "T100", quantity: 50 }] }],
 * });
 * notices.map((notice) => notice.id);
 * // ["supplier-confirmation-overdue:PO-7", "fund-preparation:2026-04-20:F01", "warehouse-receiving:PO-7"]
 * notices.map((notice) => notice.date); // ["2026-04-04", "2026-04-05", "2026-04-13"]
 * const fund = notices[1];
 * fund?.kind === "fund-preparation" && [fund.needed, fund.spendable, fund.lacking]; // ["792.00", "600.00", "192.00"]
 * fund?.kind === "fund-preparation" && fund.lines; // [{ sku: "T100", units: 8, value: "792.00" }]
 * ```
 */
export function supplyNotices(input: unknown): readonly SupplyNotice[] {
  const parsed = parseSupplyInput(input);
  if (!parsed.ok) throw new InputError(parsed.issues);
  return noticesOf(parsed.value);
}

/** The result of {@link safeSupplyNotices}. */
export type SafeSupplyNoticesResult = Result<readonly SupplyNotice[], "notices">;

/**
 * {@link supplyNotices} without throwing: `{ ok: true, value, notices }` (the
 * notices under both names) or `{ ok: false, issues }`.
 *
 * @example
 * ```ts
 * import { safeSupplyNotices } from "fenhuo";
 * const result = safeSupplyNotices({ from: "2026-04-30", to: "2026-04-01" });
 * if (!result.ok) result.issues[0]?.path; // ["to"]
 * safeSupplyNotices({ from: "2026-04-01", to: "2026-04-30" }).notices; // []
 * ```
 */
export function safeSupplyNotices(input: unknown): SafeSupplyNoticesResult {
  const parsed = parseSupplyInput(input);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const notices = noticesOf(parsed.value);
  return { ok: true, value: notices, notices };
}

function noticesOf(request: SupplyRequest): SupplyNotice[] {
  const { from, to, allocation } = request;
  const inRange = (date: IsoDate) => from <= date && date <= to;
  const notices: SupplyNotice[] = [];
  // R-SUP-2 groups the purchase orders by arrival date, with the date each one's notice would have.
  const arriving = new Map<IsoDate, { orders: PurchaseOrder[]; date: IsoDate }>();
  for (const po of request.purchaseOrders) {
    const schedule = scheduleOf(po, request.leadTimes);
    const header = { purchaseOrder: po.id, supplier: po.supplier };
    if (schedule.overdue !== undefined && inRange(schedule.overdue.date)) {
      notices.push({
        id: noticeId("supplier-confirmation-overdue", po.id),
        kind: "supplier-confirmation-overdue",
        date: schedule.overdue.date,
        ...header,
        issuedOn: po.issuedOn,
        due: schedule.overdue.due,
        ...(po.confirmedOn === undefined ? {} : { confirmedOn: po.confirmedOn }),
      });
    }
    const group = arriving.get(po.expectedArrival);
    if (group === undefined) {
      arriving.set(po.expectedArrival, { orders: [po], date: schedule.fundPreparation });
    } else {
      group.orders.push(po);
      if (schedule.fundPreparation > group.date) group.date = schedule.fundPreparation;
    }
    if (inRange(schedule.receiving)) {
      notices.push({
        id: noticeId("warehouse-receiving", po.id),
        kind: "warehouse-receiving",
        date: schedule.receiving,
        ...header,
        expectedArrival: po.expectedArrival,
        lines: expectedSupply(po),
      });
    }
  }
  for (const [expectedArrival, { orders, date }] of arriving) {
    if (inRange(date)) notices.push(...fundPreparation(allocation, expectedArrival, orders, date));
  }
  return notices.sort(compareNotices);
}

/**
 * R-SUP-2 edition 2: one notice per franchisee the preview of `date`'s
 * arrivals gives something — the franchisee passes on the units the
 * purchase orders bring that date alone, against the demand as of `date`,
 * money no limit (R-PREVIEW). Locks carried into the preview and converted
 * keep their units out: they already carry a payment request (R-LOCK-PLACE).
 */
function fundPreparation(
  allocation: AllocationRequest,
  expectedArrival: IsoDate,
  orders: readonly PurchaseOrder[],
  date: IsoDate,
): FundPreparationNotice[] {
  const arriving = new Map<string, number>();
  for (const po of orders) {
    for (const line of po.lines) {
      arriving.set(line.sku, (arriving.get(line.sku) ?? 0) + line.quantity);
    }
  }
  const arrivals = [...arriving].map(([sku, quantity]) => ({ sku, quantity }));
  const { plan, spendable, format } = runPreview(demandOn(allocation, date), arrivals, "unlimited");
  const received = new Map<string, Map<string, { units: number; value: Decimal }>>();
  for (const row of plan.franchiseeAllocations) {
    if (row.source !== "funded") continue;
    let skus = received.get(row.franchisee);
    if (skus === undefined) {
      skus = new Map();
      received.set(row.franchisee, skus);
    }
    const sku = skus.get(row.sku);
    const value = new Money(row.amount);
    if (sku === undefined) skus.set(row.sku, { units: row.quantity, value });
    else {
      sku.units += row.quantity;
      sku.value = sku.value.plus(value);
    }
  }
  const purchaseOrders = orders.map((po) => po.id).sort(compareIds);
  return [...received].map(([franchisee, skus]) => {
    const lines = [...skus].sort(([a], [b]) => compareIds(a, b));
    const needed = lines.reduce((sum, [, sku]) => sum.plus(sku.value), ZERO);
    const has = spendable.get(franchisee) as Decimal;
    return {
      id: noticeId("fund-preparation", expectedArrival, franchisee),
      kind: "fund-preparation",
      date,
      expectedArrival,
      purchaseOrders,
      franchisee,
      currency: allocation.currency,
      needed: format(needed),
      spendable: format(has),
      lacking: format(Money.max(0, needed.minus(has))),
      lines: lines.map(([sku, { units, value }]) => ({ sku, units, value: format(value) })),
    };
  });
}

/** R-SUP-3: the order's lines by SKU, in code-unit order (SKUs are unique in an order). */
function expectedSupply(po: PurchaseOrder): ExpectedSupply[] {
  return po.lines
    .map((line) => ({ sku: line.sku, quantity: line.quantity }))
    .sort((a, b) => compareIds(a.sku, b.sku));
}
