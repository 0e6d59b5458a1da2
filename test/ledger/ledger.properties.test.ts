/**
 * Property-based tests of the franchisee funds and credit ledger (seed 6.4.1,
 * 6.4.4; R-POST-1, R-POST-2) over random opening balances and random event
 * sequences: valid and malformed events, unknown franchisees, backdated and
 * repeated events, shipments beyond the credit limit with and without
 * `allowOverLimit`.
 *
 * Expected balances come from a model written here on its own decimal.js
 * clone, never from the ledger's entries. Amounts are generated as whole
 * thousandths and written out with integer arithmetic, so no binary float ever
 * decides an expected value.
 *
 * With CI set, every property runs with the fixed seed 20261128. Each runs 1000
 * times by default; FC_NUM_RUNS sets another count (test/support/runs.ts).
 */
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  availableCreditOf,
  type Ledger,
  openLedger,
  type PostResult,
  post,
  postAll,
  spendableOf,
} from "../../src/index.js";
import { deepFreeze } from "../support/arbitraries.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const RUNS = propertyRuns(1000);
const params = propertyParams(RUNS);

/* ------------------------------------------------------------------------------------------------
 * Exact money, independent of src/domain/money.ts.
 * --------------------------------------------------------------------------------------------- */

const D = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_DOWN });
const dec = (value: string | number): Decimal => new D(value);
const ZERO = dec(0);

/** `m` thousandths as a decimal string: 1234 → "1.234". */
const thousandths = (m: number): string =>
  `${Math.trunc(m / 1000)}.${String(m % 1000).padStart(3, "0")}`;

/** An amount of `m` thousandths, as a string, or as a JSON number when it is whole. */
const amountOf = (m: number, asNumber: boolean): string | number =>
  asNumber && m % 1000 === 0 ? m / 1000 : thousandths(m);

const amount = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.boolean()).map(([m, asNumber]) => amountOf(m, asNumber));

/* ------------------------------------------------------------------------------------------------
 * Scenarios: opening balances and a sequence of steps.
 * --------------------------------------------------------------------------------------------- */

const IDS = ["F1", "F2", "F3", "__proto__"] as const;
/** 2026-03-01 … 2026-03-28: a step moves the calendar on now and then, or backdates. */
const DAYS = Array.from({ length: 28 }, (_, k) => `2026-03-${String(k + 1).padStart(2, "0")}`);

interface Step {
  readonly event: Readonly<Record<string, unknown>>;
  readonly allowOverLimit: boolean;
  /** Whether the event is well formed (a malformed one must come back INVALID_EVENT). */
  readonly valid: boolean;
}

interface Scenario {
  readonly currency: string;
  readonly accounts: readonly Readonly<Record<string, unknown>>[];
  readonly steps: readonly Step[];
}

/** Finance's balances: credit used never above the limit, so that only postings can pass it. */
const balances = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }))
  .chain(([cash, limit]) =>
    fc.record({
      cash: fc.boolean().map((asNumber) => amountOf(cash, asNumber)),
      creditLimit: fc.constant(thousandths(limit)),
      creditUsed: fc.integer({ min: 0, max: limit }).map(thousandths),
    }),
  );

const openingAccount = fc
  .record({ franchisee: fc.constantFrom(...IDS), asOf: fc.constantFrom(...DAYS.slice(0, 2)) })
  .chain((head) => balances.map((money) => ({ ...head, ...money })));

const header = fc.record({
  franchisee: fc.oneof(
    { arbitrary: fc.constantFrom(...IDS), weight: 12 },
    { arbitrary: fc.constant("F9"), weight: 1 },
  ),
  // Dated by `scenarioWith`, which keeps the calendar moving forward.
  on: fc.constant(DAYS[0] as string),
  // Few references, so that the same event comes twice now and then.
  reference: fc.constantFrom("R1", "R2", "R3", "R4"),
});

const snapshot = fc
  .tuple(header, balances)
  .map(([head, money]) => ({ kind: "snapshot", ...head, ...money }));
const deposit = fc
  .tuple(header, amount(1, 1_000_000))
  .map(([head, value]) => ({ kind: "deposit", ...head, amount: value }));
const refund = fc
  .tuple(header, amount(1, 1_500_000))
  .map(([head, value]) => ({ kind: "refund", ...head, amount: value }));
const shipment = fc
  .tuple(
    header,
    fc.record({
      order: fc.constantFrom("SO-1", "SO-2"),
      line: fc.integer({ min: 1, max: 2 }),
      quantity: fc.integer({ min: 1, max: 9 }),
    }),
    fc.integer({ min: 0, max: 1_200_000 }),
    fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  )
  .map(([head, line, m, cashShare]) => {
    const event: Record<string, unknown> = { kind: "shipment", ...head, ...line };
    event.amount = thousandths(m);
    if (cashShare !== undefined) {
      // The split chosen at allocation: integer thousandths, so cash + credit = amount exactly.
      const cash = Math.min(m, Math.floor(m * cashShare));
      event.cash = thousandths(cash);
      event.credit = thousandths(m - cash);
    }
    return event;
  });
const malformed = fc
  .tuple(
    header,
    fc.constantFrom<Record<string, unknown>>(
      { kind: "deposit", amount: "0" },
      { kind: "refund", amount: "-1" },
      { kind: "refund", amount: 1, on: "2026-02-30" },
      { kind: "transfer", amount: "1" },
      { kind: "shipment", order: "SO-1", line: 1, quantity: 0, amount: "1" },
      { kind: "shipment", order: "SO-1", line: 1, quantity: 1, amount: "1", cash: "0.6" },
      {
        kind: "shipment",
        order: "SO-1",
        line: 1,
        quantity: 1,
        amount: "1",
        cash: "1",
        credit: "1",
      },
      { kind: "snapshot", cash: "1", creditLimit: "1" },
    ),
  )
  .map(([head, body]) => ({ ...head, ...body }));

const step = (overLimit: fc.Arbitrary<boolean>) =>
  fc.record({
    event: fc.oneof(
      { arbitrary: snapshot, weight: 2 },
      { arbitrary: deposit, weight: 2 },
      { arbitrary: shipment, weight: 6 },
      { arbitrary: refund, weight: 2 },
      { arbitrary: malformed, weight: 1 },
    ),
    allowOverLimit: overLimit,
    // 0: backdated by a day; 1–3: the next day; otherwise the same day.
    calendar: fc.integer({ min: 0, max: 11 }),
  });

const scenarioWith = (overLimit: fc.Arbitrary<boolean>): fc.Arbitrary<Scenario> =>
  fc.record({
    currency: fc.constantFrom("CNY", "JPY", "KWD"),
    accounts: fc.uniqueArray(openingAccount, {
      selector: (a) => a.franchisee,
      minLength: 2,
      maxLength: 4,
    }),
    steps: fc.array(step(overLimit), { maxLength: 30, size: "max" }).map((steps) => {
      let day = 0;
      return steps.map(({ event, allowOverLimit, calendar }) => {
        if (calendar >= 1 && calendar <= 3) day = Math.min(day + 1, DAYS.length - 1);
        const on = calendar === 0 ? Math.max(day - 1, 0) : day;
        const dated = event.on === "2026-02-30" ? event : { ...event, on: DAYS[on] };
        return { event: dated, allowOverLimit, valid: isWellFormed(dated) };
      });
    }),
  });

/** Scenarios where some shipments pass `allowOverLimit: true`. */
const scenario = scenarioWith(fc.boolean());
/** Scenarios where `allowOverLimit` is never passed. */
const scenarioWithinLimits = scenarioWith(fc.constant(false));

function isWellFormed(event: Readonly<Record<string, unknown>>): boolean {
  const { kind } = event;
  if (kind === "transfer" || event.on === "2026-02-30") return false;
  if ((kind === "deposit" || kind === "refund") && !dec(String(event.amount)).gt(0)) return false;
  if (kind === "shipment") {
    if (event.quantity === 0) return false;
    if ((event.cash === undefined) !== (event.credit === undefined)) return false;
    if (event.cash !== undefined) {
      const sum = dec(String(event.cash)).plus(String(event.credit));
      if (!sum.eq(String(event.amount))) return false;
    }
  }
  return !(kind === "snapshot" && event.creditUsed === undefined);
}

/* ------------------------------------------------------------------------------------------------
 * The model: the rules of SPEC §4 and seed 6.4.1 written out again.
 * --------------------------------------------------------------------------------------------- */

interface ModelAccount {
  cash: Decimal;
  limit: Decimal;
  used: Decimal;
  asOf: string;
}

type Outcome =
  | "accepted"
  | "INVALID_EVENT"
  | "UNKNOWN_FRANCHISEE"
  | "DUPLICATE_EVENT"
  | "BACKDATED_EVENT"
  | "CREDIT_LIMIT_EXCEEDED";

class Model {
  readonly accounts = new Map<string, ModelAccount>();
  private readonly seen = new Set<string>();

  constructor(opening: Scenario["accounts"]) {
    for (const a of opening) {
      this.accounts.set(String(a.franchisee), {
        cash: dec(String(a.cash)),
        limit: dec(String(a.creditLimit)),
        used: dec(String(a.creditUsed)),
        asOf: String(a.asOf),
      });
    }
  }

  /** Applies a step; returns what the ledger must answer. */
  apply(s: Step): Outcome {
    if (!s.valid) return "INVALID_EVENT";
    const e = s.event;
    const who = String(e.franchisee);
    const account = this.accounts.get(who);
    if (account === undefined && e.kind !== "snapshot") return "UNKNOWN_FRANCHISEE";
    const key = JSON.stringify(
      e.kind === "shipment"
        ? [e.kind, who, e.reference, e.order, e.line]
        : [e.kind, who, e.reference],
    );
    if (this.seen.has(key)) return "DUPLICATE_EVENT";
    if (account !== undefined && String(e.on) < account.asOf) return "BACKDATED_EVENT";

    const on = String(e.on);
    if (e.kind === "snapshot") {
      this.accounts.set(who, {
        cash: dec(String(e.cash)),
        limit: dec(String(e.creditLimit)),
        used: dec(String(e.creditUsed)),
        asOf: on,
      });
    } else if (account !== undefined) {
      const value = dec(String(e.amount));
      if (e.kind === "deposit") account.cash = account.cash.plus(value);
      if (e.kind === "refund") {
        // R-POST-2: credit used first, down to zero; the rest is cash.
        const repaid = D.min(value, account.used);
        account.used = account.used.minus(repaid);
        account.cash = account.cash.plus(value.minus(repaid));
      }
      if (e.kind === "shipment") {
        // R-POST-1: cash gives what it can of its part; everything else is credit.
        const cashPart = e.cash === undefined ? value : dec(String(e.cash));
        const taken = D.min(cashPart, account.cash);
        const onCredit = value.minus(taken);
        const room = D.max(ZERO, account.limit.minus(account.used));
        if (onCredit.gt(room) && !s.allowOverLimit) return "CREDIT_LIMIT_EXCEEDED";
        account.cash = account.cash.minus(taken);
        account.used = account.used.plus(onCredit);
      }
      account.asOf = on;
    }
    this.seen.add(key);
    return "accepted";
  }
}

/* ------------------------------------------------------------------------------------------------
 * Running a scenario.
 * --------------------------------------------------------------------------------------------- */

interface Posting {
  readonly step: Step;
  readonly result: PostResult;
}

/** Posts every step in turn to a deep-frozen ledger: any mutation would throw. */
function run(s: Scenario): { opening: Ledger; final: Ledger; postings: Posting[] } {
  const opening = deepFreeze(openLedger({ currency: s.currency, accounts: s.accounts }));
  let ledger = opening;
  const postings: Posting[] = [];
  for (const st of s.steps) {
    const result = post(ledger, st.event, { allowOverLimit: st.allowOverLimit });
    postings.push({ step: st, result });
    if (result.ok) ledger = deepFreeze(result.ledger);
  }
  return { opening, final: ledger, postings };
}

const outcomeOf = (result: PostResult): Outcome => (result.ok ? "accepted" : result.error.code);

describe("properties", () => {
  it("every posting answers as an independent model of R-POST-1, R-POST-2 and seed 6.4.1 does", () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(scenario, (s) => {
        const model = new Model(s.accounts);
        const { postings } = run(s);
        for (const { step: st, result } of postings) {
          expect(outcomeOf(result)).toBe(model.apply(st));
          count(outcomeOf(result));
          if (!result.ok) continue;
          const { entry } = result;
          if (entry.kind === "shipment" && entry.overLimit) count("over limit");
          if (entry.kind === "shipment" && dec(entry.shortfallToCredit).gt(0)) count("shortfall");
          if (entry.kind === "refund" && dec(entry.toCredit).gt(0) && dec(entry.toCash).gt(0)) {
            count("refund to credit and cash");
          }
          const ids = [...model.accounts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          const expected = ids.map((id) => {
            const m = model.accounts.get(id) as ModelAccount;
            return [id, m.cash.toString(), m.limit.toString(), m.used.toString(), m.asOf];
          });
          const actual = result.ledger.accounts.map((a) => [
            a.franchisee,
            dec(a.cash).toString(),
            dec(a.creditLimit).toString(),
            dec(a.creditUsed).toString(),
            a.asOf,
          ]);
          expect(actual).toEqual(expected);
        }
      }),
      params,
    );
    // The generators reach every outcome and every branch of the rules, not a corner of them.
    for (const what of [
      "accepted",
      "INVALID_EVENT",
      "UNKNOWN_FRANCHISEE",
      "DUPLICATE_EVENT",
      "BACKDATED_EVENT",
      "CREDIT_LIMIT_EXCEEDED",
      "over limit",
      "shortfall",
      "refund to credit and cash",
    ]) {
      expect({ what, often: (seen.get(what) ?? 0) >= RUNS / 20 }).toEqual({ what, often: true });
    }
  });

  it("R-POST-1: cash is never negative, and credit used never passes the limit unless allowOverLimit was passed", () => {
    fc.assert(
      fc.property(scenarioWithinLimits, (s) => {
        const broken: unknown[] = [];
        for (const { result } of run(s).postings) {
          if (!result.ok) continue;
          for (const a of result.ledger.accounts) {
            if (dec(a.cash).isNegative() || dec(a.creditUsed).gt(a.creditLimit)) broken.push(a);
          }
          if (result.entry.kind === "shipment" && result.entry.overLimit) broken.push(result.entry);
        }
        expect(broken).toEqual([]);
      }),
      params,
    );
    fc.assert(
      fc.property(scenario, (s) => {
        const broken: unknown[] = [];
        for (const { result } of run(s).postings) {
          if (!result.ok) continue;
          broken.push(...result.ledger.accounts.filter((a) => dec(a.cash).isNegative()));
        }
        expect(broken).toEqual([]);
      }),
      params,
    );
  });

  it("appends one entry per accepted event; a refused event leaves the ledger deep-equal; nothing is mutated", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const opening = openLedger({ currency: s.currency, accounts: s.accounts });
        let ledger = opening;
        let accepted = 0;
        for (const st of s.steps) {
          const copy = structuredClone(ledger);
          const event = deepFreeze(st.event);
          const result = post(deepFreeze(ledger), event, { allowOverLimit: st.allowOverLimit });
          expect(ledger).toEqual(copy);
          if (result.ok) {
            accepted++;
            expect(result.ledger.entries.at(-1)).toBe(result.entry);
            expect(result.entry.sequence).toBe(accepted);
            ledger = result.ledger;
          } else {
            expect(Object.keys(result).sort()).toEqual(["error", "ok"]);
            expect(result.error.message.length).toBeGreaterThan(0);
          }
        }
        expect(ledger.entries).toHaveLength(accepted);
      }),
      params,
    );
  });

  it("conserves money: with no snapshot, cash − credit used moves by deposits + refunds − shipments, exactly", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { opening, final, postings } = run(s);
        const moved = new Map<string, Decimal>();
        const snapshotted = new Set<string>();
        for (const { step: st, result } of postings) {
          if (!result.ok) continue;
          const who = result.entry.franchisee;
          if (st.event.kind === "snapshot") snapshotted.add(who);
          else {
            const value = dec(String(st.event.amount));
            const signed = st.event.kind === "shipment" ? value.neg() : value;
            moved.set(who, (moved.get(who) ?? ZERO).plus(signed));
          }
        }
        for (const account of final.accounts) {
          if (snapshotted.has(account.franchisee)) continue;
          const start = opening.accounts.find((a) => a.franchisee === account.franchisee);
          if (start === undefined) throw new Error("an account opened without a snapshot");
          const net = (a: { cash: string; creditUsed: string }) => dec(a.cash).minus(a.creditUsed);
          const expected = net(start).plus(moved.get(account.franchisee) ?? ZERO);
          expect(net(account).toString()).toBe(expected.toString());
        }
      }),
      params,
    );
  });

  it("every entry's balances hold together, start where the account's previous entry ended, and reopen deep-equal", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { opening, final } = run(s);
        const broken: unknown[] = [];
        const last = new Map<string, unknown>();
        for (const entry of final.entries) {
          for (const b of entry.before === null ? [entry.after] : [entry.before, entry.after]) {
            const available = D.max(ZERO, dec(b.creditLimit).minus(b.creditUsed));
            if (
              !dec(b.availableCredit).eq(available) ||
              !dec(b.spendable).eq(dec(b.cash).plus(available)) ||
              !availableCreditOf(b).eq(available) ||
              !spendableOf(b).eq(b.spendable)
            ) {
              broken.push(entry);
            }
          }
          const previous = last.get(entry.franchisee);
          if (previous !== undefined) expect(entry.before).toEqual(previous);
          else if (entry.before === null) {
            // Only a snapshot opening a new account has no balances before.
            expect(entry.kind).toBe("snapshot");
            expect(opening.accounts.some((a) => a.franchisee === entry.franchisee)).toBe(false);
          }
          last.set(entry.franchisee, entry.after);
        }
        expect(broken).toEqual([]);
        expect(openLedger(JSON.parse(JSON.stringify(final)))).toEqual(final);
      }),
      params,
    );
  });

  it("postAll gives what posting one by one gives, or the first refusal and no change", () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), (s, allowOverLimit) => {
        const opening = deepFreeze(openLedger({ currency: s.currency, accounts: s.accounts }));
        const events = s.steps.map((st) => st.event);
        const batch = postAll(opening, events, { allowOverLimit });
        let ledger = opening;
        let refusal: { index: number; result: PostResult } | undefined;
        for (const [index, event] of events.entries()) {
          const result = post(ledger, event, { allowOverLimit });
          if (!result.ok) {
            refusal = { index, result };
            break;
          }
          ledger = result.ledger;
        }
        const firstInvalid = s.steps.findIndex((st) => !st.valid);
        if (firstInvalid >= 0) {
          expect(batch).toMatchObject({
            ok: false,
            index: firstInvalid,
            error: { code: "INVALID_EVENT" },
          });
        } else if (refusal !== undefined) {
          expect(batch).toEqual({ ok: false, index: refusal.index, error: refusal.result.error });
        } else {
          expect(batch).toEqual({ ok: true, ledger, entries: ledger.entries });
        }
      }),
      params,
    );
  });
});
