import type { AllocationPlan } from "../../src/index.js";

/** The franchisee allocation rows of one order line. */
export const rowsOf = (plan: AllocationPlan, orderId: string, line = 1) =>
  plan.franchiseeAllocations.filter((row) => row.order === orderId && row.line === line);

/** The units allocated to one order line, over all its rows. */
export const qty = (plan: AllocationPlan, orderId: string, line = 1) =>
  rowsOf(plan, orderId, line).reduce((sum, row) => sum + row.quantity, 0);
