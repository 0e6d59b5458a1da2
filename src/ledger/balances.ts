import type { Decimal } from "decimal.js";
import { creditRoom, formatAmount, Money } from "../domain/money.js";
import { guarded } from "../schema/guard.js";
import { fundsShape } from "../schema/madeShapes.js";

/**
 * A franchisee's three balances as finance reports them (seed 6.4.1): a
 * {@link LedgerAccount} (decimal strings) or a parsed `Franchisee` (Decimals)
 * both fit.
 */
export interface FundsAndCredit {
  readonly cash: string | Decimal;
  readonly creditLimit: string | Decimal;
  readonly creditUsed: string | Decimal;
}

/**
 * An account's balances at one point of the ledger, with the two figures the
 * allocation run works with. Money as decimal strings.
 */
export interface AccountBalances {
  readonly cash: string;
  readonly creditLimit: string;
  readonly creditUsed: string;
  /** max(0, creditLimit − creditUsed). */
  readonly availableCredit: string;
  /** cash + availableCredit. */
  readonly spendable: string;
}

/**
 * The credit a franchisee may still draw: max(0, limit − used). A
 * franchisee over its limit has none, never a negative amount.
 *
 * Returns a Decimal, not a string, so that callers can go on computing with it
 * exactly; print it with `toString()` or `formatAmount`.
 *
 * @param account - the balances, as decimal strings or Decimals
 * @returns the available credit, exact
 * @throws Error (decimal.js) when a balance is not a decimal
 * @throws {@link InputError} when `account` holds no amounts, under `(account)`
 * @example
 * ```ts
 * import { availableCreditOf } from "fenhuo";
 * availableCreditOf({ cash: "0", creditLimit: "2000.00", creditUsed: "1500.50" }).toString(); // "499.5"
 * availableCreditOf({ cash: "0", creditLimit: "1000", creditUsed: "1200" }).toString(); // "0"
 * ```
 */
export function availableCreditOf(account: FundsAndCredit): Decimal {
  return guarded([{ name: "account", value: account, shape: fundsShape }], () =>
    creditLeft(account),
  );
}

/** {@link availableCreditOf} of arguments that have their shapes. */
function creditLeft(account: FundsAndCredit): Decimal {
  return creditRoom(account.creditLimit, account.creditUsed);
}

/**
 * What a franchisee can pay with: cash + available credit. Returns a
 * Decimal, like {@link availableCreditOf}.
 *
 * @param account - the balances, as decimal strings or Decimals
 * @returns the spendable amount, exact
 * @throws Error (decimal.js) when a balance is not a decimal
 * @throws {@link InputError} when `account` holds no amounts, under `(account)`
 * @example
 * ```ts
 * import { spendableOf } from "fenhuo";
 * spendableOf({ cash: "300.10", creditLimit: "2000", creditUsed: "1500" }).toString(); // "800.1"
 * ```
 */
export function spendableOf(account: FundsAndCredit): Decimal {
  return guarded([{ name: "account", value: account, shape: fundsShape }], () =>
    spendable(account),
  );
}

/** {@link spendableOf} of arguments that have their shapes. */
function spendable(account: FundsAndCredit): Decimal {
  return new Money(account.cash).plus(creditLeft(account));
}

/** The balances of an entry, as decimal strings with the currency's minor digits. */
export function balancesOf(account: FundsAndCredit, minorDigits: number): AccountBalances {
  const available = creditLeft(account);
  const cash = new Money(account.cash);
  return {
    cash: formatAmount(cash, minorDigits),
    creditLimit: formatAmount(new Money(account.creditLimit), minorDigits),
    creditUsed: formatAmount(new Money(account.creditUsed), minorDigits),
    availableCredit: formatAmount(available, minorDigits),
    spendable: formatAmount(cash.plus(available), minorDigits),
  };
}
