/**
 * The working-day calendar of R-SLA-2, on hand-computed cases: a week with a
 * holiday, a Spring Festival with make-up working days (调休), month and year
 * ends, and the daylight-saving changes of America/New_York, Europe/Berlin and
 * America/Santiago (whose clocks skip midnight).
 *
 * Weekdays used below: 2026-01-01 is a Thursday, so 2026-01-30, 2026-02-13,
 * 2026-03-06, 2026-03-27, 2026-05-01, 2026-10-30 and 2027-01-01 are Fridays.
 */

import { describe, expect, it } from "vitest";
import {
  addHours,
  addWorkingDays,
  InputError,
  inCalendarZone,
  isWorkingDay,
  localDateOf,
  parseIsoDate,
  parseWorkCalendar,
  safeParseWorkCalendar,
  type WorkCalendar,
} from "../../src/index.js";
import { springCalendar } from "../support/fixtures.js";

const HOUR = 3_600_000;
const ms = (instant: string) => Date.parse(instant);

/** A Spring-Festival-like 2026: Sun 15 – Mon 23 February off, Saturdays 14 and 28 worked. */
const spring = springCalendar;

const shanghai = (holidays: string[] = [], workdays: string[] = []): WorkCalendar =>
  parseWorkCalendar({ timeZone: "Asia/Shanghai", holidays, workdays });
const newYork = (workdays: string[] = []): WorkCalendar =>
  parseWorkCalendar({ timeZone: "America/New_York", workdays });

const working = (calendar: WorkCalendar, date: string) =>
  isWorkingDay(calendar, parseIsoDate(date));

describe("R-SLA-2: reading a working-day calendar", () => {
  it("accepts a calendar and sorts its dates", () => {
    const calendar = parseWorkCalendar({
      timeZone: "Europe/Berlin",
      holidays: ["2026-12-25", "2026-01-01"],
      workdays: ["2026-10-10"],
    });
    expect(calendar).toEqual({
      timeZone: "Europe/Berlin",
      holidays: ["2026-01-01", "2026-12-25"],
      workdays: ["2026-10-10"],
    });
    expect(Object.isFrozen(calendar.holidays)).toBe(true);
  });

  it("defaults the lists to empty and spells the zone as the zone data does", () => {
    expect(parseWorkCalendar({ timeZone: "america/new_york" })).toEqual({
      timeZone: "America/New_York",
      holidays: [],
      workdays: [],
    });
  });

  it("rejects an unknown time zone and a bare offset, at timeZone", () => {
    for (const timeZone of ["Mars/Olympus", "+08:00", "", 8]) {
      const result = safeParseWorkCalendar({ timeZone });
      expect(result.ok).toBe(false);
      expect(result.issues?.map((issue) => issue.path)).toEqual([["timeZone"]]);
    }
  });

  it("rejects impossible dates, each at its path", () => {
    const result = safeParseWorkCalendar({
      timeZone: "Asia/Shanghai",
      holidays: ["2026-02-16", "2026-02-30"],
      workdays: ["2026-13-01", "2026-2-1"],
    });
    expect(result.issues?.map((issue) => issue.path)).toEqual([
      ["holidays", 1],
      ["workdays", 0],
      ["workdays", 1],
    ]);
  });

  it("rejects a date that is both a holiday and a make-up working day", () => {
    const result = safeParseWorkCalendar({
      timeZone: "Asia/Shanghai",
      holidays: ["2026-02-16", "2026-02-14"],
      workdays: ["2026-02-28", "2026-02-14"],
    });
    expect(result.issues).toEqual([
      {
        path: ["workdays", 1],
        code: "inconsistent",
        message:
          "2026-02-14 is also holidays[1]: a date is a holiday or a make-up working day, not both",
      },
    ]);
  });

  it("rejects a date listed twice and an unknown field", () => {
    const twice = safeParseWorkCalendar({
      timeZone: "Asia/Shanghai",
      holidays: ["2026-02-16", "2026-02-16"],
    });
    expect(twice.issues?.map((issue) => issue.path)).toEqual([["holidays", 1]]);
    const typo = safeParseWorkCalendar({ timeZone: "Asia/Shanghai", holiday: ["2026-02-16"] });
    expect(typo.ok).toBe(false);
  });

  it("throws one InputError listing every problem", () => {
    expect(() =>
      parseWorkCalendar({ timeZone: "Nowhere", holidays: ["2026-02-30"], workdays: [1] }),
    ).toThrowError(InputError);
    try {
      parseWorkCalendar({ timeZone: "Nowhere", holidays: ["2026-02-30"], workdays: [1] });
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path)).toEqual([
        ["timeZone"],
        ["holidays", 0],
        ["workdays", 0],
      ]);
    }
  });
});

describe("R-SLA-2: working days", () => {
  it("are Monday to Friday less holidays in a week with a holiday (Friday 1 May)", () => {
    const calendar = shanghai(["2026-05-01"]);
    const week = ["04-27", "04-28", "04-29", "04-30", "05-01", "05-02", "05-03"];
    expect(week.map((day) => working(calendar, `2026-${day}`))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("include a make-up Saturday (调休) and exclude a weekday holiday", () => {
    expect(working(spring, "2026-02-13")).toBe(true);
    expect(working(spring, "2026-02-14")).toBe(true);
    expect(working(spring, "2026-02-15")).toBe(false);
    for (const day of ["16", "17", "18", "19", "20", "23"]) {
      expect(working(spring, `2026-02-${day}`)).toBe(false);
    }
    expect(working(spring, "2026-02-24")).toBe(true);
    expect(working(spring, "2026-02-28")).toBe(true);
    expect(working(spring, "2026-03-01")).toBe(false);
  });
});

describe("R-SLA-2: the local date of an instant", () => {
  it("crosses a month end in Asia/Shanghai", () => {
    expect(localDateOf(spring, "2026-01-31T15:59:59.999Z")).toBe("2026-01-31");
    expect(localDateOf(spring, "2026-01-31T16:00:00Z")).toBe("2026-02-01");
  });

  it("crosses a year end both ways", () => {
    expect(localDateOf(spring, "2026-12-31T16:30:00Z")).toBe("2027-01-01");
    expect(localDateOf(newYork(), "2027-01-01T03:00:00Z")).toBe("2026-12-31");
    expect(localDateOf(newYork(), "2027-01-01T00:00:00+08:00")).toBe("2026-12-31");
  });

  it("§7: refuses an instant without an offset with an InputError at (instant)", () => {
    expect(() => localDateOf(spring, "2026-02-10T09:00:00")).toThrowError(InputError);
    expect(() => localDateOf(spring, "2026-02-10T09:00:00")).toThrowError(
      /\(instant\): must be an existing ISO 8601 date-time/,
    );
  });
});

describe("R-SLA-2: adding working days", () => {
  it("skips a holiday in the week, keeping the wall time", () => {
    const calendar = shanghai(["2026-05-01"]);
    expect(addWorkingDays(calendar, "2026-04-29T10:15:00+08:00", 1)).toBe(
      "2026-04-30T10:15:00+08:00",
    );
    expect(addWorkingDays(calendar, "2026-04-30T10:15:00+08:00", 1)).toBe(
      "2026-05-04T10:15:00+08:00",
    );
    expect(addWorkingDays(calendar, "2026-04-30T10:15:00+08:00", 3)).toBe(
      "2026-05-06T10:15:00+08:00",
    );
  });

  it("works a make-up Saturday and skips the Spring Festival (调休)", () => {
    const friday = "2026-02-13T18:00:00+08:00";
    expect(addWorkingDays(spring, friday, 1)).toBe("2026-02-14T18:00:00+08:00");
    expect(addWorkingDays(spring, friday, 2)).toBe("2026-02-24T18:00:00+08:00");
    expect(addWorkingDays(spring, friday, 3)).toBe("2026-02-25T18:00:00+08:00");
    expect(addWorkingDays(spring, "2026-02-14T10:00:00+08:00", 1)).toBe(
      "2026-02-24T10:00:00+08:00",
    );
    expect(addWorkingDays(spring, "2026-02-27T09:00:00+08:00", 1)).toBe(
      "2026-02-28T09:00:00+08:00",
    );
    expect(addWorkingDays(spring, "2026-02-27T09:00:00+08:00", 2)).toBe(
      "2026-03-02T09:00:00+08:00",
    );
  });

  it("starts an instant on a non-working day at 00:00 of the next working day", () => {
    expect(addWorkingDays(spring, "2026-02-15T10:00:00+08:00", 0)).toBe(
      "2026-02-24T00:00:00+08:00",
    );
    expect(addWorkingDays(spring, "2026-02-21T23:59:00+08:00", 3)).toBe(
      "2026-02-27T00:00:00+08:00",
    );
  });

  it("reads the day in the calendar's zone, whatever the instant's offset", () => {
    // Friday 13 Feb 23:30 in Shanghai, written in UTC: the next working day is the make-up Saturday.
    expect(addWorkingDays(spring, "2026-02-13T15:30:00Z", 1)).toBe("2026-02-14T23:30:00+08:00");
    // Saturday 14 Feb 00:30 in Shanghai is worked, though it is Friday in UTC.
    expect(addWorkingDays(spring, "2026-02-13T16:30:00Z", 0)).toBe("2026-02-14T00:30:00+08:00");
  });

  it("leaves an instant on a working day as it is when adding 0", () => {
    expect(addWorkingDays(spring, "2026-02-13T10:00:00Z", 0)).toBe("2026-02-13T18:00:00+08:00");
  });

  it("crosses a month end", () => {
    expect(addWorkingDays(shanghai(), "2026-01-30T15:00:00+08:00", 1)).toBe(
      "2026-02-02T15:00:00+08:00",
    );
    expect(addWorkingDays(shanghai(), "2026-03-31T08:00:00+08:00", 1)).toBe(
      "2026-04-01T08:00:00+08:00",
    );
  });

  it("crosses a year end with New Year's Day off", () => {
    const calendar = shanghai(["2027-01-01"]);
    expect(addWorkingDays(calendar, "2026-12-31T09:30:00+08:00", 1)).toBe(
      "2027-01-04T09:30:00+08:00",
    );
    expect(addWorkingDays(calendar, "2026-12-30T09:30:00+08:00", 3)).toBe(
      "2027-01-05T09:30:00+08:00",
    );
  });

  it("keeps the wall time across the spring-forward change of America/New_York", () => {
    const monday = addWorkingDays(newYork(), "2026-03-06T09:00:00-05:00", 1);
    expect(monday).toBe("2026-03-09T09:00:00-04:00");
    expect(ms(monday) - ms("2026-03-06T09:00:00-05:00")).toBe(71 * HOUR);
  });

  it("keeps the wall time across the fall-back change of America/New_York", () => {
    const monday = addWorkingDays(newYork(), "2026-10-30T17:00:00-04:00", 1);
    expect(monday).toBe("2026-11-02T17:00:00-05:00");
    expect(ms(monday) - ms("2026-10-30T17:00:00-04:00")).toBe(73 * HOUR);
  });

  it("keeps the wall time across the change of Europe/Berlin", () => {
    const calendar = parseWorkCalendar({ timeZone: "Europe/Berlin" });
    expect(addWorkingDays(calendar, "2026-03-27T09:00:00+01:00", 1)).toBe(
      "2026-03-30T09:00:00+02:00",
    );
    expect(addWorkingDays(calendar, "2026-10-23T09:00:00+02:00", 1)).toBe(
      "2026-10-26T09:00:00+01:00",
    );
  });

  it("moves a wall time missing on a worked DST Sunday forward by the gap", () => {
    // 02:30 does not exist on 2026-03-08 in New York: it becomes 03:30 EDT.
    expect(addWorkingDays(newYork(["2026-03-08"]), "2026-03-06T02:30:00-05:00", 1)).toBe(
      "2026-03-08T03:30:00-04:00",
    );
  });

  it("takes the earlier of a wall time that occurs twice on a worked DST Sunday", () => {
    const calendar = newYork(["2026-11-01"]);
    expect(addWorkingDays(calendar, "2026-10-30T01:30:00-04:00", 1)).toBe(
      "2026-11-01T01:30:00-04:00",
    );
    // Adding 0 keeps the later 01:30 as it is.
    expect(addWorkingDays(calendar, "2026-11-01T01:30:00-05:00", 0)).toBe(
      "2026-11-01T01:30:00-05:00",
    );
  });

  it("starts a day whose midnight is skipped at its first instant (America/Santiago)", () => {
    const calendar = parseWorkCalendar({ timeZone: "America/Santiago", workdays: ["2026-09-06"] });
    expect(addWorkingDays(calendar, "2026-09-05T10:00:00-04:00", 0)).toBe(
      "2026-09-06T01:00:00-03:00",
    );
  });

  it("§7: refuses a negative or fractional number of days and a malformed instant with an InputError", () => {
    expect(() => addWorkingDays(spring, "2026-02-13T09:00:00+08:00", -1)).toThrowError(
      /\(days\): must be at least 0/,
    );
    expect(() => addWorkingDays(spring, "2026-02-13T09:00:00+08:00", 1.5)).toThrowError(
      /\(days\): must be a whole number/,
    );
    expect(() => addWorkingDays(spring, "2026-02-13", 1)).toThrowError(InputError);
  });
});

describe("R-SLA-1, R-SLA-3: adding elapsed hours", () => {
  it("crosses the spring-forward gap of America/New_York exactly", () => {
    const later = addHours(newYork(), "2026-03-07T23:00:00-05:00", 4);
    expect(later).toBe("2026-03-08T04:00:00-04:00");
    expect(ms(later) - ms("2026-03-07T23:00:00-05:00")).toBe(4 * HOUR);
  });

  it("crosses the fall-back overlap of America/New_York exactly", () => {
    expect(addHours(newYork(), "2026-10-31T23:00:00-04:00", 4)).toBe("2026-11-01T02:00:00-05:00");
    expect(addHours(newYork(), "2026-11-01T01:30:00-04:00", 1)).toBe("2026-11-01T01:30:00-05:00");
  });

  it("goes back with negative hours and writes the result in the calendar's zone", () => {
    expect(addHours(spring, "2026-02-10T01:00:00Z", -4)).toBe("2026-02-10T05:00:00+08:00");
    expect(addHours(spring, "2026-02-10T09:00:00+08:00", 24)).toBe("2026-02-11T09:00:00+08:00");
  });

  it("§7: refuses fractional hours with an InputError at (hours)", () => {
    expect(() => addHours(spring, "2026-02-10T09:00:00+08:00", 0.5)).toThrowError(
      /\(hours\): must be a whole number/,
    );
  });
});

describe("writing an instant in the calendar's zone", () => {
  it("uses the offset in force at that instant, milliseconds at most", () => {
    const calendar = newYork();
    expect(inCalendarZone(calendar, "2026-01-15T12:00:00Z")).toBe("2026-01-15T07:00:00-05:00");
    expect(inCalendarZone(calendar, "2026-07-15T12:00:00Z")).toBe("2026-07-15T08:00:00-04:00");
    expect(inCalendarZone(calendar, "2026-07-15T12:00:00.123456Z")).toBe(
      "2026-07-15T08:00:00.123-04:00",
    );
  });
});
