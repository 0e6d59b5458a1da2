import { allocate } from "../allocation/allocate.js";
import type { AllocationPlan } from "../allocation/plan.js";
import type { AllocationPolicy } from "../domain/policy.js";
import type { AllocationInput, InputOf, UntypedInput } from "../schema/inputTypes.js";
import { InputError, type Issue } from "../schema/issues.js";
import { parseAllocationInput } from "../schema/parseInput.js";
import { comparePlans, type PlanComparison } from "./compare.js";

/*
 * R-WHATIF: one input under several named policy variants — each variant's
 * fields laid over the input's own policy — every plan made, and each
 * compared with the first variant's.
 */

/** What {@link simulate} returns: each variant's plan, and each later variant's comparison with the first. */
export interface Simulation {
  readonly plans: Readonly<Record<string, AllocationPlan>>;
  /** By variant name, every variant but the first: `comparePlans(first, variant)`. */
  readonly comparisons: Readonly<Record<string, PlanComparison>>;
}

/**
 * R-WHATIF: runs `input` under each of `variants` — a variant's fields replace
 * the input's policy fields of the same name, the others stay — and compares
 * every variant's plan with the first's. Pure: nothing is committed, and the
 * input is never mutated.
 *
 * @param input - an {@link AllocationInput}, or a value typed `unknown`
 *   (the second signature, {@link UntypedInput})
 * @param variants - named partial policies, the first the baseline (at least one);
 *   "first" is the object's own key order, where integer-like names come first
 * @returns the plans by name, and the comparisons of the later ones with the first
 * @throws {@link InputError} listing every problem at once: the input's under its own
 *   paths, a variant's under `["variants", name, …]`; nothing is run then
 * @example
 * ```ts
 * import { simulate } from "fenhuo";
 * const result = simulate(
 *   {
 *     asOf: "2026-03-01",
 *     products: [{ sku: "T100", season: "SS" }],
 *     supply: [{ sku: "T100", quantity: 10 }],
 *     franchisees: [{ id: "F1", priority: 1, cash: "500" }],
 *     orders: [{ id: "SO-1", franchisee: "F1", orderedOn: "2026-02-01",
 *                lines: [{ line: 1, sku: "T100", quantity: 8, unitPrice: "100" }] }],
 *   },
 *   { seed: {}, "half or nothing": { minFill: 0.5, lockUnfunded: false } },
 * );
 * result.plans.seed?.franchiseeAllocations[0]?.quantity; // 5
 * result.comparisons["half or nothing"]?.changes[0]?.b.allocated; // 5
 * result.comparisons["half or nothing"]?.changes[0]?.b.locked; // 0
 * ```
 */
export function simulate(
  input: InputOf<AllocationInput>,
  variants: Readonly<Record<string, Partial<AllocationPolicy>>>,
): Simulation;
/**
 * {@link simulate} of untyped JSON: a value typed `unknown` (see
 * {@link UntypedInput}), validated as the `AllocationInput` it should be.
 */
export function simulate<T>(
  input: UntypedInput<T>,
  variants: Readonly<Record<string, Partial<AllocationPolicy>>>,
): Simulation;
export function simulate(
  input: unknown,
  variants: Readonly<Record<string, Partial<AllocationPolicy>>>,
): Simulation {
  const issues: Issue[] = [];
  const parsed = parseAllocationInput(input);
  if (!parsed.ok) issues.push(...parsed.issues);
  const names = isRecord(variants) ? Object.keys(variants) : [];
  if (!isRecord(variants)) {
    issues.push({
      path: ["variants"],
      code: "invalid_type",
      message: "must be an object of named policy variants",
    });
  } else if (names.length === 0) {
    issues.push({
      path: ["variants"],
      code: "too_small",
      message: "must name at least one variant",
    });
  }
  const given = isRecord(input) && isRecord(input.policy) ? input.policy : {};
  const inputs = new Map<string, unknown>();
  // Variant names are an object's keys: integer-like ones come first, as JavaScript orders them.
  for (const name of names) {
    const variant = (variants as Record<string, unknown>)[name];
    if (!isRecord(variant)) {
      issues.push({
        path: ["variants", name],
        code: "invalid_type",
        message: "must be an object (a partial AllocationPolicy)",
      });
      continue;
    }
    const merged = { ...(input as Record<string, unknown>), policy: { ...given, ...variant } };
    inputs.set(name, merged);
    // The input's own problems are reported once, above; here only the variant's.
    if (!parsed.ok) continue;
    const checked = parseAllocationInput(merged);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        const [head, ...rest] = issue.path;
        issues.push(head === "policy" ? { ...issue, path: ["variants", name, ...rest] } : issue);
      }
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  const plans: Record<string, AllocationPlan> = {};
  for (const [name, merged] of inputs) own(plans, name, allocate(merged));
  const [first, ...others] = names;
  const comparisons: Record<string, PlanComparison> = {};
  const base = plans[first as string] as AllocationPlan;
  for (const name of others)
    own(comparisons, name, comparePlans(base, plans[name] as AllocationPlan));
  return { plans, comparisons };
}

/** Sets `name` as an own property, whatever it is (`__proto__` included): nothing is polluted. */
function own<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
