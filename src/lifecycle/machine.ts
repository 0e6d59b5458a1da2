import { deepFreeze } from "../domain/freeze.js";
import { type Bucket, type HeaderState, RETURNABLE_BUCKETS } from "../domain/vocabulary.js";
import type { LifecycleEvent } from "../schema/lifecycleWire.js";
import type { NamesFor } from "./context.js";
import type { EFFECTS, NOTES } from "./effects.js";
import type { GUARDS } from "./guards.js";
import type { UPDATES } from "./updates.js";

/*
 * The order lifecycle as data (R-LIFE-1 and R-LIFE-3): the header
 * states, and every event with the states it is allowed from, the state it
 * leads to, the line-bucket edges it moves units along, and the names of its
 * guards, updates, effects and audit note. `transition` interprets it (as
 * xstate's `transition()` reads a machine config); the docs diagram
 * (docs/lifecycle.md) and `BUCKET_EDGES` are read off it too.
 */

/** A bucket edge, [from, to], that an event may move a line's units along (R-LIFE-3). */
export type BucketEdge = readonly [Bucket, Bucket];

/**
 * How one event moves an order: where it may start, where it leads, which
 * units it moves, and — by name, as in an xstate machine config — the guards
 * that may refuse it, the updates and effects it makes and the note its audit
 * entry carries. `transition` reads nothing else, and the docs are drawn from it.
 */
export interface EventSpec {
  /** The seed's word for the step. */
  readonly label: string;
  /** The header states the event is allowed in; any other is an illegal event (R-LIFE-4). */
  readonly from: readonly HeaderState[];
  /** The header state after it; `"same"` keeps the state (R-LIFE-5 may then derive `fulfilled`). */
  readonly to: HeaderState | "same";
  /**
   * The bucket edges it moves units along. A line event takes the first edge
   * unless it names another source bucket (a return's `from`; `locked` for an
   * allocation from locks).
   */
  readonly moves?: readonly BucketEdge[];
  /**
   * How many units it moves: the event's `quantity` (the default), the units of
   * the lock it names (`"lock"`), or every unit in the edges' source buckets
   * (`"all"`) — of the line it names, or else of every line.
   */
  readonly units?: "lock" | "all";
  /** Guards on the order, in order; the first refusal is the answer (`GUARD_FAILED`). */
  readonly guards?: readonly string[];
  /** Guards on the line the event names, once the order is known to have it. */
  readonly lineGuards?: readonly string[];
  /** What it changes besides the bucket moves. */
  readonly updates?: readonly string[];
  /** The effects it asks for. */
  readonly effects?: readonly string[];
  /** What its audit entry notes. */
  readonly note?: string;
}

/** An event's spec whose names are those of guards.ts, updates.ts and effects.ts. */
export interface NamedSpec extends EventSpec {
  readonly guards?: readonly (keyof typeof GUARDS)[];
  readonly lineGuards?: readonly (keyof typeof GUARDS)[];
  readonly updates?: readonly (keyof typeof UPDATES)[];
  readonly effects?: readonly (keyof typeof EFFECTS)[];
  readonly note?: keyof typeof NOTES;
}

/** An event's spec whose names fit its event: each function named can be given its context. */
interface Row<K extends EventType> extends NamedSpec {
  readonly guards?: readonly NamesFor<typeof GUARDS, K>[];
  readonly lineGuards?: readonly NamesFor<typeof GUARDS, K>[];
  readonly updates?: readonly NamesFor<typeof UPDATES, K>[];
  readonly effects?: readonly NamesFor<typeof EFFECTS, K>[];
  readonly note?: NamesFor<typeof NOTES, K>;
}

/** The name of a lifecycle event. */
export type EventType = LifecycleEvent["type"];

const BEFORE_SHIPPING = ["received", "verified", "approved", "fulfilling"] as const;
const AFTER_SALES = ["fulfilling", "fulfilled", "invoiced", "settled"] as const;

/**
 * The lifecycle machine (seed: 登记 → 核对 → 审核 → 分货/锁定 → 拣货 → 发货 → 签收 →
 * 验收 → 开票 → 结算 → 关闭, with 变更, 取消, 退回 and 退换货). Frozen.
 *
 * @example
 * ```ts
 * import { LIFECYCLE } from "fenhuo";
 * LIFECYCLE.events.verify.from; // ["received"]
 * LIFECYCLE.events.ship.moves; // [["picked", "shipped"]]
 * LIFECYCLE.events.ship.effects; // ["postShipment"]
 * ```
 */
export const LIFECYCLE = deepFreeze({
  initial: "received" as HeaderState,
  /** R-LIFE-5: the state an order moves on to, once every unit not cancelled is accepted or returned. */
  fulfilled: { from: "fulfilling", to: "fulfilled" } as const,
  events: {
    verify: { label: "核对", from: ["received"], to: "verified", guards: ["passesVerification"] },
    approve: { label: "审核", from: ["verified"], to: "approved" },
    reject: {
      label: "退回",
      from: ["verified", "approved"],
      to: "rejected",
      effects: ["orderRejected"],
      note: "reason",
    },
    amend: {
      label: "变更",
      from: ["received", "verified", "approved"],
      to: "received",
      guards: ["amendmentFits"],
      updates: ["amendLines"],
      note: "amendNote",
    },
    cancel: {
      label: "取消",
      from: BEFORE_SHIPPING,
      to: "cancelled",
      // Every unit not yet shipped; nothing may have shipped.
      moves: [
        ["open", "cancelled"],
        ["locked", "cancelled"],
        ["allocated", "cancelled"],
        ["picked", "cancelled"],
      ],
      units: "all",
      guards: ["nothingShipped"],
      updates: ["clearPayment", "clearLocks"],
      effects: ["orderCancelled", "locksReleased"],
      note: "reason",
    },
    cancelRemaining: {
      label: "取消剩余",
      from: ["fulfilling"],
      to: "same",
      // After a partial shipment (部分发货): the units of a line not yet allocated
      // will not be served. What was allocated may still ship.
      moves: [
        ["open", "cancelled"],
        ["locked", "cancelled"],
      ],
      units: "all",
      lineGuards: ["hasUnitsLeft"],
      updates: ["clearLocks"],
      effects: ["locksReleased"],
      note: "reason",
    },
    lock: {
      label: "锁定",
      from: ["approved", "fulfilling"],
      to: "fulfilling",
      moves: [["open", "locked"]],
      guards: ["lockExpiresAfterPlacing"],
      lineGuards: ["lockIsNew"],
      updates: ["addLock"],
    },
    release: {
      label: "释放",
      from: ["fulfilling"],
      to: "same",
      moves: [["locked", "open"]],
      units: "lock",
      lineGuards: ["holdsLock"],
      updates: ["dropLock", "barRelock"],
      effects: ["lockReleased"],
      note: "releasedUnits",
    },
    allocate: {
      label: "分货",
      from: ["approved", "fulfilling"],
      to: "fulfilling",
      moves: [
        ["open", "allocated"],
        ["locked", "allocated"],
      ],
      lineGuards: ["splitPaysUnits"],
      updates: ["addPayment", "convertLocks"],
    },
    pick: { label: "拣货", from: ["fulfilling"], to: "same", moves: [["allocated", "picked"]] },
    ship: {
      label: "发货",
      from: ["fulfilling"],
      to: "same",
      moves: [["picked", "shipped"]],
      updates: ["spendPayment"],
      effects: ["postShipment"],
    },
    deliver: { label: "签收", from: ["fulfilling"], to: "same", moves: [["shipped", "delivered"]] },
    accept: { label: "验收", from: ["fulfilling"], to: "same", moves: [["delivered", "accepted"]] },
    rejectOnInspection: {
      label: "验收拒收",
      from: ["fulfilling"],
      to: "same",
      moves: [["delivered", "rejectedOnInspection"]],
      note: "reason",
    },
    return: {
      label: "退换货",
      from: AFTER_SALES,
      to: "same",
      moves: RETURNABLE_BUCKETS.map((bucket): BucketEdge => [bucket, "returned"]),
      effects: ["postRefund"],
    },
    invoice: { label: "开票", from: ["fulfilled"], to: "invoiced", note: "invoiceNumber" },
    settle: { label: "结算", from: ["invoiced"], to: "settled" },
    close: { label: "关闭", from: ["settled", "rejected", "cancelled"], to: "closed" },
  },
} satisfies {
  initial: HeaderState;
  fulfilled: { from: HeaderState; to: HeaderState };
  events: { [K in EventType]: Row<K> };
});

/**
 * R-LIFE-3: every bucket edge some event may move units along, [from, to],
 * each once, in the order the events declare them.
 *
 * @example
 * ```ts
 * import { BUCKET_EDGES } from "fenhuo";
 * BUCKET_EDGES.length; // 15
 * ```
 */
export const BUCKET_EDGES: readonly BucketEdge[] = Object.freeze([
  ...new Map(
    Object.values(LIFECYCLE.events as Record<string, EventSpec>)
      .flatMap((spec) => spec.moves ?? [])
      .map((edge) => [edge.join("→"), edge] as const),
  ).values(),
]);
