import * as z from "zod";
import { planWire } from "./planWire.js";
import { amount, id, isoDate, lineNumber, quantity } from "./primitives.js";

/*
 * R-RUN-2: what `carryForward` reads besides the input: the plan (its rows,
 * not its trace) and what happened between the runs (the edition-2 entry points).
 */

/**
 * The plan as `carryForward` reads it: every row checked, the trace not read —
 * and not needed, so a plan written with `fenhuo allocate --no-trace` carries too.
 */
export const carriedPlanWire = planWire.extend({
  trace: z.array(z.unknown()).readonly().optional(),
});

const arrivalWire = z.strictObject({ sku: id, quantity });
const paymentWire = z.strictObject({ franchisee: id, amount });
const balanceWire = z.strictObject({
  franchisee: id,
  cash: amount,
  creditLimit: amount.optional(),
  creditUsed: amount.optional(),
});
const shippedWire = z.strictObject({
  order: id,
  line: lineNumber,
  quantity: quantity.min(1, "a shipment posts at least one unit"),
});

/** What happened between one run and the next, as `carryForward` is given it. */
export const carryNextWire = z.strictObject({
  asOf: isoDate,
  arrivals: z.array(arrivalWire).optional(),
  payments: z.array(paymentWire).optional(),
  balances: z.array(balanceWire).optional(),
  shipped: z.array(shippedWire).optional(),
});

/** The parsed `next` of `carryForward`: amounts as Decimals, dates checked. */
export type CarryNextRequest = z.output<typeof carryNextWire>;

/**
 * R-RUN-2: what happened between a run and the next (the edition-2 entry points): the
 * next run's date, and since the plan the stock that arrived, the cash
 * received, finance's fresh balances (6.4.1) and the shipments posted. Money
 * is a decimal string.
 */
export interface CarryNext {
  /** The next run's date, after the plan's `asOf`. */
  asOf: string;
  /** New free stock since the plan, per SKU (rows of one SKU add up). */
  arrivals?: { sku: string; quantity: number }[];
  /** Cash received since the plan, added to the franchisee's cash. */
  payments?: { franchisee: string; amount: string | number }[];
  /** Finance's fresh figures; `creditLimit` and `creditUsed` default to the input's. */
  balances?: {
    franchisee: string;
    cash: string | number;
    creditLimit?: string | number;
    creditUsed?: string | number;
  }[];
  /** Units shipped and posted since the plan (发货过账, R-POST-1). */
  shipped?: { order: string; line: number; quantity: number }[];
}
