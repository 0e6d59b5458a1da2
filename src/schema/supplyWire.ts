import * as z from "zod";
import type { Branded } from "../domain/brand.js";
import { type IsoDate, isIsoDate } from "../domain/dates.js";
import { LEAD_TIME_FIELDS, type LeadTimes } from "../domain/policy.js";
import type { PolicyInput } from "../domain/policyField.js";
import type { AllocationRequest } from "../domain/types.js";
import type {
  CommitmentInput,
  FranchiseeInput,
  LockInput,
  OrderInput,
  ProductInput,
} from "./inputTypes.js";
import type { Issue, Path, Result } from "./issues.js";
import { parseAllocationInput } from "./parseInput.js";
import { completePolicy, policySchema } from "./policyWire.js";
import { DATE_RULE, id, isoDate, unitsFrom } from "./primitives.js";
import { readSafely } from "./readable.js";
import { unknownFields } from "./rows.js";
import { check, collect } from "./zodIssues.js";

/*
 * The JSON contract of the supply notices: a date range, the
 * purchase orders (采购订单), and the allocation input's products,
 * franchisees, orders and locks. The allocation parts are read by
 * `parseAllocationInput` itself, as a run on `from` would read them, so the
 * money and line rules are the allocation's to the letter.
 */

const poLineWire = z.object({
  sku: id,
  quantity: unitsFrom(1, "a purchase-order line brings at least one unit"),
});

/** One purchase order (采购订单) as an ERP exports it. */
const purchaseOrderWire = z.object({
  id,
  supplier: id,
  issuedOn: isoDate,
  expectedArrival: isoDate,
  /** Absent or null while the supplier has not confirmed (R-SUP-1). */
  confirmedOn: isoDate.nullable().optional(),
  lines: z.array(poLineWire).min(1, "a purchase order has at least one line"),
});

/**
 * A purchase order as a caller writes it.
 *
 * @interface
 */
export type PurchaseOrderInput = z.input<typeof purchaseOrderWire>;

/** The JSON a caller passes to `supplyNotices`, as TypeScript sees it. */
export interface SupplyNoticesInput {
  /** The first day of the range, inclusive; also the date the allocation parts are as of. */
  from: string;
  /** The last day of the range, inclusive; not before `from`. */
  to: string;
  currency?: string;
  purchaseOrders?: PurchaseOrderInput[];
  products?: ProductInput[];
  franchisees?: FranchiseeInput[];
  orders?: OrderInput[];
  locks?: LockInput[];
  /** R-RUN-1: money committed and not yet posted; the notice's spendable is net of it. */
  commitments?: CommitmentInput[];
  /** Lead times other than `DEFAULT_LEAD_TIMES` (R-SUP-1..3), in days. */
  leadTimes?: PolicyInput<typeof LEAD_TIME_FIELDS>;
}

/** One line of a trusted purchase order: a SKU of the products, at least one unit. */
interface PurchaseOrderLine {
  readonly sku: string;
  readonly quantity: number;
}

/** A purchase order that passed {@link parseSupplyInput}: dates in order, SKUs known and unique. */
export interface PurchaseOrder {
  readonly id: string;
  readonly supplier: string;
  readonly issuedOn: IsoDate;
  readonly expectedArrival: IsoDate;
  readonly confirmedOn: IsoDate | undefined;
  readonly lines: readonly PurchaseOrderLine[];
}

/** A parsed, cross-checked supply-notice input. Only {@link parseSupplyInput} makes one. */
export interface SupplyRequest extends Branded<"SupplyRequest"> {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly purchaseOrders: readonly PurchaseOrder[];
  /** The notices' lead times, the defaults filled in. */
  readonly leadTimes: LeadTimes;
  /** The allocation parts, parsed with `asOf` = `from` and the default policy. */
  readonly allocation: AllocationRequest;
}

/** The sections handed to `parseAllocationInput` as they are: their paths are the same here. */
const ALLOCATION_SECTIONS = [
  "currency",
  "products",
  "franchisees",
  "orders",
  "locks",
  "commitments",
] as const;
const FIELDS: ReadonlySet<string> = new Set([
  "from",
  "to",
  "purchaseOrders",
  "leadTimes",
  ...ALLOCATION_SECTIONS,
]);

const leadTimesWire = policySchema(LEAD_TIME_FIELDS).optional();

/** An end of the range: a date, and a required one. */
const rangeDate = z
  .string({
    error: (issue) =>
      issue.input === undefined ? "is required: a date written YYYY-MM-DD" : DATE_RULE,
  })
  .refine(isIsoDate, { message: DATE_RULE, params: { code: "invalid_date" } })
  .transform((text) => text as IsoDate);

/**
 * Turns untrusted JSON into a {@link SupplyRequest}, or lists every problem with
 * its JSON path. Never throws, never mutates `input`.
 *
 * The allocation parts are checked by `parseAllocationInput` with `asOf` =
 * `from`: a lock must have been placed on or before `from` (a notice cannot
 * count a lock that did not exist on its date); what that parser reports at
 * `asOf` is reported at `from`.
 */
export function parseSupplyInput(input: unknown): Result<SupplyRequest> {
  return readSafely(input, parseReadable);
}

/** {@link parseSupplyInput} of an input that reads without throwing. */

function parseReadable(input: unknown): Result<SupplyRequest> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        { path: [], code: "invalid_type", message: "must be an object (a SupplyNoticesInput)" },
      ],
    };
  }
  const record = input as Readonly<Record<string, unknown>>;
  const issues: Issue[] = [];
  unknownFields(record, (key) => FIELDS.has(key), issues);

  const from = collect(check(rangeDate, record.from, ["from"]), issues);
  const to = collect(check(rangeDate, record.to, ["to"]), issues);
  if (from !== undefined && to !== undefined && to < from) {
    issues.push({
      path: ["to"],
      code: "inconsistent",
      message: `the range ends (${to}) before it starts (${from})`,
    });
  }

  const purchaseOrders = readPurchaseOrders(record, issues);
  const givenLeadTimes = collect(check(leadTimesWire, record.leadTimes, ["leadTimes"]), issues);
  const leadTimes: LeadTimes = completePolicy(
    LEAD_TIME_FIELDS,
    givenLeadTimes,
    ["leadTimes"],
    issues,
  );

  const allocationInput: Record<string, unknown> = from === undefined ? {} : { asOf: from };
  for (const key of ALLOCATION_SECTIONS) {
    if (Object.hasOwn(record, key)) allocationInput[key] = record[key];
  }
  const allocation = parseAllocationInput(allocationInput);
  if (!allocation.ok) {
    for (const issue of allocation.issues) {
      if (issue.path[0] !== "asOf") {
        issues.push({ ...issue, message: issue.message.replace("the run's asOf", "from") });
      } else if (from !== undefined) {
        // Only the calendar bound of a run on `from` can fail here: `from` itself was read above.
        issues.push({
          path: ["from", ...issue.path.slice(1)],
          code: issue.code,
          message: `an allocation run on this date is refused: ${issue.message}`,
        });
      }
    }
  }

  if (issues.length > 0 || !allocation.ok || from === undefined || to === undefined) {
    return { ok: false, issues };
  }
  const request = { from, to, purchaseOrders, leadTimes, allocation: allocation.value };
  return { ok: true, value: request as unknown as SupplyRequest };
}

function readPurchaseOrders(
  record: Readonly<Record<string, unknown>>,
  issues: Issue[],
): PurchaseOrder[] {
  const raw = record.purchaseOrders;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.push({
      path: ["purchaseOrders"],
      code: "invalid_type",
      message: "must be an array of purchase orders",
    });
    return [];
  }
  const products = productSkus(record.products);
  const orders: PurchaseOrder[] = [];
  const seen = new Set<string>();
  // Row by row, each order's shape then its own checks, so its problems stay together.
  raw.forEach((item: unknown, index) => {
    const path: Path = ["purchaseOrders", index];
    const po = collect(check(purchaseOrderWire, item, path), issues);
    if (po === undefined) return;
    if (seen.has(po.id)) {
      issues.push({
        path: [...path, "id"],
        code: "duplicate_key",
        message: `duplicate purchase order id ${JSON.stringify(po.id)}`,
      });
    }
    seen.add(po.id);
    if (po.expectedArrival < po.issuedOn) {
      issues.push({
        path: [...path, "expectedArrival"],
        code: "inconsistent",
        message: `expected to arrive on ${po.expectedArrival}, before the order was issued (${po.issuedOn})`,
      });
    }
    const confirmedOn = (po.confirmedOn ?? undefined) as IsoDate | undefined;
    if (confirmedOn !== undefined && confirmedOn < po.issuedOn) {
      issues.push({
        path: [...path, "confirmedOn"],
        code: "inconsistent",
        message: `confirmed on ${confirmedOn}, before the order was issued (${po.issuedOn})`,
      });
    }
    const skus = new Set<string>();
    po.lines.forEach((line, k) => {
      const linePath: Path = [...path, "lines", k, "sku"];
      if (products !== undefined && !products.has(line.sku)) {
        issues.push({
          path: linePath,
          code: "unknown_reference",
          message: `unknown product ${JSON.stringify(line.sku)}: not in products`,
        });
      }
      if (skus.has(line.sku)) {
        issues.push({
          path: linePath,
          code: "duplicate_key",
          message: `duplicate sku ${JSON.stringify(line.sku)} in purchase order ${JSON.stringify(po.id)}`,
        });
      }
      skus.add(line.sku);
    });
    orders.push({
      id: po.id,
      supplier: po.supplier,
      issuedOn: po.issuedOn as IsoDate,
      expectedArrival: po.expectedArrival as IsoDate,
      confirmedOn,
      lines: po.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    });
  });
  return orders;
}

/**
 * Every SKU a products row names, sound or not: a line naming a malformed
 * product is not reported again (the product's own problem is). `undefined`
 * when `products` is not an array at all, which `parseAllocationInput` reports.
 */
export function productSkus(raw: unknown): ReadonlySet<string> | undefined {
  if (raw === undefined) return new Set();
  if (!Array.isArray(raw)) return undefined;
  const skus = new Set<string>();
  for (const row of raw as unknown[]) {
    if (typeof row !== "object" || row === null) continue;
    const sku = (row as Record<string, unknown>).sku;
    if (typeof sku === "string") skus.add(sku);
  }
  return skus;
}
