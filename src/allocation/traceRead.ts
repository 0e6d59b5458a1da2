import type { IsoDate } from "../domain/dates.js";
import { RULE, type RuleId } from "../domain/rules.js";
import { type LineTable, lineIndex } from "./lineTable.js";
import type { Decision, FundedDecision, Limit, LockDecision, StoreDecision } from "./plan.js";
import type { Amount } from "./runMoney.js";
import type { ShareFact } from "./share.js";
import type { CompleteShortfall } from "./shipComplete.js";
import type { Draft, OrderedFigures } from "./state.js";
import {
  type DirectClaim,
  FUNDED,
  FUNDED_FRANCHISEE,
  LIMIT_MASK,
  LIMITS,
  LOCK,
  REGION,
  STOPPED,
  STORE,
  type TraceColumns,
  type TraceRecorder,
  WHOLE,
  WHOLE_ORDER,
} from "./trace.js";

/*
 * Reading a run's compact trace (trace.ts records it): the documented
 * decision objects, all of them or those about one demand.
 */

/** What turning recorded rows into decisions reads of the finished run. */
export interface TraceContext {
  readonly lines: LineTable;
  readonly franchisees: readonly {
    readonly id: string;
    readonly priority: number;
    /** R-PRIO-FACTORS: what it ordered, when the tie-break ranked by it. */
    readonly ordered: OrderedFigures | undefined;
  }[];
  /** Line `i`'s unit price as the plan writes it. */
  readonly priceText: (i: number) => string;
  /** Writes a run amount as the plan does. */
  readonly text: (amount: Amount) => string;
  /** The id of the new lock of a line (R-LOCK-PLACE), and its expiry. */
  readonly newLock: (line: number) => { readonly id: string; readonly expiresOn: IsoDate };
}

const FUNDED_RULES = Object.freeze([
  RULE.ALLOC_FUNDED,
  RULE.RANK_FUNDED,
  RULE.RANK_LINE,
  RULE.RANK_PRODUCT,
]);
const FUNDED_RULES_SHORT = Object.freeze([...FUNDED_RULES, RULE.ALLOC_PARTIAL]);
/** R-PRIO-FACTORS: the same, when the tie-break decided the franchisee's place. */
const FUNDED_RULES_TIED = Object.freeze([...FUNDED_RULES, RULE.PRIO_FACTORS]);
const FUNDED_RULES_SHORT_TIED = Object.freeze([...FUNDED_RULES_SHORT, RULE.PRIO_FACTORS]);
const LOCK_RULES = Object.freeze([RULE.LOCK_PLACE, RULE.RANK_LINE, RULE.RANK_PRODUCT]);
const LOCK_RULES_BLOCKED = Object.freeze([...LOCK_RULES, RULE.LOCK_EXPIRE]);
const SEASONAL = Object.freeze([
  RULE.ALLOC_DIRECT,
  RULE.ALLOC_SEASONAL,
  RULE.RANK_REGION,
  RULE.RANK_STORE,
]);
const NONSEASONAL = Object.freeze([
  RULE.ALLOC_DIRECT,
  RULE.ALLOC_NONSEASONAL,
  RULE.RANK_REGION,
  RULE.RANK_STORE,
]);

/** A demand as `explain` names it (an order line, or a store's or region's need for a SKU). */
export type TraceRef =
  | { readonly kind: "order-line"; readonly order: string; readonly line: number }
  | { readonly kind: "store"; readonly store: string; readonly sku: string }
  | { readonly kind: "region"; readonly region: string; readonly sku: string };

/**
 * A run's recorded trace with what it takes to read it: the documented
 * decision objects of {@link Decision} — field for field, in the key order the
 * JSON contract prints them — all of them ({@link CompactTrace.all}, which the
 * plan keeps once read), or only those about one demand ({@link CompactTrace.about}, made
 * without the others).
 */
export class CompactTrace {
  /** The last spendable written, and its text: a franchisee's lines often meet the same one. */
  private lastSpendable: Amount | undefined;
  private lastText = "";
  private handedOut = false;
  private readonly rows: TraceColumns;

  constructor(
    trace: TraceRecorder,
    private readonly context: TraceContext,
  ) {
    this.rows = trace.columns();
  }

  /** How many decisions the run took. */
  get size(): number {
    return this.rows.size;
  }

  /**
   * The `at`-th decision (0 first), made anew:
   * a writer can stream the trace one decision at a time.
   */
  decision(at: number): Decision {
    return this.decisionAt(at);
  }

  /** Whether {@link all} has given the decisions out (the plan's `trace` was read). */
  get given(): boolean {
    return this.handedOut;
  }

  /** Every decision, in the order they were taken (made anew: the plan keeps what it read). */
  all(): Decision[] {
    this.handedOut = true;
    // Stryker disable next-line ArrayDeclaration: sized up front or grown, the same array
    const out: Decision[] = new Array(this.rows.size);
    for (let at = 0; at < this.rows.size; at++) out[at] = this.decisionAt(at);
    return out;
  }

  /** The decisions about `ref`, in order: what `plan.trace` filtered by it holds. */
  about(ref: TraceRef): Decision[] {
    const { kind, a, ref: refOf, size } = this.rows;
    const line =
      ref.kind === "order-line" ? lineIndex(this.context.lines, ref.order, ref.line) : -1;
    const out: Decision[] = [];
    for (let at = 0; at < size; at++) {
      const type = kind[at] as number;
      const hit =
        type === FUNDED || type === LOCK
          ? a[at] === line
          : type === WHOLE
            ? isAbout(refOf(at) as Decision, ref)
            : claimIsAbout(refOf(at) as DirectClaim, ref);
      if (hit) out.push(this.decisionAt(at));
    }
    return out;
  }

  /** R-SHARE: the share a claimant met, when it shared scarce stock. */
  private shared(at: number, decision: { rules: readonly RuleId[]; share?: ShareFact }): void {
    const share = this.rows.share(at);
    if (share !== undefined) cite(decision, RULE.SHARE, { share });
  }

  /** R-HOLD: the held units a decision short of stock could not reach, when there were any. */
  private held(at: number, decision: { rules: readonly RuleId[]; heldBack?: number }): void {
    const heldBack = this.rows.heldBack(at);
    if (heldBack !== undefined) cite(decision, RULE.HOLD, { heldBack });
  }

  private decisionAt(at: number): Decision {
    const { kind, flags, a, b, c, d, e, f, ref } = this.rows;
    const type = kind[at] as number;
    if (type === WHOLE) return ref(at) as Decision;
    const quantity = e[at] as number;
    const demand = d[at] as number;
    const stock = f[at] as number;
    const packed = this.rows.packed(at);
    if (type === STORE || type === REGION) {
      const decision = directDecision(
        ref(at) as DirectClaim,
        a[at] as number,
        b[at] as number,
        c[at] as number,
        demand,
        stock,
        quantity,
      );
      const draft = decision as Draft<StoreDecision>;
      this.shared(at, draft);
      if (packed !== undefined) cite(draft, RULE.PACK, packed);
      this.held(at, draft);
      const fromHeld = this.rows.fromHeld(at);
      if (fromHeld !== undefined) cite(draft, RULE.HOLD, { fromHeld });
      return decision;
    }
    const { lines, franchisees, priceText, text } = this.context;
    const i = a[at] as number;
    const source = lines.source[i] as (typeof lines.source)[number];
    const franchisee = franchisees[lines.franchisee[i] as number] as (typeof franchisees)[number];
    const order = (lines.orders[lines.order[i] as number] as (typeof lines.orders)[number]).id;
    const flag = flags[at] as number;
    const limitedBy = LIMITS[flag & LIMIT_MASK] as Limit;
    const refusal = limitedBy === "min-fill" ? this.rows.refusal(at) : undefined;
    if (type === FUNDED) {
      const spendable = this.rows.spendable(at);
      if (spendable !== this.lastSpendable) {
        this.lastSpendable = spendable;
        this.lastText = text(spendable);
      }
      const decision: { -readonly [K in keyof FundedDecision]: FundedDecision[K] } = {
        pass: "funded",
        kind: "order-line",
        order,
        line: source.line,
        franchisee: franchisee.id,
        sku: source.sku,
        rules: fundedRules(
          limitedBy === "funds" ||
            (refusal !== undefined && refusal.offered < Math.min(demand, stock)) ||
            (limitedBy === "ship-complete" && this.rows.shortfall(at)?.limitedBy === "funds"),
          franchisee.ordered?.tied === true,
        ),
        quantity,
        franchiseeRank: b[at] as number,
        lineRank: c[at] as number,
        demand,
        limitedBy,
        funded: (flag & FUNDED_FRANCHISEE) !== 0,
        stock,
        unitPrice: priceText(i),
        spendable: this.lastText,
        priority: franchisee.priority,
      };
      if ((flag & STOPPED) !== 0) decision.stopped = true;
      this.shared(at, decision);
      const spread = this.rows.spread(at);
      if (spread !== undefined) cite(decision, RULE.SIZE_RUN, { sizeRun: spread });
      if (packed !== undefined) cite(decision, RULE.PACK, packed);
      if (refusal !== undefined) cite(decision, RULE.MINFILL, refusal);
      if ((flag & WHOLE_ORDER) !== 0)
        cite(decision, RULE.COMPLETE, complete(this.rows.shortfall(at)));
      this.held(at, decision);
      if (franchisee.ordered !== undefined) {
        decision.orderedUnits = franchisee.ordered.units;
        decision.orderedValue = franchisee.ordered.valueText;
      }
      return decision;
    }
    const blockedUntil = ref(at) as IsoDate | undefined;
    const decision: { -readonly [K in keyof LockDecision]: LockDecision[K] } = {
      pass: "lock",
      kind: "order-line",
      order,
      line: source.line,
      franchisee: franchisee.id,
      sku: source.sku,
      rules: blockedUntil === undefined ? LOCK_RULES : LOCK_RULES_BLOCKED,
      quantity,
      franchiseeRank: b[at] as number,
      lineRank: c[at] as number,
      demand,
      priority: franchisee.priority,
      limitedBy,
      stock,
    };
    if (blockedUntil !== undefined) decision.blockedUntil = blockedUntil;
    if (packed !== undefined) cite(decision, RULE.PACK, packed);
    if (refusal !== undefined) cite(decision, RULE.MINFILL, refusal);
    if ((flag & WHOLE_ORDER) !== 0)
      cite(decision, RULE.COMPLETE, complete(this.rows.shortfall(at)));
    this.held(at, decision);
    if (quantity > 0) {
      const lock = this.context.newLock(i);
      decision.lock = lock.id;
      decision.expiresOn = lock.expiresOn;
    }
    return decision;
  }
}

/**
 * A lever's fact on a decision: `rule` appended to its rules (R-MINFILL,
 * R-PACK, R-COMPLETE, R-SIZE-RUN, R-HOLD, R-SHARE) and `facts` set on it, in their order.
 */
function cite<D extends { rules: readonly RuleId[] }>(
  decision: D,
  rule: RuleId,
  facts: Partial<Omit<D, "rules">>,
): void {
  decision.rules = Object.freeze([...decision.rules, rule]);
  Object.assign(decision, facts);
}

/** R-COMPLETE: what a held-back order's decisions carry (nothing when it was served whole). */
function complete(shortfall: CompleteShortfall | undefined): { completeShort?: CompleteShortfall } {
  return shortfall === undefined ? {} : { completeShort: shortfall };
}

function fundedRules(short: boolean, tied: boolean): readonly RuleId[] {
  if (tied) return short ? FUNDED_RULES_SHORT_TIED : FUNDED_RULES_TIED;
  return short ? FUNDED_RULES_SHORT : FUNDED_RULES;
}

/** Whether a decision, or an unfilled row (it names its demand as a ref does), concerns `ref`. */
export function isAbout(subject: TraceRef, ref: TraceRef): boolean {
  switch (ref.kind) {
    case "order-line":
      return (
        subject.kind === "order-line" && subject.order === ref.order && subject.line === ref.line
      );
    case "store":
      return subject.kind === "store" && subject.store === ref.store && subject.sku === ref.sku;
    case "region":
      return subject.kind === "region" && subject.region === ref.region && subject.sku === ref.sku;
  }
}

function claimIsAbout(claim: DirectClaim, ref: TraceRef): boolean {
  if (claim.kind === "store")
    return ref.kind === "store" && claim.store.id === ref.store && claim.sku.sku === ref.sku;
  return ref.kind === "region" && claim.need.region === ref.region && claim.sku.sku === ref.sku;
}

function directDecision(
  claim: DirectClaim,
  rank: number,
  regionRank: number,
  storeRank: number,
  demand: number,
  stock: number,
  quantity: number,
): Decision {
  const { sku, season, seasonInForce, seasonal } = claim.sku;
  const rules = seasonal ? SEASONAL : NONSEASONAL;
  const limitedBy = quantity < demand ? "stock" : "none";
  if (claim.kind === "store") {
    const { store } = claim;
    return {
      pass: "direct",
      kind: "store",
      store: store.id,
      region: store.region,
      storeClass: store.class,
      sku,
      season,
      seasonInForce,
      rules,
      regionRank,
      storeRank,
      rank,
      demand,
      stock,
      quantity,
      limitedBy,
    };
  }
  return {
    pass: "direct",
    kind: "region",
    region: claim.need.region,
    sku,
    season,
    seasonInForce,
    rules,
    regionRank,
    rank,
    demand,
    stock,
    quantity,
    limitedBy,
  };
}
