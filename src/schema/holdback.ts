import type { z } from "zod";
import type { Holdback, HoldFor } from "../domain/types.js";
import type { Path } from "./issues.js";
import type { LockContext } from "./references.js";
import type { Row } from "./rows.js";
import type { holdbackWire } from "./wire.js";

/*
 * R-HOLD: the `holdback` rows of an input against its products and regions,
 * for both parsers (parseInput.ts and the fast path, fastInput.ts): each row
 * names a known SKU and, when held for a region, a known region, and no
 * (SKU, channel) pair is given twice.
 */

/** The key of a row's channel: `direct`, `none` or `region:<id>`. */
export function holdKey(holdFor: HoldFor): string {
  return typeof holdFor === "string" ? holdFor : `region:${holdFor.region}`;
}

/**
 * Checks the holdback rows across the input and returns them as trusted
 * {@link Holdback}s (only used when no issue was found).
 */
export function checkHoldback(
  rows: readonly Row<z.output<typeof holdbackWire>>[],
  known: { readonly products: ReadonlySet<string>; readonly regions: ReadonlySet<string> },
  { refs, issues }: LockContext,
): Holdback[] {
  const seen = new Map<string, number>();
  const out: Holdback[] = [];
  for (const { index, value } of rows) {
    const path: Path = ["holdback", index];
    refs.check(known.products, "products", value.sku, [...path, "sku"]);
    const holdFor: HoldFor =
      typeof value.for === "string" ? value.for : { region: value.for.region };
    if (typeof holdFor !== "string")
      refs.check(known.regions, "regions", holdFor.region, [...path, "for", "region"]);
    const key = JSON.stringify([value.sku, holdKey(holdFor)]);
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, index);
    else {
      issues.push({
        path: [...path, "for"],
        code: "duplicate_key",
        message: `holdback[${earlier}] already holds ${JSON.stringify(value.sku)} for ${holdKey(holdFor)}`,
      });
    }
    out.push({ sku: value.sku, quantity: value.quantity, for: holdFor });
  }
  return out;
}
