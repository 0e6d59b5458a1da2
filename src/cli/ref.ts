import type { AllocationPlan, ExplainRef } from "../index.js";

/*
 * The demand `fenhuo explain` is asked about, as written on the command line:
 *   SO-1#2                   order SO-1, line 2
 *   store:SZ-001/T100-RED-M  store SZ-001's need for T100-RED-M
 *   region:shenzhen/T100-RED-M
 */

/** The ref forms, for messages and help. */
export const REF_FORMS = "ORDER#LINE, store:STORE/SKU or region:REGION/SKU";

/**
 * Every reading of `text` as a demand, most likely first; empty when it is
 * none of the forms. An id may itself hold a `/` (or an order id a `#`), so
 * `store:A/B/C` reads as (A, B/C) or (A/B, C): {@link chooseRef} picks the
 * one the plan knows.
 */
export function refReadings(text: string): ExplainRef[] {
  for (const kind of ["store", "region"] as const) {
    const prefix = `${kind}:`;
    if (!text.startsWith(prefix)) continue;
    const rest = text.slice(prefix.length);
    const readings: ExplainRef[] = [];
    for (let at = rest.indexOf("/"); at !== -1; at = rest.indexOf("/", at + 1)) {
      const id = rest.slice(0, at);
      const sku = rest.slice(at + 1);
      if (id === "" || sku === "") continue;
      readings.push(kind === "store" ? { kind, store: id, sku } : { kind, region: id, sku });
    }
    return readings;
  }
  const hash = text.lastIndexOf("#");
  if (hash <= 0) return [];
  const order = text.slice(0, hash);
  const line = text.slice(hash + 1);
  if (!/^[1-9]\d*$/.test(line) || !Number.isSafeInteger(Number(line))) return [];
  return [{ kind: "order-line", order, line: Number(line) }];
}

/** Of several readings, the first one a decision or row of the plan concerns; else the first. */
export function chooseRef(
  readings: readonly ExplainRef[],
  plan: Pick<AllocationPlan, "trace" | "unfilled">,
): ExplainRef | undefined {
  if (readings.length <= 1) return readings[0];
  const known = (ref: ExplainRef): boolean =>
    [...plan.trace, ...plan.unfilled].some((row) =>
      ref.kind === "store"
        ? row.kind === "store" && row.store === ref.store && row.sku === ref.sku
        : ref.kind === "region"
          ? row.kind === "region" && row.region === ref.region && row.sku === ref.sku
          : row.kind === "order-line" && row.order === ref.order && row.line === ref.line,
    );
  return readings.find(known) ?? readings[0];
}
