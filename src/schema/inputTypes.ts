import type { HoldFor } from "../domain/types.js";
import type {
  AfterShortfall,
  FranchiseeRanking,
  FranchiseeTieBreak,
  PartialBy,
  Season,
  ShareMode,
  SpendOrder,
  StoreClass,
  StoreOperation,
} from "../domain/vocabulary.js";

/*
 * The JSON contract of `allocate` (docs/json-contract.md) as a caller writes it, one
 * documented interface per row. The zod schemas of wire.ts validate; these
 * interfaces document and type-check, and wire.ts holds a compile-time check
 * that each one and its schema's input type agree (same keys, assignable both
 * ways), so the two cannot drift. Ids are non-empty strings, unique in their
 * list; dates are existing calendar dates `YYYY-MM-DD` (R-UNIT-3); quantities
 * are whole units from 0 to `MAX_QUANTITY` (R-UNIT-1); money is a decimal
 * string such as `"1299.50"` or a finite JSON number, read exactly (R-UNIT-2).
 */

/** A product of the launch plan (产品上市计划): its season and its place in the plan (R-RANK-PRODUCT). */
export interface ProductInput {
  /** The SKU: an id, unique in `products`; every other section names products by it. */
  sku: string;
  /** The style the SKU is a size or colour of; R-SIZE-RUN (policy `partialBy: "style"`) groups a franchisee's lines by it. */
  style?: string | undefined;
  /** `"SS"` spring/summer, `"AW"` autumn/winter or `"NONE"` non-seasonal: which region order serves it (R-RANK-REGION, R-ALLOC-SEASONAL, R-ALLOC-NONSEASONAL). */
  season: Season;
  /** The launch date (a date): earlier first in R-RANK-PRODUCT; a product without one comes after those with one. */
  launchDate?: string | undefined;
  /** The rank in the launch plan (an integer): lower first in R-RANK-PRODUCT, after `launchDate`; absent comes last. */
  launchRank?: number | undefined;
  /** R-PACK (箱规 / 配比包): units per carton or prepack, 1 to 1 000 000 (default 1): every grant is whole packs unless it completes its demand. */
  packSize?: number | undefined;
}

/** Free stock of one SKU at the central warehouse (总仓): one row per SKU. Stock under an active lock is not in it: it travels in `locks`. */
export interface SupplyInput {
  /** A SKU of `products`. */
  sku: string;
  /** Free units (R-UNIT-1). */
  quantity: number;
}

/** A franchisee (加盟商) and the money finance reported for it (6.4.1): spendable = cash + max(0, creditLimit − creditUsed). */
export interface FranchiseeInput {
  /** The franchisee's id, unique in `franchisees`. */
  id: string;
  /** Its priority, an integer, 1 = highest (R-RANK-FUNDED, R-LOCK-PLACE). */
  priority: number;
  /** Cash on account (money). Funded (R-RANK-FUNDED) when spendable, or with policy `creditCountsAsFunds: false` cash, is above zero. */
  cash: string | number;
  /** The credit limit (money, default `"0"`). */
  creditLimit?: string | number | undefined;
  /** The credit already used (money, default `"0"`); available credit is max(0, creditLimit − creditUsed). */
  creditUsed?: string | number | undefined;
  /** The franchisee's region, free text; `franchiseePriorities` may rank by it (R-PRIO-FACTORS). */
  region?: string | undefined;
}

/** One line of a franchisee sales order: outstanding = quantity − allocated − units under active locks. */
export interface OrderLineInput {
  /** The line number: a positive integer, unique in its order; the last key of R-RANK-LINE. */
  line: number;
  /** A SKU of `products`. */
  sku: string;
  /** Units ordered (R-UNIT-1). */
  quantity: number;
  /** The price of one unit (money); a zero price has no money limit (R-ALLOC-FUNDED). */
  unitPrice: string | number;
  /** Units already served by earlier runs (default 0), at most `quantity`. */
  allocated?: number | undefined;
  /** No run before this date locks the line again (a date, or `null` for none): the `lockBlockedUntil` of a released lock (R-LOCK-EXPIRE). */
  lockBlockedUntil?: string | null | undefined;
}

/** A franchisee sales order (销售订单). */
export interface OrderInput {
  /** The order's id, unique in `orders`. */
  id: string;
  /** The id of a franchisee of `franchisees`. */
  franchisee: string;
  /** The date the order was placed (a date): after product priority, earlier first in R-RANK-LINE. */
  orderedOn: string;
  /** R-COMPLETE (整单发货): the order ships whole in a run, or not at all (default false). */
  shipComplete?: boolean | undefined;
  /** The order's lines. */
  lines: OrderLineInput[];
}

/** Stock locked for an order line by an earlier run (R-LOCK-PLACE): a row of the previous plan's `locks`, as it was. */
export interface LockInput {
  /** The lock's id, unique in `locks`. */
  id: string;
  /** The id of the order it holds stock for. */
  order: string;
  /** The line number of that order. */
  line: number;
  /** The order's franchisee. */
  franchisee: string;
  /** The line's SKU. */
  sku: string;
  /** Units locked, at least 1; the locks of a line hold no more than it has outstanding. */
  quantity: number;
  /** The date the lock was placed (a date), on or before `asOf`; several locks of a line convert oldest first (R-LOCK-CONVERT). */
  lockedOn: string;
  /** The date the lock expires (a date): active while asOf < expiresOn; released at expiresOn + policy `paymentGraceDays` (R-LOCK-EXPIRE, R-LOCK-GRACE). */
  expiresOn: string;
}

/**
 * R-RUN-1: money an earlier run committed to an order line that shipping has
 * not posted (cash + credit = quantity × unitPrice); the run nets it from the
 * franchisee's spendable. `carryForward` and `allocationDemand` write these rows.
 */
export interface CommitmentInput {
  /** The `planId` of the run that committed it, when known (R-RUN-3). */
  plan?: string | undefined;
  /** The date of the run that committed it (a date): posting settles the oldest first. */
  committedOn?: string | undefined;
  /** The id of the order. */
  order: string;
  /** The line number of that order. */
  line: number;
  /** The order's franchisee. */
  franchisee: string;
  /** The line's SKU. */
  sku: string;
  /** Units allocated and not yet posted, at least 1 and at most the line's `allocated`. */
  quantity: number;
  /** The cash part not yet posted (money). */
  cash: string | number;
  /** The credit part not yet posted (money). */
  credit: string | number;
}

/** A direct/concession region (区域); its place in the serving order comes from policy `regionOrder` (R-RANK-REGION). */
export interface RegionInput {
  /** The region's id, unique in `regions`, as policy `regionOrder` names it. */
  id: string;
  /** A name for people (`"深圳"`); not used by the run. */
  name?: string | undefined;
}

/** A direct (直营) or concession (联营) store. */
export interface StoreInput {
  /** The store's id, unique in `stores`; the last key of R-RANK-STORE. */
  id: string;
  /** The id of its region of `regions`. */
  region: string;
  /** `"A"`, `"B"` or `"C"`: inside a region, served in policy `storeClassOrder` (R-RANK-STORE). */
  class: StoreClass;
  /** `"direct"` (直营) or `"joint"` (联营, concession). */
  operation: StoreOperation;
}

/** A store's safety stock of one SKU: need = max(0, safetyStock − onHand − inTransit), served by R-ALLOC-DIRECT. */
export interface StoreNeedInput {
  /** The id of a store of `stores`. */
  store: string;
  /** A SKU of `products`; one row per (store, SKU). */
  sku: string;
  /** The units the store should hold (R-UNIT-1). */
  safetyStock: number;
  /** Units on hand in the store (default 0). */
  onHand?: number | undefined;
  /** Units on their way to the store (default 0). */
  inTransit?: number | undefined;
}

/** A region warehouse's stocking need (备货) of one SKU, served by R-ALLOC-DIRECT after its stores (R-ALLOC-SEASONAL) or after every store (R-ALLOC-NONSEASONAL). */
export interface RegionNeedInput {
  /** The id of a region of `regions`. */
  region: string;
  /** A SKU of `products`; one row per (region, SKU). */
  sku: string;
  /** Units needed (R-UNIT-1). */
  quantity: number;
}

/**
 * R-HOLD: units of a SKU taken from free stock before the franchisee passes and
 * kept for one channel; one row per (SKU, channel).
 */
export interface HoldbackInput {
  /** A SKU of `products`. */
  sku: string;
  /** Units to hold, at least 1; when free stock cannot hold every row of the SKU, the narrowest channel takes its units first (`"none"`, a region, then `"direct"`). */
  quantity: number;
  /**
   * Who may use them: `"direct"` (only the direct pass), `{ region: id }` (only
   * that region's stores and warehouse) or `"none"` (nobody: they stay in `remaining`).
   */
  for: HoldFor;
}

/** A seasonal policy list as a caller writes it: a season left out keeps its default. */
export interface SeasonalInput<T> {
  /** The list for spring/summer. */
  SS?: readonly T[] | undefined;
  /** The list for autumn/winter. */
  AW?: readonly T[] | undefined;
}

/**
 * The policy as a caller writes it: every field optional, a missing one takes
 * its default (`DEFAULT_POLICY`), an unknown one is refused. The fields are
 * those of `ALLOCATION_POLICY_FIELDS` (docs/policies.md has the table).
 */
export interface AllocationPolicyInput {
  /** R-RANK-FUNDED: order funded franchisees by `"priority"` (then funds, the default) or by `"funds"` (then priority). */
  franchiseeRanking?: FranchiseeRanking | undefined;
  /** R-PRIO-FACTORS: the keys that break equal priority among funded franchisees, in turn (default `["spendable", "id"]`); the id always ends the order. */
  franchiseeTieBreak?: readonly FranchiseeTieBreak[] | undefined;
  /** R-RANK-FUNDED: whether available credit makes a franchisee funded, else only cash does (default true). */
  creditCountsAsFunds?: boolean | undefined;
  /** R-ALLOC-FUNDED: which purse an allocation is paid from first: `"cash-first"` (default) or `"credit-first"`. */
  spendOrder?: SpendOrder | undefined;
  /** R-ALLOC-PARTIAL: after money stops a line short, serve the franchisee's later lines (`"continue"`, default) or `"stop"`. */
  afterShortfall?: AfterShortfall | undefined;
  /** R-SHARE: claimants of equal rank meet scarce stock one after another (`"sequential"`, default) or in proportion to their capped demand (`"proportional"`). */
  share?: ShareMode | undefined;
  /** R-MINFILL: the least share (0 to 1, default 0) of its outstanding quantity a franchisee line takes in the funded and lock passes, else none; 0 takes any. */
  minFill?: number | undefined;
  /** R-SIZE-RUN: when money cannot buy all of a style's lines, buy them in line order (`"line"`, default) or spread what it can buy over them (`"style"`). */
  partialBy?: PartialBy | undefined;
  /** R-LOCK-PLACE: whether stock left after the funded pass is locked for unpaid lines (default true). */
  lockUnfunded?: boolean | undefined;
  /** R-LOCK-EXPIRE: how many days a lock lasts, 1 to 3660 (default 15). */
  lockDays?: number | undefined;
  /** R-LOCK-EXPIRE: days after expiry in which a released line is not locked again, 0 to 3660 (default 15). */
  relockCooldownDays?: number | undefined;
  /** R-LOCK-GRACE: days from a lock's expiry date in which a payment still converts it, 0 to 3660 (default 1). */
  paymentGraceDays?: number | undefined;
  /** R-RANK-REGION: region ids in serving order, per season (defaults in `DEFAULT_POLICY`); a region not listed comes last, with a warning. */
  regionOrder?: SeasonalInput<string> | undefined;
  /** R-RANK-REGION: the months (1–12) of each season, for `NONE` products; together every month once (default SS 2–7, AW 8–1). */
  seasonCalendar?: SeasonalInput<number> | undefined;
  /** R-RANK-STORE: store classes in serving order, A, B and C once each (default `["A", "B", "C"]`). */
  storeClassOrder?: readonly StoreClass[] | undefined;
}

/**
 * The JSON a caller passes to `allocate` (the JSON contract, docs/json-contract.md).
 * Only `asOf` is required: the engine has no clock. Every section is optional
 * and defaults to empty; an unknown key (a misspelt section) is refused.
 * Cross-row rules (references, unique ids, lock sizes) are checked by `allocate`.
 *
 * An object literal passed to `allocate` is checked against it field by field;
 * one kept in a variable first is best declared `AllocationInput` (or written
 * `satisfies AllocationInput`), so that its typos are caught where it is
 * written and `"SS"` stays a `Season`, not any string.
 *
 * @example
 * ```ts
 * import { type AllocationInput, allocate } from "fenhuo";
 * const input: AllocationInput = {
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" }],
 *   supply: [{ sku: "T100", quantity: 4 }],
 * };
 * allocate(input).remaining; // [{ sku: "T100", quantity: 4 }]
 * ```
 */
export interface AllocationInput {
  /** The date of the run (a date, R-UNIT-3): locks expire, seasons and payment dates are read against it. */
  asOf: string;
  /** The ISO 4217 currency of every amount (default `"CNY"`, R-UNIT-2). */
  currency?: string | undefined;
  /** The choices the seed leaves open; a missing field takes its default. */
  policy?: AllocationPolicyInput | undefined;
  /** The launch plan (R-RANK-PRODUCT): every SKU any other section names. */
  products?: ProductInput[] | undefined;
  /** Free stock at the central warehouse, one row per SKU. */
  supply?: SupplyInput[] | undefined;
  /** The franchisees and their money, as finance reports them (6.4.1). */
  franchisees?: FranchiseeInput[] | undefined;
  /** The franchisee sales orders. */
  orders?: OrderInput[] | undefined;
  /** The locks active after the previous run: that plan's `locks`, as they were. */
  locks?: LockInput[] | undefined;
  /** R-RUN-1: money earlier runs committed and shipping has not posted yet. */
  commitments?: CommitmentInput[] | undefined;
  /** The direct/concession regions. */
  regions?: RegionInput[] | undefined;
  /** The direct and concession stores. */
  stores?: StoreInput[] | undefined;
  /** The stores' safety-stock needs (R-ALLOC-DIRECT). */
  storeNeeds?: StoreNeedInput[] | undefined;
  /** The region warehouses' stocking needs (R-ALLOC-DIRECT). */
  regionNeeds?: RegionNeedInput[] | undefined;
  /** R-HOLD: units kept back from free stock for the direct pass, one region, or nobody. */
  holdback?: HoldbackInput[] | undefined;
}

/**
 * The parameter of the second signature of `allocate` and of every entry
 * point that takes an {@link AllocationInput}: `T` itself when `T` is
 * `unknown`, else `never`. So untyped JSON (a value typed `unknown`) has a way
 * in, while a value of any other type must be an `AllocationInput` (the first
 * signature), where an object literal is checked field by field. A second
 * signature of plain `unknown` would take a misspelt literal too; one generic
 * signature would lose the contextual typing of callbacks inside the literal
 * (`products: skus.map((sku) => ({ sku, season: "SS" }))`).
 *
 * A misspelt field reads, for `allocate({ asOf, suply: [] })`: "No overload
 * matches this call. Overload 1 of 2, '(input: InputOf<AllocationInput>):
 * AllocationPlan', gave the following error. Object literal may only specify
 * known properties, but 'suply' does not exist in type
 * 'InputOf<AllocationInput>'. Did you mean to write 'supply'?" (and, for the second signature, that the
 * argument is not assignable to `never`).
 */
export type UntypedInput<T> = unknown extends T ? T : never;

/**
 * `T` with every string field widened to `string`, deeply: how TypeScript
 * types a variable that holds a literal (`const input = { products: [{ sku,
 * season: "SS" }] }` has `season: string`) or an imported JSON file.
 */
export type Widened<T> = T extends string
  ? string
  : T extends readonly (infer E)[]
    ? readonly Widened<E>[]
    : T extends object
      ? { [K in keyof T]: Widened<T[K]> }
      : T;

/**
 * What the typed entry points take: an {@link AllocationInput} whose closed
 * sets of strings (a product's `season`, a store's `class`, the policy's
 * choices) may also be typed plain `string`, so that an input built in a
 * variable or read from a JSON import fits as it is. Field names are checked:
 * a misspelt field of an object literal is a compile error; a value outside
 * a closed set is refused when the input is validated (an `InputError`).
 *
 * @example
 * ```ts
 * import { allocate } from "fenhuo";
 * const input = { asOf: "2026-03-01", products: [{ sku: "X", season: "SS" }] };
 * allocate(input).remaining; // []
 * ```
 */
export type InputOf<T> = T | Widened<T>;
