import { deepFreeze } from "./freeze.js";
import {
  choice,
  flag,
  keys,
  lever,
  type PolicyField,
  type PolicyOf,
  ranking,
  ratio,
  seasonal,
  whole,
} from "./policyField.js";
import {
  AFTER_SHORTFALL,
  FRANCHISEE_RANKINGS,
  FRANCHISEE_TIE_BREAKS,
  PARTIAL_BY,
  SHARE_MODES,
  SHIP_CLOCK_STARTS,
  SPEND_ORDERS,
  STORE_CLASSES,
} from "./vocabulary.js";

/*
 * Every policy and every default of fenhuo, in one module. Each policy field
 * is written once, as a definition naming its kind, allowed values, default,
 * rule and meaning; from these definitions come the TypeScript type, the
 * parser and its default merge (schema/policyWire.ts), the JSON Schema's
 * descriptions (schema/jsonSchema.ts) and the policy table of docs/policies.md
 * (scripts/policy-table.ts). Adding a field means adding one definition here.
 */

/**
 * Every choice the seed leaves open for an allocation run, one
 * definition per field: kind, allowed values, default, rule and meaning.
 * `AllocationPolicy`, `DEFAULT_POLICY`, the input parser, the JSON Schema and
 * the table of docs/policies.md are all derived from it. Frozen.
 *
 * @example
 * ```ts
 * import { ALLOCATION_POLICY_FIELDS } from "fenhuo";
 * ALLOCATION_POLICY_FIELDS.spendOrder.values; // ["cash-first", "credit-first"]
 * ALLOCATION_POLICY_FIELDS.lockDays.rule; // "R-LOCK-EXPIRE"
 * ```
 */
export const ALLOCATION_POLICY_FIELDS = deepFreeze({
  /** R-RANK-FUNDED: order funded franchisees by priority (then funds) or by funds (then priority). */
  franchiseeRanking: choice(
    FRANCHISEE_RANKINGS,
    "priority",
    "R-RANK-FUNDED",
    "order funded franchisees by priority (then funds) or by funds (then priority).",
  ),
  /** R-PRIO-FACTORS: the keys that break equal priority among funded franchisees, in turn; the id always ends the order. */
  franchiseeTieBreak: lever(
    keys(
      FRANCHISEE_TIE_BREAKS,
      ["spendable", "id"],
      "R-PRIO-FACTORS",
      "the keys that break equal priority among funded franchisees, in turn (spendable money, units and value ordered in the input: more first); the id always ends the order.",
    ),
  ),
  /** R-RANK-FUNDED: whether available credit makes a franchisee funded (else only cash does). */
  creditCountsAsFunds: flag(
    true,
    "R-RANK-FUNDED",
    "whether available credit makes a franchisee funded (else only cash does).",
  ),
  /** R-ALLOC-FUNDED: which purse an allocation is paid from first. */
  spendOrder: choice(
    SPEND_ORDERS,
    "cash-first",
    "R-ALLOC-FUNDED",
    "which purse an allocation is paid from first.",
  ),
  /** R-ALLOC-PARTIAL: after money stops a line short, serve the franchisee's later lines or stop. */
  afterShortfall: choice(
    AFTER_SHORTFALL,
    "continue",
    "R-ALLOC-PARTIAL",
    "after money stops a line short, serve the franchisee's later lines or stop.",
  ),
  /** R-SHARE: how claimants of equal rank for one SKU in one pass meet scarce stock: one after another, or in proportion to their capped demand. */
  share: lever(
    choice(
      SHARE_MODES,
      "sequential",
      "R-SHARE",
      'how claimants of equal rank for one SKU in one pass — funded franchisees level on funded status and priority (ranking "priority") or spendable and priority ("funds"), stores of one class in one region — meet stock that cannot fill them all: one after another in their order ("sequential"), or in proportion to their capped demand, ⌊stock × cap ÷ Σcaps⌋ each and the rest one by one by largest remainder ("proportional").',
    ),
  ),
  /** R-MINFILL: the least share of its outstanding quantity a franchisee line takes in the funded and lock passes, else none; 0 takes any. */
  minFill: lever(
    ratio(
      0,
      "R-MINFILL",
      "the least share of its outstanding quantity a franchisee line takes in the funded and lock passes (⌈minFill × outstanding⌉ units, or all of it), else it takes none there and the stock and money pass on; 0 takes any quantity.",
    ),
  ),
  /** R-SIZE-RUN: when money cannot buy all of a franchisee's lines of one style, buy sizes in line order, or spread what it can buy over them. */
  partialBy: lever(
    choice(
      PARTIAL_BY,
      "line",
      "R-SIZE-RUN",
      'when money cannot buy all of a franchisee\'s outstanding lines of one style, buy them in line order ("line") or spread the units it can afford over them in proportion to what each is missing ("style").',
    ),
  ),
  /** R-LOCK-PLACE: whether stock left after the funded pass is locked for unpaid lines. */
  lockUnfunded: flag(
    true,
    "R-LOCK-PLACE",
    "whether stock left after the funded pass is locked for unpaid lines.",
  ),
  /** R-LOCK-EXPIRE: how many days a lock lasts (seed: 15). */
  lockDays: whole(
    { unit: "days", min: 1, max: 3660, minMessage: "a lock lasts at least one day" },
    15,
    "R-LOCK-EXPIRE",
    "how many days a lock lasts.",
  ),
  /** R-LOCK-EXPIRE: how many days after expiry a released line may not be locked again. */
  relockCooldownDays: whole(
    { unit: "days", min: 0, max: 3660 },
    15,
    "R-LOCK-EXPIRE",
    "how many days after expiry a released line may not be locked again.",
  ),
  /** R-LOCK-GRACE: days from a lock's expiry date in which a payment still converts it. */
  paymentGraceDays: whole(
    { unit: "days", min: 0, max: 3660 },
    1,
    "R-LOCK-GRACE",
    "days from a lock's expiry date in which a payment still converts it; 0 releases it unconverted on that date.",
  ),
  /** R-RANK-REGION: region ids in serving order, per season; a season not given keeps its default. */
  regionOrder: seasonal(
    "regions",
    {
      // 6.4.3.1: spring/summer goods go south to north ...
      SS: [
        "airport",
        "shenzhen",
        "dongguan",
        "guangzhou",
        "shanghai",
        "beijing",
        "chengdu",
        "shenyang",
        "guiyang",
        "nanning",
      ],
      // ... autumn/winter goods north to south; nanning is not listed.
      AW: [
        "airport",
        "beijing",
        "shanghai",
        "guangzhou",
        "dongguan",
        "shenzhen",
        "chengdu",
        "shenyang",
        "guiyang",
      ],
    },
    "R-RANK-REGION",
    "region ids in serving order, per season; a season not given keeps its default.",
  ),
  /** R-RANK-REGION: the months (1–12) of each season, for NONE products; together every month once. */
  seasonCalendar: seasonal(
    "months",
    { SS: [2, 3, 4, 5, 6, 7], AW: [8, 9, 10, 11, 12, 1] },
    "R-RANK-REGION",
    "the months (1–12) of each season, for NONE products; together every month once.",
  ),
  /** R-RANK-STORE: store classes in serving order, A, B and C once each. */
  storeClassOrder: ranking(
    STORE_CLASSES,
    ["A", "B", "C"],
    "R-RANK-STORE",
    "store classes in serving order, A, B and C once each.",
  ),
});

/** The fields of {@link AllocationPolicy}, as their definitions make them. */
type AllocationPolicyFields = PolicyOf<typeof ALLOCATION_POLICY_FIELDS>;

/**
 * Every choice the seed leaves open, as data: one field per entry of
 * {@link ALLOCATION_POLICY_FIELDS}. Pass a partial policy in the input;
 * missing fields take {@link DEFAULT_POLICY}'s.
 */
export interface AllocationPolicy extends AllocationPolicyFields {}

/**
 * The defaults of a record of policy field definitions, deep-frozen.
 *
 * @example
 * ```ts
 * import { ALLOCATION_POLICY_FIELDS, defaultsOf } from "fenhuo";
 * defaultsOf(ALLOCATION_POLICY_FIELDS).spendOrder; // "cash-first"
 * ```
 */
export function defaultsOf<Fields extends Readonly<Record<string, PolicyField>>>(
  fields: Fields,
): PolicyOf<Fields> {
  return deepFreeze(
    Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.default])),
  ) as PolicyOf<Fields>;
}

/**
 * The allocation policy's defaults, in one place. Frozen.
 *
 * @example
 * ```ts
 * import { DEFAULT_POLICY } from "fenhuo";
 * DEFAULT_POLICY.lockDays; // 15
 * DEFAULT_POLICY.regionOrder.AW.at(-1); // "guiyang"
 * ```
 */
export const DEFAULT_POLICY: AllocationPolicy = defaultsOf(ALLOCATION_POLICY_FIELDS);

/**
 * The service levels' limits, one definition per field; up to ten
 * years each, so a deadline stays far inside the years a date can be written
 * in. Frozen.
 *
 * @example
 * ```ts
 * import { SLA_POLICY_FIELDS } from "fenhuo";
 * SLA_POLICY_FIELDS.processingHours.max; // 87600
 * ```
 */
export const SLA_POLICY_FIELDS = deepFreeze({
  /** R-SLA-1: elapsed hours from receipt to approval or rejection. */
  processingHours: whole(
    { unit: "hours", min: 0, max: 87_600 },
    4,
    "R-SLA-1",
    "elapsed hours from receipt to approval or rejection.",
  ),
  /** R-SLA-2: working days a shipping clock runs, from its start to its last unit shipped (see `addWorkingDays`). */
  shippingWorkingDays: whole(
    { unit: "working days", min: 0, max: 2_600 },
    3,
    "R-SLA-2",
    "working days a shipping clock runs, from its start to its last unit shipped.",
  ),
  /** R-SLA-2: start a shipping clock at each allocation of units (from the later of receipt and it), or one at receipt for every unit. */
  shipClockFrom: choice(
    SHIP_CLOCK_STARTS,
    "allocation",
    "R-SLA-2",
    "start a shipping clock at each allocation of units (from the later of receipt and it), or one at receipt for every unit.",
  ),
  /** R-SLA-3: elapsed hours from an after-sales request to its answer. */
  answerHours: whole(
    { unit: "hours", min: 0, max: 87_600 },
    24,
    "R-SLA-3",
    "elapsed hours from an after-sales request to its answer.",
  ),
});

type SlaPolicyFields = PolicyOf<typeof SLA_POLICY_FIELDS>;

/** The service levels' limits: a policy record, defaults in {@link DEFAULT_SLA_POLICY}. */
export interface SlaPolicy extends SlaPolicyFields {}

/**
 * The service levels: processed within 4 hours (R-SLA-1), shipped within 3 working days
 * of each allocation (R-SLA-2, edition 2), after-sales requests answered
 * within 24 hours (R-SLA-3).
 *
 * @example
 * ```ts
 * import { DEFAULT_SLA_POLICY } from "fenhuo";
 * DEFAULT_SLA_POLICY;
 * // {"processingHours": 4, "shippingWorkingDays": 3, "shipClockFrom": "allocation", "answerHours": 24}
 * ```
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = defaultsOf(SLA_POLICY_FIELDS);

/**
 * The lead times of the supply notices (seed 6.1–6.3), one definition
 * per field. Frozen.
 *
 * @example
 * ```ts
 * import { LEAD_TIME_FIELDS } from "fenhuo";
 * LEAD_TIME_FIELDS.fundPreparationDays.default; // 15
 * ```
 */
export const LEAD_TIME_FIELDS = deepFreeze({
  /** R-SUP-1 (seed 6.1: 两周内确认): days a supplier has to confirm a purchase order. */
  confirmationDays: whole(
    { unit: "days", min: 0, max: 3660 },
    14,
    "R-SUP-1",
    "days a supplier has to confirm a purchase order.",
  ),
  /** R-SUP-2 (seed 6.2: 到货前15天): days before arrival that franchisees prepare funds. */
  fundPreparationDays: whole(
    { unit: "days", min: 0, max: 3660 },
    15,
    "R-SUP-2",
    "days before arrival that franchisees are told to prepare funds.",
  ),
  /** R-SUP-3 (seed 6.3: 到货前一周): days before arrival that the central warehouse prepares. */
  receivingDays: whole(
    { unit: "days", min: 0, max: 3660 },
    7,
    "R-SUP-3",
    "days before arrival that the central warehouse is told to prepare receiving.",
  ),
});

type LeadTimesFields = PolicyOf<typeof LEAD_TIME_FIELDS>;

/** The supply notices' lead times: defaults in {@link DEFAULT_LEAD_TIMES}. */
export interface LeadTimes extends LeadTimesFields {}

/**
 * The lead times: suppliers confirm within 14 days (R-SUP-1), funds are prepared 15
 * days before arrival (R-SUP-2), receiving 7 days before (R-SUP-3).
 *
 * @example
 * ```ts
 * import { DEFAULT_LEAD_TIMES } from "fenhuo";
 * DEFAULT_LEAD_TIMES; // {"confirmationDays": 14, "fundPreparationDays": 15, "receivingDays": 7}
 * ```
 */
export const DEFAULT_LEAD_TIMES: LeadTimes = defaultsOf(LEAD_TIME_FIELDS);

/**
 * The currency of an input that names none (R-UNIT-2).
 *
 * @example
 * ```ts
 * import { DEFAULT_CURRENCY } from "fenhuo";
 * DEFAULT_CURRENCY; // "CNY"
 * ```
 */
export const DEFAULT_CURRENCY = "CNY";
