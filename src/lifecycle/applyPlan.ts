import type { AllocationPlan } from "../allocation/plan.js";
import { ALLOCATION_SOURCES } from "../domain/vocabulary.js";
import { guarded } from "../schema/guard.js";
import type {
  AllocationInput,
  CommitmentInput,
  LockInput,
  OrderInput,
} from "../schema/inputTypes.js";
import { InputError, type Issue } from "../schema/issues.js";
import type { LifecycleEventInput } from "../schema/lifecycleWire.js";
import { planContract, planShape, salesOrdersShape } from "../schema/madeShapes.js";
import type { Effect, SalesOrder } from "./order.js";
import { type Actor, step, type TransitionError } from "./transition.js";

/** The result of {@link applyPlan}: every order moved, or the refusals and nothing moved. */
export type ApplyPlanResult =
  | {
      readonly ok: true;
      /** The orders, in the order given, with the plan applied. */
      readonly orders: readonly SalesOrder[];
      readonly effects: readonly Effect[];
      readonly errors?: never;
    }
  | {
      readonly ok: false;
      readonly errors: readonly { readonly order: string; readonly error: TransitionError }[];
      readonly orders?: never;
      readonly effects?: never;
    };

/**
 * Applies an allocation plan to the orders it was computed from, as lifecycle
 * events: each expired lock goes back to open with its `lockBlockedUntil`
 * (R-LOCK-EXPIRE), each allocation moves units to `allocated` with its cash and
 * credit split (from `locked` for source `lock`, R-LOCK-CONVERT; from `open`
 * for `funded`), what is left of each lock released at the end of its payment
 * grace goes back to open (R-LOCK-GRACE), and each new lock moves units to
 * `locked` (R-LOCK-PLACE). All or nothing: if any event is refused, no order
 * changes. Each order the plan touches records its `planId` in `plans`; an
 * order that already carries it refuses the plan with `PLAN_ALREADY_APPLIED`
 * (R-RUN-3: exactly once).
 *
 * @throws {@link InputError} when `orders` or `plan` is not what fenhuo made, every problem under `(orders)` / `(plan)`
 * @example
 * ```ts
 * import { allocate, allocationDemand, applyPlan, receiveOrder, transition } from "fenhuo";
 * const actor = { by: "planner", at: "2026-03-01T10:00:00+08:00" };
 * let order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10", deliveryDate: "2026-03-10",
 *     contact: { name: "Li", phone: "138" }, total: "800.00",
 *     lines: [{ line: 1, sku: "T100", quantity: 8, unitPrice: "100.00", amount: "800.00" }] },
 *   actor,
 * );
 * for (const type of ["verify", "approve"]) {
 *   const next = transition(order, { type }, actor);
 *   if (next.ok) order = next.order;
 * }
 * const plan = allocate({
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" }],
 *   supply: [{ sku: "T100", quantity: 8 }],
 *   franchisees: [{ id: "F01", priority: 1, cash: "500" }],
 *   ...allocationDemand([order]),
 * });
 * const applied = applyPlan([order], plan, actor);
 * applied.ok && applied.orders[0]?.lines[0]?.buckets.allocated; // 5
 * applied.ok && applied.orders[0]?.lines[0]?.buckets.locked; // 3
 * ```
 */
export function applyPlan(
  orders: readonly SalesOrder[],
  plan: AllocationPlan,
  actor: Actor,
): ApplyPlanResult {
  return guarded(
    [
      { name: "orders", value: orders, shape: salesOrdersShape },
      { name: "plan", value: plan, shape: planShape, contract: planContract },
    ],
    () => applyChecked(orders, plan, actor),
  );
}

/** {@link applyPlan} of arguments that have their shapes. */
function applyChecked(
  orders: readonly SalesOrder[],
  plan: AllocationPlan,
  actor: Actor,
): ApplyPlanResult {
  const events = new Map<string, LifecycleEventInput[]>();
  const add = (order: string, event: LifecycleEventInput) => {
    const list = events.get(order);
    if (list === undefined) events.set(order, [event]);
    else list.push(event);
  };
  const release = (lock: AllocationPlan["releasedLocks"][number]) =>
    add(lock.order, {
      type: "release",
      line: lock.line,
      lock: lock.id,
      lockBlockedUntil: lock.lockBlockedUntil,
    });
  // An expired lock is released before conversion; one in its payment grace
  // (R-LOCK-GRACE) after it, so that conversion takes its units oldest first
  // as the run did and the release frees only the rest.
  for (const lock of plan.releasedLocks) if (lock.convertedInGrace === undefined) release(lock);
  for (const source of ALLOCATION_SOURCES) {
    for (const row of plan.franchiseeAllocations) {
      if (row.source !== source) continue;
      add(row.order, {
        type: "allocate",
        line: row.line,
        quantity: row.quantity,
        source,
        cash: row.cash,
        credit: row.credit,
      });
    }
  }
  for (const lock of plan.releasedLocks) if (lock.convertedInGrace !== undefined) release(lock);
  for (const lock of plan.locks) {
    if (!lock.isNew) continue;
    add(lock.order, {
      type: "lock",
      line: lock.line,
      quantity: lock.quantity,
      lock: lock.id,
      lockedOn: lock.lockedOn,
      expiresOn: lock.expiresOn,
    });
  }

  const errors: { order: string; error: TransitionError }[] = [];
  const refuse = (
    order: SalesOrder | string,
    message: string,
    code: TransitionError["code"] = "INVALID_EVENT",
  ) => {
    const error = { code, event: "plan", message, issues: [] } as const;
    // An order the plan names but that was not given has no state to report.
    errors.push(
      typeof order === "string"
        ? { order, error }
        : { order: order.id, error: { ...error, state: order.state } },
    );
  };
  const known = new Set<string>();
  // Orders that already carry the plan: their events are not tried again.
  const applied = new Set<string>();
  for (const order of orders) {
    if (known.has(order.id)) refuse(order, `order ${order.id} is given twice`);
    known.add(order.id);
    // R-UNIT-2: one currency per run; a plan's money is in the plan's currency.
    if (events.has(order.id) && order.currency !== plan.currency)
      refuse(order, `the plan is in ${plan.currency}, order ${order.id} in ${order.currency}`);
    // R-RUN-3: a plan is applied once; a second time would allocate and charge twice.
    if (events.has(order.id) && order.plans?.includes(plan.planId)) {
      applied.add(order.id);
      refuse(
        order,
        `order ${order.id} already carries plan ${plan.planId}: a plan is applied once`,
        "PLAN_ALREADY_APPLIED",
      );
    }
  }
  for (const id of events.keys()) {
    if (!known.has(id)) refuse(id, `the plan names order ${id}, which was not given`);
  }
  // R-RUN-3: a plan without its identity (edition 1) could be applied twice unseen.
  if (typeof plan.planId !== "string") {
    for (const id of events.keys()) {
      if (known.has(id))
        refuse(
          orders.find((order) => order.id === id) ?? id,
          "the plan has no planId (an edition-1 plan): it cannot be applied exactly once; run allocate again on its input",
        );
    }
  }
  // R-PREVIEW: a preview commits nothing; only a run's plan moves orders.
  if (plan.preview !== undefined) {
    for (const id of events.keys()) {
      if (known.has(id))
        refuse(
          orders.find((order) => order.id === id) ?? id,
          "the plan is a preview (previewAllocation): it commits nothing and cannot be applied; run allocate",
        );
    }
  }
  const effects: Effect[] = [];
  const next = orders.map((order) => {
    let current = order;
    if (applied.has(order.id)) return order;
    for (const event of events.get(order.id) ?? []) {
      const result = step(current, event, actor);
      if (!result.ok) {
        errors.push({ order: order.id, error: result.error });
        return order;
      }
      current = result.order;
      effects.push(...result.effects);
    }
    if (!events.has(order.id)) return current;
    return { ...current, plans: [...(order.plans ?? []), plan.planId] };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, orders: next, effects };
}

/**
 * The demand of orders in the lifecycle, as the `orders` and `locks` of an
 * allocation input, so that allocation can run day after day on the state
 * fenhuo keeps. Orders being fulfilled or approved take part; each line asks for
 * its quantity less what was cancelled, with everything past open and locked
 * counted as already allocated. R-RUN-1: the units allocated or picked and
 * not yet shipped come as `commitments`, with the cash and credit split their
 * allocation chose (a cancelled allocation frees its money), so the run nets
 * them from the franchisee's spendable: pass finance's balances as
 * `franchisees` and spread `allocationDemand(...)` — the same money never pays
 * twice. The orders' `currency` comes along; orders in
 * two currencies cannot run together (R-UNIT-2): an {@link InputError} lists
 * each order whose currency differs from the first one taking part.
 *
 * @throws {@link InputError} when `orders` are not sales orders of fenhuo, under `(orders)`
 * @example
 * ```ts
 * import { allocationDemand, receiveOrder } from "fenhuo";
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 8, unitPrice: "100.00" }] },
 *   { by: "sales", at: "2026-02-10T09:00:00+08:00" },
 * );
 * allocationDemand([order]).orders.length; // 0: not approved yet
 * ```
 */
export function allocationDemand(orders: readonly SalesOrder[]): Pick<
  AllocationInput,
  "currency"
> & {
  orders: OrderInput[];
  locks: LockInput[];
  commitments: CommitmentInput[];
} {
  return guarded([{ name: "orders", value: orders, shape: salesOrdersShape }], () =>
    demandOf(orders),
  );
}

/** {@link allocationDemand} of arguments that have their shapes. */
function demandOf(orders: readonly SalesOrder[]): Pick<AllocationInput, "currency"> & {
  orders: OrderInput[];
  locks: LockInput[];
  commitments: CommitmentInput[];
} {
  const takesPart = (order: SalesOrder) =>
    order.state === "approved" || order.state === "fulfilling";
  const live = orders.filter(takesPart);
  // R-UNIT-2: one currency per run.
  const currency = live[0]?.currency;
  const mixed: Issue[] = [];
  orders.forEach((order, index) => {
    if (takesPart(order) && order.currency !== currency)
      mixed.push({
        path: [index, "currency"],
        code: "invalid_currency",
        message: `order ${order.id} is in ${order.currency}, the first order taking part in ${currency}: one currency per run`,
      });
  });
  if (mixed.length > 0) throw new InputError(mixed);
  return {
    ...(currency === undefined ? {} : { currency }),
    orders: live.map((order) => ({
      id: order.id,
      franchisee: order.franchisee,
      orderedOn: order.orderedOn,
      lines: order.lines.map((line) => {
        const quantity = line.quantity - line.buckets.cancelled;
        return {
          line: line.line,
          sku: line.sku,
          quantity,
          unitPrice: line.unitPrice,
          allocated: quantity - line.buckets.open - line.buckets.locked,
          ...(line.lockBlockedUntil === undefined
            ? {}
            : { lockBlockedUntil: line.lockBlockedUntil }),
        };
      }),
    })),
    locks: live.flatMap((order) =>
      order.lines.flatMap((line) =>
        line.locks.map((lock) => ({
          id: lock.id,
          order: order.id,
          line: line.line,
          franchisee: order.franchisee,
          sku: line.sku,
          quantity: lock.quantity,
          lockedOn: lock.lockedOn,
          expiresOn: lock.expiresOn,
        })),
      ),
    ),
    // R-RUN-1: allocated and picked units are paid for but not yet posted.
    commitments: live.flatMap((order) =>
      order.lines.flatMap((line) => {
        const quantity = line.buckets.allocated + line.buckets.picked;
        if (quantity === 0) return [];
        return [
          {
            order: order.id,
            line: line.line,
            franchisee: order.franchisee,
            sku: line.sku,
            quantity,
            cash: line.paid.cash,
            credit: line.paid.credit,
          },
        ];
      }),
    ),
  };
}
