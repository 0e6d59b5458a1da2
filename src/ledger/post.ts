import { currencyMinorDigits, formatAmount, Money } from "../domain/money.js";
import { guarded } from "../schema/guard.js";
import { formatPath, type Issue, under } from "../schema/issues.js";
import { parseEvent, type TrustedEvent } from "../schema/ledgerWire.js";
import {
  eventListShape,
  ledgerListsShape,
  ledgerShape,
  postOptionsShape,
} from "../schema/madeShapes.js";
import type { LedgerEntry } from "./entries.js";
import type { PostingError } from "./errors.js";
import { accountOfFigures, figuresOf, type Ledger, type LedgerAccount, locate } from "./ledger.js";
import { identityOf, record, sameEvent } from "./record.js";

/** How {@link post} may bend a rule. */
export interface PostOptions {
  /**
   * R-POST-1: let a shipment draw more credit than is available. Only the
   * literal `true` counts; anything else refuses with `CREDIT_LIMIT_EXCEEDED`.
   */
  readonly allowOverLimit?: boolean;
}

/** The result of {@link post}: the new ledger and the entry, or why nothing changed. */
export type PostResult =
  | {
      readonly ok: true;
      readonly ledger: Ledger;
      readonly entry: LedgerEntry;
      readonly error?: never;
    }
  | {
      readonly ok: false;
      readonly error: PostingError;
      readonly ledger?: never;
      readonly entry?: never;
    };

/** The result of {@link postAll}: every event posted, or none and the first refusal. */
export type PostAllResult =
  | {
      readonly ok: true;
      readonly ledger: Ledger;
      /** One entry per event, in order. */
      readonly entries: readonly LedgerEntry[];
      readonly error?: never;
      readonly index?: never;
    }
  | {
      readonly ok: false;
      readonly error: PostingError;
      /** The position in `events` of the first event refused. */
      readonly index: number;
      readonly ledger?: never;
      readonly entries?: never;
    };

/**
 * Posts one event to the ledger and returns the new ledger with its entry, or
 * a typed error and no change (seed 6.4.1, 6.4.4). Pure: `ledger` is never
 * mutated, and the event is validated here (`INVALID_EVENT` lists every
 * problem with its path inside the event).
 *
 * - `snapshot` (seed 6.4.1): finance's cash, credit limit and credit used
 *   replace the account's; opens the account if it is new.
 * - `deposit`: cash in.
 * - `shipment` (R-POST-1, 发货过账): the cash part comes off cash and the
 *   credit part is added to credit used, by the split chosen at allocation.
 *   If cash no longer covers its part, the shortfall moves to credit; cash
 *   never goes below zero. Drawing more credit than is available
 *   (max(0, limit − used)) is refused with `CREDIT_LIMIT_EXCEEDED` unless
 *   `options.allowOverLimit` is `true`.
 * - `refund` (R-POST-2, returns): repays credit used first, down to zero, then
 *   adds the rest to cash.
 *
 * Also refused: any event but a snapshot for a franchisee without an account
 * (`UNKNOWN_FRANCHISEE`), an event dated before the account's `asOf`
 * (`BACKDATED_EVENT`), and an event already in the journal — same kind,
 * franchisee and reference, and order line for a shipment
 * (`DUPLICATE_EVENT`), so that a retried posting never counts twice.
 *
 * Bad data never throws: it comes back as an error. One call costs time in
 * proportion to the ledger's accounts and entries; for many events at once,
 * {@link postAll} pays that once.
 *
 * @param ledger - a ledger from {@link openLedger} or an earlier `post`
 * @param event - a {@link LedgerEventInput}, typically straight from JSON
 * @param options - {@link PostOptions}
 * @returns `{ ok: true, ledger, entry }`, or `{ ok: false, error }` with the ledger unchanged
 * @throws Error (decimal.js) only when `ledger` was not made by `openLedger` or `post`: its amounts are trusted
 * @throws {@link InputError} when `ledger` is not a ledger or `options` not an object; a malformed event is refused with `INVALID_EVENT` instead
 * @example
 * ```ts
 * import { openLedger, post } from "fenhuo";
 * const ledger = openLedger({
 *   accounts: [{ franchisee: "F01", cash: "500", creditLimit: "2000", asOf: "2026-03-01" }],
 * });
 * const shipped = post(ledger, {
 *   kind: "shipment", franchisee: "F01", on: "2026-03-02", reference: "DN-1",
 *   order: "SO-1", line: 1, quantity: 7, amount: "693.00", cash: "500.00", credit: "193.00",
 * });
 * shipped.entry?.after.cash; // "0.00"
 * shipped.entry?.after.creditUsed; // "193.00"
 * shipped.entry?.after.spendable; // "1807.00"
 * ledger.accounts[0]?.cash; // "500.00": the old ledger is unchanged
 * ```
 * @example
 * ```ts
 * import { openLedger, post } from "fenhuo";
 * const ledger = openLedger({
 *   accounts: [{ franchisee: "F01", cash: "0", creditLimit: "100", asOf: "2026-03-01" }],
 * });
 * const event = {
 *   kind: "shipment", franchisee: "F01", on: "2026-03-02", reference: "DN-2",
 *   order: "SO-2", line: 1, quantity: 1, amount: "150",
 * };
 * post(ledger, event).error?.code; // "CREDIT_LIMIT_EXCEEDED"
 * post(ledger, event, { allowOverLimit: true }).entry?.after.creditUsed; // "150.00"
 * ```
 */
export function post(ledger: Ledger, event: unknown, options: PostOptions = {}): PostResult {
  return guarded(
    [
      { name: "ledger", value: ledger, shape: ledgerListsShape, contract: ledgerShape },
      { name: "options", value: options, shape: postOptionsShape },
    ],
    () => posted(ledger, event, options),
  );
}

/** {@link post} of arguments that have their shapes. */
function posted(ledger: Ledger, event: unknown, options: PostOptions): PostResult {
  const parsed = parseEvent(event);
  if (!parsed.ok) return { ok: false, error: invalidEvent(parsed.issues) };
  const book = new Book(ledger);
  const posted = book.post(parsed.value, options.allowOverLimit === true);
  if (!posted.ok) return { ok: false, error: posted.error };
  return { ok: true, ledger: book.ledger(), entry: posted.entry };
}

/**
 * Posts several events in order, all or nothing: the new ledger with one entry
 * per event, or the first refusal (with its index in `events`) and no change.
 * Every event is validated before any is posted, so `INVALID_EVENT` lists the
 * problems of all of them, each path starting with the event's index. Made
 * for finance's daily batch of snapshots (seed 6.4.1) and a day's postings.
 *
 * @param ledger - a ledger from {@link openLedger} or {@link post}
 * @param events - the events, in posting order
 * @param options - {@link PostOptions}, for every event
 * @returns `{ ok: true, ledger, entries }`, or `{ ok: false, error, index }` with the ledger unchanged
 * @throws {@link InputError} when `ledger` is not a ledger, `events` not a list or `options`
 *   not an object; malformed events are refused with `INVALID_EVENT` instead
 * @example
 * ```ts
 * import { openLedger, postAll } from "fenhuo";
 * const ledger = openLedger({});
 * const day = postAll(ledger, [
 *   { kind: "snapshot", franchisee: "F01", on: "2026-03-01", reference: "FIN-0301",
 *     cash: "1000", creditLimit: "500", creditUsed: "200" },
 *   { kind: "refund", franchisee: "F01", on: "2026-03-01", reference: "RN-7", amount: "250" },
 * ]);
 * day.ledger?.accounts[0]?.creditUsed; // "0.00": the refund repaid credit first (R-POST-2)
 * day.ledger?.accounts[0]?.cash; // "1050.00": and the rest went to cash
 * postAll(ledger, [{ kind: "deposit", franchisee: "F01", on: "2026-03-01", reference: "B-1", amount: "5" }]).index; // 0
 * ```
 */
export function postAll(
  ledger: Ledger,
  events: readonly unknown[],
  options: PostOptions = {},
): PostAllResult {
  return guarded(
    [
      { name: "ledger", value: ledger, shape: ledgerListsShape, contract: ledgerShape },
      { name: "events", value: events, shape: eventListShape },
      { name: "options", value: options, shape: postOptionsShape },
    ],
    () => postedAll(ledger, events, options),
  );
}

/** {@link postAll} of arguments that have their shapes. */
function postedAll(
  ledger: Ledger,
  events: readonly unknown[],
  options: PostOptions,
): PostAllResult {
  const issues: Issue[] = [];
  const trusted: TrustedEvent[] = [];
  let firstBad = -1;
  events.forEach((event, index) => {
    const parsed = parseEvent(event);
    if (parsed.ok) trusted.push(parsed.value);
    else {
      if (firstBad < 0) firstBad = index;
      issues.push(...under([index], parsed.issues));
    }
  });
  if (firstBad >= 0) return { ok: false, error: invalidEvent(issues), index: firstBad };

  const book = new Book(ledger);
  if (trusted.length > 1) book.indexJournal();
  const entries: LedgerEntry[] = [];
  for (let index = 0; index < trusted.length; index++) {
    const posted = book.post(trusted[index] as TrustedEvent, options.allowOverLimit === true);
    if (!posted.ok) return { ok: false, error: posted.error, index };
    entries.push(posted.entry);
  }
  return { ok: true, ledger: book.ledger(), entries };
}

function invalidEvent(issues: readonly Issue[]): PostingError {
  const listed = issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  return { code: "INVALID_EVENT", message: `invalid event: ${listed.join("; ")}`, issues };
}

type Posted =
  | { readonly ok: true; readonly entry: LedgerEntry }
  | { readonly ok: false; readonly error: PostingError };

/**
 * A working copy of a ledger that events are posted to one by one; the ledger
 * it was made from is never touched. Accounts and entries are shared, never
 * copied one by one: they are immutable data.
 */
class Book {
  private readonly currency: string;
  private readonly digits: number;
  private readonly accounts: LedgerAccount[];
  private readonly entries: LedgerEntry[];
  /** The identity of every recorded event, to the sequence of its entry; built for batches only. */
  private index: Map<string, number> | undefined;

  constructor(ledger: Ledger) {
    this.currency = ledger.currency;
    this.digits = currencyMinorDigits(ledger.currency);
    this.accounts = [...ledger.accounts];
    this.entries = [...ledger.entries];
  }

  /** Indexes the journal by event identity: worth its cost when several events are posted. */
  indexJournal(): void {
    this.index = new Map();
    for (const entry of this.entries) this.index.set(identityOf(entry), entry.sequence);
  }

  /** The sequence of the entry that already records `event`, if any. */
  private recorded(event: TrustedEvent): number | undefined {
    if (this.index !== undefined) return this.index.get(identityOf(event));
    for (let k = this.entries.length - 1; k >= 0; k--) {
      const entry = this.entries[k] as LedgerEntry;
      if (sameEvent(entry, event)) return entry.sequence;
    }
    return undefined;
  }

  post(event: TrustedEvent, allowOverLimit: boolean): Posted {
    const at = locate(this.accounts, event.franchisee);
    const account = at.found ? (this.accounts[at.index] as LedgerAccount) : undefined;
    if (account === undefined && event.kind !== "snapshot") {
      return {
        ok: false,
        error: {
          code: "UNKNOWN_FRANCHISEE",
          message: `no account for franchisee ${JSON.stringify(event.franchisee)}: only a snapshot (seed 6.4.1) opens one`,
          franchisee: event.franchisee,
          kind: event.kind,
        },
      };
    }
    const earlier = this.recorded(event);
    if (earlier !== undefined) {
      const line =
        "order" in event && event.order !== undefined
          ? ` (order ${event.order} line ${event.line})`
          : "";
      return {
        ok: false,
        error: {
          code: "DUPLICATE_EVENT",
          message: `${event.kind} ${JSON.stringify(event.reference)}${line} of franchisee ${JSON.stringify(event.franchisee)} is already entry ${earlier}`,
          franchisee: event.franchisee,
          kind: event.kind,
          reference: event.reference,
          sequence: earlier,
        },
      };
    }
    if (account !== undefined && event.on < account.asOf) {
      return {
        ok: false,
        error: {
          code: "BACKDATED_EVENT",
          message: `event dated ${event.on} is before ${account.asOf}, the date franchisee ${JSON.stringify(event.franchisee)}'s account is as of`,
          franchisee: event.franchisee,
          on: event.on,
          asOf: account.asOf,
        },
      };
    }

    const sequence = this.entries.length + 1;
    const { entry, after } = record(sequence, event, account && figuresOf(account), this.digits);
    if (entry.kind === "shipment" && entry.overLimit && !allowOverLimit) {
      const excess = new Money(entry.fromCredit).minus(entry.before.availableCredit);
      return {
        ok: false,
        error: {
          code: "CREDIT_LIMIT_EXCEEDED",
          message:
            `shipment of order ${JSON.stringify(entry.order)} line ${entry.line} needs ${entry.fromCredit} ${this.currency} ` +
            `of credit from franchisee ${JSON.stringify(entry.franchisee)}, but only ${entry.before.availableCredit} is available ` +
            `(limit ${entry.before.creditLimit}, used ${entry.before.creditUsed}); ` +
            "pass allowOverLimit: true to post it anyway (R-POST-1)",
          franchisee: entry.franchisee,
          order: entry.order,
          line: entry.line,
          creditLimit: entry.before.creditLimit,
          creditUsed: entry.before.creditUsed,
          availableCredit: entry.before.availableCredit,
          creditNeeded: entry.fromCredit,
          shortfallToCredit: entry.shortfallToCredit,
          excess: formatAmount(excess, this.digits),
        },
      };
    }

    const updated = accountOfFigures(event.franchisee, after, event.on, this.digits);
    if (account === undefined) this.accounts.splice(at.index, 0, updated);
    else this.accounts[at.index] = updated;
    this.entries.push(entry);
    this.index?.set(identityOf(event), sequence);
    return { ok: true, entry };
  }

  ledger(): Ledger {
    return {
      currency: this.currency,
      accounts: this.accounts,
      entries: this.entries,
    } as unknown as Ledger;
  }
}
