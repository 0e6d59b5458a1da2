import { Decimal } from "decimal.js";
import * as z from "zod";
import type { AllocationPlan } from "../allocation/plan.js";
import { addDays, daysBetween, type IsoDate } from "../domain/dates.js";
import { compareIds } from "../ranking/compare.js";
import { guarded } from "../schema/guard.js";
import { planShape } from "../schema/madeShapes.js";
import { lineKey, linePrices } from "./planFigures.js";

/*
 * R-EXCEPT: the planner's attention list, read from the plan alone — what
 * needs a person now, each with a stable code, a severity and one sentence.
 */

/**
 * R-EXCEPT: the kinds of exception, stable across versions.
 *
 * @example
 * ```ts
 * import { EXCEPTION_CODES } from "fenhuo";
 * EXCEPTION_CODES[0]; // "LOCK_EXPIRING"
 * ```
 */
export const EXCEPTION_CODES = [
  "LOCK_EXPIRING",
  "LOCK_BLOCKED_WITH_FREE_STOCK",
  "SHORT_OF_MONEY",
  "SHIP_COMPLETE_HELD",
  "STORE_BELOW_SAFETY_STOCK",
  "MIN_FILL_REFUSED",
  "REGION_NOT_IN_SEASON_ORDER",
] as const;
/** See {@link EXCEPTION_CODES}. */
export type ExceptionCode = (typeof EXCEPTION_CODES)[number];

/**
 * R-EXCEPT: how soon an exception wants a person: `high` (money or stock is
 * about to be lost), `medium` (demand left short), `low` (worth knowing).
 *
 * @example
 * ```ts
 * import { EXCEPTION_SEVERITIES } from "fenhuo";
 * EXCEPTION_SEVERITIES; // ["high", "medium", "low"]
 * ```
 */
export const EXCEPTION_SEVERITIES = ["high", "medium", "low"] as const;
/** See {@link EXCEPTION_SEVERITIES}. */
export type ExceptionSeverity = (typeof EXCEPTION_SEVERITIES)[number];

/** R-EXCEPT: one item of the attention list: its code, severity, sentence and what it is about. */
export interface PlanException {
  readonly code: ExceptionCode;
  readonly severity: ExceptionSeverity;
  /** One sentence a planner acts on (Chinese domain terms in parentheses). */
  readonly sentence: string;
  readonly franchisee?: string;
  readonly order?: string;
  readonly line?: number;
  readonly store?: string;
  readonly region?: string;
  readonly sku?: string;
  readonly lock?: string;
  /** Units concerned: a lock's, or a demand's left unfilled. */
  readonly quantity?: number;
  /** Money concerned: due for a lock, or what would complete a line held back by money. */
  readonly amount?: string;
  /** A lock's expiry date. */
  readonly expiresOn?: string;
}

/** Options of {@link exceptions}. */
export interface ExceptionOptions {
  /** Locks expiring within this many days of the plan's `asOf` are listed (default 3). */
  readonly withinDays?: number;
}

const SEVERITY_RANK: Record<ExceptionSeverity, number> = { high: 0, medium: 1, low: 2 };

const optionsShape = z
  .object({
    withinDays: z
      .int("must be a whole number of days")
      .min(0, "must be 0 or more days")
      .max(3650, "must be at most 3650 days")
      .optional(),
  })
  .optional();

/**
 * R-EXCEPT: the plan's attention list — locks expiring within
 * `withinDays` with the money due (通知加盟商打款); lines held back by money with
 * the amount that would complete them; lines barred from locking while their
 * SKU's stock stays free; ship-complete orders held back (整单发货); lines that
 * refused a part below `minFill`; stores left below safety stock (安全库存);
 * regions missing from a season's order. Sorted by severity, then code, then
 * what it is about; read from the plan alone.
 *
 * @param plan - a plan (`allocate`'s, or one read back from JSON)
 * @param options - `withinDays` (default 3)
 * @returns the exceptions, most urgent first
 * @throws {@link InputError} when `plan` is not a plan or an option is out of range
 * @example
 * ```ts
 * import { allocate, exceptions } from "fenhuo";
 * const plan = allocate({
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" }],
 *   supply: [{ sku: "T100", quantity: 10 }],
 *   franchisees: [{ id: "F1", priority: 1, cash: "500" }],
 *   orders: [{ id: "SO-1", franchisee: "F1", orderedOn: "2026-02-01",
 *              lines: [{ line: 1, sku: "T100", quantity: 8, unitPrice: "100" }] }],
 * });
 * exceptions(plan, { withinDays: 15 }).map((e) => e.code); // ["LOCK_EXPIRING"]
 * exceptions(plan, { withinDays: 15 })[0]?.amount; // "300.00"
 * ```
 */
export function exceptions(plan: AllocationPlan, options?: ExceptionOptions): PlanException[] {
  return guarded(
    [
      { name: "plan", value: plan, shape: planShape },
      { name: "options", value: options, shape: optionsShape },
    ],
    () => listExceptions(plan, options?.withinDays ?? 3),
  );
}

function listExceptions(plan: AllocationPlan, withinDays: number): PlanException[] {
  const out: PlanException[] = [];
  const price = linePrices(plan);
  const digits = minorDigits(plan);
  const money = (value: Decimal) => value.toFixed(digits);
  const asOf = plan.asOf as IsoDate;
  const horizon = addDays(asOf, withinDays);

  for (const lock of plan.locks) {
    if (lock.expiresOn > horizon) continue;
    const unitPrice = price.get(lineKey(lock.order, lock.line));
    const due = unitPrice === undefined ? undefined : new Decimal(unitPrice).times(lock.quantity);
    const days = daysBetween(asOf, lock.expiresOn as IsoDate);
    const when = days <= 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
    const pay =
      due === undefined ? "" : `: ${money(due)} due from ${lock.franchisee} (通知加盟商打款)`;
    out.push({
      code: "LOCK_EXPIRING",
      severity: "high",
      sentence: `Lock ${lock.id} of ${lock.quantity} ${lock.sku} for order ${lock.order} line ${lock.line} expires on ${lock.expiresOn}, ${when}${pay}; unpaid, its stock goes back to be allocated again (R-LOCK-EXPIRE).`,
      franchisee: lock.franchisee,
      order: lock.order,
      line: lock.line,
      sku: lock.sku,
      lock: lock.id,
      quantity: lock.quantity,
      ...(due === undefined ? {} : { amount: money(due) }),
      expiresOn: lock.expiresOn,
    });
  }

  const free = new Map(plan.remaining.map((row) => [row.sku, row.quantity - (row.held ?? 0)]));
  const held = new Map<string, string[]>();
  for (const row of plan.unfilled) {
    if (row.kind === "store") {
      out.push({
        code: "STORE_BELOW_SAFETY_STOCK",
        severity: "medium",
        sentence: `Store ${row.store} (${row.region}) stays ${row.quantity} ${row.sku} below its safety stock (安全库存): ${row.reason === "holdback" ? "units were held back for another channel" : "no stock was left for it"}.`,
        store: row.store,
        region: row.region,
        sku: row.sku,
        quantity: row.quantity,
      });
      continue;
    }
    if (row.kind !== "order-line") continue;
    const about = {
      franchisee: row.franchisee,
      order: row.order,
      line: row.line,
      sku: row.sku,
      quantity: row.quantity,
    };
    const subject = `Order ${row.order} line ${row.line} (${row.franchisee}, ${row.sku})`;
    if (row.reason === "funds") {
      const unitPrice = price.get(lineKey(row.order, row.line));
      const amount =
        unitPrice === undefined ? undefined : money(new Decimal(unitPrice).times(row.quantity));
      out.push({
        code: "SHORT_OF_MONEY",
        severity: "medium",
        sentence: `${subject} is ${row.quantity} short for money (部分发货)${amount === undefined ? "" : `: ${amount} more would complete it`}.`,
        ...about,
        ...(amount === undefined ? {} : { amount }),
      });
    } else if (row.reason === "lock-blocked" && (free.get(row.sku) ?? 0) > 0) {
      out.push({
        code: "LOCK_BLOCKED_WITH_FREE_STOCK",
        severity: "high",
        sentence: `${subject} may not be locked in this run (R-LOCK-EXPIRE) while ${free.get(row.sku)} ${row.sku} stay free: ${row.quantity} units wait for payment or the bar to lift.`,
        ...about,
      });
    } else if (row.reason === "ship-complete") {
      const lines = held.get(row.order) ?? [];
      lines.push(`line ${row.line}`);
      held.set(row.order, lines);
      if (lines.length === 1)
        out.push({
          code: "SHIP_COMPLETE_HELD",
          severity: "medium",
          sentence: `Order ${row.order} (${row.franchisee}) ships complete (整单发货) and could not be served whole: none of its lines took units.`,
          franchisee: row.franchisee,
          order: row.order,
        });
    } else if (row.reason === "min-fill") {
      out.push({
        code: "MIN_FILL_REFUSED",
        severity: "low",
        sentence: `${subject} took none of the part it was offered: below its minFill share (R-MINFILL); ${row.quantity} units left open.`,
        ...about,
      });
    }
  }
  for (const warning of plan.warnings) {
    if (warning.code !== "REGION_NOT_IN_SEASON_ORDER") continue;
    out.push({
      code: "REGION_NOT_IN_SEASON_ORDER",
      severity: "low",
      sentence: `Region ${warning.region} is not in the ${warning.season} region order (R-RANK-REGION): it was served after every listed region.`,
      region: warning.region,
    });
  }
  return out.sort(compareExceptions);
}

function compareExceptions(a: PlanException, b: PlanException): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    EXCEPTION_CODES.indexOf(a.code) - EXCEPTION_CODES.indexOf(b.code) ||
    compareIds(a.order ?? "", b.order ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareIds(a.store ?? "", b.store ?? "") ||
    compareIds(a.region ?? "", b.region ?? "") ||
    compareIds(a.sku ?? "", b.sku ?? "") ||
    compareIds(a.lock ?? "", b.lock ?? "") ||
    compareIds(a.sentence, b.sentence)
  );
}

/** The plan's money digits, as its balances write them (two when it has none). */
function minorDigits(plan: AllocationPlan): number {
  const sample = plan.balances[0]?.spendableBefore;
  if (sample === undefined) return 2;
  const dot = sample.indexOf(".");
  return dot < 0 ? 0 : sample.length - dot - 1;
}
