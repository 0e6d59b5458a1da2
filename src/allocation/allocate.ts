import type { AllocationRequest } from "../domain/types.js";
import { guarded } from "../schema/guard.js";
import type { AllocationInput, InputOf, UntypedInput } from "../schema/inputTypes.js";
import { InputError, type Result } from "../schema/issues.js";
import { requestShape } from "../schema/madeShapes.js";
import { parseAllocationInput } from "../schema/parseInput.js";
import { convertLocks } from "./conversion.js";
import { allocateDirect } from "./direct.js";
import { expireLocks, releaseExpiring } from "./expiry.js";
import { allocateFunded } from "./funded.js";
import { holdBack } from "./holdback.js";
import { placeLocks } from "./lockPass.js";
import { buildPlan } from "./output.js";
import type { AllocationPlan } from "./plan.js";
import { createRunState, type RunState } from "./state.js";

/**
 * Runs one allocation: validates `input` against the JSON contract of
 * the JSON contract, then expires locks, converts paid locks (releasing what is
 * left of those in their payment grace, R-LOCK-GRACE), serves funded
 * franchisees, locks stock for unpaid demand, and serves direct and concession
 * stores and regions — and returns the plan with the reason for every quantity.
 *
 * Pure and deterministic: the same input, in any array order, gives a
 * deep-equal plan; `input` is never mutated.
 *
 * Typed: `input` is an {@link AllocationInput}, so a misspelt field of an
 * object literal (`suply`, `quantitty`) is a compile error, and JSON.parse's
 * `any` fits; a value typed `unknown` (untyped JSON) takes the second
 * signature ({@link UntypedInput}). Whatever its static type, the input is
 * validated at run time.
 *
 * @param input - an `AllocationInput`, typically straight from `JSON.parse`
 * @returns the plan
 * @throws {@link InputError} listing every problem with its JSON path; nothing is returned then
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * const plan = allocate({
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100-RED-M", season: "SS" }],
 *   supply: [{ sku: "T100-RED-M", quantity: 10 }],
 *   franchisees: [{ id: "F01", priority: 1, cash: "500.00" }],
 *   orders: [{ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *              lines: [{ line: 1, sku: "T100-RED-M", quantity: 8, unitPrice: "99.00" }] }],
 * });
 * plan.franchiseeAllocations[0]?.quantity; // 5: 500.00 buys five at 99.00
 * plan.locks[0]?.quantity; // 3: the rest is locked for 15 days
 * const json: unknown = JSON.parse('{ "asOf": "2026-03-01" }');
 * allocate(json).remaining; // []
 * ```
 */
export function allocate(input: InputOf<AllocationInput>): AllocationPlan;
/**
 * {@link allocate} of untyped JSON: a value typed `unknown` (see
 * {@link UntypedInput}), validated as the `AllocationInput` it should be.
 */
export function allocate<T>(input: UntypedInput<T>): AllocationPlan;
export function allocate(input: unknown): AllocationPlan {
  const parsed = parseAllocationInput(input);
  if (!parsed.ok) throw new InputError(parsed.issues);
  return run(parsed.value);
}

/** The result of {@link safeAllocate}. */
export type SafeAllocateResult = Result<AllocationPlan, "plan">;

/**
 * {@link allocate} without throwing: `{ ok: true, value, plan }` (the plan under
 * both names, see {@link Result}) or `{ ok: false, issues }`. Typed as
 * `allocate` is: an {@link AllocationInput}, or a value typed `unknown`.
 *
 * @example
 * ```ts
 * import { safeAllocate } from "fenhuo";
 * const result = safeAllocate({ asOf: "2026-02-30" });
 * if (!result.ok) result.issues[0]?.message; // "must be an existing calendar date written YYYY-MM-DD"
 * const json: unknown = JSON.parse('{ "asOf": "2026-03-01", "suply": [] }');
 * const typo = safeAllocate(json);
 * if (!typo.ok) typo.issues[0]?.code; // "unknown_field"
 * ```
 */
export function safeAllocate(input: InputOf<AllocationInput>): SafeAllocateResult;
/**
 * {@link safeAllocate} of untyped JSON: a value typed `unknown` (see
 * {@link UntypedInput}), validated as the `AllocationInput` it should be.
 */
export function safeAllocate<T>(input: UntypedInput<T>): SafeAllocateResult;
export function safeAllocate(input: unknown): SafeAllocateResult {
  const parsed = parseAllocationInput(input);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const plan = run(parsed.value);
  return { ok: true, value: plan, plan };
}

/**
 * Runs the passes (expiry, conversion, funded, lock, direct) on an already parsed request. For callers
 * that parse once and plan several times. The plan's `trace` and `planId`
 * are made from the run (and so from `request`) when first read: leave the
 * request as it is while its plans are in use.
 *
 * @throws {@link InputError} when `request` is not a parsed request, under `(request)`
 * @example
 * ```ts
 * import { parseAllocationInput, runAllocation } from "fenhuo";
 * const parsed = parseAllocationInput({ asOf: "2026-03-01" });
 * if (parsed.ok) runAllocation(parsed.value).remaining; // []
 * ```
 */
export function runAllocation(request: AllocationRequest): AllocationPlan {
  return guarded([{ name: "request", value: request, shape: requestShape }], () => run(request));
}

/** {@link runAllocation} of arguments that have their shapes. */
function run(request: AllocationRequest): AllocationPlan {
  const state = createRunState(request);
  runPasses(state);
  return buildPlan(state);
}

/**
 * The passes (expiry, conversion, funded, lock, direct) on a run state, in order: the one sequence of
 * `allocate`, `runAllocation` and R-PREVIEW.
 * `beforeFunded` runs between lock conversion (with the release of what it
 * left of locks in their payment grace, R-LOCK-GRACE) and the funded pass, where
 * R-PREVIEW sets its own free stock (the arrivals alone: the units of locks
 * released in a preview stay out of it) and, with money no limit, levels the
 * franchisees' money again after conversion spent some of it. Then R-HOLD takes
 * the holdback out of that free stock.
 */
export function runPasses(state: RunState, beforeFunded?: (state: RunState) => void): void {
  const { policy, asOf } = state.request;
  expireLocks(state, policy, asOf);
  convertLocks(state, policy);
  releaseExpiring(state, policy);
  beforeFunded?.(state);
  holdBack(state);
  allocateFunded(state, policy);
  placeLocks(state, policy, asOf);
  allocateDirect(state, policy, asOf);
}

/**
 * {@link runAllocation} split in its two halves, timed by the caller's clock
 * (the core reads none): the run state and the passes, then the plan. For the
 * benchmark; not exported from the package.
 */
export function runPhases(
  request: AllocationRequest,
  clock: () => number,
): { readonly plan: AllocationPlan; readonly passesMs: number; readonly planMs: number } {
  const start = clock();
  const state = createRunState(request);
  runPasses(state);
  const middle = clock();
  const plan = buildPlan(state);
  return { plan, passesMs: middle - start, planMs: clock() - middle };
}
