import { Decimal } from "decimal.js";
import type { SpendOrder } from "./vocabulary.js";

/**
 * The decimal type every amount in fenhuo is computed with (R-UNIT-2).
 *
 * A private clone of decimal.js with enough precision that no product or sum
 * of amounts the input contract admits is ever rounded, and with exponent
 * notation switched off so that `toString()` always prints plain digits.
 * Instances interoperate with the caller's own `Decimal` values.
 *
 * @example
 * ```ts
 * import { Money } from "fenhuo";
 * new Money("0.1").plus("0.2").toString(); // "0.3"
 * new Money("99.00").times(40).toString(); // "3960"
 * ```
 */
export const Money = Decimal.clone({
  precision: 100,
  rounding: Decimal.ROUND_DOWN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** Zero, shared: decimal.js values are immutable. */
export const ZERO: Decimal = new Money(0);

/** Amounts stay below 10^28: with 12 fraction digits and quantities below 2^31, products and sums stay far inside `Money`'s 100 digits. */
const MAX_AMOUNT: Decimal = new Money("1e28");

/** What an amount on the wire must be (R-UNIT-2), as error messages say it. */
export const AMOUNT_RULE =
  'must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits)';

/**
 * Reads an amount from the wire: a decimal string, or a finite JSON number read
 * through its shortest decimal string (R-UNIT-2). Returns `undefined` when it
 * is not a plain non-negative decimal of at most 28 integer and 12 fraction
 * digits — the bound under which {@link Money} computes every product and sum
 * of a run exactly.
 */
export function readAmount(value: string | number): Decimal | undefined {
  if (typeof value === "number") {
    // String(n) is the shortest decimal that reads back as n ("0.1", "1e+21").
    if (!Number.isFinite(value) || value < 0) return undefined;
    return withinBounds(new Money(String(value)));
  }
  return PLAIN_DECIMAL.test(value) ? withinBounds(new Money(value)) : undefined;
}

function withinBounds(amount: Decimal): Decimal | undefined {
  return amount.decimalPlaces() <= 12 && amount.lt(MAX_AMOUNT) ? amount : undefined;
}

const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * Formats an amount as a plain decimal string with at least `minorDigits`
 * fraction digits (`"3960.00"`); never rounds, so `"0.125"` stays `"0.125"`.
 *
 * @example
 * ```ts
 * import { Money, formatAmount } from "fenhuo";
 * formatAmount(new Money("3960"), 2); // "3960.00"
 * formatAmount(new Money("0.125"), 2); // "0.125"
 * ```
 */
export function formatAmount(amount: Decimal, minorDigits: number): string {
  const text = amount.isZero() ? "0" : amount.toString();
  const dot = text.indexOf(".");
  const have = dot < 0 ? 0 : text.length - dot - 1;
  if (have >= minorDigits) return text;
  return (dot < 0 ? `${text}.` : text) + "0".repeat(minorDigits - have);
}

/**
 * The number of minor-unit digits of an ISO 4217 currency (CNY 2, JPY 0, KWD 3),
 * from the runtime's ICU data.
 */
export function currencyMinorDigits(currency: string): number {
  let digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
    MINOR_DIGITS.set(currency, digits);
  }
  return digits;
}

/**
 * A memo of {@link currencyMinorDigits}: the answer for a code never changes
 * within a process, and building an `Intl.NumberFormat` costs more than a run
 * of a small wave (R-SUP-2 runs one preview per arrival date).
 */
const MINOR_DIGITS = new Map<string, number>();

/** Whether `code` is an ISO 4217 currency code the runtime knows. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf("currency").includes(code);
}

/** The two parts of a spend: how much came from cash and how much from credit. */
export interface SpendSplit {
  readonly cash: Decimal;
  readonly credit: Decimal;
}

/**
 * Splits `amount` over a franchisee's cash and available credit, cash first by
 * default (R-ALLOC-FUNDED, policy `spendOrder`). The parts are exact and add up
 * to `amount`.
 *
 * @param amount - what is spent; not more than `cash + credit`
 * @param cash - the cash balance it may use
 * @param credit - the available credit it may use
 * @param order - which purse is emptied first
 * @returns the cash part and the credit part
 * @throws RangeError when `amount` is negative or exceeds `cash + credit`
 * @example
 * ```ts
 * import { splitSpend } from "fenhuo";
 * const { cash, credit } = splitSpend("700", "500", "1000", "cash-first");
 * cash.toString(); // "500"
 * credit.toString(); // "200"
 * ```
 */
export function splitSpend(
  amount: Decimal.Value,
  cash: Decimal.Value,
  credit: Decimal.Value,
  order: SpendOrder = "cash-first",
): SpendSplit {
  const total = new Money(amount);
  const cashAvailable = new Money(cash);
  const creditAvailable = new Money(credit);
  if (total.isNegative()) throw new RangeError(`cannot spend a negative amount (${total})`);
  if (total.gt(cashAvailable.plus(creditAvailable))) {
    throw new RangeError(
      `cannot spend ${total}: only ${cashAvailable} cash and ${creditAvailable} credit available`,
    );
  }
  return splitExact(total, cashAvailable, creditAvailable, order);
}

/** {@link splitSpend} for trusted values: the caller guarantees 0 ≤ amount ≤ cash + credit. */
export function splitExact(
  amount: Decimal,
  cash: Decimal,
  credit: Decimal,
  order: SpendOrder,
): SpendSplit {
  if (order === "cash-first") {
    const fromCash = amount.lte(cash) ? amount : cash;
    return { cash: fromCash, credit: fromCash === amount ? ZERO : amount.minus(fromCash) };
  }
  const fromCredit = amount.lte(credit) ? amount : credit;
  return { cash: fromCredit === amount ? ZERO : amount.minus(fromCredit), credit: fromCredit };
}

/**
 * How many whole units of `unitPrice` fit in `spendable`, capped at `want`:
 * min(want, ⌊spendable ÷ unitPrice⌋). A zero price has no money limit
 * (R-ALLOC-FUNDED).
 *
 * @example
 * ```ts
 * import { affordableUnits } from "fenhuo";
 * affordableUnits(10, "99.00", "500"); // 5
 * affordableUnits(10, "0", "0"); // 10
 * ```
 */
export function affordableUnits(
  want: number,
  unitPrice: Decimal.Value,
  spendable: Decimal.Value,
): number {
  return purchase(Math.max(0, want), new Money(unitPrice), new Money(spendable)).quantity;
}

/** What a purchase of whole units comes to: how many, and their exact cost. */
export interface Purchase {
  readonly quantity: number;
  readonly amount: Decimal;
}

/**
 * {@link affordableUnits} for trusted values, with the cost of what it buys.
 * `want` is a whole number ≥ 0.
 */
export function purchase(want: number, unitPrice: Decimal, spendable: Decimal): Purchase {
  if (want === 0 || unitPrice.isZero()) return { quantity: want, amount: ZERO };
  // Fast paths first: most lines are either wholly affordable or not at all.
  if (spendable.lt(unitPrice)) return { quantity: 0, amount: ZERO };
  const whole = unitPrice.times(want);
  if (whole.lte(spendable)) return { quantity: want, amount: whole };
  const quantity = spendable.divToInt(unitPrice).toNumber();
  return { quantity, amount: unitPrice.times(quantity) };
}

/**
 * The credit a franchisee may still draw: max(0, limit − used),
 * never negative; the one place both the run and the ledger compute it.
 */
export function creditRoom(creditLimit: Decimal.Value, creditUsed: Decimal.Value): Decimal {
  return Money.max(ZERO, new Money(creditLimit).minus(creditUsed));
}
