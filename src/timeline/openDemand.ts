import type { Decimal } from "decimal.js";
import { lockPhase } from "../allocation/locks.js";
import { createRunState, type LineState, type RunState } from "../allocation/state.js";
import type { IsoDate } from "../domain/dates.js";
import { ZERO } from "../domain/money.js";
import type { AllocationRequest } from "../domain/types.js";
import { compareIds } from "../ranking/compare.js";
import { compareLines } from "../ranking/lines.js";

/*
 * Open franchisee demand for R-SUP-2, read from the allocation engine's own
 * run state (createRunState), so that outstanding and spendable are what a
 * run computes: outstanding = quantity − allocated − units under carried
 * locks, spendable = cash + max(0, creditLimit − creditUsed) (SPEC §3.0).
 */

/** The franchisee lines that may have open demand, by SKU. Built once per call. */
export interface DemandBook {
  readonly state: RunState;
  readonly linesBySku: ReadonlyMap<string, readonly LineState[]>;
}

/** One line's open demand on a date. */
interface OpenLine {
  readonly line: LineState;
  readonly outstanding: number;
  readonly amount: Decimal;
}

/** A franchisee's open demand for some SKUs on a date. */
export interface FranchiseeDemand {
  readonly franchisee: string;
  readonly needed: Decimal;
  readonly spendable: Decimal;
  /** In R-RANK-LINE order. */
  readonly lines: readonly OpenLine[];
}

export function demandBook(request: AllocationRequest): DemandBook {
  const state = createRunState(request);
  const linesBySku = new Map<string, LineState[]>();
  // A franchisee's lines in the run state are those with outstanding units or locks.
  for (const franchisee of state.franchisees.values()) {
    for (const line of franchisee.lines) {
      const list = linesBySku.get(line.sku);
      if (list === undefined) linesBySku.set(line.sku, [line]);
      else list.push(line);
    }
  }
  return { state, linesBySku };
}

/**
 * What a line has outstanding on `on`: the run state's outstanding plus the
 * units of its locks that have expired by then, payment grace over — what the
 * expiry pass of a run on `on` gives back to the line (R-LOCK-EXPIRE). A lock
 * still active on `on`, or in its payment grace (R-LOCK-GRACE: a payment still
 * converts it), keeps its units out: they are not open demand.
 */
function outstandingOn(line: LineState, on: IsoDate, paymentGraceDays: number): number {
  let outstanding = line.outstanding;
  for (const lock of line.locks ?? []) {
    if (lockPhase(lock.source, on, paymentGraceDays) === "expired")
      outstanding += lock.source.quantity;
  }
  return outstanding;
}

/**
 * Every franchisee with outstanding units of `skus` on `on` (open demand), by
 * franchisee id; orders placed after `on` are not yet demand. A franchisee whose units of those SKUs are all allocated or
 * under active locks has none, and is left out.
 */
export function openDemand(
  book: DemandBook,
  skus: Iterable<string>,
  on: IsoDate,
): FranchiseeDemand[] {
  const byFranchisee = new Map<string, OpenLine[]>();
  for (const sku of new Set(skus)) {
    for (const line of book.linesBySku.get(sku) ?? []) {
      // An order placed after the notice's date was not open demand on it.
      if (line.orderedOn > on) continue;
      const outstanding = outstandingOn(line, on, book.state.request.policy.paymentGraceDays);
      if (outstanding === 0) continue;
      const open: OpenLine = { line, outstanding, amount: line.unitPrice.times(outstanding) };
      const list = byFranchisee.get(line.franchisee.id);
      if (list === undefined) byFranchisee.set(line.franchisee.id, [open]);
      else list.push(open);
    }
  }
  return [...byFranchisee]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([id, lines]) => {
      lines.sort((a, b) => compareLines(a.line, b.line));
      const needed = lines.reduce((sum, open) => sum.plus(open.amount), ZERO);
      const { spendableBefore } = (lines[0] as OpenLine).line.franchisee;
      return { franchisee: id, needed, spendable: spendableBefore, lines };
    });
}
