import * as z from "zod";
import { SEASONS, STORE_CLASSES } from "../domain/vocabulary.js";
import { decimal, limit, planDate, rank, ruleIds, sellingSeason, units } from "./planFields.js";
import { id, lineNumber } from "./primitives.js";

/*
 * The trace of the plan: one decision per quantity the run
 * decided, with its rule IDs and the facts it met, as zod schemas with their
 * types derived right after them, like the plan's rows (planWire.ts).
 */

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

/** R-COMPLETE: on each line of a ship-complete order held back whole, the line that held it. */
const completeShort = z
  .strictObject({
    line: z.int().min(1),
    limitedBy: z.enum(["stock", "funds", "lock-blocked"]),
  })
  .describe(
    "R-COMPLETE: present when the line's ship-complete order was held back whole — its first line that could not be served (or locked) in full, and why.",
  )
  .exactOptional();

/** R-PACK: on a decision whose grant whole packs cut, the pack and what was allowed before the cut. */
const packRounding = {
  /** R-PACK: present when the grant was cut to whole packs — the SKU's units per pack. */
  packSize: z
    .int()
    .min(2)
    .describe("R-PACK: present when the grant was cut to whole packs — the SKU's units per pack.")
    .exactOptional(),
  /** R-PACK: present with `packSize` — the units stock, money and need allowed before the cut. */
  beforePacks: units
    .describe(
      "R-PACK: present with packSize — the units stock, money and need allowed before the cut to whole packs.",
    )
    .exactOptional(),
};

/** R-MINFILL: on a decision limited by `"min-fill"`, what it was offered and refused, and the least it takes. */
const minFillRefusal = {
  /** R-MINFILL: present when the line refused its offer — the units stock (and money) allowed it. */
  offered: units
    .describe(
      "R-MINFILL: present when limitedBy is min-fill — the units stock (and, in the funded pass, money) allowed the line, which it refused.",
    )
    .exactOptional(),
  /** R-MINFILL: present with `offered` — the least the line takes, ⌈minFill × demand⌉. */
  minUnits: units
    .describe("R-MINFILL: present with offered — the least the line takes, ⌈minFill × demand⌉.")
    .exactOptional(),
};

/** R-SHARE: on the decision of a claimant that shared scarce stock with others of equal rank, the share. */
const share = z
  .strictObject({
    units: units.describe("The units this claimant was given of the stock shared."),
    cap: units.describe(
      "Its capped demand: what it would have taken with stock no limit (a franchisee: what its money buys of its lines of the SKU).",
    ),
    stock: units.describe("The stock shared."),
    claimants: z.int().min(2).describe("How many claimants of equal rank shared it."),
  })
  .describe(
    "R-SHARE: present when the claimant shared stock that could not fill every claimant of its rank — its share ⌊stock × cap ÷ Σcaps⌋ (plus one by largest remainder), its cap, the stock and the claimants.",
  )
  .exactOptional();

/** R-HOLD: on a decision short of stock, the held units it could not reach. */
const heldBack = units
  .min(1)
  .describe(
    "R-HOLD: present when the demand fell short of stock while units of its SKU were held back for another channel — those units.",
  )
  .exactOptional();

/** R-LOCK-GRACE: the policy's payment grace, in days, on a decision about a lock in it. */
const graceDays = z
  .int()
  .min(1)
  .describe("The payment grace (R-LOCK-GRACE) the lock was in, in days.");

const expiryDecisionWire = z
  .strictObject({
    pass: z.literal("expiry"),
    ...lineDecision,
    lock: id,
    expiresOn: planDate,
    lockBlockedUntil: planDate,
    /** Present when the lock was in its payment grace (R-LOCK-GRACE): the policy's grace, in days. */
    paymentGraceDays: graceDays.exactOptional(),
    /** Present with `paymentGraceDays`: the units of the lock conversion took before the rest (`quantity`) was released. */
    convertedInGrace: units
      .describe(
        "Present with paymentGraceDays: the units of the lock conversion took before the rest (quantity) was released.",
      )
      .exactOptional(),
  })
  .describe(
    "R-LOCK-EXPIRE: a carried lock past its expiry date was released — whole when its payment grace was over, else (R-LOCK-GRACE) what conversion did not take.",
  );

/**
 * R-LOCK-EXPIRE: a carried lock past its expiry date was released — whole when
 * its payment grace was over, else (R-LOCK-GRACE) what conversion did not take.
 */
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
    /** Present when the lock was past its expiry date, in its payment grace (R-LOCK-GRACE): the grace, in days. */
    paymentGraceDays: graceDays.exactOptional(),
    ...packRounding,
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
    /** R-SIZE-RUN: present when money could not buy every line of the style — the style, and the units spread over its lines. */
    sizeRun: z
      .strictObject({ style: z.string(), units })
      .describe(
        "R-SIZE-RUN: present when money could not buy all of the franchisee's lines of the style — the style, and the units it could afford, spread over those lines.",
      )
      .exactOptional(),
    ...packRounding,
    ...minFillRefusal,
    completeShort,
    heldBack,
    share,
    /** R-PRIO-FACTORS: present when policy `franchiseeTieBreak` ranks by what was ordered: the franchisee's units ordered in the input. */
    orderedUnits: units
      .describe(
        "R-PRIO-FACTORS: present when policy franchiseeTieBreak ranks by what was ordered: the franchisee's units ordered in the input.",
      )
      .exactOptional(),
    /** R-PRIO-FACTORS: present with `orderedUnits`: the value the franchisee ordered in the input (Σ quantity × unitPrice). */
    orderedValue: decimal
      .describe(
        "R-PRIO-FACTORS: present with orderedUnits: the value the franchisee ordered in the input (the sum of quantity × unitPrice).",
      )
      .exactOptional(),
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
    ...packRounding,
    ...minFillRefusal,
    completeShort,
    heldBack,
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
  /** Free stock of the SKU when the claim's turn came, with the held units it may draw (R-HOLD). */
  stock: units.describe(
    "Free stock of the SKU when the claim's turn came, with the units held for its region and for the direct pass (R-HOLD).",
  ),
  quantity: units,
  limitedBy: z.enum(["none", "stock"]),
  ...packRounding,
  heldBack,
  share,
  /** R-HOLD: present when part of the grant came from units held for the claim's region or the direct pass. */
  fromHeld: units
    .min(1)
    .describe(
      "R-HOLD: present when part of the grant came from units held for the claim's region or for the direct pass — that part.",
    )
    .exactOptional(),
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
  .describe("One decision of the run, with the rule IDs and facts behind it.");

/** One decision of the run, with the rule IDs and facts behind it. */
export type Decision =
  | ExpiryDecision
  | ConversionDecision
  | FundedDecision
  | LockDecision
  | StoreDecision
  | RegionDecision;
