import type { IsoDate } from "../domain/dates.js";
import { Money } from "../domain/money.js";
import { compareIds } from "../ranking/compare.js";
import { InputError, type Result } from "../schema/issues.js";
import { type PurchaseOrder, parseSupplyInput, type SupplyRequest } from "../schema/supplyWire.js";
import { type DemandBook, demandBook, openDemand } from "./openDemand.js";
import { scheduleOf } from "./schedule.js";
import {
  compareNotices,
  type ExpectedSupply,
  type FundPreparationNotice,
  noticeId,
  type SupplyNotice,
} from "./supplyNotice.js";

/**
 * The supply notices due in the date range `[from, to]` (SPEC §2): overdue
 * supplier confirmations (R-SUP-1), fund preparation for franchisees with open
 * demand (R-SUP-2) and receiving preparation for the central warehouse
 * (R-SUP-3).
 *
 * R-SUP-4: every notice has exactly one date, computed from its purchase order
 * alone, and a range returns the notices whose date it holds; what a notice
 * says does not depend on the range either (R-SUP-2 counts the locks still
 * active on the notice's own date). So the same range gives the same notices,
 * and `[a, b]` followed by `[b + 1, c]` gives exactly the notices of `[a, c]`.
 * Canonical order: date, kind (R-SUP-1, 2, 3), purchase order id, franchisee id.
 *
 * - R-SUP-1 is dated `issuedOn + 15`, the first overdue day, when the order
 *   was not confirmed by `issuedOn + 14`: once, not on every overdue day.
 * - R-SUP-2 is dated `expectedArrival − 15`, one per (purchase order,
 *   franchisee with outstanding units of the order's SKUs on that date). A
 *   franchisee whose units are all under active locks has no open demand and
 *   gets none: its locks already carry a payment request (R-LOCK-PLACE).
 *   `needed` is all that demand, not capped by what the order brings, and
 *   `spendable` all the franchisee's money.
 * - R-SUP-3 is dated `expectedArrival − 7`.
 * - A lead-time notice that would fall before `issuedOn` is dated `issuedOn`.
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
 * // ["supplier-confirmation-overdue:PO-7", "fund-preparation:PO-7:F01", "warehouse-receiving:PO-7"]
 * notices.map((notice) => notice.date); // ["2026-04-04", "2026-04-05", "2026-04-13"]
 * const fund = notices[1];
 * fund?.kind === "fund-preparation" && [fund.needed, fund.spendable, fund.lacking]; // ["792.00", "600.00", "192.00"]
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
  // The run state is built only when some fund-preparation notice is due in the range.
  let book: DemandBook | undefined;
  const notices: SupplyNotice[] = [];
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
    if (inRange(schedule.fundPreparation)) {
      book ??= demandBook(allocation);
      notices.push(...fundPreparation(book, po, schedule.fundPreparation, allocation.currency));
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
  return notices.sort(compareNotices);
}

/** R-SUP-2: one notice per franchisee with open demand for the order's SKUs on `date`. */
function fundPreparation(
  book: DemandBook,
  po: PurchaseOrder,
  date: IsoDate,
  currency: string,
): FundPreparationNotice[] {
  const { format } = book.state;
  return openDemand(
    book,
    po.lines.map((line) => line.sku),
    date,
  ).map((demand) => ({
    id: noticeId("fund-preparation", po.id, demand.franchisee),
    kind: "fund-preparation",
    date,
    purchaseOrder: po.id,
    supplier: po.supplier,
    expectedArrival: po.expectedArrival,
    franchisee: demand.franchisee,
    currency,
    needed: format(demand.needed),
    spendable: format(demand.spendable),
    lacking: format(Money.max(0, demand.needed.minus(demand.spendable))),
    lines: demand.lines.map((open) => ({
      order: open.line.order,
      line: open.line.line,
      sku: open.line.sku,
      outstanding: open.outstanding,
      unitPrice: open.line.priceText,
      amount: format(open.amount),
    })),
  }));
}

/** R-SUP-3: the order's lines by SKU, in code-unit order (SKUs are unique in an order). */
function expectedSupply(po: PurchaseOrder): ExpectedSupply[] {
  return po.lines
    .map((line) => ({ sku: line.sku, quantity: line.quantity }))
    .sort((a, b) => compareIds(a.sku, b.sku));
}
