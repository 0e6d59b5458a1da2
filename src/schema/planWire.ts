import * as z from "zod";
import { ALLOCATION_SOURCES, PREVIEW_MONEY, UNFILLED_REASONS } from "../domain/vocabulary.js";
import { decimal, list, named, planDate, sellingSeason, units } from "./planFields.js";
import { type Decision, decisionWire } from "./planTrace.js";
import { id, lineNumber } from "./primitives.js";

/*
 * The plan `allocate` returns (docs/json-contract.md), written once: each part
 * as a zod schema, and its TypeScript type derived from that schema right after
 * it (src/allocation/plan.ts re-exports the types for the engine). The engine
 * never parses its own plan; the schemas give the JSON Schema of the contract
 * (jsonSchema.ts), and test/schema/plan-wire.test.ts parses real plans with them.
 *
 * A field's TSDoc comment is what the API docs show; its `.describe()` text is
 * what the JSON Schema shows. Objects are strict, so a plan with a field the
 * schema lacks does not parse.
 */

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

/** What every lock row says: which lock, on which order line, of whom, how many units. */
const lockFields = {
  id: id,
  order: id,
  line: lineNumber,
  franchisee: id,
  sku: id,
  quantity: units,
};

const plannedLockWire = z
  .strictObject({
    ...lockFields,
    lockedOn: planDate,
    expiresOn: planDate,
    isNew: z.boolean(),
  })
  .describe(
    "A lock active after the run: carried from an earlier run (what is left of it) or placed now.",
  );

/** A lock active after the run: carried from an earlier run (what is left of it) or placed now. */
export interface PlannedLock extends Readonly<z.output<typeof plannedLockWire>> {}

const releasedLockWire = z
  .strictObject({
    ...lockFields,
    expiresOn: planDate,
    /**
     * Store this on the order line: no run before this date may lock it again.
     * The same for every lock of a line released in one run: the latest bar.
     */
    lockBlockedUntil: planDate.describe(
      "Store this on the order line: no run before this date may lock it again.",
    ),
    /**
     * Present when the lock was released at the end of a run in its payment
     * grace (R-LOCK-GRACE): the units of it converted first, as allocations
     * (source `lock`) of this plan. `quantity` is the rest, released.
     */
    convertedInGrace: units
      .describe(
        "Present when the lock was in its payment grace (R-LOCK-GRACE): the units of it converted first, as allocations of this plan; quantity is the rest, released.",
      )
      .exactOptional(),
  })
  .describe(
    "A lock released at this run (R-LOCK-EXPIRE, R-LOCK-GRACE): its units, less any converted in its payment grace, went back to free stock.",
  );

/**
 * A lock released at this run (R-LOCK-EXPIRE, R-LOCK-GRACE): its units, less
 * any converted in its payment grace, went back to free stock.
 */
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
  reason: z.enum(["stock", "holdback"]),
});

/** @inline */
interface UnfilledStore extends Readonly<z.output<typeof unfilledStoreWire>> {}

const unfilledRegionWire = z.strictObject({
  kind: z.literal("region"),
  region: id,
  sku: id,
  quantity: units,
  reason: z.enum(["stock", "holdback"]),
});

/** @inline */
interface UnfilledRegion extends Readonly<z.output<typeof unfilledRegionWire>> {}

const unfilledWire = z
  .discriminatedUnion("kind", [unfilledLineWire, unfilledStoreWire, unfilledRegionWire])
  .describe("Demand this run could neither fill nor lock.");

/** Demand this run could neither fill nor lock: an order line's, a store's or a region's. */
export type Unfilled = UnfilledLine | UnfilledStore | UnfilledRegion;

const remainingWire = z
  .strictObject({
    sku: id,
    quantity: units,
    /** R-HOLD: present when part of `quantity` was held back and nobody used it: that part. */
    held: units
      .describe(
        "R-HOLD: present when part of quantity was held back and nobody used it: that part.",
      )
      .exactOptional(),
  })
  .describe("Free stock of a SKU left after the run (held units nobody used included, R-HOLD).");

/** Free stock of a SKU left after the run (held units nobody used included, R-HOLD). */
export interface Remaining extends Readonly<z.output<typeof remainingWire>> {}

const balanceWire = z
  .strictObject({
    franchisee: id,
    /** Cash plus available credit at the start of the run, net of money earlier runs committed (R-RUN-1). */
    spendableBefore: decimal.describe(
      "Cash plus available credit at the start of the run, net of money earlier runs committed.",
    ),
    /**
     * R-RUN-1: money earlier runs committed and shipping has not posted, already
     * taken out of `spendableBefore`; present when not zero.
     */
    committedBefore: decimal
      .describe("Money earlier runs committed and shipping has not posted (R-RUN-1).")
      .exactOptional(),
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

const regionWarningWire = z.strictObject({
  code: z.literal("REGION_NOT_IN_SEASON_ORDER"),
  message: z.string(),
  region: id,
  season: sellingSeason,
});

/** @inline */
interface RegionWarning extends Readonly<z.output<typeof regionWarningWire>> {}

const commitmentWarningWire = z.strictObject({
  code: z.literal("COMMITMENTS_EXCEED_FUNDS"),
  message: z.string(),
  franchisee: id,
  /** Finance's cash and available credit. */
  cash: decimal.describe("Finance's cash."),
  credit: decimal.describe("Finance's available credit."),
  /** The money earlier runs committed and shipping has not posted (R-RUN-1). */
  committedCash: decimal.describe("Cash earlier runs committed and shipping has not posted."),
  committedCredit: decimal.describe("Credit earlier runs committed and shipping has not posted."),
});

/** @inline */
interface CommitmentWarning extends Readonly<z.output<typeof commitmentWarningWire>> {}

const warningWire = z
  .discriminatedUnion("code", [regionWarningWire, commitmentWarningWire])
  .describe("Something the caller should know that did not stop the run.");

/**
 * Something the caller should know that did not stop the run: a region missing
 * from the season's order (R-RANK-REGION), or finance's figures below the money
 * earlier runs committed (R-RUN-1: the franchisee could spend nothing).
 */
export type Warning = RegionWarning | CommitmentWarning;

const previewWire = z
  .strictObject({
    /** How the preview read the franchisees' money. */
    money: z.enum(PREVIEW_MONEY),
    /** The arriving units the preview allocated, by SKU: its only free stock. */
    arrivals: list(named<Remaining>(remainingWire)).describe(
      "The arriving units the preview allocated, by SKU: its only free stock.",
    ),
  })
  .describe(
    "R-PREVIEW: present only on a preview (previewAllocation): what the arriving units would give; nothing was committed.",
  );

/**
 * R-PREVIEW: what marks a plan as a preview (`previewAllocation`) — how it
 * read money and which arrivals it allocated. A preview commits nothing: it is
 * not a run's plan to apply.
 */
export interface PlanPreview extends Readonly<z.output<typeof previewWire>> {}

/** The plan `allocate` returns (docs/json-contract.md), as a zod schema. */
export const planWire = z.strictObject({
  /**
   * R-RUN-3: the plan's identity, a SHA-256 digest of the run's parsed input
   * and complete policy: the same input in any array order gives the same id.
   */
  planId: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be a planId: 64 lowercase hex digits")
    .describe("R-RUN-3: a digest of the run's parsed input and policy (64 hex digits)."),
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
  /** The locks released at this run (expired, or at the end of a run in their payment grace), by order id, line, then lock id. */
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
  /** What the caller should know: commitment warnings by franchisee, then region warnings by region, then season. */
  warnings: list(named<Warning>(warningWire)).describe(
    "Commitment warnings by franchisee, then region warnings by region, then season.",
  ),
  /** Every decision of the run, in the order the decisions were taken. */
  trace: list(named<Decision>(decisionWire)).describe("In the order the decisions were taken."),
  /** R-PREVIEW: only on a preview — how it read money and what arrived; nothing was committed. */
  preview: named<PlanPreview>(previewWire).optional(),
});

/**
 * The result of one allocation run (docs/json-contract.md).
 *
 * Canonical orders: `franchiseeAllocations` by order id, line, then source
 * (`lock` before `funded`); `locks` and `releasedLocks` by order id, line, then
 * lock id; `storeAllocations` by store, then SKU; `regionAllocations` by region,
 * then SKU; `unfilled` order lines (by order, line), then stores (by store, SKU),
 * then regions (by region, SKU); `remaining` by SKU; `balances` and
 * `paymentRequests` by franchisee; `warnings` by franchisee (commitments), then
 * by region, then season; `trace` in
 * the order the decisions were taken. Ids compare as code-unit strings.
 */
export interface AllocationPlan extends Readonly<z.output<typeof planWire>> {}
