import type { Decimal } from "decimal.js";
import { formatAmount, Money } from "../domain/money.js";
import type { AllocationRequest } from "../domain/types.js";

/*
 * The money of one run. A run spends, compares and writes an amount per line
 * — millions of times — so it does so in scaled integers: every amount times
 * 10^scale, where scale is the most fraction digits any amount of the request
 * has (and at least the currency's), held in a double when the request
 * proves that no amount the run can make reaches 2^53, and as decimal.js
 * values otherwise. Both are exact; the plan reads the same either way.
 */

/** An amount of a run's money, in the representation its {@link RunMoney} chose. */
export type Amount = number | Decimal;

/** A column of amounts, one per line: a Float64Array for scaled integers. */
export interface AmountColumn {
  [line: number]: Amount;
}

/** The arithmetic of one run's amounts (all of them ≥ 0). */
export interface RunMoney {
  readonly zero: Amount;
  /** A column of `count` amounts, each zero until written. */
  column(count: number): AmountColumn;
  /** The run's form of an amount of the request. */
  of(amount: Decimal): Amount;
  /** The amount as a decimal.js value. */
  decimal(amount: Amount): Decimal;
  /** The amount as the plan writes it: plain, with the currency's minor digits at least. */
  text(amount: Amount): string;
  plus(a: Amount, b: Amount): Amount;
  /** a − b, for b ≤ a. */
  minus(a: Amount, b: Amount): Amount;
  times(price: Amount, quantity: number): Amount;
  lte(a: Amount, b: Amount): boolean;
  isZero(amount: Amount): boolean;
  /** ⌊a ÷ b⌋, for b > 0. */
  quotient(a: Amount, b: Amount): number;
}

/** What the money of a run reads of its lines: their distinct prices and Σ quantity. */
export interface WaveLines {
  readonly prices: readonly Decimal[];
  readonly units: number;
}

/** How a run holds its amounts: chosen from the request, or (for tests) forced. */
export type MoneyMode = "auto" | "decimal";

/**
 * The money of a run of `request`, with amounts written with at least
 * `minorDigits` fraction digits: scaled integers when every amount the run
 * can make provably stays below 2^53 (see {@link integerBound}), decimal.js
 * values otherwise or when `mode` is `"decimal"`.
 */
export function runMoney(
  request: AllocationRequest,
  lines: WaveLines,
  minorDigits: number,
  mode: MoneyMode = "auto",
): RunMoney {
  if (mode === "auto") {
    const { scale, bound } = integerBound(request, lines, minorDigits);
    if (bound.times(new Money(10).pow(scale)).lte(Number.MAX_SAFE_INTEGER))
      return new ScaledMoney(scale, minorDigits);
  }
  return new DecimalMoney(minorDigits);
}

/**
 * The largest amount a run of `request` can make, and the scale of its
 * amounts. Every amount of a run is a franchisee's purse (never above its
 * cash + available credit), a sum of line amounts (never above Σ quantity ×
 * the highest price), or — in R-PREVIEW's unlimited money — 1 more than both
 * together, lifted onto what the purse had; twice their sum bounds them all.
 */
export function integerBound(
  request: AllocationRequest,
  lines: WaveLines,
  minorDigits: number,
): { readonly scale: number; readonly bound: Decimal } {
  let scale = minorDigits;
  let money: Decimal = new Money(1);
  const widen = (amount: Decimal) => {
    const places = amount.decimalPlaces();
    if (places > scale) scale = places;
  };
  for (const franchisee of request.franchisees) {
    for (const amount of [franchisee.cash, franchisee.creditLimit, franchisee.creditUsed])
      widen(amount);
    money = money.plus(franchisee.cash).plus(franchisee.creditLimit);
  }
  for (const row of request.commitments) {
    widen(row.cash);
    widen(row.credit);
  }
  let highest: Decimal = new Money(0);
  for (const price of lines.prices) {
    widen(price);
    if (price.gt(highest)) highest = price;
  }
  return { scale, bound: money.plus(highest.times(lines.units)).times(2) };
}

/** Amounts as integers of 10^-scale, in doubles (the caller proved them below 2^53). */
class ScaledMoney implements RunMoney {
  readonly zero = 0;

  column(count: number): AmountColumn {
    return new Float64Array(count);
  }
  private readonly unit: Decimal;
  /** Integer amounts of the request by their Decimal: a wave repeats few prices. */
  private readonly known = new Map<Decimal, number>();
  private readonly zeroText: string;

  constructor(
    private readonly scale: number,
    private readonly minorDigits: number,
  ) {
    this.unit = new Money(10).pow(scale);
    this.zeroText = this.print(0);
  }

  of(amount: Decimal): number {
    let value = this.known.get(amount);
    if (value === undefined) {
      value = amount.times(this.unit).toNumber();
      this.known.set(amount, value);
    }
    return value;
  }

  decimal(amount: Amount): Decimal {
    return new Money(amount as number).div(this.unit);
  }

  text(amount: Amount): string {
    // Most rows are paid from one purse: the other's zero is printed often.
    return amount === 0 ? this.zeroText : this.print(amount as number);
  }

  private print(amount: number): string {
    // An integer below 2^53 prints exactly, digit for digit.
    const digits = String(amount);
    if (this.scale === 0) return digits;
    const cut = digits.length - this.scale;
    const whole = cut > 0 ? digits.slice(0, cut) : "0";
    const fraction = cut > 0 ? digits.slice(cut) : digits.padStart(this.scale, "0");
    // Trailing zeros go, down to the currency's minor digits.
    let end = fraction.length;
    while (end > this.minorDigits && fraction.charCodeAt(end - 1) === 48) end--;
    return end === 0 ? whole : `${whole}.${fraction.slice(0, end)}`;
  }

  plus(a: Amount, b: Amount): number {
    return (a as number) + (b as number);
  }

  minus(a: Amount, b: Amount): number {
    return (a as number) - (b as number);
  }

  times(price: Amount, quantity: number): number {
    return (price as number) * quantity;
  }

  lte(a: Amount, b: Amount): boolean {
    return (a as number) <= (b as number);
  }

  isZero(amount: Amount): boolean {
    return amount === 0;
  }

  quotient(a: Amount, b: Amount): number {
    // Exact for integers 0 ≤ a < 2^53 and b ≥ 1: when b does not divide a, a ÷ b lies at
    // least 1/b below the next integer, and half a unit in the last place of a ÷ b is at
    // most (a ÷ b)·2^-53 < 1/b, so the rounded quotient stays below that integer (and,
    // rounding being monotone, not below ⌊a ÷ b⌋).
    return Math.floor((a as number) / (b as number));
  }
}

/** Amounts as decimal.js values: for requests whose amounts could pass 2^53 scaled. */
class DecimalMoney implements RunMoney {
  readonly zero: Decimal = new Money(0);

  column(count: number): AmountColumn {
    return new Array<Decimal>(count).fill(this.zero);
  }
  constructor(private readonly minorDigits: number) {}

  of(amount: Decimal): Decimal {
    return amount;
  }

  decimal(amount: Amount): Decimal {
    return amount as Decimal;
  }

  text(amount: Amount): string {
    return formatAmount(amount as Decimal, this.minorDigits);
  }

  plus(a: Amount, b: Amount): Decimal {
    return (a as Decimal).plus(b as Decimal);
  }

  minus(a: Amount, b: Amount): Decimal {
    return (a as Decimal).minus(b as Decimal);
  }

  times(price: Amount, quantity: number): Decimal {
    return (price as Decimal).times(quantity);
  }

  lte(a: Amount, b: Amount): boolean {
    return (a as Decimal).lte(b as Decimal);
  }

  // Stryker disable next-line BlockStatement: every caller's other way gives the same for a zero (isZero saves the arithmetic)
  isZero(amount: Amount): boolean {
    return (amount as Decimal).isZero();
  }

  quotient(a: Amount, b: Amount): number {
    return (a as Decimal).divToInt(b as Decimal).toNumber();
  }
}
