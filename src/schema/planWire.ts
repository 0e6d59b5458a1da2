import { z } from "zod";
import { isIsoDate } from "../domain/dates.js";
import { RULE } from "../domain/rules.js";
import { id, lineNumber } from "./primitives.js";

/*
 * The plan of src/allocation/plan.ts as a zod schema, field for field: what
 * `allocate` returns (SPEC §3.7, Appendix A). The engine never parses its own
 * plan; this schema exists for the JSON Schema of the contract (jsonSchema.ts).
 * Objects are strict, and test/schema/plan-wire.test.ts holds the schema to the plan's
 * type both ways, so a field added to one and not the other fails there.
 */

/** A list in the plan: read-only, like the plan's own arrays. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

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

const season = z.enum(["SS", "AW", "NONE"]);
const sellingSeason = z.enum(["SS", "AW"]);
const storeClass = z.enum(["A", "B", "C"]);
const ruleId = z.enum(RULE);
const rules = list(ruleId).describe("The rules that decided this quantity.");
const limit = z.enum(["none", "stock", "funds", "lock-blocked"]);
const unfilledReason = z.enum(["stock", "funds", "lock-blocked"]);

const franchiseeAllocationWire = z
  .strictObject({
    order: id,
    line: lineNumber,
    franchisee: id,
    sku: id,
    quantity: units,
    unitPrice: decimal,
    amount: decimal.describe("quantity × unitPrice, exact; always cash + credit."),
    cash: decimal,
    credit: decimal,
    source: z.enum(["lock", "funded"]),
  })
  .describe("Units of an order line allocated in this run, and how they are paid for.");

const plannedLockWire = z
  .strictObject({
    id,
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

const releasedLockWire = z
  .strictObject({
    id,
    order: id,
    line: lineNumber,
    franchisee: id,
    sku: id,
    quantity: units,
    expiresOn: planDate,
    lockBlockedUntil: planDate.describe(
      "Store this on the order line: no run before this date may lock it again.",
    ),
  })
  .describe("A lock that expired at this run (R-LOCK-EXPIRE): its units went back to free stock.");

const storeAllocationWire = z
  .strictObject({ store: id, region: id, sku: id, quantity: units })
  .describe("Units of a SKU for a direct or concession store's safety stock.");

const regionAllocationWire = z
  .strictObject({ region: id, sku: id, quantity: units })
  .describe("Units of a SKU for a region warehouse's stocking need.");

const unfilledWire = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("order-line"),
      order: id,
      line: lineNumber,
      franchisee: id,
      sku: id,
      quantity: units,
      reason: unfilledReason,
    }),
    z.strictObject({
      kind: z.literal("store"),
      store: id,
      region: id,
      sku: id,
      quantity: units,
      reason: z.literal("stock"),
    }),
    z.strictObject({
      kind: z.literal("region"),
      region: id,
      sku: id,
      quantity: units,
      reason: z.literal("stock"),
    }),
  ])
  .describe("Demand this run could neither fill nor lock.");

const remainingWire = z
  .strictObject({ sku: id, quantity: units })
  .describe("Free stock of a SKU left after the run.");

const balanceWire = z
  .strictObject({
    franchisee: id,
    spendableBefore: decimal.describe("Cash plus available credit at the start of the run."),
    cashCommitted: decimal,
    creditCommitted: decimal,
    cashAfter: decimal,
    creditAvailableAfter: decimal,
  })
  .describe("A franchisee's money before and after the run.");

const paymentRequestWire = z
  .strictObject({ franchisee: id, amount: decimal, payBefore: planDate, locks: list(id) })
  .describe("通知加盟商打款: pay for this run's new locks before they expire (R-LOCK-PLACE).");

const warningWire = z
  .strictObject({
    code: z.literal("REGION_NOT_IN_SEASON_ORDER"),
    message: z.string(),
    region: id,
    season: sellingSeason,
  })
  .describe("Something the caller should know that did not stop the run.");

/** The facts of every decision about an order line. */
const lineDecision = {
  kind: z.literal("order-line"),
  order: id,
  line: lineNumber,
  franchisee: id,
  sku: id,
  rules,
  quantity: units.describe("Units granted (allocated, released or locked) by this decision."),
};

/** The facts shared by the three franchisee passes. */
const rankedLineDecision = {
  ...lineDecision,
  franchiseeRank: rank.describe("The franchisee's place in this pass, 1 first."),
  priority: z.int().describe("The franchisee's priority (1 = highest), which its rank follows."),
  lineRank: rank.describe("The line's place among its franchisee's lines (R-RANK-LINE), 1 first."),
  demand: units.describe("Units asked for at this decision."),
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

const conversionDecisionWire = z
  .strictObject({
    pass: z.literal("conversion"),
    ...rankedLineDecision,
    lock: id,
    unitPrice: decimal,
    spendable: decimal.describe("The franchisee's spendable money when the lock was offered."),
    stopped: z.literal(true).exactOptional(),
  })
  .describe("R-LOCK-CONVERT: a carried lock offered to its paying franchisee.");

const fundedDecisionWire = z
  .strictObject({
    pass: z.literal("funded"),
    ...rankedLineDecision,
    funded: z.boolean().describe("Whether the franchisee counted as funded (有款) when ranked."),
    stock: units.describe("Free stock of the SKU when the line's turn came."),
    unitPrice: decimal,
    spendable: decimal.describe("The franchisee's spendable money when the line's turn came."),
    stopped: z.literal(true).exactOptional(),
  })
  .describe("R-ALLOC-FUNDED: an outstanding line served from free stock and money.");

const lockDecisionWire = z
  .strictObject({
    pass: z.literal("lock"),
    ...rankedLineDecision,
    stock: units,
    lock: id.exactOptional(),
    expiresOn: planDate.exactOptional(),
    blockedUntil: planDate
      .describe("When the line was barred from locking in this run: the date the bar lifts.")
      .exactOptional(),
  })
  .describe("R-LOCK-PLACE: stock locked for a line still outstanding.");

const directDecision = {
  pass: z.literal("direct"),
  sku: id,
  season,
  seasonInForce: sellingSeason.describe("The season whose region order was used."),
  rules,
  regionRank: rank.describe("The region's place in the season's order, 1 first."),
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
    storeClass,
    storeRank: rank.describe("The store's place in its region (R-RANK-STORE), 1 first."),
  })
  .describe("R-ALLOC-DIRECT: a store's safety-stock need served in region and store order.");

const regionDecisionWire = z
  .strictObject({ ...directDecision, kind: z.literal("region"), region: id })
  .describe("R-ALLOC-DIRECT: a region warehouse's stocking need served in region order.");

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

/** The plan `allocate` returns (SPEC §3.7, Appendix A), as a zod schema. */
export const planWire = z.strictObject({
  asOf: planDate,
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code"),
  franchiseeAllocations: list(franchiseeAllocationWire).describe(
    "By order id, line, then source (lock before funded).",
  ),
  locks: list(plannedLockWire).describe(
    "Every lock active after the run, by order id, line, then lock id.",
  ),
  releasedLocks: list(releasedLockWire).describe("By order id, line, then lock id."),
  storeAllocations: list(storeAllocationWire).describe("By store, then SKU."),
  regionAllocations: list(regionAllocationWire).describe("By region, then SKU."),
  unfilled: list(unfilledWire).describe(
    "Order lines (by order, line), then stores (by store, SKU), then regions (by region, SKU).",
  ),
  remaining: list(remainingWire).describe("By SKU."),
  balances: list(balanceWire).describe("By franchisee."),
  paymentRequests: list(paymentRequestWire).describe("By franchisee."),
  warnings: list(warningWire).describe("By region, then season."),
  trace: list(decisionWire).describe("In the order the decisions were taken."),
});
