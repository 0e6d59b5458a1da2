import { Temporal } from "temporal-polyfill";
import * as z from "zod";
import { SLA_POLICY_FIELDS } from "../domain/policy.js";
import { timestamp } from "./calendarWire.js";
import { policySchema } from "./policyWire.js";
import { id } from "./primitives.js";

/*
 * The JSON contract of the SLA clocks (R-SLA-3, R-SLA-4): after-sales requests
 * and the instant the clocks are read at.
 */

/** An after-sales request `{ id, order, openedAt, answeredAt? }`, never answered before it opened. */
const afterSalesRequestWire = z
  .strictObject({
    id,
    order: id,
    openedAt: timestamp,
    answeredAt: timestamp.optional(),
  })
  .superRefine((request, ctx) => {
    if (
      request.answeredAt !== undefined &&
      Temporal.Instant.compare(
        Temporal.Instant.from(request.answeredAt),
        Temporal.Instant.from(request.openedAt),
      ) < 0
    ) {
      ctx.addIssue({
        code: "custom",
        params: { code: "inconsistent" },
        path: ["answeredAt"],
        message: `must not be before openedAt (${request.openedAt})`,
      });
    }
  });

/**
 * An after-sales request (退换货申请) as a caller writes it (R-SLA-3).
 *
 * @interface
 */
export type AfterSalesRequestInput = z.input<typeof afterSalesRequestWire>;

/** What the clocks are read with, less the calendar (parsed on its own): `at`, requests, policy. */
export const slaOptionsWire = z.object({
  at: timestamp,
  requests: z.array(afterSalesRequestWire).default([]),
  policy: policySchema(SLA_POLICY_FIELDS).optional(),
});
