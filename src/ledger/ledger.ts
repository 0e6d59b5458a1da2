import type { Decimal } from "decimal.js";
import type { Branded } from "../domain/brand.js";
import { compareIds } from "../domain/compare.js";
import { currencyMinorDigits, formatAmount, Money } from "../domain/money.js";
import { DEFAULT_CURRENCY } from "../domain/policy.js";
import { guarded } from "../schema/guard.js";
import { InputError, type Issue, type Result } from "../schema/issues.js";
import {
  accountWire,
  entryWire,
  ledgerWire,
  type TrustedAccount,
  trustedEvent,
} from "../schema/ledgerWire.js";
import { idShape, ledgerListsShape, ledgerShape } from "../schema/madeShapes.js";
import { readSafely } from "../schema/readable.js";
import { parseFields, parseRows } from "../schema/rows.js";
import type { AccountBalances } from "./balances.js";
import { balancesOf } from "./balances.js";
import type { LedgerEntry } from "./entries.js";
import type { AmountInput } from "./events.js";
import { type Figures, identityOf, record } from "./record.js";

/** One franchisee's money in the ledger (seed 6.4.1): decimal strings. */
export interface LedgerAccount {
  readonly franchisee: string;
  readonly cash: string;
  readonly creditLimit: string;
  readonly creditUsed: string;
  /** The date of the latest event applied to the account; no later event may be dated before it. */
  readonly asOf: string;
}

/**
 * A franchisee funds and credit ledger (seed 6.4.1, 6.4.4): plain JSON, one
 * currency, the accounts sorted by franchisee id (code-unit order), the
 * journal of entries in posting order. Money is a decimal string with at
 * least the currency's minor digits (`"1299.50"`).
 *
 * Made only by {@link openLedger} and `post` (the brand), so that posting
 * never re-checks it; a ledger read back from storage goes through
 * `openLedger` again. A ledger is never mutated: `post` returns a new one that
 * shares the untouched accounts and entries with the old.
 */
export interface Ledger extends Branded<"Ledger"> {
  readonly currency: string;
  readonly accounts: readonly LedgerAccount[];
  readonly entries: readonly LedgerEntry[];
}

/** The JSON `openLedger` reads: a stored ledger, or the opening balances of a new one. */
export interface LedgerInput {
  /** ISO 4217, default `CNY`. */
  readonly currency?: string;
  readonly accounts?: readonly {
    readonly franchisee: string;
    readonly cash: AmountInput;
    /** Default 0. */
    readonly creditLimit?: AmountInput;
    /** Default 0. */
    readonly creditUsed?: AmountInput;
    readonly asOf: string;
  }[];
  /** The journal of a stored ledger; each entry is checked against its event and balances. */
  readonly entries?: readonly LedgerEntry[];
}

/** The result of {@link safeOpenLedger}. */
export type SafeOpenLedgerResult = Result<Ledger, "ledger">;

/**
 * Opens a ledger from JSON: the balances finance reported (seed 6.4.1), or a
 * ledger stored earlier — `openLedger(JSON.parse(JSON.stringify(ledger)))`
 * deep-equals `ledger`. Money follows the allocation input's rules
 * (R-UNIT-2): a non-negative plain decimal string or a finite number, never
 * rounded, written back with the currency's minor digits.
 *
 * A stored journal must hold together: entries numbered 1, 2, 3, …; each
 * entry's balances and movements follow from its event and the balances
 * before it; each entry starts where the previous entry of the same account
 * ended; dates never go back; no event is recorded twice; and each account
 * ends where its last entry does.
 *
 * @param input - a {@link LedgerInput}, typically straight from `JSON.parse`
 * @returns the ledger, accounts sorted by franchisee id
 * @throws {@link InputError} listing every problem with its JSON path
 * @example
 * ```ts
 * import { openLedger } from "fenhuo";
 * const ledger = openLedger({
 *   accounts: [
 *     { franchisee: "F02", cash: 800, asOf: "2026-03-01" },
 *     { franchisee: "F01", cash: "5000", creditLimit: "2000", asOf: "2026-03-01" },
 *   ],
 * });
 * ledger.accounts.map((account) => account.franchisee); // ["F01", "F02"]
 * ledger.accounts[0]?.creditLimit; // "2000.00"
 * ledger.accounts[1]?.creditUsed; // "0.00"
 * ```
 */
export function openLedger(input: unknown): Ledger {
  const result = safeOpenLedger(input);
  if (!result.ok) throw new InputError(result.issues);
  return result.ledger;
}

/**
 * {@link openLedger} without throwing: `{ ok: true, value, ledger }` (the
 * ledger under both names) or `{ ok: false, issues }`.
 *
 * @param input - a {@link LedgerInput}
 * @returns the ledger, or every problem with its JSON path
 * @example
 * ```ts
 * import { safeOpenLedger } from "fenhuo";
 * const result = safeOpenLedger({ accounts: [{ franchisee: "F01", cash: "-5", asOf: "2026-03-01" }] });
 * result.issues?.[0]?.path; // ["accounts", 0, "cash"]
 * ```
 */
export function safeOpenLedger(input: unknown): SafeOpenLedgerResult {
  const result = readSafely(input, openReadable);
  return result.ok ? { ok: true, value: result.value, ledger: result.value } : result;
}

/** {@link safeOpenLedger} of an input that reads without throwing. */
function openReadable(input: unknown): Result<Ledger> {
  const issues: Issue[] = [];
  // Field by field: a bad currency hides no bad account or entry.
  const top = parseFields(ledgerWire.shape, input, "a ledger must be an object", issues);
  if (top === undefined) return { ok: false, issues };
  const currency = top.currency ?? DEFAULT_CURRENCY;
  const digits = currencyMinorDigits(currency);

  const accountRows = parseRows(accountWire, top.accounts ?? [], ["accounts"], issues);
  const accounts = new Map<string, { index: number; value: TrustedAccount }>();
  for (const row of accountRows) {
    if (accounts.has(row.value.franchisee)) {
      issues.push({
        path: ["accounts", row.index, "franchisee"],
        code: "duplicate_key",
        message: `duplicate account for franchisee ${JSON.stringify(row.value.franchisee)}`,
      });
    } else accounts.set(row.value.franchisee, row);
  }

  const entries = checkJournal(top.entries ?? [], digits, issues);
  for (const [franchisee, end] of entries.ends) {
    const account = accounts.get(franchisee);
    if (account === undefined) {
      issues.push({
        path: ["entries", end.index, "franchisee"],
        code: "unknown_reference",
        message: `franchisee ${JSON.stringify(franchisee)} has entries but no account`,
      });
      continue;
    }
    for (const field of ["cash", "creditLimit", "creditUsed"] as const) {
      if (!account.value[field].eq(end.after[field])) {
        issues.push({
          path: ["accounts", account.index, field],
          code: "inconsistent",
          message: `must be ${formatAmount(end.after[field], digits)}, where entry ${end.index + 1} left it`,
        });
      }
    }
    if (account.value.asOf < end.on) {
      issues.push({
        path: ["accounts", account.index, "asOf"],
        code: "inconsistent",
        message: `must not be before ${end.on}, the date of entry ${end.index + 1}`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const sorted = [...accounts.values()]
    .map(({ value }) => accountOfFigures(value.franchisee, value, value.asOf, digits))
    .sort((a, b) => compareIds(a.franchisee, b.franchisee));
  const ledger = { currency, accounts: sorted, entries: entries.recorded } as unknown as Ledger;
  return { ok: true, value: ledger };
}

/** Where an account's journal ends: its last entry's index, date and balances after. */
interface JournalEnd {
  readonly index: number;
  readonly on: string;
  readonly after: Figures;
}

/**
 * Replays a stored journal entry by entry, each from the balances before it,
 * and reports every entry that does not follow from its event.
 */
function checkJournal(
  raw: readonly unknown[],
  digits: number,
  issues: Issue[],
): { recorded: LedgerEntry[]; ends: Map<string, JournalEnd> } {
  const rows = parseRows(entryWire, raw, ["entries"], issues);
  const sound = new Set(rows.map((row) => row.index));
  // An account with a malformed entry cannot be followed; its later entries are checked alone.
  const broken = new Set<string>();
  raw.forEach((item, index) => {
    const franchisee = (item as { franchisee?: unknown } | null)?.franchisee;
    if (!sound.has(index) && typeof franchisee === "string") broken.add(franchisee);
  });

  const recorded: LedgerEntry[] = [];
  const ends = new Map<string, JournalEnd>();
  const seen = new Map<string, number>();
  for (const { index, value } of rows) {
    const path = ["entries", index];
    if (value.sequence !== index + 1) {
      issues.push({
        path: [...path, "sequence"],
        code: "inconsistent",
        message: `must be ${index + 1}`,
      });
    }
    const event = trustedEvent(value, path, issues);
    if (event === undefined) {
      broken.add(value.franchisee);
      continue;
    }
    const previous = broken.has(value.franchisee) ? undefined : ends.get(value.franchisee);
    if (previous !== undefined && value.on < previous.on) {
      issues.push({
        path: [...path, "on"],
        code: "inconsistent",
        message: `must not be before ${previous.on}, the date of entry ${previous.index + 1}`,
      });
    }
    const identity = identityOf(value);
    const first = seen.get(identity);
    if (first !== undefined) {
      issues.push({
        path: [...path, "reference"],
        code: "duplicate_key",
        message: `repeats entry ${first}: the same ${value.kind} is recorded twice`,
      });
    } else seen.set(identity, value.sequence);

    let before: Figures | undefined = previous?.after;
    if (previous === undefined && value.before !== null) before = value.before;
    if (previous !== undefined && value.before === null) {
      issues.push({
        path: [...path, "before"],
        code: "inconsistent",
        message: "must be the account's balances: only the first entry of an account may open it",
      });
    }
    const result = record(value.sequence, event, before, digits);
    const problems = differences(canonical(value, digits), result.entry, path);
    issues.push(...problems);
    if (problems.length > 0) broken.add(value.franchisee);
    recorded.push(result.entry);
    ends.set(value.franchisee, { index, on: value.on, after: result.after });
  }
  for (const franchisee of broken) ends.delete(franchisee);
  return { recorded, ends };
}

/** A parsed entry with every Decimal written as the ledger writes it. */
function canonical(value: unknown, digits: number): unknown {
  if (Money.isDecimal(value)) return formatAmount(value as Decimal, digits);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, canonical(inner, digits)]),
  );
}

/** Every field where `given` differs from what replaying its event gives, as issues. */
function differences(given: unknown, expected: unknown, path: (string | number)[]): Issue[] {
  if (typeof expected === "object" && expected !== null) {
    if (typeof given !== "object" || given === null) {
      return [{ path, code: "inconsistent", message: `must be ${JSON.stringify(expected)}` }];
    }
    return Object.entries(expected).flatMap(([key, inner]) =>
      differences((given as Record<string, unknown>)[key], inner, [...path, key]),
    );
  }
  if (given === expected) return [];
  return [
    {
      path,
      code: "inconsistent",
      message: `must be ${JSON.stringify(expected)}, got ${JSON.stringify(given)}: an entry follows from its event and the entries before it`,
    },
  ];
}

/**
 * The account of `franchisee`, or `undefined` when the ledger has none.
 *
 * @param ledger - the ledger
 * @param franchisee - the franchisee id
 * @returns its account
 * @throws {@link InputError} when `ledger` is not a ledger or `franchisee` not a string
 * @example
 * ```ts
 * import { accountOf, openLedger } from "fenhuo";
 * const ledger = openLedger({ accounts: [{ franchisee: "F01", cash: "100", asOf: "2026-03-01" }] });
 * accountOf(ledger, "F01")?.cash; // "100.00"
 * accountOf(ledger, "F09") === undefined; // true
 * ```
 */
export function accountOf(ledger: Ledger, franchisee: string): LedgerAccount | undefined {
  return guarded(
    [
      { name: "ledger", value: ledger, shape: ledgerListsShape, contract: ledgerShape },
      { name: "franchisee", value: franchisee, shape: idShape },
    ],
    () => accountIn(ledger, franchisee),
  );
}

/** {@link accountOf} of arguments that have their shapes. */
function accountIn(ledger: Ledger, franchisee: string): LedgerAccount | undefined {
  const at = locate(ledger.accounts, franchisee);
  return at.found ? ledger.accounts[at.index] : undefined;
}

/** Where `franchisee` is, or would be inserted, in accounts sorted by id (binary search). */
export function locate(
  accounts: readonly LedgerAccount[],
  franchisee: string,
): { readonly index: number; readonly found: boolean } {
  let low = 0;
  let high = accounts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((accounts[middle] as LedgerAccount).franchisee < franchisee) low = middle + 1;
    else high = middle;
  }
  return { index: low, found: accounts[low]?.franchisee === franchisee };
}

/** An account's balances as exact values. */
export function figuresOf(account: LedgerAccount): Figures {
  return {
    cash: new Money(account.cash),
    creditLimit: new Money(account.creditLimit),
    creditUsed: new Money(account.creditUsed),
  };
}

/** An account row holding `figures`, written with the currency's minor digits. */
export function accountOfFigures(
  franchisee: string,
  figures: Figures,
  asOf: string,
  digits: number,
): LedgerAccount {
  const written: AccountBalances = balancesOf(figures, digits);
  return {
    franchisee,
    cash: written.cash,
    creditLimit: written.creditLimit,
    creditUsed: written.creditUsed,
    asOf,
  };
}
