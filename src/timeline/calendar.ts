import { Temporal } from "temporal-polyfill";
import type { Branded } from "../domain/brand.js";
import { type IsoDate, isIsoDate } from "../domain/dates.js";
import { deepFreeze } from "../domain/freeze.js";
import { calendarWire } from "../schema/calendarWire.js";
import { guarded } from "../schema/guard.js";
import { InputError, type Result } from "../schema/issues.js";
import {
  calendarContract,
  calendarShape,
  dateContract,
  hoursShape,
  instantContract,
  instantShape,
  workingDaysShape,
} from "../schema/madeShapes.js";
import { check } from "../schema/zodIssues.js";

/*
 * The working-day calendar of R-SLA-2. Zone arithmetic is Temporal's (the
 * `temporal-polyfill` implementation, whose time-zone rules are the runtime's
 * ICU data): wall time → instant is where hand-rolled offset searches go wrong
 * around daylight-saving changes, so none is written here.
 *
 * Choices, each stated once:
 * - a working day is Monday–Friday, or a make-up working day (调休), and not a holiday;
 * - a wall time that does not exist (a spring-forward gap) moves forward by the
 *   gap's length (02:30 → 03:30); a wall time that exists twice (a fall-back
 *   overlap) is the earlier instant — Temporal's `"compatible"`, as RFC 5545;
 * - "00:00" of a day is the day's first instant, which is 01:00 in a zone whose
 *   clocks skip midnight;
 * - results are written in the calendar's zone with its offset at that instant
 *   (`2026-02-10T13:00:00+08:00`), to the millisecond at most.
 */

/**
 * A working-day calendar, made by {@link parseWorkCalendar}: an IANA time zone,
 * holidays and make-up working days (调休), each list sorted and free of
 * duplicates. Plain JSON; frozen.
 */
export interface WorkCalendar extends Branded<"WorkCalendar"> {
  /** An IANA time zone, spelled as the runtime's zone data spells it. */
  readonly timeZone: string;
  /** Days that are not working days, even from Monday to Friday. */
  readonly holidays: readonly IsoDate[];
  /** Make-up working days (调休): working days even on a Saturday or Sunday. */
  readonly workdays: readonly IsoDate[];
}

/**
 * Reads a working-day calendar `{ timeZone, holidays, workdays }` (the lists
 * default to empty), or lists every problem with its path: an unknown time zone
 * or a bare offset, an impossible date, a date listed twice, a date that is
 * both a holiday and a make-up working day. Never throws.
 *
 * @param input - untrusted JSON
 * @returns `ok` with the calendar, or `issues`
 * @example
 * ```ts
 * import { safeParseWorkCalendar } from "fenhuo";
 * safeParseWorkCalendar({ timeZone: "Asia/Shanghai", holidays: ["2026-02-30"] }).issues?.[0]?.path; // ["holidays", 0]
 * safeParseWorkCalendar({ timeZone: "Mars/Olympus" }).issues?.[0]?.path; // ["timeZone"]
 * safeParseWorkCalendar({ timeZone: "asia/shanghai" }).value?.timeZone; // "Asia/Shanghai"
 * ```
 */
export function safeParseWorkCalendar(input: unknown): Result<WorkCalendar> {
  const parsed = check(calendarWire, input);
  if (!parsed.ok) return parsed;
  const sorted = (dates: readonly string[]) => [...dates].sort() as IsoDate[];
  const calendar = {
    timeZone: parsed.value.timeZone,
    holidays: sorted(parsed.value.holidays),
    workdays: sorted(parsed.value.workdays),
  } as unknown as WorkCalendar;
  return { ok: true, value: deepFreeze(calendar) };
}

/**
 * Reads a working-day calendar, as {@link safeParseWorkCalendar}, but throws.
 *
 * @param input - untrusted JSON: `{ timeZone, holidays?, workdays? }`
 * @throws {@link InputError} listing every problem with its path
 * @example
 * ```ts
 * import { parseWorkCalendar } from "fenhuo";
 * const calendar = parseWorkCalendar({
 *   timeZone: "Asia/Shanghai", holidays: ["2026-02-17", "2026-02-16"], workdays: ["2026-02-14"] });
 * calendar.holidays; // ["2026-02-16", "2026-02-17"]
 * ```
 */
export function parseWorkCalendar(input: unknown): WorkCalendar {
  const result = safeParseWorkCalendar(input);
  if (!result.ok) throw new InputError(result.issues);
  return result.value;
}

/**
 * Whether a local date is a working day: a make-up working day (调休) always
 * is, a holiday never is, any other day is one from Monday to Friday.
 *
 * @param calendar - from {@link parseWorkCalendar}
 * @param date - a local date in the calendar's zone
 * @throws {@link InputError} when `calendar` is not a calendar or `date` not a date
 * @example
 * ```ts
 * import { isWorkingDay, parseIsoDate, parseWorkCalendar } from "fenhuo";
 * const calendar = parseWorkCalendar({
 *   timeZone: "Asia/Shanghai", holidays: ["2026-02-16"], workdays: ["2026-02-14"] });
 * isWorkingDay(calendar, parseIsoDate("2026-02-13")); // true: a Friday
 * isWorkingDay(calendar, parseIsoDate("2026-02-14")); // true: a Saturday, made up
 * isWorkingDay(calendar, parseIsoDate("2026-02-15")); // false: a Sunday
 * isWorkingDay(calendar, parseIsoDate("2026-02-16")); // false: a Monday, a holiday
 * ```
 */
export function isWorkingDay(calendar: WorkCalendar, date: IsoDate): boolean {
  return guarded(
    [
      { name: "calendar", value: calendar, shape: calendarShape, contract: calendarContract },
      { name: "date", value: date, shape: instantShape, contract: dateContract },
    ],
    () => workingDay(calendar, date),
  );
}

/** {@link isWorkingDay} of arguments that have their shapes. */
function workingDay(calendar: WorkCalendar, date: IsoDate): boolean {
  if (listed(calendar.workdays, date)) return true;
  if (listed(calendar.holidays, date)) return false;
  return Temporal.PlainDate.from(date).dayOfWeek <= 5;
}

/**
 * The local date of an instant in the calendar's time zone.
 *
 * @param calendar - from {@link parseWorkCalendar}
 * @param instant - an ISO 8601 date-time with an offset
 * @throws {@link InputError} when `calendar` or `instant` is not one; RangeError when
 *   the local date is outside the years 0000–9999
 * @example
 * ```ts
 * import { localDateOf, parseWorkCalendar } from "fenhuo";
 * const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai" });
 * localDateOf(calendar, "2026-01-31T17:30:00Z"); // "2026-02-01"
 * ```
 */
export function localDateOf(calendar: WorkCalendar, instant: string): IsoDate {
  return guarded(
    [
      { name: "calendar", value: calendar, shape: calendarShape, contract: calendarContract },
      { name: "instant", value: instant, shape: instantShape, contract: instantContract },
    ],
    () => localDate(calendar, instant),
  );
}

/** {@link localDateOf} of arguments that have their shapes. */
function localDate(calendar: WorkCalendar, instant: string): IsoDate {
  return dateOf(zoned(calendar, instant).toPlainDate());
}

/**
 * Adds `days` working days to an instant, keeping its local wall-clock time:
 * the result is on the `days`-th working day after the instant's local date.
 * An instant on a non-working day counts from 00:00 of the next working day —
 * work received on a Saturday starts on Monday morning — so its result is at
 * 00:00 too. A wall time missing on the result day (a daylight-saving gap)
 * moves forward by the gap; one that occurs twice is the earlier instant.
 * Adding `a` then `b` working days is adding `a + b`, unless the first result
 * was moved out of such a gap (it then carries the moved wall time on).
 *
 * @param calendar - from {@link parseWorkCalendar}
 * @param instant - an ISO 8601 date-time with an offset
 * @param days - a whole number ≥ 0; 0 leaves a working-day instant as it is
 * @returns the instant in the calendar's zone, `2026-02-13T09:00:00+08:00`
 * @throws {@link InputError} for a calendar that is not one, a malformed instant or a negative
 *   or fractional `days`
 * @example
 * ```ts
 * import { addWorkingDays, parseWorkCalendar } from "fenhuo";
 * const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai", holidays: ["2026-02-16"] });
 * addWorkingDays(calendar, "2026-02-12T09:00:00+08:00", 1); // "2026-02-13T09:00:00+08:00"
 * addWorkingDays(calendar, "2026-02-13T18:00:00+08:00", 1); // "2026-02-17T18:00:00+08:00"
 * addWorkingDays(calendar, "2026-02-14T10:00:00+08:00", 0); // "2026-02-17T00:00:00+08:00"
 * const newYork = parseWorkCalendar({ timeZone: "America/New_York" });
 * addWorkingDays(newYork, "2026-03-06T09:00:00-05:00", 1); // "2026-03-09T09:00:00-04:00"
 * ```
 */
export function addWorkingDays(calendar: WorkCalendar, instant: string, days: number): string {
  return guarded(
    [
      { name: "calendar", value: calendar, shape: calendarShape, contract: calendarContract },
      { name: "instant", value: instant, shape: instantShape, contract: instantContract },
      { name: "days", value: days, shape: workingDaysShape },
    ],
    () => workingDaysLater(calendar, instant, days),
  );
}

/** {@link addWorkingDays} of arguments that have their shapes. */
function workingDaysLater(calendar: WorkCalendar, instant: string, days: number): string {
  const start = zoned(calendar, instant);
  let date = start.toPlainDate();
  let time: Temporal.PlainTime | undefined = start.toPlainTime();
  if (workingDay(calendar, dateOf(date))) {
    // The instant itself, not its wall time read back: that could be the other of two 01:30s.
    if (days === 0) return format(start);
  } else {
    date = nextWorkingDay(calendar, date);
    time = undefined;
  }
  for (let left = days; left > 0; left--) date = nextWorkingDay(calendar, date);
  const result =
    time === undefined
      ? date.toZonedDateTime({ timeZone: calendar.timeZone })
      : date
          .toPlainDateTime(time)
          .toZonedDateTime(calendar.timeZone, { disambiguation: "compatible" });
  return format(result);
}

/**
 * Adds `hours` of elapsed time to an instant: exactly `hours` × 3,600,000 ms,
 * whatever the clocks do meanwhile (a daylight-saving change shifts the wall
 * time, not the elapsed time).
 *
 * @param calendar - gives the zone the result is written in
 * @param instant - an ISO 8601 date-time with an offset
 * @param hours - a whole number, negative to go back
 * @returns the instant in the calendar's zone
 * @throws {@link InputError} for a calendar that is not one, a malformed instant or a fractional
 *   `hours`
 * @example
 * ```ts
 * import { addHours, parseWorkCalendar } from "fenhuo";
 * const newYork = parseWorkCalendar({ timeZone: "America/New_York" });
 * addHours(newYork, "2026-03-07T23:00:00-05:00", 4); // "2026-03-08T04:00:00-04:00"
 * addHours(parseWorkCalendar({ timeZone: "Asia/Shanghai" }), "2026-02-10T01:00:00Z", 4); // "2026-02-10T13:00:00+08:00"
 * ```
 */
export function addHours(calendar: WorkCalendar, instant: string, hours: number): string {
  return guarded(
    [
      { name: "calendar", value: calendar, shape: calendarShape, contract: calendarContract },
      { name: "instant", value: instant, shape: instantShape, contract: instantContract },
      { name: "hours", value: hours, shape: hoursShape },
    ],
    () => hoursLater(calendar, instant, hours),
  );
}

/** {@link addHours} of arguments that have their shapes. */
function hoursLater(calendar: WorkCalendar, instant: string, hours: number): string {
  return format(zoned(calendar, instant).add({ hours }));
}

/**
 * Writes an instant in the calendar's zone, with the offset in force there
 * then, to the millisecond at most.
 *
 * @param calendar - gives the zone
 * @param instant - an ISO 8601 date-time with an offset
 * @throws {@link InputError} for a calendar that is not one or a malformed instant
 * @example
 * ```ts
 * import { inCalendarZone, parseWorkCalendar } from "fenhuo";
 * const berlin = parseWorkCalendar({ timeZone: "Europe/Berlin" });
 * inCalendarZone(berlin, "2026-07-01T08:00:00.250Z"); // "2026-07-01T10:00:00.25+02:00"
 * ```
 */
export function inCalendarZone(calendar: WorkCalendar, instant: string): string {
  return guarded(
    [
      { name: "calendar", value: calendar, shape: calendarShape, contract: calendarContract },
      { name: "instant", value: instant, shape: instantShape, contract: instantContract },
    ],
    () => inZone(calendar, instant),
  );
}

/** {@link inCalendarZone} of arguments that have their shapes. */
function inZone(calendar: WorkCalendar, instant: string): string {
  return format(zoned(calendar, instant));
}

/** The first working day after `date`. */
function nextWorkingDay(calendar: WorkCalendar, date: Temporal.PlainDate): Temporal.PlainDate {
  let next = date.add({ days: 1 });
  while (!workingDay(calendar, dateOf(next))) next = next.add({ days: 1 });
  return next;
}

function zoned(calendar: WorkCalendar, instant: string): Temporal.ZonedDateTime {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(calendar.timeZone);
}

function dateOf(date: Temporal.PlainDate): IsoDate {
  const text = date.toString();
  if (!isIsoDate(text)) throw new RangeError(`${text} is outside the years 0000–9999`);
  return text;
}

/** An instant in the calendar's zone, milliseconds at most: `2026-02-10T13:00:00+08:00`. */
function format(instant: Temporal.ZonedDateTime): string {
  return instant
    .round({ smallestUnit: "millisecond", roundingMode: "trunc" })
    .toString({ timeZoneName: "never" });
}

/** Whether a sorted list of dates holds `date`: a binary search. */
function listed(dates: readonly IsoDate[], date: IsoDate): boolean {
  let low = 0;
  let high = dates.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = dates[middle] as IsoDate;
    if (found === date) return true;
    if (found < date) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
