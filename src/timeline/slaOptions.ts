import { Temporal } from "temporal-polyfill";
import { SLA_POLICY_FIELDS, type SlaPolicy } from "../domain/policy.js";
import type { SalesOrder } from "../lifecycle/order.js";
import { isTimestamp, type WorkCalendarInput } from "../schema/calendarWire.js";
import { type Issue, type Path, under } from "../schema/issues.js";
import { completePolicy } from "../schema/policyWire.js";
import { firstIndexes } from "../schema/references.js";
import { type AfterSalesRequestInput, slaOptionsWire } from "../schema/slaWire.js";
import { check, collect } from "../schema/zodIssues.js";
import { safeParseWorkCalendar, type WorkCalendar } from "./calendar.js";

/*
 * What the SLA clocks are read with: the instant, the calendar, the
 * after-sales requests and the limits, checked once with every problem listed.
 */

/** What the clocks are read with: the instant, the calendar and the after-sales requests. */
export interface SlaOptions {
  /** The instant the clocks are read at: an ISO 8601 date-time with an offset. */
  readonly at: string;
  /**
   * The working-day calendar (R-SLA-2), from {@link parseWorkCalendar} or as
   * its JSON `{ timeZone, holidays?, workdays? }` (read the same way); every
   * instant out is written in its zone.
   */
  readonly calendar: WorkCalendar | WorkCalendarInput;
  /** After-sales requests `{ id, order, openedAt, answeredAt? }` (R-SLA-3), validated. */
  readonly requests?: readonly AfterSalesRequestInput[];
  /** Limits other than `DEFAULT_SLA_POLICY`'s. */
  readonly policy?: Partial<SlaPolicy>;
}

/** Options once read: the instant in milliseconds, requests of sound shape, the full policy. */
export interface ReadOptions {
  readonly atMs: number;
  readonly calendar: WorkCalendar;
  readonly requests: readonly {
    readonly id: string;
    readonly order: string;
    readonly openedAt: string;
    readonly answeredAt?: string | undefined;
  }[];
  readonly policy: SlaPolicy;
}

export function readOptions(options: SlaOptions, issues: Issue[]): ReadOptions | undefined {
  // The calendar is read as parseWorkCalendar reads it (sorted, checked), whatever the caller passed.
  const calendar = safeParseWorkCalendar(
    typeof options === "object" && options !== null ? options.calendar : undefined,
  );
  if (!calendar.ok) {
    issues.push(...under(["calendar"], calendar.issues));
  }
  const given = collect(check(slaOptionsWire, options), issues);
  if (given === undefined || !calendar.ok) return undefined;
  const place = { list: "requests", field: "id", what: "request" };
  firstIndexes(given.requests, (request) => request.id, place, issues);
  const policy: SlaPolicy = completePolicy(SLA_POLICY_FIELDS, given.policy, ["policy"], issues);
  return {
    atMs: ms(given.at),
    calendar: calendar.value,
    requests: given.requests,
    policy,
  };
}

/** Checks what the clocks read from an order's audit trail: they need a receipt and readable instants. */
export function checkAudit(order: SalesOrder, path: Path, issues: Issue[]): void {
  if (order.audit[0]?.event !== "receive") {
    issues.push({
      path: [...path, "audit", 0, "event"],
      code: "inconsistent",
      message: `order ${JSON.stringify(order.id)}: the audit trail must start with its receipt ("receive")`,
    });
  }
  order.audit.forEach((entry, index) => {
    if (!isTimestamp(entry.at)) {
      issues.push({
        path: [...path, "audit", index, "at"],
        code: "invalid_date",
        message: "must be an ISO 8601 date-time with an offset",
      });
    }
  });
}

/** An instant in epoch milliseconds (sub-millisecond digits dropped). */
export function ms(instant: string): number {
  return Temporal.Instant.from(instant).epochMilliseconds;
}
