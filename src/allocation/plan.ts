/*
 * The plan: what `allocate` returns (docs/json-contract.md). Plain JSON:
 * money is a decimal string, dates are YYYY-MM-DD. Every list is in the
 * canonical order its field documents, and rows of quantity 0 are left out.
 *
 * The types are derived from the plan's zod schema (src/schema/planWire.ts),
 * the one place its fields are listed, so the types, the JSON Schema
 * (docs/schema/plan.schema.json) and the API docs cannot drift apart.
 */
export type { Limit } from "../schema/planFields.js";
export type {
  ConversionDecision,
  Decision,
  ExpiryDecision,
  FundedDecision,
  LockDecision,
  RegionDecision,
  StoreDecision,
} from "../schema/planTrace.js";
export type {
  AllocationPlan,
  Balance,
  FranchiseeAllocation,
  PaymentRequest,
  PlannedLock,
  PlanPreview,
  RegionAllocation,
  ReleasedLock,
  Remaining,
  StoreAllocation,
  Unfilled,
  Warning,
} from "../schema/planWire.js";
