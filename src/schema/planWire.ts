import { z } from "zod";
import { isIsoDate } from "../domain/dates.js";
import { RULE, type RuleId } from "../domain/rules.js";
import {
  ALLOCATION_SOURCES,
  LIMITS,
  SEASONS,
  SELLING_SEASONS,
  STORE_CLASSES,
  UNFILLED_REASONS,
} from "../domain/vocabulary.js";
import { id, lineNumber } from "./primitives.js";

/*
 * The plan `allocate` returns (SPEC §3.7, Appendix A), written once: each part
 * as a zod schema, and its TypeScript type derived from that schema right after
 * it (src/allocation/plan.ts re-exports the types for the engine). The engine
 * never parses its own plan; the schemas give the JSON Schema of the contract
 * (jsonSchema.ts), and test/schema/plan-wire.test.ts parses real plans with them.
 *
 * A field's TSDoc comment is what the API docs show; its `.describe()` text is
 * what the JSON Schema shows. Objects are strict, so a plan with a field the
 * schema lacks does not parse.
 */

/** A list in the plan: read-only, like the plan's own arrays. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/**
 * `schema`, typed by the name of its output, so a type that holds it shows the
 * name (`readonly FranchiseeAllocation[]`) rather than every field over again.
 * Only the type changes: `T` must be what `schema` yields.
 */
const named = <T>(schema: z.ZodType<T>): z.ZodType<T> => schema;

/**
 * A date in the plan: checked like an input date, but typed a plain `string`
 * as the plan types it (the input's `isoDate` narrows to the `IsoDate` brand).
 */
export const planDate = z.string().refine((text): boolean => isIsoDate(text), {
  message: "must be an existing calendar date written YYYY-MM-DD",
});

/** Units in a plan row or decision: a whole number, 0 or more. */
const units = z.int().min(0);
/** A place in an order, 1 first. */
const rank = z.int().min(1);
/** Money in the plan: always a plain non-negative decimal string (R-UNIT-2). */
const decimal = z.string().regex(/^\d+(?:\.\d+)?$/, 'must be a decimal string such as "1299.50"');

const sellingSeason = z.enum(SELLING_SEASONS);
const ruleIds = list(named<RuleId>(z.enum(RULE))).describe("The rules that decided this quantity.");
const limit = z.enum(LIMITS);

/**
 * What held a demand below what it asked for at one decision: `none` (it got
 * all of it), `stock`, `funds` (its franchisee's money), or `lock-blocked`
 * (its line may not be locked in this run).
 *
 * @useDeclaredType
 */
export type Limit = z.output<typeof limit>;

const franchiseeAllocationWire = z
  .strictObject({
    order: id,
    line: lineNumber,
    franchisee: id,
    sku: id,
    quantity: units,
    unitPrice: decimal,
    /** quantity × unitPrice, exact; always `cash + credit`. */
    amount: decimal.describe("quantity × unitPrice, exact; always cash + credit."),
    cash: decimal,
    credit: decimal,
    source: z.enum(ALLOCATION_SOURCES),
  })
  .describe("Units of an order line allocated in this run, and how they are paid for.");

/** Units of an order line allocated in this run, and how they are paid for. */
export interface FranchiseeAllocation extends Readonly<z.output<typeof franchiseeAllocationWire>> {}

const plannedLockWire = z
  .strictObject({
    id: id,
    order: id,
    line: lineNumber,
    franchisee: id,
    sku: id,
    quantity: units,
    lockedOn: planDate,
    expiresOn: planDate,
    isNew: z.boolean(),
  })
  .describe("A lock active after the run: carried from an earlier run or placed now.");

/** A lock active after the run: carried from an earlier run (what is left of it) or placed now. */
export interface PlannedLock extends Readonly<z.output<typeof plannedLockWire>> {}

const releasedLockWire = z
  .strictObject({
    id: id,
    order: id,
    line: lineNumber,
    franchisee: id,
    sku: id,
    quantity: units,
    expiresOn: planDate,
    /**
     * Store this on the order line: no run before this date may lock it again.
     * The same for every lock of a line released in one run: the latest bar.
     */
    lockBlockedUntil: planDate.describe(
      "Store this on the order line: no run before this date may lock it again.",
    ),
  })
  .describe("A lock that expired at this run (R-LOCK-EXPIRE): its units went back to free stock.");

/** A lock that expired at this run (R-LOCK-EXPIRE): its units went back to free stock. */
export interface ReleasedLock extends Readonly<z.output<typeof releasedLockWire>> {}

const storeAllocationWire = z
  .strictObject({ store: id, region: id, sku: id, quantity: units })
  .describe("Units of a SKU for a direct or concession store's safety stock.");

/** Units of a SKU for a direct or concession store's safety stock. */
export interface StoreAllocation extends Readonly<z.output<typeof storeAllocationWire>> {}

const regionAllocationWire = z
  .strictObject({ region: id, sku: id, quantity: units })
  .describe("Units of a SKU for a region warehouse's stocking need.");

/** Units of a SKU for a region warehouse's stocking need. */
export interface RegionAllocation extends Readonly<z.output<typeof regionAllocationWire>> {}

const unfilledLineWire = z.strictObject({
  kind: z.literal("order-line"),
  order: id,
  line: lineNumber,
  franchisee: id,
  sku: id,
  quantity: units,
  reason: z.enum(UNFILLED_REASONS),
});

/** @inline */
interface UnfilledLine extends Readonly<z.output<typeof unfilledLineWire>> {}

const unfilledStoreWire = z.strictObject({
  kind: z.literal("store"),
  store: id,
  region: id,
  sku: id,
  quantity: units,
  reason: z.literal("stock"),
});

/** @inline */
interface UnfilledStore extends Readonly<z.output<typeof unfilledStoreWire>> {}

const unfilledRegionWire = z.strictObject({
  kind: z.literal("region"),
  region: id,
  sku: id,
  quantity: units,
  reason: z.literal("stock"),
});

/** @inline */
interface UnfilledRegion extends Readonly<z.output<typeof unfilledRegionWire>> {}

const unfilledWire = z
  .discriminatedUnion("kind", [unfilledLineWire, unfilledStoreWire, unfilledRegionWire])
  .describe("Demand this run could neither fill nor lock.");

/** Demand this run could neither fill nor lock: an order line's, a store's or a region's. */
export type Unfilled = UnfilledLine | UnfilledStore | UnfilledRegion;

const remainingWire = z
  .strictObject({ sku: id, quantity: units })
  .describe("Free stock of a SKU left after the run.");

/** Free stock of a SKU left after the run. */
export interface Remaining extends Readonly<z.output<typeof remainingWire>> {}

const balanceWire = z
  .strictObject({
    franchisee: id,
    /** Cash plus available credit at the start of the run. */
    spendableBefore: decimal.describe("Cash plus available credit at the start of the run."),
    cashCommitted: decimal,
    creditCommitted: decimal,
    cashAfter: decimal,
    creditAvailableAfter: decimal,
  })
  .describe("A franchisee's money before and after the run.");

/** A franchisee's money before and after the run. */
export interface Balance extends Readonly<z.output<typeof balanceWire>> {}

const paymentRequestWire = z
  .strictObject({ franchisee: id, amount: decimal, payBefore: planDate, locks: list(id) })
  .describe("通知加盟商打款: pay for this run's new locks before they expire (R-LOCK-PLACE).");

/** 通知加盟商打款: pay for this run's new locks before they expire (R-LOCK-PLACE). */
export interface PaymentRequest extends Readonly<z.output<typeof paymentRequestWire>> {}

const warningWire = z
  .strictObject({
    code: z.literal("REGION_NOT_IN_SEASON_ORDER"),
    message: z.string(),
    region: id,
    season: sellingSeason,
  })
  .describe("Something the caller should know that did not stop the run.");

/** Something the caller should know that did not stop the run. */
export interface Warning extends Readonly<z.output<typeof warningWire>> {}

/** The facts of every decision about an order line. */
const lineDecision = {
  kind: z.literal("order-line"),
  order: id,
  line: lineNumber,
  franchisee: id,
  sku: id,
  /** The rules that decided this quantity. */
  rules: ruleIds,
  /** Units granted (allocated, released or locked) by this decision. */
  quantity: units.describe("Units granted (allocated, released or locked) by this decision."),
};

/** The facts shared by the three franchisee passes. */
const rankedLineDecision = {
  ...lineDecision,
  /** The franchisee's place in this pass, 1 first. */
  franchiseeRank: rank.describe("The franchisee's place in this pass, 1 first."),
  /** The franchisee's priority (1 = highest), which its rank follows. */
  priority: z.int().describe("The franchisee's priority (1 = highest), which its rank follows."),
  /** The line's place among its franchisee's lines (R-RANK-LINE), 1 first. */
  lineRank: rank.describe("The line's place among its franchisee's lines (R-RANK-LINE), 1 first."),
  /** Units asked for at this decision. */
  demand: units.describe("Units asked for at this decision."),
  /** What held the grant below the demand, if anything. */
  limitedBy: limit,
};

const expiryDecisionWire = z
  .strictObject({
    pass: z.literal("expiry"),
    ...lineDecision,
    lock: id,
    expiresOn: planDate,
    lockBlockedUntil: planDate,
  })
  .describe("R-LOCK-EXPIRE: a carried lock reached its expiry date and was released.");

/** R-LOCK-EXPIRE: a carried lock reached its expiry date and was released. */
export interface ExpiryDecision extends Readonly<z.output<typeof expiryDecisionWire>> {}

const conversionDecisionWire = z
  .strictObject({
    pass: z.literal("conversion"),
    ...rankedLineDecision,
    lock: id,
    unitPrice: decimal,
    /** The franchisee's spendable money when the lock was offered. */
    spendable: decimal.describe("The franchisee's spendable money when the lock was offered."),
    /** Present when policy `afterShortfall: "stop"` held the lock back after an earlier shortfall. */
    stopped: z.literal(true).exactOptional(),
  })
  .describe("R-LOCK-CONVERT: a carried lock offered to its paying franchisee.");

/** R-LOCK-CONVERT: a carried lock offered to its paying franchisee. */
export interface ConversionDecision extends Readonly<z.output<typeof conversionDecisionWire>> {}

const fundedDecisionWire = z
  .strictObject({
    pass: z.literal("funded"),
    ...rankedLineDecision,
    /** Whether the franchisee counted as funded (有款) when ranked. */
    funded: z.boolean().describe("Whether the franchisee counted as funded (有款) when ranked."),
    /** Free stock of the SKU when the line's turn came. */
    stock: units.describe("Free stock of the SKU when the line's turn came."),
    unitPrice: decimal,
    /** The franchisee's spendable money when the line's turn came. */
    spendable: decimal.describe("The franchisee's spendable money when the line's turn came."),
    /** Present when policy `afterShortfall: "stop"` stopped this line after an earlier shortfall. */
    stopped: z.literal(true).exactOptional(),
  })
  .describe("R-ALLOC-FUNDED: an outstanding line served from free stock and money.");

/** R-ALLOC-FUNDED: an outstanding line served from free stock and money. */
export interface FundedDecision extends Readonly<z.output<typeof fundedDecisionWire>> {}

const lockDecisionWire = z
  .strictObject({
    pass: z.literal("lock"),
    ...rankedLineDecision,
    stock: units,
    /** The new lock, when one was placed. */
    lock: id.exactOptional(),
    expiresOn: planDate.exactOptional(),
    /** When the line was barred from locking in this run: the date the bar lifts (R-LOCK-EXPIRE). */
    blockedUntil: planDate
      .describe("When the line was barred from locking in this run: the date the bar lifts.")
      .exactOptional(),
  })
  .describe("R-LOCK-PLACE: stock locked for a line still outstanding.");

/** R-LOCK-PLACE: stock locked for a line still outstanding. */
export interface LockDecision extends Readonly<z.output<typeof lockDecisionWire>> {}

const directDecision = {
  pass: z.literal("direct"),
  sku: id,
  season: z.enum(SEASONS),
  /** The season whose region order was used. */
  seasonInForce: sellingSeason.describe("The season whose region order was used."),
  /** The rules that decided this quantity. */
  rules: ruleIds,
  /** The region's place in the season's order, 1 first. */
  regionRank: rank.describe("The region's place in the season's order, 1 first."),
  /** The claim's place among this SKU's direct claims, 1 first. */
  rank: rank.describe("The claim's place among this SKU's direct claims, 1 first."),
  demand: units,
  stock: units,
  quantity: units,
  limitedBy: z.enum(["none", "stock"]),
};

const storeDecisionWire = z
  .strictObject({
    ...directDecision,
    kind: z.literal("store"),
    store: id,
    region: id,
    storeClass: z.enum(STORE_CLASSES),
    /** The store's place in its region (R-RANK-STORE), 1 first. */
    storeRank: rank.describe("The store's place in its region (R-RANK-STORE), 1 first."),
  })
  .describe("R-ALLOC-DIRECT: a store's safety-stock need served in region and store order.");

/** R-ALLOC-DIRECT: a store's safety-stock need served in region and store order. */
export interface StoreDecision extends Readonly<z.output<typeof storeDecisionWire>> {}

const regionDecisionWire = z
  .strictObject({ ...directDecision, kind: z.literal("region"), region: id })
  .describe("R-ALLOC-DIRECT: a region warehouse's stocking need served in region order.");

/** R-ALLOC-DIRECT: a region warehouse's stocking need served in region order. */
export interface RegionDecision extends Readonly<z.output<typeof regionDecisionWire>> {}

/** One decision of the run, discriminated by `pass`, then (in the direct pass) by `kind`. */
export const decisionWire = z
  .discriminatedUnion("pass", [
    expiryDecisionWire,
    conversionDecisionWire,
    fundedDecisionWire,
    lockDecisionWire,
    z.discriminatedUnion("kind", [storeDecisionWire, regionDecisionWire]),
  ])
  .describe("One decision of the run, with the rule IDs and facts behind it (SPEC §3.7).");

/** One decision of the run, with the rule IDs and facts behind it (SPEC §3.7). */
export type Decision =
  | ExpiryDecision
  | ConversionDecision
  | FundedDecision
  | LockDecision
  | StoreDecision
  | RegionDecision;

/** The plan `allocate` returns (SPEC §3.7, Appendix A), as a zod schema. */
export const planWire = z.strictObject({
  /** The run's date. */
  asOf: planDate,
  /** The ISO 4217 currency of every amount in the plan. */
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code"),
  /** Units allocated to order lines, by order id, line, then source (`lock` before `funded`). */
  franchiseeAllocations: list(named<FranchiseeAllocation>(franchiseeAllocationWire)).describe(
    "By order id, line, then source (lock before funded).",
  ),
  /** Every lock active after the run, by order id, line, then lock id. */
  locks: list(named<PlannedLock>(plannedLockWire)).describe(
    "Every lock active after the run, by order id, line, then lock id.",
  ),
  /** The locks that expired at this run, by order id, line, then lock id. */
  releasedLocks: list(named<ReleasedLock>(releasedLockWire)).describe(
    "By order id, line, then lock id.",
  ),
  /** Units for stores' safety stock, by store, then SKU. */
  storeAllocations: list(named<StoreAllocation>(storeAllocationWire)).describe(
    "By store, then SKU.",
  ),
  /** Units for region warehouses, by region, then SKU. */
  regionAllocations: list(named<RegionAllocation>(regionAllocationWire)).describe(
    "By region, then SKU.",
  ),
  /**
   * Demand left unfilled: order lines (by order, line), then stores (by store,
   * SKU), then regions (by region, SKU).
   */
  unfilled: list(named<Unfilled>(unfilledWire)).describe(
    "Order lines (by order, line), then stores (by store, SKU), then regions (by region, SKU).",
  ),
  /** Free stock left after the run, by SKU. */
  remaining: list(named<Remaining>(remainingWire)).describe("By SKU."),
  /** Each franchisee's money before and after the run, by franchisee. */
  balances: list(named<Balance>(balanceWire)).describe("By franchisee."),
  /** What each franchisee is asked to pay for its new locks, by franchisee. */
  paymentRequests: list(named<PaymentRequest>(paymentRequestWire)).describe("By franchisee."),
  /** What the caller should know, by region, then season. */
  warnings: list(named<Warning>(warningWire)).describe("By region, then season."),
  /** Every decision of the run, in the order the decisions were taken. */
  trace: list(named<Decision>(decisionWire)).describe("In the order the decisions were taken."),
});

/**
 * The result of one allocation run (SPEC §3.7, Appendix A).
 *
 * Canonical orders: `franchiseeAllocations` by order id, line, then source
 * (`lock` before `funded`); `locks` and `releasedLocks` by order id, line, then
 * lock id; `storeAllocations` by store, then SKU; `regionAllocations` by region,
 * then SKU; `unfilled` order lines (by order, line), then stores (by store, SKU),
 * then regions (by region, SKU); `remaining` by SKU; `balances` and
 * `paymentRequests` by franchisee; `warnings` by region, then season; `trace` in
 * the order the decisions were taken. Ids compare as code-unit strings.
 */
export interface AllocationPlan extends Readonly<z.output<typeof planWire>> {}
