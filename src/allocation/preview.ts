import type { Decimal } from "decimal.js";
import { Money } from "../domain/money.js";
import type { AllocationRequest, SupplyRow } from "../domain/types.js";
import type { PreviewMoney } from "../domain/vocabulary.js";
import { compareIds } from "../ranking/compare.js";
import type { AllocationInput, InputOf, UntypedInput } from "../schema/inputTypes.js";
import { InputError, type Result } from "../schema/issues.js";
import {
  type ArrivalInput,
  type PreviewOptions,
  parsePreviewArguments,
} from "../schema/previewWire.js";
import { runPasses } from "./allocate.js";
import { buildPlan } from "./output.js";
import type { AllocationPlan } from "./plan.js";
import type { Amount } from "./runMoney.js";
import { createRunState, type Draft, type FranchiseeState, type RunState } from "./state.js";

/**
 * R-PREVIEW: the plan the arriving units would give — the passes
 * on the input, with the arrivals as the only free stock — committing
 * nothing: nothing is changed, and the plan carries `preview` (how money was
 * read, what arrived) so that no one mistakes it for a run's plan.
 *
 * - The input's own `supply` is not part of the preview, and neither are the
 *   units of locks the preview releases (R-LOCK-EXPIRE): they are in the
 *   warehouse already and the run of the day reallocates them. Released locks
 *   are listed and their lines are demand again; `remaining` is what is left
 *   of the arrivals.
 * - `money: "as-given"` (the default) reads the franchisees' money as
 *   `allocate` does. `money: "unlimited"` makes money no limit: every
 *   franchisee counts as funded (R-RANK-FUNDED) with the same spendable, more
 *   than all open demand is worth, so franchisees rank by priority, then id,
 *   and every line takes min(outstanding, free stock). Each allocation is paid
 *   from the franchisee's own cash and credit in the policy's `spendOrder` as
 *   far as they go, and the rest from the purse that order spends last; the
 *   balances and the trace's `spendable` are those of the lifted purses, not
 *   the franchisee's money. What a franchisee lacks is in the fund notice of
 *   R-SUP-2, which is built on this mode.
 *
 * @param input - an {@link AllocationInput}, or a value typed `unknown`
 *   (the second signature, {@link UntypedInput}), read exactly as `allocate` reads it
 * @param arrivals - the arriving units, one row per SKU of the products
 * @param options - `money`: `"as-given"` (default) or `"unlimited"`
 * @returns the preview plan, in the canonical orders of {@link AllocationPlan}
 * @throws {@link InputError} listing every problem of the three arguments:
 *   the input's at the paths `allocate` reports, the arrivals' under
 *   `["arrivals", index, …]`, the options' under `["options", …]`
 * @example
 * ```ts
 * import { type AllocationInput, previewAllocation } from "fenhuo";
 * const input: AllocationInput = {
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" }],
 *   supply: [{ sku: "T100", quantity: 99 }],
 *   franchisees: [{ id: "F01", priority: 1, cash: "200.00" }],
 *   orders: [{ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *              lines: [{ line: 1, sku: "T100", quantity: 8, unitPrice: "100.00" }] }],
 * };
 * const arrivals = [{ sku: "T100", quantity: 5 }];
 * previewAllocation(input, arrivals).franchiseeAllocations[0]?.quantity; // 2: 200.00 buys two
 * previewAllocation(input, arrivals, { money: "unlimited" }).franchiseeAllocations[0]?.amount; // "500.00"
 * previewAllocation(input, arrivals).preview; // { money: "as-given", arrivals: [{ sku: "T100", quantity: 5 }] }
 * ```
 */
export function previewAllocation(
  input: InputOf<AllocationInput>,
  arrivals: readonly ArrivalInput[],
  options?: PreviewOptions,
): AllocationPlan;
/**
 * {@link previewAllocation} of untyped JSON: a value typed `unknown` (see
 * {@link UntypedInput}), validated as the `AllocationInput` it should be.
 */
export function previewAllocation<T>(
  input: UntypedInput<T>,
  arrivals: readonly ArrivalInput[],
  options?: PreviewOptions,
): AllocationPlan;
export function previewAllocation(
  input: unknown,
  arrivals: readonly ArrivalInput[],
  options?: PreviewOptions,
): AllocationPlan {
  const parsed = parsePreviewArguments(input, arrivals, options);
  if (!parsed.ok) throw new InputError(parsed.issues);
  const { allocation, money } = parsed.value;
  return runPreview(allocation, parsed.value.arrivals, money).plan;
}

/** The result of {@link safePreviewAllocation}. */
export type SafePreviewAllocationResult = Result<AllocationPlan, "plan">;

/**
 * {@link previewAllocation} without throwing: `{ ok: true, value, plan }` or
 * `{ ok: false, issues }`. Takes any arrivals and options (bad ones are
 * issues); the input is typed as `allocate`'s: an {@link AllocationInput}, or a
 * value typed `unknown`.
 *
 * @example
 * ```ts
 * import { type AllocationInput, safePreviewAllocation } from "fenhuo";
 * const input: AllocationInput = { asOf: "2026-03-01", products: [{ sku: "T100", season: "SS" }] };
 * const arrivals = [{ sku: "T100", quantity: -1 }, { sku: "T900", quantity: 4 }];
 * const result = safePreviewAllocation(input, arrivals, { money: "free" });
 * if (!result.ok) result.issues.map((issue) => issue.code);
 * // ["too_small", "unknown_reference", "invalid_value"]
 * ```
 */
export function safePreviewAllocation(
  input: InputOf<AllocationInput>,
  arrivals: unknown,
  options?: unknown,
): SafePreviewAllocationResult;
/**
 * {@link safePreviewAllocation} of untyped JSON: a value typed `unknown` (see
 * {@link UntypedInput}), validated as the `AllocationInput` it should be.
 */
export function safePreviewAllocation<T>(
  input: UntypedInput<T>,
  arrivals: unknown,
  options?: unknown,
): SafePreviewAllocationResult;
export function safePreviewAllocation(
  input: unknown,
  arrivals: unknown,
  options?: unknown,
): SafePreviewAllocationResult {
  const parsed = parsePreviewArguments(input, arrivals, options);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const plan = runPreview(parsed.value.allocation, parsed.value.arrivals, parsed.value.money).plan;
  return { ok: true, value: plan, plan };
}

/** A preview's plan, and each franchisee's own spendable as the run state read it. */
export interface PreviewRun {
  readonly plan: AllocationPlan;
  /** By franchisee id: the run's spendable before any pass, whatever `money` says. */
  readonly spendable: ReadonlyMap<string, Decimal>;
  /** Writes an amount as the plan does, with the currency's minor digits at least. */
  readonly format: (amount: Decimal) => string;
}

/**
 * R-PREVIEW on a parsed request: the passes with `arrivals` as the only free
 * stock. The spendable it returns is the run state's (R-RUN-1: net of what is
 * committed and not yet posted, once the state nets it), read before
 * `"unlimited"` lifts the purses.
 */
export function runPreview(
  allocation: AllocationRequest,
  arrivals: readonly SupplyRow[],
  money: PreviewMoney,
): PreviewRun {
  const unlimited = money === "unlimited";
  const policy = unlimited
    ? // Money is no limit: every franchisee is funded, whatever counts as funds.
      { ...allocation.policy, creditCountsAsFunds: true }
    : allocation.policy;
  const state = createRunState({ ...allocation, policy, supply: arrivals });
  const spendable = new Map<string, Decimal>();
  for (const franchisee of state.franchisees) {
    spendable.set(franchisee.id, state.money.decimal(franchisee.spendableBefore));
  }
  const shown = arrivals
    .filter((row) => row.quantity > 0)
    .map((row) => ({ sku: row.sku, quantity: row.quantity }))
    .sort((a, b) => compareIds(a.sku, b.sku));
  const level = unlimited ? liftMoney(state) : undefined;
  runPasses(state, (run) => {
    run.stock.fill(0);
    for (const row of shown) run.stock[run.skuIndex.get(row.sku) as number] = row.quantity;
    // R-RANK-FUNDED ranks from the money left after conversion: level it again.
    if (level !== undefined) raiseTo(run, level);
  });
  return {
    plan: buildPlan(state, { preview: { money, arrivals: shown } }),
    spendable,
    format: state.format,
  };
}

const ONE = new Money(1);

/**
 * `money: "unlimited"`: every franchisee gets the same spendable — 1 more than
 * all franchisees' money and all their open demand (outstanding and locked
 * units) together are worth — so money never limits a line and never tells
 * two franchisees apart (R-RANK-FUNDED falls to priority, then id). Returns
 * that level.
 */
function liftMoney(state: RunState): Amount {
  const { lines, money } = state;
  let level = money.of(ONE);
  for (const franchisee of state.franchisees) {
    level = money.plus(level, franchisee.spendable);
    for (const i of franchisee.lines) {
      const carried = lines.carried.get(i) ?? [];
      const locked = carried.reduce((sum, lock) => sum + lock.source.quantity, 0);
      const price = money.of((lines.source[i] as (typeof lines.source)[number]).unitPrice);
      level = money.plus(level, money.times(price, (lines.open[i] as number) + locked));
    }
  }
  raiseTo(state, level);
  return level;
}

/**
 * Raises every franchisee's spendable to `level`, adding the difference to the
 * purse its spend order draws last (so its own money is spent first) and to
 * what it had before the run, so that the plan's balances stay consistent.
 */
function raiseTo(state: RunState, level: Amount): void {
  const { money } = state;
  const lastPurse = state.request.policy.spendOrder === "cash-first" ? "credit" : "cash";
  for (const franchisee of state.franchisees as readonly Draft<FranchiseeState>[]) {
    const lift = money.minus(level, franchisee.spendable);
    if (money.isZero(lift)) continue;
    if (lastPurse === "credit") {
      franchisee.credit = money.plus(franchisee.credit, lift);
      franchisee.creditBefore = money.plus(franchisee.creditBefore, lift);
    } else {
      franchisee.cash = money.plus(franchisee.cash, lift);
      franchisee.cashBefore = money.plus(franchisee.cashBefore, lift);
    }
    franchisee.spendable = level;
    franchisee.spendableBefore = money.plus(franchisee.spendableBefore, lift);
  }
}
