import type { Branded } from "./brand.js";
/**
 * An ISO calendar date `YYYY-MM-DD` known to exist (R-UNIT-3). Made by
 * {@link parseIsoDate} or by the schema; compares correctly with `<` and `>`.
 */
export type IsoDate = string & Branded<"IsoDate">;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `text` is an existing calendar date written `YYYY-MM-DD` (R-UNIT-3).
 *
 * @param text - any string
 * @returns true for `2028-02-29`, false for `2026-02-30` or `2026-3-1`
 * @example
 * ```ts
 * import { isIsoDate } from "fenhuo";
 * isIsoDate("2028-02-29"); // true
 * isIsoDate("2026-02-30"); // false
 * ```
 */
export function isIsoDate(text: string): text is IsoDate {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads an ISO calendar date, rejecting impossible ones.
 *
 * @throws RangeError when `text` is not an existing `YYYY-MM-DD` date
 * @example
 * ```ts
 * import { parseIsoDate } from "fenhuo";
 * parseIsoDate("2026-03-01"); // "2026-03-01"
 * ```
 */
export function parseIsoDate(text: string): IsoDate {
  if (!isIsoDate(text))
    throw new RangeError(`not an existing YYYY-MM-DD date: ${JSON.stringify(text)}`);
  return text;
}

/**
 * Day D + n, calendar arithmetic in no time zone (R-UNIT-3).
 *
 * @example
 * ```ts
 * import { addDays, parseIsoDate } from "fenhuo";
 * addDays(parseIsoDate("2026-02-20"), 15); // "2026-03-07"
 * ```
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC maps the years 0–99 to 1900–1999.
  const shifted = new Date(0);
  shifted.setUTCFullYear(year, month - 1, day + Math.trunc(days));
  const y = shifted.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`${date} + ${days} days leaves the years 0000–9999`);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(y, 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}` as IsoDate;
}

/**
 * Whole days from `from` to `to`: negative when `to` is earlier (R-UNIT-3).
 * Never leaves the calendar, so it is safe where `from + n` might.
 *
 * @throws RangeError when `from` or `to` is not an existing `YYYY-MM-DD` date (as {@link parseIsoDate})
 * @example
 * ```ts
 * import { daysBetween, parseIsoDate } from "fenhuo";
 * daysBetween(parseIsoDate("2026-03-16"), parseIsoDate("2026-03-17")); // 1
 * daysBetween(parseIsoDate("2026-03-01"), parseIsoDate("2026-02-01")); // -28
 * ```
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return (dayNumber(parseIsoDate(to)) - dayNumber(parseIsoDate(from))) / 86_400_000;
}

function dayNumber(date: IsoDate): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant.getTime();
}

/** The month (1–12) of a date. */
export function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}
