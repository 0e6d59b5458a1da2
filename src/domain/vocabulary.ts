/*
 * The small closed sets of fenhuo, each written once as an `as const` list.
 * The union types below are derived from the lists, and the schema layer
 * derives its zod enums from the same lists (`z.enum(SEASONS)`), so a value
 * added here is known to the type, the parser and the JSON Schema at once.
 */

/**
 * A product's selling season: spring/summer, autumn/winter, or none (R-RANK-REGION).
 *
 * @example
 * ```ts
 * import { SEASONS } from "fenhuo";
 * SEASONS; // ["SS", "AW", "NONE"]
 * ```
 */
export const SEASONS = ["SS", "AW", "NONE"] as const;
/** A product's selling season: spring/summer, autumn/winter, or none. */
export type Season = (typeof SEASONS)[number];

/**
 * The two seasons a calendar month can belong to (R-RANK-REGION).
 *
 * @example
 * ```ts
 * import { SELLING_SEASONS } from "fenhuo";
 * SELLING_SEASONS; // ["SS", "AW"]
 * ```
 */
export const SELLING_SEASONS = ["SS", "AW"] as const;
/** The two seasons a calendar month can belong to. */
export type SellingSeason = (typeof SELLING_SEASONS)[number];

/**
 * A direct or concession store's class; A is served first by default (R-RANK-STORE).
 *
 * @example
 * ```ts
 * import { STORE_CLASSES } from "fenhuo";
 * STORE_CLASSES; // ["A", "B", "C"]
 * ```
 */
export const STORE_CLASSES = ["A", "B", "C"] as const;
/** A direct or concession store's class; A is served first by default (R-RANK-STORE). */
export type StoreClass = (typeof STORE_CLASSES)[number];

/**
 * How a store is run: directly (直营) or as a concession (联营) (R-ALLOC-DIRECT).
 *
 * @example
 * ```ts
 * import { STORE_OPERATIONS } from "fenhuo";
 * STORE_OPERATIONS; // ["direct", "joint"]
 * ```
 */
export const STORE_OPERATIONS = ["direct", "joint"] as const;
/** How a store is run: directly (直营) or as a concession (联营). */
export type StoreOperation = (typeof STORE_OPERATIONS)[number];

/**
 * Which purse an allocation is paid from first (R-ALLOC-FUNDED).
 *
 * @example
 * ```ts
 * import { SPEND_ORDERS } from "fenhuo";
 * SPEND_ORDERS; // ["cash-first", "credit-first"]
 * ```
 */
export const SPEND_ORDERS = ["cash-first", "credit-first"] as const;
/** Which purse an allocation is paid from first (R-ALLOC-FUNDED). */
export type SpendOrder = (typeof SPEND_ORDERS)[number];

/**
 * How funded franchisees are ranked: by priority (then funds) or by funds (then priority) (R-RANK-FUNDED).
 *
 * @example
 * ```ts
 * import { FRANCHISEE_RANKINGS } from "fenhuo";
 * FRANCHISEE_RANKINGS; // ["priority", "funds"]
 * ```
 */
export const FRANCHISEE_RANKINGS = ["priority", "funds"] as const;
/** How funded franchisees are ranked (R-RANK-FUNDED). */
export type FranchiseeRanking = (typeof FRANCHISEE_RANKINGS)[number];

/**
 * The keys that may break equal priority among funded franchisees
 * (R-PRIO-FACTORS, policy `franchiseeTieBreak`): spendable money (more first),
 * units and value ordered in the input (more first), and the id.
 *
 * @example
 * ```ts
 * import { FRANCHISEE_TIE_BREAKS } from "fenhuo";
 * FRANCHISEE_TIE_BREAKS; // ["spendable", "orderedUnits", "orderedValue", "id"]
 * ```
 */
export const FRANCHISEE_TIE_BREAKS = ["spendable", "orderedUnits", "orderedValue", "id"] as const;
/** A key that breaks equal priority among funded franchisees (R-PRIO-FACTORS). */
export type FranchiseeTieBreak = (typeof FRANCHISEE_TIE_BREAKS)[number];

/**
 * What happens after money stops a line short: serve the franchisee's later lines, or stop (R-ALLOC-PARTIAL).
 *
 * @example
 * ```ts
 * import { AFTER_SHORTFALL } from "fenhuo";
 * AFTER_SHORTFALL; // ["continue", "stop"]
 * ```
 */
export const AFTER_SHORTFALL = ["continue", "stop"] as const;
/** What happens after money stops a line short (R-ALLOC-PARTIAL). */
export type AfterShortfall = (typeof AFTER_SHORTFALL)[number];

/**
 * Where an order's R-SLA-2 shipping clocks start: at each allocation of its
 * units (edition 2: a pre-order cannot ship before its stock exists), or at
 * the order's receipt, for every unit (the first reading).
 *
 * @example
 * ```ts
 * import { SHIP_CLOCK_STARTS } from "fenhuo";
 * SHIP_CLOCK_STARTS; // ["allocation", "receipt"]
 * ```
 */
export const SHIP_CLOCK_STARTS = ["allocation", "receipt"] as const;
/** Where an order's R-SLA-2 shipping clocks start (R-SLA-2). */
export type ShipClockStart = (typeof SHIP_CLOCK_STARTS)[number];

/**
 * Why demand was left unfilled: no stock, no money, a line barred from locking, or
 * (R-MINFILL) a line that would have taken less than its policy `minFill` share, or
 * (R-COMPLETE) a line of a ship-complete order that could not be served whole, or
 * (R-HOLD) a demand short of stock while units of its SKU were held back for another channel.
 *
 * @example
 * ```ts
 * import { UNFILLED_REASONS } from "fenhuo";
 * UNFILLED_REASONS; // ["stock", "funds", "lock-blocked", "min-fill", "ship-complete", "holdback"]
 * ```
 */
export const UNFILLED_REASONS = [
  "stock",
  "funds",
  "lock-blocked",
  "min-fill",
  "ship-complete",
  "holdback",
] as const;
/** Why demand was left unfilled. */
export type UnfilledReason = (typeof UNFILLED_REASONS)[number];

/**
 * How a franchisee allocation was served: by converting a paid lock, or from free stock with money.
 *
 * @example
 * ```ts
 * import { ALLOCATION_SOURCES } from "fenhuo";
 * ALLOCATION_SOURCES; // ["lock", "funded"]
 * ```
 */
export const ALLOCATION_SOURCES = ["lock", "funded"] as const;
/** How a franchisee allocation was served. */
export type AllocationSource = (typeof ALLOCATION_SOURCES)[number];

/**
 * R-PREVIEW: how a preview allocation reads the franchisees' money —
 * `"as-given"` as the run would, or `"unlimited"`: money is no limit, every
 * franchisee is funded and ranks by priority, then id.
 *
 * @example
 * ```ts
 * import { PREVIEW_MONEY } from "fenhuo";
 * PREVIEW_MONEY; // ["as-given", "unlimited"]
 * ```
 */
export const PREVIEW_MONEY = ["as-given", "unlimited"] as const;
/** How a preview allocation reads the franchisees' money (R-PREVIEW). */
export type PreviewMoney = (typeof PREVIEW_MONEY)[number];

/**
 * What held a demand below what it asked for at one decision of the trace:
 * nothing (`none`: it got all of it), or one of the {@link UNFILLED_REASONS}
 * but `holdback` (R-HOLD): a decision held short by a holdback is limited by
 * `stock`, and its `heldBack` names the units held.
 *
 * @example
 * ```ts
 * import { LIMITS } from "fenhuo";
 * LIMITS; // ["none", "stock", "funds", "lock-blocked", "min-fill", "ship-complete"]
 * ```
 */
export const LIMITS = [
  "none",
  "stock",
  "funds",
  "lock-blocked",
  "min-fill",
  "ship-complete",
] as const satisfies readonly ("none" | UnfilledReason)[];

/**
 * R-LIFE-1: the header states of a sales order.
 *
 * @example
 * ```ts
 * import { HEADER_STATES } from "fenhuo";
 * HEADER_STATES[0]; // "received"
 * ```
 */
export const HEADER_STATES = [
  "received",
  "verified",
  "approved",
  "fulfilling",
  "fulfilled",
  "invoiced",
  "settled",
  "closed",
  "rejected",
  "cancelled",
] as const;

/** A sales order's header state (R-LIFE-1). */
export type HeaderState = (typeof HEADER_STATES)[number];

/**
 * R-LIFE-3: the buckets a line's ordered quantity is always split into.
 *
 * @example
 * ```ts
 * import { BUCKETS } from "fenhuo";
 * BUCKETS.length; // 10
 * ```
 */
export const BUCKETS = [
  "open",
  "locked",
  "allocated",
  "picked",
  "shipped",
  "delivered",
  "accepted",
  "rejectedOnInspection",
  "returned",
  "cancelled",
] as const;

/** One of a line's quantity buckets (R-LIFE-3). */
export type Bucket = (typeof BUCKETS)[number];

/**
 * R-LIFE-3: the buckets a return (退换货) takes units from: accepted goods, or
 * goods refused on inspection.
 *
 * @example
 * ```ts
 * import { RETURNABLE_BUCKETS } from "fenhuo";
 * RETURNABLE_BUCKETS; // ["accepted", "rejectedOnInspection"]
 * ```
 */
export const RETURNABLE_BUCKETS = [
  "accepted",
  "rejectedOnInspection",
] as const satisfies readonly Bucket[];

/**
 * R-SHARE: how claimants of equal rank for one SKU in one pass meet scarce
 * stock — one after another in their total order, or in proportion to their
 * capped demand (policy `share`).
 *
 * @example
 * ```ts
 * import { SHARE_MODES } from "fenhuo";
 * SHARE_MODES; // ["sequential", "proportional"]
 * ```
 */
export const SHARE_MODES = ["sequential", "proportional"] as const;
/** See {@link SHARE_MODES}. */
export type ShareMode = (typeof SHARE_MODES)[number];

/**
 * R-SIZE-RUN: how money-limited lines of one style are bought — in line order,
 * or spread over the style's lines (policy `partialBy`).
 *
 * @example
 * ```ts
 * import { PARTIAL_BY } from "fenhuo";
 * PARTIAL_BY; // ["line", "style"]
 * ```
 */
export const PARTIAL_BY = ["line", "style"] as const;
/** See {@link PARTIAL_BY}. */
export type PartialBy = (typeof PARTIAL_BY)[number];
