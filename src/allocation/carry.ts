import type { Decimal } from "decimal.js";
import type { IsoDate } from "../domain/dates.js";
import { currencyMinorDigits, formatAmount, Money, ZERO } from "../domain/money.js";
import type { AllocationRequest, Commitment, Order, OrderLine } from "../domain/types.js";
import { compareIds } from "../ranking/compare.js";
import {
  type CarryNext,
  type CarryNextRequest,
  carriedPlanWire,
  carryNextWire,
} from "../schema/carryWire.js";
import { holdKey } from "../schema/holdback.js";
import type { AllocationInput, InputOf, UntypedInput } from "../schema/inputTypes.js";
import { InputError, type Issue, under } from "../schema/issues.js";
import { parseAllocationInput } from "../schema/parseInput.js";
import { check, collect } from "../schema/zodIssues.js";
import type { AllocationPlan } from "./plan.js";
import { digestOf } from "./planId.js";

/*
 * R-RUN-2: one run's input and its plan, plus what happened since, give the
 * next run's input. The money side is R-RUN-1: what the plan allocated is
 * committed until shipping posts it, so it travels as `commitments` and the
 * next run nets it from finance's figures. R-RUN-3: the plan must be the plan
 * of this very input (its planId), so a plan is never carried twice.
 */

type Wire<K extends keyof AllocationInput> = NonNullable<AllocationInput[K]>;
type WireCommitment = Wire<"commitments">[number];

/** A commitment while carrying: its units and money shrink as shipments post. */
interface OpenCommitment {
  readonly source: Omit<Commitment, "quantity" | "cash" | "credit">;
  quantity: number;
  cash: Decimal;
  credit: Decimal;
}

/**
 * R-RUN-2: the next run's input, from this run's `input`, its `plan` and what
 * happened since (`next`, the edition-2 entry points), in wire form (money as decimal
 * strings) and canonical order (every list by its key):
 *
 * - `orders`: `allocated` raised by the plan's allocations; a released lock's
 *   `lockBlockedUntil` on its line; an order left with nothing outstanding, no
 *   lock and no commitment is dropped.
 * - `locks`: the plan's `locks` (every lock active after the run).
 * - `supply`: the plan's `remaining` plus `next.arrivals`, per SKU.
 * - `commitments` (R-RUN-1): the input's, plus the plan's allocations (one row
 *   per line, `plan` = its planId, `committedOn` = its asOf), less what
 *   `next.shipped` posted: a posted quantity settles its line's commitments
 *   oldest first, and within one the amount takes the cash part first, then
 *   credit (R-POST-1).
 * - `franchisees`: finance's `next.balances` where given (`creditLimit` and
 *   `creditUsed` default to the input's), else the input's figures less what
 *   the shipments posted (cash part from cash, never below zero; credit part
 *   added to `creditUsed`); `next.payments` are added to cash either way.
 * - `storeNeeds`: the plan's store allocations added to `inTransit`;
 *   `regionNeeds`: less the plan's region allocations (a need served is gone).
 * - `products`, `regions`, `stores`, `holdback` (R-HOLD), `currency` and the
 *   complete `policy` are carried; `asOf` is `next.asOf`.
 *
 * @param input - the input the plan was made from: an {@link AllocationInput}, or a value
 *   typed `unknown` (the second signature, {@link UntypedInput})
 * @param plan - the plan `allocate(input)` returned
 * @param next - the next run's date and what happened since the plan
 * @returns the next run's input, ready for `allocate`
 * @throws {@link InputError} listing every problem, each under `input`, `plan`
 *   or `next` (`["next", "payments", 0, "amount"]`): a bad argument, a date not
 *   after the plan's, an unknown reference, a shipment of more than a line's
 *   unposted units, or a plan that is not this input's (R-RUN-3: already
 *   carried forward, or made from another input)
 * @example
 * ```ts
 * import { type AllocationInput, allocate, carryForward } from "fenhuo";
 * const day1: AllocationInput = {
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" }],
 *   supply: [{ sku: "T100", quantity: 10 }],
 *   franchisees: [{ id: "F01", priority: 1, cash: "500" }],
 *   orders: [{ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *              lines: [{ line: 1, sku: "T100", quantity: 8, unitPrice: "100" }] }],
 * };
 * const plan = allocate(day1);
 * plan.franchiseeAllocations[0]?.amount; // "500.00"
 * plan.locks[0]?.quantity; // 3
 * // Finance still shows 500 (nothing posted yet): day 2 can spend none of it.
 * const day2 = carryForward(day1, plan, { asOf: "2026-03-02" });
 * day2.commitments?.[0]?.cash; // "500.00"
 * allocate(day2).balances[0]?.spendableBefore; // "0.00"
 * ```
 */
export function carryForward(
  input: InputOf<AllocationInput>,
  plan: AllocationPlan,
  next: CarryNext,
): AllocationInput;
/**
 * {@link carryForward} of untyped JSON: a value typed `unknown` (see
 * {@link UntypedInput}), validated as the `AllocationInput` it should be.
 */
export function carryForward<T>(
  input: UntypedInput<T>,
  plan: AllocationPlan,
  next: CarryNext,
): AllocationInput;
export function carryForward(
  input: unknown,
  plan: AllocationPlan,
  next: CarryNext,
): AllocationInput {
  const issues: Issue[] = [];
  const parsed = parseAllocationInput(input);
  if (!parsed.ok) issues.push(...under(["input"], parsed.issues));
  const carried = collect(check(carriedPlanWire, plan), issues, ["plan"]);
  const later = collect(check(carryNextWire, next), issues, ["next"]);
  if (!parsed.ok || carried === undefined || later === undefined) throw new InputError(issues);
  const request = parsed.value;

  // R-RUN-3: the plan of exactly this input; a carried input digests to another id.
  if (digestOf(request) !== carried.planId) {
    issues.push({
      path: ["plan", "planId"],
      code: "inconsistent",
      message:
        "the plan is not the plan of this input: this plan was already carried forward, or was made from another input",
    });
  }
  // R-PREVIEW: a preview commits nothing; only a run's plan is carried.
  if (carried.preview !== undefined) {
    issues.push({
      path: ["plan", "preview"],
      code: "inconsistent",
      message:
        "the plan is a preview (previewAllocation): it commits nothing and cannot be carried forward; run allocate",
    });
  }
  if (later.asOf <= carried.asOf) {
    issues.push({
      path: ["next", "asOf"],
      code: "inconsistent",
      message: `the next run's date ${later.asOf} must be after the plan's ${carried.asOf}`,
    });
  }
  const carry = new Carry(request, carried as unknown as AllocationPlan, later, issues);
  if (issues.length > 0) throw new InputError(issues);
  return carry.result();
}

/** The carry of one plan: reads everything once, reports into `issues`, then writes. */
class Carry {
  private readonly lines = new Map<string, { order: Order; line: OrderLine }>();
  private readonly allocated = new Map<string, number>();
  private readonly blocked = new Map<string, string>();
  private readonly commitments: OpenCommitment[] = [];
  private readonly posted = new Map<string, { cash: Decimal; credit: Decimal }>();
  private readonly format: (amount: Decimal) => string;

  constructor(
    private readonly request: AllocationRequest,
    private readonly plan: AllocationPlan,
    private readonly next: CarryNextRequest,
    private readonly issues: Issue[],
  ) {
    const digits = currencyMinorDigits(request.currency);
    this.format = (amount) => formatAmount(amount, digits);
    for (const order of request.orders) {
      for (const line of order.lines) this.lines.set(lineKey(order.id, line.line), { order, line });
    }
    this.readPlan();
    this.checkMoney();
    this.post();
  }

  /** The plan's allocations raise `allocated` and become commitments, one per line. */
  private readPlan(): void {
    const { plan } = this;
    const fresh = new Map<string, OpenCommitment>();
    for (const row of plan.franchiseeAllocations) {
      const key = lineKey(row.order, row.line);
      this.allocated.set(key, (this.allocated.get(key) ?? 0) + row.quantity);
      const open = fresh.get(key);
      if (open === undefined) {
        fresh.set(key, {
          source: {
            plan: plan.planId,
            committedOn: plan.asOf as IsoDate,
            order: row.order,
            line: row.line,
            franchisee: row.franchisee,
            sku: row.sku,
          },
          quantity: row.quantity,
          cash: new Money(row.cash),
          credit: new Money(row.credit),
        });
      } else {
        open.quantity += row.quantity;
        open.cash = open.cash.plus(row.cash);
        open.credit = open.credit.plus(row.credit);
      }
    }
    for (const lock of plan.releasedLocks) {
      this.blocked.set(lineKey(lock.order, lock.line), lock.lockBlockedUntil);
    }
    for (const { quantity, cash, credit, ...source } of this.request.commitments) {
      this.commitments.push({ source, quantity, cash, credit });
    }
    this.commitments.push(...fresh.values());
    // Oldest first: a commitment without a date came before any dated one.
    this.commitments.sort(
      (a, b) =>
        compareIds(a.source.order, b.source.order) ||
        a.source.line - b.source.line ||
        compareIds(a.source.committedOn ?? "", b.source.committedOn ?? "") ||
        compareIds(a.source.plan ?? "", b.source.plan ?? ""),
    );
  }

  /** References of payments and balances name franchisees of the input. */
  private checkMoney(): void {
    const known = new Set(this.request.franchisees.map((f) => f.id));
    const seen = new Set<string>();
    for (const [list, rows] of [
      ["payments", this.next.payments ?? []],
      ["balances", this.next.balances ?? []],
    ] as const) {
      rows.forEach((row, index) => {
        if (!known.has(row.franchisee)) {
          this.issues.push({
            path: ["next", list, index, "franchisee"],
            code: "unknown_reference",
            message: `unknown franchisee ${JSON.stringify(row.franchisee)}: not in the input's franchisees`,
          });
        }
        if (list === "balances") {
          if (seen.has(row.franchisee)) {
            this.issues.push({
              path: ["next", list, index, "franchisee"],
              code: "duplicate_key",
              message: `duplicate balances for franchisee ${JSON.stringify(row.franchisee)}`,
            });
          }
          seen.add(row.franchisee);
        }
      });
    }
    const skus = new Set(this.request.products.map((p) => p.sku));
    (this.next.arrivals ?? []).forEach((row, index) => {
      if (!skus.has(row.sku)) {
        this.issues.push({
          path: ["next", "arrivals", index, "sku"],
          code: "unknown_reference",
          message: `unknown product ${JSON.stringify(row.sku)}: not in the input's products`,
        });
      }
    });
  }

  /** R-POST-1: each shipment settles its line's commitments oldest first, cash first. */
  private post(): void {
    const byLine = new Map<string, OpenCommitment[]>();
    for (const open of this.commitments) {
      const key = lineKey(open.source.order, open.source.line);
      const list = byLine.get(key);
      if (list === undefined) byLine.set(key, [open]);
      else list.push(open);
    }
    (this.next.shipped ?? []).forEach((row, index) => {
      const path = ["next", "shipped", index];
      const found = this.lines.get(lineKey(row.order, row.line));
      if (found === undefined) {
        this.issues.push({
          path: [...path, "line"],
          code: "unknown_reference",
          message: `order ${JSON.stringify(row.order)} line ${row.line} is not in the input`,
        });
        return;
      }
      const open = byLine.get(lineKey(row.order, row.line)) ?? [];
      const unposted = open.reduce((sum, commitment) => sum + commitment.quantity, 0);
      if (row.quantity > unposted) {
        this.issues.push({
          path: [...path, "quantity"],
          code: "inconsistent",
          message: `ships ${row.quantity} units but order ${row.order} line ${row.line} has only ${unposted} allocated and not yet posted`,
        });
        return;
      }
      let left = row.quantity;
      const price = found.line.unitPrice;
      const sum = this.posted.get(found.order.franchisee) ?? { cash: ZERO, credit: ZERO };
      for (const commitment of open) {
        const units = Math.min(left, commitment.quantity);
        left -= units;
        const amount = price.times(units);
        const cash = Money.min(amount, commitment.cash);
        const credit = amount.minus(cash);
        commitment.quantity -= units;
        commitment.cash = commitment.cash.minus(cash);
        commitment.credit = commitment.credit.minus(credit);
        sum.cash = sum.cash.plus(cash);
        sum.credit = sum.credit.plus(credit);
      }
      this.posted.set(found.order.franchisee, sum);
    });
  }

  result(): AllocationInput {
    const { request, plan, next, format } = this;
    const committedLines = new Set<string>();
    const commitments: WireCommitment[] = [];
    for (const open of this.commitments) {
      if (open.quantity === 0) continue;
      committedLines.add(lineKey(open.source.order, open.source.line));
      const { plan: id, committedOn, ...rest } = open.source;
      commitments.push({
        ...(id === undefined ? {} : { plan: id }),
        ...(committedOn === undefined ? {} : { committedOn }),
        ...rest,
        quantity: open.quantity,
        cash: format(open.cash),
        credit: format(open.credit),
      });
    }

    const orders: Wire<"orders"> = [];
    for (const order of [...request.orders].sort((a, b) => compareIds(a.id, b.id))) {
      let live = false;
      const lines = [...order.lines]
        .sort((a, b) => a.line - b.line)
        .map((line) => {
          const key = lineKey(order.id, line.line);
          const allocated = line.allocated + (this.allocated.get(key) ?? 0);
          // A line with units locked, or not yet allocated, or committed and not shipped
          // keeps its order (locks hold units not allocated: allocated < quantity).
          if (allocated < line.quantity || committedLines.has(key)) live = true;
          const blockedUntil = this.blocked.get(key) ?? line.lockBlockedUntil;
          return {
            line: line.line,
            sku: line.sku,
            quantity: line.quantity,
            unitPrice: format(line.unitPrice),
            allocated,
            ...(blockedUntil === undefined ? {} : { lockBlockedUntil: blockedUntil }),
          };
        });
      if (live)
        orders.push({
          id: order.id,
          franchisee: order.franchisee,
          orderedOn: order.orderedOn,
          lines,
          ...(order.shipComplete ? { shipComplete: true } : {}),
        });
    }

    const supply = new Map<string, number>();
    for (const row of [...plan.remaining, ...(next.arrivals ?? [])]) {
      supply.set(row.sku, (supply.get(row.sku) ?? 0) + row.quantity);
    }

    const fresh = new Map((next.balances ?? []).map((row) => [row.franchisee, row]));
    const paid = new Map<string, Decimal>();
    for (const row of next.payments ?? []) {
      paid.set(row.franchisee, (paid.get(row.franchisee) ?? ZERO).plus(row.amount));
    }
    const franchisees: Wire<"franchisees"> = [...request.franchisees]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((source) => {
        const balance = fresh.get(source.id);
        const posted = this.posted.get(source.id) ?? { cash: ZERO, credit: ZERO };
        const cash =
          balance === undefined ? Money.max(ZERO, source.cash.minus(posted.cash)) : balance.cash;
        const creditUsed =
          balance === undefined
            ? source.creditUsed.plus(posted.credit)
            : (balance.creditUsed ?? source.creditUsed);
        return {
          id: source.id,
          priority: source.priority,
          cash: format(cash.plus(paid.get(source.id) ?? ZERO)),
          creditLimit: format(balance?.creditLimit ?? source.creditLimit),
          creditUsed: format(creditUsed),
          ...(source.region === undefined ? {} : { region: source.region }),
        };
      });

    const inTransit = new Map<string, number>();
    for (const row of plan.storeAllocations) {
      const key = JSON.stringify([row.store, row.sku]);
      inTransit.set(key, (inTransit.get(key) ?? 0) + row.quantity);
    }
    const served = new Map<string, number>();
    for (const row of plan.regionAllocations) {
      const key = JSON.stringify([row.region, row.sku]);
      served.set(key, (served.get(key) ?? 0) + row.quantity);
    }

    return {
      asOf: next.asOf,
      currency: request.currency,
      policy: structuredCopy(request.policy),
      products: [...request.products]
        .sort((a, b) => compareIds(a.sku, b.sku))
        .map((product) => ({ ...product })),
      supply: [...supply]
        .filter(([, quantity]) => quantity > 0)
        .sort(([a], [b]) => compareIds(a, b))
        .map(([sku, quantity]) => ({ sku, quantity })),
      franchisees,
      orders,
      locks: plan.locks.map(({ isNew: _isNew, ...lock }) => ({ ...lock })),
      commitments,
      regions: [...request.regions]
        .sort((a, b) => compareIds(a.id, b.id))
        .map((region) => ({ ...region })),
      stores: [...request.stores]
        .sort((a, b) => compareIds(a.id, b.id))
        .map((store) => ({ ...store })),
      storeNeeds: [...request.storeNeeds]
        .sort((a, b) => compareIds(a.store, b.store) || compareIds(a.sku, b.sku))
        .map((need) => ({
          ...need,
          inTransit: need.inTransit + (inTransit.get(JSON.stringify([need.store, need.sku])) ?? 0),
        })),
      regionNeeds: [...request.regionNeeds]
        .sort((a, b) => compareIds(a.region, b.region) || compareIds(a.sku, b.sku))
        .map((need) => ({
          ...need,
          quantity: need.quantity - (served.get(JSON.stringify([need.region, need.sku])) ?? 0),
        }))
        .filter((need) => need.quantity > 0),
      // R-HOLD: a standing instruction, kept as given until the planner changes it.
      ...(request.holdback.length === 0
        ? {}
        : {
            holdback: [...request.holdback]
              .sort(
                (a, b) => compareIds(a.sku, b.sku) || compareIds(holdKey(a.for), holdKey(b.for)),
              )
              .map((row) => ({
                sku: row.sku,
                quantity: row.quantity,
                for: typeof row.for === "string" ? row.for : { region: row.for.region },
              })),
          }),
    };
  }
}

function lineKey(order: string, line: number): string {
  return `${order}\u0000${line}`;
}

/** The complete policy as plain JSON (its lists copied, never shared with the request). */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
