import type { Decimal } from "decimal.js";
import { deepFreeze } from "../domain/freeze.js";
import { currencyMinorDigits, formatAmount, Money, readAmount, ZERO } from "../domain/money.js";
import { compareIds } from "../ranking/compare.js";
import { InputError, type Issue } from "../schema/issues.js";
import {
  actorWire,
  type LifecycleEvent,
  lifecycleEventWire,
  receivedOrderWire,
} from "../schema/lifecycleWire.js";
import { check } from "../schema/zodIssues.js";
import { type Bucket, type EventSpec, type HeaderState, LIFECYCLE } from "./machine.js";
import type { AuditEntry, Buckets, LineLock, SalesOrder, SalesOrderLine } from "./order.js";
import { verifyOrder } from "./verify.js";

/** Who acts, and when (an ISO 8601 date-time with offset): the lifecycle has no clock. */
export interface Actor {
  readonly by: string;
  readonly at: string;
}

/** What an accepted event asks the caller to do, as data: fenhuo never does it. */
export type Effect =
  | {
      /** R-POST-1: post the shipment to the franchisee's ledger (发货过账). */
      readonly kind: "post-shipment";
      readonly franchisee: string;
      readonly order: string;
      readonly line: number;
      readonly quantity: number;
      readonly amount: string;
      readonly cash: string;
      readonly credit: string;
      readonly at: string;
    }
  | {
      /** R-POST-2: refund returned units to the franchisee's ledger. */
      readonly kind: "post-refund";
      readonly franchisee: string;
      readonly order: string;
      readonly line: number;
      readonly quantity: number;
      readonly amount: string;
      readonly at: string;
    }
  | {
      /** Tell someone: the franchisee of a rejection or cancellation, the warehouse of a lock release. */
      readonly kind: "notice";
      readonly notice: "order-rejected" | "order-cancelled" | "lock-released";
      readonly franchisee: string;
      readonly order: string;
      readonly message: string;
    };

/** Why an event was refused; the order is unchanged (R-LIFE-4). */
export interface TransitionError {
  /**
   * `ILLEGAL_EVENT`: not allowed in the order's state; `GUARD_FAILED`: allowed,
   * but the order does not permit it now (units, verification); `INVALID_EVENT`:
   * the event or actor is malformed.
   */
  readonly code: "ILLEGAL_EVENT" | "GUARD_FAILED" | "INVALID_EVENT";
  readonly state: HeaderState;
  readonly event: string;
  readonly message: string;
  readonly issues: readonly Issue[];
}

/** The result of {@link transition}. */
export type TransitionResult =
  | {
      readonly ok: true;
      readonly order: SalesOrder;
      readonly effects: readonly Effect[];
      readonly error?: never;
    }
  | {
      readonly ok: false;
      readonly error: TransitionError;
      readonly order?: never;
      readonly effects?: never;
    };

const EMPTY: Buckets = Object.freeze({
  open: 0,
  locked: 0,
  allocated: 0,
  picked: 0,
  shipped: 0,
  delivered: 0,
  accepted: 0,
  rejectedOnInspection: 0,
  returned: 0,
  cancelled: 0,
});

/**
 * Registers an order (登记): validates it at the edge and returns it in state
 * `received`, every unit open, with its first audit entry. Amounts and dates
 * that do not add up are accepted here and caught by `verify` (R-LIFE-2).
 *
 * @throws {@link InputError} listing every structural problem with its path
 * @example
 * ```ts
 * import { receiveOrder } from "fenhuo";
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00" }] },
 *   { by: "sales:li", at: "2026-02-10T09:00:00+08:00" },
 * );
 * order.state; // "received"
 * order.lines[0]?.buckets.open; // 5
 * ```
 */
export function receiveOrder(input: unknown, actor: Actor): SalesOrder {
  const parsedActor = check(actorWire, actor, ["(actor)"]);
  const parsed = check(receivedOrderWire, input);
  if (!parsed.ok || !parsedActor.ok) {
    throw new InputError([...(parsed.issues ?? []), ...(parsedActor.issues ?? [])]);
  }
  const raw = parsed.value;
  const lines: SalesOrderLine[] = raw.lines.map((line) => ({
    line: line.line,
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: amountText(line.unitPrice),
    ...(line.amount === undefined ? {} : { amount: amountText(line.amount) }),
    buckets: { ...EMPTY, open: line.quantity },
    paid: { cash: "0", credit: "0" },
    locks: [],
  }));
  const total = raw.total === undefined ? undefined : amountText(raw.total);
  const order: SalesOrder = {
    id: raw.id,
    franchisee: raw.franchisee,
    orderedOn: raw.orderedOn,
    currency: raw.currency,
    ...(raw.deliveryDate === undefined ? {} : { deliveryDate: raw.deliveryDate }),
    ...(raw.contact === undefined
      ? {}
      : {
          contact: {
            ...(raw.contact.name === undefined ? {} : { name: raw.contact.name }),
            ...(raw.contact.phone === undefined ? {} : { phone: raw.contact.phone }),
          },
        }),
    ...(total === undefined ? {} : { total }),
    state: LIFECYCLE.initial,
    lines: [...lines].sort((a, b) => a.line - b.line),
    audit: [
      {
        seq: 1,
        at: parsedActor.value.at,
        by: parsedActor.value.by,
        event: "receive",
        from: "received",
        to: "received",
      },
    ],
  };
  return deepFreeze(order);
}

/**
 * Moves an order by one event (SPEC §5), purely: returns the next order and the
 * effects it asks for (ledger postings, notices) as data, or a typed error
 * naming the state and the event — the order unchanged (R-LIFE-4). Every
 * accepted event appends one audit entry. Line events move units along the
 * bucket edges of {@link LIFECYCLE} only, so a line's buckets always add up to
 * its quantity (R-LIFE-3); once every unit not cancelled is accepted or
 * returned, the order is `fulfilled` (R-LIFE-5).
 *
 * @param order - an order from {@link receiveOrder} or an earlier transition
 * @param event - the event, validated here
 * @param actor - who acts and when
 * @example
 * ```ts
 * import { receiveOrder, transition } from "fenhuo";
 * const actor = { by: "sales:li", at: "2026-02-10T09:00:00+08:00" };
 * const order = receiveOrder(
 *   { id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10", deliveryDate: "2026-03-10",
 *     contact: { name: "Li", phone: "138" }, total: "495.00",
 *     lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "99.00", amount: "495.00" }] },
 *   actor,
 * );
 * const verified = transition(order, { type: "verify" }, actor);
 * verified.ok && verified.order.state; // "verified"
 * const early = transition(order, { type: "ship", line: 1, quantity: 1 }, actor);
 * early.ok || early.error.code; // "ILLEGAL_EVENT"
 * ```
 */
export function transition(order: SalesOrder, event: unknown, actor: Actor): TransitionResult {
  const parsedActor = check(actorWire, actor, ["(actor)"]);
  const parsed = check(lifecycleEventWire, event);
  const name =
    typeof event === "object" && event !== null ? String((event as { type?: unknown }).type) : "?";
  if (!parsed.ok || !parsedActor.ok) {
    const issues = [...(parsed.issues ?? []), ...(parsedActor.issues ?? [])];
    return refuse(
      "INVALID_EVENT",
      order,
      name,
      `event ${JSON.stringify(name)} is malformed`,
      issues,
    );
  }
  const e = parsed.value;
  const spec: EventSpec = LIFECYCLE.events[e.type];
  if (!spec.from.includes(order.state)) {
    return refuse(
      "ILLEGAL_EVENT",
      order,
      e.type,
      `${e.type} (${spec.label}) is not allowed in state ${order.state}; it is allowed in ${spec.from.join(", ")}`,
    );
  }
  const outcome = apply(order, e);
  if ("guard" in outcome)
    return refuse("GUARD_FAILED", order, e.type, outcome.guard, outcome.issues ?? []);

  let state: HeaderState = spec.to === "same" ? order.state : spec.to;
  if (state === "fulfilling" && isFulfilled(outcome.lines)) state = "fulfilled";
  const entry: AuditEntry = {
    seq: order.audit.length + 1,
    at: parsedActor.value.at,
    by: parsedActor.value.by,
    event: e.type,
    from: order.state,
    to: state,
    // Every event that carries a quantity names its line (a release names a line but no
    // quantity); cancelRemaining records the units it cancelled.
    ...("quantity" in e
      ? { line: e.line, quantity: e.quantity }
      : outcome.moved === undefined
        ? {}
        : { line: outcome.moved.line, quantity: outcome.moved.quantity }),
    ...(outcome.note === undefined ? {} : { note: outcome.note }),
  };
  const next: SalesOrder = {
    ...order,
    ...outcome.header,
    state,
    lines: outcome.lines,
    audit: [...order.audit, entry],
  };
  const effects = outcome.effects.map((effect) =>
    effect.kind === "post-shipment" || effect.kind === "post-refund"
      ? { ...effect, at: parsedActor.value.at }
      : effect,
  );
  return { ok: true, order: deepFreeze(next), effects };
}

/**
 * R-LIFE-5: an order is fulfilled when every unit not cancelled is accepted or
 * returned (and at least one unit is not cancelled).
 *
 * @example
 * ```ts
 * import { isFulfilled } from "fenhuo";
 * const buckets = { open: 0, locked: 0, allocated: 0, picked: 0, shipped: 0, delivered: 0,
 *                   accepted: 2, rejectedOnInspection: 0, returned: 1, cancelled: 4 };
 * isFulfilled([{ quantity: 7, buckets }]); // true
 * ```
 */
export function isFulfilled(
  lines: readonly { readonly quantity: number; readonly buckets: Buckets }[],
): boolean {
  let live = 0;
  for (const { quantity, buckets } of lines) {
    const notCancelled = quantity - buckets.cancelled;
    if (buckets.accepted + buckets.returned !== notCancelled) return false;
    live += notCancelled;
  }
  return live > 0;
}

type Applied =
  | {
      readonly lines: readonly SalesOrderLine[];
      readonly effects: readonly Effect[];
      readonly header?: Partial<Pick<SalesOrder, "total">>;
      readonly note?: string;
      /** The units an event without a quantity moved, for its audit entry. */
      readonly moved?: { readonly line: number; readonly quantity: number };
    }
  | { readonly guard: string; readonly issues?: readonly Issue[] };

function apply(order: SalesOrder, e: LifecycleEvent): Applied {
  switch (e.type) {
    case "verify": {
      const issues = verifyOrder(order);
      if (issues.length > 0) {
        return { guard: `verification (核对) found ${issues.length} problem(s)`, issues };
      }
      return { lines: order.lines, effects: [] };
    }
    case "approve":
    case "invoice":
    case "settle":
    case "close":
      return {
        lines: order.lines,
        effects: [],
        ...("invoice" in e ? { note: `invoice ${e.invoice}` } : {}),
      };
    case "reject":
      return {
        lines: order.lines,
        effects: [notice(order, "order-rejected", `order ${order.id} was sent back: ${e.reason}`)],
        note: e.reason,
      };
    case "cancel": {
      const moving = order.lines.reduce((sum, l) => sum + sentOut(l.buckets), 0);
      if (moving > 0)
        return { guard: `${moving} unit(s) already shipped: cancel only before anything ships` };
      const lines = order.lines.map((line) => ({
        ...line,
        buckets: { ...EMPTY, cancelled: line.quantity },
        paid: { cash: "0", credit: "0" },
        locks: [],
      }));
      // Stock held for the order goes back to free stock: say so, as a release does.
      let held = 0;
      const released: Effect[] = [];
      for (const line of order.lines) {
        held += line.buckets.allocated + line.buckets.picked;
        for (const lock of line.locks) released.push(lockReleased(order, line.line, lock));
      }
      const freed = held === 0 ? "" : `; ${held} allocated or picked unit(s) go back to free stock`;
      return {
        lines,
        effects: [
          notice(order, "order-cancelled", `order ${order.id} was cancelled: ${e.reason}${freed}`),
          ...released,
        ],
        note: e.reason,
      };
    }
    case "cancelRemaining": {
      const target = order.lines.find((l) => l.line === e.line);
      if (target === undefined) return noLine(e.line);
      const { open, locked, cancelled } = target.buckets;
      if (open + locked === 0) {
        return {
          guard: `line ${e.line} has no open or locked unit left to cancel`,
          issues: [{ path: ["line"], code: "invalid_event", message: "nothing open or locked" }],
        };
      }
      const lines = order.lines.map((l) =>
        l === target
          ? {
              ...l,
              buckets: { ...l.buckets, open: 0, locked: 0, cancelled: cancelled + open + locked },
              locks: [],
            }
          : l,
      );
      return {
        lines,
        effects: target.locks.map((lock) => lockReleased(order, e.line, lock)),
        note: e.reason,
        moved: { line: e.line, quantity: open + locked },
      };
    }
    case "amend": {
      const amended = amend(order, e.lines);
      // R-LIFE-4 (可追溯): the caller's reason for the change goes into the audit.
      return "guard" in amended || e.note === undefined ? amended : { ...amended, note: e.note };
    }
    case "lock": {
      if (e.expiresOn <= e.lockedOn) {
        return {
          guard: `a lock must expire after ${e.lockedOn}`,
          issues: [
            {
              path: ["expiresOn"],
              code: "inconsistent",
              message: `must be after lockedOn ${e.lockedOn}`,
            },
          ],
        };
      }
      const target = order.lines.find((l) => l.line === e.line);
      if (target?.locks.some((lock) => lock.id === e.lock)) {
        return { guard: `line ${e.line} already holds lock ${e.lock}` };
      }
      const lock = {
        id: e.lock,
        quantity: e.quantity,
        lockedOn: e.lockedOn,
        expiresOn: e.expiresOn,
      };
      return moveUnits(order, e.line, e.quantity, "open", "locked", (l) => ({
        ...l,
        locks: [...l.locks, lock].sort(byAge),
      }));
    }
    case "release": {
      const target = order.lines.find((l) => l.line === e.line);
      if (target === undefined) return noLine(e.line);
      const lock = target.locks.find((l) => l.id === e.lock);
      if (lock === undefined) return { guard: `line ${e.line} holds no lock ${e.lock}` };
      const moved = moveUnits(order, e.line, lock.quantity, "locked", "open", (l) => ({
        ...l,
        locks: l.locks.filter((other) => other.id !== e.lock),
        ...(e.lockBlockedUntil === undefined ? {} : { lockBlockedUntil: e.lockBlockedUntil }),
      }));
      if ("guard" in moved) return moved;
      return {
        ...moved,
        effects: [lockReleased(order, e.line, lock)],
        note: `line ${e.line}: lock ${e.lock} released ${lock.quantity} unit(s)`,
      };
    }
    case "allocate": {
      // The schema admitted both as amounts (R-UNIT-2).
      const cash = readAmount(e.cash) as Decimal;
      const credit = readAmount(e.credit) as Decimal;
      const line = order.lines.find((l) => l.line === e.line);
      if (line !== undefined) {
        const owed = new Money(line.unitPrice).times(e.quantity);
        if (!cash.plus(credit).eq(owed)) {
          return {
            guard: `cash + credit (${cash.plus(credit)}) must equal quantity × unitPrice (${owed})`,
            issues: [
              { path: ["cash"], code: "inconsistent", message: `cash + credit must be ${owed}` },
            ],
          };
        }
      }
      return moveUnits(
        order,
        e.line,
        e.quantity,
        e.source === "lock" ? "locked" : "open",
        "allocated",
        // R-LOCK-CONVERT converts a line's locks oldest first: consume them in that order.
        (l) => ({
          ...l,
          paid: { cash: plus(l.paid.cash, cash), credit: plus(l.paid.credit, credit) },
          locks: e.source === "lock" ? consumeOldest(l.locks, e.quantity) : l.locks,
        }),
      );
    }
    case "pick":
      return moveUnits(order, e.line, e.quantity, "allocated", "picked");
    case "ship": {
      const line = order.lines.find((l) => l.line === e.line);
      if (line === undefined) return noLine(e.line);
      const format = (d: Decimal) => formatAmount(d, currencyMinorDigits(order.currency));
      // R-POST-1: the split chosen at allocation, cash first.
      const amount = new Money(line.unitPrice).times(e.quantity);
      const paidCash = new Money(line.paid.cash);
      const paidCredit = new Money(line.paid.credit);
      const cash = Money.min(amount, paidCash);
      const credit = Money.min(amount.minus(cash), paidCredit);
      const moved = moveUnits(order, e.line, e.quantity, "picked", "shipped", (l) => ({
        ...l,
        paid: {
          cash: paidCash.minus(cash).toString(),
          credit: paidCredit.minus(credit).toString(),
        },
      }));
      if ("guard" in moved) return moved;
      return {
        ...moved,
        effects: [
          {
            kind: "post-shipment",
            franchisee: order.franchisee,
            order: order.id,
            line: e.line,
            quantity: e.quantity,
            amount: format(cash.plus(credit)),
            cash: format(cash),
            credit: format(credit),
            at: "",
          },
        ],
      };
    }
    case "deliver":
      return moveUnits(order, e.line, e.quantity, "shipped", "delivered");
    case "accept":
      return moveUnits(order, e.line, e.quantity, "delivered", "accepted");
    case "rejectOnInspection":
      return {
        ...moveUnits(order, e.line, e.quantity, "delivered", "rejectedOnInspection"),
        ...(e.reason === undefined ? {} : { note: e.reason }),
      } as Applied;
    case "return": {
      const line = order.lines.find((l) => l.line === e.line);
      if (line === undefined) return noLine(e.line);
      const moved = moveUnits(order, e.line, e.quantity, e.from, "returned");
      if ("guard" in moved) return moved;
      const amount = new Money(line.unitPrice).times(e.quantity);
      return {
        ...moved,
        effects: [
          {
            kind: "post-refund",
            franchisee: order.franchisee,
            order: order.id,
            line: e.line,
            quantity: e.quantity,
            amount: formatAmount(amount, currencyMinorDigits(order.currency)),
            at: "",
          },
        ],
      };
    }
  }
}

/** Units that have left the warehouse: after them, an order can no longer be cancelled. */
function sentOut(b: Buckets): number {
  return b.shipped + b.delivered + b.accepted + b.rejectedOnInspection + b.returned;
}

function moveUnits(
  order: SalesOrder,
  lineNumber: number,
  quantity: number,
  from: Bucket,
  to: Bucket,
  also: (line: SalesOrderLine) => SalesOrderLine = (line) => line,
): Applied {
  const index = order.lines.findIndex((line) => line.line === lineNumber);
  const line = order.lines[index];
  if (line === undefined) return noLine(lineNumber);
  if (line.buckets[from] < quantity) {
    return {
      guard: `line ${lineNumber} has ${line.buckets[from]} ${from} unit(s); cannot move ${quantity} to ${to}`,
      issues: [{ path: ["quantity"], code: "too_large", message: `at most ${line.buckets[from]}` }],
    };
  }
  const buckets = {
    ...line.buckets,
    [from]: line.buckets[from] - quantity,
    [to]: line.buckets[to] + quantity,
  };
  const lines = order.lines.map((l, i) => (i === index ? also({ ...line, buckets }) : l));
  return { lines, effects: [] };
}

function amend(
  order: SalesOrder,
  changes: readonly {
    line: number;
    quantity?: number | undefined;
    unitPrice?: string | number | undefined;
  }[],
): Applied {
  const issues: Issue[] = [];
  const lines = order.lines.map((line) => {
    const change = changes.find((c) => c.line === line.line);
    if (change === undefined) return line;
    const committed = line.quantity - line.buckets.open;
    const quantity = change.quantity ?? line.quantity;
    if (quantity < committed) {
      issues.push({
        path: ["lines", changes.indexOf(change), "quantity"],
        code: "too_small",
        message: `line ${line.line} already has ${committed} unit(s) past open`,
      });
    }
    const price = change.unitPrice === undefined ? line.unitPrice : amountText(change.unitPrice);
    const { amount: _stale, ...rest } = line;
    return {
      ...rest,
      quantity,
      unitPrice: price,
      buckets: { ...line.buckets, open: line.buckets.open + quantity - line.quantity },
    };
  });
  changes.forEach((change, index) => {
    if (!order.lines.some((line) => line.line === change.line)) {
      issues.push({
        path: ["lines", index, "line"],
        code: "unknown_reference",
        message: `order ${order.id} has no line ${change.line}`,
      });
    }
  });
  if (issues.length > 0) return { guard: "the amendment does not fit the order", issues };
  // An amendment makes the registered amounts stale: they are derived again for verification.
  const total = lines.reduce(
    (sum, line) => sum.plus(new Money(line.unitPrice).times(line.quantity)),
    ZERO,
  );
  const withAmounts = lines.map((line) => ({
    ...line,
    amount: new Money(line.unitPrice).times(line.quantity).toString(),
  }));
  return { lines: withAmounts, effects: [], header: { total: total.toString() } };
}

/**
 * An amount the schema accepted, as the order keeps it: a string as written, a
 * JSON number as its plain decimal digits (R-UNIT-2) — `1e-7` is kept as
 * `"0.0000001"`, never in exponent notation.
 */
function amountText(value: string | number): string {
  return typeof value === "string" ? value : (readAmount(value) as Decimal).toString();
}

function byAge(a: LineLock, b: LineLock): number {
  return compareIds(a.lockedOn, b.lockedOn) || compareIds(a.id, b.id);
}

/** What is left of a line's locks after converting `quantity` units, oldest first. */
function consumeOldest(locks: readonly LineLock[], quantity: number): LineLock[] {
  let left = quantity;
  const kept: LineLock[] = [];
  for (const lock of locks) {
    const taken = Math.min(left, lock.quantity);
    left -= taken;
    if (lock.quantity > taken)
      kept.push(taken === 0 ? lock : { ...lock, quantity: lock.quantity - taken });
  }
  return kept;
}

function noLine(line: number): Applied {
  return {
    guard: `the order has no line ${line}`,
    issues: [{ path: ["line"], code: "unknown_reference", message: `no line ${line}` }],
  };
}

function notice(
  order: SalesOrder,
  notice: "order-rejected" | "order-cancelled" | "lock-released",
  message: string,
): Effect {
  return { kind: "notice", notice, franchisee: order.franchisee, order: order.id, message };
}

/** The notice that a lock's units went back to free stock (release, cancel). */
function lockReleased(order: SalesOrder, line: number, lock: LineLock): Effect {
  return notice(
    order,
    "lock-released",
    `lock ${lock.id} of ${order.id} line ${line} released ${lock.quantity} unit(s) to free stock`,
  );
}

function plus(a: string, b: Decimal): string {
  return new Money(a).plus(b).toString();
}

function refuse(
  code: TransitionError["code"],
  order: SalesOrder,
  event: string,
  message: string,
  issues: readonly Issue[] = [],
): TransitionResult {
  return { ok: false, error: { code, state: order.state, event, message, issues } };
}
