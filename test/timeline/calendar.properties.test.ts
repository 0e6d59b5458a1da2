/**
 * Property-based tests of the working-day calendar (R-SLA-2) over random
 * calendars — eight time zones, among them three with daylight saving in
 * different hemispheres, one whose clocks skip midnight (America/Santiago) and
 * one that moves them by 30 minutes (Australia/Lord_Howe) — random holidays
 * and make-up working days, and random instants in 2026–2027.
 *
 * Expected values come from a day-by-day model written here on UTC dates, and
 * from elapsed milliseconds read with `Date.parse`, never from the calendar's
 * own arithmetic.
 *
 * With CI set, every property runs with the fixed seed 20261128. Each runs 1000
 * times by default; FC_NUM_RUNS sets another count (test/support/runs.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addHours,
  addWorkingDays,
  type IsoDate,
  isWorkingDay,
  localDateOf,
  parseWorkCalendar,
  type WorkCalendar,
} from "../../src/index.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const RUNS = propertyRuns(1000);
const params = propertyParams(RUNS);

const ZONES = [
  "Asia/Shanghai",
  "America/New_York",
  "Europe/Berlin",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Pacific/Auckland",
  "UTC",
] as const;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const FIRST = Date.UTC(2026, 0, 1);
const LAST = Date.UTC(2027, 11, 31);

/** The date `days` after 2026-01-01 (UTC calendar arithmetic, no zone). */
const dateAt = (days: number): IsoDate =>
  new Date(FIRST + days * DAY).toISOString().slice(0, 10) as IsoDate;
const nextDate = (date: string): IsoDate =>
  new Date(Date.parse(date) + DAY).toISOString().slice(0, 10) as IsoDate;
const weekday = (date: string) => new Date(Date.parse(date)).getUTCDay();

const SPAN = Math.round((LAST - FIRST) / DAY);
const date = fc.integer({ min: 0, max: SPAN }).map(dateAt);

/** A calendar: a zone, up to 120 holidays and up to 30 make-up days, never the same date in both. */
const calendar = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    holidays: fc.uniqueArray(date, { maxLength: 120 }),
    workdays: fc.uniqueArray(date, { maxLength: 30 }),
  })
  .map(({ timeZone, holidays, workdays }) =>
    parseWorkCalendar({
      timeZone,
      holidays,
      workdays: workdays.filter((day) => !holidays.includes(day)),
    }),
  );

/** An instant in 2026, written in UTC or with a fixed offset. */
const instant = fc
  .tuple(
    fc.integer({ min: FIRST, max: Date.UTC(2026, 11, 31) }),
    fc.constantFrom(0, 480, -300, 330, 60, -210),
  )
  .map(([epoch, offsetMinutes]) => {
    if (offsetMinutes === 0) return new Date(epoch).toISOString();
    const local = new Date(epoch + offsetMinutes * 60_000).toISOString().slice(0, 23);
    const sign = offsetMinutes < 0 ? "-" : "+";
    const abs = Math.abs(offsetMinutes);
    const hh = String(Math.floor(abs / 60)).padStart(2, "0");
    const mm = String(abs % 60).padStart(2, "0");
    return `${local}${sign}${hh}:${mm}`;
  });

/** The model's working day: made up, else not a holiday and Monday–Friday. */
function modelWorking(cal: WorkCalendar, day: string): boolean {
  if (cal.workdays.includes(day as IsoDate)) return true;
  if (cal.holidays.includes(day as IsoDate)) return false;
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/** Working days in [from, to): the model's count. */
function workingBetween(cal: WorkCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = from; day < to; day = nextDate(day)) if (modelWorking(cal, day)) count++;
  return count;
}

/** The wall-clock time of an instant written with its offset: `2026-03-09T09:00:00-04:00` → `09:00:00`. */
const wallTime = (written: string) => written.slice(11, 19) + (written.match(/\.\d+/)?.[0] ?? "");

describe("properties", () => {
  it("R-SLA-2: a date is a working day exactly as the model says", () => {
    fc.assert(
      fc.property(calendar, date, (cal, day) => {
        expect(isWorkingDay(cal, day)).toBe(modelWorking(cal, day));
      }),
      params,
    );
  });

  it("R-SLA-2: adding n working days lands on a working day with exactly n working days from the start's date to it", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 40 }), (cal, start, n) => {
        const result = addWorkingDays(cal, start, n);
        const from = localDateOf(cal, start);
        const to = localDateOf(cal, result);
        expect(modelWorking(cal, to)).toBe(true);
        expect(workingBetween(cal, from, to)).toBe(n);
        expect(Date.parse(to) - Date.parse(from)).toBeGreaterThanOrEqual(n * DAY);
        expect(Date.parse(result)).toBeGreaterThanOrEqual(Date.parse(start));
      }),
      params,
    );
  });

  it("R-SLA-2: adding working days keeps the wall time, or starts the day, or leaves a gap forward", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 40 }), (cal, start, n) => {
        const result = addWorkingDays(cal, start, n);
        const local = addHours(cal, start, 0);
        const to = localDateOf(cal, result);
        if (modelWorking(cal, localDateOf(cal, start))) {
          if (wallTime(result) !== wallTime(local)) {
            // Only a wall time the result day does not have may move, and only forward, by < 1 day.
            expect(wallTime(result) > wallTime(local)).toBe(true);
            expect(localDateOf(cal, addHours(cal, result, -1))).toBe(to);
          }
        } else {
          // The result is the first instant of its day.
          expect(localDateOf(cal, new Date(Date.parse(result) - 1).toISOString())).not.toBe(to);
        }
      }),
      params,
    );
  });

  it("R-SLA-2: adding a then b working days is adding a + b, unless the first result left a gap", () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (cal, start, a, b) => {
          const first = addWorkingDays(cal, start, a);
          const startWorking = modelWorking(cal, localDateOf(cal, start));
          const intended = startWorking ? wallTime(addHours(cal, start, 0)) : "00:00:00";
          fc.pre(wallTime(first) === intended);
          expect(addWorkingDays(cal, first, b)).toBe(addWorkingDays(cal, start, a + b));
        },
      ),
      params,
    );
  });

  it("R-SLA-2: one more working day is always later", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 30 }), (cal, start, n) => {
        expect(Date.parse(addWorkingDays(cal, start, n + 1))).toBeGreaterThan(
          Date.parse(addWorkingDays(cal, start, n)),
        );
      }),
      params,
    );
  });

  it("R-SLA-1, R-SLA-3: adding hours is exact in elapsed milliseconds in every zone, and undone by subtracting them", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: -2000, max: 2000 }), (cal, start, h) => {
        const later = addHours(cal, start, h);
        expect(Date.parse(later) - Date.parse(start)).toBe(h * HOUR);
        expect(addHours(cal, later, -h)).toBe(addHours(cal, start, 0));
      }),
      params,
    );
  });
});
