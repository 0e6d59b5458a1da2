import { deepFreeze } from "../domain/freeze.js";

/*
 * The order lifecycle as data (SPEC §5, R-LIFE-1 and R-LIFE-3): the header
 * states, every event with the states it is allowed from and the state it
 * leads to, and the line-bucket edge each line event moves units along.
 * `transition` and the docs diagram (docs/lifecycle.md) are both read off it.
 */

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

/** How one event moves an order: where it may start, where it leads, which units it moves. */
export interface EventSpec {
  /** The seed's word for the step. */
  readonly label: string;
  /** The header states the event is allowed in; any other is an illegal event (R-LIFE-4). */
  readonly from: readonly HeaderState[];
  /** The header state after it; `"same"` keeps the state (R-LIFE-5 may then derive `fulfilled`). */
  readonly to: HeaderState | "same";
  /** For a line event, the bucket edges it may move units along, [from, to]. */
  readonly moves?: readonly (readonly [Bucket, Bucket])[];
}

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
 * ```
 */
export const LIFECYCLE = deepFreeze({
  initial: "received" as HeaderState,
  events: {
    verify: { label: "核对", from: ["received"], to: "verified" },
    approve: { label: "审核", from: ["verified"], to: "approved" },
    reject: { label: "退回", from: ["verified", "approved"], to: "rejected" },
    amend: { label: "变更", from: ["received", "verified", "approved"], to: "received" },
    cancel: {
      label: "取消",
      from: BEFORE_SHIPPING,
      to: "cancelled",
      // Every unit not yet shipped: nothing may have shipped (guard in transition).
      moves: [
        ["open", "cancelled"],
        ["locked", "cancelled"],
        ["allocated", "cancelled"],
        ["picked", "cancelled"],
      ],
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
    },
    lock: {
      label: "锁定",
      from: ["approved", "fulfilling"],
      to: "fulfilling",
      moves: [["open", "locked"]],
    },
    release: { label: "释放", from: ["fulfilling"], to: "same", moves: [["locked", "open"]] },
    allocate: {
      label: "分货",
      from: ["approved", "fulfilling"],
      to: "fulfilling",
      moves: [
        ["open", "allocated"],
        ["locked", "allocated"],
      ],
    },
    pick: { label: "拣货", from: ["fulfilling"], to: "same", moves: [["allocated", "picked"]] },
    ship: { label: "发货", from: ["fulfilling"], to: "same", moves: [["picked", "shipped"]] },
    deliver: { label: "签收", from: ["fulfilling"], to: "same", moves: [["shipped", "delivered"]] },
    accept: { label: "验收", from: ["fulfilling"], to: "same", moves: [["delivered", "accepted"]] },
    rejectOnInspection: {
      label: "验收拒收",
      from: ["fulfilling"],
      to: "same",
      moves: [["delivered", "rejectedOnInspection"]],
    },
    return: {
      label: "退换货",
      from: AFTER_SALES,
      to: "same",
      moves: [
        ["accepted", "returned"],
        ["rejectedOnInspection", "returned"],
      ],
    },
    invoice: { label: "开票", from: ["fulfilled"], to: "invoiced" },
    settle: { label: "结算", from: ["invoiced"], to: "settled" },
    close: { label: "关闭", from: ["settled", "rejected", "cancelled"], to: "closed" },
  },
} satisfies { initial: HeaderState; events: Record<string, EventSpec> });

/** The name of a lifecycle event. */
export type EventType = keyof typeof LIFECYCLE.events;

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
export const BUCKET_EDGES: readonly (readonly [Bucket, Bucket])[] = Object.freeze([
  ...new Map(
    Object.values(LIFECYCLE.events as Record<string, EventSpec>)
      .flatMap((spec) => spec.moves ?? [])
      .map((edge) => [edge.join("→"), edge] as const),
  ).values(),
]);
