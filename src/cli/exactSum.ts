import { Decimal } from "decimal.js";

/*
 * The exact sum of a plan's amounts for `--summary` (R-SCALE-2). A
 * 5,000,000-line plan holds millions of amounts: one Decimal per amount made
 * the summary the run's biggest heap of garbage. Amounts are decimal texts
 * ("8616.00"); each is read digit by digit as a scaled integer (at most 15
 * digits, so below 2^53) and summed per number of decimals, as integers that
 * stay below 2^53 — past it, into a BigInt. Nothing is ever a fractional float.
 */

/** Decimals precise enough that no sum of a plan's amounts is ever rounded. */
const Exact = Decimal.clone({ precision: 1000 });

/** At most this many digits are read as one integer: 10^15 < 2^53. */
const MAX_DIGITS = 15;

/**
 * A running exact sum of decimal texts.
 *
 * @example
 * ```ts
 * import { ExactSum } from "./exactSum.js";
 * const sum = new ExactSum();
 * for (const amount of ["0.10", "0.20", "8616.00", "1.005"]) sum.add(amount);
 * sum.total().toFixed(); // "8617.305"
 * ```
 */
export class ExactSum {
  /** Per number of decimals: the sum of the scaled integers, below 2^53. */
  private readonly small: number[] = [];
  /** Per number of decimals: what went past 2^53. */
  private readonly big: bigint[] = [];
  /** Texts that are not plain digits (a sign, an exponent, too many digits): summed as decimals. */
  private other: Decimal = new Exact(0);

  /** Adds a decimal text (`"8616.00"`, `"12"`, `"-1.5"`). */
  add(text: string): void {
    let value = 0;
    let decimals = -1;
    let digits = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 48 && code <= 57) {
        value = value * 10 + (code - 48);
        digits++;
        if (decimals >= 0) decimals++;
      } else if (code === 46 && decimals < 0 && digits > 0 && i < text.length - 1) {
        decimals = 0;
      } else {
        digits = MAX_DIGITS + 1; // not plain digits
        break;
      }
    }
    if (digits === 0 || digits > MAX_DIGITS) {
      this.other = this.other.plus(text);
      return;
    }
    const scale = Math.max(decimals, 0);
    const sum = (this.small[scale] ?? 0) + value;
    if (Number.isSafeInteger(sum)) {
      this.small[scale] = sum;
    } else {
      this.big[scale] = (this.big[scale] ?? 0n) + BigInt(this.small[scale] ?? 0) + BigInt(value);
      this.small[scale] = 0;
    }
  }

  /** The sum so far, exact. */
  total(): Decimal {
    const scales = Math.max(this.small.length, this.big.length);
    let scaled = 0n;
    // All at the largest number of decimals, as one integer.
    for (let scale = 0; scale < scales; scale++) {
      const at = BigInt(this.small[scale] ?? 0) + (this.big[scale] ?? 0n);
      scaled += at * 10n ** BigInt(scales - 1 - scale);
    }
    const exact = scales === 0 ? new Exact(0) : new Exact(`${scaled}e-${scales - 1}`);
    return this.other.isZero() ? exact : exact.plus(this.other);
  }
}
