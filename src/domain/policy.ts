import { deepFreeze } from "./freeze.js";
import type {
  AfterShortfall,
  FranchiseeRanking,
  SellingSeason,
  SpendOrder,
  StoreClass,
} from "./vocabulary.js";

/**
 * Every choice the seed leaves open, as data (SPEC §3). Pass a partial policy in
 * the input; missing fields take {@link DEFAULT_POLICY}'s.
 */
export interface AllocationPolicy {
  /** R-RANK-FUNDED: order funded franchisees by `priority` (then funds) or by `funds` (then priority). */
  readonly franchiseeRanking: FranchiseeRanking;
  /** R-RANK-FUNDED: whether available credit makes a franchisee funded (else only cash does). */
  readonly creditCountsAsFunds: boolean;
  /** R-ALLOC-FUNDED: which purse an allocation is paid from first. */
  readonly spendOrder: SpendOrder;
  /** R-ALLOC-PARTIAL: after money stops a line short, serve the franchisee's later lines or stop. */
  readonly afterShortfall: AfterShortfall;
  /** R-LOCK-PLACE: whether stock left after the funded pass is locked for unpaid lines. */
  readonly lockUnfunded: boolean;
  /** R-LOCK-EXPIRE: how many days a lock lasts (seed: 15). */
  readonly lockDays: number;
  /** R-LOCK-EXPIRE: how many days after expiry a released line may not be locked again. */
  readonly relockCooldownDays: number;
  /** R-RANK-REGION: region ids in serving order, per season. */
  readonly regionOrder: Readonly<Record<SellingSeason, readonly string[]>>;
  /** R-RANK-REGION: the months (1–12) of each season, for `NONE` products; together a partition of the year. */
  readonly seasonCalendar: Readonly<Record<SellingSeason, readonly number[]>>;
  /** R-RANK-STORE: store classes in serving order. */
  readonly storeClassOrder: readonly StoreClass[];
}

/**
 * The defaults of SPEC §3, in one place. Frozen.
 *
 * @example
 * ```ts
 * import { DEFAULT_POLICY } from "fenhuo";
 * DEFAULT_POLICY.lockDays; // 15
 * DEFAULT_POLICY.regionOrder.AW.at(-1); // "guiyang"
 * ```
 */
export const DEFAULT_POLICY: AllocationPolicy = deepFreeze({
  franchiseeRanking: "priority",
  creditCountsAsFunds: true,
  spendOrder: "cash-first",
  afterShortfall: "continue",
  lockUnfunded: true,
  lockDays: 15,
  relockCooldownDays: 15,
  regionOrder: {
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
  seasonCalendar: { SS: [2, 3, 4, 5, 6, 7], AW: [8, 9, 10, 11, 12, 1] },
  storeClassOrder: ["A", "B", "C"],
} satisfies AllocationPolicy);
