import { Money } from "../domain/money.js";
import { RULE, type RuleId } from "../domain/rules.js";
import type { UnfilledReason } from "../domain/vocabulary.js";
import { guarded } from "../schema/guard.js";
import { explainRefShape, freshPlanShape, planContract, planShape } from "../schema/madeShapes.js";
import { compactTraceOf } from "./output.js";
import type {
  AllocationPlan,
  Decision,
  FundedDecision,
  LockDecision,
  RegionDecision,
  StoreDecision,
} from "./plan.js";
import { isAbout } from "./traceRead.js";

/**
 * A demand: an order line (`{ kind: "order-line", order, line }`), or a
 * store's or region's need for a SKU (`{ kind: "store", store, sku }`,
 * `{ kind: "region", region, sku }`). It is what `explain` is asked about,
 * and what every trace decision and unfilled row is about: the type is picked
 * from theirs, so the three cannot disagree.
 */
export type ExplainRef =
  | Pick<FundedDecision, "kind" | "order" | "line">
  | Pick<StoreDecision, "kind" | "store" | "sku">
  | Pick<RegionDecision, "kind" | "region" | "sku">;

/** Why a demand got what it got, from the plan alone. */
export interface Explanation {
  readonly ref: ExplainRef;
  /** Whether any decision of the run concerned this demand. */
  readonly found: boolean;
  /** Units allocated to it in this run. */
  readonly allocated: number;
  /** Units of it under a lock after the run (an order line's carried and new locks). */
  readonly locked: number;
  /** Units of its locks released in this run (expired, or left at the end of a payment grace). */
  readonly released: number;
  /** What is left unfilled, and why. */
  readonly unfilled?: { readonly quantity: number; readonly reason: UnfilledReason };
  /** The rules that decided it, in the order they acted. */
  readonly rules: readonly RuleId[];
  /** The decisions themselves, in the order they were taken. */
  readonly decisions: readonly Decision[];
  /** The same, in one readable sentence. */
  readonly sentence: string;
}

/**
 * Answers "why did this line, store or region get what it got?" from a plan
 * alone: the decisions of the trace that concern it, the rules
 * behind them, and one sentence a planner can read.
 *
 * @param plan - a plan from `allocate`, or the same read back from JSON
 * @param ref - the demand to explain
 * @throws {@link InputError} when `plan` is not a plan or `ref` names no kind of demand
 * @example
 * ```ts
 * import { allocate, explain } from "fenhuo";
 * const plan = allocate({
 *   asOf: "2026-03-01",
 *   products: [{ sku: "T100", season: "SS" }],
 *   supply: [{ sku: "T100", quantity: 3 }],
 *   franchisees: [{ id: "F01", priority: 1, cash: "1000" }],
 *   orders: [{ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-10",
 *              lines: [{ line: 1, sku: "T100", quantity: 5, unitPrice: "100" }] }],
 * });
 * explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence;
 * // "Order SO-1 line 1 (franchisee F01, T100): funded pass — franchisee #1 (priority 1, funded), line #1, got 3 of 5: only 3 in free stock (R-ALLOC-FUNDED); lock pass — franchisee #1, line #1: no free stock left to lock its 2 outstanding unit(s) (R-LOCK-PLACE). Unfilled: 2 (stock)."
 * ```
 */
export function explain(plan: AllocationPlan, ref: ExplainRef): Explanation {
  return guarded(
    [
      {
        name: "plan",
        value: plan,
        shape: compactTraceOf(plan) === undefined ? planShape : freshPlanShape,
        contract: planContract,
      },
      { name: "ref", value: ref, shape: explainRefShape },
    ],
    () => explained(plan, ref),
  );
}

/** {@link explain} of arguments that have their shapes. */
function explained(plan: AllocationPlan, ref: ExplainRef): Explanation {
  // A plan fresh from the engine answers from its compact trace, without making every decision.
  const decisions =
    compactTraceOf(plan)?.about(ref) ?? plan.trace.filter((decision) => isAbout(decision, ref));
  const rules: RuleId[] = [];
  for (const decision of decisions) {
    for (const rule of decision.rules) if (!rules.includes(rule)) rules.push(rule);
  }
  const allocated = allocatedTo(plan, ref);
  // Locks are on order lines: a store's or region's ref has none.
  const onLine = (lock: { readonly order: string; readonly line: number }) =>
    isAbout({ kind: "order-line", order: lock.order, line: lock.line }, ref);
  const locked = sum(plan.locks.filter(onLine));
  const released = sum(plan.releasedLocks.filter(onLine));
  const left = plan.unfilled.find((row) => isAbout(row, ref));
  const unfilled =
    left === undefined ? undefined : { quantity: left.quantity, reason: left.reason };
  const sentence = describe(ref, decisions, unfilled, plan);
  return {
    ref,
    found: decisions.length > 0,
    allocated,
    locked,
    released,
    ...(unfilled === undefined ? {} : { unfilled }),
    rules,
    decisions,
    sentence,
  };
}

function allocatedTo(plan: AllocationPlan, ref: ExplainRef): number {
  switch (ref.kind) {
    case "order-line":
      return sum(
        plan.franchiseeAllocations.filter(
          (row) => row.order === ref.order && row.line === ref.line,
        ),
      );
    case "store":
      return sum(
        plan.storeAllocations.filter((row) => row.store === ref.store && row.sku === ref.sku),
      );
    case "region":
      return sum(
        plan.regionAllocations.filter((row) => row.region === ref.region && row.sku === ref.sku),
      );
  }
}

function sum(rows: readonly { readonly quantity: number }[]): number {
  return rows.reduce((total, row) => total + row.quantity, 0);
}

function describe(
  ref: ExplainRef,
  decisions: readonly Decision[],
  unfilled: Explanation["unfilled"],
  plan: Pick<AllocationPlan, "asOf" | "balances">,
): string {
  const subject = subjectOf(ref, decisions[0]);
  if (decisions.length === 0) {
    return `${subject}: no decision of this run concerns it — it had nothing outstanding, or is not part of this run's input.`;
  }
  const clauses = decisions.map((decision) => clause(decision, plan));
  const tail =
    unfilled === undefined ? "" : ` Unfilled: ${unfilled.quantity} (${unfilled.reason}).`;
  return `${subject}: ${clauses.join("; ")}.${tail}${committedNote(decisions[0] as Decision, plan)}`;
}

/** R-RUN-1: the money earlier runs committed, already out of the franchisee's spendable. */
function committedNote(first: Decision, plan: Pick<AllocationPlan, "balances">): string {
  if (first.kind !== "order-line") return "";
  const committed = plan.balances.find(
    (row) => row.franchisee === first.franchisee,
  )?.committedBefore;
  return committed === undefined
    ? ""
    : ` Franchisee ${first.franchisee}'s spendable was net of ${committed} committed by earlier runs and not yet posted (R-RUN-1).`;
}

function subjectOf(ref: ExplainRef, first: Decision | undefined): string {
  switch (ref.kind) {
    case "order-line": {
      const who =
        first?.kind === "order-line" ? ` (franchisee ${first.franchisee}, ${first.sku})` : "";
      return `Order ${ref.order} line ${ref.line}${who}`;
    }
    case "store": {
      const where = first?.kind === "store" ? ` (${first.region}, class ${first.storeClass})` : "";
      return `Store ${ref.store}${where} for ${ref.sku}`;
    }
    case "region":
      return `Region ${ref.region} stocking need for ${ref.sku}`;
  }
}

function clause(decision: Decision, plan: Pick<AllocationPlan, "asOf">): string {
  switch (decision.pass) {
    case "expiry": {
      const bar = `the line may not be locked again before ${decision.lockBlockedUntil}`;
      if (decision.paymentGraceDays === undefined)
        return `lock ${decision.lock} of ${decision.quantity} expired on ${decision.expiresOn} and went back to free stock; ${bar} (${cited(decision)})`;
      const converted = decision.convertedInGrace ?? 0;
      return `lock ${decision.lock} reached its expiry on ${decision.expiresOn}; in its ${decision.paymentGraceDays}-day payment grace ${decision.franchisee} could pay for ${converted} of ${converted + decision.quantity} unit(s); the other ${decision.quantity} went back to free stock; ${bar} (${cited(decision)})`;
    }
    case "conversion": {
      const got =
        decision.limitedBy === "none"
          ? `converted all ${decision.quantity}`
          : decision.stopped
            ? `converted 0 of ${decision.demand}: an earlier lock ran short of money and afterShortfall is "stop"`
            : `converted ${decision.quantity} of ${decision.demand}: ${decision.spendable} spendable buys ${decision.beforePacks ?? decision.quantity} at ${decision.unitPrice}`;
      const grace =
        decision.paymentGraceDays === undefined
          ? ""
          : `, past its expiry date but in its ${decision.paymentGraceDays}-day payment grace (R-LOCK-GRACE),`;
      const pack = decision.packSize === undefined ? "" : `${packs(decision)} (R-PACK)`;
      return `lock ${decision.lock}${grace} offered first (R-LOCK-CONVERT) — ${got}${pack}`;
    }
    case "funded": {
      const who = `franchisee #${decision.franchiseeRank} (priority ${decision.priority}, ${decision.funded ? "funded" : "unfunded"}${tieBroken(decision)}), line #${decision.lineRank}`;
      return `funded pass — ${who}, ${grant(decision.quantity, decision.demand)}${decision.sizeRun !== undefined ? spreadOver(decision.sizeRun) : decision.share !== undefined && decision.limitedBy === "stock" ? held(decision) : fundedWhy(decision)}${sharedOut(decision)}${packs(decision)} (${cited(decision)})`;
    }
    case "lock": {
      const head = `lock pass — franchisee #${decision.franchiseeRank}, line #${decision.lineRank}`;
      if (decision.blockedUntil !== undefined) {
        const bar =
          decision.blockedUntil > plan.asOf
            ? `the line may not be locked before ${decision.blockedUntil}`
            : "a lock of the line expired in this run, so it is not locked again in this run";
        return `${head}: ${decision.demand} unit(s) not locked — ${bar} (R-LOCK-EXPIRE)`;
      }
      if (decision.limitedBy === "min-fill")
        return `${head}: ${decision.demand} unit(s) not locked — ${refusal(decision)} (${cited(decision)})`;
      if (decision.limitedBy === "ship-complete")
        return `${head}: ${decision.demand} unit(s) not locked — ${heldWhole(decision)} (${cited(decision)})`;
      if (decision.quantity === 0 && decision.stock === 0)
        return `${head}: no free stock left to lock its ${decision.demand} outstanding unit(s)${held(decision)} (${cited(decision)})`;
      if (decision.quantity === 0)
        return `${head}: none of its ${decision.demand} outstanding unit(s) locked — only ${decision.stock} in free stock${packs(decision)}${held(decision)} (${cited(decision)})`;
      const part =
        decision.quantity < decision.demand
          ? ` of ${decision.demand} (only ${decision.stock} in free stock${held(decision)})`
          : "";
      return `${head}: locked ${decision.quantity}${part}${packs(decision)} as ${decision.lock} until ${decision.expiresOn} (${cited(decision)})`;
    }
    case "direct": {
      const place =
        decision.kind === "store"
          ? `region #${decision.regionRank} in the ${decision.seasonInForce} order, store #${decision.storeRank} in its region, claim #${decision.rank} on this SKU`
          : `region #${decision.regionRank} in the ${decision.seasonInForce} order, claim #${decision.rank} on this SKU`;
      const why =
        decision.limitedBy !== "stock"
          ? ""
          : decision.share !== undefined
            ? held(decision)
            : decision.stock === 0
              ? `: free stock was used up before its turn${held(decision)}`
              : `: only ${decision.stock} left in free stock${decision.fromHeld === undefined ? "" : " and units held for it"} when its turn came${held(decision)}`;
      const heldTag = decision.heldBack === undefined ? "" : " (R-HOLD)";
      const drawn =
        decision.fromHeld === undefined
          ? ""
          : `, ${decision.fromHeld} of them from units held back for it (R-HOLD)`;
      const rule = decision.rules.includes(RULE.ALLOC_SEASONAL)
        ? RULE.ALLOC_SEASONAL
        : RULE.ALLOC_NONSEASONAL;
      const pack = decision.packSize === undefined ? "" : `${packs(decision)} (R-PACK)`;
      const shared = decision.share === undefined ? "" : `${sharedOut(decision)} (R-SHARE)`;
      return `direct pass after every franchisee — ${place}, ${grant(decision.quantity, decision.demand)}${why}${heldTag}${shared}${drawn}${pack} (${rule})`;
    }
  }
}

/**
 * The rules a decision records as deciding it, without the orderings that
 * ranked it (R-RANK-…): "R-ALLOC-FUNDED, R-ALLOC-PARTIAL" for a funded line
 * money stopped short, "R-LOCK-GRACE, R-LOCK-EXPIRE" for a lock released at
 * the end of its grace.
 */
function cited(decision: Decision): string {
  return decision.rules.filter((rule) => !rule.startsWith("R-RANK-")).join(", ");
}

function grant(quantity: number, demand: number): string {
  return quantity === demand ? `got all ${demand}` : `got ${quantity} of ${demand}`;
}

/** R-PRIO-FACTORS: how the tie-break placed a franchisee level with another. */
function tieBroken(decision: FundedDecision): string {
  if (!decision.rules.includes(RULE.PRIO_FACTORS)) return "";
  return `; level on priority with another franchisee, placed by franchiseeTieBreak — it ordered ${decision.orderedUnits} unit(s) worth ${decision.orderedValue}`;
}

/** R-SIZE-RUN: how a style's affordable units were spread, or nothing. */
function spreadOver({ style, units }: { style: string; units: number }): string {
  return `: money could not buy every line of style ${style}, so the ${units} unit(s) it could afford were spread over them in proportion to what each misses`;
}

/** R-SHARE: the proportional share a claimant was given, or nothing. */
function sharedOut(decision: {
  readonly share?: { units: number; cap: number; stock: number; claimants: number };
}): string {
  const share = decision.share;
  if (share === undefined) return "";
  return `; ${share.stock} unit(s) could not fill the ${share.claimants} claimants of its rank, so they were shared in proportion to what each could take — ${share.units} for its ${share.cap}`;
}

/** R-HOLD: the held units a demand short of stock could not reach, or nothing. */
function held(decision: { readonly heldBack?: number }): string {
  return decision.heldBack === undefined
    ? ""
    : `, with ${decision.heldBack} more held back for another channel`;
}

/** R-PACK: how whole packs cut a grant, or nothing. */
function packs(decision: { readonly packSize?: number; readonly beforePacks?: number }): string {
  if (decision.packSize === undefined) return "";
  return `, cut to whole packs of ${decision.packSize} from the ${decision.beforePacks} allowed`;
}

/** R-COMPLETE: why a line of a ship-complete order took none. */
function heldWhole(decision: FundedDecision | LockDecision): string {
  const short = decision.completeShort;
  const done = decision.pass === "lock" ? "locked" : "served";
  const why =
    short === undefined
      ? ""
      : short.limitedBy === "stock"
        ? `line ${short.line} could not be ${done} in full from the free stock left${held(decision)}`
        : short.limitedBy === "funds"
          ? `${decision.pass === "funded" ? decision.spendable : "its"} spendable does not pay for every line in full (line ${short.line} is the first it cannot)`
          : `line ${short.line} may not be locked in this run (R-LOCK-EXPIRE)`;
  return `the order ships complete and ${why}, so none of its lines ${decision.pass === "lock" ? "was locked" : "took units"}; the stock${decision.pass === "funded" ? " and money" : ""} passed on`;
}

/** R-MINFILL: why a line took none of what it was offered. */
function refusal(decision: FundedDecision | LockDecision): string {
  const offered = decision.offered ?? 0;
  const limit =
    decision.pass === "lock" || offered === Math.min(decision.demand, decision.stock)
      ? `only ${decision.stock} in free stock${held(decision)}`
      : `${decision.spendable} spendable buys ${offered} at ${decision.unitPrice}`;
  return `${limit}, and ${offered} is below the least it takes, ${decision.minUnits} (minFill); the stock${decision.pass === "funded" ? " and money" : ""} passed on`;
}

function fundedWhy(decision: Extract<Decision, { pass: "funded" }>): string {
  if (decision.limitedBy === "none") return "";
  if (decision.stopped)
    return ': stopped, an earlier line ran short of money and afterShortfall is "stop"';
  if (decision.limitedBy === "min-fill") return ` — ${refusal(decision)}`;
  if (decision.limitedBy === "ship-complete") return ` — ${heldWhole(decision)}`;
  if (decision.limitedBy === "stock")
    return `: only ${decision.stock} in free stock${held(decision)}`;
  // spendable is what the franchisee had before this line: none of it means the line got 0.
  if (new Money(decision.spendable).isZero())
    return `: no money left (spendable ${decision.spendable})`;
  return `: ${decision.spendable} spendable buys ${decision.beforePacks ?? decision.quantity} at ${decision.unitPrice}`;
}
