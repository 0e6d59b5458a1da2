import { Temporal } from "temporal-polyfill";
import * as z from "zod";
import { isoDate } from "./primitives.js";

/*
 * The JSON contract of a working-day calendar (R-SLA-2) and of a timestamp
 * (R-UNIT-3). Time-zone names and instants are checked with the same Temporal
 * implementation that later computes with them, so whatever passes here works
 * there.
 */

const DATETIME = z.iso.datetime({ offset: true });

/** R-UNIT-3: an ISO 8601 date-time with an offset (`Z` or `±HH:MM`) that names an instant. */
export function isTimestamp(text: string): boolean {
  if (!DATETIME.safeParse(text).success) return false;
  try {
    Temporal.Instant.from(text);
    return true;
  } catch {
    // more than nine fractional digits: finer than Temporal's nanoseconds
    return false;
  }
}

/** R-UNIT-3: a timestamp, `2026-02-10T09:00:00+08:00`. */
export const timestamp = z
  .string({
    error: (issue) =>
      issue.input === undefined ? "is required" : "must be an ISO 8601 date-time with an offset",
  })
  .refine(isTimestamp, {
    params: { code: "invalid_date" },
    message:
      "must be an existing ISO 8601 date-time with an offset, such as 2026-02-10T09:00:00+08:00",
  });

/**
 * The IANA name of `text` as the runtime's time-zone data spells it
 * (`asia/shanghai` → `Asia/Shanghai`), or undefined for an unknown zone. A
 * bare offset such as `+08:00` is refused: it has no daylight-saving rules.
 */
function ianaTimeZone(text: string): string | undefined {
  if (/^[+-]/.test(text)) return undefined;
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(text).timeZoneId;
  } catch {
    return undefined;
  }
}

const dates = z.array(isoDate).default([]);

/** A working-day calendar `{ timeZone, holidays?, workdays? }`, its dates checked across both lists. */
export const calendarWire = z
  .strictObject({
    timeZone: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? "is required"
            : "must be an IANA time zone such as Asia/Shanghai",
      })
      .refine((text) => ianaTimeZone(text) !== undefined, {
        params: { code: "invalid_value" },
        error: (issue) =>
          `must be an IANA time zone such as Asia/Shanghai, got ${JSON.stringify(issue.input)}`,
      })
      .transform((text) => ianaTimeZone(text) ?? text),
    holidays: dates,
    workdays: dates,
  })
  .superRefine((calendar, ctx) => {
    const holidays = new Map<string, number>();
    calendar.holidays.forEach((date, index) => {
      const first = holidays.get(date);
      if (first === undefined) holidays.set(date, index);
      else
        ctx.addIssue({
          code: "custom",
          params: { code: "duplicate_key" },
          path: ["holidays", index],
          message: `${date} is already holidays[${first}]`,
        });
    });
    const workdays = new Map<string, number>();
    calendar.workdays.forEach((date, index) => {
      const first = workdays.get(date);
      const holiday = holidays.get(date);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          params: { code: "duplicate_key" },
          path: ["workdays", index],
          message: `${date} is already workdays[${first}]`,
        });
      } else if (holiday !== undefined) {
        ctx.addIssue({
          code: "custom",
          params: { code: "inconsistent" },
          path: ["workdays", index],
          message: `${date} is also holidays[${holiday}]: a date is a holiday or a make-up working day, not both`,
        });
      }
      workdays.set(date, first ?? index);
    });
  });

/**
 * A working-day calendar as a caller writes it.
 *
 * @interface
 */
export type WorkCalendarInput = z.input<typeof calendarWire>;
