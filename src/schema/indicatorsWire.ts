import * as z from "zod";
import { id, quantity } from "./primitives.js";

/*
 * What the indicators (R-KPI-1) read of each sales order: its id, franchisee,
 * audit events and each line's SKU, quantity and buckets. Other fields are let through: the
 * orders are fenhuo's own, only perhaps kept as JSON in between.
 */

const bucket = quantity;

/** The orders the indicators are computed over: ids unique, buckets whole units. */
export const indicatorOrdersWire = z
  .array(
    z.object({
      id,
      franchisee: id,
      audit: z.array(z.object({ event: z.string() })),
      lines: z.array(
        z.object({
          sku: id,
          quantity,
          buckets: z.object({
            open: bucket,
            locked: bucket,
            accepted: bucket,
            cancelled: bucket,
          }),
        }),
      ),
    }),
  )
  .superRefine((orders, ctx) => {
    const first = new Map<string, number>();
    orders.forEach((order, index) => {
      const seen = first.get(order.id);
      if (seen === undefined) first.set(order.id, index);
      else
        ctx.addIssue({
          code: "custom",
          params: { code: "duplicate_key" },
          path: [index, "id"],
          message: `order ${JSON.stringify(order.id)} is already orders[${seen}]`,
        });
    });
  });
